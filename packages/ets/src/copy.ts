/**
 * Keeping stored objects out of the caller's reach. OTP copies every term into and out of a
 * table; a JS tuple is a mutable array, so sharing the caller's array would let
 * `object[1] = x` change the table behind its back.
 *
 * Policy (chosen by measurement, see the README's "Copying" section): on insert, a term is
 * copied once, deeply, and every array and plain object in the copy is frozen; reads hand out
 * the frozen copy itself, with no further copying. Two JS forms of terms cannot be frozen, a
 * `Map` (an Erlang map) and a `Uint8Array` (a binary): an object that contains one is marked
 * and is deep-copied again on every read. Scalars, `List`s, pids, ports, references, floats
 * and bitstrings are immutable already and are shared.
 *
 * Invariant: every object a table holds is frozen down to its unfreezable leaves, and is
 * either unmarked (wholly immutable) or in `unfreezable`.
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

/** The object as a table stores it: a deep, frozen copy (see the module comment). */
export function storedCopy(object: Tuple): Tuple {
  sawMutableLeaf = false;
  const copy = copyTerm(object as Term[], true) as Tuple;
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
 * `updated`, a shallow copy of the stored object `original` with some elements replaced, made
 * into a stored object in place: the elements at `replaced` (caller terms) are copied deeply and
 * frozen, the others are `original`'s, frozen already, and `updated` itself is frozen. One
 * shallow copy in all, where {@link storedCopy} would copy every element again. The result is
 * marked as holding mutable leaves when `original` was (conservatively: a replaced element may
 * have been the only one) or a new element does.
 */
export function storedUpdate(original: Tuple, updated: Term[], replaced: readonly number[]): Tuple {
  sawMutableLeaf = anyUnfreezable && unfreezable.has(original);
  for (let position = 0; position < replaced.length; position += 1) {
    const index = replaced[position]!;
    updated[index] = copyTerm(updated[index] as Term, true);
  }
  const stored = Object.freeze(updated) as Tuple;
  if (sawMutableLeaf) markUnfreezable(stored);
  return stored;
}

/** A stored object as a caller may receive it: itself, or a fresh copy if it has mutable parts. */
export function readCopy(object: Tuple): Tuple {
  if (!anyUnfreezable || !unfreezable.has(object)) return object;
  return copyTerm(object as Term[], false) as Tuple;
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
