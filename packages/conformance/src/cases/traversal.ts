/**
 * Ported from `ets_SUITE.erl`: traversal (`firstnext`, `slot`, `ordered`, `tab2list`, the `fold`
 * group), `member`, `safe_fixtable`, `rename`, `rename_unnamed`, the `insert_list` group's
 * sequential cases, `t_insert_new`, `t_delete_object`, `take`, `otp_9932` and `otp_10182`.
 */
import { atom, bitstring, compare, float, list, type Term, type Tuple } from '@tsunami/core';
import type { TableId, TableOptions } from '@tsunami/ets';
import type { EtsApi } from '../adapter.js';
import {
  charList,
  defineCase,
  fillTab,
  filltabint,
  filltabint2,
  filltabint3,
  infoItem,
  integerToList,
  makeTable,
  type PortedCase,
  scaled,
} from '../case.js';
import { badarg, ensure, same } from '../check.js';
import { ALL_SET_TABLE_TYPES, ALL_TABLE_TYPES, optionSets, repeatForOpts } from '../options.js';

const a = atom;
const endOfTable = a('$end_of_table');
const isEnd = (key: Term): boolean => key === endOfTable;

/** Sorts terms in Erlang term order (`lists:sort/1`). */
const sorted = (terms: readonly Term[]): Term[] => [...terms].sort(compare);

const firstnext = defineCase('firstnext', [], async ({ ets }) => {
  await repeatForOpts(async (options) => {
    const table = await ets.new(a('foo'), options.with());
    const collect = async (): Promise<Term[]> => {
      const keys: Term[] = [];
      for (let key = await ets.first(table); !isEnd(key); key = await ets.next(table, key)) {
        keys.push(key);
      }
      return keys;
    };
    same(list(...(await collect())), list(), 'an empty table');
    await fillTab(ets, table, a('foo'));
    const length = (await ets.tab2list(table)).length;
    same((await collect()).length, length, 'first/next visits every key');
    same(await ets.delete(table), true);
  }, ALL_SET_TABLE_TYPES);
});

const slot = defineCase('slot', [], async ({ ets }) => {
  await repeatForOpts(async (options) => {
    const table = await ets.new(a('foo'), options.with());
    await fillTab(ets, table, a('foo'));
    const elements = (await infoItem(ets, table, 'size')) as number;
    let counted = 0;
    let slotNumber = 0;
    for (;;) {
      const objects = await ets.slot(table, slotNumber);
      if (objects === endOfTable) {
        await badarg(() => ets.slot(table, slotNumber + 1), 'the slot after the end');
        break;
      }
      counted += (objects as Tuple[]).length;
      slotNumber += 1;
    }
    same(counted, elements, 'the slots hold every object');
    if ((await infoItem(ets, table, 'type')) === a('ordered_set')) {
      same(await ets.slot(table, elements), endOfTable, 'ordered_set: slot N is the end');
    }
    same(await ets.delete(table), true);
  }, ALL_SET_TABLE_TYPES);
});

const ordered = defineCase('ordered', [], async ({ ets }) => {
  const sets = optionSets(['write_concurrency', 'read_concurrency', 'compressed']);
  for (const options of sets) {
    const table = await ets.new(a('oset'), options.with({ type: 'ordered_set' }));
    const inserted = [
      25,
      26,
      27,
      28,
      5,
      6,
      7,
      8,
      21,
      22,
      23,
      24,
      9,
      10,
      11,
      12,
      1,
      2,
      3,
      4,
      17,
      18,
      19,
      20,
      13,
      14,
      15,
      16,
      2 ** 33,
    ];
    for (const key of inserted) await ets.insert(table, [key, integerToList(key)]);
    const objects = inserted.map((key): Tuple => [key, integerToList(key)]);
    const forward = sorted(objects);
    const pickAll = async (direction: 'next' | 'prev'): Promise<Term[]> => {
      const picked: Term[] = [];
      let key = direction === 'next' ? await ets.first(table) : await ets.last(table);
      while (!isEnd(key)) {
        const following = await ets[direction](table, key);
        const found = await ets.lookup(table, key);
        same(found.length, 1, 'one object per key');
        picked.push(found[0]!);
        key = following;
      }
      return picked;
    };
    same(await pickAll('next'), forward, `${options.label}: forward`);
    same(await pickAll('prev'), [...forward].reverse(), `${options.label}: backward`);
    same(await ets.slot(table, 0), [[1, integerToList(1)]]);
    same(await ets.slot(table, 27), [[28, integerToList(28)]]);
    same(await ets.slot(table, 28), [[2 ** 33, integerToList(2 ** 33)]]);
    same(await ets.prev(table, 28), 27);
    same(await ets.slot(table, 6), [[7, integerToList(7)]]);
    same(await ets.next(table, 2 ** 33), endOfTable);
    same(await ets.slot(table, 11), [[12, integerToList(12)]]);
    same(await ets.slot(table, 29), endOfTable);
    same(await ets.slot(table, 0), [[1, integerToList(1)]]);
    same(await ets.prev(table, 2 ** 33), 28);
    same(await ets.next(table, 0), 1);
    await pickAll('next');
    same(await ets.slot(table, 6), [[7, integerToList(7)]]);
    same(await pickAll('prev'), [...forward].reverse());
    same(await ets.slot(table, 6), [[7, integerToList(7)]]);
    await ets.delete(table);
  }
});

const tab2list = defineCase('tab2list', [], async ({ ets }) => {
  for (const options of optionSets(['ord_set_types'])) {
    const table = await makeTable(ets, 'foo', options.with(), [
      [a('a'), a('b')],
      [a('c'), a('b')],
      [a('b'), a('b')],
      [a('a'), a('c')],
    ]);
    same(
      await ets.tab2list(table),
      [
        [a('a'), a('c')],
        [a('b'), a('b')],
        [a('c'), a('b')],
      ],
      options.label,
    );
    same(await ets.delete(table), true);
  }
});

const cons = (object: Tuple, accumulator: Term[]): Term[] => [object, ...accumulator];
const FOLD_OBJECTS: Tuple[] = [
  [a('a'), 1],
  [a('c'), 3],
  [a('b'), 2],
];

const foldEmpty = defineCase('fold_empty', [], async ({ ets }) => {
  await repeatForOpts(async (options) => {
    const table = await makeTable(ets, 'a', options.with(), []);
    const never = (): never => {
      throw new Error('the fold function was called on an empty table');
    };
    same(list(...(await ets.foldl(never, [], table))), list());
    same(list(...(await ets.foldr(never, [], table))), list());
    same(await ets.delete(table), true);
  }, ALL_SET_TABLE_TYPES);
});

const foldBadarg = defineCase('fold_badarg', [], async ({ ets }) => {
  const fold = (_object: Tuple, accumulator: Term[]): Term[] => accumulator;
  await badarg(() => ets.foldl(fold, [], a('non_existing')), 'foldl');
  await badarg(() => ets.foldr(fold, [], a('non_existing')), 'foldr');
});

const foldCase = (name: string, direction: 'foldl' | 'foldr') =>
  defineCase(name, [], async ({ ets }) => {
    await repeatForOpts(async (options) => {
      const table = await makeTable(ets, 'a', options.with(), FOLD_OBJECTS);
      const folded = await ets[direction](cons, [], table);
      same(sorted(folded), sorted(FOLD_OBJECTS), options.label);
      same(await ets.delete(table), true);
    }, ALL_TABLE_TYPES);
  });

const foldOrderedCase = (name: string, direction: 'foldl' | 'foldr') =>
  defineCase(name, [], async ({ ets }) => {
    await repeatForOpts(
      async (options) => {
        const table = await makeTable(ets, 'a', options.with(), FOLD_OBJECTS);
        const folded = await ets[direction](cons, [], table);
        const expected = sorted(FOLD_OBJECTS);
        // foldl conses from the first object, so the list comes out reversed; foldr in order.
        same(folded, direction === 'foldl' ? expected.reverse() : expected, options.label);
        same(await ets.delete(table), true);
      },
      ['ord_set_types', 'write_concurrency', 'read_concurrency', 'compressed'],
    );
  });

const member = defineCase('member', [], async ({ ets }) => {
  await repeatForOpts(
    async (options) => {
      const table = await ets.new(a('xxx'), options.with());
      same(await ets.member(table, a('hej')), false);
      for (let key = 10_000; key > 0; key -= 1) await ets.insert(table, [key, key % 10]);
      same(await ets.member(table, a('hej')), false);
      same(await ets.member(table, 1), true);
      same(await ets.member(table, 20_000), false);
      await ets.delete(table, 5);
      same(await ets.member(table, 5), false);
      await ets.safeFixtable(table, true);
      await ets.delete(table, 6);
      same(await ets.member(table, 6), false, 'a key deleted while fixed');
      await ets.safeFixtable(table, false);
      same(await ets.member(table, 6), false);
      await ets.delete(table);
      await badarg(() => ets.member(a('finnsinte'), 23), 'no such table');
      await badarg(() => ets.member(table, 23), 'a deleted table');
    },
    ['write_concurrency', 'all_types'],
  );
});

const safeFixtable = defineCase(
  'safe_fixtable',
  ['processes'],
  async ({ ets, processes }) => {
    await repeatForOpts(async (options) => {
      const table = await ets.new(a('foo'), options.with());
      await fillTab(ets, table, a('foobar'));
      same(await ets.safeFixtable(table, true), true);
      await new Promise((resolve) => setTimeout(resolve, 1));
      same(await ets.safeFixtable(table, false), true);
      same(await infoItem(ets, table, 'safe_fixed_monotonic_time'), false);
      same(await infoItem(ets, table, 'safe_fixed'), false);
      same(await ets.safeFixtable(table, true), true);
      const self = await processes.self();
      const monotonic = (await infoItem(ets, table, 'safe_fixed_monotonic_time')) as Term[];
      const system = (await infoItem(ets, table, 'safe_fixed')) as Term[];
      ensure(Array.isArray(monotonic) && Array.isArray(system), 'safe_fixed items are tuples');
      same(monotonic[1], list([self, 1]), 'safe_fixed_monotonic_time holders');
      same(system[1], list([self, 1]), 'safe_fixed holders');
      const isInteger = (term: unknown): boolean =>
        Number.isSafeInteger(term) || typeof term === 'bigint';
      ensure(isInteger(monotonic[0]), 'the monotonic fix time is an integer');
      const [megaSeconds, seconds, microSeconds] = system[0] as Term[];
      ensure(
        [megaSeconds, seconds, microSeconds].every(isInteger),
        'the fix time is {MegaSecs, Secs, MicroSecs}',
      );
      // An unjustified unfix from another process does nothing.
      const other = await processes.spawn(async () => {
        same(await ets.safeFixtable(table, false), true);
      });
      await processes.exited(other);
      same(await infoItem(ets, table, 'fixed'), true);
      same(await infoItem(ets, table, 'safe_fixed_monotonic_time'), monotonic);
      same(await infoItem(ets, table, 'safe_fixed'), system);
      await badarg(() => ets.safeFixtable(table, a('foobar') as unknown as boolean));
      same(await infoItem(ets, table, 'fixed'), true);
      same(await ets.safeFixtable(table, false), true);
      same(await infoItem(ets, table, 'fixed'), false);
      await badarg(() => ets.safeFixtable(table, a('foobar') as unknown as boolean));
      same(await infoItem(ets, table, 'fixed'), false);
      await ets.delete(table);
      await badarg(() => ets.safeFixtable(table, true), 'fix a deleted table');
    }, ALL_TABLE_TYPES);
  },
  'the fix times are not compared with erlang:timestamp/0 and erlang:monotonic_time/0 taken ' +
    'around the call: the clocks of the implementation are its own',
);

const rename = defineCase('rename', [], async ({ ets }) => {
  await repeatForOpts(
    async (options) => {
      await ets.new(a('foobazz'), options.with({ namedTable: true, access: 'public' }));
      await ets.insert(a('foobazz'), [a('foo'), a('bazz')]);
      same(await ets.rename(a('foobazz'), a('ungermanbazz')), a('ungermanbazz'));
      await badarg(() => ets.lookup(a('foobazz'), a('foo')), 'the old name');
      same(await ets.lookup(a('ungermanbazz'), a('foo')), [[a('foo'), a('bazz')]]);
      await badarg(
        () => ets.rename(a('ungermanbazz'), 'no atom' as unknown as symbol),
        'rename to a non-atom',
      );
      await ets.delete(a('ungermanbazz'));
    },
    ['write_concurrency', 'all_types'],
  );
});

const renameUnnamed = defineCase('rename_unnamed', [], async ({ ets }) => {
  await repeatForOpts(
    async (options) => {
      const table = await ets.new(a('bonkz'), options.with({ access: 'public' }));
      await badarg(() => ets.insert(a('bonkz'), [a('foo'), a('bazz')]), 'by the name');
      same(await infoItem(ets, table, 'name'), a('bonkz'));
      same(await ets.rename(table, a('tjabonkz')), table, 'rename keeps the identifier');
      await badarg(() => ets.insert(a('tjabonkz'), [a('foo'), a('bazz')]), 'by the new name');
      same(await infoItem(ets, table, 'name'), a('tjabonkz'));
      await ets.delete(table);
    },
    ['write_concurrency', 'all_types'],
  );
});

/** `do_fill_dbag_using_lists(T, N)`. */
async function fillDuplicateBagUsingLists(ets: EtsApi, table: TableId, count: number) {
  for (let value = count; value > 0; value -= 1) {
    const other = value + (value % 2);
    await ets.insert(table, list([value, integerToList(value)], [other, integerToList(other)]));
  }
}

/** `del_one_by_one_set(T, From, To)`. */
async function deleteOneByOneSet(ets: EtsApi, table: TableId, from: number, to: number) {
  for (let value = from; value !== to; value += from < to ? 1 : -1) {
    const size = (await infoItem(ets, table, 'size')) as number;
    await ets.deleteObject(table, [value, integerToList(value)]);
    same((await infoItem(ets, table, 'size')) as number, size - 1, `delete_object of ${value}`);
  }
  same(await infoItem(ets, table, 'size'), 0, 'empty at the end');
}

/** `del_one_by_one_bag(T, From, To)`. */
async function deleteOneByOneBag(ets: EtsApi, table: TableId, from: number, to: number) {
  for (let value = from; value !== to; value += from < to ? 1 : -1) {
    const size = (await infoItem(ets, table, 'size')) as number;
    await ets.deleteObject(table, [value + (value % 2), integerToList(value)]);
    same((await infoItem(ets, table, 'size')) as number, size - 1, `delete_object of ${value}`);
  }
  same(await infoItem(ets, table, 'size'), 0, 'empty at the end');
}

/** `del_one_by_one_dbag_1`, `_2` and `_3`: size drops by these for even and odd values. */
async function deleteOneByOneDuplicateBag(
  ets: EtsApi,
  table: TableId,
  from: number,
  to: number,
  variant: 1 | 2 | 3,
) {
  for (let value = from; value !== to; value += from < to ? 1 : -1) {
    const size = (await infoItem(ets, table, 'size')) as number;
    const even = value % 2 === 0;
    const sizeNow = async (): Promise<number> => (await infoItem(ets, table, 'size')) as number;
    if (variant === 3) {
      await ets.deleteObject(table, [value + (value % 2), integerToList(value)]);
      same(await sizeNow(), size - (even ? 2 : 1), `delete_object of ${value}`);
      if (!even) {
        await ets.deleteObject(table, [value, integerToList(value)]);
        same(await sizeNow(), size - 2, `second delete_object of ${value}`);
      }
      continue;
    }
    await ets.deleteObject(table, [value, integerToList(value)]);
    const drop = variant === 1 ? (even ? 2 : 0) : even ? 3 : 1;
    same(await sizeNow(), size - drop, `delete_object of ${value}`);
  }
  same(await infoItem(ets, table, 'size'), 0, 'empty at the end');
}

const tInsertList = defineCase('t_insert_list', [], async ({ ets }) => {
  await repeatForOpts(async (options) => {
    const table = await ets.new(a('x'), options.with({ type: 'duplicate_bag' }));
    await fillDuplicateBagUsingLists(ets, table, 4000);
    await deleteOneByOneDuplicateBag(ets, table, 4000, 0, 2);
    await ets.delete(table);
  });
});

const tInsertListBag = defineCase('t_insert_list_bag', [], async ({ ets }) => {
  await repeatForOpts(
    async (options) => {
      const table = await ets.new(a('t'), options.with({ type: 'bag' }));
      const size = 25_000;
      const objects = Array.from({ length: size }, (_, index): Tuple => [index + 1]);
      await ets.insert(table, list(...objects));
      await ets.insert(table, list(...objects));
      same(await infoItem(ets, table, 'size'), size, 'a bag ignores exact copies');
      // Objects of different sizes: {N div 7, <<N:Bits>>} with Bits = N rem 71.
      const second = objects.map(([value]): Tuple => {
        const number = value as number;
        const bits = number % 71;
        return [Math.floor(number / 7), bitsOf(BigInt(number), bits)];
      });
      await ets.insert(table, list(...second));
      same(await infoItem(ets, table, 'size'), size * 2);
      await ets.delete(table);
    },
    ['write_concurrency', 'compressed'],
  );
});

/** `<<Value:Bits>>`: the low `bits` bits of `value`, big-endian, as a bitstring. */
function bitsOf(value: bigint, bits: number): Term {
  const bytes = new Uint8Array(Math.ceil(bits / 8));
  const masked = value & ((1n << BigInt(bits)) - 1n);
  // Left-align the bits in the bytes, as a bitstring's trailing bits are the low ones.
  const aligned = masked << BigInt(bytes.length * 8 - bits);
  for (let index = bytes.length - 1, rest = aligned; index >= 0; index -= 1, rest >>= 8n) {
    bytes[index] = Number(rest & 0xffn);
  }
  return bitstring(bytes, bits);
}

const tInsertListDuplicateBag = defineCase('t_insert_list_duplicate_bag', [], async ({ ets }) => {
  const table = await ets.new(a('t'), { type: 'duplicate_bag' });
  const size = 25_000;
  const objects = Array.from({ length: size }, (_, index): Tuple => [index + 1]);
  await ets.insert(table, list(...objects));
  await ets.insert(table, list(...objects));
  same(await infoItem(ets, table, 'size'), size * 2);
  await ets.delete(table);
});

const tInsertListSet = defineCase('t_insert_list_set', [], async ({ ets }) => {
  const run = async (
    options: TableOptions,
    insert: (table: TableId, objects: Tuple[]) => Promise<void>,
    count: number,
    step: number,
    expectedSize: number,
  ) => {
    const table = await ets.new(a('x'), options);
    for (let value = 1; value <= count; value += step) {
      await insert(table, [
        [value, value],
        [value + 1, value],
      ]);
    }
    same(await infoItem(ets, table, 'size'), expectedSize);
    await ets.delete(table);
  };
  const insertWithCheck = async (table: TableId, objects: Tuple[]) => {
    same(await ets.insert(table, list(...objects)), true);
  };
  const insertNewWithCheck = async (table: TableId, objects: Tuple[]) => {
    const inserted = await ets.insertNew(table, list(...objects));
    same(inserted, (objects[0]![0] as number) % 2 !== 0, 'insert_new');
  };
  const insertNew = async (table: TableId, objects: Tuple[]) => {
    await ets.insertNew(table, list(...objects));
  };
  for (const options of optionSets(['set_types'])) {
    const count = 2;
    await run(options.with(), insertWithCheck, count, 1, count + 1);
    await run(options.with(), insertWithCheck, count * 2, 2, count * 2);
    await run(options.with(), insertNewWithCheck, count, 1, count);
    await run(options.with(), insertNew, count * 2, 2, count * 2);
  }
});

const tInsertListInsertOrderPreserved = defineCase(
  't_insert_list_insert_order_preserved',
  [],
  async ({ ets }) => {
    for (const type of ['bag', 'duplicate_bag'] as const) {
      const table = await ets.new(a('insert_list_insert_order_preserved'), { type });
      const key = a('a');
      await ets.insert(table, list([key, 1], [key, 2], [key, 3]));
      await ets.insert(table, list([key, 4], [key, 5], [key, 6]));
      same(
        await ets.lookup(table, key),
        [1, 2, 3, 4, 5, 6].map((value) => [key, value]),
        type,
      );
      await ets.delete(table, key);
      same(await ets.lookup(table, key), []);
      // OTP's duplicate_bag insert order once depended on the reductions left.
      const iterationsPerReduction = 8;
      const count = 4000 * iterationsPerReduction + 10;
      const long = Array.from({ length: count }, (_, index): Tuple => [key, index + 1]);
      await ets.insert(table, list(...long));
      same(await ets.lookup(table, key), long, `${type}: a long list keeps its order`);
      await ets.delete(table);
    }
  },
);

/** `fill_sets_int(N, Opts)`: an ordered_set, a set, a bag and a duplicate bag. */
async function fillSetsInt(ets: EtsApi, count: number, options: TableOptions): Promise<TableId[]> {
  const orderedSet = await ets.new(a('xxx'), { ...options, type: 'ordered_set' });
  await filltabint(ets, orderedSet, count);
  const set = await ets.new(a('xxx'), { ...options, type: 'set' });
  await filltabint(ets, set, count);
  const bag = await ets.new(a('xxx'), { ...options, type: 'bag' });
  await filltabint2(ets, bag, count);
  const duplicateBag = await ets.new(a('xxx'), { ...options, type: 'duplicate_bag' });
  await filltabint3(ets, duplicateBag, count);
  return [orderedSet, set, bag, duplicateBag];
}

const tInsertNew = defineCase('t_insert_new', [], async ({ ets }) => {
  const tables = [
    ...(await fillSetsInt(ets, 1000, {})),
    ...(await fillSetsInt(ets, 1000, { writeConcurrency: true })),
  ];
  const object = (value: number, text = String(value)): Tuple => [value, charList(text)];
  for (const table of tables) {
    same(await ets.insertNew(table, object(2)), false);
    same(await ets.insertNew(table, object(2002)), true);
    same(await ets.insertNew(table, object(2002)), false);
    same(await ets.insert(table, object(2002)), true);
    same(await ets.insertNew(table, list(object(2002))), false);
    same(await ets.insertNew(table, list(object(2002), object(2003))), false);
    same(await ets.insertNew(table, list(object(2001), object(2002), object(2003))), false);
    same(await ets.insertNew(table, list(object(2001), object(2002))), false);
    same(await ets.insertNew(table, list(object(2001), object(2003))), true);
    same(await ets.insertNew(table, object(2001)), false);
    same(await ets.insertNew(table, object(2002)), false);
    same(await ets.insertNew(table, object(2003)), false);
    same(await ets.insertNew(table, object(2004)), true);
    same(await ets.insertNew(table, object(2000)), true);
    same(await ets.insertNew(table, list(object(2005), object(2006), object(2007))), true);
    const type = await infoItem(ets, table, 'type');
    let expected = 1008;
    if (type === a('bag')) {
      same(await ets.insert(table, object(2004, '2004-2')), true);
      same(await ets.insertNew(table, object(2004, '2004-3')), false);
      expected = 1009;
    } else if (type === a('duplicate_bag')) {
      same(await ets.insert(table, object(2004)), true);
      same(await ets.insertNew(table, object(2004)), false);
      expected = 1010;
    }
    same(await infoItem(ets, table, 'size'), expected, 'size');
    const all = await ets.tab2list(table);
    await ets.deleteAllObjects(table);
    same(await ets.insertNew(table, list(...all)), true, 'insert_new of everything');
    same(await ets.insertNew(table, list(...all)), false, 'insert_new of everything again');
    await ets.delete(table);
  }
});

/** Objects `t_delete_object` fills and deletes on a driver without manyCalls (4,000 in OTP). */
const T_DELETE_OBJECT_FEW = 200;

const tDeleteObject = defineCase(
  't_delete_object',
  [],
  async (context) => {
    const { ets } = context;
    // An even count, as the bag fills pair odd values with the even key above them.
    const count = scaled(context, 4000, T_DELETE_OBJECT_FEW);
    await repeatForOpts(async (options) => {
      const table = await ets.new(a('x'), options.with());
      await filltabint(ets, table, count);
      await deleteOneByOneSet(ets, table, 1, count + 1);
      await filltabint(ets, table, count);
      await deleteOneByOneSet(ets, table, count, 0);
      await filltabint(ets, table, count);
      const first = await ets.first(table);
      const next = await ets.next(table, first);
      await ets.safeFixtable(table, true);
      await ets.deleteObject(table, [first, integerToList(first as number)]);
      same(await ets.next(table, first), next, 'next of a key deleted while fixed');
      same(await infoItem(ets, table, 'size'), count - 1);
      await ets.safeFixtable(table, false);
      same(await infoItem(ets, table, 'size'), count - 1);
      await ets.delete(table);

      const orderedSet = await ets.new(a('x'), options.with({ type: 'ordered_set' }));
      await filltabint(ets, orderedSet, count);
      await deleteOneByOneSet(ets, orderedSet, 1, count + 1);
      await filltabint(ets, orderedSet, count);
      await deleteOneByOneSet(ets, orderedSet, count, 0);
      await ets.delete(orderedSet);

      const bag = await ets.new(a('x'), options.with({ type: 'bag' }));
      await filltabint2(ets, bag, count);
      await deleteOneByOneBag(ets, bag, 1, count + 1);
      await filltabint2(ets, bag, count);
      await deleteOneByOneBag(ets, bag, count, 0);
      await ets.delete(bag);

      const duplicateBag = await ets.new(a('x'), options.with({ type: 'duplicate_bag' }));
      await filltabint3(ets, duplicateBag, count);
      await deleteOneByOneDuplicateBag(ets, duplicateBag, 1, count + 1, 1);
      await filltabint3(ets, duplicateBag, count);
      await deleteOneByOneDuplicateBag(ets, duplicateBag, count, 0, 1);
      await filltabint(ets, duplicateBag, count);
      await filltabint3(ets, duplicateBag, count);
      await deleteOneByOneDuplicateBag(ets, duplicateBag, 1, count + 1, 2);
      await filltabint(ets, duplicateBag, count);
      await filltabint3(ets, duplicateBag, count);
      await deleteOneByOneDuplicateBag(ets, duplicateBag, count, 0, 2);
      await filltabint2(ets, duplicateBag, count);
      await filltabint(ets, duplicateBag, count);
      await deleteOneByOneDuplicateBag(ets, duplicateBag, count, 0, 3);
      await ets.delete(duplicateBag);
    });
  },
  'the kept-objects count of `ets:info(T, stats)` (1 while fixed, 0 after) is a counter of ' +
    "the BEAM's hash table internals; on drivers without manyCalls, " +
    `${T_DELETE_OBJECT_FEW} objects instead of 4,000`,
);

const take = defineCase('take', [], async ({ ets }) => {
  const foo = a('foo');
  const bar = a('bar');
  const nonImmediate = [a('not'), 'immediate'];
  const set = await ets.new(a('a'), { type: 'set' });
  same(await ets.take(set, foo), []);
  await ets.insert(set, [foo, bar]);
  same(await ets.take(set, bar), []);
  same(await ets.take(set, foo), [[foo, bar]]);
  same(await ets.tab2list(set), []);
  await ets.insert(set, [nonImmediate, a('ok')]);
  same(await ets.take(set, nonImmediate), [[nonImmediate, a('ok')]], 'a non-immediate key');
  for (const options of optionSets(['ord_set_types'])) {
    const ordered = await ets.new(a('b'), options.with());
    same(await ets.take(ordered, foo), []);
    await ets.insert(ordered, [foo, bar]);
    same(await ets.take(ordered, bar), []);
    same(await ets.take(ordered, foo), [[foo, bar]]);
    same(await ets.tab2list(ordered), []);
    await ets.insert(ordered, [nonImmediate, a('ok')]);
    same(await ets.take(ordered, nonImmediate), [[nonImmediate, a('ok')]]);
    // Arithmetically equal keys are one key in an ordered_set.
    await ets.insert(ordered, list([float(1), a('float')], [2, a('integer')]));
    same(await ets.take(ordered, 1), [[float(1), a('float')]], `${options.label}: take 1`);
    same(await ets.take(ordered, float(2)), [[2, a('integer')]], `${options.label}: take 2.0`);
    same(await ets.tab2list(ordered), []);
    await ets.delete(ordered);
  }
  const bag = await ets.new(a('c'), { type: 'bag' });
  await ets.insert(bag, list([1, 1], [1, 2], [3, 3]));
  same(
    sorted(await ets.take(bag, 1)),
    sorted([
      [1, 1],
      [1, 2],
    ]),
    'take from a bag',
  );
  same(await ets.take(bag, 3), [[3, 3]]);
  same(await ets.tab2list(bag), []);
  await ets.delete(set);
  await ets.delete(bag);
});

const otp9932 = defineCase('otp_9932', [], async ({ ets }) => {
  // OTP-9932: large integers in a compressed bag once overwrote memory.
  const table = await ets.new(a('xxx'), { type: 'bag', compressed: true });
  for (let shift = 0n; shift <= 16n; shift += 1n) {
    const key = [bigInteger(1316110174588445n << shift), bigInteger(1316110174588583n << shift)];
    const object: Tuple = [key, key];
    same(await ets.insert(table, object), true);
    same(await ets.lookup(table, key), [object], `shift ${shift}`);
    same(await ets.insert(table, object), true);
    same(await ets.lookup(table, key), [object], `shift ${shift}, inserted twice`);
  }
  await ets.delete(table);
});

/** An integer in core's model: a safe integer as a number, beyond as a bigint. */
const bigInteger = (value: bigint): Term =>
  value <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(value) : value;

const otp10182 = defineCase('otp_10182', [], async ({ ets }) => {
  // OTP-10182: a binary corrupted in a compressed table.
  await repeatForOpts(async (options) => {
    const text = 'aHR0cDovL2hvb3RzdWl0ZS5jb20vYy9wcm8tYWRyb2xsLWFi';
    const key = [a('test'), text];
    const value = new Uint8Array(Buffer.from(text, 'base64'));
    const object: Tuple = [key, value];
    const table = await ets.new(a('undefined'), options.with());
    await ets.insert(table, object);
    const [stored] = await ets.lookup(table, key);
    await ets.delete(table);
    same(stored, object, options.label);
  }, ALL_TABLE_TYPES);
});

/** The cases of this module. */
export const traversalCases: readonly PortedCase[] = [
  firstnext,
  slot,
  ordered,
  tab2list,
  foldEmpty,
  foldBadarg,
  foldCase('foldl', 'foldl'),
  foldCase('foldr', 'foldr'),
  foldOrderedCase('foldl_ordered', 'foldl'),
  foldOrderedCase('foldr_ordered', 'foldr'),
  member,
  safeFixtable,
  rename,
  renameUnnamed,
  tInsertList,
  tInsertListBag,
  tInsertListDuplicateBag,
  tInsertListSet,
  tInsertListInsertOrderPreserved,
  tInsertNew,
  tDeleteObject,
  take,
  otp9932,
  otp10182,
];
