import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  atom,
  compare,
  Float,
  List,
  list,
  type OrderedMapFactory,
  Pid,
  Reference,
  type Term,
  type Tuple,
} from '@tsunami/core';
import { WavlTree } from '@tsunami/wavl';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  createEts,
  ets as defaultEts,
  type Ets,
  EtsError,
  endOfInput,
  endOfTable,
  type InitFun,
  NodeProcessRuntime,
  ProcessExit,
  type TableId,
  type TableOptions,
} from '../src/index.js';

const a = atom;

function fresh(): { ets: Ets; runtime: NodeProcessRuntime } {
  const runtime = new NodeProcessRuntime();
  return { ets: createEts({ runtime }), runtime };
}

function errorOf(run: () => unknown): EtsError {
  try {
    run();
  } catch (error) {
    if (error instanceof EtsError) return error;
    throw error;
  }
  throw new Error('expected an EtsError');
}

function info(error: EtsError): Record<string, string> {
  return Object.fromEntries([...error.errorInfo].map(([key, value]) => [String(key), value]));
}

const exitOf = (runtime: NodeProcessRuntime, pid: Pid): Promise<Term> =>
  new Promise((resolve) => runtime.onExit(pid, resolve));

describe('new', () => {
  it('returns a reference for an unnamed table and the name for a named one', () => {
    const { ets } = fresh();
    expect(ets.new(a('t'))).toBeInstanceOf(Reference);
    expect(ets.new(a('named'), { namedTable: true })).toBe(a('named'));
    expect(ets.whereis(a('named'))).toBeInstanceOf(Reference);
    expect(ets.whereis(a('t'))).toBe(a('undefined'));
  });

  it('rejects bad names, options and taken names as OTP does', () => {
    const { ets } = fresh();
    ets.new(a('n'), { namedTable: true });
    expect(info(errorOf(() => ets.new(a('n'), { namedTable: true })))).toEqual({
      1: 'table name already exists',
    });
    expect(info(errorOf(() => ets.new('n' as never)))).toEqual({ 1: 'not an atom' });
    const bad: TableOptions[] = [
      { keypos: 0 },
      { type: 'tree' as never },
      { access: 'open' as never },
      { backend: 'avl' },
      { heir: { pid: 'x', data: 1 } as never },
      { heir: { pid: 'x' } as never },
      { extra: true } as never,
    ];
    for (const options of bad) {
      const error = errorOf(() => ets.new(a('t'), options));
      expect(error.reason).toBe(a('badarg'));
      expect(info(error)).toEqual({ 2: 'invalid options' });
    }
  });

  it('uses every ordered backend, and any OrderedMap factory', () => {
    const { ets } = fresh();
    for (const backend of ['wavl', 'avl', 'skiplist'] as const) {
      const table = ets.new(a('o'), { type: 'ordered_set', backend });
      ets.insert(table, list([3], [1], [2]));
      expect(ets.tab2list(table)).toEqual([[1], [2], [3]]);
    }
  });
});

describe('insert, lookup, member, take, delete', () => {
  it('keeps one object per key in a set and replaces it', () => {
    const { ets } = fresh();
    const table = ets.new(a('s'));
    expect(ets.insert(table, [1, a('a')])).toBe(true);
    ets.insert(table, [1, a('b')]);
    expect(ets.lookup(table, 1)).toEqual([[1, a('b')]]);
    expect(ets.member(table, 1)).toBe(true);
    expect(ets.member(table, new Float(1))).toBe(false);
  });

  it('treats 1 and 1.0 as one key in an ordered_set and stores the newest key', () => {
    const { ets } = fresh();
    const table = ets.new(a('o'), { type: 'ordered_set' });
    ets.insert(table, [1, a('a')]);
    ets.insert(table, [new Float(1), a('b')]);
    expect(ets.first(table)).toEqual(new Float(1));
    expect(ets.lookup(table, 1)).toEqual([[new Float(1), a('b')]]);
  });

  it('keeps bag order and skips exact copies; keeps every copy in a duplicate bag', () => {
    const { ets } = fresh();
    const bag = ets.new(a('b'), { type: 'bag' });
    ets.insert(bag, list([1, 'x'], [1, 'y'], [1, 'x']));
    expect(ets.lookup(bag, 1)).toEqual([
      [1, 'x'],
      [1, 'y'],
    ]);
    const duplicates = ets.new(a('d'), { type: 'duplicate_bag' });
    ets.insert(duplicates, list([1, 'x'], [1, 'x']));
    expect(ets.lookup(duplicates, 1)).toHaveLength(2);
  });

  it('inserts a list all or nothing', () => {
    const { ets } = fresh();
    const table = ets.new(a('s'), { keypos: 2 });
    const error = errorOf(() => ets.insert(table, list([1, 2], [1])));
    expect(error.cause).toBe('none');
    expect(ets.tab2list(table)).toEqual([]);
    expect(info(errorOf(() => ets.insert(table, [] as Tuple)))).toEqual({
      2: 'is an empty tuple',
    });
    expect(info(errorOf(() => ets.insert(table, 5 as never)))).toEqual({ 2: 'not a tuple' });
    expect(info(errorOf(() => ets.insert(table, list([1, 2], []))))).toEqual({
      2: 'not a non-empty tuple or a list of non-empty tuples',
    });
  });

  it('insertNew inserts nothing when any key exists', () => {
    const { ets } = fresh();
    const table = ets.new(a('s'));
    ets.insert(table, [1]);
    expect(ets.insertNew(table, list([2], [1]))).toBe(false);
    expect(ets.member(table, 2)).toBe(false);
    expect(ets.insertNew(table, list([2, a('a')], [2, a('b')]))).toBe(true);
    expect(ets.lookup(table, 2)).toEqual([[2, a('b')]]);
  });

  it('deletes an ordered_set object only when it is exactly the stored one', () => {
    const { ets } = fresh();
    const table = ets.new(a('o'), { type: 'ordered_set' });
    ets.insert(table, [1, 2]);
    // The key is found by term order (1.0 == 1), the object compared exactly (as erl does).
    ets.deleteObject(table, [new Float(1), 2]);
    ets.deleteObject(table, [1, new Float(2)]);
    expect(ets.lookup(table, 1)).toEqual([[1, 2]]);
    ets.deleteObject(table, [1, 2]);
    expect(ets.lookup(table, 1)).toEqual([]);
  });

  it('takes, deletes keys, objects and everything', () => {
    const { ets } = fresh();
    const table = ets.new(a('b'), { type: 'bag' });
    ets.insert(table, list([1, 'a'], [1, 'b'], [2, 'c']));
    expect(ets.deleteObject(table, [1, 'a'])).toBe(true);
    expect(ets.lookup(table, 1)).toEqual([[1, 'b']]);
    expect(ets.take(table, 1)).toEqual([[1, 'b']]);
    expect(ets.take(table, 1)).toEqual([]);
    expect(ets.delete(table, 2)).toBe(true);
    ets.insert(table, [3]);
    expect(ets.deleteAllObjects(table)).toBe(true);
    expect(ets.info(table, 'size')).toBe(0);
    expect(ets.delete(table)).toBe(true);
    expect(info(errorOf(() => ets.lookup(table, 1)))).toEqual({
      1: 'the table identifier does not refer to an existing ETS table',
    });
    expect(ets.info(table)).toBe(a('undefined'));
  });

  it('finds a table through any reference object equal to its identifier, until it is deleted', () => {
    const { ets } = fresh();
    const first = ets.new(a('t')) as Reference;
    const second = new Reference(first.ids, first.node, first.creation);
    ets.insert(first, [1, 'a']);
    // The table last reached through `first`, then through `second`, and back.
    expect(ets.lookup(first, 1)).toEqual([[1, 'a']]);
    expect(ets.delete(second, 1)).toBe(true);
    expect(ets.insert(first, [2, 'b'])).toBe(true);
    expect(ets.lookup(second, 2)).toEqual([[2, 'b']]);
    ets.delete(first);
    for (const reference of [second, first]) {
      expect(info(errorOf(() => ets.delete(reference, 2)))).toEqual({
        1: 'the table identifier does not refer to an existing ETS table',
      });
      expect(info(errorOf(() => ets.updateCounter(reference, 2, 1)))).toEqual({
        1: 'the table identifier does not refer to an existing ETS table',
      });
    }
    // `undefined` is no table, whatever was reached last.
    expect(errorOf(() => ets.delete(undefined as never, 2)).reason).toEqual(a('badarg'));
  });

  it('reports OTP table-argument causes', () => {
    const { ets } = fresh();
    expect(errorOf(() => ets.lookup(5 as never, 1)).cause).toBe('type');
    expect(info(errorOf(() => ets.lookup(5 as never, 1)))).toEqual({
      1: 'not an atom or a table identifier',
    });
    expect(info(errorOf(() => ets.lookup(new Reference([1, 2, 3]), 1)))).toEqual({
      1: 'not a valid table identifier',
    });
    const deleted = ets.new(a('gone'));
    ets.delete(deleted);
    expect(info(errorOf(() => ets.lookup(deleted, 1)))).toEqual({
      1: 'the table identifier does not refer to an existing ETS table',
    });
    expect(errorOf(() => ets.lookup(a('nope'), 1)).message).toBe(
      'bad argument in ets:lookup/2: argument 1: the table identifier does not refer to an existing ETS table',
    );
  });
});

describe('lookupElement', () => {
  it('returns an element, a list of elements for a bag, or the default', () => {
    const { ets } = fresh();
    const set = ets.new(a('s'));
    ets.insert(set, [1, 'a', 'b']);
    expect(ets.lookupElement(set, 1, 3)).toBe('b');
    expect(ets.lookupElement(set, 2, 3, 'none')).toBe('none');
    const bag = ets.new(a('b'), { type: 'bag' });
    ets.insert(bag, list([1, 'a'], [1, 'b']));
    expect(ets.lookupElement(bag, 1, 2)).toEqual(list('a', 'b'));
  });

  it('raises badarg for an absent key or a bad position', () => {
    const { ets } = fresh();
    const set = ets.new(a('s'));
    ets.insert(set, [1, 'a']);
    expect(info(errorOf(() => ets.lookupElement(set, 2, 1)))).toEqual({
      2: 'not a key that exists in the table',
    });
    expect(info(errorOf(() => ets.lookupElement(set, 1, 3)))).toEqual({
      3: 'position is greater than the size of the object',
    });
    expect(info(errorOf(() => ets.lookupElement(set, 1, 0)))).toEqual({ 3: 'out of range' });
  });
});

describe('traversal', () => {
  it('walks an ordered_set in order, from absent keys too', () => {
    const { ets } = fresh();
    const table = ets.new(a('o'), { type: 'ordered_set' });
    ets.insert(table, list([1], [3], [5]));
    expect(ets.first(table)).toBe(1);
    expect(ets.last(table)).toBe(5);
    expect(ets.next(table, 2)).toBe(3);
    expect(ets.prev(table, 2)).toBe(1);
    expect(ets.next(table, 5)).toBe(endOfTable);
    expect(ets.nextLookup(table, 1)).toEqual([3, [[3]]]);
    expect(ets.prevLookup(table, 1)).toBe(endOfTable);
    expect(ets.firstLookup(table)).toEqual([1, [[1]]]);
    expect(ets.lastLookup(table)).toEqual([5, [[5]]]);
  });

  it('a walk of next or prev (or next_lookup, prev_lookup) calls sees every change made during it', () => {
    // Each change is made to the key the walk comes to next, or between it and the walk's key.
    type Change = (ets: Ets, table: TableId, coming: number, between: number) => unknown;
    const changes: Array<[string, Change]> = [
      ['insert', (ets, table, _, between) => ets.insert(table, [between])],
      ['insertNew', (ets, table, _, between) => ets.insertNew(table, [between])],
      ['replacing by an equal key', (ets, table, coming) => ets.insert(table, [new Float(coming)])],
      ['delete', (ets, table, coming) => ets.delete(table, coming)],
      ['deleteObject', (ets, table, coming) => ets.deleteObject(table, [coming, coming])],
      ['take', (ets, table, coming) => ets.take(table, coming)],
      ['matchDelete', (ets, table, coming) => ets.matchDelete(table, [coming, a('_')])],
      [
        'selectDelete',
        (ets, table, coming) =>
          ets.selectDelete(table, list([[coming, a('_')], list(), list(true)])),
      ],
      ['deleteAllObjects', (ets, table) => ets.deleteAllObjects(table)],
    ];
    // A `*_lookup` step also checks the objects it returns against a lookup of its key.
    const stepper = (ets: Ets, table: TableId, reverse: boolean, withObjects: boolean) => {
      if (!withObjects)
        return (key: Term) => (reverse ? ets.prev(table, key) : ets.next(table, key));
      return (key: Term): Term => {
        const found = reverse ? ets.prevLookup(table, key) : ets.nextLookup(table, key);
        if (found === endOfTable) return endOfTable;
        const [next, objects] = found as readonly [Term, Tuple[]];
        expect(objects).toEqual(ets.lookup(table, next));
        return next;
      };
    };
    for (const [reverse, withObjects] of [
      [false, false],
      [true, false],
      [false, true],
      [true, true],
    ]) {
      for (const [name, change] of changes) {
        const { ets } = fresh();
        const table = ets.new(a('o'), { type: 'ordered_set' });
        ets.insert(table, list(...Array.from({ length: 40 }, (_, key): Tuple => [key, key])));
        const step = stepper(ets, table, reverse!, withObjects!);
        // Eight steps in, the tree's walk stands there with its ancestors still to come.
        let key = reverse ? ets.last(table) : ets.first(table);
        for (let steps = 0; steps < 8; steps += 1) key = step(key);
        const coming = (key as number) + (reverse ? -1 : 1);
        change(ets, table, coming, ((key as number) + coming) / 2);
        const keys = ets.tab2list(table).map((object) => object[0]!);
        const expected = reverse
          ? keys.filter((other) => compare(other, key) < 0).reverse()
          : keys.filter((other) => compare(other, key) > 0);
        const walked: Term[] = [];
        for (let next = step(key); next !== endOfTable; next = step(next)) walked.push(next);
        const how = `${reverse ? ', walking back' : ''}${withObjects ? ', with objects' : ''}`;
        expect(walked, `${name}${how}`).toEqual(expected);
        ets.validate(table);
      }
    }
  });

  it('an ordered_set walked whole twice, which its tree then relays out, answers as before', () => {
    // The tree's own cases are in core's kit (`checkRelayout`); here the ETS calls around it.
    for (const withObjects of [false, true]) {
      const { ets } = fresh();
      const trees: WavlTree<Term, Tuple>[] = [];
      const backend = (comparator: (x: Term, y: Term) => number) => {
        const tree = new WavlTree<Term, Tuple>(comparator, { instrument: true });
        trees.push(tree);
        return tree;
      };
      const table = ets.new(a('o'), { type: 'ordered_set', backend: backend as OrderedMapFactory });
      const keys = Array.from({ length: 500 }, (_, index) => 2 * index);
      // In an order far from key order (7919 is prime to 500).
      for (let index = 0; index < 500; index += 1) {
        const key = keys[(index * 7919) % 500]!;
        ets.insert(table, [key, key]);
      }
      const walk = (): Term[] => {
        const walked: Term[] = [];
        let key = ets.first(table);
        while (key !== endOfTable) {
          walked.push(key);
          if (!withObjects) key = ets.next(table, key);
          else {
            const found = ets.nextLookup(table, key);
            key = found === endOfTable ? endOfTable : (found as readonly [Term, Tuple[]])[0];
          }
        }
        return walked;
      };
      expect(walk()).toEqual(keys);
      expect(walk()).toEqual(keys);
      expect(trees[0]!.stats().counters.relayouts).toBe(1);
      ets.validate(table);
      expect(ets.tab2list(table)).toEqual(keys.map((key) => [key, key]));
      expect(ets.lookup(table, 500)).toEqual([[500, 500]]);
      expect([ets.next(table, 501), ets.prev(table, 501), ets.last(table)]).toEqual([
        502, 500, 998,
      ]);
      expect(
        ets.select(table, list([[a('$1'), a('_')], list([a('<'), a('$1'), 6]), list(a('$1'))])),
      ).toEqual([0, 2, 4]);
      expect(ets.updateCounter(table, 10, [2, 5])).toBe(15);
      ets.insert(table, [11, 11]);
      ets.delete(table, 12);
      expect(walk()).toEqual([...keys.filter((key) => key !== 12), 11].sort((x, y) => x - y));
      expect(ets.lookup(table, 10)).toEqual([[10, 15]]);
      ets.validate(table);
    }
  });

  it('rejects next from an absent key of a hash table unless fixed', () => {
    const { ets } = fresh();
    const table = ets.new(a('s'));
    ets.insert(table, list([1], [2]));
    expect(info(errorOf(() => ets.next(table, 9)))).toEqual({
      2: 'not a key that exists in the table',
    });
    ets.safeFixtable(table, true);
    const first = ets.first(table);
    ets.delete(table, first);
    expect(ets.next(table, first)).not.toBe(endOfTable);
    expect(ets.info(table, 'fixed')).toBe(true);
    ets.safeFixtable(table, false);
    expect(ets.info(table, 'fixed')).toBe(false);
    expect(errorOf(() => ets.next(table, first)).reason).toBe(a('badarg'));
  });

  it('folds in order, fixed, and lets the fold delete', () => {
    const { ets } = fresh();
    const table = ets.new(a('o'), { type: 'ordered_set' });
    ets.insert(table, list([1], [2], [3]));
    expect(ets.foldl((object, keys: Term[]) => [...keys, object[0]!], [], table)).toEqual([
      1, 2, 3,
    ]);
    expect(ets.foldr((object, keys: Term[]) => [...keys, object[0]!], [], table)).toEqual([
      3, 2, 1,
    ]);
    const hash = ets.new(a('s'));
    ets.insert(hash, list([1], [2], [3]));
    const seen = ets.foldl(
      (object, count: number) => {
        ets.delete(hash, object[0]!);
        return count + 1;
      },
      0,
      hash,
    );
    expect(seen).toBe(3);
    expect(ets.info(hash, 'size')).toBe(0);
  });

  it('answers slot for hash tables and ordered_sets', () => {
    const { ets } = fresh();
    const table = ets.new(a('o'), { type: 'ordered_set' });
    ets.insert(table, list([1], [2]));
    expect(ets.slot(table, 1)).toEqual([[2]]);
    expect(ets.slot(table, 2)).toBe(endOfTable);
    expect(info(errorOf(() => ets.slot(table, 3)))).toEqual({ 2: 'out of range' });
    const hash = ets.new(a('s'));
    expect(ets.slot(hash, 0)).toEqual([]);
    expect(errorOf(() => ets.slot(hash, -1)).reason).toBe(a('badarg'));
  });
});

describe('updateCounter', () => {
  it('adds, applies thresholds and lists of operations', () => {
    const { ets } = fresh();
    const table = ets.new(a('s'));
    ets.insert(table, [a('k'), 5, 10]);
    expect(ets.updateCounter(table, a('k'), 1)).toBe(6);
    expect(ets.updateCounter(table, a('k'), [3, -1])).toBe(9);
    expect(ets.updateCounter(table, a('k'), list([2, 1, 6, 0], [3, -10, -3, 7]))).toEqual([0, -1]);
    expect(ets.updateCounter(table, a('k'), [2, 2n ** 64n])).toBe(2n ** 64n);
    expect(ets.updateCounter(table, a('new'), [2, 1], [a('x'), 10])).toBe(11);
    expect(ets.lookup(table, a('new'))).toEqual([[a('new'), 11]]);
  });

  it('raises OTP errors and changes nothing', () => {
    const { ets } = fresh();
    const table = ets.new(a('s'));
    ets.insert(table, [1, a('a'), 5]);
    expect(info(errorOf(() => ets.updateCounter(table, 1, 1)))).toEqual({
      3: 'the value in the given position, in the object, is not an integer',
    });
    expect(info(errorOf(() => ets.updateCounter(table, 2, 1)))).toEqual({
      2: 'not a key that exists in the table',
    });
    expect(info(errorOf(() => ets.updateCounter(table, 1, [1, 1])))).toEqual({
      3: 'the position is the same as the key position',
    });
    expect(info(errorOf(() => ets.updateCounter(table, 1, list([3, 1], [4, 1]))))).toEqual({
      3: 'the position in the update operation is out of range',
    });
    expect(info(errorOf(() => ets.updateCounter(table, 1, a('x') as never)))).toEqual({
      3: 'not a valid update operation',
    });
    expect(ets.lookup(table, 1)).toEqual([[1, a('a'), 5]]);
    const bag = ets.new(a('b'), { type: 'bag' });
    expect(errorOf(() => ets.updateCounter(bag, 1, 1)).cause).toBe('table_type');
  });
});

describe('updateElement', () => {
  it('sets elements, returns false for an absent key, inserts a default', () => {
    const { ets } = fresh();
    const table = ets.new(a('s'));
    ets.insert(table, [1, 'a', 'b']);
    expect(ets.updateElement(table, 1, list([2, 'x'], [3, 'y']))).toBe(true);
    expect(ets.lookup(table, 1)).toEqual([[1, 'x', 'y']]);
    expect(ets.updateElement(table, 2, [2, 'x'])).toBe(false);
    expect(ets.updateElement(table, 2, [2, 'x'], [0, 'a'])).toBe(true);
    expect(ets.lookup(table, 2)).toEqual([[2, 'x']]);
    expect(errorOf(() => ets.updateElement(table, 1, [1, 'k'])).cause).toBe('keypos');
    expect(errorOf(() => ets.updateElement(table, 1, [9, 'k'])).cause).toBe('position');
    // OTP 29: a default too short to hold the key is refused, whether the key is there or not
    // (OTP 27 stores it for an absent key and ignores it for a present one).
    const second = ets.new(a('second'), { keypos: 2 });
    expect(errorOf(() => ets.updateElement(second, 1, list(), [0])).cause).toBe('position');
    expect(errorOf(() => ets.updateCounter(second, 1, [1, 1], [0])).cause).toBe('position');
    expect(ets.info(second, 'size')).toBe(0);
    ets.insert(second, [5, 1, 7]);
    expect(errorOf(() => ets.updateElement(second, 1, [3, 8], [0])).cause).toBe('position');
    expect(errorOf(() => ets.updateCounter(second, 1, [3, 1], [0])).cause).toBe('position');
    expect(ets.lookup(second, 1)).toEqual([[5, 1, 7]]);
  });
});

describe('processes', () => {
  it('enforces protected and private access for other processes', async () => {
    const { ets, runtime } = fresh();
    const protectedTable = ets.new(a('p'));
    const privateTable = ets.new(a('q'), { access: 'private' });
    ets.insert(protectedTable, [1]);
    const causes: string[] = [];
    const pid = runtime.spawn(() => {
      expect(ets.lookup(protectedTable, 1)).toEqual([[1]]);
      causes.push(errorOf(() => ets.insert(protectedTable, [2])).cause);
      causes.push(errorOf(() => ets.lookup(privateTable, 1)).cause);
      expect(ets.info(privateTable, 'size')).toBe(0);
    });
    await exitOf(runtime, pid);
    expect(causes).toEqual(['access', 'access']);
  });

  it('deletes a table when its owner exits, unless an heir inherits it', async () => {
    const { ets, runtime } = fresh();
    const heir = runtime.spawn(() => runtime.receive());
    let orphan: TableId = a('unset');
    let inherited: TableId = a('unset');
    const owner = runtime.spawn(async () => {
      orphan = ets.new(a('orphan'));
      inherited = ets.new(a('kept'), { heir: { pid: heir, data: 'gift' } });
    });
    await exitOf(runtime, owner);
    expect(ets.info(orphan)).toBe(a('undefined'));
    expect(ets.info(inherited, 'owner')).toEqual(heir);
    const message = await new Promise((resolve) => {
      runtime.onExit(heir, resolve);
    });
    expect(message).toBe(a('normal'));
    expect(ets.info(inherited)).toBe(a('undefined'));
  });

  it('hands a table to a heir without data silently, and copies heir data', async () => {
    const { ets, runtime } = fresh();
    const received: Term[] = [];
    const heir = runtime.spawn(async () => {
      for (;;) received.push((await runtime.receive()) as Term);
    });
    const data: Term[] = [1, 2];
    let silent: TableId = a('unset');
    let told: TableId = a('unset');
    const owner = runtime.spawn(async () => {
      silent = ets.new(a('silent'), { heir: { pid: heir } });
      told = ets.new(a('told'), { heir: { pid: heir, data } });
      data[0] = 'changed by the caller';
      expect(
        errorOf(() => ets.new(a('t'), { heir: { pid: heir, data } as never, keypos: 0 })).reason,
      ).toBe(a('badarg'));
    });
    await exitOf(runtime, owner);
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(ets.info(silent, 'owner')).toEqual(heir);
    expect(ets.info(told, 'owner')).toEqual(heir);
    // Only the heir with data gets a message, with the data as it was given.
    expect(received).toEqual([[a('ETS-TRANSFER'), told, owner, [1, 2]]]);
    runtime.exit(heir);
  });

  it('gives a table away with the ETS-TRANSFER message, only from the owner', async () => {
    const { ets, runtime } = fresh();
    const table = ets.new(a('t'));
    let received: Term | undefined;
    const receiver = runtime.spawn(async () => {
      received = await runtime.receive();
      await runtime.receive();
    });
    expect(info(errorOf(() => ets.giveAway(table, runtime.mainPid, 1)))).toEqual({
      2: 'the process is already the owner of the table',
    });
    expect(info(errorOf(() => ets.giveAway(table, new Pid(999, 0), 1)))).toEqual({
      2: 'the pid refers to a terminated process',
    });
    expect(info(errorOf(() => ets.giveAway(table, 5 as never, 1)))).toEqual({
      2: 'not a pid',
    });
    expect(ets.giveAway(table, receiver, 'gift')).toBe(true);
    await new Promise((resolve) => setTimeout(resolve, 1));
    expect(received).toEqual([a('ETS-TRANSFER'), table, runtime.mainPid, 'gift']);
    expect(errorOf(() => ets.giveAway(table, receiver, 1)).cause).toBe('access');
    runtime.exit(receiver);
    expect(ets.info(table)).toBe(a('undefined'));
  });

  it('sets the heir only from the owner', () => {
    const { ets, runtime } = fresh();
    const table = ets.new(a('t'), { access: 'public' });
    const heir = runtime.spawn(() => runtime.receive());
    expect(ets.setopts(table, { heir: { pid: heir, data: 0 } })).toBe(true);
    expect(ets.info(table, 'heir')).toEqual(heir);
    expect(errorOf(() => ets.setopts(table, { heir: { pid: 7 } as never })).reason).toBe(
      a('badarg'),
    );
    // OTP 28's {heir, Pid}: no data.
    expect(ets.setopts(table, { heir: { pid: heir } })).toBe(true);
    expect(ets.info(table, 'heir')).toEqual(heir);
    expect(ets.setopts(table, { heir: 'none' })).toBe(true);
    expect(info(errorOf(() => ets.setopts(table, { bad: 1 } as never)))).toEqual({
      2: 'invalid options',
    });
    runtime.exit(heir);
  });
});

describe('info, rename, all, i', () => {
  it('lists every info item in OTP order', () => {
    const { ets, runtime } = fresh();
    const table = ets.new(a('t'), { type: 'bag', keypos: 2 });
    ets.insert(table, [1, 2]);
    const items = ets.info(table) as Array<readonly [symbol, Term]>;
    expect(items.map(([name]) => name.description)).toEqual([
      'id',
      'decentralized_counters',
      'read_concurrency',
      'write_concurrency',
      'compressed',
      'memory',
      'owner',
      'heir',
      'name',
      'size',
      'node',
      'named_table',
      'type',
      'keypos',
      'protection',
    ]);
    expect(ets.info(table, 'owner')).toEqual(runtime.mainPid);
    expect(ets.info(table, 'type')).toBe(a('bag'));
    expect(ets.info(table, 'memory')).toBe(305 + 7);
    expect(info(errorOf(() => ets.info(table, 'bogus' as never)))).toEqual({
      2: 'not a valid info item',
    });
    ets.safeFixtable(table, true);
    const safeFixed = ets.info(table, 'safe_fixed') as Term[];
    expect(safeFixed[1]).toEqual(list([runtime.mainPid, 1]));
  });

  it('renames named tables and refuses a taken name', () => {
    const { ets } = fresh();
    ets.new(a('one'), { namedTable: true });
    ets.new(a('two'), { namedTable: true });
    expect(info(errorOf(() => ets.rename(a('one'), a('two'))))).toEqual({
      2: 'table name already exists',
    });
    expect(ets.rename(a('one'), a('three'))).toBe(a('three'));
    expect(ets.info(a('three'), 'name')).toBe(a('three'));
    expect(ets.all()).toEqual([a('two'), a('three')]);
    const lines: string[] = [];
    ets.i(undefined, (line) => lines.push(line));
    expect(lines).toHaveLength(4);
  });
});

describe('copying', () => {
  it('keeps stored objects out of the caller reach', () => {
    const { ets } = fresh();
    const table = ets.new(a('t'));
    const object: Term[] = [1, [2, 3], new Map([[1, 2]]), new Uint8Array([1, 2])];
    ets.insert(table, object);
    object[1] = 'changed';
    const [read] = ets.lookup(table, 1) as Term[][];
    expect(read![1]).toEqual([2, 3]);
    expect(Object.isFrozen(read)).toBe(false);
    (read![2] as Map<Term, Term>).set(5, 5);
    (read![3] as Uint8Array)[0] = 9;
    expect(ets.lookup(table, 1)).toEqual([[1, [2, 3], new Map([[1, 2]]), new Uint8Array([1, 2])]]);
    // A read is the caller's own tuple, sharing the stored object's frozen parts.
    ets.insert(table, [2, [3], 0]);
    const [mine] = ets.lookup(table, 2) as Term[][];
    expect(Object.isFrozen(mine)).toBe(false);
    expect(Object.isFrozen(mine![1])).toBe(true);
    mine![1] = 'mine';
    expect(ets.lookup(table, 2)).toEqual([[2, [3], 0]]);
    // A counter changes the stored tuple in place; no earlier read sees it.
    ets.updateCounter(table, 2, [3, 5]);
    expect(mine).toEqual([2, 'mine', 0]);
    expect(ets.lookup(table, 2)).toEqual([[2, [3], 5]]);
    expect(ets.tab2list(table)).toContainEqual([2, [3], 5]);
    ets.validate(table);
  });

  it('stores a deep copy of tuples of every size, whatever the caller changes after', () => {
    const element = fc.oneof(
      fc.integer(),
      fc.string({ maxLength: 3 }),
      fc.array(fc.integer(), { maxLength: 3 }),
      fc.tuple(fc.array(fc.integer(), { maxLength: 2 }), fc.integer()),
    );
    fc.assert(
      fc.property(fc.array(element, { maxLength: 6 }), (rest) => {
        const { ets } = fresh();
        const table = ets.new(a('t'), { type: 'set' });
        // A clone: the test scribbles on it, and fast-check may reuse `rest` while shrinking.
        const object: Term[] = [0, ...(structuredClone(rest) as Term[])];
        const snapshot = structuredClone(object);
        ets.insert(table, object);
        // Every array the caller passed in, at any depth, is changed afterwards.
        const scribble = (term: Term): void => {
          if (!Array.isArray(term)) return;
          for (const inner of term) scribble(inner as Term);
          term.push('scribbled');
        };
        scribble(object);
        const [read] = ets.lookup(table, 0) as Term[][];
        expect(read).toEqual(snapshot);
        // What a read hands out: its own tuple, whose inner arrays are the frozen stored ones.
        const frozenThroughout = (term: Term): boolean =>
          !Array.isArray(term) || (Object.isFrozen(term) && term.every(frozenThroughout));
        expect(Object.isFrozen(read)).toBe(false);
        expect(read!.every(frozenThroughout)).toBe(true);
        read!.push('scribbled');
        read![0] = 'scribbled';
        expect(ets.lookup(table, 0)).toEqual([snapshot]);
        ets.validate(table);
      }),
      { numRuns: 200 },
    );
  });
});

describe("no read hands out the table's own tuple", () => {
  const ms = (head: Term, body: Term): List => list([head, list(), list(body)]);
  // Each read returns the objects (or results holding them) it handed out.
  const reads: [string, (ets: Ets, table: TableId) => unknown][] = [
    ['lookup', (ets, table) => ets.lookup(table, 1)],
    ['tab2list', (ets, table) => ets.tab2list(table)],
    ['take', (ets, table) => ets.take(table, 1)],
    ['foldl', (ets, table) => ets.foldl((object, all: Term[]) => [...all, object], [], table)],
    ['foldr', (ets, table) => ets.foldr((object, all: Term[]) => [...all, object], [], table)],
    // The objects of `[Key, Objects]`, not the pair (whose key is 1 too).
    ['firstLookup', (ets, table) => (ets.firstLookup(table) as [Term, Tuple[]])[1]],
    ['slot', (ets, table) => ets.slot(table, 0)],
    ['matchObject', (ets, table) => ets.matchObject(table, [1, a('_')])],
    ["select '$_'", (ets, table) => ets.select(table, ms([1, a('_')], a('$_')))],
    ["select {{'$_'}}", (ets, table) => ets.select(table, ms([1, a('_')], [[a('$_')]]))],
    ["select '$1' as the head", (ets, table) => ets.select(table, ms(a('$1'), a('$1')))],
    ["select '$$'", (ets, table) => ets.select(table, ms(a('$1'), a('$$')))],
    // A chunk: the ordered_set and hash continuation paths.
    ["select/3 {{'$_'}}", (ets, table) => ets.select(table, ms(a('$1'), [[a('$_')]]), 1)],
  ];
  // The objects `{1, _}` in a result, at any depth.
  const objectsIn = (term: Term): Term[][] => {
    if (term instanceof List) return term.items.flatMap(objectsIn);
    if (!Array.isArray(term)) return [];
    return term.length === 2 && term[0] === 1 ? [term as Term[]] : term.flatMap(objectsIn);
  };
  for (const type of ['set', 'ordered_set'] as const) {
    for (const [name, read] of reads) {
      it(`${type}: ${name}`, () => {
        const { ets } = fresh();
        const table = ets.new(a('t'), { type });
        ets.insert(table, [1, 0]);
        const found = objectsIn(read(ets, table) as Term);
        expect(found.length).toBeGreaterThan(0);
        // `take` emptied the table; every other read leaves its stored tuple in place.
        if (ets.info(table, 'size') === 0) ets.insert(table, [1, 0]);
        // The caller's result is its own: changing it changes nothing in the table...
        for (const object of found) {
          expect(Object.isFrozen(object)).toBe(false);
          object[1] = 'mine';
        }
        expect(ets.lookup(table, 1)).toEqual([[1, 0]]);
        // ...and the table's updates in place do not reach it.
        ets.updateCounter(table, 1, 5);
        for (const object of found) expect(object).toEqual([1, 'mine']);
        expect(ets.lookup(table, 1)).toEqual([[1, 5]]);
        ets.validate(table);
      });
    }
  }
});

describe('initTable', () => {
  it('empties the table, loads chunks until end_of_input, closes on a failed insert', () => {
    const { ets } = fresh();
    const table = ets.new(a('t'), { type: 'ordered_set' });
    ets.insert(table, [a('old'), 0]);
    const actions: Term[] = [];
    const chunks: (List | Tuple[])[] = [list([2, 'b'], [1, 'a']), [], [[3, 'c']]];
    const loader =
      (index: number): InitFun =>
      (action) => {
        actions.push(action);
        const chunk = chunks[index];
        return chunk === undefined ? endOfInput : [chunk, loader(index + 1)];
      };
    expect(ets.initTable(table, loader(0))).toBe(true);
    expect(ets.tab2list(table)).toEqual([
      [1, 'a'],
      [2, 'b'],
      [3, 'c'],
    ]);
    expect(actions).toEqual([a('read'), a('read'), a('read'), a('read')]);
    // A bad object: the objects before it stay, the chunk's loader is closed.
    const closed: Term[] = [];
    const next: InitFun = (action) => {
      closed.push(action);
      return endOfInput;
    };
    expect(() => ets.initTable(table, () => [list([9, 'x'], a('bad')), next])).toThrow(EtsError);
    expect(ets.tab2list(table)).toEqual([[9, 'x']]);
    expect(closed).toEqual([a('close')]);
    // A result that is not a chunk exits with the result as its reason.
    const exit = (() => {
      try {
        ets.initTable(table, () => a('oops') as never);
      } catch (error) {
        return error;
      }
    })();
    expect(exit).toBeInstanceOf(ProcessExit);
    expect((exit as ProcessExit).reason).toBe(a('oops'));
    expect(ets.info(table, 'size')).toBe(0);
  });

  it('needs write access and a function, and then changes nothing', async () => {
    const { ets, runtime } = fresh();
    const table = ets.new(a('t'));
    ets.insert(table, [1]);
    expect(errorOf(() => ets.initTable(table, 'no' as never)).functionName).toBe('init_table');
    const causes: string[] = [];
    const pid = runtime.spawn(() => {
      causes.push(errorOf(() => ets.initTable(table, () => endOfInput)).cause);
    });
    await exitOf(runtime, pid);
    expect(causes).toEqual(['access']);
    expect(ets.lookup(table, 1)).toEqual([[1]]);
  });
});

describe('updates in place', () => {
  for (const type of ['set', 'ordered_set'] as const) {
    it(`${type}: update_counter and update_element copy in once, all or nothing`, () => {
      const { ets } = fresh();
      const table = ets.new(a('t'), { type });
      ets.insert(table, [1, 0, new Map([[1, 2]]), [5]]);
      const before = ets.lookup(table, 1)[0];
      expect(ets.updateCounter(table, 1, list([2, 1], [2, 1]))).toEqual([1, 2]);
      // The old object a caller holds is its own copy: the update in place does not reach it.
      expect(before).toEqual([1, 0, new Map([[1, 2]]), [5]]);
      const [read] = ets.lookup(table, 1) as Term[][];
      // Still copied out: the stored object holds a Map.
      (read![2] as Map<Term, Term>).set(9, 9);
      expect(ets.lookup(table, 1)).toEqual([[1, 2, new Map([[1, 2]]), [5]]]);
      // A failing operation after a good one changes nothing.
      expect(() => ets.updateCounter(table, 1, list([2, 1], [4, 1]))).toThrow(EtsError);
      expect(() => ets.updateElement(table, 1, list([2, 'x'], [9, 'y']))).toThrow(EtsError);
      expect(ets.lookup(table, 1)).toEqual([[1, 2, new Map([[1, 2]]), [5]]]);
      const value: Term[] = [7, new Uint8Array([1])];
      expect(ets.updateElement(table, 1, list([4, value], [3, 'no map']))).toBe(true);
      value[0] = 'changed';
      (value[1] as Uint8Array)[0] = 9;
      const [updated] = ets.lookup(table, 1) as Term[][];
      expect(updated).toEqual([1, 2, 'no map', [7, new Uint8Array([1])]]);
      ((updated![3] as Term[])[1] as Uint8Array)[0] = 5;
      expect(ets.lookup(table, 1)).toEqual([[1, 2, 'no map', [7, new Uint8Array([1])]]]);
      ets.validate(table);
      expect(ets.info(table, 'size')).toBe(1);
    });
  }

  it('leaves a failed default object as a tombstone of a fixed table, as OTP', () => {
    const { ets } = fresh();
    const table = ets.new(a('t'));
    ets.safeFixtable(table, true);
    expect(() => ets.updateCounter(table, 0, list([0, 0, 0, 0]), [0])).toThrow(EtsError);
    expect(() => ets.updateElement(table, 1, list([5, a('x')]), [0, 1])).toThrow(EtsError);
    // erl: both keys were inserted and erased, so next/2 steps from them while fixed.
    expect(ets.next(table, 0)).toBe(endOfTable);
    expect(ets.next(table, 1)).toBe(endOfTable);
    expect(ets.tab2list(table)).toEqual([]);
    ets.safeFixtable(table, false);
    expect(() => ets.next(table, 0)).toThrow(EtsError);
  });

  it('ordered_set keeps the stored key when updated under an equal key', () => {
    const { ets } = fresh();
    const table = ets.new(a('t'), { type: 'ordered_set' });
    ets.insert(table, [1, 0]);
    expect(ets.updateCounter(table, new Float(1), 1)).toBe(1);
    expect(ets.updateElement(table, new Float(1), [2, 'x'])).toBe(true);
    expect(ets.first(table)).toBe(1);
    expect(ets.lookup(table, 1)).toEqual([[1, 'x']]);
    ets.validate(table);
  });
});

describe('keys handed out', () => {
  it('are copies when they hold a Map or a binary', () => {
    const { ets } = fresh();
    const table = ets.new(a('t'));
    ets.insert(table, [[new Map([[1, 2]]), new Uint8Array([1])], 0]);
    const key = ets.first(table) as Term[];
    (key[0] as Map<Term, Term>).set(3, 4);
    (key[1] as Uint8Array)[0] = 9;
    expect(ets.first(table)).toEqual([new Map([[1, 2]]), new Uint8Array([1])]);
    expect(ets.lookup(table, [new Map([[1, 2]]), new Uint8Array([1])])).toHaveLength(1);
  });
});

describe('the default instance', () => {
  it('exposes bound methods', () => {
    const { new: create, insert, lookup, delete: remove } = defaultEts;
    const table = create(a('default'));
    insert(table, [1]);
    expect(lookup(table, 1)).toEqual([[1]]);
    remove(table);
  });

  it('keeps V8 fast properties (a dictionary-mode instance made every call ~70 ns slower)', () => {
    // %HasFastProperties needs --allow-natives-syntax: run the built package in a child process.
    const dist = new URL('../dist/index.js', import.meta.url).href;
    const script = [
      `const { createEts, ets } = await import(${JSON.stringify(dist)});`,
      `const { atom } = await import('@tsunami/core');`,
      'const fresh = createEts();',
      "const table = fresh.new(atom('shape'), { type: 'ordered_set' });",
      'fresh.insert(table, [1, 2]);',
      'fresh.lookup(table, 1);',
      'console.log(JSON.stringify([%HasFastProperties(fresh), %HasFastProperties(ets)]));',
    ].join('\n');
    const result = spawnSync(
      process.execPath,
      ['--allow-natives-syntax', '--input-type=module', '-e', script],
      { cwd: fileURLToPath(new URL('..', import.meta.url)), encoding: 'utf8' },
    );
    expect(result.stderr).toBe('');
    expect(JSON.parse(result.stdout)).toEqual([true, true]);
  });
});
