/**
 * Shape scenarios for balanced trees: key sequences that stress a balance rule (ascending,
 * descending, zig-zag and random insertion orders, each followed by deleting nine tenths of the
 * keys in an order that hurts), run against a backend's height bound after every step.
 *
 * The published bounds, height counted in nodes on the longest root-to-leaf path:
 * - AVL (Adelson-Velsky and Landis; Knuth, TAOCP vol. 3, 6.2.3): height < 1.4405·log2(n + 2) -
 *   0.3277. A WAVL tree that has seen insertions only is an AVL tree and meets it too.
 * - WAVL (Haeupler, Sen and Tarjan, "Rank-Balanced Trees", 2015): the smallest WAVL tree of rank
 *   r has 2^(r/2+1) - 1 nodes (r even), so rank ≤ 2·log2(n + 1) - 2 and height ≤ rank + 1 <
 *   2·log2(n + 1).
 *
 * Needs `vitest` and `fast-check`, as the ordered-map kit does.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import type { OrderedMapFactory } from '../ordered-map.js';
import { checkHeightBound, type HeightBound } from './ordered-map-kit.js';

/** The AVL height bound for `size` nodes (height in nodes). */
export function avlHeightBound(size: number): number {
  return 1.4405 * Math.log2(size + 2) - 0.3277;
}

/** The WAVL height bound for `size` nodes once deletions have happened (height in nodes). */
export function wavlHeightBound(size: number): number {
  return 2 * Math.log2(size + 1);
}

/** A named sequence of insertions followed by a sequence of deletions. */
export interface ShapeScenario {
  readonly name: string;
  readonly inserts: readonly number[];
  readonly deletes: readonly number[];
}

/** `values` in an order drawn by fast-check from `seed`, so a failure reproduces. */
function shuffled(values: readonly number[], seed: number): number[] {
  const arbitrary = fc.shuffledSubarray([...values], {
    minLength: values.length,
    maxLength: values.length,
  });
  return fc.sample(arbitrary, { seed, numRuns: 1 })[0] as number[];
}

/**
 * The scenarios over the keys `0 .. size - 1`: four insertion orders, each followed by
 * deleting nine tenths of the keys (ascending, descending, every other key first, random).
 */
export function shapeScenarios(size: number, seed = 1): ShapeScenario[] {
  const ascending = Array.from({ length: size }, (_, index) => index);
  const descending = [...ascending].reverse();
  const zigZag = ascending.map((index) =>
    index % 2 === 0 ? index / 2 : size - 1 - (index - 1) / 2,
  );
  const everyOtherFirst = [
    ...ascending.filter((key) => key % 2 === 0),
    ...ascending.filter((key) => key % 2 === 1),
  ];
  const most = Math.floor(size * 0.9);
  return [
    { name: 'ascending, delete ascending', inserts: ascending, deletes: ascending.slice(0, most) },
    {
      name: 'descending, delete descending',
      inserts: descending,
      deletes: descending.slice(0, most),
    },
    {
      name: 'zig-zag, delete every other key first',
      inserts: zigZag,
      deletes: everyOtherFirst.slice(0, most),
    },
    {
      name: 'random, delete random',
      inserts: shuffled(ascending, seed),
      deletes: shuffled(ascending, seed + 1).slice(0, most),
    },
    {
      name: 'random, delete ascending',
      inserts: shuffled(ascending, seed + 2),
      deletes: ascending.slice(0, most),
    },
  ];
}

/**
 * Registers one test per {@link shapeScenarios} scenario under `describe(name)`: the map
 * built by `factory` must validate and keep within `heightBound` every `every` steps and at the
 * end of each phase.
 */
export function describeShapeScenarios(
  name: string,
  factory: OrderedMapFactory,
  heightBound: HeightBound,
  size = 20_000,
  every = 97,
): void {
  describe(name, () => {
    for (const scenario of shapeScenarios(size)) {
      it(`keeps the height bound for ${size} keys: ${scenario.name}`, () => {
        const map = factory<number, number>((a, b) => a - b);
        const check = (index: number, last: number, afterDeletions: boolean) => {
          if (index % every !== 0 && index !== last) return;
          map.validate();
          checkHeightBound(map, heightBound, afterDeletions);
        };
        scenario.inserts.forEach((key, index) => {
          map.set(key, index);
          check(index, scenario.inserts.length - 1, false);
        });
        scenario.deletes.forEach((key, index) => {
          if (!map.delete(key)) throw new Error(`${scenario.name}: key ${key} was missing`);
          check(index, scenario.deletes.length - 1, true);
        });
      });
    }
  });
}
