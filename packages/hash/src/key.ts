/**
 * Key normalisation for the hash store: which keys can live in a native `Map` keyed by a JS
 * primitive (the fast path), and a cheap spreading hash of those primitives for sharding.
 *
 * A JS `Map` compares keys with SameValueZero, which is exact term equality (`=:=`) for exactly
 * these primitive forms, once every term with several JS forms is brought to one of them:
 * - integers: a safe-integer `number` (a bigint in the safe range becomes its number; `-0` is the
 *   integer `0`, and SameValueZero already merges it with `0`), else the `bigint` (SameValueZero
 *   compares bigints by value);
 * - floats that are not integral: the plain `number` (a non-integral {@link Float} box is unboxed).
 *   An integral float (`1.0`, `-0.0`, `2.0e20` written as a box) cannot be a plain number without
 *   meeting the integer of the same value, so it takes the structured path;
 * - binaries: a string. A `Uint8Array` becomes the string with the same bytes when there is one:
 *   valid UTF-8 is decoded (the BOM kept), and bytes that encode lone surrogates as 3-byte
 *   sequences give the string with those lone surrogates (core `exactEquals` reads such a string
 *   as those bytes). Bytes no string has take the structured path;
 * - atoms: the registered symbol or boolean itself (`Symbol.for('true')` becomes `true`).
 * Every other term (tuples, lists, maps, integral floats, bitstrings, pids, ports,
 * references, funs) is {@link STRUCTURED}: it is hashed with core `hash` and compared with core
 * `exactEquals`.
 *
 * Invariant: for two terms `a`, `b` with primitive forms, `primitiveKey(a) === primitiveKey(b)`
 * (SameValueZero) exactly when `a =:= b`; and a structured term is never `=:=` to a term with a
 * primitive form (the property tests check both against core `exactEquals`).
 */
import { Float, type Term } from '@tsunami/core';

/** A key form a native `Map` compares exactly as `=:=` does. */
export type PrimitiveKey = number | bigint | string | symbol | boolean;

/** Marks a key that has no primitive form. A private symbol, so never an atom. */
export const STRUCTURED: unique symbol = Symbol('tsunami.hash.structured');

const TRUE_SYMBOL = Symbol.for('true');
const FALSE_SYMBOL = Symbol.for('false');
const utf8Decoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);

/**
 * The primitive form of `key`, or {@link STRUCTURED} when it has none. O(1), except O(length)
 * for a `Uint8Array` (decoded to a string).
 */
export function primitiveKey(key: Term): PrimitiveKey | typeof STRUCTURED {
  switch (typeof key) {
    case 'number':
    case 'boolean':
      return key;
    case 'symbol':
      // Symbol.for('true') is the atom true, which is normally the boolean.
      return key === TRUE_SYMBOL ? true : key === FALSE_SYMBOL ? false : key;
    case 'string':
      return key;
    case 'bigint':
      return key >= MIN_SAFE && key <= MAX_SAFE ? Number(key) : key;
    case 'object':
      if (key instanceof Uint8Array) return decodeUtf8(key);
      if (key instanceof Float) return Number.isSafeInteger(key.value) ? STRUCTURED : key.value;
      return STRUCTURED;
    default:
      return STRUCTURED;
  }
}

function decodeUtf8(bytes: Uint8Array): string | typeof STRUCTURED {
  try {
    return utf8Decoder.decode(bytes);
  } catch {
    return decodeLoneSurrogates(bytes);
  }
}

const HIGH_SURROGATES = 0xd800;
const LOW_SURROGATES = 0xdc00;
const SURROGATES_END = 0xe000;

/**
 * The JS string whose bytes are `bytes`, for bytes that are not valid UTF-8 only because they
 * encode lone surrogates (each as the 3 bytes UTF-8 would give its code point, as core's
 * `exactEquals` reads a string with lone surrogates); {@link STRUCTURED} when no string has
 * these bytes (malformed sequences, or a high surrogate followed by a low one, which a string
 * would encode as one 4-byte code point). O(length); only reached for invalid UTF-8.
 */
function decodeLoneSurrogates(bytes: Uint8Array): string | typeof STRUCTURED {
  let text = '';
  let previousWasHighSurrogate = false;
  let index = 0;
  while (index < bytes.length) {
    const lead = bytes[index]!;
    let count: number;
    let codePoint: number;
    if (lead < 0x80) [count, codePoint] = [1, lead];
    else if (lead >= 0xc2 && lead < 0xe0) [count, codePoint] = [2, lead & 0x1f];
    else if (lead >= 0xe0 && lead < 0xf0) [count, codePoint] = [3, lead & 0x0f];
    else if (lead >= 0xf0 && lead < 0xf5) [count, codePoint] = [4, lead & 0x07];
    else return STRUCTURED;
    if (index + count > bytes.length) return STRUCTURED;
    for (let offset = 1; offset < count; offset += 1) {
      const continuation = bytes[index + offset]!;
      if ((continuation & 0xc0) !== 0x80) return STRUCTURED;
      codePoint = (codePoint << 6) | (continuation & 0x3f);
    }
    if (count === 3 && codePoint < 0x800) return STRUCTURED;
    if (count === 4 && (codePoint < 0x10000 || codePoint > 0x10ffff)) return STRUCTURED;
    const isLow = codePoint >= LOW_SURROGATES && codePoint < SURROGATES_END;
    if (isLow && previousWasHighSurrogate) return STRUCTURED;
    previousWasHighSurrogate = codePoint >= HIGH_SURROGATES && codePoint < LOW_SURROGATES;
    text += String.fromCodePoint(codePoint);
    index += count;
  }
  return text;
}

const float64 = new Float64Array(1);
const float64Words = new Uint32Array(float64.buffer);

/** How many characters of a string {@link primitiveHash} samples from each end and the middle. */
const SAMPLED_CHARACTERS = 4;

/**
 * A 32-bit hash of a primitive key, used only to choose a shard (see `ShardedMap`), never for
 * equality. O(1): strings are sampled (their length, their last characters and a few spread
 * through them) rather than read whole, because V8 already hashes them inside each `Map`; keys
 * that differ only outside the samples share a shard, which costs balance, not correctness.
 */
export function primitiveHash(key: PrimitiveKey): number {
  switch (typeof key) {
    case 'number':
      return numberHash(key);
    case 'string':
      return stringSampleHash(key);
    case 'boolean':
      return key ? 1 : 0;
    case 'bigint':
      return Number(BigInt.asIntN(32, key));
    default:
      return stringSampleHash(key.description ?? '');
  }
}

/** A 32-bit hash of any number (integers by value, other doubles by their bits). */
export function numberHash(value: number): number {
  if ((value | 0) === value) return value;
  float64[0] = value;
  return (float64Words[0]! ^ Math.imul(float64Words[1]!, 0x85ebca6b)) | 0;
}

function stringSampleHash(text: string): number {
  const length = text.length;
  let result = length;
  const tail = Math.min(length, SAMPLED_CHARACTERS);
  for (let index = 1; index <= tail; index += 1) {
    result = Math.imul(result ^ text.charCodeAt(length - index), 0x01000193);
  }
  if (length > 2 * SAMPLED_CHARACTERS) {
    const stride = Math.floor(length / (SAMPLED_CHARACTERS + 1));
    for (let index = stride; index < length - SAMPLED_CHARACTERS; index += stride) {
      result = Math.imul(result ^ text.charCodeAt(index), 0x01000193);
    }
  }
  return result;
}

/** Spreads the bits of a 32-bit hash (murmur3's finaliser), so low bits choose shards well. */
export function mixHash(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}
