/**
 * The ordered-map suite: seven workloads, three key shapes, two sizes (10⁵ and 10⁶ keys; 10⁴
 * in quick mode), for every subject of `subjects.ts`.
 *
 * Workloads (ns/op is per key unless said otherwise):
 * - `insert`: build the map from empty, keys in random order;
 * - `lookup-hit`: `get` of every key, in another random order;
 * - `lookup-miss`: `get` of as many absent keys (same distribution);
 * - `delete`: remove every key in random order until empty (the map is rebuilt untimed first);
 * - `iterate`: visit every entry in order (ns per entry);
 * - `range-1000`: from 1,000 random keys, visit the next 1,000 entries (ns per scan);
 * - `next`: the next key after each key, in random order.
 * Native `Map` runs the four point workloads, on primitive keys only.
 *
 * Every input is derived from the seed, so all subjects (each in its own process) see the same
 * keys in the same order. Every batch's checksum is checked against a sorted reference.
 */

import { seededRandom, shuffled } from '@tsunami/core/testing/random';
import { expectChecksum, type Measurement, median, timeBatches } from './harness.js';
import {
  distinctKeys,
  intShape,
  type KeyShape,
  type ShapeName,
  stringShape,
  tupleShape,
} from './keys.js';
import { type BenchMap, orderedMapSubjects, type Subject } from './subjects.js';

/** The workloads, in table order. */
export const ORDERED_MAP_WORKLOADS = [
  'insert',
  'lookup-hit',
  'lookup-miss',
  'delete',
  'iterate',
  'range-1000',
  'next',
] as const;

/** A workload name. */
export type OrderedMapWorkload = (typeof ORDERED_MAP_WORKLOADS)[number];

const POINT_WORKLOADS: ReadonlySet<OrderedMapWorkload> = new Set([
  'insert',
  'lookup-hit',
  'lookup-miss',
  'delete',
]);

const SHAPES = { int: intShape, string: stringShape, tuple: tupleShape } as const;
export const SHAPE_NAMES: ReadonlyArray<ShapeName> = ['int', 'string', 'tuple'];

const RANGE_LENGTH = 1000;
const RANGE_SCANS = 1000;
const WARM_UP_SIZE = 5000;
const WARM_UP_ROUNDS = 4;

/** What to run of the suite. */
export interface OrderedMapSettings {
  readonly sizes: ReadonlyArray<number>;
  readonly shapes: ReadonlyArray<ShapeName>;
  readonly subjects: ReadonlyArray<Subject>;
  readonly workloads: ReadonlyArray<OrderedMapWorkload>;
  readonly samples: number;
  readonly seed: number;
}

/** Whether `subject` runs at this shape and size at all. */
function applies(subject: Subject, shapeName: ShapeName, size: number): boolean {
  if (subject.maxSize !== undefined && size > subject.maxSize) return false;
  return subject.ordered || SHAPES[shapeName].nativeMapApplies;
}

/** The cells (one child process each) of a run, in table order. */
export function orderedMapCells(settings: OrderedMapSettings) {
  const cells = [];
  for (const shape of settings.shapes) {
    for (const size of settings.sizes) {
      for (const subject of settings.subjects) {
        if (applies(subject, shape, size)) {
          cells.push({ suite: 'ordered-maps', shape, size, subject: subject.name });
        }
      }
    }
  }
  return cells;
}

/** Finds a subject by name. */
export function orderedMapSubject(name: string): Subject {
  const subject = orderedMapSubjects.find((candidate) => candidate.name === name);
  if (subject === undefined) {
    throw new Error(
      `unknown subject ${name}; known: ${orderedMapSubjects.map((known) => known.name).join(', ')}`,
    );
  }
  return subject;
}

/** Runs every workload of `subject` at one shape and size; returns one measurement each. */
export function runOrderedMapCell(
  subject: Subject,
  shapeName: ShapeName,
  size: number,
  settings: Pick<OrderedMapSettings, 'workloads' | 'samples' | 'seed'>,
): Measurement[] {
  switch (shapeName) {
    case 'int':
      return measure(intShape, subject, size, settings);
    case 'string':
      return measure(stringShape, subject, size, settings);
    case 'tuple':
      return measure(tupleShape, subject, size, settings);
  }
}

/** The inputs of one shape and size, the same for every subject. */
interface Inputs<K> {
  /** The keys in insertion order; key `present[i]` gets value `i`. */
  readonly present: K[];
  readonly absent: K[];
  readonly lookupOrder: number[];
  readonly deleteOrder: number[];
  readonly rangeStarts: number[];
  /** `rank[i]`: the position of `present[i]` in key order. */
  readonly rank: Int32Array;
  /** `prefix[r]`: the sum of the values of the r smallest keys. */
  readonly prefix: Float64Array;
  readonly valueSum: number;
}

function makeInputs<K>(shape: KeyShape<K>, size: number, seed: number): Inputs<K> {
  const random = seededRandom(seed + size);
  const keys = distinctKeys(shape, size * 2, random);
  const present = keys.slice(0, size);
  const absent = keys.slice(size);
  const indexes = Array.from({ length: size }, (_, index) => index);
  const byKey = [...indexes].sort((a, b) => shape.comparator(present[a] as K, present[b] as K));
  const rank = new Int32Array(size);
  const prefix = new Float64Array(size + 1);
  byKey.forEach((index, position) => {
    rank[index] = position;
    prefix[position + 1] = (prefix[position] as number) + index;
  });
  return {
    present,
    absent,
    lookupOrder: shuffled(indexes, random),
    deleteOrder: shuffled(indexes, random),
    rangeStarts: Array.from({ length: Math.min(RANGE_SCANS, size) }, () =>
      Math.floor(random() * size),
    ),
    rank,
    prefix,
    valueSum: (size * (size - 1)) / 2,
  };
}

function measure<K>(
  shape: KeyShape<K>,
  subject: Subject,
  size: number,
  settings: Pick<OrderedMapSettings, 'workloads' | 'samples' | 'seed'>,
): Measurement[] {
  const workloads = settings.workloads.filter(
    (workload) => subject.ordered || POINT_WORKLOADS.has(workload),
  );
  // Warm the JIT on a small map of the same shape, a few rounds, so the timed samples run
  // optimised code rather than the interpreter's or a tier still compiling.
  const warmUp = makeInputs(shape, Math.min(size, WARM_UP_SIZE), settings.seed + 1);
  runWorkloads(shape, subject, warmUp, { workloads, samples: WARM_UP_ROUNDS });
  const inputs = makeInputs(shape, size, settings.seed);
  const timings = runWorkloads(shape, subject, inputs, { workloads, samples: settings.samples });
  return timings.map(([workload, samples, operations]) => ({
    suite: 'ordered-maps',
    shape: shape.name,
    size,
    workload,
    subject: subject.name,
    kind: subject.kind,
    nsPerOp: median(samples),
    samples,
    operations,
  }));
}

type Timing = [workload: OrderedMapWorkload, samples: number[], operations: number];

function runWorkloads<K>(
  shape: KeyShape<K>,
  subject: Subject,
  inputs: Inputs<K>,
  settings: { workloads: ReadonlyArray<OrderedMapWorkload>; samples: number },
): Timing[] {
  const { present, absent, lookupOrder, deleteOrder, rangeStarts, rank, prefix } = inputs;
  const size = present.length;
  const context = `${subject.name} ${shape.name} ${size}`;
  const build = () => {
    const map = subject.create(shape.comparator);
    for (let index = 0; index < size; index += 1) map.insert(present[index] as K, index);
    return map;
  };
  const timings: Timing[] = [];
  const wanted = new Set(settings.workloads);
  const samples = settings.samples;

  // Inserting builds the map the read-only workloads then share.
  let built: BenchMap<K> | undefined;
  if (wanted.has('insert')) {
    const insertTimes = timeBatches(
      samples,
      size,
      () => subject.create(shape.comparator),
      (fresh) => {
        for (let index = 0; index < size; index += 1) fresh.insert(present[index] as K, index);
        built = fresh;
        return size;
      },
      (checksum) => expectChecksum(checksum, size, `${context} insert`),
    );
    timings.push(['insert', insertTimes, size]);
  }
  const map = built ?? build();

  if (wanted.has('lookup-hit')) {
    const times = timeBatches(
      samples,
      size,
      () => map,
      (target) => {
        let sum = 0;
        for (let step = 0; step < size; step += 1) {
          sum += target.get(present[lookupOrder[step] as number] as K) ?? 0.5;
        }
        return sum;
      },
      (checksum) => expectChecksum(checksum, inputs.valueSum, `${context} lookup-hit`),
    );
    timings.push(['lookup-hit', times, size]);
  }

  if (wanted.has('lookup-miss')) {
    const times = timeBatches(
      samples,
      absent.length,
      () => map,
      (target) => {
        let found = 0;
        for (let step = 0; step < absent.length; step += 1) {
          if (target.get(absent[step] as K) !== undefined) found += 1;
        }
        return found;
      },
      (checksum) => expectChecksum(checksum, 0, `${context} lookup-miss`),
    );
    timings.push(['lookup-miss', times, absent.length]);
  }

  if (wanted.has('iterate')) {
    const times = timeBatches(
      samples,
      size,
      () => map,
      (target) => target.sumAll(),
      (checksum) => expectChecksum(checksum, inputs.valueSum, `${context} iterate`),
    );
    timings.push(['iterate', times, size]);
  }

  if (wanted.has('range-1000')) {
    let expected = 0;
    for (const start of rangeStarts) {
      const from = rank[start] as number;
      expected +=
        (prefix[Math.min(from + RANGE_LENGTH, size)] as number) - (prefix[from] as number);
    }
    const times = timeBatches(
      samples,
      rangeStarts.length,
      () => map,
      (target) => {
        let sum = 0;
        for (let step = 0; step < rangeStarts.length; step += 1) {
          sum += target.sumRange(present[rangeStarts[step] as number] as K, RANGE_LENGTH);
        }
        return sum;
      },
      (checksum) => expectChecksum(checksum, expected, `${context} range-1000`),
    );
    timings.push(['range-1000', times, rangeStarts.length]);
  }

  if (wanted.has('next')) {
    // The checksum adds the rank of each answer, which only the right key has.
    const rankOf = new Map<K, number>();
    present.forEach((key, index) => {
      rankOf.set(key, rank[index] as number);
    });
    let expected = 0;
    for (let index = 0; index < size; index += 1) {
      const position = rank[index] as number;
      if (position + 1 < size) expected += position + 1;
    }
    let answers: Array<K | undefined> = [];
    const times = timeBatches(
      samples,
      size,
      () => new Array<K | undefined>(size),
      (results) => {
        for (let step = 0; step < size; step += 1) {
          results[step] = map.nextKey(present[lookupOrder[step] as number] as K);
        }
        answers = results;
        return size;
      },
      () => {
        let sum = 0;
        for (const answer of answers) if (answer !== undefined) sum += rankOf.get(answer) ?? -1e12;
        expectChecksum(sum, expected, `${context} next`);
      },
    );
    timings.push(['next', times, size]);
  }

  if (wanted.has('delete')) {
    const times = timeBatches(
      samples,
      size,
      (sample) => (sample === 0 ? map : build()),
      (target) => {
        let deleted = 0;
        for (let step = 0; step < size; step += 1) {
          if (target.delete(present[deleteOrder[step] as number] as K)) deleted += 1;
        }
        return deleted;
      },
      (checksum) => expectChecksum(checksum, size, `${context} delete`),
    );
    timings.push(['delete', times, size]);
  }

  const order = new Map(ORDERED_MAP_WORKLOADS.map((workload, index) => [workload, index]));
  return timings.sort((a, b) => (order.get(a[0]) ?? 0) - (order.get(b[0]) ?? 0));
}
