/**
 * The byte layout of an OTP `disk_log` halt log in internal format, the container `ets:tab2file`
 * writes: a writer that builds a file, and a reader that reproduces what `disk_log:chunk/3` and
 * `disk_log:bchunk/3` return for a log opened `read_only`.
 *
 * Layout (OTP's `disk_log.hrl` and `disk_log_1.erl`, version 2(a)):
 * - an 8-byte file head: `<<1,2,3,4>>` (LOGMAGIC) then `<<99,88,77,11>>` (closed) or
 *   `<<6,7,8,9>>` (opened, not closed);
 * - items: `<<Size:32, 16#62574C41:32, Bin:Size/binary>>` where `Bin` is `term_to_binary(Term)`;
 *   when `Size >= 65528` (a chunk less an item header) an MD5 of the 4 size bytes sits between
 *   the magic and `Bin`, so that a damaged size is detected. The older magic `<<12,33,44,55>>`
 *   (version 2, no MD5 for big items) is still read.
 *
 * The reader follows `disk_log_1:chunk_read_only` step by step (positions relative to the end of
 * the file head, reads of at most 64 KiB unless an item needs more, a byte skipped and counted as
 * bad where no item header starts, at most `n` items per chunk) and `disk_log:ichunk_bad_end`
 * (a binary that does not decode ends the chunk; its bytes count as bad and reading resumes after
 * it). `ets:file2tab` depends on those details: it verifies by the bad-byte count, and it only
 * recognises the end-of-table marker as the last term of a chunk.
 */
import { createHash } from 'node:crypto';
import { decode, encode, type Term } from '@tsunami/core';

/** The size of the file head (magic plus open/closed status). */
export const FILE_HEAD_SIZE = 8;
/** The size of an item header (size plus magic). */
const ITEM_HEADER_SIZE = 8;
/** Items whose binary is at least this long carry an MD5 of their size bytes. */
const MIN_MD5_TERM = 65528;
/** The most bytes read at a time. */
const MAX_CHUNK_SIZE = 65536;
const MD5_SIZE = 16;

const LOG_MAGIC = [1, 2, 3, 4] as const;
const CLOSED = [99, 88, 77, 11] as const;
const OPENED = [6, 7, 8, 9] as const;
/** Version 2(a) item magic, `<<98,87,76,65>>`. */
const BIG_MAGIC = 0x62574c41;
/** Version 2 item magic, `<<12,33,44,55>>`. */
const OLD_MAGIC = 0x0c212c37;

/** The file head of a closed log. */
export const CLOSED_FILE_HEAD: Uint8Array = Uint8Array.from([...LOG_MAGIC, ...CLOSED]);
/** The file head of a log being written (disk_log marks it closed when it closes the log). */
export const OPENED_FILE_HEAD: Uint8Array = Uint8Array.from([...LOG_MAGIC, ...OPENED]);

/** What `disk_log_1:is_head/1` says about the first 8 bytes. */
export function isLogHead(head: Uint8Array): 'yes' | 'yes_not_closed' | 'no' {
  if (head.length !== FILE_HEAD_SIZE) return 'no';
  if (!LOG_MAGIC.every((byte, index) => head[index] === byte)) return 'no';
  if (CLOSED.every((byte, index) => head[4 + index] === byte)) return 'yes';
  if (OPENED.every((byte, index) => head[4 + index] === byte)) return 'yes_not_closed';
  return 'no';
}

function md5(bytes: Uint8Array): Uint8Array {
  return new Uint8Array(createHash('md5').update(bytes).digest());
}

/** Writes `value` as 4 big-endian bytes at `offset` (no DataView: this runs once per item). */
function writeUint32(bytes: Uint8Array, offset: number, value: number): void {
  bytes[offset] = value >>> 24;
  bytes[offset + 1] = (value >>> 16) & 0xff;
  bytes[offset + 2] = (value >>> 8) & 0xff;
  bytes[offset + 3] = value & 0xff;
}

function sizeBytes(size: number): Uint8Array {
  const bytes = new Uint8Array(4);
  writeUint32(bytes, 0, size);
  return bytes;
}

/** The bytes of one logged item holding `binary` (a `term_to_binary` result). */
export function logItem(binary: Uint8Array): Uint8Array {
  const size = binary.length;
  const withMd5 = size >= MIN_MD5_TERM;
  const item = new Uint8Array(ITEM_HEADER_SIZE + (withMd5 ? MD5_SIZE : 0) + size);
  writeUint32(item, 0, size);
  writeUint32(item, 4, BIG_MAGIC);
  let offset = ITEM_HEADER_SIZE;
  if (withMd5) {
    item.set(md5(sizeBytes(size)), offset);
    offset += MD5_SIZE;
  }
  item.set(binary, offset);
  return item;
}

/**
 * Where the next chunk starts: `position` (after the file head), and either the bytes already
 * read from there (`buffer`), the number of bytes the next item needs, or nothing (`undefined`).
 */
export interface Continuation {
  readonly position: number;
  readonly buffer: Uint8Array | number | undefined;
}

/** The continuation `disk_log:chunk(Log, start, N)` starts from. */
export const START: Continuation = { position: 0, buffer: undefined };

/** A chunk of raw item binaries with the count of bad bytes skipped, or the end of the log. */
export type BinaryChunk =
  | { readonly next: Continuation; readonly binaries: Uint8Array[]; readonly bad: number }
  | 'eof';

/** A chunk of decoded terms, as `disk_log:chunk/3` on a read-only log. */
export type TermChunk =
  | { readonly next: Continuation; readonly terms: Term[]; readonly bad: number }
  | 'eof';

const readUint32 = (bytes: Uint8Array, offset: number): number =>
  bytes[offset]! * 0x1000000 +
  ((bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!);

const sameBytes = (left: Uint8Array, right: Uint8Array): boolean =>
  left.length === right.length && left.every((byte, index) => byte === right[index]);

/** A read-only view of a whole log file, read chunk by chunk as `disk_log` does. */
export class DiskLogReader {
  constructor(private readonly file: Uint8Array) {}

  /** `disk_log:bchunk/3`: up to `count` item binaries from `continuation`. */
  binaryChunk(continuation: Continuation, count: number): BinaryChunk {
    let current = continuation;
    for (;;) {
      const { buffer, position } = current;
      let chunk: { next: Continuation; binaries: Uint8Array[]; bad: number };
      if (buffer instanceof Uint8Array) {
        chunk = this.handle(buffer, position, count);
      } else {
        const want = buffer === undefined ? MAX_CHUNK_SIZE : Math.max(buffer, MAX_CHUNK_SIZE);
        const start = FILE_HEAD_SIZE + position;
        if (start >= this.file.length) return 'eof';
        const read = this.file.subarray(start, start + want);
        if (read.length < ITEM_HEADER_SIZE) {
          return {
            next: { position: position + read.length, buffer: undefined },
            binaries: [],
            bad: read.length,
          };
        }
        if (buffer !== undefined && read.length < buffer) {
          return {
            next: { position: position + read.length, buffer: undefined },
            binaries: [],
            bad: read.length - ITEM_HEADER_SIZE,
          };
        }
        chunk = this.handle(read, position + read.length, count);
      }
      if (chunk.binaries.length > 0 || chunk.bad > 0) return chunk;
      current = chunk.next;
    }
  }

  /** `disk_log:chunk/3`: as {@link binaryChunk}, decoded; a binary that fails ends the chunk. */
  termChunk(continuation: Continuation, count: number): TermChunk {
    const chunk = this.binaryChunk(continuation, count);
    if (chunk === 'eof') return chunk;
    const terms: Term[] = [];
    for (let index = 0; index < chunk.binaries.length; index += 1) {
      const binary = chunk.binaries[index]!;
      const term = decodeOrUndefined(binary);
      if (term === undefined) {
        // disk_log re-reads from just after the bad binary, and drops any buffered bytes.
        const reread = chunk.binaries
          .slice(index + 1)
          .reduce((sum, rest) => sum + rest.length + ITEM_HEADER_SIZE, 0);
        return {
          next: { position: chunk.next.position - reread, buffer: undefined },
          terms,
          bad: chunk.bad + binary.length,
        };
      }
      terms.push(term);
    }
    return { next: chunk.next, terms, bad: chunk.bad };
  }

  /** `disk_log_1:handle_chunk_ro/5`: items from `bytes`, which end at `position`. */
  private handle(
    initial: Uint8Array,
    position: number,
    initialCount: number,
  ): { next: Continuation; binaries: Uint8Array[]; bad: number } {
    let bytes = initial;
    let count = initialCount;
    let bad = 0;
    const binaries: Uint8Array[] = [];
    const backTo = (): Continuation => ({ position: position - bytes.length, buffer: undefined });
    for (;;) {
      if (bytes.length < ITEM_HEADER_SIZE) return { next: backTo(), binaries, bad };
      if (count === 0) return { next: { position, buffer: bytes }, binaries, bad };
      const size = readUint32(bytes, 0);
      const magic = readUint32(bytes, 4);
      const tail = bytes.subarray(ITEM_HEADER_SIZE);
      if (magic === BIG_MAGIC && size >= MIN_MD5_TERM) {
        const expected = md5(sizeBytes(size));
        if (tail.length >= MD5_SIZE && sameBytes(tail.subarray(0, MD5_SIZE), expected)) {
          if (tail.length === MD5_SIZE + size) {
            binaries.push(tail.subarray(MD5_SIZE));
            return { next: { position, buffer: undefined }, binaries, bad };
          }
          return {
            next: { position: position - bytes.length, buffer: size + ITEM_HEADER_SIZE + MD5_SIZE },
            binaries,
            bad,
          };
        }
        if (tail.length >= MD5_SIZE + 1) {
          bytes = tail.subarray(MD5_SIZE + 1);
          count -= 1;
          bad += 1;
          continue;
        }
        return { next: backTo(), binaries, bad };
      }
      if (magic === BIG_MAGIC || magic === OLD_MAGIC) {
        if (tail.length >= size) {
          binaries.push(tail.subarray(0, size));
          bytes = tail.subarray(size);
          count -= 1;
          continue;
        }
        return {
          next: { position: position - bytes.length, buffer: size + ITEM_HEADER_SIZE },
          binaries,
          bad,
        };
      }
      bytes = bytes.subarray(1);
      count -= 1;
      bad += 1;
    }
  }
}

/**
 * `binary_to_term/1`: the term at the start of `binary`. Like erl, bytes after the term are
 * ignored (a damaged item size can make an item longer than its term).
 */
export function binaryToTerm(binary: Uint8Array): Term {
  return decode(binary, { used: true }).term;
}

function decodeOrUndefined(binary: Uint8Array): Term | undefined {
  try {
    return binaryToTerm(binary);
  } catch {
    return undefined;
  }
}

/** `term_to_binary(Term)`, the form every item holds. */
export function termToBinary(term: Term): Uint8Array {
  return encode(term);
}

/** MD5 over a sequence of binaries, as `erlang:md5_init/update/final`. */
export class Md5 {
  private readonly hash = createHash('md5');

  update(bytes: Uint8Array): this {
    this.hash.update(bytes);
    return this;
  }

  digest(): Uint8Array {
    return new Uint8Array(this.hash.digest());
  }
}
