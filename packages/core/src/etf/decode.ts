/**
 * `decode`: External Term Format bytes to a term, reading every tag that OTP 27's
 * `binary_to_term/1` reads (see `encode.ts` for what OTP writes).
 *
 * Algorithm: one loop with an explicit stack of open containers (tuple, list, map, fun), so
 * neither deep nesting nor long chains of list cells use the call stack. A list's tail that is
 * itself a LIST_EXT, STRING_EXT or NIL_EXT continues the same list, so `[1|[2|[3]]]` written cell
 * by cell decodes iteratively into one `List`. Every length is checked against the bytes left
 * before anything is allocated, and a compressed term is inflated with `maxOutputLength` set to
 * its declared size, so what a hostile input makes `decode` allocate stays within a constant
 * factor of its own length (or, compressed, of its declared size, at most `maxDecompressedSize`).
 *
 * The JS forms (see `term.ts`): integers are numbers in the safe range and bigints outside it;
 * a float is a number, or a `Float` box when its value is integral; `true`/`false` are booleans;
 * a BINARY_EXT is a `Uint8Array` copy (never guessed to be text); a bitstring whose length is not
 * whole bytes is a `Bitstring`; lists are `List`s (STRING_EXT gives a list of integers); maps are
 * JS `Map`s; funs are opaque functions described by `funDescription` (see `fun.ts`).
 */
import { inflateSync } from 'node:zlib';
import { compareExact } from '../compare.js';
import {
  type Atom,
  Bitstring,
  Float,
  List,
  MAX_ATOM_CHARACTERS,
  nil,
  Pid,
  Port,
  Reference,
  type Term,
} from '../term.js';
import { DecodeError } from './decode-error.js';
import { erlangFun } from './fun.js';
import { Tag, VERSION } from './tags.js';

/** Options for {@link decode}. */
export interface DecodeOptions {
  /**
   * Allow bytes after the term and report how many were read, like `binary_to_term(B, [used])`:
   * `decode` then returns `{ term, bytesUsed }`. Without it, bytes after the term are an error.
   */
  readonly used?: boolean;
  /** The largest declared size of a compressed term to inflate. Default 1 GiB. */
  readonly maxDecompressedSize?: number;
}

/** What {@link decode} returns with `{ used: true }`. */
export interface DecodeResult {
  readonly term: Term;
  /** How many bytes of the input the term took, the version byte included. */
  readonly bytesUsed: number;
}

const DEFAULT_MAX_DECOMPRESSED_SIZE = 2 ** 30;
const MAX_REFERENCE_WORDS = 5;
const FUN_UNIQ_BYTES = 16;
/** Binaries up to this many bytes are copied by a loop rather than `slice`. */
const SHORT_BINARY = 32;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * A direct-mapped cache from an atom's name bytes (and whether they are Latin-1) to the atom,
 * shared by all decodes: atoms are interned for the life of the process anyway.
 */
const ATOM_CACHE_SLOTS = 1024;
const atomCacheNames: Array<Uint8Array | undefined> = new Array(ATOM_CACHE_SLOTS);
const atomCacheLatin1: boolean[] = new Array(ATOM_CACHE_SLOTS);
const atomCacheAtoms: Atom[] = new Array(ATOM_CACHE_SLOTS);

const FrameKind = { Tuple: 0, List: 1, Map: 2, Fun: 3 } as const;
type FrameKind = (typeof FrameKind)[keyof typeof FrameKind];

/** A container whose elements are still being read. */
interface Frame {
  readonly kind: FrameKind;
  /** Where the container's tag is, for error messages. */
  readonly offset: number;
  readonly items: Term[];
  /** Elements still to read (for a list in its tail phase: the tail). */
  remaining: number;
  /** A list that has read all its elements and now reads its (non-list) tail. */
  readingTail: boolean;
  /** The fixed fields of a NEW_FUN_EXT, and where its declared size says it ends. */
  readonly fun?: {
    readonly module: Atom;
    readonly arity: number;
    readonly uniq: Uint8Array;
    readonly index: number;
    readonly oldIndex: number | bigint;
    readonly oldUniq: number | bigint;
    readonly pid: Pid;
    readonly end: number;
  };
}

/** Returned by `readValue` when it opened a container instead of producing a value. */
const OPENED = Symbol('opened');

class Reader {
  readonly view: DataView;
  position: number;

  readonly bytes: Uint8Array;

  constructor(
    input: Uint8Array,
    start: number,
    /** Added to error messages: where the offsets count from. */
    readonly where: string,
  ) {
    // A plain view even of a Node Buffer, whose `slice` would alias the input instead of copying.
    this.bytes =
      input.constructor === Uint8Array
        ? input
        : new Uint8Array(input.buffer, input.byteOffset, input.byteLength);
    this.view = new DataView(input.buffer, input.byteOffset, input.byteLength);
    this.position = start;
  }

  error(message: string, offset = this.position): DecodeError {
    return new DecodeError(`${message}${this.where}`, offset);
  }

  need(count: number, what: string): void {
    if (count > this.bytes.length - this.position) {
      throw this.error(
        `truncated input: ${what} needs ${count} bytes, ${this.bytes.length - this.position} left`,
      );
    }
  }

  uint8(): number {
    this.need(1, 'a byte');
    const value = this.bytes[this.position]!;
    this.position += 1;
    return value;
  }

  uint16(): number {
    this.need(2, 'a 2-byte field');
    const value = this.view.getUint16(this.position);
    this.position += 2;
    return value;
  }

  uint32(): number {
    this.need(4, 'a 4-byte field');
    const value = this.view.getUint32(this.position);
    this.position += 4;
    return value;
  }

  take(count: number, what: string): Uint8Array {
    this.need(count, what);
    const slice = this.bytes.subarray(this.position, this.position + count);
    this.position += count;
    return slice;
  }

  /** Reads an atom's name and makes the atom; `tag` has been read at `offset`. */
  atomBody(tag: number, offset: number): Atom {
    const latin1 = tag === Tag.Atom || tag === Tag.SmallAtom;
    const length = tag === Tag.Atom || tag === Tag.AtomUtf8 ? this.uint16() : this.uint8();
    this.need(length, 'an atom name');
    // A Latin-1 byte is one character and a UTF-8 character at most 4 bytes.
    if (length > (latin1 ? MAX_ATOM_CHARACTERS : 4 * MAX_ATOM_CHARACTERS)) {
      throw this.error(`atom name is longer than ${MAX_ATOM_CHARACTERS} characters`, offset);
    }
    const start = this.position;
    this.position += length;
    const { bytes } = this;
    // The same few atoms recur in almost every term: look the bytes up before making a string.
    let hash = latin1 ? 0x811c9dc5 : 0x01000193;
    for (let index = start; index < start + length; index += 1) {
      hash = Math.imul(hash ^ bytes[index]!, 0x01000193);
    }
    const slot = (hash >>> 0) & (ATOM_CACHE_SLOTS - 1);
    const cached = atomCacheNames[slot];
    if (cached !== undefined && cached.length === length && atomCacheLatin1[slot] === latin1) {
      let same = true;
      for (let index = 0; index < length; index += 1) {
        if (cached[index] !== bytes[start + index]) {
          same = false;
          break;
        }
      }
      if (same) return atomCacheAtoms[slot]!;
    }
    const atom = this.newAtom(latin1, start, length, offset);
    atomCacheNames[slot] = bytes.slice(start, start + length);
    atomCacheLatin1[slot] = latin1;
    atomCacheAtoms[slot] = atom;
    return atom;
  }

  private newAtom(latin1: boolean, start: number, length: number, offset: number): Atom {
    const { bytes } = this;
    let text = '';
    let ascii = true;
    for (let index = start; index < start + length; index += 1) {
      const byte = bytes[index]!;
      if (byte >= 0x80) {
        ascii = false;
        break;
      }
      text += String.fromCharCode(byte);
    }
    if (!ascii) {
      if (latin1) {
        // Latin-1: each byte is its code point.
        text = String.fromCharCode.apply(null, Array.from(bytes.subarray(start, start + length)));
      } else {
        try {
          text = utf8.decode(bytes.subarray(start, start + length));
        } catch {
          throw this.error('atom name is not valid UTF-8', offset);
        }
      }
    }
    if (length > MAX_ATOM_CHARACTERS && countCodePoints(text) > MAX_ATOM_CHARACTERS) {
      throw this.error(`atom name is longer than ${MAX_ATOM_CHARACTERS} characters`, offset);
    }
    if (text === 'true') return true;
    if (text === 'false') return false;
    return Symbol.for(text);
  }

  /** Reads a term that must be an atom (a node name, a fun's module). */
  atom(what: string): Atom {
    const offset = this.position;
    const tag = this.uint8();
    if (
      tag === Tag.Atom ||
      tag === Tag.SmallAtom ||
      tag === Tag.AtomUtf8 ||
      tag === Tag.SmallAtomUtf8
    ) {
      return this.atomBody(tag, offset);
    }
    throw this.error(`${what} must be an atom, got tag ${tag}`, offset);
  }

  /** Reads a term that must be an integer (a fun's old index and old uniq). */
  integer(what: string): number | bigint {
    const offset = this.position;
    const tag = this.uint8();
    switch (tag) {
      case Tag.SmallInteger:
        return this.uint8();
      case Tag.Integer:
        return this.int32();
      case Tag.SmallBig:
        return this.big(this.uint8());
      case Tag.LargeBig:
        return this.big(this.uint32());
      default:
        throw this.error(`${what} must be an integer, got tag ${tag}`, offset);
    }
  }

  int32(): number {
    this.need(4, 'INTEGER_EXT');
    const value = this.view.getInt32(this.position);
    this.position += 4;
    return value;
  }

  big(count: number): number | bigint {
    this.need(count + 1, 'a big integer');
    const negative = this.uint8() !== 0;
    const digits = this.take(count, 'big integer digits');
    if (count <= 6) {
      let value = 0;
      for (let index = count - 1; index >= 0; index -= 1) value = value * 256 + digits[index]!;
      return negative ? -value || 0 : value;
    }
    let hex = '';
    for (let index = count - 1; index >= 0; index -= 1) {
      hex += digits[index]!.toString(16).padStart(2, '0');
    }
    const magnitude = BigInt(`0x${hex}`);
    const value = negative ? -magnitude : magnitude;
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value;
  }

  /** Reads a term that must be a pid (a fun's pid). */
  pid(what: string): Pid {
    const offset = this.position;
    const tag = this.uint8();
    if (tag !== Tag.NewPid && tag !== Tag.Pid) {
      throw this.error(`${what} must be a pid, got tag ${tag}`, offset);
    }
    return this.pidBody(tag);
  }

  pidBody(tag: number): Pid {
    const node = this.atom('a pid node');
    const id = this.uint32();
    const serial = this.uint32();
    const creation = tag === Tag.NewPid ? this.uint32() : this.uint8();
    return new Pid(id, serial, node, creation);
  }

  portBody(tag: number, offset: number): Port {
    const node = this.atom('a port node');
    let id: number;
    if (tag === Tag.V4Port) {
      const high = this.uint32();
      const low = this.uint32();
      id = high * 2 ** 32 + low;
      if (!Number.isSafeInteger(id)) {
        throw this.error('a port id above 2^53 cannot be represented', offset);
      }
    } else {
      id = this.uint32();
    }
    const creation = tag === Tag.Port ? this.uint8() : this.uint32();
    return new Port(id, node, creation);
  }

  referenceBody(tag: number, offset: number): Reference {
    const count = tag === Tag.Reference ? 1 : this.uint16();
    if (count < 1 || count > MAX_REFERENCE_WORDS) {
      throw this.error(
        `a reference has 1 to ${MAX_REFERENCE_WORDS} id words, got ${count}`,
        offset,
      );
    }
    const node = this.atom('a reference node');
    let creation = 0;
    if (tag !== Tag.Reference) creation = tag === Tag.NewerReference ? this.uint32() : this.uint8();
    this.need(4 * count, 'reference id words');
    const ids: number[] = [];
    for (let index = 0; index < count; index += 1) ids.push(this.uint32());
    if (tag === Tag.Reference) creation = this.uint8();
    return new Reference(ids, node, creation);
  }

  /** A float term: a number, or a `Float` box when integral; NaN and infinities are errors. */
  floatTerm(value: number, offset: number): Float | number {
    if (!Number.isFinite(value)) throw this.error('a float must be finite', offset);
    return Number.isSafeInteger(value) ? new Float(value) : value;
  }

  float(offset: number): Float | number {
    this.need(8, 'NEW_FLOAT_EXT');
    const value = this.view.getFloat64(this.position);
    this.position += 8;
    return this.floatTerm(value, offset);
  }

  oldFloat(offset: number): Float | number {
    const text = this.take(31, 'FLOAT_EXT');
    const end = text.indexOf(0);
    const digits = String.fromCharCode(...(end === -1 ? text : text.subarray(0, end)));
    // What binary_to_term accepts (checked with erl): digits on both sides of the point.
    if (!/^[+-]?\d+\.\d+([eE][+-]?\d+)?$/.test(digits)) {
      throw this.error(`FLOAT_EXT text is not a number: ${JSON.stringify(digits)}`, offset);
    }
    return this.floatTerm(Number(digits), offset);
  }
}

function countCodePoints(text: string): number {
  let count = 0;
  for (let index = 0; index < text.length; index += 1) {
    const unit = text.charCodeAt(index);
    if (unit < 0xdc00 || unit > 0xdfff) count += 1;
  }
  return count;
}

function openFrame(
  stack: Frame[],
  kind: FrameKind,
  offset: number,
  remaining: number,
  fun?: Frame['fun'],
): typeof OPENED {
  const frame: Frame = { kind, offset, items: [], remaining, readingTail: false };
  stack.push(fun === undefined ? frame : { ...frame, fun });
  return OPENED;
}

/** Reads one value, or opens a container (returning OPENED) whose elements come next. */
function readValue(reader: Reader, stack: Frame[]): Term | typeof OPENED {
  const offset = reader.position;
  const tag = reader.uint8();
  switch (tag) {
    case Tag.SmallInteger:
      return reader.uint8();
    case Tag.Integer:
      return reader.int32();
    case Tag.SmallBig:
      return reader.big(reader.uint8());
    case Tag.LargeBig:
      return reader.big(reader.uint32());
    case Tag.NewFloat:
      return reader.float(offset);
    case Tag.Float:
      return reader.oldFloat(offset);
    case Tag.Atom:
    case Tag.SmallAtom:
    case Tag.AtomUtf8:
    case Tag.SmallAtomUtf8:
      return reader.atomBody(tag, offset);
    case Tag.SmallTuple:
    case Tag.LargeTuple: {
      const arity = tag === Tag.SmallTuple ? reader.uint8() : reader.uint32();
      if (arity === 0) return [];
      reader.need(arity, `a tuple of ${arity} elements`);
      return openFrame(stack, FrameKind.Tuple, offset, arity);
    }
    case Tag.Nil:
      return nil;
    case Tag.String: {
      const length = reader.uint16();
      reader.need(length, 'STRING_EXT');
      if (length === 0) return nil;
      const items = new Array<Term>(length);
      for (let index = 0; index < length; index += 1)
        items[index] = reader.bytes[reader.position + index]!;
      reader.position += length;
      return List.fromParts(items, nil);
    }
    case Tag.List: {
      const length = reader.uint32();
      reader.need(length + 1, `a list of ${length} elements and a tail`);
      openFrame(stack, FrameKind.List, offset, length);
      return length === 0 ? continueList(reader, stack) : OPENED;
    }
    case Tag.Map: {
      const size = reader.uint32();
      if (size === 0) return new Map();
      reader.need(2 * size, `a map of ${size} entries`);
      return openFrame(stack, FrameKind.Map, offset, 2 * size);
    }
    case Tag.Binary: {
      const length = reader.uint32();
      reader.need(length, 'BINARY_EXT');
      const start = reader.position;
      reader.position += length;
      if (length > SHORT_BINARY) return reader.bytes.slice(start, start + length);
      // A short copy by hand is cheaper than `slice` (measured in V8).
      const copy = new Uint8Array(length);
      for (let index = 0; index < length; index += 1) copy[index] = reader.bytes[start + index]!;
      return copy;
    }
    case Tag.BitBinary: {
      const length = reader.uint32();
      const bits = reader.uint8();
      if (length === 0 || bits < 1 || bits > 8) {
        throw reader.error(
          `BIT_BINARY_EXT of ${length} bytes cannot have ${bits} bits in its last byte`,
          offset,
        );
      }
      const bytes = reader.take(length, 'BIT_BINARY_EXT').slice();
      return bits === 8 ? bytes : new Bitstring(bytes, (length - 1) * 8 + bits);
    }
    case Tag.NewPid:
    case Tag.Pid:
      return reader.pidBody(tag);
    case Tag.Port:
    case Tag.NewPort:
    case Tag.V4Port:
      return reader.portBody(tag, offset);
    case Tag.Reference:
    case Tag.NewReference:
    case Tag.NewerReference:
      return reader.referenceBody(tag, offset);
    case Tag.Export: {
      const module = reader.atom('an export fun module');
      const name = reader.atom('an export fun name');
      const arityOffset = reader.position;
      const arity = reader.integer('an export fun arity');
      if (typeof arity !== 'number' || arity < 0 || arity > 255) {
        throw reader.error(`an export fun arity must be in 0..255, got ${arity}`, arityOffset);
      }
      return erlangFun({ kind: 'export', module, name, arity });
    }
    case Tag.NewFun:
      return openFun(reader, stack, offset);
    case Tag.AtomCacheReference:
      throw reader.error(
        'ATOM_CACHE_REF only occurs in terms sent over the distribution, after a distribution header',
        offset,
      );
    case Tag.DistributionHeader:
    case Tag.DistributionFragmentHeader:
      throw reader.error('a distribution header is not a term', offset);
    case Tag.Local:
      throw reader.error(
        'LOCAL_EXT (term_to_binary(T, [local])) can only be decoded by the node that wrote it',
        offset,
      );
    case Tag.Compressed:
      throw reader.error('a compressed term may only appear right after the version byte', offset);
    default:
      throw reader.error(`unknown tag ${tag}`, offset);
  }
}

function openFun(reader: Reader, stack: Frame[], offset: number): Term | typeof OPENED {
  const size = reader.uint32();
  // The size counts itself and everything after the tag.
  if (size < 4 || size - 4 > reader.bytes.length - reader.position) {
    throw reader.error(`NEW_FUN_EXT size ${size} does not fit the input`, offset);
  }
  const end = offset + 1 + size;
  const arity = reader.uint8();
  const uniq = reader.take(FUN_UNIQ_BYTES, 'a fun uniq').slice();
  const index = reader.uint32();
  const freeCount = reader.uint32();
  const module = reader.atom('a fun module');
  const oldIndex = reader.integer('a fun old index');
  const oldUniq = reader.integer('a fun old uniq');
  const pid = reader.pid('a fun pid');
  const fun = { module, arity, uniq, index, oldIndex, oldUniq, pid, end };
  if (freeCount === 0) return finishFun(reader, fun, []);
  reader.need(freeCount, `a fun with ${freeCount} free variables`);
  return openFrame(stack, FrameKind.Fun, offset, freeCount, fun);
}

function finishFun(reader: Reader, fun: NonNullable<Frame['fun']>, freeVariables: Term[]): Term {
  if (reader.position !== fun.end) {
    throw reader.error(`NEW_FUN_EXT declares it ends at byte ${fun.end}, but it ends here`);
  }
  const { module, arity, uniq, index, oldIndex, oldUniq, pid } = fun;
  return erlangFun({
    kind: 'local',
    module,
    arity,
    uniq,
    index,
    oldIndex,
    oldUniq,
    pid,
    freeVariables,
  });
}

/**
 * Called when the top frame, a list, has read all the elements announced so far: reads what
 * follows as its tail. A list tail continues the same frame; any other tail is read as a value.
 */
function continueList(reader: Reader, stack: Frame[]): Term | typeof OPENED {
  const frame = stack[stack.length - 1]!;
  for (;;) {
    const tag = reader.bytes[reader.position];
    if (tag === Tag.Nil) {
      reader.position += 1;
      stack.pop();
      return frame.items.length === 0 ? nil : List.fromParts(frame.items, nil);
    }
    if (tag === Tag.String) {
      reader.position += 1;
      const length = reader.uint16();
      const bytes = reader.take(length, 'STRING_EXT');
      for (const byte of bytes) frame.items.push(byte);
      stack.pop();
      return frame.items.length === 0 ? nil : List.fromParts(frame.items, nil);
    }
    if (tag === Tag.List) {
      reader.position += 1;
      const length = reader.uint32();
      reader.need(length + 1, `a list of ${length} elements and a tail`);
      if (length === 0) continue;
      frame.remaining = length;
      return OPENED;
    }
    frame.readingTail = true;
    frame.remaining = 1;
    return OPENED;
  }
}

let duplicateKey = false;

/** Map-key order that notes equal keys: a comparison sort compares every adjacent pair. */
function byKeyNotingDuplicates(left: Term, right: Term): number {
  const order = compareExact(left, right);
  if (order === 0) duplicateKey = true;
  return order;
}

function finishMap(reader: Reader, frame: Frame): Term {
  const { items } = frame;
  const map = new Map<Term, Term>();
  let onlyPrimitiveKeys = true;
  for (let index = 0; index < items.length; index += 2) {
    const key = items[index]!;
    if (typeof key === 'object' || typeof key === 'function') onlyPrimitiveKeys = false;
    map.set(key, items[index + 1]!);
  }
  // Decoded numbers, bigints and atoms are canonical JS values, so equal ones collapse in the
  // JS Map. Equal compound keys (two equal tuples, binaries or Float boxes) are distinct JS
  // values: sorting in map-key order finds them.
  duplicateKey = map.size !== items.length / 2;
  if (!duplicateKey && !onlyPrimitiveKeys && items.length > 2) {
    const keys: Term[] = [];
    for (let index = 0; index < items.length; index += 2) keys.push(items[index]!);
    keys.sort(byKeyNotingDuplicates);
  }
  if (duplicateKey) throw reader.error('map has a duplicate key', frame.offset);
  return map;
}

/** Reads one complete term at the reader's position. */
function readTerm(reader: Reader): Term {
  const stack: Frame[] = [];
  for (;;) {
    let value = readValue(reader, stack);
    // Hand finished values up to their containers, closing every container that is complete.
    while (value !== OPENED) {
      const frame = stack[stack.length - 1];
      if (frame === undefined) return value;
      if (frame.readingTail) {
        stack.pop();
        value = frame.items.length === 0 ? value : List.fromParts(frame.items, value);
        continue;
      }
      frame.items.push(value);
      frame.remaining -= 1;
      if (frame.remaining > 0) break;
      switch (frame.kind) {
        case FrameKind.List:
          value = continueList(reader, stack);
          break;
        case FrameKind.Tuple:
          stack.pop();
          value = frame.items;
          break;
        case FrameKind.Map:
          stack.pop();
          value = finishMap(reader, frame);
          break;
        default:
          stack.pop();
          value = finishFun(reader, frame.fun!, frame.items);
      }
    }
  }
}

function inflate(
  bytes: Uint8Array,
  start: number,
  maxSize: number,
): { data: Uint8Array; used: number } {
  const reader = new Reader(bytes, start, '');
  const size = reader.uint32();
  if (size > maxSize) {
    throw reader.error(
      `compressed term declares ${size} bytes, above the limit of ${maxSize}`,
      start,
    );
  }
  let result: { buffer: Buffer; engine: { bytesWritten: number } };
  try {
    result = inflateSync(bytes.subarray(start + 4), {
      info: true,
      maxOutputLength: Math.max(size, 1),
    }) as unknown as { buffer: Buffer; engine: { bytesWritten: number } };
  } catch (error) {
    throw reader.error(
      `compressed data does not inflate to ${size} bytes (${(error as Error).message})`,
      start + 4,
    );
  }
  if (result.buffer.length !== size) {
    throw reader.error(
      `compressed data inflates to ${result.buffer.length} bytes, not the declared ${size}`,
      start + 4,
    );
  }
  return { data: result.buffer, used: 4 + result.engine.bytesWritten };
}

/**
 * The term that External Term Format `bytes` stand for, as `binary_to_term/1` reads them.
 * With `{ used: true }`, bytes after the term are allowed and the result says how many were read.
 * @throws DecodeError, with the byte offset, for a wrong version byte, truncated input, an
 * unknown or distribution-only tag, an atom that is not valid UTF-8 or too long, a map with a
 * duplicate key, a bad bit count, a non-finite float, a compressed term that does not inflate to
 * its declared size, or (without `used`) bytes after the term.
 */
export function decode(bytes: Uint8Array, options: DecodeOptions & { used: true }): DecodeResult;
export function decode(bytes: Uint8Array, options?: DecodeOptions & { used?: false }): Term;
export function decode(bytes: Uint8Array, options: DecodeOptions): Term | DecodeResult;
export function decode(bytes: Uint8Array, options: DecodeOptions = {}): Term | DecodeResult {
  if (!(bytes instanceof Uint8Array)) {
    throw new DecodeError('decode needs a Uint8Array', 0);
  }
  const reader = new Reader(bytes, 0, '');
  const version = reader.uint8();
  if (version !== VERSION) {
    throw reader.error(`the version byte must be ${VERSION}, got ${version}`, 0);
  }
  let term: Term;
  let used: number;
  if (bytes[1] === Tag.Compressed) {
    const inflated = inflate(
      bytes,
      2,
      options.maxDecompressedSize ?? DEFAULT_MAX_DECOMPRESSED_SIZE,
    );
    const inner = new Reader(inflated.data, 0, ' of the inflated data');
    term = readTerm(inner);
    if (inner.position !== inflated.data.length) {
      throw inner.error('the inflated data has bytes after its term');
    }
    used = 2 + inflated.used;
  } else {
    term = readTerm(reader);
    used = reader.position;
  }
  if (options.used === true) return { term, bytesUsed: used };
  if (used !== bytes.length) {
    throw new DecodeError(
      `${bytes.length - used} bytes after the term (decode with { used: true } to allow them)`,
      used,
    );
  }
  return term;
}
