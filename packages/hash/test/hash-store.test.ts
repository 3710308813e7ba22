import { exactEquals, hash, type Term, type Tuple } from '@tsunami/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CHUNK_SIZE, ChunkedArray } from '../src/chunked-array.js';
import { HashStore, type HashTableType, KEY_NOT_FOUND } from '../src/index.js';
import { ModelStore, sameMultiset, sameObjects } from './model.js';
import { objectArbitrary, poolKeyArbitrary } from './pools.js';

type Command =
  | { readonly kind: 'insert'; readonly object: Tuple }
  | { readonly kind: 'deleteKey'; readonly key: Term }
  | { readonly kind: 'deleteObject'; readonly object: Tuple }
  | { readonly kind: 'take'; readonly key: Term }
  | { readonly kind: 'clear' };

function commandArbitrary(keyPosition: 1 | 2): fc.Arbitrary<Command> {
  const object = objectArbitrary(keyPosition);
  return fc.oneof(
    { weight: 8, arbitrary: object.map((value) => ({ kind: 'insert', object: value }) as const) },
    {
      weight: 2,
      arbitrary: poolKeyArbitrary.map((key) => ({ kind: 'deleteKey', key }) as const),
    },
    {
      weight: 3,
      arbitrary: object.map((value) => ({ kind: 'deleteObject', object: value }) as const),
    },
    { weight: 1, arbitrary: poolKeyArbitrary.map((key) => ({ kind: 'take', key }) as const) },
    { weight: 1, arbitrary: fc.constant({ kind: 'clear' } as const) },
  );
}

/** Applies `command` to both and asserts they answer alike. */
function apply(store: HashStore, model: ModelStore, command: Command): void {
  switch (command.kind) {
    case 'insert':
      expect(store.insert(command.object)).toBe(model.insert(command.object));
      break;
    case 'deleteKey':
      expect(store.deleteKey(command.key)).toBe(model.deleteKey(command.key));
      break;
    case 'deleteObject':
      expect(store.deleteObject(command.object)).toBe(model.deleteObject(command.object));
      break;
    case 'take':
      expect(sameObjects(store.take(command.key), model.take(command.key))).toBe(true);
      break;
    case 'clear':
      store.clear();
      model.objects = [];
      break;
  }
}

/** Asserts the store holds exactly the model's objects, key by key and in lookup order. */
function assertSameContents(store: HashStore, model: ModelStore): void {
  store.validate();
  const keys = model.keys();
  expect(store.size).toBe(model.objects.length);
  expect(store.keyCount).toBe(keys.length);
  for (const key of keys) {
    expect(store.has(key)).toBe(true);
    expect(sameObjects(store.lookup(key), model.lookup(key))).toBe(true);
    expect(store.countOf(key)).toBe(model.lookup(key).length);
  }
  expect(sameMultiset([...store], model.objects)).toBe(true);
}

const TYPES: readonly HashTableType[] = ['set', 'bag', 'duplicate_bag'];

describe.each(TYPES)('%s against the model', (type) => {
  it.each([1, 2] as const)('agrees after every command (key position %d)', (keyPosition) => {
    fc.assert(
      fc.property(
        fc.array(commandArbitrary(keyPosition), { maxLength: 80 }),
        fc.constantFrom(1, 2, 8192),
        fc.constantFrom(2 ** 30, 3),
        (commands, shardCapacity, renumberAt) => {
          const store = new HashStore({ type, keyPosition, shardCapacity, renumberAt });
          const model = new ModelStore(type, keyPosition);
          for (const command of commands) {
            apply(store, model, command);
            store.validate();
          }
          assertSameContents(store, model);
          for (const key of poolKeysAbsentFrom(model)) {
            expect(store.has(key)).toBe(false);
            expect(store.lookup(key)).toEqual([]);
            expect(store.next(key)).toBe(KEY_NOT_FOUND);
          }
        },
      ),
      { numRuns: 300 },
    );
  });

  it('walks every key once with first/next and every object once with slot/2', () => {
    fc.assert(
      fc.property(fc.array(commandArbitrary(1), { maxLength: 120 }), (commands) => {
        const store = new HashStore({ type, shardCapacity: 2 });
        const model = new ModelStore(type);
        for (const command of commands) apply(store, model, command);
        const walked: Term[] = [];
        for (let key = store.first(); key !== undefined; ) {
          walked.push(key);
          const next = store.next(key);
          if (next === KEY_NOT_FOUND) throw new Error('a present key was not found');
          key = next;
        }
        expect(walked).toHaveLength(model.keys().length);
        for (const key of model.keys()) {
          expect(walked.filter((seen) => exactEquals(seen, key))).toHaveLength(1);
        }
        const fromSlots: Tuple[] = [];
        for (let index = 0; index < store.slotCount; index += 1) {
          fromSlots.push(...store.slot(index)!);
        }
        expect(sameMultiset(fromSlots, model.objects)).toBe(true);
        expect(store.slot(store.slotCount)).toBeUndefined();
        expect(() => store.slot(store.slotCount + 1)).toThrow(RangeError);
        expect(() => store.slot(-1)).toThrow(RangeError);
      }),
      { numRuns: 200 },
    );
  });
});

function poolKeysAbsentFrom(model: ModelStore): Term[] {
  const samples = fc.sample(poolKeyArbitrary, { numRuns: 20, seed: 7 });
  return samples.filter((key) => model.lookup(key).length === 0);
}

/** Two pairs of tuple keys whose core hashes collide (found by search; checked below). */
const COLLIDING_KEYS: readonly Term[] = [
  [969, 'k19'],
  [663, 'k41'],
  [960, 'k90'],
  [833, 'k107'],
];

/** A step of the traversal-order test: a change, or a question about the order. */
type OrderStep =
  | { readonly kind: 'change'; readonly command: Command }
  | { readonly kind: 'first' }
  | { readonly kind: 'next'; readonly key: Term }
  | { readonly kind: 'fix' }
  | { readonly kind: 'unfix' };

function orderStepArbitrary(): fc.Arbitrary<OrderStep> {
  const key = fc.oneof(poolKeyArbitrary, fc.constantFrom(...COLLIDING_KEYS));
  const object = fc.tuple(key, fc.integer({ min: 0, max: 2 })).map(([k, v]): Tuple => [k, v]);
  const change: fc.Arbitrary<Command> = fc.oneof(
    { weight: 3, arbitrary: commandArbitrary(1) },
    { weight: 3, arbitrary: object.map((value) => ({ kind: 'insert', object: value }) as const) },
    { weight: 1, arbitrary: key.map((k) => ({ kind: 'deleteKey', key: k }) as const) },
  );
  return fc.oneof(
    { weight: 6, arbitrary: change.map((command) => ({ kind: 'change', command }) as const) },
    { weight: 2, arbitrary: fc.constant({ kind: 'first' } as const) },
    { weight: 4, arbitrary: key.map((k) => ({ kind: 'next', key: k }) as const) },
    { weight: 1, arbitrary: fc.constant({ kind: 'fix' } as const) },
    { weight: 1, arbitrary: fc.constant({ kind: 'unfix' } as const) },
  );
}

/**
 * Whether two answers of first/next name the same key: both the end (`undefined`), or keys that
 * are `=:=` (a key keeps the form it was first inserted in, the objects may carry another).
 */
function sameKey(left: Term | undefined | typeof KEY_NOT_FOUND, right: Term | undefined): boolean {
  if (left === KEY_NOT_FOUND) return false;
  if (left === undefined || right === undefined) return left === right;
  return exactEquals(left, right);
}

/** The distinct keys of the store in table order (what its iterator walks). */
function tableOrder(store: HashStore): Term[] {
  const keys: Term[] = [];
  for (const object of store) {
    const key = store.keyOf(object);
    if (keys.length === 0 || !exactEquals(keys[keys.length - 1]!, key)) keys.push(key);
  }
  return keys;
}

describe.each(TYPES)('%s traversal order', (type) => {
  it('has test keys whose hashes collide', () => {
    expect(hash(COLLIDING_KEYS[0]!)).toBe(hash(COLLIDING_KEYS[1]!));
    expect(hash(COLLIDING_KEYS[2]!)).toBe(hash(COLLIDING_KEYS[3]!));
  });

  it('answers first and next by the table order, through changes, fixes and splits', () => {
    fc.assert(
      fc.property(
        fc.array(orderStepArbitrary(), { maxLength: 150 }),
        fc.constantFrom(1, 2, 8192),
        (steps, shardCapacity) => {
          const store = new HashStore({ type, shardCapacity });
          const model = new ModelStore(type);
          for (const step of steps) {
            if (step.kind === 'change') apply(store, model, step.command);
            else if (step.kind === 'fix') store.fix();
            else if (step.kind === 'unfix') store.unfix();
            else {
              const order = tableOrder(store);
              if (step.kind === 'first') {
                expect(sameKey(store.first(), order[0])).toBe(true);
              } else {
                const at = order.findIndex((candidate) => exactEquals(candidate, step.key));
                const next = store.next(step.key);
                if (at >= 0) expect(sameKey(next, order[at + 1])).toBe(true);
                // An absent key answers KEY_NOT_FOUND, unless it is a tombstone of this fix.
                else if (store.fixCount === 0) expect(next).toBe(KEY_NOT_FOUND);
              }
            }
            store.validate();
          }
          while (store.fixCount > 0) store.unfix();
          assertSameContents(store, model);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('walks on from where first stopped when first keys are deleted (a queue)', () => {
    const store = new HashStore({ type, shardCapacity: 64 });
    for (let key = 0; key < 5000; key += 1) store.insert([key, 'x']);
    const taken: Term[] = [];
    for (let key = store.first(); key !== undefined; key = store.first()) {
      taken.push(key);
      store.deleteKey(key);
      if (taken.length % 7 === 0) store.insert([5000 + taken.length, 'y']);
    }
    expect(taken).toHaveLength(5000 + Math.floor(taken.length / 7));
    expect(new Set(taken).size).toBe(taken.length);
    store.validate();
  });
});

describe.each(['bag', 'duplicate_bag'] as const)('%s with many objects per key', (type) => {
  it('agrees with the model when two keys hold hundreds of objects', () => {
    const object = fc
      .tuple(fc.constantFrom('hot', 'warm'), fc.integer({ min: 0, max: 400 }))
      .map(([key, value]): Tuple => [key, value]);
    const command: fc.Arbitrary<Command> = fc.oneof(
      { weight: 6, arbitrary: object.map((value) => ({ kind: 'insert', object: value }) as const) },
      {
        weight: 3,
        arbitrary: object.map((value) => ({ kind: 'deleteObject', object: value }) as const),
      },
      {
        weight: 1,
        arbitrary: fc.constantFrom('hot', 'warm').map((key) => ({ kind: 'take', key }) as const),
      },
    );
    fc.assert(
      fc.property(
        fc.array(command, { minLength: 200, maxLength: 1500 }),
        // Renumbering at 2 slots moves the keys, with their object indexes, at most deletions.
        fc.constantFrom(2 ** 30, 2),
        (commands, renumberAt) => {
          const store = new HashStore({ type, renumberAt });
          const model = new ModelStore(type);
          for (const step of commands) apply(store, model, step);
          store.validate();
          assertSameContents(store, model);
        },
      ),
      { numRuns: 30 },
    );
  });
});

describe('integer keys that share their low 32 bits', () => {
  // Pairs with equal low 32 bits: -1, 2^32-1 and 2^33-1; -2^31, 2^31 and 2^32+2^31; 0 and 2^32
  // (in the signed, unsigned and keyed indexes).
  const keys = [-1, 2 ** 32 - 1, 0, 2 ** 31, -(2 ** 31), 2 ** 32, 2 ** 32 + 2 ** 31, 2 ** 33 - 1];

  it.each(TYPES)(
    '%s: keeps them apart through inserts, lookups, deletions and compaction',
    (type) => {
      const store = new HashStore({ type });
      for (const [index, key] of keys.entries()) store.insert([key, index]);
      // Enough other keys around them that deletions compact the slots.
      for (let index = 0; index < 3000; index += 1) store.insert([2 ** 31 + 7 * index + 1, 'x']);
      store.validate();
      for (const [index, key] of keys.entries()) expect(store.lookup(key)).toEqual([[key, index]]);
      for (let index = 0; index < 3000; index += 1) store.deleteKey(2 ** 31 + 7 * index + 1);
      store.validate();
      for (const [index, key] of keys.entries()) {
        expect(store.lookup(key)).toEqual([[key, index]]);
        expect(store.deleteKey(key)).toBe(1);
        expect(store.has(key)).toBe(false);
        for (const other of keys.slice(index + 1)) expect(store.has(other)).toBe(true);
      }
      store.validate();
      expect(store.size).toBe(0);
    },
  );
});

describe('tuple keys whose hashes collide', () => {
  const [first, second, third, fourth] = COLLIDING_KEYS as Tuple[];

  it.each(TYPES)(
    "%s: deleting an absent key that shares a present key's hash changes nothing",
    (type) => {
      const store = new HashStore({ type });
      store.insert([first!, 'a']);
      store.insert([third!, 'c']);
      const before = [store.first(), store.slot(0)];
      expect(store.deleteKey(second!)).toBe(0);
      expect(store.deleteKey(fourth!)).toBe(0);
      store.validate();
      expect([store.first(), store.slot(0)]).toEqual(before);
      expect(store.lookup(first!)).toEqual([[first, 'a']]);
      expect(store.lookup(third!)).toEqual([[third, 'c']]);
      // With both keys of a hash present, each deletion takes exactly its own key.
      store.insert([second!, 'b']);
      store.insert([fourth!, 'd']);
      expect(store.deleteKey(first!)).toBe(1);
      expect(store.deleteKey(fourth!)).toBe(1);
      store.validate();
      expect(store.lookup(first!)).toEqual([]);
      expect(store.lookup(second!)).toEqual([[second, 'b']]);
      expect(store.lookup(third!)).toEqual([[third, 'c']]);
      expect(store.lookup(fourth!)).toEqual([]);
      expect(store.deleteKey(second!)).toBe(1);
      expect(store.deleteKey(third!)).toBe(1);
      store.validate();
      expect(store.size).toBe(0);
    },
  );
});

describe('large tables', () => {
  it.each(TYPES)('%s: grows through many shard splits and compacts after deletions', (type) => {
    const store = new HashStore({ type, shardCapacity: 16 });
    const count = 20_000;
    for (let index = 0; index < count; index += 1) {
      store.insert([index, 'a']);
      store.insert([`k${index}`, 'b']);
      store.insert([[index, 'tuple'], 'c']);
    }
    store.validate();
    expect(store.size).toBe(3 * count);
    // Deleting four keys in five leaves more than three holes in four slots: that compacts.
    for (let index = 0; index < count; index += 1) {
      if (index % 5 === 0) continue;
      expect(store.deleteKey(index)).toBe(1);
      expect(store.deleteKey(`k${index}`)).toBe(1);
      expect(store.deleteKey([index, 'tuple'])).toBe(1);
    }
    store.validate();
    const kept = Math.ceil(count / 5);
    expect(store.size).toBe(3 * kept);
    expect(store.slotCount).toBeLessThan(4 * 3 * kept);
    expect(store.lookup([5, 'tuple'])).toEqual([[[5, 'tuple'], 'c']]);
    expect(store.lookup([2, 'tuple'])).toEqual([]);
    expect(store.next(`k${count - 1}`)).toBe(KEY_NOT_FOUND);
  });
});

describe('firstObject', () => {
  it.each(TYPES)('%s: is lookup(key)[0] without the array', (type) => {
    const store = new HashStore({ type });
    expect(store.firstObject('a')).toBeUndefined();
    store.insert(['a', 1]);
    store.insert(['a', 2]);
    expect(store.firstObject('a')).toBe(store.lookup('a')[0]);
    store.fix();
    store.deleteKey('a');
    expect(store.firstObject('a')).toBeUndefined();
    store.unfix();
  });
});

describe('the recent slot (next and update without a second probe)', () => {
  it.each(TYPES)('%s: answers from the index once the recent key is gone or moved', (type) => {
    const store = new HashStore({ type });
    for (let key = 0; key < 3000; key += 1) store.insert([key, 'v']);
    expect(store.first()).toBe(0);
    expect(store.next(0)).toBe(1);
    // The recent key deleted: its slot is a hole, so `next` must not start from it.
    store.deleteKey(1);
    expect(store.next(1)).toBe(KEY_NOT_FOUND);
    // Re-inserted, the key gets a new slot at the end.
    store.insert([1, 'again']);
    expect(store.next(1)).toBeUndefined();
    // Compaction moves every key: the recent slot number now holds another key or none.
    expect(store.next(2999)).toBe(1);
    for (let key = 0; key < 2990; key += 1) store.deleteKey(key);
    store.validate();
    expect(store.firstObject(2995)).toEqual([2995, 'v']);
    store.insert([2995, 'updated']);
    expect(store.lookup(2995)).toEqual(
      type === 'set'
        ? [[2995, 'updated']]
        : [
            [2995, 'v'],
            [2995, 'updated'],
          ],
    );
    expect(store.next(2998)).toBe(2999);
    store.clear();
    expect(store.next(2999)).toBe(KEY_NOT_FOUND);
    store.insert([7, 'new']);
    expect(store.first()).toBe(7);
    store.validate();
  });

  it('does not take an equal structured key for the recent one', () => {
    const store = new HashStore({ type: 'set' });
    store.insert([[1, 'a'], 'first']);
    store.insert([[2, 'b'], 'second']);
    const key = store.first() as Term[];
    expect(store.next([...key])).toEqual([2, 'b']);
    store.insert([[1, 'a'], 'replaced']);
    expect(store.size).toBe(2);
    expect(store.lookup([1, 'a'])).toEqual([[[1, 'a'], 'replaced']]);
  });
});

describe('chainStatistics', () => {
  it('counts one chain per slot, tombstones as one object kept', () => {
    const store = new HashStore({ type: 'bag' });
    expect(store.chainStatistics()).toEqual({
      buckets: 256,
      items: 0,
      minimum: 0,
      maximum: 0,
      sumOfSquares: 0,
      kept: 0,
    });
    for (let value = 0; value < 3; value += 1) store.insert(['a', value]);
    store.insert(['b', 0]);
    store.fix();
    store.deleteKey('a');
    expect(store.chainStatistics()).toEqual({
      buckets: 256,
      items: 2,
      minimum: 0,
      maximum: 1,
      sumOfSquares: 2,
      kept: 1,
    });
    store.unfix();
    expect(store.chainStatistics()).toMatchObject({ items: 1, kept: 0 });
  });
});

describe('argument checks', () => {
  it('rejects an unknown type, a bad key position and a short object', () => {
    expect(() => new HashStore({ type: 'ordered_set' as HashTableType })).toThrow(/unknown/);
    expect(() => new HashStore({ type: 'set', keyPosition: 0 })).toThrow(/key position/);
    expect(() => new HashStore({ type: 'set', shardCapacity: 0 })).toThrow(/capacity/);
    const store = new HashStore({ type: 'set', keyPosition: 3 });
    expect(() => store.insert([1, 2])).toThrow(/at least 3 elements/);
  });
});

describe('validate', () => {
  it('names the key of a broken entry', () => {
    const store = new HashStore({ type: 'bag' });
    store.insert(['fruit', 'apple']);
    store.insert(['fruit', 'pear']);
    // Break bag uniqueness behind the store's back, as a bug would.
    const internals = store as unknown as { slotValues: { get(slot: number): Tuple[] } };
    internals.slotValues.get(0)[1] = ['fruit', 'apple'];
    expect(() => store.validate()).toThrow(/bag key "fruit" holds equal objects/);
  });
});

describe('ChunkedArray', () => {
  it('agrees with an array through pushes, sets, truncations, front drops, renumberings and chunk walks', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: 1, max: 3 * CHUNK_SIZE }).map((count) => ({ push: count })),
            fc.nat().map((at) => ({ set: at })),
            fc.nat().map((keep) => ({ truncate: keep })),
            fc.nat().map((drop) => ({ drop })),
            fc.constant({ renumber: true }),
          ),
          { maxLength: 12 },
        ),
        (steps) => {
          const chunked = new ChunkedArray<number>();
          // The model keeps every index; those below `start` are dropped.
          let model: number[] = [];
          let start = 0;
          for (const step of steps) {
            if ('push' in step) {
              for (let count = 0; count < step.push; count += 1) {
                expect(chunked.push(model.length)).toBe(model.length);
                model.push(model.length);
              }
            } else if ('set' in step && model.length > start) {
              const index = start + (step.set % (model.length - start));
              chunked.set(index, -index);
              model[index] = -index;
            } else if ('truncate' in step) {
              const keep = start + (step.truncate % (model.length - start + 1));
              chunked.truncate(keep);
              model = model.slice(0, keep);
            } else if ('drop' in step) {
              const chunks = step.drop % (Math.floor((model.length - start) / CHUNK_SIZE) + 1);
              chunked.dropFront(chunks);
              start += chunks * CHUNK_SIZE;
            } else if ('renumber' in step) {
              chunked.renumberFromZero();
              model = model.slice(start);
              start = 0;
            }
            expect(chunked.length).toBe(model.length);
            expect(chunked.start).toBe(start);
            // A walk over the chunks sees the elements from `start` in order, nothing past the length.
            const walked: number[] = [];
            for (let chunkIndex = 0; chunkIndex < chunked.chunkCount; chunkIndex += 1) {
              const chunk = chunked.chunk(chunkIndex);
              for (let index = 0; index < CHUNK_SIZE; index += 1) {
                const at = start + chunkIndex * CHUNK_SIZE + index;
                if (at < chunked.length) walked.push(chunk[index]!);
                else expect(chunk[index]).toBeUndefined();
              }
            }
            expect(walked).toEqual(model.slice(start));
          }
          const held = model.slice(start);
          expect(held.map((_, offset) => chunked.get(start + offset))).toEqual(held);
        },
      ),
      { numRuns: 50 },
    );
  });
});

describe('keys deleted in insertion order (a queue)', () => {
  const objectOf = (key: number): Tuple => [key, `v${key}`];

  it('gives back whole chunks of leading holes without compacting or renumbering', () => {
    const store = new HashStore({ type: 'set' });
    const total = 4 * CHUNK_SIZE;
    for (let key = 0; key < total; key += 1) store.insert(objectOf(key));
    // Fewer holes than keys: no compaction, so only the dropped chunk can shrink the slots.
    const deleted = CHUNK_SIZE + 100;
    for (let key = 0; key < deleted; key += 1) store.deleteKey(key);
    store.validate();
    expect(store.slotCount).toBe(total - CHUNK_SIZE);
    // Slot numbers count from the first slot still held: slot 0 is its first (a hole).
    expect(store.slot(0)).toEqual([]);
    expect(store.slot(100)).toEqual([objectOf(deleted)]);
    expect(store.first()).toBe(deleted);
    expect(store.next(deleted)).toBe(deleted + 1);
    expect(store.lookup(total - 1)).toEqual([objectOf(total - 1)]);
    expect(store.lookup(0)).toEqual([]);
    expect(store.next(0)).toBe(KEY_NOT_FOUND);
    expect(store.size).toBe(total - deleted);
  });

  it('keeps every slot while fixed and gives the chunks back at the last unfix', () => {
    const store = new HashStore({ type: 'set' });
    const total = 3 * CHUNK_SIZE;
    for (let key = 0; key < total; key += 1) store.insert(objectOf(key));
    store.fix();
    for (let key = 0; key < CHUNK_SIZE + 1; key += 1) store.deleteKey(key);
    // A traversal fixed before the deletions steps on from a deleted key to the next live one.
    expect(store.next(5)).toBe(CHUNK_SIZE + 1);
    expect(store.slotCount).toBe(total);
    store.validate();
    store.unfix();
    store.validate();
    expect(store.slotCount).toBe(total - CHUNK_SIZE);
    expect(store.first()).toBe(CHUNK_SIZE + 1);
  });

  it('renumbers its slots from 0 when their numbers reach renumberAt, never while fixed', () => {
    const renumberAt = 2 * CHUNK_SIZE;
    const store = new HashStore({ type: 'set', renumberAt });
    const nextSlot = () =>
      (store as unknown as { slotValues: { length: number } }).slotValues.length;
    const walk = (): Term[] => {
      const keys: Term[] = [];
      for (let key = store.first(); key !== undefined; key = store.next(key) as Term)
        keys.push(key);
      return keys;
    };
    // A queue of ten live keys through which five times renumberAt keys pass.
    const total = 5 * renumberAt;
    for (let key = 0; key < total; key += 1) {
      store.insert(objectOf(key));
      if (key >= 10) store.deleteKey(key - 10);
      expect(nextSlot()).toBeLessThanOrEqual(renumberAt);
    }
    store.validate();
    expect(walk()).toEqual(Array.from({ length: 10 }, (_, index) => total - 10 + index));
    // Fixed, the numbers keep growing (a traversal relies on them), until the last unfix.
    store.fix();
    for (let key = total; key < total + renumberAt; key += 1) {
      store.insert(objectOf(key));
      store.deleteKey(key - 10);
    }
    expect(nextSlot()).toBeGreaterThan(renumberAt);
    store.validate();
    store.unfix();
    store.validate();
    expect(nextSlot()).toBe(10);
    expect(walk()).toEqual(
      Array.from({ length: 10 }, (_, index) => total + renumberAt - 10 + index),
    );
    expect(store.lookup(total + renumberAt - 1)).toEqual([objectOf(total + renumberAt - 1)]);
  });

  it('refuses a renumberAt outside 1..2^30', () => {
    for (const renumberAt of [0, 2 ** 30 + 1, 1.5]) {
      expect(() => new HashStore({ type: 'set', renumberAt })).toThrow(RangeError);
    }
  });

  it('agrees with a model through queue and random deletions, inserts, walks and fixes', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            {
              weight: 3,
              arbitrary: fc.integer({ min: 1, max: CHUNK_SIZE }).map((n) => ({ add: n })),
            },
            {
              weight: 3,
              arbitrary: fc.integer({ min: 1, max: 2 * CHUNK_SIZE }).map((n) => ({ shift: n })),
            },
            { weight: 2, arbitrary: fc.integer({ min: 1, max: 2000 }).map((n) => ({ remove: n })) },
            { weight: 1, arbitrary: fc.boolean().map((on) => ({ fix: on })) },
          ),
          { maxLength: 12 },
        ),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (steps, seed) => {
          const store = new HashStore({ type: 'set' });
          // Live keys in insertion order (the store's slot order).
          let live: number[] = [];
          let nextKey = 0;
          let random = seed;
          let fixed = false;
          for (const step of steps) {
            if ('add' in step) {
              for (let count = 0; count < step.add; count += 1) {
                store.insert(objectOf(nextKey));
                live.push(nextKey);
                nextKey += 1;
              }
            } else if ('shift' in step) {
              const gone = live.slice(0, step.shift);
              for (const key of gone) store.deleteKey(key);
              live = live.slice(gone.length);
            } else if ('remove' in step) {
              for (let count = 0; count < step.remove && live.length > 0; count += 1) {
                random = (Math.imul(random, 1664525) + 1013904223) >>> 0;
                const [key] = live.splice(random % live.length, 1);
                store.deleteKey(key!);
              }
            } else if (step.fix !== fixed) {
              if (step.fix) store.fix();
              else store.unfix();
              fixed = step.fix;
            }
            store.validate();
            expect(store.size).toBe(live.length);
            const walked: Term[] = [];
            for (let key = store.first(); key !== undefined; ) {
              walked.push(key);
              const next = store.next(key);
              if (next === KEY_NOT_FOUND) throw new Error(`next(${String(key)}) lost its place`);
              key = next;
            }
            expect(walked).toEqual(live);
            for (const key of live.slice(0, 3).concat(live.slice(-3))) {
              expect(store.lookup(key)).toEqual([objectOf(key)]);
            }
          }
        },
      ),
      { numRuns: 40 },
    );
  });
});

describe('bag keys with thousands of objects', () => {
  it.each(['bag', 'duplicate_bag'] as const)(
    '%s: keeps insertion order, rejects duplicates and deletes by object',
    (type) => {
      const store = new HashStore({ type });
      const count = 5000;
      // Tuple-valued objects make every duplicate check compare structured terms.
      const objectAt = (index: number): Tuple => ['hot', [index, `v${index}`], index % 7];
      for (let index = 0; index < count; index += 1) {
        expect(store.insert(objectAt(index))).toBe(true);
      }
      // Re-inserting equal (not identical) objects: a bag refuses each, a duplicate bag keeps it.
      for (let index = 0; index < count; index += 2) {
        expect(store.insert(objectAt(index))).toBe(type === 'duplicate_bag');
      }
      const expected: Tuple[] = [];
      for (let index = 0; index < count; index += 1) expected.push(objectAt(index));
      if (type === 'duplicate_bag') {
        for (let index = 0; index < count; index += 2) expected.push(objectAt(index));
      }
      expect(store.lookup('hot')).toEqual(expected);
      store.validate();
      // Delete every third object; the others keep their order.
      for (let index = 0; index < count; index += 3) {
        expect(store.deleteObject(objectAt(index))).toBe(
          type === 'duplicate_bag' && index % 2 === 0 ? 2 : 1,
        );
        expect(store.deleteObject(objectAt(index))).toBe(0);
      }
      const kept = expected.filter((object) => (object[1] as [number])[0] % 3 !== 0);
      expect(store.lookup('hot')).toEqual(kept);
      expect(store.countOf('hot')).toBe(kept.length);
      store.validate();
      // A deleted object can come back, at the end.
      expect(store.insert(objectAt(0))).toBe(true);
      expect(store.lookup('hot').at(-1)).toEqual(objectAt(0));
      store.validate();
      expect(store.take('hot')).toHaveLength(kept.length + 1);
      expect(store.size).toBe(0);
      store.validate();
    },
  );

  it('tells apart objects whose hashes collide', () => {
    // Find two distinct objects under one key with the same core hash (a 32-bit hash collides
    // after about 77,000 objects on average).
    const seen = new Map<number, Tuple>();
    let pair: [Tuple, Tuple] | undefined;
    for (let index = 0; pair === undefined; index += 1) {
      const object: Tuple = ['k', `v${index}`];
      const objectHash = hash(object);
      const earlier = seen.get(objectHash);
      if (earlier === undefined) seen.set(objectHash, object);
      else pair = [earlier, object];
    }
    const [first, second] = pair;
    const store = new HashStore({ type: 'bag' });
    const fillers: Tuple[] = [];
    for (let index = 0; index < 20; index += 1) fillers.push(['k', `filler${index}`]);
    for (const object of [...fillers, first, second]) expect(store.insert(object)).toBe(true);
    expect(store.insert([...first])).toBe(false);
    expect(store.insert([...second])).toBe(false);
    store.validate();
    expect(store.deleteObject([...first])).toBe(1);
    expect(store.deleteObject([...first])).toBe(0);
    expect(store.lookup('k')).toEqual([...fillers, second]);
    store.validate();
    expect(store.insert([...first])).toBe(true);
    expect(store.lookup('k')).toEqual([...fillers, second, first]);
    store.validate();
  });
});
