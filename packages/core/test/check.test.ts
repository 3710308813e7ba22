import {
  assertTerm,
  atom,
  Bitstring,
  Float,
  improperList,
  isTerm,
  list,
  nil,
  Pid,
  TermError,
} from '@tsunami/core';
import { equalTermPairArbitrary, termArbitrary } from '@tsunami/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** The TermError that `assertTerm(value)` throws. */
function rejection(value: unknown): TermError {
  try {
    assertTerm(value);
  } catch (error) {
    if (error instanceof TermError) return error;
    throw error;
  }
  throw new Error('assertTerm accepted a value that is not a term');
}

/** Each kind of non-term, with the message it must get. */
const NON_TERMS: ReadonlyArray<
  readonly [name: string, value: unknown, message: RegExp, pathInside?: string]
> = [
  ['NaN', Number.NaN, /NaN/],
  ['Infinity', Number.POSITIVE_INFINITY, /Infinity is not a term/],
  ['-Infinity', Number.NEGATIVE_INFINITY, /-Infinity is not a term/],
  ['undefined', undefined, /undefined is not a term/],
  ['null', null, /null is not a term/],
  ['an unregistered symbol', Symbol('x'), /unregistered symbol/],
  ['a long atom', Symbol.for('x'.repeat(256)), /at most 255 characters/],
  ['a lone surrogate', 'ab\ud800c', /lone surrogate \(at code unit 2\)/],
  ['a lone low surrogate', '\udc00', /lone surrogate \(at code unit 0\)/],
  ['a class instance', new Date(0), /instance of Date is not a term/],
  ['a set', new Set([1]), /instance of Set is not a term/],
  ['an Int8Array', new Int8Array(1), /instance of Int8Array/],
  ['a symbol-keyed object', { [Symbol.for('k')]: 1 }, /symbol keys/],
  ['a sparse array', new Array(3), /hole/, '[0]'],
  ['a non-finite Float', Object.create(Float.prototype), /finite number/],
  ['a Pid made without its constructor', Object.create(Pid.prototype), /Pid must hold/],
];

const NESTINGS: ReadonlyArray<
  readonly [name: string, wrap: (inner: unknown) => unknown, path: string]
> = [
  ['top level', (inner) => inner, ''],
  ['a tuple element', (inner) => [1, 2, inner], '[2]'],
  ['a list element in a tuple', (inner) => [1, 2, list(1, inner as never)], '[2].items[1]'],
  ['an improper tail', (inner) => improperList([1], [inner as never]), '.tail[0]'],
  [
    'a map key',
    (inner) =>
      new Map<unknown, unknown>([
        [1, 2],
        [inner, 3],
      ]),
    '<map key 1>',
  ],
  ['a map value', (inner) => new Map<unknown, unknown>([[1, inner]]), '<map value 0>'],
  ['an object property', (inner) => ({ 'a b': [inner] }), '["a b"][0]'],
];

describe('assertTerm', () => {
  it('accepts every generated term, in every JS form', () => {
    fc.assert(
      fc.property(equalTermPairArbitrary({ withFunctions: true }), ([a, b]) => {
        assertTerm(a);
        assertTerm(b);
        expect(isTerm(a)).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('accepts the scalar corners', () => {
    for (const [index, value] of [
      0,
      -0,
      2n ** 100n,
      new Float(-0),
      1.5,
      true,
      atom('ok'),
      '',
      '😀',
      new Uint8Array([0xff]),
      new Bitstring(new Uint8Array([1]), 3),
      nil,
      Math.max,
      new Pid(1, 2),
      {},
      new Map(),
      Object.create(null),
    ].entries()) {
      expect(isTerm(value), `corner ${index}`).toBe(true);
    }
  });

  for (const [name, value, message, pathInside = ''] of NON_TERMS) {
    for (const [where, wrap, path] of NESTINGS) {
      it(`rejects ${name} at ${where} with path '${path}${pathInside}'`, () => {
        const error = rejection(wrap(value));
        expect(error.message).toMatch(message);
        expect(error.path).toBe(path + pathInside);
        expect(isTerm(wrap(value))).toBe(false);
      });
    }
  }

  it('rejects a generated term with a non-term planted anywhere, naming its path', () => {
    fc.assert(
      fc.property(
        termArbitrary({ maxDepth: 3 }),
        fc.constantFrom(...NON_TERMS),
        fc.nat(),
        (term, [, poison, message, pathInside = ''], seed) => {
          const planted = plant(term, poison, seed);
          if (planted === undefined) return;
          const error = rejection(planted.value);
          expect(error.message).toMatch(message);
          expect(error.path).toBe(planted.path + pathInside);
        },
      ),
      { numRuns: 500 },
    );
  });

  it('rejects maps with two keys that are the same term in different JS forms', () => {
    const pairs: ReadonlyArray<readonly [unknown, unknown]> = [
      ['a', new Uint8Array([97])],
      [1, 1n],
      [true, Symbol.for('true')],
      [1.5, new Float(1.5)],
      [[1], [1n]],
      [list(1), list(1)],
      [{ a: 1 }, new Map([['a', 1]])],
    ];
    for (const [first, second] of pairs) {
      const error = rejection(
        new Map<unknown, unknown>([
          [first, 1],
          [atom('x'), 2],
          [second, 3],
        ]),
      );
      expect(error.message).toMatch(/map keys 0 and 2 are the same term/);
      expect(error.path).toBe('<map key 2>');
    }
    // Different terms that JS would not tell apart are fine.
    expect(
      isTerm(
        new Map<unknown, unknown>([
          [1, 1],
          [new Float(1), 2],
        ]),
      ),
    ).toBe(true);
    expect(
      isTerm(
        new Map<unknown, unknown>([
          [new Float(0), 1],
          [new Float(-0), 2],
        ]),
      ),
    ).toBe(true);
  });

  it('rejects cycles, and accepts shared subterms', () => {
    const cyclic: unknown[] = [1];
    cyclic.push([2, cyclic]);
    const error = rejection(cyclic);
    expect(error.message).toMatch(/cycle/);
    expect(error.path).toBe('[1][1]');

    const map = new Map<unknown, unknown>();
    map.set(1, map);
    expect(rejection(map).path).toBe('<map value 0>');

    const shared = [1, 2, 3];
    let dag: unknown = shared;
    for (let level = 0; level < 64; level += 1) dag = [dag, dag];
    expect(isTerm(dag)).toBe(true);
  });

  it('checks deep nesting without overflowing the stack', () => {
    let deep: unknown = 1;
    for (let level = 0; level < 200_000; level += 1) deep = [deep];
    expect(isTerm(deep)).toBe(true);
    let poisoned: unknown = Number.NaN;
    for (let level = 0; level < 3; level += 1) poisoned = list(poisoned as never);
    expect(rejection(poisoned).path).toBe('.items[0].items[0].items[0]');
  });
});

/**
 * Puts `poison` in place of a part of `term` chosen by `seed`, inside a tuple, list or map, and
 * returns the new value with the path `assertTerm` must report; `undefined` when `term` has no
 * tuple, list or map to plant in.
 */
function plant(
  term: unknown,
  poison: unknown,
  seed: number,
): { value: unknown; path: string } | undefined {
  if (Array.isArray(term) && term.length > 0) {
    const index = seed % term.length;
    const inner = plant(term[index], poison, Math.floor(seed / 7));
    const copy = [...term];
    if (inner === undefined || seed % 3 === 0) {
      copy[index] = poison;
      // Elements before `index` are terms, so the poison is the first thing found.
      return { value: copy, path: `[${index}]` };
    }
    copy[index] = inner.value;
    return { value: copy, path: `[${index}]${inner.path}` };
  }
  if (term instanceof Map && term.size > 0) {
    const entries = Array.from(term);
    const index = seed % entries.length;
    const inner = plant(entries[index]![1], poison, Math.floor(seed / 7));
    entries[index] = [entries[index]![0], inner === undefined ? poison : inner.value];
    const path = `<map value ${index}>${inner === undefined ? '' : inner.path}`;
    return { value: new Map(entries), path };
  }
  return undefined;
}
