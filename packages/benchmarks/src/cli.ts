/**
 * `pnpm bench` entry point (run from dist/ by the package's `bench` script). Measures each cell
 * (one subject at one shape and size; in the hash and ets suites, one workload) in a child
 * process of its
 * own, so no subject runs on JIT state (inline caches, deoptimised call sites, heap) that another
 * subject left behind, then prints one table per suite, shape and size, and optionally writes
 * JSON. Usage: see {@link USAGE} (`--help`).
 */
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import {
  COMPARE_SHAPE_NAMES,
  type CompareShapeName,
  compareSubjects,
  runCompareCell,
} from './compare-suite.js';
import { ETF_SHAPE_NAMES, type EtfShapeName, etfSubjects, runEtfCell } from './etf-suite.js';
import {
  ETS_SHAPE_NAMES,
  ETS_WORKLOADS,
  type EtsShapeName,
  type EtsWorkload,
  etsSubjects,
  etsWorkloadsOf,
  runEtsCell,
} from './ets-suite.js';
import {
  type BenchmarkReport,
  type Cell,
  formatTables,
  type Measurement,
  median,
} from './harness.js';
import { HASH_WORKLOADS, type HashWorkload, hashSubjects, runHashCell } from './hash-suite.js';
import type { ShapeName } from './keys.js';
import { MATCHSPEC_SHAPE_NAMES, matchspecSubjects, runMatchspecCell } from './matchspec-suite.js';
import {
  ORDERED_MAP_WORKLOADS,
  type OrderedMapWorkload,
  orderedMapCells,
  orderedMapSubject,
  runOrderedMapCell,
  SHAPE_NAMES,
} from './ordered-maps.js';
import { orderedMapSubjects } from './subjects.js';

const SUITES = ['ordered-maps', 'compare', 'hash', 'etf', 'matchspec', 'ets'] as const;

/** What `--help` prints. */
export const USAGE = `Usage: node --expose-gc dist/cli.js [options]   (from the root: pnpm bench -- [options])

Times Tsunami's packages against the anchors (native Map, sorted-btree, BEAM ETS in erl, ...)
and prints one table per suite, shape and size: median ns per operation and the ratio to the
fastest anchor in the same run.

Options (lists are comma-separated):
  --suite <list>     ${SUITES.join(', ')} (default: all)
  --size <list>      keys per table (default: 100000,1000000; compare: 1000000 pairs;
                     ets: 1000000,100000)
  --shape <list>     key shapes or table types: int, string, tuple; set, ordered_set; ...
  --subject <list>   subjects to run (anchors included), e.g. wavl,sorted-btree or beam-ets,hash
  --workload <list>  workloads to run, e.g. insert,lookup-hit or next,range-next
  --samples <n>      samples per workload, the median reported (default 3; more for small cells)
  --rounds <n>       runs of the whole plan, every other one in reverse order, pooled (default 1);
                     a candidate's ratio in each round follows its pooled one, in brackets
  --seed <n>         the key generator's seed (default 20240601)
  --json <path>      also write every sample as JSON
  --quick            smoke run: 10,000 keys, ets 100,000 (BENCH_QUICK=1 does the same)
  --in-process       run every cell in this process (debugging only: subjects share JIT state)
  -h, --help         print this and exit
`;

/** Everything a run needs, parsed from the command line. */
export interface RunOptions {
  /** `--help`: print {@link USAGE} and run nothing. */
  readonly help: boolean;
  readonly quick: boolean;
  readonly suites: ReadonlyArray<(typeof SUITES)[number]>;
  readonly sizes: ReadonlyArray<number> | undefined;
  readonly shapes: ReadonlyArray<string> | undefined;
  readonly subjects: ReadonlyArray<string> | undefined;
  readonly workloads: ReadonlyArray<OrderedMapWorkload>;
  readonly hashWorkloads: ReadonlyArray<HashWorkload>;
  readonly etsWorkloads: ReadonlyArray<EtsWorkload>;
  /** Samples per workload, at least (see {@link samplesAt}). */
  readonly samples: number;
  /** Whether small cells take more samples: when `--samples` is not given, outside quick runs. */
  readonly scaleSamples: boolean;
  /** Times the whole plan is run, every other time in reverse order (see {@link run}). */
  readonly rounds: number;
  readonly seed: number;
  readonly json: string | undefined;
  readonly inProcess: boolean;
}

function list(value: string | undefined): string[] | undefined {
  return value === undefined ? undefined : value.split(',').filter((item) => item.length > 0);
}

function oneOf<T extends string>(
  values: string[] | undefined,
  allowed: ReadonlyArray<T>,
  what: string,
): T[] | undefined {
  if (values === undefined) return undefined;
  for (const value of values) {
    if (!(allowed as ReadonlyArray<string>).includes(value)) {
      throw new Error(`unknown ${what} ${value}; known: ${allowed.join(', ')}`);
    }
  }
  return values as T[];
}

/**
 * Parses `argv` (without node and the script). A leading `--` is skipped: `pnpm bench -- --quick`
 * passes it on to the script.
 */
export function parseOptions(argv: string[], environment = process.env): RunOptions {
  const { values } = parseArgs({
    args: argv[0] === '--' ? argv.slice(1) : argv,
    options: {
      quick: { type: 'boolean', default: false },
      suite: { type: 'string' },
      size: { type: 'string' },
      shape: { type: 'string' },
      subject: { type: 'string' },
      workload: { type: 'string' },
      samples: { type: 'string' },
      rounds: { type: 'string', default: '1' },
      seed: { type: 'string', default: '20240601' },
      json: { type: 'string' },
      'in-process': { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  const quick = values.quick === true || environment.BENCH_QUICK === '1';
  const sizes = list(values.size)?.map((text) => {
    const size = Number(text.replaceAll('_', ''));
    if (!Number.isSafeInteger(size) || size < 2) throw new Error(`bad --size ${text}`);
    return size;
  });
  const samples = values.samples === undefined ? 3 : Number(values.samples);
  if (!Number.isSafeInteger(samples) || samples < 1) throw new Error('--samples must be >= 1');
  const rounds = Number(values.rounds);
  if (!Number.isSafeInteger(rounds) || rounds < 1) throw new Error('--rounds must be >= 1');
  const workloads = oneOf(
    list(values.workload),
    [...new Set([...ORDERED_MAP_WORKLOADS, ...HASH_WORKLOADS, ...ETS_WORKLOADS])],
    'workload',
  );
  const seed = Number(values.seed);
  if (!Number.isSafeInteger(seed)) throw new Error('--seed must be an integer');
  return {
    help: values.help === true,
    quick,
    suites: oneOf(list(values.suite), SUITES, 'suite') ?? SUITES,
    sizes,
    shapes: list(values.shape),
    subjects: list(values.subject),
    workloads:
      workloads?.filter((name): name is OrderedMapWorkload =>
        (ORDERED_MAP_WORKLOADS as ReadonlyArray<string>).includes(name),
      ) ?? ORDERED_MAP_WORKLOADS,
    hashWorkloads:
      workloads?.filter((name): name is HashWorkload =>
        (HASH_WORKLOADS as ReadonlyArray<string>).includes(name),
      ) ?? HASH_WORKLOADS,
    etsWorkloads:
      workloads?.filter((name): name is EtsWorkload =>
        (ETS_WORKLOADS as ReadonlyArray<string>).includes(name),
      ) ?? ETS_WORKLOADS,
    samples,
    scaleSamples: values.samples === undefined && !quick,
    rounds,
    seed,
    json: values.json,
    inProcess: values['in-process'] === true,
  };
}

/** The cells of a run, in table order. */
export function planCells(options: RunOptions): Cell[] {
  const cells: Cell[] = [];
  if (options.suites.includes('ordered-maps')) {
    const subjects =
      options.subjects === undefined
        ? orderedMapSubjects
        : orderedMapSubjects.filter((subject) => options.subjects?.includes(subject.name));
    cells.push(
      ...orderedMapCells({
        sizes: options.sizes ?? (options.quick ? [10_000] : [100_000, 1_000_000]),
        shapes: oneOf([...(options.shapes ?? SHAPE_NAMES)], SHAPE_NAMES, 'shape') ?? SHAPE_NAMES,
        subjects,
        workloads: options.workloads,
        samples: options.samples,
        seed: options.seed,
      }),
    );
  }
  if (options.suites.includes('compare')) {
    const shapes =
      oneOf([...(options.shapes ?? COMPARE_SHAPE_NAMES)], COMPARE_SHAPE_NAMES, 'shape') ??
      COMPARE_SHAPE_NAMES;
    const sizes = options.sizes ?? [options.quick ? 100_000 : 1_000_000];
    for (const shape of shapes) {
      for (const size of sizes) {
        for (const subject of compareSubjects(shape)) {
          if (options.subjects === undefined || options.subjects.includes(subject)) {
            cells.push({ suite: 'compare', shape, size, subject });
          }
        }
      }
    }
  }
  if (options.suites.includes('hash') && options.hashWorkloads.length > 0) {
    const shapes = oneOf([...(options.shapes ?? SHAPE_NAMES)], SHAPE_NAMES, 'shape') ?? SHAPE_NAMES;
    // A cell per workload, as in the ets suite: the anchor's samples of a row and the store's
    // are taken back to back.
    for (const size of options.sizes ?? (options.quick ? [10_000] : [100_000, 1_000_000])) {
      for (const shape of shapes) {
        for (const workload of options.hashWorkloads) {
          for (const subject of hashSubjects(shape)) {
            if (options.subjects === undefined || options.subjects.includes(subject)) {
              cells.push({ suite: 'hash', shape, size, subject, workload });
            }
          }
        }
      }
    }
  }
  if (options.suites.includes('etf')) {
    // Other suites' shape names are skipped here rather than rejected, so `--shape` can name both.
    const shapes =
      options.shapes?.filter((shape): shape is EtfShapeName =>
        (ETF_SHAPE_NAMES as ReadonlyArray<string>).includes(shape),
      ) ?? ETF_SHAPE_NAMES;
    for (const shape of shapes) {
      const defaultSizes = shape === 'rows' ? [1, 100, 10_000] : [64, 65_536];
      const sizes = options.sizes ?? (options.quick ? defaultSizes.slice(0, 2) : defaultSizes);
      for (const size of sizes) {
        for (const subject of etfSubjects()) {
          if (options.subjects === undefined || options.subjects.includes(subject)) {
            cells.push({ suite: 'etf', shape, size, subject });
          }
        }
      }
    }
  }
  if (options.suites.includes('matchspec')) {
    const shapes =
      options.shapes?.filter((shape) => MATCHSPEC_SHAPE_NAMES.includes(shape)) ??
      MATCHSPEC_SHAPE_NAMES;
    for (const shape of shapes) {
      for (const size of options.sizes ?? [options.quick ? 100_000 : 1_000_000]) {
        for (const subject of matchspecSubjects()) {
          if (options.subjects === undefined || options.subjects.includes(subject)) {
            cells.push({ suite: 'matchspec', shape, size, subject });
          }
        }
      }
    }
  }
  if (options.suites.includes('ets') && options.etsWorkloads.length > 0) {
    const shapes =
      options.shapes?.filter((shape): shape is EtsShapeName =>
        (ETS_SHAPE_NAMES as ReadonlyArray<string>).includes(shape),
      ) ?? ETS_SHAPE_NAMES;
    // A cell per workload, the subjects of each back to back: BEAM's samples of a row and
    // Tsunami's are then seconds apart, not the minutes of every other workload between them.
    for (const size of options.sizes ?? (options.quick ? [100_000] : [1_000_000, 100_000])) {
      for (const shape of shapes) {
        for (const workload of etsWorkloadsOf(shape, options.etsWorkloads)) {
          for (const subject of etsSubjects(shape, workload)) {
            if (options.subjects === undefined || options.subjects.includes(subject)) {
              cells.push({ suite: 'ets', shape, size, subject, workload });
            }
          }
        }
      }
    }
  }
  return cells;
}

/**
 * Operations each workload of a cell times at least, over its samples (unless `--samples` is
 * given or the run is quick). At
 * 10^5 keys a batch is over in a few milliseconds, and the first two or three batches after the
 * small warm-up still show a JavaScript subject's code being optimised for the larger size (a
 * 10^5-key insert measured 113 to 347 ns a key across seven samples); a built-in `Map` has no
 * such start. Taking the median of enough samples measures every subject settled.
 */
const TIMED_OPERATIONS = 1_000_000;

/**
 * The samples of a cell of `size` keys: `requested`, or with `scale` at least enough for
 * {@link TIMED_OPERATIONS}.
 */
export function samplesAt(size: number, requested: number, scale: boolean): number {
  return scale ? Math.max(requested, Math.ceil(TIMED_OPERATIONS / size)) : requested;
}

/** Measures one cell in this process. */
export function runCell(
  cell: Cell,
  runOptions: Pick<
    RunOptions,
    'workloads' | 'hashWorkloads' | 'etsWorkloads' | 'samples' | 'seed' | 'scaleSamples'
  >,
) {
  const options = {
    ...runOptions,
    samples: samplesAt(cell.size, runOptions.samples, runOptions.scaleSamples),
    // The one workload a cell of the hash or ets suite times.
    ...(cell.workload === undefined ? {} : { timed: cell.workload }),
  };
  if (cell.suite === 'ets') {
    return runEtsCell(cell.shape as EtsShapeName, cell.subject, cell.size, options);
  }
  if (cell.suite === 'matchspec') return runMatchspecCell(cell.subject, cell.size, options);
  if (cell.suite === 'etf') {
    return runEtfCell(cell.shape as EtfShapeName, cell.subject, cell.size, options);
  }
  if (cell.suite === 'hash') {
    return runHashCell(cell.shape as ShapeName, cell.subject, cell.size, options);
  }
  if (cell.suite === 'compare') {
    return runCompareCell(cell.shape as CompareShapeName, cell.subject, cell.size, options);
  }
  return runOrderedMapCell(
    orderedMapSubject(cell.subject),
    cell.shape as ShapeName,
    cell.size,
    options,
  );
}

function runCellInChild(cell: Cell, options: RunOptions): Measurement[] {
  const script = fileURLToPath(import.meta.url);
  const child = spawnSync(
    process.execPath,
    ['--expose-gc', script, '--cell', JSON.stringify({ cell, options })],
    { stdio: ['ignore', 'pipe', 'inherit'], maxBuffer: 64 * 1024 * 1024, encoding: 'utf8' },
  );
  if (child.status !== 0) {
    throw new Error(`the child measuring ${JSON.stringify(cell)} exited with ${child.status}`);
  }
  return JSON.parse(child.stdout) as Measurement[];
}

/**
 * Runs the whole plan `rounds` times, every other round in reverse order, and returns one
 * measurement per cell and workload with the samples of every round (its figure their median).
 *
 * Why: on a shared machine the speed of memory drifts by tens of percent within minutes, and a
 * ratio taken between two cells run a few minutes apart (BEAM's, then Tsunami's) carries that
 * drift. Alternating the order puts each subject early and late in turn, so a drift in one
 * direction weighs on both sides alike.
 */
export function run(options: RunOptions, log: (line: string) => void): Measurement[] {
  const plan = planCells(options);
  const merged = new Map<string, Measurement>();
  for (let round = 0; round < options.rounds; round += 1) {
    const cells = round % 2 === 0 ? plan : [...plan].reverse();
    for (const [index, cell] of cells.entries()) {
      const place = `${index + 1}/${cells.length}`;
      const ofRounds = options.rounds > 1 ? ` (round ${round + 1} of ${options.rounds})` : '';
      const workload = cell.workload === undefined ? '' : ` ${cell.workload}`;
      log(
        `[${place}] ${cell.suite} ${cell.shape} ${cell.size}${workload} ${cell.subject}${ofRounds}`,
      );
      const measured = options.inProcess ? runCell(cell, options) : runCellInChild(cell, options);
      for (const measurement of measured) {
        const key = [cell.suite, cell.shape, cell.size, measurement.workload, cell.subject].join();
        const earlier = merged.get(key);
        const samples = [...(earlier?.samples ?? []), ...measurement.samples];
        const pooled = { ...measurement, samples, nsPerOp: median(samples) };
        merged.set(
          key,
          options.rounds > 1
            ? { ...pooled, rounds: [...(earlier?.rounds ?? []), measurement.samples] }
            : pooled,
        );
      }
    }
  }
  return [...merged.values()];
}

function main(argv: string[]): void {
  const cellIndex = argv.indexOf('--cell');
  if (cellIndex >= 0) {
    const { cell, options } = JSON.parse(argv[cellIndex + 1] ?? '') as {
      cell: Cell;
      options: RunOptions;
    };
    process.stdout.write(JSON.stringify(runCell(cell, options)));
    return;
  }
  let options: RunOptions;
  try {
    options = parseOptions(argv);
  } catch (error) {
    // A bad command line gets its reason and the usage, not a stack trace.
    process.stderr.write(`bench: ${(error as Error).message}\n\n${USAGE}`);
    process.exitCode = 2;
    return;
  }
  if (options.help) {
    process.stdout.write(USAGE);
    return;
  }
  const measurements = run(options, (line) => process.stderr.write(`${line}\n`));
  process.stdout.write(`\n${formatTables(measurements)}\n`);
  if (options.json !== undefined) {
    const report: BenchmarkReport = {
      node: process.version,
      platform: `${process.platform} ${process.arch}`,
      date: new Date().toISOString(),
      quick: options.quick,
      measurements,
    };
    writeFileSync(options.json, `${JSON.stringify(report, null, 2)}\n`);
    process.stderr.write(`wrote ${options.json}\n`);
  }
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  main(process.argv.slice(2));
}
