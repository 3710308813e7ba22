/**
 * Ported from `ets_SUITE.erl`, groups `new`, `insert`, `lookup`, `lookup_element` and `delete`:
 * table creation and its errors, named tables, key positions, access rights, basic insert,
 * lookup and delete.
 */
import {
  type Atom,
  atom,
  improperList,
  list,
  type Pid,
  type Term,
  type Tuple,
} from '@tsunami/core';
import type { TableId, TableOptions } from '@tsunami/ets';
import {
  type CaseContext,
  charList,
  defineCase,
  fillTab,
  infoItem,
  makeTable,
  type PortedCase,
  scaled,
} from '../case.js';
import { badarg, ensure, receiveMessage, same } from '../check.js';
import { ALL_TABLE_TYPES, optionItems, optionSets, repeatForOpts } from '../options.js';

const a = atom;

/** OTP's `[set, cat_ord_set, stim_cat_ord_set, ordered_set]` (no stim: see options.ts). */
const SET_TYPE_ITEMS = [optionItems.set, optionItems.catOrdSet, optionItems.orderedSet];

const defaultCase = defineCase('default', [], async ({ ets, processes }) => {
  const table = await ets.new(a('def'), {});
  same(await infoItem(ets, table, 'type'), a('set'), 'type');
  same(await infoItem(ets, table, 'protection'), a('protected'), 'protection');
  // erlang:system_info(ets_always_compress) is false unless the emulator is started with +ec.
  same(await infoItem(ets, table, 'compressed'), false, 'compressed');
  same(await infoItem(ets, table, 'owner'), await processes.self(), 'owner');
  same(await infoItem(ets, table, 'heir'), a('none'), 'heir');
  same(await infoItem(ets, table, 'named_table'), false, 'named_table');
  await ets.delete(table);
});

const setbag = defineCase('setbag', [], async ({ ets }) => {
  for (const setType of optionSets([SET_TYPE_ITEMS])) {
    const set = await ets.new(a(setType.items[0]!.label), setType.with());
    const bag = await ets.new(a('bag'), { type: 'bag' });
    const key = [a('foo'), a('bar')];
    await ets.insert(set, [key, a('val1')]);
    await ets.insert(bag, [key, a('val1')]);
    await ets.insert(set, [key, a('val2')]);
    await ets.insert(bag, [key, a('val2')]);
    same(await ets.lookup(set, key), [[key, a('val2')]], `lookup in ${setType.label}`);
    same(
      await ets.lookup(bag, key),
      [
        [key, a('val1')],
        [key, a('val2')],
      ],
      'lookup in bag',
    );
    same(await ets.delete(set), true);
    same(await ets.delete(bag), true);
  }
});

/** A value the type system forbids, as a bad Erlang argument is. */
const unchecked = <T>(value: unknown): T => value as T;

const badnew = defineCase('badnew', [], async ({ ets }) => {
  await badarg(() => ets.new(unchecked<Atom>(12), {}), 'new(12, [])');
  await badarg(() => ets.new(unchecked<Atom>([a('a'), a('b')]), {}), 'new({a,b}, [])');
  await badarg(
    () => ets.new(a('name'), unchecked<TableOptions>({ foo: true })),
    'new(name, [foo])',
  );
  await badarg(() => ets.new(a('name'), unchecked<TableOptions>([a('bag')])), 'new(name, {bag})');
  await badarg(() => ets.new(a('name'), unchecked<TableOptions>(a('bag'))), 'new(name, bag)');
});

const verybadnew = defineCase('verybadnew', [], async ({ ets }) => {
  const improper = improperList([a('set')], a('protected'));
  await badarg(
    () => ets.new(a('verybad'), unchecked<TableOptions>(improper)),
    'new(verybad, [set|protected])',
  );
});

const named = defineCase('named', [], async ({ ets }) => {
  const table = await makeTable(ets, 'foo', { namedTable: true }, [[a('key'), a('val')]]);
  same(await ets.lookup(a('foo'), a('key')), [[a('key'), a('val')]]);
  same(await ets.delete(table), true);
});

const keypos2 = defineCase('keypos2', [], async ({ ets }) => {
  for (const setType of optionSets([SET_TYPE_ITEMS])) {
    const table = await makeTable(ets, 'foo', setType.with({ keypos: 2 }), [
      [a('val'), a('key')],
      [a('val2'), a('key')],
    ]);
    same(await ets.lookup(table, a('key')), [[a('val2'), a('key')]], setType.label);
    same(await ets.delete(table), true);
  }
});

/** `privacy_check(Pub, Prot, Priv)`, run by a process that owns none of the tables. */
async function privacyCheck(
  { ets }: CaseContext,
  publicTable: Term,
  protectedTable: Term,
  privateTable: Term,
): Promise<void> {
  const pub = publicTable as TableId;
  const prot = protectedTable as TableId;
  const priv = privateTable as TableId;
  same(await ets.lookup(pub, a('foo')), [], 'read a public table');
  same(await ets.lookup(prot, a('foo')), [], 'read a protected table');
  await badarg(() => ets.lookup(priv, a('foo')), 'read a private table');
  same(await ets.insert(pub, [1, a('foo')]), true, 'write a public table');
  await badarg(() => ets.insert(prot, [2, a('foo')]), 'write a protected table');
  await badarg(() => ets.insert(priv, [3, a('foo')]), 'write a private table');
  same(await ets.lookup(prot, a('foo')), [], 'the protected table is unchanged');
}

const rotate = (tables: readonly Term[], times: number): Term[] => {
  let rotated = [...tables];
  for (let step = 0; step < times; step += 1) rotated = [...rotated.slice(1), rotated[0]!];
  return rotated;
};

const privacy = defineCase('privacy', ['processes'], async (context) => {
  const { ets, processes } = context;
  await repeatForOpts(async (options) => {
    const parent = await processes.self();
    const owner = await processes.spawn(async () => {
      await ets.new(a('pub'), options.with({ access: 'public', namedTable: true }));
      await ets.new(a('prot'), options.with({ access: 'protected', namedTable: true }));
      await ets.new(a('priv'), options.with({ access: 'private', namedTable: true }));
      await processes.send(parent, a('ok'));
      for (;;) {
        const message = await receiveMessage(processes, 'a shift');
        if (!Array.isArray(message)) return;
        const [, shift, tables] = message as [Atom, number, Term[]];
        const [pub, prot, priv] = rotate(tables, shift) as [TableId, TableId, TableId];
        await ets.setopts(pub, { protection: 'public' });
        await ets.setopts(prot, { protection: 'protected' });
        await ets.setopts(priv, { protection: 'private' });
        await processes.send(parent, [pub, prot, priv]);
      }
    });
    same(await receiveMessage(processes), a('ok'), 'the owner is ready');
    await privacyCheck(context, a('pub'), a('prot'), a('priv'));
    let tables: Term[] = [a('pub'), a('prot'), a('priv')];
    for (const shift of [1, 2, 0]) {
      await processes.send(owner, [a('shift'), shift, tables]);
      const rotated = (await receiveMessage(processes, 'the rotated tables')) as Term[];
      await privacyCheck(context, rotated[0]!, rotated[1]!, rotated[2]!);
      tables = rotated;
    }
    const exited = processes.exited(owner);
    await processes.send(owner, a('die'));
    await exited;
  });
});

const empty = defineCase('empty', [], async ({ ets }) => {
  await repeatForOpts(async (options) => {
    const table = await ets.new(a('foo'), options.with());
    same(await ets.lookup(table, a('key')), []);
    same(await ets.insert(table, [a('key2'), a('val')]), true);
    same(await ets.lookup(table, a('key')), []);
    same(await ets.delete(table), true);
  }, ALL_TABLE_TYPES);
});

const badinsert = defineCase('badinsert', [], async ({ ets }) => {
  await repeatForOpts(async (options) => {
    await badarg(() => ets.insert(a('foo'), [a('key'), a('val')]), 'insert into no table');
    const table = await ets.new(a('foo'), options.with());
    await badarg(() => ets.insert(table, []), 'insert {}');
    const keypos3 = await ets.new(a('foo'), options.with({ keypos: 3 }));
    await badarg(() => ets.insert(keypos3, [a('a'), a('b')]), 'insert {a,b} at keypos 3');
    await badarg(() => ets.insert(table, list(a('key'), a('val2'))), 'insert [key,val2]');
    same(await ets.delete(table), true);
    same(await ets.delete(keypos3), true);
  }, ALL_TABLE_TYPES);
});

const badlookup = defineCase('badlookup', [], async ({ ets }) => {
  await badarg(() => ets.lookup(a('foo'), a('key')), 'lookup in no table');
  const table = await ets.new(a('foo'), {});
  await ets.delete(table);
  await badarg(() => ets.lookup(table, a('key')), 'lookup in a deleted table');
});

/** lookup_order's model: the objects under `key`, newest first, as OTP's case keeps them. */
interface OrderState {
  readonly table: TableId;
  readonly objects: readonly Tuple[];
}

const lookupOrder = defineCase('lookup_order', [], async ({ ets }) => {
  const key = a('key');
  const check = async (state: OrderState): Promise<OrderState> => {
    same([...(await ets.lookup(state.table, key))].reverse(), [...state.objects], 'lookup order');
    same(await infoItem(ets, state.table, 'size'), state.objects.length, 'size');
    return state;
  };
  const insert = async (state: OrderState, value: number): Promise<OrderState> => {
    await ets.insert(state.table, [key, value]);
    const isBag = (await infoItem(ets, state.table, 'type')) === a('bag');
    const present = state.objects.some((object) => object[1] === value);
    const objects = isBag && present ? state.objects : [[key, value], ...state.objects];
    return check({ table: state.table, objects });
  };
  const remove = async (state: OrderState, value: number): Promise<OrderState> => {
    await ets.deleteObject(state.table, [key, value]);
    return check({
      table: state.table,
      objects: state.objects.filter((object) => object[1] !== value),
    });
  };
  const insertNew = async (state: OrderState, value: number): Promise<OrderState> => {
    const inserted = await ets.insertNew(state.table, [key, value]);
    same(inserted, state.objects.length === 0, 'insert_new');
    return check({ table: state.table, objects: inserted ? [[key, value]] : state.objects });
  };
  const values = [1, 2, 3];
  const pairs: Array<[number, number]> = [
    [1, 2],
    [2, 1],
    [1, 3],
    [3, 1],
    [2, 3],
    [3, 2],
  ];
  await repeatForOpts(
    async (options) => {
      for (const fixed of [false, true]) {
        for (const d1 of values) {
          for (const [d2a, d2b] of pairs) {
            for (const [d3a, d3b] of pairs) {
              const table = await ets.new(a('foo'), options.with());
              if (fixed) await ets.safeFixtable(table, true);
              let state: OrderState = { table, objects: [] };
              state = await insert(state, 1);
              state = await insert(state, 2);
              state = await insert(state, 3);
              state = await remove(state, d1);
              state = await insert(state, d1);
              state = await insert(state, d1);
              state = await remove(state, d2a);
              state = await remove(state, d2b);
              state = await insert(state, d2a);
              state = await remove(state, d3a);
              state = await remove(state, d3b);
              await insertNew(state, d3b);
              same(await ets.delete(table), true);
            }
          }
        }
      }
    },
    ['write_concurrency', [optionItems.bag, optionItems.duplicateBag]],
  );
});

const lookupElementDefault = defineCase(
  'lookup_element_default',
  ['lookupElementDefault'],
  async ({ ets }) => {
    const key = a('key');
    const notKey = a('not_key');
    for (const type of ['set', 'ordered_set'] as const) {
      const table = await ets.new(a('foo'), { type });
      await ets.insert(table, [key, 42]);
      same(await ets.lookupElement(table, key, 2, 13), 42, type);
      same(await ets.lookupElement(table, notKey, 2, 13), 13, type);
      await badarg(() => ets.lookupElement(table, key, 3, 13), `${type}: position 3`);
      same(await ets.delete(table), true);
    }
    const bag = await ets.new(a('foo'), { type: 'bag' });
    await ets.insert(bag, [key, 42]);
    await ets.insert(bag, [key, 43, 44]);
    same(await ets.lookupElement(bag, key, 2, 13), list(42, 43), 'bag');
    same(await ets.lookupElement(bag, notKey, 2, 13), 13, 'bag');
    await badarg(() => ets.lookupElement(bag, key, 3, 13), 'bag: position 3');
    same(await ets.delete(bag), true);
    const duplicateBag = await ets.new(a('foo'), { type: 'duplicate_bag' });
    await ets.insert(duplicateBag, [key, 42]);
    await ets.insert(duplicateBag, [key, 42]);
    await ets.insert(duplicateBag, [key, 43, 44]);
    same(await ets.lookupElement(duplicateBag, key, 2, 13), list(42, 42, 43), 'duplicate_bag');
    same(await ets.lookupElement(duplicateBag, notKey, 2, 13), 13, 'duplicate_bag');
    await badarg(() => ets.lookupElement(duplicateBag, key, 3, 13), 'duplicate_bag: position 3');
    same(await ets.delete(duplicateBag), true);
  },
);

const lookupElementMult = defineCase('lookup_element_mult', [], async ({ ets, processes }) => {
  await repeatForOpts(async (options) => {
    const self: Pid = await processes.self();
    const service = a('service');
    const data: Tuple[] = [
      [service, a('eddie2@boromir'), [150, 236, 14, 103], a('httpd88'), self],
      [service, a('eddie2@boromir'), [150, 236, 14, 103], a('httpd80'), self],
      [service, a('eddie3@boromir'), [150, 236, 14, 107], a('httpd88'), self],
      [service, a('eddie3@boromir'), [150, 236, 14, 107], a('httpd80'), self],
      [service, a('eddie4@boromir'), [150, 236, 14, 108], a('httpd88'), self],
    ];
    const table = await ets.new(a('service'), options.with({ type: 'bag', keypos: 2 }));
    for (const object of [...data].reverse()) await ets.insert(table, object);
    // lem_crash_3: the same multi-element lookup three times over, each giving the same list.
    for (let round = 0; round < 3; round += 1) {
      same(
        await ets.lookupElement(table, a('eddie2@boromir'), 3),
        list([150, 236, 14, 103], [150, 236, 14, 103]),
        'lookup_element of a bag key',
      );
    }
    await ets.insert(table, [0, charList('heap_key')]);
    // Key position 2: element 2 of {0, "heap_key"} is the key itself.
    same(
      await ets.lookupElement(table, charList('heap_key'), 2),
      list(charList('heap_key')),
      'string key',
    );
    same(await ets.delete(table), true);
  });
});

const deleteElem = defineCase('delete_elem', [], async ({ ets }) => {
  await repeatForOpts(
    async (options) => {
      const table = await ets.new(a('foo'), options.with());
      await fillTab(ets, table, a('foo'));
      await ets.insert(table, [[a('b'), a('key')], a('foo')]);
      await ets.insert(table, [[a('c'), a('key')], a('foo')]);
      same(await ets.delete(table, [a('b'), a('key')]), true);
      same(await ets.lookup(table, [a('b'), a('key')]), []);
      same(await ets.lookup(table, [a('c'), a('key')]), [[[a('c'), a('key')], a('foo')]]);
      same(await ets.delete(table), true);
    },
    ['write_concurrency', 'all_types'],
  );
});

const deleteTab = defineCase('delete_tab', [], async ({ ets }) => {
  await repeatForOpts(
    async (options) => {
      const name = a('foo');
      same(await ets.new(name, options.with({ namedTable: true })), name, 'new named');
      same(await ets.delete(name), true);
      // The name is free again.
      same(await ets.new(name, options.with({ namedTable: true })), name, 'new named again');
      same(await ets.delete(name), true);
    },
    ['write_concurrency', 'all_types'],
  );
});

/** Rounds of `table_leak` per option set on a driver without manyCalls (20,000 in OTP). */
const TABLE_LEAK_FEW_ROUNDS = 500;

const tableLeak = defineCase(
  'table_leak',
  [],
  async (context) => {
    const { ets } = context;
    const rounds = scaled(context, 20_000, TABLE_LEAK_FEW_ROUNDS);
    await repeatForOpts(
      async (options) => {
        for (let round = 0; round < rounds; round += 1) {
          const table = await ets.new(a('fooflarf'), options.with());
          same(await ets.delete(table), true);
        }
      },
      ['all_non_stim_types', ...(['write_concurrency', 'read_concurrency', 'compressed'] as const)],
    );
  },
  `on drivers without manyCalls: ${TABLE_LEAK_FEW_ROUNDS} new/delete rounds per option set ` +
    'instead of 20,000',
);

const baddelete = defineCase('baddelete', [], async ({ ets }) => {
  await badarg(() => ets.delete(a('foo')), 'delete of no table');
  const table = await ets.new(a('foo'), {});
  same(await ets.delete(table), true);
  await badarg(() => ets.delete(table), 'delete of a deleted table');
});

const misc1 = defineCase('misc1', [], async ({ ets }) => {
  await repeatForOpts(async (options) => {
    const table = await ets.new(a('foo'), options.with());
    const member = async (): Promise<boolean> =>
      (await ets.all()).some((id) => {
        try {
          same(id, table);
          return true;
        } catch {
          return false;
        }
      });
    ensure(await member(), 'a new table is in ets:all()');
    await ets.delete(table);
    ensure(!(await member()), 'a deleted table is not in ets:all()');
    await badarg(() => ets.delete(table), 'delete of a deleted table');
  }, ALL_TABLE_TYPES);
});

/** The cases of this module. */
export const tableCases: readonly PortedCase[] = [
  defaultCase,
  setbag,
  badnew,
  verybadnew,
  named,
  keypos2,
  privacy,
  empty,
  badinsert,
  badlookup,
  lookupOrder,
  lookupElementMult,
  lookupElementDefault,
  deleteElem,
  deleteTab,
  tableLeak,
  baddelete,
  misc1,
];
