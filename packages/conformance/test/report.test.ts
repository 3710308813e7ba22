import { atom, exactEquals, format, List, list, type Term } from '@tsunami/core';
import { termArbitrary } from '@tsunami/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { same } from '../src/check.js';
import {
  CaseFailure,
  type CaseResult,
  describeFailure,
  firstDifference,
  jsonReport,
  REPORT_VERSION,
  textReport,
} from '../src/index.js';

/** The part of `term` at `path` (1-based positions in tuples and lists), or `undefined`. */
function partAt(term: unknown, path: readonly number[]): unknown {
  let part = term;
  for (const position of path) {
    const elements = Array.isArray(part) ? part : part instanceof List ? part.items : undefined;
    if (elements === undefined || position > elements.length) return undefined;
    part = elements[position - 1];
  }
  return part;
}

describe('firstDifference', () => {
  it('is undefined exactly when the terms are =:=', () => {
    fc.assert(
      fc.property(termArbitrary(), termArbitrary(), (expected, actual) => {
        expect(firstDifference(expected, actual) === undefined).toBe(exactEquals(expected, actual));
        expect(firstDifference(expected, expected)).toBeUndefined();
      }),
    );
  });

  it('points at parts that differ, below a common prefix', () => {
    fc.assert(
      fc.property(termArbitrary(), termArbitrary(), (expected, actual) => {
        const difference = firstDifference(expected, actual);
        if (difference === undefined) return;
        const expectedPart = partAt(expected, difference.path);
        const actualPart = partAt(actual, difference.path);
        expect(difference.expected).toBe(
          expectedPart === undefined ? 'nothing' : format(expectedPart as Term),
        );
        expect(difference.actual).toBe(
          actualPart === undefined ? 'nothing' : format(actualPart as Term),
        );
        if (expectedPart !== undefined && actualPart !== undefined) {
          expect(exactEquals(expectedPart as Term, actualPart as Term)).toBe(false);
        }
      }),
    );
  });

  it('finds a change deep inside a tuple of lists', () => {
    const expected: Term = [list(1, 2, [atom('a'), 3]), atom('x')];
    const actual: Term = [list(1, 2, [atom('a'), 4]), atom('x')];
    expect(firstDifference(expected, actual)).toEqual({
      path: [1, 3, 2],
      expected: '3',
      actual: '4',
    });
  });

  it('names the first element only one side has', () => {
    expect(firstDifference(list(1, 2), list(1, 2, 3))).toEqual({
      path: [3],
      expected: 'nothing',
      actual: '3',
    });
    expect(firstDifference([1, 2], [1])).toEqual({ path: [2], expected: '2', actual: 'nothing' });
  });

  it('does not descend from a tuple into a list', () => {
    expect(firstDifference([1, 2], list(1, 2))).toEqual({
      path: [],
      expected: '{1,2}',
      actual: '[1,2]',
    });
  });
});

describe('describeFailure', () => {
  it('reports a failed Expected = Actual with both sides and their first difference', () => {
    let failure: unknown;
    try {
      same(
        [
          [atom('k'), 1],
          [atom('k'), 2],
        ],
        [
          [atom('k'), 1],
          [atom('k'), 3],
        ],
        'lookup of k',
      );
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeInstanceOf(CaseFailure);
    expect(describeFailure(failure)).toEqual({
      kind: 'assertion',
      message: 'lookup of k: expected {{k,1},{k,3}}, got {{k,1},{k,2}}',
      what: 'lookup of k',
      expected: '{{k,1},{k,3}}',
      actual: '{{k,1},{k,2}}',
      difference: { path: [2, 2], expected: '3', actual: '2' },
    });
  });

  it('reports other errors by name, message and stack', () => {
    const report = describeFailure(new TypeError('no such function'));
    expect(report).toMatchObject({ kind: 'error', message: 'TypeError: no such function' });
    expect(report.stack).toContain('no such function');
    expect(describeFailure(atom('oops'))).toEqual({ kind: 'error', message: 'thrown: oops' });
  });

  it('cuts very long terms', () => {
    const long = list(...Array.from({ length: 2_000 }, (_, index) => index));
    const report = describeFailure(new CaseFailure('x', { what: 'x', expected: long, actual: 1 }));
    expect(report.expected?.length).toBe(2_000);
    expect(report.expected?.endsWith('...')).toBe(true);
  });
});

describe('reports', () => {
  const failure = describeFailure(
    new CaseFailure('value: expected 1, got 2', { what: 'value', expected: 1, actual: 2 }),
  );
  const failed = (name: string): CaseResult => ({
    name,
    status: 'failed',
    milliseconds: 5,
    error: undefined,
    failure,
  });
  const runs = [
    {
      implementation: 'left',
      results: [
        { name: 'alpha', status: 'passed', milliseconds: 1500 },
        failed('beta'),
        { name: 'gamma', status: 'not applicable', needs: ['processes'] },
      ] satisfies CaseResult[],
    },
    {
      implementation: 'right',
      results: [
        { name: 'alpha', status: 'passed', milliseconds: 500 },
        failed('beta'),
        { name: 'gamma', status: 'passed', milliseconds: 2 },
      ] satisfies CaseResult[],
    },
  ];

  it('renders counts, the cases not passed everywhere, failures once per same failure', () => {
    expect(textReport(runs)).toBe(
      [
        'ets_SUITE       left  right',
        'passed             1      2',
        'failed             1      1',
        'not applicable     1      0',
        'seconds          1.5    0.5',
        '',
        'case   left    right',
        'beta   FAILED  FAILED',
        'gamma  n.a.    passed',
        '',
        'Failures:',
        '  beta on left, right',
        '    value:',
        '      expected 1',
        '      got      2',
        '',
        'Not applicable:',
        '  gamma on left: needs processes',
        '',
        '6 results on 2 implementations: 3 passed, 2 failed, 1 not applicable',
        '',
      ].join('\n'),
    );
  });

  it('gives a versioned JSON report with totals per implementation', () => {
    const report = jsonReport(runs);
    expect(report.version).toBe(REPORT_VERSION);
    expect(report.totals).toEqual({ cases: 6, passed: 3, failed: 2, notApplicable: 1 });
    expect(report.implementations[0]).toEqual({
      name: 'left',
      totals: { cases: 3, passed: 1, failed: 1, notApplicable: 1 },
      milliseconds: 1505,
      cases: [
        { name: 'alpha', status: 'passed', milliseconds: 1500 },
        { name: 'beta', status: 'failed', milliseconds: 5, failure },
        { name: 'gamma', status: 'not applicable', needs: ['processes'] },
      ],
    });
    expect(JSON.parse(JSON.stringify(report))).toEqual(report);
  });
});
