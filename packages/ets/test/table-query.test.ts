import { atom, compare, List, list, type Term } from '@tsunami/core';
import { fun2ms as matchspecFun2ms } from '@tsunami/matchspec';
import { describe, expect, it } from 'vitest';
import { createEts, EtsError, type TableQueryOptions } from '../src/index.js';

const TYPES = ['set', 'ordered_set', 'bag', 'duplicate_bag'] as const;
const OBJECTS: Term[][] = [
  [3, atom('c')],
  [1, atom('a')],
  [2, atom('b')],
  [2, atom('b2')],
  [5, atom('e')],
];

function filled(type: (typeof TYPES)[number]) {
  const ets = createEts();
  const tab = ets.new(atom('t'), { type });
  for (const object of OBJECTS) ets.insert(tab, object);
  return { ets, tab };
}

const sorted = (terms: Iterable<Term>) => [...terms].sort(compare);

describe('table (ets:table/1,2 as an iterable)', () => {
  it('yields every object by each traversal, on every table type', () => {
    for (const type of TYPES) {
      const { ets, tab } = filled(type);
      const all = sorted(ets.tab2list(tab));
      const traversals: TableQueryOptions[] = [
        {},
        { traverse: 'first_next' },
        { traverse: 'last_prev' },
        { traverse: 'select', nObjects: 1 },
        { nObjects: 'default' },
      ];
      for (const options of traversals) {
        expect(sorted(ets.table(tab, options)), `${type} ${JSON.stringify(options)}`).toEqual(all);
      }
    }
  });

  it('walks an ordered_set in key order, and backwards by last_prev', () => {
    const { ets, tab } = filled('ordered_set');
    const keys = (options: TableQueryOptions) =>
      [...ets.table(tab, options)].map((object) => (object as Term[])[0]);
    expect(keys({ traverse: 'first_next' })).toEqual([1, 2, 3, 5]);
    expect(keys({ traverse: 'select', nObjects: 2 })).toEqual([1, 2, 3, 5]);
    expect(keys({ traverse: 'last_prev' })).toEqual([5, 3, 2, 1]);
  });

  it('yields the results of an explicit match specification, made by fun2ms too', () => {
    const { ets, tab } = filled('ordered_set');
    const spec = ets.fun2ms('fun({K, V}) when K > 1 -> V end');
    expect(spec).toEqual(matchspecFun2ms('fun({K, V}) when K > 1 -> V end'));
    const query = ets.table(tab, { traverse: { select: spec }, nObjects: 1 });
    // {2, b2} replaced {2, b}: one object per key.
    expect([...query]).toEqual([atom('b2'), atom('c'), atom('e')]);
    // A handle can be iterated again: each iteration is a new traversal.
    expect([...query]).toEqual([atom('b2'), atom('c'), atom('e')]);
  });

  it('fixes the table while iterating and releases it however the iteration ends', () => {
    const { ets, tab } = filled('set');
    const fixed = () => ets.info(tab, 'fixed');
    const iterator = ets.table(tab, { traverse: 'first_next' })[Symbol.iterator]();
    expect(fixed()).toBe(false);
    iterator.next();
    expect(fixed()).toBe(true);
    iterator.return?.();
    expect(fixed()).toBe(false);
    for (const _ of ets.table(tab)) break;
    expect(fixed()).toBe(false);
    expect(() => {
      for (const _ of ets.table(tab)) throw new Error('consumer failed');
    }).toThrow('consumer failed');
    expect(fixed()).toBe(false);
    expect([...ets.table(tab)]).toHaveLength(ets.info(tab, 'size') as number);
    expect(fixed()).toBe(false);
  });

  it('sees every object present throughout a first_next walk that deletes as it goes', () => {
    const { ets, tab } = filled('set');
    const before = sorted(ets.tab2list(tab));
    const seen: Term[] = [];
    for (const object of ets.table(tab, { traverse: 'first_next' })) {
      seen.push(object);
      ets.delete(tab, (object as Term[])[0] as Term);
      // Each original key adds one new key (which the walk may or may not see).
      if ((object as Term[])[1] !== atom('new')) ets.insert(tab, [100 + seen.length, atom('new')]);
    }
    expect(sorted(seen.filter((object) => (object as Term[])[1] !== atom('new')))).toEqual(before);
    expect(ets.info(tab, 'fixed')).toBe(false);
  });

  it('checks the table when an iteration starts, and the specification at its first select', () => {
    const ets = createEts();
    const query = ets.table(atom('missing'));
    expect(() => [...query]).toThrow(
      expect.objectContaining({ functionName: 'safe_fixtable', cause: 'id' }),
    );
    const tab = ets.new(atom('t'), {});
    ets.insert(tab, [1]);
    const bad = ets.table(tab, { traverse: { select: atom('bad') } });
    expect(() => [...bad]).toThrow(expect.objectContaining({ functionName: 'select' }));
    expect(ets.info(tab, 'fixed')).toBe(false);
  });

  it('ends with the error of the next call when the table is deleted during an iteration', () => {
    const { ets, tab } = filled('ordered_set');
    const iterator = ets.table(tab, { traverse: 'first_next' })[Symbol.iterator]();
    iterator.next();
    ets.delete(tab);
    expect(() => iterator.next()).toThrow(expect.objectContaining({ functionName: 'next' }));
  });

  it('raises badarg for an unknown option, a bad traverse or a bad nObjects', () => {
    const { ets, tab } = filled('set');
    const bad: unknown[] = [
      { nObjects: 0 },
      { nObjects: 1.5 },
      { nObjects: -3 },
      { nObjects: 'all' },
      { traverse: 'bad' },
      { traverse: { select: [], other: 1 } },
      { traverse: {} },
      { unique: true },
      null,
      [],
      list([atom('traverse'), atom('select')]),
    ];
    for (const [index, options] of bad.entries()) {
      let error: unknown;
      try {
        ets.table(tab, options as TableQueryOptions);
      } catch (caught) {
        error = caught;
      }
      expect(error, `options #${index}`).toBeInstanceOf(EtsError);
      // What is no options object (null, an array, an Erlang list) is reported as it is.
      if (options === null || Array.isArray(options) || options instanceof List) {
        expect((error as EtsError).args[1]).toBe(options);
      }
      expect((error as EtsError).reason).toBe(atom('badarg'));
      expect((error as EtsError).message).toBe(
        'bad argument in ets:table/2: argument 2: invalid options',
      );
    }
    expect(
      (() => {
        try {
          ets.table(tab, { traverse: 'bad' as 'select', nObjects: 5 });
        } catch (error) {
          return (error as EtsError).args[1];
        }
      })(),
    ).toEqual(
      expect.objectContaining({
        items: [
          [atom('traverse'), atom('bad')],
          [atom('n_objects'), 5],
        ],
      }),
    );
  });
});
