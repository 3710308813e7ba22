/**
 * Building blocks shared by Tsunami's binary search trees (`@tsunami/wavl`, `@tsunami/avl`):
 * the node layout, the navigation and iteration base class, and the rotations.
 */
export { BinarySearchTree, describeKey } from './binary-search-tree.js';
export { IterationOutput, TreeRangeIterator } from './iterator.js';
export {
  BinaryTreeNode,
  leftmost,
  predecessor,
  rankOf,
  rightmost,
  successor,
} from './node.js';
