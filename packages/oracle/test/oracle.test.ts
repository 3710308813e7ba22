import { describe, expect, it } from 'vitest';
import { hasBehaviour, OracleError, withOracle } from '../src/index.js';

withOracle('the Erlang oracle', (oracle) => {
  it('evaluates expressions and returns ~w text', async () => {
    expect(await oracle().evaluateText('lists:sort([3, 1, 2])')).toBe('[1,2,3]');
  });

  it('returns binaries as their bytes', async () => {
    expect([...(await oracle().evaluate('<<1, 2, 255>>'))]).toEqual([1, 2, 255]);
  });

  it('answers pipelined requests in order', async () => {
    const replies = await Promise.all(
      Array.from({ length: 50 }, (_, index) => oracle().evaluateText(`${index} * 2`)),
    );
    expect(replies).toEqual(Array.from({ length: 50 }, (_, index) => String(index * 2)));
  });

  it('rejects with the Erlang error and keeps serving', async () => {
    await expect(oracle().evaluate('1 + a')).rejects.toThrow(OracleError);
    await expect(oracle().evaluate('1 + a')).rejects.toThrow(/badarith/);
    expect(await oracle().evaluateText('ok')).toBe('ok');
  });

  it('reports a version that matches its release', () => {
    expect(oracle().installation.version[0]).toBe(oracle().release);
    expect(oracle().release).toBeGreaterThanOrEqual(25);
  });
});

describe('the list of OTP differences', () => {
  it('compares versions component by component', () => {
    expect(hasBehaviour([25, 2, 3], 'bag-insert-list-order')).toBe(false);
    expect(hasBehaviour([25, 3], 'bag-insert-list-order')).toBe(true);
    expect(hasBehaviour([27, 3, 4, 1], 'signed-zero-float')).toBe(true);
    expect(hasBehaviour([26, 2, 5], 'signed-zero-float')).toBe(false);
  });

  it('rejects unknown names', () => {
    expect(() => hasBehaviour([27], 'no-such-difference')).toThrow(/no OTP difference/);
  });
});
