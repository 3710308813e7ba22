/**
 * Classifies a JS value by the kind of Erlang term it stands for, one level deep (the elements
 * of a tuple, list or map are not looked at: `assertTerm` does the deep check).
 *
 * Kinds are numbered so that `termOrderRank` gives Erlang's order of types:
 * number < atom < reference < fun < port < pid < tuple < map < nil < list < bitstring.
 */
import { Bitstring, Float, List, Pid, Port, Reference } from './term.js';

/** The kind of a term. Integer and Float share a rank in the term order, as do Binary and Bitstring. */
export const Kind = {
  Integer: 1,
  Float: 2,
  Atom: 3,
  Reference: 4,
  Fun: 5,
  Port: 6,
  Pid: 7,
  Tuple: 8,
  Map: 9,
  Nil: 10,
  List: 11,
  Binary: 12,
  Bitstring: 13,
} as const;

/** One of the {@link Kind} values. */
export type Kind = (typeof Kind)[keyof typeof Kind];

/** Whether `value` is a plain object (prototype `Object.prototype` or `null`): a map with binary keys. */
export function isPlainObject(value: object): boolean {
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}

/**
 * The kind of term `value` is, or `undefined` when it is not a term at its top level
 * (NaN, Infinity, `undefined`, `null`, an unregistered symbol, a class instance we do not map).
 */
export function kindOf(value: unknown): Kind | undefined {
  switch (typeof value) {
    case 'number':
      if (Number.isSafeInteger(value)) return Kind.Integer;
      return Number.isFinite(value) ? Kind.Float : undefined;
    case 'string':
      return Kind.Binary;
    case 'boolean':
      return Kind.Atom;
    case 'symbol':
      return Symbol.keyFor(value) === undefined ? undefined : Kind.Atom;
    case 'bigint':
      return Kind.Integer;
    case 'function':
      return Kind.Fun;
    case 'object':
      return objectKind(value);
    default:
      return undefined;
  }
}

function objectKind(value: object | null): Kind | undefined {
  if (value === null) return undefined;
  if (Array.isArray(value)) return Kind.Tuple;
  if (value instanceof List) return value.items.length === 0 ? Kind.Nil : Kind.List;
  if (value instanceof Uint8Array) return Kind.Binary;
  if (value instanceof Float) return Kind.Float;
  if (value instanceof Map) return Kind.Map;
  if (value instanceof Pid) return Kind.Pid;
  if (value instanceof Reference) return Kind.Reference;
  if (value instanceof Port) return Kind.Port;
  if (value instanceof Bitstring) return Kind.Bitstring;
  if (isPlainObject(value)) return Kind.Map;
  return undefined;
}

/** The rank of a kind in Erlang's order of types (numbers 1, atoms 2, ..., bitstrings 11). */
export function termOrderRank(kind: Kind): number {
  switch (kind) {
    case Kind.Integer:
    case Kind.Float:
      return 1;
    case Kind.Binary:
    case Kind.Bitstring:
      return 11;
    default:
      return kind - 1;
  }
}
