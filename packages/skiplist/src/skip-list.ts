/**
 * A skip list (Pugh 1990, "Skip lists: a probabilistic alternative to balanced trees",
 * CACM 33(6)) implementing {@link OrderedMap}: a sorted map over any comparator, and a backend
 * for an ETS `ordered_set`.
 *
 * Levels are singly linked lists of {@link SkipListNode}s, one node per (key, level); level 0
 * holds every entry and also links backwards, so reverse iteration and `prev` of a found key
 * are O(1) per step. A search starts at the head of the top level and moves right while the
 * next key sorts before the target, then drops a level. It never compares the same tower twice:
 * the node that stopped a level is remembered and stops the levels below by identity, which
 * saves about a third of the comparisons at probability 1/4.
 *
 * Tower heights come from a seeded generator ({@link LevelGenerator}), so the same seed and
 * the same operations build the same list. `assignSorted` builds the perfect shape instead.
 *
 * Invariants (checked by {@link SkipList.validate}): every level is strictly ascending and a
 * sublist of the level below; level 0 holds exactly `size` entries with consistent backward
 * links and tail; the level count is the tallest tower's height (0 when empty), at most
 * `maxLevel`. Failure safety: every operation calls the comparator only while searching and
 * links nodes only afterwards, so a comparator that throws leaves the list unchanged and valid.
 */
import {
  type Comparator,
  type Entry,
  naturalComparator,
  type OrderedMap,
  type OrderedMapOptions,
  type PredicateRange,
  type RangeOptions,
  type TreeCounters,
  type TreeStats,
  zeroCounters,
} from '@tsunami/core';
import { IterationOutput, SkipListIterator } from './iterator.js';
import { LevelGenerator, perfectHeight } from './level-generator.js';
import { SkipListNode } from './node.js';
import { levelSizes, towerHeights, validateLevels } from './validate.js';

/** The seed used when none is given: lists are reproducible by default. */
export const DEFAULT_SEED = 0x5eed;

/**
 * The default promotion probability. Measured against 1/2 in `bench/layout.mjs` (1,000,000
 * random integers): 1/4 inserted about 30% faster and looked up about 20% faster, with
 * 1.33 instead of 2 nodes per entry.
 */
export const DEFAULT_PROBABILITY = 0.25;

/** The highest `maxLevel` accepted. */
export const MAX_LEVEL_LIMIT = 64;

/** Options of {@link SkipList}: the {@link OrderedMapOptions} plus the shape knobs. */
export interface SkipListOptions extends OrderedMapOptions {
  /**
   * Seeds the tower-height generator (its low 32 bits are used). Default {@link DEFAULT_SEED}.
   * Same seed and same operations give the same structure.
   */
  readonly seed?: number;
  /**
   * Chance that a tower of height `h` grows to `h + 1`, in (0, 1). Default
   * {@link DEFAULT_PROBABILITY} (1/4).
   */
  readonly probability?: number;
  /**
   * The most levels the list uses, an integer in 1..{@link MAX_LEVEL_LIMIT}. Default: enough
   * levels for 2^32 entries at the chosen probability (16 at 1/4, 32 at 1/2). Small values
   * degrade the search towards a linked list but stay correct.
   */
  readonly maxLevel?: number;
}

/** The work counters of a skip list: {@link TreeCounters} plus how its levels changed. */
export interface SkipListCounters extends TreeCounters {
  /** Tower levels created plus removed (the interface's shared counter). */
  levelChanges: number;
  /** Level nodes created by `set`, `setIfAbsent` and `assignSorted`. */
  towerLevelsCreated: number;
  /** Level nodes unlinked by `delete`. */
  towerLevelsRemoved: number;
  /** Times an insertion raised the list's level count. */
  topLevelGrowths: number;
  /** Times a deletion lowered the list's level count. */
  topLevelShrinks: number;
}

/** A snapshot of a skip list's shape and counters. */
export interface SkipListStats extends TreeStats {
  /** Level nodes allocated (each tower counts its height). */
  nodeCount: number;
  /** The number of levels in use (the tallest tower's height; 0 when empty). */
  height: number;
  /** Nodes on each level, from level 0 (which equals `size`) up. */
  levelSizes: number[];
  counters: SkipListCounters;
}

/** The shape of a skip list: each key in order with the height of its tower. */
export interface SkipListShape<K> {
  /** The number of levels in use. */
  readonly levelCount: number;
  /** Every key in ascending order with its tower height. */
  readonly towers: Array<[key: K, height: number]>;
}

function zeroSkipListCounters(): SkipListCounters {
  return {
    ...zeroCounters(),
    towerLevelsCreated: 0,
    towerLevelsRemoved: 0,
    topLevelGrowths: 0,
    topLevelShrinks: 0,
  };
}

function checkOptions(options: SkipListOptions): {
  seed: number;
  probability: number;
  maxLevel: number;
} {
  if (typeof options !== 'object' || options === null) {
    throw new TypeError('SkipList options must be an object');
  }
  const { seed = DEFAULT_SEED, probability = DEFAULT_PROBABILITY } = options;
  if (typeof seed !== 'number' || !Number.isFinite(seed)) {
    throw new TypeError(`SkipList seed must be a finite number, got ${String(seed)}`);
  }
  if (typeof probability !== 'number' || !(probability > 0 && probability < 1)) {
    throw new RangeError(`SkipList probability must be in (0, 1), got ${String(probability)}`);
  }
  const maxLevel =
    options.maxLevel ?? Math.min(MAX_LEVEL_LIMIT, Math.ceil(32 / Math.log2(1 / probability)));
  if (!Number.isInteger(maxLevel) || maxLevel < 1 || maxLevel > MAX_LEVEL_LIMIT) {
    throw new RangeError(
      `SkipList maxLevel must be an integer in 1..${MAX_LEVEL_LIMIT}, got ${String(maxLevel)}`,
    );
  }
  return { seed, probability, maxLevel };
}

/**
 * A sorted map stored as a skip list. Point operations and navigation take expected
 * O(log n) time and comparisons; iteration is O(1) per entry in either direction; memory is
 * expected `1 / (1 - probability)` nodes per entry (1.33 at the default 1/4).
 *
 * Comparator contract: `comparator(a, b)` returns a negative number, zero or a positive
 * number as `a` sorts before, with or after `b`, and is a consistent total preorder. Keys that
 * compare as zero are the same key: the first inserted is kept and later `set`s replace only
 * the value. A comparator that throws leaves the list unchanged and valid. Without a
 * comparator, keys are numbers, strings or bigints in JavaScript `<` order
 * (`naturalComparator` of `@tsunami/core`).
 *
 * @example
 * ```ts
 * const list = new SkipList<number, string>((a, b) => a - b, { seed: 7 });
 * list.set(3, 'c').set(1, 'a').set(2, 'b');
 * [...list.keys({ low: 2 })]; // [2, 3]
 * list.next(1); // [2, 'b']
 * ```
 */
export class SkipList<K, V> implements OrderedMap<K, V> {
  /** The comparator that orders the keys, as given to the constructor. */
  readonly comparator: Comparator<K>;
  /** The seed of the tower-height generator. */
  readonly seed: number;
  /** The promotion probability. */
  readonly probability: number;
  /** The most levels the list uses. */
  readonly maxLevel: number;

  /** The comparator the list calls: `comparator` itself, or a counting wrapper. */
  private readonly compareKeys: Comparator<K>;
  private readonly instrumented: boolean;
  private counters: SkipListCounters;
  private readonly generator: LevelGenerator;
  /** Branching factor of the perfect shape `assignSorted` builds: round(1 / probability). */
  private readonly branching: number;
  /** One sentinel per level, `heads[level].below === heads[level - 1]`. */
  private readonly heads: SkipListNode<K, V>[];
  /** Scratch for insert and delete: the last node before the key on each level. */
  private readonly update: SkipListNode<K, V>[];
  /** Levels in use: the tallest tower's height. */
  private levelCount = 0;
  private entryCount = 0;
  /** Level nodes linked, all levels. */
  private nodeCount = 0;
  /** The last base at level 0. */
  private tail: SkipListNode<K, V> | null = null;
  /**
   * The level-0 node that `first`, `last`, `next`, `prev`, `nextKey` or `prevKey` answered last,
   * or `null`: a walk (each call passing the key the one before returned, as `ets:next/2` callers
   * do) steps from it along the level-0 links instead of searching from the top. Every insertion
   * and deletion keeps the links of the nodes left in the list current, so only unlinking this
   * node itself (a deletion of its key, `clear`) forgets it.
   */
  private answered: SkipListNode<K, V> | null = null;

  /**
   * @param comparator - orders the keys; see the class comment for its contract. Default
   *   `naturalComparator` (numbers, strings or bigints).
   * @param options - instrumentation and the shape knobs of {@link SkipListOptions}.
   */
  constructor(comparator?: Comparator<K>, options: SkipListOptions = {}) {
    const chosen = comparator ?? (naturalComparator as unknown as Comparator<K>);
    if (typeof chosen !== 'function') {
      throw new TypeError(`SkipList comparator must be a function, got ${typeof chosen}`);
    }
    const { seed, probability, maxLevel } = checkOptions(options);
    this.comparator = chosen;
    this.seed = seed;
    this.probability = probability;
    this.maxLevel = maxLevel;
    this.instrumented = options.instrument === true;
    this.counters = zeroSkipListCounters();
    if (this.instrumented) {
      this.compareKeys = (a, b) => {
        this.counters.comparisons++;
        return chosen(a, b);
      };
    } else {
      this.compareKeys = chosen;
    }
    this.generator = new LevelGenerator(seed, probability, maxLevel);
    this.branching = Math.max(2, Math.round(1 / probability));
    const heads: SkipListNode<K, V>[] = [];
    let below: SkipListNode<K, V> | null = null;
    for (let level = 0; level < maxLevel; level++) {
      below = new SkipListNode<K, V>(undefined as K, undefined as V, below);
      heads.push(below);
    }
    this.heads = heads;
    this.update = heads.slice();
  }

  /** Number of entries. O(1). */
  get size(): number {
    return this.entryCount;
  }

  /**
   * The level-0 node whose key compares equal to `key`, or `null`. Returns as soon as any
   * level finds the key.
   */
  private findBase(key: K): SkipListNode<K, V> | null {
    const level = this.levelCount - 1;
    if (level < 0) return null;
    const compare = this.compareKeys;
    let node = this.heads[level] as SkipListNode<K, V>;
    let known: SkipListNode<K, V> | null = null;
    for (;;) {
      let candidate = node.next;
      while (candidate !== null && candidate.base !== known) {
        const order = compare(candidate.key, key);
        if (order >= 0) {
          if (order === 0) return candidate.base;
          known = candidate.base;
          break;
        }
        node = candidate;
        candidate = node.next;
      }
      const below = node.below;
      if (below === null) return null;
      node = below;
    }
  }

  /**
   * The last level-0 node whose key sorts before `key` (or before-or-equal when `inclusive`),
   * which is the level-0 head when there is none.
   */
  private seek(key: K, inclusive: boolean): SkipListNode<K, V> {
    const heads = this.heads;
    const level = this.levelCount - 1;
    if (level < 0) return heads[0] as SkipListNode<K, V>;
    const compare = this.compareKeys;
    let node = heads[level] as SkipListNode<K, V>;
    let known: SkipListNode<K, V> | null = null;
    for (;;) {
      let candidate = node.next;
      while (candidate !== null && candidate.base !== known) {
        const order = compare(candidate.key, key);
        if (order >= 0) {
          if (order === 0) {
            // Found the key itself: its base, or the base before it, answers directly.
            const base = candidate.base;
            if (inclusive) return base;
            return base.previous ?? (heads[0] as SkipListNode<K, V>);
          }
          known = candidate.base;
          break;
        }
        node = candidate;
        candidate = node.next;
      }
      const below = node.below;
      if (below === null) return node;
      node = below;
    }
  }

  /**
   * The last level-0 node whose key satisfies `holds`, a predicate true on a prefix of the keys
   * (the level-0 head when none does): {@link SkipList.seek} with the predicate for the order.
   * Towers are remembered as there, so the predicate sees each tower once.
   */
  private seekWhile(holds: (key: K) => boolean): SkipListNode<K, V> {
    const heads = this.heads;
    const level = this.levelCount - 1;
    if (level < 0) return heads[0] as SkipListNode<K, V>;
    let node = heads[level] as SkipListNode<K, V>;
    let known: SkipListNode<K, V> | null = null;
    for (;;) {
      let candidate = node.next;
      while (candidate !== null && candidate.base !== known) {
        if (!holds(candidate.key)) {
          known = candidate.base;
          break;
        }
        node = candidate;
        candidate = node.next;
      }
      const below = node.below;
      if (below === null) return node;
      node = below;
    }
  }

  /** A level-0 node as an entry, `undefined` for `null` or the head. */
  private entryOf(node: SkipListNode<K, V> | null): Entry<K, V> | undefined {
    if (node === null || node === this.heads[0]) return undefined;
    return [node.key, node.value];
  }

  /** The key of a level-0 node, or `undefined` for none (or the head). */
  private keyOf(node: SkipListNode<K, V> | null): K | undefined {
    return node === null || node === this.heads[0] ? undefined : node.key;
  }

  /** The value stored under `key`, or `undefined`. Expected O(log n). */
  get(key: K): V | undefined {
    const base = this.findBase(key);
    return base === null ? undefined : base.value;
  }

  /** The entry whose key compares equal to `key` (with the stored key). Expected O(log n). */
  getEntry(key: K): Entry<K, V> | undefined {
    return this.entryOf(this.findBase(key));
  }

  /** Whether some key compares equal to `key`. Expected O(log n). */
  has(key: K): boolean {
    return this.findBase(key) !== null;
  }

  /**
   * Stores `value` under `key`, replacing the value (not the key) of an equal key.
   * Expected O(log n).
   */
  set(key: K, value: V): this {
    this.insert(key, value, 'value');
    return this;
  }

  /** Stores `value` under `key` only when no equal key is present. Expected O(log n). */
  setIfAbsent(key: K, value: V): boolean {
    return this.insert(key, value, 'nothing');
  }

  /**
   * Stores `value` under `key`, replacing both the key (in every node of its tower) and the
   * value of an equal key. Expected O(log n).
   */
  setEntry(key: K, value: V): this {
    this.insert(key, value, 'entry');
    return this;
  }

  /**
   * Finds where `key` belongs, recording the last node before it on every level in `update`;
   * overwrites what `replace` names of an equal key's tower, else links a new tower. Returns
   * whether a tower was linked. All comparisons happen before any link changes.
   */
  private insert(key: K, value: V, replace: 'nothing' | 'value' | 'entry'): boolean {
    const update = this.update;
    let level = this.levelCount - 1;
    if (level >= 0) {
      const compare = this.compareKeys;
      let node = this.heads[level] as SkipListNode<K, V>;
      let known: SkipListNode<K, V> | null = null;
      for (;;) {
        let candidate = node.next;
        while (candidate !== null && candidate.base !== known) {
          const order = compare(candidate.key, key);
          if (order >= 0) {
            if (order === 0) {
              if (replace !== 'nothing') candidate.base.value = value;
              if (replace === 'entry') {
                // The tower from the level that found it down to its base.
                for (let tower: SkipListNode<K, V> | null = candidate; tower !== null; ) {
                  tower.key = key;
                  tower = tower.below;
                }
              }
              return false;
            }
            known = candidate.base;
            break;
          }
          node = candidate;
          candidate = node.next;
        }
        update[level] = node;
        if (level === 0) break;
        level--;
        node = node.below as SkipListNode<K, V>;
      }
    }
    this.link(key, value);
    return true;
  }

  /** Links a new tower after the nodes in `update`. Calls no comparator. */
  private link(key: K, value: V): void {
    const update = this.update;
    const heads = this.heads;
    const height = this.generator.nextHeight();
    if (height > this.levelCount) {
      for (let level = this.levelCount; level < height; level++) {
        update[level] = heads[level] as SkipListNode<K, V>;
      }
      this.levelCount = height;
      if (this.instrumented) this.counters.topLevelGrowths++;
    }
    const predecessor = update[0] as SkipListNode<K, V>;
    const base = new SkipListNode<K, V>(key, value, null);
    const successor = predecessor.next;
    base.next = successor;
    predecessor.next = base;
    base.previous = predecessor === heads[0] ? null : predecessor;
    if (successor === null) this.tail = base;
    else successor.previous = base;
    let below = base;
    for (let level = 1; level < height; level++) {
      const before = update[level] as SkipListNode<K, V>;
      // Upper nodes carry no value, so replacing the value never leaves a stale reference.
      const node = new SkipListNode<K, V>(key, undefined as V, below);
      node.next = before.next;
      before.next = node;
      below = node;
    }
    this.entryCount++;
    this.nodeCount += height;
    if (this.instrumented) {
      this.counters.towerLevelsCreated += height;
      this.counters.levelChanges += height;
    }
  }

  /** Removes the entry of `key`. Returns whether there was one. Expected O(log n). */
  delete(key: K): boolean {
    let level = this.levelCount - 1;
    if (level < 0) return false;
    const compare = this.compareKeys;
    const update = this.update;
    let node = this.heads[level] as SkipListNode<K, V>;
    let known: SkipListNode<K, V> | null = null;
    let found: SkipListNode<K, V> | null = null;
    for (;;) {
      let candidate = node.next;
      while (candidate !== null && candidate.base !== known) {
        const order = compare(candidate.key, key);
        if (order >= 0) {
          known = candidate.base;
          if (order === 0) found = known;
          break;
        }
        node = candidate;
        candidate = node.next;
      }
      update[level] = node;
      if (level === 0) break;
      level--;
      node = node.below as SkipListNode<K, V>;
    }
    if (found === null) return false;
    if (found === this.answered) this.answered = null;

    // The tower occupies levels 0..height-1, each right after the recorded predecessor.
    let height = 0;
    while (height < this.levelCount) {
      const before = update[height] as SkipListNode<K, V>;
      const target = before.next;
      if (target === null || target.base !== found) break;
      before.next = target.next;
      height++;
    }
    const successor = found.next;
    if (successor === null) this.tail = found.previous;
    else successor.previous = found.previous;
    this.entryCount--;
    this.nodeCount -= height;
    const heads = this.heads;
    const oldLevelCount = this.levelCount;
    while (
      this.levelCount > 0 &&
      (heads[this.levelCount - 1] as SkipListNode<K, V>).next === null
    ) {
      this.levelCount--;
    }
    if (this.instrumented) {
      this.counters.towerLevelsRemoved += height;
      this.counters.levelChanges += height;
      if (this.levelCount !== oldLevelCount) this.counters.topLevelShrinks++;
    }
    return true;
  }

  /** Removes every entry. O(maxLevel); the old nodes are left to the garbage collector. */
  clear(): void {
    const heads = this.heads;
    const update = this.update;
    for (let level = 0; level < heads.length; level++) {
      const head = heads[level] as SkipListNode<K, V>;
      head.next = null;
      update[level] = head;
    }
    this.levelCount = 0;
    this.entryCount = 0;
    this.nodeCount = 0;
    this.tail = null;
    this.answered = null;
  }

  /** The entry with the smallest key. O(1). */
  first(): Entry<K, V> | undefined {
    this.answered = (this.heads[0] as SkipListNode<K, V>).next;
    return this.entryOf(this.answered);
  }

  /** The entry with the greatest key. O(1). */
  last(): Entry<K, V> | undefined {
    this.answered = this.tail;
    return this.entryOf(this.answered);
  }

  /**
   * The first entry whose key is strictly greater than `key`, present or not (as `ets:next`
   * after a deleted key). Expected O(log n); O(1) from the key the last navigation answered (a
   * walk).
   */
  next(key: K): Entry<K, V> | undefined {
    return this.entryOf(this.after(key));
  }

  /**
   * The last entry whose key is strictly less than `key`, present or not. Expected O(log n);
   * O(1) from the key the last navigation answered (a walk).
   */
  prev(key: K): Entry<K, V> | undefined {
    return this.entryOf(this.before(key));
  }

  /** The key of {@link next}'s entry, without building the entry. As {@link next}. */
  nextKey(key: K): K | undefined {
    return this.keyOf(this.after(key));
  }

  /** The key of {@link prev}'s entry, without building the entry. As {@link prev}. */
  prevKey(key: K): K | undefined {
    return this.keyOf(this.before(key));
  }

  /** The level-0 node after `key`, or `null`; a step from {@link answered} when it holds `key`. */
  private after(key: K): SkipListNode<K, V> | null {
    const answered = this.answered;
    const node =
      answered !== null && this.compareKeys(key, answered.key) === 0
        ? answered.next
        : this.seek(key, true).next;
    this.answered = node;
    return node;
  }

  /** The level-0 node before `key`, or the head; as {@link after}. */
  private before(key: K): SkipListNode<K, V> {
    const head = this.heads[0] as SkipListNode<K, V>;
    const answered = this.answered;
    const node =
      answered !== null && this.compareKeys(key, answered.key) === 0
        ? (answered.previous ?? head)
        : this.seek(key, false);
    this.answered = node === head ? null : node;
    return node;
  }

  /** The first entry whose key is greater than or equal to `key`. Expected O(log n). */
  ceiling(key: K): Entry<K, V> | undefined {
    return this.entryOf(this.seek(key, false).next);
  }

  /** The last entry whose key is less than or equal to `key`. Expected O(log n). */
  floor(key: K): Entry<K, V> | undefined {
    return this.entryOf(this.seek(key, true));
  }

  /**
   * The first node of `range` in its direction and the node just past its end (`null` for the
   * end of the list), or `null` when the range is empty. Expected O(log n), at most three
   * searches and one comparison.
   */
  private rangeBounds(
    range: RangeOptions<K>,
  ): [start: SkipListNode<K, V>, stop: SkipListNode<K, V> | null] | null {
    if (typeof range !== 'object' || range === null) {
      throw new TypeError('range must be an object of RangeOptions');
    }
    const { low, high } = range;
    const lowInclusive = range.lowInclusive !== false;
    const highInclusive = range.highInclusive !== false;
    const head0 = this.heads[0] as SkipListNode<K, V>;
    if (range.reverse === true) {
      const start = high === undefined ? this.tail : this.seek(high, highInclusive);
      if (start === null || start === head0) return null;
      if (low === undefined) return [start, null];
      const order = this.compareKeys(start.key, low);
      if (order < 0 || (order === 0 && !lowInclusive)) return null;
      const stop = this.seek(low, !lowInclusive);
      return [start, stop === head0 ? null : stop];
    }
    const start = low === undefined ? head0.next : this.seek(low, !lowInclusive).next;
    if (start === null) return null;
    if (high === undefined) return [start, null];
    const order = this.compareKeys(start.key, high);
    if (order > 0 || (order === 0 && !highInclusive)) return null;
    return [start, this.seek(high, highInclusive).next];
  }

  private iterate<T>(range: RangeOptions<K>, output: IterationOutput): SkipListIterator<K, V, T> {
    const bounds = this.rangeBounds(range);
    if (bounds === null) return new SkipListIterator<K, V, T>(null, null, false, output);
    return new SkipListIterator<K, V, T>(bounds[0], bounds[1], range.reverse === true, output);
  }

  /**
   * The entries in key order (or reverse order) within `range`. Expected O(log n) to find the
   * bounds, then O(1) per entry with no comparator calls. The bounds are found when this
   * method is called; changing the list during the iteration is not supported.
   */
  entries(range: RangeOptions<K> = {}): IterableIterator<Entry<K, V>> {
    return this.iterate<Entry<K, V>>(range, IterationOutput.entries);
  }

  /** The keys in order within `range`; see {@link SkipList.entries}. */
  keys(range: RangeOptions<K> = {}): IterableIterator<K> {
    return this.iterate<K>(range, IterationOutput.keys);
  }

  /** The values in key order within `range`; see {@link SkipList.entries}. */
  values(range: RangeOptions<K> = {}): IterableIterator<V> {
    return this.iterate<V>(range, IterationOutput.values);
  }

  /** All entries in key order. */
  [Symbol.iterator](): IterableIterator<Entry<K, V>> {
    return this.iterate<Entry<K, V>>({}, IterationOutput.entries);
  }

  /**
   * Calls `visit` for each entry in `range`, in order, without allocating entries; stops after
   * the entry for which `visit` returns `false`. Returns the number of entries visited.
   * Expected O(log n + visited). `visit` must not change the list.
   */
  forEachInRange(range: RangeOptions<K>, visit: (key: K, value: V) => unknown): number {
    if (typeof visit !== 'function') {
      throw new TypeError(`visit must be a function, got ${typeof visit}`);
    }
    const bounds = this.rangeBounds(range);
    if (bounds === null) return 0;
    const stop = bounds[1];
    let node: SkipListNode<K, V> | null = bounds[0];
    let visited = 0;
    if (range.reverse === true) {
      while (node !== null && node !== stop) {
        visited++;
        if (visit(node.key, node.value) === false) break;
        node = node.previous;
      }
    } else {
      while (node !== null && node !== stop) {
        visited++;
        if (visit(node.key, node.value) === false) break;
        node = node.next;
      }
    }
    return visited;
  }

  /**
   * Calls `visit` for each entry whose key is neither `before` nor `after` the range, in order
   * (reverse order with `reverse`), without allocating entries; stops after the entry for which
   * `visit` returns `false`. Each end is one search on its predicate, expected O(log n) calls;
   * the comparator is never called. Returns the number of entries visited. `visit` must not
   * change the list.
   */
  forEachInPredicateRange(range: PredicateRange<K>, visit: (key: K, value: V) => unknown): number {
    if (typeof range !== 'object' || range === null) {
      throw new TypeError('range must be an object of PredicateRange');
    }
    if (typeof visit !== 'function') {
      throw new TypeError(`visit must be a function, got ${typeof visit}`);
    }
    const { before, after } = range;
    const head0 = this.heads[0] as SkipListNode<K, V>;
    const notAfter = after === undefined ? undefined : (key: K) => !after(key);
    let node: SkipListNode<K, V> | null;
    let stop: SkipListNode<K, V> | null;
    if (range.reverse === true) {
      node = notAfter === undefined ? this.tail : this.seekWhile(notAfter);
      if (node === null || node === head0 || before?.(node.key) === true) return 0;
      stop = before === undefined ? null : this.seekWhile(before);
      if (stop === head0) stop = null;
    } else {
      node = before === undefined ? head0.next : this.seekWhile(before).next;
      if (node === null || after?.(node.key) === true) return 0;
      stop = notAfter === undefined ? null : this.seekWhile(notAfter).next;
    }
    let visited = 0;
    while (node !== null && node !== stop) {
      visited++;
      if (visit(node.key, node.value) === false) break;
      node = range.reverse === true ? node.previous : node.next;
    }
    return visited;
  }

  /**
   * Replaces the contents with `entries`, in strictly ascending key order, as a perfect skip
   * list: the `i`-th entry (1-based) gets one more level for each time `round(1 / probability)`
   * divides `i` (capped at `maxLevel`), so the shape does not depend on the seed and the
   * generator is not advanced. O(n): n - 1 comparisons to check the order, all made before the
   * list changes; throws on a violation and leaves the list unchanged.
   */
  assignSorted(entries: ReadonlyArray<readonly [K, V]>): void {
    if (!Array.isArray(entries)) {
      throw new TypeError('assignSorted expects an array of [key, value] entries');
    }
    const compare = this.compareKeys;
    for (let index = 0; index < entries.length; index++) {
      const entry = entries[index];
      if (!Array.isArray(entry) || entry.length < 2) {
        throw new TypeError(`assignSorted: entry ${index} is not a [key, value] pair`);
      }
      if (index > 0 && !(compare((entries[index - 1] as readonly [K, V])[0], entry[0]) < 0)) {
        throw new RangeError(
          `assignSorted: key at index ${index} does not follow the key before it in strictly ascending order`,
        );
      }
    }
    const oldLevelCount = this.levelCount;
    this.clear();
    const heads = this.heads;
    // `update` serves as the last node linked on each level while building.
    const last = this.update;
    const branching = this.branching;
    const maxLevel = this.maxLevel;
    let previousBase: SkipListNode<K, V> | null = null;
    let levelCount = 0;
    let nodeCount = 0;
    for (let index = 0; index < entries.length; index++) {
      const [key, value] = entries[index] as readonly [K, V];
      const height = perfectHeight(index + 1, branching, maxLevel);
      const base = new SkipListNode<K, V>(key, value, null);
      base.previous = previousBase;
      (last[0] as SkipListNode<K, V>).next = base;
      last[0] = base;
      let below = base;
      for (let level = 1; level < height; level++) {
        const node = new SkipListNode<K, V>(key, undefined as V, below);
        (last[level] as SkipListNode<K, V>).next = node;
        last[level] = node;
        below = node;
      }
      if (height > levelCount) levelCount = height;
      nodeCount += height;
      previousBase = base;
    }
    for (let level = 0; level < maxLevel; level++) last[level] = heads[level] as SkipListNode<K, V>;
    this.levelCount = levelCount;
    this.entryCount = entries.length;
    this.nodeCount = nodeCount;
    this.tail = previousBase;
    if (this.instrumented) {
      this.counters.towerLevelsCreated += nodeCount;
      this.counters.levelChanges += nodeCount;
      if (levelCount > oldLevelCount) this.counters.topLevelGrowths++;
      else if (levelCount < oldLevelCount) this.counters.topLevelShrinks++;
    }
  }

  /**
   * Checks every invariant: each level strictly ascending and a sublist of the level below,
   * backward links, tail, size, node and level counts. Throws an Error naming the offending
   * key. O(total nodes); calls the comparator without counting it.
   */
  validate(): void {
    validateLevels({
      heads: this.heads,
      levelCount: this.levelCount,
      size: this.entryCount,
      tail: this.tail,
      maxLevel: this.maxLevel,
      nodeCount: this.nodeCount,
      comparator: this.comparator,
    });
  }

  /**
   * Shape and work counters: `height` is the number of levels in use, `nodeCount` the level
   * nodes allocated. O(total nodes) for `levelSizes`.
   */
  stats(): SkipListStats {
    return {
      size: this.entryCount,
      nodeCount: this.nodeCount,
      height: this.levelCount,
      levelSizes: levelSizes(this.heads, this.levelCount),
      instrumented: this.instrumented,
      counters: { ...this.counters },
    };
  }

  /** Sets every work counter back to zero. */
  resetCounters(): void {
    this.counters = zeroSkipListCounters();
  }

  /**
   * Every key in order with its tower height, and the level count: a structural dump for
   * checking reproducibility (same seed, same operations, same shape). O(total nodes).
   */
  shape(): SkipListShape<K> {
    return { levelCount: this.levelCount, towers: towerHeights(this.heads, this.levelCount) };
  }
}
