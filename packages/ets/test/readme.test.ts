/** The README's example, run as written. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { atom, list } from '@tsunami/core';
import { expect, it } from 'vitest';
import { createEts, EtsError, endOfTable, ets } from '../src/index.js';

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
