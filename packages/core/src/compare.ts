/**
 * Erlang's total term order on JS terms: `compare(a, b)` is what `a < b`, `a == b` and `a > b`
 * say in Erlang, and what `lists:sort/1` and `ordered_set` tables sort by.
 *
 * The order (from `erts_cmp` in `erts/emulator/beam/utils.c`, every rule confirmed with erl):
 * - types: number < atom < reference < fun < port < pid < tuple < map < nil < list < bitstring.
 * - numbers by exact value: `1 == 1.0`, `0.0 == -0.0`, and a bigint against a double is exact
 *   (JS `<` on a bigint and a number compares mathematical values).
 * - atoms by the UTF-8 bytes of their names, which is code point order.
 * - binaries and bitstrings bit by bit over the shorter length, then shorter first; a string is
 *   its UTF-8 bytes. UTF-8 byte order is code point order, which differs from JS's UTF-16 code
 *   unit order only where a surrogate meets a unit in U+E000..U+FFFF; the string path compares
 *   code units and fixes up just that case, so it never encodes.
 * - tuples by size, then element by element; lists element by element, a shorter list's tail
 *   compared with the rest of the longer one (so `[1|2] < [1,2]`: a number sorts before a list).
 * - maps by size, then by their keys sorted in map-key order and compared pairwise in map-key
 *   order, then by their values in that key order. Map-key order is the "exact" order, in which
 *   every integer sorts before every float and `-0.0` before `0.0` (OTP 27); maps nested inside
 *   keys are compared exactly throughout.
 * - pids by serial, then id, then node name, then node creation; ports and references by node
 *   name, creation, then id (references from their most significant word down; see
 *   {@link significantReferenceWords}). A local identifier is one of node `nonode@nohost` with
 *   creation 0, which is what erl calls its own node when not distributed.
 * - funs (JS functions) by an id given to each function when first compared.
 *
 * Hot path: two plain numbers, two strings and two atoms are decided before any other test, and
 * tuples recurse straight into the same fast checks; none of them allocates. Maps sort copies of
 * their entries. Below 200 levels of nesting the comparison recurses; deeper parts are compared
 * with explicit stacks, so any depth that fits in memory is fine.
 */
import { isPlainObject } from './kind.js';
import {
  Bitstring,
  Float,
  List,
  list,
  nil,
  Pid,
  Port,
  Reference,
  type Term,
  TermError,
} from './term.js';
import {
  binaryBytes,
  functionId,
  type MapTerm,
  mapEntries,
  mapSize,
  significantReferenceWords,
} from './term-parts.js';

/**
 * Ranks of the kinds in Erlang's order of types. Integers and floats share the number rank and
 * binaries and bitstrings the bitstring rank, as the order only separates them by value.
 */
const RANK_NUMBER = 1;
const RANK_ATOM = 2;
const RANK_REFERENCE = 3;
const RANK_FUN = 4;
const RANK_PORT = 5;
const RANK_PID = 6;
const RANK_TUPLE = 7;
const RANK_MAP = 8;
const RANK_NIL = 9;
const RANK_LIST = 10;
const RANK_BITSTRING = 11;

/**
 * Compares two terms in Erlang's term order with `==` semantics: -1 when `a` sorts first, 0
 * when `a == b` in Erlang (so `1` and `float(1)` compare 0), 1 when `a` sorts after `b`.
 * A total preorder, usable as the comparator of an ordered table.
 * @throws TermError when either argument holds a value that is not a term.
 */
export function compare(a: Term, b: Term): -1 | 0 | 1 {
  if (typeof a === 'number') {
    // Two plain numbers: their doubles compare exactly, and -0 is the integer 0. NaN, which
    // is neither, goes on to be rejected.
    if (typeof b === 'number') {
      if (a < b) return -1;
      if (a > b) return 1;
      if (a === b) return 0;
    }
  } else if (typeof a === 'string' && typeof b === 'string') {
    return a === b ? 0 : compareStrings(a, b);
  }
  return compareTerms(a, b, false, 0);
}

/** Whether `a == b` in Erlang: `compare(a, b) === 0`. */
export function equals(a: Term, b: Term): boolean {
  return compare(a, b) === 0;
}

/**
 * Compares two terms in Erlang's map-key order ("exact" order, `=:=` semantics): like
 * {@link compare}, except that every integer sorts before every float, `-0.0` before `0.0`,
 * and 0 means `a =:= b`. This is the order of the keys in a sorted map and of `maps:keys/1`
 * on small maps.
 * @throws TermError when either argument holds a value that is not a term.
 */
export function compareExact(a: Term, b: Term): -1 | 0 | 1 {
  return compareTerms(a, b, true, 0);
}

/**
 * How many levels of tuples, lists and maps are compared by recursion before the rest of a
 * term is compared by {@link compareIteratively}: deep enough for every common key, shallow
 * enough to leave the caller's stack alone.
 */
const RECURSION_LIMIT = 200;

/**
 * Compares with `==` semantics (`exact` false) or in map-key order (`exact` true); `depth` is
 * how many containers enclose `a` and `b` in this call chain.
 */
function compareTerms(a: Term, b: Term, exact: boolean, depth: number): -1 | 0 | 1 {
  if (a === b) {
    // The same JS value is the same term; identity also holds for shared subterms.
    return 0;
  }
  switch (typeof a) {
    case 'number':
      if (typeof b === 'number') {
        if (a < b) return exact ? exactNumberOrder(a, b, -1) : -1;
        if (a > b) return exact ? exactNumberOrder(a, b, 1) : 1;
        // Equal numbers (0 and -0 too) were handled above: this is NaN, rejected below.
      }
      break;
    case 'string':
      if (typeof b === 'string') return compareStrings(a, b);
      break;
    case 'symbol':
      if (typeof b === 'symbol') {
        return compareStrings(Symbol.keyFor(a) ?? notAnAtom(a), Symbol.keyFor(b) ?? notAnAtom(b));
      }
      break;
    case 'object':
      if (Array.isArray(a) && Array.isArray(b)) return compareTuples(a, b, exact, depth);
      break;
  }
  const rankA = rankOf(a);
  const rankB = rankOf(b);
  if (rankA !== rankB) return rankA < rankB ? -1 : 1;
  switch (rankA) {
    case RANK_NUMBER:
      return compareNumbers(a as number | bigint | Float, b as number | bigint | Float, exact);
    case RANK_ATOM:
      return compareStrings(atomNameOf(a), atomNameOf(b));
    case RANK_REFERENCE:
      return compareReferences(a as Reference, b as Reference);
    case RANK_FUN:
      return sign(functionId(a as Function) - functionId(b as Function));
    case RANK_PORT:
      return comparePorts(a as Port, b as Port);
    case RANK_PID:
      return comparePids(a as Pid, b as Pid);
    case RANK_TUPLE:
      return compareTuples(a as readonly Term[], b as readonly Term[], exact, depth);
    case RANK_MAP:
      return compareMaps(a as MapTerm, b as MapTerm, exact, depth);
    case RANK_NIL:
      return 0;
    case RANK_LIST:
      return compareLists(a as List, b as List, exact, depth);
    default:
      return compareBitstrings(
        a as string | Uint8Array | Bitstring,
        b as string | Uint8Array | Bitstring,
      );
  }
}

/** The rank of `value` in the order of types. @throws TermError for a non-term. */
function rankOf(value: unknown): number {
  switch (typeof value) {
    case 'number':
      if (Number.isFinite(value)) return RANK_NUMBER;
      break;
    case 'bigint':
      return RANK_NUMBER;
    case 'boolean':
      return RANK_ATOM;
    case 'symbol':
      if (Symbol.keyFor(value) !== undefined) return RANK_ATOM;
      break;
    case 'string':
      return RANK_BITSTRING;
    case 'function':
      return RANK_FUN;
    case 'object':
      if (value === null) break;
      if (Array.isArray(value)) return RANK_TUPLE;
      if (value instanceof List) return value === nil ? RANK_NIL : RANK_LIST;
      if (value instanceof Uint8Array || value instanceof Bitstring) return RANK_BITSTRING;
      if (value instanceof Float) return RANK_NUMBER;
      if (value instanceof Map) return RANK_MAP;
      if (value instanceof Pid) return RANK_PID;
      if (value instanceof Port) return RANK_PORT;
      if (value instanceof Reference) return RANK_REFERENCE;
      if (isPlainObject(value)) return RANK_MAP;
      break;
  }
  throw new TermError(`${describe(value)} is not a term, so it has no place in the term order`);
}

function describe(value: unknown): string {
  if (typeof value === 'object' && value !== null) {
    return `an instance of ${value.constructor?.name ?? 'an unknown class'}`;
  }
  if (typeof value === 'symbol') return 'an unregistered symbol';
  return String(value);
}

function notAnAtom(value: symbol): never {
  throw new TermError(`${describe(value)} is not a term, so it has no place in the term order`);
}

function atomNameOf(value: unknown): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return Symbol.keyFor(value as symbol)!;
}

function sign(difference: number): -1 | 0 | 1 {
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

/**
 * Code point order of two well-formed strings, which is the order of their UTF-8 bytes.
 * At the first differing code unit, a surrogate (U+D800..U+DFFF, part of a code point above
 * U+FFFF) must sort after U+E000..U+FFFF, where UTF-16 puts it before; other units already
 * agree. Both units are surrogates only when they are low surrogates after the same high one,
 * and then their order is already right.
 */
export function compareStrings(a: string, b: string): -1 | 0 | 1 {
  const length = Math.min(a.length, b.length);
  for (let index = 0; index < length; index += 1) {
    const unitA = a.charCodeAt(index);
    const unitB = b.charCodeAt(index);
    if (unitA !== unitB) {
      if (unitA >= 0xd800 && unitB >= 0xd800) {
        return codePointRank(unitA) < codePointRank(unitB) ? -1 : 1;
      }
      return unitA < unitB ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** Maps a code unit at or above U+D800 to a rank in code point order (surrogates last). */
function codePointRank(unit: number): number {
  return unit < 0xe000 ? unit + 0x2000 : unit - 0x800;
}

/** The order of two numbers with a < b by value, in map-key order (integers first). */
function exactNumberOrder(a: number, b: number, byValue: -1 | 1): -1 | 1 {
  const integerA = Number.isSafeInteger(a);
  if (integerA === Number.isSafeInteger(b)) return byValue;
  return integerA ? -1 : 1;
}

/** Compares numbers in any JS form; mixed bigint/number comparison in JS is exact. */
function compareNumbers(a: number | bigint | Float, b: number | bigint | Float, exact: boolean) {
  const valueA = a instanceof Float ? a.value : a;
  const valueB = b instanceof Float ? b.value : b;
  if (exact) {
    const floatA = a instanceof Float || (typeof a === 'number' && !Number.isSafeInteger(a));
    const floatB = b instanceof Float || (typeof b === 'number' && !Number.isSafeInteger(b));
    if (floatA !== floatB) return floatA ? 1 : -1;
    if (floatA && valueA === 0 && valueB === 0) {
      // OTP 27: -0.0 and 0.0 are different keys, -0.0 first.
      const negativeA = Object.is(valueA, -0);
      return negativeA === Object.is(valueB, -0) ? 0 : negativeA ? -1 : 1;
    }
  }
  return valueA < valueB ? -1 : valueA > valueB ? 1 : 0;
}

function compareTuples(
  a: readonly Term[],
  b: readonly Term[],
  exact: boolean,
  depth: number,
): -1 | 0 | 1 {
  if (a.length !== b.length) return a.length < b.length ? -1 : 1;
  if (depth >= RECURSION_LIMIT) return compareIteratively(a, b, exact);
  for (let index = 0; index < a.length; index += 1) {
    const elementA = a[index]!;
    const elementB = b[index]!;
    if (elementA === elementB) continue;
    const order = compareTerms(elementA, elementB, exact, depth + 1);
    if (order !== 0) return order;
  }
  return 0;
}

function compareLists(a: List, b: List, exact: boolean, depth: number): -1 | 0 | 1 {
  if (depth >= RECURSION_LIMIT) return compareIteratively(a, b, exact);
  const itemsA = a.items;
  const itemsB = b.items;
  const length = Math.min(itemsA.length, itemsB.length);
  for (let index = 0; index < length; index += 1) {
    const order = compareTerms(itemsA[index]!, itemsB[index]!, exact, depth + 1);
    if (order !== 0) return order;
  }
  if (itemsA.length === itemsB.length) return compareTerms(a.tail, b.tail, exact, depth + 1);
  // One list ran out of elements: its tail (never a non-empty list) meets the rest of the other
  // list, a non-empty list, so only the rank of that tail decides.
  if (itemsA.length < itemsB.length) return rankOf(a.tail) < RANK_LIST ? -1 : 1;
  return rankOf(b.tail) < RANK_LIST ? 1 : -1;
}

/** Orders `[key, value]` entries by key in map-key order. */
function byExactKey(left: [Term, Term], right: [Term, Term]): number {
  return compareTerms(left[0], right[0], true, 0);
}

/** Map entries sorted in map-key order: the order Erlang compares maps in. */
export function sortedMapEntries(map: MapTerm): Array<[Term, Term]> {
  return mapEntries(map).sort(byExactKey);
}

function compareMaps(a: MapTerm, b: MapTerm, exact: boolean, depth: number): -1 | 0 | 1 {
  const sizeA = mapSize(a);
  const sizeB = mapSize(b);
  if (sizeA !== sizeB) return sizeA < sizeB ? -1 : 1;
  if (sizeA === 0) return 0;
  if (depth >= RECURSION_LIMIT) return compareIteratively(a, b, exact);
  const entriesA = sortedMapEntries(a);
  const entriesB = sortedMapEntries(b);
  for (let index = 0; index < sizeA; index += 1) {
    const order = compareTerms(entriesA[index]![0], entriesB[index]![0], true, depth + 1);
    if (order !== 0) return order;
  }
  for (let index = 0; index < sizeA; index += 1) {
    const order = compareTerms(entriesA[index]![1], entriesB[index]![1], exact, depth + 1);
    if (order !== 0) return order;
  }
  return 0;
}

/** Stands for "the rest of a longer list", a non-empty list, in {@link compareIteratively}. */
const REST_OF_LIST: Term = list(0);

/**
 * The same order as {@link compareTerms}, for terms nested too deeply to recurse over: pairs
 * still to compare wait on explicit stacks, first pair on top, as `erts_cmp` does with its
 * WSTACK. Scalars are handed to `compareTerms`, which does not recurse for them.
 * Exported for tests, which check it against the recursive comparison.
 */
export function compareIteratively(a: Term, b: Term, exact: boolean): -1 | 0 | 1 {
  const lefts: Term[] = [a];
  const rights: Term[] = [b];
  const exactness: boolean[] = [exact];
  while (lefts.length > 0) {
    const left = lefts.pop()!;
    const right = rights.pop()!;
    const pairExact = exactness.pop()!;
    if (left === right) continue;
    const rank = rankOf(left);
    const rightRank = rankOf(right);
    if (rank !== rightRank) return rank < rightRank ? -1 : 1;
    if (rank === RANK_TUPLE) {
      const tupleA = left as readonly Term[];
      const tupleB = right as readonly Term[];
      if (tupleA.length !== tupleB.length) return tupleA.length < tupleB.length ? -1 : 1;
      for (let index = tupleA.length - 1; index >= 0; index -= 1) {
        lefts.push(tupleA[index]!);
        rights.push(tupleB[index]!);
        exactness.push(pairExact);
      }
    } else if (rank === RANK_LIST) {
      const itemsA = (left as List).items;
      const itemsB = (right as List).items;
      // After the common elements: both tails, or one tail against the rest of the other list.
      lefts.push(itemsA.length <= itemsB.length ? (left as List).tail : REST_OF_LIST);
      rights.push(itemsB.length <= itemsA.length ? (right as List).tail : REST_OF_LIST);
      exactness.push(pairExact);
      for (let index = Math.min(itemsA.length, itemsB.length) - 1; index >= 0; index -= 1) {
        lefts.push(itemsA[index]!);
        rights.push(itemsB[index]!);
        exactness.push(pairExact);
      }
    } else if (rank === RANK_MAP) {
      const size = mapSize(left as MapTerm);
      const rightSize = mapSize(right as MapTerm);
      if (size !== rightSize) return size < rightSize ? -1 : 1;
      const entriesA = sortedMapEntries(left as MapTerm);
      const entriesB = sortedMapEntries(right as MapTerm);
      // All keys (exactly) before any value, each in key order: values go on the stack first.
      for (let index = size - 1; index >= 0; index -= 1) {
        lefts.push(entriesA[index]![1]);
        rights.push(entriesB[index]![1]);
        exactness.push(pairExact);
      }
      for (let index = size - 1; index >= 0; index -= 1) {
        lefts.push(entriesA[index]![0]);
        rights.push(entriesB[index]![0]);
        exactness.push(true);
      }
    } else {
      const order = compareTerms(left, right, pairExact, 0);
      if (order !== 0) return order;
    }
  }
  return 0;
}

/** Compares bit by bit over the shorter length, then the shorter sorts first. */
function compareBitstrings(
  a: string | Uint8Array | Bitstring,
  b: string | Uint8Array | Bitstring,
): -1 | 0 | 1 {
  if (typeof a === 'string') {
    if (typeof b === 'string') return compareStrings(a, b);
    if (b instanceof Uint8Array) return compareStringToBytes(a, b);
  } else if (a instanceof Uint8Array) {
    if (b instanceof Uint8Array) return compareBytes(a, b, a.length, b.length);
    if (typeof b === 'string') {
      const order = compareStringToBytes(b, a);
      return order === 0 ? 0 : order < 0 ? 1 : -1;
    }
  }
  const bytesA = a instanceof Bitstring ? a.bytes : binaryBytes(a);
  const bytesB = b instanceof Bitstring ? b.bytes : binaryBytes(b);
  const bitsA = a instanceof Bitstring ? a.bitLength : bytesA.length * 8;
  const bitsB = b instanceof Bitstring ? b.bitLength : bytesB.length * 8;
  const commonBits = Math.min(bitsA, bitsB);
  const wholeBytes = commonBits >>> 3;
  const order = compareBytes(bytesA, bytesB, wholeBytes, wholeBytes);
  if (order !== 0) return order;
  const restBits = commonBits & 7;
  if (restBits !== 0) {
    const shift = 8 - restBits;
    const partA = bytesA[wholeBytes]! >>> shift;
    const partB = bytesB[wholeBytes]! >>> shift;
    if (partA !== partB) return partA < partB ? -1 : 1;
  }
  return bitsA < bitsB ? -1 : bitsA > bitsB ? 1 : 0;
}

/** Compares the first `lengthA` bytes of `a` with the first `lengthB` bytes of `b`. */
function compareBytes(a: Uint8Array, b: Uint8Array, lengthA: number, lengthB: number): -1 | 0 | 1 {
  const length = Math.min(lengthA, lengthB);
  for (let index = 0; index < length; index += 1) {
    const byteA = a[index]!;
    const byteB = b[index]!;
    if (byteA !== byteB) return byteA < byteB ? -1 : 1;
  }
  return lengthA < lengthB ? -1 : lengthA > lengthB ? 1 : 0;
}

/**
 * Compares the UTF-8 bytes of `text` with `bytes` without encoding `text`: each code point's
 * bytes are produced on the fly and compared as they come.
 */
export function compareStringToBytes(text: string, bytes: Uint8Array): -1 | 0 | 1 {
  let byteIndex = 0;
  const byteLength = bytes.length;
  for (let index = 0; index < text.length; index += 1) {
    let codePoint = text.charCodeAt(index);
    if (codePoint < 0x80) {
      if (byteIndex === byteLength) return 1;
      const byte = bytes[byteIndex]!;
      if (codePoint !== byte) return codePoint < byte ? -1 : 1;
      byteIndex += 1;
      continue;
    }
    if (codePoint >= 0xd800 && codePoint < 0xdc00 && index + 1 < text.length) {
      const low = text.charCodeAt(index + 1);
      if (low >= 0xdc00 && low < 0xe000) {
        codePoint = 0x10000 + ((codePoint - 0xd800) << 10) + (low - 0xdc00);
        index += 1;
      }
    }
    let count: number;
    let lead: number;
    if (codePoint < 0x800) {
      count = 2;
      lead = 0xc0 | (codePoint >>> 6);
    } else if (codePoint < 0x10000) {
      count = 3;
      lead = 0xe0 | (codePoint >>> 12);
    } else {
      count = 4;
      lead = 0xf0 | (codePoint >>> 18);
    }
    for (let position = 0; position < count; position += 1) {
      if (byteIndex === byteLength) return 1;
      const expected =
        position === 0 ? lead : 0x80 | ((codePoint >>> (6 * (count - 1 - position))) & 0x3f);
      const byte = bytes[byteIndex]!;
      if (expected !== byte) return expected < byte ? -1 : 1;
      byteIndex += 1;
    }
  }
  return byteIndex < byteLength ? -1 : 0;
}

function compareNodes(nodeA: Term, creationA: number, nodeB: Term, creationB: number) {
  if (nodeA !== nodeB) {
    const order = compareStrings(atomNameOf(nodeA), atomNameOf(nodeB));
    if (order !== 0) return order;
  }
  return creationA < creationB ? -1 : creationA > creationB ? 1 : 0;
}

function comparePids(a: Pid, b: Pid): -1 | 0 | 1 {
  if (a.serial !== b.serial) return a.serial < b.serial ? -1 : 1;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  return compareNodes(a.node, a.creation, b.node, b.creation);
}

function comparePorts(a: Port, b: Port): -1 | 0 | 1 {
  const order = compareNodes(a.node, a.creation, b.node, b.creation);
  if (order !== 0) return order;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

function compareReferences(a: Reference, b: Reference): -1 | 0 | 1 {
  const order = compareNodes(a.node, a.creation, b.node, b.creation);
  if (order !== 0) return order;
  const countA = significantReferenceWords(a);
  const countB = significantReferenceWords(b);
  // Non-zero words above the other's length make the longer reference the greater.
  if (countA !== countB) return countA < countB ? -1 : 1;
  for (let index = countA - 1; index >= 0; index -= 1) {
    const wordA = a.ids[index]!;
    const wordB = b.ids[index]!;
    if (wordA !== wordB) return wordA < wordB ? -1 : 1;
  }
  return 0;
}
