/**
 * Reports of {@link runSuite} results over several implementations (an implementation is one
 * named factory: a backend of Tsunami, OTP, an ETS of your own): a text report for people and
 * a JSON report for machines.
 *
 * The text report has three parts: a table of counts (passed / failed / not applicable, one
 * column per implementation), a table of the cases that did not pass everywhere (one row per
 * case, one column per implementation), and the failures, each with its message and first
 * difference. A case failing the same way on several implementations is shown once, with
 * their names, so a bug shared by every backend reads as one bug.
 *
 * The JSON report ({@link JsonReport}) is versioned: {@link REPORT_VERSION} changes when a field
 * changes meaning or disappears, not when one is added.
 */
import type { Capability } from './adapter.js';
import type { FailureReport } from './failure.js';
import type { CaseResult } from './suite.js';

/** The results of the suite on one implementation. */
export interface ImplementationResults {
  /** The implementation's name: a backend (`wavl`), `otp-27`, the name of your factory. */
  readonly implementation: string;
  readonly results: readonly CaseResult[];
}

/** Counts of case results. */
export interface Totals {
  readonly cases: number;
  readonly passed: number;
  readonly failed: number;
  readonly notApplicable: number;
}

/** One case in a {@link JsonReport}. */
export interface JsonCaseResult {
  /** The case's name in `ets_SUITE.erl`. */
  readonly name: string;
  readonly status: 'passed' | 'failed' | 'not applicable';
  /** How long the case ran, in milliseconds (absent for a case not run: not applicable). */
  readonly milliseconds?: number;
  /** For `not applicable`: the capabilities the implementation does not declare. */
  readonly needs?: readonly Capability[];
  /** For `failed`: the failure, with its first difference when it is an assertion. */
  readonly failure?: FailureReport;
}

/** The machine-readable report, as `tsunami-conformance --json` writes it. */
export interface JsonReport {
  /** The version of this shape: {@link REPORT_VERSION}. */
  readonly version: typeof REPORT_VERSION;
  /** The suite the cases come from. */
  readonly suite: 'ets_SUITE';
  /** Counts over every implementation. */
  readonly totals: Totals;
  /** One entry per implementation, in the order they ran. */
  readonly implementations: ReadonlyArray<{
    readonly name: string;
    readonly totals: Totals;
    /** Sum of the cases' times, in milliseconds. */
    readonly milliseconds: number;
    readonly cases: readonly JsonCaseResult[];
  }>;
}

/** The version of the {@link JsonReport} shape. */
export const REPORT_VERSION = 1;

/** Counts of `results` by status. */
export function totalsOf(results: readonly CaseResult[]): Totals {
  let passed = 0;
  let failed = 0;
  let notApplicable = 0;
  for (const result of results) {
    if (result.status === 'passed') passed += 1;
    else if (result.status === 'failed') failed += 1;
    else notApplicable += 1;
  }
  return { cases: results.length, passed, failed, notApplicable };
}

function sumTotals(totals: readonly Totals[]): Totals {
  return totals.reduce(
    (sum, each) => ({
      cases: sum.cases + each.cases,
      passed: sum.passed + each.passed,
      failed: sum.failed + each.failed,
      notApplicable: sum.notApplicable + each.notApplicable,
    }),
    { cases: 0, passed: 0, failed: 0, notApplicable: 0 },
  );
}

const roundMilliseconds = (milliseconds: number): number => Math.round(milliseconds * 10) / 10;

function jsonCase(result: CaseResult): JsonCaseResult {
  switch (result.status) {
    case 'passed':
      return {
        name: result.name,
        status: result.status,
        milliseconds: roundMilliseconds(result.milliseconds),
      };
    case 'failed':
      return {
        name: result.name,
        status: result.status,
        milliseconds: roundMilliseconds(result.milliseconds),
        failure: result.failure,
      };
    case 'not applicable':
      return { name: result.name, status: result.status, needs: result.needs };
  }
}

const durationOf = (result: CaseResult): number =>
  result.status === 'not applicable' ? 0 : result.milliseconds;

/** The machine-readable report of `runs` (serialise it with `JSON.stringify`). */
export function jsonReport(runs: readonly ImplementationResults[]): JsonReport {
  const implementations = runs.map((run) => ({
    name: run.implementation,
    totals: totalsOf(run.results),
    milliseconds: roundMilliseconds(
      run.results.reduce((sum, result) => sum + durationOf(result), 0),
    ),
    cases: run.results.map(jsonCase),
  }));
  return {
    version: REPORT_VERSION,
    suite: 'ets_SUITE',
    totals: sumTotals(implementations.map((implementation) => implementation.totals)),
    implementations,
  };
}

/**
 * A table's text, columns two spaces apart: the first column left-aligned, the others right-
 * aligned when they hold numbers (`numeric`), else left-aligned.
 */
function table(rows: readonly (readonly string[])[], numeric: boolean): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, column) => {
      widths[column] = Math.max(widths[column] ?? 0, cell.length);
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, column) =>
          column > 0 && numeric
            ? cell.padStart(widths[column] ?? 0)
            : cell.padEnd(widths[column] ?? 0),
        )
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}

const STATUS_TEXT = { passed: 'passed', failed: 'FAILED', 'not applicable': 'n.a.' } as const;

/** Lines describing a failure: what was compared, both sides and their first difference. */
function failureLines(failure: FailureReport): string[] {
  if (failure.expected === undefined || failure.actual === undefined) return [failure.message];
  const lines = [
    `${failure.what ?? 'value'}:`,
    `  expected ${failure.expected}`,
    `  got      ${failure.actual}`,
  ];
  if (failure.difference !== undefined) {
    const { path, expected, actual } = failure.difference;
    lines.push(
      `  first difference at position ${path.join('/')}: expected ${expected}, got ${actual}`,
    );
  }
  return lines;
}

/** `items` grouped by a key, groups in first-seen order, items in their order. */
function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group === undefined) groups.set(key, [item]);
    else group.push(item);
  }
  return groups;
}

/** The human-readable report of `runs`. */
export function textReport(runs: readonly ImplementationResults[]): string {
  const names = runs.map((run) => run.implementation);
  const totals = runs.map((run) => totalsOf(run.results));
  const seconds = runs.map(
    (run) => run.results.reduce((sum, result) => sum + durationOf(result), 0) / 1000,
  );
  const sections: string[] = [];
  sections.push(
    table(
      [
        ['ets_SUITE', ...names],
        ['passed', ...totals.map((each) => String(each.passed))],
        ['failed', ...totals.map((each) => String(each.failed))],
        ['not applicable', ...totals.map((each) => String(each.notApplicable))],
        ['seconds', ...seconds.map((each) => each.toFixed(1))],
      ],
      true,
    ),
  );

  // Every case in first-run order, with its result per implementation.
  const byCase = new Map<string, Map<string, CaseResult>>();
  for (const run of runs) {
    for (const result of run.results) {
      const row = byCase.get(result.name) ?? new Map<string, CaseResult>();
      row.set(run.implementation, result);
      byCase.set(result.name, row);
    }
  }
  const notEverywhere = [...byCase].filter(([, row]) =>
    names.some((name) => row.get(name)?.status !== 'passed'),
  );
  if (notEverywhere.length > 0) {
    sections.push(
      table(
        [
          ['case', ...names],
          ...notEverywhere.map(([caseName, row]) => [
            caseName,
            ...names.map((name) => {
              const result = row.get(name);
              return result === undefined ? '-' : STATUS_TEXT[result.status];
            }),
          ]),
        ],
        false,
      ),
    );
  }

  const failures = runs.flatMap((run) =>
    run.results.flatMap((result) =>
      result.status === 'failed'
        ? [{ implementation: run.implementation, name: result.name, failure: result.failure }]
        : [],
    ),
  );
  if (failures.length > 0) {
    const lines = ['Failures:'];
    const sameFailure = groupBy(failures, (each) => `${each.name}\n${each.failure.message}`);
    for (const group of sameFailure.values()) {
      const first = group[0]!;
      const where = group.map((each) => each.implementation).join(', ');
      lines.push(`  ${first.name} on ${where}`);
      for (const line of failureLines(first.failure)) lines.push(`    ${line}`);
    }
    sections.push(lines.join('\n'));
  }

  const notApplicable = runs.flatMap((run) =>
    run.results.flatMap((result) =>
      result.status === 'not applicable'
        ? [{ implementation: run.implementation, name: result.name, needs: result.needs }]
        : [],
    ),
  );
  if (notApplicable.length > 0) {
    const lines = ['Not applicable:'];
    const sameNeeds = groupBy(notApplicable, (each) => `${each.name}\n${each.needs.join(', ')}`);
    for (const group of sameNeeds.values()) {
      const first = group[0]!;
      const where = group.map((each) => each.implementation).join(', ');
      lines.push(`  ${first.name} on ${where}: needs ${first.needs.join(', ')}`);
    }
    sections.push(lines.join('\n'));
  }

  const overall = sumTotals(totals);
  sections.push(
    `${overall.cases} results on ${runs.length} implementation${runs.length === 1 ? '' : 's'}: ` +
      `${overall.passed} passed, ${overall.failed} failed, ${overall.notApplicable} not applicable`,
  );
  return `${sections.join('\n\n')}\n`;
}
