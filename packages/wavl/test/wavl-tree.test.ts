import {
  FREE_RANK,
  NO_NODE,
  type NodeIndex,
  type NodePool,
  type TreeCounters,
} from '@tsunami/core';
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
    'relayouts',
  ],
  relaysOut: true,
});

describeShapeScenarios('WavlTree shapes', createWavlTree, heightBound);

/** Exposes the node pool and the root so tests can break the tree on purpose. */
class OpenWavlTree<K, V> extends WavlTree<K, V> {
  internals(): { nodes: NodePool<K, V>; root: NodeIndex } {
    return { nodes: this.nodes, root: this.root };
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
    const { nodes, root } = tree.internals();
    const heightOf = (node: NodeIndex): number => {
      if (node === NO_NODE) return -1;
      const height =
        1 +
        Math.max(
          heightOf(nodes.links[2 * node] as number),
          heightOf(nodes.links[2 * node + 1] as number),
        );
      expect(nodes.rank[node], `rank of ${nodes.key[node]}`).toBe(height);
      return height;
    };
    heightOf(root);
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
    const { nodes, root } = tree.internals();
    // One more than the largest allowed difference of 2 on the short side.
    nodes.rank[root] = (nodes.rank[root] as number) + 2;
    expect(() => tree.validate()).toThrow(new RegExp(`node ${nodes.key[root]}\\b`));
  });

  it('rejects a leaf of rank 1 (a 2,2 leaf)', () => {
    const tree = build();
    const { nodes, root } = tree.internals();
    let node = root;
    while (nodes.links[2 * node] !== NO_NODE) node = nodes.links[2 * node] as number;
    nodes.rank[node] = 1;
    expect(() => tree.validate()).toThrow(/leaf 0/);
  });

  it('names a node out of order and rejects a node reachable twice', () => {
    const tree = build();
    const { nodes, root } = tree.internals();
    const left = nodes.links[2 * root] as number;
    const key = nodes.key[left] as number;
    nodes.key[left] = 1000;
    expect(() => tree.validate()).toThrow(/out of order/);
    nodes.key[left] = key;
    tree.validate();
    // A left link back to the root: the walk down the left links would never end.
    let leftmost = root;
    while (nodes.links[2 * leftmost] !== NO_NODE) leftmost = nodes.links[2 * leftmost] as number;
    nodes.links[2 * leftmost] = root;
    expect(() => tree.validate()).toThrow(/path from the root is longer/);
  });

  it('rejects a link outside the pool, a link to a free slot and a slot lost to both', () => {
    const tree = build();
    const { nodes, root } = tree.internals();
    tree.delete(nodes.key[nodes.links[2 * root] as number] as number);
    tree.validate();
    const saved = nodes.links[2 * root + 1] as number;
    nodes.links[2 * root + 1] = 99_999;
    expect(() => tree.validate()).toThrow(/outside the node pool/);
    // The slot the deletion freed, marked free by its rank.
    const free = nodes.rank.findIndex((rank, slot) => slot < nodes.slots && rank === FREE_RANK);
    nodes.links[2 * root + 1] = free;
    expect(() => tree.validate()).toThrow(`links to free slot ${free}`);
    nodes.links[2 * root + 1] = saved;
    tree.validate();
    // A slot taken from the pool but never linked is neither a node nor free.
    nodes.allocate(5000, 'lost', 0);
    expect(() => tree.validate()).toThrow(/99 nodes and 0 free slots/);
  });
});
