/** The README's example, run as written. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atom, list } from '@tsunami/core';
import { ms } from '@tsunami/matchspec';
import { expect, it } from 'vitest';
import {
  type Continuation,
  createEts,
  EtsError,
  endOfTable,
  ets,
  type SelectChunk,
} from '../src/index.js';

it('runs the README example', () => {
  const users = ets.new(atom('users'), { type: 'ordered_set', namedTable: true });
  ets.insert(users, list([1, 'alice', 0], [2, 'bob', 0]));
  ets.insert(users, [3, 'carol', 0]);

  expect(ets.lookup(users, 2)).toEqual([[2, 'bob', 0]]);
  expect(ets.updateCounter(users, 2, [3, 5])).toBe(5);
  expect(ets.lookupElement(users, 4, 2, 'nobody')).toBe('nobody');
  expect(ets.next(users, 1.5)).toBe(2);
  expect(ets.last(users)).toBe(3);
  expect(ets.next(users, 3)).toBe(endOfTable);

  let caught: unknown;
  try {
    ets.insert(atom('nope'), [1]);
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(EtsError);
  const error = caught as EtsError;
  expect(error.reason).toBe(atom('badarg'));
  expect(error.cause).toBe('id');
  expect(error.errorInfo.get(1)).toBe(
    'the table identifier does not refer to an existing ETS table',
  );
  ets.delete(users);
});

it('runs the README table files example', () => {
  const directory = mkdtempSync(join(tmpdir(), 'tsunami-readme-'));
  const file = join(directory, 'scores.tab');
  const missing = join(directory, 'missing.tab');
  try {
    const ets = createEts();
    const scores = ets.new(atom('scores'), { type: 'bag', namedTable: true });
    ets.insert(scores, list([atom('ann'), 10], [atom('ann'), 12], [atom('bob'), 7]));

    expect(ets.tab2file(scores, file, { extendedInfo: ['object_count', 'md5sum'] })).toBe(
      atom('ok'),
    );
    ets.delete(scores);
    expect(ets.file2tab(file, { verify: true })).toEqual([atom('ok'), scores]);
    expect(ets.info(scores, 'owner')).toEqual(ets.runtime.self());
    expect(ets.lookup(scores, atom('ann'))).toEqual([
      [atom('ann'), 10],
      [atom('ann'), 12],
    ]);
    expect(ets.file2tab(missing)).toEqual([
      atom('error'),
      [atom('read_error'), [atom('file_error'), missing, atom('enoent')]],
    ]);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
});

it('runs the README select and match example', () => {
  const ets = createEts();
  const orders = ets.new(atom('orders'), { type: 'ordered_set' });
  for (let id = 1; id <= 6; id += 1) ets.insert(orders, [[atom('order'), id], id * 10]);
  ets.insert(orders, [[atom('refund'), 1], 5]);

  const big = ms`[{{{order, '$1'}, '$2'}, [{'>', '$2', 20}], ['$1']}]`;
  expect(ets.select(orders, big)).toEqual([3, 4, 5, 6]);
  const [first, continuation] = ets.select(orders, big, 3) as SelectChunk;
  expect(first).toEqual([3, 4, 5]);
  expect(ets.select(continuation as Continuation)).toEqual([[6], endOfTable]);
  expect(ets.selectReverse(orders, big)).toEqual([6, 5, 4, 3]);
  expect(ets.match(orders, [[atom('refund'), atom('$1')], atom('$2')])).toEqual([list(1, 5)]);
  expect(ets.selectReplace(orders, ms`[{{{order, 1}, '$1'}, [], [{{{{order, 1}}, 0}}]}]`)).toBe(1);
  expect(ets.selectDelete(orders, ms`[{{'_', 0}, [], [true]}]`)).toBe(1);
});

it('runs the README query handles example', () => {
  const ets = createEts();
  const stock = ets.new(atom('stock'), { type: 'ordered_set' });
  ets.insert(stock, [atom('apple'), 3]);
  ets.insert(stock, [atom('kiwi'), 0]);
  ets.insert(stock, [atom('pear'), 7]);

  expect([...ets.table(stock, { traverse: 'last_prev' })]).toEqual([
    [atom('pear'), 7],
    [atom('kiwi'), 0],
    [atom('apple'), 3],
  ]);
  const inStock = ets.fun2ms('fun({Fruit, N}) when N > 0 -> Fruit end');
  const fruits: unknown[] = [];
  for (const fruit of ets.table(stock, { traverse: { select: inStock }, nObjects: 1 })) {
    fruits.push(fruit);
  }
  expect(fruits).toEqual([atom('apple'), atom('pear')]);
  expect(ets.info(stock, 'fixed')).toBe(false);
});
