/**
 * The shared half of Tsunami's balanced binary search trees: everything a WAVL tree
 * (`@tsunami/wavl`) and an AVL tree (`@tsunami/avl`) do alike. Search, insertion and removal of
 * a node, navigation (`next`/`prev`/`ceiling`/`floor`/`first`/`last`), range iteration in both
 * directions (between keys, or between monotone predicates for ends that are no key), the O(n) bulk build, validation of the binary-search-tree part of the invariants,
 * statistics and the rotations. A subclass supplies only its balance rule: what to do after a
 * leaf is linked in, what to do after a node is spliced out, and how to check a node's rank.
 *
 * Invariants kept here, checked by {@link BinarySearchTree.validate}: keys strictly ascend in
 * order (no two compare equal); every node is reached from the root exactly once; `size` is the
 * number of nodes, and every slot of the node pool (`node.ts`) is the sentinel, a node of the
 * tree or a free slot.
 *
 * Comparator safety: every operation calls the comparator only while searching, before it
 * changes anything, so a comparator that throws leaves the tree valid and unchanged. The
 * rebalancing hooks run after the search and never compare keys.
 *
 * There are no parent links (see `node.ts`): whatever climbs, climbs the path its own descent
 * from the root recorded. Rebalancing: an insertion or removal records the nodes its search
 * passed (see {@link BinarySearchTree.path}), and the hooks and rotations read a node's parent
 * from there. At 10^6 random keys each parent link read was a cache miss of its own (the search
 * reads the nodes' keys and child links, not their parent links), two of them in a row for an
 * average insertion's two promotions. Measured against the tree's own lookups in the same
 * process, alternating builds: WAVL inserts went from 1.46 to 1.40 times a lookup, AVL inserts
 * from 1.64 to 1.47, deletions from 1.53 to 1.43 and 1.60 to 1.55. Walks and iterators: the
 * search that finds where one starts stacks the ancestors it will return to (see `walk.ts`).
 * The second walk of the whole tree by `first` and `next`/`nextKey` (or `last` and
 * `prev`/`prevKey`) with no node added or removed since the first relays the tree out as it
 * goes (a perfectly balanced tree, its nodes numbered in preorder), when a quarter of its size
 * in nodes were added or removed since it last was (see `layout.ts`).
 *
 * Speed: the nodes live in a struct-of-arrays pool (see `node.ts`), so a search reads keys
 * from one array and links from one typed array; loops rather than recursion on every
 * per-operation path, the comparator and the arrays read into locals once per operation, no
 * closures on hot paths, and counting of comparisons only through a wrapped comparator that
 * exists only when the tree is instrumented.
 */

import { naturalComparator } from '../natural-comparator.js';
import {
  type Comparator,
  type Entry,
  type OrderedMap,
  type OrderedMapOptions,
  type PredicateRange,
  type RangeOptions,
  type TreeCounters,
  type TreeStats,
  zeroCounters,
} from '../ordered-map.js';
import { IterationOutput, TreeRangeIterator } from './iterator.js';
import { balancedPool, LayoutRecorder } from './layout.js';
import { FREE_RANK, NO_NODE, type NodeIndex, NodePool, readChildLinks } from './node.js';
import { KeyReadAhead } from './read-ahead.js';
import { isSameKey, TreeWalk } from './walk.js';

/** Trees smaller than this are never relaid out (see `layout.ts`): they sit in the cache. */
const RELAYOUT_MINIMUM_SIZE = 64;

/** A printable form of a key for error messages; never throws. */
export function describeKey(key: unknown): string {
  try {
    if (typeof key === 'string') return JSON.stringify(key);
    if (typeof key === 'bigint') return `${key}n`;
    if (Array.isArray(key)) return `[${key.map(describeKey).join(', ')}]`;
    return String(key);
  } catch {
    return Object.prototype.toString.call(key);
  }
}

/**
 * A binary search tree whose balance rule a subclass supplies. Implements
 * every {@link OrderedMap} method; point operations and navigation take O(height) comparisons,
 * which the subclasses keep O(log n).
 *
 * Comparator contract: `comparator(a, b)` is negative, zero or positive as `a` sorts before,
 * with or after `b`, and is a consistent total preorder. Keys comparing equal are one key: the
 * first inserted is kept and later `set`s replace only the value. A comparator that throws
 * leaves the tree unchanged.
 */
export abstract class BinarySearchTree<K, V> implements OrderedMap<K, V> {
  /** The comparator that orders the keys, as given to the constructor. */
  readonly comparator: Comparator<K>;
  /** The comparator the tree calls: `comparator` itself, or a counting wrapper when instrumented. */
  protected readonly compareKeys: Comparator<K>;
  /** The work counters, or `null` when the tree is not instrumented. */
  protected readonly counters: TreeCounters | null;
  /** The nodes; replaced whole by `clear` and `assignSorted`. */
  protected nodes: NodePool<K, V>;
  /** The root node, or {@link NO_NODE} when the tree is empty. */
  protected root: NodeIndex;
  /** The number of nodes. */
  protected count: number;
  /**
   * The search path of the last insertion or removal: `path[0 .. pathLength)`, root first, are
   * the ancestors of the leaf it linked in or of the node it spliced out, the last one that
   * node's parent. The rebalancing hooks climb it (there are no parent links; see the module
   * comment); once a hook has rotated, the entries above the rotation are still the ancestors of
   * the rotated subtree's new root, the entries below it no longer count.
   */
  protected readonly path: NodeIndex[] = [];
  /** The length of {@link path}. */
  protected pathLength = 0;
  /**
   * Where a walk stands: the node `first`/`last`/`next`/`prev` returned last, or the last node
   * `nextKey`/`prevKey` read ahead ({@link NO_NODE} when none, or after any node was added or
   * removed), so that a walk (`next` called with the key the call before returned, as
   * `ets:next/2` callers do) steps on from it instead of searching from the root. It is that
   * key's node when its key compares equal (keys are unique).
   */
  private walked: NodeIndex;
  /** The walk that reached {@link walked}, holding its ancestors still to come. */
  private readonly walk = new TreeWalk();
  /** Keys read ahead of a walk of `nextKey`/`prevKey` calls; {@link walked} holds the last. */
  private readonly readAhead = new KeyReadAhead<K>();
  /** What the last descent's {@link readChildLinks} calls read: kept only so they are made. */
  protected linksRead = 0;
  /** Whether a walk of the whole tree relays the tree out (see `layout.ts`). */
  private readonly relayout: boolean;
  /**
   * Nodes added or removed since the tree was last laid out (by a relayout or `assignSorted`)
   * or empty: a walk relays the tree out when they are a quarter of its size or more.
   */
  private changesSinceLayout = 0;
  /**
   * Whether a walk has passed every node since a node was last added or removed: the next walk
   * of the whole tree, a sign that it is walked again and again, may relay it out.
   */
  private walkedWhole = false;
  /**
   * Whether the tree's walk began at `first` and has gone on step by step since, with nothing
   * changed: a walk of the whole tree so far, when the tree may be relaid out at its end.
   */
  private walkingWhole = false;
  /** What a walk of the whole tree that relays it out has passed (see `layout.ts`), or `null`. */
  private recorder: LayoutRecorder<K, V> | null = null;

  /**
   * @param comparator orders the keys; defaults to `naturalComparator` (numbers, strings or
   *   bigints with `<`; use core `compare` for Erlang term order).
   * @param options `instrument: true` keeps {@link TreeCounters} (at a small cost per comparison).
   */
  constructor(
    comparator: Comparator<K> = naturalComparator as Comparator<K>,
    options: OrderedMapOptions = {},
  ) {
    if (typeof comparator !== 'function') {
      throw new TypeError(`comparator must be a function, got ${typeof comparator}`);
    }
    this.comparator = comparator;
    this.nodes = new NodePool<K, V>();
    this.root = NO_NODE;
    this.count = 0;
    this.walked = NO_NODE;
    this.relayout = options.relayout !== false;
    if (options.instrument === true) {
      const counters = zeroCounters();
      this.counters = counters;
      this.compareKeys = (a, b) => {
        counters.comparisons++;
        return comparator(a, b);
      };
    } else {
      this.counters = null;
      this.compareKeys = comparator;
    }
  }

  /**
   * Restores the balance rule after `leaf` (rank 0) was linked in below a node; its ancestors
   * are in {@link path}. Must not call the comparator.
   */
  protected abstract rebalanceAfterInsert(leaf: NodeIndex): void;

  /**
   * Restores the balance rule after a node with at most one child was spliced out: `child`
   * (possibly {@link NO_NODE}) took its place below the last node of {@link path}, which holds
   * the ancestors (an empty path: the root was removed). Must not call the comparator.
   */
  protected abstract rebalanceAfterRemoval(child: NodeIndex): void;

  /** Throws an Error naming `node`'s key when `node`'s rank breaks the balance rule. */
  protected abstract validateRank(node: NodeIndex): void;

  /** Number of entries. O(1). */
  get size(): number {
    return this.count;
  }

  /** The value stored under `key`, or `undefined`. O(log n). */
  get(key: K): V | undefined {
    const node = this.findNode(key);
    return node === NO_NODE ? undefined : this.nodes.value[node];
  }

  /** The stored key and value of the entry equal to `key`, or `undefined`. O(log n). */
  getEntry(key: K): Entry<K, V> | undefined {
    return entryOf(this.nodes, this.findNode(key));
  }

  /** Whether some key compares equal to `key`. O(log n). */
  has(key: K): boolean {
    return this.findNode(key) !== NO_NODE;
  }

  /** Stores `value` under `key`, replacing the value (not the key) of an equal key. O(log n). */
  set(key: K, value: V): this {
    this.insert(key, value, 'value');
    return this;
  }

  /** Stores `value` under `key` only when no equal key is present; returns whether it did. */
  setIfAbsent(key: K, value: V): boolean {
    return this.insert(key, value, 'nothing');
  }

  /** Stores `value` under `key`, replacing both the key and the value of an equal key. O(log n). */
  setEntry(key: K, value: V): this {
    this.insert(key, value, 'entry');
    return this;
  }

  /** Removes the entry of `key`; returns whether there was one. O(log n). */
  delete(key: K): boolean {
    const compare = this.compareKeys;
    const nodes = this.nodes;
    const { key: keys, links } = nodes;
    const path = this.path;
    let depth = 0;
    let node = this.root;
    let read = 0;
    while (node !== NO_NODE) {
      read |= readChildLinks(links, node);
      const order = compare(key, keys[node] as K);
      if (order === 0) break;
      path[depth++] = node;
      node = (order < 0 ? links[2 * node] : links[2 * node + 1]) as NodeIndex;
    }
    this.linksRead = read;
    if (node === NO_NODE) return false;
    this.forgetWalk();
    const parent = depth === 0 ? NO_NODE : (path[depth - 1] as NodeIndex);
    let child: NodeIndex;
    if (links[2 * node] !== NO_NODE && links[2 * node + 1] !== NO_NODE) {
      child = this.spliceSuccessorInto(node, parent, depth);
    } else {
      child = (links[2 * node] !== NO_NODE ? links[2 * node] : links[2 * node + 1]) as NodeIndex;
      this.pathLength = depth;
      this.replaceChild(parent, node, child);
    }
    nodes.release(node);
    this.count--;
    this.changesSinceLayout++;
    this.rebalanceAfterRemoval(child);
    return true;
  }

  /**
   * Moves the successor of `node` (which has two children, and `parent` above it at `depth` in
   * the path) into `node`'s place: the successor, the leftmost node of `node`'s right subtree,
   * has no left child, so its right child takes its old place, and it takes `node`'s links,
   * rank and parent. Records the path from the root to the successor's old parent, the successor
   * standing where `node` stood, and returns the successor's old child (where the tree lost a
   * node, for the rebalancing).
   *
   * Why the successor moves rather than its key and value: copying them into `node` reads the
   * successor's value and writes `node`'s, two cache lines that neither the search nor the
   * descent read, and at 10^6 random keys each is a cache miss. Moving the node writes links
   * that both have just read and one rank. WAVL tree of 10^6 random keys deleted in insertion
   * order, builds alternating in one process (medians of 8 rounds): 1139 against 1450 ns a
   * deletion, faster in 7 of 8; through ETS `ordered_set`, 1511 against 1844 (faster in 8 of 10).
   */
  private spliceSuccessorInto(node: NodeIndex, parent: NodeIndex, depth: number): NodeIndex {
    const nodes = this.nodes;
    const links = nodes.links;
    const path = this.path;
    const nodeDepth = depth;
    path[depth++] = node;
    let successor = links[2 * node + 1] as NodeIndex;
    for (
      let next = links[2 * successor] as NodeIndex;
      next !== NO_NODE;
      next = links[2 * successor] as NodeIndex
    ) {
      path[depth++] = successor;
      successor = next;
    }
    const child = links[2 * successor + 1] as NodeIndex;
    const successorParent = path[depth - 1] as NodeIndex;
    if (successorParent === node) links[2 * node + 1] = child;
    else links[2 * successorParent] = child;
    links[2 * successor] = links[2 * node] as NodeIndex;
    links[2 * successor + 1] = links[2 * node + 1] as NodeIndex;
    nodes.rank[successor] = nodes.rank[node] as number;
    this.replaceChild(parent, node, successor);
    path[nodeDepth] = successor;
    this.pathLength = depth;
    return child;
  }

  /** Points `parent`'s link to `node` (the root, when `parent` is {@link NO_NODE}) at `child`. */
  private replaceChild(parent: NodeIndex, node: NodeIndex, child: NodeIndex): void {
    const links = this.nodes.links;
    if (parent === NO_NODE) this.root = child;
    else if (links[2 * parent] === node) links[2 * parent] = child;
    else links[2 * parent + 1] = child;
  }

  /** Removes every entry. O(1): the node pool is left to the garbage collector. */
  clear(): void {
    this.nodes = new NodePool<K, V>();
    this.root = NO_NODE;
    this.count = 0;
    this.changesSinceLayout = 0;
    this.forgetWalk();
  }

  /** The entry with the smallest key. O(log n). */
  first(): Entry<K, V> | undefined {
    return entryOf(this.nodes, this.walkTo(this.startWalk(false)));
  }

  /** The entry with the greatest key. O(log n). */
  last(): Entry<K, V> | undefined {
    return entryOf(this.nodes, this.walkTo(this.startWalk(true)));
  }

  /**
   * The first node in the direction `backwards` names, where the tree's walk starts: a walk of
   * the whole tree, which may relay the tree out (see `layout.ts`).
   */
  private startWalk(backwards: boolean): NodeIndex {
    this.resetWalk(backwards);
    const node = this.walk.descend(this.nodes, this.root);
    const count = this.count;
    if (this.relayout && count >= RELAYOUT_MINIMUM_SIZE && this.changesSinceLayout * 4 >= count) {
      this.walkingWhole = true;
      if (this.walkedWhole) {
        this.recorder = new LayoutRecorder<K, V>(count, backwards);
        this.recorder.record(this.nodes, node);
        // Keys read ahead of an earlier walk would carry this one past nodes unrecorded.
        this.readAhead.clear();
      }
    }
    return node;
  }

  /**
   * The first entry whose key is strictly greater than `key`, present or not. O(log n); O(1)
   * amortised when `key` is the key `first`/`next` returned last and no node was added or
   * removed since (a walk).
   */
  next(key: K): Entry<K, V> | undefined {
    return entryOf(this.nodes, this.nextNode(key));
  }

  /**
   * The last entry whose key is strictly less than `key`, present or not. O(log n); O(1)
   * amortised when `key` is the key `last`/`prev` returned last and no node was added or
   * removed since (a walk).
   */
  prev(key: K): Entry<K, V> | undefined {
    return entryOf(this.nodes, this.prevNode(key));
  }

  /**
   * The key of {@link next}'s entry, without building the entry or reading the value. A walk of
   * these calls reads keys ahead in growing batches (see `read-ahead.ts`).
   */
  nextKey(key: K): K | undefined {
    return this.stepKey(key, false);
  }

  /** The key of {@link prev}'s entry (see {@link nextKey}). */
  prevKey(key: K): K | undefined {
    return this.stepKey(key, true);
  }

  /**
   * The key after `key` in the direction `backwards` names: one read ahead when a walk of
   * `nextKey` (or `prevKey`) calls goes on, else a step of the walk (or a search), which reads
   * the next batch.
   */
  private stepKey(key: K, backwards: boolean): K | undefined {
    const readAhead = this.readAhead;
    if (readAhead.holdsAfter(key, backwards, this.compareKeys)) return readAhead.take();
    const continued = this.continuesWalk(key, backwards);
    const node = continued
      ? this.walk.step(this.nodes, this.walked)
      : this.seekAfter(key, backwards);
    this.noteWalkStep(node);
    if (node === NO_NODE) {
      this.walkTo(NO_NODE);
      return undefined;
    }
    // A walk that relays the tree out records each node (above), and reads none ahead.
    if (this.recorder !== null) return this.nodes.key[this.walkTo(node)] as K;
    this.walkTo(readAhead.startAt(this.nodes, this.walk, node, continued));
    return this.nodes.key[node] as K;
  }

  /** The node of {@link next}: a step of the walk when the walked node holds `key`. */
  private nextNode(key: K): NodeIndex {
    return this.walkTo(this.step(key, false));
  }

  /** The node of {@link prev}: a step of the walk when the walked node holds `key`. */
  private prevNode(key: K): NodeIndex {
    return this.walkTo(this.step(key, true));
  }

  /**
   * The node after `key` in the direction `backwards` names. Steps on from the walked node when
   * it holds `key` and was reached in the same direction; otherwise searches from the root,
   * noting the ancestors still to come on the way down.
   */
  private step(key: K, backwards: boolean): NodeIndex {
    if (!this.continuesWalk(key, backwards)) return this.seekAfter(key, backwards);
    const node = this.walk.step(this.nodes, this.walked);
    this.noteWalkStep(node);
    return node;
  }

  /**
   * Notes that the tree's walk moved on to `node` ({@link NO_NODE}: past its end): a walk of
   * the whole tree records the node when it relays the tree out, and ends at the end.
   */
  private noteWalkStep(node: NodeIndex): void {
    if (!this.walkingWhole) return;
    if (node === NO_NODE) this.endWholeWalk();
    else this.recorder?.record(this.nodes, node);
  }

  /** Whether the walked node holds `key` and the walk reached it in the direction asked for. */
  private continuesWalk(key: K, backwards: boolean): boolean {
    const walked = this.walked;
    return (
      walked !== NO_NODE &&
      this.walk.backwards === backwards &&
      isSameKey(this.compareKeys, key, this.nodes.key[walked] as K)
    );
  }

  /** {@link step} by a search from the root. */
  private seekAfter(key: K, backwards: boolean): NodeIndex {
    this.resetWalk(backwards);
    return this.seekBound(key, false, this.walk);
  }

  /**
   * The first node after `key` in `walk`'s direction (the node of `key` itself when present and
   * `inclusive`), or {@link NO_NODE} when there is none, found by a search from the root; `walk`,
   * which must have been reset, then stands at it. The search stacks every node it passes that
   * comes after `key` in the walk's direction: the nearest of them is the answer for a key with
   * no node, and the rest are the ancestors the walk returns to.
   */
  private seekBound(key: K, inclusive: boolean, walk: TreeWalk): NodeIndex {
    const compare = this.compareKeys;
    const nodes = this.nodes;
    const { key: keys, links } = nodes;
    const backwards = walk.backwards;
    let node = this.root;
    while (node !== NO_NODE) {
      const order = compare(key, keys[node] as K);
      if (order === 0) return inclusive ? node : walk.step(nodes, node);
      if (order < 0 !== backwards) walk.push(nodes, node);
      node = (order < 0 ? links[2 * node] : links[2 * node + 1]) as NodeIndex;
    }
    return walk.pop();
  }

  /**
   * The first node in `walk`'s direction that `passed` is false for, where `passed` holds for a
   * leading run of the keys in that direction (none, some or all), or {@link NO_NODE}; `walk`,
   * which must have been reset, then stands at it. {@link seekBound} with the predicate as the
   * order: one call of `passed` per level.
   */
  private seekPredicate(passed: (key: K) => boolean, walk: TreeWalk): NodeIndex {
    const nodes = this.nodes;
    const { key: keys, links } = nodes;
    // The offsets of the links on and back in the walk's direction (right and left forwards).
    const onward = walk.backwards ? 0 : 1;
    const back = 1 - onward;
    let node = this.root;
    while (node !== NO_NODE) {
      if (passed(keys[node] as K)) node = links[2 * node + onward] as NodeIndex;
      else {
        walk.push(nodes, node);
        node = links[2 * node + back] as NodeIndex;
      }
    }
    return walk.pop();
  }

  /**
   * Forgets where a walk stands, the keys read ahead of it and any walk of the whole tree: the
   * tree changed (or was relaid out).
   */
  private forgetWalk(): void {
    this.walked = NO_NODE;
    this.readAhead.clear();
    this.walkingWhole = false;
    this.recorder = null;
    this.walkedWhole = false;
  }

  /** Starts the tree's walk again from the root, in the direction `backwards` names. */
  private resetWalk(backwards: boolean): void {
    this.walk.reset(backwards);
    this.walkingWhole = false;
    this.recorder = null;
  }

  /**
   * At the end of a walk of the whole tree (see `layout.ts`): relays the tree out when the walk
   * recorded it, else notes that the tree was walked whole. After a relayout, the next step of
   * a walk starts with a search from the root, in the new pool.
   */
  private endWholeWalk(): void {
    const recorder = this.recorder;
    this.walkingWhole = false;
    this.recorder = null;
    if (recorder === null) {
      this.walkedWhole = true;
      return;
    }
    // A walk that began at `first` (or `last`) and stepped on with nothing changed passed every
    // node.
    if (!recorder.complete) return;
    const { nodes, root } = recorder.pool();
    this.nodes = nodes;
    this.root = root;
    this.changesSinceLayout = 0;
    this.forgetWalk();
    if (this.counters !== null) this.counters.relayouts++;
  }

  /** Records `node`, a navigation's answer, as the node a walk's next step starts from. */
  private walkTo(node: NodeIndex): NodeIndex {
    this.walked = node;
    this.walk.prefetch(this.nodes, node);
    return node;
  }

  /** The first entry whose key is greater than or equal to `key`. O(log n). */
  ceiling(key: K): Entry<K, V> | undefined {
    this.resetWalk(false);
    return entryOf(this.nodes, this.walkTo(this.seekBound(key, true, this.walk)));
  }

  /** The last entry whose key is less than or equal to `key`. O(log n). */
  floor(key: K): Entry<K, V> | undefined {
    this.resetWalk(true);
    return entryOf(this.nodes, this.walkTo(this.seekBound(key, true, this.walk)));
  }

  /**
   * The entries within `range`, in key order or reverse order. O(log n) to find both ends, then
   * O(1) amortised per entry with no comparator calls. The tree must not change meanwhile.
   */
  entries(range?: RangeOptions<K>): IterableIterator<Entry<K, V>> {
    return this.iterate<Entry<K, V>>(range, IterationOutput.entries);
  }

  /** The keys within `range`, in order; as {@link BinarySearchTree.entries}. */
  keys(range?: RangeOptions<K>): IterableIterator<K> {
    return this.iterate<K>(range, IterationOutput.keys);
  }

  /** The values within `range`, in key order; as {@link BinarySearchTree.entries}. */
  values(range?: RangeOptions<K>): IterableIterator<V> {
    return this.iterate<V>(range, IterationOutput.values);
  }

  /** All entries in key order. */
  [Symbol.iterator](): IterableIterator<Entry<K, V>> {
    return this.iterate<Entry<K, V>>(undefined, IterationOutput.entries);
  }

  /**
   * Calls `visit(key, value)` for each entry in `range`, in order (reverse order with
   * `reverse`), allocating nothing per entry. Stops after a call that returns `false`.
   * Returns the number of calls made. O(log n + entries visited).
   */
  forEachInRange(range: RangeOptions<K>, visit: (key: K, value: V) => unknown): number {
    if (typeof visit !== 'function') {
      throw new TypeError(`visit must be a function, got ${typeof visit}`);
    }
    const walk = new TreeWalk(range?.reverse === true);
    const ends = this.rangeEnds(range, walk);
    if (ends === null) return 0;
    return walkNodes(this.nodes, ends[0], ends[1], walk, visit);
  }

  /**
   * Calls `visit(key, value)` for every entry in node order, the order of the node arrays, not
   * key order; stops after a call that returns `false`. Nodes are numbered as they were
   * allocated, so an in-order walk of a tree built from random keys jumps around the arrays at
   * every step, while this reads them front to back: a full `select_count` over 10^6 objects
   * took about a quarter of the in-order walk's time. The tree must not change meanwhile.
   * Returns the number of calls. O(slots).
   */
  forEachUnordered(visit: (key: K, value: V) => unknown): number {
    if (typeof visit !== 'function') {
      throw new TypeError(`visit must be a function, got ${typeof visit}`);
    }
    const nodes = this.nodes;
    const { key, value, rank } = nodes;
    let calls = 0;
    for (let node = 1; node < nodes.slots; node += 1) {
      if (rank[node] === FREE_RANK) continue;
      calls += 1;
      if (visit(key[node] as K, value[node] as V) === false) break;
    }
    return calls;
  }

  /**
   * Calls `visit(key, value)` for each entry whose key is neither `before` nor `after` the
   * range, in order (reverse order with `reverse`), allocating nothing per entry; stops after
   * a call that returns `false`. Each end is found by a descent that calls its predicate once
   * per level, O(log n), and the comparator is never called. Returns the number of calls.
   */
  forEachInPredicateRange(range: PredicateRange<K>, visit: (key: K, value: V) => unknown): number {
    if (typeof range !== 'object' || range === null) {
      throw new TypeError('range must be an object of PredicateRange');
    }
    if (typeof visit !== 'function') {
      throw new TypeError(`visit must be a function, got ${typeof visit}`);
    }
    const root = this.root;
    if (root === NO_NODE) return 0;
    const nodes = this.nodes;
    const { before, after } = range;
    const reverse = range.reverse === true;
    const walk = new TreeWalk(reverse);
    const [forward, backward] = endWalks(walk);
    // The first node not before the range.
    const low =
      before === undefined ? forward.descend(nodes, root) : this.seekPredicate(before, forward);
    // Empty when every key is before the range, or the first one left is already after it.
    if (low === NO_NODE || after?.(nodes.key[low] as K) === true) return 0;
    // The last node not after the range; `low` is one, so it exists and is not below `low`.
    const high =
      after === undefined ? backward.descend(nodes, root) : this.seekPredicate(after, backward);
    return reverse
      ? walkNodes(nodes, high, low, walk, visit)
      : walkNodes(nodes, low, high, walk, visit);
  }

  /**
   * Replaces the contents with `entries`, in strictly ascending key order, as a perfectly
   * balanced tree (subtree sizes differ by at most one at every node), with each node's rank
   * set to its height, which satisfies both the AVL and the WAVL rule. O(n): n - 1 comparisons
   * to check the order, all made before the tree changes; throws on a violation.
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
          `assignSorted: key ${describeKey(entry[0])} at index ${index} does not follow ` +
            `${describeKey((entries[index - 1] as readonly [K, V])[0])} in strictly ascending order`,
        );
      }
    }
    const { nodes, root } = balancedPool(
      entries.map((entry) => entry[0]),
      entries.map((entry) => entry[1]),
    );
    this.root = root;
    this.nodes = nodes;
    this.count = entries.length;
    this.changesSinceLayout = 0;
    this.forgetWalk();
  }

  /**
   * Checks every invariant: strictly ascending keys, every node reached once, the stored size,
   * the node pool's bookkeeping (the sentinel untouched, every slot a node of the tree or a free
   * one) and the subclass's rank rule at every node. Throws an Error naming the offending
   * node's key. O(n), calling the comparator n - 1 times.
   */
  validate(): void {
    const nodes = this.nodes;
    const { key: keys, links, rank } = nodes;
    if (
      rank[NO_NODE] !== -1 ||
      links[2 * NO_NODE] !== NO_NODE ||
      links[2 * NO_NODE + 1] !== NO_NODE
    ) {
      throw new Error('the missing-node sentinel of the node pool was overwritten');
    }
    // A link from `from` (NO_NODE: the root link), checked before it is followed: into the
    // pool, and not to a free slot.
    const linked = (from: NodeIndex, node: NodeIndex): NodeIndex => {
      if (node === NO_NODE) return node;
      const source = from === NO_NODE ? 'the root' : `node ${describeKey(keys[from])}`;
      if (!(node > NO_NODE && node < nodes.slots)) {
        throw new Error(`${source} links outside the node pool (to slot ${node})`);
      }
      if (rank[node] === FREE_RANK) throw new Error(`${source} links to free slot ${node}`);
      return node;
    };
    const compare = this.compareKeys;
    const pending: NodeIndex[] = [];
    let previous = NO_NODE;
    let node = linked(NO_NODE, this.root);
    let seen = 0;
    // In-order walk with an explicit stack.
    while (node !== NO_NODE || pending.length > 0) {
      while (node !== NO_NODE) {
        // A path longer than the size means a node is reachable twice: stop before looping.
        if (pending.length >= this.count) {
          throw new Error(`size is ${this.count} but a path from the root is longer`);
        }
        pending.push(node);
        node = linked(node, links[2 * node] as NodeIndex);
      }
      const current = pending.pop() as NodeIndex;
      if (++seen > this.count) {
        throw new Error(`size is ${this.count} but the tree holds more nodes`);
      }
      if (previous !== NO_NODE && !(compare(keys[previous] as K, keys[current] as K) < 0)) {
        throw new Error(
          `node ${describeKey(keys[current])} is out of order after ${describeKey(keys[previous])}`,
        );
      }
      node = linked(current, links[2 * current + 1] as NodeIndex);
      this.validateRank(current);
      previous = current;
    }
    if (seen !== this.count) {
      throw new Error(`size is ${this.count} but the tree holds ${seen} nodes`);
    }
    const free = nodes.freeCount();
    if (1 + seen + free !== nodes.slots) {
      throw new Error(
        `the node pool has ${nodes.slots - 1} slots but ${seen} nodes and ${free} free slots`,
      );
    }
  }

  /** Size, node count, height in nodes and (when instrumented) the work counters. */
  stats(): TreeStats {
    return {
      size: this.count,
      nodeCount: this.count,
      height: this.height(),
      instrumented: this.counters !== null,
      counters: this.counters === null ? zeroCounters() : { ...this.counters },
    };
  }

  /** Sets every work counter back to zero. */
  resetCounters(): void {
    const counters = this.counters;
    if (counters !== null) Object.assign(counters, zeroCounters());
  }

  /**
   * The longest root-to-leaf path in nodes (0 when empty). O(n) here, walking the tree with an
   * explicit stack; a subclass whose rank is the height overrides it with O(1).
   */
  height(): number {
    if (this.root === NO_NODE) return 0;
    const { links } = this.nodes;
    const pending: NodeIndex[] = [this.root];
    const depths: number[] = [1];
    let deepest = 0;
    while (pending.length > 0) {
      const node = pending.pop() as NodeIndex;
      const depth = depths.pop() as number;
      if (depth > deepest) deepest = depth;
      for (const child of [links[2 * node] as NodeIndex, links[2 * node + 1] as NodeIndex]) {
        if (child !== NO_NODE) {
          pending.push(child);
          depths.push(depth + 1);
        }
      }
    }
    return deepest;
  }

  /** The node whose key compares equal to `key`, or {@link NO_NODE}. */
  protected findNode(key: K): NodeIndex {
    const compare = this.compareKeys;
    const { key: keys, links } = this.nodes;
    let node = this.root;
    let read = 0;
    while (node !== NO_NODE) {
      read |= readChildLinks(links, node);
      const order = compare(key, keys[node] as K);
      if (order < 0) node = links[2 * node] as NodeIndex;
      else if (order > 0) node = links[2 * node + 1] as NodeIndex;
      else break;
    }
    this.linksRead = read;
    return node;
  }

  /**
   * Links a new leaf for `key` and rebalances, or, when an equal key is present, overwrites
   * what `replace` names of its node. All comparisons happen before the tree changes. Returns
   * whether a node was added.
   */
  protected insert(key: K, value: V, replace: 'nothing' | 'value' | 'entry'): boolean {
    const nodes = this.nodes;
    let node = this.root;
    if (node === NO_NODE) {
      this.root = nodes.allocate(key, value, 0);
      this.count = 1;
      this.changesSinceLayout++;
      return true;
    }
    const compare = this.compareKeys;
    const { key: keys, links } = nodes;
    const path = this.path;
    let depth = 0;
    let order: number;
    let read = 0;
    for (;;) {
      path[depth++] = node;
      read |= readChildLinks(links, node);
      order = compare(key, keys[node] as K);
      let next: NodeIndex;
      if (order < 0) next = links[2 * node] as NodeIndex;
      else if (order > 0) next = links[2 * node + 1] as NodeIndex;
      else {
        if (replace !== 'nothing') {
          nodes.value[node] = value;
          // A walk may have recorded the entry replaced.
          this.recorder = null;
        }
        if (replace === 'entry') {
          keys[node] = key;
          // A key read ahead may be the one replaced.
          this.readAhead.clear();
        }
        return false;
      }
      if (next === NO_NODE) break;
      node = next;
    }
    this.linksRead = read;
    // A new node (and rebalancing) invalidates a walk's stacked ancestors.
    this.forgetWalk();
    this.pathLength = depth;
    // Allocation may grow the pool, replacing its arrays: link through the pool, not the locals.
    const leaf = nodes.allocate(key, value, 0);
    if (order < 0) nodes.links[2 * node] = leaf;
    else nodes.links[2 * node + 1] = leaf;
    this.count++;
    this.changesSinceLayout++;
    this.rebalanceAfterInsert(leaf);
    return true;
  }

  /**
   * Moves `node`'s right child up into `node`'s place (a left rotation) and returns it. `parent`
   * is `node`'s parent ({@link NO_NODE} at the root), which the caller knows from {@link path}
   * (there are no parent links). Fixes the parent's child link (or the root); ranks are the
   * caller's business.
   */
  protected rotateLeft(node: NodeIndex, parent: NodeIndex): NodeIndex {
    return this.rotate(node, parent, 1);
  }

  /** Moves `node`'s left child up into `node`'s place (a right rotation); as `rotateLeft`. */
  protected rotateRight(node: NodeIndex, parent: NodeIndex): NodeIndex {
    return this.rotate(node, parent, 0);
  }

  /**
   * One rotation for both directions: `up` is the offset of the link leading to the child that
   * moves up (1, the right link, for a left rotation), `1 - up` the other's; the code is the
   * mirror image otherwise.
   */
  private rotate(node: NodeIndex, parent: NodeIndex, up: 0 | 1): NodeIndex {
    const links = this.nodes.links;
    const down = 1 - up;
    const pivot = links[2 * node + up] as NodeIndex;
    const inner = links[2 * pivot + down] as NodeIndex;
    links[2 * node + up] = inner;
    this.replaceChild(parent, node, pivot);
    links[2 * pivot + down] = node;
    return pivot;
  }

  private iterate<T>(
    range: RangeOptions<K> | undefined,
    output: IterationOutput,
  ): IterableIterator<T> {
    const nodes = this.nodes;
    const walk = new TreeWalk(range?.reverse === true);
    const ends = range === undefined ? this.wholeRange(walk) : this.rangeEnds(range, walk);
    return ends === null
      ? new TreeRangeIterator<K, V, T>(nodes, NO_NODE, NO_NODE, walk, output)
      : new TreeRangeIterator<K, V, T>(nodes, ends[0], ends[1], walk, output);
  }

  /**
   * The first and the last node of the tree in `walk`'s direction, `walk` (just made) standing
   * at the first; `null` when the tree is empty.
   */
  private wholeRange(walk: TreeWalk): [NodeIndex, NodeIndex] | null {
    const root = this.root;
    if (root === NO_NODE) return null;
    const [forward, backward] = endWalks(walk);
    const low = forward.descend(this.nodes, root);
    const high = backward.descend(this.nodes, root);
    return walk.backwards ? [high, low] : [low, high];
  }

  /**
   * The first and the last node within `range` in `walk`'s direction, `walk` (just made)
   * standing at the first; `null` when the range holds no node.
   */
  private rangeEnds(range: RangeOptions<K>, walk: TreeWalk): [NodeIndex, NodeIndex] | null {
    if (typeof range !== 'object' || range === null) {
      throw new TypeError('range must be an object of RangeOptions');
    }
    const root = this.root;
    if (root === NO_NODE) return null;
    const [forward, backward] = endWalks(walk);
    const low = this.rangeEnd(range.low, range.lowInclusive !== false, forward);
    if (low === NO_NODE) return null;
    const high = this.rangeEnd(range.high, range.highInclusive !== false, backward);
    if (high === NO_NODE) return null;
    const keys = this.nodes.key;
    if (low !== high && !(this.compareKeys(keys[low] as K, keys[high] as K) < 0)) return null;
    return walk.backwards ? [high, low] : [low, high];
  }

  /** One end of a range: the first node within `bound` in `walk`'s direction (see seekBound). */
  private rangeEnd(bound: K | undefined, inclusive: boolean, walk: TreeWalk): NodeIndex {
    return bound === undefined
      ? walk.descend(this.nodes, this.root)
      : this.seekBound(bound, inclusive, walk);
  }
}

/**
 * The walks that find a range's two ends, the forward one (for the low end) first: `walk` for the
 * end it starts from, which then stands there, and a spare for the other end's search.
 */
function endWalks(walk: TreeWalk): [TreeWalk, TreeWalk] {
  const spare = new TreeWalk(!walk.backwards);
  return walk.backwards ? [spare, walk] : [walk, spare];
}

/**
 * Visits the nodes from `start` to `stop` inclusive, in `walk`'s direction, `walk` standing at
 * `start`, until `visit` returns `false`; the number of calls. It walks `nodes`, the pool as it
 * was when the walk began, so a `visit` that clears the tree cannot send it into another pool.
 */
function walkNodes<K, V>(
  nodes: NodePool<K, V>,
  start: NodeIndex,
  stop: NodeIndex,
  walk: TreeWalk,
  visit: (key: K, value: V) => unknown,
): number {
  let node = start;
  let visited = 0;
  while (node !== NO_NODE) {
    visited++;
    if (visit(nodes.key[node] as K, nodes.value[node] as V) === false || node === stop) break;
    node = walk.step(nodes, node);
  }
  return visited;
}

function entryOf<K, V>(nodes: NodePool<K, V>, node: NodeIndex): Entry<K, V> | undefined {
  return node === NO_NODE ? undefined : [nodes.key[node] as K, nodes.value[node] as V];
}
