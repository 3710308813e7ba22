/**
 * @tsunami/wavl: a weak AVL (WAVL) tree, the rank-balanced tree of Haeupler, Sen and Tarjan,
 * as a sorted map with any comparator and as an ETS `ordered_set` backend.
 */
export { createWavlTree, WavlTree } from './wavl-tree.js';
