/**
 * Seeded random match specifications and objects for differential and back-end agreement tests.
 * The generator aims for specs that often match: heads are tuples built from a small pool of
 * values and variables, objects are drawn from the same pool with the same arities, and guards
 * and bodies call every function ETS allows with arguments of every kind (so many raise). A few
 * specs are made invalid on purpose (unbound variables, unknown functions, `{}`), to compare the
 * rejections too.
 */
import {
  atom,
  Bitstring,
  Float,
  improperList,
  list,
  listFrom,
  nil,
  type Term,
} from '@tsunami/core';

/** A small seeded PRNG (mulberry32): the same seed gives the same cases. */
export class Random {
  private state: number;

  constructor(seed: number) {
    this.state = seed >>> 0;
  }

  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let value = this.state;
    value = Math.imul(value ^ (value >>> 15), value | 1);
    value ^= value + Math.imul(value ^ (value >>> 7), value | 61);
    return ((value ^ (value >>> 14)) >>> 0) / 4294967296;
  }

  integer(limit: number): number {
    return Math.floor(this.next() * limit);
  }

  pick<T>(items: readonly T[]): T {
    return items[this.integer(items.length)]!;
  }

  chance(probability: number): boolean {
    return this.next() < probability;
  }
}

const A = atom('a');
const B = atom('b');

/** Options that follow the oracle's OTP release. */
export interface GenerateOptions {
  /** Use `-0.0` (its `=:=` differs before OTP 27). */
  readonly signedZero: boolean;
  /** Use the guard functions OTP 26 added. */
  readonly newerGuards: boolean;
}

function scalarPool(options: GenerateOptions): Term[] {
  const pool: Term[] = [
    0,
    1,
    -1,
    2,
    3,
    7,
    -7,
    255,
    2 ** 31,
    9007199254740991,
    9007199254740993n,
    -(2n ** 64n),
    1.5,
    -2.5,
    0.1,
    new Float(1),
    new Float(0),
    new Float(3),
    1e300,
    A,
    B,
    true,
    false,
    atom('undefined'),
    'ab',
    '',
    Uint8Array.from([1, 2, 255]),
    new Bitstring(Uint8Array.from([0xa0]), 3),
    nil,
  ];
  if (options.signedZero) pool.push(new Float(-0));
  return pool;
}

function valuePool(random: Random, options: GenerateOptions, depth: number): Term {
  const scalars = scalarPool(options);
  if (depth <= 0 || random.chance(0.6)) return random.pick(scalars);
  switch (random.integer(5)) {
    case 0:
      return [valuePool(random, options, depth - 1), valuePool(random, options, depth - 1)];
    case 1:
      return list(valuePool(random, options, depth - 1), valuePool(random, options, depth - 1));
    case 2:
      return improperList([valuePool(random, options, depth - 1)], random.pick(scalars));
    case 3:
      return new Map<Term, Term>([
        [A, valuePool(random, options, depth - 1)],
        [1, valuePool(random, options, depth - 1)],
      ]);
    default:
      return [A, valuePool(random, options, depth - 1)];
  }
}

/** A head pattern and the variables it binds. */
function headPattern(
  random: Random,
  options: GenerateOptions,
  bound: Set<number>,
  depth: number,
): Term {
  const roll = random.integer(10);
  if (roll < 3) {
    const variable = 1 + random.integer(4);
    bound.add(variable);
    return atom(`$${variable}`);
  }
  if (roll < 4) return atom('_');
  if (roll < 6 || depth <= 0) return valuePool(random, options, 0);
  if (roll < 7) {
    return list(
      headPattern(random, options, bound, depth - 1),
      headPattern(random, options, bound, depth - 1),
    );
  }
  if (roll < 8) {
    return improperList(
      [headPattern(random, options, bound, depth - 1)],
      headPattern(random, options, bound, depth - 1),
    );
  }
  if (roll < 9) {
    return new Map<Term, Term>([[A, headPattern(random, options, bound, depth - 1)]]);
  }
  return [
    headPattern(random, options, bound, depth - 1),
    headPattern(random, options, bound, depth - 1),
  ];
}

const FUNCTIONS: ReadonlyArray<readonly [string, number]> = [
  ['is_atom', 1],
  ['is_float', 1],
  ['is_integer', 1],
  ['is_list', 1],
  ['is_number', 1],
  ['is_pid', 1],
  ['is_port', 1],
  ['is_reference', 1],
  ['is_tuple', 1],
  ['is_map', 1],
  ['is_map_key', 2],
  ['is_binary', 1],
  ['is_function', 1],
  ['is_record', 3],
  ['abs', 1],
  ['element', 2],
  ['hd', 1],
  ['tl', 1],
  ['length', 1],
  ['map_get', 2],
  ['map_size', 1],
  ['node', 0],
  ['node', 1],
  ['round', 1],
  ['trunc', 1],
  ['float', 1],
  ['size', 1],
  ['bit_size', 1],
  ['byte_size', 1],
  ['binary_part', 2],
  ['binary_part', 3],
  ['+', 1],
  ['-', 1],
  ['+', 2],
  ['-', 2],
  ['*', 2],
  ['/', 2],
  ['div', 2],
  ['rem', 2],
  ['band', 2],
  ['bor', 2],
  ['bxor', 2],
  ['bnot', 1],
  ['bsl', 2],
  ['bsr', 2],
  ['>', 2],
  ['>=', 2],
  ['<', 2],
  ['=<', 2],
  ['==', 2],
  ['/=', 2],
  ['=:=', 2],
  ['=/=', 2],
  ['not', 1],
  ['xor', 2],
  ['and', 2],
  ['or', 2],
  ['andalso', 2],
  ['orelse', 2],
  ['and', 3],
  ['orelse', 3],
];

const NEWER_FUNCTIONS: ReadonlyArray<readonly [string, number]> = [
  ['is_boolean', 1],
  ['is_bitstring', 1],
  ['is_function', 2],
  ['tuple_size', 1],
  ['min', 2],
  ['max', 2],
  ['ceil', 1],
  ['floor', 1],
];

function smallConstant(random: Random, options: GenerateOptions): Term {
  const value = valuePool(random, options, 1);
  // Tuples and variable-like atoms need {const, ...} to be literal in an expression.
  if (Array.isArray(value) || random.chance(0.1)) return [atom('const'), value];
  return value;
}

function expression(
  random: Random,
  options: GenerateOptions,
  variables: readonly number[],
  depth: number,
): Term {
  const roll = random.integer(20);
  if (roll < 5 && variables.length > 0) return atom(`$${random.pick(variables)}`);
  if (roll < 6) return atom('$_');
  if (roll < 7) return atom('$$');
  if (roll < 10 || depth <= 0) {
    const small = random.pick<Term>([0, 1, 2, 3, -1, 5, 64, 1.5, new Float(2), A, true, false]);
    return random.chance(0.7) ? small : smallConstant(random, options);
  }
  if (roll < 11) {
    return [
      [
        expression(random, options, variables, depth - 1),
        expression(random, options, variables, depth - 1),
      ],
    ];
  }
  if (roll < 12) {
    return list(
      expression(random, options, variables, depth - 1),
      expression(random, options, variables, depth - 1),
    );
  }
  if (roll < 13) {
    return new Map<Term, Term>([
      [
        expression(random, options, variables, depth - 1),
        expression(random, options, variables, depth - 1),
      ],
    ]);
  }
  const functions = options.newerGuards ? [...FUNCTIONS, ...NEWER_FUNCTIONS] : FUNCTIONS;
  const [name, arity] = random.pick(functions);
  const parameters: Term[] = [];
  for (let index = 0; index < arity; index += 1) {
    if (name === 'is_record' && index === 1) parameters.push(random.pick([A, B, 1]));
    else if (name === 'element' && index === 0) parameters.push(random.pick([1, 2, 3, 0]));
    else if (name === 'binary_part' && index === 1 && arity === 2) {
      parameters.push([[random.pick([0, 1, 2]), random.pick([0, 1, -1, 2])]]);
    } else parameters.push(expression(random, options, variables, depth - 1));
  }
  return [atom(name), ...parameters];
}

/** One generated case: an object and a spec (possibly invalid). */
export interface GeneratedCase {
  readonly object: Term;
  readonly spec: Term;
}

function objectLike(random: Random, options: GenerateOptions, head: Term): Term {
  // Objects shaped like the head match more often than random ones.
  if (random.chance(0.2) || !Array.isArray(head)) {
    return Array.from({ length: 1 + random.integer(3) }, () => valuePool(random, options, 2));
  }
  return (head as Term[]).map((element) => {
    if (typeof element === 'symbol' || random.chance(0.3)) return valuePool(random, options, 2);
    return element;
  });
}

/** A random (object, spec) pair from `random`. */
export function generateCase(random: Random, options: GenerateOptions): GeneratedCase {
  const clauses: Term[] = [];
  const clauseCount = 1 + random.integer(2);
  let firstHead: Term = nil;
  for (let index = 0; index < clauseCount; index += 1) {
    const bound = new Set<number>();
    const arity = 1 + random.integer(3);
    let head: Term = Array.from({ length: arity }, () => headPattern(random, options, bound, 2));
    if (random.chance(0.05)) {
      head = atom('$1');
      bound.add(1);
    } else if (random.chance(0.03)) head = atom('_');
    if (index === 0) firstHead = head;
    const variables = [...bound];
    // An unbound variable now and then, to compare rejections.
    const usable = random.chance(0.03) ? [...variables, 9] : variables;
    const guards = Array.from({ length: random.integer(3) }, () =>
      expression(random, options, usable, 3),
    );
    const body = Array.from({ length: 1 + random.integer(2) }, () =>
      expression(random, options, usable, 3),
    );
    if (random.chance(0.02)) body.push([]);
    if (random.chance(0.02)) body.push([atom('no_such_function'), 1]);
    clauses.push([head, listFrom(guards), listFrom(body)]);
  }
  return { object: objectLike(random, options, firstHead), spec: listFrom(clauses) };
}
