/**
 * Two select corner cases against real Erlang/OTP and OTP's `ets_SUITE`:
 *
 * - `bound_maps`: a map in a key pattern is a pattern (`#{}` matches every map), so a key
 *   holding one is not bound and the table may not look up only the key equal to the pattern
 *   (erlang/otp#8387, OTP 27). OTP 25 still gets this wrong (`matchspec-map-key-unbound`).
 * - `ms_excessive_nesting`: a guard nested a million levels deep compiles or fails with
 *   `system_limit`, never with a JS stack overflow, and leaves the table as it was.
 */
import { atom, erl, list, Reference, type Term, type Tuple } from '@tsunami/core';
import { MAX_NESTING_DEPTH, MatchSpecLimitError } from '@tsunami/matchspec';
import { hasBehaviour, withOracle } from '@tsunami/oracle';
import { describe, expect, it } from 'vitest';
import { createEts, NodeProcessRuntime, type TableOptions } from '../src/index.js';

const TYPES = ['set', 'ordered_set', 'duplicate_bag'] as const;

/** `[select_count, length(match_object), select_replace]` for the two map keys on `type`. */
function tsunamiCounts(type: NonNullable<TableOptions['type']>): number[] {
  const ets = createEts({ runtime: new NodeProcessRuntime() });
  const table = ets.new(atom('t'), { type });
  const reference = new Reference([1, 2, 3]);
  ets.insertNew(table, erl`{{#{}, ${reference}}, original}` as Tuple);
  ets.insertNew(table, erl`{{#{key => value}, ${reference}}, original}` as Tuple);
  const count = ets.selectCount(table, erl`[{{{#{}, ${reference}}, '$1'}, [], [true]}]`);
  const objects = ets.matchObject(table, erl`{{#{}, ${reference}}, original}`) as Term[];
  const replaced = ets.selectReplace(
    table,
    erl`[{{{#{}, ${reference}}, '$1'}, [], [{{{element, 1, '$_'}, {const, new}}}]}]`,
  );
  return [count, objects.length, replaced];
}

const ERLANG_COUNTS = `
  R = make_ref(),
  [begin
     T = ets:new(t, [Type]),
     true = ets:insert_new(T, {{#{}, R}, original}),
     true = ets:insert_new(T, {{#{key => value}, R}, original}),
     Counts = [ets:select_count(T, [{{{#{}, R}, '$1'}, [], [true]}]),
               length(ets:match_object(T, {{#{}, R}, original})),
               ets:select_replace(T, [{{{#{}, R}, '$1'}, [], [{{{element, 1, '$_'}, {const, new}}}]}])],
     ets:delete(T),
     Counts
   end || Type <- [${TYPES.join(', ')}]].`;

withOracle('select with maps in key patterns against erl', (oracle) => {
  it('finds every key a map pattern matches, as OTP 27 does (bound_maps)', async () => {
    const theirs = await oracle().evaluateText(ERLANG_COUNTS);
    const ours = `[${TYPES.map((type) => `[${tsunamiCounts(type).join(',')}]`).join(',')}]`;
    expect(ours).toBe('[[2,2,2],[2,2,2],[2,2,2]]');
    if (hasBehaviour(oracle().installation.version, 'matchspec-map-key-unbound')) {
      expect(ours).toBe(theirs);
    } else {
      // Older OTP looks up only the key equal to the pattern.
      expect(theirs).toBe('[[1,1,1],[1,1,1],[1,1,1]]');
    }
  });
});

describe('deeply nested match specifications (ms_excessive_nesting)', () => {
  /**
   * OTP's spec: `[{{'$1', '$2'}, [Nested], [{{'$1', blipp}}]}]`, the guard `depth` deep:
   * `$1 == depth orelse ... orelse $1 == 0 orelse Innermost` (OTP's innermost is `true`).
   */
  const spec = (depth: number, innermost = true): Term => {
    let nested: Term = innermost;
    for (let number = 0; number <= depth; number += 1) {
      nested = [atom('orelse'), [atom('=='), number, atom('$1')], nested];
    }
    return list([[atom('$1'), atom('$2')], list(nested), list([[atom('$1'), atom('blipp')]])]);
  };
  const SYSTEM_LIMIT = atom('system_limit');

  it('runs a guard nested just under the limit', () => {
    const ets = createEts({ runtime: new NodeProcessRuntime() });
    const depth = MAX_NESTING_DEPTH - 10;
    for (const type of ['ordered_set', 'set'] as const) {
      const table = ets.new(atom('t'), { type });
      ets.insert(table, list([depth, 1], [depth + 1, 2]));
      // With `false` innermost, only keys 0..depth pass the guard.
      expect(ets.select(table, spec(depth, false))).toEqual([[depth, atom('blipp')]]);
      expect(ets.selectReplace(table, spec(depth, false))).toBe(1);
      expect(ets.lookup(table, depth)).toEqual([[depth, atom('blipp')]]);
    }
    expect(ets.matchSpecCompile(spec(depth))).toBeDefined();
  });

  it('fails with system_limit a million levels deep, leaving the tables as they were', () => {
    const ets = createEts({ runtime: new NodeProcessRuntime() });
    const excessive = spec(1_000_000);
    const reasonOf = (call: () => unknown): unknown => {
      try {
        call();
      } catch (error) {
        expect(error).toBeInstanceOf(MatchSpecLimitError);
        return (error as MatchSpecLimitError).reason;
      }
      return 'no error';
    };
    expect(reasonOf(() => ets.matchSpecCompile(excessive))).toBe(SYSTEM_LIMIT);
    for (const type of ['set', 'ordered_set', 'duplicate_bag'] as const) {
      const table = ets.new(atom('t'), { type });
      ets.insert(table, list([1, 1], [2, 2]));
      expect(reasonOf(() => ets.select(table, excessive))).toBe(SYSTEM_LIMIT);
      expect(reasonOf(() => ets.select(table, excessive, 1))).toBe(SYSTEM_LIMIT);
      expect(reasonOf(() => ets.selectCount(table, excessive))).toBe(SYSTEM_LIMIT);
      expect(reasonOf(() => ets.selectDelete(table, excessive))).toBe(SYSTEM_LIMIT);
      expect(reasonOf(() => ets.selectReplace(table, excessive))).toBe(SYSTEM_LIMIT);
      expect((ets.tab2list(table) as Term[]).length).toBe(2);
    }
  });
});
