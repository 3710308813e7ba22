/**
 * Relayout: a walk of a whole tree in key order (either way) leaves behind the same entries
 * rebuilt as a perfectly balanced tree whose nodes are numbered in preorder, which the tree then
 * takes as its own.
 *
 * Why: nodes are numbered as they are allocated, so in a tree built from random keys every step
 * of an in-order walk lands on a node far from the last one, a cache miss at 10^6 nodes, and so
 * does nearly every step of a search. Numbered in preorder (a node, then its left subtree, then
 * its right), every subtree's nodes sit side by side: a walk moves within a few cache lines, and
 * a search that goes left reads the next node. A WAVL tree of 10^6 random integer keys, before
 * and after (one process, three runs, a slow phase of the machine): a `nextKey` walk 207-345
 * against 28-72 ns a step, random lookups 1993-2502 against 1677-1926 ns, deleting every key in
 * random order 1912-2418 against 1342-1863 ns a key. Numbered in key order instead (in-order),
 * walks were as fast but lookups and deletions gained 1-7%.
 *
 * A relayout costs the reads of one walk, which a walk of the whole tree pays anyway: while it
 * goes on, the walk's keys and values are copied into arrays in key order ({@link
 * LayoutRecorder.record}; that walk reads no keys ahead); when it has passed every node, with no
 * change in between, a new pool is built from them ({@link balancedPool}, O(n), its reads and
 * writes nearly in order). At 10^6 nodes that build pauses the call that ends the walk for about
 * 80-140 ms on this machine in a slow phase, and the walk that records takes about twice as long
 * as one that does not. So a tree records only a walk that is the second of the whole tree with
 * no node added or removed since the first (a tree walked once, as a table read once after it
 * was filled, pays nothing), and only when it has drifted: nodes added or removed since it was
 * last laid out (by a relayout or `assignSorted`) as many as a quarter of its size, so walks of a
 * tree that has not changed since cost nothing more. Until the rebuild, the copies are held
 * beside the tree: a relayout briefly needs the tree's memory twice.
 *
 * Invariant: a recorder's arrays hold the key and value of each node the walk has passed, in the
 * walk's order (key order, or reverse key order for a walk backwards); it is complete when it
 * holds all of the `size` nodes the tree had when the walk began, and the tree drops it at any
 * change (a node added or removed, a key or value replaced), so a complete recording is the tree
 * as it is.
 */
import { NO_NODE, type NodeIndex, NodePool } from './node.js';

/** The keys and values of one walk of a whole tree, in walk order (see the module comment). */
export class LayoutRecorder<K, V> {
  /** The keys passed, in order; of numbers, an array V8 keeps unboxed. */
  private readonly keys: K[] = [];
  /** Their values. */
  private readonly values: V[] = [];

  /**
   * @param size the number of nodes of the tree the walk goes over.
   * @param backwards whether the walk goes from the greatest key to the smallest.
   */
  constructor(
    private readonly size: number,
    private readonly backwards: boolean,
  ) {}

  /** Copies the key and value of `node`, the next node of the walk. */
  record(nodes: NodePool<K, V>, node: NodeIndex): void {
    this.keys.push(nodes.key[node] as K);
    this.values.push(nodes.value[node] as V);
  }

  /** Whether the walk has passed every node of the tree. */
  get complete(): boolean {
    return this.keys.length === this.size;
  }

  /** The recorded tree, relaid out ({@link complete} must hold). */
  pool(): { readonly nodes: NodePool<K, V>; readonly root: NodeIndex } {
    if (this.backwards) {
      this.keys.reverse();
      this.values.reverse();
    }
    return balancedPool(this.keys, this.values);
  }
}

/**
 * A new pool holding `keys` (strictly ascending) and their `values` as a perfectly balanced
 * tree (subtree sizes differ by at most one at every node), and that tree's root. Nodes are
 * numbered in preorder (a node, then its left subtree, then its right), so every subtree's nodes
 * sit side by side and a search that goes left reads the next node; each node's rank is its
 * height, which satisfies both the AVL and the WAVL rule. O(n).
 */
export function balancedPool<K, V>(
  keys: ReadonlyArray<K>,
  values: ReadonlyArray<V>,
): { readonly nodes: NodePool<K, V>; readonly root: NodeIndex } {
  const size = keys.length;
  if (size === 0) return { nodes: new NodePool<K, V>(), root: NO_NODE };
  const nodes = new NodePool<K, V>(size + 1);
  // Arrays of their final length, written in place: at 10^6 nodes, 84 against 142 ms (medians
  // of ten) for `allocate`'s pushes. The sentinel's slot holds a key, as in every pool.
  const poolKeys = new Array<K>(size + 1);
  const poolValues = new Array<V>(size + 1);
  poolKeys[NO_NODE] = keys[0] as K;
  const { links, rank } = nodes;
  let allocated = NO_NODE;
  // Builds `keys[start .. end)` as a perfectly balanced subtree; returns its root.
  const build = (start: number, end: number): NodeIndex => {
    if (start >= end) return NO_NODE;
    const middle = (start + end) >>> 1;
    const node = ++allocated;
    poolKeys[node] = keys[middle] as K;
    poolValues[node] = values[middle] as V;
    const left = build(start, middle);
    const right = build(middle + 1, end);
    links[2 * node] = left;
    links[2 * node + 1] = right;
    rank[node] = 1 + Math.max(rank[left] as number, rank[right] as number);
    return node;
  };
  const root = build(0, size);
  nodes.key = poolKeys;
  nodes.value = poolValues;
  nodes.slots = size + 1;
  return { nodes, root };
}
