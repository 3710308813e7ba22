import { NO_NODE, type NodeIndex, type NodePool } from '@tsunami/core';
import {
  avlHeightBound,
  describeOrderedMap,
  describeShapeScenarios,
  shapeScenarios,
} from '@tsunami/core/testing';
import { describe, expect, it } from 'vitest';
import { AvlTree, createAvlTree } from '../src/index.js';

const heightBound = (size: number) => avlHeightBound(size);

describeOrderedMap('AvlTree conformance', createAvlTree, {
  heightBound,
  countersThatMove: [
    'comparisons',
    'singleRotations',
    'doubleRotations',
    'promotions',
    'relayouts',
  ],
  relaysOut: true,
});

describeShapeScenarios('AvlTree shapes', createAvlTree, heightBound);

/** Exposes the node pool and the root so tests can break the tree on purpose. */
class OpenAvlTree<K, V> extends AvlTree<K, V> {
  internals(): { nodes: NodePool<K, V>; root: NodeIndex } {
    return { nodes: this.nodes, root: this.root };
  }
}

describe('AvlTree rebalancing', () => {
  it('does at most one single or double rotation per insertion', () => {
    for (const scenario of shapeScenarios(4096, 13)) {
      const tree = new AvlTree<number, number>((a, b) => a - b, { instrument: true });
      for (const key of scenario.inserts) {
        tree.resetCounters();
        tree.set(key, key);
        const { singleRotations, doubleRotations } = tree.stats().counters;
        expect(singleRotations + doubleRotations).toBeLessThanOrEqual(1);
      }
    }
  });

  it('reports the height from the root in O(1), equal to a full walk', () => {
    const tree = new OpenAvlTree<number, number>((a, b) => a - b);
    for (const key of shapeScenarios(5000, 2)[3]?.inserts ?? []) tree.set(key, key);
    const { nodes, root } = tree.internals();
    const depthOf = (node: NodeIndex): number =>
      node === NO_NODE
        ? 0
        : 1 +
          Math.max(
            depthOf(nodes.links[2 * node] as number),
            depthOf(nodes.links[2 * node + 1] as number),
          );
    expect(tree.stats().height).toBe(depthOf(root));
  });
});

describe('AvlTree validate', () => {
  const build = () => {
    const tree = new OpenAvlTree<number, string>((a, b) => a - b);
    for (let key = 0; key < 100; key++) tree.set(key, `v${key}`);
    tree.validate();
    return tree;
  };

  it('names the node whose stored height is wrong', () => {
    const tree = build();
    const { nodes, root } = tree.internals();
    nodes.rank[root] = (nodes.rank[root] as number) + 1;
    expect(() => tree.validate()).toThrow(new RegExp(`height wrong at node ${nodes.key[root]}\\b`));
  });

  it('names the node whose balance factor is out of range', () => {
    const tree = build();
    const { nodes, root } = tree.internals();
    // Graft the whole right subtree away: the root's balance factor becomes negative and large.
    nodes.links[2 * root + 1] = NO_NODE;
    expect(() => tree.validate()).toThrow(
      new RegExp(`balance broken at node ${nodes.key[root]}\\b`),
    );
  });
});
