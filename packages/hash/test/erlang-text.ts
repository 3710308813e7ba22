/**
 * Erlang source text for the few kinds of terms the differential tests send: integers, floats,
 * atoms with plain names, binaries written as strings, tuples and proper lists. A stand-in until
 * core's `format` is exported; it throws on anything else rather than guess.
 */
import { Float, List, type Term } from '@tsunami/core';

const PLAIN_ATOM = /^[a-z][a-zA-Z0-9_@]*$/;

export function erlangText(term: Term): string {
  if (typeof term === 'number' || typeof term === 'bigint') {
    if (typeof term === 'number' && !Number.isSafeInteger(term)) return floatText(term);
    return String(term);
  }
  if (term instanceof Float) return floatText(term.value);
  if (typeof term === 'boolean') return String(term);
  if (typeof term === 'symbol') {
    const name = Symbol.keyFor(term);
    if (name === undefined || !PLAIN_ATOM.test(name)) throw new Error('atom needs quoting');
    return name;
  }
  if (typeof term === 'string' && /^[ -~]*$/.test(term) && !/["\\]/.test(term)) {
    return `<<"${term}">>`;
  }
  if (Array.isArray(term)) return `{${term.map(erlangText).join(',')}}`;
  if (term instanceof List && term.isProper) return `[${term.items.map(erlangText).join(',')}]`;
  throw new Error(`erlangText does not handle ${String(term)}`);
}

function floatText(value: number): string {
  if (Object.is(value, -0)) return '-0.0';
  const text = String(value);
  return /[.e]/.test(text) ? text.replace(/e\+?/, 'e') : `${text}.0`;
}
