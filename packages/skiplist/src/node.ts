/**
 * Node layout of the skip list: one small object per (key, level), linked rightwards along its
 * level and downwards to the same key's node one level below. A key's tower is the column of
 * its nodes; the level-0 node is the tower's base and holds the value and the backward link.
 *
 * Why not one node per key with an array of forward pointers (Pugh's layout)? In V8 a step
 * through `node.next[level]` loads the node, the array, the array's backing store and the
 * next node: measured in `bench/layout.mjs` (1,000,000 random integers, p = 1/4) that layout
 * inserted and looked up 2.5 times slower than one object per level, where a step loads the
 * next node and reads its `key` from the same object. Every node has the same fields, so the
 * search loops see one hidden class.
 *
 * Invariants (checked by `validate`): `base` of every node is the level-0 node of its tower
 * (a base is its own base) and holds the same key; `below` is the tower's node one level down
 * (`null` at level 0); `previous` is set on bases only (the base before it at level 0, `null`
 * for the first); the `value` of a non-base node is unused.
 */
export class SkipListNode<K, V> {
  /**
   * The key, copied into every level so a search step reads one object (`setEntry` replaces it
   * in every node of the tower at once).
   */
  key: K;
  /** The value (read on the base only). */
  value: V;
  /** The next node on this level, or `null` at the end of the level. */
  next: SkipListNode<K, V> | null;
  /** This tower's node one level down, or `null` at level 0. */
  readonly below: SkipListNode<K, V> | null;
  /** This tower's level-0 node, which holds the value. */
  readonly base: SkipListNode<K, V>;
  /** On a base: the previous base at level 0, or `null` for the first entry. */
  previous: SkipListNode<K, V> | null;

  constructor(key: K, value: V, below: SkipListNode<K, V> | null) {
    this.key = key;
    this.value = value;
    this.next = null;
    this.below = below;
    this.base = below === null ? this : below.base;
    this.previous = null;
  }
}
