/**
 * The comparison suite: core `compare` (Erlang term order) on the common key shapes, beside
 * the specialised comparator a hand-written map would use for that shape (the anchor) and
 * `naturalComparator` where it applies. One op is one comparison of a random pair; a tenth of
 * the pairs are equal, as lookups of present keys end in an equal comparison.
 *
 * Shapes: `int` (safe integers), `string` (ASCII `prefix:suffix` text, where `<` and Erlang's
 * byte order agree), `atom` (a pool of 1,000 atoms), `tuple` (`[int, string]`).
 */
import { type Atom, atom, type Comparator, compare, naturalComparator } from '@tsunami/core';
import { seededRandom } from '@tsunami/core/testing/random';
import { expectChecksum, type Measurement, median, timeBatches } from './harness.js';
import type { SubjectKind } from './subjects.js';

/** A comparison-suite shape. */
export type CompareShapeName = 'int' | 'string' | 'atom' | 'tuple';

export const COMPARE_SHAPE_NAMES: ReadonlyArray<CompareShapeName> = [
  'int',
  'string',
  'atom',
  'tuple',
];

/** A comparator measured on one shape. */
interface ComparatorSubject<T> {
  readonly name: string;
  readonly kind: SubjectKind;
  readonly comparator: Comparator<T>;
}

interface CompareShape<T> {
  readonly name: CompareShapeName;
  randomValue(random: () => number): T;
  readonly subjects: ReadonlyArray<ComparatorSubject<T>>;
}

const threeWay = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function randomText(random: () => number, length: number): string {
  let text = '';
  for (let index = 0; index < length; index += 1) {
    text += Math.floor(random() * 36).toString(36);
  }
  return text;
}

const ATOM_POOL: ReadonlyArray<Atom> = Array.from({ length: 1000 }, (_, index) =>
  atom(`atom_${index.toString(36)}_${(index * 7919).toString(36)}`),
);

const coreCompare = <T>(): ComparatorSubject<T> => ({
  name: 'compare',
  kind: 'candidate',
  comparator: compare as Comparator<T>,
});

const intShape: CompareShape<number> = {
  name: 'int',
  randomValue: (random) => Math.floor(random() * 2 ** 40) - 2 ** 39,
  subjects: [
    { name: 'a - b', kind: 'anchor', comparator: (a, b) => a - b },
    { name: 'naturalComparator', kind: 'candidate', comparator: naturalComparator },
    coreCompare(),
  ],
};

const stringShape: CompareShape<string> = {
  name: 'string',
  randomValue: (random) =>
    `${['user', 'session', 'order'][Math.floor(random() * 3)]}:${randomText(random, 8)}`,
  subjects: [
    { name: '< three-way', kind: 'anchor', comparator: threeWay },
    { name: 'naturalComparator', kind: 'candidate', comparator: naturalComparator },
    coreCompare(),
  ],
};

const atomShape: CompareShape<Atom> = {
  name: 'atom',
  randomValue: (random) => ATOM_POOL[Math.floor(random() * ATOM_POOL.length)] as Atom,
  subjects: [
    {
      // What a specialised atom comparator would do: compare the registered names.
      name: 'keyFor <',
      kind: 'anchor',
      comparator: (a, b) =>
        a === b ? 0 : threeWay(Symbol.keyFor(a as symbol) ?? '', Symbol.keyFor(b as symbol) ?? ''),
    },
    coreCompare(),
  ],
};

type TupleKey = [number, string];

const tupleShape: CompareShape<TupleKey> = {
  name: 'tuple',
  randomValue: (random) => [Math.floor(random() * 1000), randomText(random, 6)],
  subjects: [
    {
      name: 'specialised',
      kind: 'anchor',
      comparator: (a, b) => a[0] - b[0] || threeWay(a[1], b[1]),
    },
    coreCompare(),
  ],
};

/** The subject names of each shape, in table order. */
export function compareSubjects(shape: CompareShapeName): string[] {
  return SHAPES[shape].subjects.map((subject) => subject.name);
}

const SHAPES = { int: intShape, string: stringShape, atom: atomShape, tuple: tupleShape } as const;

/** Times `subject` comparing `size` random pairs of `shape`. */
export function runCompareCell(
  shapeName: CompareShapeName,
  subjectName: string,
  size: number,
  settings: { samples: number; seed: number },
): Measurement[] {
  switch (shapeName) {
    case 'int':
      return measure(intShape, subjectName, size, settings);
    case 'string':
      return measure(stringShape, subjectName, size, settings);
    case 'atom':
      return measure(atomShape, subjectName, size, settings);
    case 'tuple':
      return measure(tupleShape, subjectName, size, settings);
  }
}

function measure<T>(
  shape: CompareShape<T>,
  subjectName: string,
  size: number,
  settings: { samples: number; seed: number },
): Measurement[] {
  const subject = shape.subjects.find((candidate) => candidate.name === subjectName);
  if (subject === undefined) throw new Error(`no comparator ${subjectName} for ${shape.name}`);
  const random = seededRandom(settings.seed + size);
  const left: T[] = [];
  const right: T[] = [];
  for (let index = 0; index < size; index += 1) {
    const value = shape.randomValue(random);
    left.push(value);
    right.push(random() < 0.1 ? value : shape.randomValue(random));
  }
  // The checksum counts each sign, so every comparator must order every pair alike.
  const reference = shape.subjects[0]?.comparator as Comparator<T>;
  const signature = (comparator: Comparator<T>) => {
    let sum = 0;
    for (let index = 0; index < size; index += 1) {
      sum += Math.sign(comparator(left[index] as T, right[index] as T)) + 2;
    }
    return sum;
  };
  const expected = signature(reference);
  const comparator = subject.comparator;
  // Warm up on the same data, then time.
  signature(comparator);
  const samples = timeBatches(
    settings.samples,
    size,
    () => undefined,
    () => {
      let sum = 0;
      for (let index = 0; index < size; index += 1) {
        sum += Math.sign(comparator(left[index] as T, right[index] as T)) + 2;
      }
      return sum;
    },
    (checksum) => expectChecksum(checksum, expected, `${subject.name} on ${shape.name}`),
  );
  return [
    {
      suite: 'compare',
      shape: shape.name,
      size,
      workload: `compare ${shape.name}`,
      subject: subject.name,
      kind: subject.kind,
      nsPerOp: median(samples),
      samples,
      operations: size,
    },
  ];
}
