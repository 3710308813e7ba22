import type { BinaryTreeNode, TreeCounters } from '@tsunami/core';
import {
  avlHeightBound,
  describeOrderedMap,
  describeShapeScenarios,
  type ShapeScenario,
  shapeScenarios,
  wavlHeightBound,
} from '@tsunami/core/testing';
import { describe, expect, it } from 'vitest';
import { createWavlTree, WavlTree } from '../src/index.js';

/** Insert-only WAVL trees are AVL trees; deletions relax the bound to 2·log2(n + 1). */
const heightBound = (size: number, afterDeletions: boolean) =>
  afterDeletions ? wavlHeightBound(size) : avlHeightBound(size);

describeOrderedMap('WavlTree conformance', createWavlTree, {
  heightBound,
  countersThatMove: [
    'comparisons',
    'singleRotations',
    'doubleRotations',
    'promotions',
    'demotions',
  ],
});

describeShapeScenarios('WavlTree shapes', createWavlTree, heightBound);

/** Exposes the root so tests can break the tree on purpose. */
class OpenWavlTree<K, V> extends WavlTree<K, V> {
  rootNode(): BinaryTreeNode<K, V> {
    return this.root as BinaryTreeNode<K, V>;
  }
}

const rotationsOf = (counters: TreeCounters) =>
  counters.singleRotations + 2 * counters.doubleRotations;

describe('WavlTree rebalancing', () => {
  it('does at most two rotations per insertion or deletion', () => {
    for (const scenario of shapeScenarios(4096, 11)) {
      const tree = new WavlTree<number, number>((a, b) => a - b, { instrument: true });
      const step = (action: () => void) => {
        tree.resetCounters();
        action();
        expect(rotationsOf(tree.stats().counters)).toBeLessThanOrEqual(2);
      };
      for (const key of scenario.inserts) step(() => tree.set(key, key));
      for (const key of scenario.deletes) step(() => tree.delete(key));
      tree.validate();
    }
  });

  it('changes O(1) ranks per update, amortised: the rate does not grow with n', () => {
    // Haeupler, Sen and Tarjan prove O(1) amortised rank changes per update from an empty tree.
    // Over random updates, a tree 64 times larger (6 more levels) must not change ranks at a
    // visibly higher rate, as a rebalancing that walked O(log n) levels would.
    const rate = (size: number) => {
      const tree = new WavlTree<number, number>((a, b) => a - b, { instrument: true });
      const scenario = shapeScenarios(size, 5)[3] as ShapeScenario;
      for (const key of scenario.inserts) tree.set(key, key);
      for (const key of scenario.deletes) tree.delete(key);
      const { promotions, demotions } = tree.stats().counters;
      return (promotions + demotions) / (scenario.inserts.length + scenario.deletes.length);
    };
    const small = rate(1024);
    const large = rate(65_536);
    expect(large).toBeLessThan(small * 1.1);
  });

  it('keeps the AVL shape while there are no deletions', () => {
    const tree = new OpenWavlTree<number, number>((a, b) => a - b);
    for (const key of shapeScenarios(10_000, 3)[3]?.inserts ?? []) tree.set(key, key);
    // Insertion never makes a 2,2 node, so every rank is the subtree's height.
    const heightOf = (node: BinaryTreeNode<number, number> | null): number => {
      if (node === null) return -1;
      const height = 1 + Math.max(heightOf(node.left), heightOf(node.right));
      expect(node.rank, `rank of ${node.key}`).toBe(height);
      return height;
    };
    heightOf(tree.rootNode());
  });
});

describe('WavlTree validate', () => {
  const build = () => {
    const tree = new OpenWavlTree<number, string>((a, b) => a - b);
    for (let key = 0; key < 100; key++) tree.set(key, `v${key}`);
    tree.validate();
    return tree;
  };

  it('names the node whose rank difference is out of range', () => {
    const tree = build();
    const root = tree.rootNode();
    // One more than the largest allowed difference of 2 on the short side.
    root.rank += 2;
    expect(() => tree.validate()).toThrow(new RegExp(`node ${root.key}\\b`));
  });

  it('rejects a leaf of rank 1 (a 2,2 leaf)', () => {
    const tree = build();
    let node = tree.rootNode();
    while (node.left !== null) node = node.left;
    node.rank = 1;
    expect(() => tree.validate()).toThrow(/leaf 0/);
  });

  it('names a node with a wrong parent link and a node out of order', () => {
    const tree = build();
    const root = tree.rootNode();
    const left = root.left as BinaryTreeNode<number, string>;
    left.parent = left;
    expect(() => tree.validate()).toThrow(/parent link/);
    left.parent = root;
    left.key = 1000;
    expect(() => tree.validate()).toThrow(/out of order/);
  });
});
