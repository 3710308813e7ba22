import { atom, exactEquals, Float, primitiveKey, type Term } from '@tsunami/core';
import { equalTermPairArbitrary, termArbitrary } from '@tsunami/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';

/** Equality of `Map` keys. */
function sameValueZero(a: unknown, b: unknown): boolean {
  return a === b || (Number.isNaN(a) && Number.isNaN(b));
}

const scalars = fc.oneof(
  termArbitrary({ maxDepth: 0 }),
  fc.constantFrom<Term>(0, -0, 0n, new Float(0), new Float(-0), 1, 1n, new Float(1), 1.5),
  fc.constantFrom<Term>(2 ** 53, 2n ** 53n, new Float(2 ** 53), true, Symbol.for('true')),
  fc.constantFrom<Term>('a', new Uint8Array([97]), new Uint8Array([0xff]), atom('a')),
);

describe('primitiveKey', () => {
  it('gives equal primitives exactly to exactly equal terms', () => {
    fc.assert(
      fc.property(scalars, scalars, (a, b) => {
        const keyA = primitiveKey(a);
        const keyB = primitiveKey(b);
        if (keyA !== undefined && keyB !== undefined) {
          expect(sameValueZero(keyA, keyB)).toBe(exactEquals(a, b));
        } else if (keyA !== undefined || keyB !== undefined) {
          expect(exactEquals(a, b)).toBe(false);
        }
      }),
      { numRuns: 5000 },
    );
  });

  it('gives the same primitive to every JS form of a term', () => {
    fc.assert(
      fc.property(equalTermPairArbitrary({ maxDepth: 0 }), ([a, b]) => {
        expect(sameValueZero(primitiveKey(a), primitiveKey(b))).toBe(true);
      }),
      { numRuns: 2000 },
    );
  });

  it('has none for compound terms and integral floats', () => {
    for (const term of [[1], new Float(1), new Float(-0), new Map(), {}, new Uint8Array([0xc0])]) {
      expect(primitiveKey(term as Term)).toBeUndefined();
    }
    expect(primitiveKey(2n ** 64n)).toBe(2n ** 64n);
    expect(primitiveKey(5n)).toBe(5);
    expect(primitiveKey(new Float(1.5))).toBe(1.5);
    expect(primitiveKey(Symbol.for('false'))).toBe(false);
    expect(primitiveKey(new Uint8Array([0xef, 0xbb, 0xbf]))).toBe('\ufeff');
  });
});
