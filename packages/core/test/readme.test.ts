/** The README example, with each commented result asserted. Keep the two in step. */
import { expect, it } from 'vitest';
import {
  atom,
  compare,
  decode,
  encode,
  exactEquals,
  Float,
  format,
  list,
  parse,
  SortedArrayMap,
  type Term,
} from '../src/index.js';

it('README example', () => {
  const row = [atom('user'), 42, 'Zoë', list(1, 2, 3), new Float(1)];
  expect(format(row)).toBe('{user,42,<<90,111,195,171>>,[1,2,3],1.0}');
  expect(exactEquals(parse('{user, 42, <<"Zoë"/utf8>>, [1,2,3], 1.0}'), row)).toBe(true);

  const sorted = [[1], atom('b'), 2, new Float(1)].sort(compare);
  expect(format(sorted)).toBe('{1.0,2,b,{1}}');
  expect(compare(1, new Float(1))).toBe(0);
  expect(exactEquals(1, new Float(1))).toBe(false);

  const bytes = encode([atom('ok'), 1]);
  expect([...bytes]).toEqual([131, 104, 2, 119, 2, 111, 107, 97, 1]);
  expect(exactEquals(decode(bytes), [atom('ok'), 1])).toBe(true);

  const table = new SortedArrayMap<Term, string>(compare);
  table.set([atom('b'), 1], 'second').set([atom('a'), 2], 'first');
  expect(table.next([atom('a'), 2])).toEqual([[atom('b'), 1], 'second']);
});
