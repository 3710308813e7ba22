/**
 * Unit tests of the select and match family: result order per table type, chunks and
 * continuations (also across table changes), the key-range and one-bucket scans, the writes
 * (select_delete, select_replace, match_delete), OTP's errors, and a property that chunked
 * selects agree with a plain filter of the table.
 */
import {
  atom,
  compareExact,
  type List,
  list,
  listFrom,
  nil,
  parse,
  type Term,
  type Tuple,
} from '@tsunami/core';
import { CompiledMatchSpec, compileMatchSpec, ms } from '@tsunami/matchspec';
import fc from 'fast-check';
import { describe, expect, it, vi } from 'vitest';
import {
  type Continuation,
  createEts,
  type Ets,
  EtsError,
  type NodeProcessRuntime,
  type SelectChunk,
  type TableId,
  type TableOptions,
} from '../src/index.js';

const END = atom('$end_of_table');
const KEYS_SPEC = ms`[{{'$1', '_'}, [], ['$1']}]`;

const TABLES: readonly TableOptions[] = [
  { type: 'set' },
  { type: 'bag' },
  { type: 'duplicate_bag' },
  { type: 'ordered_set', backend: 'wavl' },
  { type: 'ordered_set', backend: 'avl' },
  { type: 'ordered_set', backend: 'skiplist' },
];

function label(options: TableOptions): string {
  return `${options.type}${options.backend === undefined ? '' : ` (${String(options.backend)})`}`;
}

function table(ets: Ets, options: TableOptions, objects: readonly Tuple[]): TableId {
  const tab = ets.new(atom('t'), options);
  for (const object of objects) ets.insert(tab, object);
  return tab;
}

/** Every result of a chunked select, following continuations to the end. */
function drain(ets: Ets, first: SelectChunk | Term): Term[] {
  const results: Term[] = [];
  let chunk = first;
  while (chunk !== END) {
    const [items, continuation] = chunk as SelectChunk;
    expect(items.length).toBeGreaterThan(0);
    results.push(...items);
    chunk = continuation === END ? END : ets.select(continuation as Continuation);
  }
  return results;
}

function errorOf(call: () => unknown): EtsError {
  try {
    call();
  } catch (error) {
    if (error instanceof EtsError) return error;
    throw error;
  }
  throw new Error('expected an EtsError');
}

const sorted = (terms: readonly Term[]): Term[] => [...terms].sort(compareExact);

describe('select/2 and select_reverse/2', () => {
  const objects: Tuple[] = [5, 3, 9, 1, 7].map((key) => [key, key * 10]);

  it('gives an ordered_set key order, reversed by select_reverse', () => {
    const ets = createEts();
    const tab = table(ets, { type: 'ordered_set' }, objects);
    expect(ets.select(tab, KEYS_SPEC)).toEqual([1, 3, 5, 7, 9]);
    expect(ets.selectReverse(tab, KEYS_SPEC)).toEqual([9, 7, 5, 3, 1]);
  });

  it('gives a hash table table order (tab2list), the same for select_reverse', () => {
    const ets = createEts();
    const tab = table(ets, { type: 'set' }, objects);
    const order = ets.tab2list(tab).map((object) => object[0]);
    expect(ets.select(tab, KEYS_SPEC)).toEqual(order);
    expect(ets.selectReverse(tab, KEYS_SPEC)).toEqual(order);
  });

  it('runs guards and bodies, `$_` and `$$`, with {self} the caller', () => {
    const ets = createEts();
    const tab = table(ets, { type: 'ordered_set' }, objects);
    expect(ets.select(tab, ms`[{{'$1', '$2'}, [{'>', '$1', 4}], ['$_']}]`)).toEqual([
      [5, 50],
      [7, 70],
      [9, 90],
    ]);
    expect(ets.select(tab, ms`[{{1, '$2'}, [], ['$$']}]`)).toEqual([list(10)]);
    expect(ets.select(tab, ms`[{{1, '_'}, [], [{self}]}]`)).toEqual([ets.runtime.self()]);
  });
});

describe('select/3 and continuations', () => {
  const keys = Array.from({ length: 12 }, (_, index) => index + 1);

  for (const options of TABLES) {
    it(`chunks add up to select/2 on a ${label(options)}`, () => {
      const ets = createEts();
      const tab = table(
        ets,
        options,
        keys.flatMap((key) => [[key, 0] as Tuple, [key, 1] as Tuple]),
      );
      const whole = ets.select(tab, KEYS_SPEC);
      for (const limit of [1, 2, 5, 24, 25, 100]) {
        const chunked = drain(ets, ets.select(tab, KEYS_SPEC, limit));
        if (options.type === 'ordered_set') expect(chunked).toEqual(whole);
        else expect(sorted(chunked)).toEqual(sorted(whole));
      }
    });
  }

  it('returns a continuation when the limit is reached exactly, then $end_of_table', () => {
    const ets = createEts();
    const tab = table(ets, { type: 'ordered_set' }, [[1], [2]]);
    const [items, continuation] = ets.select(tab, ms`[{'$1', [], ['$1']}]`, 2) as SelectChunk;
    expect(items).toEqual([[1], [2]]);
    expect(ets.select(continuation as Continuation)).toBe(END);
    expect(ets.select(tab, ms`[{'$1', [], ['$1']}]`, 3)).toEqual([[[1], [2]], END]);
    expect(ets.select(tab, ms`[{{3}, [], ['$_']}]`, 3)).toBe(END);
    expect(ets.select(END)).toBe(END);
  });

  it('ends an ordered_set selection of one exact key in its first chunk, as OTP', () => {
    const ets = createEts();
    const tab = table(ets, { type: 'ordered_set' }, [
      [4, 0],
      [5, 0],
    ]);
    expect(ets.select(tab, ms`[{{4, '_'}, [], ['$_']}]`, 1)).toEqual([[[4, 0]], END]);
    expect(ets.selectReverse(tab, ms`[{{4, '_'}, [], ['$_']}]`, 1)).toEqual([[[4, 0]], END]);
    // Two exact keys are a scan in OTP: each full chunk has a continuation.
    const [, continuation] = ets.select(
      tab,
      ms`[{{4, '_'}, [], ['$_']}, {{5, '_'}, [], ['$_']}]`,
      1,
    ) as SelectChunk;
    const [second, last] = ets.select(continuation as Continuation) as SelectChunk;
    expect(second).toEqual([[5, 0]]);
    expect(ets.select(last as Continuation)).toBe(END);
  });

  it("has OTP's continuation shapes", () => {
    const ets = createEts();
    const ordered = table(ets, { type: 'ordered_set' }, [[1], [2], [3]]);
    const [, forward] = ets.select(ordered, ms`[{'$1', [], ['$1']}]`, 2) as SelectChunk;
    const reference = ets.info(ordered, 'id');
    expect((forward as readonly Term[]).length).toBe(8);
    expect((forward as readonly Term[]).slice(0, 4)).toEqual([reference, 2, nil, 2]);
    expect((forward as readonly unknown[])[4]).toBeInstanceOf(CompiledMatchSpec);
    const [, backward] = ets.selectReverse(ordered, ms`[{'$1', [], ['$1']}]`, 2) as SelectChunk;
    expect((backward as readonly Term[]).slice(1, 2)).toEqual([2]);
    expect((backward as readonly Term[])[6]).toBe(1);
    const hashed = ets.new(atom('h'), { type: 'set' });
    ets.insert(hashed, list([1], [2], [3]));
    const [, slots] = ets.select(hashed, ms`[{'$1', [], ['$1']}]`, 1) as SelectChunk;
    expect((slots as readonly Term[]).length).toBe(6);
    expect((slots as readonly Term[])[0]).toEqual(ets.info(hashed, 'id'));
  });

  it('resumes an ordered_set after its last key whatever changed', () => {
    const ets = createEts();
    const tab = table(ets, { type: 'ordered_set' }, [[1], [2], [3], [4]]);
    const spec = ms`[{{'$1'}, [], ['$1']}]`;
    const [first, continuation] = ets.select(tab, spec, 2) as SelectChunk;
    expect(first).toEqual([1, 2]);
    ets.delete(tab, 2);
    ets.insert(tab, list([2.5], [1.5], [0]));
    expect(drain(ets, ets.select(continuation as Continuation))).toEqual([2.5, 3, 4]);
    const [down, back] = ets.selectReverse(tab, spec, 2) as SelectChunk;
    expect(down).toEqual([4, 3]);
    ets.delete(tab, 3);
    ets.insert(tab, list([3.5], [2.75]));
    // A reverse continuation stays reversed when resumed by select/1, as in OTP.
    expect(drain(ets, ets.select(back as Continuation))).toEqual([2.75, 2.5, 1.5, 1, 0]);
  });

  it('visits every object present throughout exactly once in a fixed hash table', () => {
    const ets = createEts();
    const tab = table(
      ets,
      { type: 'set' },
      Array.from({ length: 600 }, (_, index) => [index]),
    );
    ets.safeFixtable(tab, true);
    const spec = ms`[{{'$1'}, [], ['$1']}]`;
    let chunk = ets.select(tab, spec, 50);
    const seen: Term[] = [];
    let round = 0;
    while (chunk !== END) {
      const [items, continuation] = chunk as SelectChunk;
      seen.push(...items);
      // Delete objects not yet seen and add new ones between chunks.
      ets.delete(tab, 599 - round);
      ets.insert(tab, [1000 + round]);
      round += 1;
      chunk = continuation === END ? END : ets.select(continuation as Continuation);
    }
    ets.safeFixtable(tab, false);
    const counts = new Map<Term, number>();
    for (const key of seen) counts.set(key, (counts.get(key) ?? 0) + 1);
    expect([...counts.values()].every((count) => count === 1)).toBe(true);
    // Every key present throughout (never deleted) was seen.
    for (let key = 0; key < 599 - round; key += 1) expect(counts.has(key)).toBe(true);
  });

  it('hands out exact-key results of a hash table from the accumulator', () => {
    const ets = createEts();
    const tab = table(
      ets,
      { type: 'bag' },
      [1, 2, 3, 4, 5].map((value) => [atom('k'), value]),
    );
    const spec = ms`[{{k, '$1'}, [], ['$1']}]`;
    const [items, continuation] = ets.select(tab, spec, 2) as SelectChunk;
    expect(items).toEqual([1, 2]);
    expect((continuation as readonly Term[])[1]).toBe(-1);
    expect(drain(ets, ets.select(continuation as Continuation))).toEqual([3, 4, 5]);
  });

  it('rejects a continuation of a deleted table with cause id', () => {
    const ets = createEts();
    const tab = table(ets, { type: 'ordered_set' }, [[1], [2]]);
    const [, continuation] = ets.select(tab, ms`[{'$1', [], ['$1']}]`, 1) as SelectChunk;
    ets.delete(tab);
    const error = errorOf(() => ets.select(continuation as Continuation));
    expect(error.cause).toBe('id');
    expect([...error.errorInfo]).toEqual([[1, 'invalid continuation']]);
  });

  it('rejects what is not a continuation', () => {
    const ets = createEts();
    for (const name of ['select', 'selectReverse', 'match', 'matchObject'] as const) {
      const error = errorOf(() => (ets[name] as (value: Term) => unknown)(atom('bad')));
      expect(error.message).toContain('invalid continuation');
    }
  });
});

describe('scans narrowed by the key', () => {
  function spyOnMatch(spec: Term): { calls: () => number; restore: () => void } {
    const compiled = compileMatchSpec(spec);
    const spy = vi.spyOn(compiled, 'match');
    return { calls: () => spy.mock.calls.length, restore: () => spy.mockRestore() };
  }

  for (const backend of ['wavl', 'avl', 'skiplist'] as const) {
    it(`walks only the key range of a partly bound key on an ordered_set (${backend})`, () => {
      const ets = createEts();
      const tab = ets.new(atom('t'), { type: 'ordered_set', backend });
      for (let index = 0; index < 3000; index += 1) {
        ets.insert(tab, [[atom(['a', 'k', 'z'][index % 3]!), index], index]);
      }
      const spec = ms`[{{{k, '$1'}, '_'}, [{'<', '$1', 100}], ['$1']}]`;
      const spy = spyOnMatch(spec);
      const forward = ets.select(tab, spec);
      const visitedForward = spy.calls();
      const backward = ets.selectReverse(tab, spec);
      const chunked = drain(ets, ets.select(tab, spec, 7));
      spy.restore();
      expect(forward).toEqual(Array.from({ length: 33 }, (_, index) => index * 3 + 1));
      expect(backward).toEqual([...forward].reverse());
      expect(chunked).toEqual(forward);
      // The 1000 keys {k, _} are visited, none of the 2000 others.
      expect(visitedForward).toBe(1000);
    });
  }

  it('walks the hull of several bounded clauses on an ordered_set', () => {
    const ets = createEts();
    const tab = ets.new(atom('t'), { type: 'ordered_set' });
    const tags = ['a', 'j', 'k', 'z'].map((name) => atom(name));
    for (let index = 0; index < 400; index += 1) ets.insert(tab, [[tags[index % 4]!, index]]);
    const spec = ms`[{{{k, '$1'}}, [], ['$1']}, {{{j, '$1'}}, [{'<', '$1', 10}], ['$1']}]`;
    const spy = spyOnMatch(spec);
    const results = ets.select(tab, spec);
    const visited = spy.calls();
    spy.restore();
    // {j, _} sorts before {k, _}: key order, the j keys first.
    expect(results).toEqual([1, 5, 9, ...Array.from({ length: 100 }, (_, index) => index * 4 + 2)]);
    expect(visited).toBe(200);
  });

  it('looks up one bucket of a hash table for a bound key', () => {
    const ets = createEts();
    const tab = ets.new(atom('t'), { type: 'bag' });
    for (let index = 0; index < 2000; index += 1) ets.insert(tab, [index % 100, index]);
    const spec = ms`[{{42, '$1'}, [], ['$1']}]`;
    const spy = spyOnMatch(spec);
    const results = ets.select(tab, spec);
    const visited = spy.calls();
    spy.restore();
    expect(results).toHaveLength(20);
    expect(visited).toBe(20);
  });

  it('compares an ordered_set bound key with == to find it and =:= to match it', () => {
    const ets = createEts();
    const tab = table(ets, { type: 'ordered_set' }, [[1, atom('a')]]);
    expect(ets.select(tab, ms`[{{1.0, '_'}, [], ['$_']}]`)).toEqual([]);
    expect(ets.select(tab, ms`[{{1, '_'}, [], ['$_']}]`)).toEqual([[1, atom('a')]]);
    expect(ets.selectCount(tab, ms`[{{1.0, '_'}, [], [true]}]`)).toBe(0);
  });
});

describe('select_count, select_delete, match_delete', () => {
  for (const options of TABLES) {
    it(`count and delete what the spec maps to true on a ${label(options)}`, () => {
      const ets = createEts();
      const objects: Tuple[] = [
        [1, atom('a')],
        [1, atom('b')],
        [2, atom('a')],
        [3, atom('c')],
      ];
      const tab = table(ets, options, objects);
      const spec = ms`[{{'_', a}, [], [true]}, {'_', [], [false]}]`;
      const expected = ets.tab2list(tab).filter((object) => object[1] === atom('a')).length;
      expect(ets.selectCount(tab, spec)).toBe(expected);
      expect(ets.selectCount(tab, ms`[{{'_', a}, [], [1]}]`)).toBe(0);
      expect(ets.selectDelete(tab, spec)).toBe(expected);
      expect(ets.tab2list(tab).some((object) => object[1] === atom('a'))).toBe(false);
      expect(ets.matchDelete(tab, [atom('_'), atom('c')])).toBe(true);
      expect(ets.tab2list(tab).some((object) => object[1] === atom('c'))).toBe(false);
      ets.validate(tab);
    });
  }

  it('deletes every copy in a duplicate bag', () => {
    const ets = createEts();
    const tab = table(ets, { type: 'duplicate_bag' }, [
      [1, 1],
      [1, 1],
      [1, 2],
    ]);
    expect(ets.selectDelete(tab, ms`[{{1, 1}, [], [true]}]`)).toBe(2);
    expect(ets.tab2list(tab)).toEqual([[1, 2]]);
  });

  it('needs write access for deletes and replaces, read access for selects', async () => {
    const ets = createEts();
    const runtime = ets.runtime as NodeProcessRuntime;
    const tab = table(ets, { type: 'set', access: 'protected' }, [[1]]);
    const outcomes: Term[] = [];
    const pid = runtime.spawn(() => {
      outcomes.push(errorOf(() => ets.selectDelete(tab, ms`[{'_', [], [true]}]`)).cause);
      outcomes.push(errorOf(() => ets.selectReplace(tab, ms`[{'_', [], ['$_']}]`)).cause);
      outcomes.push(errorOf(() => ets.matchDelete(tab, atom('_'))).cause);
      outcomes.push(ets.selectCount(tab, ms`[{'_', [], [true]}]`));
    });
    await new Promise<void>((resolve) => runtime.onExit(pid, () => resolve()));
    expect(outcomes).toEqual(['access', 'access', 'access', 1]);
    expect(ets.tab2list(tab)).toEqual([[1]]);
  });
});

describe('select_replace', () => {
  it('replaces matched objects keeping the key (set, ordered_set, duplicate_bag)', () => {
    for (const options of TABLES.filter((candidate) => candidate.type !== 'bag')) {
      const ets = createEts();
      const tab = table(ets, options, [
        [1, atom('a')],
        [2, atom('b')],
        [2, atom('b')],
      ]);
      const count = ets.selectReplace(tab, ms`[{{'$1', b}, [], [{{'$1', x, y}}]}]`);
      expect(count).toBe(options.type === 'duplicate_bag' ? 2 : 1);
      expect(sorted(ets.tab2list(tab))).toEqual(
        sorted([[1, atom('a')], ...Array.from({ length: count }, () => [2, atom('x'), atom('y')])]),
      );
      ets.validate(tab);
    }
  });

  it('accepts the key kept as a bound pattern, a constant, $_ or element(KeyPos, $_)', () => {
    const ets = createEts();
    const tab = table(ets, { type: 'set' }, [[[atom('k'), 1], atom('a')]]);
    expect(ets.selectReplace(tab, ms`[{{{k, '$1'}, '_'}, [], [{{{{k, '$1'}}, b}}]}]`)).toBe(1);
    expect(ets.selectReplace(tab, ms`[{{{k, 1}, '_'}, [], [{const, {{k, 1}, c}}]}]`)).toBe(1);
    expect(ets.selectReplace(tab, ms`[{'_', [], ['$_']}]`)).toBe(1);
    expect(ets.selectReplace(tab, ms`[{{'_', '_'}, [], [{{{element, 1, '$_'}, d}}]}]`)).toBe(1);
    expect(ets.tab2list(tab)).toEqual([[[atom('k'), 1], atom('d')]]);
  });

  it('rejects specs that may change the key, and bags, changing nothing', () => {
    const ets = createEts();
    const tab = table(ets, { type: 'set' }, [
      [1, atom('a')],
      [2, atom('b')],
    ]);
    const before = ets.tab2list(tab);
    for (const spec of [
      ms`[{{'$1', '$2'}, [], [{{x, '$2'}}]}]`,
      ms`[{{'$1', '$2'}, [], [{{{'+', '$1', 0.0}, x}}]}]`,
      ms`[{{'$1', '$2'}, [], [foo]}]`,
      ms`[{{'$1', '$2'}, [], [{const, {1, z}}]}]`,
      ms`[{{'_', '$2'}, [], [{{'_', b}}]}]`,
      ms`[{'$1', [], ['$1']}]`,
      ms`[{{'$1', '$2'}, [], [foo, {{'$1', x}}]}]`,
      ms`[{{'$1', '$2'}, [], [{{'$1', x}}]}, {{'$1', '$2'}, [], [{{x, '$1'}}]}]`,
      atom('bad'),
    ]) {
      const error = errorOf(() => ets.selectReplace(tab, spec));
      expect([...error.errorInfo]).toEqual([[2, 'not a valid match specification']]);
    }
    expect(ets.tab2list(tab)).toEqual(before);
    const bag = table(ets, { type: 'bag' }, []);
    expect(errorOf(() => ets.selectReplace(bag, ms`[{'_', [], ['$_']}]`)).cause).toBe('table_type');
  });
});

describe('match and match_object', () => {
  it('bind variables in number order, and chunk like select', () => {
    const ets = createEts();
    const tab = table(ets, { type: 'ordered_set' }, [
      [1, atom('a'), 10],
      [2, atom('b'), 20],
      [3, atom('a'), 30],
    ]);
    expect(ets.match(tab, [atom('$2'), atom('a'), atom('$1')])).toEqual([list(10, 1), list(30, 3)]);
    expect(ets.matchObject(tab, [atom('_'), atom('a'), atom('_')])).toEqual([
      [1, atom('a'), 10],
      [3, atom('a'), 30],
    ]);
    const [first, continuation] = ets.match(
      tab,
      [atom('$1'), atom('_'), atom('_')],
      2,
    ) as SelectChunk;
    expect(first).toEqual([list(1), list(2)]);
    expect(ets.match(continuation as Continuation)).toEqual([[list(3)], END]);
    const [objects, more] = ets.matchObject(tab, atom('_'), 1) as SelectChunk;
    expect(objects).toEqual([[1, atom('a'), 10]]);
    expect(drain(ets, ets.matchObject(more as Continuation))).toHaveLength(2);
  });
});

describe('errors', () => {
  it("give OTP's sentences for bad specifications, limits and tables", () => {
    const ets = createEts();
    const tab = table(ets, { type: 'set' }, []);
    const bad = atom('bad');
    const good = ms`[{'$1', [], ['$1']}]`;
    const info = (call: () => unknown) => Object.fromEntries(errorOf(call).errorInfo);
    expect(info(() => ets.select(tab, bad))).toEqual({ 2: 'not a valid match specification' });
    expect(info(() => ets.select(tab, bad, 0))).toEqual({
      2: 'not a valid match specification',
      3: 'out of range',
    });
    expect(info(() => ets.select(tab, good, atom('x') as never))).toEqual({
      3: 'not an integer',
    });
    expect(info(() => ets.select(tab, good, (2n ** 70n) as never))).toEqual({});
    expect(info(() => ets.selectCount(tab, bad))).toEqual({ 2: 'not a valid match specification' });
    expect(info(() => ets.selectDelete(tab, bad))).toEqual({
      2: 'not a valid match specification',
    });
    expect(info(() => ets.match(tab, atom('_'), 0))).toEqual({ 3: 'out of range' });
    expect(info(() => ets.matchObject(tab, atom('_'), -1))).toEqual({ 3: 'out of range' });
    const missing = errorOf(() => ets.select(atom('nope'), bad, 0));
    expect(missing.cause).toBe('id');
    expect(Object.fromEntries(missing.errorInfo)).toEqual({
      1: 'the table identifier does not refer to an existing ETS table',
      2: 'not a valid match specification',
      3: 'out of range',
    });
    expect(info(() => ets.matchSpecCompile(bad))).toEqual({
      1: 'not a valid match specification',
    });
    expect(info(() => ets.matchSpecRun(list([1]), bad as never))).toEqual({});
  });

  it('select_delete with an invalid spec changes nothing', () => {
    const ets = createEts();
    const tab = table(ets, { type: 'ordered_set' }, [[1], [2]]);
    errorOf(() => ets.selectDelete(tab, parse("[{{'$1'}, [], [true]}, bad]")));
    expect(ets.tab2list(tab)).toEqual([[1], [2]]);
  });
});

describe('compiled specifications', () => {
  it('test_ms, match_spec_compile/run, is_compiled_ms', () => {
    const ets = createEts();
    expect(ets.testMs([1, 2], ms`[{{'$1', '$2'}, [], [{'+', '$1', '$2'}]}]`)).toEqual({
      ok: true,
      result: 3,
    });
    expect(ets.testMs([1], atom('bad') as Term)).toEqual({
      ok: false,
      errors: ['Match programs are not in a list.'],
    });
    const compiled = ets.matchSpecCompile(ms`[{{'$1'}, [{is_integer, '$1'}], ['$1']}]`);
    expect(ets.isCompiledMs(compiled)).toBe(true);
    expect(ets.isCompiledMs(atom('x'))).toBe(false);
    expect(ets.matchSpecRun(list([1], [atom('a')], [2]), compiled)).toEqual([1, 2]);
    expect(ets.matchSpecRun([[3]], compiled)).toEqual([3]);
  });

  it('repair_continuation restores a lost compiled specification', () => {
    const ets = createEts();
    const tab = table(ets, { type: 'ordered_set' }, [[1], [2], [3]]);
    const spec = ms`[{'$1', [], ['$1']}]`;
    const [, continuation] = ets.select(tab, spec, 1) as SelectChunk;
    const broken = [...(continuation as readonly Term[])];
    broken[4] = atom('lost');
    expect(errorOf(() => ets.select(broken as never)).message).toContain('invalid continuation');
    const repaired = ets.repairContinuation(broken as Term, spec);
    expect(drain(ets, ets.select(repaired as never))).toEqual([[2], [3]]);
    expect(ets.repairContinuation(continuation as Term, spec)).toBe(continuation);
    expect(ets.repairContinuation(END, spec)).toBe(END);
    expect(() => ets.repairContinuation(atom('foo'), spec)).toThrow(TypeError);
  });
});

describe('property: chunked selects agree with a filter of the table', () => {
  const key = fc.oneof(
    fc.integer({ min: 0, max: 6 }),
    fc.tuple(fc.constantFrom(atom('k'), atom('j')), fc.integer({ min: 0, max: 4 })),
  );
  const objects = fc.array(fc.tuple(key, fc.integer({ min: 0, max: 3 })), { maxLength: 30 });
  const specs: readonly [Term, (object: readonly Term[]) => Term | undefined][] = [
    [
      ms`[{{'$1', '$2'}, [{'>', '$2', 1}], ['$1']}]`,
      ([k, v]) => ((v as number) > 1 ? k : undefined),
    ],
    [
      ms`[{{{k, '$1'}, '$2'}, [], [{{'$1', '$2'}}]}]`,
      ([k, v]) => (Array.isArray(k) && k[0] === atom('k') ? [k[1] as Term, v as Term] : undefined),
    ],
    [ms`[{{3, '$2'}, [], ['$2']}]`, ([k, v]) => (k === 3 ? v : undefined)],
    [
      ms`[{{{j, 2}, '_'}, [], ['$_']}, {{1, '_'}, [], ['$_']}]`,
      (object) => {
        const [k] = object;
        return (Array.isArray(k) && k[0] === atom('j') && k[1] === 2) || k === 1
          ? [...object]
          : undefined;
      },
    ],
  ];

  for (const options of TABLES) {
    it(`on a ${label(options)}`, () => {
      fc.assert(
        fc.property(
          objects,
          fc.integer({ min: 0, max: specs.length - 1 }),
          fc.integer({ min: 1, max: 8 }),
          (inserted, specIndex, limit) => {
            const ets = createEts();
            const tab = table(ets, options, inserted as Tuple[]);
            const [spec, model] = specs[specIndex]!;
            const expected = ets
              .tab2list(tab)
              .map((object) => model(object))
              .filter((result): result is Term => result !== undefined);
            const whole = ets.select(tab, spec);
            const chunked = drain(ets, ets.select(tab, spec, limit));
            const reversed = drain(ets, ets.selectReverse(tab, spec, limit));
            if (options.type === 'ordered_set') {
              expect(whole).toEqual(expected);
              expect(chunked).toEqual(expected);
              expect(reversed).toEqual([...expected].reverse());
            } else {
              expect(sorted(whole)).toEqual(sorted(expected));
              expect(sorted(chunked)).toEqual(sorted(expected));
              expect(sorted(reversed)).toEqual(sorted(expected));
            }
            expect(
              ets.selectCount(
                tab,
                listFrom(
                  ((spec as List).items as Term[][]).map(([head, guard]) => [
                    head!,
                    guard!,
                    list(true),
                  ]),
                ),
              ),
            ).toBe(expected.length);
          },
        ),
        { numRuns: 150 },
      );
    });
  }
});
