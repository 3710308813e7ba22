/**
 * A 32-bit hash of terms that agrees with exact equality: `exactEquals(a, b)` implies
 * `hash(a) === hash(b)`, across every JS form of a term (`1` and `1n`, a string and a
 * `Uint8Array` of its UTF-8 bytes, a plain object and a `Map` in any insertion order, `1.5`
 * and `new Float(1.5)`, `true` and `Symbol.for('true')`). It backs hash tables (`set`, `bag`).
 *
 * Algorithm: each kind of term feeds its parts to a multiply-xorshift mixer (the MurmurHash3
 * 32-bit step and finaliser, by Austin Appleby, public domain), seeded per kind so that, say,
 * the integer 1, the float 1.0 and the atom '1' differ.
 * - integers: the safe integer's low and high 32-bit words; a bigint in the safe range hashes
 *   as its number, a larger one by its 32-bit words, least significant first, and its sign.
 * - floats: the two words of the IEEE double; `-0.0` hashes as `0.0`, so tables that follow
 *   OTP 25 (where `0.0 =:= -0.0`) can use this hash too.
 * - binaries: a string is hashed by its UTF-16 code units; a `Uint8Array` holding valid UTF-8
 *   is hashed by the code units it decodes to (decoded on the fly, without allocating), so both
 *   forms agree; other byte arrays, which equal no string, are hashed by their bytes.
 * - tuples and lists combine their elements in order; maps add up a mix of each key's and
 *   value's hash, which does not depend on the order of the entries.
 * - pids, ports, references: their fields, node by name; funs: their stable id.
 * Below 200 levels of nesting the hash recurses; deeper parts are hashed with an explicit stack.
 * The values are not OTP's `erlang:phash2/1` values and may change between versions of this
 * package: do not store them.
 */
import { isPlainObject } from './kind.js';
import { Bitstring, Float, List, nil, Pid, Port, Reference, type Term, TermError } from './term.js';
import {
  functionId,
  type MapTerm,
  mapEntries,
  mapSize,
  significantReferenceWords,
} from './term-parts.js';

const SEED_INTEGER = 0x1b873593;
const SEED_BIG_INTEGER = 0x2f3b1e5d;
const SEED_FLOAT = 0x3c6ef372;
const SEED_ATOM = 0x5bd1e995;
const SEED_BINARY = 0x68e31da4;
const SEED_RAW_BYTES = 0x7a4f2c19;
const SEED_BITSTRING = 0x85ebca6b;
const SEED_TUPLE = 0x9e3779b9;
const SEED_NIL = 0xa54ff53a;
const SEED_LIST = 0xb7e15162;
const SEED_MAP = 0xc2b2ae35;
const SEED_PID = 0xd6e8feb8;
const SEED_PORT = 0xe6546b64;
const SEED_REFERENCE = 0xf1bbcdcb;
const SEED_FUN = 0x1f83d9ab;

const TWO_TO_32 = 2 ** 32;

/** One MurmurHash3 round: mixes `word` into `state`. */
function mix(state: number, word: number): number {
  let k = Math.imul(word, 0xcc9e2d51);
  k = (k << 15) | (k >>> 17);
  k = Math.imul(k, 0x1b873593);
  state ^= k;
  state = (state << 13) | (state >>> 19);
  return (Math.imul(state, 5) + 0xe6546b64) | 0;
}

/** The MurmurHash3 finaliser: spreads every input bit over the result. */
function finish(state: number, length: number): number {
  state ^= length;
  state ^= state >>> 16;
  state = Math.imul(state, 0x85ebca6b);
  state ^= state >>> 13;
  state = Math.imul(state, 0xc2b2ae35);
  state ^= state >>> 16;
  return state >>> 0;
}

const floatScratch = new Float64Array(1);
const floatWords = new Uint32Array(floatScratch.buffer);

/**
 * A 32-bit unsigned hash of `term` that agrees with `exactEquals` across JS forms of a term.
 * O(size of the term); no allocation for numbers, strings, atoms and tuples of them.
 * @throws TermError when `term` holds a value that is not a term.
 */
export function hash(term: Term): number {
  return hashTerm(term, 0);
}

/**
 * How many levels of tuples, lists and maps are hashed by recursion before the rest of a term
 * is hashed by {@link hashIteratively}.
 */
const RECURSION_LIMIT = 200;

/** {@link hash}, with `depth` the number of containers around `term` so far. */
function hashTerm(term: Term, depth: number): number {
  switch (typeof term) {
    case 'number':
      return Number.isSafeInteger(term) ? hashSafeInteger(term) : hashDouble(term);
    case 'string':
      return hashString(term, SEED_BINARY);
    case 'symbol':
      return hashString(Symbol.keyFor(term) ?? unregistered(), SEED_ATOM);
    case 'boolean':
      return hashString(term ? 'true' : 'false', SEED_ATOM);
    case 'bigint':
      return hashBigInt(term);
    case 'function':
      return finish(mix(SEED_FUN, functionId(term)), 1);
    case 'object':
      return hashObject(term, depth);
    default:
      throw new TermError(`${String(term)} is not a term`);
  }
}

function unregistered(): never {
  throw new TermError('an unregistered symbol is not a term');
}

function hashSafeInteger(value: number): number {
  // -0 and 0 are the same integer; the division keeps high words exact in the safe range.
  const high = Math.floor(value / TWO_TO_32);
  const low = value - high * TWO_TO_32;
  return finish(mix(mix(SEED_INTEGER, low | 0), high | 0), 8);
}

function hashBigInt(value: bigint): number {
  if (value >= Number.MIN_SAFE_INTEGER && value <= Number.MAX_SAFE_INTEGER) {
    return hashSafeInteger(Number(value));
  }
  const negative = value < 0n;
  let magnitude = negative ? -value : value;
  let state = mix(SEED_BIG_INTEGER, negative ? 1 : 0);
  let words = 0;
  while (magnitude > 0n) {
    state = mix(state, Number(magnitude & 0xffffffffn) | 0);
    magnitude >>= 32n;
    words += 1;
  }
  return finish(state, words);
}

function hashDouble(value: number): number {
  floatScratch[0] = value === 0 ? 0 : value;
  return finish(mix(mix(SEED_FLOAT, floatWords[0]!), floatWords[1]!), 8);
}

function hashString(text: string, seed: number): number {
  let state = seed;
  const length = text.length;
  for (let index = 0; index < length; index += 1) {
    state = mix(state, text.charCodeAt(index));
  }
  return finish(state, length);
}

/**
 * Hashes bytes as the UTF-16 code units of their UTF-8 decoding, as {@link hashString} would
 * hash that string; falls back to hashing the raw bytes when they are not valid UTF-8 (then
 * they equal no string). Rejects overlong forms, surrogates and code points above U+10FFFF,
 * exactly the sequences no well-formed string encodes to.
 */
function hashBytes(bytes: Uint8Array): number {
  let state = SEED_BINARY;
  let units = 0;
  const length = bytes.length;
  let index = 0;
  while (index < length) {
    const lead = bytes[index]!;
    if (lead < 0x80) {
      state = mix(state, lead);
      units += 1;
      index += 1;
      continue;
    }
    let codePoint: number;
    let count: number;
    let minimum: number;
    if (lead >= 0xc2 && lead < 0xe0) {
      codePoint = lead & 0x1f;
      count = 1;
      minimum = 0x80;
    } else if (lead >= 0xe0 && lead < 0xf0) {
      codePoint = lead & 0x0f;
      count = 2;
      minimum = 0x800;
    } else if (lead >= 0xf0 && lead < 0xf5) {
      codePoint = lead & 0x07;
      count = 3;
      minimum = 0x10000;
    } else {
      return hashRawBytes(bytes);
    }
    if (index + count >= length) return hashRawBytes(bytes);
    for (let position = 1; position <= count; position += 1) {
      const continuation = bytes[index + position]!;
      if ((continuation & 0xc0) !== 0x80) return hashRawBytes(bytes);
      codePoint = (codePoint << 6) | (continuation & 0x3f);
    }
    if (
      codePoint < minimum ||
      codePoint > 0x10ffff ||
      (codePoint >= 0xd800 && codePoint < 0xe000)
    ) {
      return hashRawBytes(bytes);
    }
    if (codePoint < 0x10000) {
      state = mix(state, codePoint);
      units += 1;
    } else {
      const offset = codePoint - 0x10000;
      state = mix(mix(state, 0xd800 + (offset >>> 10)), 0xdc00 + (offset & 0x3ff));
      units += 2;
    }
    index += count + 1;
  }
  return finish(state, units);
}

function hashRawBytes(bytes: Uint8Array): number {
  let state = SEED_RAW_BYTES;
  for (let index = 0; index < bytes.length; index += 1) state = mix(state, bytes[index]!);
  return finish(state, bytes.length);
}

function hashObject(term: object | null, depth: number): number {
  if (term === null) throw new TermError('null is not a term');
  if (Array.isArray(term)) {
    if (depth >= RECURSION_LIMIT) return hashIteratively(term);
    let state = SEED_TUPLE;
    for (let index = 0; index < term.length; index += 1) {
      state = mix(state, hashTerm(term[index], depth + 1));
    }
    return finish(state, term.length);
  }
  if (term instanceof Uint8Array) return hashBytes(term);
  if (term instanceof Float) return hashDouble(term.value);
  if (term instanceof List) {
    if (term === nil) return finish(SEED_NIL, 0);
    if (depth >= RECURSION_LIMIT) return hashIteratively(term);
    let state = SEED_LIST;
    const items = term.items;
    for (let index = 0; index < items.length; index += 1) {
      state = mix(state, hashTerm(items[index]!, depth + 1));
    }
    return finish(mix(state, hashTerm(term.tail, depth + 1)), items.length);
  }
  if (term instanceof Map || isPlainObject(term)) {
    if (depth >= RECURSION_LIMIT) return hashIteratively(term as Term);
    return hashMap(term as MapTerm, depth);
  }
  if (term instanceof Bitstring) {
    let state = mix(SEED_BITSTRING, term.bitLength);
    for (let index = 0; index < term.bytes.length; index += 1) {
      state = mix(state, term.bytes[index]!);
    }
    return finish(state, term.bytes.length);
  }
  if (term instanceof Pid) {
    const state = mix(mix(mix(SEED_PID, term.id), term.serial), term.creation);
    return finish(mix(state, hash(term.node)), 4);
  }
  if (term instanceof Port) {
    const high = Math.floor(term.id / TWO_TO_32);
    const state = mix(mix(mix(SEED_PORT, term.id | 0), high), term.creation);
    return finish(mix(state, hash(term.node)), 4);
  }
  if (term instanceof Reference) {
    const count = significantReferenceWords(term);
    let state = mix(mix(SEED_REFERENCE, term.creation), hash(term.node));
    for (let index = 0; index < count; index += 1) state = mix(state, term.ids[index]!);
    return finish(state, count);
  }
  throw new TermError(
    `an instance of ${term.constructor?.name ?? 'an unknown class'} is not a term`,
  );
}

/** One entry's share of a map hash, from its key's and value's hashes. */
function entryHash(keyHash: number, valueHash: number): number {
  return finish(mix(mix(SEED_MAP, keyHash), valueHash), 2);
}

/** Adds up each entry's share: the sum ignores the entry order. */
function hashMap(map: MapTerm, depth: number): number {
  let sum = 0;
  if (map instanceof Map) {
    for (const [key, value] of map as ReadonlyMap<Term, Term>) {
      sum = (sum + entryHash(hashTerm(key, depth + 1), hashTerm(value, depth + 1))) | 0;
    }
  } else {
    for (const [key, value] of mapEntries(map)) {
      sum = (sum + entryHash(hashTerm(key, depth + 1), hashTerm(value, depth + 1))) | 0;
    }
  }
  return finish(mix(SEED_MAP, sum), mapSize(map));
}

/** A tuple, list or map being hashed by {@link hashIteratively}. */
interface HashFrame {
  readonly kind: typeof SEED_TUPLE | typeof SEED_LIST | typeof SEED_MAP;
  /** Elements; for a list the items then the tail; for a map keys and values alternately. */
  readonly parts: readonly Term[];
  /** The count the finaliser takes: tuple size, list length before the tail, map size. */
  readonly count: number;
  next: number;
  /** The running state (tuple, list) or the running sum of entry hashes (map). */
  state: number;
  keyHash: number;
}

function frameFor(term: Term): HashFrame | undefined {
  if (Array.isArray(term)) {
    return {
      kind: SEED_TUPLE,
      parts: term,
      count: term.length,
      next: 0,
      state: SEED_TUPLE,
      keyHash: 0,
    };
  }
  if (term instanceof List) {
    if (term === nil) return undefined;
    const parts = [...term.items, term.tail];
    return {
      kind: SEED_LIST,
      parts,
      count: term.items.length,
      next: 0,
      state: SEED_LIST,
      keyHash: 0,
    };
  }
  if (
    term instanceof Map ||
    (typeof term === 'object' && isPlainObject(term) && !(term instanceof Uint8Array))
  ) {
    const parts = mapEntries(term as MapTerm).flat();
    return { kind: SEED_MAP, parts, count: parts.length / 2, next: 0, state: 0, keyHash: 0 };
  }
  return undefined;
}

function absorb(frame: HashFrame, partHash: number): void {
  if (frame.kind !== SEED_MAP) frame.state = mix(frame.state, partHash);
  else if (frame.next % 2 === 0) frame.keyHash = partHash;
  else frame.state = (frame.state + entryHash(frame.keyHash, partHash)) | 0;
  frame.next += 1;
}

function finishFrame(frame: HashFrame): number {
  if (frame.kind === SEED_MAP) return finish(mix(SEED_MAP, frame.state), frame.count);
  return finish(frame.state, frame.count);
}

/**
 * The same hash as {@link hash}, computed without recursion for terms nested too deeply to
 * recurse over: containers wait on an explicit stack of frames. Exported for tests, which check
 * it against the recursive hash.
 */
export function hashIteratively(term: Term): number {
  const root = frameFor(term);
  if (root === undefined) return hashTerm(term, 0);
  const frames: HashFrame[] = [root];
  for (;;) {
    const frame = frames[frames.length - 1]!;
    if (frame.next < frame.parts.length) {
      const part = frame.parts[frame.next]!;
      const child = frameFor(part);
      if (child === undefined) absorb(frame, hashTerm(part, 0));
      else frames.push(child);
      continue;
    }
    const done = finishFrame(frame);
    frames.pop();
    if (frames.length === 0) return done;
    absorb(frames[frames.length - 1]!, done);
  }
}
