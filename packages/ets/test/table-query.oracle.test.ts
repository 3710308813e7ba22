/**
 * Differential test of `table` (`ets:table/1,2`) against real erl, where the handle is evaluated
 * by `qlc:e/1`: random tables of every type, every traversal with random chunk sizes, explicit
 * match specifications (one of them invalid) and bad options. Compared per case: the outcome
 * (the objects or results, sorted unless the table is an ordered_set, whose order must match;
 * or `badarg`) and whether the table is still fixed afterwards.
 */
import { atom, compare, format, list, type Term } from '@tsunami/core';
import { withOracle } from '@tsunami/oracle';
import fc from 'fast-check';
import { it } from 'vitest';
import { createEts, EtsError, type TableQueryOptions } from '../src/index.js';
import { tableQueryOptionsAsTerm } from '../src/table-query.js';
import { expectCasesAsErl } from './driver-cases.js';

const TYPES = ['set', 'ordered_set', 'bag', 'duplicate_bag'] as const;
const CASES = 300;

const SPECS: Term[] = [
  list([[atom('$1'), atom('$2')], list([atom('>'), atom('$1'), 2]), list(atom('$2'))]),
  list([[atom('_'), atom('$1')], list(), list([[atom('$1')]])]),
  list([atom('$1'), list(), list(atom('$_'))]),
  atom('not_a_spec'),
];

interface Case {
  readonly type: (typeof TYPES)[number];
  readonly objects: readonly Term[][];
  readonly options: TableQueryOptions;
}

const optionsArbitrary: fc.Arbitrary<TableQueryOptions> = fc.oneof(
  {
    weight: 8,
    arbitrary: fc.record(
      {
        traverse: fc.oneof(
          fc.constantFrom('first_next' as const, 'last_prev' as const, 'select' as const),
          fc.constantFrom(...SPECS).map((select) => ({ select })),
        ),
        nObjects: fc.oneof(fc.constant('default' as const), fc.integer({ min: 1, max: 4 })),
      },
      { requiredKeys: [] },
    ),
  },
  {
    weight: 2,
    arbitrary: fc.constantFrom<unknown>(
      { nObjects: 0 },
      { nObjects: -2 },
      { nObjects: 1.5 },
      { traverse: 'sideways' },
      { traverse: 'select', nObjects: 'all' },
    ) as fc.Arbitrary<TableQueryOptions>,
  },
);

const caseArbitrary: fc.Arbitrary<Case> = fc.record({
  type: fc.constantFrom(...TYPES),
  objects: fc.array(fc.tuple(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 2 })), {
    maxLength: 12,
  }),
  options: optionsArbitrary,
});

/** Runs a case here: `{Outcome, Fixed}` as erl's driver builds it. */
function ours(testCase: Case): Term {
  const ets = createEts();
  const tab = ets.new(atom('t'), { type: testCase.type });
  for (const object of testCase.objects) ets.insert(tab, object);
  let outcome: Term;
  try {
    const results = [...ets.table(tab, testCase.options)];
    if (testCase.type !== 'ordered_set') results.sort(compare);
    outcome = [atom('ok'), list(...results)];
  } catch (error) {
    if (!(error instanceof EtsError)) throw error;
    outcome = error.reason;
  }
  return [outcome, ets.info(tab, 'fixed')];
}

const DRIVER = `
Run = fun(Type, Objects, Options) ->
  T = ets:new(t, [Type]), ets:insert(T, Objects),
  R = try qlc:e(ets:table(T, Options)) of
        L when Type =:= ordered_set -> {ok, L};
        L -> {ok, lists:sort(L)}
      catch error:badarg -> badarg end,
  Out = {R, ets:info(T, fixed)}, ets:delete(T), Out
end,`;

withOracle('table against erl', (oracle) => {
  it('traverses, chunks and rejects options as qlc:e(ets:table(T, Options)) does', async () => {
    await expectCasesAsErl(
      oracle(),
      DRIVER,
      fc.sample(caseArbitrary, { numRuns: CASES }),
      (testCase) =>
        `Run(${testCase.type}, ${format(list(...testCase.objects))}, ` +
        `${format(tableQueryOptionsAsTerm(testCase.options))})`,
      ours,
    );
  });
});
