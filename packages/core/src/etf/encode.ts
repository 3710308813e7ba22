/**
 * `encode`: a term to External Term Format bytes, as OTP 27's `term_to_binary/1,2` writes them.
 *
 * Algorithm: one pass over the term with an explicit stack of terms still to write (children are
 * pushed in reverse), so depth costs heap, not call stack; bytes go into a growable buffer through
 * a `DataView`, strings through `TextEncoder.encodeInto`. The encoding choices are OTP 26+'s
 * (`erts/emulator/beam/external.c`, checked against `erl`): SMALL_INTEGER_EXT for 0..255,
 * INTEGER_EXT for other 32-bit integers, SMALL_BIG_EXT/LARGE_BIG_EXT beyond; NEW_FLOAT_EXT;
 * SMALL_ATOM_UTF8_EXT (ATOM_UTF8_EXT past 255 bytes); STRING_EXT for a proper list of at most
 * 65535 integers in 0..255, else LIST_EXT with every element and then the tail; NEW_PID_EXT,
 * V4_PORT_EXT, NEWER_REFERENCE_EXT; EXPORT_EXT and NEW_FUN_EXT for funs that `decode` made.
 *
 * Map keys are written in map-key order (`compareExact` in `compare.ts`). That is OTP's own
 * order for maps of at most 32 keys on OTP 25, and the order of `term_to_binary(T,
 * [deterministic])` for all maps; plain OTP 26+ writes atom keys of small maps in atom-table
 * order and large maps in hash order, neither of which is reproducible outside that VM.
 *
 * Compression (`{ compressed }`) deflates the encoded term with `node:zlib` and, like OTP, keeps
 * the uncompressed form when the compressed one would be longer.
 */
import { deflateSync } from 'node:zlib';
import { compareExact } from '../compare.js';
import { Kind, kindOf } from '../kind.js';
import {
  atomName,
  type Bitstring,
  Float,
  type List,
  type Pid,
  type Port,
  type Reference,
  type Term,
  TermError,
} from '../term.js';
import { funDescription } from './fun.js';
import { Tag, VERSION } from './tags.js';

/** Options for {@link encode}. */
export interface EncodeOptions {
  /**
   * Compress with zlib, as `term_to_binary(T, [compressed])` (`true`, level 6) or
   * `[{compressed, Level}]` (a level 0..9). The result stays uncompressed when that is shorter.
   */
  readonly compressed?: boolean | number;
}

const DEFAULT_COMPRESSION_LEVEL = 6;
const MAX_STRING_EXT_LENGTH = 65535;
const MAX_INTEGER_EXT = 2 ** 31 - 1;
const MIN_INTEGER_EXT = -(2 ** 31);
const INITIAL_CAPACITY = 256;
const RETAINED_CAPACITY = 1 << 20;
/** Byte arrays up to this length are copied by a loop rather than `set`. */
const SHORT_BYTES = 32;
/** Strings up to this many code units are tried as ASCII before `encodeInto`. */
const SHORT_TEXT = 64;

const utf8 = new TextEncoder();

/**
 * A marker on the stack after a NEW_FUN_EXT's parts: when popped, the bytes from `start + 1` (the
 * size field itself) to here are the fun's size, written into that field.
 */
class SizePatch {
  constructor(readonly start: number) {}
}

/** A growable byte buffer. The module keeps one and reuses it, since `encode` is not re-entrant. */
class Writer {
  bytes = new Uint8Array(INITIAL_CAPACITY);
  view = new DataView(this.bytes.buffer);
  position = 0;

  reserve(extra: number): void {
    const needed = this.position + extra;
    if (needed <= this.bytes.length) return;
    let capacity = this.bytes.length * 2;
    while (capacity < needed) capacity *= 2;
    const grown = new Uint8Array(capacity);
    grown.set(this.bytes.subarray(0, this.position));
    this.bytes = grown;
    this.view = new DataView(grown.buffer);
  }

  byte(value: number): void {
    this.reserve(1);
    this.bytes[this.position] = value;
    this.position += 1;
  }

  byteAndUint32(tag: number, value: number): void {
    this.reserve(5);
    this.bytes[this.position] = tag;
    this.view.setUint32(this.position + 1, value);
    this.position += 5;
  }

  uint16(value: number): void {
    this.reserve(2);
    this.view.setUint16(this.position, value);
    this.position += 2;
  }

  uint32(value: number): void {
    this.reserve(4);
    this.view.setUint32(this.position, value);
    this.position += 4;
  }

  raw(bytes: Uint8Array): void {
    const { length } = bytes;
    this.reserve(length);
    if (length <= SHORT_BYTES) {
      // A short copy by hand is cheaper than `set` (measured in V8); atoms take this path.
      const target = this.bytes;
      const start = this.position;
      for (let index = 0; index < length; index += 1) target[start + index] = bytes[index]!;
    } else {
      this.bytes.set(bytes, this.position);
    }
    this.position += length;
  }

  /** Writes `tag`, a 4-byte length and the UTF-8 of `text`. */
  taggedUtf8(tag: number, text: string): void {
    this.reserve(5 + text.length * 3);
    const start = this.position + 5;
    let written = 0;
    // Short ASCII text is copied directly: cheaper than a subarray and an encodeInto call.
    if (text.length <= SHORT_TEXT) {
      const { bytes } = this;
      for (; written < text.length; written += 1) {
        const unit = text.charCodeAt(written);
        if (unit >= 0x80) break;
        bytes[start + written] = unit;
      }
    }
    if (written < text.length) {
      written = utf8.encodeInto(text, this.bytes.subarray(start)).written;
    }
    this.bytes[this.position] = tag;
    this.view.setUint32(this.position + 1, written);
    this.position = start + written;
  }

  take(): Uint8Array {
    const result = this.bytes.slice(0, this.position);
    this.position = 0;
    if (this.bytes.length > RETAINED_CAPACITY) {
      this.bytes = new Uint8Array(INITIAL_CAPACITY);
      this.view = new DataView(this.bytes.buffer);
    }
    return result;
  }
}

const writer = new Writer();

/** Atom encodings (tag, length, name), kept because the same atoms are written again and again. */
const atomCache = new Map<Term, Uint8Array>();
const ATOM_CACHE_LIMIT = 4096;

function atomBytes(value: symbol | boolean): Uint8Array {
  const cached = atomCache.get(value);
  if (cached !== undefined) return cached;
  const name = utf8.encode(atomName(value));
  const short = name.length <= 255;
  const bytes = new Uint8Array(name.length + (short ? 2 : 3));
  if (short) {
    bytes[0] = Tag.SmallAtomUtf8;
    bytes[1] = name.length;
    bytes.set(name, 2);
  } else {
    bytes[0] = Tag.AtomUtf8;
    bytes[1] = name.length >>> 8;
    bytes[2] = name.length & 0xff;
    bytes.set(name, 3);
  }
  if (atomCache.size < ATOM_CACHE_LIMIT) atomCache.set(value, bytes);
  return bytes;
}

function writeInteger(value: number | bigint): void {
  if (typeof value === 'bigint') {
    if (value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)) {
      writeInteger(Number(value));
      return;
    }
    writeBig(value);
    return;
  }
  if (value >= 0 && value <= 255) {
    writer.reserve(2);
    writer.bytes[writer.position] = Tag.SmallInteger;
    writer.bytes[writer.position + 1] = value;
    writer.position += 2;
  } else if (value >= MIN_INTEGER_EXT && value <= MAX_INTEGER_EXT) {
    writer.reserve(5);
    writer.bytes[writer.position] = Tag.Integer;
    writer.view.setInt32(writer.position + 1, value);
    writer.position += 5;
  } else {
    // A safe integer beyond 32 bits: at most 7 bytes of magnitude, exact in doubles.
    let magnitude = Math.abs(value);
    writer.reserve(10);
    const start = writer.position;
    writer.bytes[start] = Tag.SmallBig;
    writer.bytes[start + 2] = value < 0 ? 1 : 0;
    let count = 0;
    while (magnitude > 0) {
      writer.bytes[start + 3 + count] = magnitude % 256;
      magnitude = Math.floor(magnitude / 256);
      count += 1;
    }
    writer.bytes[start + 1] = count;
    writer.position = start + 3 + count;
  }
}

function writeBig(value: bigint): void {
  const negative = value < 0n;
  let hex = (negative ? -value : value).toString(16);
  if (hex.length % 2 === 1) hex = `0${hex}`;
  const count = hex.length / 2;
  if (count <= 255) {
    writer.reserve(3 + count);
    writer.bytes[writer.position] = Tag.SmallBig;
    writer.bytes[writer.position + 1] = count;
    writer.position += 2;
  } else {
    writer.byteAndUint32(Tag.LargeBig, count);
    writer.reserve(1 + count);
  }
  writer.bytes[writer.position] = negative ? 1 : 0;
  const digits = writer.position + 1;
  // Little-endian: the last hex pair is the least significant byte.
  for (let index = 0; index < count; index += 1) {
    const at = hex.length - 2 * (index + 1);
    writer.bytes[digits + index] = Number.parseInt(hex.slice(at, at + 2), 16);
  }
  writer.position = digits + count;
}

function writeFloat(value: number): void {
  writer.reserve(9);
  writer.bytes[writer.position] = Tag.NewFloat;
  writer.view.setFloat64(writer.position + 1, value);
  writer.position += 9;
}

function writeBinary(value: string | Uint8Array): void {
  if (typeof value === 'string') {
    if (!value.isWellFormed()) {
      throw new TermError(
        'a string binary must be well-formed UTF-16 (use a Uint8Array for raw bytes)',
      );
    }
    writer.taggedUtf8(Tag.Binary, value);
    return;
  }
  writer.byteAndUint32(Tag.Binary, value.length);
  writer.raw(value);
}

function writeBitstring(value: Bitstring): void {
  writer.byteAndUint32(Tag.BitBinary, value.bytes.length);
  writer.byte(value.bitLength % 8);
  writer.raw(value.bytes);
}

function writePid(value: Pid): void {
  writer.byte(Tag.NewPid);
  writer.raw(atomBytes(value.node));
  writer.reserve(12);
  writer.view.setUint32(writer.position, value.id);
  writer.view.setUint32(writer.position + 4, value.serial);
  writer.view.setUint32(writer.position + 8, value.creation);
  writer.position += 12;
}

function writePort(value: Port): void {
  writer.byte(Tag.V4Port);
  writer.raw(atomBytes(value.node));
  writer.reserve(12);
  writer.view.setUint32(writer.position, Math.floor(value.id / 2 ** 32));
  writer.view.setUint32(writer.position + 4, value.id % 2 ** 32);
  writer.view.setUint32(writer.position + 8, value.creation);
  writer.position += 12;
}

function writeReference(value: Reference): void {
  writer.byte(Tag.NewerReference);
  writer.uint16(value.ids.length);
  writer.raw(atomBytes(value.node));
  writer.uint32(value.creation);
  for (const word of value.ids) writer.uint32(word);
}

function isByteList(value: List): boolean {
  if (!value.isProper) return false;
  const { items } = value;
  if (items.length > MAX_STRING_EXT_LENGTH) return false;
  for (let index = 0; index < items.length; index += 1) {
    const item = items[index];
    if (typeof item === 'number') {
      if (!(item >= 0 && item <= 255 && Number.isInteger(item))) return false;
    } else if (typeof item !== 'bigint' || item < 0n || item > 255n) {
      return false;
    }
  }
  return true;
}

function pushReversed(stack: unknown[], items: readonly Term[]): void {
  for (let index = items.length - 1; index >= 0; index -= 1) stack.push(items[index]);
}

function writeList(value: List, stack: unknown[]): void {
  if (isByteList(value)) {
    const { items } = value;
    writer.reserve(3 + items.length);
    writer.bytes[writer.position] = Tag.String;
    writer.view.setUint16(writer.position + 1, items.length);
    let at = writer.position + 3;
    for (const item of items) {
      writer.bytes[at] = Number(item);
      at += 1;
    }
    writer.position = at;
    return;
  }
  writer.byteAndUint32(Tag.List, value.items.length);
  stack.push(value.tail);
  pushReversed(stack, value.items);
}

/** Set by {@link byKeyNotingDuplicates} (and the two-key case) when two keys are one term. */
let duplicateKey = false;

/** Map-key order that notes equal keys: a comparison sort compares every adjacent pair. */
function byKeyNotingDuplicates(left: Term, right: Term): number {
  const order = compareExact(left, right);
  if (order === 0) duplicateKey = true;
  return order;
}

function writeMap(value: Term, stack: unknown[]): void {
  const map = value instanceof Map ? (value as ReadonlyMap<Term, Term>) : undefined;
  const record = value as { readonly [key: string]: Term };
  let keys: Term[];
  if (map === undefined) {
    keys = Object.keys(record);
  } else {
    keys = [];
    map.forEach((_item, key) => {
      keys.push(key);
    });
  }
  duplicateKey = false;
  if (keys.length === 2) {
    const order = compareExact(keys[0]!, keys[1]!);
    if (order > 0) keys.reverse();
    duplicateKey = order === 0;
  } else if (keys.length > 2) {
    keys.sort(byKeyNotingDuplicates);
  }
  if (duplicateKey) {
    throw new TermError('a map has two keys that are the same term (such as 1 and 1n)');
  }
  writer.byteAndUint32(Tag.Map, keys.length);
  for (let index = keys.length - 1; index >= 0; index -= 1) {
    const key = keys[index]!;
    stack.push(map === undefined ? record[key as string] : map.get(key), key);
  }
}

function writeFun(value: Function, stack: unknown[]): void {
  const description = funDescription(value);
  if (description === undefined) {
    throw new TermError(
      'a JS function has no external term form: only funs made by decode can be encoded',
    );
  }
  if (description.kind === 'export') {
    writer.byte(Tag.Export);
    writer.raw(atomBytes(description.module));
    writer.raw(atomBytes(description.name));
    writeInteger(description.arity);
    return;
  }
  const start = writer.position;
  writer.byteAndUint32(Tag.NewFun, 0);
  writer.byte(description.arity);
  writer.raw(description.uniq);
  writer.uint32(description.index);
  writer.uint32(description.freeVariables.length);
  writer.raw(atomBytes(description.module));
  writeInteger(description.oldIndex);
  writeInteger(description.oldUniq);
  writePid(description.pid);
  stack.push(new SizePatch(start));
  pushReversed(stack, description.freeVariables);
}

function writeTerms(root: Term): void {
  const stack: unknown[] = [root];
  while (stack.length > 0) {
    const value = stack.pop() as Term;
    // The commonest scalars first, without classifying them.
    if (typeof value === 'number' && Number.isSafeInteger(value)) {
      writeInteger(value);
      continue;
    }
    if (typeof value === 'symbol' || typeof value === 'boolean') {
      const cached = atomCache.get(value);
      if (cached !== undefined) {
        writer.raw(cached);
        continue;
      }
    }
    switch (kindOf(value)) {
      case Kind.Integer:
        writeInteger(value as number | bigint);
        break;
      case Kind.Float:
        writeFloat(value instanceof Float ? value.value : (value as number));
        break;
      case Kind.Atom:
        writer.raw(atomBytes(value as symbol | boolean));
        break;
      case Kind.Binary:
        writeBinary(value as string | Uint8Array);
        break;
      case Kind.Bitstring:
        writeBitstring(value as Bitstring);
        break;
      case Kind.Tuple: {
        const items = value as readonly Term[];
        if (items.length <= 255) {
          writer.reserve(2);
          writer.bytes[writer.position] = Tag.SmallTuple;
          writer.bytes[writer.position + 1] = items.length;
          writer.position += 2;
        } else {
          writer.byteAndUint32(Tag.LargeTuple, items.length);
        }
        pushReversed(stack, items);
        break;
      }
      case Kind.Nil:
        writer.byte(Tag.Nil);
        break;
      case Kind.List:
        writeList(value as List, stack);
        break;
      case Kind.Map:
        writeMap(value, stack);
        break;
      case Kind.Pid:
        writePid(value as Pid);
        break;
      case Kind.Port:
        writePort(value as Port);
        break;
      case Kind.Reference:
        writeReference(value as Reference);
        break;
      case Kind.Fun:
        writeFun(value as Function, stack);
        break;
      default:
        if (value instanceof SizePatch) {
          writer.view.setUint32(value.start + 1, writer.position - value.start - 1);
          break;
        }
        throw new TermError(`not a term: ${describe(value)}`);
    }
  }
}

function describe(value: unknown): string {
  if (typeof value === 'symbol') return `unregistered ${String(value)}`;
  if (typeof value === 'object' && value !== null) {
    return `an instance of ${value.constructor?.name ?? 'a null-prototype class'}`;
  }
  return String(value);
}

function compressionLevel(compressed: boolean | number | undefined): number | undefined {
  if (compressed === undefined || compressed === false) return undefined;
  if (compressed === true) return DEFAULT_COMPRESSION_LEVEL;
  if (!Number.isInteger(compressed) || compressed < 0 || compressed > 9) {
    throw new TermError(`compression level must be an integer in 0..9, got ${compressed}`);
  }
  return compressed;
}

/**
 * The External Term Format bytes of `term`, as OTP's `term_to_binary(Term)` (or, with
 * `compressed`, `term_to_binary(Term, [{compressed, Level}])`) returns them. Map keys are
 * written in map-key order, which is `[deterministic]`'s order; see the module comment.
 * @throws TermError when `term` holds a value that is not a term, a string that is not
 * well-formed UTF-16, a JS function that `decode` did not make, or a map with two equal keys.
 */
export function encode(term: Term, options: EncodeOptions = {}): Uint8Array {
  const level = compressionLevel(options.compressed);
  writer.position = 0;
  writer.byte(VERSION);
  try {
    writeTerms(term);
  } catch (error) {
    writer.take();
    throw error;
  }
  const plain = writer.take();
  if (level === undefined) return plain;
  const deflated = deflateSync(plain.subarray(1), { level });
  // Like erl, keep the compressed form unless it is longer (a tie compresses; checked with erl).
  if (6 + deflated.length > plain.length) return plain;
  const result = new Uint8Array(6 + deflated.length);
  result[0] = VERSION;
  result[1] = Tag.Compressed;
  new DataView(result.buffer).setUint32(2, plain.length - 1);
  result.set(deflated, 6);
  return result;
}
