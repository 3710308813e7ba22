/**
 * What a failed case reports: its message and, when the failure is a term comparison of
 * `src/check.ts` (`Expected = Actual`), both terms and the first place where they differ, so a
 * report shows `{3,"c"}` against `{3,"d"}` instead of two thousand-object lists.
 *
 * The first difference is found by walking both terms in step: tuples (JS arrays) and proper
 * lists are compared element by element with `=:=` (`exactEquals`) and the walk descends into
 * the first pair that differs; anything else (maps, numbers, atoms, improper lists, a tuple
 * against a list) is a leaf. Positions are 1-based, as `element/2` and `lists:nth/2` count.
 * Every term is rendered with `@tsunami/core`'s `format` (Erlang's `~w`), cut to
 * {@link TERM_TEXT_LIMIT} characters so a report stays readable.
 */
import { exactEquals, List, type Term } from '@tsunami/core';
import { CaseFailure, show } from './check.js';

/** The longest rendering of one term kept in a failure report; longer ones end in `...`. */
export const TERM_TEXT_LIMIT = 2_000;

/** Where two compared terms first differ. */
export interface FirstDifference {
  /**
   * 1-based positions from the outer term down to the differing part: `[2, 1]` is element 1
   * of element 2. Empty when the terms differ as wholes (different kinds, or leaves).
   */
  readonly path: readonly number[];
  /** The expected part at `path`, formatted; `nothing` when the actual term is longer. */
  readonly expected: string;
  /** The actual part at `path`, formatted; `nothing` when the actual term is shorter. */
  readonly actual: string;
}

/** A failed case, as reports show it. */
export interface FailureReport {
  /**
   * `assertion` when a check of the suite failed (a conformance difference); `error` when the
   * case threw something else (an exception of the implementation or of the adapter).
   */
  readonly kind: 'assertion' | 'error';
  /** The failure's message (cut to {@link TERM_TEXT_LIMIT} characters). */
  readonly message: string;
  /** For a failed `Expected = Actual`: what was compared. */
  readonly what?: string;
  /** For a failed `Expected = Actual`: the expected term, formatted. */
  readonly expected?: string;
  /** For a failed `Expected = Actual`: the actual value, formatted. */
  readonly actual?: string;
  /** For a failed `Expected = Actual`: where the two first differ. */
  readonly difference?: FirstDifference;
  /** For an `error`: its stack, when it has one. */
  readonly stack?: string;
}

const NOTHING = 'nothing';

function cut(text: string): string {
  return text.length <= TERM_TEXT_LIMIT ? text : `${text.slice(0, TERM_TEXT_LIMIT - 3)}...`;
}

function equal(expected: Term, actual: unknown): boolean {
  try {
    return exactEquals(expected, actual as Term);
  } catch {
    // `actual` holds a value that is not a term: it cannot equal a term.
    return false;
  }
}

/** The elements of a tuple or proper list, or `undefined` for any other value. */
function elementsOf(value: unknown): readonly unknown[] | undefined {
  if (Array.isArray(value)) return value;
  if (value instanceof List && value.isProper) return value.items;
  return undefined;
}

const isSameContainer = (expected: unknown, actual: unknown): boolean =>
  Array.isArray(expected) === Array.isArray(actual);

/**
 * Where `actual` first differs from `expected`, or `undefined` when they are exactly equal.
 * Runs in time linear in the size of the common prefix it walks.
 */
export function firstDifference(expected: Term, actual: unknown): FirstDifference | undefined {
  if (equal(expected, actual)) return undefined;
  const path: number[] = [];
  let expectedPart: unknown = expected;
  let actualPart: unknown = actual;
  for (;;) {
    const expectedElements = elementsOf(expectedPart);
    const actualElements = elementsOf(actualPart);
    if (
      expectedElements === undefined ||
      actualElements === undefined ||
      !isSameContainer(expectedPart, actualPart)
    ) {
      return { path, expected: cut(show(expectedPart)), actual: cut(show(actualPart)) };
    }
    const common = Math.min(expectedElements.length, actualElements.length);
    let index = 0;
    while (index < common && equal(expectedElements[index] as Term, actualElements[index])) {
      index += 1;
    }
    if (index === common) {
      // One is a prefix of the other: the difference is the first element only one of them has.
      path.push(common + 1);
      return {
        path,
        expected: common < expectedElements.length ? cut(show(expectedElements[common])) : NOTHING,
        actual: common < actualElements.length ? cut(show(actualElements[common])) : NOTHING,
      };
    }
    path.push(index + 1);
    expectedPart = expectedElements[index];
    actualPart = actualElements[index];
  }
}

/** The report of a failed case's error: an assertion's comparison, or the error's message. */
export function describeFailure(error: unknown): FailureReport {
  if (error instanceof CaseFailure) {
    const comparison = error.comparison;
    if (comparison === undefined) return { kind: 'assertion', message: cut(error.message) };
    const difference = firstDifference(comparison.expected, comparison.actual);
    return {
      kind: 'assertion',
      message: cut(error.message),
      what: comparison.what,
      expected: cut(show(comparison.expected)),
      actual: cut(show(comparison.actual)),
      ...(difference === undefined || difference.path.length === 0 ? {} : { difference }),
    };
  }
  if (error instanceof Error) {
    const message = cut(`${error.name}: ${error.message}`);
    return error.stack === undefined
      ? { kind: 'error', message }
      : { kind: 'error', message, stack: error.stack };
  }
  return { kind: 'error', message: cut(`thrown: ${show(error)}`) };
}
