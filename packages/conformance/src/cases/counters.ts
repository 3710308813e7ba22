/**
 * Ported from `ets_SUITE.erl`: `update_counter` (with OTP's `uc_mimic` model of counter
 * arithmetic, thresholds and operation lists, across small, 32-bit, 64-bit and huge integers),
 * `update_counter_with_default`, `update_counter_with_default_bad_pos`,
 * `update_counter_table_growth`, and `update_element_default`.
 */
import { atom, float, improperList, type List, list, type Term, type Tuple } from '@tsunami/core';
import type { TableId, UpdateOperation } from '@tsunami/ets';
import type { EtsApi } from '../adapter.js';
import { defineCase, infoItem, type PortedCase } from '../case.js';
import { badarg, same, show } from '../check.js';
import { optionSets, repeatForOpts } from '../options.js';

const a = atom;
type Integer = number | bigint;

/** Integer arithmetic with OTP's results: a safe integer as a number, beyond as a bigint. */
function add(left: Integer, right: Integer): Integer {
  const sum = BigInt(left) + BigInt(right);
  return sum >= BigInt(Number.MIN_SAFE_INTEGER) && sum <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(sum)
    : sum;
}

const exact = (value: bigint): Integer =>
  value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;

/** Erlang's `div` (truncating) on integers. */
const div = (left: bigint, right: bigint): bigint => left / right;

type Operation = readonly [number, Integer] | readonly [number, Integer, Integer, Integer];

/** `uc_adder(Init, Pits)`: one counter operation with OTP's threshold rule. */
function ucAdder(initial: Integer, operation: Operation): Integer {
  const sum = add(initial, operation[1]);
  if (operation.length === 2) return sum;
  const [, increment, threshold, setValue] = operation;
  if (BigInt(sum) > BigInt(threshold) && BigInt(increment) > 0n) return setValue;
  if (BigInt(sum) < BigInt(threshold) && BigInt(increment) < 0n) return setValue;
  return sum;
}

/** `uc_mimic(Obj, Pits)`: the updated object and `update_counter`'s result. */
function ucMimic(object: Tuple, operations: Operation | readonly Operation[]): [Tuple, Term] {
  const apply = (current: Tuple, operation: Operation): [Tuple, Integer] => {
    const index = operation[0] - 1;
    const value = ucAdder(current[index] as Integer, operation);
    const updated = [...current];
    updated[index] = value;
    return [updated, value];
  };
  if (!Array.isArray(operations[0])) return apply(object, operations as Operation);
  let current = object;
  const results: Integer[] = [];
  for (const operation of operations as readonly Operation[]) {
    const [updated, value] = apply(current, operation);
    current = updated;
    results.push(value);
  }
  // `@tsunami/ets` returns the list of new values as a JS array, as it does every result list.
  return [current, results];
}

const asArgument = (operations: Operation | readonly Operation[]): UpdateOperation | List =>
  Array.isArray(operations[0])
    ? list(...(operations as readonly Operation[]).map((operation) => [...operation]))
    : (operations as UpdateOperation);

async function updateCounterFor(ets: EtsApi, table: TableId): Promise<void> {
  await ets.insert(table, [a('a'), 1, 1]);
  same(await ets.updateCounter(table, a('a'), 100), 101);
  same(await ets.lookup(table, a('a')), [[a('a'), 101, 1]]);
  same(await ets.updateCounter(table, a('a'), [3, 100]), 101);
  same(await ets.lookup(table, a('a')), [[a('a'), 101, 101]]);

  const loop = async (
    start: Tuple,
    times: number,
    operations: Operation | readonly Operation[],
  ): Promise<Tuple> => {
    let object = start;
    for (let step = 0; step < times; step += 1) {
      const [updated, expected] = ucMimic(object, operations);
      const [defaultObject] = await ets.lookup(table, a('a'));
      const argument = asArgument(operations);
      same(
        await ets.updateCounter(table, a('a'), argument),
        expected,
        () => `update ${show(argument)}`,
      );
      same(
        await ets.updateCounter(table, a('b'), argument, defaultObject!),
        expected,
        'with a default object',
      );
      same(await ets.lookup(table, a('a')), [updated], 'the updated object');
      same(await ets.lookup(table, a('b')), [[a('b'), ...updated.slice(1)]], 'the default copy');
      await ets.delete(table, a('b'));
      object = updated;
    }
    return object;
  };

  const steps = 100n;
  const smallMax32 = (1n << 27n) - 1n;
  const smallMax64 = (1n << (27n + 32n)) - 1n;
  const big1Max32 = (1n << 32n) - 1n;
  const big1Max64 = (1n << 64n) - 1n;
  const veryBig = 1n << 200_000n;
  const n = Number(steps);
  const up = (max: bigint, factor: bigint): Integer => exact(div(max, steps) * factor);

  const obj0: Tuple = [a('a'), 0, 0, 0, 0];
  await ets.insert(table, obj0);
  const obj1 = await loop(obj0, n, [2, up(smallMax32, 2n)]);
  const obj2 = await loop(obj1, n, [3, up(smallMax64, 2n)]);
  const obj3 = await loop(obj2, n, [4, up(big1Max32, 2n)]);
  const obj4 = await loop(obj3, n, [5, up(big1Max64, 2n)]);
  const obj5 = await loop(obj4, n, [2, up(smallMax32, -4n)]);
  const obj6 = await loop(obj5, n, [3, up(smallMax64, -4n)]);
  const obj7 = await loop(obj6, n, [4, up(big1Max32, -4n)]);
  const obj8 = await loop(obj7, n, [5, up(big1Max64, -4n)]);
  const obj9 = await loop(obj8, n, [2, up(smallMax32, 2n)]);
  const objA = await loop(obj9, n, [3, up(smallMax64, 2n)]);
  const objB = await loop(objA, n, [4, up(big1Max32, 2n)]);
  same(await loop(objB, n, [5, up(big1Max64, 2n)]), obj0, 'back at zero');

  // The same trip with operation lists.
  same(
    await loop(obj0, n, [
      [2, up(smallMax32, 2n)],
      [3, up(smallMax64, 2n)],
      [4, up(big1Max32, 2n)],
      [5, up(big1Max64, 2n)],
    ]),
    obj4,
    'up with a list',
  );
  same(
    await loop(obj4, n, [
      [4, up(big1Max32, -4n)],
      [2, up(smallMax32, -4n)],
      [5, up(big1Max64, -4n)],
      [3, up(smallMax64, -4n)],
    ]),
    obj8,
    'down with a list',
  );
  same(
    await loop(obj8, n, [
      [5, up(big1Max64, 2n)],
      [2, up(smallMax32, 2n)],
      [4, up(big1Max32, 2n)],
      [3, up(smallMax64, 2n)],
    ]),
    obj0,
    'back at zero with a list',
  );

  // Sizes shifting at the same time.
  const big = div(big1Max64, steps);
  const objC = await loop(obj0, n, [
    [5, exact(big * 2n)],
    [3, exact(big * 2n + 1n)],
    [2, exact(-big * 2n)],
    [4, exact(-big * 2n + 1n)],
  ]);
  // One position updated twice in one list.
  const objD = await loop(objC, n, [
    [5, exact(-big + 1n)],
    [3, exact(-big * 2n - 1n)],
    [5, exact(-big - 1n)],
    [4, exact(big * 2n - 1n)],
  ]);
  same(
    await loop(objD, n, [
      [2, exact(big - 1n)],
      [4, exact(big1Max64 * 2n)],
      [2, exact(big + 1n)],
      [4, exact(-big1Max64 * 2n)],
    ]),
    obj0,
    'back at zero after shifting sizes',
  );

  // Thresholds ("warping"), with and without lists.
  const warpSmall32: Operation = [
    3,
    exact((smallMax32 * 4n) / 5n),
    exact(smallMax32 * 2n),
    exact(-smallMax32 * 2n),
  ];
  const warpSmall64: Operation = [
    5,
    exact((-smallMax64 * 4n) / 7n),
    exact(-smallMax64 * 2n),
    exact(smallMax64 * 2n),
  ];
  const warpBig32: Operation = [
    4,
    exact((-big1Max32 * 4n) / 11n),
    exact(-big1Max32 * 2n),
    exact(big1Max32 * 2n),
  ];
  const warpBig64: Operation = [
    2,
    exact((big1Max64 * 4n) / 13n),
    exact(big1Max64 * 2n),
    exact(-big1Max64 * 2n),
  ];
  const objE = await loop(obj0, 1000, [warpSmall32, warpSmall64, warpBig32, warpBig64]);
  const objF = await loop(objE, 1000, warpSmall32);
  const objG = await loop(objF, 1000, warpSmall64);
  const objH = await loop(objG, 1000, warpBig32);
  const objI = await loop(objH, 1000, warpBig64);
  await loop(objI, 1000, [
    warpSmall32,
    [5, exact((-smallMax64 * 4n) / 3n)],
    [3, exact((-smallMax32 * 4n) / 11n)],
    [5, 0],
    [4, veryBig],
    [4, 1],
    warpSmall64,
    warpBig64,
  ]);
}

/** The invalid third arguments of `update_counter_neg_for`. */
const INVALID_COUNTER_OPERATIONS: readonly Term[] = [
  false,
  [2],
  [2, false],
  [false, 1],
  [0, 1],
  [-1, 1],
  [1, 1],
  [3, 1],
  [5, 1],
  [2, 1, 100],
  [2, 1, 100, 0, false],
  [2, 1, false, 0],
  [2, 1, 0, false],
];

async function updateCounterNegFor(ets: EtsApi, table: TableId): Promise<void> {
  const object: Tuple = [a('key'), 0, false, 1];
  same(await ets.insert(table, object), true);
  const attempt = async (operation: Term): Promise<void> => {
    await badarg(
      () => ets.updateCounter(table, a('key'), operation as UpdateOperation),
      () => `update_counter(T, key, ${show(operation)})`,
    );
    same(await ets.lookup(table, a('key')), [object], 'the object is unchanged');
  };
  for (const invalid of INVALID_COUNTER_OPERATIONS) {
    await attempt(invalid);
    await attempt(list([2, 1], invalid));
    await attempt(list(invalid, [2, 1]));
    await attempt(list([2, 1], [4, -100], invalid));
    await attempt(list([4, 100, 50, 0], [2, 1], invalid));
    await attempt(list([2, 1], invalid, [4, 100, 50, 0]));
    await attempt(list(invalid, [4, 100, 50, 0], [2, 1]));
  }
  await attempt(improperList([[2, 1]], [4, 1]));
  for (const invalid of INVALID_COUNTER_OPERATIONS) await attempt(improperList([[2, 1]], invalid));
  await badarg(() => ets.updateCounter(table, false, 1), 'update_counter of a missing key');
  await ets.delete(table, a('key'));
  await badarg(() => ets.updateCounter(table, a('key'), 1), 'update_counter of a deleted key');
}

// Keeps manyCalls, so it does not run on OTP 25 or 27, and not for its call count alone: the
// `{4, VeryBig}` of its last loop (in OTP's current suite) crashes those BEAMs with a segfault,
// as does `ets:update_counter(T, a, [{4, 1 bsl 200000}, {4, 1}])` on `{a, 0, 0, 0, 0}`.
const updateCounter = defineCase('update_counter', ['manyCalls'], async ({ ets }) => {
  await repeatForOpts(async (options) => {
    for (const type of ['set', 'ordered_set'] as const) {
      const table = await ets.new(a(type), options.with({ type }));
      await updateCounterFor(ets, table);
      await ets.deleteAllObjects(table);
      await ets.safeFixtable(table, true);
      await updateCounterFor(ets, table);
      await ets.safeFixtable(table, false);
      await ets.delete(table);
    }
    for (const type of ['set', 'ordered_set'] as const) {
      const table = await ets.new(a(type), options.with({ type }));
      await updateCounterNegFor(ets, table);
      await ets.delete(table);
      await badarg(() => ets.updateCounter(table, a('key'), 1), 'a deleted table');
    }
    for (const type of ['bag', 'duplicate_bag'] as const) {
      const table = await ets.new(a(type), options.with({ type }));
      await badarg(() => ets.updateCounter(table, a('key'), 1), type);
      same(await ets.delete(table), true);
    }
  });
});

const updateCounterWithDefault = defineCase('update_counter_with_default', [], async ({ ets }) => {
  await repeatForOpts(async (options) => {
    const foo = a('foo');
    const fooBar = [a('foo'), a('bar')];
    const set = await ets.new(a('a'), options.with({ type: 'set' }));
    same(await ets.updateCounter(set, foo, 2, [a('beaufort'), 1]), 3, 'insert the default');
    same(await infoItem(ets, set, 'size'), 1);
    same(await ets.updateCounter(set, foo, 2, [a('cabecou'), 1]), 5, 'increment');
    same(await infoItem(ets, set, 'size'), 1);
    same(await ets.updateCounter(set, foo, list([2, 4]), [a('camembert'), 1]), [9]);
    same(await infoItem(ets, set, 'size'), 1);
    same(await ets.updateCounter(set, fooBar, 2, [[a('chaource'), a('chevrotin')], 1]), 3);
    same(await infoItem(ets, set, 'size'), 2);
    same(await ets.updateCounter(set, fooBar, 2, [[a('cantal'), a('comté')], 1]), 5);
    same(await infoItem(ets, set, 'size'), 2);
    same(
      await ets.updateCounter(set, fooBar, list([2, 4]), [
        [a('emmental'), a('de'), a('savoie')],
        1,
      ]),
      [9],
    );
    same(await infoItem(ets, set, 'size'), 2);
    await badarg(
      () => ets.updateCounter(set, a('qux'), 3, [a('saint'), a('félicien')]),
      'a default counter that is not an integer',
    );
    same(await infoItem(ets, set, 'size'), 2);
    await badarg(
      () => ets.updateCounter(set, a('qux'), list([3, 1]), [a('roquefort'), 1]),
      'a default without a third element',
    );
    same(await infoItem(ets, set, 'size'), 2);

    const ordered = await ets.new(a('b'), options.with({ type: 'ordered_set' }));
    same(await ets.updateCounter(ordered, foo, 2, [a('maroilles'), 1]), 3);
    same(await infoItem(ets, ordered, 'size'), 1);
    same(await ets.updateCounter(ordered, foo, 2, [a('mimolette'), 1]), 5);
    same(await infoItem(ets, ordered, 'size'), 1);
    same(await ets.updateCounter(ordered, foo, list([2, 4]), [a('morbier'), 1]), [9]);
    same(await infoItem(ets, ordered, 'size'), 1);
    same(await ets.updateCounter(ordered, fooBar, 2, [[a('laguiole')], 1]), 3);
    same(await infoItem(ets, ordered, 'size'), 2);
    same(await ets.updateCounter(ordered, fooBar, 2, [[a('saint'), a('nectaire')], 1]), 5);
    same(await infoItem(ets, ordered, 'size'), 2);
    same(await ets.updateCounter(ordered, fooBar, list([2, 4]), [[a('rocamadour')], 1]), [9]);
    same(await infoItem(ets, ordered, 'size'), 2);
    // Arithmetically equal keys are one key in an ordered_set.
    same(await ets.updateCounter(ordered, float(1), 2, [1, 1]), 3);
    same(await infoItem(ets, ordered, 'size'), 3);
    same(await ets.updateCounter(ordered, 1, 2, [1, 1]), 5);
    same(await infoItem(ets, ordered, 'size'), 3);
    same(await ets.updateCounter(ordered, 1, 2, [float(1), 1]), 7);
    same(await infoItem(ets, ordered, 'size'), 3);
    same(await ets.updateCounter(ordered, 2, 2, [float(2), 1]), 3);
    same(await infoItem(ets, ordered, 'size'), 4);
    same(await ets.updateCounter(ordered, float(2), 2, [float(2), 1]), 5);
    same(await infoItem(ets, ordered, 'size'), 4);
    same(await ets.updateCounter(ordered, float(2), 2, [2, 1]), 7);
    same(await infoItem(ets, ordered, 'size'), 4);
    await badarg(() => ets.updateCounter(ordered, a('qux'), 3, [a('saint'), a('félicien')]));
    same(await infoItem(ets, ordered, 'size'), 4);
    await badarg(() => ets.updateCounter(ordered, a('qux'), list([3, 1]), [a('roquefort'), 1]));
    same(await infoItem(ets, ordered, 'size'), 4);
  });
});

const updateCounterWithDefaultBadPos = defineCase(
  'update_counter_with_default_bad_pos',
  [],
  async ({ ets }) => {
    for (const options of optionSets(['ord_set_types'])) {
      const table = await ets.new(a('a'), options.with());
      same(await infoItem(ets, table, 'size'), 0);
      await badarg(
        () => ets.updateCounter(table, 101065, [1, 1], [101065, 0]),
        'update of the key position',
      );
      same(await infoItem(ets, table, 'size'), 0, 'nothing inserted');
    }
  },
);

const updateCounterTableGrowth = defineCase('update_counter_table_growth', [], async ({ ets }) => {
  await repeatForOpts(async (options) => {
    for (const type of ['set', 'ordered_set'] as const) {
      const table = await ets.new(a('b'), options.with({ type }));
      for (let key = 1; key <= 10_000; key += 1) {
        await ets.updateCounter(table, key, [2, 1], [key, 1]);
      }
    }
  });
});

const updateElementDefault = defineCase(
  'update_element_default',
  ['updateElementDefault', 'defaultObjectsOtp29'],
  async ({ ets }) => {
    await repeatForOpts(async (options) => {
      for (const type of ['set', 'ordered_set'] as const) {
        for (const [key, keypos] of [
          [a('key1'), 1],
          [a('key2'), 2],
        ] as const) {
          const table = await ets.new(a(type), options.with({ type, keypos }));
          const label = `${type}, keypos ${keypos}`;
          same(
            await ets.updateElement(
              table,
              key,
              [3, a('b')],
              [a('key1'), a('key2'), a('a'), a('x')],
            ),
            true,
          );
          same(await ets.lookup(table, key), [[a('key1'), a('key2'), a('b'), a('x')]], label);
          same(
            await ets.updateElement(
              table,
              key,
              [3, a('c')],
              [a('key1'), a('key2'), a('a'), a('y')],
            ),
            true,
          );
          same(await ets.lookup(table, key), [[a('key1'), a('key2'), a('c'), a('x')]], label);
          // A default too short to hold the key: list_to_tuple(lists:seq(1, KeyPos - 1)).
          const badDefault = Array.from({ length: keypos - 1 }, (_, index) => index + 1);
          await badarg(
            () => ets.updateElement(table, a('key_not_present'), [1, a('x')], badDefault),
            `${label}: a bad default for an absent key`,
          );
          // OTP 29 rejects a bad default even when the key exists.
          await badarg(
            () => ets.updateElement(table, key, [3, a('d')], badDefault),
            `${label}: a bad default for a present key`,
          );
          await ets.delete(table);
        }
      }
    });
  },
);

/** The cases of this module. */
export const counterCases: readonly PortedCase[] = [
  updateElementDefault,
  updateCounter,
  updateCounterWithDefault,
  updateCounterWithDefaultBadPos,
  updateCounterTableGrowth,
];
