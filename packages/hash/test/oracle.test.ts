/**
 * Differential tests against real ETS: after random sequences of inserts and deletes, the objects
 * under each key, in `ets:lookup/2` order, must match OTP's. Many sequences go to erl in one
 * request, with the store's answers; erl compares them with `=:=` and returns the mismatches, so
 * only terms need writing as Erlang text. A list insert (`ets:insert(T, [...])`) is played on the store as one insert per
 * object, which is what the ETS layer does, and what OTP 25.3+ amounts to.
 */
import { atom, Float, listFrom, type Term, type Tuple } from '@tsunami/core';
import { hasBehaviour, withOracle } from '@tsunami/oracle';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { HashStore, type HashTableType } from '../src/index.js';
import { erlangText as format } from './erlang-text.js';

type Operation =
  | { readonly kind: 'insert'; readonly objects: readonly Tuple[] }
  | { readonly kind: 'insertList'; readonly objects: readonly Tuple[] }
  | { readonly kind: 'deleteObject'; readonly object: Tuple }
  | { readonly kind: 'deleteKey'; readonly key: Term }
  | { readonly kind: 'take'; readonly key: Term };

const KEYS: readonly Term[] = [atom('a'), atom('b'), 1];

interface Features {
  /** OTP keeps the objects of a list insert in list order (25.3+). */
  readonly listInsert: boolean;
  /** OTP tells 0.0 from -0.0 (27+). */
  readonly signedZero: boolean;
}

function operationArbitrary(features: Features): fc.Arbitrary<Operation> {
  const values: Term[] = [1, 2, 3, new Float(1), new Float(0), 'x'];
  if (features.signedZero) values.push(new Float(-0));
  const object = fc
    .tuple(fc.constantFrom(...KEYS), fc.constantFrom(...values))
    .map(([key, value]): Tuple => [key, value]);
  const key = fc.constantFrom(...KEYS);
  const operations: fc.Arbitrary<Operation>[] = [
    object.map((value) => ({ kind: 'insert', objects: [value] }) as const),
    object.map((value) => ({ kind: 'deleteObject', object: value }) as const),
    key.map((value) => ({ kind: 'deleteKey', key: value }) as const),
    key.map((value) => ({ kind: 'take', key: value }) as const),
  ];
  if (features.listInsert) {
    operations.push(
      fc
        .array(object, { minLength: 2, maxLength: 5 })
        .map((objects) => ({ kind: 'insertList', objects }) as const),
    );
  }
  return fc.oneof(...operations);
}

function erlangOperation(operation: Operation): string {
  switch (operation.kind) {
    case 'insert':
      return `ets:insert(T, ${format(operation.objects[0]!)})`;
    case 'insertList':
      return `ets:insert(T, ${format(listFrom(operation.objects))})`;
    case 'deleteObject':
      return `ets:delete_object(T, ${format(operation.object)})`;
    case 'deleteKey':
      return `ets:delete(T, ${format(operation.key)})`;
    case 'take':
      return `ets:take(T, ${format(operation.key)})`;
  }
}

/** An Erlang expression that plays `operations` on a fresh table and lists each key's objects. */
function erlangProgram(type: HashTableType, operations: readonly Operation[]): string {
  const steps = operations.map((operation) => `${erlangOperation(operation)}, `).join('');
  const keys = format(listFrom(KEYS));
  return (
    `(fun() -> T = ets:new(t, [${type}]), ${steps}` +
    `R = [ets:lookup(T, K) || K <- ${keys}], ets:delete(T), R end)()`
  );
}

/** `{Index, Expected, Actual}` for each sequence where the store's answer is not `=:=` OTP's. */
function mismatches(programs: readonly string[], answers: readonly string[]): string {
  const pairs = programs.map((program, index) => `{${index}, ${answers[index]}, ${program}}`);
  return `[{I, E, A} || {I, E, A} <- [${pairs.join(', ')}], E =/= A].`;
}

function playOnStore(type: HashTableType, operations: readonly Operation[]): Term {
  const store = new HashStore({ type });
  for (const operation of operations) {
    switch (operation.kind) {
      case 'insert':
      case 'insertList':
        for (const object of operation.objects) store.insert(object);
        break;
      case 'deleteObject':
        store.deleteObject(operation.object);
        break;
      case 'deleteKey':
        store.deleteKey(operation.key);
        break;
      case 'take':
        store.take(operation.key);
        break;
    }
  }
  store.validate();
  return listFrom(KEYS.map((key) => listFrom(store.lookup(key))));
}

const TYPES: readonly HashTableType[] = ['set', 'bag', 'duplicate_bag'];

withOracle('object order under one key matches ets:lookup', (oracle) => {
  it.each(TYPES)('%s', async (type) => {
    const version = oracle().installation.version;
    const features: Features = {
      listInsert: hasBehaviour(version, 'bag-insert-list-order'),
      signedZero: hasBehaviour(version, 'signed-zero-float'),
    };
    const sequences = fc.sample(
      fc.array(operationArbitrary(features), { minLength: 1, maxLength: 25 }),
      { numRuns: 400, seed: 2026 },
    );
    const batch = 100;
    for (let start = 0; start < sequences.length; start += batch) {
      const chunk = sequences.slice(start, start + batch);
      const programs = chunk.map((operations) => erlangProgram(type, operations));
      const answers = chunk.map((operations) => format(playOnStore(type, operations)));
      expect(await oracle().evaluateText(mismatches(programs, answers))).toBe('[]');
    }
  });
});
