import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { mixHash, numberHash, openHash, stringHash } from '../src/key.js';
import { MAXIMUM_VALUE, OpenIndex, type OpenKey } from '../src/open-index.js';

type Command =
  | { readonly kind: 'get' | 'delete' | 'take'; readonly key: OpenKey }
  | { readonly kind: 'getOrAdd' | 'set'; readonly key: OpenKey; readonly value: number }
  | { readonly kind: 'renumber'; readonly renumbered: Int32Array }
  | { readonly kind: 'clear' };

/** Values stay below this, so that a renumbering array covers them all. */
const VALUES = 1024;

interface Flavour {
  readonly name: string;
  create(): OpenIndex;
  readonly hashOf: (key: OpenKey) => number;
  readonly key: fc.Arbitrary<OpenKey>;
}

const numberHashOf = (key: OpenKey) => mixHash(numberHash(key as number));

const FLAVOURS: readonly Flavour[] = [
  {
    name: 'int32',
    create: OpenIndex.int32,
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
    create: OpenIndex.int32,
    hashOf: numberHashOf,
    key: fc.oneof(
      fc.integer({ min: 2 ** 31, max: 2 ** 31 + 200 }),
      fc.constantFrom(2 ** 31, 2 ** 32 - 1, 2 ** 32 - 2),
      fc.integer({ min: 2 ** 31, max: 2 ** 32 - 1 }),
    ),
  },
  {
    name: 'keyed (strings and numbers)',
    create: OpenIndex.keyed,
    hashOf: openHash,
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
    create: OpenIndex.keyed,
    hashOf: (key) => stringHash(key as string) & 7,
    key: fc.integer({ min: 0, max: 300 }).map((n) => `k${n}`),
  },
];

/**
 * The flavours whose growth tests make their own keys: signed integers for `int32`, strings for
 * `keyed` (picked by name, so that adding or reordering flavours cannot change them).
 */
const GROWTH_FLAVOURS = FLAVOURS.filter(
  (flavour) => flavour.name === 'int32' || flavour.name.startsWith('keyed'),
);

function commandArbitrary(key: fc.Arbitrary<OpenKey>): fc.Arbitrary<Command> {
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

/** Applies `command` to the index and to a `Map` model and asserts they answer alike. */
function apply(
  index: OpenIndex,
  hashOf: (key: OpenKey) => number,
  model: Map<OpenKey, number>,
  command: Command,
): void {
  switch (command.kind) {
    case 'get':
      expect(index.get(command.key, hashOf(command.key))).toBe(model.get(command.key) ?? -1);
      break;
    case 'getOrAdd': {
      const expected = model.get(command.key) ?? -1;
      if (expected < 0) model.set(command.key, command.value);
      expect(index.getOrAdd(command.key, hashOf(command.key), command.value)).toBe(expected);
      break;
    }
    case 'set':
      model.set(command.key, command.value);
      index.set(command.key, hashOf(command.key), command.value);
      break;
    case 'delete':
      expect(index.delete(command.key, hashOf(command.key))).toBe(model.delete(command.key));
      break;
    case 'take': {
      const expected = model.get(command.key) ?? -1;
      model.delete(command.key);
      expect(index.take(command.key, hashOf(command.key))).toBe(expected);
      break;
    }
    case 'renumber':
      for (const [key, value] of model) model.set(key, command.renumbered[value]!);
      index.renumber(command.renumbered, 0);
      break;
    case 'clear':
      model.clear();
      index.clear();
      break;
  }
}

function assertSameContents(
  index: OpenIndex,
  hashOf: (key: OpenKey) => number,
  model: Map<OpenKey, number>,
): void {
  expect(index.check(hashOf)).toBeUndefined();
  expect(index.size).toBe(model.size);
  for (const [key, value] of model) expect(index.get(key, hashOf(key))).toBe(value);
}

describe.each(FLAVOURS)('OpenIndex ($name)', ({ create, hashOf, key }) => {
  it('answers as a Map through growth, draining and deletion (model-based)', () => {
    fc.assert(
      fc.property(fc.array(commandArbitrary(key), { maxLength: 400, size: 'max' }), (commands) => {
        const index = create();
        const model = new Map<OpenKey, number>();
        for (const command of commands) {
          apply(index, hashOf, model, command);
          expect(index.check(hashOf)).toBeUndefined();
        }
        assertSameContents(index, hashOf, model);
      }),
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
      const model = new Map<OpenKey, number>();
      let state = 12345;
      const nextKey = (): OpenKey => {
        state = (Math.imul(state, 1103515245) + 12345) | 0;
        return flavour.name === 'int32' ? state : `key:${state % 3 === 0 ? state : state / 7}`;
      };
      for (let step = 0; step < 40_000; step += 1) {
        const key = nextKey();
        expect(index.getOrAdd(key, flavour.hashOf(key), step)).toBe(model.get(key) ?? -1);
        if (!model.has(key)) model.set(key, step);
        // Delete the oldest key now and then, often while a drain is under way.
        if (step % 3 === 0) {
          const [first] = model.keys();
          expect(index.delete(first!, flavour.hashOf(first!))).toBe(true);
          model.delete(first!);
          expect(index.get(first!, flavour.hashOf(first!))).toBe(-1);
        }
        if (step % 4999 === 0) expect(index.check(flavour.hashOf)).toBeUndefined();
      }
      assertSameContents(index, flavour.hashOf, model);
      for (const key of [...model.keys()]) {
        expect(index.delete(key, flavour.hashOf(key))).toBe(true);
        model.delete(key);
      }
      assertSameContents(index, flavour.hashOf, model);
    }
  });

  it('keeps every key through the growths past 2^18 cells, which double instead of quadruple', () => {
    for (const flavour of GROWTH_FLAVOURS) {
      const index = flavour.create();
      const keyOf = (step: number): OpenKey =>
        flavour.name === 'int32' ? step * 3 - 2 ** 31 : `key:${step}`;
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
