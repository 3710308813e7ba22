/**
 * Seeded randomness for fixed test cases and benchmark workloads, so every run (and every child
 * process measuring a subject) sees exactly the same keys in the same order. mulberry32: a 32-bit
 * state generator, small and fast, statistically fine for shuffling inputs. Free of vitest, so
 * benchmarks import it from `@tsunami/core/testing/random` outside a test runner.
 */

/** A generator of floats in [0, 1) from `seed`. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

/** A shuffled copy of `items` (Fisher–Yates). */
export function shuffled<T>(items: ReadonlyArray<T>, random: () => number): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    const held = result[index] as T;
    result[index] = result[other] as T;
    result[other] = held;
  }
  return result;
}
