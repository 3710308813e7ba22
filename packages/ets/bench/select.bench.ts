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
 * The key range is found by the ordered map's predicate seek (`forEachInPredicateRange`), so the
 * table's tree keeps the plain `compare` as its comparator.
 * Run: `pnpm exec vitest bench --project ets --run bench/select.bench.ts`.
 */
import { atom } from '@tsunami/core';
import { ms } from '@tsunami/matchspec';
import { bench, describe } from 'vitest';
import { type Continuation, createEts, type SelectChunk } from '../src/index.js';

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
