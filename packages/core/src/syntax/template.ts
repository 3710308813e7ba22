/**
 * The `erl` tagged template: Erlang term text with JS values interpolated as terms, for building
 * patterns and match specifications (`` erl`{${key}, '_'}` ``). An interpolated value is put in
 * the term as it is, already a term, never formatted and re-read; it may stand wherever a term
 * may, and in a binary as a segment (`` erl`<<${bytes}/binary, 0>>` ``). The text is read raw,
 * so Erlang escapes (`'\n'`, `"\x{41}"`) are Erlang's, not JS's.
 */
import { assertTerm } from '../check.js';
import { type Term, TermError } from '../term.js';
import { parseChunks } from './parse.js';

/**
 * Reads the template as one Erlang term, with each `${value}` standing for that term.
 *
 * @example erl`{${atom('user')}, ${42}, '_'}` // [Symbol(user), 42, Symbol(_)]
 * @throws TermError when an interpolated value is not a term (checked all the way down), or
 * ParseError for a syntax error (an interpolation counts as one column).
 */
export function erl(strings: TemplateStringsArray, ...values: unknown[]): Term {
  values.forEach((value, index) => {
    try {
      assertTerm(value);
    } catch (error) {
      if (!(error instanceof TermError)) throw error;
      throw new TermError(`interpolated value ${index + 1} is not a term: ${error.message}`);
    }
  });
  return parseChunks(strings.raw, values as Term[]);
}
