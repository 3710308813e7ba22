/**
 * Erlang's *map-key order*: the total order in which `io_lib:format("~kw", [Map])` (OTP 26+) and
 * OTP 25's `~w` print the keys of a map, and in which `maps:iterator(Map, ordered)` walks them.
 *
 * It is the standard term order (number < atom < reference < fun < port < pid < tuple < map <
 * nil < list < bitstring) except that numbers compare by type first: every integer is less than
 * every float, at every depth (`{2}` comes before `{1.5}`), and `-0.0` comes before `0.0`.
 * Within a type (checked against `erl`, see `format.test.ts`):
 * - atoms by the code points of their names (erts compares their UTF-8 bytes);
 * - references by node name, node creation, then id words from the most significant, a longer
 *   id with non-zero extra words being greater;
 * - ports by node name, creation, then id; pids by serial, id, then node name and creation;
 * - tuples by size then elements; maps by size, then keys in this order, then values;
 * - lists element by element, an improper tail compared as a term in the tail position;
 * - bitstrings bit by bit, a prefix before its extensions.
 * Funs (JS functions) have no order of their own here; they compare equal to each other.
 *
 * This module is internal to the syntax printer; it reads terms only one level at a time and
 * never mutates them.
 */
import { Kind, kindOf, termOrderRank } from '../kind.js';
import {
  atomName,
  Bitstring,
  Float,
  List,
  type Pid,
  type Port,
  type Reference,
  type Term,
  TermError,
  type TermRecord,
} from '../term.js';

const utf8Encoder = new TextEncoder();

/** The bytes and bit length of a binary or bitstring term. */
export function bitsOf(value: string | Uint8Array | Bitstring): {
  bytes: Uint8Array;
  bitLength: number;
} {
  if (typeof value === 'string') {
    const bytes = utf8Encoder.encode(value);
    return { bytes, bitLength: bytes.length * 8 };
  }
  if (value instanceof Bitstring) return { bytes: value.bytes, bitLength: value.bitLength };
  return { bytes: value, bitLength: value.length * 8 };
}

/** The entries of a map term, whether a JS `Map` or a plain object with binary keys. */
export function mapEntries(value: ReadonlyMap<Term, Term> | TermRecord): [Term, Term][] {
  if (value instanceof Map) return [...value.entries()];
  return Object.entries(value as TermRecord);
}

function sign(difference: number | bigint): number {
  return difference < 0 ? -1 : difference > 0 ? 1 : 0;
}

/** Compares two strings by code point, as erts compares the UTF-8 bytes of atom names. */
export function compareCodePoints(left: string, right: string): number {
  const leftPoints = [...left];
  const rightPoints = [...right];
  const shared = Math.min(leftPoints.length, rightPoints.length);
  for (let index = 0; index < shared; index += 1) {
    const difference = leftPoints[index]!.codePointAt(0)! - rightPoints[index]!.codePointAt(0)!;
    if (difference !== 0) return sign(difference);
  }
  return sign(leftPoints.length - rightPoints.length);
}

function compareNodes(
  left: { node: Term; creation: number },
  right: { node: Term; creation: number },
): number {
  const byName = compareCodePoints(
    atomName(left.node as symbol | boolean),
    atomName(right.node as symbol | boolean),
  );
  return byName !== 0 ? byName : sign(left.creation - right.creation);
}

function compareIntegers(left: number | bigint, right: number | bigint): number {
  if (typeof left === 'number' && typeof right === 'number') return sign(left - right);
  return sign(BigInt(left) - BigInt(right));
}

function floatValue(value: number | Float): number {
  return value instanceof Float ? value.value : value;
}

function compareFloats(left: number, right: number): number {
  if (left === right) {
    // Both zero with different signs: OTP 27 orders -0.0 before 0.0.
    return sign(Number(!Object.is(left, -0)) - Number(!Object.is(right, -0)));
  }
  return left < right ? -1 : 1;
}

function compareReferenceWords(left: readonly number[], right: readonly number[]): number {
  let leftLength = left.length;
  let rightLength = right.length;
  // Extra high words that are zero do not count: erts normalises ids of different lengths.
  while (leftLength > rightLength) {
    if (left[leftLength - 1] !== 0) return 1;
    leftLength -= 1;
  }
  while (rightLength > leftLength) {
    if (right[rightLength - 1] !== 0) return -1;
    rightLength -= 1;
  }
  for (let index = leftLength - 1; index >= 0; index -= 1) {
    const difference = left[index]! - right[index]!;
    if (difference !== 0) return sign(difference);
  }
  return 0;
}

function compareBits(
  left: { bytes: Uint8Array; bitLength: number },
  right: { bytes: Uint8Array; bitLength: number },
): number {
  const sharedBits = Math.min(left.bitLength, right.bitLength);
  const wholeBytes = Math.floor(sharedBits / 8);
  for (let index = 0; index < wholeBytes; index += 1) {
    const difference = left.bytes[index]! - right.bytes[index]!;
    if (difference !== 0) return sign(difference);
  }
  const restBits = sharedBits % 8;
  if (restBits > 0) {
    const mask = (0xff << (8 - restBits)) & 0xff;
    const difference = (left.bytes[wholeBytes]! & mask) - (right.bytes[wholeBytes]! & mask);
    if (difference !== 0) return sign(difference);
  }
  return sign(left.bitLength - right.bitLength);
}

/** Compares two non-empty lists: their items pairwise, then what follows the shorter run. */
function compareListsFrom(left: List, right: List): number {
  const shared = Math.min(left.items.length, right.items.length);
  for (let index = 0; index < shared; index += 1) {
    const result = compareMapKeys(left.items[index]!, right.items[index]!);
    if (result !== 0) return result;
  }
  const leftRest = restAfter(left, shared);
  const rightRest = restAfter(right, shared);
  return compareMapKeys(leftRest, rightRest);
}

function restAfter(value: List, count: number): Term {
  if (count >= value.items.length) return value.tail;
  return List.fromParts(value.items.slice(count), value.tail);
}

/** The standard kind rank, with integers and floats apart (integers first) as map-key order has it. */
function rankOf(kind: Kind): number {
  if (kind === Kind.Integer) return 0;
  if (kind === Kind.Float) return 0.5;
  return termOrderRank(kind);
}

/**
 * Compares two terms in map-key order: negative when `left` comes first, 0 when they are the
 * same key, positive otherwise. O(size of the smaller term).
 * @throws TermError when either value is not a term.
 */
export function compareMapKeys(left: Term, right: Term): number {
  const leftKind = kindOf(left);
  const rightKind = kindOf(right);
  if (leftKind === undefined || rightKind === undefined) {
    throw new TermError('cannot order a value that is not a term');
  }
  if (leftKind !== rightKind) {
    const byRank = sign(rankOf(leftKind) - rankOf(rightKind));
    if (byRank !== 0) return byRank;
  }
  switch (leftKind) {
    case Kind.Integer:
      return compareIntegers(left as number | bigint, right as number | bigint);
    case Kind.Float:
      return compareFloats(floatValue(left as number | Float), floatValue(right as number | Float));
    case Kind.Atom:
      return compareCodePoints(
        atomName(left as symbol | boolean),
        atomName(right as symbol | boolean),
      );
    case Kind.Reference: {
      const [leftReference, rightReference] = [left as Reference, right as Reference];
      const byNode = compareNodes(leftReference, rightReference);
      return byNode !== 0 ? byNode : compareReferenceWords(leftReference.ids, rightReference.ids);
    }
    case Kind.Fun:
      return 0;
    case Kind.Port: {
      const [leftPort, rightPort] = [left as Port, right as Port];
      const byNode = compareNodes(leftPort, rightPort);
      return byNode !== 0 ? byNode : sign(leftPort.id - rightPort.id);
    }
    case Kind.Pid: {
      const [leftPid, rightPid] = [left as Pid, right as Pid];
      return (
        sign(leftPid.serial - rightPid.serial) ||
        sign(leftPid.id - rightPid.id) ||
        compareNodes(leftPid, rightPid)
      );
    }
    case Kind.Tuple: {
      const [leftTuple, rightTuple] = [left as readonly Term[], right as readonly Term[]];
      if (leftTuple.length !== rightTuple.length) {
        return sign(leftTuple.length - rightTuple.length);
      }
      for (let index = 0; index < leftTuple.length; index += 1) {
        const result = compareMapKeys(leftTuple[index]!, rightTuple[index]!);
        if (result !== 0) return result;
      }
      return 0;
    }
    case Kind.Map:
      return compareMaps(
        left as ReadonlyMap<Term, Term> | TermRecord,
        right as ReadonlyMap<Term, Term> | TermRecord,
      );
    case Kind.Nil:
      return 0;
    case Kind.List:
      return compareListsFrom(left as List, right as List);
    default:
      return compareBits(
        bitsOf(left as string | Uint8Array | Bitstring),
        bitsOf(right as string | Uint8Array | Bitstring),
      );
  }
}

/** A map's entries sorted by key in map-key order. */
export function sortedMapEntries(value: ReadonlyMap<Term, Term> | TermRecord): [Term, Term][] {
  return mapEntries(value).sort(([leftKey], [rightKey]) => compareMapKeys(leftKey, rightKey));
}

function compareMaps(
  left: ReadonlyMap<Term, Term> | TermRecord,
  right: ReadonlyMap<Term, Term> | TermRecord,
): number {
  const leftEntries = sortedMapEntries(left);
  const rightEntries = sortedMapEntries(right);
  if (leftEntries.length !== rightEntries.length) {
    return sign(leftEntries.length - rightEntries.length);
  }
  for (let index = 0; index < leftEntries.length; index += 1) {
    const result = compareMapKeys(leftEntries[index]![0], rightEntries[index]![0]);
    if (result !== 0) return result;
  }
  for (let index = 0; index < leftEntries.length; index += 1) {
    const result = compareMapKeys(leftEntries[index]![1], rightEntries[index]![1]);
    if (result !== 0) return result;
  }
  return 0;
}
