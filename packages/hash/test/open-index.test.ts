import { exactEquals, hash, type Term } from '@tsunami/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mixHash, numberHash, openHash, stringHash } from '../src/key.js';
import { MAXIMUM_VALUE, OpenIndex, type OpenKey } from '../src/open-index.js';

type Command =
  | { readonly kind: 'get' | 'delete' | 'take'; readonly key: Term }
  | { readonly kind: 'getOrAdd' | 'set'; readonly key: Term; readonly value: number }
  | { readonly kind: 'renumber'; readonly renumbered: Int32Array }
  | { readonly kind: 'clear' };

/** Values stay below this, so that a renumbering array covers them all. */
const VALUES = 1024;

interface Flavour {
  readonly name: string;
  create(): OpenIndex<Term>;
  readonly hashOf: (key: Term) => number;
  readonly key: fc.Arbitrary<Term>;
  /**
   * What the `Map` model files a key under: the key itself where `===` tells keys apart, a
   * string for a structured index, whose keys are fresh arrays equal by `exactEquals`.
   */
  readonly identity?: (key: Term) => OpenKey;
}

const numberHashOf = (key: Term) => mixHash(numberHash(key as number));

/**
 * An index of numbers or strings, typed as one of terms so that every flavour runs the same
 * commands (its keys are numbers or strings all the same).
 */
const termIndex = (index: OpenIndex): OpenIndex<Term> => index as unknown as OpenIndex<Term>;

/** The hash store's equality for its structured index (a deleted key is `undefined`). */
const isKeptTerm = (kept: Term | undefined, key: Term) =>
  kept !== undefined && exactEquals(kept, key);

/** Two-element tuples, each drawn as a fresh array, from a pool small enough to repeat. */
const tupleKey = fc
  .integer({ min: 0, max: 300 })
  .map((n): Term => [n % 40, `k${Math.floor(n / 40)}`]);

const FLAVOURS: readonly Flavour[] = [
  {
    name: 'int32',
    create: () => termIndex(OpenIndex.int32()),
    hashOf: numberHashOf,
    // A pool small enough that keys repeat, with the ends of the range and -0.
    key: fc.oneof(
      fc.integer({ min: -20, max: 200 }),
      fc.constantFrom(0, -0, 2 ** 31 - 1, -(2 ** 31), 2 ** 30),
      fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }),
    ),
  },
  {
    // The hash store's second int32 index: tags 2^32 below the keys.
    name: 'int32 (unsigned, from 2^31)',
    create: () => termIndex(OpenIndex.int32()),
    hashOf: numberHashOf,
    key: fc.oneof(
      fc.integer({ min: 2 ** 31, max: 2 ** 31 + 200 }),
      fc.constantFrom(2 ** 31, 2 ** 32 - 1, 2 ** 32 - 2),
      fc.integer({ min: 2 ** 31, max: 2 ** 32 - 1 }),
    ),
  },
  {
    name: 'keyed (strings and numbers)',
    create: () => termIndex(OpenIndex.keyed()),
    hashOf: (key) => openHash(key as OpenKey),
    // Strings, and numbers a hash or `===` could confuse (the hash store files the numbers
    // outside the 32-bit range here).
    key: fc.oneof(
      fc.integer({ min: 0, max: 200 }).map((n) => `k${n}`),
      fc.constantFrom('', 'a', 'A', '\u{1F600}', '\uD800'),
      fc.string(),
      fc.constantFrom(0, -0, 0.5, -0.5, 2 ** 31, -(2 ** 31) - 1, 2 ** 53 - 1, 1e300, 5e-324),
      fc.double({ noNaN: true }),
    ),
  },
  {
    // Only eight distinct hashes: most probes meet cells with equal tags and other keys.
    name: 'strings with colliding hashes',
    create: () => termIndex(OpenIndex.keyed()),
    hashOf: (key) => stringHash(key as string) & 7,
    key: fc.integer({ min: 0, max: 300 }).map((n) => `k${n}`),
  },
  {
    name: 'structured (tuples)',
    create: () => OpenIndex.structured<Term>(isKeptTerm),
    hashOf: (key) => openHash(hash(key) | 0),
    key: tupleKey,
    identity: (key) => JSON.stringify(key),
  },
  {
    // Eight distinct hashes: unequal keys with one hash share probe runs, as real collisions do.
    name: 'structured (tuples with colliding hashes)',
    create: () => OpenIndex.structured<Term>(isKeptTerm),
    hashOf: (key) => (key as [number, string])[0] & 7,
    key: tupleKey,
    identity: (key) => JSON.stringify(key),
  },
];

/**
 * The flavours whose growth tests make their own keys from integers (picked by name, so that
 * adding or reordering flavours cannot change them): the integer itself for `int32`, a string for
 * `keyed`, a fresh tuple for `structured`.
 */
const GROWTH_FLAVOURS = FLAVOURS.filter(
  (flavour) =>
    flavour.name === 'int32' ||
    flavour.name.startsWith('keyed') ||
    flavour.name === 'structured (tuples)',
);

/** The growth tests' key made from `n` for `flavour`, and the model's identity for it. */
function growthKey(flavour: Flavour, n: number, text: string): { key: Term; identity: OpenKey } {
  if (flavour.name === 'int32') return { key: n, identity: n };
  if (flavour.name.startsWith('keyed')) return { key: text, identity: text };
  return { key: [n, 'key'], identity: n };
}

function commandArbitrary(key: fc.Arbitrary<Term>): fc.Arbitrary<Command> {
  const value = fc.nat({ max: VALUES - 1 });
  const renumbered = fc
    .array(fc.nat({ max: VALUES - 1 }), { minLength: VALUES, maxLength: VALUES })
    .map((values) => ({ kind: 'renumber' as const, renumbered: Int32Array.from(values) }));
  return fc.oneof(
    { weight: 6, arbitrary: fc.record({ kind: fc.constant('getOrAdd' as const), key, value }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('set' as const), key, value }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('get' as const), key }) },
    { weight: 3, arbitrary: fc.record({ kind: fc.constant('delete' as const), key }) },
    { weight: 2, arbitrary: fc.record({ kind: fc.constant('take' as const), key }) },
    { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
    { weight: 1, arbitrary: renumbered },
  );
}

/**
 * The model: a `Map` from each key's identity (see {@link Flavour.identity}) to a key it stands
 * for and that key's value.
 */
type Model = Map<OpenKey, { readonly key: Term; value: number }>;

/** Applies `command` to the index and to the model and asserts they answer alike. */
function apply(index: OpenIndex<Term>, flavour: Flavour, model: Model, command: Command): void {
  const hashOf = flavour.hashOf;
  if (command.kind === 'renumber') {
    for (const entry of model.values()) entry.value = command.renumbered[entry.value]!;
    index.renumber(command.renumbered, 0);
    return;
  }
  if (command.kind === 'clear') {
    model.clear();
    index.clear();
    return;
  }
  const key = command.key;
  const identity = flavour.identity?.(key) ?? (key as OpenKey);
  const expected = model.get(identity)?.value ?? -1;
  switch (command.kind) {
    case 'get':
      expect(index.get(key, hashOf(key))).toBe(expected);
      break;
    case 'getOrAdd': {
      if (expected < 0) model.set(identity, { key, value: command.value });
      expect(index.getOrAdd(key, hashOf(key), command.value)).toBe(expected);
      break;
    }
    case 'set':
      if (expected < 0) model.set(identity, { key, value: command.value });
      else model.get(identity)!.value = command.value;
      index.set(key, hashOf(key), command.value);
      break;
    case 'delete':
      expect(index.delete(key, hashOf(key))).toBe(model.delete(identity));
      break;
    case 'take': {
      model.delete(identity);
      expect(index.take(key, hashOf(key))).toBe(expected);
      break;
    }
  }
}

function assertSameContents(
  index: OpenIndex<Term>,
  hashOf: (key: Term) => number,
  model: Model,
): void {
  expect(index.check(hashOf)).toBeUndefined();
  expect(index.size).toBe(model.size);
  for (const { key, value } of model.values()) expect(index.get(key, hashOf(key))).toBe(value);
}

describe.each(FLAVOURS)('OpenIndex ($name)', (flavour) => {
  it('answers as a Map through growth, draining and deletion (model-based)', () => {
    fc.assert(
      fc.property(
        fc.array(commandArbitrary(flavour.key), { maxLength: 400, size: 'max' }),
        (commands) => {
          const index = flavour.create();
          const model: Model = new Map();
          for (const command of commands) {
            apply(index, flavour, model, command);
            expect(index.check(flavour.hashOf)).toBeUndefined();
          }
          assertSameContents(index, flavour.hashOf, model);
        },
      ),
      { numRuns: 60 },
    );
  });
});

describe('OpenIndex', () => {
  it('treats 0 and -0 as one key, as a Map does', () => {
    const index = OpenIndex.int32();
    expect(index.getOrAdd(-0, numberHashOf(-0), 7)).toBe(-1);
    expect(index.get(0, numberHashOf(0))).toBe(7);
    expect(index.delete(0, numberHashOf(0))).toBe(true);
    expect(index.size).toBe(0);
  });

  it('keeps every key through many growths, with deletions while old tables drain', () => {
    for (const flavour of GROWTH_FLAVOURS) {
      const index = flavour.create();
      const model: Model = new Map();
      let state = 12345;
      for (let step = 0; step < 40_000; step += 1) {
        state = (Math.imul(state, 1103515245) + 12345) | 0;
        const { key, identity } = growthKey(
          flavour,
          state,
          `key:${state % 3 === 0 ? state : state / 7}`,
        );
        const expected = model.get(identity)?.value ?? -1;
        expect(index.getOrAdd(key, flavour.hashOf(key), step)).toBe(expected);
        if (expected < 0) model.set(identity, { key, value: step });
        // Delete the oldest key now and then, often while a drain is under way.
        if (step % 3 === 0) {
          const [oldest, { key: first }] = model.entries().next().value!;
          expect(index.delete(first, flavour.hashOf(first))).toBe(true);
          model.delete(oldest);
          expect(index.get(first, flavour.hashOf(first))).toBe(-1);
        }
        if (step % 4999 === 0) expect(index.check(flavour.hashOf)).toBeUndefined();
      }
      assertSameContents(index, flavour.hashOf, model);
      for (const [identity, { key }] of [...model]) {
        expect(index.delete(key, flavour.hashOf(key))).toBe(true);
        model.delete(identity);
      }
      assertSameContents(index, flavour.hashOf, model);
    }
  });

  it('keeps every key through the growths past 2^18 cells, which double instead of quadruple', () => {
    for (const flavour of GROWTH_FLAVOURS) {
      const index = flavour.create();
      const keyOf = (step: number): Term =>
        growthKey(flavour, step * 3 - 2 ** 31, `key:${step}`).key;
      // 140,000 keys pass half of 2^18 cells, so the table grows twice over to 2^19 cells; every
      // fourth key is deleted again while that drain is under way.
      const total = 140_000;
      for (let step = 0; step < total; step += 1) {
        const key = keyOf(step);
        expect(index.getOrAdd(key, flavour.hashOf(key), step)).toBe(-1);
        if (step > 131_000 && step % 4 === 0) {
          const gone = keyOf(step - 131_000);
          expect(index.delete(gone, flavour.hashOf(gone))).toBe(true);
        }
        if (step % 35_000 === 0 || step === 131_100) {
          expect(index.check(flavour.hashOf)).toBeUndefined();
        }
      }
      expect(index.check(flavour.hashOf)).toBeUndefined();
      let present = 0;
      for (let step = 0; step < total; step += 1) {
        const key = keyOf(step);
        const deleted = step > 0 && step < total - 131_000 && step % 4 === 0;
        expect(index.get(key, flavour.hashOf(key))).toBe(deleted ? -1 : step);
        if (!deleted) present += 1;
      }
      expect(index.size).toBe(present);
    }
  });

  it('holds values up to its maximum, 2^31 - 2', () => {
    const index = OpenIndex.int32();
    expect(index.getOrAdd(1, numberHashOf(1), MAXIMUM_VALUE)).toBe(-1);
    expect(index.get(1, numberHashOf(1))).toBe(MAXIMUM_VALUE);
    expect(index.check(numberHashOf)).toBeUndefined();
  });

  it('reports a key filed under another hash', () => {
    const index = OpenIndex.keyed();
    index.set('a', stringHash('a'), 1);
    expect(index.check((key) => stringHash(key as string) + 1)).toMatch(/another hash/);
  });
});
