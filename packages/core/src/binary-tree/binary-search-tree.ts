/**
 * The shared half of Tsunami's balanced binary search trees: everything a WAVL tree
 * (`@tsunami/wavl`) and an AVL tree (`@tsunami/avl`) do alike. Search, insertion and removal of
 * a node, navigation (`next`/`prev`/`ceiling`/`floor`/`first`/`last`), range iteration in both
 * directions, the O(n) bulk build, validation of the binary-search-tree part of the invariants,
 * statistics and the rotations. A subclass supplies only its balance rule: what to do after a
 * leaf is linked in, what to do after a node is spliced out, and how to check a node's rank.
 *
 * Invariants kept here, checked by {@link BinarySearchTree.validate}: keys strictly ascend in
 * order (no two compare equal); every child's `parent` is the node above it and the root's is
 * `null`; `size` is the number of nodes.
 *
 * Comparator safety: every operation calls the comparator only while searching, before it
 * changes anything, so a comparator that throws leaves the tree valid and unchanged. The
 * rebalancing hooks run after the search and never compare keys.
 *
 * Speed: one node class for both trees (see `node.ts`), loops rather than recursion on every
 * per-operation path, the comparator read into a local once per operation, no closures on hot
 * paths, and counting of comparisons only through a wrapped comparator that exists only when
 * the tree is instrumented.
 */

import { naturalComparator } from '../natural-comparator.js';
import {
  type Comparator,
  type Entry,
  type OrderedMap,
  type OrderedMapOptions,
  type RangeOptions,
  type TreeCounters,
  type TreeStats,
  zeroCounters,
} from '../ordered-map.js';
import { IterationOutput, TreeRangeIterator } from './iterator.js';
import { BinaryTreeNode, leftmost, predecessor, rightmost, successor } from './node.js';

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
 * A binary search tree with parent links whose balance rule a subclass supplies. Implements
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
  /** The root node, or `null` when the tree is empty. */
  protected root: BinaryTreeNode<K, V> | null;
  /** The number of nodes. */
  protected count: number;

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
    this.root = null;
    this.count = 0;
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
   * Restores the balance rule after `leaf` (rank 0) was linked in below a node. Must not call
   * the comparator.
   */
  protected abstract rebalanceAfterInsert(leaf: BinaryTreeNode<K, V>): void;

  /**
   * Restores the balance rule after a node with at most one child was spliced out: `child`
   * (possibly `null`) took its place below `parent` (`null` when the root was removed). Must not
   * call the comparator.
   */
  protected abstract rebalanceAfterRemoval(
    parent: BinaryTreeNode<K, V> | null,
    child: BinaryTreeNode<K, V> | null,
  ): void;

  /** Throws an Error naming `node`'s key when `node`'s rank breaks the balance rule. */
  protected abstract validateRank(node: BinaryTreeNode<K, V>): void;

  /** Number of entries. O(1). */
  get size(): number {
    return this.count;
  }

  /** The value stored under `key`, or `undefined`. O(log n). */
  get(key: K): V | undefined {
    const node = this.findNode(key);
    return node === null ? undefined : node.value;
  }

  /** The stored key and value of the entry equal to `key`, or `undefined`. O(log n). */
  getEntry(key: K): Entry<K, V> | undefined {
    return entryOf(this.findNode(key));
  }

  /** Whether some key compares equal to `key`. O(log n). */
  has(key: K): boolean {
    return this.findNode(key) !== null;
  }

  /** Stores `value` under `key`, replacing the value (not the key) of an equal key. O(log n). */
  set(key: K, value: V): this {
    this.insert(key, value, true);
    return this;
  }

  /** Stores `value` under `key` only when no equal key is present; returns whether it did. */
  setIfAbsent(key: K, value: V): boolean {
    return this.insert(key, value, false);
  }

  /** Removes the entry of `key`; returns whether there was one. O(log n). */
  delete(key: K): boolean {
    const node = this.findNode(key);
    if (node === null) return false;
    // A node with two children trades places with its successor, which has no left child,
    // so the node spliced out always has at most one child.
    let removed = node;
    if (node.left !== null && node.right !== null) {
      removed = leftmost(node.right);
      node.key = removed.key;
      node.value = removed.value;
    }
    const child = removed.left !== null ? removed.left : removed.right;
    const parent = removed.parent;
    if (child !== null) child.parent = parent;
    if (parent === null) this.root = child;
    else if (parent.left === removed) parent.left = child;
    else parent.right = child;
    this.count--;
    this.rebalanceAfterRemoval(parent, child);
    return true;
  }

  /** Removes every entry. O(1): the nodes are left to the garbage collector. */
  clear(): void {
    this.root = null;
    this.count = 0;
  }

  /** The entry with the smallest key. O(log n). */
  first(): Entry<K, V> | undefined {
    return this.root === null ? undefined : entryOf(leftmost(this.root));
  }

  /** The entry with the greatest key. O(log n). */
  last(): Entry<K, V> | undefined {
    return this.root === null ? undefined : entryOf(rightmost(this.root));
  }

  /** The first entry whose key is strictly greater than `key`, present or not. O(log n). */
  next(key: K): Entry<K, V> | undefined {
    return entryOf(this.higherNode(key, false));
  }

  /** The last entry whose key is strictly less than `key`, present or not. O(log n). */
  prev(key: K): Entry<K, V> | undefined {
    return entryOf(this.lowerNode(key, false));
  }

  /** The first entry whose key is greater than or equal to `key`. O(log n). */
  ceiling(key: K): Entry<K, V> | undefined {
    return entryOf(this.higherNode(key, true));
  }

  /** The last entry whose key is less than or equal to `key`. O(log n). */
  floor(key: K): Entry<K, V> | undefined {
    return entryOf(this.lowerNode(key, true));
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
    const ends = this.rangeEnds(range);
    if (ends === null) return 0;
    const reverse = range.reverse === true;
    let node: BinaryTreeNode<K, V> | null = reverse ? ends[1] : ends[0];
    const stop = reverse ? ends[0] : ends[1];
    let visited = 0;
    while (node !== null) {
      visited++;
      if (visit(node.key, node.value) === false || node === stop) break;
      node = reverse ? predecessor(node) : successor(node);
    }
    return visited;
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
    this.root = buildBalanced(entries, 0, entries.length, null);
    this.count = entries.length;
  }

  /**
   * Checks every invariant: strictly ascending keys, parent links, the stored size, and the
   * subclass's rank rule at every node. Throws an Error naming the offending node's key.
   * O(n), calling the comparator n - 1 times.
   */
  validate(): void {
    const root = this.root;
    if (root !== null && root.parent !== null) {
      throw new Error(`root ${describeKey(root.key)} has a parent`);
    }
    const compare = this.compareKeys;
    const pending: BinaryTreeNode<K, V>[] = [];
    let previous: BinaryTreeNode<K, V> | null = null;
    let node = root;
    let seen = 0;
    // In-order walk with an explicit stack, so no parent link is trusted while checking them.
    while (node !== null || pending.length > 0) {
      while (node !== null) {
        pending.push(node);
        node = node.left;
      }
      const current = pending.pop() as BinaryTreeNode<K, V>;
      seen++;
      for (const child of [current.left, current.right]) {
        if (child !== null && child.parent !== current) {
          throw new Error(
            `node ${describeKey(child.key)} has a wrong parent link (expected ${describeKey(current.key)})`,
          );
        }
      }
      if (previous !== null && !(compare(previous.key, current.key) < 0)) {
        throw new Error(
          `node ${describeKey(current.key)} is out of order after ${describeKey(previous.key)}`,
        );
      }
      this.validateRank(current);
      previous = current;
      node = current.right;
    }
    if (seen !== this.count) {
      throw new Error(`size is ${this.count} but the tree holds ${seen} nodes`);
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
    if (this.root === null) return 0;
    const nodes: BinaryTreeNode<K, V>[] = [this.root];
    const depths: number[] = [1];
    let deepest = 0;
    while (nodes.length > 0) {
      const node = nodes.pop() as BinaryTreeNode<K, V>;
      const depth = depths.pop() as number;
      if (depth > deepest) deepest = depth;
      if (node.left !== null) {
        nodes.push(node.left);
        depths.push(depth + 1);
      }
      if (node.right !== null) {
        nodes.push(node.right);
        depths.push(depth + 1);
      }
    }
    return deepest;
  }

  /** The node whose key compares equal to `key`, or `null`. */
  protected findNode(key: K): BinaryTreeNode<K, V> | null {
    const compare = this.compareKeys;
    let node = this.root;
    while (node !== null) {
      const order = compare(key, node.key);
      if (order < 0) node = node.left;
      else if (order > 0) node = node.right;
      else return node;
    }
    return null;
  }

  /**
   * Links a new leaf for `key` (or, with `replace`, overwrites the value of an equal key) and
   * rebalances. All comparisons happen before the tree changes. Returns whether a node was added.
   */
  protected insert(key: K, value: V, replace: boolean): boolean {
    let node = this.root;
    if (node === null) {
      this.root = new BinaryTreeNode(key, value, null, 0);
      this.count = 1;
      return true;
    }
    const compare = this.compareKeys;
    for (;;) {
      const order = compare(key, node.key);
      if (order < 0) {
        const left: BinaryTreeNode<K, V> | null = node.left;
        if (left === null) {
          const leaf = new BinaryTreeNode(key, value, node, 0);
          node.left = leaf;
          this.count++;
          this.rebalanceAfterInsert(leaf);
          return true;
        }
        node = left;
      } else if (order > 0) {
        const right: BinaryTreeNode<K, V> | null = node.right;
        if (right === null) {
          const leaf = new BinaryTreeNode(key, value, node, 0);
          node.right = leaf;
          this.count++;
          this.rebalanceAfterInsert(leaf);
          return true;
        }
        node = right;
      } else {
        if (replace) node.value = value;
        return false;
      }
    }
  }

  /** The first node whose key is greater than `key` (or equal, when `inclusive`). */
  protected higherNode(key: K, inclusive: boolean): BinaryTreeNode<K, V> | null {
    const compare = this.compareKeys;
    let node = this.root;
    let candidate: BinaryTreeNode<K, V> | null = null;
    while (node !== null) {
      const order = compare(key, node.key);
      if (order < 0) {
        candidate = node;
        node = node.left;
      } else if (order > 0) {
        node = node.right;
      } else if (inclusive) {
        return node;
      } else {
        return node.right !== null ? leftmost(node.right) : candidate;
      }
    }
    return candidate;
  }

  /** The last node whose key is less than `key` (or equal, when `inclusive`). */
  protected lowerNode(key: K, inclusive: boolean): BinaryTreeNode<K, V> | null {
    const compare = this.compareKeys;
    let node = this.root;
    let candidate: BinaryTreeNode<K, V> | null = null;
    while (node !== null) {
      const order = compare(key, node.key);
      if (order > 0) {
        candidate = node;
        node = node.right;
      } else if (order < 0) {
        node = node.left;
      } else if (inclusive) {
        return node;
      } else {
        return node.left !== null ? rightmost(node.left) : candidate;
      }
    }
    return candidate;
  }

  /**
   * Moves `node`'s right child up into `node`'s place (a left rotation) and returns it. Fixes
   * every parent link and the root; ranks are the caller's business.
   */
  protected rotateLeft(node: BinaryTreeNode<K, V>): BinaryTreeNode<K, V> {
    const pivot = node.right as BinaryTreeNode<K, V>;
    const inner = pivot.left;
    const parent = node.parent;
    node.right = inner;
    if (inner !== null) inner.parent = node;
    pivot.parent = parent;
    if (parent === null) this.root = pivot;
    else if (parent.left === node) parent.left = pivot;
    else parent.right = pivot;
    pivot.left = node;
    node.parent = pivot;
    return pivot;
  }

  /** Moves `node`'s left child up into `node`'s place (a right rotation) and returns it. */
  protected rotateRight(node: BinaryTreeNode<K, V>): BinaryTreeNode<K, V> {
    const pivot = node.left as BinaryTreeNode<K, V>;
    const inner = pivot.right;
    const parent = node.parent;
    node.left = inner;
    if (inner !== null) inner.parent = node;
    pivot.parent = parent;
    if (parent === null) this.root = pivot;
    else if (parent.left === node) parent.left = pivot;
    else parent.right = pivot;
    pivot.right = node;
    node.parent = pivot;
    return pivot;
  }

  private iterate<T>(
    range: RangeOptions<K> | undefined,
    output: IterationOutput,
  ): IterableIterator<T> {
    const ends = range === undefined ? this.wholeRange() : this.rangeEnds(range);
    if (ends === null) return new TreeRangeIterator<K, V, T>(null, null, false, output);
    const reverse = range !== undefined && range.reverse === true;
    return reverse
      ? new TreeRangeIterator<K, V, T>(ends[1], ends[0], true, output)
      : new TreeRangeIterator<K, V, T>(ends[0], ends[1], false, output);
  }

  private wholeRange(): [BinaryTreeNode<K, V>, BinaryTreeNode<K, V>] | null {
    const root = this.root;
    return root === null ? null : [leftmost(root), rightmost(root)];
  }

  /** The lowest and highest node within `range`, or `null` when the range holds no node. */
  private rangeEnds(range: RangeOptions<K>): [BinaryTreeNode<K, V>, BinaryTreeNode<K, V>] | null {
    if (typeof range !== 'object' || range === null) {
      throw new TypeError('range must be an object of RangeOptions');
    }
    const root = this.root;
    if (root === null) return null;
    const low =
      range.low === undefined
        ? leftmost(root)
        : this.higherNode(range.low, range.lowInclusive !== false);
    if (low === null) return null;
    const high =
      range.high === undefined
        ? rightmost(root)
        : this.lowerNode(range.high, range.highInclusive !== false);
    if (high === null) return null;
    if (low !== high && !(this.compareKeys(low.key, high.key) < 0)) return null;
    return [low, high];
  }
}

function entryOf<K, V>(node: BinaryTreeNode<K, V> | null): Entry<K, V> | undefined {
  return node === null ? undefined : [node.key, node.value];
}

/**
 * Builds the subtree of `entries[start..end)` around its middle entry, recursing to depth
 * log2(n) only; every node's rank is its height, so sibling heights differ by at most one.
 */
function buildBalanced<K, V>(
  entries: ReadonlyArray<readonly [K, V]>,
  start: number,
  end: number,
  parent: BinaryTreeNode<K, V> | null,
): BinaryTreeNode<K, V> | null {
  if (start >= end) return null;
  const middle = (start + end) >>> 1;
  const entry = entries[middle] as readonly [K, V];
  const node = new BinaryTreeNode(entry[0], entry[1], parent, 0);
  const left = buildBalanced(entries, start, middle, node);
  const right = buildBalanced(entries, middle + 1, end, node);
  node.left = left;
  node.right = right;
  node.rank = 1 + Math.max(left === null ? -1 : left.rank, right === null ? -1 : right.rank);
  return node;
}
