/**
 * The implementations ("subjects") the ordered-map workloads measure, each behind one small
 * interface, {@link BenchMap}, whose methods are the workloads' inner operations. Every
 * subject uses the fastest route its public API offers for each operation (callbacks rather
 * than iterator objects where it has them), and the key shape's comparator.
 *
 * Kinds: `anchor` (established npm libraries: the yardstick, ratios are taken against the best
 * of them), `limit` (native `Map`: hashing, point operations only, the floor no comparison tree
 * reaches) and `candidate` (Tsunami's own maps). A Tsunami backend joins with one line in
 * {@link orderedMapSubjects}: `orderedMapSubject('wavl', (comparator) => new WavlMap(comparator))`.
 */
import { createAvlTree } from '@tsunami/avl';
import { type Comparator, type OrderedMap, SortedArrayMap } from '@tsunami/core';
import { createSkipList } from '@tsunami/skiplist';
import { createWavlTree } from '@tsunami/wavl';
import createRedBlackTree from 'functional-red-black-tree';
import { OrderedMap as SdslOrderedMap } from 'js-sdsl';
import type SortedBtreeTree from 'sorted-btree';
import SortedBtreeModule from 'sorted-btree';

/** The operations the workloads time, on one map of one subject. Values are numbers. */
export interface BenchMap<K> {
  /** Stores `value` under `key`; the workloads only insert absent keys. */
  insert(key: K, value: number): void;
  /** The value of `key`, or `undefined`. */
  get(key: K): number | undefined;
  /** Removes `key`; returns whether it was present. */
  delete(key: K): boolean;
  /** Visits every entry in key order; returns the sum of the values. */
  sumAll(): number;
  /** Visits up to `count` entries from the first key >= `low`; returns the sum of their values. */
  sumRange(low: K, count: number): number;
  /** The smallest key strictly greater than `key`, or `undefined`. */
  nextKey(key: K): K | undefined;
}

/** Which role a subject plays in the results table. */
export type SubjectKind = 'anchor' | 'limit' | 'candidate';

/** One implementation under measurement. */
export interface Subject {
  readonly name: string;
  readonly kind: SubjectKind;
  /** Whether it keeps keys in order (native `Map` does not: it runs the point workloads only). */
  readonly ordered: boolean;
  /** The largest map it is measured at (for O(n)-insert structures). Default unlimited. */
  readonly maxSize?: number;
  /** An empty map ordered by `comparator`. */
  create<K>(comparator: Comparator<K>): BenchMap<K>;
}

/** Adapts any {@link OrderedMap} (the interface every Tsunami backend implements). */
class OrderedMapBench<K> implements BenchMap<K> {
  constructor(private readonly map: OrderedMap<K, number>) {}
  insert(key: K, value: number): void {
    this.map.set(key, value);
  }
  get(key: K): number | undefined {
    return this.map.get(key);
  }
  delete(key: K): boolean {
    return this.map.delete(key);
  }
  sumAll(): number {
    let sum = 0;
    this.map.forEachInRange({}, (_key, value) => {
      sum += value;
    });
    return sum;
  }
  sumRange(low: K, count: number): number {
    let sum = 0;
    let left = count;
    this.map.forEachInRange({ low }, (_key, value) => {
      sum += value;
      left -= 1;
      return left > 0;
    });
    return sum;
  }
  nextKey(key: K): K | undefined {
    return this.map.next(key)?.[0];
  }
}

/**
 * A subject for a Tsunami ordered map: `create` builds an empty map from a comparator.
 *
 * @param maxSize the largest workload size to run it at (omit for no limit).
 */
export function orderedMapSubject(
  name: string,
  create: <K>(comparator: Comparator<K>) => OrderedMap<K, number>,
  maxSize?: number,
): Subject {
  return {
    name,
    kind: 'candidate',
    ordered: true,
    ...(maxSize === undefined ? {} : { maxSize }),
    create: (comparator) => new OrderedMapBench(create(comparator)),
  };
}

// sorted-btree is CommonJS with `exports.default`: Node's ESM loader hands back the exports
// object, bundlers hand back the class; accept both.
type SortedBtreeClass = typeof SortedBtreeModule;
export const SortedBtree: SortedBtreeClass =
  typeof SortedBtreeModule === 'function'
    ? SortedBtreeModule
    : (SortedBtreeModule as unknown as { default: SortedBtreeClass }).default;

class SortedBtreeBench<K> implements BenchMap<K> {
  private readonly tree: SortedBtreeTree<K, number>;
  constructor(comparator: Comparator<K>) {
    this.tree = new SortedBtree<K, number>(undefined, comparator);
  }
  insert(key: K, value: number): void {
    this.tree.set(key, value);
  }
  get(key: K): number | undefined {
    return this.tree.get(key);
  }
  delete(key: K): boolean {
    return this.tree.delete(key);
  }
  sumAll(): number {
    let sum = 0;
    this.tree.forEachPair((_key, value) => {
      sum += value;
    });
    return sum;
  }
  sumRange(low: K, count: number): number {
    let sum = 0;
    let left = count;
    const stop = { break: true };
    const high = this.tree.maxKey();
    if (high === undefined) return 0;
    this.tree.forRange(low, high, true, (_key, value) => {
      sum += value;
      left -= 1;
      return left > 0 ? undefined : stop;
    });
    return sum;
  }
  nextKey(key: K): K | undefined {
    return this.tree.nextHigherKey(key);
  }
}

class SdslBench<K> implements BenchMap<K> {
  private readonly map: SdslOrderedMap<K, number>;
  constructor(comparator: Comparator<K>) {
    this.map = new SdslOrderedMap<K, number>([], comparator);
  }
  insert(key: K, value: number): void {
    this.map.setElement(key, value);
  }
  get(key: K): number | undefined {
    return this.map.getElementByKey(key);
  }
  delete(key: K): boolean {
    return this.map.eraseElementByKey(key);
  }
  sumAll(): number {
    let sum = 0;
    this.map.forEach((entry) => {
      sum += entry[1];
    });
    return sum;
  }
  sumRange(low: K, count: number): number {
    let sum = 0;
    const end = this.map.end();
    const iterator = this.map.lowerBound(low);
    for (let left = count; left > 0 && !iterator.equals(end); left -= 1) {
      sum += iterator.pointer[1];
      iterator.next();
    }
    return sum;
  }
  nextKey(key: K): K | undefined {
    const iterator = this.map.upperBound(key);
    return iterator.equals(this.map.end()) ? undefined : iterator.pointer[0];
  }
}

/** functional-red-black-tree is persistent: each update returns a new tree, kept here. */
class RedBlackTreeBench<K> implements BenchMap<K> {
  private tree: createRedBlackTree.Tree<K, number>;
  constructor(comparator: Comparator<K>) {
    this.tree = createRedBlackTree<K, number>(comparator);
  }
  insert(key: K, value: number): void {
    // It keeps duplicates, so this is a set only because the workloads insert absent keys.
    this.tree = this.tree.insert(key, value);
  }
  get(key: K): number | undefined {
    // Typed `V | void`; it returns undefined for an absent key.
    return this.tree.get(key) as number | undefined;
  }
  delete(key: K): boolean {
    const before = this.tree.length;
    this.tree = this.tree.remove(key);
    return this.tree.length !== before;
  }
  sumAll(): number {
    let sum = 0;
    this.tree.forEach((_key, value) => {
      sum += value;
    });
    return sum;
  }
  sumRange(low: K, count: number): number {
    let sum = 0;
    let left = count;
    // biome-ignore lint/suspicious/useIterableCallbackReturn: this forEach stops on a truthy return
    this.tree.forEach((_key, value) => {
      sum += value;
      left -= 1;
      return left <= 0;
    }, low);
    return sum;
  }
  nextKey(key: K): K | undefined {
    const iterator = this.tree.gt(key);
    return iterator.valid ? iterator.key : undefined;
  }
}

class NativeMapBench<K> implements BenchMap<K> {
  private readonly map = new Map<K, number>();
  insert(key: K, value: number): void {
    this.map.set(key, value);
  }
  get(key: K): number | undefined {
    return this.map.get(key);
  }
  delete(key: K): boolean {
    return this.map.delete(key);
  }
  sumAll(): number {
    throw new Error('native Map is unordered: it runs the point workloads only');
  }
  sumRange(): number {
    throw new Error('native Map is unordered: it runs the point workloads only');
  }
  nextKey(): K | undefined {
    throw new Error('native Map is unordered: it runs the point workloads only');
  }
}

/**
 * Every subject of the ordered-map suite, in table order. Tsunami backends add a line here
 * (and a `workspace:*` devDependency on their package).
 */
export const orderedMapSubjects: ReadonlyArray<Subject> = [
  {
    name: 'sorted-btree',
    kind: 'anchor',
    ordered: true,
    create: (comparator) => new SortedBtreeBench(comparator),
  },
  {
    name: 'js-sdsl',
    kind: 'anchor',
    ordered: true,
    create: (comparator) => new SdslBench(comparator),
  },
  {
    name: 'functional-rbt',
    kind: 'anchor',
    ordered: true,
    create: (comparator) => new RedBlackTreeBench(comparator),
  },
  { name: 'Map', kind: 'limit', ordered: false, create: () => new NativeMapBench() },
  orderedMapSubject('wavl', (comparator) => createWavlTree(comparator)),
  orderedMapSubject('avl', (comparator) => createAvlTree(comparator)),
  orderedMapSubject('skiplist', (comparator) => createSkipList(comparator)),
  // O(n) inserts: measured only where a sorted array is a sensible choice.
  orderedMapSubject('SortedArrayMap', (comparator) => new SortedArrayMap(comparator), 100_000),
];
