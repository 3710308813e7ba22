import { describe, expect, it } from 'vitest';
import { parseOptions, planCells, run } from '../src/cli.js';
import { findErlang } from '../src/erlang.js';
import { ETS_WORKLOADS, etsSubjects } from '../src/ets-suite.js';
import { formatTables } from '../src/harness.js';

// The ETS suite at a tiny size, every subject and workload, in this process; the BEAM column runs
// in a real erl when there is one (under CI there must be). Checksums are verified on both sides;
// the range and select checksums depend on the key values, so they also prove both sides
// generated the same keys.
describe('ets suite', () => {
  const erlang = findErlang();
  if (erlang === null && process.env.CI) {
    it('finds erl under CI', () => {
      expect.fail('no erl found: the beam-ets column cannot be measured');
    });
  }

  it('plans both table types at 1,000,000 and 100,000 objects, 100,000 when quick', () => {
    const cells = planCells(parseOptions(['--suite', 'ets']));
    expect(new Set(cells.map((cell) => cell.size))).toEqual(new Set([1_000_000, 100_000]));
    // A cell per workload, its subjects back to back; a subject without the workload has none.
    const orderedCells = cells
      .filter((cell) => cell.shape === 'ordered_set' && cell.size === 1_000_000)
      .map((cell) => `${cell.workload} ${cell.subject}`);
    const orderedPlan = ETS_WORKLOADS.flatMap((workload) =>
      etsSubjects('ordered_set', workload).map((subject) => `${workload} ${subject}`),
    );
    expect(orderedCells).toEqual(orderedPlan);
    expect(orderedPlan).toContain('select-range beam-ets');
    expect(orderedPlan).toContain('range-next sorted-btree');
    expect(orderedPlan).not.toContain('select-range sorted-btree');
    expect(etsSubjects('set', 'next')).toEqual(['beam-ets', 'hash']);
    expect(etsSubjects('set')).toEqual(['beam-ets', 'Map', 'hash']);
    expect(cells.some((cell) => cell.shape === 'set' && cell.workload === 'range-next')).toBe(
      false,
    );
    const quick = planCells(parseOptions(['--suite', 'ets', '--quick']));
    expect(quick.every((cell) => cell.size === 100_000)).toBe(true);
    expect(parseOptions(['--workload', 'select-count']).etsWorkloads).toEqual(['select-count']);
  });

  it('measures every subject and workload with verified checksums', () => {
    const options = parseOptions([
      '--suite',
      'ets',
      '--size',
      '300',
      '--samples',
      '1',
      '--in-process',
    ]);
    const measurements = run(options, () => {});
    const subjects = new Set(measurements.map((measurement) => measurement.subject));
    expect(subjects.has('beam-ets')).toBe(erlang !== null);
    const rowsOf = (shape: string, subject: string) =>
      measurements
        .filter((measurement) => measurement.shape === shape && measurement.subject === subject)
        .map((measurement) => measurement.workload);
    const setWorkloads = ETS_WORKLOADS.filter(
      (workload) => workload !== 'range-next' && workload !== 'select-range',
    );
    for (const backend of ['wavl', 'avl', 'skiplist']) {
      expect(rowsOf('ordered_set', backend)).toEqual([...ETS_WORKLOADS]);
    }
    expect(rowsOf('set', 'hash')).toEqual(setWorkloads);
    expect(rowsOf('ordered_set', 'sorted-btree')).toEqual([
      'insert',
      'lookup',
      'delete',
      'update-counter',
      'next',
      'next-again',
      'range-next',
    ]);
    expect(rowsOf('set', 'Map')).toEqual(['insert', 'lookup', 'delete', 'update-counter']);
    if (erlang !== null) {
      expect(rowsOf('ordered_set', 'beam-ets')).toEqual([...ETS_WORKLOADS]);
      expect(rowsOf('set', 'beam-ets')).toEqual(
        ETS_WORKLOADS.filter(
          (workload) => workload !== 'range-next' && workload !== 'select-range',
        ),
      );
      expect(formatTables(measurements)).toContain('×1.00');
    }
    for (const measurement of measurements) {
      expect(measurement.nsPerOp).toBeGreaterThan(0);
    }
    expect(formatTables(measurements)).toContain('ets · ordered_set · 300');
  });
});
