import type { Term, Tuple } from '@tsunami/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashStore, type HashTableType, KEY_NOT_FOUND } from '../src/index.js';
import { ModelStore, sameMultiset } from './model.js';

/** A mutation made between two steps of a traversal, on keys 0..39 (half new to the table). */
type Mutation =
  | { readonly kind: 'insert'; readonly key: number; readonly value: number }
  | { readonly kind: 'deleteKey'; readonly key: number }
  | { readonly kind: 'deleteObject'; readonly key: number; readonly value: number };

const mutationArbitrary: fc.Arbitrary<Mutation> = fc.oneof(
  fc
    .tuple(fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 2 }))
    .map(([key, value]) => ({ kind: 'insert', key, value }) as const),
  fc.integer({ min: 0, max: 39 }).map((key) => ({ kind: 'deleteKey', key }) as const),
  fc
    .tuple(fc.integer({ min: 0, max: 39 }), fc.integer({ min: 0, max: 2 }))
    .map(([key, value]) => ({ kind: 'deleteObject', key, value }) as const),
);

function mutate(store: HashStore, model: ModelStore, mutation: Mutation): void {
  if (mutation.kind === 'deleteKey') {
    store.deleteKey(mutation.key);
    model.deleteKey(mutation.key);
    return;
  }
  // A fresh array per call, so "this very object" can be tracked by identity.
  const object: Tuple = [mutation.key, mutation.value];
  if (mutation.kind === 'insert') {
    store.insert(object);
    model.insert(object);
  } else {
    store.deleteObject(object);
    model.deleteObject(object);
  }
}

const TYPES: readonly HashTableType[] = ['set', 'bag', 'duplicate_bag'];

describe.each(TYPES)('%s fixed traversal', (type) => {
  it('sees every object present throughout exactly once, while keys come and go', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 19 }), fc.integer({ min: 0, max: 2 })), {
          maxLength: 40,
        }),
        fc.array(fc.array(mutationArbitrary, { maxLength: 4 }), { maxLength: 40 }),
        fc.constantFrom(1, 4, 8192),
        fc.constantFrom(2 ** 30, 3),
        (initial, mutationsPerStep, shardCapacity, renumberAt) => {
          const store = new HashStore({ type, shardCapacity, renumberAt });
          const model = new ModelStore(type);
          for (const [key, value] of initial) {
            const object: Tuple = [key, value];
            store.insert(object);
            model.insert(object);
          }
          const throughout = new Set(model.objects);
          const seen: Tuple[] = [];
          const visitedKeys = new Set<Term>();
          store.fix();
          let step = 0;
          for (let key = store.first(); key !== undefined; step += 1) {
            expect(visitedKeys.has(key)).toBe(false);
            visitedKeys.add(key);
            seen.push(...store.lookup(key));
            for (const mutation of mutationsPerStep[step] ?? []) {
              mutate(store, model, mutation);
              const alive = new Set(model.objects);
              for (const object of throughout) if (!alive.has(object)) throughout.delete(object);
            }
            store.validate();
            const next = store.next(key);
            expect(next).not.toBe(KEY_NOT_FOUND);
            key = next as Term | undefined;
          }
          for (const object of throughout) {
            expect(seen.filter((candidate) => candidate === object)).toHaveLength(1);
          }
          store.unfix();
          store.validate();
          expect(store.fixCount).toBe(0);
          expect(store.size).toBe(model.objects.length);
          expect(sameMultiset([...store], model.objects)).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });
});

describe.each(TYPES)('%s fixed slot traversal (ets:slot/2)', (type) => {
  it('sees every object present throughout exactly once, while keys come and go', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.integer({ min: 0, max: 299 }), fc.integer({ min: 0, max: 2 })), {
          maxLength: 300,
        }),
        fc.array(fc.integer({ min: 0, max: 299 }), { maxLength: 200 }),
        fc.array(fc.array(mutationArbitrary, { maxLength: 3 }), { maxLength: 300 }),
        (initial, deletedBeforeFix, mutationsPerStep) => {
          const store = new HashStore({ type, shardCapacity: 4 });
          const model = new ModelStore(type);
          for (const [key, value] of initial) {
            const object: Tuple = [key, value];
            store.insert(object);
            model.insert(object);
          }
          // Holes from before the fix must not disturb the traversal either.
          for (const key of deletedBeforeFix) {
            store.deleteKey(key);
            model.deleteKey(key);
          }
          const throughout = new Set(model.objects);
          const seen: Tuple[] = [];
          store.fix();
          // slotCount may grow during the walk; slots never move while fixed.
          for (let index = 0; index < store.slotCount; index += 1) {
            seen.push(...store.slot(index)!);
            for (const mutation of mutationsPerStep[index] ?? []) {
              mutate(store, model, mutation);
              const alive = new Set(model.objects);
              for (const object of throughout) if (!alive.has(object)) throughout.delete(object);
            }
          }
          expect(store.slot(store.slotCount)).toBeUndefined();
          for (const object of throughout) {
            expect(seen.filter((candidate) => candidate === object)).toHaveLength(1);
          }
          store.validate();
          store.unfix();
          store.validate();
          expect(sameMultiset([...store], model.objects)).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});

describe('fixing', () => {
  it('lets forEachObject callbacks delete, visiting each object once', () => {
    for (const type of TYPES) {
      const store = new HashStore({ type });
      for (let key = 0; key < 5000; key += 1) {
        store.insert([key, 'a']);
        store.insert([key, 'b']);
      }
      const visited: Tuple[] = [];
      store.forEachObject((object) => {
        visited.push(object);
        store.deleteKey(object[0]!);
      });
      expect(visited).toHaveLength(type === 'set' ? 5000 : 10_000);
      expect(store.size).toBe(0);
      expect(store.fixCount).toBe(0);
      store.validate();
      expect(() =>
        store.forEachObject(() => {
          throw new Error('visitor failed');
        }),
      ).not.toThrow();
      store.insert([1, 'x']);
      store.insert([2, 'y']);
      let calls = 0;
      store.forEachObject(() => {
        calls += 1;
        return false;
      });
      expect(calls).toBe(1);
      expect(() =>
        store.forEachObject(() => {
          throw new Error('visitor failed');
        }),
      ).toThrow('visitor failed');
      expect(store.fixCount).toBe(0);
      store.validate();
    }
  });

  it('nests: tombstones last until the last unfix', () => {
    const store = new HashStore({ type: 'set' });
    for (let key = 1; key <= 5; key += 1) store.insert([key, 'x']);
    store.fix();
    store.fix();
    expect(store.deleteKey(3)).toBe(1);
    expect(store.has(3)).toBe(false);
    expect(store.lookup(3)).toEqual([]);
    expect(store.next(3)).toBe(4);
    store.unfix();
    expect(store.fixCount).toBe(1);
    expect(store.next(3)).toBe(4);
    store.validate();
    store.unfix();
    expect(store.next(3)).toBe(KEY_NOT_FOUND);
    store.validate();
    store.unfix();
    expect(store.fixCount).toBe(0);
  });

  it('keeps next working after delete_all_objects while fixed', () => {
    const store = new HashStore({ type: 'bag' });
    for (let key = 1; key <= 5; key += 1) store.insert([key, 'x']);
    store.fix();
    store.clear();
    expect(store.size).toBe(0);
    expect(store.first()).toBeUndefined();
    expect(store.next(2)).toBeUndefined();
    store.insert([2, 'y']);
    expect([...store]).toEqual([[2, 'y']]);
    store.validate();
    store.unfix();
    store.validate();
    expect(store.keyCount).toBe(1);
    expect(store.next(3)).toBe(KEY_NOT_FOUND);
  });

  it('answers KEY_NOT_FOUND for a key never in the table, fixed or not', () => {
    const store = new HashStore({ type: 'set' });
    store.insert([1]);
    expect(store.next(99)).toBe(KEY_NOT_FOUND);
    store.fix();
    expect(store.next(99)).toBe(KEY_NOT_FOUND);
    expect(store.next(1)).toBeUndefined();
  });

  it('keeps slot numbers stable while fixed', () => {
    const store = new HashStore({ type: 'set' });
    for (let key = 0; key < 3000; key += 1) store.insert([key]);
    store.fix();
    const before = store.slot(2999);
    for (let key = 0; key < 2999; key += 1) store.deleteKey(key);
    expect(store.slot(2999)).toEqual(before);
    store.unfix();
    store.validate();
    expect(store.slotCount).toBe(256);
    expect(store.slot(0)).toEqual([[2999]]);
  });
});
