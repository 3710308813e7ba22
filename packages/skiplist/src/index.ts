/**
 * @tsunami/skiplist: a skip list implementing the `OrderedMap` interface of `@tsunami/core`,
 * usable as a sorted map with any comparator and as the backend of an ETS `ordered_set`.
 */
import type { Comparator, OrderedMap, OrderedMapFactory } from '@tsunami/core';
import { SkipList, type SkipListOptions } from './skip-list.js';

export {
  DEFAULT_PROBABILITY,
  DEFAULT_SEED,
  MAX_LEVEL_LIMIT,
  SkipList,
  type SkipListCounters,
  type SkipListOptions,
  type SkipListShape,
  type SkipListStats,
} from './skip-list.js';

/** Builds an empty {@link SkipList}: the skip list as an `OrderedMapFactory`. */
export const createSkipList: OrderedMapFactory = <K, V>(
  comparator: Comparator<K>,
  options?: SkipListOptions,
): OrderedMap<K, V> => new SkipList<K, V>(comparator, options);

/**
 * An `OrderedMapFactory` whose lists use `shape` (seed, probability, maxLevel) unless the
 * caller's options override it: for test kits and benchmarks that take a factory.
 */
export function skipListFactory(shape: SkipListOptions): OrderedMapFactory {
  return <K, V>(comparator: Comparator<K>, options?: SkipListOptions): OrderedMap<K, V> =>
    new SkipList<K, V>(comparator, { ...shape, ...options });
}
