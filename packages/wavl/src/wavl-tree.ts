/**
 * `WavlTree`: the weak AVL tree of Haeupler, Sen and Tarjan, "Rank-Balanced Trees" (ACM
 * Transactions on Algorithms 11(4), 2015), as a sorted map.
 *
 * Rank rule (checked by {@link WavlTree.validate} at every node): each node has an integer
 * rank; a missing child has rank -1; every rank difference (parent rank minus child rank) is 1
 * or 2; every leaf has rank 0 (so a leaf is a 1,1 node and a unary node has rank 1).
 *
 * Rebalancing is bottom-up along the search path the base class records (not the parent links,
 * whose reads are cache misses in a large tree) and never calls the comparator; it works on the
 * shared node pool, where a node is an index and the missing node's rank reads as -1:
 * - after an insertion, a 0-child is fixed by promoting its parent (repeatedly), or at most one
 *   single or double rotation finishes the repair;
 * - after a deletion, a 3-child (or a 2,2 leaf) is fixed by demoting its parent, or its parent
 *   and a 2,2 sibling (repeatedly), or at most one single or double rotation finishes it.
 * So an update does at most two rotations and O(1) amortised rank changes. With insertions
 * only, the tree is an AVL tree (height ≤ 1.4405·log2(n + 2)); with deletions too, the height
 * stays ≤ 2·log2(n + 1) (in fact ≤ min(1.4405·log2(m + 2), 2·log2(n + 1)) for m insertions).
 *
 * Navigation, iteration and the bulk build are the shared `BinarySearchTree` of
 * `@tsunami/core`.
 */
import {
  BinarySearchTree,
  type Comparator,
  describeKey,
  NO_NODE,
  type NodeIndex,
  type OrderedMap,
  type OrderedMapOptions,
} from '@tsunami/core';

/**
 * A sorted map kept as a weak AVL tree.
 *
 * Complexity: `get`, `has`, `set`, `setIfAbsent`, `delete` and navigation are O(log n)
 * comparisons; rebalancing does at most two rotations per update and O(1) amortised rank
 * changes. Iteration is O(log n) to start and O(1) amortised per entry. `assignSorted` is O(n).
 * `size`, `clear` are O(1); `stats` is O(n) (it measures the height).
 *
 * Comparator contract: `comparator(a, b)` is negative, zero or positive as `a` sorts before,
 * with or after `b`, and is a consistent total preorder. Keys that compare equal are one key:
 * the first inserted is kept, later `set`s replace the value. The comparator is called only
 * before a change, so one that throws leaves the tree valid and unchanged.
 *
 * @example
 * ```ts
 * const tree = new WavlTree<string, number>((a, b) => a.length - b.length || (a < b ? -1 : a > b ? 1 : 0));
 * tree.set('pear', 1).set('fig', 2).set('banana', 3);
 * [...tree.keys()]; // ['fig', 'pear', 'banana']
 * ```
 */
export class WavlTree<K, V> extends BinarySearchTree<K, V> {
  /**
   * An empty tree.
   *
   * @param comparator orders the keys (see the comparator contract above); defaults to core's
   *   `naturalComparator` (numbers, strings or bigints with `<`).
   * @param options `instrument: true` counts comparisons, rotations, promotions and demotions.
   * @throws TypeError when `comparator` is not a function.
   */
  constructor(comparator?: Comparator<K>, options?: OrderedMapOptions) {
    super(comparator, options);
  }

  /**
   * Insertion repair: while `node` is a 0-child, promote its parent when the parent is 0,1;
   * when the parent is 0,2, one single rotation (the node's inner child is a 2-child) or one
   * double rotation (it is a 1-child) ends the repair.
   */
  protected override rebalanceAfterInsert(leaf: NodeIndex): void {
    const counters = this.counters;
    const { links, rank } = this.nodes;
    const path = this.path;
    // `parent` is path[level], `above` its parent (NO_NODE at the root).
    let level = this.pathLength - 1;
    let node = leaf;
    let parent = path[level] as NodeIndex;
    while (level >= 0 && rank[parent] === rank[node]) {
      const nodeIsLeft = links[2 * parent] === node;
      const sibling = (nodeIsLeft ? links[2 * parent + 1] : links[2 * parent]) as NodeIndex;
      const parentRank = rank[parent] as number;
      if (parentRank - (rank[sibling] as number) === 1) {
        rank[parent] = parentRank + 1;
        if (counters !== null) counters.promotions++;
        node = parent;
        level -= 1;
        parent = level >= 0 ? (path[level] as NodeIndex) : NO_NODE;
        continue;
      }
      // The parent is 0,2 and the node (just promoted) is 1,2 or 2,1.
      const above = level > 0 ? (path[level - 1] as NodeIndex) : NO_NODE;
      const inner = (nodeIsLeft ? links[2 * node + 1] : links[2 * node]) as NodeIndex;
      if ((rank[node] as number) - (rank[inner] as number) === 2) {
        if (nodeIsLeft) this.rotateRight(parent, above);
        else this.rotateLeft(parent, above);
        rank[parent] = parentRank - 1;
        if (counters !== null) {
          counters.singleRotations++;
          counters.demotions++;
        }
      } else {
        if (nodeIsLeft) {
          this.rotateLeft(node, parent);
          this.rotateRight(parent, above);
        } else {
          this.rotateRight(node, parent);
          this.rotateLeft(parent, above);
        }
        rank[inner] = (rank[inner] as number) + 1;
        rank[node] = (rank[node] as number) - 1;
        rank[parent] = parentRank - 1;
        if (counters !== null) {
          counters.doubleRotations++;
          counters.promotions++;
          counters.demotions += 2;
        }
      }
      return;
    }
  }

  /**
   * Deletion repair: a 2,2 leaf is demoted; then while `node` is a 3-child, demote its parent
   * when the sibling is a 2-child, or demote the parent and the sibling when the sibling is a
   * 2,2 1-child; otherwise one single rotation (the sibling's outer child is a 1-child) or one
   * double rotation ends the repair.
   */
  protected override rebalanceAfterRemoval(child: NodeIndex): void {
    // `parent` is path[level] (NO_NODE once the climb passed the root).
    let level = this.pathLength - 1;
    if (level < 0) return;
    const counters = this.counters;
    const { links, rank } = this.nodes;
    const path = this.path;
    let parent = path[level] as NodeIndex;
    let node = child;
    if (links[2 * parent] === NO_NODE && links[2 * parent + 1] === NO_NODE && rank[parent] === 1) {
      // The removed node was the only child of a unary node, which is now a 2,2 leaf.
      rank[parent] = 0;
      if (counters !== null) counters.demotions++;
      node = parent;
      level -= 1;
      parent = level >= 0 ? (path[level] as NodeIndex) : NO_NODE;
    }
    while (parent !== NO_NODE && (rank[parent] as number) - (rank[node] as number) === 3) {
      // A missing node is on the side whose child is missing (the parent is not a leaf here).
      const nodeIsLeft = links[2 * parent] === node;
      const sibling = (nodeIsLeft ? links[2 * parent + 1] : links[2 * parent]) as NodeIndex;
      const siblingRank = rank[sibling] as number;
      if ((rank[parent] as number) - siblingRank === 2) {
        rank[parent] = (rank[parent] as number) - 1;
        if (counters !== null) counters.demotions++;
      } else if (
        siblingRank - (rank[links[2 * sibling] as NodeIndex] as number) === 2 &&
        siblingRank - (rank[links[2 * sibling + 1] as NodeIndex] as number) === 2
      ) {
        rank[parent] = (rank[parent] as number) - 1;
        rank[sibling] = siblingRank - 1;
        if (counters !== null) counters.demotions += 2;
      } else {
        const above = level > 0 ? (path[level - 1] as NodeIndex) : NO_NODE;
        this.rotateForRemoval(parent, above, sibling, nodeIsLeft);
        return;
      }
      node = parent;
      level -= 1;
      parent = level >= 0 ? (path[level] as NodeIndex) : NO_NODE;
    }
  }

  /**
   * The terminal step of the deletion repair: `parent` (whose parent is `above`) has a 3-child
   * on one side and a 1-child `sibling` that is not 2,2 on the other.
   */
  private rotateForRemoval(
    parent: NodeIndex,
    above: NodeIndex,
    sibling: NodeIndex,
    nodeIsLeft: boolean,
  ): void {
    const counters = this.counters;
    const { links, rank } = this.nodes;
    const outer = (nodeIsLeft ? links[2 * sibling + 1] : links[2 * sibling]) as NodeIndex;
    if ((rank[sibling] as number) - (rank[outer] as number) === 1) {
      if (nodeIsLeft) this.rotateLeft(parent, above);
      else this.rotateRight(parent, above);
      rank[sibling] = (rank[sibling] as number) + 1;
      let demotions = 1;
      // A leaf must have rank 0, not be a 2,2 leaf.
      if (links[2 * parent] === NO_NODE && links[2 * parent + 1] === NO_NODE) demotions++;
      rank[parent] = (rank[parent] as number) - demotions;
      if (counters !== null) {
        counters.singleRotations++;
        counters.promotions++;
        counters.demotions += demotions;
      }
    } else {
      const middle = (nodeIsLeft ? links[2 * sibling] : links[2 * sibling + 1]) as NodeIndex;
      if (nodeIsLeft) {
        this.rotateRight(sibling, parent);
        this.rotateLeft(parent, above);
      } else {
        this.rotateLeft(sibling, parent);
        this.rotateRight(parent, above);
      }
      rank[middle] = (rank[middle] as number) + 2;
      rank[sibling] = (rank[sibling] as number) - 1;
      rank[parent] = (rank[parent] as number) - 2;
      if (counters !== null) {
        counters.doubleRotations++;
        counters.promotions += 2;
        counters.demotions += 3;
      }
    }
  }

  /** Every rank difference of `node` is 1 or 2, and a leaf has rank 0. */
  protected override validateRank(node: NodeIndex): void {
    const { key, links, rank } = this.nodes;
    const nodeRank = rank[node] as number;
    const leftChild = links[2 * node] as NodeIndex;
    const rightChild = links[2 * node + 1] as NodeIndex;
    const leftDifference = nodeRank - (rank[leftChild] as number);
    const rightDifference = nodeRank - (rank[rightChild] as number);
    if (leftDifference < 1 || leftDifference > 2 || rightDifference < 1 || rightDifference > 2) {
      throw new Error(
        `WAVL rank rule broken at node ${describeKey(key[node])}: rank ${nodeRank} with rank ` +
          `differences ${leftDifference},${rightDifference} (each must be 1 or 2)`,
      );
    }
    if (leftChild === NO_NODE && rightChild === NO_NODE && nodeRank !== 0) {
      throw new Error(
        `WAVL rank rule broken at leaf ${describeKey(key[node])}: rank ${nodeRank}, not 0`,
      );
    }
  }
}

/** Creates an empty {@link WavlTree}; an `OrderedMapFactory` for the ETS layer and the test kit. */
export function createWavlTree<K, V>(
  comparator: Comparator<K>,
  options?: OrderedMapOptions,
): OrderedMap<K, V> {
  return new WavlTree<K, V>(comparator, options);
}
