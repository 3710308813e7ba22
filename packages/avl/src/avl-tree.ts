/**
 * `AvlTree`: the classic height-balanced tree of Adelson-Velsky and Landis (1962), the balance
 * scheme behind OTP's `ordered_set` tables (`erts/emulator/beam/erl_db_tree.c`), as a sorted map.
 *
 * Balance rule (checked by {@link AvlTree.validate} at every node): each node stores the height
 * of its subtree in `rank` (a leaf 0, a missing child -1), and its balance factor, the right
 * subtree's height minus the left's, is -1, 0 or +1. OTP keeps the balance factor itself and a
 * stack of the search path; this tree keeps heights in the node pool shared with the WAVL tree
 * (a node is an index, the missing node's height reads as -1), so a balance factor is one
 * subtraction of two stored heights, and climbs the search path the base class records.
 *
 * Rebalancing retraces from the changed leaf's parent towards the root, recomputing heights;
 * a node whose balance factor reaches ±2 is restored by a single rotation (the heavy child
 * leans the same way or is balanced) or a double rotation (it leans the other way). After an
 * insertion the first rotation restores the subtree's old height and the retrace stops; after
 * a deletion a rotation may shorten the subtree and the retrace goes on, so a deletion can
 * rotate O(log n) times. The retrace also stops as soon as a height is unchanged. The height
 * stays below 1.4405·log2(n + 2) - 0.3277.
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
  type NodePool,
  type OrderedMap,
  type OrderedMapOptions,
} from '@tsunami/core';

/**
 * A sorted map kept as an AVL tree.
 *
 * Complexity: `get`, `has`, `set`, `setIfAbsent`, `delete` and navigation are O(log n)
 * comparisons; an insertion rotates at most twice (one single or double rotation), a deletion
 * O(log n) times in the worst case. Iteration is O(log n) to start and O(1) amortised per entry.
 * `assignSorted` is O(n); `size`, `clear` and `stats` are O(1) (the root stores the height).
 *
 * Comparator contract: `comparator(a, b)` is negative, zero or positive as `a` sorts before,
 * with or after `b`, and is a consistent total preorder. Keys that compare equal are one key:
 * the first inserted is kept, later `set`s replace the value. The comparator is called only
 * before a change, so one that throws leaves the tree valid and unchanged.
 *
 * @example
 * ```ts
 * const tree = new AvlTree<number, string>((a, b) => b - a); // descending
 * tree.set(1, 'one').set(3, 'three').set(2, 'two');
 * [...tree.keys()]; // [3, 2, 1]
 * ```
 */
export class AvlTree<K, V> extends BinarySearchTree<K, V> {
  /**
   * An empty tree.
   *
   * @param comparator orders the keys (see the comparator contract above); defaults to core's
   *   `naturalComparator` (numbers, strings or bigints with `<`).
   * @param options `instrument: true` counts comparisons, rotations and retrace steps
   *   (reported as `promotions`: nodes whose balance factor changed on the way up).
   * @throws TypeError when `comparator` is not a function.
   */
  constructor(comparator?: Comparator<K>, options?: OrderedMapOptions) {
    super(comparator, options);
  }

  /** The height in nodes, read from the root's stored height: O(1). */
  override height(): number {
    // An empty tree's root is the sentinel, whose stored height is -1.
    return (this.nodes.rank[this.root] as number) + 1;
  }

  protected override rebalanceAfterInsert(_leaf: NodeIndex): void {
    this.retrace();
  }

  protected override rebalanceAfterRemoval(_child: NodeIndex): void {
    this.retrace();
  }

  /**
   * Walks up the search path from the changed node's parent, recomputing each height and
   * rotating where a balance factor reached ±2, until a subtree's height comes out as it was
   * before the change (or the root is done).
   */
  private retrace(): void {
    const counters = this.counters;
    const { links, rank } = this.nodes;
    const path = this.path;
    for (let level = this.pathLength - 1; level >= 0; level -= 1) {
      const node = path[level] as NodeIndex;
      const above = level > 0 ? (path[level - 1] as NodeIndex) : NO_NODE;
      const previousHeight = rank[node];
      const leftHeight = rank[links[2 * node] as NodeIndex] as number;
      const rightHeight = rank[links[2 * node + 1] as NodeIndex] as number;
      const balance = rightHeight - leftHeight;
      if (counters !== null) counters.promotions++;
      let top = node;
      if (balance < -1) top = this.restore(node, above, true);
      else if (balance > 1) top = this.restore(node, above, false);
      else rank[node] = Math.max(leftHeight, rightHeight) + 1;
      if (rank[top] === previousHeight) return;
    }
  }

  /**
   * Rebalances a node (whose parent is `above`) whose left subtree (`heavyIsLeft`) or right
   * subtree is two levels taller than the other; returns the subtree's new root. One body for
   * both sides, as the two cases are mirror images: a single rotation lifts the heavy child, or
   * a double rotation lifts its inner child when that one is the taller.
   */
  private restore(node: NodeIndex, above: NodeIndex, heavyIsLeft: boolean): NodeIndex {
    const nodes = this.nodes;
    const rank = nodes.rank;
    const links = nodes.links;
    // The offsets of the heavy side's link (0, the left, when `heavyIsLeft`) and the light's.
    const heavy = heavyIsLeft ? 0 : 1;
    const light = 1 - heavy;
    const child = links[2 * node + heavy] as NodeIndex;
    const inner = links[2 * child + light] as NodeIndex;
    if ((rank[inner] as number) > (rank[links[2 * child + heavy] as NodeIndex] as number)) {
      if (heavyIsLeft) {
        this.rotateLeft(child, node);
        this.rotateRight(node, above);
      } else {
        this.rotateRight(child, node);
        this.rotateLeft(node, above);
      }
      updateHeight(nodes, child);
      updateHeight(nodes, node);
      updateHeight(nodes, inner);
      if (this.counters !== null) this.counters.doubleRotations++;
      return inner;
    }
    if (heavyIsLeft) this.rotateRight(node, above);
    else this.rotateLeft(node, above);
    updateHeight(nodes, node);
    updateHeight(nodes, child);
    if (this.counters !== null) this.counters.singleRotations++;
    return child;
  }

  /** The stored height equals the subtree's height and the balance factor is -1, 0 or +1. */
  protected override validateRank(node: NodeIndex): void {
    // Checking every node's stored height against its children's stored heights proves all of
    // them right, by induction up from the leaves, whatever order the nodes are visited in.
    const { key, links, rank } = this.nodes;
    const leftHeight = rank[links[2 * node] as NodeIndex] as number;
    const rightHeight = rank[links[2 * node + 1] as NodeIndex] as number;
    const balance = rightHeight - leftHeight;
    if (balance < -1 || balance > 1) {
      throw new Error(
        `AVL balance broken at node ${describeKey(key[node])}: balance factor ${balance}`,
      );
    }
    const height = Math.max(leftHeight, rightHeight) + 1;
    if (rank[node] !== height) {
      throw new Error(
        `AVL stored height wrong at node ${describeKey(key[node])}: ${rank[node]}, should be ${height}`,
      );
    }
  }
}

/** Sets `node`'s stored height from its children's. */
function updateHeight<K, V>(nodes: NodePool<K, V>, node: NodeIndex): void {
  const rank = nodes.rank;
  const leftHeight = rank[nodes.links[2 * node] as NodeIndex] as number;
  const rightHeight = rank[nodes.links[2 * node + 1] as NodeIndex] as number;
  rank[node] = Math.max(leftHeight, rightHeight) + 1;
}

/** Creates an empty {@link AvlTree}; an `OrderedMapFactory` for the ETS layer and the test kit. */
export function createAvlTree<K, V>(
  comparator: Comparator<K>,
  options?: OrderedMapOptions,
): OrderedMap<K, V> {
  return new AvlTree<K, V>(comparator, options);
}
