/**
 * Keeping stored objects out of the caller's reach. OTP copies every term into and out of a
 * table; a JS tuple is a mutable array, so sharing an array with the caller would let
 * `object[1] = x` change the table behind its back.
 *
 * Policy (chosen by measurement, see the README's "Copying" section): on insert, an object is
 * copied once, deeply, and every array and plain object inside the copy is frozen, so it can be
 * shared with callers; the copy's own tuple stays unfrozen and private to the table: it is never
 * handed out, and `update_counter` and `update_element` change it in place, as OTP changes a
 * stored object (no new tuple, no freezing, nothing for the store to replace). Reads hand out a
 * shallow copy of that tuple, whose elements are shared. Two JS forms of terms cannot be frozen,
 * a `Map` (an Erlang map) and a `Uint8Array` (a binary): an object that contains one is marked
 * and is deep-copied on every read. Scalars, `List`s, pids, ports, references, floats and
 * bitstrings are immutable already and are shared.
 *
 * Invariant: every object a table holds is an unfrozen array no caller holds, everything inside
 * it is frozen down to its unfreezable leaves, and it is either unmarked (nothing mutable
 * inside) or in `unfreezable`.
 */
import { improperList, isPlainObject, List, type Term, type Tuple } from '@tsunami/core';

/** Stored objects holding a `Map` or `Uint8Array`, which reads must copy. */
const unfreezable = new WeakSet<Tuple>();

/**
 * Whether any object was ever put in `unfreezable`. Until then a read skips the WeakSet
 * lookup, which costs more than the rest of a small read; it never goes back to false.
 */
let anyUnfreezable = false;

function markUnfreezable(object: Tuple): void {
  anyUnfreezable = true;
  unfreezable.add(object);
}

/** Set while copying an object that turns out to hold a `Map` or `Uint8Array`. */
let sawMutableLeaf = false;

/** A deep copy of `term`, frozen when `freeze`. Scalars and immutable boxes are shared. */
function copyTerm(term: Term, freeze: boolean): Term {
  if (typeof term !== 'object' || term === null) return term;
  if (Array.isArray(term)) {
    const copy = copyArray(term, freeze);
    return freeze ? Object.freeze(copy) : copy;
  }
  if (term instanceof List) {
    // A List is frozen already; it needs copying only when it holds something mutable.
    if (!holdsMutable(term)) return term;
    const items = term.items.map((item) => copyTerm(item, freeze));
    return improperList(items, copyTerm(term.tail, freeze));
  }
  if (term instanceof Map) {
    sawMutableLeaf = true;
    const copy = new Map<Term, Term>();
    for (const [key, value] of term) copy.set(copyTerm(key, freeze), copyTerm(value, freeze));
    return copy;
  }
  if (term instanceof Uint8Array) {
    sawMutableLeaf = true;
    return term.slice();
  }
  if (isPlainObject(term)) {
    const copy: Record<string, Term> = {};
    for (const [key, value] of Object.entries(term)) copy[key] = copyTerm(value, freeze);
    return freeze ? Object.freeze(copy) : copy;
  }
  return term;
}

/** Element `index` of `array` as a copy holds it: an object copied (see {@link copyTerm}). */
function copiedElement(array: readonly Term[], index: number, freeze: boolean): Term {
  const element = array[index] as Term;
  return typeof element === 'object' && element !== null ? copyTerm(element, freeze) : element;
}

/**
 * A new array of `array`'s elements, each copied (see {@link copyTerm}), not frozen yet. For a
 * stored copy (`freeze`), the usual tuple sizes are built as array literals: V8 allocates a
 * literal faster than `new Array(n)` filled by a loop, gives it packed elements, which
 * `Object.freeze` handles on its fast path, and allocates a literal site's arrays straight in
 * the old generation once they all outlive their first garbage collections, as stored objects
 * do. Measured in Node 20: copying and freezing 10^6 3-tuples, about 90-120 ns each this way
 * against 230-400 ns by the loop; `insert` and `update_counter` of 10^6 2-tuples in a `set`,
 * about 10% faster each (three alternating runs against the loop, outside the benchmark).
 */
function copyArray(array: readonly Term[], freeze: boolean): Term[] {
  // Only the copies a table stores take the literal sites, so that V8's choice to allocate a
  // site's arrays in the old generation never falls on short-lived copies.
  if (!freeze) return copyByLoop(array, false);
  switch (array.length) {
    case 2:
      return [copiedElement(array, 0, true), copiedElement(array, 1, true)];
    case 3:
      return [
        copiedElement(array, 0, true),
        copiedElement(array, 1, true),
        copiedElement(array, 2, true),
      ];
    case 4:
      return [
        copiedElement(array, 0, true),
        copiedElement(array, 1, true),
        copiedElement(array, 2, true),
        copiedElement(array, 3, true),
      ];
    default:
      return copyByLoop(array, true);
  }
}

function copyByLoop(array: readonly Term[], freeze: boolean): Term[] {
  const length = array.length;
  const copy = new Array<Term>(length);
  for (let index = 0; index < length; index += 1) copy[index] = copiedElement(array, index, freeze);
  return copy;
}

function holdsMutable(list: List): boolean {
  // The empty list is its own tail.
  if (list === List.EMPTY) return false;
  for (const item of list.items) if (mutable(item)) return true;
  return mutable(list.tail);
}

function mutable(term: Term): boolean {
  if (typeof term !== 'object' || term === null) return false;
  if (Array.isArray(term)) return !Object.isFrozen(term) || term.some(mutable);
  if (term instanceof List) return holdsMutable(term);
  if (term instanceof Map || term instanceof Uint8Array) return true;
  if (isPlainObject(term)) return !Object.isFrozen(term) || Object.values(term).some(mutable);
  return false;
}

/**
 * The object as a table stores it (see the module comment): a deep copy whose inner arrays and
 * plain objects are frozen, its own tuple left unfrozen for in-place updates.
 */
export function storedCopy(object: Tuple): Tuple {
  sawMutableLeaf = false;
  const copy = copyArray(object, true) as Tuple;
  if (sawMutableLeaf) markUnfreezable(copy);
  return copy;
}

/**
 * A shallow, unfrozen copy of a tuple: literals for the usual sizes, as in {@link copyArray},
 * else a loop (not `slice`: V8's `slice` of a frozen array takes a slow path, measured at about
 * ten times the loop's cost for a 2-tuple).
 */
export function shallowCopy(object: Tuple): Term[] {
  switch (object.length) {
    case 2:
      return [object[0] as Term, object[1] as Term];
    case 3:
      return [object[0] as Term, object[1] as Term, object[2] as Term];
    case 4:
      return [object[0] as Term, object[1] as Term, object[2] as Term, object[3] as Term];
    default: {
      const length = object.length;
      const copy = new Array<Term>(length);
      for (let index = 0; index < length; index += 1) copy[index] = object[index] as Term;
      return copy;
    }
  }
}

/**
 * Stores `updated` in the stored object `stored`, in place: `updated` is a shallow copy of it in
 * which the elements at `replaced` are caller terms (copied here deeply, frozen) and any others
 * may be new integers (counters). The caller checks every change before calling, so an update
 * is applied whole or not at all. The object stays marked when it was (conservatively: a
 * replaced element may have been its only mutable part) and is marked when a new element holds
 * a `Map` or `Uint8Array`.
 */
export function storeUpdate(stored: Tuple, updated: Term[], replaced: readonly number[]): void {
  sawMutableLeaf = false;
  for (let position = 0; position < replaced.length; position += 1) {
    const index = replaced[position]!;
    updated[index] = copyTerm(updated[index] as Term, true);
  }
  const target = stored as Term[];
  for (let index = 0; index < updated.length; index += 1) target[index] = updated[index] as Term;
  if (sawMutableLeaf) markUnfreezable(stored);
}

/**
 * A stored object as a caller may receive it: a shallow copy (its elements are frozen or
 * immutable), or a deep one when it holds a `Map` or `Uint8Array`.
 */
export function readCopy(object: Tuple): Tuple {
  if (!anyUnfreezable || !unfreezable.has(object)) return shallowCopy(object);
  return copyTerm(object as Term[], false) as Tuple;
}

/**
 * Whether `object` has the stored form of the module comment's invariant: an unfrozen tuple
 * whose arrays and plain objects inside are frozen, to their unfreezable leaves. O(size).
 */
export function hasStoredForm(object: Tuple): boolean {
  return !Object.isFrozen(object) && object.every(frozenThroughout);
}

function frozenThroughout(term: Term): boolean {
  if (typeof term !== 'object' || term === null) return true;
  if (Array.isArray(term)) return Object.isFrozen(term) && term.every(frozenThroughout);
  if (term instanceof List) {
    // The empty list is its own tail.
    if (term === List.EMPTY) return true;
    return term.items.every(frozenThroughout) && frozenThroughout(term.tail);
  }
  if (term instanceof Map) {
    for (const [key, value] of term)
      if (!frozenThroughout(key) || !frozenThroughout(value)) return false;
    return true;
  }
  if (isPlainObject(term))
    return Object.isFrozen(term) && Object.values(term).every(frozenThroughout);
  return true;
}

/** A deep, unfrozen copy of `term`: the copy-in, copy-out policy OTP itself follows. */
export function deepCopy(term: Term): Term {
  return copyTerm(term, false);
}

/**
 * A stored key as a caller may receive it (`first`, `next`, ...): itself, unless it holds a
 * `Map` or `Uint8Array`, which is copied. Scalars, and every key while no stored object has
 * mutable leaves, return at once.
 */
export function readKeyCopy(key: Term): Term {
  if (!anyUnfreezable || typeof key !== 'object' || key === null) return key;
  return mutable(key) ? copyTerm(key, false) : key;
}

/** A stored element (`lookup_element`, `update_counter` results) as a caller may receive it. */
export function readTermCopy(object: Tuple, term: Term): Term {
  if (!anyUnfreezable || !unfreezable.has(object)) return term;
  return copyTerm(term, false);
}
