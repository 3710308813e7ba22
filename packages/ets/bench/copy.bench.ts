/**
 * What keeping stored objects out of the caller's reach costs, per policy, for one insert
 * followed by a number of reads of the same object (ETS tables are read far more than written),
 * and for counter updates of one stored object:
 *
 * - `copy both ways`: deep copy on insert and on every read (what OTP does, heap to table and
 *   back); an update changes the table's private copy in place;
 * - `freeze inside, copy the tuple` (Tsunami): deep copy on insert with everything inside the
 *   tuple frozen, the tuple itself private; reads copy the tuple only (its elements are shared),
 *   an update changes the private tuple in place;
 * - `freeze all, share` (Tsunami before): deep copy and freeze on insert, reads hand out the
 *   frozen copy itself; an update makes and freezes a new tuple;
 * - `freeze caller's, share`: freeze the caller's own object on insert and share it. No copy at
 *   all, the floor of any policy for reads, but it freezes what the caller passed in
 *   (unexpected, and impossible for a `Map` or `Uint8Array` inside it).
 *
 * Objects: a flat 4-tuple of scalars, and a nested record of tuples and a list.
 * Run: `pnpm exec vitest bench --project ets --run`.
 */
import { atom, List, list, type Term, type Tuple } from '@tsunami/core';
import { bench, describe } from 'vitest';
import { deepCopy, readCopy, shallowCopy, storedCopy } from '../src/copy.js';

const flat: Tuple = [atom('user'), 42, 'alice', 3.5];
const nested: Tuple = [
  atom('order'),
  1001,
  [atom('customer'), 'bob', [atom('address'), 'Main St', 12]],
  list([atom('item'), 'pen', 2], [atom('item'), 'ink', 1]),
  [1, 2, 3, 4, 5, 6, 7, 8],
];

function deepFreeze(term: Term): Term {
  if (Array.isArray(term)) {
    for (const element of term) deepFreeze(element);
    Object.freeze(term);
  } else if (term instanceof List) {
    for (const item of term.items) deepFreeze(item);
  }
  return term;
}

const READS = 10;
const UPDATES = 10;

for (const [name, object] of [
  ['flat 4-tuple', flat],
  ['nested record', nested],
] as const) {
  describe(`one insert and ${READS} reads of a ${name}`, () => {
    bench('copy both ways', () => {
      const stored = deepCopy(object as Term[]) as Tuple;
      for (let read = 0; read < READS; read += 1) deepCopy(stored as Term[]);
    });
    bench('freeze inside, copy the tuple (Tsunami)', () => {
      const stored = storedCopy(object);
      for (let read = 0; read < READS; read += 1) readCopy(stored);
    });
    bench('freeze all, share (Tsunami before)', () => {
      const stored = Object.freeze(storedCopy(object));
      for (let read = 0; read < READS; read += 1) void stored;
    });
    bench("freeze caller's, share", () => {
      const stored = deepFreeze(object as Term[]) as Tuple;
      for (let read = 0; read < READS; read += 1) void stored;
    });
  });
  describe(`${UPDATES} counter updates of a stored ${name}`, () => {
    // The counter is element 2, an integer in both objects.
    const inPlace = storedCopy(object) as Term[];
    bench('in place, the tuple private (copy both ways, Tsunami)', () => {
      for (let update = 0; update < UPDATES; update += 1) {
        inPlace[1] = (inPlace[1] as number) + 1;
      }
    });
    let shared = Object.freeze(storedCopy(object));
    bench('a new frozen tuple each time (Tsunami before)', () => {
      for (let update = 0; update < UPDATES; update += 1) {
        const updated = shallowCopy(shared);
        updated[1] = (updated[1] as number) + 1;
        shared = Object.freeze(updated);
      }
    });
  });
}
