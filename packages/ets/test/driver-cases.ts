/**
 * Case-by-case differential tests against erl: each case runs here and, through an Erlang
 * driver that binds a fun `Run`, in erl; both answers are compared as one `~w` text.
 */
import { format, list, type Term } from '@tsunami/core';
import type { ErlangOracle } from '@tsunami/oracle';
import { expect } from 'vitest';

/**
 * Evaluates `driver` (Erlang text ending in a comma after the `Run` fun) followed by the list of
 * `erlangCall(case)` for every case, and expects it to print as the list of `ours(case)`.
 */
export async function expectCasesAsErl<Case>(
  oracle: ErlangOracle,
  driver: string,
  cases: readonly Case[],
  erlangCall: (testCase: Case) => string,
  ours: (testCase: Case) => Term,
): Promise<void> {
  const theirs = await oracle.evaluateText(`${driver} [${cases.map(erlangCall).join(', ')}].`);
  expect(theirs).toBe(format(list(...cases.map(ours))));
}
