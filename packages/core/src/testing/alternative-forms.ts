/**
 * The same term in other JS forms, for testing that equality and hashing look through the
 * representation: a safe integer as a bigint and back, a binary as a string or a `Uint8Array`,
 * a non-integral float as a number or a `Float` box, `true`/`false` as `Symbol.for('true')`,
 * a map as a `Map` or a plain object in another insertion order, recursively.
 */
import fc from 'fast-check';
import { isPlainObject } from '../kind.js';
import { Float, improperList, List, nil, type Term } from '../term.js';
import { type TermArbitraryOptions, termArbitrary } from './arbitraries.js';

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * Rewrites `term` into another JS form of the same term. `choose()` is asked at each place
 * where there is a choice (true: switch form); the result `=:=` the input whatever it answers.
 */
export function otherForm(term: Term, choose: () => boolean): Term {
  switch (typeof term) {
    case 'number':
      if (Number.isSafeInteger(term)) return choose() ? BigInt(term) : term;
      return choose() ? new Float(term) : term;
    case 'bigint':
      if (term >= Number.MIN_SAFE_INTEGER && term <= Number.MAX_SAFE_INTEGER && choose()) {
        return Number(term);
      }
      return term;
    case 'boolean':
      return choose() ? Symbol.for(term ? 'true' : 'false') : term;
    case 'symbol': {
      const name = Symbol.keyFor(term);
      if ((name === 'true' || name === 'false') && choose()) return name === 'true';
      return term;
    }
    case 'string':
      return choose() ? encoder.encode(term) : term;
    case 'function':
      return term;
  }
  if (Array.isArray(term)) return term.map((element) => otherForm(element, choose));
  if (term instanceof Uint8Array) {
    if (!choose()) return Uint8Array.from(term);
    try {
      return strictDecoder.decode(term);
    } catch {
      return Uint8Array.from(term);
    }
  }
  if (term instanceof Float) {
    return !Number.isSafeInteger(term.value) && choose() ? term.value : term;
  }
  if (term instanceof List) {
    if (term === nil) return nil;
    const items = term.items.map((item) => otherForm(item, choose));
    return improperList(items, otherForm(term.tail, choose));
  }
  if (term instanceof Map || isPlainObject(term)) {
    const entries =
      term instanceof Map
        ? Array.from(term as ReadonlyMap<Term, Term>)
        : Object.entries(term as Record<string, Term>);
    const rewritten = entries
      .map(([key, value]): [Term, Term] => [otherForm(key, choose), otherForm(value, choose)])
      .reverse();
    const allStringKeys = rewritten.every(([key]) => typeof key === 'string');
    if (allStringKeys && choose()) return Object.fromEntries(rewritten);
    return new Map(rewritten);
  }
  return term;
}

/**
 * Pairs of the same term in two JS forms (equal under `=:=`), e.g. `[1, 1n]`,
 * `['é', Uint8Array [195, 169]]`, `[{a: 1}, Map {'a' => 1}]`, nested anywhere.
 */
export function equalTermPairArbitrary(
  options: TermArbitraryOptions = {},
): fc.Arbitrary<[Term, Term]> {
  return fc
    .tuple(termArbitrary(options), fc.infiniteStream(fc.boolean()))
    .map(([term, choices]) => {
      const iterator = choices[Symbol.iterator]();
      return [term, otherForm(term, () => iterator.next().value as boolean)];
    });
}
