import { atom, exactEquals, Float, isPlainObject, List, nil, type Term } from '@tsunami/core';
import { keyArbitrary } from '@tsunami/core/testing';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashStore } from '../src/index.js';
import { storeKey } from '../src/key.js';

const encoder = new TextEncoder();
const strictDecoder = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });

/** Another JS form of the same term, one level down and recursively into containers. */
function otherForm(term: Term): Term {
  switch (typeof term) {
    case 'number':
      return Number.isSafeInteger(term) ? BigInt(term) : new Float(term);
    case 'bigint':
      return Number.isSafeInteger(Number(term)) ? Number(term) : BigInt.asIntN(4096, term);
    case 'string':
      return term.isWellFormed() ? encoder.encode(term) : term;
    default:
      break;
  }
  if (term instanceof Float) return Number.isSafeInteger(term.value) ? term : term.value;
  if (term instanceof Uint8Array) {
    try {
      return strictDecoder.decode(term);
    } catch {
      return Uint8Array.from(term);
    }
  }
  if (Array.isArray(term)) return term.map(otherForm);
  if (term instanceof List) return term;
  if (term instanceof Map) {
    return new Map([...term].map(([key, value]) => [otherForm(key), otherForm(value)]));
  }
  if (typeof term === 'object' && term !== null && isPlainObject(term)) {
    return new Map(
      Object.entries(term).map(([key, value]) => [encoder.encode(key), otherForm(value as Term)]),
    );
  }
  return term;
}

describe('key equality is exact equality (=:=)', () => {
  it('finds a key through any other JS form of the same term', () => {
    fc.assert(
      fc.property(keyArbitrary, (key) => {
        const alternative = otherForm(key);
        expect(exactEquals(key, alternative)).toBe(true);
        for (const type of ['set', 'bag', 'duplicate_bag'] as const) {
          const store = new HashStore({ type });
          store.insert([key, 'value']);
          expect(store.has(alternative)).toBe(true);
          expect(store.lookup(alternative)).toHaveLength(1);
          store.insert([alternative, 'value']);
          expect(store.keyCount).toBe(1);
          expect(store.size).toBe(type === 'duplicate_bag' ? 2 : 1);
          store.validate();
        }
      }),
      { numRuns: 1000 },
    );
  });

  it('separates keys exactly when exactEquals does', () => {
    fc.assert(
      fc.property(keyArbitrary, keyArbitrary, (first, second) => {
        const store = new HashStore({ type: 'set' });
        store.insert([first]);
        expect(store.has(second)).toBe(exactEquals(first, second));
        store.insert([second]);
        expect(store.keyCount).toBe(exactEquals(first, second) ? 1 : 2);
        store.validate();
      }),
      { numRuns: 2000 },
    );
  });

  it('gives the primitive fast path only to keys whose forms a Map compares exactly', () => {
    fc.assert(
      fc.property(keyArbitrary, keyArbitrary, (first, second) => {
        const firstPrimitive = storeKey(first);
        const secondPrimitive = storeKey(second);
        if (firstPrimitive === undefined || secondPrimitive === undefined) {
          if (firstPrimitive !== secondPrimitive) expect(exactEquals(first, second)).toBe(false);
          return;
        }
        expect(
          Object.is(firstPrimitive, secondPrimitive) || firstPrimitive === secondPrimitive,
        ).toBe(exactEquals(first, second));
      }),
      { numRuns: 2000 },
    );
  });

  it('agrees with exactEquals on strings with lone surrogates', () => {
    const loneSurrogates = ['\u{d800}', 'a\u{dfff}', '\u{dbff}\u{dbff}', '\u{d83d}\u{de00}'];
    const byteForms = [
      new Uint8Array([0xed, 0xa0, 0x80]),
      new Uint8Array([0xef, 0xbf, 0xbd]),
      new Uint8Array([0x61, 0xed, 0xbf, 0xbf]),
      new Uint8Array([0x61, 0xef, 0xbf, 0xbd]),
      new Uint8Array([0xed, 0xaf, 0xbf, 0xed, 0xaf, 0xbf]),
      // A surrogate pair written as two 3-byte sequences: no string has these bytes.
      new Uint8Array([0xed, 0xa0, 0xbd, 0xed, 0xb8, 0x80]),
      new Uint8Array([0xf0, 0x9f, 0x98, 0x80]),
    ];
    for (const text of loneSurrogates) {
      for (const bytes of [...byteForms, '\u{fffd}', 'a\u{fffd}']) {
        const store = new HashStore({ type: 'set' });
        store.insert([text]);
        expect(store.has(bytes)).toBe(exactEquals(text, bytes));
        store.insert([bytes]);
        expect(store.keyCount).toBe(exactEquals(text, bytes) ? 1 : 2);
        store.validate();
      }
    }
  });

  const distinct: readonly [string, Term, Term][] = [
    ['1 and 1.0', 1, new Float(1)],
    ['0 and 0.0', 0, new Float(0)],
    ['0 and -0.0', 0, new Float(-0)],
    ['0.0 and -0.0 (OTP 27)', new Float(0), new Float(-0)],
    ['2^53 and 2^53 as a float', 2n ** 53n, 2 ** 53],
    ['the atom a and the binary a', atom('a'), 'a'],
    ['true and the binary true', true, 'true'],
    ['{} and []', [], nil],
    ['{1} and {1.0}', [1], [new Float(1)]],
  ];
  it.each(distinct)('keeps %s apart', (_name, first, second) => {
    const store = new HashStore({ type: 'set' });
    store.insert([first, 'first']);
    store.insert([second, 'second']);
    expect(store.keyCount).toBe(2);
    expect(store.lookup(first)).toEqual([[first, 'first']]);
    store.validate();
  });

  const same: readonly [string, Term, Term][] = [
    ['1 and 1n', 1, 1n],
    ['-0 and 0', -0, 0],
    ['2^64 as two bigints', 2n ** 64n, 2n ** 63n * 2n],
    ['1.5 and Float(1.5)', 1.5, new Float(1.5)],
    ['a string and its UTF-8 bytes', 'héllo', encoder.encode('héllo')],
    ['a BOM-led string and its bytes', '\u{feff}x', encoder.encode('\u{feff}x')],
    ['invalid UTF-8 bytes in two arrays', new Uint8Array([0xc3]), new Uint8Array([0xc3])],
    ['a plain object and a Map', { a: 1 }, new Map<Term, Term>([['a', 1]])],
    ['true and its registered symbol', true, Symbol.for('true')],
    ['a tuple of forms', [1, 'a', 1.5], [1n, encoder.encode('a'), new Float(1.5)]],
  ];
  it.each(same)('merges %s', (_name, first, second) => {
    const store = new HashStore({ type: 'set' });
    store.insert([first, 'first']);
    store.insert([second, 'second']);
    expect(store.keyCount).toBe(1);
    expect(store.lookup(first)).toEqual([[second, 'second']]);
    expect(store.deleteKey(first)).toBe(1);
    store.validate();
  });
});
