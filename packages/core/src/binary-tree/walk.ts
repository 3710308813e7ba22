/**
 * An in-order walk over a {@link NodePool} tree: it keeps the ancestors still to come on a
 * stack, as the classic iterative in-order traversal does. The trees have no parent links, so
 * a walk starts where a search from the root left it, the search having pushed those ancestors
 * on its way down ({@link TreeWalk.push}, {@link TreeWalk.descend}).
 *
 * Why a stack even when there were parent links: nodes are numbered in insertion order, so at
 * 10^6 random keys almost every node a walk reaches is a cache miss. Climbing from a finished
 * subtree through parent links cost such a miss per ancestor (the parent link, then the
 * parent's right link to see which side the walk came from); popping a stack costs none, and
 * every link the walk still reads leads down to a node it has not read yet. A `nextKey` walk
 * over 10^6 random integer keys went from about 170 to 75-100 ns a step.
 *
 * Invariants: `stack[0 .. depth)` holds, root first, the ancestors of the walk's current node
 * whose keys come after its own in the walk's direction (for a forward walk, those it lies
 * left of), that is the nodes the walk returns to once the current node's subtree on the walk's
 * side is done, each followed by its onward link; `current`, unless {@link NO_NODE}, is the node
 * the walk last moved to and `currentOnward` its onward link ({@link NO_NODE} with it). The tree
 * must not change while a walk is in use: adding or removing a node can move any ancestor, or
 * change any link read.
 */
import { NO_NODE, type NodeIndex, type NodePool } from './node.js';

/**
 * Whether `key`, passed to a walk's next step, is `held` (the key the walk stands at, or the one
 * it handed out last) under `compare`. A walk's caller passes back the very key it got, so `===`
 * answers first: a key is equal to itself under any comparator the contract allows, and ETS's
 * term comparison costs about 10 ns a call (ETS `next` in the cache: 53 against 64 ns a step).
 */
export function isSameKey<K>(compare: (a: K, b: K) => number, key: K, held: K): boolean {
  return key === held || compare(key, held) === 0;
}

/** The position of an in-order walk, forward or (`backwards`) in reverse key order. */
export class TreeWalk {
  /** Whether the walk goes from greater keys to smaller ones. */
  backwards: boolean;
  /**
   * The ancestors still to come, two entries each: the node, then its onward link (its right
   * link forwards, its left link backwards), read when the node was stacked.
   */
  private readonly stack: NodeIndex[] = [];
  /** The number of entries in use: twice the number of ancestors stacked. */
  private depth = 0;
  /**
   * The node the walk itself last moved to ({@link descend}, {@link pop}), {@link NO_NODE} when
   * none, and that node's onward link, read then. Why: a node's two links share a cache line,
   * which is at hand when the walk reaches the node (it has just read the other link, or its
   * search has), but may be gone by the time the walk steps on from it, after a whole subtree:
   * reading the onward link early takes a cache miss off the step. Over 10^6 random keys, two
   * builds alternating in one process: a tree's `nextKey` walk 103 against 108 ns a step (medians
   * of 11 processes, faster in 10); an ETS walk of `next`s, and ranges of 100, about 6% faster
   * (median ratios of 8 processes, faster in 6 of them).
   */
  private current: NodeIndex = NO_NODE;
  private currentOnward: NodeIndex = NO_NODE;
  /**
   * What the reads made ahead of need ({@link prefetch}, {@link descend}, {@link push}) read
   * last. Nothing uses it: it is kept so the compiler does not drop the reads.
   */
  prefetched: NodeIndex = NO_NODE;

  constructor(backwards = false) {
    this.backwards = backwards;
  }

  /** Forgets every ancestor: the position of a walk about to start from the root. */
  reset(backwards: boolean): void {
    this.backwards = backwards;
    this.depth = 0;
    this.standNowhere();
  }

  /**
   * Notes that a search from the root passed `node` on its way to the walk's current node (or
   * to where an absent key would be), going down on the side of the keys before it in the
   * walk's direction: `node` is an ancestor still to come, stacked with its onward link (in the
   * cache line the search has just read). The onward child's links are asked for now (see
   * {@link descend}). Calls run root first.
   */
  push<K, V>(nodes: NodePool<K, V>, node: NodeIndex): void {
    const stack = this.stack;
    stack[this.depth] = node;
    const onward = nodes.links[2 * node + (this.backwards ? 0 : 1)] as NodeIndex;
    stack[this.depth + 1] = onward;
    this.prefetched = nodes.links[2 * onward] as NodeIndex;
    this.depth += 2;
  }

  /**
   * The first node of the subtree of `node` in the walk's direction (its leftmost node, or its
   * rightmost when `backwards`), the nodes passed on the way noted as ancestors still to come;
   * {@link NO_NODE} for an empty subtree. The walk stands at that node.
   *
   * Each node stacked on the way has its onward child's links read too, though the walk needs
   * them only once it comes back to the node. Why: that read is where a later descent starts,
   * and at 10^6 random keys it is a cache miss; made now, it overlaps with the misses of this
   * descent instead of waiting on the walk's return, and most of the walk's returns are soon
   * (half the nodes are leaves). WAVL tree of 10^6 random integer keys, two builds alternating
   * in one process (medians of 8): a `nextKey` walk 229 against 294 ns a step, ranges of 100
   * `nextKey`s 267 against 310.
   */
  descend<K, V>(nodes: NodePool<K, V>, node: NodeIndex): NodeIndex {
    if (node === NO_NODE) return this.standNowhere();
    const links = nodes.links;
    // The offsets of the links toward the walk's first keys and onward: left (0) and right (1)
    // forwards, the other way round backwards.
    const toward = this.backwards ? 1 : 0;
    const onward = 1 - toward;
    const stack = this.stack;
    let depth = this.depth;
    let read = 0;
    for (
      let next = links[2 * node + toward] as NodeIndex;
      next !== NO_NODE;
      next = links[2 * node + toward] as NodeIndex
    ) {
      const onwardNode = links[2 * node + onward] as NodeIndex;
      stack[depth] = node;
      stack[depth + 1] = onwardNode;
      read |= links[2 * onwardNode] as number;
      depth += 2;
      node = next;
    }
    this.prefetched = read;
    this.depth = depth;
    this.current = node;
    this.currentOnward = links[2 * node + onward] as NodeIndex;
    return node;
  }

  /**
   * Reads the links that the step after `node`, the walk's current node, starts with. Why: a
   * caller of `next` does work of its own between two steps (ETS checks the table and copies
   * the key it got), and that work waits on the cache miss of the key just returned; the next
   * step's first links, misses of their own, are asked for only after it. Read here, they are
   * fetched meanwhile. ETS `next` over 10^6 random keys: 5-20% faster (alternating runs).
   */
  prefetch<K, V>(nodes: NodePool<K, V>, node: NodeIndex): void {
    // Past the last node, `onward` is the sentinel, whose links read NO_NODE.
    const onward = this.onwardOf(nodes, node);
    this.prefetched = nodes.links[2 * onward + (this.backwards ? 1 : 0)] as NodeIndex;
  }

  /** The nearest ancestor still to come, which the walk moves to; {@link NO_NODE} if none. */
  pop(): NodeIndex {
    if (this.depth === 0) return this.standNowhere();
    const depth = this.depth - 2;
    const node = this.stack[depth] as NodeIndex;
    this.depth = depth;
    this.current = node;
    this.currentOnward = this.stack[depth + 1] as NodeIndex;
    return node;
  }

  /**
   * The node after `node`, the walk's current node, in the walk's direction ({@link NO_NODE}
   * past the end); it becomes the current node. O(1) amortised over a walk.
   */
  step<K, V>(nodes: NodePool<K, V>, node: NodeIndex): NodeIndex {
    const onward = this.onwardOf(nodes, node);
    return onward === NO_NODE ? this.pop() : this.descend(nodes, onward);
  }

  /** The walk stands at no node (past an end, or not started); returns {@link NO_NODE}. */
  private standNowhere(): NodeIndex {
    this.current = NO_NODE;
    this.currentOnward = NO_NODE;
    return NO_NODE;
  }

  /**
   * `node`'s onward link: the one read when the walk moved to it, or read now when the walk
   * stands there by a search that found it (which moved the walk nowhere). {@link NO_NODE} for
   * {@link NO_NODE}, as the sentinel's link reads.
   */
  private onwardOf<K, V>(nodes: NodePool<K, V>, node: NodeIndex): NodeIndex {
    return node === this.current
      ? this.currentOnward
      : (nodes.links[2 * node + (this.backwards ? 0 : 1)] as NodeIndex);
  }
}
