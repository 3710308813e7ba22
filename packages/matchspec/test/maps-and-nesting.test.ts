/**
 * Map patterns in heads and deeply nested specifications:
 *
 * - a head map is a pattern even without variables (`#{}` matches every map), as `ets:test_ms/2`
 *   shows on OTP 25 and 27, so it is never folded into an exact literal and a key holding one is
 *   no exact key (erlang/otp#8387);
 * - a specification nested deeper than `MAX_NESTING_DEPTH` raises `MatchSpecLimitError` with
 *   reason `system_limit` from every entry point; below it both back ends run it (the code
 *   generator hands what V8 cannot parse to the interpreter).
 */
import { atom, erl, list, Reference, type Term } from '@tsunami/core';
import { describe, expect, it } from 'vitest';
import {
  analyzeKeys,
  analyzeMatchSpec,
  checkMatchSpec,
  compileMatchSpec,
  isValidMatchSpec,
  MAX_NESTING_DEPTH,
  MatchSpecLimitError,
  testMatchSpec,
} from '../src/index.js';

describe('maps in heads', () => {
  it('matches every map holding the pattern keys, as ets:test_ms/2 does', () => {
    expect(testMatchSpec(erl`{#{a => 1}}`, erl`[{{#{}}, [], [ok]}]`)).toEqual({
      ok: true,
      result: atom('ok'),
    });
    expect(testMatchSpec(erl`{#{a => 1, b => 2}}`, erl`[{{#{a => 1}}, [], [ok]}]`)).toEqual({
      ok: true,
      result: atom('ok'),
    });
    expect(testMatchSpec(erl`{#{b => 2}}`, erl`[{{#{a => 1}}, [], [ok]}]`)).toEqual({
      ok: true,
      result: false,
    });
    expect(testMatchSpec(erl`{[#{a => 1}]}`, erl`[{{[#{}]}, [], [ok]}]`)).toEqual({
      ok: true,
      result: atom('ok'),
    });
  });

  it('does not take a key holding a map as bound (a range on the leading elements)', () => {
    const reference = new Reference([1, 2, 3]);
    const clauses = checkMatchSpec(erl`[{{{#{}, ${reference}}, '$1'}, [], [true]}]`);
    const analysis = analyzeKeys(clauses, 1);
    expect(analysis.exactKeys).toBeUndefined();
    const [constraint] = analysis.clauses;
    expect(constraint?.kind).toBe('range');
    if (constraint?.kind !== 'range') return;
    expect(constraint.compareKey(erl`{#{key => value}, ${reference}}`)).toBe(0);
    expect(constraint.compareKey(erl`{#{}, other}`)).toBe(0);
    expect(constraint.compareKey(erl`{atom, ${reference}}`)).toBe(-1);
    expect(constraint.compareKey(erl`{[], ${reference}}`)).toBe(1);
    expect(constraint.compareKey(erl`{a, b, c}`)).toBe(1);
  });
});

describe('nesting', () => {
  /** OTP's ms_excessive_nesting guard: `$1 == depth orelse ... orelse $1 == 0 orelse false`. */
  const spec = (depth: number): Term => {
    let nested: Term = false;
    for (let number = 0; number <= depth; number += 1) {
      nested = [atom('orelse'), [atom('=='), number, atom('$1')], nested];
    }
    return list([[atom('$1'), atom('$2')], list(nested), list([[atom('$1'), atom('blipp')]])]);
  };
  /** A head `{{{...{'$1', 0}..., depth - 1}, depth}, '$2'}`. */
  const deepHead = (depth: number): Term => {
    let nested: Term = atom('$1');
    for (let number = 0; number <= depth; number += 1) nested = [nested, number];
    return list([[nested, atom('$2')], list(), list(atom('$_'))]);
  };

  it('runs a guard nested just under the limit on both back ends', () => {
    const depth = MAX_NESTING_DEPTH - 10;
    for (const backend of ['compiled', 'interpreted'] as const) {
      const compiled = compileMatchSpec(spec(depth), { backend, cache: false });
      expect(
        compiled.run([
          [depth, 1],
          [0, 2],
          [depth + 1, 3],
        ]),
      ).toEqual([
        [depth, atom('blipp')],
        [0, atom('blipp')],
      ]);
    }
  });

  it('raises system_limit beyond the limit from every entry point, guard or head', () => {
    for (const deep of [spec(1_000_000), spec(MAX_NESTING_DEPTH), deepHead(MAX_NESTING_DEPTH)]) {
      const calls: Array<() => unknown> = [
        () => checkMatchSpec(deep),
        () => analyzeMatchSpec(deep),
        () => isValidMatchSpec(deep),
        () => testMatchSpec([1, 2], deep),
        () => compileMatchSpec(deep, { backend: 'compiled' }),
        () => compileMatchSpec(deep, { backend: 'interpreted' }),
      ];
      for (const call of calls) {
        let caught: unknown;
        try {
          call();
        } catch (error) {
          caught = error;
        }
        expect(caught).toBeInstanceOf(MatchSpecLimitError);
        expect((caught as MatchSpecLimitError).reason).toBe(atom('system_limit'));
      }
    }
  });

  it('analyses the keys of a head nested just under the limit', () => {
    const compiled = compileMatchSpec(deepHead(MAX_NESTING_DEPTH - 10), { cache: false });
    expect(compiled.keys(1).clauses[0]?.kind).toBe('range');
  });
});
