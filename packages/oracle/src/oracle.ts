/**
 * Real Erlang/OTP as a test oracle: one long-lived `erl` process per oracle, fed Erlang
 * expressions as text over a 4-byte length-prefixed pipe (see `erlang/tsunami_oracle.erl`).
 *
 * Where OTP comes from, best first: a Debian root made by `debootstrap` holding a newer OTP
 * (`TSUNAMI_OTP_ROOT`, default `/opt/tsunami-otp27`), run through `chroot`; then `erl` on PATH.
 * Replies come back in request order, so requests may be pipelined.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdtempSync } from 'node:fs';
import { join } from 'node:path';

/** Where an `erl` was found and how to start it. */
export interface OtpInstallation {
  /** The chroot directory, or `undefined` for `erl` on PATH. */
  readonly root: string | undefined;
  /** The full OTP version, e.g. `[27, 3, 4, 1]`. */
  readonly version: readonly number[];
}

/** An error raised by the Erlang side while evaluating a request. */
export class OracleError extends Error {
  override readonly name = 'OracleError';
}

const DEFAULT_OTP_ROOT = '/opt/tsunami-otp27';
const ORACLE_SOURCE = new URL('../erlang/tsunami_oracle.erl', import.meta.url);
const VERSION_EXPRESSION =
  'io:put_chars(element(2, file:read_file(filename:join([code:root_dir(), "releases", ' +
  'erlang:system_info(otp_release), "OTP_VERSION"])))), halt().';

function erlCommand(root: string | undefined, args: readonly string[]): [string, string[]] {
  return root === undefined ? ['erl', [...args]] : ['chroot', [root, 'erl', ...args]];
}

function readVersion(root: string | undefined): readonly number[] | undefined {
  const [command, args] = erlCommand(root, ['-noshell', '-eval', VERSION_EXPRESSION]);
  try {
    const text = execFileSync(command, args, {
      encoding: 'utf8',
      stdio: ['ignore', 'pipe', 'ignore'],
    });
    return text.trim().split('.').map(Number);
  } catch {
    return undefined;
  }
}

let installation: OtpInstallation | null | undefined;

/** The best OTP on this machine, or `null` when there is none. Looked up once per process. */
export function findOtp(): OtpInstallation | null {
  if (installation !== undefined) return installation;
  const root = process.env.TSUNAMI_OTP_ROOT ?? DEFAULT_OTP_ROOT;
  const candidates = existsSync(join(root, 'usr/bin/erl')) ? [root, undefined] : [undefined];
  installation = null;
  for (const candidate of candidates) {
    const version = readVersion(candidate);
    if (version !== undefined) {
      installation = { root: candidate, version };
      break;
    }
  }
  return installation;
}

/** A running `erl` that evaluates Erlang expressions. Call {@link ErlangOracle.close} when done. */
export class ErlangOracle {
  readonly installation: OtpInstallation;
  private readonly child: ChildProcess;
  private readonly pending: Array<{
    resolve: (bytes: Buffer) => void;
    reject: (error: Error) => void;
  }> = [];
  private buffered: Buffer = Buffer.alloc(0);
  private exitError: Error | undefined;

  private constructor(installation: OtpInstallation) {
    this.installation = installation;
    const { root } = installation;
    const directory = mkdtempSync(join(root ?? '', '/tmp/tsunami-oracle-'));
    const sourcePath = join(directory, 'tsunami_oracle.erl');
    copyFileSync(ORACLE_SOURCE, sourcePath);
    const insideRoot = root === undefined ? sourcePath : sourcePath.slice(root.length);
    const boot =
      `{ok, M, B} = compile:file("${insideRoot}", [binary, report]), ` +
      `{module, M} = code:load_binary(M, "${insideRoot}", B), tsunami_oracle:main().`;
    const [command, args] = erlCommand(root, ['-noinput', '-eval', boot]);
    // -noinput keeps Erlang's own console reader off stdin; the oracle opens fd 0 itself.
    this.child = spawn(command, args, { stdio: ['pipe', 'pipe', 'inherit'] });
    this.child.stdout!.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.on('exit', (code) => this.fail(new OracleError(`erl exited with code ${code}`)));
    this.child.on('error', (error) => this.fail(error));
  }

  /** Starts an oracle on the best OTP available, or returns `null` when there is none. */
  static start(): ErlangOracle | null {
    const found = findOtp();
    return found === null ? null : new ErlangOracle(found);
  }

  /** The OTP major release, e.g. 27. */
  get release(): number {
    return this.installation.version[0] ?? 0;
  }

  /**
   * Evaluates Erlang expressions (`"lists:sort([3,1,2])."`, a final dot optional). Resolves
   * with the value's bytes when it is a binary, else with the UTF-8 bytes of its `~w` text.
   */
  evaluate(expressions: string): Promise<Buffer> {
    if (this.exitError !== undefined) return Promise.reject(this.exitError);
    const text = /\.\s*$/.test(expressions) ? expressions : `${expressions}.`;
    const body = Buffer.from(text, 'utf8');
    const header = Buffer.alloc(4);
    header.writeUInt32BE(body.length);
    return new Promise((resolve, reject) => {
      this.pending.push({ resolve, reject });
      this.child.stdin!.write(Buffer.concat([header, body]));
    });
  }

  /** {@link evaluate}, with the reply read as UTF-8 text. */
  async evaluateText(expressions: string): Promise<string> {
    return (await this.evaluate(expressions)).toString('utf8');
  }

  /** Stops the `erl` process. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once('exit', resolve));
    this.child.stdin!.end();
    await exited;
  }

  private receive(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 4) {
      const length = this.buffered.readUInt32BE(0);
      if (this.buffered.length < 4 + length) return;
      const packet = this.buffered.subarray(4, 4 + length);
      this.buffered = this.buffered.subarray(4 + length);
      const waiter = this.pending.shift();
      if (waiter === undefined) continue;
      if (packet[0] === 0) waiter.resolve(Buffer.from(packet.subarray(1)));
      else waiter.reject(new OracleError(packet.subarray(1).toString('utf8')));
    }
  }

  private fail(error: Error): void {
    this.exitError = error;
    for (const waiter of this.pending.splice(0)) waiter.reject(error);
  }
}
