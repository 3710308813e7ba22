/**
 * The ordered-map conformance kit: `describeOrderedMap(name, factory, options)` registers, on
 * the caller's vitest run, the tests every {@link OrderedMap} backend must pass.
 *
 * Method: model-based testing (fast-check `fc.commands` + `fc.modelRun`). Each run builds a
 * map with the backend's factory and a {@link SortedArrayMap} (the trivially correct model),
 * drives both with the same random commands (set, setIfAbsent, delete, get, has, getEntry,
 * first, last, next/prev/ceiling/floor of present and absent keys, entries/keys/values over
 * random ranges in both directions, forEachInRange with early stop, clear, assignSorted valid
 * and invalid, sorted runs and range deletes), compares every answer, and after each mutating
 * command calls `validate()` and compares the whole contents (stored key objects by identity).
 * Key spaces: a tiny integer domain (constant collisions), a wider one, boxed keys compared by
 * a field (so the kept key object is observable) and short strings. On a failure fast-check
 * shrinks the command list and prints it with the seed to replay.
 *
 * Beside the random runs, fixed cases cover the corners: empty and one-key maps, equal keys,
 * long ascending and descending runs, deleting everything, assignSorted rejecting bad input,
 * comparators that throw midway through a mutation (the map must stay valid and unchanged),
 * instrument counters, and optionally a height bound supplied by the backend.
 *
 * Files: this one registers the tests; `ordered-map-model.ts` holds the random runs,
 * `ordered-map-cases.ts` the fixed cases, `ordered-map-assertions.ts` the shared checks.
 * Needs `vitest` and `fast-check`, both optional peer dependencies of `@tsunami/core`.
 */
import { describe, it } from 'vitest';
import type { OrderedMapFactory, TreeCounters } from '../ordered-map.js';
import { fail, type HeightBound } from './ordered-map-assertions.js';
import {
  checkAssignSorted,
  checkCounters,
  checkDeleteAll,
  checkEmpty,
  checkEqualKeys,
  checkForEachStop,
  checkFreshEntries,
  checkOneKey,
  checkRelayout,
  checkSequences,
  checkThrowingComparator,
  checkWalkAcrossChanges,
  checkWalkFromBounds,
} from './ordered-map-cases.js';
import { KEY_SPACES } from './ordered-map-model.js';

export {
  assertSameEntries,
  checkHeightBound,
  type HeightBound,
} from './ordered-map-assertions.js';

/** Options of {@link describeOrderedMap}. */
export interface OrderedMapKitOptions {
  /**
   * At least this many random commands run against the model for each key space (four key
   * spaces). Default 10,000; raise it for soak runs.
   */
  readonly commands?: number;
  /** Seed of the first random run (fast-check prints the seed of a failing run). */
  readonly seed?: number;
  /** Checked after every mutation of the random runs and of the sequential cases. */
  readonly heightBound?: HeightBound;
  /**
   * The counters the backend keeps, which must rise above zero under an instrumented
   * workload of inserts and deletes. Default `['comparisons']`.
   */
  readonly countersThatMove?: ReadonlyArray<keyof TreeCounters>;
  /** Entries in the long sequential cases (ascending, descending, delete all). Default 2,048. */
  readonly sequenceSize?: number;
  /**
   * Whether the backend relays itself out after a walk of the whole map (the binary search
   * trees, see `binary-tree/layout.ts`): then a fixed case checks when it does, through
   * `forEachUnordered`, the height and the `relayouts` counter. Default `false`.
   */
  readonly relaysOut?: boolean;
}

const DEFAULT_COMMANDS = 10_000;
const DEFAULT_SEQUENCE_SIZE = 2048;

/**
 * Registers the conformance tests of an ordered-map backend under `describe(name)`.
 *
 * @example
 * ```ts
 * import { describeOrderedMap } from '@tsunami/core/testing';
 * describeOrderedMap('WavlMap', (comparator, options) => new WavlMap(comparator, options), {
 *   heightBound: (size, afterDeletions) => (afterDeletions ? 2 : 1.4405) * Math.log2(size + 2),
 * });
 * ```
 */
export function describeOrderedMap(
  name: string,
  factory: OrderedMapFactory,
  options: OrderedMapKitOptions = {},
): void {
  const commands = options.commands ?? DEFAULT_COMMANDS;
  const sequenceSize = options.sequenceSize ?? DEFAULT_SEQUENCE_SIZE;
  const heightBound = options.heightBound;
  const countersThatMove = options.countersThatMove ?? ['comparisons'];

  describe(name, () => {
    for (const keySpace of KEY_SPACES) {
      it(`agrees with SortedArrayMap over ${commands} random commands on ${keySpace.name}`, () => {
        const executed = keySpace.run(factory, {
          commands,
          seed: options.seed,
          heightBound,
        });
        if (executed < commands) fail(`only ${executed} of ${commands} commands ran`);
      });
    }

    it('answers nothing when empty', () => checkEmpty(factory));
    it('holds one key', () => checkOneKey(factory));
    it('keeps the first of equal keys and replaces only the value (setEntry: both)', () =>
      checkEqualKeys(factory));
    it('returns fresh entry arrays', () => checkFreshEntries(factory));
    it('stops forEachInRange only on false', () => checkForEachStop(factory));
    it('walks by nextKey and prevKey across changes ahead of the walk', () =>
      checkWalkAcrossChanges(factory));
    it('walks on from the key ceiling or floor returned, both ways', () =>
      checkWalkFromBounds(factory));
    it('builds by ascending and descending runs and deletes everything', () =>
      checkSequences(factory, sequenceSize, heightBound));
    it('deletes everything in random order', () =>
      checkDeleteAll(factory, sequenceSize, heightBound));
    it('assignSorted replaces the contents and rejects unsorted or duplicate keys', () =>
      checkAssignSorted(factory));
    it('stays valid and unchanged when the comparator throws midway', () =>
      checkThrowingComparator(factory));
    it('counts work only when instrumented', () => checkCounters(factory, countersThatMove));
    if (options.relaysOut === true) {
      it('relays itself out after a walk of the whole map, unless it changed meanwhile', () =>
        checkRelayout(factory));
    }
  });
}
