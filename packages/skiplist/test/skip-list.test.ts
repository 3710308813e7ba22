import type { Comparator, RangeOptions } from '@tsunami/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSkipList, SkipList, type SkipListOptions, skipListFactory } from '../src/index.js';
import { type Command, runCommand, SortedArrayModel } from './model.js';

const numeric: Comparator<number> = (a, b) => a - b;

/** Shapes that force the rare paths: a single level, a few tall towers, very tall towers. */
const shapes: Array<[name: string, options: SkipListOptions]> = [
  ['default', {}],
  ['seed 1, probability 1/2', { seed: 1, probability: 0.5 }],
  ['maxLevel 1 (a sorted linked list)', { seed: 2, maxLevel: 1 }],
  ['maxLevel 2, probability 1/2', { seed: 3, maxLevel: 2, probability: 0.5 }],
  ['probability 0.9, maxLevel 6 (towers hit the cap)', { seed: 4, probability: 0.9, maxLevel: 6 }],
  ['probability 0.01 (almost all height 1)', { seed: 5, probability: 0.01 }],
];

function rangeArbitrary(keys: fc.Arbitrary<number>): fc.Arbitrary<RangeOptions<number>> {
  return fc.record(
    {
      low: keys,
      lowInclusive: fc.boolean(),
      high: keys,
      highInclusive: fc.boolean(),
      reverse: fc.boolean(),
    },
    { requiredKeys: [] },
  );
}

function commandArbitrary(keyDomain: number): fc.Arbitrary<Command<number>> {
  const keys = fc.integer({ min: -2, max: keyDomain });
  return fc.oneof(
    {
      weight: 120,
      arbitrary: fc.record({ kind: fc.constant('set' as const), key: keys, value: fc.nat() }),
    },
    {
      weight: 40,
      arbitrary: fc.record({
        kind: fc.constant('setIfAbsent' as const),
        key: keys,
        value: fc.nat(),
      }),
    },
    { weight: 80, arbitrary: fc.record({ kind: fc.constant('delete' as const), key: keys }) },
    {
      weight: 80,
      arbitrary: fc.record({
        kind: fc.constantFrom(
          'get' as const,
          'next' as const,
          'prev' as const,
          'ceiling' as const,
          'floor' as const,
        ),
        key: keys,
      }),
    },
    {
      weight: 20,
      arbitrary: fc.record({
        kind: fc.constant('range' as const),
        range: rangeArbitrary(keys),
        limit: fc.integer({ min: 1, max: 50 }),
      }),
    },
    { weight: 20, arbitrary: fc.record({ kind: fc.constant('ends' as const) }) },
    { weight: 1, arbitrary: fc.record({ kind: fc.constant('clear' as const) }) },
  );
}

describe.each(shapes)('SkipList model-based (%s)', (_name, options) => {
  it('agrees with a sorted array over 10,000+ random commands, valid after each', () => {
    let commandsRun = 0;
    fc.assert(
      fc.property(
        fc.array(commandArbitrary(120), { minLength: 350, maxLength: 700 }),
        (commands) => {
          const list = new SkipList<number, number>(numeric, options);
          const model = new SortedArrayModel<number, number>(numeric);
          for (const command of commands) runCommand(list, model, command);
          commandsRun += commands.length;
        },
      ),
      { numRuns: 30, seed: 0x5eed + (options.seed ?? 0) },
    );
    expect(commandsRun).toBeGreaterThanOrEqual(10_000);
  });
});

describe('SkipList navigation', () => {
  it('next and prev of absent and deleted keys give the neighbours (ets:next semantics)', () => {
    const list = new SkipList<number, string>(numeric);
    for (const key of [10, 20, 30, 40]) list.set(key, `v${key}`);
    list.delete(30);
    expect(list.next(30)).toEqual([40, 'v40']);
    expect(list.prev(30)).toEqual([20, 'v20']);
    expect(list.next(20)).toEqual([40, 'v40']);
    expect(list.next(40)).toBeUndefined();
    expect(list.prev(10)).toBeUndefined();
    expect(list.next(-5)).toEqual([10, 'v10']);
    expect(list.ceiling(20)).toEqual([20, 'v20']);
    expect(list.ceiling(21)).toEqual([40, 'v40']);
    expect(list.floor(39)).toEqual([20, 'v20']);
    expect(list.floor(5)).toBeUndefined();
  });

  it('keeps the first inserted key of equal keys and replaces only the value', () => {
    const caseless: Comparator<string> = (a, b) => a.toLowerCase().localeCompare(b.toLowerCase());
    const list = new SkipList<string, number>(caseless);
    list.set('Apple', 1);
    list.set('APPLE', 2);
    expect(list.getEntry('apple')).toEqual(['Apple', 2]);
    expect(list.setIfAbsent('aPPle', 3)).toBe(false);
    expect(list.get('apple')).toBe(2);
    expect(list.size).toBe(1);
  });

  it('orders numbers, strings and bigints without a comparator and rejects mixed keys', () => {
    const list = new SkipList<number | string, number>();
    list.set(3, 0).set(1, 0).set(2, 0);
    expect([...list.keys()]).toEqual([1, 2, 3]);
    expect(() => list.set('x', 0)).toThrow(TypeError);
    list.validate();
  });

  it('empty list answers every query with nothing', () => {
    const list = new SkipList<number, number>(numeric);
    expect(list.first()).toBeUndefined();
    expect(list.last()).toBeUndefined();
    expect(list.next(1)).toBeUndefined();
    expect(list.prev(1)).toBeUndefined();
    expect(list.floor(1)).toBeUndefined();
    expect(list.ceiling(1)).toBeUndefined();
    expect(list.delete(1)).toBe(false);
    expect([...list.entries({ reverse: true })]).toEqual([]);
    expect(list.forEachInRange({}, () => true)).toBe(0);
    list.validate();
  });

  it('works as an OrderedMapFactory', () => {
    const map = createSkipList<string, number>((a, b) => (a < b ? -1 : a > b ? 1 : 0));
    map.set('b', 2).set('a', 1);
    expect([...map]).toEqual([
      ['a', 1],
      ['b', 2],
    ]);
    const shaped = skipListFactory({ maxLevel: 1 })<number, number>(numeric, { instrument: true });
    shaped.set(1, 1).set(2, 2);
    expect(shaped.stats().height).toBe(1);
    expect(shaped.stats().instrumented).toBe(true);
  });
});

describe('SkipList range iteration', () => {
  it('matches the model for every bound combination, both directions', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 60 })),
        rangeArbitrary(fc.integer({ min: -3, max: 63 })),
        fc.integer({ min: 0, max: 1000 }),
        (keys, range, seed) => {
          const list = new SkipList<number, number>(numeric, { seed, probability: 0.5 });
          const model = new SortedArrayModel<number, number>(numeric);
          for (const key of keys) {
            list.set(key, key * 2);
            model.set(key, key * 2, true);
          }
          const expected = model.range(range);
          expect([...list.entries(range)]).toEqual(expected);
          expect([...list.keys(range)]).toEqual(expected.map(([key]) => key));
          expect([...list.values(range)]).toEqual(expected.map(([, value]) => value));
        },
      ),
      { numRuns: 500 },
    );
  });

  it('forEachInRange counts the entry that stopped it', () => {
    const list = new SkipList<number, number>(numeric);
    for (let key = 0; key < 10; key++) list.set(key, key);
    expect(list.forEachInRange({ low: 3 }, (key) => key < 5)).toBe(3);
    expect(list.forEachInRange({ high: 7, reverse: true }, () => undefined)).toBe(8);
    expect(() => list.forEachInRange({}, 'no' as never)).toThrow(TypeError);
  });
});

describe('SkipList failure safety', () => {
  it('a comparator that throws midway leaves the list unchanged and valid', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: 0, max: 300 }), { minLength: 1, maxLength: 150 }),
        fc.integer({ min: 0, max: 300 }),
        fc.integer({ min: 1, max: 12 }),
        fc.constantFrom('set', 'setIfAbsent', 'delete', 'get', 'next', 'prev', 'assignSorted'),
        (keys, probe, failAfter, operation) => {
          let armed = false;
          let calls = 0;
          const comparator: Comparator<number> = (a, b) => {
            if (armed && ++calls >= failAfter) throw new Error('comparator failure');
            return a - b;
          };
          const list = new SkipList<number, number>(comparator, { probability: 0.5 });
          for (const key of keys) list.set(key, key);
          const before = list.shape();
          const entriesBefore = [...list];
          armed = true;
          try {
            if (operation === 'assignSorted') {
              list.assignSorted([...keys].sort((a, b) => a - b).map((key) => [key, -key]));
            } else if (operation === 'set' || operation === 'setIfAbsent') {
              list[operation](probe, -1);
            } else {
              list[operation](probe);
            }
          } catch (error) {
            expect((error as Error).message).toBe('comparator failure');
            armed = false;
            expect(list.shape()).toEqual(before);
            expect([...list]).toEqual(entriesBefore);
          }
          armed = false;
          list.validate();
        },
      ),
      { numRuns: 600 },
    );
  });

  it('assignSorted rejects unsorted or duplicate input and keeps the old contents', () => {
    const list = new SkipList<number, number>(numeric);
    list.set(1, 1);
    expect(() =>
      list.assignSorted([
        [1, 1],
        [3, 3],
        [2, 2],
      ]),
    ).toThrow(RangeError);
    expect(() =>
      list.assignSorted([
        [1, 1],
        [1, 1],
      ]),
    ).toThrow(RangeError);
    expect(() => list.assignSorted([[1] as never])).toThrow(TypeError);
    expect([...list]).toEqual([[1, 1]]);
    list.validate();
  });

  it('rejects bad options with a clear error', () => {
    expect(() => new SkipList(numeric, { probability: 1 })).toThrow(/probability/);
    expect(() => new SkipList(numeric, { probability: 0 })).toThrow(/probability/);
    expect(() => new SkipList(numeric, { maxLevel: 0 })).toThrow(/maxLevel/);
    expect(() => new SkipList(numeric, { maxLevel: 65 })).toThrow(/maxLevel/);
    expect(() => new SkipList(numeric, { maxLevel: 2.5 })).toThrow(/maxLevel/);
    expect(() => new SkipList(numeric, { seed: Number.NaN })).toThrow(/seed/);
    expect(() => new SkipList('x' as never)).toThrow(/comparator/);
  });
});

describe('SkipList bulk build', () => {
  it('assignSorted builds the perfect shape and then behaves like any list', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.integer({ min: -500, max: 500 }), { maxLength: 300 }),
        fc.constantFrom<SkipListOptions>(
          {},
          { probability: 0.5 },
          { maxLevel: 2 },
          { probability: 0.3 },
        ),
        fc.array(commandArbitrary(520), { maxLength: 80 }),
        (keys, options, commands) => {
          const sorted = [...keys].sort((a, b) => a - b);
          const list = new SkipList<number, number>(numeric, options);
          list.set(9999, 1);
          list.assignSorted(sorted.map((key) => [key, key]));
          list.validate();
          const branching = Math.round(1 / list.probability);
          for (const [index, [, height]] of list.shape().towers.entries()) {
            let expected = 1;
            for (
              let position = index + 1;
              expected < list.maxLevel && position % branching === 0;
            ) {
              position /= branching;
              expected++;
            }
            expect(height).toBe(expected);
          }
          const model = new SortedArrayModel<number, number>(numeric);
          for (const key of sorted) model.set(key, key, true);
          for (const command of commands) runCommand(list, model, command);
        },
      ),
      { numRuns: 200 },
    );
  });
});

describe('SkipList reproducibility', () => {
  function build(seed: number): SkipList<number, number> {
    const list = new SkipList<number, number>(numeric, { seed });
    let state = 12345;
    for (let step = 0; step < 5000; step++) {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      const key = state % 2000;
      if (state % 3 === 0) list.delete(key);
      else list.set(key, step);
    }
    return list;
  }

  it('same seed and same operations give the identical structure', () => {
    const first = build(42).shape();
    expect(build(42).shape()).toEqual(first);
    expect(first.towers.some(([, height]) => height > 1)).toBe(true);
  });

  it('a different seed gives a different structure over the same keys', () => {
    const one = build(42).shape();
    const other = build(43).shape();
    expect(other.towers.map(([key]) => key)).toEqual(one.towers.map(([key]) => key));
    expect(other.towers).not.toEqual(one.towers);
  });
});

describe('SkipList stats and validate', () => {
  it('counts comparisons and level changes when instrumented, nothing otherwise', () => {
    const plain = new SkipList<number, number>(numeric);
    const counted = new SkipList<number, number>(numeric, { instrument: true, seed: 9 });
    for (let key = 0; key < 1000; key++) {
      plain.set(key, key);
      counted.set(key, key);
    }
    expect(plain.stats().counters.comparisons).toBe(0);
    expect(plain.stats().instrumented).toBe(false);
    const stats = counted.stats();
    expect(stats.size).toBe(1000);
    expect(stats.levelSizes[0]).toBe(1000);
    expect(stats.nodeCount).toBe(stats.levelSizes.reduce((sum, count) => sum + count, 0));
    expect(stats.height).toBe(stats.levelSizes.length);
    expect(stats.counters.comparisons).toBeGreaterThan(1000);
    expect(stats.counters.towerLevelsCreated).toBe(stats.nodeCount);
    expect(stats.counters.levelChanges).toBe(stats.nodeCount);
    // A growth may add several levels at once (a tall tower on a short list).
    expect(stats.counters.topLevelGrowths).toBeGreaterThanOrEqual(1);
    expect(stats.counters.topLevelGrowths).toBeLessThanOrEqual(stats.height);
    for (let key = 0; key < 1000; key++) counted.delete(key);
    const emptied = counted.stats();
    expect(emptied.height).toBe(0);
    expect(emptied.counters.towerLevelsRemoved).toBe(stats.nodeCount);
    expect(emptied.counters.topLevelShrinks).toBeGreaterThan(0);
    counted.resetCounters();
    expect(counted.stats().counters.comparisons).toBe(0);
  });

  it('validate names the key that breaks an invariant', () => {
    const list = new SkipList<number, number>(numeric, { seed: 3 });
    for (let key = 0; key < 50; key++) list.set(key, key);
    // Corrupt the order: the comparator now disagrees with how the keys were linked.
    let reversed = false;
    const lying = new SkipList<number, number>((a, b) => (reversed ? b - a : a - b));
    for (let key = 0; key < 5; key++) lying.set(key, key);
    reversed = true;
    expect(() => lying.validate()).toThrow(/key 1 does not sort after 0/);
    list.validate();
  });
});
