/**
 * The core ordered-map conformance kit run against the skip list: the default shape with
 * several seeds, and tiny shape knobs that force the rare paths (a single level, towers that
 * hit a low cap, almost no promotions, promotions at every other node).
 */
import { describeOrderedMap } from '@tsunami/core/testing';
import { type SkipListOptions, skipListFactory } from '../src/index.js';

const shapes: Array<[name: string, shape: SkipListOptions]> = [
  ['default seed', {}],
  ['seed 1', { seed: 1 }],
  ['seed 0xdeadbeef, probability 1/2', { seed: 0xdeadbeef, probability: 0.5 }],
  ['maxLevel 1', { seed: 2, maxLevel: 1 }],
  ['maxLevel 2, probability 0.9', { seed: 3, maxLevel: 2, probability: 0.9 }],
  ['probability 0.02', { seed: 4, probability: 0.02 }],
];

for (const [name, shape] of shapes) {
  describeOrderedMap(`SkipList (${name})`, skipListFactory(shape), {
    seed: 0x5eed + (shape.seed ?? 0),
    countersThatMove: ['comparisons', 'levelChanges'],
  });
}
