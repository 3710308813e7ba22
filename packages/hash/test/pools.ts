/**
 * Small pools of keys and values for model-based tests. Small pools make commands hit the same
 * keys again and again; the keys are chosen so that several JS forms of one term, and terms that
 * are `==` but not `=:=`, meet in one table.
 */
import { atom, Float, list, nil, Pid, type Term, type Tuple } from '@tsunami/core';
import fc from 'fast-check';

const encoder = new TextEncoder();

/** Keys in pairs of forms of the same term, and near-misses that must stay apart. */
export const KEY_POOL: readonly Term[] = [
  1,
  1n,
  new Float(1),
  0,
  -0,
  new Float(0),
  new Float(-0),
  1.5,
  new Float(1.5),
  2n ** 64n,
  2n ** 64n + 0n,
  // Integers whose low 32 bits are equal (kept in different indexes: signed, unsigned, keyed).
  -1,
  2 ** 32 - 1,
  2 ** 31,
  2n ** 31n,
  -(2 ** 31),
  2 ** 32,
  'a',
  encoder.encode('a'),
  '\u{feff}a',
  encoder.encode('\u{feff}a'),
  new Uint8Array([0xff]),
  Uint8Array.of(0xff),
  atom('a'),
  true,
  Symbol.for('true'),
  [1, 'a'],
  [1n, encoder.encode('a')],
  [new Float(1), 'a'],
  list(1, 2),
  nil,
  [],
  { a: 1 },
  new Map<Term, Term>([['a', 1]]),
  new Map<Term, Term>([[encoder.encode('a'), 1n]]),
  new Pid(1, 0),
];

/** A key from {@link KEY_POOL}, or a fresh small integer or string (the fast paths). */
export const poolKeyArbitrary: fc.Arbitrary<Term> = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...KEY_POOL) },
  { weight: 1, arbitrary: fc.integer({ min: 0, max: 20 }) },
  { weight: 1, arbitrary: fc.constantFrom('x', 'y', 'z') },
);

/** A small value, with `==`-but-not-`=:=` pairs so bag objects differ only in exactness. */
export const valueArbitrary: fc.Arbitrary<Term> = fc.constantFrom<Term>(
  1,
  new Float(1),
  2,
  1n,
  'v',
  encoder.encode('v'),
  new Float(-0),
  0,
);

/** An object `{Key, Value}` (or `{Value, Key}` for key position 2). */
export function objectArbitrary(keyPosition: 1 | 2): fc.Arbitrary<Tuple> {
  return fc
    .tuple(poolKeyArbitrary, valueArbitrary)
    .map(([key, value]) => (keyPosition === 1 ? [key, value] : [value, key]));
}
