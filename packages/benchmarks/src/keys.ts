/**
 * The key shapes of the ordered-map workloads, each with the comparator every subject uses
 * for it, so a run compares data structures and not comparators:
 * - `int`: random integers in [0, 2³¹), compared with `(a, b) => a - b`;
 * - `string`: `prefix:xxxxxxxx` strings (four shared prefixes, like real key names, so
 *   comparisons read past a common start), compared with `<`;
 * - `tuple`: 2-tuples `[int, string]` with many equal first elements, compared with core
 *   `compare` (Erlang term order), the comparator of an ETS `ordered_set`.
 */
import { type Comparator, compare } from '@tsunami/core';

/** The name of a key shape. */
export type ShapeName = 'int' | 'string' | 'tuple';

/** How to make keys of one shape and how to order them. */
export interface KeyShape<K> {
  readonly name: ShapeName;
  readonly comparator: Comparator<K>;
  /**
   * Whether a native `Map` finds these keys as the comparator does: true for primitives,
   * false for tuples (a `Map` compares arrays by identity).
   */
  readonly nativeMapApplies: boolean;
  /** One random key; duplicates are removed by {@link distinctKeys}. */
  randomKey(random: () => number): K;
  /** A string that is equal for two keys exactly when the comparator says they are equal. */
  identity(key: K): string | number;
}

const STRING_PREFIXES = ['user', 'session', 'order', 'item'] as const;

function randomSuffix(random: () => number, length: number): string {
  let text = '';
  for (let index = 0; index < length; index += 1) {
    text += Math.floor(random() * 36).toString(36);
  }
  return text;
}

export const intShape: KeyShape<number> = {
  name: 'int',
  comparator: (a, b) => a - b,
  nativeMapApplies: true,
  randomKey: (random) => Math.floor(random() * 2 ** 31),
  identity: (key) => key,
};

export const stringShape: KeyShape<string> = {
  name: 'string',
  comparator: (a, b) => (a < b ? -1 : a > b ? 1 : 0),
  nativeMapApplies: true,
  randomKey: (random) =>
    `${STRING_PREFIXES[Math.floor(random() * STRING_PREFIXES.length)]}:${randomSuffix(random, 8)}`,
  identity: (key) => key,
};

/** An `[int, string]` key, as an ETS record key `{Id, Name}` is in JavaScript. */
export type TupleKey = [number, string];

export const tupleShape: KeyShape<TupleKey> = {
  name: 'tuple',
  comparator: compare as Comparator<TupleKey>,
  nativeMapApplies: false,
  randomKey: (random) => [Math.floor(random() * 10_000), randomSuffix(random, 6)],
  identity: (key) => `${key[0]}|${key[1]}`,
};

/** `count` keys of `shape`, pairwise distinct under its comparator, in random order. */
export function distinctKeys<K>(shape: KeyShape<K>, count: number, random: () => number): K[] {
  const seen = new Set<string | number>();
  const keys: K[] = [];
  while (keys.length < count) {
    const key = shape.randomKey(random);
    const identity = shape.identity(key);
    if (seen.has(identity)) continue;
    seen.add(identity);
    keys.push(key);
  }
  return keys;
}
