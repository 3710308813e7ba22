/** The README example, run with its printed results asserted. Keep the two in step. */
import { expect, it } from 'vitest';
import { SkipList } from '../src/index.js';

it('README example', () => {
  type EventKey = readonly [time: number, name: string];
  const byTimeThenName = (a: EventKey, b: EventKey) =>
    a[0] - b[0] || (a[1] < b[1] ? -1 : a[1] > b[1] ? 1 : 0);

  const events = new SkipList<EventKey, string>(byTimeThenName, { seed: 42, instrument: true });
  events.set([10, 'boot'], 'ok').set([25, 'login'], 'alice').set([25, 'audit'], 'on');
  events.set([40, 'logout'], 'alice').set([55, 'halt'], 'ok');

  const range = [
    ...events.entries({ low: [20, ''], high: [55, ''], highInclusive: false, reverse: true }),
  ];
  expect(range).toEqual([
    [[40, 'logout'], 'alice'],
    [[25, 'login'], 'alice'],
    [[25, 'audit'], 'on'],
  ]);

  expect(events.next([25, 'b'])).toEqual([[25, 'login'], 'alice']);
  expect(events.prev([25, 'audit'])).toEqual([[10, 'boot'], 'ok']);

  const build = (seed: number) => {
    const list = new SkipList<number, number>((a, b) => a - b, { seed });
    for (let key = 0; key < 1000; key++) list.set((key * 7919) % 1000, key);
    return JSON.stringify(list.shape());
  };
  const shape = build(7);
  expect([shape === build(7), shape === build(8)]).toEqual([true, false]);

  const { size, height, levelSizes, counters } = events.stats();
  expect([size, height, levelSizes, counters.comparisons, counters.towerLevelsCreated]).toEqual([
    5,
    2,
    [5, 1],
    27,
    6,
  ]);
  events.validate();
});
