import {
  atom,
  Bitstring,
  compare,
  compareExact,
  equals,
  exactEquals,
  Float,
  float,
  hash,
  improperList,
  list,
  nil,
  Pid,
  Port,
  Reference,
  type Term,
} from '@tsunami/core';
import { equalTermPairArbitrary, termArbitrary } from '@tsunami/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareIteratively } from '../src/compare.js';
import { hashIteratively } from '../src/hash.js';

const terms = termArbitrary({ withFunctions: true });
const node = atom('a@h');

/** Sorted with `compare`, then every pair in order must be `<=`: a check of the whole order. */
function expectOrdered(expected: readonly Term[]): void {
  for (let left = 0; left < expected.length; left += 1) {
    for (let right = 0; right < expected.length; right += 1) {
      expect(compare(expected[left]!, expected[right]!), `${left} vs ${right}`).toBe(
        Math.sign(left - right),
      );
    }
  }
}

describe('compare: orders confirmed with erl', () => {
  it('orders the types number < atom < reference < fun < port < pid < tuple < map < nil < list < bitstring', () => {
    expectOrdered([
      1,
      atom('a'),
      new Reference([1, 2, 3]),
      Math.max,
      new Port(1),
      new Pid(1, 0),
      [1],
      new Map([[1, 1]]),
      nil,
      list(1),
      'a',
    ]);
  });

  it('compares integers and floats by exact value', () => {
    expect(compare(1, float(1))).toBe(0);
    expect(compare(new Float(0), new Float(-0))).toBe(0);
    expect(compare(0, new Float(-0))).toBe(0);
    // 2^53 + 1 is above the double 2^53 ("(1 bsl 53 + 1) > float(1 bsl 53)" is true in erl).
    expect(compare(2n ** 53n + 1n, 2 ** 53)).toBe(1);
    expect(compare(2n ** 53n, 2 ** 53)).toBe(0);
    expect(compare(2n ** 1100n, 1.7976931348623157e308)).toBe(1);
    expect(compare(-(2n ** 1100n), -1.7976931348623157e308)).toBe(-1);
    expect(compare(1n, 1)).toBe(0);
  });

  it('orders map keys exactly: integers before floats, -0.0 before 0.0', () => {
    // maps:keys(#{2 => a, 1.0 => b, 0.0 => c, -0.0 => d, -1 => e, 3.5 => f}) in OTP 27.
    expectExactOrder([-1, 2, new Float(-0), new Float(0), new Float(1), 3.5]);
    expect(compareExact(1, 1n)).toBe(0);
    expect(compareExact(1.5, new Float(1.5))).toBe(0);
  });

  it('orders atoms and binaries by code point, not by UTF-16 code unit', () => {
    const names = ['z', '\u00ff', '\u{e000}', '\u{ffff}', '\u{10000}'];
    expectOrdered(names.map(atom));
    expectOrdered(names);
    expect(compare('\u{10000}', new TextEncoder().encode('\u{ffff}'))).toBe(1);
    expect(compare(new TextEncoder().encode('\u{10000}'), '\u{ffff}')).toBe(1);
    expect(compare('é', new Uint8Array([0xc3, 0xa9]))).toBe(0);
  });

  it('orders bitstrings bit by bit, then by length', () => {
    // lists:sort([<<1:1>>, <<0,1>>, <<128>>, <<128,0:1>>, <<>>, <<1:2>>, <<0:1>>]).
    expectOrdered([
      '',
      new Bitstring(new Uint8Array([0]), 1),
      new Uint8Array([0, 1]),
      new Bitstring(new Uint8Array([0x40]), 2),
      new Bitstring(new Uint8Array([0x80]), 1),
      new Uint8Array([128]),
      new Bitstring(new Uint8Array([128, 0]), 9),
    ]);
  });

  it('orders lists elementwise, improper tails by type', () => {
    expect(compare(improperList([1], 2), list(1, 2))).toBe(-1);
    expect(compare(improperList([1], 2), improperList([1], 3))).toBe(-1);
    expect(compare(improperList([1], atom('a')), improperList([1], 2))).toBe(1);
    expect(compare(nil, list(0))).toBe(-1);
    expect(compare(list(1, 2), list(1, 2, 3))).toBe(-1);
    expect(compare(improperList([1], ''), list(1, 2))).toBe(1);
  });

  it('orders tuples by size first', () => {
    expectOrdered([[], [atom('a')], [atom('b')], [1, 2], [0, 0, 0]]);
  });

  it('orders maps by size, keys in key order, then values', () => {
    // lists:sort of these six maps in erl.
    const a = atom('a');
    const b = atom('b');
    expectOrdered([
      new Map<Term, Term>([
        [1, atom('x')],
        [a, 1],
      ]),
      new Map<Term, Term>([
        [new Float(1), atom('x')],
        [a, 1],
      ]),
      new Map<Term, Term>([
        [b, 0],
        [a, 1],
      ]),
      new Map<Term, Term>([
        [a, 1],
        [b, 2],
      ]),
      new Map<Term, Term>([
        [a, 2],
        [b, 1],
      ]),
      new Map<Term, Term>([
        [a, 1],
        [atom('c'), 0],
      ]),
    ]);
    expect(compare(new Map([['a', new Float(1)]]), { a: 1 })).toBe(0);
    expect(compareExact(new Map([['a', new Float(1)]]), { a: 1 })).toBe(1);
    expect(compare(new Map([[a, 1]]), { a: 1 })).toBe(-1);
    expect(compare(new Map([[a, new Float(1)]]), new Map([[a, 1]]))).toBe(0);
    expect(compare(new Map([[1, a]]), new Map([[new Float(1), a]]))).toBe(-1);
    expect(compare({ b: 1 }, new Map([[new TextEncoder().encode('b'), 1]]))).toBe(0);
  });

  it('orders pids by serial, id, node, creation', () => {
    // lists:sort([<0.1.2>, <0.2.1>, <0.3.0>, <0.0.3>]) is [<0.3.0>, <0.2.1>, <0.1.2>, <0.0.3>].
    expectOrdered([new Pid(3, 0), new Pid(2, 1), new Pid(1, 2), new Pid(0, 3)]);
    expectOrdered([
      new Pid(2, 0, node, 1),
      new Pid(2 ** 32 - 1, 0, node, 0),
      new Pid(0, 1, node, 0),
      new Pid(1, 5, node, 1),
      new Pid(1, 6, node, 0),
      new Pid(0, 9, atom('b@h'), 0),
    ]);
    expect(compare(new Pid(1, 0, node, 1), new Pid(1, 0))).toBe(-1);
    expect(compare(new Pid(7, 0, atom('nonode@nohost'), 5), new Pid(7, 0))).toBe(1);
  });

  it('orders ports by node, creation, id', () => {
    expectOrdered([
      new Port(1, node, 1),
      new Port(2 ** 48 - 1, node, 1),
      new Port(0, node, 2),
      new Port(0, atom('b@h'), 0),
      new Port(3),
      new Port(7),
    ]);
  });

  it('orders references by node, creation, then words from the most significant', () => {
    expectOrdered([
      new Reference([1, 2, 3], node, 0),
      new Reference([3, 2, 1], node, 1),
      new Reference([1, 2, 3], node, 1),
      new Reference([0, 0, 0], atom('b@h'), 0),
      new Reference([0x3ffff, 0, 0]),
      new Reference([5, 5, 5]),
      new Reference([0, 0, 0xffffffff]),
    ]);
    expect(compare(new Reference([1, 2, 3], node, 1), new Reference([1, 2, 3, 0], node, 1))).toBe(
      0,
    );
    expect(compare(new Reference([1, 2, 3], node, 1), new Reference([1, 2, 3, 1], node, 1))).toBe(
      -1,
    );
    // A local reference is read as three words: OTP keeps a pid in words four and five.
    expect(compare(new Reference([1, 2, 3, 4, 5]), new Reference([1, 2, 3]))).toBe(0);
    expect(exactEquals(new Reference([1, 2, 3, 4]), new Reference([1, 2, 3]))).toBe(true);
    expect(hash(new Reference([1, 2, 3, 4]))).toBe(hash(new Reference([1, 2, 3])));
  });

  it('orders funs by a stable id', () => {
    const first = () => 1;
    const second = () => 2;
    const order = compare(first, second);
    expect(order).not.toBe(0);
    expect(compare(second, first)).toBe(-order);
    expect(compare(first, first)).toBe(0);
  });

  it('rejects a value that is not a term', () => {
    expect(() => compare(null as unknown as Term, 1)).toThrow(/not a term/);
    expect(() => compare(Number.NaN, 1)).toThrow(/NaN is not a term/);
    expect(() => compare([Number.NaN], [Number.NaN])).toThrow(/NaN is not a term/);
    expect(() => compareExact(1, Number.NaN)).toThrow(/NaN is not a term/);
    expect(() => compare(Symbol('x'), atom('x'))).toThrow(/not a term/);
    expect(() => compare([new Date()] as unknown as Term, [1])).toThrow(/Date is not a term/);
  });
});

function expectExactOrder(expected: readonly Term[]): void {
  for (let left = 0; left < expected.length; left += 1) {
    for (let right = 0; right < expected.length; right += 1) {
      expect(compareExact(expected[left]!, expected[right]!)).toBe(Math.sign(left - right));
    }
  }
}

describe('compare: laws', () => {
  it('is antisymmetric and reflexive', () => {
    fc.assert(
      fc.property(terms, terms, (a, b) => {
        expect(compare(a, a)).toBe(0);
        expect(compare(a, b)).toBe(-compare(b, a) || 0);
        expect(compareExact(a, b)).toBe(-compareExact(b, a) || 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('is transitive', () => {
    fc.assert(
      fc.property(terms, terms, terms, (a, b, c) => {
        const sorted = [a, b, c].sort(compare);
        expect(compare(sorted[0]!, sorted[1]!)).toBeLessThanOrEqual(0);
        expect(compare(sorted[1]!, sorted[2]!)).toBeLessThanOrEqual(0);
        expect(compare(sorted[0]!, sorted[2]!)).toBeLessThanOrEqual(0);
        const exactSorted = [a, b, c].sort(compareExact);
        expect(compareExact(exactSorted[0]!, exactSorted[2]!)).toBeLessThanOrEqual(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('is transitive on numbers of every form, where order mixes integers and floats', () => {
    const numbers = fc.oneof(
      fc.integer({ min: -3, max: 3 }),
      fc.integer({ min: -3, max: 3 }).map(BigInt),
      fc.integer({ min: -3, max: 3 }).map((value) => new Float(value)),
      fc.constantFrom(0.5, -0.5, new Float(-0), 2 ** 53, 2n ** 53n + 1n, 2n ** 53n - 1n),
    );
    fc.assert(
      fc.property(fc.array(numbers, { minLength: 3, maxLength: 8 }), (values) => {
        for (const comparator of [compare, compareExact]) {
          const sorted = [...values].sort(comparator);
          for (let left = 0; left < sorted.length; left += 1) {
            for (let right = left; right < sorted.length; right += 1) {
              expect(comparator(sorted[left]!, sorted[right]!)).toBeLessThanOrEqual(0);
            }
          }
        }
      }),
    );
  });

  it('agrees with equals, and exactEquals implies compare 0 and compareExact 0', () => {
    fc.assert(
      fc.property(terms, terms, (a, b) => {
        expect(equals(a, b)).toBe(compare(a, b) === 0);
        expect(exactEquals(a, b)).toBe(compareExact(a, b) === 0);
        if (exactEquals(a, b)) expect(compare(a, b)).toBe(0);
      }),
      { numRuns: 2000 },
    );
  });

  it('sees the same term in other JS forms as equal and exactly equal, with the same hash', () => {
    fc.assert(
      fc.property(equalTermPairArbitrary({ withFunctions: true }), ([a, b]) => {
        expect(exactEquals(a, b)).toBe(true);
        expect(exactEquals(b, a)).toBe(true);
        expect(compare(a, b)).toBe(0);
        expect(compareExact(a, b)).toBe(0);
        expect(hash(a)).toBe(hash(b));
      }),
      { numRuns: 3000 },
    );
  });

  it('hashes exactly equal terms alike', () => {
    fc.assert(
      fc.property(terms, terms, (a, b) => {
        if (exactEquals(a, b)) expect(hash(a)).toBe(hash(b));
        const code = hash(a);
        expect(Number.isInteger(code) && code >= 0 && code < 2 ** 32).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });
});

describe('binary order against a model: bytewise comparison of UTF-8', () => {
  const encoder = new TextEncoder();
  const text = fc
    .oneof(
      fc.string({ unit: 'binary', maxLength: 6 }),
      fc.string({
        unit: fc.constantFrom(
          'a',
          '\u{7f}',
          '\u{80}',
          '\u{7ff}',
          '\u{800}',
          '\u{d7ff}',
          '\u{e000}',
          '\u{ffff}',
          '\u{10000}',
          '\u{10ffff}',
        ),
        maxLength: 4,
      }),
    )
    .filter((value) => value.isWellFormed());
  const model = (a: Uint8Array, b: Uint8Array) => Math.sign(Buffer.compare(a, b));

  it('orders strings, strings against bytes, and atoms as their UTF-8 bytes', () => {
    fc.assert(
      fc.property(text, text, (a, b) => {
        const bytesA = encoder.encode(a);
        const bytesB = encoder.encode(b);
        const expected = model(bytesA, bytesB);
        expect(compare(a, b)).toBe(expected);
        expect(compare(a, bytesB)).toBe(expected);
        expect(compare(bytesA, b)).toBe(expected);
        expect(compare(bytesA, bytesB)).toBe(expected);
        expect(compare(atom(a), atom(b))).toBe(expected);
        expect(exactEquals(a, bytesB)).toBe(expected === 0);
      }),
      { numRuns: 5000 },
    );
  });
});

describe('hash', () => {
  it('tells apart terms that only JS would confuse', () => {
    const distinct: Term[] = [
      1,
      new Float(1),
      atom('1'),
      '1',
      list(1),
      [1],
      nil,
      '',
      [],
      new Map(),
      new Uint8Array([0xff]),
      new Float(0.5),
      2n ** 64n,
      -(2n ** 64n),
    ];
    const codes = new Set(distinct.map(hash));
    expect(codes.size).toBe(distinct.length);
  });

  it('hashes 0.0 and -0.0 alike, so OTP 25-style tables can use it', () => {
    expect(hash(new Float(-0))).toBe(hash(new Float(0)));
    expect(hash(-0)).toBe(hash(0));
  });
});

describe('deep terms', () => {
  it('compares and hashes without recursion exactly as with it', () => {
    fc.assert(
      fc.property(terms, terms, (a, b) => {
        expect(compareIteratively(a, b, false)).toBe(compare(a, b));
        expect(compareIteratively(a, b, true)).toBe(compareExact(a, b));
        expect(hashIteratively(a)).toBe(hash(a));
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(equalTermPairArbitrary({ withFunctions: true }), ([a, b]) => {
        expect(compareIteratively(a, b, true)).toBe(0);
        expect(hashIteratively(a)).toBe(hash(b));
      }),
      { numRuns: 1000 },
    );
  });

  it('handles nesting far deeper than the call stack', () => {
    const depth = 100_000;
    const nest = (inner: Term, level: number): Term => {
      if (level % 3 === 0) return [inner];
      if (level % 3 === 1) return list(atom('x'), inner);
      return new Map([[atom('k'), inner]]);
    };
    let low: Term = 1;
    let high: Term = 2;
    let lowOtherForm: Term = 1n;
    for (let level = 0; level < depth; level += 1) {
      low = nest(low, level);
      high = nest(high, level);
      lowOtherForm = nest(lowOtherForm, level);
    }
    expect(compare(low, high)).toBe(-1);
    expect(compareExact(high, low)).toBe(1);
    expect(compare(low, lowOtherForm)).toBe(0);
    expect(exactEquals(low, lowOtherForm)).toBe(true);
    expect(exactEquals(low, high)).toBe(false);
    expect(hash(low)).toBe(hash(lowOtherForm));
    expect(hash(low)).not.toBe(hash(high));
  });
});
