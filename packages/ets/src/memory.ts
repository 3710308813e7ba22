/**
 * The `memory` that `ets:info/2` reports, in words of a 64-bit BEAM. A JS table's real heap use
 * depends on V8, so the figure is an estimate built to track OTP's: the empty table's overhead
 * OTP 27 reports (305 words for a hash table, 139 for an ordered_set), plus per object the
 * object's flat size as `erts_debug:flat_size/1` counts it and the per-object overhead of OTP's
 * structures (4 words in a hash bucket, 5 in a tree node).
 */
import { Bitstring, isPlainObject, List, type Term, type Tuple } from '@tsunami/core';

/** The words of an empty table, by structure, as OTP 27 reports them. */
export const EMPTY_TABLE_WORDS = { hash: 305, tree: 139 } as const;
/** The words OTP's structures add to each object, by structure. */
export const OBJECT_OVERHEAD_WORDS = { hash: 4, tree: 5 } as const;

const HEAP_BINARY_LIMIT = 64;
const REFC_BINARY_WORDS = 6;
const WORD_BYTES = 8;

function binaryWords(byteLength: number): number {
  return byteLength <= HEAP_BINARY_LIMIT
    ? 2 + Math.ceil(byteLength / WORD_BYTES)
    : REFC_BINARY_WORDS;
}

/** The flat size of `term` in words, as `erts_debug:flat_size/1` would count it (estimate). */
export function flatWords(term: Term): number {
  switch (typeof term) {
    case 'number':
      return Number.isSafeInteger(term) && Math.abs(term) < 2 ** 59 ? 0 : 2;
    case 'bigint': {
      const magnitude = term < 0n ? -term : term;
      return magnitude < 2n ** 59n ? 0 : 1 + Math.ceil(magnitude.toString(16).length / 16);
    }
    case 'string':
      return binaryWords(Buffer.byteLength(term, 'utf8'));
    case 'symbol':
    case 'boolean':
      return 0;
    default:
      break;
  }
  if (Array.isArray(term)) {
    let words = (term as Tuple).length === 0 ? 0 : 1 + (term as Tuple).length;
    for (const element of term as Tuple) words += flatWords(element);
    return words;
  }
  if (term instanceof List) {
    if (term === List.EMPTY) return 0;
    let words = 2 * term.items.length;
    for (const item of term.items) words += flatWords(item);
    return words + flatWords(term.tail);
  }
  if (term instanceof Uint8Array) return binaryWords(term.length);
  if (term instanceof Bitstring) return binaryWords(Math.ceil(term.bitLength / 8)) + 1;
  if (term instanceof Map) {
    let words = 3 + term.size;
    for (const [key, value] of term) words += flatWords(key) + flatWords(value);
    return words;
  }
  if (isPlainObject(term)) {
    const values = Object.entries(term);
    let words = 3 + values.length;
    for (const [key, value] of values) words += flatWords(key) + flatWords(value);
    return words;
  }
  // Pids, ports, references, floats boxes, funs: a small boxed term.
  return 3;
}
