/**
 * The ordered maps' predicate seek (`forEachInPredicateRange`, optional in core's `OrderedMap`),
 * which ordered_set selects and continuations use to walk key intervals whose ends are no key,
 * checked on every built-in backend against a sorted-array model: random keys, random monotone
 * `before`/`after` predicates (thresholds that may or may not be keys, either end open), both
 * directions, and walks stopped early. The comparator must never be called.
 */
import { createAvlTree } from '@tsunami/avl';
import type { OrderedMap, OrderedMapFactory } from '@tsunami/core';
import { createSkipList } from '@tsunami/skiplist';
import { createWavlTree } from '@tsunami/wavl';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

const BACKENDS: ReadonlyArray<readonly [string, OrderedMapFactory]> = [
  ['wavl', createWavlTree as OrderedMapFactory],
  ['avl', createAvlTree as OrderedMapFactory],
  ['skiplist', createSkipList as OrderedMapFactory],
];

/** An end of the range: open, or a threshold (halves fall between keys) and inclusivity. */
const endArbitrary = fc.option(
  fc.record({ at: fc.integer({ min: -2, max: 42 }).map((n) => n / 2), inclusive: fc.boolean() }),
  { nil: undefined },
);

describe('forEachInPredicateRange', () => {
  for (const [name, factory] of BACKENDS) {
    it(`visits the keys between the predicates, as a sorted array does (${name})`, () => {
      fc.assert(
        fc.property(
          fc.uniqueArray(fc.integer({ min: 0, max: 20 }), { maxLength: 21 }),
          endArbitrary,
          endArbitrary,
          fc.boolean(),
          fc.option(fc.integer({ min: 1, max: 5 }), { nil: undefined }),
          (keys, low, high, reverse, stopAfter) => {
            let comparing = true;
            const map: OrderedMap<number, string> = factory<number, string>((a, b) => {
              if (!comparing) throw new Error('the comparator was called');
              return a - b;
            });
            for (const key of keys) map.set(key, `v${key}`);
            const before =
              low === undefined
                ? undefined
                : (key: number) => (low.inclusive ? key < low.at : key <= low.at);
            const after =
              high === undefined
                ? undefined
                : (key: number) => (high.inclusive ? key > high.at : key >= high.at);
            let expected = [...keys]
              .sort((a, b) => a - b)
              .filter((key) => !(before?.(key) ?? false) && !(after?.(key) ?? false));
            if (reverse) expected.reverse();
            if (stopAfter !== undefined) expected = expected.slice(0, stopAfter);
            const visited: number[] = [];
            comparing = false;
            const calls = map.forEachInPredicateRange!(
              {
                ...(before === undefined ? {} : { before }),
                ...(after === undefined ? {} : { after }),
                reverse,
              },
              (key, value) => {
                expect(value).toBe(`v${key}`);
                visited.push(key);
                return stopAfter === undefined || visited.length < stopAfter;
              },
            );
            comparing = true;
            expect(visited).toEqual(expected);
            expect(calls).toBe(expected.length);
            map.validate();
          },
        ),
        { numRuns: 500 },
      );
    });

    it(`rejects a range or visitor of the wrong type (${name})`, () => {
      const map = factory<number, number>((a, b) => a - b);
      expect(() => map.forEachInPredicateRange!(null as never, () => true)).toThrow(TypeError);
      expect(() => map.forEachInPredicateRange!({}, null as never)).toThrow(TypeError);
    });
  }
});
