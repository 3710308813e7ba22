/**
 * The seeded source of tower heights for the skip list.
 *
 * Algorithm: Mulberry32 (Tommy Ettinger, 2017), a 32-bit state generator that passes
 * PractRand to 2^32 outputs and costs a handful of integer operations. A tower's height is
 * `1 + k` where `k` counts consecutive draws below `probability * 2^32`, so a tower reaches
 * level `i + 1` with probability `probability^i` (Pugh 1990, "Skip lists: a probabilistic
 * alternative to balanced trees"), capped at `maxLevel`.
 *
 * Invariant: the sequence of heights depends only on the seed, so the same seed and the same
 * operations give the same skip list (heights are drawn only for insertions that happen, after
 * the search succeeded, never for lookups or replaced values).
 */

/** Draws tower heights from a seeded Mulberry32 stream. */
export class LevelGenerator {
  /** The Mulberry32 state, a 32-bit integer. */
  private state: number;
  /** `probability * 2^32`: a draw below it promotes the tower one more level. */
  private readonly threshold: number;
  /** The tallest tower it returns. */
  private readonly maxLevel: number;

  /**
   * @param seed - any number; its low 32 bits seed the stream.
   * @param probability - chance that a tower of height `h` has height at least `h + 1`.
   * @param maxLevel - the cap on heights.
   */
  constructor(seed: number, probability: number, maxLevel: number) {
    this.state = seed >>> 0;
    this.threshold = Math.floor(probability * 2 ** 32);
    this.maxLevel = maxLevel;
  }

  /** The next uniformly distributed unsigned 32-bit integer. */
  nextUint32(): number {
    this.state = (this.state + 0x6d2b79f5) | 0;
    let mixed = Math.imul(this.state ^ (this.state >>> 15), 1 | this.state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return (mixed ^ (mixed >>> 14)) >>> 0;
  }

  /** The height of the next new tower, in `1..maxLevel`. */
  nextHeight(): number {
    let height = 1;
    while (height < this.maxLevel && this.nextUint32() < this.threshold) height++;
    return height;
  }
}

/**
 * The height of the `position`-th tower (1-based) of a perfect skip list: one more than the
 * number of times `branching` divides `position`, capped at `maxLevel`. Every `branching`-th
 * tower reaches level 2, every `branching^2`-th level 3, and so on, which is the shape the
 * random heights approximate, so a bulk-built list searches in the ideal number of steps.
 */
export function perfectHeight(position: number, branching: number, maxLevel: number): number {
  let height = 1;
  while (height < maxLevel && position % branching === 0) {
    position /= branching;
    height++;
  }
  return height;
}
