/**
 * Runs an Erlang module in a real `erl` for the benchmarks that measure BEAM itself (the ETS
 * suite's `beam-ets` anchor), synchronously, as the harness measures one cell at a time.
 *
 * Where OTP comes from is `@tsunami/oracle`'s rule (not imported: its index loads vitest): the
 * Debian root at `TSUNAMI_OTP_ROOT` (default `/opt/tsunami-otp27`) through `chroot` when it holds
 * an `erl`, else `erl` on PATH. The module's source is written to a fresh directory under the
 * root's `/tmp`, compiled in memory (`compile:file/2` with `binary`), loaded, and its entry
 * expression's standard output is returned.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/** An `erl` found on this machine. */
export interface ErlangInstallation {
  /** The chroot directory, or `undefined` for `erl` on PATH. */
  readonly root: string | undefined;
  /** The OTP major release, e.g. `27`. */
  readonly release: number;
}

const DEFAULT_OTP_ROOT = '/opt/tsunami-otp27';

function erlCommand(root: string | undefined, args: readonly string[]): [string, string[]] {
  return root === undefined ? ['erl', [...args]] : ['chroot', [root, 'erl', ...args]];
}

let found: ErlangInstallation | null | undefined;

/** The best `erl` on this machine (OTP 27 in the chroot first), or `null`. Looked up once. */
export function findErlang(): ErlangInstallation | null {
  if (found !== undefined) return found;
  const root = process.env.TSUNAMI_OTP_ROOT ?? DEFAULT_OTP_ROOT;
  const candidates = existsSync(join(root, 'usr/bin/erl')) ? [root, undefined] : [undefined];
  found = null;
  for (const candidate of candidates) {
    const [command, args] = erlCommand(candidate, [
      '-noshell',
      '-eval',
      'io:put_chars(erlang:system_info(otp_release)), halt().',
    ]);
    try {
      const text = execFileSync(command, args, {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'ignore'],
      });
      found = { root: candidate, release: Number(text.trim()) };
      break;
    } catch {
      // No usable erl here: try the next candidate.
    }
  }
  return found;
}

/**
 * Compiles `source` (an Erlang module named `module`) in `installation`'s erl, evaluates
 * `expression` (which prints its results) and returns what it printed. Throws when erl fails.
 */
export function runErlangModule(
  installation: ErlangInstallation,
  module: string,
  source: string,
  expression: string,
): string {
  const { root } = installation;
  const directory = mkdtempSync(join(root ?? '', '/tmp/tsunami-bench-'));
  try {
    const sourcePath = join(directory, `${module}.erl`);
    writeFileSync(sourcePath, source);
    const insideRoot = root === undefined ? sourcePath : sourcePath.slice(root.length);
    // Any failure halts with status 1, so execFileSync throws rather than erl idling.
    const boot =
      `try {ok, M, B} = compile:file("${insideRoot}", [binary, report]), ` +
      `{module, M} = code:load_binary(M, "${insideRoot}", B), ${expression}, halt() ` +
      `catch Class:Reason:Stack -> io:format(standard_error, "~p:~p ~p~n", [Class, Reason, Stack]), halt(1) end.`;
    const [command, args] = erlCommand(root, ['-noshell', '-eval', boot]);
    return execFileSync(command, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'inherit'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}
