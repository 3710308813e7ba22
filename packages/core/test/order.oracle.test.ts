/**
 * Differential tests of the term order and the two equalities against real Erlang/OTP: random
 * terms of every kind (no funs) are sorted by `lists:sort/2` and by `compare`, and random pairs
 * (some equal on purpose, in other JS forms) are judged by `<`, `==` and `=:=` in erl and here.
 */
import {
  atom,
  compare,
  compareExact,
  equals,
  exactEquals,
  Float,
  improperList,
  isPlainObject,
  List,
  localNode,
  nil,
  Pid,
  Port,
  Reference,
  type Term,
} from '@tsunami/core';
import {
  equalTermPairArbitrary,
  floatArbitrary,
  integerArbitrary,
  termArbitrary,
} from '@tsunami/core/testing';
import { hasBehaviour, withOracle } from '@tsunami/oracle';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { erlangExpression } from './erlang-expression.js';

const LOCAL_REFERENCE_FIRST_WORD_MASK = 0x3ffff;
const OTP25_LOCAL_PORT_LIMIT = 2 ** 28;
const OTP25_LOCAL_PID_ID_LIMIT = 2 ** 15;
const OTP25_LOCAL_PID_SERIAL_LIMIT = 2 ** 13;

interface Adjustments {
  /** OTP before 27 treats -0.0 and 0.0 as the same key; leave -0.0 out there. */
  readonly withoutNegativeZero: boolean;
}

/**
 * The term with its identifiers made ones erl can build: a local reference has three words and
 * a first word below 2^18; a local port id is below 2^28 and a local pid's id and serial below
 * 2^15 and 2^13 (OTP 25's limits, kept on every release so that both see the same terms). With
 * `withoutNegativeZero`, every -0.0 becomes 0.0.
 */
function forErl(term: Term, adjustments: Adjustments): Term {
  if (Array.isArray(term)) return term.map((element) => forErl(element, adjustments));
  if (term instanceof List) {
    if (term === nil) return nil;
    return improperList(
      term.items.map((item) => forErl(item, adjustments)),
      forErl(term.tail, adjustments),
    );
  }
  if (term instanceof Float && adjustments.withoutNegativeZero && Object.is(term.value, -0)) {
    return new Float(0);
  }
  if (term instanceof Reference && term.node === localNode && term.creation === 0) {
    const [first = 0, second = 0, third = 0] = term.ids;
    return new Reference([first & LOCAL_REFERENCE_FIRST_WORD_MASK, second, third]);
  }
  if (term instanceof Pid && term.node === localNode && term.creation === 0) {
    return new Pid(term.id % OTP25_LOCAL_PID_ID_LIMIT, term.serial % OTP25_LOCAL_PID_SERIAL_LIMIT);
  }
  if (term instanceof Port && term.node === localNode && term.creation === 0) {
    return new Port(term.id % OTP25_LOCAL_PORT_LIMIT);
  }
  if (term instanceof Map) {
    const entries = Array.from(term as ReadonlyMap<Term, Term>, ([key, value]): [Term, Term] => [
      forErl(key, adjustments),
      forErl(value, adjustments),
    ]);
    // Turning -0.0 into 0.0 can make two keys the same term: keep the first.
    const distinct = entries.filter(
      ([key], index) => !entries.slice(0, index).some(([earlier]) => exactEquals(earlier, key)),
    );
    return new Map(distinct);
  }
  if (isPlainObject(term as object) && typeof term === 'object') {
    return Object.fromEntries(
      Object.entries(term).map(([key, value]) => [key, forErl(value as Term, adjustments)]),
    );
  }
  return term;
}

/** Large maps (over 32 keys, which OTP stores as hash tries) that differ in one key or value. */
function largeMaps(seed: number): Term[] {
  const keys: Term[] = [];
  for (let index = 0; index < 40; index += 1) {
    keys.push(index, new Float(index + 0.25), atom(`k${index}`), `s${index}`);
  }
  const maps: Term[] = [];
  let state = seed;
  const next = (bound: number) => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state % bound;
  };
  for (let count = 0; count < 30; count += 1) {
    const size = 33 + next(4);
    const entries = new Map<Term, Term>();
    while (entries.size < size) entries.set(keys[next(keys.length)]!, next(3));
    maps.push(entries);
    const changed = new Map(entries);
    const victim = [...changed.keys()][next(size)]!;
    if (next(2) === 0) changed.set(victim, next(3) + (next(2) === 0 ? 0 : 0.5));
    else {
      changed.delete(victim);
      changed.set(keys[next(keys.length)]!, 1);
    }
    maps.push(changed);
  }
  return maps;
}

/** Terms that tie with others on purpose: numbers equal across forms, and other JS forms. */
function tyingTerms(seed: number): Term[] {
  const pairs = fc.sample(equalTermPairArbitrary({ maxDepth: 2 }), { numRuns: 150, seed });
  const numbers: Term[] = [1, new Float(1), 1n, 0, new Float(0), new Float(-0), 2 ** 53, 2n ** 53n];
  return [...pairs.flat(), ...numbers];
}

/** Parses Erlang `~w` text made only of integers, lists and tuples. */
function parseNumbers(text: string): unknown {
  return JSON.parse(text.replaceAll('{', '[').replaceAll('}', ']'));
}

const SORT_PROGRAM = (terms: string) => `
  L = [${terms}],
  Indexed = lists:zip(lists:seq(0, length(L) - 1), L),
  Sorted = lists:sort(fun({_, A}, {_, B}) -> A =< B end, Indexed),
  Ties = [case A == B of true -> 1; false -> 0 end
          || {{_, A}, {_, B}} <- lists:zip(lists:droplast(Sorted), tl(Sorted))],
  {[I || {I, _} <- Sorted], Ties}.`;

const PAIR_PROGRAM = (pairs: string) => `
  B = fun(true) -> 1; (false) -> 0 end,
  [[if A < C -> -1; A == C -> 0; true -> 1 end, B(A == C), B(A =:= C),
    if #{A => 0} < #{C => 0} -> -1; #{A => 0} == #{C => 0} -> 0; true -> 1 end]
   || {A, C} <- [${pairs}]].`;

withOracle('term order and equality against OTP', (oracle) => {
  const adjustments = (): Adjustments => ({
    withoutNegativeZero: !hasBehaviour(oracle().installation.version, 'signed-zero-float'),
  });

  it('sorts thousands of random terms as lists:sort does, with the same runs of equal terms', async () => {
    const batches = [11, 22, 33].map((seed) => {
      const random = fc.sample(termArbitrary({ maxDepth: 3 }), { numRuns: 900, seed });
      return [...random, ...tyingTerms(seed), ...largeMaps(seed)].map((term) =>
        forErl(term, adjustments()),
      );
    });
    const replies = await Promise.all(
      batches.map((terms) =>
        oracle().evaluateText(SORT_PROGRAM(terms.map(erlangExpression).join(','))),
      ),
    );
    batches.forEach((terms, batch) => {
      const [erlangOrder, erlangTies] = parseNumbers(replies[batch]!) as [number[], number[]];
      const order = terms.map((_, index) => index).sort((a, b) => compare(terms[a]!, terms[b]!));
      const ties = order.slice(1).map((index, position) => {
        return compare(terms[order[position]!]!, terms[index]!) === 0 ? 1 : 0;
      });
      expect(order).toEqual(erlangOrder);
      expect(ties).toEqual(erlangTies);
      expect(ties.filter((tie) => tie === 1).length).toBeGreaterThan(100);
    });
  });

  it('agrees with <, ==, =:= and map-key order on random pairs, some equal on purpose', async () => {
    const pairs: Array<[Term, Term]> = [
      ...fc.sample(fc.tuple(termArbitrary({ maxDepth: 2 }), termArbitrary({ maxDepth: 2 })), {
        numRuns: 1500,
        seed: 7,
      }),
      ...fc.sample(equalTermPairArbitrary({ maxDepth: 3 }), { numRuns: 1500, seed: 8 }),
      ...fc.sample(fc.tuple(floatArbitrary, floatArbitrary), { numRuns: 200, seed: 9 }),
      ...fc.sample(fc.tuple(integerArbitrary, floatArbitrary), { numRuns: 200, seed: 10 }),
      [1, new Float(1)],
      [new Float(0), new Float(-0)],
      [new Map([[1, 1]]), new Map([[new Float(1), 1]])],
      [new Map([[atom('a'), 1]]), new Map([[atom('a'), new Float(1)]])],
      [[new Map([[new Float(0), 1]])], [new Map([[new Float(-0), 1]])]],
      [2n ** 53n + 1n, 2 ** 53],
      [new Reference([1, 2, 3], atom('a@h'), 1), new Reference([1, 2, 3, 0], atom('a@h'), 1)],
    ];
    const adjusted = pairs.map(([a, b]): [Term, Term] => [
      forErl(a, adjustments()),
      forErl(b, adjustments()),
    ]);
    const reply = await oracle().evaluateText(
      PAIR_PROGRAM(
        adjusted.map(([a, b]) => `{${erlangExpression(a)},${erlangExpression(b)}}`).join(','),
      ),
    );
    const verdicts = parseNumbers(reply) as Array<[number, number, number, number]>;
    // One-key maps compare by their keys in map-key order: erl's way to show that order.
    const ours = adjusted.map(([a, b]) => [
      compare(a, b),
      equals(a, b) ? 1 : 0,
      exactEquals(a, b) ? 1 : 0,
      compareExact(a, b),
    ]);
    expect(ours).toEqual(verdicts);
  });

  it('follows OTP on whether 0.0 =:= -0.0', async () => {
    const reply = await oracle().evaluateText(
      `B = fun(true) -> 1; (false) -> 0 end, [B(0.0 == -0.0), B(0.0 =:= -0.0)].`,
    );
    const signedZero = hasBehaviour(oracle().installation.version, 'signed-zero-float');
    expect(parseNumbers(reply)).toEqual([1, signedZero ? 0 : 1]);
    // Tsunami implements OTP 27: the zeros are == but not =:=.
    expect(equals(new Float(0), new Float(-0))).toBe(true);
    expect(exactEquals(new Float(0), new Float(-0))).toBe(false);
  });

  it('prints floats so that erl reads the same double', async () => {
    const floats = [
      ...fc.sample(floatArbitrary, { numRuns: 500, seed: 3 }),
      5e-324,
      1.7976931348623157e308,
      1e21,
      2 ** 53,
      new Float(-0),
      0.1,
    ].map((value) => (value instanceof Float ? value.value : value));
    const reply = await oracle().evaluate(
      `<< <<F:64/float>> || F <- [${floats.map((value) => erlangExpression(new Float(value))).join(',')}] >>.`,
    );
    const view = new DataView(reply.buffer, reply.byteOffset, reply.byteLength);
    floats.forEach((value, index) => {
      expect(Object.is(view.getFloat64(index * 8), value), String(value)).toBe(true);
    });
  });
});
