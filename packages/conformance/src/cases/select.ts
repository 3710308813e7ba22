/**
 * Ported from `ets_SUITE.erl`: the match, select and match_delete cases: `match_delete`,
 * `match_delete3`, `match1`, `match2`, `match_object`, `match_object2`, `t_match_spec_run`,
 * `ordered_match`, `match_heavy`, `select_bound_chunk`, `t_test_ms`, `t_select_delete`,
 * `t_select_replace`, `t_select_replace_next_bug`, `t_select_pam_stack_overflow_bug`,
 * `t_select_flatmap_term_copy_bug`, `t_select_hashmap_term_copy_bug`, `t_select_reverse`,
 * `t_named_select`, `select_fail`, `t_repair_continuation`, `otp_6842_select_1000`,
 * `bound_maps`, `ms_excessive_nesting`, `t_bucket_disappears`, `otp_5340`, `otp_6338`,
 * `otp_7665` and `select_fixtab_owner_change`.
 *
 * Match specifications are written in Erlang syntax with `@tsunami/core`'s `erl` template, so
 * they read as in OTP's suite. Where OTP fills a table one `ets:insert/2` per object, the cases
 * insert the same objects in the same order as one list (one call): OTP keeps the order of a
 * list's objects (`t_insert_list_insert_order_preserved`), so the table ends the same, and a
 * driver with one round trip per call stays fast.
 */
import {
  type Atom,
  atom,
  compare,
  decode,
  erl,
  exactEquals,
  improperList,
  List,
  list,
  Pid,
  Port,
  Reference,
  type Term,
  type Tuple,
} from '@tsunami/core';
import type { TableId } from '@tsunami/ets';
import type { EtsApi } from '../adapter.js';
import {
  charList,
  defineCase,
  fillTab,
  fillTab2Objects,
  infoItem,
  integerToList,
  makeTable,
  type PortedCase,
  scaled,
} from '../case.js';
import {
  badarg,
  CaseFailure,
  type Description,
  ensure,
  RECEIVE_TIMEOUT_MILLISECONDS,
  same,
  show,
} from '../check.js';
import {
  ALL_SET_TABLE_TYPES,
  ALL_TABLE_TYPES,
  DEFAULT_GENERATORS,
  type OptionGenerator,
  optionSets,
  repeatForOpts,
} from '../options.js';

const a = atom;
const endOfTable = a('$end_of_table');

/** Sorts terms in Erlang term order (`lists:sort/1`). */
const sorted = (terms: readonly Term[]): Term[] => [...terms].sort(compare);

/** OTP's `repeat_for_opts_all_ord_set_table_types`. */
const ALL_ORD_SET_TABLE_TYPES: readonly OptionGenerator[] = [
  'ord_set_types',
  ...DEFAULT_GENERATORS,
];

/** Inserts `objects` in order as one list: the table ends as after one insert per object. */
async function insertAll(ets: EtsApi, table: TableId, objects: readonly Tuple[]): Promise<void> {
  await ets.insert(table, list(...objects));
}

/** The objects of `filltabint(Tab, N)`: `{K, integer_to_list(K)}` for K from N down to 1. */
function intObjects(count: number, key: (value: number) => number = (value) => value): Tuple[] {
  const objects: Tuple[] = [];
  for (let value = count; value > 0; value -= 1) objects.push([key(value), integerToList(value)]);
  return objects;
}

/** `filltabint2`: `{N + N rem 2, integer_to_list(N)}`. */
const intObjects2 = (count: number): Tuple[] => intObjects(count, (value) => value + (value % 2));

/** `filltabint3`: `{N + N rem 2, integer_to_list(N + N rem 2)}`. */
function intObjects3(count: number): Tuple[] {
  const objects: Tuple[] = [];
  for (let value = count; value > 0; value -= 1) {
    const key = value + (value % 2);
    objects.push([key, integerToList(key)]);
  }
  return objects;
}

/** `xfilltabint(Tab, N)`: the fill that gives each table type 2 objects per even key at most. */
async function xfilltabint(ets: EtsApi, table: TableId, count: number): Promise<void> {
  const type = await infoItem(ets, table, 'type');
  if (type === a('bag')) return insertAll(ets, table, intObjects2(count));
  if (type === a('duplicate_bag')) {
    await ets.selectDelete(table, erl`[{'_',[],[true]}]`);
    return insertAll(ets, table, intObjects3(count));
  }
  return insertAll(ets, table, intObjects(count));
}

/** `xfilltabstr(Tab, N)`: `{integer_to_list(K), K}` for K from N down to 1, per table type. */
async function xfilltabstr(ets: EtsApi, table: TableId, count: number): Promise<void> {
  const type = await infoItem(ets, table, 'type');
  const objects: Tuple[] = [];
  if (type === a('duplicate_bag')) await ets.selectDelete(table, erl`[{'_',[],[true]}]`);
  for (let value = count; value > 0; value -= 1) {
    objects.push([integerToList(value), value]);
    if (type === a('bag')) objects.push([integerToList(value), value + 1]);
    if (type === a('duplicate_bag')) objects.push([integerToList(value), value]);
  }
  await insertAll(ets, table, objects);
}

/**
 * `fill_sets_int(N, Opts)`: an ordered_set, a set, a bag and a duplicate_bag filled with
 * `filltabint`, `filltabint`, `filltabint2` and `filltabint3`.
 */
async function fillSetsInt(ets: EtsApi, count: number, options: object = {}): Promise<TableId[]> {
  const fills: Array<[string, Tuple[]]> = [
    ['ordered_set', intObjects(count)],
    ['set', intObjects(count)],
    ['bag', intObjects2(count)],
    ['duplicate_bag', intObjects3(count)],
  ];
  const tables: TableId[] = [];
  for (const [type, objects] of fills) {
    const table = await ets.new(a('xxx'), { ...options, type: type as 'set' });
    await insertAll(ets, table, objects);
    tables.push(table);
  }
  return tables;
}

/**
 * `check(Tab, Fun, N)`: the table holds `size` objects and each satisfies `predicate`. OTP walks
 * the keys with `first`/`next` and `lookup`; this reads them with one `tab2list`.
 */
async function checkTable(
  ets: EtsApi,
  table: TableId,
  predicate: (object: Tuple) => boolean,
  size: number,
  what: string,
): Promise<void> {
  same(await infoItem(ets, table, 'size'), size, `${what}: size`);
  for (const object of await ets.tab2list(table)) {
    if (!predicate(object)) throw new CaseFailure(`${what}: ${show(object)} should not be there`);
  }
}

/** The characters of an Erlang string (a list of character codes), or undefined. */
function codesOf(term: Term): number[] | undefined {
  if (!(term instanceof List)) return undefined;
  const codes: number[] = [];
  for (const item of term.items) {
    if (typeof item !== 'number') return undefined;
    codes.push(item);
  }
  return codes;
}

const isDigit = (code: number | undefined): boolean =>
  code !== undefined && code >= 0x30 && code <= 0x39;

// ---- the delete group ----

const matchDelete = defineCase('match_delete', ['match'], async ({ ets }) => {
  await repeatForOpts(
    async (options) => {
      const table = await ets.new(a('kad'), options.with());
      await fillTab(ets, table, a('foo'));
      await ets.insert(table, [[a('c'), a('key')], a('bar')]);
      await ets.matchDelete(table, erl`{'_', foo}`);
      same(await ets.tab2list(table), [[[a('c'), a('key')], a('bar')]], 'after match_delete');
      await ets.matchDelete(table, a('_'));
      same(await ets.tab2list(table), [], "after match_delete '_'");
      same(await ets.delete(table), true);
    },
    ['write_concurrency', 'all_types'],
  );
});

const matchDelete3 = defineCase('match_delete3', ['match'], async ({ ets }) => {
  await repeatForOpts(async (options) => {
    const table = await makeTable(ets, 'test', options.with({ type: 'duplicate_bag' }), [
      erl`{aa,17}`,
      erl`{cA,1000}`,
      erl`{cA,17}`,
      erl`{cA,1000}`,
      erl`{aa,17}`,
    ] as Tuple[]);
    same(
      await ets.matchObject(table, erl`{'_', 1000}`),
      [erl`{cA,1000}`, erl`{cA,1000}`],
      'both {cA,1000}',
    );
    await ets.matchDelete(table, erl`{cA,1000}`);
    same(await ets.matchObject(table, erl`{'_', 1000}`), [], 'after match_delete');
    await ets.delete(table);
  });
});

// ---- the match group ----

const match1 = defineCase('match1', ['match'], async ({ ets }) => {
  await repeatForOpts(async (options) => {
    const table = await ets.new(a('foo'), options.with());
    await fillTab(ets, table, a('foo'));
    same(await ets.match(table, erl`{}`), [], 'match {}');
    await insertAll(ets, table, [
      erl`{{one,4},4}`,
      erl`{{one,5},5}`,
      erl`{{two,4},4}`,
      erl`{{two,5},6}`,
    ] as Tuple[]);
    const matchSorted = async (pattern: Term): Promise<Term[]> =>
      sorted(await ets.match(table, pattern));
    same(await matchSorted(erl`{{one,'_'},'$0'}`), [list(4), list(5)], "{{one,'_'},'$0'}");
    same(await matchSorted(erl`{{two,'$1'},'$0'}`), [list(4, 4), list(6, 5)], '$0 before $1');
    same(await matchSorted(erl`{{two,'$9'},'$4'}`), [list(4, 4), list(6, 5)], '$4 before $9');
    same(await matchSorted(erl`{{two,'$9'},'$22'}`), [list(4, 4), list(5, 6)], '$9 before $22');
    same(await ets.match(table, erl`{{two,'$0'},'$0'}`), [list(4)], 'a repeated variable');
    const length = (await ets.match(table, a('$0'))).length;
    same((await ets.match(table, a('_'))).length, length, "'$0' and '_' match alike");
    ensure(length > 4, 'more than 4 objects');
    same(await ets.delete(table), true);
  }, ALL_SET_TABLE_TYPES);
});

const match2 = defineCase('match2', ['match'], async ({ ets }) => {
  await repeatForOpts(async (options) => {
    const table = await makeTable(
      ets,
      'foobar',
      options.with({ type: 'bag', namedTable: true, keypos: 2 }),
      [
        erl`{value1, key1}`,
        erl`{value2_1, key2}`,
        erl`{value2_2, key2}`,
        erl`{value3_1, key3}`,
        erl`{value3_2, key3}`,
        erl`{value2_1, key2_wannabe}`,
      ] as Tuple[],
    );
    same((await ets.match(table, a('$1'))).length, 6, 'every object');
    same(await ets.match(table, erl`{'$1', key3}`), [list(a('value3_1')), list(a('value3_2'))]);
    same(await ets.match(table, erl`{value1, '$1'}`), [list(a('key1'))]);
    // Two keys: in hash order in OTP, compared as a set here.
    same(sorted(await ets.match(table, erl`{value2_1, '$2'}`)), [
      list(a('key2')),
      list(a('key2_wannabe')),
    ]);
    same(await ets.match(table, erl`{'$1', nosuchkey}`), []);
    same(await ets.match(table, erl`{'$1', kgY2}`), [], 'a key hashing as key2 in OTP');
    same(await ets.match(table, erl`{nosuchvalue, '$1'}`), []);
    same(await ets.delete(table), true);
  });
});

const matchObject = defineCase('match_object', ['match', 'select'], async ({ ets }) => {
  const hundred = Array.from({ length: 100 }, (_, index) => index + 1);
  const map1 = new Map<Term, Term>(hundred.map((key) => [key, key]));
  const map2 = new Map<Term, Term>(hundred.map((key) => [key, charList('hi')]));
  const object7 = erl`{#{camembert => 'cabécou'}, 7}` as Tuple;
  const object8 = erl`{#{"hi" => "hello", "wazzup" => "awesome", "1337" => "42"}, 8}` as Tuple;
  const object9 =
    erl`{#{"hi" => "hello", #{"wazzup" => 3} => "awesome", "1337" => "42"}, 9}` as Tuple;
  const object10 =
    erl`{#{"hi" => "hello", "wazzup" => #{"awesome" => 3}, "1337" => "42"}, 10}` as Tuple;
  const object11: Tuple = [map1, 11];
  const object12: Tuple = [map2, 12];
  await repeatForOpts(async (options) => {
    const table = await ets.new(a('foobar'), options.with());
    await fillTab(ets, table, a('foo'));
    await insertAll(ets, table, [
      erl`{{one,4},4}`,
      erl`{{one,5},5}`,
      erl`{{two,4},4}`,
      erl`{{two,5},6}`,
      object7,
      object8,
      object9,
      object10,
      object11,
      object12,
    ] as Tuple[]);
    const matchSorted = async (pattern: Term): Promise<Term[]> =>
      sorted(await ets.matchObject(table, pattern));
    const ones = [erl`{{one,4},4}`, erl`{{one,5},5}`];
    const twos = [erl`{{two,4},4}`, erl`{{two,5},6}`];
    same(await matchSorted(erl`{{one, '_'}, '$0'}`), ones);
    same(await matchSorted(erl`{{two, '$1'}, '$0'}`), twos);
    same(await matchSorted(erl`{{two, '$9'}, '$4'}`), twos);
    same(await matchSorted(erl`{{two, '$9'}, '$22'}`), twos);

    // Maps are inspected for variables.
    same(await ets.matchObject(table, erl`{#{camembert => '_'}, 7}`), [object7], 'map value _');
    same(
      await ets.matchObject(
        table,
        erl`{#{#{"wazzup" => 3} => "awesome", "hi" => "hello", "1337" => "42"}, 9}`,
      ),
      [object9],
      'a map key that is a map',
    );
    same(
      await ets.matchObject(
        table,
        erl`{#{#{"wazzup" => 3} => "awesome", "hi" => "hello", "1337" => '_'}, '_'}`,
      ),
      [object9],
    );
    same(await ets.matchObject(table, erl`{#{"wazzup" => '_', "hi" => '_', "1337" => '_'}, 10}`), [
      object10,
    ]);
    // Several clauses.
    const clause = erl`{{#{#{"wazzup" => 3} => "awesome", "hi" => "hello", "1337" => '_'}, '$1'},
                        [{is_integer, '$1'}], ['$_']}`;
    same(await ets.select(table, list(clause, clause, clause, clause)), [object9], 'four clauses');
    same(
      await matchSorted(erl`{#{"hi" => "hello", "wazzup" => '_', "1337" => "42"}, '_'}`),
      sorted([object8, object10]),
    );
    same(await matchSorted(erl`{#{"hi" => '_'}, '_'}`), sorted([object8, object9, object10]));

    // Large maps.
    same(await ets.matchObject(table, [map1, 11]), [object11], 'a 100-key map');
    same(await ets.matchObject(table, [map2, 12]), [object12], 'a 100-key map of strings');
    same(await matchSorted(erl`{#{1 => '_', 2 => '_'}, '_'}`), sorted([object11, object12]));
    const allKeys = new Map<Term, Term>(hundred.map((key) => [key, a('_')]));
    same(await matchSorted([allKeys, a('_')]), sorted([object11, object12]), 'every key bound');
    await badarg(() => ets.matchObject(table, erl`{#{'$1' => '_'}, 7}`), 'a variable map key');
    const variableKeys = new Map<Term, Term>(hundred.map((key) => [a(`$${key}`), a('_')]));
    await badarg(() => ets.matchObject(table, [variableKeys, 11]), '100 variable map keys');

    same(await ets.matchObject(table, erl`{{three,'$0'}, '$92'}`), [], 'no match');
    const length = (await ets.matchObject(table, a('$0'))).length;
    same((await ets.matchObject(table, a('_'))).length, length, "'$0' equals '_'");
    ensure(length > 4, 'more than 4 objects');
    same(await ets.delete(table), true);
  }, ALL_SET_TABLE_TYPES);
});

const matchObject2 = defineCase(
  'match_object2',
  ['match'],
  async ({ ets }) => {
    await repeatForOpts(async (options) => {
      const table = await ets.new(a('foo'), options.with({ keypos: 2 }));
      // More objects than OTP's match_object examines per pass (1000), so it resumes: OTP
      // fills 13005, and 2005 make three passes at a sixth of the cost.
      await insertAll(ets, table, fillTab2Objects(2005));
      same(await ets.matchObject(table, erl`{hej, '$1'}`), [], 'nothing matches');
      await ets.delete(table);
    }, ALL_TABLE_TYPES);
  },
  '2005 objects, not 13005; the fun items of fill_tab2 are tuples (a JS function cannot cross to erl); etsmem checks',
);

/** OTP's `init_externals`: a pid, a port and a reference of another node (`gurka@sallad`). */
const EXTERNAL_NODE = a('gurka@sallad');

/**
 * The terms of OTP's `test_terms` (from `binary_SUITE`) that can cross to `erl`: atoms,
 * integers small and big, floats, lists, tuples, references, pids, ports (local and of another
 * node), binaries and bitstrings. OTP also passes funs, left out here.
 */
function testTerms(self: Pid): Term[] {
  const bytes = (from: number, to: number): Uint8Array =>
    Uint8Array.from(Array.from({ length: to - from + 1 }, (_, index) => from + index));
  const veryBig = 256n ** 33n;
  const terms: Term[] = [
    ...['atom', '', 'a', 'ab', 'abc', 'abcd', 'abcde', 'abcdef', 'abcdefg', 'abcdefgh'].map(a),
    erl`{trace_ts,{even_bigger,{some_data,<<1,2,3,4,5,6,7,8,9,10>>}},{1,2,3}}`,
    1,
    42,
    -23,
    256,
    25555,
    -3333,
    erl`1.0`,
    183749783987483978498378478393874n,
    -37894183749783987483978498378478393874n,
    veryBig,
    -veryBig + 1n,
    list(),
    charList('abcdef'),
    erl`[a, b, 1, 2]`,
    erl`[a|b]`,
    erl`{}`,
    erl`{1}`,
    erl`{a, b}`,
    erl`{a, b, c}`,
    Array.from({ length: 256 }, (_, index) => index),
    Array.from({ length: 257 }, (_, index) => index),
    new Reference([1, 2, 3]),
    list(new Reference([4, 5, 6]), new Reference([7, 8, 9])),
    new Port(5),
    self,
    new Pid(7645, 8123, EXTERNAL_NODE, 1),
    new Port(187489773, EXTERNAL_NODE, 1),
    new Reference([262143, 1293964255, 3291964278], EXTERNAL_NODE, 1),
  ];
  for (const [from, to] of [
    [0, 14],
    [0, 64],
    [0, 65],
    [0, 255],
    [42, 43],
    [42, 44],
    [42, 45],
    [42, 46],
    [42, 47],
    [42, 48],
    [42, 49],
  ] as const) {
    terms.push(bytes(from, to));
  }
  terms.push(erl`<<1:1>>`, erl`<<2:2>>`, erl`<<42:10>>`, erl`<<5:6, ${bytes(0, 255)}/binary>>`);
  return terms;
}

/** OTP's `repeat_for_permutations`: some permutations of `items`, each passed to `body`. */
async function repeatForPermutations<T>(
  body: (permutation: T[]) => Promise<void>,
  items: readonly T[],
): Promise<void> {
  for (let split = items.length - 1; split > 0; split -= 1) {
    const front = items.slice(0, split);
    const back = items.slice(split);
    const first = [...back, ...front];
    await body(first);
    await body([...first].reverse());
    await body([...back, ...[...front].reverse()]);
    await body([...[...back].reverse(), ...front]);
  }
  await body([...items]);
}

/**
 * `t_match_spec_run_test`: `match_spec_run` of the compiled specification gives `expected`,
 * and `select` on a bag holding the objects agrees (as a set).
 */
async function matchSpecRunTest(
  ets: EtsApi,
  objects: readonly Tuple[],
  spec: Term,
  expected: readonly Term[],
  what: Description,
): Promise<void> {
  const text = (): string => (typeof what === 'string' ? what : what());
  same(await ets.matchSpecRun([...objects], await ets.matchSpecCompile(spec)), [...expected], what);
  const table = await ets.new(a('xxx'), { type: 'bag' });
  await insertAll(ets, table, objects);
  same(sorted(await ets.select(table, spec)), sorted(expected), () => `${text()}: select agrees`);
  await ets.delete(table);
}

const tMatchSpecRun = defineCase(
  't_match_spec_run',
  ['select'],
  async ({ ets, processes }) => {
    await matchSpecRunTest(
      ets,
      [[1], [2], [3]],
      erl`[{{'$1'},[{'>','$1',1}],['$1']}]`,
      [2, 3],
      'small',
    );
    const huge: Tuple[] = Array.from({ length: 2500 }, (_, index) => [index + 1]);
    const top = Array.from({ length: 25 }, (_, index) => 2476 + index);
    await matchSpecRunTest(ets, huge, erl`[{{'$1'},[{'>','$1',2475}],['$1']}]`, top, 'huge');
    await matchSpecRunTest(
      ets,
      huge,
      erl`[{{'$1'}, [{'>','$1',2475}], [{{{'*','$1',16#FFFFFFF}}}]}]`,
      top.map((value) => [value * 0xfffffff]),
      'huge, products',
    );
    await matchSpecRunTest(
      ets,
      huge,
      erl`[{{'$1'}, [{'=:=',{'rem','$1',500},0}], ['$1']}]`,
      [500, 1000, 1500, 2000, 2500],
      'huge, multiples of 500',
    );

    // Several clauses with guards, over many kinds of terms.
    for (const term of testTerms(await processes.self())) {
      const constant = erl`{const, ${term}}`;
      const objects = [
        erl`{${term}, "0", "v-element"}`,
        erl`{"=hidden_node", "0", ${term}}`,
        erl`{"0", ${term}, ${term}}`,
        erl`{"something", ${term}, "something else"}`,
        erl`{"guard and res", ${term}, 872346}`,
        erl`{${term}, {'and', ${term}, 'again'}, 3.14}`,
        erl`{${term}, {'and', ${term}, 'again'}, "m&g"}`,
        erl`{${term}, {'and', ${term}, 'again'}, "m&g&r"}`,
        erl`{[{second, ${term}}, 'and', "tail"], ${term}, ['and', "tail"]}`,
      ] as Tuple[];
      const clauses = [
        erl`{{'$1','$2','$3'}, [{'=:=','$1',${constant}}, {'=:=','$2',{const,"0"}}],
             [{{"Guard only for $1",'$3'}}]}`,
        erl`{{'$3','$1','$4'}, [{'=:=','$3',"=hidden_node"}, {'=:=','$1',{const,"0"}}],
             [{{"Result only for $4",'$4'}}]}`,
        erl`{{'$2','$1','$1'}, [{'=:=','$2',{const,"0"}}], [{{"Match only for $1",'$2'}}]}`,
        erl`{{'$2',${term},['$3'|'_']}, [{is_list,'$2'},{'=:=','$3',$s}],
             [{{"Matching term",'$2'}}]}`,
        erl`{{'$1','$2',872346}, [{'=:=','$2',${constant}}, {is_list,'$1'}],
             [{{"Guard and result",'$2'}}]}`,
        erl`{{'$1', {'and','$1','again'}, '$2'}, [{is_float,'$2'}],
             [{{"Match and result",'$1'}}]}`,
        erl`{{'$1', {'and','$1','again'}, '$2'}, [{'=:=','$1',${constant}}, {'=:=', '$2', "m&g"}],
             [{{"Match and guard",'$2'}}]}`,
        erl`{{'$1', {'and','$1','again'}, "m&g&r"}, [{'=:=','$1',${constant}}],
             [{{"Match, guard and result",'$1'}}]}`,
        erl`{{'$1', '$2', '$3'}, [{'=:=','$1',[{{second,'$2'}} | '$3']}], [{{"Building guard"}}]}`,
      ];
      const expected = [
        erl`{"Guard only for $1", "v-element"}`,
        erl`{"Result only for $4", ${term}}`,
        erl`{"Match only for $1", "0"}`,
        erl`{"Matching term","something"}`,
        erl`{"Guard and result",${term}}`,
        erl`{"Match and result",${term}}`,
        erl`{"Match and guard","m&g"}`,
        erl`{"Match, guard and result",${term}}`,
        erl`{"Building guard"}`,
      ];
      await repeatForPermutations(
        (permutation) =>
          matchSpecRunTest(
            ets,
            objects,
            list(...permutation),
            expected,
            () => `term ${show(term)}`,
          ),
        clauses,
      );
    }
  },
  'the trace_pattern check (BEAM call tracing) and etsmem checks; funs among the test terms',
);

const orderedMatch = defineCase('ordered_match', ['match'], async ({ ets }) => {
  const objectOf = (value: number): Tuple => [
    value,
    integerToList(value),
    value % 10,
    value % 100,
    value % 1000,
  ];
  const withRemainder = (remainder: number): Tuple[] =>
    Array.from({ length: 3000 }, (_, index) => index + 1)
      .filter((value) => value % 100 === remainder)
      .map(objectOf);
  await repeatForOpts(async (options) => {
    const table = await ets.new(a('xxx'), options.with({ type: 'ordered_set' }));
    const objects: Tuple[] = [];
    for (let value = 3000; value > 0; value -= 1) objects.push(objectOf(value));
    await insertAll(ets, table, objects);
    same(await ets.match(table, erl`{'_','_','$1','$2',3}`), [list(3, 3), list(3, 3), list(3, 3)]);
    same(await ets.matchObject(table, erl`{'_','_','_',2,'_'}`), withRemainder(2), 'rem 100 = 2');
    same(await ets.matchDelete(table, erl`{'_','_','_',2,'_'}`), true);
    same(await ets.matchObject(table, erl`{'_','_','_',2,'_'}`), [], 'deleted');
    same(await ets.matchObject(table, erl`{'_','_','_',3,'_'}`), withRemainder(3), 'rem 100 = 3');
    await ets.delete(table);
  });
});

/** A small seeded generator standing in for OTP's `rand:uniform/1` (mulberry32). */
class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  /** `rand:uniform(N)`: an integer in 1..N. */
  uniform(limit: number): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let mixed = this.state;
    mixed = Math.imul(mixed ^ (mixed >>> 15), mixed | 1);
    mixed ^= mixed + Math.imul(mixed ^ (mixed >>> 7), mixed | 61);
    const unit = ((mixed ^ (mixed >>> 14)) >>> 0) / 2 ** 32;
    return Math.floor(unit * limit) + 1;
  }
}

const matchHeavy = defineCase(
  'match_heavy',
  ['match'],
  async ({ ets }) => {
    const random = new Random(0x5eed);
    // 60 of OTP's 2000 random rounds per kind of pattern keep the case within seconds (each
    // round matches a table of thousands of objects).
    const rounds = 60;
    // Likewise 10 of OTP's 50 partly bound match_deletes after each of the 10 refills.
    const deletionsPerRound = 10;
    const letter = (): number =>
      random.uniform(2) === 1 ? random.uniform(26) - 1 + 0x41 : random.uniform(26) - 1 + 0x61;
    const randomCodes = (length: number): number[] => Array.from({ length }, letter);
    const randomString = (length: number): List => list(...randomCodes(length));
    const randomTuple = (length: number): Term[] =>
      randomCodes(length).map((code) => a(String.fromCodePoint(code)));
    const setRandomElements = (
      tuple: Term[],
      count: number,
      make: (position: number) => Term,
    ): Term[] => {
      const result = [...tuple];
      for (let left = count; left > 0; ) {
        const position = random.uniform(tuple.length);
        const value = make(position);
        if (exactEquals(result[position - 1]!, value)) continue;
        result[position - 1] = value;
        left -= 1;
      }
      return result;
    };
    const partlyBound = (length: number): Term[] => {
      const tuple = randomTuple(length);
      if (random.uniform(2) === 1) {
        tuple[random.uniform(length) - 1] = a('$1');
        return tuple;
      }
      return setRandomElements(tuple, random.uniform(length - 1), () => a('_'));
    };
    const partlyBound2 = (length: number): Term[] =>
      setRandomElements(randomTuple(length), random.uniform(length - 1), (position) =>
        a(`$${position}`),
      );
    const collect = async (first: Term | Atom, next: (continuation: Term) => Promise<Term>) => {
      const results: Term[] = [];
      let chunk = first;
      while (chunk !== endOfTable) {
        const [items, continuation] = chunk as unknown as [Term[], Term];
        results.push(...items);
        chunk = await next(continuation);
      }
      return results;
    };
    // OTP's ets_match_object/ets_match: at random whole, or in chunks of 2..2000.
    const matchObjects = async (table: TableId, pattern: Term): Promise<Term[]> =>
      random.uniform(2) === 1
        ? ets.matchObject(table, pattern)
        : collect(
            (await ets.matchObject(table, pattern, random.uniform(1999) + 1)) as Term,
            async (continuation) => (await ets.matchObject(continuation)) as Term,
          );
    const matches = async (table: TableId, pattern: Term): Promise<Term[]> =>
      random.uniform(2) === 1
        ? ets.match(table, pattern)
        : collect(
            (await ets.match(table, pattern, random.uniform(1999) + 1)) as Term,
            async (continuation) => (await ets.match(continuation)) as Term,
          );
    const ordered = await ets.new(a('xxx'), { type: 'ordered_set' });
    const hashed = await ets.new(a('xxx'), {});
    const insertBoth = async (objects: Tuple[]): Promise<void> => {
      await insertAll(ets, ordered, objects);
      await insertAll(ets, hashed, objects);
    };
    const compareBoth = async (
      pattern: Term,
      run: (table: TableId, pattern: Term) => Promise<Term[]>,
      length?: number,
    ): Promise<void> => {
      const fromOrdered = await run(ordered, pattern);
      const fromHashed = sorted(await run(hashed, pattern));
      if (length !== undefined) same(fromOrdered.length, length, () => `${show(pattern)}: count`);
      same(fromOrdered, fromHashed, () => `${show(pattern)}: ordered_set agrees with set`);
    };
    const deleteAll = async (): Promise<void> => {
      await ets.matchDelete(ordered, a('_'));
      await ets.matchDelete(hashed, a('_'));
    };

    await insertBoth(Array.from({ length: 5000 }, () => [randomString(25), randomTuple(25)]));
    for (let round = 0; round < rounds; round += 1) {
      const prefix = improperList(randomCodes(random.uniform(25)), a('_'));
      await compareBoth([prefix, a('_')], matchObjects);
    }
    await deleteAll();
    await insertBoth(Array.from({ length: 2000 }, () => [randomTuple(25), randomString(25)]));
    const variables = Array.from({ length: 25 }, (_, index) => a(`$${index + 1}`));
    await compareBoth([Array(25).fill(a('_')), a('_')], matchObjects, 2000);
    await compareBoth([variables, a('_')], matchObjects, 2000);
    await compareBoth([variables, a('_')], matches, 2000);
    await deleteAll();
    await insertBoth(Array.from({ length: 2000 }, () => [randomTuple(25), randomString(25)]));
    for (let round = 0; round < rounds; round += 1) {
      await compareBoth([partlyBound(25), a('_')], matchObjects);
    }
    for (let round = 0; round < rounds; round += 1) {
      await compareBoth([partlyBound2(25), a('_')], matchObjects);
    }
    for (let round = 0; round < rounds; round += 1) {
      await compareBoth([partlyBound2(25), a('_')], matches);
    }
    await deleteAll();
    for (let round = 0; round < 10; round += 1) {
      await insertBoth(Array.from({ length: 500 }, () => [randomTuple(25), randomString(25)]));
      for (let deletion = 0; deletion < deletionsPerRound; deletion += 1) {
        const pattern = [partlyBound(25), a('_')];
        await ets.matchDelete(ordered, pattern);
        await ets.matchDelete(hashed, pattern);
        same(
          await infoItem(ets, ordered, 'size'),
          await infoItem(ets, hashed, 'size'),
          () => `sizes after deleting ${show(pattern)}`,
        );
        same(await matchObjects(ordered, pattern), [], 'nothing left to match');
      }
    }
    await ets.delete(ordered);
    await ets.delete(hashed);

    // drop_match: build_table([a,b], [a], 1500).
    const built = await ets.new(a('xxx'), { type: 'ordered_set' });
    const builtObjects: Tuple[] = [];
    for (const first of [a('a'), a('b')]) {
      for (let number = 1500; number >= 0; number -= 1) {
        builtObjects.push([[first, a('a'), number], first, a('a'), number]);
      }
    }
    await insertAll(ets, built, builtObjects);
    same(await ets.matchObject(built, erl`{'_','_','_',1}`), [
      erl`{{a,a,1},a,a,1}`,
      erl`{{b,a,1},b,a,1}`,
    ]);
    same(await ets.delete(built), true);
  },
  "a seeded generator in place of rand's; 60 of each 2000 random rounds and 10 of each 50 random deletions; etsmem checks",
);

const selectBoundChunk = defineCase('select_bound_chunk', ['select'], async ({ ets }) => {
  await repeatForOpts(
    async (options) => {
      const table = await ets.new(a('x'), options.with());
      await ets.insert(table, erl`[{key, 1}]` as List);
      same(await ets.select(table, erl`[{{key,1},[],['$_']}]`, 100000), [
        [erl`{key, 1}`],
        endOfTable,
      ]);
    },
    ['all_types'],
  );
});

const tTestMs = defineCase('t_test_ms', ['select'], async ({ ets }) => {
  same(
    await ets.testMs(erl`{a,b}` as Tuple, erl`[{{'$1','$2'},[{'<','$1','$2'}],['$$']}]`),
    erl`{ok, [a, b]}`,
  );
  same(
    await ets.testMs(erl`{a,b}` as Tuple, erl`[{{'$1','$2'},[{'>','$1','$2'}],['$$']}]`),
    erl`{ok, false}`,
  );
  // OTP-10190: '$_' of an object holding gb_sets:new() ({0, nil}).
  const object = erl`{a, {0, nil}}` as Tuple;
  same(await ets.testMs(object, erl`[{{'_','_'}, [], ['$_']}]`), [a('ok'), object]);
  const failed = (await ets.testMs(
    erl`{a,b}` as Tuple,
    erl`[{{'$1','$2'}, [{'flurp','$1','$2'}], ['$$']}]`,
  )) as Tuple;
  same(failed[0]!, a('error'), 'an unknown guard function');
  const errors = failed[1];
  ensure(errors instanceof List && errors.items.length === 1, 'one error');
  const error = errors.items[0] as Tuple;
  same(error[0]!, a('error'), 'an {error, String}');
  ensure(codesOf(error[1]!) !== undefined, `the message ${show(error[1])} is a string`);
});

const tSelectDelete = defineCase(
  't_select_delete',
  ['select'],
  async ({ ets }) => {
    // OTP deletes 4000 keys one by one, four times per table; each unbound delete scans the
    // table, so 400 keys keep the case within seconds.
    const successiveCount = 400;
    const tables = [
      ...(await fillSetsInt(ets, 10000)),
      ...(await fillSetsInt(ets, 10000, { writeConcurrency: true })),
    ];
    const isBagLike = async (table: TableId): Promise<boolean> => {
      const type = await infoItem(ets, table, 'type');
      return type === a('bag') || type === a('duplicate_bag');
    };
    const remainderAbove2 = erl`[{{'$1', '_'}, [{'>', {'rem', '$1', 5}, 2}], [true]}]`;
    for (const table of tables) {
      const what = show(await infoItem(ets, table, 'type'));
      same(await ets.selectCount(table, remainderAbove2), 4000, `${what}: select_count`);
      same(await ets.selectDelete(table, remainderAbove2), 4000, `${what}: select_delete`);
      await checkTable(ets, table, (object) => (object[0] as number) % 5 <= 2, 6000, what);
    }
    for (const table of tables) {
      const bagLike = await isBagLike(table);
      const successiveDelete = async (from: number, to: number, bound: boolean) => {
        const step = from < to ? 1 : -1;
        for (let key = from; key !== to; key += step) {
          const spec = bound
            ? erl`[{{${key},'_'},[],[true]}]`
            : erl`[{{'$1','_'},[],[{'==', '$1', ${key}}]}]`;
          const expected = bagLike ? (key % 2 === 0 ? 2 : 0) : 1;
          same(await ets.selectDelete(table, spec), expected, () => `delete key ${key}`);
        }
      };
      await ets.selectDelete(table, erl`[{'_',[],[true]}]`);
      for (const [from, to, bound] of [
        [1, successiveCount + 1, true],
        [successiveCount, 0, true],
        [1, successiveCount + 1, false],
        [successiveCount, 0, false],
      ] as const) {
        await xfilltabint(ets, table, successiveCount);
        await successiveDelete(from, to, bound);
        same(await infoItem(ets, table, 'size'), 0, 'every key deleted');
      }
    }
    const threeDigitsAfter3 = erl`[{{[$3 | '$1'], '_'}, [{'==', {'length', '$1'}, 3}], [true]}]`;
    const sevenOrOneDigit = erl`[{{"7",'_'},[],[false]}, {{['_'], '_'}, [], [true]}]`;
    const threeDigitsFrom3Or1 = erl`[{{[$3,'_','_'],'_'}, [],[true]}, {{[$1,'_','_'],'_'}, [],[true]}]`;
    for (const table of tables) {
      const factor = (await isBagLike(table)) ? 2 : 1;
      const what = show(await infoItem(ets, table, 'type'));
      await xfilltabstr(ets, table, 4000);
      same(await ets.selectCount(table, threeDigitsAfter3), 1000 * factor, `${what}: "3xxx"`);
      same(await ets.selectDelete(table, threeDigitsAfter3), 1000 * factor, `${what}: "3xxx"`);
      await checkTable(
        ets,
        table,
        (object) => {
          const codes = codesOf(object[0]!);
          return !(codes?.length === 4 && codes[0] === 0x33);
        },
        3000 * factor,
        `${what}: no "3xxx" left`,
      );
      same(await ets.selectCount(table, sevenOrOneDigit), 8 * factor, `${what}: one digit`);
      same(await ets.selectDelete(table, sevenOrOneDigit), 8 * factor, `${what}: one digit`);
      await checkTable(
        ets,
        table,
        (object) => {
          const codes = codesOf(object[0]!);
          return codes?.length !== 1 || codes[0] === 0x37;
        },
        2992 * factor,
        `${what}: only "7" of one digit`,
      );
      await xfilltabstr(ets, table, 4000);
      // This happens to be interesting for other select types too.
      same((await ets.select(table, threeDigitsFrom3Or1)).length, 200 * factor, `${what}: select`);
      same(await ets.selectCount(table, threeDigitsFrom3Or1), 200 * factor, `${what}: count`);
      const chunk = (await ets.select(table, threeDigitsFrom3Or1, 1000)) as readonly [Term[], Term];
      same(chunk[0].length, 200 * factor, `${what}: select/3`);
      same(
        (await ets.selectReverse(table, threeDigitsFrom3Or1)).length,
        200 * factor,
        `${what}: select_reverse`,
      );
      const reverseChunk = (await ets.selectReverse(table, threeDigitsFrom3Or1, 1000)) as readonly [
        Term[],
        Term,
      ];
      same(reverseChunk[0].length, 200 * factor, `${what}: select_reverse/3`);
      same(await ets.selectDelete(table, threeDigitsFrom3Or1), 200 * factor, `${what}: delete`);
      same(await ets.selectCount(table, threeDigitsFrom3Or1), 0, `${what}: none left`);
      await checkTable(
        ets,
        table,
        (object) => {
          const codes = codesOf(object[0]!);
          return !(codes?.length === 3 && (codes[0] === 0x33 || codes[0] === 0x31));
        },
        3800 * factor,
        `${what}: no "3xx" nor "1xx" left`,
      );
    }
    for (const table of tables) await ets.delete(table);
  },
  'the successive deletes run on 400 keys, not 4000 (each scans the table); check/3 reads the table with tab2list instead of first/next/lookup; etsmem checks',
);

/** `fill_sets_intup(N, Opts)`: as `fill_sets_int`, with keys `{N, integer_to_list(N)}`. */
async function fillSetsIntup(ets: EtsApi, count: number, options: object): Promise<TableId[]> {
  const objects = (key: (value: number) => number, keyText: boolean): Tuple[] => {
    const result: Tuple[] = [];
    for (let value = count; value > 0; value -= 1) {
      const text = integerToList(keyText ? key(value) : value);
      result.push([[key(value), text], keyText ? text : integerToList(value)]);
    }
    return result;
  };
  const fills: Array<[string, Tuple[]]> = [
    ['ordered_set', objects((value) => value, false)],
    ['set', objects((value) => value, false)],
    ['bag', objects((value) => value + (value % 2), false)],
    ['duplicate_bag', objects((value) => value + (value % 2), true)],
  ];
  const tables: TableId[] = [];
  for (const [type, filled] of fills) {
    const table = await ets.new(a('xxx'), { ...options, type: type as 'set' });
    await insertAll(ets, table, filled);
    tables.push(table);
  }
  return tables;
}

/**
 * The objects per table of `t_select_replace`, and its range bounds: OTP fills 10000 with
 * bounds 3000 and 7000; a tenth keeps the case within seconds (each replacement scans).
 */
const SIZE = 1000;
const LOW = (3 * SIZE) / 10;
const HIGH = (7 * SIZE) / 10;

const tSelectReplace = defineCase(
  't_select_replace',
  ['select'],
  async ({ ets, processes }) => {
    const self = await processes.self();
    const bigNumber = 123n << 123n;
    const refcBinary = Uint8Array.from(Array.from({ length: 65 }, (_, index) => index + 1));
    const terms: Term[] = [a('a'), charList('hej'), 123, 1.23, bigNumber, '123', refcBinary, self];
    const digit = (term: Term | undefined): boolean => typeof term === 'number' && isDigit(term);
    const firstCode = (term: Term): number | undefined => codesOf(term)?.[0];
    const secondCode = (term: Term): number | undefined => codesOf(term)?.[1];
    let firstOptions = true;
    await repeatForOpts(async (options) => {
      for (const table of await fillSetsIntup(ets, SIZE, options.with())) {
        const type = await infoItem(ets, table, 'type');
        const what = show(type);
        if (type === a('bag')) {
          // Not supported on bags: their semantics and speed would both suffer.
          same(await ets.selectDelete(table, erl`[{'_',[],[true]}]`), SIZE, what);
          await ets.delete(table);
          continue;
        }
        const replace = async (spec: Term): Promise<number> => ets.selectReplace(table, spec);
        // A replacement that does not keep the key.
        await badarg(() =>
          replace(erl`[{{{'$1','$3'}, '$2'}, [{'=:=', {'band', '$1', 2#11}, 2#11},
                        {'=/=', {'hd', '$2'}, $x}], [{{{{'$2','$3'}}, '$1'}}]}]`),
        );
        // The same value, but not the key as such.
        await badarg(() =>
          replace(erl`[{{{'$1','$3'}, '$2'}, [{'=:=', {'band', '$1', 2#11}, 2#11}],
                          [{{{{{'+', '$1', 0},'$3'}}, '$2'}}]},
                       {{{'$1','$3'}, '$2'}, [{'=/=', {'band', '$1', 2#11}, 2#11}],
                          [{{{{{'-', '$1', 0},'$3'}}, '$2'}}]}]`),
        );
        // The key turned into an equal float.
        await badarg(() =>
          replace(erl`[{{{'$1','$3'}, '$2'}, [{'=:=', {'band', '$1', 2#11}, 2#11},
                        {'=/=', {'hd', '$2'}, $x}], [{{{{{'*', '$1', 1.0},'$3'}}, '$2'}}]}]`),
        );
        // Replacements of another size.
        same(
          await replace(erl`[{{{'$1','$3'},'$2'}, [{'<', {'rem', '$1', 5}, 2}],
                              [{{{{'$1','$3'}}, [$x | '$2'], stuff}}]}]`),
          (2 * SIZE) / 5,
          `${what}: three-element replacements`,
        );
        same(
          await replace(erl`[{{{'$1','$3'},'$2','_'}, [], [{{{{'$1','$3'}},'$2'}}]}]`),
          (2 * SIZE) / 5,
          `${what}: back to two elements`,
        );
        // The same object, and an equal one rebuilt.
        same(
          await replace(erl`[{{{'$1','$3'}, '$2'}, [{'>', {'rem', '$1', 5}, 3}], ['$_']}]`),
          SIZE / 5,
        );
        same(
          await replace(erl`[{{{'$1','$3'}, '$2'}, [{'>', {'rem', '$1', 5}, 3}],
                              [{{{{'$1','$3'}}, '$2'}}]}]`),
          SIZE / 5,
        );
        // The key taken with {element, KeyPos, '$_'}, then with the wrong position.
        same(
          await replace(erl`[{{{'$1','$3'}, '$2'}, [{'>', {'rem', '$1', 5}, 3}],
                              [{{{element, 1, '$_'}, '$2'}}]}]`),
          SIZE / 5,
        );
        await badarg(() =>
          replace(erl`[{{{'$1','$3'}, '$2'}, [], [{{{element, 2, '$_'}, '$2'}}]}]`),
        );
        await checkTable(
          ets,
          table,
          (object) => {
            const [key, value] = object as [Tuple, Term];
            const number = key[0] as number;
            if (number % 5 < 2 && firstCode(value) === 0x78) return digit(secondCode(value));
            return digit(firstCode(value));
          },
          SIZE,
          `${what}: after the replacements`,
        );
        same(
          await replace(erl`[{{{'$1','$3'}, '$2'}, [{'>', '$1', ${HIGH}}],
                              [{{{{'$1','$3'}}, {{gt_range, '$2'}}}}]}]`),
          SIZE - HIGH,
          `${what}: an unbound range (>)`,
        );
        const bagLess = type === a('duplicate_bag') ? 1 : 0;
        same(
          await replace(erl`[{{{'$1','$3'}, '$2'}, [{'<', '$1', ${LOW}}],
                              [{{{{'$1','$3'}}, {{le_range, '$2'}}}}]}]`),
          LOW - 1 - bagLess,
          `${what}: an unbound range (<)`,
        );
        same(
          await replace(erl`[{{{'$1','$3'}, '$2'}, [{'>=', '$1', ${LOW + 1}}, {'<', '$1', ${HIGH}}],
                              [{{{{'$1','$3'}}, {{range, '$2'}}}}]}]`),
          HIGH - LOW - 1 - bagLess,
          `${what}: a bound range`,
        );
        same(
          await replace(erl`[{{{'$1','$3'}, '$2'}, [{'==', '$1', ${LOW}}],
                                [{{{{'$1','$3'}}, {{specific1, '$2'}}}}]},
                              {{{'$1','$3'}, '$2'}, [{'==', '$1', ${HIGH}}],
                                [{{{{'$1','$3'}}, {{specific2, '$2'}}}}]}]`),
          type === a('duplicate_bag') ? 4 : 2,
          `${what}: particular keys`,
        );
        await checkTable(
          ets,
          table,
          (object) => {
            const [key, value] = object as [Tuple, Tuple];
            const number = key[0] as number;
            switch (value[0]) {
              case a('gt_range'):
                return number > HIGH;
              case a('le_range'):
                return number < LOW;
              case a('range'):
                return number >= LOW + 1 && number < HIGH;
              case a('specific1'):
                return number === LOW;
              case a('specific2'):
                return number === HIGH;
              default:
                return false;
            }
          },
          SIZE,
          `${what}: after the range replacements`,
        );
        same(await ets.selectDelete(table, erl`[{'_',[],[true]}]`), SIZE, what);
        await checkTable(ets, table, () => false, 0, `${what}: emptied`);
        await ets.delete(table);
      }

      const table = await ets.new(a('x'), options.with());
      // The key-safety checks (3,000 select_replace calls on an empty set) do not depend on
      // the concurrency and compression options: they run for the first option set only.
      if (firstOptions) {
        const accepts = async (head: Term, body: Term): Promise<void> => {
          const spec = erl`[{{${head}, '$2', '$3'}, [], [{{${body}, '$3', '$2'}}]}]`;
          same(await ets.selectReplace(table, spec), 0, () => `accepts ${show(spec)}`);
        };
        const rejects = (head: Term, body: Term): Promise<void> => {
          const spec = erl`[{{${head}, '$2', '$3'}, [], [{{${body}, '$3', '$2'}}]}]`;
          return badarg(
            () => ets.selectReplace(table, spec),
            () => `rejects ${show(spec)}`,
          );
        };
        for (const x of terms) {
          for (const y of terms) {
            // Key-safe specifications are accepted.
            const equalPairs: Array<[Term, Term]> = [
              [a('$1'), a('$1')],
              [erl`{${x}, ${y}}`, erl`{{${x}, ${y}}}`],
              [erl`{'$1', ${y}}`, erl`{{'$1', ${y}}}`],
              [erl`{{${x}, ${y}}}`, erl`{{{{${x}, ${y}}}}}`],
              [erl`{${x}}`, erl`{{${x}}}`],
              [x, erl`{const, ${x}}`],
              [erl`{${x},${y}}`, erl`{const, {${x},${y}}}`],
              [erl`{${x}}`, erl`{const, {${x}}}`],
              [erl`{${x}, ${y}}`, erl`{{${x}, {const, ${y}}}}`],
              [erl`{${x}, {${y},'$1'}}`, erl`{{{const, ${x}}, {{${y},'$1'}}}}`],
              [erl`[${x}, ${y} | '$1']`, erl`[${x}, ${y} | '$1']`],
              [erl`[{${x}, '$1'}, ${y}]`, erl`[{{${x}, '$1'}}, ${y}]`],
              [erl`[{${x}, ${y}} | '$1']`, erl`[{const, {${x}, ${y}}} | '$1']`],
              [erl`[$p,$r,$e,$f,$i,$x | '$1']`, erl`[$p,$r,$e,$f,$i,$x | '$1']`],
              [erl`{[{${x},${y}}]}`, erl`{{[{{${x},${y}}}]}}`],
              [erl`{[{${x},${y}}]}`, erl`{{{const, [{${x},${y}}]}}}`],
              [erl`{[{${x},${y}}]}`, erl`{{[{const,{${x},${y}}}]}}`],
            ];
            for (const [head, body] of equalPairs) await accepts(head, body);
            // Specifications that may change the key are rejected.
            const unequalPairs: Array<[Term, Term]> = [
              [a('$1'), a('$2')],
              [erl`{${x}, ${y}}`, erl`{${x}, ${y}}`],
              [erl`{{${x}, ${y}}}`, erl`{{{${x}, ${y}}}}`],
              [erl`{${x}}`, erl`{{{${x}}}}`],
              [erl`{const, ${x}}`, erl`{const, ${x}}`],
              [erl`{const, {${x},${y}}}`, erl`{const, {${x},${y}}}`],
              [a('$1'), erl`{const, '$1'}`],
              [erl`{${x}}`, erl`{const, {{${x}}}}`],
              [erl`{${x}, {${y},'$1'}}`, erl`{{{const, ${x}}, {${y},'$1'}}}`],
              [erl`[${x}, ${y} | '$1']`, erl`[${x}, ${y}]`],
              [erl`[${x}, ${y}]`, erl`[${x}, ${y} | '$1']`],
              [erl`[{${x}, '$1'}, ${y}]`, erl`[{${x}, '$1'}, ${y}]`],
              [erl`[$p,$r,$e,$f,$i,$x | '$1']`, erl`[$p,$r,$e,$f,$I,$x | '$1']`],
              [erl`{[{${x},${y}}]}`, erl`{{[{${x},${y}}]}}`],
              [erl`{[{${x},${y}}]}`, erl`{{{const, [{{${x},${y}}}]}}}`],
              [erl`{[{${x},${y}}]}`, erl`{{[{const,{{${x},${y}}}}]}}`],
              [a('_'), a('_')],
              [a('$_'), a('$_')],
              [a('$$'), a('$$')],
              [erl`#{}`, erl`#{}`],
              [erl`#{${x} => '$1'}`, erl`#{${x} => '$1'}`],
            ];
            for (const [head, body] of unequalPairs) await rejects(head, body);
          }
        }
      }
      firstOptions = false;

      // A whole replacement object wrapped in const.
      const keys = [erl`{1, tuple}`, erl`{nested, {tuple, {a,b}}}`, ...terms];
      for (const key of keys) {
        const replacements = [
          erl`{${key}, 1, 2}`,
          erl`{${key}, 3, 4}`,
          erl`{${key}, 1}`,
          erl`{${key}, 1, 2, 3}`,
          erl`{${key}}`,
        ];
        for (const replacement of replacements) {
          const old = erl`{${key}, 1, 2}` as Tuple;
          await ets.insert(table, old);
          same(
            await ets.selectReplace(table, erl`[{${old}, [], [{const, ${replacement}}]}]`),
            1,
            () => `{const, ${show(replacement)}}`,
          );
          same(await ets.lookup(table, key), [replacement], () => `${show(replacement)} stored`);
          await ets.delete(table, key);
        }
      }
      // const does not work with maps or variables in keys.
      for (const key of [erl`#{a => 1}`, erl`{nested, #{a => 1}}`, a('$1')]) {
        for (const replacement of [
          erl`{${key}, 1, 2}`,
          erl`{${key}, 3, 4}`,
          erl`{${key}, 1}`,
          erl`{${key}, 1, 2, 3}`,
          erl`{${key}}`,
        ]) {
          const old = erl`{${key}, 1, 2}`;
          await badarg(
            () => ets.selectReplace(table, erl`[{${old}, [], [{const, ${replacement}}]}]`),
            () => `{const, ${show(replacement)}}`,
          );
        }
      }
      await ets.delete(table);
    });
  },
  'a fun among the key-safety terms (a JS function cannot cross to erl); the key-safety pairs run for the first option set only; etsmem checks',
);

const tSelectReplaceNextBug = defineCase(
  't_select_replace_next_bug',
  ['select'],
  async ({ ets }) => {
    const table = await ets.new(a('k'), { type: 'ordered_set' });
    await insertAll(
      ets,
      table,
      Array.from({ length: 10 }, (_, index): Tuple => [index + 1, a('value')]),
    );
    same(await ets.first(table), 1);
    same(await ets.selectReplace(table, erl`[{{2,value}, [], [{{2,"new_value"}}]}]`), 1);
    same(await ets.next(table, 1), 2, 'next after a replaced bound key');
    await ets.delete(table);
  },
);

const tSelectPamStackOverflowBug = defineCase(
  't_select_pam_stack_overflow_bug',
  ['select'],
  async ({ ets }) => {
    const table = await ets.new(a('k'), {});
    await ets.insert(table, erl`[{x,17}]` as List);
    same(await ets.select(table, erl`[{{x,17}, [], [{{{element,1,'$_'},{const,18}}}]}]`), [
      erl`{x,18}`,
    ]);
    await ets.delete(table);
  },
);

const DOLLAR1 = 'a'.repeat(36);

const tSelectFlatmapTermCopyBug = defineCase(
  't_select_flatmap_term_copy_bug',
  ['select'],
  async ({ ets }) => {
    const table = await ets.new(a('a'), {});
    await ets.insert(table, [DOLLAR1]);
    const cases: Array<[Term, Term]> = [
      [erl`#{'$1' => a}`, erl`#{${DOLLAR1} => a}`],
      [erl`#{a => '$1'}`, erl`#{a => ${DOLLAR1}}`],
      [erl`#{'$1' => '$1'}`, erl`#{${DOLLAR1} => ${DOLLAR1}}`],
      [erl`#{a => a}`, erl`#{a => a}`],
    ];
    for (const [body, expected] of cases) {
      // Twice: the first result must not share anything the second could change.
      const first = await ets.select(table, erl`[{{'$1'},[],[${body}]}]`);
      same(await ets.select(table, erl`[{{'$1'},[],[${body}]}]`), first, show(body));
      same(first, [expected], show(body));
    }
    await ets.delete(table);
  },
  'the garbage collections between the selects (a BEAM heap matter)',
);

const tSelectHashmapTermCopyBug = defineCase(
  't_select_hashmap_term_copy_bug',
  ['select'],
  async ({ ets }) => {
    const table = await ets.new(a('a'), {});
    await ets.insert(table, [DOLLAR1]);
    // OTP's large-map size (a hashmap, not a flatmap, in the BEAM) and flatmap limit.
    const largeMapSize = 250;
    const flatmapSize = 32;
    const large = new Map<Term, Term>(
      Array.from({ length: largeMapSize }, (_, index): [Term, Term] => [index + 1, 1]),
    );
    const withEntry = (map: Map<Term, Term>, key: Term, value: Term): Map<Term, Term> =>
      new Map([...map, [key, value]]);
    const selectTwice = async (body: Term, expected: Term): Promise<void> => {
      const first = await ets.select(table, erl`[{{'$1'},[],[${body}]}]`);
      same(await ets.select(table, erl`[{{'$1'},[],[${body}]}]`), first, 'the same twice');
      same(first, [expected], 'a map with $1 in the body');
    };
    for (const key of large.keys()) {
      await selectTwice(withEntry(large, key, a('$1')), withEntry(large, key, DOLLAR1));
    }
    // '$1' as a key among fewer and fewer others, removed from either end. (OTP places '$1'
    // first and last in the BEAM's hashmap iteration order.)
    for (const order of ['ascending', 'descending']) {
      const map = withEntry(large, a('$1'), a('a'));
      const integers = [...large.keys()] as number[];
      if (order === 'descending') integers.reverse();
      for (const key of integers) {
        if (map.size <= flatmapSize) break;
        const expected = new Map(map);
        expected.delete(a('$1'));
        expected.set(DOLLAR1, a('a'));
        await selectTwice(new Map(map), expected);
        map.delete(key);
      }
    }
    await selectTwice(withEntry(large, a('$1'), a('$1')), withEntry(large, DOLLAR1, DOLLAR1));
    await selectTwice(withEntry(large, a('a'), a('a')), withEntry(large, a('a'), a('a')));
    await ets.delete(table);
  },
  "the garbage collections (a BEAM heap matter); '$1' is placed by removing integer keys from either end instead of by the BEAM's hashmap order",
);

const tSelectReverse = defineCase('t_select_reverse', ['select'], async ({ ets }) => {
  const spec = erl`[{{'$1', '_'}, [{'>', {'rem', '$1', 5}, 2}], ['$_']}]`;
  const table = await ets.new(a('xxx'), { type: 'ordered_set' });
  await insertAll(ets, table, intObjects(1000));
  const reversed = [...(await ets.select(table, spec))].reverse();
  same(await ets.selectReverse(table, spec), reversed, 'select_reverse/2');
  // reverse_chunked: chunks of 3 from select_reverse/3 and /1, in order.
  const chunked: Term[] = [];
  let chunk = (await ets.selectReverse(table, spec, 3)) as Term;
  while (chunk !== endOfTable) {
    const [results, continuation] = chunk as unknown as [Term[], Term];
    chunked.push(...results);
    chunk = (await ets.selectReverse(continuation)) as Term;
  }
  same(chunked, reversed, 'select_reverse/3 in chunks of 3');
  // A set, bag or duplicate_bag gives the same either way.
  for (const type of ['set', 'bag', 'duplicate_bag'] as const) {
    const other = await ets.new(a('xxx'), { type });
    await insertAll(ets, other, intObjects(1000));
    same(await ets.selectReverse(other, spec), await ets.select(other, spec), type);
  }
});

const tNamedSelect = defineCase('t_named_select', ['select'], async ({ ets }) => {
  await repeatForOpts(async (options) => {
    const name = a('t_name_tid_select');
    await ets.new(name, options.with({ namedTable: true }));
    await insertAll(ets, name as TableId, [
      [1, 11],
      [2, 22],
      [3, 33],
    ]);
    const spec = erl`[{{'$1', 22}, [], ['$1']}]`;
    const [results, continuation] = (await ets.select(name as TableId, spec, 1)) as readonly [
      Term[],
      Term,
    ];
    same(results, [2], 'the first chunk');
    await ets.delete(name as TableId);
    await badarg(() => ets.select(continuation), 'the continuation of a deleted table');
    await ets.new(name, options.with({ namedTable: true }));
    await badarg(() => ets.select(continuation), 'of a table recreated under the name');
    for (const key of [1, 2, 4]) same(await ets.insertNew(name as TableId, [key, 22]), true);
    const [two, next] = (await ets.select(name as TableId, spec, 2)) as readonly [Term[], Term];
    same(two.length, 2, 'two results');
    await ets.rename(name as TableId, a('abcd'));
    const [last, end] = (await ets.select(next)) as readonly [Term[], Term];
    same(end, endOfTable, 'the renamed table continues to its end');
    same(last.length, 1, 'the last result');
    same((two[0] as number) + (two[1] as number) + (last[0] as number), 7, 'keys 1, 2 and 4');
    same(await ets.delete(a('abcd') as TableId), true);
  });
});

const selectFail = defineCase('select_fail', ['select'], async ({ ets }) => {
  await repeatForOpts(
    async (options) => {
      const table = await ets.new(a('x'), options.with());
      await ets.insert(table, erl`{a,a}` as Tuple);
      // {snuffla} is no valid body expression, whether or not an object matches.
      await badarg(() => ets.select(table, erl`[{{a,'_'},[],[{snuffla}]}]`), 'a matching key');
      await badarg(() => ets.select(table, erl`[{{b,'_'},[],[{snuffla}]}]`), 'no matching key');
      await ets.delete(table);
    },
    ['all_types', 'write_concurrency'],
  );
});

/** A continuation with element `position` (1-based) replaced by `<<>>` (`setelement/3`). */
function withEmptyBinary(continuation: Term, position: number): Term {
  const copy = [...(continuation as Tuple)];
  copy[position - 1] = new Uint8Array(0);
  return copy;
}

const tRepairContinuation = defineCase('t_repair_continuation', ['select'], async ({ ets }) => {
  const all = erl`[{'_',[],[true]}]`;
  const firstOfKey = erl`[{{{'$1','_'},'_'},[],['$1']}]`;
  const fives = [true, true, true, true, true];
  const thousand = (object: (value: number) => Tuple): Tuple[] =>
    Array.from({ length: 1000 }, (_, index) => object(1000 - index));
  const breakAndRepair = async (
    type: 'set' | 'ordered_set' | 'bag' | 'duplicate_bag',
    options: object,
    objects: Tuple[],
    spec: Term,
    check: (results: Term[]) => void,
  ): Promise<void> => {
    const table = await ets.new(a('x'), { ...options, type });
    await insertAll(ets, table, objects);
    const [, continuation] = (await ets.select(table, spec, 5)) as readonly [Term[], Term];
    // The compiled specification is the 5th element of an ordered_set's continuation and
    // the 4th of a hash table's.
    const broken = withEmptyBinary(continuation, type === 'ordered_set' ? 5 : 4);
    await badarg(() => ets.select(broken), `${type}: a continuation without its specification`);
    const repaired = await ets.repairContinuation(broken, spec);
    check(((await ets.select(repaired)) as readonly [Term[], Term])[0]);
    check(((await ets.select(continuation)) as readonly [Term[], Term])[0]);
    same(await ets.delete(table), true);
  };
  const fiveTrues = (results: Term[]): void => same(results, fives, 'five results');
  const fiveAny = (results: Term[]): void => same(results.length, 5, 'five results');
  await repeatForOpts(async (options) => {
    const base = options.with();
    await breakAndRepair(
      'ordered_set',
      base,
      thousand((n) => [n, n]),
      all,
      fiveTrues,
    );
    // A continuation at its end stays there.
    const table = await ets.new(a('x'), { ...base, type: 'ordered_set' });
    await insertAll(
      ets,
      table,
      thousand((n) => [n, n]),
    );
    const [, end] = (await ets.select(table, all, 1001)) as readonly [Term[], Term];
    same(end, endOfTable, 'every object in one chunk');
    same(await ets.select(await ets.repairContinuation(end, all)), endOfTable);
    same(await ets.select(end), endOfTable);
    same(await ets.delete(table), true);
    await breakAndRepair(
      'ordered_set',
      base,
      thousand((n) => [integerToList(n), n]),
      all,
      fiveTrues,
    );
    await breakAndRepair(
      'ordered_set',
      base,
      thousand((n) => [[integerToList(n), n], n]),
      firstOfKey,
      fiveAny,
    );
    await breakAndRepair(
      'set',
      base,
      thousand((n) => [n, n]),
      all,
      fiveTrues,
    );
    for (const type of ['set', 'bag', 'duplicate_bag'] as const) {
      await breakAndRepair(
        type,
        base,
        thousand((n) => [integerToList(n), n]),
        all,
        fiveTrues,
      );
    }
  });
  same(await ets.isCompiledMs(new Uint8Array(0)), false, '<<>> is no compiled specification');
  same(await ets.isCompiledMs(await ets.matchSpecCompile(all)), true, 'a compiled one is');
});

const otp6842Select1000 = defineCase('otp_6842_select_1000', ['select'], async ({ ets }) => {
  const all = erl`[{'_',[],['$_']}]`;
  const sequences = [
    [1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000, 1000],
    [2000, 2000, 2000, 2000, 2000],
    [3000, 3000, 3000, 1000],
    [4000, 4000, 2000],
    [5000, 5000],
    [6000, 4000],
    [7000, 3000],
    [8000, 2000],
    [9000, 1000],
    [10000],
  ];
  await repeatForOpts(async (options) => {
    const table = await ets.new(a('xxx'), options.with());
    await insertAll(
      ets,
      table,
      Array.from({ length: 10000 }, (_, index): Tuple => [index + 1, index + 1]),
    );
    for (let thousands = 1; thousands <= 10; thousands += 1) {
      const [results] = (await ets.select(table, all, thousands * 1000)) as readonly [Term[], Term];
      same(results.length, thousands * 1000, `a chunk of ${thousands * 1000}`);
    }
    for (const sequence of sequences) {
      let chunk = (await ets.select(table, all, sequence[0]!)) as Term;
      for (const expected of sequence) {
        ensure(chunk !== endOfTable, `chunks ${sequence.join(',')}: ended early`);
        const [results, continuation] = chunk as unknown as [Term[], Term];
        same(results.length, expected, () => `chunks ${sequence.join(',')}`);
        chunk = (await ets.select(continuation)) as Term;
      }
      same(chunk, endOfTable, `chunks ${sequence.join(',')}: then the end`);
    }
    await ets.delete(table);
  }, ALL_ORD_SET_TABLE_TYPES);
});

/** `otp_6338`'s list, as OTP's suite gives it: the External Term Format of two objects. */
const OTP_6338_OBJECTS = Uint8Array.from([
  131, 108, 0, 0, 0, 2, 104, 2, 108, 0, 0, 0, 2, 103, 100, 0, 19, 112, 112, 98, 49, 95, 98, 115, 49,
  50, 64, 98, 108, 97, 100, 101, 95, 48, 95, 53, 0, 0, 33, 50, 0, 0, 0, 4, 1, 98, 0, 0, 23, 226,
  106, 100, 0, 4, 101, 120, 105, 116, 104, 2, 108, 0, 0, 0, 2, 104, 2, 100, 0, 3, 115, 98, 109, 100,
  0, 19, 112, 112, 98, 50, 95, 98, 115, 49, 50, 64, 98, 108, 97, 100, 101, 95, 48, 95, 56, 98, 0, 0,
  18, 231, 106, 100, 0, 4, 114, 101, 99, 118, 106,
]);

const otp6338 = defineCase('otp_6338', ['match'], async ({ ets }) => {
  const objects = [...(decode(OTP_6338_OBJECTS) as List).items] as Tuple[];
  await repeatForOpts(async (options) => {
    const table = await ets.new(a('xxx'), options.with());
    for (const object of objects) await ets.insert(table, object);
    same(await ets.match(table, erl`{[{sbm,ppb2_bs12@blade_0_8},'$1'],'$2'}`), [
      list(4839, a('recv')),
    ]);
    await ets.delete(table);
  }, ALL_ORD_SET_TABLE_TYPES);
});

const boundMaps = defineCase('bound_maps', ['select'], async ({ ets }) => {
  const table = await ets.new(a('__bound_maps__'), { type: 'ordered_set', access: 'public' });
  const reference = new Reference([4711, 42, 17]);
  for (const attributes of [erl`#{}`, erl`#{key => value}`]) {
    await ets.insertNew(table, [[attributes, reference], a('original')]);
  }
  // The map #{} in the key is a pattern: it matches both keys, bound as the key is.
  const spec = erl`[{{{#{}, ${reference}}, '$1'},[],[{{{element, 1, '$_'}, {const, new}}}]}]`;
  same(await ets.selectReplace(table, spec), 2, 'both objects replaced');
});

/** How deep `ms_excessive_nesting` nests its excessive spec on a driver without manyCalls. */
const MS_EXCESSIVE_FEW_DEPTH = 10_000;

const msExcessiveNesting = defineCase(
  'ms_excessive_nesting',
  ['select'],
  async (context) => {
    const { ets } = context;
    const condition = (depth: number): Term => {
      let nested: Term = true;
      for (let number = 0; number <= depth; number += 1) {
        nested = [a('orelse'), [a('=='), number, a('$1')], nested];
      }
      return nested;
    };
    // Built directly: the erl template would walk the whole nested guard to check it.
    const spec = (depth: number): Term =>
      list([[a('$1'), a('$2')], list(condition(depth)), list([[a('$1'), a('blipp')]])]);
    // Substantial but reasonable nesting compiles.
    await ets.matchSpecCompile(spec(100));
    // Excessive nesting compiles, or fails with system_limit, but does not crash.
    const excessive = spec(scaled(context, 1_000_000, MS_EXCESSIVE_FEW_DEPTH));
    const compilesOrLimit = async (call: () => unknown, what: string): Promise<void> => {
      try {
        await call();
      } catch (error) {
        const reason = (error as { reason?: unknown }).reason;
        ensure(
          reason === a('system_limit'),
          `${what}: expected success or system_limit, got ${show(error)}`,
        );
      }
    };
    await compilesOrLimit(() => ets.matchSpecCompile(excessive), 'match_spec_compile');
    const tree = await ets.new(a('tree'), { type: 'ordered_set' });
    await compilesOrLimit(() => ets.selectReplace(tree, excessive), 'select_replace, ordered_set');
    const hash = await ets.new(a('hash'), { type: 'set' });
    await compilesOrLimit(() => ets.selectReplace(hash, excessive), 'select_replace, set');
  },
  'erlang:match_spec_test/3 (not an ets function); on drivers without manyCalls the excessive ' +
    `spec is nested ${MS_EXCESSIVE_FEW_DEPTH.toLocaleString('en')} deep instead of a million, ` +
    'as a million-deep spec is too big to send to erl in good time',
);

const tBucketDisappears = defineCase('t_bucket_disappears', ['select'], async ({ ets }) => {
  await repeatForOpts(async (options) => {
    const name = a('abcd');
    await ets.new(name, options.with({ namedTable: true, access: 'public', keypos: 2 }));
    const table = name as TableId;
    for (const key of [1, 2, 3]) await ets.insert(table, [a('abcd'), key, 2]);
    const [, continuation] = (await ets.select(
      table,
      erl`[{{'_', '$1', '_'}, [{'<', '$1', {const, 10}}], ['$1']}]`,
      1,
    )) as readonly [Term[], Term];
    await ets.delete(table, 2);
    // The continuation goes on although the bucket it stood in may be gone.
    await ets.select(continuation);
    same(await ets.delete(table), true);
  });
});

const selectFixtabOwnerChange = defineCase(
  'select_fixtab_owner_change',
  ['select', 'processes'],
  async ({ ets, processes }) => {
    const table = await ets.new(a('xxx'), { access: 'protected' });
    await insertAll(
      ets,
      table,
      Array.from({ length: 2000 }, (_, index): Tuple => [index + 1, (index + 1) & 7]),
    );
    const transfer = a('ETS-TRANSFER');
    const isTransfer = (message: Term): boolean =>
      Array.isArray(message) && message[0] === transfer && exactEquals(message[1], table);
    const done = a('done');
    // The select calls of each round, run while the other process owns the table.
    const traverse = async (round: number, state: Term): Promise<Term> => {
      switch (round) {
        case 1:
          await ets.select(table, erl`[{{'$1',7}, [], ['$1']}]`);
          return state;
        case 2:
          same(await ets.selectCount(table, erl`[{{'$1',7}, [], [false]}]`), 0, 'select_count');
          return state;
        case 3: {
          const limit = Math.floor(((await infoItem(ets, table, 'size')) as number) / 2);
          const chunk = (await ets.select(table, erl`[{{'$1',7}, [], ['$1']}]`, limit)) as [
            Term[],
            Term,
          ];
          return chunk[1];
        }
        default:
          await ets.select(state);
          return done;
      }
    };
    // Buddy and the case's process hand the table back and forth; Buddy traverses the table
    // each time it has just given it away, and no fixation may remain after.
    const buddy = await processes.spawn(async () => {
      let state: Term = a('undefined');
      for (let round = 1; ; round += 1) {
        const message = (await processes.receive({
          match: isTransfer,
          timeout: RECEIVE_TIMEOUT_MILLISECONDS,
        })) as Tuple | undefined;
        ensure(message !== undefined, 'Buddy: no ETS-TRANSFER arrived');
        await ets.giveAway(table, message[2] as Pid, state);
        if (state === done) return;
        state = await traverse(round, state);
        same(
          await infoItem(ets, table, 'safe_fixed_monotonic_time'),
          false,
          `round ${round}: no fixation left`,
        );
      }
    });
    const buddyExited = processes.exited(buddy);
    for (;;) {
      await ets.giveAway(table, buddy, charList('Catch!'));
      const message = (await processes.receive({
        match: isTransfer,
        timeout: RECEIVE_TIMEOUT_MILLISECONDS,
      })) as Tuple | undefined;
      ensure(message !== undefined, 'no ETS-TRANSFER came back from Buddy');
      same(message[2]!, buddy, 'from Buddy');
      if (message[3] === done) break;
    }
    same(await buddyExited, a('normal'), 'Buddy ended normally');
    await ets.delete(table);
  },
  'the yielding (trapping) of the select calls in the BEAM, which gives the table away mid-call',
);

const otp5340 = defineCase(
  'otp_5340',
  [],
  async ({ ets, capabilities }) => {
    const count = 3000;
    const ids = [1, 2, 3, 4, 5];
    // Reading every key makes 6,000 calls per option set: over a driver without manyCalls,
    // the first option set only.
    const sets = optionSets(DEFAULT_GENERATORS);
    for (const options of capabilities.manyCalls ? sets : sets.slice(0, 1)) {
      const table = await ets.new(a('otp_5340'), options.with({ type: 'bag', access: 'public' }));
      for (const id of ids) {
        const objects: Tuple[] = [];
        for (let key = count; key > 0; key -= 1) objects.push([key, id]);
        await insertAll(ets, table, objects);
      }
      // Each key's objects come in insertion order, 1 to 5, whatever rehashing happened.
      for (let key = await ets.first(table); key !== endOfTable; key = await ets.next(table, key)) {
        const objects = await ets.lookup(table, key);
        same(
          objects.map((object) => object[1]!),
          ids,
          () => `${options.label}: the objects of key ${show(key)}`,
        );
      }
      await ets.delete(table);
    }
  },
  'over a driver without manyCalls, the first option set only',
);

const otp7665 = defineCase('otp_7665', [], async ({ ets }) => {
  const key = a('key');
  const numbers = Array.from({ length: 11 }, (_, index) => index);
  await repeatForOpts(async (options) => {
    const table = await ets.new(a('otp_7665'), options.with({ type: 'bag' }));
    for (const deleted of numbers) {
      await insertAll(
        ets,
        table,
        numbers.map((number): Tuple => [key, number]),
      );
      same(await ets.safeFixtable(table, true), true);
      same(await ets.deleteObject(table, [key, deleted]), true);
      const left = numbers.filter((number) => number !== deleted);
      same(
        sorted(await ets.lookup(table, key)),
        left.map((number): Tuple => [key, number]),
      );
      same(sorted([...((await ets.lookupElement(table, key, 2)) as List).items]), left);
      same(await ets.delete(table, key), true);
      same(await ets.lookup(table, key), [], 'delete after delete_object on a fixed bag');
      same(await ets.safeFixtable(table, false), true);
    }
    same(await ets.delete(table), true);
  });
});

/** The cases of this module, in `ets_SUITE`'s order. */
export const selectCases: readonly PortedCase[] = [
  matchDelete,
  matchDelete3,
  match1,
  match2,
  matchObject,
  matchObject2,
  tMatchSpecRun,
  orderedMatch,
  matchHeavy,
  selectBoundChunk,
  tTestMs,
  tSelectDelete,
  tSelectReplace,
  tSelectReplaceNextBug,
  tSelectPamStackOverflowBug,
  tSelectFlatmapTermCopyBug,
  tSelectHashmapTermCopyBug,
  tSelectReverse,
  tNamedSelect,
  selectFail,
  tRepairContinuation,
  otp6842Select1000,
  otp6338,
  boundMaps,
  msExcessiveNesting,
  tBucketDisappears,
  selectFixtabOwnerChange,
  otp5340,
  otp7665,
];
