/**
 * Differential tests against real Erlang/OTP: random sequences of ETS calls (bad arguments
 * included) run on a table (named, or unnamed and called by its reference) here and in erl,
 * through a small Erlang driver that applies each call and returns `{ok, Result}` or
 * `{error, Reason, Cause, ErrorInfo}` (the cause from the BIF's `error_info`, the sentences from
 * `erl_stdlib_errors:format_error/2`) as `term_to_binary` bytes. Every result and error must be identical, on every table type and
 * every ordered backend. Hash tables walk their keys in a different (unspecified) order than
 * OTP's, so there only whether a traversal call succeeds is compared, and `tab2list` is sorted.
 */
import {
  atom,
  compareExact,
  decode,
  Float,
  format,
  isAtom,
  List,
  list,
  listFrom,
  type Term,
  type Tuple,
} from '@tsunami/core';
import { hasBehaviour, withOracle } from '@tsunami/oracle';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import {
  createEts,
  type Ets,
  EtsError,
  NodeProcessRuntime,
  type TableId,
  type TableOptions,
} from '../src/index.js';

const TABLE = atom('diff');
const MISSING = atom('nope');

// Sequences per configuration and the fast-check seed, from the environment: `pnpm test:soak`
// (TSUNAMI_SOAK=1) runs ten times as many; ETS_ORACLE_RUNS and ETS_ORACLE_SEED set them exactly
// (the seed fast-check prints with a failure replays it).
const RUNS = Number(process.env.ETS_ORACLE_RUNS ?? (process.env.TSUNAMI_SOAK === '1' ? 3000 : 300));
const SEED = process.env.ETS_ORACLE_SEED;
const TIMEOUT = Math.max(120_000, RUNS * 400);

interface Call {
  readonly name: string;
  readonly args: readonly Term[];
}

interface Features {
  readonly lookupElementDefault: boolean;
  readonly firstNextLookup: boolean;
  readonly updateElementDefault: boolean;
  readonly bagListOrder: boolean;
  readonly signedZero: boolean;
  readonly updateElementPositionCause: boolean;
  readonly shortDefaultRejected: boolean;
}

interface Configuration {
  readonly type: 'set' | 'ordered_set' | 'bag' | 'duplicate_bag';
  readonly backend?: 'wavl' | 'avl' | 'skiplist';
  readonly keypos: number;
  /** An unnamed table: calls name it by the reference `new` returned. Default named. */
  readonly unnamed?: true;
}

function keyArbitrary(features: Features): fc.Arbitrary<Term> {
  const zeros: Term[] = [0, new Float(0), ...(features.signedZero ? [new Float(-0)] : [])];
  return fc.oneof(
    fc.integer({ min: 0, max: 5 }),
    fc.constantFrom<Term>(
      new Float(1),
      1.5,
      atom('a'),
      atom('b'),
      'x',
      [1],
      list(1, 2),
      2n ** 70n,
      ...zeros,
    ),
  );
}

function valueArbitrary(features: Features): fc.Arbitrary<Term> {
  return fc.oneof(
    fc.integer({ min: -3, max: 3 }),
    fc.constantFrom<Term>(atom('v'), new Float(2), 2n ** 64n, 'bin'),
    keyArbitrary(features),
  );
}

function objectArbitrary(configuration: Configuration, features: Features): fc.Arbitrary<Term[]> {
  return fc
    .tuple(keyArbitrary(features), fc.array(valueArbitrary(features), { maxLength: 3 }))
    .map(([key, values]) => {
      const object = [...values];
      while (object.length < configuration.keypos - 1) object.push(0);
      object.splice(configuration.keypos - 1, 0, key);
      return object;
    });
}

function callArbitrary(configuration: Configuration, features: Features): fc.Arbitrary<Call> {
  const key = keyArbitrary(features);
  const object = objectArbitrary(configuration, features);
  const bag = configuration.type === 'bag' || configuration.type === 'duplicate_bag';
  const objectList = fc.array(object, { maxLength: 4 }).map((objects) => {
    if (!bag || features.bagListOrder) return listFrom(objects);
    // OTP before 25.3 reverses a bag's list insert: keep one object per key there.
    const seen: Term[] = [];
    return listFrom(
      objects.filter((candidate) => {
        const candidateKey = candidate[configuration.keypos - 1]!;
        if (seen.some((other) => compareExact(other, candidateKey) === 0)) return false;
        seen.push(candidateKey);
        return true;
      }),
    );
  });
  const badObject = fc.constantFrom<Term>([], 5, list([1], []), atom('x'));
  const table = fc.constantFrom<Term>(TABLE, TABLE, TABLE, TABLE, MISSING, 7);
  const position = fc.oneof(fc.integer({ min: -1, max: 5 }), fc.constant<Term>(atom('p')));
  const integer = fc.integer({ min: -3, max: 3 });
  const counterOperation = fc.oneof(
    integer,
    fc.tuple(fc.integer({ min: 0, max: 4 }), integer),
    fc.tuple(fc.integer({ min: 0, max: 4 }), integer, integer, integer),
    fc.constantFrom<Term>(atom('x'), [2, new Float(1)]),
  );
  const counterOperations = fc.oneof(
    counterOperation,
    fc.array(counterOperation, { maxLength: 3 }).map((operations) => listFrom(operations)),
  );
  const elementSpecification = fc.oneof(
    fc.tuple(fc.integer({ min: 0, max: 4 }), valueArbitrary(features)),
    fc.constant<Term>(atom('x')),
  );
  const elementSpecifications = fc.oneof(
    elementSpecification,
    fc.array(elementSpecification, { maxLength: 3 }).map((specs) => listFrom(specs)),
  );
  // Defaults too short for the key position only where the oracle rejects them as OTP 29 does
  // (the OTP-differences entry `default-object-too-short`).
  const defaultObject = fc.oneof(
    fc.array(fc.integer({ min: 0, max: 3 }), {
      minLength: features.shortDefaultRejected ? 0 : configuration.keypos,
      maxLength: 4,
    }),
    fc.constant<Term>(atom('d')),
  );
  const call = (name: string, ...args: fc.Arbitrary<Term>[]): fc.Arbitrary<Call> =>
    fc.tuple(...args).map((values) => ({ name, args: values }));
  const calls: fc.Arbitrary<Call>[] = [
    call('insert', table, fc.oneof(object, objectList, badObject)),
    call('insert', fc.constant(TABLE), object),
    call('insert', fc.constant(TABLE), objectList),
    call('insert_new', table, fc.oneof(object, objectList, badObject)),
    call('lookup', table, key),
    call('member', table, key),
    call('lookup_element', table, key, position),
    call('take', table, key),
    call('delete', table, key),
    call('delete_object', table, fc.oneof(object, badObject)),
    call('first', table),
    call('last', table),
    call('next', table, key),
    call('prev', table, key),
    call('update_counter', table, key, counterOperations),
    call('update_counter', table, key, counterOperations, defaultObject),
    call('update_element', table, key, elementSpecifications),
    call('tab2list', table),
    call('delete_all_objects', table),
    call('foldl_collect', table),
    call('foldr_collect', table),
    call('safe_fixtable', table, fc.constantFrom<Term>(true, false, atom('maybe'))),
    call(
      'info',
      table,
      fc.constantFrom<Term>(
        atom('size'),
        atom('type'),
        atom('keypos'),
        atom('fixed'),
        atom('named_table'),
        atom('protection'),
        atom('bogus'),
      ),
    ),
  ];
  if (configuration.type === 'ordered_set') {
    calls.push(
      call('slot', table, fc.oneof(fc.integer({ min: -1, max: 6 }), fc.constant(atom('s')))),
    );
  }
  if (features.lookupElementDefault) {
    calls.push(call('lookup_element', table, key, position, valueArbitrary(features)));
  }
  if (features.firstNextLookup) {
    calls.push(call('first_lookup', table), call('last_lookup', table));
    calls.push(call('next_lookup', table, key), call('prev_lookup', table, key));
  }
  if (features.updateElementDefault) {
    calls.push(call('update_element', table, key, elementSpecifications, defaultObject));
  }
  return fc.oneof(...calls);
}

/** Calls the method of `ets` that implements `ets:<name>/<arity>`. */
function apply(ets: Ets, { name, args }: Call, table: TableId): Term {
  const [named, ...rest] = args as [never, ...never[]];
  const tab = (named === TABLE ? table : named) as never;
  const method = {
    insert: () => ets.insert(tab, rest[0]!),
    insert_new: () => ets.insertNew(tab, rest[0]!),
    lookup: () => listFrom(ets.lookup(tab, rest[0]!)),
    member: () => ets.member(tab, rest[0]!),
    lookup_element: () => (ets.lookupElement as (...values: Term[]) => Term)(tab, ...rest),
    take: () => listFrom(ets.take(tab, rest[0]!)),
    delete: () => ets.delete(tab, rest[0]!),
    delete_object: () => ets.deleteObject(tab, rest[0]!),
    first: () => ets.first(tab),
    last: () => ets.last(tab),
    next: () => ets.next(tab, rest[0]!),
    prev: () => ets.prev(tab, rest[0]!),
    first_lookup: () => lookupResult(ets.firstLookup(tab)),
    last_lookup: () => lookupResult(ets.lastLookup(tab)),
    next_lookup: () => lookupResult(ets.nextLookup(tab, rest[0]!)),
    prev_lookup: () => lookupResult(ets.prevLookup(tab, rest[0]!)),
    update_counter: () => {
      const result = (ets.updateCounter as (...values: Term[]) => Term | Term[])(tab, ...rest);
      return Array.isArray(result) && (rest[1] as unknown) instanceof List
        ? listFrom(result)
        : result;
    },
    update_element: () => (ets.updateElement as (...values: Term[]) => Term)(tab, ...rest),
    tab2list: () => listFrom(ets.tab2list(tab)),
    delete_all_objects: () => ets.deleteAllObjects(tab),
    foldl_collect: () =>
      listFrom(ets.foldl((object, objects: Tuple[]) => [object, ...objects], [], tab)),
    foldr_collect: () =>
      listFrom(ets.foldr((object, objects: Tuple[]) => [object, ...objects], [], tab)),
    safe_fixtable: () => ets.safeFixtable(tab, rest[0]!),
    info: () => ets.info(tab, rest[0]!),
    slot: () => {
      const result = ets.slot(tab, rest[0]!);
      return isAtom(result) ? result : listFrom(result);
    },
  }[name];
  if (method === undefined) throw new Error(`no method for ets:${name}`);
  return method() as Term;
}

function lookupResult(result: readonly [Term, Tuple[]] | Term): Term {
  return Array.isArray(result) ? [result[0]!, listFrom(result[1] as Tuple[])] : (result as Term);
}

function outcome(ets: Ets, call: Call, table: TableId, features: Features): Term {
  try {
    return [atom('ok'), apply(ets, call, table)];
  } catch (thrown) {
    if (!(thrown instanceof EtsError)) throw thrown;
    const olderCause =
      thrown.functionName === 'update_element' &&
      thrown.cause === 'position' &&
      !features.updateElementPositionCause;
    const error = olderCause ? new EtsError(thrown.functionName, thrown.args) : thrown;
    const info = new Map<Term, Term>([...error.errorInfo].map(([at, text]) => [at as Term, text]));
    return [atom('error'), error.reason, atom(error.cause), info];
  }
}

const TRAVERSALS = new Set([
  'first',
  'last',
  'next',
  'prev',
  'first_lookup',
  'last_lookup',
  'next_lookup',
  'prev_lookup',
]);

/** The result with the parts that depend on hash order made comparable. */
function comparable(configuration: Configuration, call: Call, result: Term): string {
  const [status, value] = result as [symbol, Term];
  if (status === atom('error') && (result as Term[])[3] instanceof Map) {
    // Sentences as text, so that a difference reads as words rather than bytes.
    const sentences = [...((result as Term[])[3] as Map<Term, Term>)].map(
      ([at, text]) =>
        `${String(at)}: ${typeof text === 'string' ? text : new TextDecoder().decode(text as Uint8Array)}`,
    );
    return `${format((result as Term[]).slice(0, 3))} ${sentences.sort().join('; ')}`;
  }
  if (configuration.type !== 'ordered_set' && status === atom('ok')) {
    if (TRAVERSALS.has(call.name)) return 'ok';
    if (call.name === 'tab2list' || call.name.endsWith('_collect')) {
      return format(listFrom([...(value as List).items].sort(compareExact)));
    }
  }
  return format(result);
}

function optionsFor(configuration: Configuration): { ours: TableOptions; theirs: string } {
  const theirs = [
    configuration.type,
    ...(configuration.unnamed ? [] : ['named_table']),
    'public',
    `{keypos,${configuration.keypos}}`,
  ];
  return {
    ours: {
      type: configuration.type,
      namedTable: !configuration.unnamed,
      access: 'public',
      keypos: configuration.keypos,
      ...(configuration.backend === undefined ? {} : { backend: configuration.backend }),
    },
    theirs: `[${theirs.join(',')}]`,
  };
}

/** One erl request: make the table, run the calls, return every outcome as ETF bytes. */
function driver(options: string, calls: readonly Call[]): string {
  const encoded = format(list(...calls.map((call) => [atom(call.name), listFrom(call.args)])));
  return `
    Table = ets:new(diff, ${options}),
    Collect = fun(Object, Objects) -> [Object | Objects] end,
    Resolve = fun([diff | Rest]) -> [Table | Rest]; (Args) -> Args end,
    Apply = fun(foldl_collect, [Tab]) -> ets:foldl(Collect, [], Tab);
               (foldr_collect, [Tab]) -> ets:foldr(Collect, [], Tab);
               (Name, Args) -> erlang:apply(ets, Name, Args)
            end,
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
    ets:delete(Table),
    term_to_binary(Results).`;
}

const CONFIGURATIONS: readonly Configuration[] = [
  { type: 'set', keypos: 1 },
  { type: 'set', keypos: 2 },
  { type: 'bag', keypos: 1 },
  { type: 'duplicate_bag', keypos: 2 },
  { type: 'ordered_set', backend: 'wavl', keypos: 1 },
  { type: 'ordered_set', backend: 'avl', keypos: 2 },
  { type: 'ordered_set', backend: 'skiplist', keypos: 1 },
  { type: 'set', keypos: 1, unnamed: true },
  { type: 'ordered_set', backend: 'wavl', keypos: 1, unnamed: true },
];

withOracle('ets against erl', (oracle) => {
  const features = (): Features => {
    const version = oracle().installation.version;
    return {
      lookupElementDefault: hasBehaviour(version, 'lookup-element-default'),
      firstNextLookup: hasBehaviour(version, 'first-next-lookup'),
      updateElementDefault: hasBehaviour(version, 'update-element-default'),
      bagListOrder: hasBehaviour(version, 'bag-insert-list-order'),
      signedZero: hasBehaviour(version, 'signed-zero-float'),
      updateElementPositionCause: hasBehaviour(version, 'update-element-position-cause'),
      shortDefaultRejected: hasBehaviour(version, 'default-object-too-short'),
    };
  };

  for (const configuration of CONFIGURATIONS) {
    const label = `${configuration.unnamed ? 'unnamed ' : ''}${configuration.type}${configuration.backend ? ` (${configuration.backend})` : ''}, keypos ${configuration.keypos}`;
    it(`gives the results and errors of erl on a ${label}`, { timeout: TIMEOUT }, async () => {
      const calls = fc.array(callArbitrary(configuration, features()), { maxLength: 40 });
      await fc.assert(
        fc.asyncProperty(calls, async (sequence) => {
          const ets = createEts({ runtime: new NodeProcessRuntime() });
          const { ours: options, theirs } = optionsFor(configuration);
          const table = ets.new(TABLE, options);
          const expected = decode(await oracle().evaluate(driver(theirs, sequence))) as List;
          const outcomes = sequence.map((call) => outcome(ets, call, table, features()));
          sequence.forEach((call, index) => {
            const theirsResult = expected.items[index]!;
            const theirsError = theirsResult as Term[];
            // erl_stdlib_errors itself crashes on some improper arguments: compare the rest.
            if (theirsError[3] === atom('crashed')) {
              const oursError = outcomes[index] as Term[];
              expect(format(oursError.slice(0, 3))).toBe(format(theirsError.slice(0, 3)));
              return;
            }
            expect(
              `${call.name}${format(listFrom(call.args))} -> ${comparable(configuration, call, outcomes[index]!)}`,
            ).toBe(
              `${call.name}${format(listFrom(call.args))} -> ${comparable(configuration, call, theirsResult)}`,
            );
          });
        }),
        { numRuns: RUNS, ...(SEED === undefined ? {} : { seed: Number(SEED) }) },
      );
    });
  }
});
