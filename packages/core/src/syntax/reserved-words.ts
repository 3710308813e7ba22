/**
 * The words Erlang's scanner reserves (OTP 27): they cannot be bare atoms, so `~w` quotes them.
 * `maybe` and `else` are reserved only where the `maybe_expr` feature is on (by default from
 * OTP 27); readers that accept OTP 25's output treat them as plain atoms.
 */

/** Every reserved word of OTP 27, `maybe` and `else` included. */
export const RESERVED_WORDS: ReadonlySet<string> = new Set([
  'after',
  'and',
  'andalso',
  'band',
  'begin',
  'bnot',
  'bor',
  'bsl',
  'bsr',
  'bxor',
  'case',
  'catch',
  'cond',
  'div',
  'else',
  'end',
  'fun',
  'if',
  'let',
  'maybe',
  'not',
  'of',
  'or',
  'orelse',
  'receive',
  'rem',
  'try',
  'when',
  'xor',
]);

/** The words reserved only by the `maybe_expr` feature (on by default from OTP 27). */
export const MAYBE_FEATURE_WORDS: ReadonlySet<string> = new Set(['maybe', 'else']);

/** Whether `name` is reserved without the `maybe_expr` feature (as OTP 25 reads text). */
export function isReservedWithoutMaybe(name: string): boolean {
  return RESERVED_WORDS.has(name) && !MAYBE_FEATURE_WORDS.has(name);
}
