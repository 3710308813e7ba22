/**
 * The Erlang term model in JavaScript: the types and constructors every other module builds on.
 *
 * The mapping (each JS value has at most one meaning; a term may have several JS forms):
 * - integer: a `number` for which `Number.isSafeInteger` holds, else a `bigint`; a bigint in the
 *   safe range is the same term as the number. `-0` is the integer `0`.
 * - float: a finite `number` that is not a safe integer (`1.5`, `1e300`), or a {@link Float} box,
 *   which is the only way to write an integral float (`float(1)` is `1.0`).
 * - atom: a symbol from the global registry (`atom('ok')` is `Symbol.for('ok')`); the JS booleans
 *   are the atoms `true` and `false`, and `atom('true')` returns `true`.
 * - binary: a JS string (standing for its UTF-8 bytes) or a `Uint8Array`; the same bytes are the
 *   same term in either form. A bitstring whose length is not whole bytes is a {@link Bitstring}.
 * - tuple: a JS array. list: an immutable {@link List} (`nil` is the empty list).
 * - map: a JS `Map` with term keys, or a plain object (its keys are binaries).
 * - pid, port, reference: {@link Pid}, {@link Port}, {@link Reference}. fun: any JS function.
 *
 * Invariants kept by the constructors here: every instance is frozen; a `List` never has a
 * non-empty `List` as its tail (improper tails are flattened), and a `Bitstring` never holds a
 * whole number of bytes (that is a binary).
 */

/** An atom: a registered symbol, or `true`/`false`. */
export type Atom = symbol | boolean;

/** An Erlang tuple: a JS array of terms. */
export interface Tuple extends ReadonlyArray<Term> {}

/** An Erlang map written as a plain object: its keys are binaries. */
export interface TermRecord {
  readonly [key: string]: Term;
}

/** Any Erlang term. See the module comment for the mapping. */
export type Term =
  | number
  | bigint
  | Float
  | Atom
  | string
  | Uint8Array
  | Bitstring
  | Tuple
  | List
  | ReadonlyMap<Term, Term>
  | TermRecord
  | Pid
  | Port
  | Reference
  | Function;

/** The error thrown for a JS value that is not a term, or a term argument that is malformed. */
export class TermError extends TypeError {
  override readonly name = 'TermError';
  /** Where in the value the problem is, as a path such as `[2].tail[0]`; empty at the top. */
  readonly path: string;

  constructor(message: string, path = '') {
    super(path === '' ? message : `${message} (at ${path})`);
    this.path = path;
  }
}

/** The longest atom Erlang accepts, in characters. */
export const MAX_ATOM_CHARACTERS = 255;

/**
 * The atom named `name`. `atom('true')` and `atom('false')` return the JS booleans.
 * @throws TermError when the name is longer than 255 characters or not valid Unicode.
 */
export function atom(name: string): Atom {
  if (name === 'true') return true;
  if (name === 'false') return false;
  if ([...name].length > MAX_ATOM_CHARACTERS) {
    throw new TermError(`atom name is longer than ${MAX_ATOM_CHARACTERS} characters`);
  }
  if (!name.isWellFormed()) throw new TermError('atom name is not valid Unicode');
  return Symbol.for(name);
}

/** Whether `value` is an atom: a registered symbol or a boolean. */
export function isAtom(value: unknown): value is Atom {
  return (
    typeof value === 'boolean' || (typeof value === 'symbol' && Symbol.keyFor(value) !== undefined)
  );
}

/** The name of an atom. */
export function atomName(value: Atom): string {
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  const name = Symbol.keyFor(value);
  if (name === undefined) throw new TermError('symbol is not registered, so it is not an atom');
  return name;
}

/** The atom `undefined`, which Erlang code uses where JS would use `undefined`. */
export const undefinedAtom: Atom = Symbol.for('undefined');

/**
 * A float. Needed only for integral values (`new Float(1)` is `1.0`, `new Float(-0)` is `-0.0`);
 * a non-integral float may be a plain `number` or a box, both the same term.
 */
export class Float {
  readonly value: number;

  constructor(value: number) {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw new TermError(`a float must be a finite number, got ${String(value)}`);
    }
    this.value = value;
    Object.freeze(this);
  }
}

/**
 * The float `value` in its canonical form: a plain number when that already reads as a float,
 * a {@link Float} box otherwise. `float(1)` is `1.0`; `float(1.5)` is `1.5`.
 */
export function float(value: number | bigint): number | Float {
  const number = Number(value);
  if (Number.isSafeInteger(number)) return new Float(number);
  if (!Number.isFinite(number)) throw new TermError(`a float must be finite, got ${number}`);
  return number;
}

/** Whether `value` is an Erlang float (a non-safe-integer finite number, or a `Float` box). */
export function isFloat(value: unknown): value is number | Float {
  return (
    value instanceof Float ||
    (typeof value === 'number' && Number.isFinite(value) && !Number.isSafeInteger(value))
  );
}

/** Whether `value` is an Erlang integer (a safe-integer number or any bigint). */
export function isInteger(value: unknown): value is number | bigint {
  return typeof value === 'bigint' || Number.isSafeInteger(value);
}

/**
 * An immutable Erlang list: its elements, and its tail, which is `nil` for a proper list.
 * Build lists with {@link list}, {@link improperList} and {@link cons}.
 */
export class List implements Iterable<Term> {
  /** The elements before the tail. */
  readonly items: readonly Term[];
  /** `nil` for a proper list; any term but a non-empty list for an improper one. */
  readonly tail: Term;

  private constructor(items: readonly Term[], tail: Term | undefined) {
    this.items = Object.freeze(items);
    this.tail = tail === undefined ? this : tail;
    Object.freeze(this);
  }

  /** @internal Makes a list from owned parts; `tail` must not be a non-empty list. */
  static fromParts(items: readonly Term[], tail: Term): List {
    return new List(items, tail);
  }

  /** @internal The empty list; exported as {@link nil}. */
  static readonly EMPTY: List = new List([], undefined);

  /** The number of elements before the tail. */
  get length(): number {
    return this.items.length;
  }

  /** Whether the list ends in `nil`. */
  get isProper(): boolean {
    return this.tail === nil;
  }

  /** Whether this is the empty list `[]`. */
  get isNil(): boolean {
    return this === nil;
  }

  [Symbol.iterator](): Iterator<Term> {
    return this.items[Symbol.iterator]();
  }
}

/** The empty list `[]`. */
export const nil: List = List.EMPTY;

/** The proper list of `items`. `list()` is `nil`. */
export function list(...items: Term[]): List {
  return items.length === 0 ? nil : List.fromParts(items, nil);
}

/** A proper list from any iterable of terms. */
export function listFrom(items: Iterable<Term>): List {
  const array = Array.from(items);
  return array.length === 0 ? nil : List.fromParts(array, nil);
}

/**
 * The list `[items... | tail]`. A list tail is spliced in, so `improperList([1], list(2))` is the
 * proper list `[1,2]`; with no items the result is `tail` itself.
 */
export function improperList(items: readonly Term[], tail: Term): Term {
  if (tail instanceof List) {
    if (items.length === 0) return tail;
    if (tail === nil) return List.fromParts([...items], nil);
    return List.fromParts([...items, ...tail.items], tail.tail);
  }
  if (items.length === 0) return tail;
  return List.fromParts([...items], tail);
}

/** The list cell `[head | tail]`. */
export function cons(head: Term, tail: Term): List {
  return improperList([head], tail) as List;
}

/**
 * A bitstring whose length is not a whole number of bytes. The unused low bits of the last
 * byte are zero. Use {@link bitstring} to get a binary back when the length is whole bytes.
 */
export class Bitstring {
  /** The bytes, the last one holding `bitLength % 8` significant high bits. */
  readonly bytes: Uint8Array;
  /** The length in bits; never a multiple of 8. */
  readonly bitLength: number;

  constructor(bytes: Uint8Array, bitLength: number) {
    if (!Number.isSafeInteger(bitLength) || bitLength < 0) {
      throw new TermError(`bit length must be a non-negative integer, got ${bitLength}`);
    }
    if (bitLength % 8 === 0) {
      throw new TermError('a whole number of bytes is a binary: use a Uint8Array or bitstring()');
    }
    const byteLength = Math.ceil(bitLength / 8);
    if (bytes.length !== byteLength) {
      throw new TermError(`${bitLength} bits need ${byteLength} bytes, got ${bytes.length}`);
    }
    const copy = Uint8Array.from(bytes);
    const usedBits = bitLength % 8;
    copy[byteLength - 1]! &= (0xff << (8 - usedBits)) & 0xff;
    this.bytes = copy;
    this.bitLength = bitLength;
    Object.freeze(this);
  }
}

/** The bitstring of the first `bitLength` bits of `bytes`: a `Uint8Array` when whole bytes. */
export function bitstring(bytes: Uint8Array, bitLength: number): Uint8Array | Bitstring {
  if (bitLength % 8 === 0 && bytes.length === bitLength / 8) return Uint8Array.from(bytes);
  return new Bitstring(bytes.subarray(0, Math.ceil(bitLength / 8)), bitLength);
}

const LOCAL_NODE_NAME = 'nonode@nohost';

/** The node name of a non-distributed Erlang node, which local pids, ports and refs carry. */
export const localNode: symbol = Symbol.for(LOCAL_NODE_NAME);

function checkWord(name: string, value: number, bits: number): number {
  if (!Number.isSafeInteger(value) || value < 0 || value >= 2 ** bits) {
    throw new TermError(`${name} must be an integer in 0..2^${bits}-1, got ${value}`);
  }
  return value;
}

function checkNode(node: Atom): Atom {
  if (!isAtom(node)) throw new TermError('node must be an atom');
  return node;
}

/** A process identifier, as `<0.Id.Serial>` prints for a local one. */
export class Pid {
  constructor(
    readonly id: number,
    readonly serial: number,
    readonly node: Atom = localNode,
    readonly creation: number = 0,
  ) {
    checkWord('pid id', id, 32);
    checkWord('pid serial', serial, 32);
    checkNode(node);
    checkWord('pid creation', creation, 32);
    Object.freeze(this);
  }
}

/** A port identifier, as `#Port<0.Id>` prints for a local one. */
export class Port {
  constructor(
    readonly id: number,
    readonly node: Atom = localNode,
    readonly creation: number = 0,
  ) {
    checkWord('port id', id, 53);
    checkNode(node);
    checkWord('port creation', creation, 32);
    Object.freeze(this);
  }
}

/** A reference, as `#Ref<0.A.B.C>` prints for a local one: one to five 32-bit words. */
export class Reference {
  /** The id words, least significant first, as the External Term Format orders them. */
  readonly ids: readonly number[];

  constructor(
    ids: readonly number[],
    readonly node: Atom = localNode,
    readonly creation: number = 0,
  ) {
    if (ids.length < 1 || ids.length > 5) {
      throw new TermError(`a reference has 1 to 5 id words, got ${ids.length}`);
    }
    this.ids = Object.freeze(ids.map((word) => checkWord('reference word', word, 32)));
    checkNode(node);
    checkWord('reference creation', creation, 32);
    Object.freeze(this);
  }
}
