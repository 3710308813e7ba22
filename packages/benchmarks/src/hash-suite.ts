/**
 * The hash suite: `@tsunami/hash`'s `HashStore` (an ETS `set`) against what a JavaScript
 * programmer would write instead. Shapes and keys come from `keys.ts` (`int`, `string`,
 * `tuple`); sizes are those of the ordered-map suite (10⁵ and 10⁶ keys; 10⁴ in quick mode).
 *
 * Subjects:
 * - `Map` (anchor, primitive keys only): a native `Map` from the key to its object, the limit
 *   for primitive keys;
 * - `Map+JSON` (anchor, tuple keys only): a native `Map` keyed by `JSON.stringify(key)`, the
 *   naive way to key a `Map` by structured values (it is not even correct for terms: `1` and
 *   `1.0`, bigints, binaries in two forms, map key order...);
 * - `HashStore` (candidate): objects `[key, value]` at key position 1.
 *
 * Workloads (ns per key): `insert` (build from empty, random order), `lookup-hit` (every key,
 * another random order; the store returns the objects in an array as `ets:lookup/2` does),
 * `lookup-miss` (as many absent keys), `delete` (every key until empty), `iterate` (visit every
 * object), and `insert-worst`: the longest single insert while building the table, in ns (not
 * per key), which shows growth pauses: the median over builds, since a major garbage collection
 * of the whole heap (50-100 ms at 10^6 objects on Node 20) lands in some builds of every subject
 * and not in others, and would otherwise decide the figure alone. The objects are built untimed; all subjects see the same
 * keys in the same order, and every batch's checksum is checked.
 */
import type { Term, Tuple } from '@tsunami/core';
import { seededRandom, shuffled } from '@tsunami/core/testing/random';
import { HashStore } from '@tsunami/hash';
import { expectChecksum, type Measurement, median, timeBatches } from './harness.js';
import {
  distinctKeys,
  intShape,
  type KeyShape,
  type ShapeName,
  stringShape,
  tupleShape,
} from './keys.js';
import type { SubjectKind } from './subjects.js';

/** The workloads, in table order. */
export const HASH_WORKLOADS = [
  'insert',
  'lookup-hit',
  'lookup-miss',
  'delete',
  'iterate',
  'insert-worst',
] as const;

/** A hash-suite workload name. */
export type HashWorkload = (typeof HASH_WORKLOADS)[number];

/** The operations the workloads time, on one table of one subject. */
interface HashBenchTable {
  insert(object: Tuple): void;
  /** The value (element 2) of the object under `key`, or 0.5 when absent. */
  valueOf(key: Term): number;
  delete(key: Term): void;
  /** The sum of the values of every object. */
  sumAll(): number;
}

interface HashSubject {
  readonly name: string;
  readonly kind: SubjectKind;
  /** Whether it runs on this shape. */
  applies(shape: KeyShape<unknown>): boolean;
  create(): HashBenchTable;
}

const ABSENT = 0.5;

const nativeMap: HashSubject = {
  name: 'Map',
  kind: 'anchor',
  applies: (shape) => shape.nativeMapApplies,
  create() {
    const map = new Map<Term, Tuple>();
    return {
      insert: (object) => map.set(object[0]!, object),
      valueOf: (key) => (map.get(key)?.[1] as number | undefined) ?? ABSENT,
      delete: (key) => map.delete(key),
      sumAll() {
        let sum = 0;
        map.forEach((object) => {
          sum += object[1] as number;
        });
        return sum;
      },
    };
  },
};

const jsonMap: HashSubject = {
  name: 'Map+JSON',
  kind: 'anchor',
  applies: (shape) => !shape.nativeMapApplies,
  create() {
    const map = new Map<string, Tuple>();
    return {
      insert: (object) => map.set(JSON.stringify(object[0]), object),
      valueOf: (key) => (map.get(JSON.stringify(key))?.[1] as number | undefined) ?? ABSENT,
      delete: (key) => map.delete(JSON.stringify(key)),
      sumAll() {
        let sum = 0;
        map.forEach((object) => {
          sum += object[1] as number;
        });
        return sum;
      },
    };
  },
};

const hashStore: HashSubject = {
  name: 'HashStore',
  kind: 'candidate',
  applies: () => true,
  create() {
    const store = new HashStore({ type: 'set' });
    return {
      insert: (object) => store.insert(object),
      valueOf: (key) => (store.lookup(key)[0]?.[1] as number | undefined) ?? ABSENT,
      delete: (key) => store.deleteKey(key),
      sumAll() {
        let sum = 0;
        store.forEachObject((object) => {
          sum += object[1] as number;
        });
        return sum;
      },
    };
  },
};

const SUBJECTS: ReadonlyArray<HashSubject> = [nativeMap, jsonMap, hashStore];
const SHAPES = { int: intShape, string: stringShape, tuple: tupleShape } as const;
const WARM_UP_SIZE = 5000;
const WARM_UP_ROUNDS = 4;

/** The subject names that run on `shape`, in table order. */
export function hashSubjects(shape: ShapeName): string[] {
  return SUBJECTS.filter((subject) => subject.applies(SHAPES[shape] as KeyShape<unknown>)).map(
    (subject) => subject.name,
  );
}

/**
 * Runs every wanted workload of one subject at one shape and size, or only `timed` when given.
 */
export function runHashCell(
  shapeName: ShapeName,
  subjectName: string,
  size: number,
  settings: {
    samples: number;
    seed: number;
    hashWorkloads: ReadonlyArray<HashWorkload>;
    timed?: string;
  },
): Measurement[] {
  const subject = SUBJECTS.find((candidate) => candidate.name === subjectName);
  if (subject === undefined) throw new Error(`no hash subject ${subjectName}`);
  const shape = SHAPES[shapeName] as KeyShape<Term>;
  const workloads = settings.hashWorkloads;
  // The JIT is warmed through every workload, also in a cell that times one.
  const warmUp = makeInputs(shape, Math.min(size, WARM_UP_SIZE), settings.seed + 1);
  runWorkloads(subject, warmUp, workloads, WARM_UP_ROUNDS, 'warm-up');
  const inputs = makeInputs(shape, size, settings.seed);
  const context = `${subject.name} ${shape.name} ${size}`;
  const timed = workloads.filter(
    (workload) => settings.timed === undefined || workload === settings.timed,
  );
  return runWorkloads(subject, inputs, timed, settings.samples, context).map(
    ([workload, samples, operations]) => ({
      suite: 'hash',
      shape: shape.name,
      size,
      workload,
      subject: subject.name,
      kind: subject.kind,
      nsPerOp: median(samples),
      samples,
      operations,
    }),
  );
}

interface Inputs {
  /** `objects[i]` is `[key i, i]`. */
  readonly objects: Tuple[];
  readonly absent: Term[];
  readonly lookupOrder: number[];
  readonly deleteOrder: number[];
  readonly valueSum: number;
}

function makeInputs(shape: KeyShape<Term>, size: number, seed: number): Inputs {
  const random = seededRandom(seed + size);
  const keys = distinctKeys(shape, size * 2, random);
  const indexes = Array.from({ length: size }, (_, index) => index);
  return {
    objects: keys.slice(0, size).map((key, index): Tuple => [key, index]),
    absent: keys.slice(size),
    lookupOrder: shuffled(indexes, random),
    deleteOrder: shuffled(indexes, random),
    valueSum: (size * (size - 1)) / 2,
  };
}

type Timing = [workload: HashWorkload, samples: number[], operations: number];

function runWorkloads(
  subject: HashSubject,
  inputs: Inputs,
  workloads: ReadonlyArray<HashWorkload>,
  samples: number,
  context: string,
): Timing[] {
  const { objects, absent, lookupOrder, deleteOrder, valueSum } = inputs;
  const size = objects.length;
  const build = () => {
    const table = subject.create();
    for (let index = 0; index < size; index += 1) table.insert(objects[index]!);
    return table;
  };
  const wanted = new Set(workloads);
  const timings: Timing[] = [];
  let built: HashBenchTable | undefined;
  if (wanted.has('insert')) {
    const times = timeBatches(
      samples,
      size,
      () => subject.create(),
      (fresh) => {
        for (let index = 0; index < size; index += 1) fresh.insert(objects[index]!);
        built = fresh;
        return fresh.sumAll();
      },
      (checksum) => expectChecksum(checksum, valueSum, `${context} insert`),
    );
    timings.push(['insert', times, size]);
  }
  const table = built ?? build();
  built = undefined;
  if (wanted.has('lookup-hit')) {
    const times = timeBatches(
      samples,
      size,
      () => table,
      (target) => {
        let sum = 0;
        for (let step = 0; step < size; step += 1) {
          sum += target.valueOf(objects[lookupOrder[step]!]![0]!);
        }
        return sum;
      },
      (checksum) => expectChecksum(checksum, valueSum, `${context} lookup-hit`),
    );
    timings.push(['lookup-hit', times, size]);
  }
  if (wanted.has('lookup-miss')) {
    const times = timeBatches(
      samples,
      absent.length,
      () => table,
      (target) => {
        let sum = 0;
        for (let step = 0; step < absent.length; step += 1) sum += target.valueOf(absent[step]!);
        return sum;
      },
      (checksum) => expectChecksum(checksum, absent.length * ABSENT, `${context} lookup-miss`),
    );
    timings.push(['lookup-miss', times, absent.length]);
  }
  if (wanted.has('iterate')) {
    const times = timeBatches(
      samples,
      size,
      () => table,
      (target) => target.sumAll(),
      (checksum) => expectChecksum(checksum, valueSum, `${context} iterate`),
    );
    timings.push(['iterate', times, size]);
  }
  if (wanted.has('delete')) {
    const times = timeBatches(
      samples,
      size,
      (sample) => (sample === 0 ? table : build()),
      (target) => {
        for (let step = 0; step < size; step += 1) {
          target.delete(objects[deleteOrder[step]!]![0]!);
        }
        return target.sumAll();
      },
      (checksum) => expectChecksum(checksum, 0, `${context} delete`),
    );
    timings.push(['delete', times, size]);
  }
  if (wanted.has('insert-worst')) {
    // One sample is one build; its figure is the longest single insert, in ns.
    const worst: number[] = [];
    for (let sample = 0; sample < samples; sample += 1) {
      const fresh = subject.create();
      let longest = 0;
      for (let index = 0; index < size; index += 1) {
        const start = process.hrtime.bigint();
        fresh.insert(objects[index]!);
        const elapsed = Number(process.hrtime.bigint() - start);
        if (elapsed > longest) longest = elapsed;
      }
      expectChecksum(fresh.sumAll(), valueSum, `${context} insert-worst`);
      worst.push(longest);
    }
    timings.push(['insert-worst', worst, 1]);
  }
  return timings;
}
