/**
 * The storage seam between the ETS layer and the structures: one interface, {@link TableStore},
 * over `@tsunami/hash`'s `HashStore` (set, bag, duplicate_bag; keys by exact equality `=:=`) and
 * any core `OrderedMap` (ordered_set; keys by term order `==`, so `1` and `1.0` are one key).
 *
 * The ETS layer has validated and copied every argument before it calls a store, and a store
 * never fails half-way: a call either throws before changing anything or completes.
 *
 * Iteration seam for match specifications: {@link TableStore.forEachObject} visits the objects
 * in table order and takes an optional {@link KeyRange} so a caller with a bound key (an
 * ordered_set pattern with a fixed key prefix, or a hash pattern with a fully bound key) scans
 * only the part of the table that can match.
 */
import { atom, exactEquals, type OrderedMap, type Term, type Tuple } from '@tsunami/core';
import { type ChainStatistics, HashStore, KEY_NOT_FOUND } from '@tsunami/hash';

/** The table types OTP has. */
export type TableType = 'set' | 'ordered_set' | 'bag' | 'duplicate_bag';

/** Returned by {@link TableStore.next} for a key OTP rejects with `badarg`. */
export const NO_SUCH_KEY: unique symbol = Symbol('tsunami.ets.noSuchKey');

const END_OF_TABLE = atom('$end_of_table');

/**
 * Narrows a scan. `key`: only the objects under this key (exact for hash tables, `==` for
 * ordered_set). `before`/`after`: monotone predicates in term order (true for the keys below,
 * respectively above, the interval), so an interval can end where no term is (after every
 * `{user, _}`); honoured by ordered_set and ignored (the whole table is scanned) by hash tables,
 * whose order is not the term order.
 */
export interface KeyRange {
  readonly key?: Term;
  readonly before?: (key: Term) => boolean;
  readonly after?: (key: Term) => boolean;
}

/** A key and the objects stored under it. */
export type KeyWithObjects = readonly [key: Term, objects: readonly Tuple[]];

/** What the ETS layer needs from a structure. */
export interface TableStore {
  readonly size: number;
  keyOf(object: Tuple): Term;
  /** The stored objects under `key`, in a fresh array when there are any (the caller may keep it). */
  lookup(key: Term): readonly Tuple[];
  /** The (first) object under `key`, or `undefined`: `lookup(key)[0]` without the array. */
  objectOf(key: Term): Tuple | undefined;
  has(key: Term): boolean;
  /** Inserts (set replaces, bag skips an exact copy, duplicate_bag appends). */
  insert(object: Tuple): void;
  deleteKey(key: Term): void;
  /**
   * Deletes the objects exactly equal (`=:=`) to `object`, found under its key (which an
   * ordered_set finds by term order, as OTP does).
   */
  deleteObject(object: Tuple): void;
  take(key: Term): readonly Tuple[];
  clear(): void;
  /** The first key in table order, `undefined` when empty. */
  first(): Term | undefined;
  last(): Term | undefined;
  /** The key after `key`; `undefined` at the end; {@link NO_SUCH_KEY} where OTP says badarg. */
  next(key: Term): Term | undefined | typeof NO_SUCH_KEY;
  prev(key: Term): Term | undefined | typeof NO_SUCH_KEY;
  /**
   * {@link next}'s key with its objects (in a fresh array), as `next` then `lookup` would give
   * them, for `next_lookup`: one step where the store can.
   */
  nextWithObjects(key: Term): KeyWithObjects | undefined | typeof NO_SUCH_KEY;
  prevWithObjects(key: Term): KeyWithObjects | undefined | typeof NO_SUCH_KEY;
  /** Visits objects in table order (reversed with `reverse`); stops when `visit` returns false. */
  forEachObject(visit: (object: Tuple) => unknown, range?: KeyRange, reverse?: boolean): void;
  /**
   * Visits every object in any order (the one cheapest for the store), stopping when `visit`
   * returns false: for scans whose result does not depend on the order (`select_count`,
   * `select_delete`). The table must not change during the walk.
   */
  forEachObjectAnyOrder(visit: (object: Tuple) => unknown): void;
  /** `ets:slot/2`: the objects of slot `index`, `undefined` past the end, NO_SUCH_KEY beyond. */
  slot(index: number): readonly Tuple[] | undefined | typeof NO_SUCH_KEY;
  fix(): void;
  unfix(): void;
  validate(): void;
  /** The bucket chains of a hash table (`ets:info(T, stats)`); `undefined` for an ordered_set. */
  chainStatistics(): ChainStatistics | undefined;
}

/** A hash table: HashStore with OTP's set-type meanings of last/prev (same as first/next). */
export class HashTableStore implements TableStore {
  private readonly store: HashStore;

  constructor(type: 'set' | 'bag' | 'duplicate_bag', keyPosition: number) {
    this.store = new HashStore({ type, keyPosition });
  }

  get size(): number {
    return this.store.size;
  }
  keyOf(object: Tuple): Term {
    return this.store.keyOf(object);
  }
  lookup(key: Term): readonly Tuple[] {
    return this.store.lookup(key);
  }
  objectOf(key: Term): Tuple | undefined {
    return this.store.firstObject(key);
  }
  has(key: Term): boolean {
    return this.store.has(key);
  }
  insert(object: Tuple): void {
    this.store.insert(object);
  }
  deleteKey(key: Term): void {
    this.store.deleteKey(key);
  }
  deleteObject(object: Tuple): void {
    this.store.deleteObject(object);
  }
  take(key: Term): readonly Tuple[] {
    return this.store.take(key);
  }
  clear(): void {
    this.store.clear();
  }
  first(): Term | undefined {
    return this.store.first();
  }
  last(): Term | undefined {
    return this.store.first();
  }
  next(key: Term): Term | undefined | typeof NO_SUCH_KEY {
    const next = this.store.next(key);
    return next === KEY_NOT_FOUND ? NO_SUCH_KEY : next;
  }
  prev(key: Term): Term | undefined | typeof NO_SUCH_KEY {
    return this.next(key);
  }
  nextWithObjects(key: Term): KeyWithObjects | undefined | typeof NO_SUCH_KEY {
    const next = this.next(key);
    if (next === NO_SUCH_KEY) return NO_SUCH_KEY;
    return next === undefined ? undefined : [next, this.store.lookup(next)];
  }
  prevWithObjects(key: Term): KeyWithObjects | undefined | typeof NO_SUCH_KEY {
    return this.nextWithObjects(key);
  }
  forEachObject(visit: (object: Tuple) => unknown, range?: KeyRange): void {
    if (range?.key !== undefined) {
      for (const object of this.store.lookup(range.key)) if (visit(object) === false) return;
      return;
    }
    // The store's own walk: fixed for its duration, a chunk of slots per loop, no iterator.
    this.store.forEachObject(visit);
  }
  forEachObjectAnyOrder(visit: (object: Tuple) => unknown): void {
    this.store.forEachObject(visit);
  }
  slot(index: number): readonly Tuple[] | undefined | typeof NO_SUCH_KEY {
    if (index > this.store.slotCount) return NO_SUCH_KEY;
    return this.store.slot(index);
  }
  fix(): void {
    this.store.fix();
  }
  unfix(): void {
    this.store.unfix();
  }
  validate(): void {
    this.store.validate();
  }
  chainStatistics(): ChainStatistics {
    return this.store.chainStatistics();
  }
}

/**
 * An ordered_set: an OrderedMap from key (term order, the plain `compare`) to the one object
 * under it. Intervals with no key at their ends go through the map's predicate seek.
 */
export class OrderedTableStore implements TableStore {
  private readonly keyIndex: number;

  constructor(
    private readonly map: OrderedMap<Term, Tuple>,
    keyPosition: number,
  ) {
    this.keyIndex = keyPosition - 1;
  }

  get size(): number {
    return this.map.size;
  }
  keyOf(object: Tuple): Term {
    return object[this.keyIndex]!;
  }
  lookup(key: Term): readonly Tuple[] {
    const object = this.map.get(key);
    return object === undefined ? [] : [object];
  }
  objectOf(key: Term): Tuple | undefined {
    return this.map.get(key);
  }
  has(key: Term): boolean {
    return this.map.has(key);
  }
  insert(object: Tuple): void {
    const key = this.keyOf(object);
    // An equal key's entry is replaced whole: the stored key must be the new object's (1.0
    // replacing 1 is stored as 1.0), not only the value: one search with `setEntry`; a backend
    // without it deletes a present key and searches again.
    if (this.map.setEntry !== undefined) {
      this.map.setEntry(key, object);
      return;
    }
    if (this.map.setIfAbsent(key, object)) return;
    this.map.delete(key);
    this.map.set(key, object);
  }
  deleteKey(key: Term): void {
    this.map.delete(key);
  }
  deleteObject(object: Tuple): void {
    const key = this.keyOf(object);
    const stored = this.map.get(key);
    if (stored !== undefined && exactEquals(stored, object)) this.map.delete(key);
  }
  take(key: Term): readonly Tuple[] {
    const object = this.map.get(key);
    if (object === undefined) return [];
    this.map.delete(key);
    return [object];
  }
  clear(): void {
    this.map.clear();
  }
  first(): Term | undefined {
    return this.map.first()?.[0];
  }
  last(): Term | undefined {
    return this.map.last()?.[0];
  }
  // OTP's ordered_set takes `'$end_of_table'` for the end of the table, never as a key to
  // step from, even when the table holds it (erl: badarg).
  next(key: Term): Term | undefined | typeof NO_SUCH_KEY {
    if (key === END_OF_TABLE) return NO_SUCH_KEY;
    // The key alone where the backend offers it: a walk then never reads the objects.
    return this.map.nextKey !== undefined ? this.map.nextKey(key) : this.map.next(key)?.[0];
  }
  prev(key: Term): Term | undefined | typeof NO_SUCH_KEY {
    if (key === END_OF_TABLE) return NO_SUCH_KEY;
    return this.map.prevKey !== undefined ? this.map.prevKey(key) : this.map.prev(key)?.[0];
  }
  // The entry in one step of the walk (a `next` from the key the call before returned steps on
  // from its node), where `next` then `lookup` would search the tree again for the key.
  nextWithObjects(key: Term): KeyWithObjects | undefined | typeof NO_SUCH_KEY {
    if (key === END_OF_TABLE) return NO_SUCH_KEY;
    const entry = this.map.next(key);
    return entry === undefined ? undefined : [entry[0], [entry[1]]];
  }
  prevWithObjects(key: Term): KeyWithObjects | undefined | typeof NO_SUCH_KEY {
    if (key === END_OF_TABLE) return NO_SUCH_KEY;
    const entry = this.map.prev(key);
    return entry === undefined ? undefined : [entry[0], [entry[1]]];
  }
  forEachObjectAnyOrder(visit: (object: Tuple) => unknown): void {
    // Node order where the backend offers it (a backend need not: then key order).
    if (this.map.forEachUnordered !== undefined) {
      this.map.forEachUnordered((_key, object) => visit(object));
    } else {
      this.map.forEachInRange({}, (_key, object) => visit(object));
    }
  }
  forEachObject(visit: (object: Tuple) => unknown, range?: KeyRange, reverse = false): void {
    if (range?.key !== undefined) {
      const object = this.map.get(range.key);
      if (object !== undefined) visit(object);
      return;
    }
    const before = range?.before;
    const after = range?.after;
    if (before === undefined && after === undefined) {
      // The callback walk allocates nothing per object, unlike an iterator.
      this.map.forEachInRange({ reverse }, (_key, object) => visit(object));
      return;
    }
    if (this.map.forEachInPredicateRange !== undefined) {
      this.map.forEachInPredicateRange(
        {
          ...(before === undefined ? {} : { before }),
          ...(after === undefined ? {} : { after }),
          reverse,
        },
        (_key, object) => visit(object),
      );
      return;
    }
    // A backend without the predicate seek: walk from the end, skip to the interval, stop past it.
    const outside = reverse ? after : before;
    const beyond = reverse ? before : after;
    let inside = outside === undefined;
    for (const [key, object] of this.map.entries({ reverse })) {
      if (!inside) {
        if (outside!(key)) continue;
        inside = true;
      }
      if (beyond?.(key) === true || visit(object) === false) return;
    }
  }
  slot(index: number): readonly Tuple[] | undefined | typeof NO_SUCH_KEY {
    if (index > this.map.size) return NO_SUCH_KEY;
    if (index === this.map.size) return undefined;
    // OTP numbers an ordered_set's slots by rank: slot I holds the object of rank I.
    let position = 0;
    let found: Tuple | undefined;
    this.map.forEachInRange({}, (_key, object) => {
      if (position === index) {
        found = object;
        return false;
      }
      position += 1;
      return true;
    });
    return [found!];
  }
  fix(): void {}
  unfix(): void {}
  validate(): void {
    this.map.validate();
  }
  chainStatistics(): undefined {
    return undefined;
  }
}
