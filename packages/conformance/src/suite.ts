/**
 * The conformance suite as a function: {@link suite} registers every ported case of OTP's
 * `ets_SUITE` on the caller's test runner, and {@link runSuite} runs them without one and
 * returns the results. Each case gets a fresh instance from the caller's factory and closes it
 * after. Inside a case, OTP's `repeat_for_opts` helpers re-run the body per table type and
 * option set; a backend is one factory.
 *
 * A case that needs a capability the instance does not declare is not run: `suite` registers a
 * test named after it that checks the manifest really lacks the capability, and `runSuite`
 * reports it as `not applicable`, so no case disappears silently.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Capability, EtsFactory, EtsInstance } from './adapter.js';
import type { PortedCase } from './case.js';
import { PORTED_CASES } from './cases.js';
import { describeFailure, type FailureReport } from './failure.js';

/** The part of a test runner's `test`/`it` the suite uses (vitest's, jest's, node:test's). */
export type RegisterTest = (name: string, body: () => Promise<void>, timeout?: number) => void;

/** Options of {@link suite} and {@link runSuite}. */
export interface SuiteOptions {
  /** Makes a fresh, isolated instance per case. */
  readonly factory: EtsFactory;
  /** Runs only the cases this accepts (default: every ported case). */
  readonly filter?: (portedCase: PortedCase) => boolean;
}

/** Options of {@link suite}. */
export interface RegisterOptions extends SuiteOptions {
  /** The runner's `test` (or `it`). */
  readonly test: RegisterTest;
  /** Per-case timeout in milliseconds passed to `test` (default 600 000: some cases are long). */
  readonly timeout?: number;
}

const DEFAULT_TIMEOUT = 600_000;

function selected(options: SuiteOptions): readonly PortedCase[] {
  return options.filter === undefined ? PORTED_CASES : PORTED_CASES.filter(options.filter);
}

function missing(instance: EtsInstance, portedCase: PortedCase): Capability[] {
  return portedCase.requires.filter((capability) => !instance.capabilities[capability]);
}

async function runCase(instance: EtsInstance, portedCase: PortedCase): Promise<void> {
  const privateDirectory =
    (await instance.makeDirectory?.()) ?? mkdtempSync(join(tmpdir(), 'tsunami-conformance-'));
  try {
    await portedCase.run({ ...instance, privateDirectory });
  } finally {
    await instance.close?.();
    rmSync(privateDirectory, { recursive: true, force: true });
  }
}

/**
 * Registers every ported case on `test`. The factory is called once at registration to read
 * the capability manifest (that instance is closed at once), then once per case.
 */
export async function suite(options: RegisterOptions): Promise<void> {
  const probe = await options.factory();
  const capabilities = probe.capabilities;
  await probe.close?.();
  const timeout = options.timeout ?? DEFAULT_TIMEOUT;
  for (const portedCase of selected(options)) {
    const lacking = portedCase.requires.filter((capability) => !capabilities[capability]);
    if (lacking.length > 0) {
      options.test(
        `${portedCase.name} (not applicable: needs ${lacking.join(', ')})`,
        async () => {
          const instance = await options.factory();
          try {
            if (missing(instance, portedCase).length === 0) {
              throw new Error(`the instance now declares ${lacking.join(', ')}`);
            }
          } finally {
            await instance.close?.();
          }
        },
        timeout,
      );
      continue;
    }
    options.test(
      portedCase.name,
      async () => runCase(await options.factory(), portedCase),
      timeout,
    );
  }
}

/** The outcome of one case in {@link runSuite}. */
export type CaseResult =
  | { readonly name: string; readonly status: 'passed'; readonly milliseconds: number }
  | {
      readonly name: string;
      readonly status: 'failed';
      readonly milliseconds: number;
      readonly error: unknown;
      /** The error as reports show it: an assertion's first difference, or the message. */
      readonly failure: FailureReport;
    }
  | { readonly name: string; readonly status: 'not applicable'; readonly needs: Capability[] };

/** Options of {@link runSuite}. */
export interface RunOptions extends SuiteOptions {
  /** Called with each case's result as soon as the case ends (for progress output). */
  readonly onResult?: (result: CaseResult) => void;
  /**
   * Milliseconds after which a case that has not ended is reported failed (default: no
   * limit). The case cannot be cancelled: it goes on in the background, unobserved.
   */
  readonly timeout?: number;
}

/** The error of a case that ran longer than {@link RunOptions.timeout}. */
export class CaseTimeout extends Error {
  override readonly name = 'CaseTimeout';
  constructor(readonly milliseconds: number) {
    super(`the case had not ended after ${milliseconds} ms`);
  }
}

/** `work`, rejected with {@link CaseTimeout} when it takes longer than `milliseconds`. */
async function withTimeout(work: Promise<void>, milliseconds: number | undefined): Promise<void> {
  if (milliseconds === undefined) return work;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const expired = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new CaseTimeout(milliseconds)), milliseconds);
  });
  try {
    await Promise.race([work, expired]);
  } finally {
    clearTimeout(timer);
  }
}

/** Runs the ported cases one after another, without a test runner, and returns the results. */
export async function runSuite(options: RunOptions): Promise<CaseResult[]> {
  const results: CaseResult[] = [];
  const record = (result: CaseResult): void => {
    results.push(result);
    options.onResult?.(result);
  };
  for (const portedCase of selected(options)) {
    const instance = await options.factory();
    const lacking = missing(instance, portedCase);
    if (lacking.length > 0) {
      await instance.close?.();
      record({ name: portedCase.name, status: 'not applicable', needs: lacking });
      continue;
    }
    const started = performance.now();
    try {
      await withTimeout(runCase(instance, portedCase), options.timeout);
      record({
        name: portedCase.name,
        status: 'passed',
        milliseconds: performance.now() - started,
      });
    } catch (error) {
      record({
        name: portedCase.name,
        status: 'failed',
        milliseconds: performance.now() - started,
        error,
        failure: describeFailure(error),
      });
    }
  }
  return results;
}
