import { afterEach, describe, expect, it, vi } from 'vitest';

describe('timeBatches', () => {
  afterEach(() => {
    vi.unstubAllGlobals();
    vi.resetModules();
  });

  it('collects garbage before every sample and lets the collection settle before the timer', async () => {
    const collections: number[] = [];
    vi.stubGlobal('gc', () => collections.push(performance.now()));
    vi.resetModules();
    // The harness reads `gc` when it loads: load it afresh with the stub in place.
    const { timeBatches } = await import('../src/harness.js');
    const pauses: number[] = [];
    const samples = timeBatches(
      3,
      10,
      (sample) => sample,
      (sample) => {
        pauses.push(performance.now() - collections[sample]!);
        return sample;
      },
      () => {},
    );
    expect(samples).toHaveLength(3);
    expect(collections).toHaveLength(3);
    // A sleep lasts at least what was asked (50 ms); a little slack for the clocks' rounding.
    for (const pause of pauses) expect(pause).toBeGreaterThanOrEqual(45);
  });
});
