/**
 * A growable array stored as fixed-size chunks, so that appending never copies the whole array.
 *
 * Why: a JS array grows by allocating a backing store about 1.5 times larger and copying every
 * element; past a million elements one such push pauses for tens of milliseconds. Here a push
 * copies at most one chunk (while that chunk grows) plus the small table of chunks.
 *
 * Invariants: every chunk but the last holds exactly {@link CHUNK_SIZE} elements; the last holds
 * 1 to CHUNK_SIZE (there is no empty chunk); `length` is the total.
 */

const CHUNK_BITS = 12;
/** Elements per chunk. */
export const CHUNK_SIZE = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_SIZE - 1;

/** An append-only-growing, truncatable array of `T` in chunks. */
export class ChunkedArray<T> {
  private chunks: T[][] = [];
  private count = 0;

  /** The number of elements. O(1). */
  get length(): number {
    return this.count;
  }

  /** The element at `index` (`0 <= index < length`; not checked). O(1). */
  get(index: number): T {
    return this.chunks[index >>> CHUNK_BITS]![index & CHUNK_MASK]!;
  }

  /** Replaces the element at `index` (`0 <= index < length`; not checked). O(1). */
  set(index: number, value: T): void {
    this.chunks[index >>> CHUNK_BITS]![index & CHUNK_MASK] = value;
  }

  /** The number of chunks, for walking them with {@link chunk}. O(1). */
  get chunkCount(): number {
    return this.chunks.length;
  }

  /**
   * Chunk `index` (`0 <= index < chunkCount`): elements `index * CHUNK_SIZE` on, in order. A
   * walk over the chunks reads each element without the index arithmetic of {@link get}. O(1).
   */
  chunk(index: number): readonly T[] {
    return this.chunks[index]!;
  }

  /** Appends `value`; returns its index. O(1) amortised, at most O(CHUNK_SIZE + chunks). */
  push(value: T): number {
    const index = this.count;
    if ((index & CHUNK_MASK) === 0) this.chunks.push([value]);
    else this.chunks[index >>> CHUNK_BITS]!.push(value);
    this.count = index + 1;
    return index;
  }

  /** Keeps the first `length` elements (`0 <= length <= this.length`). O(chunks). */
  truncate(length: number): void {
    const chunkCount = Math.ceil(length / CHUNK_SIZE);
    this.chunks.length = chunkCount;
    if (chunkCount > 0)
      this.chunks[chunkCount - 1]!.length = length - (chunkCount - 1) * CHUNK_SIZE;
    this.count = length;
  }

  /** Removes every element. O(1). */
  clear(): void {
    this.chunks = [];
    this.count = 0;
  }
}
