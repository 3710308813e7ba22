import { atom } from '@tsunami/core';
import { describe, expect, it } from 'vitest';
import { createEts, EtsError, NodeProcessRuntime } from '../src/index.js';

describe('setopts', () => {
  it('lets the owner change the access rights, as {protection, P} does in OTP', async () => {
    const runtime = new NodeProcessRuntime();
    const ets = createEts({ runtime });
    const table = ets.new(atom('t'), { access: 'private' });
    expect(ets.setopts(table, { access: 'public' })).toBe(true);
    expect(ets.info(table, 'protection')).toBe(atom('public'));
    let otherProcessInsert: unknown;
    const other = runtime.spawn(() => {
      otherProcessInsert = ets.insert(table, [1]);
    });
    await new Promise((resolve) => runtime.onExit(other, resolve));
    expect(otherProcessInsert).toBe(true);
    expect(() => ets.setopts(table, { access: 'open' as 'public' })).toThrow(EtsError);
    expect(ets.info(table, 'protection')).toBe(atom('public'));
  });
});
