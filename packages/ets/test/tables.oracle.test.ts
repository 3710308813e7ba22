/**
 * Differential tests of table-level calls against real Erlang/OTP: `ets:new/2` with valid and
 * invalid option lists (the table's `info/1` after, less the process- and memory-dependent
 * items), then rename, whereis, delete and calls on a deleted table, with identical results,
 * causes and error sentences.
 */
import { atom, decode, format, type List, list, type Term } from '@tsunami/core';
import { withOracle } from '@tsunami/oracle';
import { expect, it } from 'vitest';
import { createEts, EtsError, NodeProcessRuntime, type TableOptions } from '../src/index.js';

/** Option lists as Erlang text and as the typed object (undefined: ours rejects it as erl does). */
const OPTION_CASES: ReadonlyArray<readonly [string, TableOptions | undefined]> = [
  ['[]', {}],
  ['[set]', { type: 'set' }],
  ['[ordered_set, private]', { type: 'ordered_set', access: 'private' }],
  ['[bag, public, {keypos, 3}]', { type: 'bag', access: 'public', keypos: 3 }],
  ['[duplicate_bag, named_table]', { type: 'duplicate_bag', namedTable: true }],
  ['[{read_concurrency, true}]', { readConcurrency: true }],
  ['[{write_concurrency, true}]', { writeConcurrency: true }],
  ['[compressed]', { compressed: true }],
  ['[{decentralized_counters, true}]', { decentralizedCounters: true }],
  [
    '[{write_concurrency, true}, {decentralized_counters, true}]',
    { writeConcurrency: true, decentralizedCounters: true },
  ],
  [
    '[{write_concurrency, true}, {decentralized_counters, false}]',
    { writeConcurrency: true, decentralizedCounters: false },
  ],
  ['[ordered_set, {write_concurrency, true}]', { type: 'ordered_set', writeConcurrency: true }],
  [
    '[ordered_set, {decentralized_counters, true}]',
    { type: 'ordered_set', decentralizedCounters: true },
  ],
  ['[{keypos, 0}]', { keypos: 0 }],
  ['[{keypos, a}]', { keypos: 'a' as never }],
  ['[tree]', { type: 'tree' as never }],
  ['[{access, open}]', { access: 'open' as never }],
];

const INFO_ITEMS = [
  'decentralized_counters',
  'read_concurrency',
  'write_concurrency',
  'compressed',
  'heir',
  'name',
  'size',
  'node',
  'named_table',
  'type',
  'keypos',
  'protection',
  'fixed',
];

function ours(run: () => Term): Term {
  try {
    return [atom('ok'), run()];
  } catch (error) {
    if (!(error instanceof EtsError)) throw error;
    const sentences = list(...[...error.errorInfo].map(([at, text]) => [at as Term, text]));
    return [atom('error'), atom(error.cause), sentences];
  }
}

const ERL_CALL = `Call = fun(F) ->
    try {ok, F()}
    catch error:Reason:Stack ->
      [{ets, _, _, Info} | _] = Stack,
      Cause = maps:get(cause, proplists:get_value(error_info, Info, #{}), none),
      Sentences = lists:sort(maps:to_list(erl_stdlib_errors:format_error(Reason, Stack))),
      {error, Cause, Sentences}
    end
  end,
  Id = fun(T) when is_reference(T) -> ref; (T) -> T end,
  Info = fun(T) -> [ets:info(T, Item) || Item <- [${INFO_ITEMS.join(',')}]] end,`;

/** Binaries as text, references as `ref`, so both sides print alike. */
function normalise(term: Term): string {
  return format(term)
    .replace(/#Ref<[^>]*>/g, 'ref')
    .replace(
      /<<(\d+(,\d+)*)>>/g,
      (_, bytes: string) => `<<"${Buffer.from(bytes.split(',').map(Number)).toString('utf8')}">>`,
    );
}

withOracle('table-level calls against erl', (oracle) => {
  it('creates tables from the same options with the same info, and rejects the same options', async () => {
    const ets = createEts({ runtime: new NodeProcessRuntime() });
    const theirs = decode(
      await oracle().evaluate(
        `${ERL_CALL}
        term_to_binary([Call(fun() -> T = ets:new(t, Opts), R = {Id(T), Info(T)}, ets:delete(T), R end)
          || Opts <- [${OPTION_CASES.map(([text]) => text).join(', ')}]])`,
      ),
    ) as List;
    OPTION_CASES.forEach(([text, options], index) => {
      const mine = ours(() => {
        const table = ets.new(atom('t'), options ?? ({ invalid: true } as never));
        const result: Term = [
          table instanceof Object ? atom('ref') : table,
          list(...INFO_ITEMS.map((item) => ets.info(table, atom(item)))),
        ];
        ets.delete(table);
        return result;
      });
      const theirsText = normalise(theirs.items[index]!);
      expect(`${text} -> ${normalise(mine)}`).toBe(`${text} -> ${theirsText}`);
    });
  });

  it('renames, finds, deletes and reports missing tables as erl does', async () => {
    const ets = createEts({ runtime: new NodeProcessRuntime() });
    const theirs = decode(
      await oracle().evaluate(
        `${ERL_CALL}
        A = ets:new(a, [named_table, public]),
        B = ets:new(b, []),
        R = [Call(fun() -> ets:rename(a, b) end),
             Call(fun() -> Id(ets:rename(B, a)) end),
             Call(fun() -> ets:rename(a, c) end),
             Call(fun() -> ets:rename(c, "d") end),
             Call(fun() -> ets:whereis(a) end),
             Call(fun() -> is_reference(ets:whereis(c)) end),
             Call(fun() -> ets:whereis("c") end),
             Call(fun() -> ets:new(c, [named_table]) end),
             Call(fun() -> ets:new("c", []) end),
             Call(fun() -> ets:delete(c) end),
             Call(fun() -> ets:delete(c) end),
             Call(fun() -> ets:info(c) end),
             Call(fun() -> ets:info(c, size) end),
             Call(fun() -> ets:info(B, bogus) end),
             Call(fun() -> ets:info(7, size) end),
             Call(fun() -> ets:insert(c, {1}) end),
             Call(fun() -> ets:safe_fixtable(B, perhaps) end),
             Call(fun() -> ets:slot(B, -1) end),
             Call(fun() -> ets:delete(B) end)],
        _ = A,
        term_to_binary(R)`,
      ),
    ) as List;
    const tableB = ets.new(atom('b'));
    ets.new(atom('a'), { namedTable: true, access: 'public' });
    const c = atom('c');
    const mine = [
      ours(() => ets.rename(atom('a'), atom('b'))),
      ours(() => (ets.rename(tableB, atom('a')) instanceof Object ? atom('ref') : atom('a'))),
      ours(() => ets.rename(atom('a'), c)),
      ours(() => ets.rename(c, 'd' as never)),
      ours(() => ets.whereis(atom('a'))),
      ours(() => ets.whereis(c) instanceof Object),
      ours(() => ets.whereis('c' as never)),
      ours(() => ets.new(c, { namedTable: true })),
      ours(() => ets.new('c' as never)),
      ours(() => ets.delete(c)),
      ours(() => ets.delete(c)),
      ours(() => ets.info(c) as Term),
      ours(() => ets.info(c, 'size')),
      ours(() => ets.info(tableB, 'bogus' as never)),
      ours(() => ets.info(7 as never, 'size')),
      ours(() => ets.insert(c, [1])),
      ours(() => ets.safeFixtable(tableB, atom('perhaps') as never)),
      ours(() => ets.slot(tableB, -1) as Term),
      ours(() => ets.delete(tableB)),
    ];
    mine.forEach((result, index) => {
      const theirsText = normalise(theirs.items[index]!);
      expect(`${index}: ${normalise(result)}`).toBe(`${index}: ${theirsText}`);
    });
  });
});

withOracle('access rights against erl', (oracle) => {
  it('lets another process use public, protected and private tables as erl does', async () => {
    const accesses = ['public', 'protected', 'private'] as const;
    const theirs = decode(
      await oracle().evaluate(
        `${ERL_CALL}
        Self = self(),
        R = [begin
               T = ets:new(t, [Access]),
               ets:insert(T, {1, a}),
               spawn(fun() ->
                 Self ! {done, [Call(fun() -> ets:lookup(T, 1) end),
                                Call(fun() -> ets:insert(T, {2, b}) end),
                                Call(fun() -> ets:member(T, 2) end),
                                Call(fun() -> ets:info(T, size) end),
                                Call(fun() -> ets:safe_fixtable(T, true) end),
                                Call(fun() -> ets:give_away(T, self(), gift) end),
                                Call(fun() -> ets:setopts(T, [{heir, none}]) end),
                                Call(fun() -> ets:delete(T) end)]}
               end),
               receive {done, Results} -> Results end
             end || Access <- [${accesses.join(',')}]],
        term_to_binary(R)`,
      ),
    ) as List;
    const runtime = new NodeProcessRuntime();
    const ets = createEts({ runtime });
    for (const [index, access] of accesses.entries()) {
      const table = ets.new(atom('t'), { access });
      ets.insert(table, [1, atom('a')]);
      let results: Term[] = [];
      const pid = runtime.spawn(() => {
        results = [
          ours(() => list(...ets.lookup(table, 1))),
          ours(() => ets.insert(table, [2, atom('b')])),
          ours(() => ets.member(table, 2)),
          ours(() => ets.info(table, 'size')),
          ours(() => ets.safeFixtable(table, true)),
          ours(() => ets.giveAway(table, runtime.self(), atom('gift'))),
          ours(() => ets.setopts(table, { heir: 'none' })),
          ours(() => ets.delete(table)),
        ];
      });
      await new Promise((resolve) => runtime.onExit(pid, resolve));
      expect(`${access}: ${normalise(list(...results))}`).toBe(
        `${access}: ${normalise(theirs.items[index]!)}`,
      );
    }
  });
});

withOracle('heirs and give_away against erl', (oracle) => {
  it('hands a table to its heir or a recipient with the same message and owner', async () => {
    const theirs = decode(
      await oracle().evaluate(
        `Self = self(),
        Owner = spawn(fun() ->
          ets:new(inherited, [named_table, {heir, Self, heir_data}]),
          ets:new(orphan, [named_table]),
          Self ! created,
          receive stop -> ok end
        end),
        receive created -> ok end,
        Owner ! stop,
        Inherited = receive M -> M after 1000 -> none end,
        Orphan = ets:info(orphan),
        OwnerIsSelf = ets:info(inherited, owner) =:= Self,
        Receiver = spawn(fun() -> receive G -> Self ! {got, G} end end),
        true = ets:give_away(inherited, Receiver, gift),
        Given = receive {got, G} -> G after 1000 -> none end,
        term_to_binary({Inherited, Orphan, OwnerIsSelf, Given})`,
      ),
    );
    const runtime = new NodeProcessRuntime();
    const ets = createEts({ runtime });
    const self = runtime.self();
    const owner = runtime.spawn(() => {
      ets.new(atom('inherited'), {
        namedTable: true,
        heir: { pid: self, data: atom('heir_data') },
      });
      ets.new(atom('orphan'), { namedTable: true });
    });
    await new Promise((resolve) => runtime.onExit(owner, resolve));
    const inherited = await runtime.receive({ timeout: 1000 });
    const orphan = ets.info(atom('orphan')) as Term;
    const ownerIsSelf = ets.info(atom('inherited'), 'owner') === self;
    let given: Term | undefined;
    const receiver = runtime.spawn(async () => {
      given = await runtime.receive();
    });
    ets.giveAway(atom('inherited'), receiver, atom('gift'));
    await new Promise((resolve) => runtime.onExit(receiver, resolve));
    const pids = (text: string): string => text.replace(/<\d+\.\d+\.\d+>/g, 'Pid');
    expect(pids(format([inherited!, orphan, ownerIsSelf, given!]))).toBe(pids(format(theirs)));
  });
});
