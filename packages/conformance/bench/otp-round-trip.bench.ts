/**
 * What one `ets` call costs through the OTP adapter (`src/otp.ts`), where each call is a round
 * trip: encode, the pipe to `erl`, the main process, the caller's proxy process, `ets`, and
 * back the same way. An `ets:lookup/2` of one small object on a set, measured:
 *
 * - `sequential`: one call awaited after another, as the ported cases make them;
 * - `100 in flight`: a hundred calls of one process sent before any reply (one iteration is
 *   100 calls), the throughput when the pipe is kept full;
 * - `from a spawned process`: sequential calls made inside a spawned body, through its own
 *   proxy (the same path, plus the `AsyncLocalStorage` lookup of the caller).
 *
 * Run: `pnpm exec vitest bench --project conformance --run bench/otp-round-trip.bench.ts`
 * (needs an OTP installation, found as `@tsunami/oracle`'s `findOtp` finds it).
 */
import { atom } from '@tsunami/core';
import { findOtp } from '@tsunami/oracle';
import { afterAll, bench, describe } from 'vitest';
import { otpFactory } from '../src/otp.js';

const installation = findOtp();
if (installation === null) throw new Error('the OTP round-trip benchmark needs Erlang/OTP');
const { ets, processes, close } = await otpFactory(installation)();
const table = await ets.new(atom('bench'), { access: 'public' });
await ets.insert(table, [1, atom('one')]);
const IN_FLIGHT = 100;

afterAll(async () => {
  await close?.();
});

describe(`one ets:lookup/2 through the OTP adapter (OTP ${installation.version.join('.')})`, () => {
  bench('sequential', async () => {
    await ets.lookup(table, 1);
  });
  bench(`${IN_FLIGHT} in flight`, async () => {
    await Promise.all(Array.from({ length: IN_FLIGHT }, () => ets.lookup(table, 1)));
  });
  bench('from a spawned process, 100 sequential', async () => {
    const pid = await processes.spawn(async () => {
      for (let call = 0; call < 100; call += 1) await ets.lookup(table, 1);
    });
    await processes.exited(pid);
  });
});
