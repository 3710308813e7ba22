/**
 * Ported from `ets_SUITE.erl`: the `files` group (`tab2file`, `tab2file2`, `tabfile_ext1` to
 * `tabfile_ext4`, `badfile`), `info` and `dups` of the `misc` group.
 *
 * The table-file cases damage files on purpose through `disk_log` as OTP's do; here the files
 * are read and rewritten by `../disk-log.ts`, independent of the implementation under test.
 */
import { closeSync, existsSync, openSync, readSync, rmSync, statSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { type Atom, atom, compare, list, Reference, type Term, type Tuple } from '@tsunami/core';
import type { TableId, TableOptions, TabToFileOptions } from '@tsunami/ets';
import type { EtsApi } from '../adapter.js';
import {
  type CaseContext,
  charList,
  defineCase,
  infoItem,
  integerToList,
  makeTable,
  type PortedCase,
} from '../case.js';
import { badarg, CaseFailure, ensure, same } from '../check.js';
import { readLogTerms, writeLogTerms } from '../disk-log.js';
import {
  ALL_SET_TABLE_TYPES,
  type OptionItem,
  optionItems,
  optionSets,
  repeatForOpts,
} from '../options.js';

const a = atom;
const ok = a('ok');
const error = a('error');

/** A value the type system forbids, as a bad Erlang argument is. */
const unchecked = <T>(value: unknown): T => value as T;

/** OTP's `void` item of an explicit option generator: no option. */
const VOID: OptionItem = { label: '', options: {} };

/** Sorts terms in Erlang's term order (`lists:sort/1`). */
const sorted = (terms: readonly Term[]): Term[] => [...terms].sort(compare);

/** `{ok, Value} = Result`: the value of an `{ok, Value}` tuple. */
function okValue(result: Term, what: string): Term {
  if (!Array.isArray(result) || result.length !== 2 || result[0] !== ok) {
    throw new CaseFailure(`${what}: expected {ok, _}, got ${String(result)}`);
  }
  return result[1] as Term;
}

/** `{error, _} = Result`. */
function ensureError(result: Term, what: string): Term {
  if (!Array.isArray(result) || result.length !== 2 || result[0] !== error) {
    throw new CaseFailure(`${what}: expected {error, _}, got ${String(result)}`);
  }
  return result[1] as Term;
}

/** `lists:sort(ets:tab2list(element(2, ets:file2tab(File, Options))))`, deleting the table. */
async function loadedObjects(
  ets: EtsApi,
  file: string,
  options: { verify?: boolean } = {},
): Promise<Term[]> {
  const table = okValue(await ets.file2tab(file, options), `file2tab(${file})`) as TableId;
  const objects = sorted(await ets.tab2list(table));
  await ets.delete(table);
  return objects;
}

/** `lists:keyfind(Key, 1, TupleList)` over the pairs of a header or an info list. */
function keyFind(pairs: readonly Term[], key: string): Tuple | undefined {
  return pairs.find((pair) => Array.isArray(pair) && pair[0] === a(key)) as Tuple | undefined;
}

// ---- files ----

/** `tab2file_do(FName, Opts, TableType)`: an empty table written, read back, its options kept. */
async function tab2fileDo(
  ets: EtsApi,
  file: string,
  options: TabToFileOptions,
  typeItem: OptionItem,
): Promise<Term> {
  const [typeSet] = optionSets([[typeItem]]);
  const table = await ets.new(
    a('ets_SUITE_foo_tab'),
    typeSet!.with({
      namedTable: true,
      access: 'public',
      keypos: 2,
      compressed: true,
      writeConcurrency: true,
      readConcurrency: true,
    }),
  );
  rmSync(file, { force: true });
  const result = await ets.tab2file(table, file, options);
  same(await ets.delete(table), true);
  if (result !== ok) return result;
  const loaded = okValue(await ets.file2tab(file), 'file2tab') as TableId;
  same(await infoItem(ets, loaded, 'protection'), a('public'), 'protection');
  same(await infoItem(ets, loaded, 'named_table'), true, 'named_table');
  same(await infoItem(ets, loaded, 'keypos'), 2, 'keypos');
  same(await infoItem(ets, loaded, 'type'), a(typeSet!.with().type ?? 'set'), 'type');
  same(await infoItem(ets, loaded, 'compressed'), true, 'compressed');
  same(await infoItem(ets, loaded, 'read_concurrency'), true, 'read_concurrency');
  same(await infoItem(ets, loaded, 'write_concurrency'), true, 'write_concurrency');
  same(await ets.delete(loaded), true);
  return result;
}

const tab2file = defineCase(
  'tab2file',
  ['tab2file'],
  async ({ ets, privateDirectory }) => {
    const file = join(privateDirectory, 'tab2file_case');
    for (const typeItem of [optionItems.set, optionItems.orderedSet, optionItems.catOrdSet]) {
      same(await tab2fileDo(ets, file, {}, typeItem), ok, `tab2file of ${typeItem.label}`);
    }
    same(await tab2fileDo(ets, file, { sync: true }, optionItems.set), ok, '{sync,true}');
    same(await tab2fileDo(ets, file, { sync: false }, optionItems.set), ok, '{sync,false}');
    ensureError(
      await tab2fileDo(ets, file, unchecked<TabToFileOptions>({ sync: a('yes') }), optionItems.set),
      'tab2file with {sync,yes}',
    );
    ensureError(
      await tab2fileDo(ets, file, unchecked<TabToFileOptions>(list(a('sync'))), optionItems.set),
      'tab2file with [sync]',
    );
  },
  'stim_cat_ord_set (a debug-split CA tree) and the erlang:system_info(smp_support) reading',
);

/** The items `fill_tab2` stores, by `Num rem 10` (a fun's place taken by a tuple). */
function fillTab2Item(value: number, num: number): Term {
  const testList = [
    8,
    5,
    4,
    1,
    58,
    125,
    255,
    250,
    245,
    240,
    235,
    230,
    num % 255,
    255,
    125,
    130,
  ].concat([135, 140, 145, 150, 134, 12, 54, value % 255, 12, 3, 6, 9, 126]);
  switch (num % 10) {
    case 0:
      return charList('String');
    case 1:
      return a('some_crazy_atom');
    case 2:
      return [a('just'), a('Some'), a('Tuple'), 1, list(a('list'), a('item')), value + num];
    case 3:
      return 2846287468 + num;
    case 4:
      return 187263.18236 - value;
    case 5:
    case 7:
      // A heap binary, and a sub-binary of the same bytes: one value outside the BEAM.
      return Uint8Array.from(testList);
    case 6:
      return Uint8Array.from([num % 256, ...Array.from({ length: 66 }, (_, index) => index + 1)]);
    case 8:
      return list(...testList);
    default:
      return [a('fun'), value, num];
  }
}

/** `fill_tab2(Tab, 0, Count)`: `{Item, Val}` for Val from 0, as one list insert. */
async function fillTab2(ets: EtsApi, table: TableId, count: number): Promise<void> {
  const objects: Term[] = [];
  for (let value = 0, num = count; num > 0; value += 1, num -= 1) {
    objects.push([fillTab2Item(value, num), value]);
  }
  same(await ets.insert(table, list(...objects)), true, 'fill_tab2');
}

const tab2file2 = defineCase(
  'tab2file2',
  ['tab2file'],
  async ({ ets, privateDirectory }) => {
    const file = join(privateDirectory, 'tab2file2_case');
    await repeatForOpts(
      async (options) => {
        const table = await ets.new(
          a('ets_SUITE_foo_tab'),
          options.with({ namedTable: true, access: 'private', keypos: 2 }),
        );
        await fillTab2(ets, table, 10000);
        const length = (await ets.tab2list(table)).length;
        const memory = await infoItem(ets, table, 'memory');
        const type = await infoItem(ets, table, 'type');
        same(await ets.tab2file(table, file), ok, 'tab2file');
        same(await ets.delete(table), true);
        const loaded = okValue(await ets.file2tab(file), 'file2tab') as TableId;
        same(await infoItem(ets, loaded, 'protection'), a('private'), 'protection');
        same(await infoItem(ets, loaded, 'named_table'), true, 'named_table');
        same(await infoItem(ets, loaded, 'keypos'), 2, 'keypos');
        same(await infoItem(ets, loaded, 'type'), type, 'type');
        same((await ets.tab2list(loaded)).length, length, 'objects read back');
        same(await infoItem(ets, loaded, 'memory'), memory, 'memory of the table read back');
        same(await ets.delete(loaded), true);
      },
      [[optionItems.catOrdSet, optionItems.set, optionItems.bag], 'compressed'],
    );
  },
  "stim_cat_ord_set; fill_tab2's fun values (funs cannot be written by Tsunami nor sent to " +
    'the OTP adapter) are tuples here, and its 10,000 inserts are one list insert',
);

/** `{X, integer_to_list(X)}` for X in 1..count, inserted one by one. */
async function insertIntegers(ets: EtsApi, table: TableId, count: number): Promise<void> {
  for (let value = 1; value <= count; value += 1) {
    await ets.insert(table, [value, integerToList(value)]);
  }
}

/** The terms of a table file with the object `{8, "8"}` dropped or changed. */
function withoutEight(terms: readonly Term[]): Term[] {
  return terms.filter((term) => !(Array.isArray(term) && term[0] === 8));
}

/** `tabfile_ext1_do`: a dropped object, caught by `object_count` when verifying. */
async function tabfileExt1Do({ ets, privateDirectory }: CaseContext, options: TableOptions) {
  const file = join(privateDirectory, 'nisse.dat');
  const file2 = join(privateDirectory, 'countflip.dat');
  const table = await ets.new(a('x'), options);
  await insertIntegers(ets, table, 10);
  same(await ets.tab2file(table, file, { extendedInfo: ['object_count'] }), ok, 'tab2file');
  const objects = sorted(await ets.tab2list(table));
  same(list(...(await loadedObjects(ets, file))), list(...objects), 'file2tab');
  same(list(...(await loadedObjects(ets, file, { verify: true }))), list(...objects), 'verify');
  const [header, ...rest] = readLogTerms(file) as [Tuple, ...Term[]];
  const size = keyFind(header, 'size');
  ensure(size !== undefined, 'the header has a size');
  const newHeader = header.map((pair) =>
    pair === size ? [a('size'), (size[1] as number) - 1] : pair,
  );
  rmSync(file2, { force: true });
  writeLogTerms(file2, [newHeader, ...withoutEight(rest)]);
  same((await loadedObjects(ets, file2)).length, 9, 'objects read without verifying');
  same(
    await ets.file2tab(file2, { verify: true }),
    [error, a('invalid_object_count')],
    'file2tab with verify',
  );
  okValue(await ets.tabfileInfo(file2), 'tabfile_info of the changed file');
  okValue(await ets.tabfileInfo(file), 'tabfile_info');
  same(await ets.delete(table), true);
}

const tabfileExt1 = defineCase('tabfile_ext1', ['tab2file'], async (context) => {
  await repeatForOpts((options) => tabfileExt1Do(context, options.with()), ALL_SET_TABLE_TYPES);
});

/** `tabfile_ext2_do`: a changed object, caught by `md5sum` when verifying. */
async function tabfileExt2Do({ ets, privateDirectory }: CaseContext, options: TableOptions) {
  const file = join(privateDirectory, 'olle.dat');
  const file2 = join(privateDirectory, 'bitflip.dat');
  const table = await ets.new(a('x'), options);
  await insertIntegers(ets, table, 10);
  same(await ets.tab2file(table, file, { extendedInfo: ['md5sum'] }), ok, 'tab2file');
  const objects = sorted(await ets.tab2list(table));
  same(list(...(await loadedObjects(ets, file))), list(...objects), 'file2tab');
  same(list(...(await loadedObjects(ets, file, { verify: true }))), list(...objects), 'verify');
  const [header, ...rest] = readLogTerms(file);
  const changed = rest.map((term) =>
    Array.isArray(term) && term[0] === 8 ? [8, charList('9')] : term,
  );
  rmSync(file2, { force: true });
  writeLogTerms(file2, [header!, ...changed]);
  const loaded = await loadedObjects(ets, file2);
  ensure(
    loaded.some((object) => compare(object, [8, charList('9')]) === 0),
    'the changed object {8,"9"} is read without verifying',
  );
  same(
    await ets.file2tab(file2, { verify: true }),
    [error, a('checksum_error')],
    'file2tab with verify',
  );
  for (const path of [file2, file]) {
    const info = okValue(await ets.tabfileInfo(path), `tabfile_info(${path})`) as Term[];
    same(keyFind(info, 'extended_info'), [a('extended_info'), list(a('md5sum'))], 'extended_info');
  }
  same(await ets.delete(table), true);
}

const tabfileExt2 = defineCase('tabfile_ext2', ['tab2file'], async (context) => {
  await repeatForOpts((options) => tabfileExt2Do(context, options.with()), ALL_SET_TABLE_TYPES);
});

const tabfileExt3 = defineCase('tabfile_ext3', ['tab2file'], async ({ ets, privateDirectory }) => {
  const name = a('ets_SUITE');
  await repeatForOpts(
    async (options) => {
      const file = join(privateDirectory, 'namn.dat');
      const file2 = join(privateDirectory, 'ncountflip.dat');
      same(await ets.new(name, options.with({ namedTable: true })), name, 'new');
      await insertIntegers(ets, name, 10);
      same(await ets.tab2file(name, file), ok, 'tab2file');
      same(await ets.file2tab(file), [error, a('cannot_create_table')], 'the name is taken');
      same(await ets.delete(name), true);
      same(await ets.file2tab(file), [ok, name], 'file2tab once the name is free');
      same(await ets.delete(name), true);
      const [header, ...rest] = readLogTerms(file);
      rmSync(file2, { force: true });
      writeLogTerms(file2, [header!, ...withoutEight(rest)]);
      okValue(await ets.file2tab(file2), 'file2tab of the changed file');
      same((await ets.tab2list(name)).length, 9, 'objects read without verifying');
      same(await ets.delete(name), true);
      same(
        await ets.file2tab(file2, { verify: true }),
        [error, a('invalid_object_count')],
        'file2tab with verify',
      );
      await badarg(() => ets.delete(name), 'no table is left behind by a failed file2tab');
      okValue(await ets.tabfileInfo(file2), 'tabfile_info of the changed file');
      okValue(await ets.tabfileInfo(file), 'tabfile_info');
    },
    ['set_types'],
  );
});

/** Bytes `[offset, offset + length)` of `path` (`file:pread`). */
function readBytes(path: string, offset: number, length: number): Uint8Array {
  const descriptor = openSync(path, 'r');
  try {
    const bytes = new Uint8Array(length);
    const count = readSync(descriptor, bytes, 0, length, offset);
    return bytes.subarray(0, count);
  } finally {
    closeSync(descriptor);
  }
}

/** Writes `bytes` at `offset` of `path` (`file:pwrite`). */
function writeBytes(path: string, offset: number, bytes: Uint8Array): void {
  const descriptor = openSync(path, 'r+');
  try {
    writeSync(descriptor, bytes, 0, bytes.length, offset);
  } finally {
    closeSync(descriptor);
  }
}

/** The most bytes `disk_log` reads at a time (one chunk). */
const DISK_LOG_CHUNK_BYTES = 65536;

const tabfileExt4 = defineCase(
  'tabfile_ext4',
  ['tab2file'],
  async ({ ets, privateDirectory }) => {
    await repeatForOpts(
      async (options) => {
        const file = join(privateDirectory, 'bauta.dat');
        const table = await ets.new(a('x'), options.with());
        const objects: Term[] = [];
        for (let value = 1; value <= 10000; value += 1) {
          objects.push([value, integerToList(value)]);
        }
        same(await ets.insert(table, list(...objects)), true);
        same(await ets.tab2file(table, file, { extendedInfo: ['md5sum'] }), ok, 'tab2file');
        same(readLogTerms(file).length, 10002, 'the file logs a header, the objects, an end');
        ensure(statSync(file).size > DISK_LOG_CHUNK_BYTES, 'the file spans several chunks');
        const expected = list(...sorted(await ets.tab2list(table)));
        same(list(...(await loadedObjects(ets, file))), expected, 'file2tab');
        for (let offset = 700; offset <= 800; offset += 1) {
          const bytes = readBytes(file, 0, 1000);
          bytes[offset] = (bytes[offset]! + 1) % 255;
          writeBytes(file, 0, bytes);
          const loaded = await ets.file2tab(file);
          if (Array.isArray(loaded) && loaded[0] === ok) {
            const damaged = loaded[1] as TableId;
            const read = list(...sorted(await ets.tab2list(damaged)));
            await ets.delete(damaged);
            ensure(
              compare(read, expected) !== 0,
              `byte ${offset} changed: file2tab must not read the original table back`,
            );
          }
          ensureError(await ets.file2tab(file, { verify: true }), `verify, byte ${offset} changed`);
          same(await ets.tab2file(table, file, { extendedInfo: ['md5sum'] }), ok, 'rewrite');
        }
        same(await ets.delete(table), true);
        rmSync(file, { force: true });
      },
      ['set_types'],
    );
  },
  "disk_log's chunk count is checked as the file's size; the 10,000 inserts are one list insert",
);

const badfile = defineCase(
  'badfile',
  ['tab2file'],
  async ({ ets, privateDirectory }) => {
    const file = join(privateDirectory, 'badfile');
    const table = await ets.new(a('table'), {});
    same(await ets.insert(table, list([a('a'), 1], [a('b'), 2])), true);
    same(await ets.tab2file(table, file, {}), ok, 'tab2file');
    same(await ets.delete(table), true);
    const [header, ...rest] = readLogTerms(file) as [Tuple, ...Term[]];
    const withoutProtection = header.filter(
      (pair) => !(Array.isArray(pair) && pair[0] === a('protection')),
    );
    rmSync(file);
    writeLogTerms(file, [withoutProtection, ...rest]);
    same(
      await ets.file2tab(file),
      [error, a('badfile')],
      'file2tab of a header without protection',
    );
    same(await ets.tabfileInfo(file), [error, a('badfile')], 'tabfile_info of that file');
    ensure(existsSync(file), 'the file is left as it was');
  },
  "disk_log:all() (no log left open) observes OTP's disk_log server",
);

// ---- misc ----

const info = defineCase(
  'info',
  [],
  async ({ ets, processes }) => {
    const self = await processes.self();
    await repeatForOpts(
      async (options) => {
        const merged = options.with();
        const table = await ets.new(a('foobar'), options.with({ keypos: 2 }));
        const all = (await ets.info(table)) as Array<readonly [Atom, Term]>;
        const item = (key: string): Term | undefined => keyFind(all as Term[], key)?.[1];
        ensure(typeof item('memory') === 'number', 'info/1 lists memory');
        same(item('owner'), self, 'owner');
        same(item('name'), a('foobar'), 'name');
        same(item('size'), 0, 'size');
        same(item('node'), a('nonode@nohost'), 'node');
        same(item('named_table'), false, 'named_table');
        same(item('type'), a(merged.type ?? 'set'), 'type');
        same(item('keypos'), 2, 'keypos');
        same(item('protection'), a(merged.access ?? 'protected'), 'protection');
        same(item('id'), table, 'id');
        ensure(
          keyFind(all as Term[], 'decentralized_counters') !== undefined,
          'info/1 lists decentralized_counters',
        );
        same(await ets.delete(table), true);
      },
      [
        [VOID, optionItems.set, optionItems.bag, optionItems.duplicateBag, optionItems.orderedSet],
        [VOID, optionItems.private, optionItems.protected, optionItems.public],
        'write_concurrency',
        'read_concurrency',
        'compressed',
      ],
    );
    const missing = a('non_existing_table_xxyy');
    same(await ets.info(missing), a('undefined'), 'info of a missing table');
    for (const key of ['type', 'node', 'named_table', 'safe_fixed_monotonic_time', 'safe_fixed']) {
      same(await ets.info(missing, a(key)), a('undefined'), `info(missing, ${key})`);
    }
    const reference = new Reference([1, 2, 3]);
    await badarg(() => ets.info(unchecked<TableId>(42)), 'info(42)');
    await badarg(() => ets.info(unchecked<TableId>(42), a('type')), 'info(42, type)');
    await badarg(() => ets.info(unchecked<TableId>(reference)), 'info(make_ref())');
    await badarg(() => ets.info(unchecked<TableId>(reference), a('type')), 'info(ref, type)');
    for (const type of ['set', 'bag', 'duplicate_bag', 'ordered_set'] as const) {
      const table = await ets.new(a('t5'), { access: 'public', type, writeConcurrency: 'auto' });
      same(await infoItem(ets, table, 'write_concurrency'), a('auto'), `auto on a ${type}`);
      await ets.delete(table);
    }
    const privateTrue = await ets.new(a('t6'), { access: 'private', writeConcurrency: true });
    same(await infoItem(ets, privateTrue, 'write_concurrency'), false, 'private, true');
    const privateAuto = await ets.new(a('t7'), { access: 'private', writeConcurrency: 'auto' });
    same(await infoItem(ets, privateAuto, 'write_concurrency'), false, 'private, auto');
    await ets.delete(privateTrue);
    await ets.delete(privateAuto);
  },
  "ets:info(T, binary) (the BEAM's reference-counted binaries) and its reader process; the " +
    "write_concurrency debug lock counts; the single-scheduler branch (OTP's 'info' runs on " +
    'more than one scheduler here)',
);

const dups = defineCase('dups', ['match'], async ({ ets }) => {
  await repeatForOpts(async (options) => {
    const table = await makeTable(ets, 'funky', options.with({ type: 'duplicate_bag' }), [
      [1, 2],
      [1, 2],
    ]);
    same((await ets.tab2list(table)).length, 2, 'two equal objects');
    await ets.delete(table, 1);
    same(await ets.lookup(table, 1), [], 'both deleted');
    for (const object of [
      [1, 2, 2],
      [1, 2, 4],
      [1, 2, 2],
      [1, 2, 2],
      [1, 2, 4],
    ]) {
      await ets.insert(table, object);
    }
    same((await ets.tab2list(table)).length, 5, 'five objects');
    same((await ets.match(table, [a('$1'), 2, a('$2')])).length, 5, "match {'$1',2,'$2'}");
    same((await ets.match(table, [a('_'), a('$1'), a('$1')])).length, 3, "match {_,'$1','$1'}");
    await ets.matchDelete(table, [a('_'), a('$1'), a('$1')]);
    same((await ets.match(table, [a('_'), a('$1'), a('$1')])).length, 0, 'after match_delete');
    same(await ets.delete(table), true);
  });
});

/** The cases of this module, in `ets_SUITE`'s order. */
export const fileAndInfoCases: readonly PortedCase[] = [
  info,
  dups,
  tab2file,
  tab2file2,
  tabfileExt1,
  tabfileExt2,
  tabfileExt3,
  tabfileExt4,
  badfile,
];
