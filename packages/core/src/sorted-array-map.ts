/**
 * `SortedArrayMap`: the reference {@link OrderedMap}, a sorted array of keys beside a parallel
 * array of values, searched by binary search.
 *
 * It is the trivially correct model that the test kit (`@tsunami/core/testing`) drives beside
 * every tree, and a real choice for small maps: lookups and navigation are O(log n) with no
 * pointer chasing, iteration is a contiguous array walk, but `set` of a new key and `delete`
 * move the tail of both arrays, O(n).
 *
 * Invariants (checked by {@link SortedArrayMap.validate}): `keys` and `values` have the same
 * length, and `keys` is strictly ascending under the comparator, so no two stored keys compare
 * equal. Every mutation finishes all its comparator calls before it changes either array, so a
 * comparator that throws leaves the map unchanged.
 */
import { naturalComparator } from './natural-comparator.js';
import {
  type Comparator,
  type Entry,
  type OrderedMap,
  type OrderedMapOptions,
  type RangeOptions,
  type TreeCounters,
  type TreeStats,
  zeroCounters,
} from './ordered-map.js';

/**
 * A sorted map kept as two parallel arrays (keys, values) in ascending key order.
 *
 * Complexity: `get`, `has`, `getEntry`, navigation and finding a range's start are O(log n)
 * comparisons; `set` of a present key and `setIfAbsent` of a present key are O(log n); `set`
 * of a new key and `delete` are O(log n) comparisons plus O(n) element moves; `assignSorted`
 * is O(n). `first`, `last`, `size` and `clear` are O(1).
 *
 * @example
 * ```ts
 * const map = new SortedArrayMap<number, string>();
 * map.set(3, 'c').set(1, 'a').set(2, 'b');
 * [...map.keys({ low: 2 })]; // [2, 3]
 * map.next(1); // [2, 'b']
 * ```
 */
export class SortedArrayMap<K, V> implements OrderedMap<K, V> {
  /** The comparator that orders the keys, as given to the constructor. */
  readonly comparator: Comparator<K>;
  #keys: K[] = [];
  #values: V[] = [];
  readonly #instrumented: boolean;
  #counters: TreeCounters = zeroCounters();
  /** The comparator itself, or a wrapper that counts its calls when instrumented. */
  readonly #compare: Comparator<K>;

  /**
   * An empty map.
   *
   * @param comparator orders the keys; see the comparator contract of {@link OrderedMap}.
   *   Defaults to {@link naturalComparator} (numbers, strings or bigints with `<`).
   * @param options `instrument: true` counts comparator calls in {@link stats}.
   * @throws TypeError when `comparator` is not a function.
   */
  constructor(
    comparator: Comparator<K> = naturalComparator as unknown as Comparator<K>,
    options: OrderedMapOptions = {},
  ) {
    if (typeof comparator !== 'function') {
      throw new TypeError(`SortedArrayMap needs a comparator function, got ${typeof comparator}`);
    }
    this.comparator = comparator;
    this.#instrumented = options.instrument === true;
    this.#compare = this.#instrumented
      ? (a, b) => {
          this.#counters.comparisons += 1;
          return comparator(a, b);
        }
      : comparator;
  }

  /** Number of entries. O(1). */
  get size(): number {
    return this.#keys.length;
  }

  /**
   * Index of `key` when present; otherwise `~insertionPoint` (a negative number), where
   * `insertionPoint` is the index of the first key greater than `key`.
   */
  #search(key: K): number {
    const keys = this.#keys;
    const compare = this.#compare;
    let low = 0;
    let high = keys.length - 1;
    while (low <= high) {
      const middle = (low + high) >>> 1;
      const order = compare(keys[middle] as K, key);
      if (order < 0) low = middle + 1;
      else if (order > 0) high = middle - 1;
      else return middle;
    }
    return ~low;
  }

  /** Index of the first key greater than or equal to `key` (C++ `lower_bound`). */
  #lowerBound(key: K): number {
    const index = this.#search(key);
    return index >= 0 ? index : ~index;
  }

  /** Index of the first key strictly greater than `key` (C++ `upper_bound`). */
  #upperBound(key: K): number {
    const index = this.#search(key);
    return index >= 0 ? index + 1 : ~index;
  }

  #entryAt(index: number): Entry<K, V> | undefined {
    if (index < 0 || index >= this.#keys.length) return undefined;
    return [this.#keys[index] as K, this.#values[index] as V];
  }

  /** The value stored under `key`, or `undefined`. O(log n). */
  get(key: K): V | undefined {
    const index = this.#search(key);
    return index >= 0 ? this.#values[index] : undefined;
  }

  /** The entry whose key compares equal to `key`, with the stored key, or `undefined`. O(log n). */
  getEntry(key: K): Entry<K, V> | undefined {
    const index = this.#search(key);
    return index >= 0 ? this.#entryAt(index) : undefined;
  }

  /** Whether some key compares equal to `key`. O(log n). */
  has(key: K): boolean {
    return this.#search(key) >= 0;
  }

  /**
   * Stores `value` under `key`. When an equal key is present its value is replaced and the
   * stored key object is kept. O(log n) to find the place, O(n) to insert a new key.
   *
   * @throws TypeError when `key` is `undefined` (not a supported key).
   */
  set(key: K, value: V): this {
    checkKey(key);
    const index = this.#search(key);
    if (index >= 0) {
      this.#values[index] = value;
    } else {
      this.#keys.splice(~index, 0, key);
      this.#values.splice(~index, 0, value);
    }
    return this;
  }

  /**
   * Stores `value` under `key` only when no equal key is present. Returns whether it did.
   * O(log n), plus O(n) when it inserts.
   *
   * @throws TypeError when `key` is `undefined` (not a supported key).
   */
  setIfAbsent(key: K, value: V): boolean {
    checkKey(key);
    const index = this.#search(key);
    if (index >= 0) return false;
    this.#keys.splice(~index, 0, key);
    this.#values.splice(~index, 0, value);
    return true;
  }

  /**
   * Stores `value` under `key`, replacing both the key and the value of an equal key. O(log n),
   * plus O(n) when it inserts.
   *
   * @throws TypeError when `key` is `undefined` (not a supported key).
   */
  setEntry(key: K, value: V): this {
    checkKey(key);
    const index = this.#search(key);
    if (index >= 0) {
      this.#keys[index] = key;
      this.#values[index] = value;
    } else {
      this.#keys.splice(~index, 0, key);
      this.#values.splice(~index, 0, value);
    }
    return this;
  }

  /** Removes the entry of `key`. Returns whether there was one. O(log n) plus O(n) moves. */
  delete(key: K): boolean {
    const index = this.#search(key);
    if (index < 0) return false;
    this.#keys.splice(index, 1);
    this.#values.splice(index, 1);
    return true;
  }

  /** Removes every entry. O(1). */
  clear(): void {
    this.#keys = [];
    this.#values = [];
  }

  /** The entry with the smallest key. O(1). */
  first(): Entry<K, V> | undefined {
    return this.#entryAt(0);
  }

  /** The entry with the greatest key. O(1). */
  last(): Entry<K, V> | undefined {
    return this.#entryAt(this.#keys.length - 1);
  }

  /** The first entry whose key is strictly greater than `key`. O(log n). */
  next(key: K): Entry<K, V> | undefined {
    return this.#entryAt(this.#upperBound(key));
  }

  /** The last entry whose key is strictly less than `key`. O(log n). */
  prev(key: K): Entry<K, V> | undefined {
    return this.#entryAt(this.#lowerBound(key) - 1);
  }

  /** The key of {@link next}'s entry. O(log n). */
  nextKey(key: K): K | undefined {
    return this.#keys[this.#upperBound(key)];
  }

  /** The key of {@link prev}'s entry. O(log n). */
  prevKey(key: K): K | undefined {
    const index = this.#lowerBound(key) - 1;
    return index < 0 ? undefined : this.#keys[index];
  }

  /** The first entry whose key is greater than or equal to `key`. O(log n). */
  ceiling(key: K): Entry<K, V> | undefined {
    return this.#entryAt(this.#lowerBound(key));
  }

  /** The last entry whose key is less than or equal to `key`. O(log n). */
  floor(key: K): Entry<K, V> | undefined {
    return this.#entryAt(this.#upperBound(key) - 1);
  }

  /**
   * The index range `[start, end)` of the keys inside `range`; `start >= end` when it is empty
   * (including inverted bounds). O(log n).
   */
  #bounds(range: RangeOptions<K> | undefined): [start: number, end: number] {
    let start = 0;
    let end = this.#keys.length;
    if (range === undefined) return [start, end];
    if (range.low !== undefined) {
      start =
        range.lowInclusive === false ? this.#upperBound(range.low) : this.#lowerBound(range.low);
    }
    if (range.high !== undefined) {
      end =
        range.highInclusive === false ? this.#lowerBound(range.high) : this.#upperBound(range.high);
    }
    return [start, end];
  }

  /**
   * The entries within `range` in key order (or reverse order), each a fresh array. O(log n)
   * to find the start, then O(1) per entry. The map must not change during the iteration.
   */
  *entries(range?: RangeOptions<K>): IterableIterator<Entry<K, V>> {
    const [start, end] = this.#bounds(range);
    const keys = this.#keys;
    const values = this.#values;
    if (range?.reverse === true) {
      for (let index = end - 1; index >= start; index -= 1) {
        yield [keys[index] as K, values[index] as V];
      }
    } else {
      for (let index = start; index < end; index += 1) {
        yield [keys[index] as K, values[index] as V];
      }
    }
  }

  /** The keys within `range`, in order. Same costs as {@link entries}. */
  *keys(range?: RangeOptions<K>): IterableIterator<K> {
    const [start, end] = this.#bounds(range);
    const keys = this.#keys;
    if (range?.reverse === true) {
      for (let index = end - 1; index >= start; index -= 1) yield keys[index] as K;
    } else {
      for (let index = start; index < end; index += 1) yield keys[index] as K;
    }
  }

  /** The values within `range`, in key order. Same costs as {@link entries}. */
  *values(range?: RangeOptions<K>): IterableIterator<V> {
    const [start, end] = this.#bounds(range);
    const values = this.#values;
    if (range?.reverse === true) {
      for (let index = end - 1; index >= start; index -= 1) yield values[index] as V;
    } else {
      for (let index = start; index < end; index += 1) yield values[index] as V;
    }
  }

  /** All entries in key order. */
  [Symbol.iterator](): IterableIterator<Entry<K, V>> {
    return this.entries();
  }

  /**
   * Calls `visit(key, value)` for each entry in `range`, in order (reverse order with
   * `reverse: true`), without allocating entries. Stops after a call that returns exactly
   * `false` (other falsy results go on). Returns the number of calls made, including the one
   * that returned `false`. O(log n + visited).
   */
  forEachInRange(range: RangeOptions<K>, visit: (key: K, value: V) => unknown): number {
    const [start, end] = this.#bounds(range);
    const keys = this.#keys;
    const values = this.#values;
    let visited = 0;
    if (range.reverse === true) {
      for (let index = end - 1; index >= start; index -= 1) {
        visited += 1;
        if (visit(keys[index] as K, values[index] as V) === false) break;
      }
    } else {
      for (let index = start; index < end; index += 1) {
        visited += 1;
        if (visit(keys[index] as K, values[index] as V) === false) break;
      }
    }
    return visited;
  }

  /**
   * Replaces the contents with `entries`, which must be in strictly ascending key order.
   * Checks the whole order (n - 1 comparator calls) before changing anything, so on a throw
   * the map is unchanged. O(n).
   *
   * @throws Error when two neighbouring keys are not strictly ascending; TypeError when a key
   *   is `undefined`; whatever the comparator throws.
   */
  assignSorted(entries: ReadonlyArray<readonly [K, V]>): void {
    const keys = new Array<K>(entries.length);
    const values = new Array<V>(entries.length);
    for (let index = 0; index < entries.length; index += 1) {
      const entry = entries[index] as readonly [K, V];
      const key = entry[0];
      checkKey(key);
      if (index > 0 && !(this.#compare(keys[index - 1] as K, key) < 0)) {
        throw new Error(
          `assignSorted needs strictly ascending keys: the key at index ${index} does not sort after the key at index ${index - 1}`,
        );
      }
      keys[index] = key;
      values[index] = entry[1];
    }
    this.#keys = keys;
    this.#values = values;
  }

  /**
   * Checks that the two arrays have the same length and that the keys are strictly ascending
   * under the comparator (its calls here are not counted). O(n).
   *
   * @throws Error naming the first index that breaks an invariant.
   */
  validate(): void {
    const keys = this.#keys;
    if (keys.length !== this.#values.length) {
      throw new Error(
        `SortedArrayMap invalid: ${keys.length} keys but ${this.#values.length} values`,
      );
    }
    for (let index = 1; index < keys.length; index += 1) {
      const order = this.comparator(keys[index - 1] as K, keys[index] as K);
      if (!(order < 0)) {
        throw new Error(
          `SortedArrayMap invalid: the key at index ${index} does not sort strictly after the key at index ${index - 1} (comparator gave ${order})`,
        );
      }
    }
  }

  /**
   * Shape and work counters. `nodeCount` is the number of entries (one array slot each) and
   * `height` the depth of the implicit binary search tree, ⌈log₂(n + 1)⌉: the most comparator
   * calls a lookup makes. Only `comparisons` is counted. O(1).
   */
  stats(): TreeStats {
    const size = this.#keys.length;
    return {
      size,
      nodeCount: size,
      height: 32 - Math.clz32(size),
      instrumented: this.#instrumented,
      counters: { ...this.#counters },
    };
  }

  /** Sets every work counter back to zero. */
  resetCounters(): void {
    this.#counters = zeroCounters();
  }
}

function checkKey(key: unknown): void {
  if (key === undefined) {
    throw new TypeError('undefined is not a supported ordered-map key');
  }
}
