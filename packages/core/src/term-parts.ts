/**
 * Internal helpers shared by the order, equality and hash modules: the entries of a map in
 * either JS form, the significant id words of a reference, UTF-8 code points of strings, and
 * stable ids for JS functions. Not exported from the package.
 *
 * Invariant relied on: a map (JS `Map` or plain object) passed here holds no two keys that are
 * the same term (`assertTerm` rejects such maps), so sorting its keys gives a strict order.
 */
import { isPlainObject } from './kind.js';
import { localNode, type Reference, type Term } from './term.js';

/** A map term in either JS form. */
export type MapTerm = ReadonlyMap<Term, Term> | { readonly [key: string]: Term };

/** Whether `value` is a map term, a JS `Map` or a plain object. Cheap checks first. */
export function isMapTerm(value: unknown): value is MapTerm {
  return (
    value instanceof Map || (typeof value === 'object' && value !== null && isPlainObject(value))
  );
}

/** The number of entries of a map term. */
export function mapSize(map: MapTerm): number {
  return map instanceof Map ? map.size : Object.keys(map).length;
}

/** The entries of a map term as a fresh array of `[key, value]` pairs, in insertion order. */
export function mapEntries(map: MapTerm): Array<[Term, Term]> {
  if (map instanceof Map) return Array.from(map as ReadonlyMap<Term, Term>);
  const record = map as { readonly [key: string]: Term };
  const keys = Object.keys(record);
  const entries = new Array<[Term, Term]>(keys.length);
  for (let index = 0; index < keys.length; index += 1) {
    const key = keys[index]!;
    entries[index] = [key, record[key]!];
  }
  return entries;
}

/**
 * Looks `key` up in `map` by identity (SameValueZero for a JS `Map`, property name for a plain
 * object). A hit is always the same term; a miss proves nothing, since the map may hold the
 * same term in another JS form (`1n` for `1`, a `Uint8Array` for a string).
 * Returns `MISSING` on a miss.
 */
export function lookupByIdentity(map: MapTerm, key: Term): Term | typeof MISSING {
  if (map instanceof Map) {
    const value = (map as ReadonlyMap<Term, Term>).get(key);
    if (value !== undefined || map.has(key)) return value as Term;
    return MISSING;
  }
  if (typeof key === 'string' && Object.hasOwn(map, key)) {
    return (map as { readonly [key: string]: Term })[key]!;
  }
  return MISSING;
}

/** The result of {@link lookupByIdentity} when the key was not found by identity. */
export const MISSING: unique symbol = Symbol('missing');

/** The number of id words OTP reads from a reference on this (non-distributed) node. */
const LOCAL_REFERENCE_WORDS = 3;

/**
 * How many of a reference's id words count for order, equality and hashing, as OTP sees them:
 * a local reference (node `nonode@nohost`, creation 0) is read as its first three words (OTP
 * keeps a pid in the fourth and fifth words of a process-bound local reference, and ignores
 * them when comparing), and high words that are zero do not count, so `[1,2,3]` and `[1,2,3,0]`
 * are the same reference (`erts_cmp` in `erts/emulator/beam/utils.c`; confirmed with erl).
 */
export function significantReferenceWords(reference: Reference): number {
  const ids = reference.ids;
  let count = ids.length;
  if (count > LOCAL_REFERENCE_WORDS && reference.node === localNode && reference.creation === 0) {
    count = LOCAL_REFERENCE_WORDS;
  }
  while (count > 1 && ids[count - 1] === 0) count -= 1;
  return count;
}

const functionIds = new WeakMap<Function, number>();
let nextFunctionId = 1;

/**
 * A stable id for a JS function, assigned the first time it is asked for. Funs order by it, so
 * the order of two funs is fixed for the life of the process but not across processes.
 */
export function functionId(fun: Function): number {
  let id = functionIds.get(fun);
  if (id === undefined) {
    id = nextFunctionId;
    nextFunctionId += 1;
    functionIds.set(fun, id);
  }
  return id;
}

const utf8Encoder = new TextEncoder();

/** The UTF-8 bytes of a binary term in either form (a fresh array for a string). */
export function binaryBytes(binary: string | Uint8Array): Uint8Array {
  return typeof binary === 'string' ? utf8Encoder.encode(binary) : binary;
}
