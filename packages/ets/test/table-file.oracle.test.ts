/**
 * Differential tests of `tab2file`/`file2tab`/`tabfile_info` against real Erlang/OTP, through
 * files in a directory both sides see (under the chroot's `/tmp` for OTP 27, `/tmp` itself for
 * OTP 25 on PATH):
 * - files written by erl (every table type, each `extended_info`) are read by us, with and
 *   without verify, to the objects erl stored, and `tabfile_info` agrees;
 * - files written by us are read by erl's `ets:file2tab` (with and without verify) to the same
 *   sorted object list and table options;
 * - damaged copies of a file (truncated at many lengths, a byte flipped at many offsets) give the
 *   same result on both sides: the same objects, the same `{error, Reason}`, or an exception.
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { atom, compare, decode, encode, List, list, type Term, type Tuple } from '@tsunami/core';
import { termArbitrary } from '@tsunami/core/testing';
import { hasBehaviour, withOracle } from '@tsunami/oracle';
import fc from 'fast-check';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { CLOSED_FILE_HEAD, logItem } from '../src/disk-log-format.js';
import { createEts, type Ets, type TableId, type TableType } from '../src/index.js';

const TYPES: readonly TableType[] = ['set', 'ordered_set', 'bag', 'duplicate_bag'];
const EXTENDED: ReadonlyArray<ReadonlyArray<'object_count' | 'md5sum'>> = [
  [],
  ['object_count'],
  ['md5sum'],
  ['object_count', 'md5sum'],
];
const ok = atom('ok');

/** Objects from a fixed seed: every kind of term but pids, ports and references. */
const OBJECTS: readonly Tuple[] = fc.sample(
  fc
    .tuple(
      termArbitrary({ maxDepth: 2, withIdentifiers: false }),
      fc.array(termArbitrary({ maxDepth: 2, withIdentifiers: false }), { maxLength: 3 }),
    )
    .map(([key, rest]): Tuple => [key, ...rest]),
  { numRuns: 120, seed: 27 },
);

/** An Erlang expression for `term`: its ETF bytes, decoded by erl. */
const erlangTerm = (term: Term): string => `binary_to_term(<<${[...encode(term)].join(',')}>>)`;
/** Terms as their ETF bytes (our encoder), sorted by term order. */
const wire = (objects: readonly Term[]): number[][] =>
  [...objects].sort(compare).map((object) => [...encode(object)]);
const itemsOf = (term: Term): readonly Term[] => (term instanceof List ? term.items : []);

withOracle('tab2file and file2tab against erl', (oracle) => {
  const name = `tsunami-tabfile-${process.pid}`;
  let ourDirectory = '';
  const erlDirectory = `/tmp/${name}`;
  beforeAll(() => {
    const root = oracle().installation.root;
    ourDirectory = root === undefined ? erlDirectory : join(root, 'tmp', name);
    mkdirSync(ourDirectory, { recursive: true });
  });
  afterAll(() => rmSync(ourDirectory, { recursive: true, force: true }));

  function ourTable(ets: Ets, type: TableType): TableId {
    const tab = ets.new(atom('t'), { type, access: 'public' });
    ets.insert(tab, list(...OBJECTS));
    return tab;
  }

  it('reads files written by erl, for every type and extended_info', async () => {
    const cases = TYPES.flatMap((type) =>
      EXTENDED.map((extended, index) => ({ type, extended, file: `erl-${type}-${index}.tab` })),
    );
    const writes = cases.map(
      ({ type, extended, file }) =>
        `fun() -> T = ets:new(t, [${type}, public]), ets:insert(T, Objects),` +
        ` ok = ets:tab2file(T, "${erlDirectory}/${file}", [{extended_info, [${extended.join(',')}]}]),` +
        ` ets:delete(T), ets:tabfile_info("${erlDirectory}/${file}") end()`,
    );
    const reply = await oracle().evaluate(
      `Objects = ${erlangTerm(list(...OBJECTS))}, term_to_binary([${writes.join(', ')}]).`,
    );
    const infos = itemsOf(decode(reply));
    cases.forEach(({ type, file }, index) => {
      const ets = createEts();
      const expected = wire(ets.tab2list(ourTable(ets, type)));
      const path = join(ourDirectory, file);
      const info = ets.tabfileInfo(path);
      expect(info[0]).toBe(ok);
      const erlInfo = infos[index] as Tuple;
      expect(erlInfo[0]).toBe(ok);
      expect(wire([list(...(info[1] as Term[]))])).toEqual(wire([erlInfo[1]!]));
      for (const verify of [false, true]) {
        const result = ets.file2tab(path, { verify });
        expect(result[0], `${file} verify ${verify}`).toBe(ok);
        const table = result[1] as TableId;
        expect(wire(ets.tab2list(table))).toEqual(expected);
        expect(ets.info(table, 'type')).toBe(atom(type));
        ets.delete(table);
      }
    });
  });

  it('writes files erl reads, for every type and extended_info', async () => {
    const ets = createEts();
    const cases = TYPES.flatMap((type) =>
      EXTENDED.map((extended, index) => ({ type, extended, file: `ours-${type}-${index}.tab` })),
    );
    const expected: number[][][] = [];
    for (const { type, extended, file } of cases) {
      const tab = ourTable(ets, type);
      expect(ets.tab2file(tab, join(ourDirectory, file), { extendedInfo: extended })).toBe(ok);
      expected.push(wire(ets.tab2list(tab)));
      ets.delete(tab);
    }
    const named = ets.new(atom('tsunami_named'), {
      type: 'bag',
      namedTable: true,
      keypos: 2,
      access: 'private',
    });
    ets.insert(named, list([1, atom('a')], [2, atom('a')], [3, atom('b')]));
    ets.tab2file(named, join(ourDirectory, 'ours-named.tab'), { sync: true });
    const reads = cases.flatMap(({ file }) =>
      [false, true].map((verify) => `Read("${erlDirectory}/${file}", ${verify})`),
    );
    const reply = await oracle().evaluate(
      'Read = fun(File, Verify) -> case ets:file2tab(File, [{verify, Verify}]) of ' +
        '{ok, T} -> R = {ok, lists:sort(ets:tab2list(T)), ' +
        '[ets:info(T, I) || I <- [type, keypos, protection, named_table, name]]}, ets:delete(T), R; ' +
        'Other -> Other end end, ' +
        `term_to_binary([Read("${erlDirectory}/ours-named.tab", true), ${reads.join(', ')}]).`,
    );
    const [namedResult, ...results] = itemsOf(decode(reply)) as Tuple[];
    expect(namedResult![0]).toBe(ok);
    expect(wire(itemsOf(namedResult![1]!))).toEqual(wire(ets.tab2list(named)));
    expect(itemsOf(namedResult![2]!)).toEqual([
      atom('bag'),
      2,
      atom('private'),
      true,
      atom('tsunami_named'),
    ]);
    cases.forEach(({ type, file }, index) => {
      for (const verify of [0, 1]) {
        const result = results[index * 2 + verify]!;
        expect(result[0], `${file} verify ${verify}`).toBe(ok);
        expect(wire(itemsOf(result[1]!))).toEqual(expected[index]);
        expect(itemsOf(result[2]!)).toEqual([atom(type), 1, atom('public'), false, atom('t')]);
      }
    });
  });

  /**
   * Writes `files` and compares `file2tab` (with and without verify) and `tabfile_info` on each,
   * here and in erl: the same objects, the same `{error, Reason}` (file names left out), or an
   * exception on both sides. Every failed read must leave no table behind.
   */
  async function compareFiles(
    ets: Ets,
    mutations: ReadonlyArray<{ readonly file: string; readonly bytes: Uint8Array }>,
    summarized = false,
  ): Promise<void> {
    const tablesBefore = ets.all();
    // A large table's objects are compared by key and arity, to keep the reply small.
    const summary = (objects: readonly Tuple[]): List =>
      list(...(summarized ? objects.map((object): Term => [object[0]!, object.length]) : objects));
    for (const { file, bytes } of mutations) writeFileSync(join(ourDirectory, file), bytes);
    const normalized = (run: () => Term): Term => {
      try {
        const result = run() as Tuple;
        if (result[0] !== ok) return result;
        const value = result[1]!;
        if (Array.isArray(value)) return [ok, list(...(value as Term[]))];
        const loaded = ets.tab2list(value as TableId).sort(compare);
        ets.delete(value as TableId);
        return [ok, summary(loaded)];
      } catch {
        return atom('exception');
      }
    };
    const reads = mutations.flatMap(({ file }) =>
      [false, true].map((verify) => `Read("${erlDirectory}/${file}", ${verify})`),
    );
    const infos = mutations.map(({ file }) => `Info("${erlDirectory}/${file}")`);
    const reply = await oracle().evaluate(
      (summarized
        ? 'Summary = fun(L) -> [{element(1, O), tuple_size(O)} || O <- L] end, '
        : 'Summary = fun(L) -> L end, ') +
        'Clean = fun({error, {read_error, {Kind, _, Posix}}}) -> {error, {read_error, {Kind, file, Posix}}}; ' +
        '({error, {read_error, {Kind, _}}}) -> {error, {read_error, {Kind, file}}}; ' +
        '(Other) -> Other end, ' +
        'Read = fun(File, Verify) -> case catch ets:file2tab(File, [{verify, Verify}]) of ' +
        '{ok, T} -> R = {ok, Summary(lists:sort(ets:tab2list(T)))}, ets:delete(T), R; ' +
        "{'EXIT', _} -> exception; " +
        'Other -> Clean(Other) end end, ' +
        "Info = fun(File) -> case catch ets:tabfile_info(File) of {'EXIT', _} -> exception; " +
        'Other -> Clean(Other) end end, ' +
        `term_to_binary({[${reads.join(', ')}], [${infos.join(', ')}]}).`,
    );
    const [theirReads, theirInfos] = decode(reply) as Tuple;
    const readResults = itemsOf(theirReads!);
    const infoResults = itemsOf(theirInfos!);
    const file = atom('file');
    const withoutFilename = (term: Term): Term => {
      const result = term as Tuple;
      if (result[0] !== atom('error') || !Array.isArray(result[1])) return term;
      const [kind, detail] = result[1] as Tuple;
      if (kind !== atom('read_error') || !Array.isArray(detail)) return term;
      const [reason, , posix] = detail as Tuple;
      return [
        atom('error'),
        [kind, detail.length === 3 ? [reason!, file, posix!] : [reason!, file]],
      ];
    };
    mutations.forEach(({ file: name }, index) => {
      const path = join(ourDirectory, name);
      for (const verify of [0, 1]) {
        const ours = withoutFilename(
          normalized(() => ets.file2tab(path, { verify: verify === 1 })),
        );
        expect(wire([ours]), `${name} verify ${verify}`).toEqual(
          wire([readResults[index * 2 + verify]!]),
        );
      }
      const info = withoutFilename(normalized(() => ets.tabfileInfo(path)));
      expect(wire([info]), `${name} tabfile_info`).toEqual(wire([infoResults[index]!]));
    });
    expect(ets.all()).toEqual(tablesBefore);
  }

  /**
   * Writes `tab` with each `extended_info`, damages copies (cut every `cutStep` bytes, a byte
   * flipped every `flipStep`), and compares `file2tab` with and without verify, and
   * `tabfile_info`, here and in erl.
   */
  async function compareDamaged(
    ets: Ets,
    tab: TableId,
    label: string,
    steps: { readonly cut: number; readonly flip: number },
    extendedCases: ReadonlyArray<ReadonlyArray<'object_count' | 'md5sum'>> = EXTENDED,
    summarized = false,
  ): Promise<void> {
    const mutations: Array<{ file: string; bytes: Uint8Array }> = [];
    // The header holds the owner pid; a flip there can give a pid that OTP before 27 refuses.
    const wideIdentifiers = hasBehaviour(oracle().installation.version, 'local-identifier-ranges');
    const ownerBytes = encode(ets.info(tab, 'owner')).subarray(1);
    for (const [index, extended] of extendedCases.entries()) {
      const original = join(ourDirectory, `${label}-source-${index}.tab`);
      expect(ets.tab2file(tab, original, { extendedInfo: extended })).toBe(ok);
      const bytes = new Uint8Array(readFileSync(original));
      const ownerAt = Buffer.from(bytes).indexOf(ownerBytes);
      expect(ownerAt).toBeGreaterThan(0);
      for (let length = 0; length < bytes.length; length += steps.cut) {
        const file = `${label}-cut-${index}-${length}.tab`;
        mutations.push({ file, bytes: bytes.slice(0, length) });
      }
      for (let offset = 4; offset < bytes.length; offset += steps.flip) {
        if (!wideIdentifiers && offset >= ownerAt && offset < ownerAt + ownerBytes.length) continue;
        const flipped = bytes.slice();
        flipped[offset] = flipped[offset]! ^ 0x5a;
        mutations.push({ file: `${label}-flip-${index}-${offset}.tab`, bytes: flipped });
      }
    }
    await compareFiles(ets, mutations, summarized);
  }

  it('damaged files: the same objects, reason or exception as erl', async () => {
    const ets = createEts();
    const tab = ets.new(atom('t'), { type: 'set' });
    ets.insert(tab, list(...OBJECTS.slice(0, 12)));
    await compareDamaged(ets, tab, 'small', { cut: 11, flip: 7 });
  });

  it('damaged files of many chunks and a big object: the same as erl', async () => {
    const ets = createEts();
    const tab = ets.new(atom('t'), { type: 'duplicate_bag' });
    const filler = (index: number): Uint8Array => new Uint8Array(400).fill(index % 256);
    ets.insert(
      tab,
      list(...Array.from({ length: 230 }, (_, index): Tuple => [index, filler(index)])),
    );
    ets.insert(tab, [atom('big'), new Uint8Array(70_000).map((_, index) => index % 253)]);
    await compareDamaged(
      ets,
      tab,
      'large',
      { cut: 4099, flip: 1543 },
      [[], ['object_count', 'md5sum']],
      true,
    );
  }, 120_000);

  it('crafted headers, footers and items: the same as erl', async () => {
    const item = (term: Term): Uint8Array => logItem(encode(term));
    /** A version 2 item (before 2(a)): the older magic `<<12,33,44,55>>`. */
    const oldItem = (term: Term): Uint8Array => {
      const binary = encode(term);
      const bytes = new Uint8Array(8 + binary.length);
      new DataView(bytes.buffer).setUint32(0, binary.length);
      bytes.set([12, 33, 44, 55], 4);
      bytes.set(binary, 8);
      return bytes;
    };
    const logFile = (parts: readonly Uint8Array[], head = CLOSED_FILE_HEAD): Uint8Array =>
      Buffer.concat([head, ...parts]);
    const header = (
      overrides: Record<string, Term | undefined> = {},
      first: Tuple[] = [],
    ): Tuple => {
      const fields: Record<string, Term | undefined> = {
        name: atom('crafted'),
        type: atom('set'),
        protection: atom('public'),
        named_table: false,
        keypos: 1,
        size: 2,
        major_version: 1,
        minor_version: 0,
        extended_info: list(),
        ...overrides,
      };
      const pairs = Object.entries(fields)
        .filter(([, value]) => value !== undefined)
        .map(([key, value]): Tuple => [atom(key), value!]);
      return [...first, ...pairs];
    };
    const two = [item([1, atom('a')]), item([2, atom('b')])];
    const marker = (footer: Term[]): Term => list(atom('$end_of_table'), list(...footer));
    const counted = { extended_info: list(atom('object_count')) };
    const cases: Record<string, Uint8Array> = {
      major2: logFile([item(header({ major_version: 2, minor_version: 3 })), ...two]),
      noSize: logFile([item(header({ size: undefined })), ...two]),
      namedMaybe: logFile([item(header({ named_table: atom('maybe') })), ...two]),
      namedTrue: logFile([
        item(header({ name: atom('crafted_named'), named_table: true })),
        ...two,
      ]),
      options: logFile([
        item(header({ compressed: true, write_concurrency: atom('auto'), read_concurrency: true })),
        ...two,
      ]),
      compressedMaybe: logFile([item(header({ compressed: atom('maybe') })), ...two]),
      notTuple: logFile([item(list(...header())), ...two]),
      nonTupleObject: logFile([item(header()), item([1]), item(atom('x'))]),
      markerThenObject: logFile([
        item(header(counted)),
        item([1]),
        item(marker([[atom('count'), 1]])),
        item([2]),
      ]),
      keyposBeyond: logFile([item(header({ keypos: 2 })), item([1]), item([2])]),
      openedHead: logFile([item(header()), ...two], Uint8Array.from([1, 2, 3, 4, 6, 7, 8, 9])),
      badHead: logFile([item(header()), ...two], Uint8Array.from([1, 2, 3, 4, 6, 7, 8, 0])),
      oldMagic: logFile([oldItem(header()), oldItem([1, atom('a')]), oldItem([2, atom('b')])]),
      nameTriple: logFile([item(header({}, [[atom('name'), atom('a'), atom('b')]])), ...two]),
      extendedNotList: logFile([item(header({ extended_info: atom('md5sum') })), ...two]),
      sizeWrong: logFile([item(header({ size: 5 })), ...two]),
      countWrong: logFile([item(header(counted)), ...two, item(marker([[atom('count'), 3]]))]),
      md5Wrong: logFile([
        item(header({ extended_info: list(atom('md5sum')) })),
        ...two,
        item(marker([[atom('md5'), new Uint8Array(16)]])),
      ]),
      footerMissing: logFile([item(header(counted)), ...two]),
      garbageBetween: logFile([item(header()), two[0]!, Uint8Array.from([9, 9, 9]), two[1]!]),
      undecodableObject: logFile([
        item(header()),
        two[0]!,
        logItem(Uint8Array.from([131, 200])),
        two[1]!,
      ]),
      typeInvalid: logFile([item(header({ type: atom('tree') })), ...two]),
      nameNotAtom: logFile([item(header({ name: 'crafted' })), ...two]),
      headerOnly: logFile([item(header({ size: 0 }))]),
      headOnly: logFile([]),
    };
    const files = Object.entries(cases).map(([name, bytes]) => ({
      file: `crafted-${name}.tab`,
      bytes,
    }));
    await compareFiles(createEts(), files);
  });

  it('writes the same bytes as erl after the header (which holds pids and references)', async () => {
    // No atoms in the objects: OTP 25 writes atoms as ATOM_EXT, 26+ as SMALL_ATOM_UTF8_EXT.
    const objects: Tuple[] = [
      [1, 'one', 1.5],
      [2, list(1, 2, 3), [3, new Uint8Array([0, 255])]],
      [300, 2n ** 70n, -5],
      [list(), 'x'.repeat(300)],
    ];
    const erlFile = 'bytes-erl.tab';
    await oracle().evaluate(
      `T = ets:new(t, [ordered_set]), ets:insert(T, ${erlangTerm(list(...objects))}), ` +
        `ok = ets:tab2file(T, "${erlDirectory}/${erlFile}", [{extended_info, [object_count]}]), ` +
        'ets:delete(T), <<>>.',
    );
    const ets = createEts();
    const tab = ets.new(atom('t'), { type: 'ordered_set' });
    ets.insert(tab, list(...objects));
    const ourFile = join(ourDirectory, 'bytes-ours.tab');
    expect(ets.tab2file(tab, ourFile, { extendedInfo: ['object_count'] })).toBe(ok);
    /** The items after the header, as byte arrays. */
    const itemsAfterHeader = (bytes: Uint8Array): number[][] => {
      expect([...bytes.subarray(0, 8)]).toEqual([1, 2, 3, 4, 99, 88, 77, 11]);
      const items: number[][] = [];
      for (let offset = 8; offset < bytes.length; ) {
        const size = Buffer.from(bytes).readUInt32BE(offset);
        items.push([...bytes.subarray(offset, offset + 8 + size)]);
        offset += 8 + size;
      }
      return items.slice(1);
    };
    const ours = itemsAfterHeader(new Uint8Array(readFileSync(ourFile)));
    const theirs = itemsAfterHeader(new Uint8Array(readFileSync(join(ourDirectory, erlFile))));
    expect(ours).toHaveLength(objects.length + 1);
    expect(ours.slice(0, -1)).toEqual(theirs.slice(0, -1));
    // The footer, ['$end_of_table', [{count, 4}]], has atoms.
    if (hasBehaviour(oracle().installation.version, 'etf-utf8-atoms')) {
      expect(ours.at(-1)).toEqual(theirs.at(-1));
    }
  });
});
