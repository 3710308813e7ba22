import { describe, expect, it } from 'vitest';
import { parseOptions, planCells, run, samplesAt, USAGE } from '../src/cli.js';
import { formatTables, median } from '../src/harness.js';
import { ORDERED_MAP_WORKLOADS } from '../src/ordered-maps.js';
import { orderedMapSubjects } from '../src/subjects.js';

// A tiny run of every suite, shape, subject and workload in this process: the benchmark's
// checksums make each adapter prove it did the work, so a broken adapter or workload fails here.
describe('benchmarks smoke run', () => {
  it('parses options and plans quick runs', () => {
    const quick = parseOptions(['--quick']);
    expect(quick.quick).toBe(true);
    expect(parseOptions([], { BENCH_QUICK: '1' }).quick).toBe(true);
    expect(planCells(quick).every((cell) => cell.size <= 100_000)).toBe(true);
    expect(() => parseOptions(['--workload', 'nope'])).toThrow(/unknown workload/);
    expect(() => parseOptions(['--samples', '0'])).toThrow(/samples/);
    expect(() => parseOptions(['--colour'])).toThrow(/--colour/);
    // `pnpm bench -- --suite hash` hands the script a leading `--`.
    expect(parseOptions(['--', '--suite', 'hash']).suites).toEqual(['hash']);
  });

  it('answers --help with a usage that names every suite and option', () => {
    expect(parseOptions(['--help']).help).toBe(true);
    expect(parseOptions(['-h']).help).toBe(true);
    expect(parseOptions([]).help).toBe(false);
    for (const suite of ['ordered-maps', 'compare', 'hash', 'etf', 'matchspec', 'ets']) {
      expect(USAGE).toContain(suite);
    }
    for (const option of ['suite', 'size', 'shape', 'subject', 'workload', 'samples', 'rounds']) {
      expect(USAGE).toContain(`--${option} `);
    }
    for (const option of ['seed', 'json', 'quick', 'in-process', 'help']) {
      expect(USAGE).toContain(`--${option}`);
    }
  });

  it('takes enough samples of small cells to time 10^6 operations, unless told how many', () => {
    expect(parseOptions([]).scaleSamples).toBe(true);
    expect(parseOptions(['--samples', '3']).scaleSamples).toBe(false);
    expect(parseOptions(['--quick']).scaleSamples).toBe(false);
    expect(samplesAt(1_000_000, 3, true)).toBe(3);
    expect(samplesAt(100_000, 3, true)).toBe(10);
    expect(samplesAt(100_000, 12, true)).toBe(12);
    expect(samplesAt(100_000, 3, false)).toBe(3);
  });

  it('pools the samples of every round into one measurement', () => {
    expect(parseOptions([]).rounds).toBe(1);
    expect(() => parseOptions(['--rounds', '0'])).toThrow(/rounds/);
    const options = parseOptions([
      '--suite',
      'hash',
      '--shape',
      'int',
      '--size',
      '300',
      '--samples',
      '2',
      '--rounds',
      '3',
      '--in-process',
    ]);
    const order: string[] = [];
    const measurements = run(options, (line) => order.push(line.replace(/^\[\d+\/\d+\] /, '')));
    const cells = planCells(options).length;
    expect(cells).toBeGreaterThan(1);
    expect(order).toHaveLength(3 * cells);
    // The second round runs the cells in reverse order.
    const cell = (line: string) => line.split(' (')[0];
    expect(order.slice(cells, 2 * cells).map(cell)).toEqual(
      order.slice(0, cells).map(cell).reverse(),
    );
    // A cell per workload: one measurement each.
    expect(measurements).toHaveLength(cells);
    expect(new Set(planCells(options).map((cell) => cell.workload))).toEqual(
      new Set(options.hashWorkloads),
    );
    for (const measurement of measurements) {
      expect(measurement.samples).toHaveLength(6);
      expect(measurement.nsPerOp).toBe(median(measurement.samples));
      expect(measurement.rounds?.map((round) => round.length)).toEqual([2, 2, 2]);
      expect(measurement.rounds?.flat()).toEqual(measurement.samples);
    }
    // The candidate's cells show each round's ratio after the pooled one.
    expect(formatTables(measurements)).toMatch(
      /×\d+\.\d\d \(\d+\.\d\d \/ \d+\.\d\d \/ \d+\.\d\d\)/,
    );
  });

  it('gives a candidate the ratio of each round to the fastest anchor of that round', () => {
    const base = { suite: 'hash', shape: 'int', size: 100, workload: 'lookup-hit', operations: 1 };
    const measured = (subject: string, kind: 'anchor' | 'candidate', rounds: number[][]) => ({
      ...base,
      subject,
      kind,
      samples: rounds.flat(),
      nsPerOp: median(rounds.flat()),
      ...(rounds.length > 1 ? { rounds } : {}),
    });
    const table = formatTables([
      measured('Map', 'anchor', [[100], [200]]),
      measured('Other', 'anchor', [[400], [200]]),
      measured('HashStore', 'candidate', [[50], [300]]),
    ]);
    // Pooled: 175 / 150; by round: 50 / 100, then 300 / 200 (the fastest anchor of each round).
    expect(table).toContain('175 ×1.17 (0.50 / 1.50)');
    // Anchors get no per-round ratios; a run of one round gets none at all.
    expect(table).toContain('300 ×2.00');
    expect(table).not.toMatch(/×[12]\.00 \(/);
    const single = formatTables([
      measured('Map', 'anchor', [[150]]),
      measured('HashStore', 'candidate', [[175]]),
    ]);
    expect(single).toContain('175 ×1.17');
    expect(single).not.toMatch(/×1\.17 \(/);
  });

  it('measures every subject and workload with verified checksums', () => {
    const options = parseOptions(['--size', '600', '--samples', '1', '--in-process']);
    const measurements = run(options, () => {});
    for (const subject of orderedMapSubjects) {
      const own = measurements.filter(
        (measurement) =>
          measurement.suite === 'ordered-maps' && measurement.subject === subject.name,
      );
      const workloads = new Set(own.map((measurement) => measurement.workload));
      expect(workloads.size, subject.name).toBe(subject.ordered ? ORDERED_MAP_WORKLOADS.length : 4);
    }
    const shapes = new Set(
      measurements
        .filter((measurement) => measurement.suite === 'compare')
        .map((measurement) => measurement.shape),
    );
    expect([...shapes].sort()).toEqual(['atom', 'int', 'string', 'tuple']);
    const etfCells = new Set(
      measurements
        .filter((measurement) => measurement.suite === 'etf')
        .map(
          (measurement) => `${measurement.shape} ${measurement.subject} ${measurement.workload}`,
        ),
    );
    expect(etfCells.size).toBe(2 * 2 * 2);
    for (const measurement of measurements) {
      expect(measurement.nsPerOp).toBeGreaterThan(0);
      expect(Number.isFinite(measurement.nsPerOp)).toBe(true);
    }
    const table = formatTables(measurements);
    expect(table).toContain('ordered-maps · tuple · 600');
    expect(table).toContain('ets · ordered_set · 600');
    expect(table).toContain('×1.00');
  });
});
