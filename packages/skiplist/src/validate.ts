/**
 * Whole-structure checks and shape reports for the skip list, kept apart from the hot paths.
 *
 * `validateLevels` checks every invariant the list relies on and throws an Error naming the
 * offending key: level 0 strictly ascending under the comparator with consistent backward
 * links, tail and size; each higher level a sublist of the level below (so also sorted), every
 * node's `below` and `base` pointing into its own tower; the level count equal to the tallest
 * tower and within `maxLevel`; heads above the level count empty; the node count right.
 * O(total nodes) plus one comparison per entry.
 */
import type { Comparator } from '@tsunami/core';
import type { SkipListNode } from './node.js';

/** The parts of a skip list the checks read. */
export interface SkipListLayout<K, V> {
  readonly heads: ReadonlyArray<SkipListNode<K, V>>;
  readonly levelCount: number;
  readonly size: number;
  readonly tail: SkipListNode<K, V> | null;
  readonly maxLevel: number;
  readonly nodeCount: number;
  readonly comparator: Comparator<K>;
}

/** A printable form of a key for error messages; never throws. */
function describeKey(key: unknown): string {
  try {
    if (typeof key === 'string') return JSON.stringify(key);
    if (typeof key === 'bigint') return `${key}n`;
    if (Array.isArray(key)) return `[${key.map(describeKey).join(', ')}]`;
    return String(key);
  } catch {
    return Object.prototype.toString.call(key);
  }
}

function fail(message: string): never {
  throw new Error(`SkipList invariant broken: ${message}`);
}

/** Throws an Error naming the key where `layout` breaks a skip-list invariant. */
export function validateLevels<K, V>(layout: SkipListLayout<K, V>): void {
  const { heads, levelCount, size, tail, maxLevel, comparator } = layout;
  if (!Number.isInteger(levelCount) || levelCount < 0 || levelCount > maxLevel) {
    fail(`level count ${levelCount} is outside 0..${maxLevel}`);
  }
  if (heads.length !== maxLevel) fail(`${heads.length} heads for max level ${maxLevel}`);
  for (let level = 0; level < maxLevel; level++) {
    const head = heads[level] as SkipListNode<K, V>;
    if (head.below !== (level === 0 ? null : heads[level - 1])) {
      fail(`head of level ${level} is not linked to the head below it`);
    }
    if (level >= levelCount && head.next !== null) {
      fail(
        `level ${level} above the level count ${levelCount} holds key ${describeKey(head.next.key)}`,
      );
    }
  }
  if (levelCount > 0 && (heads[levelCount - 1] as SkipListNode<K, V>).next === null) {
    fail(`top level ${levelCount - 1} is empty`);
  }
  if (levelCount === 0 && size !== 0) fail(`size ${size} with no levels`);

  // Level 0: strictly ascending, backward links, tail, size.
  const head0 = heads[0] as SkipListNode<K, V>;
  let previous: SkipListNode<K, V> | null = null;
  let count = 0;
  for (let node = head0.next; node !== null; node = node.next) {
    count++;
    if (count > size) fail(`level 0 holds more than size ${size} entries (a cycle?)`);
    const name = describeKey(node.key);
    if (node.base !== node || node.below !== null) fail(`key ${name} at level 0 is not a base`);
    if (node.previous !== previous) fail(`key ${name} has a wrong backward link`);
    if (previous !== null && !(comparator(previous.key, node.key) < 0)) {
      fail(`key ${name} does not sort after ${describeKey(previous.key)} at level 0`);
    }
    previous = node;
  }
  if (count !== size) fail(`level 0 holds ${count} entries, size is ${size}`);
  if (tail !== previous) {
    fail(
      `tail is ${tail === null ? 'null' : describeKey(tail.key)}, last entry is ${previous === null ? 'none' : describeKey(previous.key)}`,
    );
  }

  // Higher levels: each a sublist of the level below, every node in its own tower.
  let nodeCount = count;
  for (let level = 1; level < levelCount; level++) {
    const head = heads[level] as SkipListNode<K, V>;
    let cursor: SkipListNode<K, V> | null = (heads[level - 1] as SkipListNode<K, V>).next;
    let levelSize = 0;
    for (let node = head.next; node !== null; node = node.next) {
      levelSize++;
      if (levelSize > size) fail(`level ${level} holds more than size ${size} nodes (a cycle?)`);
      const name = describeKey(node.key);
      const below = node.below;
      if (below === null) fail(`key ${name} at level ${level} has no node below it`);
      if (node.base !== below.base || node.key !== node.base.key) {
        fail(`key ${name} at level ${level} is not in the tower of its node below`);
      }
      while (cursor !== null && cursor !== below) cursor = cursor.next;
      if (cursor === null) {
        fail(`key ${name} at level ${level} is out of order or missing from level ${level - 1}`);
      }
      cursor = cursor.next;
    }
    nodeCount += levelSize;
  }
  if (nodeCount !== layout.nodeCount) {
    fail(`${nodeCount} nodes linked, node count is ${layout.nodeCount}`);
  }
}

/** The number of nodes on each level, from level 0 up. O(total nodes). */
export function levelSizes<K, V>(
  heads: ReadonlyArray<SkipListNode<K, V>>,
  levelCount: number,
): number[] {
  const sizes: number[] = [];
  for (let level = 0; level < levelCount; level++) {
    let levelSize = 0;
    for (let node = (heads[level] as SkipListNode<K, V>).next; node !== null; node = node.next) {
      levelSize++;
    }
    sizes.push(levelSize);
  }
  return sizes;
}

/** Each key in order with its tower height. O(total nodes). */
export function towerHeights<K, V>(
  heads: ReadonlyArray<SkipListNode<K, V>>,
  levelCount: number,
): Array<[key: K, height: number]> {
  const towers: Array<[key: K, height: number]> = [];
  const positions = new Map<SkipListNode<K, V>, number>();
  if (levelCount === 0) return towers;
  for (let node = (heads[0] as SkipListNode<K, V>).next; node !== null; node = node.next) {
    positions.set(node, towers.length);
    towers.push([node.key, 1]);
  }
  for (let level = 1; level < levelCount; level++) {
    for (let node = (heads[level] as SkipListNode<K, V>).next; node !== null; node = node.next) {
      const tower = towers[positions.get(node.base) as number] as [K, number];
      tower[1] = level + 1;
    }
  }
  return towers;
}
