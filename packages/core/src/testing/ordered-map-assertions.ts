/**
 * Assertions of the ordered-map kit, shared by its random runs and fixed cases and exported
 * for backends' own tests: entries compared with `Object.is` (so the kept key object is
 * checked, not just an equal key), `validate()` plus a full comparison after a mutation, and
 * the height bound. Each failure throws an Error whose message says what differed and where.
 */
import type { Entry, OrderedMap } from '../ordered-map.js';

/**
 * The greatest height a backend allows for `size` entries. `afterDeletions` tells whether
 * entries have been deleted since the map was empty, for structures whose bound is weaker then
 * (a WAVL tree is an AVL tree until its first deletion).
 */
export type HeightBound = (size: number, afterDeletions: boolean) => number;

/**
 * Throws when `map.stats().height` exceeds `bound(size, afterDeletions)`. For backends' own
 * tests; {@link describeOrderedMap} calls it after every mutation when given a bound.
 */
export function checkHeightBound<K, V>(
  map: OrderedMap<K, V>,
  bound: HeightBound,
  afterDeletions: boolean,
): void {
  const { size, height } = map.stats();
  const limit = bound(size, afterDeletions);
  if (height > limit) {
    fail(
      `height ${height} exceeds the bound ${limit} for ${size} entries${afterDeletions ? ' after deletions' : ''}`,
    );
  }
}

/**
 * Throws unless `actual` holds exactly the entries of `expected`, in order, with the same key
 * objects and values (compared with `Object.is`). Iterates both maps.
 */
export function assertSameEntries<K, V>(
  actual: OrderedMap<K, V>,
  expected: OrderedMap<K, V>,
  context = 'contents',
): void {
  if (actual.size !== expected.size) {
    fail(`${context}: size is ${actual.size}, expected ${expected.size}`);
  }
  assertEntryLists([...actual.entries()], [...expected.entries()], context);
  if (actual.forEachUnordered !== undefined) assertUnorderedWalk(actual, expected, context);
}

/** The optional unordered walk visits every entry of `expected` once, in whatever order. */
function assertUnorderedWalk<K, V>(
  actual: OrderedMap<K, V>,
  expected: OrderedMap<K, V>,
  context: string,
): void {
  const visited = new Map<K, V>();
  const calls = actual.forEachUnordered!((key, value) => {
    if (visited.has(key)) fail(`${context}: forEachUnordered visited ${show(key)} twice`);
    visited.set(key, value);
  });
  if (calls !== expected.size || visited.size !== expected.size) {
    fail(`${context}: forEachUnordered made ${calls} calls, expected ${expected.size}`);
  }
  for (const [key, value] of expected.entries()) {
    if (!visited.has(key) || !Object.is(visited.get(key), value)) {
      fail(`${context}: forEachUnordered did not visit ${show(key)} with its value`);
    }
  }
}

export function fail(message: string): never {
  throw new Error(message);
}

export function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

export function assertEntry<K, V>(
  actual: Entry<K, V> | undefined,
  expected: Entry<K, V> | undefined,
  context: string,
): void {
  if (expected === undefined) {
    if (actual !== undefined) fail(`${context}: got ${show(actual)}, expected undefined`);
    return;
  }
  if (!Array.isArray(actual) || actual.length !== 2) {
    fail(`${context}: got ${show(actual)}, expected the entry ${show(expected)}`);
  }
  if (!Object.is(actual[0], expected[0])) {
    fail(`${context}: key ${show(actual[0])} is not the stored key object ${show(expected[0])}`);
  }
  if (!Object.is(actual[1], expected[1])) {
    fail(`${context}: value ${show(actual[1])}, expected ${show(expected[1])}`);
  }
}

export function assertEntryLists<K, V>(
  actual: ReadonlyArray<Entry<K, V>>,
  expected: ReadonlyArray<Entry<K, V>>,
  context: string,
): void {
  if (actual.length !== expected.length) {
    fail(`${context}: ${actual.length} entries, expected ${expected.length}`);
  }
  for (let index = 0; index < expected.length; index += 1) {
    assertEntry(actual[index], expected[index], `${context}, entry ${index}`);
  }
}

export function assertSameList(
  actual: ReadonlyArray<unknown>,
  expected: ReadonlyArray<unknown>,
  context: string,
): void {
  if (actual.length !== expected.length) {
    fail(`${context}: ${actual.length} items, expected ${expected.length}`);
  }
  for (let index = 0; index < expected.length; index += 1) {
    if (!Object.is(actual[index], expected[index])) {
      fail(
        `${context}, item ${index}: got ${show(actual[index])}, expected ${show(expected[index])}`,
      );
    }
  }
}

export function assertEqual(actual: unknown, expected: unknown, context: string): void {
  if (!Object.is(actual, expected)) {
    fail(`${context}: got ${show(actual)}, expected ${show(expected)}`);
  }
}

export function assertThrows(action: () => unknown, context: string): void {
  try {
    action();
  } catch {
    return;
  }
  fail(`${context}: expected a throw`);
}

/** validate() plus an exact comparison with the model, and the height bound when given. */
export function checkAfterMutation<K, V>(
  real: OrderedMap<K, V>,
  model: OrderedMap<K, V>,
  context: string,
  heightBound: HeightBound | undefined,
  afterDeletions: boolean,
): void {
  try {
    real.validate();
  } catch (error) {
    fail(`${context}: validate() threw: ${(error as Error).message}`);
  }
  assertSameEntries(real, model, context);
  if (heightBound !== undefined) {
    checkHeightBound(real, heightBound, afterDeletions);
  }
}
