/**
 * The node storage of Tsunami's rank-balanced binary search trees (`@tsunami/wavl`,
 * `@tsunami/avl`): a pool of nodes kept as parallel arrays ("struct of arrays"), a node being an
 * index into them.
 *
 * Why not one object per node: a node object costs 72 bytes and every step of a search chases
 * a pointer to it and then, for a boxed key, another one. Here the keys sit in one plain array
 * (small integers inline, as V8 stores them unboxed), the child links in an `Int32Array` and the
 * ranks in an `Int8Array`: about 25 bytes a node, and a search touches the key array and the
 * link array only. Measured in `packages/benchmarks` (ordered-maps suite).
 *
 * A node's two links sit side by side (`links[2n]`, `links[2n + 1]`), in one cache line: the
 * search reads one of them, and what comes after it reads the other (rebalancing reads each
 * ancestor's other child, the sibling; a walk reads both links of every node; a deletion reads
 * both links of the node it removes and of its successor). ETS `ordered_set` over 10^6 objects,
 * alternating builds, eight processes each (medians): insert 1204 against 1331 ns, lookup 757
 * against 894, delete 924 against 1107. But an in-order walk is slower: two WAVL trees of the same
 * 10^6 random keys, one per layout, alternating in one process: `nextKey` walks 176 against 152 ns
 * a step, random lookups 1171 against 1387 ns (medians of five processes). Kept for the updates,
 * the rows that were slower than BEAM. Part of the walks' loss came back once a walk read a
 * node's onward link when it reached the node rather than after its subtree (see `walk.ts`).
 *
 * There are no parent links. Every way into the tree starts at the root, so whatever climbs
 * (rebalancing, a walk returning from a subtree) climbs the path its own descent recorded. Why:
 * keeping parent links writes the parent of a node that the search never read (a deletion's
 * spliced child, a rotation's inner subtree), and at 10^6 random keys each such write is a cache
 * miss: without them, deletions went from 1.22 to 1.13 times a lookup and insertions from 1.10
 * to 1.07 (WAVL, 10^6 random integers, medians of 5 alternating runs).
 *
 * New nodes take the next slot, not one near their parent. Why: placing a new leaf in its
 * parent's page of 8 slots (a fresh page when that one is full) keeps subtrees together, and
 * an ETS `ordered_set` walk of `next`s over 10^6 random keys read 259 against 352 ns a step,
 * ranges of 100 `next`s 326 against 430 (one process, builds alternating, medians of 8); but
 * inserts read 2260-2700 against 1850-2190 ns (separate processes): the pool held 2 slots a
 * node, and each new leaf went into a page far from the last one. Lookups and deletions read
 * the same: a search touched 13.0 cache lines of links against 17.9 (19.3 levels), 4.8 against
 * 7.3 below the 12th level, where the misses are. Pairs of slots did the same on a smaller
 * scale: a fresh node took an even slot and kept the odd one beside it for its first child, so a
 * node and that child shared their lines of links and keys (1.24 slots a node at 10^6 random
 * keys). ETS walks of `next`s read 251 against 311 ns a step, 228 against 321 and 313 against
 * 328 (faster in 8 of 8, 10 of 10 and 6 of 8 rounds), ranges of 100 `next`s 329 against 404,
 * 289 against 408 and 361 against 416 (faster in 4 of 8, 8 of 10 and 6 of 8), but a WAVL
 * tree's inserts 2142 against 1959 (slower in 8 of 10) and deletions 1732 against 1627; with
 * every node in a pair of its own (2 slots a node), inserts read 2479. The inserts of an
 * `ordered_set` are as fast as BEAM's and its first walk slower, so neither trade pays. Filling
 * tables matters more than a first walk of them, and a table walked again and again is relaid
 * out instead (`layout.ts`).
 *
 * Layout and invariants:
 * - index {@link NO_NODE} (0) is a sentinel standing for every missing node: its links are 0
 *   and its rank is -1, the rank of a missing child in the vocabulary of Haeupler, Sen and
 *   Tarjan, "Rank-Balanced Trees" (ACM TALG 2015), so reading a missing child's rank needs no
 *   test. Nothing ever writes to the sentinel;
 * - indices 1 .. `slots - 1` are either live nodes or free slots; a free slot's rank is
 *   {@link FREE_RANK} (no live node's is), its value `undefined`, and its left link chains the
 *   free list, which new nodes reuse before the arrays grow;
 * - the key array never holds anything but keys, so an array of numbers stays one V8 stores
 *   unboxed (a double array) and a search reads a key without a pointer chase: the sentinel's
 *   slot and every free slot hold a copy of the first key the pool received (so that one key
 *   stays reachable until the pool is dropped; no other freed key does);
 * - the typed arrays have one capacity and grow by doubling, replacing the arrays: code that
 *   reads them into locals must read them again after {@link NodePool.allocate}.
 *   The pool never shrinks (moving nodes would renumber them): after deletions it keeps the
 *   capacity of the tree's largest size, 9 bytes a slot of typed arrays and 16 of the plain ones,
 *   until `clear` or `assignSorted` gives the tree a new pool.
 *
 * The rank is the tree's balance bookkeeping: a WAVL tree keeps every rank difference (parent
 * rank minus child rank) at 1 or 2; an AVL tree stores the subtree height as the rank, so its
 * rank differences are 1,1 or 1,2. Both stay far below the `Int8Array` limit of 127.
 */

/** A node: an index into a {@link NodePool}. */
export type NodeIndex = number;

/** The index that stands for a missing node (a missing child, or the root's parent). */
export const NO_NODE: NodeIndex = 0;

/** The rank of a free slot, which tells it from a live node (whose rank is 0 or more). */
export const FREE_RANK = -2;

const INITIAL_CAPACITY = 16;

/** The nodes of one tree, as parallel arrays indexed by {@link NodeIndex}. */
export class NodePool<K, V> {
  /** The key of each node, as first inserted. */
  key: K[];
  /** The value of each node. */
  value: V[];
  /**
   * The child links, side by side: node `n`'s left child (the subtree of smaller keys) at
   * `links[2 * n]`, its right child at `links[2 * n + 1]`; {@link NO_NODE} for none. A free
   * slot's left link is the next free slot.
   */
  links: Int32Array;
  /**
   * The balance rank (WAVL rank, or AVL height); a leaf has rank 0, the sentinel -1, a free
   * slot {@link FREE_RANK}.
   */
  rank: Int8Array;
  /** The number of slots handed out, the sentinel included: the next fresh slot. */
  slots: number;
  /** The most recently freed slot, or {@link NO_NODE} when none is free. */
  private freeHead: NodeIndex;

  /** An empty pool with room for `capacity` nodes (the sentinel included) before it grows. */
  constructor(capacity: number = INITIAL_CAPACITY) {
    const slots = Math.max(capacity, 2);
    this.key = [];
    this.value = [undefined as V];
    this.links = new Int32Array(2 * slots);
    this.rank = new Int8Array(slots);
    this.rank[NO_NODE] = -1;
    this.slots = 1;
    this.freeHead = NO_NODE;
  }

  /** A new node with no children; reuses a free slot when there is one. */
  allocate(key: K, value: V, rank: number): NodeIndex {
    let node = this.freeHead;
    if (node !== NO_NODE) {
      this.freeHead = this.links[2 * node] as NodeIndex;
      this.links[2 * node] = NO_NODE;
      this.key[node] = key;
      this.value[node] = value;
    } else {
      node = this.slots++;
      if (node === this.rank.length) this.grow();
      // The sentinel's slot takes a copy of the first key, so the array holds keys only.
      if (node === 1) this.key.push(key);
      this.key.push(key);
      this.value.push(value);
    }
    this.rank[node] = rank;
    return node;
  }

  /** Returns `node`, already unlinked from the tree, to the free list. */
  release(node: NodeIndex): void {
    this.key[node] = this.key[NO_NODE] as K;
    this.value[node] = undefined as V;
    this.links[2 * node] = this.freeHead;
    this.links[2 * node + 1] = NO_NODE;
    this.rank[node] = FREE_RANK;
    this.freeHead = node;
  }

  /**
   * The number of free slots, counted along the free list; O(free slots). Throws when the list
   * has a cycle or holds a slot not marked free.
   */
  freeCount(): number {
    let free = 0;
    for (let node = this.freeHead; node !== NO_NODE; node = this.links[2 * node] as NodeIndex) {
      if (++free >= this.slots) throw new Error('the free list of the node pool has a cycle');
      if (this.rank[node] !== FREE_RANK) {
        throw new Error(`slot ${node} is on the free list but not marked free`);
      }
    }
    return free;
  }

  private grow(): void {
    const capacity = this.rank.length * 2;
    this.links = grown(this.links, new Int32Array(2 * capacity));
    this.rank = grown(this.rank, new Int8Array(capacity));
  }
}

function grown<T extends Int32Array | Int8Array>(from: T, to: T): T {
  to.set(from);
  return to;
}

/**
 * Reads the link cells of `node`'s two children and returns them OR-ed together, a value no one
 * needs: the reads are the point. Why: at 10^6 random keys every level of a descent waits on
 * cache misses, the child's key (to compare) and then its links (to go on). Asked for here, one
 * level early and for both children (the comparison has not chosen yet), the links of whichever
 * child comes next are on their way while its key is read. A caller ORs the results into a
 * local and stores it once, so the compiler keeps the reads. WAVL tree of 10^6 random integer
 * keys, two builds alternating in one process (medians of 8 to 12 rounds): random lookups 5-15%
 * faster, deletions about 9%. The children's keys read here as well, each carried down as the
 * next level's key, gained nothing (lookups 1825 against 1831 ns, the same two trees searched
 * alternately, 10 rounds): each level's links still wait on the level above's, one dependent
 * miss a level whatever is read beside them.
 */
export function readChildLinks(links: Int32Array, node: NodeIndex): number {
  return (
    (links[2 * (links[2 * node] as number)] as number) |
    (links[2 * (links[2 * node + 1] as number)] as number)
  );
}
