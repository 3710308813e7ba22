import { findOtp, hasBehaviour, otpDifferences } from '@tsunami/oracle';
import { describe, it } from 'vitest';
import { otpFactory, type RegisterTest, suite } from '../src/index.js';

// The ported cases against real Erlang/OTP: a case that fails here is a porting bug. Without
// OTP the block is skipped locally and fails under CI, as the oracle's differential tests do.
const installation = findOtp();
if (installation === null && process.env.CI) {
  describe('ets_SUITE on Erlang/OTP', () => {
    throw new Error('CI is set but no Erlang/OTP was found');
  });
}

// On an OTP older than the latest release, the cases that the one list of OTP differences names
// for a behaviour this OTP lacks are expected to fail (and reported if they pass).
const expectedToFail = new Set(
  installation === null
    ? []
    : otpDifferences
        .filter((difference) => !hasBehaviour(installation.version, difference.id))
        .flatMap((difference) => difference.conformanceCases ?? []),
);
const test: RegisterTest = (name, body, timeout) =>
  (expectedToFail.has(name) ? it.fails : it)(name, body, timeout);

describe.skipIf(installation === null)(
  `ets_SUITE on Erlang/OTP ${installation?.version.join('.') ?? ''}`,
  async () => {
    if (installation === null) return;
    await suite({ test, factory: otpFactory(installation) });
  },
);
