/**
 * Erlang's exact equality `=:=` on JS terms: whether two JS values are the same term, whatever
 * JS form each is in.
 *
 * Rules (OTP 27; `eq` in `erts/emulator/beam/utils.c`, confirmed with erl):
 * - an integer is never exactly equal to a float (`1 =:= 1.0` is false), but a number and a
 *   bigint with the same value are the same integer (`1` and `1n`).
 * - floats are equal when their doubles are, except that `0.0 =:= -0.0` is false (OTP 27; in
 *   OTP 25 and 26 it is true).
 * - a string and a `Uint8Array` are equal when the string's UTF-8 bytes are those bytes.
 * - `Symbol.for('true')` is the atom `true`, a boolean.
 * - a plain object and a JS `Map` are equal when they hold the same entries, in any order; map
 *   keys and values are compared exactly.
 * - references compare as OTP reads them (see `significantReferenceWords`); funs are equal only
 *   when they are the same JS function.
 *
 * Maps are first matched by identity lookups (`Map.get`, own properties), which settle the
 * common case in linear time; when a key is held in another JS form, both maps' entries are
 * sorted in map-key order and compared pairwise. Below 200 levels of nesting the comparison
 * recurses; deeper parts are compared without recursion, in map-key order.
 */
import {
  compareExact,
  compareIteratively,
  compareStringToBytes,
  sortedMapEntries,
} from './compare.js';
import { isPlainObject } from './kind.js';
import { Bitstring, Float, List, Pid, Port, Reference, type Term, TermError } from './term.js';
import {
  isMapTerm,
  lookupByIdentity,
  type MapTerm,
  MISSING,
  mapEntries,
  mapSize,
  significantReferenceWords,
} from './term-parts.js';

/**
 * Whether `a =:= b` in Erlang (OTP 27): the same term, whatever JS form each is in.
 * @throws TermError when either argument holds a value that is not a term, where that value is
 * reached before the answer is known.
 */
export function exactEquals(a: Term, b: Term): boolean {
  return equalTerms(a, b, 0);
}

/**
 * How many levels of tuples, lists and maps are compared by recursion; deeper parts go to
 * `compareIteratively` in map-key order, where 0 means exactly equal.
 */
const RECURSION_LIMIT = 200;

/** {@link exactEquals}, with `depth` the number of containers around `a` and `b` so far. */
function equalTerms(a: Term, b: Term, depth: number): boolean {
  if (a === b) return true;
  switch (typeof a) {
    case 'number':
      if (typeof b === 'number') return false;
      if (typeof b === 'bigint') return Number.isSafeInteger(a) && Number(b) === a;
      if (b instanceof Float) return b.value === a && !Number.isSafeInteger(a);
      return checkedFalse(b);
    case 'string':
      if (typeof b === 'string') return false;
      if (b instanceof Uint8Array) return compareStringToBytes(a, b) === 0;
      return checkedFalse(b);
    case 'bigint':
      if (typeof b === 'number') return Number.isSafeInteger(b) && Number(a) === b;
      return checkedFalse(b);
    case 'boolean':
      return typeof b === 'symbol' && Symbol.keyFor(b) === (a ? 'true' : 'false');
    case 'symbol':
      if (typeof b === 'boolean') return Symbol.keyFor(a) === (b ? 'true' : 'false');
      return checkedFalse(b);
    case 'function':
      return checkedFalse(b);
    case 'object':
      return objectsEqual(a, b, depth);
    default:
      throw new TermError(`${String(a)} is not a term`);
  }
}

/** `false`, after making sure `value` is at least a term at its top level. */
function checkedFalse(value: unknown): false {
  if (typeof value === 'symbol' && Symbol.keyFor(value) === undefined) {
    throw new TermError('an unregistered symbol is not a term');
  }
  if (value === undefined || value === null) throw new TermError(`${value} is not a term`);
  return false;
}

function objectsEqual(a: object | null, b: Term, depth: number): boolean {
  if (a === null) throw new TermError('null is not a term');
  if (Array.isArray(a)) {
    if (!Array.isArray(b) || a.length !== b.length) return checkedFalse(b);
    if (depth >= RECURSION_LIMIT) return compareIteratively(a, b, true) === 0;
    for (let index = 0; index < a.length; index += 1) {
      if (!equalTerms(a[index]!, b[index]!, depth + 1)) return false;
    }
    return true;
  }
  if (a instanceof Uint8Array) {
    if (typeof b === 'string') return compareStringToBytes(b, a) === 0;
    if (!(b instanceof Uint8Array) || a.length !== b.length) return false;
    for (let index = 0; index < a.length; index += 1) {
      if (a[index] !== b[index]) return false;
    }
    return true;
  }
  if (a instanceof Float) {
    if (typeof b === 'number') return a.value === b && !Number.isSafeInteger(b);
    if (!(b instanceof Float)) return false;
    // OTP 27: 0.0 =:= -0.0 is false; Object.is tells the zeros apart and nothing else here.
    return Object.is(a.value, b.value);
  }
  if (a instanceof List) {
    if (!(b instanceof List) || a.items.length !== b.items.length) return false;
    // An empty list's tail is itself; comparing it again would not end.
    if (a.items.length === 0) return true;
    if (depth >= RECURSION_LIMIT) return compareIteratively(a, b, true) === 0;
    for (let index = 0; index < a.items.length; index += 1) {
      if (!equalTerms(a.items[index]!, b.items[index]!, depth + 1)) return false;
    }
    return equalTerms(a.tail, b.tail, depth + 1);
  }
  if (a instanceof Map || isPlainObject(a)) {
    if (!isMapTerm(b)) return false;
    if (depth >= RECURSION_LIMIT) return compareIteratively(a as MapTerm, b, true) === 0;
    return mapsEqual(a as MapTerm, b, depth);
  }
  if (a instanceof Bitstring) {
    if (!(b instanceof Bitstring) || a.bitLength !== b.bitLength) return false;
    for (let index = 0; index < a.bytes.length; index += 1) {
      if (a.bytes[index] !== b.bytes[index]) return false;
    }
    return true;
  }
  if (a instanceof Pid) {
    return (
      b instanceof Pid &&
      a.id === b.id &&
      a.serial === b.serial &&
      a.creation === b.creation &&
      exactEquals(a.node, b.node)
    );
  }
  if (a instanceof Port) {
    return (
      b instanceof Port && a.id === b.id && a.creation === b.creation && exactEquals(a.node, b.node)
    );
  }
  if (a instanceof Reference) {
    if (!(b instanceof Reference) || a.creation !== b.creation) return false;
    if (!exactEquals(a.node, b.node)) return false;
    const count = significantReferenceWords(a);
    if (count !== significantReferenceWords(b)) return false;
    for (let index = 0; index < count; index += 1) {
      if (a.ids[index] !== b.ids[index]) return false;
    }
    return true;
  }
  throw new TermError(`an instance of ${a.constructor?.name ?? 'an unknown class'} is not a term`);
}

function mapsEqual(a: MapTerm, b: MapTerm, depth: number): boolean {
  const size = mapSize(a);
  if (size !== mapSize(b)) return false;
  let sameForms = true;
  for (const [key, value] of mapEntries(a)) {
    const found = lookupByIdentity(b, key);
    if (found === MISSING) {
      sameForms = false;
      break;
    }
    if (!equalTerms(value, found, depth + 1)) return false;
  }
  if (sameForms) return true;
  // Some key of `a` is held in `b` in another JS form: match the keys in map-key order.
  const entriesA = sortedMapEntries(a);
  const entriesB = sortedMapEntries(b);
  for (let index = 0; index < size; index += 1) {
    const [keyA, valueA] = entriesA[index]!;
    const [keyB, valueB] = entriesB[index]!;
    if (compareExact(keyA, keyB) !== 0 || !equalTerms(valueA, valueB, depth + 1)) return false;
  }
  return true;
}
