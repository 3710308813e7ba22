/**
 * Differential test against real Erlang: thousands of random match specifications run on random
 * objects with `ets:test_ms/2` and with ours (both back ends), comparing results, `'EXIT'`s,
 * and rejections (ours must reject exactly when OTP does, with OTP's list of sentences; before
 * `matchspec-error-list`, our first sentence must be one of OTP's). Also checks that
 * `ets:match_spec_compile/1` raises `badarg` where we throw.
 */
import {
  atom,
  decode,
  encode,
  exactEquals,
  format,
  List,
  listFrom,
  type Term,
} from '@tsunami/core';
import { hasBehaviour, withOracle } from '@tsunami/oracle';
import { describe, expect, it } from 'vitest';
import { analyzeMatchSpec, compileMatchSpec, MatchSpecError, testMatchSpec } from '../src/index.js';
import { generateCase, Random } from './generate.js';

const CASES = Number(process.env.MATCHSPEC_CASES ?? 3000);
const BATCH = 500;

function toBase64(term: Term): string {
  return Buffer.from(encode(term)).toString('base64');
}

type OtpOutcome = { ok: true; result: Term } | { ok: false; errors: string[] };

function readOutcome(term: Term): OtpOutcome {
  const [tag, value] = term as [symbol, Term];
  if (tag === atom('ok')) return { ok: true, result: value };
  const errors = [...(value as List)].map((entry) => {
    const text = (entry as [symbol, Term])[1];
    return text instanceof List ? String.fromCodePoint(...(text.items as number[])) : String(text);
  });
  return { ok: false, errors };
}

withOracle('ets:test_ms/2 on random match specifications', (oracle) => {
  it(`agrees with OTP on ${CASES} random cases, with both back ends`, async () => {
    const version = oracle().installation.version;
    const options = {
      signedZero: hasBehaviour(version, 'signed-zero-float'),
      newerGuards: hasBehaviour(version, 'matchspec-newer-guards'),
    };
    const fullErrorList = hasBehaviour(version, 'matchspec-error-list');
    const random = new Random(Number(process.env.MATCHSPEC_SEED ?? 20261126));
    const cases = Array.from({ length: CASES }, () => generateCase(random, options));
    const requests: Promise<Buffer>[] = [];
    for (let start = 0; start < CASES; start += BATCH) {
      const batch = cases.slice(start, start + BATCH).map(({ object, spec }) => [object, spec]);
      requests.push(
        oracle().evaluate(
          `Pairs = binary_to_term(base64:decode("${toBase64(listFrom(batch))}")), ` +
            'term_to_binary([ets:test_ms(O, S) || {O, S} <- Pairs]).',
        ),
      );
    }
    const replies = (await Promise.all(requests)).flatMap((reply) => [
      ...(decode(new Uint8Array(reply)) as List),
    ]);
    let matched = 0;
    let exits = 0;
    let rejected = 0;
    for (const [index, { object, spec }] of cases.entries()) {
      const expected = readOutcome(replies[index] as Term);
      const describeCase = () =>
        `case ${index}: test_ms(${format(object)}, ${format(spec)}) expected ${
          expected.ok ? format(expected.result) : expected.errors.join(' | ')
        }`;
      for (const backend of ['compiled', 'interpreted'] as const) {
        const actual = testMatchSpec(object, spec, {
          backend,
          newerGuards: options.newerGuards,
          cache: false,
        });
        if (expected.ok) {
          expect(actual.ok, describeCase()).toBe(true);
          if (actual.ok && !exactEquals(actual.result, expected.result)) {
            expect.fail(`${describeCase()}, got ${format(actual.result)} (${backend})`);
          }
        } else {
          expect(actual.ok, describeCase()).toBe(false);
          if (!actual.ok && fullErrorList) {
            expect(actual.errors, describeCase()).toEqual(expected.errors);
          } else if (!actual.ok) {
            expect(expected.errors, describeCase()).toContain(actual.errors[0]);
          }
        }
      }
      if (!expected.ok) rejected += 1;
      else if (expected.result === atom('EXIT')) exits += 1;
      else if (expected.result !== false) matched += 1;
    }
    // The generator must exercise every outcome, or the comparison proves little.
    expect(matched).toBeGreaterThan(CASES / 10);
    expect(exits).toBeGreaterThan(CASES / 40);
    expect(rejected).toBeGreaterThan(CASES / 100);
  });

  describe('ets:match_spec_compile/1', () => {
    it('raises badarg exactly where compileMatchSpec throws MatchSpecError', async () => {
      const version = oracle().installation.version;
      const options = {
        signedZero: hasBehaviour(version, 'signed-zero-float'),
        newerGuards: hasBehaviour(version, 'matchspec-newer-guards'),
      };
      const random = new Random(7);
      const specs = Array.from({ length: 400 }, () => generateCase(random, options).spec);
      const reply = await oracle().evaluate(
        `Specs = binary_to_term(base64:decode("${toBase64(listFrom(specs))}")), ` +
          'term_to_binary([try ets:match_spec_compile(S), ok catch error:badarg -> badarg end || S <- Specs]).',
      );
      const outcomes = [...(decode(new Uint8Array(reply)) as List)];
      for (const [index, spec] of specs.entries()) {
        const expectedBadarg = outcomes[index] === atom('badarg');
        let thrown: unknown;
        try {
          compileMatchSpec(spec, { newerGuards: options.newerGuards, cache: false });
        } catch (error) {
          thrown = error;
        }
        expect(thrown instanceof MatchSpecError, format(spec)).toBe(expectedBadarg);
        if (thrown instanceof MatchSpecError) expect(thrown.reason).toBe('badarg');
        expect(analyzeMatchSpec(spec, options).ok).toBe(!expectedBadarg);
      }
    });
  });
});
