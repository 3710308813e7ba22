/**
 * The process runtime ETS runs on: who is calling (`self`), whether a process lives, message
 * delivery, and a hook when a process ends. ETS needs processes for table owners, access rights
 * (`protected`, `private`), heirs, `give_away` and the `{'ETS-TRANSFER', Tab, FromPid, HeirData}`
 * message. An Erlang-on-JS runtime plugs in its own processes by implementing
 * {@link ProcessRuntime}; {@link NodeProcessRuntime} is the default.
 */
import type { Pid, Term } from '@tsunami/core';

/** What ETS asks of a process runtime. */
export interface ProcessRuntime {
  /** The process that is calling. Code outside any spawned process is one implicit process. */
  self(): Pid;
  /** Whether `pid` is a live process of this runtime. */
  isAlive(pid: Pid): boolean;
  /** Delivers `message` to the mailbox of `pid`; a message to a dead process is dropped. */
  send(pid: Pid, message: Term): void;
  /**
   * Calls `hook` once, with the exit reason, when `pid` ends (at once when it is already dead).
   * Returns a function that cancels the hook.
   */
  onExit(pid: Pid, hook: (reason: Term) => void): () => void;
  /**
   * Throws when the calling process has ended but its code still runs (a runtime that cannot
   * preempt a process it ends lets it run to its next wait); ETS calls this before every call,
   * so such a process changes and reads nothing more, as in Erlang. Optional: a runtime that
   * stops a process at once does not need it.
   */
  checkCallerAlive?(): void;
}
