/**
 * The match specification suite: `@tsunami/matchspec` running one `select`-style specification
 * over every object of a table-sized array, compiled to a JS function and interpreted, beside the
 * loop a JS programmer would write by hand for the same filter (the limit).
 *
 * Data: `size` objects `{Id, Category, Score, Name}` (Category one of the atoms a, b, c, d;
 * Score 0..999; Name a binary), built untimed from a seed. The specification
 * `[{{'$1', '$2', '$3', '_'}, [{'>', '$3', 500}, {'=:=', '$2', b}], ['$1']}]` keeps about one
 * object in eight and returns its Id; the hand-written loop tests the same arity, score and
 * category. Workload `select`: ns per object scanned. The checksum (count and sum of the Ids
 * kept) is verified for every batch.
 */
import { atom, type Term } from '@tsunami/core';
import { seededRandom } from '@tsunami/core/testing/random';
import { compileMatchSpec, NO_MATCH, parseMatchSpec } from '@tsunami/matchspec';
import { expectChecksum, type Measurement, median, timeBatches } from './harness.js';
import type { SubjectKind } from './subjects.js';

/** The suite's one shape. */
export const MATCHSPEC_SHAPE_NAMES: ReadonlyArray<string> = ['select'];

const SPEC_TEXT = "[{{'$1', '$2', '$3', '_'}, [{'>', '$3', 500}, {'=:=', '$2', b}], ['$1']}]";
const CATEGORIES = [atom('a'), atom('b'), atom('c'), atom('d')];
const WANTED = atom('b');

interface Selector {
  readonly name: string;
  readonly kind: SubjectKind;
  /** Returns a function that selects over `objects`, adding the kept Ids to `sink`. */
  prepare(): (objects: readonly Term[], sink: Term[]) => void;
}

const context = { self: atom('bench'), node: atom('nonode@nohost') };

const SELECTORS: ReadonlyArray<Selector> = [
  {
    name: 'hand-written',
    // The anchor of the table's ratios: the limit the compiled specification is measured against.
    kind: 'anchor',
    prepare: () => (objects, sink) => {
      for (const object of objects) {
        if (!Array.isArray(object) || object.length !== 4) continue;
        const score = object[2];
        if (typeof score === 'number' && score > 500 && object[1] === WANTED) sink.push(object[0]);
      }
    },
  },
  ...(['compiled', 'interpreted'] as const).map(
    (backend): Selector => ({
      name: backend,
      kind: 'candidate',
      prepare: () => {
        const { match } = compileMatchSpec(parseMatchSpec(SPEC_TEXT), { backend });
        return (objects, sink) => {
          for (const object of objects) {
            const result = match(object, context);
            if (result !== NO_MATCH) sink.push(result);
          }
        };
      },
    }),
  ),
];

/** The subject names of the suite. */
export function matchspecSubjects(): string[] {
  return SELECTORS.map((selector) => selector.name);
}

function makeObjects(size: number, seed: number): Term[] {
  const random = seededRandom(seed);
  const objects: Term[] = [];
  for (let id = 0; id < size; id += 1) {
    objects.push([
      id,
      CATEGORIES[Math.floor(random() * CATEGORIES.length)]!,
      Math.floor(random() * 1000),
      `name-${id}`,
    ]);
  }
  return objects;
}

function checksum(sink: readonly Term[]): number {
  let sum = sink.length;
  for (const id of sink) sum += id as number;
  return sum;
}

/** Runs the `select` workload of one subject over `size` objects. */
export function runMatchspecCell(
  subjectName: string,
  size: number,
  settings: { samples: number; seed: number },
): Measurement[] {
  const selector = SELECTORS.find((candidate) => candidate.name === subjectName);
  if (selector === undefined) throw new Error(`no matchspec subject ${subjectName}`);
  const objects = makeObjects(size, settings.seed);
  const expectedSink: Term[] = [];
  SELECTORS[0]!.prepare()(objects, expectedSink);
  const expected = checksum(expectedSink);
  const select = selector.prepare();
  // Warm up the JIT on a slice of the data before timing.
  select(objects.slice(0, Math.min(size, 50_000)), []);
  const samples = timeBatches(
    settings.samples,
    size,
    () => [] as Term[],
    (sink) => {
      select(objects, sink);
      return checksum(sink);
    },
    (actual) => expectChecksum(actual, expected, `${selector.name} select ${size}`),
  );
  return [
    {
      suite: 'matchspec',
      shape: 'select',
      size,
      workload: 'select',
      subject: selector.name,
      kind: selector.kind,
      nsPerOp: median(samples),
      samples,
      operations: size,
    },
  ];
}
