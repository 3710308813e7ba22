/**
 * Model-based tests: random command sequences run against an Ets table and against a trivially
 * correct model (an array of objects in insertion order), for every table type and ordered
 * backend. After every command the table's contents, size and a full first/next walk must agree
 * with the model.
 */
import {
  atom,
  compare,
  compareExact,
  exactEquals,
  Float,
  list,
  type Term,
  type Tuple,
} from '@tsunami/core';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createEts, type Ets, endOfTable, NodeProcessRuntime, type TableId } from '../src/index.js';

type TableType = 'set' | 'ordered_set' | 'bag' | 'duplicate_bag';

/** The model: objects in insertion order; key equality by `==` (ordered_set) or `=:=`. */
class Model {
  objects: Tuple[] = [];
  constructor(readonly type: TableType) {}

  sameKey(left: Term, right: Term): boolean {
    return this.type === 'ordered_set' ? compare(left, right) === 0 : exactEquals(left, right);
  }

  lookup(key: Term): Tuple[] {
    return this.objects.filter((object) => this.sameKey(object[0]!, key));
  }

  insert(object: Tuple): void {
    if (this.type === 'set' || this.type === 'ordered_set') {
      const index = this.objects.findIndex((other) => this.sameKey(other[0]!, object[0]!));
      if (index === -1) this.objects.push(object);
      else this.objects.splice(index, 1, object);
      return;
    }
    if (this.type === 'bag' && this.objects.some((other) => exactEquals(other, object))) return;
    this.objects.push(object);
  }

  delete(key: Term): void {
    this.objects = this.objects.filter((object) => !this.sameKey(object[0]!, key));
  }

  deleteObject(object: Tuple): void {
    this.objects = this.objects.filter((other) => !exactEquals(other, object));
  }

  /** The contents in a canonical order, to compare with the table regardless of hash order. */
  sorted(): Tuple[] {
    return [...this.objects].sort((left, right) => compareExact(left, right));
  }
}

type Command =
  | { readonly kind: 'insert'; readonly objects: Tuple[] }
  | { readonly kind: 'insertNew'; readonly objects: Tuple[] }
  | { readonly kind: 'delete'; readonly key: Term }
  | { readonly kind: 'deleteObject'; readonly object: Tuple }
  | { readonly kind: 'take'; readonly key: Term }
  | { readonly kind: 'lookup'; readonly key: Term }
  | { readonly kind: 'counter'; readonly key: Term; readonly increment: number }
  | { readonly kind: 'clear' }
  | {
      readonly kind: 'steps';
      readonly from: Term | 'last';
      readonly count: number;
      readonly reverse: boolean;
    };

const keyArbitrary: fc.Arbitrary<Term> = fc.oneof(
  fc.integer({ min: 0, max: 8 }),
  fc.constantFrom<Term>(new Float(1), new Float(0), new Float(-0), atom('k'), 'k', [1], list(1)),
);
const objectArbitrary: fc.Arbitrary<Tuple> = fc
  .tuple(keyArbitrary, fc.oneof(fc.integer({ min: 0, max: 2 }), fc.constant<Term>(atom('v'))))
  .map(([key, value]) => [key, value]);
const commandArbitrary: fc.Arbitrary<Command> = fc.oneof(
  fc
    .array(objectArbitrary, { maxLength: 3 })
    .map((objects) => ({ kind: 'insert' as const, objects })),
  fc
    .array(objectArbitrary, { maxLength: 2 })
    .map((objects) => ({ kind: 'insertNew' as const, objects })),
  keyArbitrary.map((key) => ({ kind: 'delete' as const, key })),
  objectArbitrary.map((object) => ({ kind: 'deleteObject' as const, object })),
  keyArbitrary.map((key) => ({ kind: 'take' as const, key })),
  keyArbitrary.map((key) => ({ kind: 'lookup' as const, key })),
  fc
    .tuple(keyArbitrary, fc.integer({ min: -2, max: 2 }))
    .map(([key, increment]) => ({ kind: 'counter' as const, key, increment })),
  fc.constant<Command>({ kind: 'clear' }),
  fc
    .record({
      from: fc.oneof(keyArbitrary, fc.constant<'last'>('last')),
      count: fc.integer({ min: 1, max: 6 }),
      reverse: fc.boolean(),
    })
    .map((steps) => ({ kind: 'steps' as const, ...steps })),
);

/**
 * The key after `key` in an ordered_set's term order (before it, `reverse`), or `endOfTable`:
 * what `next` (`prev`) answers whether or not `key` is in the table.
 */
function modelStep(model: Model, key: Term, reverse: boolean): Term {
  const sign = reverse ? -1 : 1;
  const after = model.objects
    .map((object) => object[0]!)
    .filter((other) => sign * compare(other, key) > 0)
    .sort((left, right) => sign * compare(left, right));
  return after[0] ?? endOfTable;
}

/** A sequence's state: the key its last `steps` command ended on, where `'last'` goes on. */
interface Walk {
  last: Term;
}

function run(ets: Ets, table: TableId, model: Model, command: Command, walk: Walk): void {
  const counters = model.type === 'set' || model.type === 'ordered_set';
  switch (command.kind) {
    case 'insert':
      ets.insert(table, list(...command.objects));
      for (const object of command.objects) model.insert(object);
      return;
    case 'insertNew': {
      const fresh = command.objects.every((object) => model.lookup(object[0]!).length === 0);
      expect(ets.insertNew(table, list(...command.objects))).toBe(fresh);
      if (fresh) for (const object of command.objects) model.insert(object);
      return;
    }
    case 'delete':
      ets.delete(table, command.key);
      model.delete(command.key);
      return;
    case 'deleteObject':
      ets.deleteObject(table, command.object);
      model.deleteObject(command.object);
      return;
    case 'take':
      expect(ets.take(table, command.key)).toEqual(model.lookup(command.key));
      model.delete(command.key);
      return;
    case 'lookup':
      expect(ets.lookup(table, command.key)).toEqual(model.lookup(command.key));
      expect(ets.member(table, command.key)).toBe(model.lookup(command.key).length > 0);
      return;
    case 'counter': {
      if (!counters) return;
      const [current] = model.lookup(command.key);
      const value = typeof current?.[1] === 'number' ? current[1] + command.increment : undefined;
      const outcome = (() => {
        try {
          return ets.updateCounter(table, command.key, [2, command.increment]);
        } catch {
          return undefined;
        }
      })();
      expect(outcome).toBe(value);
      if (value !== undefined) model.insert([current![0]!, value]);
      return;
    }
    case 'clear':
      ets.deleteAllObjects(table);
      model.objects = [];
      return;
    case 'steps': {
      // Steps through an ordered_set (a hash table's order is its own), between the other
      // commands' changes: a walk that goes on from where the last one ended continues the
      // tree's own walk (its stacked ancestors), which must not outlive a change.
      if (model.type !== 'ordered_set') return;
      let key = command.from === 'last' ? walk.last : command.from;
      for (let step = 0; step < command.count && key !== endOfTable; step += 1) {
        const found = command.reverse ? ets.prev(table, key) : ets.next(table, key);
        expect(found).toEqual(modelStep(model, key, command.reverse));
        key = found;
      }
      if (key !== endOfTable) walk.last = key;
      return;
    }
  }
}

function check(ets: Ets, table: TableId, model: Model): void {
  ets.validate(table);
  const contents = ets.tab2list(table);
  if (model.type === 'ordered_set') {
    const expected = [...model.objects].sort((left, right) => compare(left[0]!, right[0]!));
    expect(contents).toEqual(expected);
  } else {
    expect([...contents].sort(compareExact)).toEqual(model.sorted());
  }
  expect(ets.info(table, 'size')).toBe(model.objects.length);
  // A walk with first/next visits every key once (an ordered_set's in term order).
  const keys: Term[] = [];
  for (let key = ets.first(table); key !== endOfTable; key = ets.next(table, key)) keys.push(key);
  const distinct = model.objects.filter(
    (object, index) =>
      model.objects.findIndex((other) => model.sameKey(other[0]!, object[0]!)) === index,
  );
  expect(keys).toHaveLength(distinct.length);
  if (model.type === 'ordered_set') {
    expect(keys).toEqual(distinct.map((object) => object[0]!).sort(compare));
  }
}

const CASES: ReadonlyArray<readonly [TableType, 'wavl' | 'avl' | 'skiplist' | undefined]> = [
  ['set', undefined],
  ['bag', undefined],
  ['duplicate_bag', undefined],
  ['ordered_set', 'wavl'],
  ['ordered_set', 'avl'],
  ['ordered_set', 'skiplist'],
];

describe('Ets against a model', () => {
  for (const [type, backend] of CASES) {
    it(`agrees with the model on a ${type}${backend ? ` (${backend})` : ''}`, () => {
      fc.assert(
        fc.property(fc.array(commandArbitrary, { maxLength: 60 }), (commands) => {
          const ets = createEts({ runtime: new NodeProcessRuntime() });
          const table = ets.new(atom('model'), {
            type,
            ...(backend === undefined ? {} : { backend }),
          });
          const model = new Model(type);
          const walk: Walk = { last: 0 };
          for (const [index, command] of commands.entries()) {
            run(ets, table, model, command, walk);
            // Validated after every command, checked in full after every fourth and at the end
            // only: a check walks the whole table, and a walk of `steps` must also go on across
            // changes with no walk between.
            ets.validate(table);
            if (index % 4 === 3 || index === commands.length - 1) check(ets, table, model);
          }
        }),
        { numRuns: 150 },
      );
    });
  }

  it('a fixed hash table walk that deletes as it goes sees every key once', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 0, max: 500 }), { maxLength: 80 }), (keys) => {
        const ets = createEts({ runtime: new NodeProcessRuntime() });
        const table = ets.new(atom('walk'));
        ets.insert(table, list(...keys.map((key) => [key])));
        ets.safeFixtable(table, true);
        const seen: Term[] = [];
        for (let key = ets.first(table); key !== endOfTable; ) {
          seen.push(key);
          ets.delete(table, key);
          ets.insert(table, [(key as number) + 1000]);
          key = ets.next(table, key);
          while (typeof key === 'number' && key >= 1000) key = ets.next(table, key);
        }
        ets.safeFixtable(table, false);
        expect([...seen].sort((a, b) => (a as number) - (b as number))).toEqual(
          [...keys].sort((a, b) => a - b),
        );
      }),
    );
  });
});

describe('failed calls', () => {
  it('change nothing: list inserts, counter and element lists are all or nothing', () => {
    fc.assert(
      fc.property(
        fc.constantFrom<TableType>('set', 'ordered_set', 'bag', 'duplicate_bag'),
        fc.array(objectArbitrary, { minLength: 1, maxLength: 6 }),
        fc.array(objectArbitrary, { maxLength: 4 }),
        (type, contents, batch) => {
          const ets = createEts({ runtime: new NodeProcessRuntime() });
          const table = ets.new(atom('t'), { type });
          ets.insert(table, list(...contents));
          const before = ets.tab2list(table);
          const key = contents[0]![0]!;
          const failing: Array<() => unknown> = [
            () => ets.insert(table, list(...batch, [])),
            () => ets.insertNew(table, list(...batch, 5)),
            () => ets.updateCounter(table, key, list([2, 1], [2, 1], [9, 1])),
            () => ets.updateElement(table, key, list([2, atom('x')], [1, atom('y')])),
            () => ets.deleteObject(table, [] as never),
            () => ets.lookupElement(table, key, 9),
          ];
          for (const call of failing) {
            expect(call).toThrow();
            ets.validate(table);
            expect(ets.tab2list(table)).toEqual(before);
          }
        },
      ),
    );
  });
});
