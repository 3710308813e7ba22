/**
 * Key normalisation for the hash store: which keys can live in a native `Map` keyed by a JS
 * primitive (the fast path), and a cheap spreading hash of those primitives for sharding.
 *
 * The primitive forms are core's `primitiveKey` (`@tsunami/core`, `primitive-key.ts`): a native
 * `Map` compares keys with SameValueZero, which is exact term equality (`=:=`) on those forms.
 * {@link storeKey} adds two things to it:
 * - a fast path for the two commonest key types, numbers and strings, which are their own form
 *   (core's function returns them unchanged; testing them first skips a call on every operation),
 *   and for tuples, which have none;
 * - `Uint8Array`s that are not valid UTF-8 only because they encode lone surrogates, each as the
 *   3 bytes UTF-8 would give its code point. Core's `exactEquals` reads a JS string holding
 *   lone surrogates as exactly those bytes, so such a byte array is `=:=` to that string; core's
 *   `primitiveKey` gives it no form (its strict decoder rejects it), which would put the string
 *   in the `Map` and the equal byte array in the structured buckets, as two keys. Here it gets
 *   the string.
 * Every other term (tuples, lists, maps, integral floats, bitstrings, pids, ports, references,
 * funs) has no primitive form (`undefined`): it is hashed with core `hash` and compared with
 * core `exactEquals`.
 *
 * Invariant: for two terms `a`, `b` with primitive forms, `storeKey(a) === storeKey(b)`
 * (SameValueZero) exactly when `a =:= b`; and a term without one is never `=:=` to a term with
 * one (the property tests check both against core `exactEquals`).
 */
import { type PrimitiveKey, primitiveKey, type Term } from '@tsunami/core';

export type { PrimitiveKey };

/**
 * The primitive form of `key` (see the module comment), or `undefined` when it has none. O(1),
 * except O(length) for a `Uint8Array` (decoded to a string).
 */
export function storeKey(key: Term): PrimitiveKey | undefined {
  const type = typeof key;
  if (type === 'number' || type === 'string') return key as number | string;
  // Tuples, the commonest structured keys, skip core's tests of the other forms.
  if (Array.isArray(key)) return undefined;
  const primitive = primitiveKey(key);
  if (primitive === undefined && key instanceof Uint8Array) return decodeLoneSurrogates(key);
  return primitive;
}

const HIGH_SURROGATES = 0xd800;
const LOW_SURROGATES = 0xdc00;
const SURROGATES_END = 0xe000;

/**
 * The JS string whose bytes are `bytes`, for bytes that are not valid UTF-8 only because they
 * encode lone surrogates (each as the 3 bytes UTF-8 would give its code point, as core's
 * `exactEquals` reads a string with lone surrogates); `undefined` when no string has
 * these bytes (malformed sequences, or a high surrogate followed by a low one, which a string
 * would encode as one 4-byte code point). O(length); only reached for invalid UTF-8.
 */
function decodeLoneSurrogates(bytes: Uint8Array): string | undefined {
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
    else return undefined;
    if (index + count > bytes.length) return undefined;
    for (let offset = 1; offset < count; offset += 1) {
      const continuation = bytes[index + offset]!;
      if ((continuation & 0xc0) !== 0x80) return undefined;
      codePoint = (codePoint << 6) | (continuation & 0x3f);
    }
    if (count === 3 && codePoint < 0x800) return undefined;
    if (count === 4 && (codePoint < 0x10000 || codePoint > 0x10ffff)) return undefined;
    const isLow = codePoint >= LOW_SURROGATES && codePoint < SURROGATES_END;
    if (isLow && previousWasHighSurrogate) return undefined;
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

/**
 * Whether `value` is an integer from 2^31 to 2^32-1: an unsigned 32-bit integer outside the
 * signed range (its low 32 bits, `value | 0`, read as a negative signed integer).
 */
export function isHighUnsigned(value: number): boolean {
  const low = value | 0;
  return low < 0 && low + 2 ** 32 === value;
}

/**
 * A 32-bit hash of any number: an integer from -2^31 to 2^32-1 by its low 32 bits (as a signed
 * integer, so an integer past 2^31 hashes as one 2^32 below it, which an int32 index relies on),
 * other numbers by the bits of their double.
 */
export function numberHash(value: number): number {
  const low = value | 0;
  if (low === value || isHighUnsigned(value)) return low;
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

/**
 * A 32-bit hash of a whole string (FNV-1a over its UTF-16 code units, then {@link mixHash}), for
 * the open-addressing string index. O(length).
 */
export function stringHash(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index += 1) {
    hash = Math.imul(hash ^ text.charCodeAt(index), 0x01000193);
  }
  return mixHash(hash);
}

/** The hash an open index files a number or string key under. */
export function openHash(key: number | string): number {
  return typeof key === 'number' ? mixHash(numberHash(key)) : stringHash(key);
}

/** Spreads the bits of a 32-bit hash (murmur3's finaliser), so low bits choose shards well. */
export function mixHash(hash: number): number {
  hash ^= hash >>> 16;
  hash = Math.imul(hash, 0x85ebca6b);
  hash ^= hash >>> 13;
  hash = Math.imul(hash, 0xc2b2ae35);
  return hash ^ (hash >>> 16);
}
