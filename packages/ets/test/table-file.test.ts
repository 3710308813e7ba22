/**
 * `tab2file`/`file2tab`/`tabfile_info` in JS alone: round trips for every table type, with and
 * without extended info and verify (a fast-check property over random objects against the
 * sorted object list as model), the byte layout of the file, and OTP's error reasons for option
 * errors, missing files, non-log files, truncation, bit flips and count mismatches.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atom, compare, decode, encode, format, list, type Term, type Tuple } from '@tsunami/core';
import { termArbitrary } from '@tsunami/core/testing';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import {
  createEts,
  EtsError,
  NodeProcessRuntime,
  type TableId,
  type TableOptions,
  type TableType,
} from '../src/index.js';

const directory = mkdtempSync(join(tmpdir(), 'tsunami-tabfile-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));
let fileCounter = 0;
function freshFile(): string {
  fileCounter += 1;
  return join(directory, `table-${fileCounter}.tab`);
}

const ok = atom('ok');
const error = atom('error');
const sorted = (objects: readonly Tuple[]): Tuple[] => [...objects].sort(compare);
/** Objects as their ETF bytes, sorted: binaries read back are Uint8Arrays where strings went in. */
const wire = (objects: readonly Tuple[]): Uint8Array[] =>
  sorted(objects).map((object) => encode(object));
const TYPES: readonly TableType[] = ['set', 'ordered_set', 'bag', 'duplicate_bag'];
const EXTENDED: ReadonlyArray<ReadonlyArray<'object_count' | 'md5sum'>> = [
  [],
  ['object_count'],
  ['md5sum'],
  ['object_count', 'md5sum'],
];

function filled(type: TableType, options: TableOptions = {}) {
  const ets = createEts();
  const tab = ets.new(atom('t'), { type, ...options });
  ets.insert(
    tab,
    list(
      [1, 'one'],
      [2, 2.5],
      [2, 'two'],
      [atom('k'), list(1, 2)],
      ['bin', new Uint8Array([0, 255])],
    ),
  );
  return { ets, tab };
}

describe('round trips', () => {
  for (const type of TYPES) {
    for (const extendedInfo of EXTENDED) {
      for (const verify of [false, true]) {
        it(`${type}, extended_info ${format(list(...extendedInfo.map((item) => atom(item))))}, verify ${verify}`, () => {
          const { ets, tab } = filled(type, { access: 'public', keypos: 1 });
          const file = freshFile();
          expect(ets.tab2file(tab, file, { extendedInfo })).toBe(ok);
          const reader = createEts();
          const result = reader.file2tab(file, { verify });
          expect(result[0]).toBe(ok);
          const loaded = result[1] as ReturnType<typeof reader.new>;
          expect(wire(reader.tab2list(loaded))).toEqual(wire(ets.tab2list(tab)));
          for (const item of ['type', 'keypos', 'protection', 'named_table', 'name'] as const) {
            expect(reader.info(loaded, item)).toEqual(ets.info(tab, item));
          }
        });
      }
    }
  }

  it('keeps named_table, keypos and protection, and the caller owns the table', () => {
    const ets = createEts();
    const tab = ets.new(atom('named'), {
      type: 'bag',
      namedTable: true,
      keypos: 2,
      access: 'private',
    });
    ets.insert(tab, list([1, atom('a')], [2, atom('a')], [3, atom('b')]));
    const file = freshFile();
    expect(ets.tab2file(tab, file)).toBe(ok);
    expect(ets.file2tab(file)).toEqual([error, atom('cannot_create_table')]);
    ets.delete(tab);
    expect(ets.file2tab(file)).toEqual([ok, atom('named')]);
    expect(ets.info(atom('named'), 'owner')).toEqual(ets.runtime.self());
    expect(ets.info(atom('named'), 'keypos')).toBe(2);
    expect(ets.info(atom('named'), 'protection')).toBe(atom('private'));
    expect(ets.lookup(atom('named'), atom('a'))).toHaveLength(2);
  });

  it('a property: any objects round-trip in every type, with md5 and verify', () => {
    const objectArbitrary = fc
      .tuple(
        termArbitrary({ maxDepth: 2 }),
        fc.array(termArbitrary({ maxDepth: 2 }), { maxLength: 3 }),
      )
      .map(([key, rest]): Tuple => [key, ...rest]);
    fc.assert(
      fc.property(
        fc.constantFrom(...TYPES),
        fc.array(objectArbitrary, { maxLength: 30 }),
        fc.constantFrom(...EXTENDED),
        (type, objects, extendedInfo) => {
          const ets = createEts();
          const tab = ets.new(atom('p'), { type });
          ets.insert(tab, list(...objects));
          const file = freshFile();
          expect(ets.tab2file(tab, file, { extendedInfo })).toBe(ok);
          const result = ets.file2tab(file, { verify: true });
          expect(result[0]).toBe(ok);
          const loaded = result[1] as ReturnType<typeof ets.new>;
          expect(wire(ets.tab2list(loaded))).toEqual(wire(ets.tab2list(tab)));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('writes a big object (an item with the MD5 of its size) and reads it back', () => {
    const ets = createEts();
    const tab = ets.new(atom('big'), {});
    const big = new Uint8Array(200_000).map((_, index) => index % 251);
    ets.insert(tab, list([1, big], [2, 'small']));
    const file = freshFile();
    expect(ets.tab2file(tab, file, { extendedInfo: ['md5sum', 'object_count'] })).toBe(ok);
    const result = ets.file2tab(file, { verify: true });
    expect(result[0]).toBe(ok);
    expect(ets.lookup(result[1] as ReturnType<typeof ets.new>, 1)).toEqual([[1, big]]);
  });
});

describe('the file', () => {
  it('is a closed disk_log: head, then items of size, magic and term_to_binary', () => {
    const ets = createEts();
    const tab = ets.new(atom('t'), {});
    ets.insert(tab, [atom('a'), 1]);
    const file = freshFile();
    ets.tab2file(tab, file, { extendedInfo: ['object_count'] });
    const bytes = new Uint8Array(readFileSync(file));
    expect([...bytes.subarray(0, 8)]).toEqual([1, 2, 3, 4, 99, 88, 77, 11]);
    const items: Term[] = [];
    let offset = 8;
    while (offset < bytes.length) {
      const view = new DataView(bytes.buffer, bytes.byteOffset + offset);
      const size = view.getUint32(0);
      expect(view.getUint32(4)).toBe(0x62574c41);
      items.push(decode(bytes.subarray(offset + 8, offset + 8 + size)));
      offset += 8 + size;
    }
    expect(offset).toBe(bytes.length);
    const header = items[0] as Tuple;
    expect(header.slice(-3)).toEqual([
      [atom('major_version'), 1],
      [atom('minor_version'), 0],
      [atom('extended_info'), list(atom('object_count'))],
    ]);
    expect(items[1]).toEqual([atom('a'), 1]);
    expect(items[2]).toEqual(list(atom('$end_of_table'), list([atom('count'), 1])));
  });

  it('tabfile_info reports the header', () => {
    const { ets, tab } = filled('duplicate_bag', { namedTable: true, access: 'public' });
    const file = freshFile();
    ets.tab2file(tab, file, { extendedInfo: ['md5sum'] });
    expect(ets.tabfileInfo(file)).toEqual([
      ok,
      [
        [atom('name'), atom('t')],
        [atom('type'), atom('duplicate_bag')],
        [atom('protection'), atom('public')],
        [atom('named_table'), true],
        [atom('keypos'), 1],
        [atom('size'), 5],
        [atom('extended_info'), list(atom('md5sum'))],
        [atom('version'), [1, 0]],
      ],
    ]);
  });
});

describe('errors', () => {
  it('tab2file: options, a missing table, a missing directory, a directory', () => {
    const { ets, tab } = filled('set');
    const file = freshFile();
    expect(ets.tab2file(tab, file, { sync: 1 as never })).toEqual([
      error,
      [atom('unknown_option'), [atom('sync'), 1]],
    ]);
    expect(ets.tab2file(tab, file, { extendedInfo: ['x' as never] })).toEqual([
      error,
      [atom('unknown_option'), list([atom('extended_info'), list(atom('x'))])],
    ]);
    expect(ets.tab2file(tab, file, { extendedInfo: 'x' as never })).toEqual([
      error,
      [atom('malformed_option'), 'x'],
    ]);
    expect(ets.tab2file(tab, file, { other: true } as never)).toEqual([
      error,
      [atom('unknown_option'), [atom('other'), true]],
    ]);
    expect(ets.tab2file(atom('nosuch'), file)).toEqual([error, atom('badtab')]);
    expect(() => readFileSync(file)).toThrow();
    const missing = join(directory, 'nodir', 'x.tab');
    expect(ets.tab2file(tab, missing)).toEqual([
      error,
      [atom('file_error'), missing, atom('enoent')],
    ]);
    expect(ets.tab2file(tab, directory)).toEqual([error, atom('eaccess')]);
    expect(ets.tab2file(tab, file, { sync: true })).toBe(ok);
  });

  it('file2tab and tabfile_info: options, missing file, not a log, a directory', () => {
    const ets = createEts();
    const missing = join(directory, 'missing.tab');
    const readError = (reason: Term) => [error, [atom('read_error'), reason]];
    expect(ets.file2tab(missing)).toEqual(readError([atom('file_error'), missing, atom('enoent')]));
    expect(ets.tabfileInfo(missing)).toEqual(
      readError([atom('file_error'), missing, atom('enoent')]),
    );
    const text = freshFile();
    writeFileSync(text, 'hello world, not a log');
    expect(ets.file2tab(text)).toEqual(readError([atom('not_a_log_file'), text]));
    const empty = freshFile();
    writeFileSync(empty, '');
    expect(ets.file2tab(empty)).toEqual(readError([atom('not_a_log_file'), empty]));
    expect(ets.file2tab(directory)).toEqual(
      readError([atom('file_error'), directory, atom('eisdir')]),
    );
    expect(ets.file2tab(text, { verify: 'x' as never })).toEqual([
      error,
      [atom('unknown_option'), [atom('verify'), 'x']],
    ]);
    expect(ets.file2tab(text, 'x' as never)).toEqual([error, [atom('malformed_option'), 'x']]);
  });

  it('truncation: badfile with verify and extended info, a shorter table without', () => {
    const ets = createEts();
    const tab = ets.new(atom('t'), {});
    ets.insert(
      tab,
      list(...Array.from({ length: 50 }, (_, index): Tuple => [index, 'x'.repeat(index)])),
    );
    for (const extendedInfo of EXTENDED) {
      const file = freshFile();
      ets.tab2file(tab, file, { extendedInfo });
      const bytes = readFileSync(file);
      const truncated = freshFile();
      writeFileSync(truncated, bytes.subarray(0, bytes.length - 150));
      const verified = ets.file2tab(truncated, { verify: true });
      expect(verified[0]).toBe(error);
      expect([atom('badfile'), atom('invalid_object_count')]).toContain(verified[1]);
      const plain = ets.file2tab(truncated);
      expect(plain[0]).toBe(ok);
      expect(ets.info(plain[1] as ReturnType<typeof ets.new>, 'size')).toBeLessThan(50);
      const header = freshFile();
      writeFileSync(header, bytes.subarray(0, 100));
      expect(ets.file2tab(header)).toEqual([error, atom('badfile')]);
      expect(ets.tabfileInfo(header)).toEqual([error, atom('badfile')]);
    }
    expect(ets.all()).toHaveLength(1 + EXTENDED.length);
  });

  it('a flipped bit in an object: checksum_error with md5 and verify', () => {
    const ets = createEts();
    const tab = ets.new(atom('t'), {});
    ets.insert(tab, list([1, 'hello'], [2, 'qqqqq']));
    const file = freshFile();
    ets.tab2file(tab, file, { extendedInfo: ['md5sum'] });
    const bytes = new Uint8Array(readFileSync(file));
    const at = bytes.lastIndexOf('q'.charCodeAt(0));
    bytes[at] = 'Q'.charCodeAt(0);
    writeFileSync(file, bytes);
    expect(ets.file2tab(file, { verify: true })).toEqual([error, atom('checksum_error')]);
    expect(ets.file2tab(file)[0]).toBe(ok);
  });

  it('a wrong count: invalid_object_count', () => {
    const ets = createEts();
    const tab = ets.new(atom('t'), {});
    ets.insert(tab, list([1], [2]));
    const file = freshFile();
    ets.tab2file(tab, file, { extendedInfo: ['object_count'] });
    const bytes = new Uint8Array(readFileSync(file));
    // The footer ends with {count, 2}: SMALL_INTEGER_EXT 2, then the NIL_EXT of both lists.
    expect([...bytes.subarray(-4)]).toEqual([97, 2, 106, 106]);
    bytes[bytes.length - 3] = 3;
    writeFileSync(file, bytes);
    expect(ets.file2tab(file, { verify: true })).toEqual([error, atom('invalid_object_count')]);
    expect(ets.file2tab(file)[0]).toBe(ok);
  });
});

describe('processes', () => {
  it('another process cannot dump a private table; a loaded table belongs to the loader', async () => {
    const runtime = new NodeProcessRuntime();
    const ets = createEts({ runtime });
    const privateTable = ets.new(atom('secret'), { access: 'private' });
    ets.insert(privateTable, [1, 'hidden']);
    const file = freshFile();
    expect(ets.tab2file(privateTable, file)).toBe(ok);
    const blocked = freshFile();
    let caught: unknown;
    let loaded: TableId | undefined;
    const pid = runtime.spawn(() => {
      try {
        ets.tab2file(privateTable, blocked);
      } catch (error) {
        caught = error;
      }
      const result = ets.file2tab(file);
      loaded = result[1] as TableId;
      expect(ets.info(loaded, 'owner')).toEqual(runtime.self());
      expect(ets.lookup(loaded, 1)).toHaveLength(1);
    });
    await new Promise((resolve) => runtime.onExit(pid, resolve));
    expect(caught).toBeInstanceOf(EtsError);
    expect((caught as EtsError).cause).toBe('access');
    expect(() => readFileSync(blocked)).toThrow();
    // The loader exited, so its table is gone, as in OTP.
    expect(ets.info(loaded!)).toBe(atom('undefined'));
  });
});
