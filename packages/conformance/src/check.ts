/**
 * The assertions of the ported cases, as Erlang's matches behave: `Expected = Actual` compares
 * with `=:=` (exact term equality), and `{'EXIT',{badarg,_}} = (catch F())` expects a `badarg`.
 * A failed check throws {@link CaseFailure} naming what was expected and what came.
 */
import { exactEquals, format, type Term } from '@tsunami/core';
import { isBadarg, type ProcessApi } from './adapter.js';

/** A failed check inside a conformance case. */
export class CaseFailure extends Error {
  override readonly name = 'CaseFailure';
  /** For a failed `Expected = Actual`: what was compared, the expected term and what came. */
  readonly comparison?: Comparison;

  constructor(message: string, comparison?: Comparison) {
    super(message);
    if (comparison !== undefined) this.comparison = comparison;
  }
}

/** The two sides of a failed `Expected = Actual`, kept for reports to find the first difference. */
export interface Comparison {
  readonly what: string;
  readonly expected: Term;
  readonly actual: unknown;
}

/** Renders a term in Erlang syntax for failure messages (falls back to `String`). */
export function show(value: unknown): string {
  try {
    return format(value as Term);
  } catch {
    return String(value);
  }
}

/** What a check is about: text, or a function making it only when the check fails. */
export type Description = string | (() => string);

const describe = (what: Description): string => (typeof what === 'string' ? what : what());

/** `Expected = Actual`: exact term equality (`=:=`). */
export function same(actual: unknown, expected: Term, what: Description = 'value'): void {
  if (!exactEquals(actual as Term, expected)) {
    const text = describe(what);
    throw new CaseFailure(`${text}: expected ${show(expected)}, got ${show(actual)}`, {
      what: text,
      expected,
      actual,
    });
  }
}

/** A boolean condition that must hold. */
export function ensure(condition: boolean, message: string): asserts condition {
  if (!condition) throw new CaseFailure(message);
}

/** `{'EXIT',{badarg,_}} = (catch Call())`: the call must fail with `badarg`. */
export async function badarg(call: () => unknown, what: Description = 'call'): Promise<void> {
  let result: unknown;
  try {
    result = await call();
  } catch (error) {
    if (isBadarg(error)) return;
    throw new CaseFailure(`${describe(what)}: expected badarg, got the error ${show(error)}`);
  }
  throw new CaseFailure(`${describe(what)}: expected badarg, got ${show(result)}`);
}

/** How long a case waits for an expected message before it fails (OTP's would hang). */
export const RECEIVE_TIMEOUT_MILLISECONDS = 10_000;

/** `receive M -> M end`, failing the case when nothing comes in time. */
export async function receiveMessage(processes: ProcessApi, what = 'a message'): Promise<Term> {
  const message = await processes.receive({ timeout: RECEIVE_TIMEOUT_MILLISECONDS });
  if (message === undefined) {
    throw new CaseFailure(`${what}: nothing arrived in ${RECEIVE_TIMEOUT_MILLISECONDS} ms`);
  }
  return message;
}
