/**
 * The per-key index that makes a big bag's duplicate check O(1).
 *
 * A `bag` must not hold two exactly equal objects under one key, and OTP checks that by walking
 * the key's objects on every insert: O(m) per insert, O(m²) to fill a key with m objects. Once a
 * key holds {@link OBJECT_INDEX_THRESHOLD} objects, the store keeps for it a `Map` from core
 * `hash(object)` to the objects with that hash (one, or a {@link Collisions} list when hashes
 * collide), told apart by `exactEquals`; inserts and `delete_object` then check in O(1)
 * expected. The key's objects array keeps the insertion order (OTP 25.3+ returns a bag key's
 * objects in insertion order); the index only answers "is an equal object here, and which".
 *
 * Invariants (checked by the store's `validate`): an index holds exactly its key's objects (the
 * same references), each under its own hash, no two exactly equal.
 */
import { exactEquals, hash, type Tuple } from '@tsunami/core';

/** Objects of one key whose hashes collide (a class, since an object is itself an array). */
class Collisions {
  constructor(readonly objects: Tuple[]) {}
}

/** A key's objects in a bag index bucket: one, or several whose hashes collide. */
type ObjectBucket = Tuple | Collisions;

/** A bag key's objects by core `hash`; see the module comment. */
export type ObjectIndex = Map<number, ObjectBucket>;

/** A bag key gets an {@link ObjectIndex} once it holds this many objects. */
export const OBJECT_INDEX_THRESHOLD = 16;

/** Builds the object index of `objects` (no two exactly equal). O(m). */
export function buildObjectIndex(objects: readonly Tuple[]): ObjectIndex {
  const index: ObjectIndex = new Map();
  for (const object of objects) addToObjectIndex(index, hash(object), object);
  return index;
}

/** The stored object exactly equal to `object` (whose hash is `objectHash`), if any. O(1). */
export function findInObjectIndex(
  index: ObjectIndex,
  objectHash: number,
  object: Tuple,
): Tuple | undefined {
  const bucket = index.get(objectHash);
  if (bucket === undefined) return undefined;
  if (!(bucket instanceof Collisions)) return exactEquals(bucket, object) ? bucket : undefined;
  for (const candidate of bucket.objects) if (exactEquals(candidate, object)) return candidate;
  return undefined;
}

/** Adds `object` (not yet in the index) under `objectHash`. O(1) expected. */
export function addToObjectIndex(index: ObjectIndex, objectHash: number, object: Tuple): void {
  const bucket = index.get(objectHash);
  if (bucket === undefined) index.set(objectHash, object);
  else if (bucket instanceof Collisions) bucket.objects.push(object);
  else index.set(objectHash, new Collisions([bucket, object]));
}

/** Removes the stored object `stored` (by reference) from under `objectHash`. O(1) expected. */
export function removeFromObjectIndex(index: ObjectIndex, objectHash: number, stored: Tuple): void {
  const bucket = index.get(objectHash);
  if (bucket === stored) {
    index.delete(objectHash);
  } else if (bucket instanceof Collisions) {
    const rest = bucket.objects.filter((candidate) => candidate !== stored);
    index.set(objectHash, rest.length === 1 ? rest[0]! : new Collisions(rest));
  }
}

/** Every object in the index, bucket by bucket, with the hash it is filed under. */
export function* objectIndexContents(index: ObjectIndex): Generator<[number, Tuple]> {
  for (const [objectHash, bucket] of index) {
    if (bucket instanceof Collisions)
      for (const object of bucket.objects) yield [objectHash, object];
    else yield [objectHash, bucket];
  }
}
