/**
 * Differential test of `initTable` (`ets:init_table/2`) against real erl: random chunk
 * sequences, with objects that are not tuples and loaders whose last result is neither
 * `end_of_input` nor a chunk, on every table type. Compared per case: the outcome (the result,
 * or the exit reason: `badarg` for a failed insert, the bad result itself otherwise), the
 * table's objects afterwards (sorted), and how often a loader was called with `close`.
 */
import { atom, compare, format, type List, list, type Term, type Tuple } from '@tsunami/core';
import { withOracle } from '@tsunami/oracle';
import fc from 'fast-check';
import { it } from 'vitest';
import {
  createEts,
  EtsError,
  endOfInput,
  type InitFun,
  NodeProcessRuntime,
  ProcessExit,
} from '../src/index.js';
import { expectCasesAsErl } from './driver-cases.js';

const TYPES = ['set', 'ordered_set', 'bag', 'duplicate_bag'] as const;
const CASES = 200;

interface Case {
  readonly type: (typeof TYPES)[number];
  readonly chunks: readonly (readonly Term[])[];
  /** Whether a chunk's objects are handed over as a `List` (else as a JS array). */
  readonly asList: boolean;
  readonly final: Term;
}

const objectArbitrary: fc.Arbitrary<Term> = fc.oneof(
  {
    weight: 9,
    arbitrary: fc.tuple(fc.integer({ min: 0, max: 4 }), fc.integer({ min: 0, max: 2 })),
  },
  { weight: 1, arbitrary: fc.constant(atom('notuple')) },
);

const caseArbitrary: fc.Arbitrary<Case> = fc.record({
  type: fc.constantFrom(...TYPES),
  chunks: fc.array(fc.array(objectArbitrary, { maxLength: 4 }), { maxLength: 4 }),
  asList: fc.boolean(),
  final: fc.oneof(
    { weight: 4, arbitrary: fc.constant(endOfInput as Term) },
    { weight: 1, arbitrary: fc.constant(atom('bad')) },
    { weight: 1, arbitrary: fc.constant([1, 2, 3] as Term) },
  ),
});

/** Runs a case here: `{Outcome, SortedObjects, Closes}` as erl's driver builds it. */
function ours(testCase: Case): Term {
  const ets = createEts({ runtime: new NodeProcessRuntime() });
  const table = ets.new(atom('t'), { type: testCase.type });
  ets.insert(table, [atom('old'), 0]);
  let closes = 0;
  const loader = (index: number): InitFun => {
    return (action) => {
      if (action === atom('close')) {
        closes += 1;
        return endOfInput;
      }
      const chunk = testCase.chunks[index];
      if (chunk === undefined) return testCase.final as never;
      const objects = testCase.asList ? list(...chunk) : (chunk as Tuple[]);
      return [objects as List, loader(index + 1)];
    };
  };
  let outcome: Term;
  try {
    outcome = [atom('ok'), ets.initTable(table, loader(0))];
  } catch (error) {
    if (error instanceof EtsError) outcome = [atom('exit'), error.reason];
    else if (error instanceof ProcessExit) outcome = [atom('exit'), error.reason];
    else throw error;
  }
  const objects = ets.tab2list(table).sort(compare);
  return [outcome, list(...objects), closes];
}

const DRIVER = `
Run = fun(Type, Chunks, Final) ->
  T = ets:new(t, [Type]), ets:insert(T, {old, 0}),
  Self = self(),
  Mk = fun Mk([]) -> fun(read) -> Final; (close) -> Self ! closed, end_of_input end;
           Mk([C | Rest]) -> fun(read) -> {C, Mk(Rest)}; (close) -> Self ! closed, end_of_input end
       end,
  R = try ets:init_table(T, Mk(Chunks)) of V -> {ok, V}
      catch exit:{badarg, _} -> {exit, badarg}; exit:X -> {exit, X} end,
  Closes = (fun F(N) -> receive closed -> F(N + 1) after 0 -> N end end)(0),
  Out = {R, lists:sort(ets:tab2list(T)), Closes}, ets:delete(T), Out
end,`;

withOracle('init_table against erl', (oracle) => {
  it('loads, fails and closes as erl does on every table type', async () => {
    await expectCasesAsErl(
      oracle(),
      DRIVER,
      fc.sample(caseArbitrary, { numRuns: CASES }),
      (testCase) =>
        `Run(${testCase.type}, ${format(list(...testCase.chunks.map((chunk) => list(...chunk))))}, ${format(testCase.final)})`,
      ours,
    );
  });
});
