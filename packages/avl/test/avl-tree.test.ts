import type { BinaryTreeNode } from '@tsunami/core';
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
  countersThatMove: ['comparisons', 'singleRotations', 'doubleRotations', 'promotions'],
});

describeShapeScenarios('AvlTree shapes', createAvlTree, heightBound);

/** Exposes the root so tests can break the tree on purpose. */
class OpenAvlTree<K, V> extends AvlTree<K, V> {
  rootNode(): BinaryTreeNode<K, V> {
    return this.root as BinaryTreeNode<K, V>;
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
    const depthOf = (node: BinaryTreeNode<number, number> | null): number =>
      node === null ? 0 : 1 + Math.max(depthOf(node.left), depthOf(node.right));
    expect(tree.stats().height).toBe(depthOf(tree.rootNode()));
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
    const root = tree.rootNode();
    root.rank += 1;
    expect(() => tree.validate()).toThrow(new RegExp(`height wrong at node ${root.key}\\b`));
  });

  it('names the node whose balance factor is out of range', () => {
    const tree = build();
    const root = tree.rootNode();
    // Graft the whole right subtree away: the root's balance factor becomes negative and large.
    root.right = null;
    expect(() => tree.validate()).toThrow(new RegExp(`balance broken at node ${root.key}\\b`));
  });
});
