/**
 * What the select scans cost on an ordered_set of 100,000 objects `{{Tag, N}, N}` (tags `a`,
 * `k`, `z` in turn), selecting the 100 objects `{k, N}` with N < 300:
 *
 * - `key range`: `[{{{k, '$1'}, '_'}, [{'<', '$1', 300}], ['$1']}]`, whose bound key prefix
 *   walks only the keys `{k, _}` (a third of the table);
 * - `full scan`: the same selection written with the tag in the guard, so every object is
 *   visited;
 * - `chunks of 10`: the key-range select in chunks of 10, following continuations.
 *
 * And what the probe-aware comparator costs: `compare` against `tableKeyComparator` for
 * 100,000 tuple keys inserted into a bare WAVL tree, and for 50,000 `ets.insert` then
 * `ets.lookup` calls on an ordered_set (the `compare` table is made through a backend factory
 * that ignores the comparator it is given).
 * Run: `pnpm exec vitest bench --project ets --run bench/select.bench.ts`.
 */
import { atom, compare, type Term } from '@tsunami/core';
import { ms } from '@tsunami/matchspec';
import { createWavlTree } from '@tsunami/wavl';
import { bench, describe } from 'vitest';
import { type Continuation, createEts, type SelectChunk, type TableOptions } from '../src/index.js';
import { tableKeyComparator } from '../src/key-probe.js';

const SIZE = 100_000;
const TAGS = [atom('a'), atom('k'), atom('z')];
const ets = createEts();
const table = ets.new(atom('bench'), { type: 'ordered_set' });
for (let index = 0; index < SIZE; index += 1) {
  ets.insert(table, [[TAGS[index % 3]!, index], index]);
}
const ranged = ms`[{{{k, '$1'}, '_'}, [{'<', '$1', 300}], ['$1']}]`;
const scanned = ms`[{{{'$2', '$1'}, '_'}, [{'=:=', '$2', k}, {'<', '$1', 300}], ['$1']}]`;

describe('select on an ordered_set of 100,000', () => {
  bench('key range', () => {
    ets.select(table, ranged);
  });
  bench('full scan', () => {
    ets.select(table, scanned);
  });
  bench('key range, chunks of 10', () => {
    let chunk = ets.select(table, ranged, 10);
    while (Array.isArray(chunk)) {
      const [, continuation] = chunk as SelectChunk;
      chunk = ets.select(continuation as Continuation);
    }
  });
});

const keys: Term[] = Array.from({ length: SIZE }, (_, index) => [TAGS[index % 3]!, index]);

describe('ordered_set inserts of 100,000 tuple keys', () => {
  bench('tableKeyComparator', () => {
    const tree = createWavlTree<Term, number>(tableKeyComparator);
    for (const key of keys) tree.set(key, 0);
  });
  bench('compare', () => {
    const tree = createWavlTree<Term, number>(compare);
    for (const key of keys) tree.set(key, 0);
  });
});

const objects: Term[][] = keys.slice(0, 50_000).map((key, index) => [key, index]);
const plainBackend = (() =>
  createWavlTree<Term, Term[]>(compare)) as unknown as TableOptions['backend'];

function insertAndLookUp(backend: TableOptions['backend'] | undefined): void {
  const local = createEts();
  const tab = local.new(atom('t'), {
    type: 'ordered_set',
    ...(backend === undefined ? {} : { backend }),
  });
  for (const object of objects) local.insert(tab, object as never);
  for (const object of objects) local.lookup(tab, object[0]!);
}

describe('ordered_set: 50,000 ets.insert then ets.lookup', () => {
  bench('tableKeyComparator (the table default)', () => insertAndLookUp(undefined));
  bench('compare', () => insertAndLookUp(plainBackend));
});
