import { atom, exactEquals, list, type Pid, type Term } from '@tsunami/core';
import { ProcessExit } from '@tsunami/ets';
import { findOtp, hasBehaviour } from '@tsunami/oracle';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EtsInstance } from '../src/adapter.js';
import { isBadarg, otpCapabilities, otpFactory } from '../src/index.js';

// The OTP adapter's processes: one Erlang proxy per JS process, so these properties are
// Erlang's own, observed through the adapter.
const a = atom;
const installation = findOtp();

/** Settles with how `promise` ended: its value, or the error it rejected with. */
const outcome = (promise: Promise<unknown>): Promise<{ value?: unknown; error?: unknown }> =>
  promise.then(
    (value) => ({ value }),
    (error: unknown) => ({ error }),
  );

const exitReason = (error: unknown): Term | undefined =>
  error instanceof ProcessExit ? error.reason : undefined;

describe('the OTP adapter declares the capabilities of its OTP version', () => {
  it.each([
    [25, 2, 3],
    [26, 2],
    [27, 3, 4, 1],
    [28, 0],
  ])('OTP %s', (...version: number[]) => {
    const capabilities = otpCapabilities(version);
    expect(capabilities.processes).toBe(true);
    expect(capabilities.lookupElementDefault).toBe(hasBehaviour(version, 'lookup-element-default'));
    expect(capabilities.traversalLookup).toBe(hasBehaviour(version, 'first-next-lookup'));
    expect(capabilities.updateElementDefault).toBe(hasBehaviour(version, 'update-element-default'));
  });

  it.skipIf(installation === null)('asking erl for its release when not told', async () => {
    const instance = await otpFactory({ root: installation!.root })();
    await instance.close?.();
    expect(instance.capabilities).toEqual(otpCapabilities(installation!.version));
  });
});

describe.skipIf(installation === null)(
  'the OTP adapter runs each JS process in its own proxy',
  () => {
    let instance: EtsInstance;
    beforeEach(async () => {
      instance = await otpFactory(installation!)();
    });
    afterEach(async () => {
      await instance.close?.();
    });

    it('a spawned body is its own process: self, ownership and access rights', async () => {
      const { ets, processes } = instance;
      const parent = await processes.self();
      const table = await ets.new(a('private_one'), { access: 'private' });
      const seen: Term[] = [];
      const child = await processes.spawn(async () => {
        seen.push(await processes.self());
        seen.push(isBadarg((await outcome(Promise.resolve(ets.lookup(table, 1)))).error) as Term);
        const own = await ets.new(a('childs'), {});
        seen.push((await ets.info(own, a('owner'))) as Term);
      });
      expect(await processes.exited(child)).toBe(a('normal'));
      expect(exactEquals(seen[0]!, child)).toBe(true);
      expect(exactEquals(seen[0]!, parent)).toBe(false);
      expect(seen[1]).toBe(true);
      expect(exactEquals(seen[2]!, child)).toBe(true);
      expect(exactEquals((await ets.info(table, a('owner'))) as Term, parent)).toBe(true);
    });

    it('calls of several processes are in flight at once', async () => {
      const { ets, processes } = instance;
      const table = await ets.new(a('shared'), { access: 'public' });
      const reasons = await Promise.all(
        [0, 1, 2, 3].map(async (writer) => {
          const pid = await processes.spawn(async () => {
            await Promise.all(
              Array.from({ length: 50 }, (_, index) => ets.insert(table, [writer * 100 + index])),
            );
          });
          // Monitored before the body's replies can come back, so before it ends.
          return processes.exited(pid);
        }),
      );
      expect(reasons).toEqual([a('normal'), a('normal'), a('normal'), a('normal')]);
      expect(await ets.info(table, a('size'))).toBe(200);
    });

    it('the heir gets the exact ETS-TRANSFER message', async () => {
      const { ets, processes } = instance;
      const parent = await processes.self();
      const child = await processes.spawn(async () => {
        const table = await ets.new(a('inherited'), {
          access: 'private',
          heir: { pid: parent, data: a('gift') },
        });
        await ets.insert(table, [a('key'), 1]);
        await processes.send(parent, [a('table'), table]);
      });
      const [, table] = (await processes.receive({ timeout: 5000 })) as [Term, Term];
      await processes.exited(child);
      const transfer = await processes.receive({ timeout: 5000 });
      expect(exactEquals(transfer!, [a('ETS-TRANSFER'), table!, child, a('gift')])).toBe(true);
      expect(await ets.lookup(table as never, a('key'))).toEqual([[a('key'), 1]]);
    });

    it('messages of any shape reach the JS mailbox, which receive matches in JS', async () => {
      const { processes } = instance;
      const self = await processes.self();
      // Shapes like the driver's own requests are messages like any other.
      const messages: Term[] = [
        [a('call'), 1, a('self')],
        [a('stop'), a('normal')],
        list(1, 2),
        a('last'),
      ];
      for (const message of messages) await processes.send(self, message);
      expect(await processes.receive({ match: (message) => message === a('last') })).toBe(
        a('last'),
      );
      for (const message of messages.slice(0, 3)) {
        expect(exactEquals((await processes.receive({ timeout: 5000 }))!, message)).toBe(true);
      }
      expect(await processes.receive({ timeout: 20 })).toBeUndefined();
      expect(await processes.isAlive(self)).toBe(true);
    });

    it('a body ends its process: normal, or {error, Message} when it throws', async () => {
      const { processes } = instance;
      const normal = await processes.spawn(async () => {});
      const thrown = await processes.spawn(async () => {
        throw new Error('boom');
      });
      expect(await processes.exited(normal)).toBe(a('normal'));
      expect(exactEquals(await processes.exited(thrown), [a('error'), 'boom'])).toBe(true);
      expect(await processes.isAlive(normal)).toBe(false);
      // Asked again after the end, the reason is still the process's own.
      expect(exactEquals(await processes.exited(thrown), [a('error'), 'boom'])).toBe(true);
    });

    it('a process killed from outside fails its receive and every later call', async () => {
      const { ets, processes } = instance;
      const table = await ets.new(a('public_one'), { access: 'public' });
      let afterwards: Promise<{ value?: unknown; error?: unknown }> | undefined;
      const waiting = await processes.spawn(async () => {
        try {
          await processes.receive();
        } finally {
          afterwards = outcome(Promise.resolve(ets.insert(table, [1])));
        }
      });
      await processes.exit(waiting, a('bang'));
      expect(await processes.exited(waiting)).toBe(a('bang'));
      await expect.poll(() => afterwards).toBeDefined();
      expect(exitReason((await afterwards!).error)).toBe(a('bang'));
      expect(await processes.isAlive(waiting)).toBe(false);
      expect(await ets.info(table, a('size'))).toBe(0);
    });

    it('a process that kills itself gets no reply to that call', async () => {
      const { processes } = instance;
      let result: { value?: unknown; error?: unknown } | undefined;
      const suicidal: Pid = await processes.spawn(async () => {
        result = await outcome(
          (async () => processes.exit(await processes.self(), a('kill')))() as Promise<unknown>,
        );
      });
      expect(await processes.exited(suicidal)).toBe(a('killed'));
      await expect.poll(() => result).toBeDefined();
      expect(exitReason(result!.error)).toBe(a('killed'));
    });

    it('closing the instance ends the processes still waiting', async () => {
      const { processes } = instance;
      let result: { value?: unknown; error?: unknown } | undefined;
      await processes.spawn(async () => {
        result = await outcome(processes.receive());
      });
      await instance.close?.();
      await expect.poll(() => result).toBeDefined();
      expect(exitReason(result!.error)).toBe(a('noconnection'));
    });
  },
);
