/**
 * The error a malformed match specification raises at compile time. OTP's
 * `ets:match_spec_compile/1` raises `badarg`; `ets:test_ms/2` returns `{error, Errors}` with one
 * sentence per problem. This error carries both: `reason` is `'badarg'`, `problems` holds OTP's
 * sentences (`"Variable $3 is unbound."`), and the message says which clause and part is wrong.
 * A specification nested too deeply to check or run raises {@link MatchSpecLimitError} instead,
 * whose reason is OTP's `system_limit`.
 */

import { type Atom, atom } from '@tsunami/core';

/** Which part of a match specification a problem is in. */
export type MatchSpecPart = 'specification' | 'clause' | 'head' | 'guard' | 'body';

/** One problem found in a match specification. */
export interface MatchSpecProblem {
  /** The clause, counting from 1; 0 for a problem with the specification as a whole. */
  readonly clause: number;
  readonly part: MatchSpecPart;
  /** OTP's sentence for the problem, as `ets:test_ms/2` reports it. */
  readonly otpMessage: string;
}

/** A match specification that OTP would reject with `badarg`. */
export class MatchSpecError extends Error {
  override readonly name = 'MatchSpecError';
  /** OTP's exit reason for the same specification. */
  readonly reason = 'badarg' as const;
  /** Every problem found, in the order they were found; never empty. */
  readonly problems: readonly MatchSpecProblem[];

  constructor(problems: readonly MatchSpecProblem[]) {
    const first = problems[0]!;
    const where =
      first.clause === 0 ? 'match specification' : `clause ${first.clause}, ${first.part}`;
    const more = problems.length > 1 ? ` (and ${problems.length - 1} more problem(s))` : '';
    super(`badarg: invalid match specification, ${where}: ${first.otpMessage}${more}`);
    this.problems = problems;
  }
}

/**
 * A match specification nested deeper than the checker accepts (`MAX_NESTING_DEPTH` levels of
 * tuples, lists and maps): OTP's `error:system_limit`, which OTP raises for a specification too
 * large for its own compiler. Raised before anything is compiled or run, so no table is touched.
 */
export class MatchSpecLimitError extends Error {
  override readonly name = 'MatchSpecLimitError';
  /** OTP's exit reason: the atom `system_limit`. */
  readonly reason: Atom = atom('system_limit');

  constructor(limit: number) {
    super(`system_limit: match specification nested deeper than ${limit} levels`);
  }
}
