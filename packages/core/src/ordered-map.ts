/**
 * The ordered-map interface that every ordered backend (`@tsunami/wavl`, `@tsunami/avl`,
 * `@tsunami/skiplist`, and the reference `SortedArrayMap`) implements: a plain sorted map over
 * any comparator for npm users, and the store behind an ETS `ordered_set`.
 *
 * Comparator contract: `comparator(a, b)` returns a negative number, zero or a positive number
 * as `a` sorts before, with or after `b`, and is a total preorder (consistent, transitive).
 * Keys that compare as zero are the same key: the map keeps the first one inserted and
 * `set` replaces only the value. A comparator that throws leaves the map unchanged.
 *
 * `undefined` is not a supported key: the navigation methods return `undefined` for "none".
 */

/** Orders keys: negative when `a` sorts first, zero when they are the same key. */
export type Comparator<K> = (a: K, b: K) => number;

/** A key and its value, as returned by navigation and iteration. A fresh array each time. */
export type Entry<K, V> = [key: K, value: V];

/**
 * Bounds and direction of a range iteration. A missing bound is open. Both bounds are
 * inclusive unless said otherwise; `reverse` walks from the high bound down.
 */
export interface RangeOptions<K> {
  /** The lowest key to include (or exclude, with `lowInclusive: false`). */
  readonly low?: K;
  /** Whether `low` itself is in the range. Default `true`. */
  readonly lowInclusive?: boolean;
  /** The highest key to include (or exclude, with `highInclusive: false`). */
  readonly high?: K;
  /** Whether `high` itself is in the range. Default `true`. */
  readonly highInclusive?: boolean;
  /** Walk from high to low. Default `false`. */
  readonly reverse?: boolean;
}

/**
 * A key range given by monotone predicates rather than keys, for intervals whose ends are no
 * key at all (every tuple that starts with `user`; everything after a key that may be gone).
 * A missing predicate leaves that end open.
 */
export interface PredicateRange<K> {
  /**
   * Whether `key` sorts before the range. Must be monotone in key order: true for a (possibly
   * empty) prefix of the keys, false for every key after it.
   */
  readonly before?: (key: K) => boolean;
  /**
   * Whether `key` sorts after the range. Must be monotone in key order: false for a prefix of
   * the keys, true for every key after it.
   */
  readonly after?: (key: K) => boolean;
  /** Walk from the high end down. Default `false`. */
  readonly reverse?: boolean;
}

/**
 * Work counters for comparing structures. Each backend reports the ones that apply to it and
 * leaves the others at zero. Counting is off unless the map was built with `instrument: true`.
 */
export interface TreeCounters {
  /** Calls of the comparator. */
  comparisons: number;
  /** Single rotations (AVL, WAVL). */
  singleRotations: number;
  /** Double rotations (AVL, WAVL), each counted once, not as two singles. */
  doubleRotations: number;
  /** Rank promotions (WAVL) or balance-factor changes walked up (AVL). */
  promotions: number;
  /** Rank demotions (WAVL). */
  demotions: number;
  /** Tower level changes: levels added or removed (skip list). */
  levelChanges: number;
  /** Relayouts: the tree rebuilt balanced, nodes renumbered, after a walk of it (WAVL, AVL). */
  relayouts: number;
}

/** A snapshot of a map's shape and, when instrumented, the work it has done. */
export interface TreeStats {
  /** Number of entries. */
  size: number;
  /** Number of nodes allocated for the entries (a skip list counts its towers). */
  nodeCount: number;
  /** Longest root-to-leaf path in nodes (0 when empty); a skip list reports its level count. */
  height: number;
  /** Whether the counters below are being kept. */
  instrumented: boolean;
  /** Work done since construction or the last `resetCounters()`. */
  counters: TreeCounters;
}

/** Options every backend's constructor accepts. */
export interface OrderedMapOptions {
  /** Keep {@link TreeCounters}. Default `false`; when off, counting costs nothing. */
  readonly instrument?: boolean;
  /**
   * Binary search trees (WAVL, AVL): let the second walk of the whole tree by `first` then
   * `next` or `nextKey` (or `last` then `prev` or `prevKey`) with no node added or removed since
   * the first, once a quarter of its size in nodes were added or removed since the last time,
   * rebuild the tree perfectly balanced with its nodes numbered in preorder, so that subtrees
   * sit side by side in memory (over 10^6 random keys a `nextKey` walk then takes a fifth of the
   * time or less, lookups and deletions less too; the walk that rebuilds takes about twice as
   * long). Default `true`;
   * `false` keeps the nodes where they were allocated (to compare trees as their own
   * algorithms leave them). The skip list ignores it.
   */
  readonly relayout?: boolean;
}

/**
 * A sorted map. Point operations and navigation are O(log n) for the balanced trees
 * (expected O(log n) for the skip list) unless a method says otherwise.
 */
export interface OrderedMap<K, V> extends Iterable<Entry<K, V>> {
  /** The comparator that orders the keys. */
  readonly comparator: Comparator<K>;
  /** Number of entries. O(1). */
  readonly size: number;

  /** The value stored under `key`, or `undefined`. */
  get(key: K): V | undefined;
  /** The entry whose key compares equal to `key` (with the stored key), or `undefined`. */
  getEntry(key: K): Entry<K, V> | undefined;
  /** Whether some key compares equal to `key`. */
  has(key: K): boolean;
  /** Stores `value` under `key`, replacing the value (not the key) of an equal key. */
  set(key: K, value: V): this;
  /** Stores `value` under `key` only when no equal key is present. Returns whether it did. */
  setIfAbsent(key: K, value: V): boolean;
  /**
   * Stores `value` under `key`, and `key` itself in place of an equal key already present (where
   * `set` keeps the stored key): one search, where `delete` then `set` take two and rebalance
   * twice. Optional: a map without it gets the same result from `delete` then `set`.
   */
  setEntry?(key: K, value: V): this;
  /** Removes the entry of `key`. Returns whether there was one. */
  delete(key: K): boolean;
  /** Removes every entry. O(1) (the old nodes are left to the garbage collector). */
  clear(): void;

  /** The entry with the smallest key. */
  first(): Entry<K, V> | undefined;
  /** The entry with the greatest key. */
  last(): Entry<K, V> | undefined;
  /** The first entry whose key is strictly greater than `key`, present or not (C++ `upper_bound`). */
  next(key: K): Entry<K, V> | undefined;
  /** The last entry whose key is strictly less than `key`, present or not. */
  prev(key: K): Entry<K, V> | undefined;
  /**
   * The key of {@link next}'s entry: no entry is built and the value is not read (at 10^6 keys,
   * a cache miss a step of a walk). Optional, with `prevKey`: without them, `next(key)?.[0]`.
   */
  nextKey?(key: K): K | undefined;
  /** The key of {@link prev}'s entry (see {@link nextKey}). */
  prevKey?(key: K): K | undefined;
  /** The first entry whose key is greater than or equal to `key` (C++ `lower_bound`). */
  ceiling(key: K): Entry<K, V> | undefined;
  /** The last entry whose key is less than or equal to `key`. */
  floor(key: K): Entry<K, V> | undefined;

  /**
   * The entries in key order (or reverse order) within the bounds of `range`. O(log n) to find
   * the start, then O(1) amortised per entry. Changing the map during iteration is not
   * supported: restart from `next(lastKey)` instead.
   */
  entries(range?: RangeOptions<K>): IterableIterator<Entry<K, V>>;
  /** The keys in order within `range`. */
  keys(range?: RangeOptions<K>): IterableIterator<K>;
  /** The values in key order within `range`. */
  values(range?: RangeOptions<K>): IterableIterator<V>;
  /**
   * Calls `visit` for each entry in `range`, in order, without allocating entries. Stops early
   * when `visit` returns `false`. Returns the number of entries visited.
   */
  forEachInRange(range: RangeOptions<K>, visit: (key: K, value: V) => unknown): number;

  /**
   * Optional (the built-in backends have it): calls `visit` for each entry whose key is neither
   * `before` nor `after` the range, in key order (reverse order with `reverse`), without
   * allocating entries; stops after a call that returns `false`. Returns the number of calls.
   * Finds each end with O(log n) predicate calls (a binary search on the predicate) and never
   * calls the comparator, so the map can keep a plain comparator while a caller seeks to
   * positions between keys. A predicate that is not monotone gives an unspecified subset.
   */
  forEachInPredicateRange?(range: PredicateRange<K>, visit: (key: K, value: V) => unknown): number;

  /**
   * Optional (the binary trees have it): calls `visit` for every entry in an order of the
   * structure's choosing, the one its memory is laid out in, for scans that need every entry but
   * not their order (counting, collecting what to delete); stops after a call that returns
   * `false`. The map must not change during the walk. Returns the number of calls.
   */
  forEachUnordered?(visit: (key: K, value: V) => unknown): number;

  /**
   * Replaces the contents with `entries`, which must be in strictly ascending key order.
   * O(n). Throws (and leaves the map unchanged) when the order is not strictly ascending.
   */
  assignSorted(entries: ReadonlyArray<readonly [K, V]>): void;

  /** Checks every invariant of the structure; throws an Error naming the node that breaks one. */
  validate(): void;
  /** Shape and work counters. O(n) for the height of structures that do not store it. */
  stats(): TreeStats;
  /** Sets every work counter back to zero. */
  resetCounters(): void;
}

/** The work counters all at zero. */
export function zeroCounters(): TreeCounters {
  return {
    comparisons: 0,
    singleRotations: 0,
    doubleRotations: 0,
    promotions: 0,
    demotions: 0,
    levelChanges: 0,
    relayouts: 0,
  };
}

/** A constructor of an ordered map, as backends export it and the test kit takes it. */
export type OrderedMapFactory = <K, V>(
  comparator: Comparator<K>,
  options?: OrderedMapOptions,
) => OrderedMap<K, V>;
