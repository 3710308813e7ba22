/**
 * The timing harness: batched samples, results, the ns/op table and JSON output.
 *
 * Why not tinybench: for operations of 20-200 ns, a per-call timer and callback dominate the
 * measurement. Here one sample times a whole batch (every key of a workload, 10⁴-10⁶ calls)
 * with `process.hrtime.bigint()` and divides, so the overhead is one loop iteration per op.
 * Each sample starts after a forced GC (when Node runs with `--expose-gc`) and a short pause for
 * the collection's tail (see {@link SETTLE_MILLISECONDS}), and the reported figure is the median
 * of the samples. Every batch returns a checksum that the workload verifies, so the JIT cannot
 * drop the work and a broken adapter cannot post a fast time.
 */
import type { SubjectKind } from './subjects.js';

/** One timed (suite, shape, size, workload, subject) combination. */
export interface Measurement {
  readonly suite: string;
  readonly shape: string;
  readonly size: number;
  readonly workload: string;
  readonly subject: string;
  readonly kind: SubjectKind;
  /** Median over the samples, in nanoseconds per operation. */
  readonly nsPerOp: number;
  /** Each sample's nanoseconds per operation. */
  readonly samples: ReadonlyArray<number>;
  /**
   * The samples of each round, in round order, when the run had more than one (`--rounds`);
   * {@link samples} pools them.
   */
  readonly rounds?: ReadonlyArray<ReadonlyArray<number>>;
  /** Operations timed in one sample. */
  readonly operations: number;
}

/** The work of one child process: every workload of one subject at one shape and size. */
export interface Cell {
  readonly suite: string;
  readonly shape: string;
  readonly size: number;
  readonly subject: string;
  /** The one workload the cell times, where a suite plans a cell per workload (hash, ets). */
  readonly workload?: string;
}

const collectGarbage = (globalThis as { gc?: () => void }).gc;

/**
 * How long a sample waits after its forced GC before its timer starts. V8 ends a full
 * collection on helper threads (sweeping) after `gc()` returns, and on a 2-core machine that
 * work competes with the timed batch for the other core and for memory. Measured: 10^5 ETS
 * `next` steps in ranges of 100 over a 10^6-key ordered_set (a 30 ms batch) ran 229-247 ns a
 * step right after `gc()`, 180-194 after a pause of 50 or 200 ms. BEAM's per-process
 * `erlang:garbage_collect()`, on the other side of the ets suite, leaves no such tail.
 */
const SETTLE_MILLISECONDS = 50;
const settleCell = new Int32Array(new SharedArrayBuffer(4));

/** Forces a full garbage collection, when Node exposes it, and lets its tail finish. */
function collectGarbageAndSettle(): void {
  if (collectGarbage === undefined) return;
  collectGarbage();
  Atomics.wait(settleCell, 0, 0, SETTLE_MILLISECONDS);
}

/**
 * Times `samples` batches of `operations` operations. `prepare` (untimed) returns the input of
 * one batch, `run` does the batch and returns a checksum, `verify` throws on a wrong checksum.
 * Returns each sample's ns per operation.
 */
export function timeBatches<State>(
  samples: number,
  operations: number,
  prepare: (sample: number) => State,
  run: (state: State) => number,
  verify: (checksum: number) => void,
): number[] {
  const results: number[] = [];
  for (let sample = 0; sample < samples; sample += 1) {
    const state = prepare(sample);
    collectGarbageAndSettle();
    const start = process.hrtime.bigint();
    const checksum = run(state);
    const elapsed = Number(process.hrtime.bigint() - start);
    verify(checksum);
    results.push(elapsed / operations);
  }
  return results;
}

/** The median of non-empty `values`. */
export function median(values: ReadonlyArray<number>): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[middle] as number)
    : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
}

/** Throws with `message` unless `actual === expected`. */
export function expectChecksum(actual: number, expected: number, message: string): void {
  if (actual !== expected) {
    throw new Error(`${message}: checksum ${actual}, expected ${expected}`);
  }
}

function formatNanoseconds(value: number): string {
  if (value >= 100_000) return `${(value / 1000).toFixed(0)}µs`;
  if (value >= 10_000) return `${(value / 1000).toFixed(1)}µs`;
  if (value >= 100) return value.toFixed(0);
  return value.toFixed(1);
}

/**
 * The results as text tables, one per (suite, shape, size): a row per workload, a column per
 * subject, each cell `ns/op` and, after it, the ratio to the fastest anchor of that row. A
 * candidate measured in several rounds also gets the ratio of each round, in brackets: the
 * median of its round's samples over the fastest anchor's median in that round. Why: on a
 * shared machine a round's ratio can move by tens of percent, and a pooled figure alone hides
 * whether a row is ahead in every round or in some.
 */
export function formatTables(measurements: ReadonlyArray<Measurement>): string {
  const groups = new Map<string, Measurement[]>();
  for (const measurement of measurements) {
    const key = `${measurement.suite} · ${measurement.shape} · ${measurement.size.toLocaleString('en-US')}`;
    const group = groups.get(key) ?? [];
    group.push(measurement);
    groups.set(key, group);
  }
  const blocks: string[] = [];
  for (const [title, group] of groups) {
    const subjects = [...new Set(group.map((measurement) => measurement.subject))];
    const workloads = [...new Set(group.map((measurement) => measurement.workload))];
    const rows: string[][] = [['workload', ...subjects]];
    for (const workload of workloads) {
      const row = group.filter((measurement) => measurement.workload === workload);
      const anchors = row.filter((measurement) => measurement.kind === 'anchor');
      const best =
        anchors.length === 0 ? undefined : Math.min(...anchors.map((anchor) => anchor.nsPerOp));
      const cells = subjects.map((subject) => {
        const measurement = row.find((candidate) => candidate.subject === subject);
        if (measurement === undefined) return '—';
        const time = formatNanoseconds(measurement.nsPerOp);
        if (best === undefined) return time;
        const pooled = `${time} ×${(measurement.nsPerOp / best).toFixed(2)}`;
        const byRound = measurement.kind === 'anchor' ? [] : roundRatios(measurement, anchors);
        return byRound.length === 0
          ? pooled
          : `${pooled} (${byRound.map((ratio) => ratio.toFixed(2)).join(' / ')})`;
      });
      rows.push([workload, ...cells]);
    }
    const widths = rows[0]?.map((_, column) =>
      Math.max(...rows.map((row) => (row[column] ?? '').length)),
    ) as number[];
    const lines = rows.map((row) =>
      row
        .map((cell, column) =>
          column === 0 ? cell.padEnd(widths[column] ?? 0) : cell.padStart(widths[column] ?? 0),
        )
        .join('  '),
    );
    lines.splice(1, 0, widths.map((width) => '-'.repeat(width)).join('  '));
    blocks.push(`${title}  (ns/op, ×ratio to the fastest anchor)\n${lines.join('\n')}`);
  }
  return blocks.join('\n\n');
}

/**
 * `measurement`'s ratio to the fastest of `anchors` in each round; empty unless it and every
 * anchor have the same number of rounds, two or more.
 */
function roundRatios(measurement: Measurement, anchors: ReadonlyArray<Measurement>): number[] {
  const rounds = measurement.rounds;
  if (rounds === undefined || rounds.length < 2) return [];
  const anchorRounds: ReadonlyArray<ReadonlyArray<number>>[] = [];
  for (const anchor of anchors) {
    if (anchor.rounds?.length !== rounds.length) return [];
    anchorRounds.push(anchor.rounds);
  }
  return rounds.map((samples, round) => {
    const anchorMedians = anchorRounds.map((each) => median(each[round] as ReadonlyArray<number>));
    return median(samples) / Math.min(...anchorMedians);
  });
}

/** The JSON document `--json` writes. */
export interface BenchmarkReport {
  readonly node: string;
  readonly platform: string;
  readonly date: string;
  readonly quick: boolean;
  readonly measurements: ReadonlyArray<Measurement>;
}
