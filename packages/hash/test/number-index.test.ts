import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NumberIndex } from '../src/number-index.js';

type Command =
  | { readonly kind: 'get' | 'delete'; readonly key: number }
  | { readonly kind: 'getOrAdd' | 'set'; readonly key: number; readonly value: number }
  | { readonly kind: 'clear' };

// A pool small enough that keys repeat, with the keys that a hash or `===` could confuse.
const keyArbitrary = fc.oneof(
  fc.integer({ min: -20, max: 200 }),
  fc.constantFrom(0, -0, 0.5, -0.5, 2 ** 31, -(2 ** 31), 2 ** 53 - 1, 1e300, 5e-324),
  fc.double({ noNaN: true }),
);
const valueArbitrary = fc.nat({ max: 2 ** 31 });

const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  {
    weight: 120,
    arbitrary: fc.record({
      kind: fc.constant('getOrAdd' as const),
      key: keyArbitrary,
      value: valueArbitrary,
    }),
  },
  {
    weight: 40,
    arbitrary: fc.record({
      kind: fc.constant('set' as const),
      key: keyArbitrary,
      value: valueArbitrary,
    }),
  },
  { weight: 60, arbitrary: fc.record({ kind: fc.constant('get' as const), key: keyArbitrary }) },
  { weight: 60, arbitrary: fc.record({ kind: fc.constant('delete' as const), key: keyArbitrary }) },
  { weight: 1, arbitrary: fc.constant({ kind: 'clear' as const }) },
);

/** Applies `command` to the index and to a `Map` model and asserts they answer alike. */
function apply(index: NumberIndex, model: Map<number, number>, command: Command): void {
  switch (command.kind) {
    case 'get':
      expect(index.get(command.key)).toBe(model.get(command.key) ?? -1);
      break;
    case 'getOrAdd': {
      const expected = model.get(command.key) ?? -1;
      if (expected < 0) model.set(command.key, command.value);
      expect(index.getOrAdd(command.key, command.value)).toBe(expected);
      break;
    }
    case 'set':
      model.set(command.key, command.value);
      index.set(command.key, command.value);
      break;
    case 'delete':
      expect(index.delete(command.key)).toBe(model.delete(command.key));
      break;
    case 'clear':
      model.clear();
      index.clear();
      break;
  }
}

function assertSameContents(index: NumberIndex, model: Map<number, number>): void {
  expect(index.check()).toBeUndefined();
  expect(index.size).toBe(model.size);
  for (const [key, value] of model) expect(index.get(key)).toBe(value);
}

describe('NumberIndex', () => {
  it('answers as a Map through growth, draining and deletion (model-based)', () => {
    fc.assert(
      fc.property(fc.array(commandArbitrary, { maxLength: 400, size: 'max' }), (commands) => {
        const index = new NumberIndex();
        const model = new Map<number, number>();
        for (const command of commands) {
          apply(index, model, command);
          expect(index.check()).toBeUndefined();
        }
        assertSameContents(index, model);
      }),
      { numRuns: 100 },
    );
  });

  it('treats 0 and -0 as one key, as a Map does', () => {
    const index = new NumberIndex();
    expect(index.getOrAdd(-0, 7)).toBe(-1);
    expect(index.get(0)).toBe(7);
    expect(index.delete(0)).toBe(true);
    expect(index.size).toBe(0);
  });

  it('keeps every key through many growths, with deletions while old tables drain', () => {
    const index = new NumberIndex();
    const model = new Map<number, number>();
    let state = 12345;
    const nextKey = () => {
      state = (Math.imul(state, 1103515245) + 12345) | 0;
      return state % 3 === 0 ? state : state / 7;
    };
    for (let step = 0; step < 60_000; step += 1) {
      const key = nextKey();
      expect(index.getOrAdd(key, step)).toBe(model.get(key) ?? -1);
      if (!model.has(key)) model.set(key, step);
      // Delete an earlier key now and then, often while a drain is under way.
      if (step % 3 === 0) {
        const [first] = model.keys();
        expect(index.delete(first!)).toBe(true);
        model.delete(first!);
        expect(index.get(first!)).toBe(-1);
      }
      if (step % 4999 === 0) expect(index.check()).toBeUndefined();
    }
    assertSameContents(index, model);
    for (const key of [...model.keys()]) {
      expect(index.delete(key)).toBe(true);
      model.delete(key);
    }
    assertSameContents(index, model);
  });

  it('answers the same before and after clear', () => {
    const index = new NumberIndex();
    for (let key = 0; key < 1000; key += 1) index.set(key, key * 2);
    index.clear();
    expect(index.size).toBe(0);
    expect(index.get(5)).toBe(-1);
    expect(index.getOrAdd(5, 1)).toBe(-1);
    expect(index.check()).toBeUndefined();
  });
});
