/**
 * A growable array stored as fixed-size chunks, so that appending never copies the whole array.
 *
 * Why: a JS array grows by allocating a backing store about 1.5 times larger and copying every
 * element; past a million elements one such push pauses for tens of milliseconds. Here the first
 * chunk grows as a JS array does (a small array stays small), and each later chunk is allocated
 * at its full size when the first element lands in it, so a push copies nothing. Whole chunks can
 * also be dropped from the front ({@link ChunkedArray.dropFront}), so an array used as a queue
 * gives back its memory without moving anything: indexes keep counting from 0, and those below
 * {@link ChunkedArray.start} are gone.
 *
 * Invariants: `chunks[i]` holds the elements from `(dropped + i) * CHUNK_SIZE`; chunk 0 of an
 * array that never dropped or renumbered holds exactly the elements below
 * `min(length, CHUNK_SIZE)`; every other chunk has CHUNK_SIZE places; places at or past `length`
 * are unset or `undefined`; there is no chunk without an element below `length`.
 */

const CHUNK_BITS = 12;
/** Elements per chunk. */
export const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

/** An append-only-growing, truncatable array of `T` in chunks. */
export class ChunkedArray<T> {
  private chunks: T[][] = [];
  private count = 0;
  /** Chunks dropped from the front. */
  private dropped = 0;

  /** The number of elements. O(1). */
  get length(): number {
    return this.count;
  }

  /** The first index still held: 0 until chunks are dropped. O(1). */
  get start(): number {
    return this.dropped * CHUNK_SIZE;
  }

  /** The element at `index` (`start <= index < length`; not checked). O(1). */
  get(index: number): T {
    return this.chunks[(index >>> CHUNK_BITS) - this.dropped]![index & CHUNK_MASK]!;
  }

  /** Replaces the element at `index` (`start <= index < length`; not checked). O(1). */
  set(index: number, value: T): void {
    this.chunks[(index >>> CHUNK_BITS) - this.dropped]![index & CHUNK_MASK] = value;
  }

  /** The number of chunks, for walking them with {@link chunk}. O(1). */
  get chunkCount(): number {
    return this.chunks.length;
  }

  /**
   * Chunk `index` (`0 <= index < chunkCount`): elements `start + index * CHUNK_SIZE` on, in
   * order; a chunk may have places past {@link length}, which a walk must not read. A walk over
   * the chunks reads each element without the index arithmetic of {@link get}. O(1).
   */
  chunk(index: number): readonly T[] {
    return this.chunks[index]!;
  }

  /** Appends `value`; returns its index. O(1) amortised, at most O(CHUNK_SIZE + chunks). */
  push(value: T): number {
    const index = this.count;
    if ((index & CHUNK_MASK) === 0) this.chunks.push(index === 0 ? [] : new Array<T>(CHUNK_SIZE));
    this.chunks[(index >>> CHUNK_BITS) - this.dropped]![index & CHUNK_MASK] = value;
    this.count = index + 1;
    return index;
  }

  /**
   * Keeps the elements below `length` (`start <= length <= this.length`).
   * O(chunks + CHUNK_SIZE).
   */
  truncate(length: number): void {
    const chunkCount = Math.ceil(length / CHUNK_SIZE) - this.dropped;
    this.chunks.length = chunkCount;
    if (chunkCount === 1 && this.dropped === 0) {
      this.chunks[0]!.length = length;
    } else if (chunkCount > 0) {
      // The dropped elements of a full-size chunk are unset, so they hold nothing alive.
      (this.chunks[chunkCount - 1] as (T | undefined)[]).fill(
        undefined,
        length - (this.dropped + chunkCount - 1) * CHUNK_SIZE,
      );
    }
    this.count = length;
  }

  /**
   * Drops the first `count` chunks still held (`count * CHUNK_SIZE <= length - start`): the
   * elements below `start + count * CHUNK_SIZE` are gone, no other index changes. O(chunks).
   */
  dropFront(count: number): void {
    this.chunks.splice(0, count);
    this.dropped += count;
  }

  /**
   * Renumbers the elements from 0 (the element at `start + i` is then at `i`), so that indexes
   * stop growing with the chunks dropped. O(1).
   */
  renumberFromZero(): void {
    this.count -= this.dropped * CHUNK_SIZE;
    this.dropped = 0;
  }

  /** Removes every element; indexes start again from 0. O(1). */
  clear(): void {
    this.chunks = [];
    this.count = 0;
    this.dropped = 0;
  }
}
