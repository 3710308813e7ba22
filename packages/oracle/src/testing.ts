/**
 * Vitest glue for differential tests: one oracle per test file, started before and closed
 * after its tests. Without OTP the tests are skipped locally, and fail under CI (`CI` set),
 * where `.ci/run` installs OTP and its absence is a broken setup.
 */
import { afterAll, beforeAll, describe } from 'vitest';
import { ErlangOracle, findOtp } from './oracle.js';

/** Registers `body`'s tests with access to a running oracle through `oracle()`. */
export function withOracle(name: string, body: (oracle: () => ErlangOracle) => void): void {
  const available = findOtp() !== null;
  if (!available && process.env.CI) {
    describe(name, () => {
      throw new Error('CI is set but no Erlang/OTP was found: .ci/run should have installed it');
    });
    return;
  }
  describe.skipIf(!available)(name, () => {
    let running: ErlangOracle | null = null;
    beforeAll(() => {
      running = ErlangOracle.start();
    });
    afterAll(async () => {
      await running?.close();
    });
    body(() => {
      if (running === null) throw new Error('the oracle is not running');
      return running;
    });
  });
}
