/**
 * An index from numbers or strings to small non-negative integers (the hash store's slot
 * numbers), as an open-addressing hash table in one `Int32Array`, grown without a pause.
 *
 * Why not a native `Map`: measured at 10^6 random integer keys on Node 20, a `Map` lookup miss
 * follows the bucket to an entry and, for a key beyond the small-integer range, to a boxed
 * number: two or three cache misses. Here a cell's tag and value sit side by side in one array of
 * 32-bit integers that the garbage collector never scans, so a miss usually costs one cache miss
 * and a deletion needs no rehash. A cell is 8 bytes. (Cells of 16, in a `Float64Array` whose tags
 * could be any number, made the 2^18 cells of a 10^5-key index 4 MB, twice this machine's
 * second-level cache: integer inserts and lookups were slower by 10-25% at 10^5 and 10^6 keys,
 * measured side by side; see the package's SPEED.md.) And a growing `Map` is rehashed in one step
 * (tens of milliseconds at 10^6 keys); the hash store used to split it into shards, moving each
 * key with a JS `Map.delete` and `Map.set` (about 0.5 µs for a string); this table moves its old
 * cells a few at a time, with no rehash for strings (their hash is stored).
 *
 * Layout: cell `i` is `cells[2i]` (its tag) and `cells[2i + 1]` (the value plus one; `0` marks an
 * empty cell), so values are at most {@link MAXIMUM_VALUE}. An int32 index
 * ({@link OpenIndex.int32}) holds integers of one range of 2^32 (the 32-bit signed range, or the
 * unsigned integers from 2^31 on) and tags a cell with the key's low 32 bits, `key | 0`; a keyed
 * index ({@link OpenIndex.keyed}) holds any strings and numbers, tags a cell with the key's hash
 * and keeps the key in `keys[i]`, compared only when the tags match; a structured index
 * ({@link OpenIndex.structured}) is a keyed one whose keys are compared by an equality of the
 * caller's (keys with one hash that are not equal take cells of the same probe run, as keys
 * whose homes coincide do). Linear probing from the home cell `hash & mask`, where the caller
 * gives the hash: for an int32 index it must be `mixHash(numberHash(key))`, which is the tag's
 * own (the table recomputes it from the tag when cells move), for a keyed one any 32-bit signed
 * integer that spreads its low bits (it is stored in the tag); deletion shifts the following
 * cells of the probe run back, so the live table has no tombstones. Keys compare with `===`
 * (and then the equality of a structured index), so `0` and `-0` are one key, as in a `Map`
 * (NaN is never a key). The cells are memory outside the V8 heap: growing a large table makes a
 * full garbage collection come sooner (measured in the package's SPEED.md, where cells in pages
 * on the heap, tried instead, are too).
 *
 * Growth: when the keys pass half the cells, a table four times the size (twice, from
 * {@link QUADRUPLE_BELOW} cells on) becomes the live one and the old one is drained: each later
 * insert moves {@link DRAIN_STEP} of its cells, in index order, into the live table. While
 * draining, a key is either in the live table or in an old cell at or after the drain cursor,
 * never both: lookups try the live table, then the old one. The old table is never reshuffled
 * (cells before the cursor keep their stale tags so that probe runs stay unbroken); deleting an
 * undrained key there leaves a tombstone ({@link DELETED}).
 *
 * Invariants (checked by {@link OpenIndex.check}): every live cell of either table is filed under
 * its key's hash and reached by probing from its home without passing an empty cell; no key is
 * live twice; `size` counts the live keys; the live table is at most half full once draining
 * ends; the drain cursor is within the old table.
 */
import { mixHash, numberHash } from './key.js';

/** The live table's starting size, in cells (a power of two). */
const MINIMUM_CELLS = 16;
/**
 * Cells of the draining table moved per insert. The old table is at most half the live one's
 * size and half full, so draining ends by 5/8 of the live table's half-full mark.
 */
const DRAIN_STEP = 8;
/**
 * A table smaller than this (in cells; 4 MB of them) grows four times over, a larger one twice:
 * half the growths, so a key is moved about half as often while a table fills (building a
 * 10^5-key index took a third less time, measured), at the cost of a table as sparse as one
 * key in eight cells right after growing: the last quadrupled table (2^18 cells) holds 2 MB
 * more than doubling would have.
 */
const QUADRUPLE_BELOW = 1 << 18;
/** A table is rebuilt smaller when it has more than this many cells per key (see `renumber`). */
const SPARSEST = 4;
/** The value cell of an empty cell. */
const EMPTY = 0;
/** The value cell of an old-table key deleted before it was drained. */
const DELETED = -1;
/** The largest value an index holds (a value cell holds the value plus one, in 32 bits). */
export const MAXIMUM_VALUE = 2 ** 31 - 2;

/**
 * A key of an {@link OpenIndex}: an int32 index holds integers of one range of 2^32 (see
 * {@link OpenIndex.int32}), a keyed index strings and numbers.
 */
export type OpenKey = number | string;

/**
 * A map from keys (numbers or strings, or any keys with an equality for a structured index) to
 * non-negative integers up to {@link MAXIMUM_VALUE}.
 */
export class OpenIndex<K = OpenKey> {
  /**
   * An int32 index: cells are tagged with the key's low 32 bits (`key | 0`), so its keys must
   * lie in one range of 2^32 integers where those bits tell them apart: all in -2^31..2^31-1
   * (tagged by themselves), or all in 2^31..2^32-1 (tagged 2^32 below themselves). Its caller
   * keeps the two ranges in two indexes.
   */
  static int32(): OpenIndex {
    return new OpenIndex<OpenKey>(false, undefined);
  }

  /** A keyed index: cells are tagged with the key's hash, the key kept beside the cells. */
  static keyed(): OpenIndex {
    return new OpenIndex<OpenKey>(true, undefined);
  }

  /**
   * A structured index: a keyed index of keys that `===` does not compare, such as terms. A key
   * kept beside a cell with the hash asked for is the one asked for when it is `===` to it or
   * `equals(kept, key)`; `equals` must answer false for an `undefined` kept key (a key deleted
   * from a draining table). Why keep the key beside the cell: it is then read with the cell,
   * where a key found through the value (the hash store's slot) is read only after it.
   */
  static structured<K>(equals: (kept: K | undefined, key: K) => boolean): OpenIndex<K> {
    return new OpenIndex<K>(true, equals);
  }

  /** Whether keys are kept in `keys` rather than being the tags (an int32 index). */
  private readonly keyed: boolean;
  /** A structured index's equality of keys; `undefined` where `===` decides. */
  private readonly equals: ((kept: K | undefined, key: K) => boolean) | undefined;
  private cells = new Int32Array(2 * MINIMUM_CELLS);
  private keys: (K | undefined)[];
  private mask = MINIMUM_CELLS - 1;
  /** The table being drained into `cells`, or `undefined`. */
  private old: Int32Array | undefined = undefined;
  private oldKeys: (K | undefined)[] = [];
  private oldMask = 0;
  /** Old cells before this index have been drained (or were empty or deleted). */
  private cursor = 0;
  private count = 0;

  private constructor(
    keyed: boolean,
    equals: ((kept: K | undefined, key: K) => boolean) | undefined,
  ) {
    this.keyed = keyed;
    this.equals = equals;
    this.keys = keyed ? new Array(MINIMUM_CELLS) : [];
  }

  /** The number of keys. O(1). */
  get size(): number {
    return this.count;
  }

  /**
   * The value of `key` (whose hash is `hash`), or -1. O(1) expected. The live table's probe is
   * written out here, one loop per kind of index: a random lookup at 10^6 keys is bound by how
   * many lookups the processor overlaps, and a shorter path raises that (10-15% faster than
   * through {@link probe}, measured).
   */
  get(key: K, hash: number): number {
    const cells = this.cells;
    const mask = this.mask;
    if (this.keyed) {
      const keys = this.keys;
      const equals = this.equals;
      for (let cell = hash & mask; ; cell = (cell + 1) & mask) {
        const stored = cells[2 * cell + 1]!;
        if (stored === EMPTY) break;
        if (cells[2 * cell] === hash && isKey(keys[cell], key, equals)) return stored - 1;
      }
    } else {
      const tag = (key as number) | 0;
      for (let cell = hash & mask; ; cell = (cell + 1) & mask) {
        const stored = cells[2 * cell + 1]!;
        if (stored === EMPTY) break;
        if (cells[2 * cell] === tag) return stored - 1;
      }
    }
    if (this.old === undefined) return -1;
    const oldCell = this.findOld(key, hash);
    return oldCell < 0 ? -1 : this.old[2 * oldCell + 1]! - 1;
  }

  /**
   * The value of `key` if it has one; otherwise stores `value` for it and returns -1 (an
   * insert's lookup and addition in one probe). O(1) amortised.
   */
  getOrAdd(key: K, hash: number, value: number): number {
    const cell = this.probe(this.cells, this.keys, this.mask, key, hash);
    if (cell >= 0) return this.cells[2 * cell + 1]! - 1;
    if (this.old !== undefined) {
      const oldCell = this.findOld(key, hash);
      if (oldCell >= 0) return this.old[2 * oldCell + 1]! - 1;
    }
    this.store(-1 - cell, key, hash, value);
    return -1;
  }

  /** Stores `value` for `key`, replacing any value it had. O(1) amortised. */
  set(key: K, hash: number, value: number): void {
    const cell = this.probe(this.cells, this.keys, this.mask, key, hash);
    if (cell >= 0) {
      this.cells[2 * cell + 1] = value + 1;
      return;
    }
    if (this.old !== undefined) {
      const oldCell = this.findOld(key, hash);
      if (oldCell >= 0) {
        this.old[2 * oldCell + 1] = value + 1;
        return;
      }
    }
    this.store(-1 - cell, key, hash, value);
  }

  /** Removes `key`; whether it was present. O(1) expected. */
  delete(key: K, hash: number): boolean {
    return this.take(key, hash) >= 0;
  }

  /**
   * Removes `key` and returns its value, or -1 when it was absent: a lookup and a deletion in
   * one probe. O(1) expected.
   */
  take(key: K, hash: number): number {
    const cell = this.probe(this.cells, this.keys, this.mask, key, hash);
    if (cell >= 0) {
      const value = this.cells[2 * cell + 1]! - 1;
      this.shiftBack(cell);
      this.count -= 1;
      return value;
    }
    if (this.old === undefined) return -1;
    const oldCell = this.findOld(key, hash);
    if (oldCell < 0) return -1;
    const value = this.old[2 * oldCell + 1]! - 1;
    this.old[2 * oldCell + 1] = DELETED;
    if (this.keyed) this.oldKeys[oldCell] = undefined;
    this.count -= 1;
    return value;
  }

  /**
   * Replaces every value `v` by `renumbered[v - first]` (after the caller renumbered them; every
   * value is at least `first`). A table that deletions left more than {@link SPARSEST} times
   * larger than its keys need is rebuilt at the size they need, ending any drain. O(cells).
   */
  renumber(renumbered: Int32Array, first: number): void {
    let size = MINIMUM_CELLS;
    while (size < this.count * SPARSEST) size *= 2;
    if (this.old === undefined && this.mask + 1 <= size) {
      const cells = this.cells;
      for (let cell = 0; cell <= this.mask; cell += 1) {
        const stored = cells[2 * cell + 1]!;
        if (stored !== EMPTY) cells[2 * cell + 1] = renumbered[stored - 1 - first]! + 1;
      }
      return;
    }
    const [cells, keys, mask] = [this.cells, this.keys, this.mask];
    const [old, oldKeys, oldMask] = [this.old, this.oldKeys, this.oldMask];
    this.cells = new Int32Array(2 * size);
    this.keys = this.keyed ? new Array(size) : [];
    this.mask = size - 1;
    this.old = undefined;
    this.oldKeys = [];
    for (let cell = 0; cell <= mask; cell += 1) {
      const stored = cells[2 * cell + 1]!;
      if (stored !== EMPTY) this.place(cells, keys, cell, renumbered[stored - 1 - first]! + 1);
    }
    if (old === undefined) return;
    for (let cell = this.cursor; cell <= oldMask; cell += 1) {
      const stored = old[2 * cell + 1]!;
      if (stored !== EMPTY && stored !== DELETED) {
        this.place(old, oldKeys, cell, renumbered[stored - 1 - first]! + 1);
      }
    }
  }

  /** Removes every key and returns to the starting size. O(1). */
  clear(): void {
    this.cells = new Int32Array(2 * MINIMUM_CELLS);
    this.keys = this.keyed ? new Array(MINIMUM_CELLS) : [];
    this.mask = MINIMUM_CELLS - 1;
    this.old = undefined;
    this.oldKeys = [];
    this.cursor = 0;
    this.count = 0;
  }

  /**
   * Checks the invariants in the module comment, with `hashOf` the hash the caller gives for a
   * key, and returns a description of the first broken one, or `undefined`. O(cells).
   */
  check(hashOf: (key: K) => number): string | undefined {
    const seen = new Set<K>();
    const live = this.checkTable(this.cells, this.keys, this.mask, 0, 'live', seen, hashOf);
    if (typeof live === 'string') return live;
    let total = live;
    if (this.old !== undefined) {
      if (this.cursor > this.oldMask)
        return `the drain cursor ${this.cursor} is past the old table`;
      const old = this.checkTable(
        this.old,
        this.oldKeys,
        this.oldMask,
        this.cursor,
        'old',
        seen,
        hashOf,
      );
      if (typeof old === 'string') return old;
      total += old;
    } else if (live * 2 > this.mask + 1) {
      return `${live} keys fill more than half of ${this.mask + 1} cells`;
    }
    if (total !== this.count) return `size is ${this.count} but the tables hold ${total} keys`;
    return undefined;
  }

  /** Checks the live cells from `first` on; returns how many there are, or a problem. */
  private checkTable(
    cells: Int32Array,
    keys: (K | undefined)[],
    mask: number,
    first: number,
    name: string,
    seen: Set<K>,
    hashOf: (key: K) => number,
  ): number | string {
    let live = 0;
    for (let cell = first; cell <= mask; cell += 1) {
      const stored = cells[2 * cell + 1]!;
      if (stored === EMPTY || stored === DELETED) continue;
      const key = (this.keyed ? keys[cell] : cells[2 * cell]) as K;
      if (!Number.isInteger(stored) || stored < 1) return `cell ${cell} holds value ${stored - 1}`;
      const hash = hashOf(key);
      if (this.homeOf(cells, cell) !== hash) {
        return `${name} cell ${cell} (key ${String(key)}) is filed under another hash`;
      }
      if (seen.has(key)) return `key ${String(key)} is live twice`;
      seen.add(key);
      for (let probe = hash & mask; probe !== cell; probe = (probe + 1) & mask) {
        if (cells[2 * probe + 1] === EMPTY) {
          return `key ${String(key)} in ${name} cell ${cell} is cut off from its home by empty cell ${probe}`;
        }
      }
      live += 1;
    }
    return live;
  }

  /** The hash of the key in `cells`' cell `cell`. */
  private homeOf(cells: Int32Array, cell: number): number {
    const tag = cells[2 * cell]!;
    return this.keyed ? tag : mixHash(numberHash(tag));
  }

  /**
   * Probes `cells` (with `keys` and `mask`, the live or the old table) for `key`: the first cell
   * holding it (>= 0), or, when an empty cell ends the probe first, `-1 - ` that empty cell.
   */
  private probe(
    cells: Int32Array,
    keys: (K | undefined)[],
    mask: number,
    key: K,
    hash: number,
  ): number {
    return this.keyed
      ? probeKeyed(cells, keys, mask, key, hash, this.equals)
      : probeTagged(cells, mask, (key as number) | 0, hash);
  }

  /** The old-table cell holding `key` undrained and undeleted, or -1. */
  private findOld(key: K, hash: number): number {
    const old = this.old!;
    // The old table held each key once: its first match decides (a deleted key is gone from
    // `oldKeys`, so a tombstone never matches in a keyed index; it is then not found either way).
    const cell = this.probe(old, this.oldKeys, this.oldMask, key, hash);
    if (cell < 0) return -1;
    return old[2 * cell + 1] === DELETED || cell < this.cursor ? -1 : cell;
  }

  /** Fills the empty live cell `cell` and counts the key; drains or starts growing as needed. */
  private store(cell: number, key: K, hash: number, value: number): void {
    this.cells[2 * cell] = this.keyed ? hash : (key as number) | 0;
    this.cells[2 * cell + 1] = value + 1;
    if (this.keyed) this.keys[cell] = key;
    this.count += 1;
    if (this.old !== undefined) this.drain();
    if (this.old === undefined && this.count * 2 > this.mask + 1) this.grow();
  }

  /**
   * Makes a table four or two times the size of the live one (see {@link QUADRUPLE_BELOW}), and
   * starts draining the current one into it.
   */
  private grow(): void {
    const cells = this.mask + 1;
    this.old = this.cells;
    this.oldKeys = this.keys;
    this.oldMask = this.mask;
    this.cursor = 0;
    this.mask = (cells < QUADRUPLE_BELOW ? 4 * cells : 2 * cells) - 1;
    this.cells = new Int32Array(2 * (this.mask + 1));
    this.keys = this.keyed ? new Array(this.mask + 1) : [];
  }

  /** Moves up to {@link DRAIN_STEP} old cells into the live table; ends the drain at its end. */
  private drain(): void {
    const old = this.old!;
    const end = Math.min(this.cursor + DRAIN_STEP, this.oldMask + 1);
    for (let from = this.cursor; from < end; from += 1) {
      const stored = old[2 * from + 1]!;
      if (stored === EMPTY || stored === DELETED) continue;
      this.place(old, this.oldKeys, from, stored);
      if (this.keyed) this.oldKeys[from] = undefined;
    }
    this.cursor = end;
    if (end > this.oldMask) {
      this.old = undefined;
      this.oldKeys = [];
    }
  }

  /**
   * Copies the key of cell `from` of another table (`fromCells`, `fromKeys`) into an empty cell
   * of the live table, with the value cell `stored`. The live table has room (it is at most half
   * full) and does not hold the key.
   */
  private place(
    fromCells: Int32Array,
    fromKeys: (K | undefined)[],
    from: number,
    stored: number,
  ): void {
    const cells = this.cells;
    const mask = this.mask;
    let cell = this.homeOf(fromCells, from) & mask;
    while (cells[2 * cell + 1] !== EMPTY) cell = (cell + 1) & mask;
    cells[2 * cell] = fromCells[2 * from]!;
    cells[2 * cell + 1] = stored;
    if (this.keyed) this.keys[cell] = fromKeys[from];
  }

  /** Empties live cell `hole`, moving later cells of its probe run back so none is cut off. */
  private shiftBack(hole: number): void {
    const cells = this.cells;
    const keys = this.keys;
    const mask = this.mask;
    for (let cell = (hole + 1) & mask; ; cell = (cell + 1) & mask) {
      const stored = cells[2 * cell + 1]!;
      if (stored === EMPTY) break;
      // A cell may move back to the hole only if its home is not in (hole, cell].
      if (((cell - this.homeOf(cells, cell)) & mask) >= ((cell - hole) & mask)) {
        cells[2 * hole] = cells[2 * cell]!;
        cells[2 * hole + 1] = stored;
        if (this.keyed) keys[hole] = keys[cell];
        hole = cell;
      }
    }
    cells[2 * hole + 1] = EMPTY;
    if (this.keyed) keys[hole] = undefined;
  }
}

/**
 * The probe of an int32 index (see `OpenIndex.probe`) for the key tagged `tag`. One loop per kind
 * of index, so that neither tests the kind at every cell.
 */
function probeTagged(cells: Int32Array, mask: number, tag: number, hash: number): number {
  for (let cell = hash & mask; ; cell = (cell + 1) & mask) {
    if (cells[2 * cell + 1] === EMPTY) return -1 - cell;
    if (cells[2 * cell] === tag) return cell;
  }
}

/** The probe of a keyed index (see `OpenIndex.probe`): cells are tagged with the key's hash. */
function probeKeyed<K>(
  cells: Int32Array,
  keys: (K | undefined)[],
  mask: number,
  key: K,
  hash: number,
  equals: ((kept: K | undefined, key: K) => boolean) | undefined,
): number {
  for (let cell = hash & mask; ; cell = (cell + 1) & mask) {
    if (cells[2 * cell + 1] === EMPTY) return -1 - cell;
    if (cells[2 * cell] === hash && isKey(keys[cell], key, equals)) return cell;
  }
}

/**
 * Whether `kept`, the key beside a cell tagged with the hash asked for, is `key`: `===`, else by
 * a structured index's equality.
 */
function isKey<K>(
  kept: K | undefined,
  key: K,
  equals: ((kept: K | undefined, key: K) => boolean) | undefined,
): boolean {
  return kept === key || equals?.(kept, key) === true;
}
