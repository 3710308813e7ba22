/**
 * The adapter for real Erlang/OTP: `ets` calls cross a pipe to an `erl` as External Term
 * Format (`@tsunami/core`'s `encode`/`decode`), with one Erlang proxy process per JS process,
 * so owners, access rights, heirs, `give_away` and `'ETS-TRANSFER'` messages are Erlang's own.
 * `erl` is found as `@tsunami/oracle` finds it (the OTP 27 chroot first, else `erl` on PATH).
 *
 * Processes: the case body runs as a top-level proxy; `spawn(body)` starts a new proxy and runs
 * `body` in an `AsyncLocalStorage` context that names it, and every call made in that context
 * (ETS calls, `send`, `exit`, `isAlive`) is sent to that proxy and run there. A proxy forwards
 * every message it receives to its JS mailbox, where `receive` matches with the case's JS
 * predicate, as `NodeProcessRuntime` does. When `body` settles the proxy ends (`normal`, or
 * `{error, Message}` when it threw); a proxy ended from outside fails its pending and later
 * calls and receives with `ProcessExit`, as a dead process.
 *
 * Protocol (see `erlang/tsunami_conformance.erl`): requests carry a tag, so calls of several
 * processes can be in flight at once; a reply `{Tag, {ok, Result}}` resolves the call and
 * `{Tag, {error, Reason}}` rejects it with {@link OtpCallError} (whose `reason` makes a `badarg`
 * recognisable). Untagged events carry forwarded messages and proxies' ends. The Erlang side
 * writes a proxy's replies before its end, so a call that completed is never failed.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Atom,
  atom,
  decode,
  encode,
  isAtom,
  List,
  list,
  type Pid,
  type Term,
  type Tuple,
} from '@tsunami/core';
import {
  type FileToTabOptions,
  ProcessExit,
  type TableOptions,
  type TabToFileOptions,
} from '@tsunami/ets';
import type {
  Capabilities,
  EtsApi,
  EtsFactory,
  ProcessApi,
  ReceiveOptions,
  SetoptsOptions,
} from './adapter.js';
import { charList } from './case.js';

/** What the OTP adapter supports on OTP 27 (see {@link otpCapabilities} for other versions). */
export const OTP_CAPABILITIES: Capabilities = {
  processes: true,
  lookupElementDefault: true,
  updateElementDefault: true,
  traversalLookup: true,
  match: true,
  select: true,
  tab2file: true,
  defaultObjectsOtp29: false,
  manyCalls: false,
  initTable: false,
};

/**
 * What the OTP adapter supports on OTP `version` (e.g. `[25, 2, 3]`): `lookup_element/4` came in
 * OTP 26, `first_lookup` and friends and `update_element/4` in OTP 27, the checks of short default
 * objects in OTP 29.
 */
export function otpCapabilities(version: readonly number[]): Capabilities {
  const major = version[0] ?? 0;
  return {
    ...OTP_CAPABILITIES,
    lookupElementDefault: major >= 26,
    traversalLookup: major >= 27,
    updateElementDefault: major >= 27,
    defaultObjectsOtp29: major >= 29,
  };
}

/** An error of a call OTP failed: `reason` is the Erlang reason (`badarg`). */
export class OtpCallError extends Error {
  override readonly name = 'OtpCallError';
  constructor(readonly reason: Term) {
    super('the call failed in erl');
  }
}

const DRIVER_SOURCE = new URL('../erlang/tsunami_conformance.erl', import.meta.url);

/** The exit reason of every proxy when `erl` itself ends (a lost connection). */
const erlGone: Term = atom('noconnection');
const matchAny = (): boolean => true;

interface Waiter {
  readonly match: (message: Term) => boolean;
  readonly resolve: (message: Term | undefined) => void;
  readonly reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

interface PendingCall {
  readonly resolve: (reply: Term) => void;
  readonly reject: (error: Error) => void;
  /** The proxy running the call: its end fails the call. */
  readonly proxy: ProxyProcess | undefined;
}

/** The JS half of one Erlang proxy process: its pid, mailbox and whether it still lives. */
class ProxyProcess {
  readonly mailbox: Term[] = [];
  readonly waiters: Waiter[] = [];
  readonly pendingTags = new Set<number>();
  readonly exitHooks: Array<(reason: Term) => void> = [];
  exitReason: Term | undefined;

  constructor(readonly pid: Pid) {}

  get alive(): boolean {
    return this.exitReason === undefined;
  }

  deliver(message: Term): void {
    const index = this.waiters.findIndex((waiter) => waiter.match(message));
    if (index === -1) {
      this.mailbox.push(message);
      return;
    }
    const [waiter] = this.waiters.splice(index, 1);
    if (waiter!.timer !== undefined) clearTimeout(waiter!.timer);
    waiter!.resolve(message);
  }

  receive(options: ReceiveOptions): Promise<Term | undefined> {
    if (!this.alive) return Promise.reject(new ProcessExit(this.exitReason!));
    const match = options.match ?? matchAny;
    const index = this.mailbox.findIndex(match);
    if (index !== -1) return Promise.resolve(this.mailbox.splice(index, 1)[0]);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { match, resolve, reject, timer: undefined };
      if (options.timeout !== undefined) {
        waiter.timer = setTimeout(() => {
          this.waiters.splice(this.waiters.indexOf(waiter), 1);
          resolve(undefined);
        }, options.timeout);
      }
      this.waiters.push(waiter);
    });
  }

  /** Marks the proxy dead; returns the tags of its calls in flight, now failed. */
  end(reason: Term): number[] {
    this.exitReason = reason;
    this.mailbox.length = 0;
    for (const waiter of this.waiters.splice(0)) {
      if (waiter.timer !== undefined) clearTimeout(waiter.timer);
      waiter.reject(new ProcessExit(reason));
    }
    for (const hook of this.exitHooks.splice(0)) hook(reason);
    const tags = [...this.pendingTags];
    this.pendingTags.clear();
    return tags;
  }
}

/** Pids are values: equal pids decoded from different replies name the same proxy. */
const pidKey = (pid: Pid): string => `${String(pid.node)}/${pid.id}/${pid.serial}/${pid.creation}`;

/** A running `erl` whose proxy processes execute calls; see the module comment. */
class ErlangNode {
  private readonly child: ChildProcess;
  private readonly pending = new Map<number, PendingCall>();
  private readonly proxies = new Map<string, ProxyProcess>();
  private nextTag = 1;
  private buffered: Buffer = Buffer.alloc(0);
  private gone = false;

  constructor(root: string | undefined) {
    const directory = mkdtempSync(join(root ?? '', '/tmp/tsunami-conformance-'));
    const sourcePath = join(directory, 'tsunami_conformance.erl');
    copyFileSync(DRIVER_SOURCE, sourcePath);
    const inside = root === undefined ? sourcePath : sourcePath.slice(root.length);
    const boot =
      `{ok, M, B} = compile:file("${inside}", [binary, report]), ` +
      `{module, M} = code:load_binary(M, "${inside}", B), tsunami_conformance:main().`;
    const args = ['-noinput', '-eval', boot];
    this.child =
      root === undefined
        ? spawn('erl', args, { stdio: ['pipe', 'pipe', 'inherit'] })
        : spawn('chroot', [root, 'erl', ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.child.stdout!.on('data', (chunk: Buffer) => this.receive(chunk));
    this.child.once('exit', () => this.lost());
    // A write racing erl's end is reported by the exit above, not as an unhandled error.
    this.child.stdin!.on('error', () => {});
  }

  /** Starts a proxy process. */
  async spawnProxy(): Promise<ProxyProcess> {
    const pid = (await this.request((tag) => [tag, atom('spawn')], undefined)) as Pid;
    const proxy = new ProxyProcess(pid);
    this.proxies.set(pidKey(pid), proxy);
    return proxy;
  }

  /** The major OTP release of this `erl` (27 for OTP 27). */
  async release(): Promise<number> {
    const release = (await this.request((tag) => [tag, atom('otp_release')], undefined)) as List;
    return Number(String.fromCodePoint(...(release.items as number[])));
  }

  /** Runs `call` in `proxy`; rejects with `ProcessExit` when the proxy is dead or dies first. */
  call(proxy: ProxyProcess, call: Term): Promise<Term> {
    if (!proxy.alive) return Promise.reject(new ProcessExit(proxy.exitReason!));
    return this.request((tag) => [tag, [atom('call'), proxy.pid, call]], proxy);
  }

  /**
   * Resolves with `pid`'s exit reason when it ends. A proxy's reason is known from the monitor
   * set when it was spawned, even when it has already ended (a spawned body may end before its
   * parent gets the pid); any other pid gets a new monitor (`noproc` when it is already dead).
   */
  exited(pid: Pid): Promise<Term> {
    const proxy = this.proxies.get(pidKey(pid));
    if (proxy === undefined) return this.request((tag) => [tag, [atom('monitor'), pid]], undefined);
    if (!proxy.alive) return Promise.resolve(proxy.exitReason!);
    return new Promise((resolve) => proxy.exitHooks.push(resolve));
  }

  /** Ends `proxy` with `reason` once its JS body has settled. */
  stop(proxy: ProxyProcess, reason: Term): void {
    if (proxy.alive && !this.gone) this.write([atom('stop'), proxy.pid, reason]);
  }

  close(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin!.end();
    return exited;
  }

  private request(build: (tag: number) => Term, proxy: ProxyProcess | undefined): Promise<Term> {
    if (this.gone) return Promise.reject(new ProcessExit(erlGone));
    const tag = this.nextTag;
    this.nextTag += 1;
    return new Promise((resolve, reject) => {
      this.pending.set(tag, { resolve, reject, proxy });
      proxy?.pendingTags.add(tag);
      this.write(build(tag));
    });
  }

  private write(term: Term): void {
    const body = encode(term);
    const header = Buffer.alloc(4);
    header.writeUInt32BE(body.length);
    this.child.stdin!.write(Buffer.concat([header, body]));
  }

  private receive(chunk: Buffer): void {
    this.buffered = this.buffered.length === 0 ? chunk : Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 4) {
      const length = this.buffered.readUInt32BE(0);
      if (this.buffered.length < 4 + length) return;
      const packet = this.buffered.subarray(4, 4 + length);
      this.buffered = this.buffered.subarray(4 + length);
      this.dispatch(decode(new Uint8Array(packet)) as Tuple);
    }
  }

  private dispatch(packet: Tuple): void {
    const [first, second, third] = packet;
    if (first === atom('message')) {
      this.proxies.get(pidKey(second as Pid))?.deliver(third!);
    } else if (first === atom('down')) {
      // The ended proxy stays known, with its exit reason, for `exited`.
      const proxy = this.proxies.get(pidKey(second as Pid));
      if (proxy !== undefined) this.failCalls(proxy.end(third!), third!);
    } else {
      const tag = first as number;
      const pending = this.pending.get(tag);
      if (pending === undefined) return;
      this.pending.delete(tag);
      pending.proxy?.pendingTags.delete(tag);
      const [status, value] = second as [Atom, Term];
      if (status === atom('ok')) pending.resolve(value);
      else pending.reject(new OtpCallError(value));
    }
  }

  private failCalls(tags: readonly number[], reason: Term): void {
    for (const tag of tags) {
      const pending = this.pending.get(tag);
      this.pending.delete(tag);
      pending?.reject(new ProcessExit(reason));
    }
  }

  /** erl ended: every proxy is dead and every request fails. */
  private lost(): void {
    this.gone = true;
    for (const proxy of this.proxies.values()) if (proxy.alive) proxy.end(erlGone);
    const pending = [...this.pending.values()];
    this.pending.clear();
    for (const call of pending) call.reject(new ProcessExit(erlGone));
  }
}

const a = atom;
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype;

/** The typed options as OTP's option list; anything else passes through as the term it is. */
export function optionList(options: TableOptions): Term {
  if (!isPlainObject(options)) return options as unknown as Term;
  const items: Term[] = [];
  for (const [key, value] of Object.entries(options)) {
    switch (key) {
      case 'type':
      case 'access':
        items.push(typeof value === 'string' ? a(value) : (value as Term));
        break;
      case 'namedTable':
        if (value === true) items.push(a('named_table'));
        else if (value !== false) items.push([a('named_table'), value as Term]);
        break;
      case 'keypos':
        items.push([a('keypos'), value as Term]);
        break;
      case 'heir':
        items.push(heirOption(value));
        break;
      case 'readConcurrency':
        items.push([a('read_concurrency'), value as Term]);
        break;
      case 'writeConcurrency':
        items.push([a('write_concurrency'), value === 'auto' ? a('auto') : (value as Term)]);
        break;
      case 'decentralizedCounters':
        items.push([a('decentralized_counters'), value as Term]);
        break;
      case 'compressed':
        if (value === true) items.push(a('compressed'));
        else if (value !== false) items.push([a('compressed'), value as Term]);
        break;
      default:
        // An option OTP does not know: its name as an atom, which OTP rejects.
        items.push(a(key));
    }
  }
  return list(...items);
}

function heirOption(value: unknown): Term {
  if (value === 'none') return [a('heir'), a('none')];
  if (isPlainObject(value)) {
    // OTP 28's {heir, Pid} when there is no data.
    return value.data === undefined
      ? [a('heir'), value.pid as Term]
      : [a('heir'), value.pid as Term, value.data as Term];
  }
  return [a('heir'), value as Term];
}

function setoptsList(options: SetoptsOptions): Term {
  if (!isPlainObject(options)) return options as unknown as Term;
  const items: Term[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (key === 'heir') items.push(heirOption(value));
    else if (key === 'protection')
      items.push([a('protection'), typeof value === 'string' ? a(value) : (value as Term)]);
    else items.push([a(key), value as Term]);
  }
  return list(...items);
}

const arrayOf = (term: Term): Term[] => (term instanceof List ? [...term.items] : (term as Term[]));

/** `{Key, Objects}` of `first_lookup` and friends with the objects as an array. */
async function traversalLookup(result: Promise<Term>): Promise<readonly [Term, Tuple[]] | Atom> {
  const value = await result;
  if (isAtom(value)) return value;
  const [key, objects] = value as Tuple;
  return [key!, arrayOf(objects!) as Tuple[]];
}

/**
 * The result of `select/1,2,3` and the match functions: a list (arity 2) as an array, a chunk
 * `{Results, Continuation}` with its results as an array, or `'$end_of_table'`.
 */
async function selectLike(result: Promise<Term>, arity: number): Promise<Term> {
  const value = await result;
  if (arity === 2) return arrayOf(value);
  if (isAtom(value)) return value;
  const [results, continuation] = value as Tuple;
  return [arrayOf(results!), continuation!];
}

function tabToFileList(options: TabToFileOptions): Term {
  if (!isPlainObject(options)) return options as unknown as Term;
  const items: Term[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (key === 'extendedInfo') {
      const infos = (value as readonly (string | Atom)[]).map((info) =>
        typeof info === 'string' ? a(info) : info,
      );
      items.push([a('extended_info'), list(...infos)]);
    } else if (key === 'sync') items.push([a('sync'), value as Term]);
    else items.push([a(key), value as Term]);
  }
  return list(...items);
}

function fileToTabList(options: FileToTabOptions): Term {
  if (!isPlainObject(options)) return options as unknown as Term;
  const items: Term[] = [];
  for (const [key, value] of Object.entries(options)) items.push([a(key), value as Term]);
  return list(...items);
}

/** Where an OTP is: a chroot (`undefined` for `erl` on PATH), and its version when known. */
export interface OtpLocation {
  readonly root: string | undefined;
  /** The OTP version, e.g. `[27, 3]`; without it the adapter asks `erl` for its release. */
  readonly version?: readonly number[];
}

/**
 * A factory of instances backed by one `erl` each, on the OTP installation `root`, declaring
 * the capabilities of its version (`@tsunami/oracle`'s `findOtp()` gives both).
 */
export function otpFactory(installation: OtpLocation): EtsFactory {
  return async () => {
    const erl = new ErlangNode(installation.root);
    const capabilities = otpCapabilities(installation.version ?? [await erl.release()]);
    const root = installation.root;
    // The case body's own process; spawned bodies run with theirs in `current`.
    const main = erl.spawnProxy();
    // Unobserved until the first call: an instance closed unused must not report a rejection.
    main.catch(() => {});
    const current = new AsyncLocalStorage<ProxyProcess>();
    const caller = async (): Promise<ProxyProcess> => current.getStore() ?? (await main);
    /** Runs `request` in the calling process's proxy. */
    const callHere = async (request: Term): Promise<Term> => erl.call(await caller(), request);
    /** A path as the cases see it, as a file name inside the chroot (an Erlang string). */
    const erlangFilename = (path: string): Term =>
      charList(root !== undefined && path.startsWith(`${root}/`) ? path.slice(root.length) : path);
    const apply = (name: string, ...args: Term[]) => callHere([a('apply'), a(name), list(...args)]);
    const fold = async <A extends Term>(
      direction: 'foldl' | 'foldr',
      fold: (object: Tuple, accumulator: A) => A,
      initial: A,
      tab: Term,
    ): Promise<A> => {
      const visited = arrayOf(await callHere([a(direction), tab])).reverse() as Tuple[];
      let accumulator = initial;
      for (const object of visited) accumulator = fold(object, accumulator);
      return accumulator;
    };
    const ets: EtsApi = {
      new: async (name, options = {}) => (await apply('new', name, optionList(options))) as Atom,
      delete: (tab, ...key) => apply('delete', tab, ...key) as Promise<true>,
      deleteAllObjects: (tab) => apply('delete_all_objects', tab) as Promise<true>,
      deleteObject: (tab, object) => apply('delete_object', tab, object) as Promise<true>,
      insert: (tab, objects) => apply('insert', tab, objects) as Promise<true>,
      insertNew: (tab, objects) => apply('insert_new', tab, objects) as Promise<boolean>,
      lookup: async (tab, key) => arrayOf(await apply('lookup', tab, key)) as Tuple[],
      member: (tab, key) => apply('member', tab, key) as Promise<boolean>,
      lookupElement: (tab, key, position, ...rest) =>
        apply('lookup_element', tab, key, position, ...rest),
      take: async (tab, key) => arrayOf(await apply('take', tab, key)) as Tuple[],
      tab2list: async (tab) => arrayOf(await apply('tab2list', tab)) as Tuple[],
      first: (tab) => apply('first', tab),
      last: (tab) => apply('last', tab),
      next: (tab, key) => apply('next', tab, key),
      prev: (tab, key) => apply('prev', tab, key),
      slot: async (tab, index) => {
        const result = await apply('slot', tab, index);
        return isAtom(result) ? result : (arrayOf(result) as Tuple[]);
      },
      updateCounter: async (tab, key, operation, ...rest) => {
        const result = await apply('update_counter', tab, key, operation as Term, ...rest);
        return operation instanceof List ? arrayOf(result) : result;
      },
      updateElement: (tab, key, change, ...rest) =>
        apply('update_element', tab, key, change, ...rest) as Promise<boolean>,
      foldl: (fn, initial, tab) => fold('foldl', fn, initial, tab),
      foldr: (fn, initial, tab) => fold('foldr', fn, initial, tab),
      safeFixtable: (tab, fix) => apply('safe_fixtable', tab, fix) as Promise<true>,
      setopts: (tab, options) => apply('setopts', tab, setoptsList(options)) as Promise<true>,
      giveAway: (tab, pid, gift) => apply('give_away', tab, pid, gift) as Promise<true>,
      rename: (tab, name) => apply('rename', tab, name) as Promise<Atom>,
      whereis: (name) => apply('whereis', name),
      all: async () => arrayOf(await apply('all')) as Atom[],
      info: async (tab, ...item) => {
        const items = item.map((entry) => (typeof entry === 'string' ? a(entry) : entry));
        const result = await apply('info', tab, ...(items as Term[]));
        return item.length === 0 && result instanceof List ? arrayOf(result) : result;
      },
      firstLookup: (tab) => traversalLookup(apply('first_lookup', tab)),
      lastLookup: (tab) => traversalLookup(apply('last_lookup', tab)),
      nextLookup: (tab, key) => traversalLookup(apply('next_lookup', tab, key)),
      prevLookup: (tab, key) => traversalLookup(apply('prev_lookup', tab, key)),
      select: (...args: Term[]) => selectLike(apply('select', ...args), args.length),
      selectReverse: (...args: Term[]) => selectLike(apply('select_reverse', ...args), args.length),
      match: (...args: Term[]) => selectLike(apply('match', ...args), args.length),
      matchObject: (...args: Term[]) => selectLike(apply('match_object', ...args), args.length),
      selectCount: (tab, spec) => apply('select_count', tab, spec) as Promise<number>,
      selectDelete: (tab, spec) => apply('select_delete', tab, spec) as Promise<number>,
      selectReplace: (tab, spec) => apply('select_replace', tab, spec) as Promise<number>,
      matchDelete: (tab, pattern) => apply('match_delete', tab, pattern) as Promise<true>,
      testMs: (object, spec) => apply('test_ms', object, spec),
      matchSpecCompile: (spec) => apply('match_spec_compile', spec),
      matchSpecRun: async (objects, compiled) =>
        arrayOf(await apply('match_spec_run', list(...objects), compiled)),
      isCompiledMs: (term) => apply('is_compiled_ms', term) as Promise<boolean>,
      repairContinuation: (continuation, spec) => apply('repair_continuation', continuation, spec),
      tab2file: (tab, filename, options = {}) =>
        apply('tab2file', tab, erlangFilename(filename), tabToFileList(options)),
      file2tab: (filename, options = {}) =>
        apply('file2tab', erlangFilename(filename), fileToTabList(options)),
      tabfileInfo: async (filename) => {
        const result = (await apply('tabfile_info', erlangFilename(filename))) as Tuple;
        return result[1] instanceof List ? [result[0]!, arrayOf(result[1])] : result;
      },
    } as EtsApi;
    const processes: ProcessApi = {
      self: async () => (await caller()).pid,
      spawn: async (body) => {
        const proxy = await erl.spawnProxy();
        Promise.resolve()
          .then(() => current.run(proxy, body))
          .then(
            () => erl.stop(proxy, a('normal')),
            (error: unknown) => erl.stop(proxy, exitReasonOf(error)),
          );
        return proxy.pid;
      },
      send: async (pid, message) => {
        await callHere([a('send'), pid, message]);
      },
      receive: async (options = {}) => (await caller()).receive(options),
      exit: async (pid, reason = a('kill')) => {
        await callHere([a('exit'), pid, reason]);
      },
      isAlive: async (pid) => (await callHere([a('is_alive'), pid])) as boolean,
      exited: (pid) => erl.exited(pid),
    };
    return {
      ets,
      processes,
      capabilities,
      // Files the chrooted erl writes must lie inside the chroot.
      makeDirectory: () =>
        mkdtempSync(
          join(root ?? tmpdir(), root === undefined ? '' : 'tmp', 'tsunami-conformance-'),
        ),
      close: () => erl.close(),
    };
  };
}

/** A settled body's exit reason, as `NodeProcessRuntime` gives it: `{error, Message}` for a throw. */
function exitReasonOf(error: unknown): Term {
  if (error instanceof ProcessExit) return error.reason;
  return [atom('error'), error instanceof Error ? error.message : String(error)];
}
