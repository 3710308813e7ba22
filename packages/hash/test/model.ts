/**
 * The trivially correct model the hash store is tested against: every object in one array,
 * found by linear search with core `exactEquals`. New objects are appended, so the objects of one
 * key come out in insertion order, which is OTP 25.3+'s `ets:lookup` order for bags.
 */
import { exactEquals, type Term, type Tuple } from '@tsunami/core';
import type { HashTableType } from '../src/index.js';

export class ModelStore {
  objects: Tuple[] = [];

  constructor(
    readonly type: HashTableType,
    readonly keyPosition = 1,
  ) {}

  keyOf(object: Tuple): Term {
    return object[this.keyPosition - 1]!;
  }

  lookup(key: Term): Tuple[] {
    return this.objects.filter((object) => exactEquals(this.keyOf(object), key));
  }

  insert(object: Tuple): boolean {
    const key = this.keyOf(object);
    if (this.type === 'set') {
      const index = this.objects.findIndex((candidate) => exactEquals(this.keyOf(candidate), key));
      if (index >= 0) this.objects[index] = object;
      else this.objects.push(object);
      return true;
    }
    if (this.type === 'bag' && this.objects.some((candidate) => exactEquals(candidate, object))) {
      return false;
    }
    this.objects.push(object);
    return true;
  }

  deleteKey(key: Term): number {
    const before = this.objects.length;
    this.objects = this.objects.filter((object) => !exactEquals(this.keyOf(object), key));
    return before - this.objects.length;
  }

  deleteObject(object: Tuple): number {
    const before = this.objects.length;
    this.objects = this.objects.filter((candidate) => !exactEquals(candidate, object));
    return before - this.objects.length;
  }

  take(key: Term): Tuple[] {
    const taken = this.lookup(key);
    this.deleteKey(key);
    return taken;
  }

  /** The distinct keys, first occurrence of each. */
  keys(): Term[] {
    const keys: Term[] = [];
    for (const object of this.objects) {
      const key = this.keyOf(object);
      if (!keys.some((known) => exactEquals(known, key))) keys.push(key);
    }
    return keys;
  }
}

/** Whether two arrays of objects are element-wise exactly equal. */
export function sameObjects(actual: readonly Tuple[], expected: readonly Tuple[]): boolean {
  return (
    actual.length === expected.length &&
    actual.every((object, index) => exactEquals(object, expected[index]!))
  );
}

/** Whether two arrays hold the same objects as multisets (by exact equality). */
export function sameMultiset(actual: readonly Tuple[], expected: readonly Tuple[]): boolean {
  if (actual.length !== expected.length) return false;
  const remaining = [...expected];
  for (const object of actual) {
    const index = remaining.findIndex((candidate) => exactEquals(candidate, object));
    if (index < 0) return false;
    remaining.splice(index, 1);
  }
  return true;
}
