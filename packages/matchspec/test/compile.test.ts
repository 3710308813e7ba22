/**
 * The compiler's contract beyond single BIFs: both back ends agree on thousands of generated
 * specifications; head matching (repeated variables are `=:=`, list tails, map subsets); errors
 * name the clause and part and carry OTP's reason; the cache returns the same compilation for
 * the same structure; and the key analysis of `key-analysis.ts` against a brute-force model.
 */
import { atom, compare, format, improperList, List, list, parse, type Term } from '@tsunami/core';
import { keyArbitrary } from '@tsunami/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  analyzeMatchSpec,
  compileMatchSpec,
  MatchSpecError,
  matchObjectSpec,
  matchPatternSpec,
  ms,
  NO_MATCH,
  parseMatchSpec,
  testMatchSpec,
} from '../src/index.js';
import { generateCase, Random } from './generate.js';

const context = { self: atom('self'), node: atom('nonode@nohost') };

describe('back ends', () => {
  it('agree on 5000 generated specifications and objects', () => {
    const random = new Random(99);
    for (let index = 0; index < 5000; index += 1) {
      const { object, spec } = generateCase(random, { signedZero: true, newerGuards: true });
      if (!analyzeMatchSpec(spec).ok) continue;
      const compiled = compileMatchSpec(spec, { backend: 'compiled', cache: false });
      const interpreted = compileMatchSpec(spec, { backend: 'interpreted', cache: false });
      const left = compiled.match(object, context);
      const right = interpreted.match(object, context);
      if (left === NO_MATCH || right === NO_MATCH) {
        expect(left, format(spec)).toBe(right);
      } else {
        expect(compare(left, right), format(spec)).toBe(0);
        expect(format(left), format(spec)).toBe(format(right));
      }
    }
  });
});

describe('heads', () => {
  const cases: ReadonlyArray<readonly [string, string, string]> = [
    ["[{{'$1', '$1'}, [], ['$1']}]", '{1, 1}', '1'],
    ["[{{'$1', '$1'}, [], ['$1']}]", '{1, 1.0}', 'false'],
    ["[{{'$1', '_'}, [], ['$$']}]", '{a, b}', '[a]'],
    ["[{[a, '$1' | '$2'], [], [{{'$1', '$2'}}]}]", '[a, b, c]', '{b, [c]}'],
    ["[{[a, '$1' | '$2'], [], [{{'$1', '$2'}}]}]", '[a, b | c]', '{b, c}'],
    ["[{[a, '$1'], [], ['$1']}]", '[a, b, c]', 'false'],
    ["[{#{k => '$1'}, [], ['$1']}]", '#{k => v, other => 1}', 'v'],
    ["[{#{k => '$1'}, [], ['$1']}]", '#{other => 1}', 'false'],
    ['[{{\'_\', <<"ab">>}, [], [yes]}]', '{1, <<"ab">>}', 'yes'],
    ["[{{1}, [], [int]}, {{'_'}, [], [other]}]", '{1.0}', 'other'],
    ["[{'$1', [], [{element, 1, '$1'}]}]", '{x, y}', 'x'],
    ['[{a, [], [yes]}]', 'a', 'yes'],
  ];
  for (const [specText, objectText, expectedText] of cases) {
    it(`${specText} on ${objectText} is ${expectedText}`, () => {
      for (const backend of ['compiled', 'interpreted'] as const) {
        const result = testMatchSpec(parse(objectText), parseMatchSpec(specText), { backend });
        expect(result.ok && format(result.result)).toBe(format(parse(expectedText)));
      }
    });
  }

  it('matches maps given as plain objects and bigints equal to safe integers', () => {
    const compiled = compileMatchSpec(ms`[{{'$1', ${5}}, [], ['$1']}]`);
    expect(compiled.match([atom('x'), 5n], context)).toBe(atom('x'));
    const record = compileMatchSpec(ms`[{#{<<"name">> => '$1'}, [], ['$1']}]`);
    expect(record.match({ name: 'ann', age: 3 }, context)).toBe('ann');
  });
});

describe('errors', () => {
  it('name the clause and part and carry badarg and OTP sentences', () => {
    let error: unknown;
    try {
      compileMatchSpec(parse("[{'_', [], [ok]}, {{'$1'}, [{'>', '$2', 1}], ['$1']}]"));
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(MatchSpecError);
    const problem = error as MatchSpecError;
    expect(problem.reason).toBe('badarg');
    expect(problem.problems).toEqual([
      { clause: 2, part: 'guard', otpMessage: 'Variable $2 is unbound.' },
    ]);
    expect(problem.message).toContain('clause 2, guard');
  });

  it('reject what OTP rejects', () => {
    const rejected: ReadonlyArray<readonly [string, string]> = [
      ['[]', 'Match programs are not in a list.'],
      ['{a, [], [b]}', 'Match programs are not in a list.'],
      ["[{'_', [], [a]} | x]", 'Match programs are not in a proper list.'],
      ["[{'_', []}]", 'Match program part is not a tuple of arity 3.'],
      ["[{'_', a, [b]}]", 'Match expression is not a list.'],
      ["[{'_', [], []}]", 'Body clause does not return anything.'],
      ["[{'_', [], [{foo, 1}]}]", 'Function foo/1 does_not_exist.'],
      ["[{'_', [], [{'+', 1, 2, 3}]}]", "Function '+'/3 does_not_exist."],
      ["[{'_', [], [{return_trace}]}]", "Special form 'return_trace' used in wrong dialect."],
      ["[{'_', [], [{get_tcw}]}]", 'Function get_tcw/0 cannot be called in this context.'],
      [
        "[{'_', [], [{}]}]",
        '{} is neither a function call, nor a tuple (tuples are written {{ ... }}).',
      ],
      ["[{'_', [], [{self, 1}]}]", "Special form 'self' called with arguments in {self,1}."],
      ["[{'_', [], [{'and'}]}]", "Special form 'and' called without arguments in {and}."],
      [
        '[{\'_\', [], [{"x", 2}]}]',
        '{"x",2} is neither a function call, nor a tuple (tuples are written {{ ... }}).',
      ],
      [
        "[{'_', [], [{1.5, <<1>>, #{a => 1}, \"ab\", [1,2], 'Quoted', [], 'and', <<\"ab\">>, 10000000000000000000000, -1.0e-10, 2.0}]}]",
        '{1.500000e+00,<<1>>,#{a=>1},"ab",[1,2],\'Quoted\',[],and,<<"ab">>,10000000000000000000000,-1.000000e-',
      ],
      ["[{#{'$1' => 1}, [], [a]}]", 'Variable found in map key.'],
      ["[{#{'_' => 1}, [], [a]}]", 'Underscore found in map key.'],
    ];
    for (const [text, message] of rejected) {
      const analysis = analyzeMatchSpec(parse(text));
      expect(analysis.ok, text).toBe(false);
      if (!analysis.ok) expect(analysis.problems[0]?.otpMessage).toBe(message);
    }
  });

  it('accepts the older guard set only when asked for OTP 25', () => {
    const spec = parse("[{'$1', [{is_boolean, '$1'}], [ok]}]");
    expect(analyzeMatchSpec(spec).ok).toBe(true);
    expect(analyzeMatchSpec(spec, { newerGuards: false }).ok).toBe(false);
  });
});

describe('cache', () => {
  it('returns one compilation for the same structure in any JS form', () => {
    const first = compileMatchSpec(parse("[{{'$1', <<\"k\">>}, [], ['$1']}]"));
    const second = compileMatchSpec(
      list([[atom('$1'), Uint8Array.from([107])], list(), list(atom('$1'))]),
    );
    expect(second).toBe(first);
    const third = compileMatchSpec(list([[atom('$1'), 'k'], list(), list(atom('$1'))]));
    expect(third).toBe(first);
    expect(compileMatchSpec(parse("[{{'$1', <<\"k\">>}, [], ['$1']}]"), { cache: false })).not.toBe(
      first,
    );
  });

  it('falls back to the interpreter on request', () => {
    const compiled = compileMatchSpec(ms`[{'_', [], [ok]}]`, { backend: 'interpreted' });
    expect(compiled.backend).toBe('interpreted');
    expect(compiled.source).toBeUndefined();
    expect(compiled.match(atom('x'), context)).toBe(atom('ok'));
  });
});

describe('key analysis', () => {
  it('finds exact keys, ranges, full scans and clauses that cannot match', () => {
    const spec = compileMatchSpec(
      parseMatchSpec(
        "[{{k1, '_'}, [], [a]}, {{{user, '$1'}, '_'}, [], [b]}, {{'$1'}, [], [c]}, {x, [], [d]}]",
      ),
    );
    const analysis = spec.keys(1);
    expect(analysis.clauses.map((clause) => clause.kind)).toEqual([
      'exact',
      'range',
      'any',
      'none',
    ]);
    expect(analysis.needsFullScan).toBe(true);
    expect(analysis.exactKeys).toBeUndefined();
    expect(spec.keys(2).clauses.map((clause) => clause.kind)).toEqual([
      'any',
      'any',
      'none',
      'none',
    ]);
    const exact = compileMatchSpec(
      parseMatchSpec("[{{a, '$1'}, [], ['$1']}, {{b, '_'}, [], [b]}]"),
    );
    expect(exact.keys(1).exactKeys).toEqual([atom('a'), atom('b')]);
  });

  const partlyBound = [
    "{a, '$1'}",
    "{'$1', a}",
    "{a, {b, '_'}, c}",
    "[a, b | '$1']",
    "[a | '_']",
    "[a, '$1']",
    "{a, #{k => '$1'}}",
    "{1, [x | '_'], '_'}",
    "{'_', '_'}",
  ];
  for (const patternText of partlyBound) {
    it(`the range of ${patternText} holds every key it matches, and is an interval`, () => {
      const spec = compileMatchSpec(parseMatchSpec(`[{{${patternText}}, [], [true]}]`));
      const [constraint] = spec.keys(1).clauses;
      const pattern = parse(patternText) as Term;
      // Keys near the pattern: the pattern with its holes filled from generated terms.
      const filled = fc.array(keyArbitrary, { minLength: 4, maxLength: 4 }).map((fillers) => {
        let index = 0;
        const fill = (term: Term): Term => {
          if (term === atom('_') || term === atom('$1')) return fillers[index++ % 4]!;
          if (Array.isArray(term)) return (term as Term[]).map(fill);
          if (term instanceof List && term.items.length > 0)
            return improperList(term.items.map(fill), fill(term.tail));
          if (term instanceof Map) {
            return new Map([...term].map(([key, value]) => [key, fill(value)] as [Term, Term]));
          }
          return term;
        };
        return fill(pattern);
      });
      const keys = fc.oneof(keyArbitrary, filled);
      fc.assert(
        fc.property(fc.array(keys, { minLength: 2, maxLength: 8 }), (candidates) => {
          if (constraint === undefined || constraint.kind !== 'range') {
            return constraint?.kind === 'any';
          }
          const sorted = [...candidates].sort(compare);
          const positions = sorted.map((key) => constraint.compareKey(key));
          // Monotone along term order: an interval.
          for (let index = 1; index < positions.length; index += 1) {
            if (positions[index]! < positions[index - 1]!) return false;
          }
          // Every key the clause matches lies inside.
          for (const key of candidates) {
            if (spec.match([key], context) !== NO_MATCH && constraint.compareKey(key) !== 0) {
              return false;
            }
          }
          return true;
        }),
        { numRuns: 300 },
      );
    });
  }
});

describe('key intervals from guards', () => {
  /** A guard on `'$1'` (the key): a comparison with a constant, either way round. */
  const comparison = fc
    .tuple(fc.constantFrom('<', '=<', '>', '>=', '==', '=:='), keyArbitrary, fc.boolean())
    .map(([operator, constant, swapped]) => {
      const value = [atom('const'), constant] as Term;
      const operands = swapped ? [value, atom('$1')] : [atom('$1'), value];
      return [atom(operator), ...operands] as Term;
    });
  /** Guards: comparisons, some joined by andalso/and, and one unrelated to the key. */
  const guards = fc
    .array(
      fc.oneof(
        comparison,
        fc
          .tuple(fc.constantFrom('andalso', 'and'), comparison, comparison)
          .map(([connective, left, right]) => [atom(connective), left, right] as Term),
        fc.constant([atom('is_integer'), atom('$2')] as Term),
      ),
      { minLength: 1, maxLength: 3 },
    )
    .map((items) => list(...items));

  it('hold every key the clause matches, and are intervals', () => {
    fc.assert(
      fc.property(
        guards,
        fc.array(keyArbitrary, { minLength: 2, maxLength: 10 }),
        (guardList, keys) => {
          const spec = compileMatchSpec(list([[atom('$1'), atom('$2')], guardList, list(true)]));
          const [constraint] = spec.keys(1).clauses;
          const unrelatedOnly = guardList.items.every(
            (guard) => (guard as Term[])[0] === atom('is_integer'),
          );
          if (unrelatedOnly) return constraint?.kind === 'any';
          if (constraint?.kind !== 'range') return false;
          const sorted = [...keys].sort(compare);
          const positions = sorted.map((key) => constraint.compareKey(key));
          for (let index = 1; index < positions.length; index += 1) {
            if (positions[index]! < positions[index - 1]!) return false;
          }
          return keys.every(
            (key) => spec.match([key, 1], context) === NO_MATCH || constraint.compareKey(key) === 0,
          );
        },
      ),
      { numRuns: 500 },
    );
  });

  it('are exact: a key inside matches when the guards are only comparisons of the key', () => {
    const spec = compileMatchSpec(
      parseMatchSpec("[{{'$1', '_'}, [{'>=', '$1', 10}, {'<', '$1', 20}], [true]}]"),
    );
    const [constraint] = spec.keys(1).clauses;
    if (constraint?.kind !== 'range') throw new Error('no range');
    expect([9, 10, 19.5, 20, atom('a')].map((key) => constraint.compareKey(key))).toEqual([
      -1, 0, 0, 1, 1,
    ]);
  });
});

describe('ets:match and ets:match_object patterns', () => {
  it('build the specifications ETS runs for them', () => {
    const pattern = parse("{'$2', '_', '$1'}");
    expect(format(matchPatternSpec(pattern))).toBe("[{{'$2','_','$1'},[],['$$']}]");
    expect(compileMatchSpec(matchPatternSpec(pattern)).run([parse('{a, b, c}')])).toEqual([
      list(atom('c'), atom('a')),
    ]);
    expect(
      compileMatchSpec(matchObjectSpec(pattern)).run([parse('{a, b, c}'), parse('{a}')]),
    ).toEqual([parse('{a, b, c}')]);
  });
});
