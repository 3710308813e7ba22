/**
 * Differential tests of the select and match family against real Erlang/OTP: random tables of
 * every type (and every ordered backend) and random sequences of select, select_reverse (whole
 * and in chunks, following continuations), select_count, select_delete, select_replace, match,
 * match_object (whole and in chunks) and match_delete, with random match specifications (key
 * patterns fully, partly or not bound, guards, every kind of body, some invalid) and bad limits.
 * An Erlang driver runs the same sequence and returns each `{ok, Result}` or `{error, Reason,
 * Cause, ErrorInfo}` as `term_to_binary` bytes.
 *
 * An ordered_set must agree exactly, chunk by chunk. A hash table's order is unspecified (and
 * OTP's chunks are cut by its own slots), so there results are compared as multisets and chunked
 * results as the multiset of their concatenation; counts, errors and the final table always
 * exactly (the table sorted).
 */
import {
  atom,
  compareExact,
  decode,
  Float,
  format,
  improperList,
  List,
  list,
  listFrom,
  nil,
  type Term,
  type Tuple,
} from '@tsunami/core';
import { withOracle } from '@tsunami/oracle';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  type Continuation,
  createEts,
  type Ets,
  EtsError,
  NodeProcessRuntime,
  type SelectChunk,
  type TableId,
  type TableOptions,
} from '../src/index.js';

const TABLE = atom('sel');
const END = atom('$end_of_table');
const K = atom('k');
const J = atom('j');
const ANY = atom('_');
const [V1, V2, V3] = [atom('$1'), atom('$2'), atom('$3')];

interface Call {
  readonly name: string;
  readonly args: readonly Term[];
}

interface Configuration {
  readonly type: 'set' | 'ordered_set' | 'bag' | 'duplicate_bag';
  readonly backend?: 'wavl' | 'avl' | 'skiplist';
  /** The key position; default 1. */
  readonly keypos?: number;
}

const keyArbitrary: fc.Arbitrary<Term> = fc.oneof(
  fc.integer({ min: 0, max: 5 }),
  fc.constantFrom<Term>(new Float(1), 2.5, atom('a'), 'x', list(1, 2)),
  fc.tuple(fc.constantFrom(K, J), fc.integer({ min: 0, max: 3 })),
);
const valueArbitrary: fc.Arbitrary<Term> = fc.oneof(
  fc.integer({ min: -2, max: 3 }),
  fc.constantFrom<Term>(atom('v'), new Float(2), list(1)),
);
const objectArbitrary: fc.Arbitrary<Term[]> = fc.oneof(
  { weight: 4, arbitrary: fc.tuple(keyArbitrary, valueArbitrary) },
  { weight: 1, arbitrary: fc.tuple(keyArbitrary, valueArbitrary, valueArbitrary) },
);

/** A clause: head key pattern (and its variable), value pattern, guard and body choices. */
interface ClauseParts {
  readonly key: Term;
  readonly keyVariable: Term | undefined;
  readonly value: Term;
  readonly arity3: boolean;
}

const clausePartsArbitrary: fc.Arbitrary<ClauseParts> = fc
  .tuple(
    fc.oneof(
      { weight: 3, arbitrary: fc.constant<[Term, Term | undefined]>([V1, V1]) },
      { weight: 2, arbitrary: fc.constant<[Term, Term | undefined]>([ANY, undefined]) },
      {
        weight: 2,
        arbitrary: keyArbitrary.map((key): [Term, Term | undefined] => [key, undefined]),
      },
      {
        weight: 2,
        arbitrary: fc
          .constantFrom(K, J)
          .map((tag): [Term, Term | undefined] => [[tag, V2], undefined]),
      },
      {
        weight: 1,
        arbitrary: fc.constant<[Term, Term | undefined]>([improperList([1], V2), undefined]),
      },
    ),
    fc.oneof(
      { weight: 3, arbitrary: fc.constant<Term>(V3) },
      { weight: 3, arbitrary: fc.constant<Term>(ANY) },
      { weight: 1, arbitrary: valueArbitrary },
    ),
    fc.nat(4).map((choice) => choice === 0),
  )
  .map(([[key, keyVariable], value, arity3]) => ({ key, keyVariable, value, arity3 }));

function headOf(parts: ClauseParts): Term {
  return parts.arity3 ? [parts.key, parts.value, ANY] : [parts.key, parts.value];
}

function boundVariables(parts: ClauseParts): Term[] {
  const bound: Term[] = [];
  if (parts.keyVariable !== undefined) bound.push(V1);
  if (Array.isArray(parts.key) || parts.key instanceof List) bound.push(V2);
  if (parts.value === V3) bound.push(V3);
  return bound;
}

/** Guards comparing the key variable with constant keys (each way round, some in `andalso`). */
const keyBoundArbitrary: fc.Arbitrary<Term[] | undefined> = fc.option(
  fc.array(
    fc
      .tuple(
        fc.constantFrom('<', '=<', '>', '>=', '==', '=:='),
        keyArbitrary,
        fc.boolean(),
        fc.boolean(),
      )
      .map(([operator, key, swapped, nested]) => {
        const constant: Term = [atom('const'), key];
        const comparison: Term = swapped
          ? [atom(operator), constant, V1]
          : [atom(operator), V1, constant];
        return nested ? ([atom('andalso'), comparison, true] as Term) : comparison;
      }),
    { minLength: 1, maxLength: 2 },
  ),
  { freq: 2, nil: undefined },
);

/** A random specification for `select`-like calls: results from every kind of body. */
function selectSpecArbitrary(bodies: 'any' | 'boolean'): fc.Arbitrary<Term> {
  const clause = fc
    .tuple(clausePartsArbitrary, fc.nat(), fc.nat(), fc.boolean(), keyBoundArbitrary)
    .map(([parts, guardChoice, bodyChoice, bad, keyBound]) => {
      const bound = boundVariables(parts);
      const variable = bound[guardChoice % Math.max(bound.length, 1)];
      const guards: Term[] = [];
      if (variable !== undefined && guardChoice % 3 === 1)
        guards.push([atom('is_integer'), variable]);
      if (variable !== undefined && guardChoice % 3 === 2) guards.push([atom('=/='), variable, 2]);
      // Comparisons of the key variable, which an ordered_set walks as an interval.
      if (parts.keyVariable !== undefined && keyBound !== undefined) guards.push(...keyBound);
      const booleanBodies: Term[] = [true, false, [atom('is_integer'), variable ?? 1]];
      const anyBodies: Term[] = [
        atom('$_'),
        atom('$$'),
        variable ?? 0,
        [[variable ?? atom('$_'), atom('x')]],
        [atom('element'), 1, atom('$_')],
        ...booleanBodies,
      ];
      const choices = bodies === 'boolean' ? booleanBodies : anyBodies;
      // Now and then an unbound variable, which makes the specification invalid.
      const body =
        bad && bodyChoice % 10 === 0 ? atom('$9') : choices[bodyChoice % choices.length]!;
      return [headOf(parts), listFrom(guards), list(body)] as Term;
    });
  return fc.oneof(
    { weight: 12, arbitrary: fc.array(clause, { minLength: 1, maxLength: 3 }).map(listFrom) },
    { weight: 1, arbitrary: fc.constantFrom<Term>(atom('bad'), nil, list([1, 2])) },
  );
}

/** The body term that rebuilds a key pattern (a key-keeping select_replace), or changes it. */
function keyBody(key: Term): Term {
  if (Array.isArray(key)) return [key];
  return key;
}

const replaceSpecArbitrary: fc.Arbitrary<Term> = fc
  .array(
    fc.tuple(clausePartsArbitrary, fc.nat()).map(([parts, choice]) => {
      const bodies: Term[] = [
        [[keyBody(parts.key), atom('r')]],
        [[keyBody(parts.key), atom('r'), atom('s')]],
        atom('$_'),
        [[atom('other'), atom('r')]],
        [atom('const'), [parts.key, atom('c')]],
      ];
      return [headOf(parts), nil, list(bodies[choice % bodies.length]!)] as Term;
    }),
    { minLength: 1, maxLength: 2 },
  )
  .map(listFrom);

const limitArbitrary: fc.Arbitrary<Term> = fc.oneof(
  { weight: 8, arbitrary: fc.integer({ min: 1, max: 6 }) },
  { weight: 1, arbitrary: fc.constantFrom<Term>(0, -1, atom('l'), new Float(1)) },
);

const patternArbitrary: fc.Arbitrary<Term> = clausePartsArbitrary.map(headOf);

function callArbitrary(configuration: Configuration): fc.Arbitrary<Call> {
  const table = fc.constantFrom<Term>(TABLE, TABLE, TABLE, TABLE, TABLE, atom('nope'));
  const call = (name: string, ...args: fc.Arbitrary<Term>[]): fc.Arbitrary<Call> =>
    fc.tuple(...args).map((values) => ({ name, args: values }));
  const anySpec = selectSpecArbitrary('any');
  const calls = [
    call('select', table, anySpec),
    call('select_reverse', table, anySpec),
    call('select_chunks', table, anySpec, limitArbitrary),
    call('select_reverse_chunks', table, anySpec, limitArbitrary),
    call('select_count', table, selectSpecArbitrary('boolean')),
    call('select_delete', table, selectSpecArbitrary('boolean')),
    call('match', table, patternArbitrary),
    call('match_object', table, patternArbitrary),
    call('match_chunks', table, patternArbitrary, limitArbitrary),
    call('match_object_chunks', table, patternArbitrary, limitArbitrary),
    call('match_delete', table, patternArbitrary),
    call('insert', fc.constant<Term>(TABLE), objectArbitrary),
  ];
  calls.push(call('select_replace', table, replaceSpecArbitrary));
  if (configuration.type === 'ordered_set') {
    // Between chunks the table changes: an insert or a delete of a random key.
    const change = fc.oneof(
      objectArbitrary.map((object): Term => [atom('insert'), object]),
      keyArbitrary.map((key): Term => [atom('delete'), key]),
    );
    const changes = fc.array(change, { maxLength: 6 }).map(listFrom);
    calls.push(
      call('select_changing', table, anySpec, limitArbitrary, changes),
      call('select_reverse_changing', table, anySpec, limitArbitrary, changes),
    );
  }
  return fc.oneof(...calls);
}

/** Follows continuations to the end: the list of chunks (each an Erlang list). */
function drain(resume: (continuation: Continuation) => unknown, first: unknown): Term {
  const chunks: Term[] = [];
  let chunk = first;
  while (chunk !== END) {
    const [items, continuation] = chunk as SelectChunk;
    chunks.push(listFrom(items));
    chunk = continuation === END ? END : resume(continuation as Continuation);
  }
  return listFrom(chunks);
}

/** As {@link drain}, applying the next change to the table before each continuation. */
function drainChanging(
  ets: Ets,
  table: TableId,
  resume: (continuation: Continuation) => unknown,
  first: unknown,
  changes: List,
): Term {
  const pending = [...changes.items] as [Term, Term][];
  return drain((continuation) => {
    const change = pending.shift();
    if (change !== undefined) {
      if (change[0] === atom('insert')) ets.insert(table, change[1] as Tuple);
      else ets.delete(table, change[1]);
    }
    return resume(continuation);
  }, first);
}

function apply(ets: Ets, { name, args }: Call, table: TableId): Term {
  const [named, second, third, fourth] = args as [Term, Term, Term, Term];
  const tab = (named === TABLE ? table : named) as TableId;
  const methods: Record<string, () => Term> = {
    select: () => listFrom(ets.select(tab, second)),
    select_reverse: () => listFrom(ets.selectReverse(tab, second)),
    select_chunks: () => drain((c) => ets.select(c), ets.select(tab, second, third as number)),
    select_reverse_chunks: () =>
      drain((c) => ets.selectReverse(c), ets.selectReverse(tab, second, third as number)),
    select_count: () => ets.selectCount(tab, second),
    select_delete: () => ets.selectDelete(tab, second),
    select_replace: () => ets.selectReplace(tab, second),
    match: () => listFrom(ets.match(tab, second)),
    match_object: () => listFrom(ets.matchObject(tab, second)),
    match_chunks: () => drain((c) => ets.match(c), ets.match(tab, second, third as number)),
    match_object_chunks: () =>
      drain((c) => ets.matchObject(c), ets.matchObject(tab, second, third as number)),
    match_delete: () => ets.matchDelete(tab, second),
    select_changing: () =>
      drainChanging(
        ets,
        table,
        (c) => ets.select(c),
        ets.select(tab, second, third as number),
        fourth as List,
      ),
    select_reverse_changing: () =>
      drainChanging(
        ets,
        table,
        (c) => ets.selectReverse(c),
        ets.selectReverse(tab, second, third as number),
        fourth as List,
      ),
    insert: () => ets.insert(tab, second as Tuple),
  };
  const method = methods[name];
  if (method === undefined) throw new Error(`no method for ${name}`);
  return method();
}

function outcome(ets: Ets, call: Call, table: TableId): Term {
  try {
    return [atom('ok'), apply(ets, call, table)];
  } catch (thrown) {
    if (!(thrown instanceof EtsError)) throw thrown;
    const info = new Map<Term, Term>([...thrown.errorInfo].map(([at, text]) => [at as Term, text]));
    return [atom('error'), thrown.reason, atom(thrown.cause), info];
  }
}

const CHUNKED = new Set([
  'select_chunks',
  'select_reverse_chunks',
  'match_chunks',
  'match_object_chunks',
]);
const WHOLE = new Set(['select', 'select_reverse', 'match', 'match_object']);

function comparable(configuration: Configuration, call: Call, result: Term): string {
  const [status, value] = result as [symbol, Term];
  if (status === atom('error')) {
    const sentences = [...((result as Term[])[3] as Map<Term, Term>)].map(
      ([at, text]) =>
        `${String(at)}: ${typeof text === 'string' ? text : new TextDecoder().decode(text as Uint8Array)}`,
    );
    return `${format((result as Term[]).slice(0, 3))} ${sentences.sort().join('; ')}`;
  }
  if (configuration.type === 'ordered_set') return format(result);
  if (WHOLE.has(call.name)) return format(listFrom([...(value as List).items].sort(compareExact)));
  if (CHUNKED.has(call.name)) {
    const items = (value as List).items.flatMap((chunk) => (chunk as List).items);
    return `chunked ${format(listFrom(items.sort(compareExact)))}`;
  }
  return format(result);
}

function driver(options: string, objects: readonly Term[], calls: readonly Call[]): string {
  const encoded = format(list(...calls.map((call) => [atom(call.name), listFrom(call.args)])));
  return `
    Table = ets:new(sel, ${options}),
    [ets:insert(Table, Object) || Object <- ${format(listFrom([...objects]))}],
    Drain = fun Drain(_Resume, '$end_of_table', Chunks) -> lists:reverse(Chunks);
                Drain(Resume, {Items, '$end_of_table'}, Chunks) -> lists:reverse([Items | Chunks]);
                Drain(Resume, {Items, Continuation}, Chunks) ->
                  Drain(Resume, Resume(Continuation), [Items | Chunks])
            end,
    Changing = fun(Resume, Changes) ->
      Pending = make_ref(),
      put(Pending, Changes),
      fun(Continuation) ->
        case get(Pending) of
          [{insert, Object} | Rest] -> ets:insert(Table, Object), put(Pending, Rest);
          [{delete, Key} | Rest] -> ets:delete(Table, Key), put(Pending, Rest);
          [] -> ok
        end,
        Resume(Continuation)
      end
    end,
    Apply = fun(select_chunks, [T, M, L]) -> Drain(fun ets:select/1, ets:select(T, M, L), []);
               (select_reverse_chunks, [T, M, L]) ->
                 Drain(fun ets:select_reverse/1, ets:select_reverse(T, M, L), []);
               (match_chunks, [T, P, L]) -> Drain(fun ets:match/1, ets:match(T, P, L), []);
               (match_object_chunks, [T, P, L]) ->
                 Drain(fun ets:match_object/1, ets:match_object(T, P, L), []);
               (select_changing, [T, M, L, Changes]) ->
                 Drain(Changing(fun ets:select/1, Changes), ets:select(T, M, L), []);
               (select_reverse_changing, [T, M, L, Changes]) ->
                 Drain(Changing(fun ets:select_reverse/1, Changes), ets:select_reverse(T, M, L), []);
               (Name, Args) -> erlang:apply(ets, Name, Args)
            end,
    Resolve = fun([sel | Rest]) -> [Table | Rest]; (Args) -> Args end,
    Run = fun({Name, Args}) ->
      try {ok, Apply(Name, Resolve(Args))}
      catch error:Reason:Stack ->
        Cause = case Stack of
          [{ets, _, _, Info} | _] -> maps:get(cause, proplists:get_value(error_info, Info, #{}), none);
          _ -> none
        end,
        Sentences = try erl_stdlib_errors:format_error(Reason, Stack) catch _:_ -> crashed end,
        {error, Reason, Cause, Sentences}
      end
    end,
    Results = [Run(Call) || Call <- ${encoded}],
    Final = ets:tab2list(Table),
    ets:delete(Table),
    term_to_binary({Results, Final}).`;
}

const CONFIGURATIONS: readonly Configuration[] = [
  { type: 'set' },
  { type: 'bag' },
  { type: 'duplicate_bag' },
  { type: 'ordered_set', backend: 'wavl' },
  { type: 'ordered_set', backend: 'avl' },
  { type: 'ordered_set', backend: 'skiplist' },
  { type: 'set', keypos: 2 },
  { type: 'ordered_set', backend: 'wavl', keypos: 2 },
];

withOracle('select and match against erl', (oracle) => {
  for (const configuration of CONFIGURATIONS) {
    const label = `${configuration.type}${configuration.backend ? ` (${configuration.backend})` : ''}, keypos ${configuration.keypos ?? 1}`;
    it(`gives the results and errors of erl on a ${label}`, async () => {
      const objects = fc.array(objectArbitrary, { maxLength: 25 });
      const calls = fc.array(callArbitrary(configuration), { minLength: 1, maxLength: 12 });
      await fc.assert(
        fc.asyncProperty(objects, calls, async (initial, sequence) => {
          // Objects are inserted one by one on both sides, so list-insert order never matters.
          const ets = createEts({ runtime: new NodeProcessRuntime() });
          const options: TableOptions = {
            type: configuration.type,
            namedTable: true,
            access: 'public',
            keypos: configuration.keypos ?? 1,
            ...(configuration.backend === undefined ? {} : { backend: configuration.backend }),
          };
          const table = ets.new(TABLE, options);
          for (const object of initial) ets.insert(table, object);
          const theirs = `[${configuration.type},named_table,public,{keypos,${configuration.keypos ?? 1}}]`;
          const [expected, expectedFinal] = decode(
            await oracle().evaluate(driver(theirs, initial, sequence)),
          ) as [List, List];
          const outcomes = sequence.map((call) => outcome(ets, call, table));
          sequence.forEach((call, index) => {
            const theirsResult = expected.items[index]!;
            const text = `${call.name}${format(listFrom(call.args))}`;
            if ((theirsResult as Term[])[3] === atom('crashed')) {
              expect(`${text} -> ${format((outcomes[index] as Term[]).slice(0, 3))}`).toBe(
                `${text} -> ${format((theirsResult as Term[]).slice(0, 3))}`,
              );
              return;
            }
            expect(`${text} -> ${comparable(configuration, call, outcomes[index]!)}`).toBe(
              `${text} -> ${comparable(configuration, call, theirsResult)}`,
            );
          });
          const final = ets.tab2list(table) as Term[];
          const sortedTheirs = [...expectedFinal.items].sort(compareExact);
          expect(format(listFrom(final.sort(compareExact)))).toBe(format(listFrom(sortedTheirs)));
          ets.validate(table);
        }),
        { numRuns: 150 },
      );
    }, 180_000);
  }
});
