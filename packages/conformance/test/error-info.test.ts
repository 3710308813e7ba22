/**
 * The table of the `error_info` case (`src/error-info.ts`) checked three ways: against real
 * Erlang/OTP, which must raise each call's reason with its cause and blame the same arguments
 * with the same sentences (and complete the calls that must return); against
 * `ets:module_info(exports)`, which must have no function without a row; and against
 * `@tsunami/ets`, whose `EtsError` must carry the same reason, cause and sentences.
 *
 * Each call is made in erl as OTP's `eval_ets_bif_errors` makes it: the table argument made
 * afresh (private to the caller, or public and another process's), then deleted or replaced by
 * a reference for the `deleted` and `notATable` states, or the call made by a new process for
 * `otherProcess`. Rows and calls whose `since` names a behaviour the oracle's OTP lacks are
 * compared only as far as that OTP has them (`hasBehaviour`).
 */
import { atom, decode, encode, format, type List, list, type Term } from '@tsunami/core';
import { EtsError } from '@tsunami/ets';
import { hasBehaviour, otpDifferences, withOracle } from '@tsunami/oracle';
import { describe, expect, it } from 'vitest';
import type { CaseContext } from '../src/case.js';
import {
  describeCall,
  makeFixtures,
  runErrorInfoCall,
  supportsRow,
} from '../src/cases/error-info.js';
import {
  type CallArgument,
  ERROR_INFO_TABLE,
  type ErrorInfoCall,
  type ErrorInfoRow,
  type ExpectedOutcome,
  ProcessArgument,
  TableArgument,
} from '../src/error-info.js';
import { tsunamiFactory } from '../src/tsunami.js';

const a = atom;
const TIMEOUT = 120_000;

/** An argument as erl's side of the test reads it: placeholders as tagged tuples. */
function asErlangArgument(argument: CallArgument): Term {
  if (argument instanceof TableArgument) return [a('$table'), a(argument.type), a(argument.setup)];
  if (argument instanceof ProcessArgument) return [a('$process'), a(argument.which)];
  return argument;
}

/** OTP's `eval_ets_bif_errors` for one call: sets the table up, calls, reports what happened. */
const ERLANG_RUNNER = `
  Living = spawn(fun() -> receive stop -> ok end end),
  {DeadPid, DeadRef} = spawn_monitor(fun() -> ok end),
  receive {'DOWN', DeadRef, process, DeadPid, _} -> ok end,
  _ = ets:new(name_already_exists, [named_table]),
  Apply = fun(F, Args) ->
    try apply(ets, F, Args), returns
    catch error:Reason:Stack ->
      Cause = case Stack of
        [{ets, _, _, Info} | _] ->
          maps:get(cause, proplists:get_value(error_info, Info, #{}), none);
        _ -> none
      end,
      Blamed = try
                 Sentences = erl_stdlib_errors:format_error(Reason, Stack),
                 lists:sort([{K, unicode:characters_to_binary(V)}
                             || {K, V} <- maps:to_list(Sentences)])
               catch _:_ -> crashed end,
      {raises, Reason, Cause, Blamed}
    end
  end,
  Self = self(),
  Setup = fun({'$table', Type, unowned}) ->
                spawn(fun() -> T = ets:new(table, [Type, public]), Self ! {unowned, T},
                               receive stop -> ok end end),
                receive {unowned, T} -> T end;
             ({'$table', Type, Kind}) ->
                Named = Kind =:= named,
                Name = case Named of true -> '$named_table'; false -> table end,
                T = ets:new(Name, [Type, private] ++ [named_table || Named]),
                [true = ets:insert(T, {one, two, 3}) || Kind =:= oneKey],
                T;
             ({'$process', self}) -> self();
             ({'$process', living}) -> Living;
             ({'$process', dead}) -> DeadPid;
             (Other) -> Other
          end,
  IsTable = fun({'$table', _, _}) -> true; (_) -> false end,
  Run = fun({F, Placeholders, State}) ->
    Args = [Setup(P) || P <- Placeholders],
    At = length(lists:takewhile(fun(P) -> not IsTable(P) end, Placeholders)) + 1,
    Result = case State of
      otherProcess ->
        {Pid, Ref} = spawn_monitor(fun() -> exit({result, Apply(F, Args)}) end),
        receive {'DOWN', Ref, process, Pid, {result, R}} -> R end;
      deleted -> ets:delete(lists:nth(At, Args)), Apply(F, Args);
      notATable ->
        ets:delete(lists:nth(At, Args)),
        Apply(F, lists:sublist(Args, At - 1) ++ [make_ref()] ++ lists:nthtail(At, Args));
      _ -> Apply(F, Args)
    end,
    [catch ets:delete(T) || T <- Args, is_reference(T) orelse T =:= '$named_table'],
    Result
  end,`;

/** What the table expects, in the shape erl's runner reports it. */
function expectedTerm(expected: ExpectedOutcome): Term {
  if (expected.kind === 'returns') return a('returns');
  const blamed = Object.entries(expected.blamed).map(
    ([at, sentence]): Term => [Number(at), sentence],
  );
  return [a('raises'), expected.reason, a(expected.cause), list(...blamed)];
}

/** A reply of erl's runner (or an expectation) as text, binaries as Erlang strings. */
function text(term: Term): string {
  return format(term).replace(
    /<<(\d+(,\d+)*)>>/g,
    (_, bytes: string) => `"${Buffer.from(bytes.split(',').map(Number)).toString('utf8')}"`,
  );
}

interface LabelledCall {
  readonly row: ErrorInfoRow;
  readonly call: ErrorInfoCall;
}

const ALL_CALLS: readonly LabelledCall[] = ERROR_INFO_TABLE.flatMap((row) =>
  row.calls.map((call) => ({ row, call })),
);

describe('the error_info table', () => {
  it('has one row per function and arity, in order, with calls of that arity', () => {
    const keys = ERROR_INFO_TABLE.map((row) => `${row.erlangName}/${row.arity}`);
    expect(new Set(keys).size).toBe(keys.length);
    const sorted = [...ERROR_INFO_TABLE].sort(
      (left, right) =>
        (left.erlangName < right.erlangName ? -1 : left.erlangName > right.erlangName ? 1 : 0) ||
        left.arity - right.arity,
    );
    expect(keys).toEqual(sorted.map((row) => `${row.erlangName}/${row.arity}`));
    for (const row of ERROR_INFO_TABLE) {
      expect(row.calls.length === 0, `${row.erlangName}/${row.arity}`).toBe(
        row.noCallsBecause !== undefined,
      );
      for (const call of row.calls)
        expect(call.args.length, describeCall(row, call)).toBe(row.arity);
    }
  });

  it('blames an argument of every call that raises (the "no explanation" check)', () => {
    const unexplained = ALL_CALLS.filter(
      ({ call }) =>
        call.expected.kind === 'raises' && Object.keys(call.expected.blamed).length === 0,
    ).map(({ row, call }) => describeCall(row, call));
    expect(unexplained).toEqual([]);
  });

  it('names only known OTP differences', () => {
    const known = new Set(otpDifferences.map((difference) => difference.id));
    const named = ERROR_INFO_TABLE.flatMap((row) => [
      row.since,
      ...row.calls.map((call) => call.since),
    ]).filter((since) => since !== undefined);
    expect(named.filter((since) => !known.has(since))).toEqual([]);
  });

  it("names a method of the suite's adapter for every function it calls", async () => {
    const { ets } = await tsunamiFactory()();
    const missing = ERROR_INFO_TABLE.filter(
      (row) =>
        row.calls.length > 0 &&
        typeof (ets as unknown as Record<string, unknown>)[row.name] !== 'function',
    ).map((row) => row.name);
    expect(missing).toEqual([]);
  });
});

withOracle('the error_info table against erl', (oracle) => {
  const version = () => oracle().installation.version;
  const present = (since: string | undefined) =>
    since === undefined || hasBehaviour(version(), since);

  it('has a row for every function ets exports, and none for a function it lacks', async () => {
    const exports = decode(
      await oracle().evaluate(
        'term_to_binary(lists:sort([{F, A} || {F, A} <- ets:module_info(exports), ' +
          'F =/= module_info])).',
      ),
    ) as List;
    const exported = [...exports.items].map((entry) => {
      const [name, arity] = entry as [symbol, number];
      return `${Symbol.keyFor(name)}/${arity}`;
    });
    const rows = ERROR_INFO_TABLE.filter((row) => present(row.since)).map(
      (row) => `${row.erlangName}/${row.arity}`,
    );
    expect(exported.filter((key) => !rows.includes(key))).toEqual([]);
    expect(rows.filter((key) => !exported.includes(key))).toEqual([]);
  });

  it(
    "raises each call's reason, cause and sentences as erl does",
    async () => {
      const calls = ALL_CALLS.filter(({ row }) => present(row.since));
      const request = list(
        ...calls.map(
          ({ row, call }): Term => [
            a(row.erlangName),
            list(...call.args.map(asErlangArgument)),
            a(call.state),
          ],
        ),
      );
      const bytes = Buffer.from(encode(request)).toString('base64');
      const replies = decode(
        await oracle().evaluate(
          `${ERLANG_RUNNER}
          term_to_binary([Run(C) || C <- binary_to_term(base64:decode("${bytes}"))]).`,
        ),
      ) as List;
      const differences: string[] = [];
      calls.forEach(({ row, call }, index) => {
        const reply = replies.items[index]!;
        const expected = expectedTerm(call.expected);
        // A call whose outcome changed in a later OTP: older ones must still raise the reason.
        if (!present(call.since)) {
          const raised = Array.isArray(reply) ? text(reply[1]!) : text(reply);
          if (raised !== text((expected as Term[])[1]!)) {
            differences.push(`${describeCall(row, call)}: ${raised}`);
          }
          return;
        }
        if (text(reply) !== text(expected)) {
          differences.push(
            `${describeCall(row, call)}:\n  table: ${text(expected)}\n  erl:   ${text(reply)}`,
          );
        }
      });
      expect(differences.join('\n')).toBe('');
    },
    TIMEOUT,
  );
});

/** What `@tsunami/ets` raised, in the shape of {@link expectedTerm}. */
function tsunamiTerm(result: Awaited<ReturnType<typeof runErrorInfoCall>>): Term {
  if (result.kind === 'returns') return a('returns');
  const error = result.error;
  if (!(error instanceof EtsError)) return [a('not_an_ets_error'), String(error)];
  const blamed = [...error.errorInfo]
    .filter(([at]) => at !== 'general')
    .sort(([left], [right]) => Number(left) - Number(right))
    .map(([at, sentence]): Term => [at as number, sentence]);
  return [a('raises'), error.reason, a(error.cause), list(...blamed)];
}

describe("@tsunami/ets's errors against the error_info table", () => {
  for (const backend of ['wavl', 'avl', 'skiplist'] as const) {
    it(
      `raises each call's reason, cause and sentences (ordered_set on ${backend})`,
      async () => {
        const instance = await tsunamiFactory({ backend })();
        const context: CaseContext = { ...instance, privateDirectory: '' };
        await context.ets.new(a('name_already_exists'), { namedTable: true });
        const fixtures = await makeFixtures(context);
        const differences: string[] = [];
        for (const { row, call } of ALL_CALLS) {
          if (!supportsRow(context, row)) continue;
          const expected = text(expectedTerm(call.expected));
          const actual = text(tsunamiTerm(await runErrorInfoCall(context, fixtures, row, call)));
          if (actual !== expected) {
            differences.push(
              `${describeCall(row, call)}:\n  table: ${expected}\n  ours:  ${actual}`,
            );
          }
        }
        await fixtures.release();
        await instance.close?.();
        expect(differences.join('\n')).toBe('');
      },
      TIMEOUT,
    );
  }
});
