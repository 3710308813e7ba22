/**
 * Behaviour the conformance suite (`@tsunami/conformance`, OTP's ets_SUITE) found wrong, each
 * checked here as OTP 27 does it (asked of erl when the fix was made).
 */
import { atom, list, type Pid } from '@tsunami/core';
import { describe, expect, it } from 'vitest';
import { createEts, EtsError, NodeProcessRuntime, ProcessExit } from '../src/index.js';

const a = atom;

function fresh() {
  const runtime = new NodeProcessRuntime();
  return { ets: createEts({ runtime }), runtime };
}

async function deadProcess(runtime: NodeProcessRuntime): Promise<Pid> {
  const pid = runtime.spawn(async () => {});
  await new Promise<void>((resolve) => runtime.onExit(pid, () => resolve()));
  return pid;
}

describe('a heir that is not alive is stored as none (heir)', () => {
  it('by new', async () => {
    const { ets, runtime } = fresh();
    const dead = await deadProcess(runtime);
    const table = ets.new(a('t'), { heir: { pid: dead, data: a('d') } });
    expect(ets.info(table, 'heir')).toBe(a('none'));
  });

  it('by setopts', async () => {
    const { ets, runtime } = fresh();
    const dead = await deadProcess(runtime);
    const table = ets.new(a('t'), {});
    ets.setopts(table, { heir: { pid: dead, data: a('d') } });
    expect(ets.info(table, 'heir')).toBe(a('none'));
  });
});

describe('a process ended while its code runs makes no more ETS calls', () => {
  it('its next call throws its exit and changes nothing', async () => {
    const { ets, runtime } = fresh();
    const table = ets.new(a('t'), { access: 'public' });
    let thrown: unknown;
    const pid = runtime.spawn(async () => {
      try {
        for (let key = 1; key <= 5; key += 1) {
          ets.insert(table, [key]);
          await undefined;
        }
      } catch (error) {
        thrown = error;
        throw error;
      }
    });
    const ended = new Promise((resolve) => runtime.onExit(pid, resolve));
    await undefined;
    await undefined;
    runtime.exit(pid, a('kill'));
    const reason = await ended;
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(reason).toBe(a('kill'));
    expect(thrown).toBeInstanceOf(ProcessExit);
    expect(ets.info(table, 'size')).toBeLessThan(5);
    expect(ets.info(table, 'size')).toBe(ets.tab2list(table).length);
  });

  it('cannot create a table', async () => {
    const { ets, runtime } = fresh();
    let outcome: unknown;
    const pid = runtime.spawn(async () => {
      await undefined;
      try {
        ets.new(a('late'), { namedTable: true });
        outcome = 'created';
      } catch (error) {
        outcome = error;
      }
    });
    runtime.exit(pid, a('kill'));
    await new Promise((resolve) => setTimeout(resolve, 5));
    expect(outcome).toBeInstanceOf(ProcessExit);
    expect(ets.whereis(a('late'))).toBe(a('undefined'));
  });
});

describe('write concurrency of a private table (info)', () => {
  it('is off, with no decentralized counters, and stays off when made public', () => {
    const { ets } = fresh();
    for (const options of [
      { writeConcurrency: true },
      { writeConcurrency: 'auto' as const },
      { type: 'ordered_set' as const, writeConcurrency: true, decentralizedCounters: true },
    ]) {
      const table = ets.new(a('t'), { access: 'private', ...options });
      expect(ets.info(table, 'write_concurrency')).toBe(false);
      expect(ets.info(table, 'decentralized_counters')).toBe(false);
      ets.setopts(table, { access: 'public' });
      expect(ets.info(table, 'write_concurrency')).toBe(false);
    }
    const table = ets.new(a('t'), { access: 'protected', writeConcurrency: 'auto' });
    expect(ets.info(table, 'write_concurrency')).toBe(a('auto'));
    expect(ets.info(table, 'decentralized_counters')).toBe(true);
  });
});

describe("stepping from '$end_of_table' (interface_equality)", () => {
  it('is badarg on an ordered_set, even when the table holds that key', () => {
    const { ets } = fresh();
    const table = ets.new(a('t'), { type: 'ordered_set' });
    ets.insert(table, list([1, a('a')], [a('$end_of_table'), a('x')]));
    for (const step of [
      () => ets.next(table, a('$end_of_table')),
      () => ets.prev(table, a('$end_of_table')),
      () => ets.nextLookup(table, a('$end_of_table')),
      () => ets.prevLookup(table, a('$end_of_table')),
    ]) {
      expect(step).toThrow(EtsError);
    }
  });

  it('is a key like any other in a hash table', () => {
    const { ets } = fresh();
    const table = ets.new(a('t'), { type: 'set' });
    ets.insert(table, list([1, a('a')], [a('$end_of_table'), a('x')]));
    expect([1, a('$end_of_table')]).toContain(ets.next(table, a('$end_of_table')));
  });
});
