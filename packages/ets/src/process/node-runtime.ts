/**
 * The default process runtime for Node: lightweight processes that are async functions, with the
 * calling process carried across `await` by `AsyncLocalStorage`. Each process has a mailbox;
 * `receive` waits for the first message that matches. A script that never spawns runs as one
 * implicit process (the main process) and never notices any of this.
 *
 * Processes cannot be preempted: `exit(pid)` marks a process dead, runs its exit hooks (ETS
 * deletes or hands over its tables) and rejects its pending `receive`, but JS code already
 * running in it goes on until it next awaits a receive. ETS stops such a process at its next
 * call: {@link NodeProcessRuntime.checkCallerAlive} throws {@link ProcessExit} in it.
 *
 * Invariant: `endedWhileRunning` holds exactly the ended processes whose code may still run
 * (the main process, or a spawned one whose body has not settled), so the check costs one
 * size test while no process was ended from outside.
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import { atom, Pid, type Term } from '@tsunami/core';
import type { ProcessRuntime } from './runtime.js';

/** The exit reason of a process that returned. */
export const normalReason: Term = atom('normal');
/** The default exit reason of `exit(pid)`. */
export const killedReason: Term = atom('killed');

/** Thrown inside a process to end it with `reason`; rejects the `receive` of a killed process. */
export class ProcessExit extends Error {
  override readonly name = 'ProcessExit';
  constructor(readonly reason: Term) {
    super('the process has exited');
  }
}

/** Options of {@link NodeProcessRuntime.receive}. */
export interface ReceiveOptions {
  /** Takes the first message for which this returns true (default: the first message). */
  readonly match?: (message: Term) => boolean;
  /** Milliseconds to wait; on timeout `receive` resolves `undefined`. Default: forever. */
  readonly timeout?: number;
}

interface Waiter {
  readonly match: (message: Term) => boolean;
  readonly resolve: (message: Term | undefined) => void;
  readonly reject: (error: Error) => void;
  timer: ReturnType<typeof setTimeout> | undefined;
}

class ProcessState {
  readonly mailbox: Term[] = [];
  readonly waiters: Waiter[] = [];
  readonly exitHooks = new Set<(reason: Term) => void>();
  exitReason: Term | undefined;
  /** Whether the process's code has finished (its body settled); never for the main process. */
  finished = false;

  constructor(readonly pid: Pid) {}

  get alive(): boolean {
    return this.exitReason === undefined;
  }
}

const FIRST_PROCESS_ID = 80;
const matchAny = (): boolean => true;

/** Processes as async functions on one Node thread. See the module comment. */
export class NodeProcessRuntime implements ProcessRuntime {
  private readonly current = new AsyncLocalStorage<ProcessState>();
  private readonly processes = new Map<number, ProcessState>();
  private readonly endedWhileRunning = new Set<ProcessState>();
  private nextId = FIRST_PROCESS_ID;
  private readonly main: ProcessState = this.register();

  /** The implicit process of code that runs outside any spawned process. */
  get mainPid(): Pid {
    return this.main.pid;
  }

  self(): Pid {
    return (this.current.getStore() ?? this.main).pid;
  }

  isAlive(pid: Pid): boolean {
    return this.lookup(pid) !== undefined;
  }

  send(pid: Pid, message: Term): void {
    const state = this.lookup(pid);
    if (state === undefined) return;
    const index = state.waiters.findIndex((waiter) => waiter.match(message));
    if (index === -1) {
      state.mailbox.push(message);
      return;
    }
    const [waiter] = state.waiters.splice(index, 1);
    if (waiter!.timer !== undefined) clearTimeout(waiter!.timer);
    waiter!.resolve(message);
  }

  onExit(pid: Pid, hook: (reason: Term) => void): () => void {
    const state = this.lookup(pid);
    if (state === undefined) {
      hook(atom('noproc'));
      return () => {};
    }
    state.exitHooks.add(hook);
    return () => state.exitHooks.delete(hook);
  }

  /**
   * Starts a process running `body` and returns its pid at once; the body starts on a later
   * microtask. The process ends with reason `normal` when `body` settles, with the reason of a
   * thrown {@link ProcessExit}, or with `{error, Message}` when it throws anything else.
   */
  spawn(body: () => unknown): Pid {
    const state = this.register();
    const finish = (reason: Term): void => {
      state.finished = true;
      this.endedWhileRunning.delete(state);
      this.end(state, reason);
    };
    Promise.resolve()
      .then(() => this.current.run(state, body))
      .then(
        () => finish(normalReason),
        (error: unknown) => finish(reasonOf(error)),
      );
    return state.pid;
  }

  /** Throws {@link ProcessExit} with its reason when the calling process has been ended. */
  checkCallerAlive(): void {
    if (this.endedWhileRunning.size === 0) return;
    const state = this.current.getStore() ?? this.main;
    if (!state.alive) throw new ProcessExit(state.exitReason!);
  }

  /**
   * Takes the first message in the calling process's mailbox that matches, waiting for one.
   * Rejects with {@link ProcessExit} when the process is killed while waiting.
   */
  receive(options: ReceiveOptions = {}): Promise<Term | undefined> {
    const state = this.current.getStore() ?? this.main;
    if (!state.alive) return Promise.reject(new ProcessExit(state.exitReason!));
    const match = options.match ?? matchAny;
    const index = state.mailbox.findIndex(match);
    if (index !== -1) return Promise.resolve(state.mailbox.splice(index, 1)[0]);
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { match, resolve, reject, timer: undefined };
      if (options.timeout !== undefined) {
        waiter.timer = setTimeout(() => {
          state.waiters.splice(state.waiters.indexOf(waiter), 1);
          resolve(undefined);
        }, options.timeout);
      }
      state.waiters.push(waiter);
    });
  }

  /** The messages waiting in `pid`'s mailbox, oldest first (a copy). */
  mailbox(pid: Pid): Term[] {
    return [...(this.lookup(pid)?.mailbox ?? [])];
  }

  /** Ends process `pid` with `reason` (default `killed`). Ending a dead process does nothing. */
  exit(pid: Pid, reason: Term = killedReason): void {
    const state = this.lookup(pid);
    if (state !== undefined) this.end(state, reason);
  }

  private register(): ProcessState {
    const state = new ProcessState(new Pid(this.nextId, 0));
    this.nextId += 1;
    this.processes.set(state.pid.id, state);
    return state;
  }

  /** Pids are values: an equal pid built elsewhere names the same process. */
  private lookup(pid: Pid): ProcessState | undefined {
    const state = this.processes.get(pid.id);
    if (state === undefined) return undefined;
    const { pid: known } = state;
    const same =
      known.serial === pid.serial && known.node === pid.node && known.creation === pid.creation;
    return same ? state : undefined;
  }

  private end(state: ProcessState, reason: Term): void {
    if (!state.alive) return;
    state.exitReason = reason;
    if (!state.finished) this.endedWhileRunning.add(state);
    state.mailbox.length = 0;
    // A dead process is forgotten: later lookups of its pid find no process (`noproc`).
    this.processes.delete(state.pid.id);
    for (const waiter of state.waiters.splice(0)) {
      if (waiter.timer !== undefined) clearTimeout(waiter.timer);
      waiter.reject(new ProcessExit(reason));
    }
    const hooks = [...state.exitHooks];
    state.exitHooks.clear();
    for (const hook of hooks) hook(reason);
  }
}

function reasonOf(error: unknown): Term {
  if (error instanceof ProcessExit) return error.reason;
  const message = error instanceof Error ? error.message : String(error);
  return [atom('error'), message];
}
