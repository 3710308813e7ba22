/** The README's example, run as written. */
import { atom, list } from '@tsunami/core';
import { expect, it } from 'vitest';
import { EtsError, endOfTable, ets } from '../src/index.js';

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
