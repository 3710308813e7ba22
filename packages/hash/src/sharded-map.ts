/**
 * A map split over many native `Map`s (shards) that grows by linear hashing, so that no single
 * insert pays for rehashing the whole table.
 *
 * Why: a native `Map` doubles its hash table in one step; measured on Node 20 (a loaded 2-core
 * machine) an insert that crosses 2^20 entries pauses for 150-290 ms, and 2^21 for 370-420 ms.
 * Here a shard holds about {@link SHARD_CAPACITY} keys on average (2x at most before its
 * split), so a shard's own doubling and a split each touch tens of thousands of entries, not
 * millions. While there is a single shard no hash is computed at all, so small tables pay
 * nothing for this. The capacity trades throughput (fewer, larger shards) against pause length.
 *
 * Algorithm: Litwin's linear hashing (1980), as OTP's `erl_db_hash.c` grows its bucket array,
 * with a whole native `Map` as the bucket. With `level` L and split pointer `p`, a key with hash
 * `h` lives in shard `h mod 2^L`, or `h mod 2^(L+1)` when that is below `p`. Each time the
 * average load passes the capacity, shard `p` is split into `p` and `p + 2^L`, and `p` advances
 * (wrapping to 0 and incrementing L after shard 2^L - 1). Shards never merge back: deletions
 * leave them smaller, which costs memory, not time.
 *
 * Invariants: `shards.length === 2^level + split`, `0 <= split < 2^level`; every key is in the
 * shard its hash selects; `size` is the sum of the shard sizes.
 */

/** The average number of keys per shard before a shard is split. */
export const SHARD_CAPACITY = 32768;

/** A map from `K` to `V` over native `Map`s, chosen by a caller-supplied 32-bit hash of `K`. */
export class ShardedMap<K, V> {
  private shards: Map<K, V>[] = [new Map()];
  private level = 0;
  private split = 0;
  private count = 0;
  private readonly hasher: (key: K) => number;
  private readonly capacity: number;

  /**
   * `hasher` must give equal keys equal hashes, and should spread its low bits. `capacity` is
   * the average number of keys per shard before a split (tests shrink it to force splits).
   */
  constructor(hasher: (key: K) => number, capacity = SHARD_CAPACITY) {
    if (!Number.isSafeInteger(capacity) || capacity < 1) {
      throw new RangeError(`shard capacity must be a positive integer, got ${capacity}`);
    }
    this.hasher = hasher;
    this.capacity = capacity;
  }

  /** The number of keys. O(1). */
  get size(): number {
    return this.count;
  }

  /** The number of shards (for tests and statistics). O(1). */
  get shardCount(): number {
    return this.shards.length;
  }

  /**
   * The native `Map` that holds `key` if anything does. While there is one shard no hash is
   * computed. After adding a key to it call {@link added}; after deleting one, {@link removed}.
   * O(1).
   */
  shardFor(key: K): Map<K, V> {
    const shards = this.shards;
    return shards.length === 1 ? shards[0]! : this.shardOf(this.hasher(key));
  }

  /** Records a key just added through {@link shardFor}; may split one shard. */
  added(): void {
    this.count += 1;
    if (this.count > this.shards.length * this.capacity) this.splitNext();
  }

  /** Records a key just deleted through {@link shardFor}. */
  removed(): void {
    this.count -= 1;
  }

  /** The value for `key`, or `undefined`. O(1) expected. */
  get(key: K): V | undefined {
    return this.shardFor(key).get(key);
  }

  /** Stores `value` under `key`. O(1) amortised; a split moves about half a shard. */
  set(key: K, value: V): void {
    const shard = this.shardFor(key);
    const before = shard.size;
    shard.set(key, value);
    if (shard.size !== before) this.added();
  }

  /** Removes `key`; whether it was present. O(1) expected. */
  delete(key: K): boolean {
    if (!this.shardFor(key).delete(key)) return false;
    this.removed();
    return true;
  }

  /** Removes every key. O(shards). */
  clear(): void {
    this.shards = [new Map()];
    this.level = 0;
    this.split = 0;
    this.count = 0;
  }

  /** Replaces every value by `update(value)`, keys unchanged. O(n). */
  updateValues(update: (value: V) => V): void {
    for (const shard of this.shards) {
      // Setting a present key during `forEach` replaces its value in place; nothing is added.
      shard.forEach((value, key) => {
        shard.set(key, update(value));
      });
    }
  }

  /** Every value, shard by shard. O(n). */
  *values(): IterableIterator<V> {
    for (const shard of this.shards) yield* shard.values();
  }

  /**
   * Checks the invariants in the module comment and returns a description of the first broken
   * one, or `undefined`. `describe` names a key in the message. O(n).
   */
  check(describe: (key: K) => string): string | undefined {
    if (this.shards.length !== 2 ** this.level + this.split || this.split >= 2 ** this.level) {
      return `shard count ${this.shards.length} does not match level ${this.level} and split ${this.split}`;
    }
    let total = 0;
    for (let index = 0; index < this.shards.length; index += 1) {
      const shard = this.shards[index]!;
      total += shard.size;
      for (const key of shard.keys()) {
        if (this.shardOf(this.hasher(key)) !== shard) {
          return `key ${describe(key)} is in shard ${index}, not the one its hash selects`;
        }
      }
    }
    if (total !== this.count) return `size is ${this.count} but the shards hold ${total} keys`;
    return undefined;
  }

  private shardOf(hash: number): Map<K, V> {
    const low = (1 << this.level) - 1;
    let index = hash & low;
    if (index < this.split) index = hash & ((low << 1) | 1);
    return this.shards[index]!;
  }

  private splitNext(): void {
    const source = this.shards[this.split]!;
    const highBit = 1 << this.level;
    const hasher = this.hasher;
    // Only the keys that move are touched: each is deleted from the source and set in the new
    // shard, so a split costs about half a shard of `Map` operations. The source keeps its
    // deleted entries until its next insert finds it full, when V8 rehashes it in place (in
    // C++, without growing it, since at least half of it is deleted). `forEach` tolerates the
    // deletions and, unlike an entries iterator, allocates nothing per key.
    const moved = new Map<K, V>();
    source.forEach((value, key) => {
      if ((hasher(key) & highBit) !== 0) {
        moved.set(key, value);
        source.delete(key);
      }
    });
    this.shards.push(moved);
    this.split += 1;
    if (this.split === highBit) {
      this.level += 1;
      this.split = 0;
    }
  }
}
