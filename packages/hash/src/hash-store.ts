/**
 * The hash store behind ETS `set`, `bag` and `duplicate_bag` tables: objects (tuples) grouped by
 * the term at their key position, keys compared by exact equality (`=:=`).
 *
 * Layout:
 * - Entries: each key has one {@link Entry} (`entry.ts`) holding the key, its objects (a set's
 *   object, or a bag's non-empty array in insertion order, the order OTP 25.3+ gives from
 *   `ets:lookup`) and its slot.
 * - Index: keys with a primitive form (see `key.ts`) map straight to their entry in a
 *   {@link ShardedMap} keyed by that primitive, so a lookup is one native `Map` probe; every
 *   other key goes in a second `ShardedMap` keyed by core `hash(key)`, whose values are an
 *   entry, or an array of entries when hashes collide, told apart by `exactEquals`. The shards
 *   bound every native `Map` to tens of thousands of keys, so no insert pays for rehashing a
 *   million (`sharded-map.ts`); below one shard's capacity no hash is computed.
 * - Slots: an append-only chunked array of entries (`undefined` for a hole), giving
 *   `first`/`next` an O(1) successor and `ets:slot/2` a stable numbering. Deleting a key leaves
 *   a hole; when holes outnumber keys and the table is not fixed, the array is compacted in
 *   place (O(n), paid for by the deletions that made the holes; only `entry.slot` changes,
 *   never the index).
 * - Fixing (`ets:safe_fixtable/2`): while the fix count is above zero, deleting a key's last
 *   object leaves its entry indexed and in its slot with no objects, a tombstone, so
 *   `next(deletedKey)` still answers, nothing moves, and new keys are appended after every
 *   existing slot. A traversal thus sees every object present throughout it exactly once, as in
 *   OTP. Re-inserting a tombstoned key revives its entry in place. The last unfix purges the
 *   tombstones.
 * - A bag key with many objects gets an index of its objects by hash (`entry.ts`), so inserting
 *   m objects under one key costs O(m), not O(m²).
 *
 * Iteration order is slot order (insertion order of keys, holes skipped), not OTP's hash order:
 * OTP documents that order as unspecified, so only its guarantees are kept.
 *
 * Invariants (checked by {@link HashStore.validate}): every entry in the slot array is at its
 * own `slot` and is found through the index by its key, and the index holds nothing else; a
 * tombstone exists only while the store is fixed and is listed in `tombstones`; a bag entry
 * holds no two exactly equal objects, and its object index (if any) holds exactly its objects;
 * every object's key is `=:=` its entry's key; `objectCount`, `keyCount` and `holes` match a
 * recount; no live slot is before `head`.
 */
import { exactEquals, hash, type Term, TermError, type Tuple } from '@tsunami/core';
import { ChunkedArray } from './chunked-array.js';
import {
  addToObjectIndex,
  buildObjectIndex,
  Entry,
  findInObjectIndex,
  OBJECT_INDEX_THRESHOLD,
  objectIndexContents,
  REMOVED,
  removeFromObjectIndex,
} from './entry.js';
import { mixHash, type PrimitiveKey, primitiveHash, storeKey } from './key.js';
import { SHARD_CAPACITY, ShardedMap } from './sharded-map.js';

/** The ETS table types a hash store implements. */
export type HashTableType = 'set' | 'bag' | 'duplicate_bag';

/** Options for {@link HashStore}. */
export interface HashStoreOptions {
  /** `set` (one object per key), `bag` (distinct objects per key) or `duplicate_bag`. */
  readonly type: HashTableType;
  /** The 1-based position of the key in each object, as ETS's `keypos`. Default 1. */
  readonly keyPosition?: number;
  /**
   * Keys per index shard before the index grows by one shard (default 32768). A tuning and test
   * knob: small values exercise the incremental growth on small tables.
   */
  readonly shardCapacity?: number;
}

/**
 * Returned by {@link HashStore.next} for a key that is not in the table (and not a tombstone of
 * a fixed table): OTP raises `badarg` there. A private symbol, so never a key.
 */
export const KEY_NOT_FOUND: unique symbol = Symbol('tsunami.hash.keyNotFound');

/** OTP's hash tables start with 256 buckets, so `ets:slot(T, I)` answers `[]` for I < 256. */
export const MINIMUM_SLOT_COUNT = 256;

/** Holes are compacted away once there are more than this many and more holes than entries. */
const COMPACTION_MINIMUM_HOLES = 1024;

/** An index bucket for structured keys: one entry, or several whose keys share a hash. */
type Bucket = Entry | Entry[];

const EMPTY: readonly Tuple[] = Object.freeze([]);

/**
 * A hash table of tuples with ETS semantics. The public ETS layer validates arguments (that an
 * object is a tuple with a key position, that terms are terms) and copies terms in and out; the
 * store keeps the objects it is given and returns them uncopied.
 *
 * @example
 * ```ts
 * const store = new HashStore({ type: 'bag' });
 * store.insert(['fruit', 'apple']);
 * store.insert(['fruit', 'pear']);
 * store.lookup('fruit'); // [['fruit', 'apple'], ['fruit', 'pear']]
 * ```
 */
export class HashStore {
  /** The table type. */
  readonly type: HashTableType;
  /** The 1-based key position. */
  readonly keyPosition: number;
  private readonly keyIndex: number;
  private readonly isSet: boolean;
  private readonly isBag: boolean;
  private readonly primitives: ShardedMap<PrimitiveKey, Entry>;
  private readonly structured: ShardedMap<number, Bucket>;
  private readonly slots = new ChunkedArray<Entry | undefined>();
  private holes = 0;
  private head = 0;
  private objects = 0;
  private keys = 0;
  private fixes = 0;
  private tombstones: Entry[] = [];
  /** The core hash of the structured key the last {@link find} looked up. */
  private foundHash = 0;

  /** @throws TermError for an unknown type or a key position that is not a positive integer. */
  constructor(options: HashStoreOptions) {
    const { type, keyPosition = 1, shardCapacity = SHARD_CAPACITY } = options;
    if (type !== 'set' && type !== 'bag' && type !== 'duplicate_bag') {
      throw new TermError(`unknown hash table type ${String(type)}`);
    }
    if (!Number.isSafeInteger(keyPosition) || keyPosition < 1) {
      throw new TermError(`key position must be a positive integer, got ${String(keyPosition)}`);
    }
    this.type = type;
    this.keyPosition = keyPosition;
    this.keyIndex = keyPosition - 1;
    this.isSet = type === 'set';
    this.isBag = type === 'bag';
    this.primitives = new ShardedMap(hashPrimitive, shardCapacity);
    this.structured = new ShardedMap(mixHash, shardCapacity);
  }

  /** The number of objects (`ets:info(T, size)`). O(1). */
  get size(): number {
    return this.objects;
  }

  /** The number of distinct keys. O(1). */
  get keyCount(): number {
    return this.keys;
  }

  /** The key of `object`. @throws TermError when the object is shorter than the key position. */
  keyOf(object: Tuple): Term {
    if (object.length <= this.keyIndex) {
      throw new TermError(
        `an object needs at least ${this.keyPosition} elements for key position ${this.keyPosition}`,
      );
    }
    return object[this.keyIndex]!;
  }

  /**
   * The objects stored under `key`: one for a set, in OTP's order for bags; empty when absent.
   * The array is fresh but its objects are the stored ones. O(1) expected plus O(objects).
   */
  lookup(key: Term): readonly Tuple[] {
    const value = this.find(key)?.value;
    if (value === undefined) return EMPTY;
    return this.isSet ? [value as Tuple] : (value as Tuple[]).slice();
  }

  /** Whether `key` has at least one object (`ets:member/2`, insert_new's test). O(1) expected. */
  has(key: Term): boolean {
    return this.find(key)?.value !== undefined;
  }

  /** The number of objects under `key`. O(1) expected. */
  countOf(key: Term): number {
    const entry = this.find(key);
    return entry === undefined ? 0 : this.countIn(entry);
  }

  /**
   * Inserts `object`: a set replaces the object with the same key, a bag adds it unless an
   * exactly equal object is already there (then nothing changes, its place included), a
   * duplicate bag always appends it. Returns whether the table changed. O(1) expected (a bag
   * key with fewer than 16 objects compares the new one with each).
   * @throws TermError when the object is shorter than the key position.
   */
  insert(object: Tuple): boolean {
    const key = this.keyOf(object);
    const primitive = storeKey(key);
    let entry: Entry | undefined;
    if (primitive !== undefined) {
      const shard = this.primitives.shardFor(primitive);
      entry = shard.get(primitive);
      if (entry === undefined) {
        shard.set(primitive, this.append(key, object));
        this.primitives.added();
        return true;
      }
    } else {
      entry = this.findOrAppendStructured(key, object);
      if (entry === undefined) return true;
    }
    const current = entry.value;
    if (current === undefined) {
      // A tombstone of a fixed table comes back to life in its own slot.
      entry.value = this.isSet ? object : [object];
      this.objects += 1;
      this.keys += 1;
      if (entry.slot < this.head) this.head = entry.slot;
      return true;
    }
    if (this.isSet) {
      entry.value = object;
      return true;
    }
    if (this.isBag) return this.addToBag(entry, current as Tuple[], object);
    (current as Tuple[]).push(object);
    this.objects += 1;
    return true;
  }

  /** Deletes every object under `key` (`ets:delete/2`); returns how many. O(1) expected. */
  deleteKey(key: Term): number {
    const entry = this.find(key);
    if (entry === undefined) return 0;
    const removed = this.countIn(entry);
    if (removed > 0) this.kill(entry, this.foundHash);
    return removed;
  }

  /**
   * Deletes the objects exactly equal to `object` (`ets:delete_object/2`): in a duplicate bag
   * every copy. Returns how many were deleted. O(1) expected for a set and a bag key with an
   * object index, else O(objects under the key).
   */
  deleteObject(object: Tuple): number {
    const entry = this.find(this.keyOf(object));
    const current = entry?.value;
    if (entry === undefined || current === undefined) return 0;
    const keyHash = this.foundHash;
    if (this.isSet) {
      if (!exactEquals(current as Tuple, object)) return 0;
      this.kill(entry, keyHash);
      return 1;
    }
    const objects = current as Tuple[];
    const objectIndex = entry.objectIndex;
    if (objectIndex !== undefined) {
      // A bag key with an index: at most one equal object, found without a scan.
      const objectHash = hash(object);
      const stored = findInObjectIndex(objectIndex, objectHash, object);
      if (stored === undefined) return 0;
      if (objects.length === 1) {
        this.kill(entry, keyHash);
      } else {
        removeFromObjectIndex(objectIndex, objectHash, stored);
        objects.splice(objects.indexOf(stored), 1);
        this.objects -= 1;
      }
      return 1;
    }
    const kept = objects.filter((candidate) => !exactEquals(candidate, object));
    const removed = objects.length - kept.length;
    if (removed === 0) return 0;
    if (kept.length === 0) {
      this.kill(entry, keyHash);
    } else {
      entry.value = kept;
      this.objects -= removed;
    }
    return removed;
  }

  /** Removes and returns the objects under `key` (`ets:take/2`). O(1) expected. */
  take(key: Term): readonly Tuple[] {
    const entry = this.find(key);
    const current = entry?.value;
    if (entry === undefined || current === undefined) return EMPTY;
    this.kill(entry, this.foundHash);
    return this.isSet ? [current as Tuple] : (current as Tuple[]);
  }

  /**
   * Deletes every object (`ets:delete_all_objects/1`). While fixed, every key becomes a
   * tombstone so traversals in progress can still step on. O(1) unfixed, O(n) fixed.
   */
  clear(): void {
    if (this.fixes > 0) {
      const slots = this.slots;
      for (let slot = 0; slot < slots.length; slot += 1) {
        const entry = slots.get(slot);
        if (entry?.value !== undefined) this.kill(entry);
      }
      return;
    }
    this.primitives.clear();
    this.structured.clear();
    this.slots.clear();
    this.holes = 0;
    this.head = 0;
    this.objects = 0;
    this.keys = 0;
  }

  /** The first key in slot order, or `undefined` for an empty table. O(1) amortised. */
  first(): Term | undefined {
    const slots = this.slots;
    let slot = this.head;
    while (slot < slots.length && slots.get(slot)?.value === undefined) slot += 1;
    this.head = slot;
    return slot < slots.length ? slots.get(slot)!.key : undefined;
  }

  /**
   * The key after `key` in slot order, `undefined` at the end, or {@link KEY_NOT_FOUND} when `key`
   * is neither in the table nor a tombstone of this fix (OTP: `badarg`). While the table is fixed
   * this works from a key deleted since the fix. O(1) expected plus the holes skipped (amortised
   * O(1) by compaction).
   */
  next(key: Term): Term | undefined | typeof KEY_NOT_FOUND {
    const entry = this.find(key);
    if (entry === undefined) return KEY_NOT_FOUND;
    const slots = this.slots;
    for (let slot = entry.slot + 1; slot < slots.length; slot += 1) {
      const candidate = slots.get(slot);
      if (candidate?.value !== undefined) return candidate.key;
    }
    return undefined;
  }

  /**
   * The number of slots for {@link slot}: at least {@link MINIMUM_SLOT_COUNT}, as OTP's tables
   * have at least 256 buckets. Stable while the table is fixed. O(1).
   */
  get slotCount(): number {
    return Math.max(MINIMUM_SLOT_COUNT, this.slots.length);
  }

  /**
   * The objects in slot `index` (`ets:slot/2`): `[]` for an empty slot, `undefined`
   * (`'$end_of_table'`) for `index === slotCount`. Each slot holds at most one key.
   * O(objects in the slot).
   * @throws RangeError for an index that is not an integer in `0..slotCount` (OTP: `badarg`).
   */
  slot(index: number): readonly Tuple[] | undefined {
    const count = this.slotCount;
    if (!Number.isSafeInteger(index) || index < 0 || index > count) {
      throw new RangeError(`slot index must be an integer in 0..${count}, got ${index}`);
    }
    if (index === count) return undefined;
    // Slots past the stored ones, up to the minimum of 256, are empty buckets.
    const value = index < this.slots.length ? this.slots.get(index)?.value : undefined;
    if (value === undefined) return EMPTY;
    return this.isSet ? [value as Tuple] : (value as Tuple[]).slice();
  }

  /**
   * Calls `visit` with every object in slot order (`ets:tab2list/1`, match and select scans),
   * stopping early when it returns `false`. The table is fixed for the walk, so `visit` may
   * insert and delete (as `select_delete` does): every object present throughout is visited
   * exactly once. O(n + holes).
   */
  forEachObject(visit: (object: Tuple) => unknown): void {
    this.fix();
    try {
      const slots = this.slots;
      for (let slot = 0; slot < slots.length; slot += 1) {
        const current = slots.get(slot)?.value;
        if (current === undefined) continue;
        if (this.isSet) {
          if (visit(current as Tuple) === false) return;
        } else {
          for (const object of (current as Tuple[]).slice()) if (visit(object) === false) return;
        }
      }
    } finally {
      this.unfix();
    }
  }

  /**
   * Every object in slot order. Unlike {@link forEachObject} it does not fix the table: deleting
   * while iterating is safe only between {@link fix} and {@link unfix}.
   */
  *[Symbol.iterator](): IterableIterator<Tuple> {
    const slots = this.slots;
    for (let slot = 0; slot < slots.length; slot += 1) {
      const current = slots.get(slot)?.value;
      if (current === undefined) continue;
      if (this.isSet) yield current as Tuple;
      else yield* (current as Tuple[]).slice();
    }
  }

  /** How many times the table is fixed (`ets:info(T, safe_fixed)` counts). O(1). */
  get fixCount(): number {
    return this.fixes;
  }

  /** Fixes the table (`ets:safe_fixtable(T, true)`); fixes nest. O(1). */
  fix(): void {
    this.fixes += 1;
  }

  /**
   * Releases one fix (`ets:safe_fixtable(T, false)`); the last release purges tombstones and may
   * compact the slots. Releasing an unfixed table does nothing, as in OTP. O(tombstones).
   */
  unfix(): void {
    if (this.fixes === 0) return;
    this.fixes -= 1;
    if (this.fixes > 0) return;
    for (const entry of this.tombstones) {
      // A key revived and deleted again is listed twice; the first visit removes it.
      if (entry.slot !== REMOVED && entry.value === undefined) this.remove(entry);
    }
    this.tombstones = [];
    this.maybeCompact();
  }

  /**
   * Checks every invariant in the module comment. O(n + objects).
   * @throws Error naming the offending key when one is broken.
   */
  validate(): void {
    const fail = (message: string): never => {
      throw new Error(`hash store invalid: ${message}`);
    };
    const primitiveProblem = this.primitives.check(describeKey);
    if (primitiveProblem !== undefined) fail(primitiveProblem);
    const structuredProblem = this.structured.check(String);
    if (structuredProblem !== undefined) fail(structuredProblem);
    const listed = new Set(this.tombstones);
    let objects = 0;
    let keys = 0;
    let holes = 0;
    for (let slot = 0; slot < this.slots.length; slot += 1) {
      const entry = this.slots.get(slot);
      if (entry === undefined) {
        holes += 1;
        continue;
      }
      const name = describeKey(entry.key);
      if (entry.slot !== slot) fail(`key ${name} is in slot ${slot} but records ${entry.slot}`);
      const found = this.find(entry.key);
      if (found !== entry) fail(`key ${name} in slot ${slot} is not the entry the index finds`);
      const current = entry.value;
      if (current === undefined) {
        if (this.fixes === 0) fail(`key ${name} is a tombstone in an unfixed table`);
        if (!listed.has(entry)) fail(`tombstone ${name} is not listed`);
        if (entry.objectIndex !== undefined) fail(`tombstone ${name} keeps an object index`);
        continue;
      }
      if (slot < this.head)
        fail(`live key ${name} is in slot ${slot}, before the head ${this.head}`);
      objects += this.checkObjects(entry, current, name, fail);
      keys += 1;
    }
    const indexed = this.primitives.size + countStructured(this.structured);
    if (indexed !== this.slots.length - holes) {
      fail(`the index holds ${indexed} keys but the slots hold ${this.slots.length - holes}`);
    }
    if (objects !== this.objects) fail(`size is ${this.objects}, recount ${objects}`);
    if (keys !== this.keys) fail(`key count is ${this.keys}, recount ${keys}`);
    if (holes !== this.holes) fail(`hole count is ${this.holes}, recount ${holes}`);
  }

  /** Checks one live entry's objects and object index; returns how many objects it has. */
  private checkObjects(
    entry: Entry,
    current: Tuple | Tuple[],
    name: string,
    fail: (message: string) => never,
  ): number {
    const key = entry.key;
    if (this.isSet) {
      if (!exactEquals(this.keyOf(current as Tuple), key)) {
        fail(`set key ${name} holds an object with another key`);
      }
      return 1;
    }
    const objects = current as Tuple[];
    if (!Array.isArray(objects) || objects.length === 0) fail(`bag key ${name} has no objects`);
    objects.forEach((object, position) => {
      if (!exactEquals(this.keyOf(object), key)) {
        fail(`key ${name} holds an object with another key at position ${position}`);
      }
    });
    const objectIndex = entry.objectIndex;
    if (objectIndex === undefined) {
      if (this.isBag) this.checkDistinct(objects, name, fail);
      return objects.length;
    }
    if (!this.isBag) fail(`${this.type} key ${name} has an object index`);
    const indexed = new Set<Tuple>();
    for (const [objectHash, object] of objectIndexContents(objectIndex)) {
      if (hash(object) !== objectHash) fail(`bag key ${name} files an object under another hash`);
      if (indexed.has(object)) fail(`bag key ${name} indexes one object twice`);
      indexed.add(object);
    }
    if (indexed.size !== objects.length || !objects.every((object) => indexed.has(object))) {
      fail(`bag key ${name} has an object index that differs from its objects`);
    }
    // Equal objects have equal hashes, so distinctness only needs checking within a bucket.
    objects.forEach((object, position) => {
      if (findInObjectIndex(objectIndex, hash(object), object) !== object) {
        fail(`bag key ${name} holds an object equal to another at position ${position}`);
      }
    });
    return objects.length;
  }

  /** Fails unless no two of a bag key's (few) objects are exactly equal. O(m²). */
  private checkDistinct(objects: Tuple[], name: string, fail: (message: string) => never): void {
    for (let position = 1; position < objects.length; position += 1) {
      for (let earlier = 0; earlier < position; earlier += 1) {
        if (exactEquals(objects[earlier]!, objects[position]!)) {
          fail(`bag key ${name} holds equal objects at positions ${earlier} and ${position}`);
        }
      }
    }
  }

  private countIn(entry: Entry): number {
    const current = entry.value;
    if (current === undefined) return 0;
    return this.isSet ? 1 : (current as Tuple[]).length;
  }

  /**
   * Adds `object` to a live bag entry unless an exactly equal object is there. Builds the
   * entry's object index when the key reaches {@link OBJECT_INDEX_THRESHOLD} objects.
   */
  private addToBag(entry: Entry, objects: Tuple[], object: Tuple): boolean {
    const objectIndex = entry.objectIndex;
    if (objectIndex === undefined) {
      for (let index = 0; index < objects.length; index += 1) {
        if (exactEquals(objects[index]!, object)) return false;
      }
      objects.push(object);
      if (objects.length >= OBJECT_INDEX_THRESHOLD) entry.objectIndex = buildObjectIndex(objects);
    } else {
      const objectHash = hash(object);
      if (findInObjectIndex(objectIndex, objectHash, object) !== undefined) return false;
      addToObjectIndex(objectIndex, objectHash, object);
      objects.push(object);
    }
    this.objects += 1;
    return true;
  }

  /**
   * The entry of `key`, live or tombstone, or `undefined`. For a structured key it leaves the
   * key's hash in `foundHash`, so a deletion right after does not hash the key again.
   */
  private find(key: Term): Entry | undefined {
    const primitive = storeKey(key);
    if (primitive !== undefined) return this.primitives.shardFor(primitive).get(primitive);
    const keyHash = hash(key);
    this.foundHash = keyHash;
    const bucket = this.structured.shardFor(keyHash).get(keyHash);
    if (bucket === undefined) return undefined;
    if (bucket instanceof Entry) return exactEquals(bucket.key, key) ? bucket : undefined;
    for (const entry of bucket) if (exactEquals(entry.key, key)) return entry;
    return undefined;
  }

  /**
   * The entry of the structured `key`, or `undefined` after appending a new entry holding just
   * `object` (the insert is then complete).
   */
  private findOrAppendStructured(key: Term, object: Tuple): Entry | undefined {
    const keyHash = hash(key);
    const shard = this.structured.shardFor(keyHash);
    const bucket = shard.get(keyHash);
    if (bucket === undefined) {
      shard.set(keyHash, this.append(key, object));
      this.structured.added();
      return undefined;
    }
    if (bucket instanceof Entry) {
      if (exactEquals(bucket.key, key)) return bucket;
      shard.set(keyHash, [bucket, this.append(key, object)]);
      return undefined;
    }
    for (const entry of bucket) if (exactEquals(entry.key, key)) return entry;
    bucket.push(this.append(key, object));
    return undefined;
  }

  /** A new live entry for `key` holding `object`, in a new last slot. */
  private append(key: Term, object: Tuple): Entry {
    const entry = new Entry(key, this.isSet ? object : [object], this.slots.length);
    this.slots.push(entry);
    this.objects += 1;
    this.keys += 1;
    return entry;
  }

  /**
   * Deletes all of a live entry's objects: a tombstone while fixed, else a hole. `keyHash` is
   * the key's core hash when the caller has it (used only for a structured key).
   */
  private kill(entry: Entry, keyHash?: number): void {
    this.objects -= this.countIn(entry);
    this.keys -= 1;
    entry.value = undefined;
    entry.objectIndex = undefined;
    if (this.fixes > 0) {
      this.tombstones.push(entry);
      return;
    }
    this.remove(entry, keyHash);
    this.maybeCompact();
  }

  /** Takes an entry out of the index and leaves a hole in its slot; `keyHash` as for kill. */
  private remove(entry: Entry, keyHash?: number): void {
    this.slots.set(entry.slot, undefined);
    entry.slot = REMOVED;
    this.holes += 1;
    const key = entry.key;
    const primitive = storeKey(key);
    if (primitive !== undefined) {
      this.primitives.delete(primitive);
      return;
    }
    const structuredHash = keyHash ?? hash(key);
    const bucket = this.structured.get(structuredHash);
    if (bucket === entry) {
      this.structured.delete(structuredHash);
    } else if (Array.isArray(bucket)) {
      const rest = bucket.filter((candidate) => candidate !== entry);
      this.structured.set(structuredHash, rest.length === 1 ? rest[0]! : rest);
    }
  }

  /** Compacts the slot array in place when holes dominate and no traversal is protected. */
  private maybeCompact(): void {
    if (this.fixes > 0 || this.holes <= COMPACTION_MINIMUM_HOLES) return;
    const slots = this.slots;
    if (this.holes * 2 <= slots.length) return;
    let write = 0;
    for (let read = 0; read < slots.length; read += 1) {
      const entry = slots.get(read);
      if (entry === undefined) continue;
      if (read !== write) {
        entry.slot = write;
        slots.set(write, entry);
      }
      write += 1;
    }
    slots.truncate(write);
    this.holes = 0;
    this.head = 0;
  }
}

function hashPrimitive(key: PrimitiveKey): number {
  return mixHash(primitiveHash(key));
}

function countStructured(index: ShardedMap<number, Bucket>): number {
  let count = 0;
  for (const bucket of index.values()) count += bucket instanceof Entry ? 1 : bucket.length;
  return count;
}

function describeKey(key: unknown): string {
  if (typeof key === 'symbol') return `'${Symbol.keyFor(key) ?? key.description}'`;
  if (typeof key === 'string') return JSON.stringify(key);
  if (typeof key === 'bigint') return `${key}n`;
  if (Array.isArray(key)) return `{${key.map(describeKey).join(',')}}`;
  return String(key);
}
