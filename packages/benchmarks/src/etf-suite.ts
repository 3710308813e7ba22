/**
 * The External Term Format suite: core `encode` and `decode` (the codec that carries every call
 * between JS and erl in the conformance harness) beside `JSON.stringify` and `JSON.parse` of the
 * same data in its JSON form, the serialisation every JS programmer knows (the anchor; it keeps
 * less: no atoms, no integral floats, no bigints, no binaries as bytes).
 *
 * Shapes (one op is one whole term; the size is its number of rows or bytes):
 * - `rows`: `{insert, users, [Row...]}` with `size` rows `{Id, <<"user:Id">>, active, Float,
 *   [1,2,3], #{a => Id, b => <<"x">>}}`, what an `ets:insert/2` of a batch sends;
 * - `binary`: one binary of `size` bytes (JSON: a base64 string, how JSON carries bytes).
 *
 * Workloads: `encode` (term to bytes or text) and `decode` (back), in ns per term. Inputs are
 * built untimed; each batch's checksum (output lengths, decoded element counts) is verified.
 */
import { atom, decode, encode, list, listFrom, type Term, type Tuple } from '@tsunami/core';
import { seededRandom } from '@tsunami/core/testing/random';
import { expectChecksum, type Measurement, median, timeBatches } from './harness.js';
import type { SubjectKind } from './subjects.js';

/** An ETF-suite shape. */
export type EtfShapeName = 'rows' | 'binary';

export const ETF_SHAPE_NAMES: ReadonlyArray<EtfShapeName> = ['rows', 'binary'];

/** The workloads, in table order. */
export const ETF_WORKLOADS = ['encode', 'decode'] as const;

/** An ETF-suite workload name. */
export type EtfWorkload = (typeof ETF_WORKLOADS)[number];

/** One serialisation of the suite's data. */
interface Codec {
  readonly name: string;
  readonly kind: SubjectKind;
  /** The value this codec serialises, for the data `term` stands for. */
  prepare(term: Term, json: unknown): unknown;
  /** Serialises; returns the output's length, the encode checksum. */
  write(value: unknown): { output: unknown; length: number };
  /** Parses `output`; returns a count that shows the whole value was read. */
  read(output: unknown): number;
}

const etf: Codec = {
  name: 'etf',
  kind: 'candidate',
  prepare: (term) => term,
  write(value) {
    const output = encode(value as Term);
    return { output, length: output.length };
  },
  read(output) {
    const term = decode(output as Uint8Array) as Tuple | Uint8Array;
    return term instanceof Uint8Array ? term.length : ((term[2] as { length: number }).length ?? 0);
  },
};

const json: Codec = {
  name: 'JSON',
  kind: 'anchor',
  prepare: (_term, value) => value,
  write(value) {
    const output = JSON.stringify(value);
    return { output, length: output.length };
  },
  read(output) {
    const value = JSON.parse(output as string) as string | unknown[];
    return typeof value === 'string' ? value.length : (value[2] as unknown[]).length;
  },
};

const CODECS: ReadonlyArray<Codec> = [json, etf];

/** The subject names, in table order. */
export function etfSubjects(): string[] {
  return CODECS.map((codec) => codec.name);
}

/** The data of a shape in both forms: the term and its JSON counterpart. */
function makeData(shape: EtfShapeName, size: number, seed: number): { term: Term; json: unknown } {
  const random = seededRandom(seed + size);
  if (shape === 'binary') {
    const bytes = new Uint8Array(size);
    for (let index = 0; index < size; index += 1) bytes[index] = Math.floor(random() * 256);
    return { term: bytes, json: Buffer.from(bytes).toString('base64') };
  }
  const rows: Term[] = [];
  const jsonRows: unknown[] = [];
  for (let index = 0; index < size; index += 1) {
    const id = Math.floor(random() * 1_000_000);
    const score = id + 0.25;
    rows.push([
      id,
      `user:${id}`,
      atom('active'),
      score,
      list(1, 2, 3),
      new Map<Term, Term>([
        [atom('a'), id],
        [atom('b'), 'x'],
      ]),
    ]);
    jsonRows.push([id, `user:${id}`, 'active', score, [1, 2, 3], { a: id, b: 'x' }]);
  }
  return {
    term: [atom('insert'), atom('users'), listFrom(rows)],
    json: ['insert', 'users', jsonRows],
  };
}

/** Operations per sample: enough terms for a sample of a few tens of milliseconds. */
function operationsFor(shape: EtfShapeName, size: number): number {
  const work = shape === 'rows' ? size * 60 : size;
  return Math.max(20, Math.min(100_000, Math.floor(4_000_000 / Math.max(work, 1))));
}

/** Runs both workloads of one codec on one shape and size. */
export function runEtfCell(
  shape: EtfShapeName,
  subjectName: string,
  size: number,
  settings: { samples: number; seed: number },
): Measurement[] {
  const codec = CODECS.find((candidate) => candidate.name === subjectName);
  if (codec === undefined) throw new Error(`no ETF subject ${subjectName}`);
  const data = makeData(shape, size, settings.seed);
  const value = codec.prepare(data.term, data.json);
  const { output, length } = codec.write(value);
  const readCount = codec.read(output);
  const operations = operationsFor(shape, size);
  // Warm up the JIT on the same data before timing.
  for (let round = 0; round < Math.min(operations, 200); round += 1)
    codec.read(codec.write(value).output);
  const context = `${codec.name} ${shape} ${size}`;
  const timings: Array<[EtfWorkload, number[]]> = [
    [
      'encode',
      timeBatches(
        settings.samples,
        operations,
        () => undefined,
        () => {
          let sum = 0;
          for (let index = 0; index < operations; index += 1) sum += codec.write(value).length;
          return sum;
        },
        (checksum) => expectChecksum(checksum, length * operations, `${context} encode`),
      ),
    ],
    [
      'decode',
      timeBatches(
        settings.samples,
        operations,
        () => undefined,
        () => {
          let sum = 0;
          for (let index = 0; index < operations; index += 1) sum += codec.read(output);
          return sum;
        },
        (checksum) => expectChecksum(checksum, readCount * operations, `${context} decode`),
      ),
    ],
  ];
  return timings.map(([workload, samples]) => ({
    suite: 'etf',
    shape,
    size,
    workload,
    subject: codec.name,
    kind: codec.kind,
    nsPerOp: median(samples),
    samples,
    operations,
  }));
}
