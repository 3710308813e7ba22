/**
 * The ETS suite: `@tsunami/ets` tables against BEAM's own ETS running the same workload in a real
 * `erl` on the same machine in the same run (the anchor), with native `Map` and `sorted-btree` as
 * JS references (limits: plain maps of tuples, without ETS's copying, checks or term order).
 *
 * Shapes are table types: `set` (Tsunami's hash store; anchors BEAM ETS and `Map`) and
 * `ordered_set` (Tsunami's `wavl`, `avl` and `skiplist` backends; anchors BEAM ETS and
 * `sorted-btree`). Objects are `{Key, Index}` with distinct integer keys below 2³², the first
 * `size` outputs of the 32-bit LCG `x' = (1664525·x + 1013904223) mod 2³²` from the seed, which
 * the Erlang module computes too, so both sides see the same keys in the same order.
 *
 * Workloads (each sample on a fresh table, built untimed; ns per operation unless said):
 * `insert` (every object into an empty table, key-sequence order), `lookup` (every key, hits),
 * `delete` (every key), `update-counter` (`update_counter(T, K, {2, 1})` for every key), `next`
 * (the whole table by `first`/`next`; ns per step), `next-again` (the same, on a table walked
 * whole twice already, untimed: a table scanned again and again), `range-next` (ordered_set:
 * 100 `next` steps from each of 1,000 keys; ns per step), `select-range` (ordered_set: `select`
 * of the objects whose key lies in a span holding about 100 of them, from each of 10 keys; ns
 * per `select` call: BEAM does not narrow a guard range on the key, it scans the table) and
 * `select-count`
 * (`select_count` of the objects whose index is below size/2, over the whole table; ns per
 * object in the table). Every batch returns a checksum (sums of values, step and object
 * counts, table sizes) checked against the value computed from the keys, on the Erlang side too.
 */
import { atom, list, type Term, type Tuple } from '@tsunami/core';
import { createEts, type Ets, endOfTable, type TableId } from '@tsunami/ets';
import type SortedBtreeTree from 'sorted-btree';
import { findErlang, runErlangModule } from './erlang.js';
import { expectChecksum, type Measurement, median, timeBatches } from './harness.js';
import { SortedBtree, type SubjectKind } from './subjects.js';

/** The table types measured. */
export const ETS_SHAPE_NAMES = ['set', 'ordered_set'] as const;
/** One table type. */
export type EtsShapeName = (typeof ETS_SHAPE_NAMES)[number];

/** Every workload of the suite, in table order. */
export const ETS_WORKLOADS = [
  'insert',
  'lookup',
  'delete',
  'update-counter',
  'next',
  'next-again',
  'range-next',
  'select-range',
  'select-count',
] as const;
/** One ETS workload. */
export type EtsWorkload = (typeof ETS_WORKLOADS)[number];

/** Steps of one `range-next` scan, and the number of scans (from the first keys). */
const RANGE_LENGTH = 100;
const RANGE_SCANS = 1000;
/** Expected objects per `select-range` call, and the number of calls. */
const SELECT_EXPECTED = 100;
const SELECT_SCANS = 10;

const ORDERED_ONLY: ReadonlySet<EtsWorkload> = new Set(['range-next', 'select-range']);

/** The keys of a run: `size` distinct integers below 2³² from the LCG (see the header). */
export function etsKeys(size: number, seed: number): number[] {
  const keys: number[] = [];
  let state = seed >>> 0;
  for (let index = 0; index < size; index += 1) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    keys.push(state);
  }
  return keys;
}

/** The width of the key span a `select-range` call asks for (about SELECT_EXPECTED objects). */
function selectSpan(size: number): number {
  return Math.floor((2 ** 32 * SELECT_EXPECTED) / size);
}

/** The operations the workloads need from one table of one JS subject. */
interface EtsBench {
  insert(object: Tuple): void;
  /** Element 2 of the object under `key`. */
  lookup(key: number): number;
  delete(key: number): void;
  updateCounter(key: number): number;
  size(): number;
  /** Steps of a `first`/`next` walk over the whole table. */
  walk?(): number;
  /** Steps taken by up to `length` `next` calls from `key`. */
  rangeNext?(key: number, length: number): number;
  /** Objects with `low <= key <= high`. */
  selectRange?(low: number, high: number): number;
  /** Objects whose index is below `limit`, over the whole table. */
  selectCount?(limit: number): number;
  dispose(): void;
}

interface EtsSubject {
  readonly name: string;
  readonly kind: SubjectKind;
  readonly shapes: ReadonlyArray<EtsShapeName>;
  create(shape: EtsShapeName): EtsBench;
}

class TsunamiBench implements EtsBench {
  private readonly table: TableId;
  constructor(
    private readonly ets: Ets,
    shape: EtsShapeName,
    backend: 'wavl' | 'avl' | 'skiplist' | undefined,
  ) {
    this.table = ets.new(
      atom('bench'),
      backend === undefined ? { type: shape } : { type: shape, backend },
    );
  }
  insert(object: Tuple): void {
    this.ets.insert(this.table, object);
  }
  lookup(key: number): number {
    return this.ets.lookup(this.table, key)[0]![1] as number;
  }
  delete(key: number): void {
    this.ets.delete(this.table, key);
  }
  updateCounter(key: number): number {
    return this.ets.updateCounter(this.table, key, [2, 1]) as number;
  }
  size(): number {
    return this.ets.info(this.table, 'size') as number;
  }
  walk(): number {
    let steps = 0;
    for (let key = this.ets.first(this.table); key !== endOfTable; ) {
      steps += 1;
      key = this.ets.next(this.table, key);
    }
    return steps;
  }
  rangeNext(start: number, length: number): number {
    let steps = 0;
    let key: Term = start;
    while (steps < length) {
      key = this.ets.next(this.table, key);
      if (key === endOfTable) break;
      steps += 1;
    }
    return steps;
  }
  selectRange(low: number, high: number): number {
    const spec = list([
      [atom('$1'), atom('$2')],
      list([atom('>='), atom('$1'), low], [atom('=<'), atom('$1'), high]),
      list(atom('$2')),
    ]);
    return this.ets.select(this.table, spec).length;
  }
  selectCount(limit: number): number {
    const spec = list([[atom('_'), atom('$2')], list([atom('<'), atom('$2'), limit]), list(true)]);
    return this.ets.selectCount(this.table, spec);
  }
  dispose(): void {
    this.ets.delete(this.table);
  }
}

class MapBench implements EtsBench {
  private readonly map = new Map<number, Tuple>();
  insert(object: Tuple): void {
    this.map.set(object[0] as number, object);
  }
  lookup(key: number): number {
    return this.map.get(key)![1] as number;
  }
  delete(key: number): void {
    this.map.delete(key);
  }
  updateCounter(key: number): number {
    const value = (this.map.get(key)![1] as number) + 1;
    this.map.set(key, [key, value]);
    return value;
  }
  size(): number {
    return this.map.size;
  }
  dispose(): void {}
}

class SortedBtreeEtsBench implements EtsBench {
  private readonly tree: SortedBtreeTree<number, Tuple> = new SortedBtree<number, Tuple>(
    undefined,
    (a: number, b: number) => a - b,
  );
  insert(object: Tuple): void {
    this.tree.set(object[0] as number, object);
  }
  lookup(key: number): number {
    return this.tree.get(key)![1] as number;
  }
  delete(key: number): void {
    this.tree.delete(key);
  }
  updateCounter(key: number): number {
    const value = (this.tree.get(key)![1] as number) + 1;
    this.tree.set(key, [key, value]);
    return value;
  }
  size(): number {
    return this.tree.size;
  }
  walk(): number {
    let steps = 0;
    for (let key = this.tree.minKey(); key !== undefined; key = this.tree.nextHigherKey(key)) {
      steps += 1;
    }
    return steps;
  }
  rangeNext(start: number, length: number): number {
    let steps = 0;
    let key: number | undefined = start;
    while (steps < length) {
      key = this.tree.nextHigherKey(key);
      if (key === undefined) break;
      steps += 1;
    }
    return steps;
  }
  dispose(): void {}
}

const ETS_SUBJECTS: ReadonlyArray<EtsSubject> = [
  { name: 'beam-ets', kind: 'anchor', shapes: ETS_SHAPE_NAMES, create: unreachable },
  { name: 'Map', kind: 'limit', shapes: ['set'], create: () => new MapBench() },
  {
    name: 'sorted-btree',
    kind: 'limit',
    shapes: ['ordered_set'],
    create: () => new SortedBtreeEtsBench(),
  },
  {
    name: 'hash',
    kind: 'candidate',
    shapes: ['set'],
    create: (shape) => new TsunamiBench(createEts(), shape, undefined),
  },
  ...(['wavl', 'avl', 'skiplist'] as const).map(
    (backend): EtsSubject => ({
      name: backend,
      kind: 'candidate',
      shapes: ['ordered_set'],
      create: (shape) => new TsunamiBench(createEts(), shape, backend),
    }),
  ),
];

function unreachable(): never {
  throw new Error('beam-ets runs in erl, not in JS');
}

/**
 * The subject names of the suite for a table type, in column order; with `workload`, those
 * that run it (a JS subject's table is created to ask; BEAM runs every workload).
 */
export function etsSubjects(shape: EtsShapeName, workload?: EtsWorkload): string[] {
  return ETS_SUBJECTS.filter(
    (subject) =>
      subject.shapes.includes(shape) &&
      (workload === undefined ||
        subject.name === 'beam-ets' ||
        subjectRuns(subject, shape, workload)),
  ).map((subject) => subject.name);
}

function subjectRuns(subject: EtsSubject, shape: EtsShapeName, workload: EtsWorkload): boolean {
  const probe = subject.create(shape);
  const runs = supports(probe, workload);
  probe.dispose();
  return runs;
}

/** Everything the workloads of one shape and size share: inputs and expected checksums. */
interface Inputs {
  readonly keys: number[];
  readonly objects: Tuple[];
  readonly rangeStarts: number[];
  readonly selectLows: number[];
  readonly expected: Record<EtsWorkload, number>;
}

function makeInputs(size: number, seed: number): Inputs {
  const keys = etsKeys(size, seed);
  const objects: Tuple[] = keys.map((key, index) => [key, index]);
  const sorted = [...keys].sort((a, b) => a - b);
  const rank = (key: number): number => {
    let low = 0;
    let high = sorted.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if ((sorted[middle] as number) < key) low = middle + 1;
      else high = middle;
    }
    return low;
  };
  const rangeStarts = keys.slice(0, RANGE_SCANS);
  const selectLows = keys.slice(0, SELECT_SCANS);
  const span = selectSpan(size);
  let rangeSteps = 0;
  for (const start of rangeStarts) rangeSteps += Math.min(RANGE_LENGTH, size - 1 - rank(start));
  let selected = 0;
  for (const low of selectLows) selected += rank(low + span + 1) - rank(low);
  const indexSum = (size * (size - 1)) / 2;
  return {
    keys,
    objects,
    rangeStarts,
    selectLows,
    expected: {
      insert: size,
      lookup: indexSum,
      delete: 0,
      'update-counter': indexSum + size,
      next: size,
      'next-again': size,
      'range-next': rangeSteps,
      'select-range': selected,
      'select-count': Math.floor(size / 2),
    },
  };
}

/** Operations one sample of `workload` counts, given its checksum. */
function operationsOf(workload: EtsWorkload, size: number, inputs: Inputs): number {
  if (workload === 'range-next') return inputs.expected['range-next'];
  if (workload === 'select-range') return inputs.selectLows.length;
  return size;
}

function runBatch(workload: EtsWorkload, bench: EtsBench, inputs: Inputs, size: number): number {
  switch (workload) {
    case 'insert': {
      for (const object of inputs.objects) bench.insert(object);
      return bench.size();
    }
    case 'lookup': {
      let sum = 0;
      for (const key of inputs.keys) sum += bench.lookup(key);
      return sum;
    }
    case 'delete': {
      for (const key of inputs.keys) bench.delete(key);
      return bench.size();
    }
    case 'update-counter': {
      let sum = 0;
      for (const key of inputs.keys) sum += bench.updateCounter(key);
      return sum;
    }
    case 'next':
    case 'next-again':
      return bench.walk!();
    case 'range-next': {
      let steps = 0;
      for (const start of inputs.rangeStarts) steps += bench.rangeNext!(start, RANGE_LENGTH);
      return steps;
    }
    case 'select-range': {
      const span = selectSpan(size);
      let selected = 0;
      for (const low of inputs.selectLows) selected += bench.selectRange!(low, low + span);
      return selected;
    }
    case 'select-count':
      return bench.selectCount!(Math.floor(size / 2));
  }
}

function supports(bench: EtsBench, workload: EtsWorkload): boolean {
  switch (workload) {
    case 'next':
    case 'next-again':
      return bench.walk !== undefined;
    case 'range-next':
      return bench.rangeNext !== undefined;
    case 'select-range':
      return bench.selectRange !== undefined;
    case 'select-count':
      return bench.selectCount !== undefined;
    default:
      return true;
  }
}

/** The workloads of `workloads` that make sense for a table type, in table order. */
export function etsWorkloadsOf(
  shape: EtsShapeName,
  workloads: ReadonlyArray<EtsWorkload>,
): EtsWorkload[] {
  return workloads.filter((workload) => shape === 'ordered_set' || !ORDERED_ONLY.has(workload));
}

function measurement(
  shape: EtsShapeName,
  size: number,
  workload: EtsWorkload,
  subject: EtsSubject,
  samples: number[],
  operations: number,
): Measurement {
  return {
    suite: 'ets',
    shape,
    size,
    workload,
    subject: subject.name,
    kind: subject.kind,
    nsPerOp: median(samples),
    samples,
    operations,
  };
}

/**
 * Runs the workloads of one subject on one table type and size: every one of `etsWorkloads`,
 * or only `timed` when given (the JIT is still warmed through all of them, as when all run).
 */
export function runEtsCell(
  shape: EtsShapeName,
  subjectName: string,
  size: number,
  settings: {
    samples: number;
    seed: number;
    etsWorkloads: ReadonlyArray<EtsWorkload>;
    timed?: string;
  },
): Measurement[] {
  const subject = ETS_SUBJECTS.find((candidate) => candidate.name === subjectName);
  if (subject === undefined || !subject.shapes.includes(shape)) {
    throw new Error(`no ets subject ${subjectName} for ${shape}`);
  }
  const inputs = makeInputs(size, settings.seed);
  const workloads = etsWorkloadsOf(shape, settings.etsWorkloads);
  const timed = workloads.filter(
    (workload) => settings.timed === undefined || workload === settings.timed,
  );
  if (subject.name === 'beam-ets') return runBeamCell(shape, size, settings, inputs, timed);
  const measurements: Measurement[] = [];
  const probe = subject.create(shape);
  const available = workloads.filter((workload) => supports(probe, workload));
  probe.dispose();
  // Warm the JIT on a small table first, through every workload, so no sample times the compiler
  // (a cell that times one workload alone measured its first samples at up to twice the
  // settled time when only that workload was warmed).
  const warmSize = Math.min(size, 5000);
  const warm = makeInputs(warmSize, settings.seed + 1);
  for (let round = 0; round < 3; round += 1) {
    for (const workload of available) {
      const bench = prepareTable(subject, shape, workload, warm);
      runBatch(workload, bench, warm, warmSize);
      bench.dispose();
    }
  }
  for (const workload of available.filter((candidate) => timed.includes(candidate))) {
    let bench: EtsBench | undefined;
    const samples = timeBatches(
      settings.samples,
      operationsOf(workload, size, inputs),
      () => {
        bench?.dispose();
        bench = prepareTable(subject, shape, workload, inputs);
        return bench;
      },
      (table) => runBatch(workload, table, inputs, size),
      (actual) =>
        expectChecksum(
          actual,
          inputs.expected[workload],
          `ets ${subject.name} ${shape} ${workload} ${size}`,
        ),
    );
    bench?.dispose();
    measurements.push(
      measurement(shape, size, workload, subject, samples, operationsOf(workload, size, inputs)),
    );
  }
  return measurements;
}

function prepareTable(
  subject: EtsSubject,
  shape: EtsShapeName,
  workload: EtsWorkload,
  inputs: Inputs,
): EtsBench {
  const bench = subject.create(shape);
  if (workload !== 'insert') for (const object of inputs.objects) bench.insert(object);
  if (workload === 'next-again') for (let walks = 0; walks < 2; walks += 1) bench.walk!();
  return bench;
}

/**
 * The Erlang side: the same keys (the same LCG), objects, workloads and checksums, timed with
 * `erlang:monotonic_time(nanosecond)` around each batch after a garbage collection, setup
 * excluded. Prints one line per sample: `Workload Checksum ElapsedNanoseconds`.
 */
const BEAM_MODULE = `-module(tsunami_ets_bench).
-export([main/9]).

main(Type, Size, Seed, Samples, Workloads, RangeLength, RangeScans, SelectScans, Span) ->
    Keys = keys(Size, Seed, []),
    Objects = lists:zip(Keys, lists:seq(0, Size - 1)),
    RangeStarts = lists:sublist(Keys, RangeScans),
    SelectLows = lists:sublist(Keys, SelectScans),
    Inputs = #{keys => Keys, objects => Objects, range_starts => RangeStarts,
               select_lows => SelectLows, range_length => RangeLength, span => Span,
               half => Size div 2},
    lists:foreach(
      fun(Workload) ->
          lists:foreach(
            fun(_) ->
                Table = ets:new(bench, [Type, public]),
                case Workload of
                    insert -> ok;
                    'next-again' ->
                        insert_all(Table, Objects),
                        walk(Table, ets:first(Table), 0),
                        walk(Table, ets:first(Table), 0);
                    _ -> insert_all(Table, Objects)
                end,
                erlang:garbage_collect(),
                Start = erlang:monotonic_time(nanosecond),
                Checksum = run(Workload, Table, Inputs),
                Elapsed = erlang:monotonic_time(nanosecond) - Start,
                ets:delete(Table),
                io:format("~s ~w ~w~n", [Workload, Checksum, Elapsed])
            end, lists:seq(1, Samples))
      end, Workloads).

keys(0, _, Keys) -> lists:reverse(Keys);
keys(Left, State, Keys) ->
    Next = (State * 1664525 + 1013904223) band 16#FFFFFFFF,
    keys(Left - 1, Next, [Next | Keys]).

run(insert, Table, #{objects := Objects}) ->
    insert_all(Table, Objects), ets:info(Table, size);
run(lookup, Table, #{keys := Keys}) -> lookup_all(Table, Keys, 0);
run(delete, Table, #{keys := Keys}) -> delete_all(Table, Keys), ets:info(Table, size);
run('update-counter', Table, #{keys := Keys}) -> update_all(Table, Keys, 0);
run(next, Table, _) -> walk(Table, ets:first(Table), 0);
run('next-again', Table, _) -> walk(Table, ets:first(Table), 0);
run('range-next', Table, #{range_starts := Starts, range_length := Length}) ->
    lists:sum([steps(Table, Start, Length, 0) || Start <- Starts]);
run('select-range', Table, #{select_lows := Lows, span := Span}) ->
    lists:sum([length(ets:select(Table, [{{'$1', '$2'}, [{'>=', '$1', Low}, {'=<', '$1', Low + Span}], ['$2']}]))
               || Low <- Lows]);
run('select-count', Table, #{half := Half}) ->
    ets:select_count(Table, [{{'_', '$2'}, [{'<', '$2', Half}], [true]}]).

insert_all(Table, [Object | Rest]) -> ets:insert(Table, Object), insert_all(Table, Rest);
insert_all(_, []) -> ok.

lookup_all(Table, [Key | Rest], Sum) ->
    [{_, Value}] = ets:lookup(Table, Key),
    lookup_all(Table, Rest, Sum + Value);
lookup_all(_, [], Sum) -> Sum.

delete_all(Table, [Key | Rest]) -> ets:delete(Table, Key), delete_all(Table, Rest);
delete_all(_, []) -> ok.

update_all(Table, [Key | Rest], Sum) ->
    update_all(Table, Rest, Sum + ets:update_counter(Table, Key, {2, 1}));
update_all(_, [], Sum) -> Sum.

walk(_, '$end_of_table', Steps) -> Steps;
walk(Table, Key, Steps) -> walk(Table, ets:next(Table, Key), Steps + 1).

steps(_, _, 0, Steps) -> Steps;
steps(Table, Key, Left, Steps) ->
    case ets:next(Table, Key) of
        '$end_of_table' -> Steps;
        Next -> steps(Table, Next, Left - 1, Steps + 1)
    end.
`;

let warnedNoErlang = false;

function runBeamCell(
  shape: EtsShapeName,
  size: number,
  settings: { samples: number; seed: number },
  inputs: Inputs,
  workloads: ReadonlyArray<EtsWorkload>,
): Measurement[] {
  const subject = ETS_SUBJECTS[0]!;
  const installation = findErlang();
  if (installation === null) {
    if (!warnedNoErlang) {
      process.stderr.write('ets suite: no erl found, the beam-ets column is skipped\n');
      warnedNoErlang = true;
    }
    return [];
  }
  const expression =
    `tsunami_ets_bench:main(${shape}, ${size}, ${settings.seed >>> 0}, ${settings.samples}, ` +
    `[${workloads.map((workload) => `'${workload}'`).join(', ')}], ${RANGE_LENGTH}, ` +
    `${RANGE_SCANS}, ${SELECT_SCANS}, ${selectSpan(size)})`;
  const output = runErlangModule(installation, 'tsunami_ets_bench', BEAM_MODULE, expression);
  const samplesOf = new Map<EtsWorkload, number[]>();
  for (const line of output.split('\n')) {
    if (line.trim() === '') continue;
    const [name, checksum, elapsed] = line.trim().split(' ');
    const workload = name as EtsWorkload;
    if (!workloads.includes(workload)) throw new Error(`unexpected line from erl: ${line}`);
    expectChecksum(
      Number(checksum),
      inputs.expected[workload],
      `ets beam-ets ${shape} ${workload} ${size}`,
    );
    const list = samplesOf.get(workload) ?? [];
    list.push(Number(elapsed) / operationsOf(workload, size, inputs));
    samplesOf.set(workload, list);
  }
  return workloads.map((workload) => {
    const samples = samplesOf.get(workload);
    if (samples === undefined || samples.length !== settings.samples) {
      throw new Error(`erl reported ${samples?.length ?? 0} samples of ${workload}`);
    }
    return measurement(
      shape,
      size,
      workload,
      subject,
      samples,
      operationsOf(workload, size, inputs),
    );
  });
}
