/**
 * The fixed cases of the ordered-map kit: the corners random runs reach rarely or not at all.
 * Empty and one-key maps, equal keys (the first key object is kept), fresh entry arrays,
 * forEachInRange (and the optional forEachUnordered) stopping only on `false`, long ascending
 * and descending runs and deleting everything (where rebalancing bugs live), assignSorted
 * accepting and rejecting input, a comparator that throws at every possible call of a mutation
 * (the map must stay valid and unchanged), and the instrument counters.
 */
import { naturalComparator } from '../natural-comparator.js';
import type { Comparator, OrderedMap, OrderedMapFactory, TreeCounters } from '../ordered-map.js';
import { SortedArrayMap } from '../sorted-array-map.js';
import {
  assertEntry,
  assertEntryLists,
  assertEqual,
  assertSameEntries,
  assertSameList,
  assertThrows,
  checkHeightBound,
  fail,
  type HeightBound,
  show,
} from './ordered-map-assertions.js';
import { type Box, compareBoxes } from './ordered-map-model.js';
import { seededRandom, shuffled } from './random.js';

const COUNTER_NAMES: ReadonlyArray<keyof TreeCounters> = [
  'comparisons',
  'singleRotations',
  'doubleRotations',
  'promotions',
  'demotions',
  'levelChanges',
  'relayouts',
];

function integerMap(factory: OrderedMapFactory, instrument = false): OrderedMap<number, number> {
  return factory<number, number>(naturalComparator, { instrument });
}

export function checkEmpty(factory: OrderedMapFactory): void {
  const map = integerMap(factory);
  map.validate();
  assertEqual(map.size, 0, 'size');
  assertEqual(map.comparator, naturalComparator, 'comparator');
  for (const method of ['first', 'last'] as const) assertEntry(map[method](), undefined, method);
  for (const method of ['next', 'prev', 'ceiling', 'floor', 'getEntry'] as const) {
    assertEntry(map[method](1), undefined, `${method}(1)`);
  }
  assertEqual(map.get(1), undefined, 'get(1)');
  assertEqual(map.has(1), false, 'has(1)');
  assertEqual(map.delete(1), false, 'delete(1)');
  assertSameList([...map], [], 'iteration');
  assertSameList([...map.entries({ low: 0, high: 9, reverse: true })], [], 'entries(range)');
  assertSameList([...map.keys()], [], 'keys()');
  assertSameList([...map.values()], [], 'values()');
  assertEqual(
    map.forEachInRange({}, () => true),
    0,
    'forEachInRange',
  );
  const stats = map.stats();
  assertEqual(stats.size, 0, 'stats().size');
  assertEqual(stats.height, 0, 'stats().height');
  map.clear();
  map.assignSorted([]);
  map.validate();
  assertEqual(map.size, 0, 'size after clear and assignSorted([])');
}

export function checkOneKey(factory: OrderedMapFactory): void {
  const map = integerMap(factory);
  map.set(5, 50);
  map.validate();
  assertEqual(map.size, 1, 'size');
  assertEntry(map.first(), [5, 50], 'first()');
  assertEntry(map.last(), [5, 50], 'last()');
  assertEntry(map.getEntry(5), [5, 50], 'getEntry(5)');
  assertEntry(map.ceiling(5), [5, 50], 'ceiling(5)');
  assertEntry(map.floor(5), [5, 50], 'floor(5)');
  assertEntry(map.ceiling(4), [5, 50], 'ceiling(4)');
  assertEntry(map.floor(6), [5, 50], 'floor(6)');
  assertEntry(map.next(4), [5, 50], 'next(4)');
  assertEntry(map.prev(6), [5, 50], 'prev(6)');
  assertEntry(map.next(5), undefined, 'next(5)');
  assertEntry(map.prev(5), undefined, 'prev(5)');
  assertEntry(map.ceiling(6), undefined, 'ceiling(6)');
  assertEntry(map.floor(4), undefined, 'floor(4)');
  assertSameList([...map.keys({ low: 5, lowInclusive: false })], [], 'keys(low 5 exclusive)');
  assertSameList([...map.keys({ high: 5, highInclusive: false })], [], 'keys(high 5 exclusive)');
  assertSameList([...map.keys({ low: 5, high: 5 })], [5], 'keys(5..5)');
  assertSameList([...map.keys({ low: 6, high: 4 })], [], 'keys(inverted)');
  assertEqual(map.stats().height >= 1, true, 'stats().height >= 1');
  assertEqual(map.delete(5), true, 'delete(5)');
  map.validate();
  assertEqual(map.size, 0, 'size after delete');
  assertEntry(map.first(), undefined, 'first() after delete');
}

export function checkEqualKeys(factory: OrderedMapFactory): void {
  const map = factory<Box, string>(compareBoxes);
  const original = { rank: 1, tag: 1 };
  const equal = { rank: 1, tag: 2 };
  map.set({ rank: 0, tag: 0 }, 'zero');
  map.set(original, 'first');
  map.set(equal, 'second');
  map.validate();
  assertEqual(map.size, 2, 'size after setting equal keys');
  assertEntry(map.getEntry(equal), [original, 'second'], 'getEntry after set of an equal key');
  assertEqual(map.setIfAbsent({ rank: 1, tag: 3 }, 'third'), false, 'setIfAbsent of an equal key');
  assertEntry(map.getEntry(original), [original, 'second'], 'entry after setIfAbsent');
  assertSameList(
    [...map.keys()].map((key) => key.tag),
    [0, 1],
    'stored key tags',
  );
  assertEqual(map.delete({ rank: 1, tag: 4 }), true, 'delete by an equal key');
  assertEqual(map.has(original), false, 'has after delete');
  map.set(equal, 'again');
  map.validate();
  assertEntry(map.getEntry(original), [equal, 'again'], 'getEntry after reinsertion');
  if (map.setEntry === undefined) return;
  const replacement = { rank: 1, tag: 5 };
  assertEqual(map.setEntry(replacement, 'replaced'), map, 'setEntry returns the map');
  map.validate();
  assertEqual(map.size, 2, 'size after setEntry of an equal key');
  assertEntry(map.getEntry(original), [replacement, 'replaced'], 'entry after setEntry');
  const fresh = { rank: 2, tag: 0 };
  map.setEntry(fresh, 'new');
  map.validate();
  assertEntry(map.last(), [fresh, 'new'], 'setEntry of a new key');
}

export function checkFreshEntries(factory: OrderedMapFactory): void {
  const map = integerMap(factory);
  map.assignSorted([
    [1, 10],
    [2, 20],
    [3, 30],
  ]);
  const entries = [
    map.getEntry(2),
    map.first(),
    map.last(),
    map.next(1),
    map.prev(3),
    map.ceiling(2),
    map.floor(2),
    ...map.entries(),
    ...map,
  ];
  for (const entry of entries) {
    if (entry === undefined) fail('a navigation method returned undefined for a present key');
    entry[1] = -1;
  }
  if (entries[0] === entries[5]) fail('getEntry and ceiling returned the same array');
  assertSameList([...map.values()], [10, 20, 30], 'values after writing into returned entries');
  map.validate();
}

/**
 * A long walk of `nextKey` calls (then `prevKey`, then `nextKey` again), each passing the key the
 * one before returned, with changes ahead of it along the way: a key object replaced by
 * `setEntry` with an equal one, a key deleted and one inserted. Every step must answer from the
 * map as it is, the stored key object itself (a backend that reads keys ahead of a walk must
 * drop them when the map changes). Nothing to check without the optional key-only methods.
 */
export function checkWalkAcrossChanges(factory: OrderedMapFactory): void {
  const map = factory<Box, number>(compareBoxes);
  if (map.nextKey === undefined || map.prevKey === undefined) return;
  // Even ranks, so that an insertion can land between two keys.
  const expected: Box[] = [];
  for (let rank = 0; rank < 400; rank += 2) expected.push({ rank, tag: 0 });
  for (const box of shuffled(expected, seededRandom(7))) map.set(box, box.rank);
  const indexOf = (rank: number): number => expected.findIndex((box) => box.rank === rank);
  let key = map.first()?.[0] as Box;
  let index = 0;
  const step = (backwards: boolean, context: string): void => {
    const actual = backwards ? map.prevKey!(key) : map.nextKey!(key);
    index += backwards ? -1 : 1;
    if (actual !== expected[index]) {
      fail(
        `${context}, step to index ${index}: got ${show(actual)}, expected ${show(expected[index])}`,
      );
    }
    key = actual as Box;
  };
  for (let steps = 0; steps < 30; steps += 1) step(false, 'walk');
  const replacement = { rank: key.rank + 10, tag: 1 };
  map.setEntry?.(replacement, -1);
  if (map.setEntry !== undefined) expected[indexOf(replacement.rank)] = replacement;
  for (let steps = 0; steps < 30; steps += 1) step(false, 'after setEntry ahead');
  const deleted = expected[index + 3] as Box;
  map.delete(deleted);
  expected.splice(index + 3, 1);
  for (let steps = 0; steps < 30; steps += 1) step(false, 'after a deletion ahead');
  const inserted = { rank: key.rank + 5, tag: 2 };
  map.set(inserted, -2);
  expected.splice(indexOf(key.rank + 4) + 1, 0, inserted);
  for (let steps = 0; steps < 40; steps += 1) step(false, 'after an insertion ahead');
  for (let steps = 0; steps < 20; steps += 1) step(true, 'backwards');
  while (index < expected.length - 1) step(false, 'to the end');
  assertEqual(map.nextKey(key), undefined, 'nextKey of the last key');
  map.validate();
}

/**
 * Walks that start at `ceiling` or `floor` (a backend may keep where the bound's search stopped
 * and step on from there, as core's trees do): `next` and `prev`, and `nextKey` and `prevKey`
 * when present, from the key a bound returned, in both directions, for bounds below, between,
 * on and above the keys. Every answer is checked against the keys, the even numbers 0 to 398.
 */
export function checkWalkFromBounds(factory: OrderedMapFactory): void {
  const map = integerMap(factory);
  const last = 398;
  for (const key of shuffled(
    Array.from({ length: last / 2 + 1 }, (_, index) => 2 * index),
    seededRandom(11),
  )) {
    map.set(key, -key);
  }
  const walk = (from: number, backwards: boolean, byKey: boolean, context: string): void => {
    let key = from;
    for (let step = 0; step < 12; step += 1) {
      const expectedKey = backwards ? key - 2 : key + 2;
      const expected: [number, number] | undefined =
        expectedKey < 0 || expectedKey > last ? undefined : [expectedKey, -expectedKey];
      const where = `${context}, step ${step} from ${key}`;
      if (byKey) {
        const actual = backwards ? map.prevKey!(key) : map.nextKey!(key);
        assertEqual(actual, expected?.[0], where);
      } else {
        assertEntry(backwards ? map.prev(key) : map.next(key), expected, where);
      }
      if (expected === undefined) return;
      key = expectedKey;
    }
  };
  const byKeyToo = map.nextKey !== undefined && map.prevKey !== undefined;
  for (const probe of [-1, 0, 57, 58, 397, 398, 399]) {
    for (const bound of ['ceiling', 'floor'] as const) {
      for (const backwards of [false, true]) {
        for (const byKey of byKeyToo ? [false, true] : [false]) {
          const entry = map[bound](probe);
          const rounded = bound === 'ceiling' ? probe + (probe & 1) : probe - (probe & 1);
          const context = `${bound}(${probe}) then ${backwards ? 'prev' : 'next'}${byKey ? 'Key' : ''}`;
          if (rounded < 0 || rounded > last) {
            assertEntry(entry, undefined, context);
            continue;
          }
          assertEntry(entry, [rounded, -rounded], context);
          walk(rounded, backwards, byKey, context);
        }
      }
    }
  }
}

export function checkForEachStop(factory: OrderedMapFactory): void {
  const map = integerMap(factory);
  map.assignSorted(Array.from({ length: 10 }, (_, index): [number, number] => [index, index]));
  const seen: number[] = [];
  const count = map.forEachInRange({ low: 2, reverse: false }, (key) => {
    seen.push(key);
    return key === 5 ? false : undefined;
  });
  assertSameList(seen, [2, 3, 4, 5], 'visited keys');
  assertEqual(count, 4, 'count, including the call that returned false');
  const reverseSeen: number[] = [];
  const reverseCount = map.forEachInRange(
    { high: 7, highInclusive: false, reverse: true },
    (key) => {
      reverseSeen.push(key);
      return key === 0 ? false : 0;
    },
  );
  assertSameList(reverseSeen, [6, 5, 4, 3, 2, 1, 0], 'reverse visited keys');
  assertEqual(reverseCount, 7, 'reverse count');
  if (map.forEachUnordered === undefined) return;
  let unorderedSeen = 0;
  const unorderedCount = map.forEachUnordered(() => {
    unorderedSeen += 1;
    return unorderedSeen === 3 ? false : 0;
  });
  assertEqual(unorderedCount, 3, 'unordered count, stopped by the third call');
}

export function checkSequences(
  factory: OrderedMapFactory,
  size: number,
  heightBound: HeightBound | undefined,
): void {
  for (const descending of [false, true]) {
    const map = integerMap(factory);
    const model = new SortedArrayMap<number, number>();
    const label = descending ? 'descending' : 'ascending';
    for (let step = 0; step < size; step += 1) {
      const key = descending ? size - step : step;
      map.set(key, step);
      model.set(key, step);
      map.validate();
      if (heightBound !== undefined) checkHeightBound(map, heightBound, false);
    }
    assertSameEntries(map, model, `after ${size} ${label} inserts`);
    // Delete from the same end the inserts ran towards, then the rest from the other end.
    const keys = [...model.keys()];
    const order = descending ? keys : keys.reverse();
    for (const [step, key] of order.entries()) {
      assertEqual(map.delete(key), true, `${label} delete(${key})`);
      model.delete(key);
      map.validate();
      if (heightBound !== undefined) checkHeightBound(map, heightBound, true);
      if (step % 256 === 0) assertSameEntries(map, model, `after ${label} deletes down to ${key}`);
    }
    assertEqual(map.size, 0, `size after deleting every ${label} key`);
    map.set(1, 1);
    map.validate();
  }
}

export function checkDeleteAll(
  factory: OrderedMapFactory,
  size: number,
  heightBound: HeightBound | undefined,
): void {
  const random = seededRandom(size);
  const keys = shuffled(
    Array.from({ length: size }, (_, index) => index * 3),
    random,
  );
  const map = integerMap(factory);
  const model = new SortedArrayMap<number, number>();
  for (const key of keys) {
    map.set(key, key);
    model.set(key, key);
    if (heightBound !== undefined) checkHeightBound(map, heightBound, false);
  }
  map.validate();
  assertSameEntries(map, model, 'after random inserts');
  for (const [step, key] of shuffled(keys, random).entries()) {
    assertEqual(map.delete(key + 1), false, `delete of the absent key ${key + 1}`);
    assertEqual(map.delete(key), true, `delete(${key})`);
    model.delete(key);
    map.validate();
    if (heightBound !== undefined) checkHeightBound(map, heightBound, true);
    if (step % 128 === 0) assertSameEntries(map, model, `after deleting ${step + 1} keys`);
  }
  assertEqual(map.size, 0, 'size after deleting everything');
  assertEntry(map.first(), undefined, 'first() of the emptied map');
  assertEqual(map.stats().height, 0, 'stats().height of the emptied map');
  map.set(7, 7);
  map.validate();
  assertEntry(map.first(), [7, 7], 'first() after reuse');
}

export function checkAssignSorted(factory: OrderedMapFactory): void {
  const map = integerMap(factory);
  const model = new SortedArrayMap<number, number>();
  for (const size of [1, 2, 3, 7, 100, 1000]) {
    const entries = Array.from({ length: size }, (_, index): [number, number] => [
      index * 2,
      index,
    ]);
    map.assignSorted(entries);
    model.assignSorted(entries);
    map.validate();
    assertSameEntries(map, model, `after assignSorted of ${size} entries`);
    // The map must keep working as an ordinary map after a bulk load.
    map.set(size, -1);
    model.set(size, -1);
    map.delete(0);
    model.delete(0);
    map.validate();
    assertSameEntries(map, model, `after mutating an assignSorted map of ${size}`);
  }
  const bad: Array<ReadonlyArray<readonly [number, number]>> = [
    [
      [1, 1],
      [1, 2],
    ],
    [
      [2, 1],
      [1, 2],
    ],
    [
      [1, 1],
      [2, 2],
      [3, 3],
      [3, 4],
    ],
    [
      [1, 1],
      [3, 3],
      [2, 2],
      [4, 4],
    ],
  ];
  for (const entries of bad) {
    assertThrows(() => map.assignSorted(entries), `assignSorted(${show(entries)})`);
    map.validate();
    assertSameEntries(map, model, `after the rejected assignSorted(${show(entries)})`);
  }
}

class Tripped extends Error {}

/** A comparator that throws on its nth call once armed. */
class Tripwire {
  remaining = Number.POSITIVE_INFINITY;
  readonly comparator: Comparator<number> = (a, b) => {
    this.remaining -= 1;
    if (this.remaining < 0) throw new Tripped('the comparator threw on purpose');
    return a - b;
  };
}

export function checkThrowingComparator(factory: OrderedMapFactory): void {
  const size = 300;
  const operations: ReadonlyArray<[string, (map: OrderedMap<number, number>) => unknown]> = [
    ['set of a new key', (map) => map.set(301, -1)],
    ['set of a new middle key', (map) => map.set(151, -1)],
    ['set of a present key', (map) => map.set(150, -1)],
    ['setIfAbsent of a new key', (map) => map.setIfAbsent(-1, -1)],
    ['setIfAbsent of a present key', (map) => map.setIfAbsent(20, -1)],
    ['delete of a present key', (map) => map.delete(100)],
    ['delete of the root region', (map) => map.delete(300)],
    ['delete of an absent key', (map) => map.delete(101)],
    [
      'assignSorted',
      (map) => map.assignSorted(Array.from({ length: 50 }, (_, i): [number, number] => [i, i])),
    ],
  ];
  for (const [label, operation] of operations) {
    const tripwire = new Tripwire();
    const map = factory<number, number>(tripwire.comparator);
    for (const key of shuffled(
      Array.from({ length: size }, (_, index) => index * 2),
      seededRandom(size),
    )) {
      map.set(key, key);
    }
    const before = [...map.entries()];
    let trips = 0;
    for (let trip = 0; ; trip += 1) {
      tripwire.remaining = trip;
      try {
        operation(map);
      } catch (error) {
        if (!(error instanceof Tripped)) throw error;
        trips += 1;
        tripwire.remaining = Number.POSITIVE_INFINITY;
        map.validate();
        assertEntryLists(
          [...map.entries()],
          before,
          `${label}, comparator thrown on call ${trip + 1}`,
        );
        assertEqual(map.size, before.length, `${label}: size after the throw`);
        continue;
      }
      tripwire.remaining = Number.POSITIVE_INFINITY;
      break;
    }
    if (trips === 0) fail(`${label}: the operation never called the comparator`);
    map.validate();
  }
}

export function checkCounters(
  factory: OrderedMapFactory,
  countersThatMove: ReadonlyArray<keyof TreeCounters>,
): void {
  const workload = (map: OrderedMap<number, number>) => {
    const random = seededRandom(7);
    const keys = shuffled(
      Array.from({ length: 1000 }, (_, index) => index),
      random,
    );
    for (let key = 0; key < 500; key += 1) map.set(key, key);
    for (const key of keys) map.set(key, key);
    for (const key of keys.slice(0, 700)) map.delete(key);
    for (let key = 0; key < 300; key += 1) map.set(-key, key);
    map.get(3);
    map.next(3);
    // Two walks of the whole map (the second relays a binary search tree out).
    for (let walks = 0; walks < 2; walks += 1) {
      for (let entry = map.first(); entry !== undefined; entry = map.next(entry[0]));
    }
  };

  const instrumented = integerMap(factory, true);
  workload(instrumented);
  const counted = instrumented.stats();
  assertEqual(counted.instrumented, true, 'stats().instrumented with instrument: true');
  assertEqual(counted.size, instrumented.size, 'stats().size');
  for (const name of countersThatMove) {
    if (!(counted.counters[name] > 0)) {
      fail(`counter ${name} is ${counted.counters[name]} after an instrumented workload`);
    }
  }
  instrumented.resetCounters();
  for (const name of COUNTER_NAMES) {
    assertEqual(instrumented.stats().counters[name], 0, `counter ${name} after resetCounters()`);
  }
  instrumented.get(3);
  if (!(instrumented.stats().counters.comparisons > 0)) {
    fail('comparisons did not rise after resetCounters() and a lookup');
  }

  for (const map of [integerMap(factory, false), factory<number, number>(naturalComparator)]) {
    workload(map);
    const stats = map.stats();
    assertEqual(stats.instrumented, false, 'stats().instrumented without instrument');
    for (const name of COUNTER_NAMES) {
      assertEqual(stats.counters[name], 0, `counter ${name} of a map built without instrument`);
    }
  }
}

/**
 * Relayout (binary search trees, `layout.ts`): the second walk of the whole map by `first` then
 * `next` (or `nextKey`), or by `last` then `prevKey`, with no node added or removed since the
 * first, once a quarter of its size in nodes were added or removed since the last relayout,
 * rebuilds the tree perfectly balanced with its nodes numbered in preorder (seen through
 * `forEachUnordered`, which visits nodes in their order, and the height); a walk interrupted by
 * a change (a value or key replaced, a node added) relays nothing out; an iterator begun before
 * a relayout goes on over the entries it began with; `relayout: false` never relays out. The
 * map stays valid and holds the same entries throughout.
 */
export function checkRelayout(factory: OrderedMapFactory): void {
  const size = 1000;
  const build = (relayout = true): OrderedMap<number, number> => {
    const map = factory<number, number>(naturalComparator, { instrument: true, relayout });
    for (const key of shuffled(
      Array.from({ length: size }, (_, index) => 2 * index),
      seededRandom(11),
    )) {
      map.set(key, 10 * key);
    }
    return map;
  };
  const relayouts = (map: OrderedMap<number, number>): number => map.stats().counters.relayouts;
  // The keys of a perfectly balanced tree over `keys` (ascending), in preorder.
  const preorder = (keys: number[]): number[] => {
    const order: number[] = [];
    const visit = (start: number, end: number): void => {
      if (start >= end) return;
      const middle = (start + end) >>> 1;
      order.push(keys[middle]!);
      visit(start, middle);
      visit(middle + 1, end);
    };
    visit(0, keys.length);
    return order;
  };
  const isLaidOut = (map: OrderedMap<number, number>): boolean => {
    const nodeOrder: number[] = [];
    map.forEachUnordered!((key) => {
      nodeOrder.push(key);
    });
    const expected = preorder(nodeOrder.slice().sort((a, b) => a - b));
    return (
      map.stats().height === Math.ceil(Math.log2(nodeOrder.length + 1)) &&
      nodeOrder.every((key, index) => key === expected[index])
    );
  };
  const walk = (map: OrderedMap<number, number>, keysOnly: boolean): number[] => {
    const keys: number[] = [];
    for (let key = map.first()?.[0]; key !== undefined; ) {
      keys.push(key);
      key = keysOnly ? map.nextKey!(key) : map.next(key)?.[0];
    }
    return keys;
  };
  const expectContents = (map: OrderedMap<number, number>, keys: number[], context: string) => {
    map.validate();
    assertSameList(walk(map, true), keys, `${context}: keys`);
    for (const key of keys) assertEqual(map.get(key), 10 * key, `${context}: get(${key})`);
  };
  const allKeys = Array.from({ length: size }, (_, index) => 2 * index);

  for (const keysOnly of [false, true]) {
    const context = keysOnly ? 'nextKey walk' : 'next walk';
    const map = build();
    if (isLaidOut(map)) fail(`${context}: random inserts left the tree laid out already`);
    const iterator = map.entries();
    const begun = [iterator.next().value, iterator.next().value];
    assertSameList(walk(map, keysOnly), allKeys, context);
    assertEqual(relayouts(map), 0, `${context}: relayouts after one walk of the whole map`);
    assertSameList(walk(map, keysOnly), allKeys, `${context}, again`);
    assertEqual(relayouts(map), 1, `${context}: relayouts after a second walk`);
    if (!isLaidOut(map)) fail(`${context}: the tree is not laid out after the walk`);
    expectContents(map, allKeys, `${context}, relaid out`);
    assertEqual(relayouts(map), 1, `${context}: relayouts after a walk of an unchanged map`);
    const rest = [...iterator];
    assertEntryLists(
      [...begun, ...rest] as [number, number][],
      allKeys.map((key) => [key, 10 * key]),
      `${context}: an iterator begun before the relayout`,
    );
    // Fewer changes than a quarter of the size: the next walk keeps the layout.
    for (let key = 1; key < 200; key += 2) map.set(key, 10 * key);
    walk(map, keysOnly);
    walk(map, keysOnly);
    assertEqual(relayouts(map), 1, `${context}: relayouts after 100 insertions`);
    for (let key = 201; key < 800; key += 2) map.set(key, 10 * key);
    const keys = [...allKeys, ...Array.from({ length: 400 }, (_, index) => 2 * index + 1)];
    keys.sort((a, b) => a - b);
    assertSameList(walk(map, keysOnly), keys, `${context}: after 400 insertions`);
    assertEqual(relayouts(map), 1, `${context}: relayouts after 400 insertions and a walk`);
    walk(map, keysOnly);
    assertEqual(relayouts(map), 2, `${context}: relayouts after 400 insertions and two walks`);
    if (!isLaidOut(map)) fail(`${context}: the tree is not laid out after the second walk`);
    expectContents(map, keys, `${context}, relaid out again`);
  }

  // Walks backwards, by `last` and `prevKey`.
  const backwards = build();
  const walkBack = (): number[] => {
    const keys: number[] = [];
    for (let key = backwards.last()?.[0]; key !== undefined; key = backwards.prevKey!(key)) {
      keys.push(key);
    }
    return keys;
  };
  const descending = [...allKeys].reverse();
  assertSameList(walkBack(), descending, 'walk backwards');
  assertSameList(walkBack(), descending, 'walk backwards, again');
  assertEqual(relayouts(backwards), 1, 'relayouts after two walks backwards');
  if (!isLaidOut(backwards)) fail('the tree is not laid out after two walks backwards');
  expectContents(backwards, allKeys, 'walks backwards, relaid out');

  // Changes during a walk: what the walk recorded is dropped, and nothing stale comes back.
  const changes: Array<[string, (map: OrderedMap<number, number>) => void, number]> = [
    ['set', (map) => map.set(100, 1000), 100],
    ['setEntry', (map) => map.setEntry?.(100, 1000), 100],
    ['an insertion', (map) => map.set(101, 1010), 101],
  ];
  for (const [name, change, changed] of changes) {
    const map = build();
    // A value the change replaces, recorded by the walk first.
    map.set(100, -1);
    walk(map, true);
    let key = map.first()?.[0];
    for (let steps = 0; steps < size / 2 && key !== undefined; steps += 1) key = map.nextKey!(key);
    change(map);
    while (key !== undefined) key = map.nextKey!(key);
    assertEqual(relayouts(map), 0, `relayouts after a walk interrupted by ${name}`);
    assertEqual(map.get(changed), 10 * changed, `the value ${name} stored during a walk`);
    walk(map, true);
    walk(map, true);
    assertEqual(relayouts(map), 1, `relayouts after two walks that follow ${name}`);
    assertEqual(map.get(changed), 10 * changed, `the value ${name} stored, after the relayout`);
    map.validate();
  }

  const fixed = build(false);
  walk(fixed, true);
  walk(fixed, true);
  walk(fixed, false);
  assertEqual(relayouts(fixed), 0, 'relayouts with relayout: false');
  if (isLaidOut(fixed)) fail('relayout: false relaid the tree out');
  expectContents(fixed, allKeys, 'relayout: false');
}
