import { findOtp } from '@tsunami/oracle';
import { describe, it } from 'vitest';
import { otpFactory, suite } from '../src/index.js';

// The ported cases against real Erlang/OTP: a case that fails here is a porting bug. Without
// OTP the block is skipped locally and fails under CI, as the oracle's differential tests do.
const installation = findOtp();
if (installation === null && process.env.CI) {
  describe('ets_SUITE on Erlang/OTP', () => {
    throw new Error('CI is set but no Erlang/OTP was found');
  });
}
describe.skipIf(installation === null)(
  `ets_SUITE on Erlang/OTP ${installation?.version.join('.') ?? ''}`,
  async () => {
    if (installation === null) return;
    await suite({ test: it, factory: otpFactory(installation) });
  },
);
