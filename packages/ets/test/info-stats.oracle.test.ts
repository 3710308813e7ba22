/**
 * `ets:info(T, stats)` against real Erlang/OTP, on tables small enough that OTP's 256 buckets
 * hold one key each: the chain statistics then describe the same chains in both (Tsunami keeps
 * one key per bucket always), so every field must agree, the kept (pseudo-deleted) objects of a
 * fixed table and the lock count of write concurrency included.
 */
import { atom, format, type List, list } from '@tsunami/core';
import { withOracle } from '@tsunami/oracle';
import { expect, it } from 'vitest';
import { createEts, NodeProcessRuntime } from '../src/index.js';

/** The stats of the five tables of {@link ERLANG_STATS}, made the same way here. */
function tsunamiStats(): List {
  const ets = createEts({ runtime: new NodeProcessRuntime() });
  const empty = ets.new(atom('empty'));
  const concurrent = ets.new(atom('concurrent'), { access: 'public', writeConcurrency: true });
  const fixed = ets.new(atom('fixed'));
  for (let key = 1; key <= 20; key += 1) ets.insert(fixed, [key]);
  ets.safeFixtable(fixed, true);
  for (let key = 1; key <= 5; key += 1) ets.delete(fixed, key);
  const bag = ets.new(atom('bag'), { type: 'bag' });
  for (let index = 1; index <= 100; index += 1) ets.insert(bag, [index % 10, index]);
  const ordered = ets.new(atom('ordered'), { type: 'ordered_set' });
  return list(...[empty, concurrent, fixed, bag, ordered].map((table) => ets.info(table, 'stats')));
}

const ERLANG_STATS = `
  Empty = ets:new(empty, []),
  Concurrent = ets:new(concurrent, [public, {write_concurrency, true}]),
  Fixed = ets:new(fixed, []),
  [ets:insert(Fixed, {K}) || K <- lists:seq(1, 20)],
  ets:safe_fixtable(Fixed, true),
  [ets:delete(Fixed, K) || K <- lists:seq(1, 5)],
  Bag = ets:new(bag, [bag]),
  [ets:insert(Bag, {I rem 10, I}) || I <- lists:seq(1, 100)],
  Ordered = ets:new(ordered, [ordered_set]),
  [ets:info(T, stats) || T <- [Empty, Concurrent, Fixed, Bag, Ordered]].`;

withOracle('info(T, stats) against erl', (oracle) => {
  it('reports the bucket chains as OTP does', async () => {
    const theirs = await oracle().evaluateText(ERLANG_STATS);
    const ours = format(tsunamiStats());
    expect(ours).toBe(theirs);
  });
});
