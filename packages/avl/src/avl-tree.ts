/**
 * `AvlTree`: the classic height-balanced tree of Adelson-Velsky and Landis (1962), the balance
 * scheme behind OTP's `ordered_set` tables (`erts/emulator/beam/erl_db_tree.c`), as a sorted map.
 *
 * Balance rule (checked by {@link AvlTree.validate} at every node): each node stores the height
 * of its subtree in `rank` (a leaf 0, a missing child -1), and its balance factor, the right
 * subtree's height minus the left's, is -1, 0 or +1. OTP keeps the balance factor itself and a
 * stack of the search path; this tree keeps heights and parent links (shared with the WAVL
 * tree), so a balance factor is one subtraction of two stored heights.
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
  type BinaryTreeNode,
  type Comparator,
  describeKey,
  type OrderedMap,
  type OrderedMapOptions,
  rankOf,
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
    return this.root === null ? 0 : this.root.rank + 1;
  }

  protected override rebalanceAfterInsert(leaf: BinaryTreeNode<K, V>): void {
    this.retrace(leaf.parent);
  }

  protected override rebalanceAfterRemoval(
    parent: BinaryTreeNode<K, V> | null,
    _child: BinaryTreeNode<K, V> | null,
  ): void {
    this.retrace(parent);
  }

  /**
   * Walks up from `node`, recomputing each height and rotating where a balance factor reached
   * ±2, until a subtree's height comes out as it was before the change (or the root is done).
   */
  private retrace(node: BinaryTreeNode<K, V> | null): void {
    const counters = this.counters;
    while (node !== null) {
      const previousHeight = node.rank;
      const leftHeight = rankOf(node.left);
      const rightHeight = rankOf(node.right);
      const balance = rightHeight - leftHeight;
      if (counters !== null) counters.promotions++;
      let top = node;
      if (balance < -1) top = this.restoreLeftHeavy(node);
      else if (balance > 1) top = this.restoreRightHeavy(node);
      else node.rank = Math.max(leftHeight, rightHeight) + 1;
      if (top.rank === previousHeight) return;
      node = top.parent;
    }
  }

  /** Rebalances a node whose left subtree is two levels taller; returns the subtree's new root. */
  private restoreLeftHeavy(node: BinaryTreeNode<K, V>): BinaryTreeNode<K, V> {
    const child = node.left as BinaryTreeNode<K, V>;
    if (rankOf(child.right) > rankOf(child.left)) {
      const grandchild = child.right as BinaryTreeNode<K, V>;
      this.rotateLeft(child);
      this.rotateRight(node);
      updateHeight(child);
      updateHeight(node);
      updateHeight(grandchild);
      if (this.counters !== null) this.counters.doubleRotations++;
      return grandchild;
    }
    this.rotateRight(node);
    updateHeight(node);
    updateHeight(child);
    if (this.counters !== null) this.counters.singleRotations++;
    return child;
  }

  /** Rebalances a node whose right subtree is two levels taller; returns the subtree's new root. */
  private restoreRightHeavy(node: BinaryTreeNode<K, V>): BinaryTreeNode<K, V> {
    const child = node.right as BinaryTreeNode<K, V>;
    if (rankOf(child.left) > rankOf(child.right)) {
      const grandchild = child.left as BinaryTreeNode<K, V>;
      this.rotateRight(child);
      this.rotateLeft(node);
      updateHeight(child);
      updateHeight(node);
      updateHeight(grandchild);
      if (this.counters !== null) this.counters.doubleRotations++;
      return grandchild;
    }
    this.rotateLeft(node);
    updateHeight(node);
    updateHeight(child);
    if (this.counters !== null) this.counters.singleRotations++;
    return child;
  }

  /** The stored height equals the subtree's height and the balance factor is -1, 0 or +1. */
  protected override validateRank(node: BinaryTreeNode<K, V>): void {
    // Checking every node's stored height against its children's stored heights proves all of
    // them right, by induction up from the leaves, whatever order the nodes are visited in.
    const leftHeight = rankOf(node.left);
    const rightHeight = rankOf(node.right);
    const balance = rightHeight - leftHeight;
    if (balance < -1 || balance > 1) {
      throw new Error(
        `AVL balance broken at node ${describeKey(node.key)}: balance factor ${balance}`,
      );
    }
    const height = Math.max(leftHeight, rightHeight) + 1;
    if (node.rank !== height) {
      throw new Error(
        `AVL stored height wrong at node ${describeKey(node.key)}: ${node.rank}, should be ${height}`,
      );
    }
  }
}

/** Sets `node`'s stored height from its children's. */
function updateHeight<K, V>(node: BinaryTreeNode<K, V>): void {
  const leftHeight = rankOf(node.left);
  const rightHeight = rankOf(node.right);
  node.rank = Math.max(leftHeight, rightHeight) + 1;
}

/** Creates an empty {@link AvlTree}; an `OrderedMapFactory` for the ETS layer and the test kit. */
export function createAvlTree<K, V>(
  comparator: Comparator<K>,
  options?: OrderedMapOptions,
): OrderedMap<K, V> {
  return new AvlTree<K, V>(comparator, options);
}
