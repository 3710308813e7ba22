/**
 * The node of Tsunami's rank-balanced binary search trees (`@tsunami/wavl`, `@tsunami/avl`).
 *
 * One node class serves both trees so that the shared navigation code in this folder sees a
 * single object shape (monomorphic property access in V8). Every field is assigned in the
 * constructor, in the same order, and never deleted. Missing children and the root's parent
 * are `null`, never `undefined`, so each field keeps one representation.
 *
 * The `rank` field is the tree's balance bookkeeping, in the vocabulary of Haeupler, Sen and
 * Tarjan, "Rank-Balanced Trees" (ACM TALG 2015): a missing child has rank -1 and a leaf has
 * rank 0. A WAVL tree keeps every rank difference (parent rank minus child rank) at 1 or 2;
 * an AVL tree stores the subtree height as the rank, so its rank differences are 1,1 or 1,2.
 */
export class BinaryTreeNode<K, V> {
  /** The key, as first inserted; never changed while the node holds this entry. */
  key: K;
  /** The subtree of smaller keys. */
  left: BinaryTreeNode<K, V> | null;
  /** The subtree of greater keys. */
  right: BinaryTreeNode<K, V> | null;
  /** The value stored under `key`. */
  value: V;
  /** The node above, or `null` at the root. */
  parent: BinaryTreeNode<K, V> | null;
  /** The balance rank (WAVL rank, or AVL height); a leaf has rank 0. */
  rank: number;

  constructor(key: K, value: V, parent: BinaryTreeNode<K, V> | null, rank: number) {
    this.key = key;
    this.left = null;
    this.right = null;
    this.value = value;
    this.parent = parent;
    this.rank = rank;
  }
}

/** The rank of a possibly missing node: -1 for a missing child, as in the rank-balanced papers. */
export function rankOf<K, V>(node: BinaryTreeNode<K, V> | null): number {
  return node === null ? -1 : node.rank;
}

/** The node with the smallest key in the subtree rooted at `node`. */
export function leftmost<K, V>(node: BinaryTreeNode<K, V>): BinaryTreeNode<K, V> {
  let left = node.left;
  while (left !== null) {
    node = left;
    left = node.left;
  }
  return node;
}

/** The node with the greatest key in the subtree rooted at `node`. */
export function rightmost<K, V>(node: BinaryTreeNode<K, V>): BinaryTreeNode<K, V> {
  let right = node.right;
  while (right !== null) {
    node = right;
    right = node.right;
  }
  return node;
}

/** The in-order successor of `node`, found through parent links: O(1) amortised over a walk. */
export function successor<K, V>(node: BinaryTreeNode<K, V>): BinaryTreeNode<K, V> | null {
  if (node.right !== null) return leftmost(node.right);
  let parent = node.parent;
  while (parent !== null && parent.right === node) {
    node = parent;
    parent = node.parent;
  }
  return parent;
}

/** The in-order predecessor of `node`, found through parent links. */
export function predecessor<K, V>(node: BinaryTreeNode<K, V>): BinaryTreeNode<K, V> | null {
  if (node.left !== null) return rightmost(node.left);
  let parent = node.parent;
  while (parent !== null && parent.left === node) {
    node = parent;
    parent = node.parent;
  }
  return parent;
}
