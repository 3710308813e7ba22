#!/usr/bin/env node
/**
 * `tsunami-conformance`: runs the ported `ets_SUITE` against an adapter module and prints a
 * report (see `src/report.ts`).
 *
 *     tsunami-conformance <adapter-module | tsunami | otp> [--filter <regex>] [--json <file>]
 *                         [--backend <name>]... [--timeout <ms>] [--otp-root <dir>] [--quiet]
 *
 * The adapter module is loaded with a dynamic `import()`. Its factories are, first found:
 * a named export `factories` (a record of name to `EtsFactory`), a named export `factory`, or
 * the default export (an `EtsFactory`, or such a record). Each factory is one implementation:
 * the suite runs once per factory, `--backend` picking some of them by name. `tsunami` is the
 * built-in adapter for `@tsunami/ets` on each ordered backend (`wavl`, `avl`, `skiplist`);
 * `otp` drives real `erl` (`src/otp.ts`).
 *
 * Exit code: 0 when no case failed (not applicable is not a failure), 1 when one did, 2 for a
 * usage error or an adapter that cannot be loaded.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, extname, isAbsolute, join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import type { EtsFactory } from './adapter.js';
import { otpFactory } from './otp.js';
import { type ImplementationResults, jsonReport, textReport } from './report.js';
import { type CaseResult, runSuite } from './suite.js';
import { tsunamiFactory } from './tsunami.js';

const USAGE = `Usage: tsunami-conformance <adapter-module | tsunami | otp> [options]

Runs OTP's ets_SUITE, ported, against each factory of the adapter module and prints a report.

  <adapter-module>    a path or package name; its export \`factories\` (name -> EtsFactory),
                      \`factory\`, or default export (a factory or such a record) is used
  tsunami             @tsunami/ets on each ordered backend: wavl, avl, skiplist
  otp                 real Erlang/OTP: erl on PATH, or chrooted in --otp-root

Options:
  --filter <regex>    run only the cases whose name matches
  --json <file>       also write the report as JSON (shape: JsonReport, version 1)
  --backend <name>    run only this factory (repeatable; default: all)
  --timeout <ms>      fail a case still running after this long (default: 600000)
  --otp-root <dir>    for otp: a root holding usr/bin/erl, run with chroot
                      (default: $TSUNAMI_OTP_ROOT if it holds one, else erl on PATH)
  --quiet             no progress lines on stderr
  --help              this text

Exit code: 0 if no case failed, 1 if one did, 2 on a usage or loading error.
`;

/** A usage or loading error: reported with its message and exit code 2. */
class UsageError extends Error {
  override readonly name = 'UsageError';
}

type Factories = Record<string, EtsFactory>;

/** Per-case limit by default: as long as `suite` gives a case under a test runner. */
const DEFAULT_TIMEOUT = 600_000;

const TSUNAMI_BACKENDS = ['wavl', 'avl', 'skiplist'] as const;

function tsunamiFactories(): Factories {
  return Object.fromEntries(
    TSUNAMI_BACKENDS.map((backend) => [backend, tsunamiFactory({ backend })]),
  );
}

/** The OTP release of the `erl` at `root` (or on PATH), or a {@link UsageError}. */
function otpRelease(root: string | undefined): string {
  const probe = ['-noshell', '-eval', 'io:put_chars(erlang:system_info(otp_release)), halt().'];
  const result =
    root === undefined
      ? spawnSync('erl', probe, { encoding: 'utf8' })
      : spawnSync('chroot', [root, 'erl', ...probe], { encoding: 'utf8' });
  if (result.error !== undefined || result.status !== 0) {
    const where = root === undefined ? 'erl on PATH' : `erl in ${root} (run with chroot)`;
    const why = result.error?.message ?? result.stderr.trim();
    throw new UsageError(`cannot start ${where}: ${why}`);
  }
  return result.stdout.trim();
}

const holdsErl = (root: string): boolean => existsSync(join(root, 'usr/bin/erl'));

/**
 * The OTP adapter on `--otp-root`, else on `$TSUNAMI_OTP_ROOT` when that holds an `erl` (as
 * `@tsunami/oracle` reads it: a root without one means `erl` on PATH), else on PATH.
 */
function otpFactories(rootOption: string | undefined): Factories {
  if (rootOption !== undefined && !holdsErl(rootOption)) {
    throw new UsageError(`--otp-root ${rootOption} holds no usr/bin/erl`);
  }
  const fromEnvironment = process.env.TSUNAMI_OTP_ROOT;
  const root =
    rootOption ??
    (fromEnvironment !== undefined && holdsErl(fromEnvironment) ? fromEnvironment : undefined);
  return { [`otp-${otpRelease(root)}`]: otpFactory({ root }) };
}

const isFactory = (value: unknown): value is EtsFactory => typeof value === 'function';

function asFactoryRecord(value: unknown, where: string): Factories {
  if (typeof value !== 'object' || value === null) {
    throw new UsageError(`${where} is not a record of name -> EtsFactory`);
  }
  const entries = Object.entries(value);
  if (entries.length === 0) throw new UsageError(`${where} holds no factory`);
  for (const [name, factory] of entries) {
    if (!isFactory(factory)) throw new UsageError(`${where}.${name} is not an EtsFactory`);
  }
  return Object.fromEntries(entries) as Factories;
}

/** The factories a loaded adapter module exports (see the module header for the order). */
function factoriesOf(exports: Record<string, unknown>, name: string, where: string): Factories {
  if (exports.factories !== undefined)
    return asFactoryRecord(exports.factories, `${where} factories`);
  if (isFactory(exports.factory)) return { [name]: exports.factory };
  const fallback = exports.default;
  if (isFactory(fallback)) return { [name]: fallback };
  if (typeof fallback === 'object' && fallback !== null) {
    // A CommonJS module's `module.exports` arrives as the default export.
    const inner = fallback as Record<string, unknown>;
    if (inner.factories !== undefined || isFactory(inner.factory)) {
      return factoriesOf(inner, name, where);
    }
    return asFactoryRecord(fallback, `${where} default export`);
  }
  throw new UsageError(
    `${where} exports no adapter: expected \`factories\` (name -> EtsFactory), \`factory\`, ` +
      'or a default export',
  );
}

/** Where to import `specifier` from: a file relative to the working directory, or a package. */
function importTarget(specifier: string): string {
  const path = resolve(specifier);
  if (existsSync(path) || isAbsolute(specifier) || specifier.startsWith('.')) {
    return pathToFileURL(path).href;
  }
  try {
    // A package name, resolved from the working directory rather than from this package.
    const resolved = createRequire(join(process.cwd(), 'noop.js')).resolve(specifier);
    return isAbsolute(resolved) ? pathToFileURL(resolved).href : resolved;
  } catch {
    return specifier;
  }
}

async function loadFactories(specifier: string, otpRoot: string | undefined): Promise<Factories> {
  if (specifier === 'tsunami') return tsunamiFactories();
  if (specifier === 'otp') return otpFactories(otpRoot);
  let exports: Record<string, unknown>;
  try {
    exports = (await import(importTarget(specifier))) as Record<string, unknown>;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new UsageError(`cannot load the adapter module ${specifier}: ${why}`);
  }
  return factoriesOf(exports, basename(specifier, extname(specifier)), specifier);
}

function selectBackends(factories: Factories, backends: readonly string[] | undefined): Factories {
  if (backends === undefined || backends.length === 0) return factories;
  const names = backends.flatMap((backend) => backend.split(',')).filter((name) => name !== '');
  const unknown = names.filter((name) => !Object.hasOwn(factories, name));
  if (unknown.length > 0) {
    throw new UsageError(
      `no backend ${unknown.join(', ')}; this adapter has ${Object.keys(factories).join(', ')}`,
    );
  }
  return Object.fromEntries(names.map((name) => [name, factories[name]!]));
}

function caseFilter(pattern: string | undefined): ((name: string) => boolean) | undefined {
  if (pattern === undefined) return undefined;
  let expression: RegExp;
  try {
    expression = new RegExp(pattern);
  } catch (error) {
    throw new UsageError(`--filter ${pattern}: ${(error as Error).message}`);
  }
  return (name) => expression.test(name);
}

function progressLine(implementation: string, result: CaseResult): string {
  const time = result.status === 'not applicable' ? '' : ` (${Math.round(result.milliseconds)} ms)`;
  return `[${implementation}] ${result.name}: ${result.status}${time}\n`;
}

/** Runs the CLI on `args` (without `node` and the script) and resolves with the exit code. */
async function main(args: readonly string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args: [...args],
    allowPositionals: true,
    options: {
      filter: { type: 'string' },
      json: { type: 'string' },
      backend: { type: 'string', multiple: true },
      'otp-root': { type: 'string' },
      timeout: { type: 'string', default: String(DEFAULT_TIMEOUT) },
      quiet: { type: 'boolean', default: false },
      help: { type: 'boolean', default: false },
    },
  });
  if (values.help) {
    process.stdout.write(USAGE);
    return 0;
  }
  const [specifier, ...extra] = positionals;
  if (specifier === undefined || extra.length > 0) {
    throw new UsageError('expected exactly one adapter module (or tsunami, or otp)');
  }
  const accepts = caseFilter(values.filter);
  const timeout = Number(values.timeout);
  if (!Number.isSafeInteger(timeout) || timeout <= 0) {
    throw new UsageError(`--timeout ${values.timeout}: expected a positive number of milliseconds`);
  }
  const factories = selectBackends(
    await loadFactories(specifier, values['otp-root']),
    values.backend,
  );
  const runs: ImplementationResults[] = [];
  for (const [implementation, factory] of Object.entries(factories)) {
    const results = await runSuite({
      factory,
      timeout,
      ...(accepts === undefined ? {} : { filter: (portedCase) => accepts(portedCase.name) }),
      onResult: (result) => {
        if (!values.quiet) process.stderr.write(progressLine(implementation, result));
      },
    });
    if (results.length === 0) throw new UsageError(`--filter ${values.filter} matches no case`);
    runs.push({ implementation, results });
  }
  process.stdout.write(textReport(runs));
  if (values.json !== undefined) {
    writeFileSync(values.json, `${JSON.stringify(jsonReport(runs), null, 2)}\n`);
  }
  const failed = runs.some((run) => run.results.some((result) => result.status === 'failed'));
  return failed ? 1 : 0;
}

function isUsageError(error: unknown): error is Error {
  if (error instanceof UsageError) return true;
  // parseArgs throws TypeErrors coded ERR_PARSE_ARGS_* for unknown or malformed options.
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS');
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const text = isUsageError(error)
      ? `${error.message}
(tsunami-conformance --help shows the usage)`
      : error instanceof Error
        ? (error.stack ?? error.message)
        : String(error);
    process.stderr.write(`tsunami-conformance: ${text}\n`);
    process.exit(2);
  },
);
