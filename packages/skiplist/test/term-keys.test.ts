/**
 * The skip list as an ETS `ordered_set` store: Erlang term keys ordered by core `compare`
 * (term order, where 1 and 1.0 are the same key), checked against the sorted-array model.
 */
import { compare, type Term } from '@tsunami/core';
import { keyArbitrary } from '@tsunami/core/testing';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { SkipList } from '../src/index.js';
import { type Command, runCommand, SortedArrayModel } from './model.js';

it('agrees with the model on Erlang term keys in term order', () => {
  const commandArbitrary: fc.Arbitrary<Command<Term>> = fc.oneof(
    fc.record({
      kind: fc.constantFrom('set' as const, 'setIfAbsent' as const),
      key: keyArbitrary,
      value: fc.nat(),
    }),
    fc.record({
      kind: fc.constantFrom(
        'delete' as const,
        'get' as const,
        'next' as const,
        'prev' as const,
        'ceiling' as const,
        'floor' as const,
      ),
      key: keyArbitrary,
    }),
    fc.record({
      kind: fc.constant('range' as const),
      range: fc.record(
        {
          low: keyArbitrary,
          lowInclusive: fc.boolean(),
          high: keyArbitrary,
          highInclusive: fc.boolean(),
          reverse: fc.boolean(),
        },
        { requiredKeys: [] },
      ),
      limit: fc.integer({ min: 1, max: 20 }),
    }),
  );
  fc.assert(
    fc.property(
      fc.array(commandArbitrary, { minLength: 20, maxLength: 120 }),
      fc.nat(),
      (commands, seed) => {
        const list = new SkipList<Term, number>(compare, { seed, probability: 0.5 });
        const model = new SortedArrayModel<Term, number>(compare);
        for (const command of commands) runCommand(list, model, command);
        expect(list.size).toBe(model.entries.length);
      },
    ),
    { numRuns: 60 },
  );
});
