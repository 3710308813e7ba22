/**
 * Range iteration over a binary search tree: the iterator holds the tree's node pool, the next
 * node to yield and the last node of the range, both found by the tree before iteration
 * starts, and the {@link TreeWalk} that the search for the first left standing at it, so a step
 * never calls the comparator. A full walk goes down each edge once: O(1) amortised per entry.
 *
 * A class rather than a generator: V8 optimises its `next` like any method and allocates only
 * the result objects.
 */
import type { Entry } from '../ordered-map.js';
import { NO_NODE, type NodeIndex, type NodePool } from './node.js';
import type { TreeWalk } from './walk.js';

/** What an iterator yields for each node. */
export const IterationOutput = { entries: 0, keys: 1, values: 2 } as const;
/** One of {@link IterationOutput}. */
export type IterationOutput = (typeof IterationOutput)[keyof typeof IterationOutput];

/**
 * Iterates the nodes from `start` to `end` inclusive in `walk`'s direction (key order, or
 * reverse order for a backwards walk), `walk` standing at `start`, yielding entries, keys or
 * values. `start` is {@link NO_NODE} for an empty range.
 * The tree must not change during the iteration. The iterator holds the pool, never hands out
 * a node index, and keeps a pool that `clear` or `assignSorted` replaced.
 */
export class TreeRangeIterator<K, V, T> implements IterableIterator<T> {
  private readonly nodes: NodePool<K, V>;
  private node: NodeIndex;
  private readonly end: NodeIndex;
  private readonly walk: TreeWalk;
  private readonly output: IterationOutput;

  constructor(
    nodes: NodePool<K, V>,
    start: NodeIndex,
    end: NodeIndex,
    walk: TreeWalk,
    output: IterationOutput,
  ) {
    this.nodes = nodes;
    this.node = start;
    this.end = end;
    this.walk = walk;
    this.output = output;
  }

  next(): IteratorResult<T, undefined> {
    const node = this.node;
    if (node === NO_NODE) return { done: true, value: undefined };
    const nodes = this.nodes;
    if (node === this.end) this.node = NO_NODE;
    else this.node = this.walk.step(nodes, node);
    const output = this.output;
    const value =
      output === IterationOutput.entries
        ? ([nodes.key[node], nodes.value[node]] as Entry<K, V>)
        : output === IterationOutput.keys
          ? nodes.key[node]
          : nodes.value[node];
    return { done: false, value: value as T };
  }

  [Symbol.iterator](): this {
    return this;
  }
}
