/**
 * The contract between the conformance suite and an ETS implementation: the `ets` API the cases
 * call ({@link EtsApi}, modelled on `@tsunami/ets`'s `Ets` class), the processes they spawn and
 * message ({@link ProcessApi}, modelled on `NodeProcessRuntime`), and the capability manifest
 * the implementation declares ({@link Capabilities}).
 *
 * Every method may return a value or a promise of it ({@link Awaitable}), and the cases `await`
 * every call, so one contract serves an in-process implementation (synchronous) and one reached
 * over a pipe (real `erl`, where each call is a round trip).
 *
 * Errors: a call that OTP fails with `error:badarg` must throw (or reject with) an object whose
 * `reason` is the atom `badarg` ({@link isBadarg}), as `@tsunami/ets`'s `EtsError` is.
 */
import {
  type Atom,
  atom,
  exactEquals,
  type List,
  type Pid,
  type Term,
  type Tuple,
} from '@tsunami/core';
import type {
  Access,
  FileToTabOptions,
  Heir,
  InfoItem,
  InitFun,
  TableId,
  TableOptions,
  TabToFileOptions,
  UpdateOperation,
} from '@tsunami/ets';

/** A value, or a promise of it: what every adapter method returns. */
export type Awaitable<T> = T | Promise<T>;

/** The ETS operations the ported cases call, named and typed as in `@tsunami/ets`. */
export interface EtsApi {
  'new'(name: Atom, options?: TableOptions): Awaitable<TableId>;
  delete(tab: TableId, ...key: [] | [Term]): Awaitable<true>;
  deleteAllObjects(tab: TableId): Awaitable<true>;
  deleteObject(tab: TableId, object: Tuple): Awaitable<true>;
  insert(tab: TableId, objects: Tuple | List): Awaitable<true>;
  insertNew(tab: TableId, objects: Tuple | List): Awaitable<boolean>;
  lookup(tab: TableId, key: Term): Awaitable<Tuple[]>;
  member(tab: TableId, key: Term): Awaitable<boolean>;
  lookupElement(
    tab: TableId,
    key: Term,
    position: number,
    ...defaultValue: [] | [Term]
  ): Awaitable<Term>;
  take(tab: TableId, key: Term): Awaitable<Tuple[]>;
  tab2list(tab: TableId): Awaitable<Tuple[]>;
  first(tab: TableId): Awaitable<Term>;
  last(tab: TableId): Awaitable<Term>;
  next(tab: TableId, key: Term): Awaitable<Term>;
  prev(tab: TableId, key: Term): Awaitable<Term>;
  slot(tab: TableId, index: number): Awaitable<Tuple[] | Atom>;
  updateCounter(
    tab: TableId,
    key: Term,
    operation: UpdateOperation | List,
    ...defaultObject: [] | [Tuple]
  ): Awaitable<Term>;
  updateElement(
    tab: TableId,
    key: Term,
    change: Tuple | List,
    ...defaultObject: [] | [Tuple]
  ): Awaitable<boolean>;
  foldl<A extends Term>(
    fold: (object: Tuple, accumulator: A) => A,
    initial: A,
    tab: TableId,
  ): Awaitable<A>;
  foldr<A extends Term>(
    fold: (object: Tuple, accumulator: A) => A,
    initial: A,
    tab: TableId,
  ): Awaitable<A>;
  safeFixtable(tab: TableId, fix: boolean): Awaitable<true>;
  /** `ets:setopts/2`: OTP accepts `heir` and `protection`. */
  setopts(tab: TableId, options: SetoptsOptions): Awaitable<true>;
  giveAway(tab: TableId, pid: Pid, gift: Term): Awaitable<true>;
  rename(tab: TableId, name: Atom): Awaitable<TableId>;
  whereis(name: Atom): Awaitable<Term>;
  all(): Awaitable<TableId[]>;
  info(
    tab: TableId,
    ...item: [] | [InfoItem | Atom]
  ): Awaitable<Term | Array<readonly [Atom, Term]>>;
  /** `ets:init_table/2` (capability initTable): the loader is a JS function, as in @tsunami/ets. */
  initTable(tab: TableId, initFun: InitFun): Awaitable<true>;

  // ---- traversal with lookup (capability traversalLookup) ----
  firstLookup(tab: TableId): Awaitable<readonly [Term, Tuple[]] | Atom>;
  lastLookup(tab: TableId): Awaitable<readonly [Term, Tuple[]] | Atom>;
  nextLookup(tab: TableId, key: Term): Awaitable<readonly [Term, Tuple[]] | Atom>;
  prevLookup(tab: TableId, key: Term): Awaitable<readonly [Term, Tuple[]] | Atom>;

  // ---- match specifications (capability select) ----
  select(tab: TableId, spec: Term): Awaitable<Term[]>;
  select(tab: TableId, spec: Term, limit: number): Awaitable<Chunk | Atom>;
  select(continuation: Term): Awaitable<Chunk | Atom>;
  selectReverse(tab: TableId, spec: Term): Awaitable<Term[]>;
  selectReverse(tab: TableId, spec: Term, limit: number): Awaitable<Chunk | Atom>;
  selectReverse(continuation: Term): Awaitable<Chunk | Atom>;
  selectCount(tab: TableId, spec: Term): Awaitable<number>;
  selectDelete(tab: TableId, spec: Term): Awaitable<number>;
  selectReplace(tab: TableId, spec: Term): Awaitable<number>;
  /** `ets:test_ms/2` as OTP returns it: `[ok, Result]` or `[error, Errors]`. */
  testMs(object: Tuple, spec: Term): Awaitable<Term>;
  /** `ets:match_spec_compile/1`: an opaque compiled specification. */
  matchSpecCompile(spec: Term): Awaitable<Term>;
  matchSpecRun(objects: Term[], compiled: Term): Awaitable<Term[]>;
  isCompiledMs(term: Term): Awaitable<boolean>;
  repairContinuation(continuation: Term, spec: Term): Awaitable<Term>;

  // ---- match patterns (capability match) ----
  match(tab: TableId, pattern: Term): Awaitable<Term[]>;
  match(tab: TableId, pattern: Term, limit: number): Awaitable<Chunk | Atom>;
  match(continuation: Term): Awaitable<Chunk | Atom>;
  matchObject(tab: TableId, pattern: Term): Awaitable<Tuple[]>;
  matchObject(tab: TableId, pattern: Term, limit: number): Awaitable<Chunk | Atom>;
  matchObject(continuation: Term): Awaitable<Chunk | Atom>;
  matchDelete(tab: TableId, pattern: Term): Awaitable<true>;

  // ---- table files (capability tab2file); file names are paths as the cases see them ----
  /** `ets:tab2file/2,3`: the atom `ok` or `[error, Reason]`. */
  tab2file(tab: TableId, filename: string, options?: TabToFileOptions): Awaitable<Term>;
  /** `ets:file2tab/1,2`: `[ok, Tab]` or `[error, Reason]`. */
  file2tab(filename: string, options?: FileToTabOptions): Awaitable<Term>;
  /** `ets:tabfile_info/1`: `[ok, Items]` (items as `[key, value]` tuples) or `[error, Reason]`. */
  tabfileInfo(filename: string): Awaitable<Term>;
}

/** A chunk of `select/3` and friends: the results and the continuation or `'$end_of_table'`. */
export type Chunk = readonly [results: Term[], continuation: Term];

/** The options `ets:setopts/2` changes. */
export interface SetoptsOptions {
  readonly heir?: Heir | 'none';
  readonly protection?: Access;
}

/** What a message receive accepts. */
export interface ReceiveOptions {
  /** Takes the first message for which this returns true (default: the first message). */
  readonly match?: (message: Term) => boolean;
  /** Milliseconds to wait; on timeout `receive` resolves `undefined`. Default: forever. */
  readonly timeout?: number;
}

/**
 * The processes of the implementation, as the cases drive them. ETS calls made inside a
 * spawned `body` are made by that process (its `self()`), as in Erlang.
 */
export interface ProcessApi {
  /** The calling process. */
  self(): Awaitable<Pid>;
  /** Starts a process running `body`; it ends with reason `normal` when `body` settles. */
  spawn(body: () => Promise<unknown>): Awaitable<Pid>;
  /** Sends `message` to `pid` (dropped when it is dead). */
  send(pid: Pid, message: Term): Awaitable<void>;
  /** Takes a message from the calling process's mailbox. */
  receive(options?: ReceiveOptions): Promise<Term | undefined>;
  /** Ends `pid` with `reason` (default `kill`). */
  exit(pid: Pid, reason?: Term): Awaitable<void>;
  /** Whether `pid` is alive. */
  isAlive(pid: Pid): Awaitable<boolean>;
  /**
   * Resolves with `pid`'s exit reason when it ends (a monitor's `'DOWN'`); at once, with any
   * reason, when it is already dead.
   */
  exited(pid: Pid): Promise<Term>;
}

/**
 * What an implementation supports, declared by it and read by the suite. A case that needs a
 * capability the implementation lacks is reported as not applicable (with the capability it
 * needs), never skipped silently.
 */
export interface Capabilities {
  /** Processes: `spawn`, messages, owners, access rights from other processes, heirs. */
  readonly processes: boolean;
  /** `lookupElement` with a default (OTP 26+). */
  readonly lookupElementDefault: boolean;
  /** `updateElement` with a default object (OTP 27+). */
  readonly updateElementDefault: boolean;
  /** `first_lookup`/`next_lookup` and friends (OTP 27+). */
  readonly traversalLookup: boolean;
  /** `match`, `match_object`, `match_delete`. */
  readonly match: boolean;
  /** `select`, `select_count`, `select_delete`, `select_replace`, `select_reverse`. */
  readonly select: boolean;
  /** `tab2file`, `file2tab`, `tabfile_info`. */
  readonly tab2file: boolean;
  /**
   * OTP 29's checks of default objects: `update_element/4` and `update_counter/4` reject a
   * default too short to hold the key, whether or not the key exists (OTP 27 stores such an
   * object when the key is absent, and ignores it when the key exists).
   */
  readonly defaultObjectsOtp29: boolean;
  /**
   * A case may make millions of calls and still finish in seconds: true for an in-process
   * implementation. A driver with one round trip per call (the OTP adapter, until it batches
   * calls) declares false, and the few cases that make millions of calls are not applicable.
   */
  readonly manyCalls: boolean;
  /**
   * `ets:init_table/2` with a JS loader function. The OTP adapter lacks it: an Erlang fun cannot
   * be sent over its pipe.
   */
  readonly initTable: boolean;
}

/** A capability a case may need: a boolean field of {@link Capabilities}. */
export type Capability = keyof Capabilities;

/** One fresh, isolated implementation instance for one case. */
export interface EtsInstance {
  readonly ets: EtsApi;
  readonly processes: ProcessApi;
  readonly capabilities: Capabilities;
  /**
   * Makes a fresh directory for a case's files (`priv_dir` in OTP's suite), a path the case
   * reads with `node:fs` and passes to `tab2file`. Default: a new directory under the OS's
   * temporary directory. An implementation whose files live elsewhere (a chroot) says where.
   */
  makeDirectory?(): Awaitable<string>;
  /** Releases what the instance holds (processes, a connection). Called after the case. */
  close?(): Awaitable<void>;
}

/** Makes a fresh instance per case. */
export type EtsFactory = () => Awaitable<EtsInstance>;

const badarg = atom('badarg');

/** Whether `error` is an ETS `badarg` (an object whose `reason` is the atom `badarg`). */
export function isBadarg(error: unknown): boolean {
  if (typeof error !== 'object' || error === null || !('reason' in error)) return false;
  return exactEquals((error as { reason: Term }).reason, badarg);
}
