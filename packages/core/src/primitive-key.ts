/**
 * A normal form for hash tables: the JS primitive that stands for a scalar term under exact
 * equality, so that a table can keep such keys in a native `Map` (SameValueZero lookups) and
 * keep only the rest in hash buckets compared with `exactEquals`.
 *
 * The forms (two terms get SameValueZero-equal primitives exactly when they are `=:=`):
 * - an integer: a `number` in the safe range (a bigint there becomes its number), else a
 *   `bigint`. `-0` is the integer 0, and SameValueZero agrees.
 * - a float whose value is not a safe integer (`1.5`, `2 ** 53`, `1e300`): that `number`, in
 *   either JS form. Such a number never stands for an integer, so the two cannot mix up.
 * - a float with an integral value in the safe range (`1.0`, `0.0`, `-0.0`): no primitive; the
 *   number would read as an integer.
 * - a binary: the string whose UTF-8 bytes it is; a `Uint8Array` that is not valid UTF-8 has
 *   no primitive.
 * - an atom: `true`/`false` for those two, else its registered symbol.
 * - every other term (tuples, lists, maps, bitstrings, pids, ports, references, funs): none.
 */
import { Float, type Term } from './term.js';

/** A primitive standing for a term; see {@link primitiveKey}. */
export type PrimitiveKey = number | bigint | string | symbol | boolean;

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/**
 * The JS primitive that stands for `term` under exact equality, or `undefined` when it has
 * none. For terms `a` and `b` that both have one, `exactEquals(a, b)` holds exactly when their
 * primitives are equal under SameValueZero (the equality of `Map` keys). A term without a
 * primitive is never `=:=` to a term with one.
 */
export function primitiveKey(term: Term): PrimitiveKey | undefined {
  switch (typeof term) {
    case 'number':
    case 'string':
    case 'boolean':
      return term;
    case 'symbol': {
      const name = Symbol.keyFor(term);
      if (name === 'true') return true;
      if (name === 'false') return false;
      return term;
    }
    case 'bigint':
      return term >= Number.MIN_SAFE_INTEGER && term <= Number.MAX_SAFE_INTEGER
        ? Number(term)
        : term;
  }
  if (term instanceof Float) return Number.isSafeInteger(term.value) ? undefined : term.value;
  if (term instanceof Uint8Array) {
    try {
      return strictUtf8.decode(term);
    } catch {
      return undefined;
    }
  }
  return undefined;
}
