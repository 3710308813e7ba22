/**
 * Keys read ahead of a walk of `nextKey` (or `prevKey`) calls, each passing the key the call
 * before returned, as `ets:next/2` callers do.
 *
 * Why: nodes are numbered in insertion order, so at 10^6 random keys every node a walk reaches
 * is a cache miss, and the caller's own work between two steps (ETS checks the table and copies
 * the key) keeps the processor from asking for the next step's nodes until that step begins:
 * a step of an ETS walk cost about 100 ns more than a step of the tree's own tight loop, where
 * in the cache the ETS call adds about 12 ns. Several steps taken in one short loop have their
 * misses overlap, and the calls in between then read keys that are already at hand.
 *
 * Batches grow: none after a search from the root (a `next` from some key, as in a loop that
 * deletes the key it stands on, reads nothing it may not use), then 1, 2, 4, ... up to
 * {@link READ_AHEAD_LIMIT} keys while the walk goes on, so a short range reads at most about
 * twice as many keys as it returns. Guessing a walk's length from the walk before did not pay
 * (ETS ranges of 100 `next`s from random keys over 10^6, builds alternating in one process,
 * medians of 8): capping each batch so that a range reads no more keys than the range before
 * returned read 414 against 403 ns a step, a first batch of that length right after the search
 * 473 against 427 (and no read-ahead at all 483 against 421).
 *
 * Invariant: `keys[next .. count)` are the keys that follow `last` in the direction `backwards`
 * names, in the tree as it was when they were read; the tree calls {@link KeyReadAhead.clear}
 * whenever it changes (a node added or removed, a key replaced), so they are its keys still.
 */
import { NO_NODE, type NodeIndex, type NodePool } from './node.js';
import { isSameKey, type TreeWalk } from './walk.js';

/**
 * The most keys one batch reads. Ranges of 100 `next`s from random keys over 10^6 took 113-145 ns
 * a step with batches of up to 32 keys, 135-166 with up to 64 (the keys read past a range's end),
 * and a full walk the same (alternating in one process).
 */
export const READ_AHEAD_LIMIT = 32;

/** The keys read ahead of one walk. */
export class KeyReadAhead<K> {
  /** The keys read, `keys[0 .. count)`; those before `next` handed out already. */
  private keys: K[] = [];
  private next = 0;
  private count = 0;
  private backwards = false;
  /** The key handed out last: a walk's next call passes it. */
  private last: K | undefined = undefined;
  /** How many keys the next batch reads. */
  private batch = 0;

  /**
   * Whether the key after `key` in the direction `backwards` names is held: `key` compares equal
   * to the key handed out last, and one was read after it.
   */
  holdsAfter(key: K, backwards: boolean, compare: (a: K, b: K) => number): boolean {
    return (
      this.next < this.count &&
      this.backwards === backwards &&
      isSameKey(compare, key, this.last as K)
    );
  }

  /** Hands out the next key held ({@link holdsAfter} must have said there is one). */
  take(): K {
    const key = this.keys[this.next++] as K;
    this.last = key;
    return key;
  }

  /**
   * Hands out `node`'s key, which the walk stands at, and reads the batch after it, the walk
   * moving on with the reads. `continued`: the walk reached `node` by stepping on from the key
   * handed out before (the batch grows), not by a search (no batch). Returns the node the walk
   * stands at after the reads.
   */
  startAt<V>(
    nodes: NodePool<K, V>,
    walk: TreeWalk,
    node: NodeIndex,
    continued: boolean,
  ): NodeIndex {
    const batch = continued ? Math.min(Math.max(this.batch * 2, 1), READ_AHEAD_LIMIT) : 0;
    const keys = this.keys;
    let read = 0;
    let last = node;
    while (read < batch) {
      const after = walk.step(nodes, last);
      if (after === NO_NODE) break;
      keys[read++] = nodes.key[after] as K;
      last = after;
    }
    this.batch = batch;
    this.backwards = walk.backwards;
    this.last = nodes.key[node] as K;
    this.next = 0;
    this.count = read;
    return last;
  }

  /** Forgets every key held (and lets them go), and the batch size. */
  clear(): void {
    if (this.count !== 0) this.keys = [];
    this.next = 0;
    this.count = 0;
    this.last = undefined;
    this.batch = 0;
  }
}
