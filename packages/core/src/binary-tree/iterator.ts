/**
 * Range iteration over a binary search tree with parent links: the iterator holds the next node
 * to yield and the last node of the range, both found by the tree before iteration starts, so
 * a step is one successor (or predecessor) walk and never calls the comparator. A full walk
 * visits each edge twice: O(1) amortised per entry.
 *
 * A class rather than a generator: V8 optimises its `next` like any method and allocates only
 * the result objects.
 */
import type { Entry } from '../ordered-map.js';
import { type BinaryTreeNode, predecessor, successor } from './node.js';

/** What an iterator yields for each node. */
export const IterationOutput = { entries: 0, keys: 1, values: 2 } as const;
/** One of {@link IterationOutput}. */
export type IterationOutput = (typeof IterationOutput)[keyof typeof IterationOutput];

/**
 * Iterates the nodes from `start` to `end` inclusive (in key order, or reverse order when
 * `reverse`), yielding entries, keys or values. `start` is `null` for an empty range.
 * The tree must not change during the iteration.
 */
export class TreeRangeIterator<K, V, T> implements IterableIterator<T> {
  private node: BinaryTreeNode<K, V> | null;
  private readonly end: BinaryTreeNode<K, V> | null;
  private readonly reverse: boolean;
  private readonly output: IterationOutput;

  constructor(
    start: BinaryTreeNode<K, V> | null,
    end: BinaryTreeNode<K, V> | null,
    reverse: boolean,
    output: IterationOutput,
  ) {
    this.node = start;
    this.end = end;
    this.reverse = reverse;
    this.output = output;
  }

  next(): IteratorResult<T, undefined> {
    const node = this.node;
    if (node === null) return { done: true, value: undefined };
    if (node === this.end) this.node = null;
    else this.node = this.reverse ? predecessor(node) : successor(node);
    const output = this.output;
    const value =
      output === IterationOutput.entries
        ? ([node.key, node.value] as Entry<K, V>)
        : output === IterationOutput.keys
          ? node.key
          : node.value;
    return { done: false, value: value as T };
  }

  [Symbol.iterator](): this {
    return this;
  }
}
