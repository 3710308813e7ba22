import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { naturalComparator } from '../src/natural-comparator.js';
import type { Entry, RangeOptions } from '../src/ordered-map.js';
import { SortedArrayMap } from '../src/sorted-array-map.js';
import { describeOrderedMap } from '../src/testing/index.js';

describeOrderedMap('SortedArrayMap conformance', (comparator, options) => {
  return new SortedArrayMap(comparator, options);
});

/**
 * The kit uses SortedArrayMap as its model, so the model itself is checked here against a
 * brute-force one: an unsorted list of pairs scanned linearly, with ranges and navigation
 * answered by filtering and sorting.
 */
class BruteForceMap {
  pairs: Array<Entry<number, number>> = [];

  sorted(): Array<Entry<number, number>> {
    return [...this.pairs].sort((a, b) => a[0] - b[0]);
  }
  set(key: number, value: number): void {
    const pair = this.pairs.find(([stored]) => stored === key);
    if (pair === undefined) this.pairs.push([key, value]);
    else pair[1] = value;
  }
  delete(key: number): boolean {
    const before = this.pairs.length;
    this.pairs = this.pairs.filter(([stored]) => stored !== key);
    return this.pairs.length !== before;
  }
  inRange(range: RangeOptions<number>): Array<Entry<number, number>> {
    const selected = this.sorted().filter(([key]) => {
      if (
        range.low !== undefined &&
        (range.lowInclusive === false ? key <= range.low : key < range.low)
      ) {
        return false;
      }
      if (
        range.high !== undefined &&
        (range.highInclusive === false ? key >= range.high : key > range.high)
      ) {
        return false;
      }
      return true;
    });
    return range.reverse === true ? selected.reverse() : selected;
  }
}

const operation = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), key: fc.integer({ min: 0, max: 40 }) }),
  fc.record({ kind: fc.constant('delete' as const), key: fc.integer({ min: 0, max: 40 }) }),
);

const rangeArbitrary: fc.Arbitrary<RangeOptions<number>> = fc.record(
  {
    low: fc.integer({ min: -2, max: 42 }),
    lowInclusive: fc.boolean(),
    high: fc.integer({ min: -2, max: 42 }),
    highInclusive: fc.boolean(),
    reverse: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('SortedArrayMap against a brute-force model', () => {
  it('agrees on contents, navigation and ranges', () => {
    fc.assert(
      fc.property(
        fc.array(operation, { maxLength: 80 }),
        fc.array(rangeArbitrary, { minLength: 1, maxLength: 5 }),
        (operations, ranges) => {
          const map = new SortedArrayMap<number, number>();
          const model = new BruteForceMap();
          operations.forEach((step, value) => {
            if (step.kind === 'set') {
              map.set(step.key, value);
              model.set(step.key, value);
            } else {
              expect(map.delete(step.key)).toBe(model.delete(step.key));
            }
            map.validate();
          });
          const sorted = model.sorted();
          expect([...map]).toEqual(sorted);
          for (let probe = -1; probe <= 41; probe += 1) {
            expect(map.next(probe)).toEqual(sorted.find(([key]) => key > probe));
            expect(map.ceiling(probe)).toEqual(sorted.find(([key]) => key >= probe));
            expect(map.prev(probe)).toEqual(sorted.findLast(([key]) => key < probe));
            expect(map.floor(probe)).toEqual(sorted.findLast(([key]) => key <= probe));
          }
          for (const range of ranges) {
            expect([...map.entries(range)]).toEqual(model.inRange(range));
          }
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe('SortedArrayMap', () => {
  it('orders numbers by default', () => {
    const map = new SortedArrayMap<number, string>();
    map.set(3, 'c').set(1, 'a').set(2, 'b');
    expect([...map.keys({ low: 2 })]).toEqual([2, 3]);
    expect(map.next(1)).toEqual([2, 'b']);
    expect(map.comparator).toBe(naturalComparator);
  });

  it('rejects a comparator that is not a function and undefined keys', () => {
    expect(() => new SortedArrayMap<number, number>(42 as never)).toThrow(TypeError);
    const map = new SortedArrayMap<number | undefined, number>();
    expect(() => map.set(undefined, 1)).toThrow(TypeError);
    expect(() => map.setIfAbsent(undefined, 1)).toThrow(TypeError);
    expect(() => map.assignSorted([[undefined, 1]])).toThrow(TypeError);
    expect(map.size).toBe(0);
  });

  it('reports the implicit search-tree height and counts comparisons', () => {
    const map = new SortedArrayMap<number, number>(naturalComparator, { instrument: true });
    expect(map.stats().height).toBe(0);
    map.assignSorted(Array.from({ length: 1023 }, (_, index): [number, number] => [index, index]));
    expect(map.stats()).toMatchObject({ size: 1023, nodeCount: 1023, height: 10 });
    map.resetCounters();
    map.get(511);
    expect(map.stats().counters.comparisons).toBe(1);
    map.get(0);
    expect(map.stats().counters.comparisons).toBe(11);
  });

  it('names the broken index in validate()', () => {
    let flipped = false;
    const map = new SortedArrayMap<number, number>((a, b) => (flipped ? b - a : a - b));
    map.set(1, 1).set(2, 2);
    flipped = true;
    expect(() => map.validate()).toThrow(/index 1/);
  });
});

describe('naturalComparator', () => {
  it('orders numbers, strings and bigints', () => {
    expect(naturalComparator(1, 2)).toBe(-1);
    expect(naturalComparator('b', 'a')).toBe(1);
    expect(naturalComparator(2n ** 70n, 2n ** 70n)).toBe(0);
    expect(naturalComparator(-0, 0)).toBe(0);
  });

  it('rejects NaN and mixed types', () => {
    expect(() => naturalComparator(Number.NaN, 1)).toThrow(TypeError);
    expect(() => naturalComparator<number | string>(1, '1')).toThrow(TypeError);
    expect(() => naturalComparator<number | bigint>(1, 1n)).toThrow(TypeError);
  });
});
