/**
 * Building blocks shared by Tsunami's binary search trees (`@tsunami/wavl`, `@tsunami/avl`):
 * the node pool (struct of arrays, a node is an index) and the base class with search, navigation, iteration, bulk build,
 * validation and rotations. A tree subclasses {@link BinarySearchTree} and supplies its balance
 * rule.
 */
export { BinarySearchTree, describeKey } from './binary-search-tree.js';
export { FREE_RANK, NO_NODE, type NodeIndex, NodePool } from './node.js';
