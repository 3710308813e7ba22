/**
 * The guard BIFs and operators that ETS match specifications may call, with Erlang's semantics
 * on Tsunami's term model (see `@tsunami/core` term.ts). Both back ends call these functions:
 * the generated code binds them as closure constants, the interpreter looks them up in
 * {@link BUILTINS}.
 *
 * Arithmetic follows erl_arith.c: integer results that leave the safe-integer range continue as
 * bigints (and come back to numbers when they fit again), a float operand makes the operation a
 * float one, and a float result that is not finite is `badarith`. Integral float results are
 * `Float` boxes (`1 + 1.0` is `Float(2)`), so the int/float distinction survives.
 *
 * A BIF that Erlang would make raise throws {@link FAILURE} (never an `Error`, so no stack is
 * captured on the hot path). The set of callable functions per OTP release is in `analyze.ts`.
 */
import {
  type Atom,
  Bitstring,
  compare,
  equals,
  exactEquals,
  Float,
  funDescription,
  improperList,
  isPlainObject,
  List,
  localNode,
  nil,
  Pid,
  Port,
  Reference,
  type Term,
} from '@tsunami/core';

/** What a failing BIF throws: Erlang's `error:badarg`/`badarith` inside a match specification. */
export const FAILURE: { readonly failure: true } = Object.freeze({ failure: true });

/** Throws {@link FAILURE}. */
export function fail(): never {
  throw FAILURE;
}

/** The process-dependent values a match specification can read: `self()` and `node()`. */
export interface MatchContext {
  /** What `{self}` returns: the calling process. */
  readonly self: Term;
  /** What `{node}` returns. Default `nonode@nohost`. */
  readonly node: Atom;
}

/** The context used when none is given: pid `<0.0.0>` on `nonode@nohost`. */
export const DEFAULT_CONTEXT: MatchContext = Object.freeze({
  self: new Pid(0, 0),
  node: localNode,
});

const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);
const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
/** Results of `bsl` longer than this many bits raise, as OTP's `system_limit` does. */
const MAX_SHIFT_BITS = 2 ** 24;

/** An integer result in canonical form: a number when safe, else a bigint. */
export function normalizeInteger(value: bigint): number | bigint {
  return value >= MIN_SAFE && value <= MAX_SAFE ? Number(value) : value;
}

/** A float result in canonical form; non-finite is `badarith`. */
export function makeFloat(value: number): Term {
  if (!Number.isFinite(value)) fail();
  return Number.isSafeInteger(value) ? new Float(value) : value;
}

function integerFromDouble(value: number): number | bigint {
  if (value === 0) return 0;
  return Number.isSafeInteger(value) ? value : BigInt(value);
}

/** Whether `value` is an Erlang integer. */
export function isInteger(value: Term): value is number | bigint {
  return typeof value === 'bigint' || Number.isSafeInteger(value);
}

/** Whether `value` is an Erlang float. */
export function isFloat(value: Term): boolean {
  return (
    value instanceof Float ||
    (typeof value === 'number' && !Number.isSafeInteger(value) && Number.isFinite(value))
  );
}

/** The double of a number term, or `undefined` for a non-number; a huge bigint is `badarith`. */
function toDouble(value: Term): number | undefined {
  if (typeof value === 'number') return value;
  if (value instanceof Float) return value.value;
  if (typeof value === 'bigint') {
    const double = Number(value);
    if (!Number.isFinite(double)) fail();
    return double;
  }
  return undefined;
}

function toBigInt(value: Term): bigint | undefined {
  if (typeof value === 'bigint') return value;
  if (Number.isSafeInteger(value)) return BigInt(value as number);
  return undefined;
}

type Operator = '+' | '-' | '*';

function slowArithmetic(operator: Operator, left: Term, right: Term): Term {
  if (isFloat(left) || isFloat(right)) {
    const x = toDouble(left);
    const y = toDouble(right);
    if (x === undefined || y === undefined) fail();
    return makeFloat(operator === '+' ? x + y : operator === '-' ? x - y : x * y);
  }
  const x = toBigInt(left);
  const y = toBigInt(right);
  if (x === undefined || y === undefined) fail();
  return normalizeInteger(operator === '+' ? x + y : operator === '-' ? x - y : x * y);
}

/** `A + B`. */
export function add(left: Term, right: Term): Term {
  if (typeof left === 'number' && typeof right === 'number') {
    const sum = left + right;
    if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) {
      return Number.isSafeInteger(sum) ? sum : normalizeInteger(BigInt(left) + BigInt(right));
    }
    return makeFloat(sum);
  }
  return slowArithmetic('+', left, right);
}

/** `A - B`. */
export function subtract(left: Term, right: Term): Term {
  if (typeof left === 'number' && typeof right === 'number') {
    const difference = left - right;
    if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) {
      return Number.isSafeInteger(difference)
        ? difference
        : normalizeInteger(BigInt(left) - BigInt(right));
    }
    return makeFloat(difference);
  }
  return slowArithmetic('-', left, right);
}

/** `A * B`. */
export function multiply(left: Term, right: Term): Term {
  if (typeof left === 'number' && typeof right === 'number') {
    const product = left * right;
    if (Number.isSafeInteger(left) && Number.isSafeInteger(right)) {
      if (Number.isSafeInteger(product)) return product === 0 ? 0 : product;
      return normalizeInteger(BigInt(left) * BigInt(right));
    }
    return makeFloat(product);
  }
  return slowArithmetic('*', left, right);
}

/** `A / B`: always a float; a zero divisor is `badarith`. */
export function divide(left: Term, right: Term): Term {
  const x = toDouble(left);
  const y = toDouble(right);
  if (x === undefined || y === undefined || y === 0) fail();
  return makeFloat(x / y);
}

/** `A div B`: integer division truncating towards zero. */
export function integerDivide(left: Term, right: Term): Term {
  if (typeof left === 'number' && typeof right === 'number') {
    if (!Number.isSafeInteger(left) || !Number.isSafeInteger(right) || right === 0) fail();
    // (a - a rem b) is an exact multiple of b, so the division is exact.
    const quotient = (left - (left % right)) / right;
    return quotient === 0 ? 0 : quotient;
  }
  const x = toBigInt(left);
  const y = toBigInt(right);
  if (x === undefined || y === undefined || y === 0n) fail();
  return normalizeInteger(x / y);
}

/** `A rem B`: the remainder with the sign of the dividend. */
export function remainder(left: Term, right: Term): Term {
  if (typeof left === 'number' && typeof right === 'number') {
    if (!Number.isSafeInteger(left) || !Number.isSafeInteger(right) || right === 0) fail();
    const rest = left % right;
    return rest === 0 ? 0 : rest;
  }
  const x = toBigInt(left);
  const y = toBigInt(right);
  if (x === undefined || y === undefined || y === 0n) fail();
  return normalizeInteger(x % y);
}

function isInt32(value: Term): value is number {
  return typeof value === 'number' && (value | 0) === value;
}

function bitwise(operator: 'band' | 'bor' | 'bxor', left: Term, right: Term): Term {
  if (isInt32(left) && isInt32(right)) {
    return operator === 'band' ? left & right : operator === 'bor' ? left | right : left ^ right;
  }
  const x = toBigInt(left);
  const y = toBigInt(right);
  if (x === undefined || y === undefined) fail();
  return normalizeInteger(operator === 'band' ? x & y : operator === 'bor' ? x | y : x ^ y);
}

/** `A band B`. */
export const bitAnd = (left: Term, right: Term): Term => bitwise('band', left, right);
/** `A bor B`. */
export const bitOr = (left: Term, right: Term): Term => bitwise('bor', left, right);
/** `A bxor B`. */
export const bitXor = (left: Term, right: Term): Term => bitwise('bxor', left, right);

/** `bnot A`. */
export function bitNot(value: Term): Term {
  if (isInt32(value)) return ~value;
  const x = toBigInt(value);
  if (x === undefined) fail();
  return normalizeInteger(~x);
}

function shiftLeft(value: Term, shift: Term): Term {
  const x = toBigInt(value);
  const count = toBigInt(shift);
  if (x === undefined || count === undefined) fail();
  if (x === 0n) return 0;
  if (count <= 0n) {
    // A right shift by at least the bit length leaves only the sign.
    const right = -count;
    if (right >= BigInt(x.toString(2).length + 1)) return x < 0n ? -1 : 0;
    return normalizeInteger(x >> right);
  }
  const magnitude = x < 0n ? -x : x;
  if (count + BigInt(magnitude.toString(2).length) > BigInt(MAX_SHIFT_BITS)) fail();
  return normalizeInteger(x << count);
}

/** `A bsl B` (a negative `B` shifts right). */
export function bsl(value: Term, shift: Term): Term {
  if (isInt32(value) && isInt32(shift) && shift >= 0 && shift < 31) {
    const result = value * 2 ** shift;
    if (Number.isSafeInteger(result)) return result;
  }
  return shiftLeft(value, shift);
}

/** `A bsr B` (a negative `B` shifts left). */
export function bsr(value: Term, shift: Term): Term {
  if (Number.isSafeInteger(value) && isInt32(shift) && shift >= 0) {
    return shift >= 64
      ? (value as number) < 0
        ? -1
        : 0
      : Math.floor((value as number) / 2 ** shift);
  }
  const count = toBigInt(shift);
  if (count === undefined) fail();
  return shiftLeft(value, -count);
}

/** Unary `-A`. */
export function negate(value: Term): Term {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? 0 - value : makeFloat(-value);
  }
  if (typeof value === 'bigint') return normalizeInteger(-value);
  if (value instanceof Float) return makeFloat(-value.value);
  return fail();
}

/** Unary `+A`: the number itself. */
export function plus(value: Term): Term {
  if (typeof value === 'number' || typeof value === 'bigint' || value instanceof Float) {
    return value;
  }
  return fail();
}

/** `abs(A)`. */
export function abs(value: Term): Term {
  if (typeof value === 'number') {
    return Number.isSafeInteger(value) ? Math.abs(value) : makeFloat(Math.abs(value));
  }
  if (typeof value === 'bigint') return value < 0n ? -value : value;
  if (value instanceof Float) return makeFloat(Math.abs(value.value));
  return fail();
}

/** `float(A)`. */
export function toFloat(value: Term): Term {
  const double = floatOperand(value);
  return makeFloat(double);
}

function floatOperand(value: Term): number {
  if (typeof value === 'number') return value;
  if (value instanceof Float) return value.value;
  if (typeof value === 'bigint') {
    const double = Number(value);
    if (!Number.isFinite(double)) fail();
    return double;
  }
  return fail();
}

function rounding(value: Term, mode: (double: number) => number): Term {
  if (isInteger(value)) return value;
  return integerFromDouble(mode(floatOperand(value)));
}

function roundHalfAwayFromZero(double: number): number {
  const truncated = Math.trunc(double);
  const fraction = double - truncated;
  if (fraction >= 0.5) return truncated + 1;
  if (fraction <= -0.5) return truncated - 1;
  return truncated;
}

/** `trunc(A)`. */
export const trunc = (value: Term): Term => rounding(value, Math.trunc);
/** `round(A)`: halves away from zero. */
export const round = (value: Term): Term => rounding(value, roundHalfAwayFromZero);
/** `ceil(A)`. */
export const ceil = (value: Term): Term => rounding(value, Math.ceil);
/** `floor(A)`. */
export const floor = (value: Term): Term => rounding(value, Math.floor);

/** Whether `value` is a map term (a JS `Map` or a plain object). */
export function isMap(value: Term): boolean {
  return (
    value instanceof Map ||
    (typeof value === 'object' &&
      value !== null &&
      !Array.isArray(value) &&
      isPlainObject(value as object))
  );
}

/** Whether `value` is a binary (whole bytes). */
export function isBinary(value: Term): boolean {
  return typeof value === 'string' || value instanceof Uint8Array;
}

function utf8Length(text: string): number {
  let length = 0;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit < 0x80) length += 1;
    else if (unit < 0x800) length += 2;
    else if (unit >= 0xd800 && unit <= 0xdbff && index + 1 < text.length) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        length += 4;
        index += 1;
      } else length += 3;
    } else length += 3;
  }
  return length;
}

const encoder = new TextEncoder();

function byteLength(value: string | Uint8Array): number {
  return typeof value === 'string' ? utf8Length(value) : value.length;
}

/** `byte_size(B)`: bytes, rounding a bitstring up. */
export function byteSize(value: Term): Term {
  if (isBinary(value)) return byteLength(value as string | Uint8Array);
  if (value instanceof Bitstring) return value.bytes.length;
  return fail();
}

/** `bit_size(B)`. */
export function bitSize(value: Term): Term {
  if (isBinary(value)) return byteLength(value as string | Uint8Array) * 8;
  if (value instanceof Bitstring) return value.bitLength;
  return fail();
}

/** `size(X)`: a tuple's arity, or a binary's whole bytes (rounding a bitstring down). */
export function size(value: Term): Term {
  if (Array.isArray(value)) return value.length;
  if (isBinary(value)) return byteLength(value as string | Uint8Array);
  if (value instanceof Bitstring) return Math.floor(value.bitLength / 8);
  return fail();
}

/** `tuple_size(T)`. */
export function tupleSize(value: Term): Term {
  if (Array.isArray(value)) return value.length;
  return fail();
}

/** `binary_part(B, Start, Length)`; a negative length counts back from `Start`. */
export function binaryPart(binary: Term, start: Term, length: Term): Term {
  if (!isBinary(binary) || !Number.isSafeInteger(start) || !Number.isSafeInteger(length)) {
    return fail();
  }
  const bytes = typeof binary === 'string' ? encoder.encode(binary) : (binary as Uint8Array);
  let from = start as number;
  let count = length as number;
  if (count < 0) {
    from += count;
    count = -count;
  }
  if (from < 0 || from + count > bytes.length) fail();
  return bytes.slice(from, from + count);
}

/** `binary_part(B, {Start, Length})`. */
export function binaryPartTuple(binary: Term, range: Term): Term {
  if (!Array.isArray(range) || range.length !== 2) return fail();
  return binaryPart(binary, range[0] as Term, range[1] as Term);
}

/** `element(N, T)`. */
export function element(index: Term, tuple: Term): Term {
  if (
    !Array.isArray(tuple) ||
    typeof index !== 'number' ||
    !Number.isSafeInteger(index) ||
    index < 1 ||
    index > tuple.length
  ) {
    return fail();
  }
  return tuple[index - 1] as Term;
}

/** `hd(L)`. */
export function head(value: Term): Term {
  if (value instanceof List && value.items.length > 0) return value.items[0] as Term;
  return fail();
}

/** `tl(L)`. */
export function tail(value: Term): Term {
  if (value instanceof List && value.items.length > 0) {
    return improperList(value.items.slice(1), value.tail);
  }
  return fail();
}

/** `length(L)`: proper lists only. */
export function length(value: Term): Term {
  if (value instanceof List && value.tail === nil) return value.items.length;
  return fail();
}

/** The value of `key` in `map`, or `undefined`; keys match exactly (`=:=`), as in Erlang maps. */
export function mapLookup(map: Term, key: Term): Term | undefined {
  if (map instanceof Map) {
    const direct = map.get(key);
    if (direct !== undefined) return direct;
    for (const [candidate, value] of map) if (exactEquals(candidate, key)) return value;
    return undefined;
  }
  const record = map as { readonly [key: string]: Term };
  if (typeof key === 'string' && Object.hasOwn(record, key)) return record[key];
  if (key instanceof Uint8Array) {
    for (const candidate of Object.keys(record)) {
      if (exactEquals(candidate, key)) return record[candidate];
    }
  }
  return undefined;
}

/** `map_get(K, M)`. */
export function mapGet(key: Term, map: Term): Term {
  if (!isMap(map)) return fail();
  const value = mapLookup(map, key);
  return value === undefined ? fail() : value;
}

/** `is_map_key(K, M)`. */
export function isMapKey(key: Term, map: Term): Term {
  if (!isMap(map)) return fail();
  return mapLookup(map, key) !== undefined;
}

/** `map_size(M)`. */
export function mapSize(map: Term): Term {
  if (map instanceof Map) return map.size;
  if (isMap(map)) return Object.keys(map as object).length;
  return fail();
}

/** `min(A, B)`: `A` when they compare equal. */
export function min(left: Term, right: Term): Term {
  return compare(right, left) < 0 ? right : left;
}

/** `max(A, B)`: `A` when they compare equal. */
export function max(left: Term, right: Term): Term {
  return compare(right, left) > 0 ? right : left;
}

/** `node(X)` for a pid, port or reference. */
export function nodeOf(value: Term): Term {
  if (value instanceof Pid || value instanceof Port || value instanceof Reference) {
    return value.node;
  }
  return fail();
}

/** `is_function(F)`. */
export function isFunction(value: Term): Term {
  return typeof value === 'function';
}

const SMALL_LIMIT = 2n ** 59n;

/** Whether `value` is a BEAM small integer (a 60-bit fixnum on 64-bit machines). */
function isSmallInteger(value: Term): boolean {
  if (typeof value === 'bigint') return value >= -SMALL_LIMIT && value < SMALL_LIMIT;
  return Number.isSafeInteger(value);
}

/** `is_function(F, Arity)`: `Arity` must be a non-negative integer. */
export function isFunctionWithArity(value: Term, arity: Term): Term {
  if (!isInteger(arity) || arity < 0) return fail();
  if (typeof value !== 'function') return false;
  const described = funDescription(value);
  const actual = described === undefined ? value.length : described.arity;
  return BigInt(actual) === BigInt(arity);
}

/** `is_record(T, Name, Size)`: `Name` must be an atom and `Size` a small integer. */
export function isRecord(value: Term, name: Term, arity: Term): Term {
  if (typeof name !== 'symbol' && typeof name !== 'boolean') return fail();
  if (!isSmallInteger(arity)) return fail();
  return Array.isArray(value) && value.length === Number(arity) && value[0] === name;
}

/** `not A`. */
export function not(value: Term): Term {
  if (value === true) return false;
  if (value === false) return true;
  return fail();
}

/** `A xor B`. */
export function xor(left: Term, right: Term): Term {
  if (typeof left !== 'boolean' || typeof right !== 'boolean') return fail();
  return left !== right;
}

/** `A == B`. */
export function equal(left: Term, right: Term): Term {
  if (typeof left === 'number' && typeof right === 'number') return left === right;
  return equals(left, right);
}

/** `A =:= B`. */
export function exactlyEqual(left: Term, right: Term): Term {
  if (typeof left === 'number' && typeof right === 'number') return left === right;
  return exactEquals(left, right);
}

/** `A /= B`. */
export function notEqual(left: Term, right: Term): Term {
  return !equal(left, right);
}

/** `A =/= B`. */
export function notExactlyEqual(left: Term, right: Term): Term {
  return !exactlyEqual(left, right);
}

// Two JS numbers compare as numbers in Erlang's term order (an integer and a float compare by
// value), so the common case skips the general comparison.

/** `A < B`. */
export function lessThan(left: Term, right: Term): Term {
  if (typeof left === 'number' && typeof right === 'number') return left < right;
  return compare(left, right) < 0;
}

/** `A =< B`. */
export function lessOrEqual(left: Term, right: Term): Term {
  if (typeof left === 'number' && typeof right === 'number') return left <= right;
  return compare(left, right) <= 0;
}

/** `A > B`. */
export function greaterThan(left: Term, right: Term): Term {
  if (typeof left === 'number' && typeof right === 'number') return left > right;
  return compare(left, right) > 0;
}

/** `A >= B`. */
export function greaterOrEqual(left: Term, right: Term): Term {
  if (typeof left === 'number' && typeof right === 'number') return left >= right;
  return compare(left, right) >= 0;
}

/** `and`/`or` over already evaluated arguments: every one must be a boolean. */
export function conjunction(...values: Term[]): Term {
  let result = true;
  for (const value of values) {
    if (typeof value !== 'boolean') return fail();
    result = result && value;
  }
  return result;
}

/** See {@link conjunction}. */
export function disjunction(...values: Term[]): Term {
  let result = false;
  for (const value of values) {
    if (typeof value !== 'boolean') return fail();
    result = result || value;
  }
  return result;
}

/** The atom a failing call in a body evaluates to. */
const EXIT: Term = Symbol.for('EXIT');

/** {@link conjunction} in a body: `'EXIT'` instead of raising. */
export function bodyConjunction(...values: Term[]): Term {
  for (const value of values) if (typeof value !== 'boolean') return EXIT;
  return !values.includes(false);
}

/** {@link disjunction} in a body: `'EXIT'` instead of raising. */
export function bodyDisjunction(...values: Term[]): Term {
  for (const value of values) if (typeof value !== 'boolean') return EXIT;
  return values.includes(true);
}

/** The type tests, each `(X) => boolean`. */
export const typeTests = {
  is_atom: (value: Term): Term =>
    typeof value === 'boolean' || (typeof value === 'symbol' && Symbol.keyFor(value) !== undefined),
  is_boolean: (value: Term): Term => typeof value === 'boolean',
  is_float: isFloat,
  is_integer: isInteger,
  is_number: (value: Term): Term =>
    typeof value === 'bigint' ||
    value instanceof Float ||
    (typeof value === 'number' && Number.isFinite(value)),
  is_list: (value: Term): Term => value instanceof List,
  is_pid: (value: Term): Term => value instanceof Pid,
  is_port: (value: Term): Term => value instanceof Port,
  is_reference: (value: Term): Term => value instanceof Reference,
  is_tuple: (value: Term): Term => Array.isArray(value),
  is_map: isMap,
  is_binary: isBinary,
  is_bitstring: (value: Term): Term => isBinary(value) || value instanceof Bitstring,
} as const;

/** A BIF implementation: takes evaluated arguments, returns a term or throws {@link FAILURE}. */
export type Builtin = (...parameters: Term[]) => Term;

/**
 * Every function a match specification can call, by `name/arity` (the special forms `self`,
 * `node/0`, `and`, `or`, `andalso`, `orelse` and `const` are handled by the back ends).
 */
export const BUILTINS: ReadonlyMap<string, Builtin> = new Map<string, Builtin>([
  ...Object.entries(typeTests).map(([name, test]) => [`${name}/1`, test] as [string, Builtin]),
  ['is_function/1', isFunction],
  ['is_function/2', isFunctionWithArity],
  ['is_record/3', isRecord],
  ['is_map_key/2', isMapKey],
  ['abs/1', abs],
  ['element/2', element],
  ['hd/1', head],
  ['tl/1', tail],
  ['length/1', length],
  ['map_get/2', mapGet],
  ['map_size/1', mapSize],
  ['max/2', max],
  ['min/2', min],
  ['node/1', nodeOf],
  ['round/1', round],
  ['trunc/1', trunc],
  ['ceil/1', ceil],
  ['floor/1', floor],
  ['float/1', toFloat],
  ['size/1', size],
  ['tuple_size/1', tupleSize],
  ['bit_size/1', bitSize],
  ['byte_size/1', byteSize],
  ['binary_part/2', binaryPartTuple],
  ['binary_part/3', binaryPart],
  ['+/1', plus],
  ['-/1', negate],
  ['+/2', add],
  ['-/2', subtract],
  ['*/2', multiply],
  ['//2', divide],
  ['div/2', integerDivide],
  ['rem/2', remainder],
  ['band/2', bitAnd],
  ['bor/2', bitOr],
  ['bxor/2', bitXor],
  ['bnot/1', bitNot],
  ['bsl/2', bsl],
  ['bsr/2', bsr],
  ['>/2', greaterThan],
  ['>=/2', greaterOrEqual],
  ['</2', lessThan],
  ['=</2', lessOrEqual],
  ['==/2', equal],
  ['/=/2', notEqual],
  ['=:=/2', exactlyEqual],
  ['=/=/2', notExactlyEqual],
  ['not/1', not],
  ['xor/2', xor],
]);

/** Builds the list `[items | tail]`. */
export function makeList(items: Term[], tailTerm: Term): Term {
  return improperList(items, tailTerm);
}

/**
 * Builds a map from evaluated entries; a later entry replaces an earlier one with an exactly
 * equal key, as in an Erlang map expression.
 */
export function makeMap(entries: readonly (readonly [Term, Term])[], plain: boolean): Term {
  if (plain) {
    const record: { [key: string]: Term } = {};
    for (const [key, value] of entries) record[key as string] = value;
    return Object.freeze(record);
  }
  const map = new Map<Term, Term>();
  for (const [key, value] of entries) {
    let existing: Term | undefined;
    for (const candidate of map.keys()) {
      if (candidate === key || exactEquals(candidate, key)) {
        existing = candidate;
        break;
      }
    }
    if (existing !== undefined) map.delete(existing);
    map.set(key, value);
  }
  return map;
}
