/**
 * Erlang's map-key order: the exact term order (`erts_cmp` with `exact` set, as
 * `term_to_binary(Map, [deterministic])` and flatmap key sorting use it), in which every integer
 * sorts before every float and `-0.0` before `0.0`, at any depth. Otherwise it is the standard
 * term order: number < atom < reference < fun < port < pid < tuple < map < nil < list <
 * bitstring, with
 * - atoms by the code points of their names, tuples by size then elements, maps by size, then
 *   keys in this order, then values; lists element by element, then tails; bitstrings bit by bit
 *   with a prefix first;
 * - pids by serial, then id, then node name, then creation; ports by node name, creation, id;
 *   references by node name, creation, then id words from the most significant, zero high words
 *   ignored (all three taken from what `lists:sort/1` does in OTP 27);
 * - funs: export funs by module, name, arity; local funs by module, index, uniq, free variables;
 *   every local fun before every export fun.
 *
 * OTP 26+ compares atoms inside maps *that are themselves keys* by atom-table index, an order
 * that depends on when the atoms were created (erlang/otp#11568); this module uses the
 * documented name order there too.
 */
import { Kind, kindOf } from '../kind.js';
import {
  atomName,
  Bitstring,
  Float,
  type List,
  type Pid,
  type Port,
  type Reference,
  type Term,
  TermError,
} from '../term.js';
import { funDescription } from './fun.js';

const utf8 = new TextEncoder();

function sign(difference: number): number {
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

/** Maps a UTF-16 code unit so that surrogates sort above U+E000..U+FFFF, as code points do. */
function codePointRank(unit: number): number {
  if (unit >= 0xe000) return unit - 0x800;
  if (unit >= 0xd800) return unit + 0x2000;
  return unit;
}

/** Compares strings by code points, which is the order of their UTF-8 bytes. */
export function compareStrings(left: string, right: string): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    const a = left.charCodeAt(index);
    const b = right.charCodeAt(index);
    if (a !== b) return sign(codePointRank(a) - codePointRank(b));
  }
  return sign(left.length - right.length);
}

function bytesOf(binary: string | Uint8Array): Uint8Array {
  return typeof binary === 'string' ? utf8.encode(binary) : binary;
}

function bitView(value: Term): { bytes: Uint8Array; bits: number } {
  if (value instanceof Bitstring) return { bytes: value.bytes, bits: value.bitLength };
  const bytes = bytesOf(value as string | Uint8Array);
  return { bytes, bits: bytes.length * 8 };
}

function compareBitstrings(left: Term, right: Term): number {
  if (typeof left === 'string' && typeof right === 'string') return compareStrings(left, right);
  const a = bitView(left);
  const b = bitView(right);
  const commonBits = Math.min(a.bits, b.bits);
  const wholeBytes = commonBits >>> 3;
  for (let index = 0; index < wholeBytes; index += 1) {
    const difference = a.bytes[index]! - b.bytes[index]!;
    if (difference !== 0) return sign(difference);
  }
  const restBits = commonBits & 7;
  if (restBits !== 0) {
    const mask = (0xff << (8 - restBits)) & 0xff;
    const difference = (a.bytes[wholeBytes]! & mask) - (b.bytes[wholeBytes]! & mask);
    if (difference !== 0) return sign(difference);
  }
  return sign(a.bits - b.bits);
}

function compareIntegers(left: number | bigint, right: number | bigint): number {
  if (typeof left === 'number' && typeof right === 'number') return sign(left - right);
  const a = BigInt(left);
  const b = BigInt(right);
  return a < b ? -1 : a > b ? 1 : 0;
}

function floatValue(value: Term): number {
  return value instanceof Float ? value.value : (value as number);
}

function compareFloats(left: Term, right: Term): number {
  const a = floatValue(left);
  const b = floatValue(right);
  if (a !== b) return a < b ? -1 : 1;
  // Only zeros are equal with different signs; the exact order puts -0.0 first.
  return sign(Number(Object.is(b, -0)) - Number(Object.is(a, -0)));
}

function compareNodes(
  left: { node: Term; creation: number },
  right: { node: Term; creation: number },
): number {
  const byName = compareStrings(atomName(left.node as never), atomName(right.node as never));
  return byName !== 0 ? byName : sign(left.creation - right.creation);
}

function comparePids(left: Pid, right: Pid): number {
  if (left.serial !== right.serial) return sign(left.serial - right.serial);
  if (left.id !== right.id) return sign(left.id - right.id);
  return compareNodes(left, right);
}

function comparePorts(left: Port, right: Port): number {
  const byNode = compareNodes(left, right);
  return byNode !== 0 ? byNode : sign(left.id - right.id);
}

function compareReferences(left: Reference, right: Reference): number {
  const byNode = compareNodes(left, right);
  if (byNode !== 0) return byNode;
  const length = Math.max(left.ids.length, right.ids.length);
  for (let index = length - 1; index >= 0; index -= 1) {
    const difference = (left.ids[index] ?? 0) - (right.ids[index] ?? 0);
    if (difference !== 0) return sign(difference);
  }
  return 0;
}

function compareSequences(left: readonly Term[], right: readonly Term[]): number {
  const length = Math.min(left.length, right.length);
  for (let index = 0; index < length; index += 1) {
    const order = compareMapKeys(left[index]!, right[index]!);
    if (order !== 0) return order;
  }
  return sign(left.length - right.length);
}

function compareLists(left: List, right: List): number {
  const length = Math.min(left.items.length, right.items.length);
  for (let index = 0; index < length; index += 1) {
    const order = compareMapKeys(left.items[index]!, right.items[index]!);
    if (order !== 0) return order;
  }
  if (left.items.length === right.items.length) return compareMapKeys(left.tail, right.tail);
  // Past the shorter one's elements its tail, never a non-empty list, meets the longer's rest.
  if (left.items.length < right.items.length) return sign(orderKind(left.tail) - Kind.List);
  return sign(Kind.List - orderKind(right.tail));
}

/** The entries of a map term sorted by key in map-key order. */
export function sortedEntries(map: Term): [Term, Term][] {
  const entries: [Term, Term][] =
    map instanceof Map ? [...(map as ReadonlyMap<Term, Term>)] : Object.entries(map as object);
  return entries.sort((left, right) => compareMapKeys(left[0], right[0]));
}

function compareMaps(left: Term, right: Term): number {
  const a = sortedEntries(left);
  const b = sortedEntries(right);
  if (a.length !== b.length) return sign(a.length - b.length);
  for (let index = 0; index < a.length; index += 1) {
    const order = compareMapKeys(a[index]![0], b[index]![0]);
    if (order !== 0) return order;
  }
  for (let index = 0; index < a.length; index += 1) {
    const order = compareMapKeys(a[index]![1], b[index]![1]);
    if (order !== 0) return order;
  }
  return 0;
}

function compareFuns(left: Function, right: Function): number {
  const a = funDescription(left);
  const b = funDescription(right);
  if (a === undefined || b === undefined) {
    if (left === right) return 0;
    throw new TermError('a JS function has no place in the term order: only decoded funs do');
  }
  if (a.kind !== b.kind) return a.kind === 'local' ? -1 : 1;
  const byModule = compareStrings(atomName(a.module), atomName(b.module));
  if (byModule !== 0) return byModule;
  if (a.kind === 'export' && b.kind === 'export') {
    const byName = compareStrings(atomName(a.name), atomName(b.name));
    return byName !== 0 ? byName : sign(a.arity - b.arity);
  }
  if (a.kind === 'local' && b.kind === 'local') {
    if (a.index !== b.index) return sign(a.index - b.index);
    const byUniq = compareBitstrings(a.uniq, b.uniq);
    return byUniq !== 0 ? byUniq : compareSequences(a.freeVariables, b.freeVariables);
  }
  return 0;
}

function orderKind(value: Term): number {
  const kind = kindOf(value);
  if (kind === undefined) throw new TermError(`not a term: ${String(value)}`);
  return kind === Kind.Bitstring ? Kind.Binary : kind;
}

/**
 * Compares two terms in map-key order: negative, zero or positive. Zero means the terms are
 * the same map key (exactly equal).
 * @throws TermError when a value is not a term, or is a JS function that `decode` did not make.
 */
export function compareMapKeys(left: Term, right: Term): number {
  if (left === right) return 0;
  const leftKind = orderKind(left);
  const rightKind = orderKind(right);
  if (leftKind !== rightKind) return sign(leftKind - rightKind);
  switch (leftKind) {
    case Kind.Integer:
      return compareIntegers(left as number | bigint, right as number | bigint);
    case Kind.Float:
      return compareFloats(left, right);
    case Kind.Atom:
      return compareStrings(atomName(left as never), atomName(right as never));
    case Kind.Reference:
      return compareReferences(left as Reference, right as Reference);
    case Kind.Fun:
      return compareFuns(left as Function, right as Function);
    case Kind.Port:
      return comparePorts(left as Port, right as Port);
    case Kind.Pid:
      return comparePids(left as Pid, right as Pid);
    case Kind.Tuple: {
      const a = left as readonly Term[];
      const b = right as readonly Term[];
      return a.length !== b.length ? sign(a.length - b.length) : compareSequences(a, b);
    }
    case Kind.Map:
      return compareMaps(left, right);
    case Kind.List:
      return compareLists(left as List, right as List);
    case Kind.Binary:
      return compareBitstrings(left, right);
    default:
      return 0; // Kind.Nil: there is one empty list.
  }
}
