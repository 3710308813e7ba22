import { atom, Pid, type Term } from '@tsunami/core';
import { describe, expect, it } from 'vitest';
import { NodeProcessRuntime, ProcessExit } from '../src/index.js';

describe('NodeProcessRuntime', () => {
  it('runs code outside any process as the one implicit main process', () => {
    const runtime = new NodeProcessRuntime();
    expect(runtime.self()).toBe(runtime.mainPid);
    expect(runtime.isAlive(runtime.mainPid)).toBe(true);
  });

  it('returns a new pid from spawn at once and runs the body as that process across awaits', async () => {
    const runtime = new NodeProcessRuntime();
    const seen: Pid[] = [];
    let started = false;
    const pid = runtime.spawn(async () => {
      started = true;
      seen.push(runtime.self());
      await new Promise((resolve) => setTimeout(resolve, 1));
      seen.push(runtime.self());
    });
    expect(started).toBe(false);
    expect(pid).not.toEqual(runtime.mainPid);
    const reason = await new Promise<Term>((resolve) => runtime.onExit(pid, resolve));
    expect(reason).toBe(atom('normal'));
    expect(seen).toEqual([pid, pid]);
    expect(runtime.isAlive(pid)).toBe(false);
  });

  it('delivers messages in order and receives the first one that matches', async () => {
    const runtime = new NodeProcessRuntime();
    const received: Term[] = [];
    const pid = runtime.spawn(async () => {
      received.push((await runtime.receive({ match: (message) => message === 2 }))!);
      received.push((await runtime.receive())!);
      received.push((await runtime.receive())!);
    });
    runtime.send(pid, 1);
    runtime.send(pid, 2);
    runtime.send(pid, 3);
    await new Promise((resolve) => runtime.onExit(pid, resolve));
    expect(received).toEqual([2, 1, 3]);
  });

  it('resolves undefined when a receive times out', async () => {
    const runtime = new NodeProcessRuntime();
    expect(await runtime.receive({ timeout: 1 })).toBeUndefined();
    runtime.send(runtime.mainPid, atom('hello'));
    expect(await runtime.receive({ timeout: 1 })).toBe(atom('hello'));
  });

  it('runs exit hooks once with the reason, and rejects the receive of a killed process', async () => {
    const runtime = new NodeProcessRuntime();
    let outcome: unknown;
    const pid = runtime.spawn(async () => {
      try {
        await runtime.receive();
      } catch (error) {
        outcome = error;
      }
    });
    const reasons: Term[] = [];
    runtime.onExit(pid, (reason) => reasons.push(reason));
    await Promise.resolve();
    await Promise.resolve();
    runtime.exit(pid, atom('shutdown'));
    runtime.exit(pid, atom('again'));
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(reasons).toEqual([atom('shutdown')]);
    expect(outcome).toBeInstanceOf(ProcessExit);
    expect((outcome as ProcessExit).reason).toBe(atom('shutdown'));
  });

  it('ends a process that throws with {error, Message} and drops messages to the dead', async () => {
    const runtime = new NodeProcessRuntime();
    const pid = runtime.spawn(() => {
      throw new Error('boom');
    });
    const reason = await new Promise<Term>((resolve) => runtime.onExit(pid, resolve));
    expect(reason).toEqual([atom('error'), 'boom']);
    runtime.send(pid, 1);
    expect(runtime.mailbox(pid)).toEqual([]);
    const late: Term[] = [];
    runtime.onExit(pid, (lateReason) => late.push(lateReason));
    expect(late).toEqual([atom('noproc')]);
  });

  it('ends a process with the reason of a thrown ProcessExit', async () => {
    const runtime = new NodeProcessRuntime();
    const pid = runtime.spawn(() => {
      throw new ProcessExit(atom('bye'));
    });
    expect(await new Promise((resolve) => runtime.onExit(pid, resolve))).toBe(atom('bye'));
  });

  it('treats an equal pid built elsewhere as the same process', () => {
    const runtime = new NodeProcessRuntime();
    const pid = runtime.spawn(() => runtime.receive());
    const copy = new Pid(pid.id, pid.serial, pid.node, pid.creation);
    expect(runtime.isAlive(copy)).toBe(true);
    runtime.send(copy, 7);
    expect(runtime.mailbox(pid)).toEqual([7]);
    runtime.exit(pid);
  });
});
