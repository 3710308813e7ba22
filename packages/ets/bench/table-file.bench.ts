/**
 * `tab2file` and `file2tab` on a set of 10,000 records (`{Id, Name, Score, Tags}`), with and
 * without the MD5 footer and verification, to a file in the OS temporary directory.
 * Run: `pnpm exec vitest bench --project ets --run bench/table-file.bench.ts`.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atom, list, type Tuple } from '@tsunami/core';
import { bench, describe } from 'vitest';
import { createEts, type TableId } from '../src/index.js';

const OBJECTS = 10_000;
const directory = mkdtempSync(join(tmpdir(), 'tsunami-tabfile-bench-'));
const ets = createEts();
const table = ets.new(atom('bench'), { type: 'set' });
ets.insert(
  table,
  list(
    ...Array.from(
      { length: OBJECTS },
      (_, index): Tuple => [index, `name-${index}`, index * 1.5, list(atom('a'), atom('b'))],
    ),
  ),
);
const plainFile = join(directory, 'plain.tab');
const summedFile = join(directory, 'summed.tab');
ets.tab2file(table, plainFile);
ets.tab2file(table, summedFile, { extendedInfo: ['object_count', 'md5sum'] });

function load(file: string, verify: boolean): void {
  const result = ets.file2tab(file, { verify });
  ets.delete(result[1] as TableId);
}

describe(`tab2file, ${OBJECTS} objects`, () => {
  bench('plain', () => {
    ets.tab2file(table, plainFile);
  });
  bench('object_count and md5sum', () => {
    ets.tab2file(table, summedFile, { extendedInfo: ['object_count', 'md5sum'] });
  });
});

describe(`file2tab, ${OBJECTS} objects`, () => {
  bench('plain', () => load(plainFile, false));
  bench('md5sum, verify', () => load(summedFile, true));
});
