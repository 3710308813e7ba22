/**
 * @tsunami/avl: an AVL tree (the balance scheme of OTP's `ordered_set`) as a sorted map with any
 * comparator and as an ETS `ordered_set` backend.
 */
export { AvlTree, createAvlTree } from './avl-tree.js';
