/**
 * `ets:tab2file/2,3`, `ets:file2tab/1,2` and `ets:tabfile_info/1` in OTP's own file format, so
 * that files move both ways between Tsunami and real Erlang.
 *
 * Format and algorithm (OTP's `lib/stdlib/src/ets.erl`, checked byte for byte against files
 * written by OTP 25 and 27): a `disk_log` halt log (see `disk-log-format.ts`) whose first item is
 * a header tuple, `list_to_tuple(ets:info(Tab) ++ [{major_version,1}, {minor_version,0},
 * {extended_info, Ext}])`, followed by one item per object and, when `Ext` is not empty, a last
 * item `['$end_of_table', [{count, N}, {md5, Digest}]]` (the parts `Ext` names). The MD5 covers
 * the `term_to_binary` bytes of the header and of every object, in file order.
 *
 * Reading reproduces `file2tab`'s decisions, including its quirks: with `{verify, true}` the
 * header is read raw and the major version is looked up under the key `major` (so it is taken as
 * 0); without verify, bad bytes are skipped and a chunk that yields no term ends the load; the end
 * marker counts only as the last term of a chunk. Results are OTP's return values as terms:
 * `ok`, `[ok, Value]` or `[error, Reason]`, with the reasons OTP gives. File names inside
 * reasons are the JS strings passed in (binaries in Tsunami's term model, where OTP shows the
 * charlist it was given). Where OTP raises rather than returns on a damaged file (a header that
 * does not decode under verify, a malformed header field, an object that is not a tuple), this
 * raises too: `DecodeError` or {@link EtsError}. OTP's undocumented `{table, Tab}` option of
 * `file2tab` is not offered.
 *
 * Invariants: a failed `tab2file` leaves no file behind (as OTP, which deletes it); a failed
 * `file2tab` leaves no table behind.
 */
import {
  closeSync,
  fsyncSync,
  lstatSync,
  openSync,
  readFileSync,
  unlinkSync,
  writeSync,
} from 'node:fs';
import {
  type Atom,
  atom,
  atomName,
  compare,
  exactEquals,
  isAtom,
  List,
  list,
  nil,
  type Term,
  type Tuple,
  undefinedAtom,
} from '@tsunami/core';
import {
  binaryToTerm,
  CLOSED_FILE_HEAD,
  type Continuation,
  DiskLogReader,
  FILE_HEAD_SIZE,
  isLogHead,
  logItem,
  Md5,
  OPENED_FILE_HEAD,
  START,
  termToBinary,
} from './disk-log-format.js';
import { EtsError } from './errors.js';
import type { Ets, TableId } from './ets.js';
import type { Access, TableOptions } from './options.js';
import type { TableType } from './store.js';

/** An item of `{extended_info, [...]}`: what the file footer records for verification. */
export type ExtendedInfo = 'object_count' | 'md5sum';

/** Options of {@link Ets.tab2file}, as `ets:tab2file/3`'s option list. */
export interface TabToFileOptions {
  /** `{extended_info, [...]}`: write the object count and/or an MD5 sum in a footer. */
  readonly extendedInfo?: readonly (ExtendedInfo | Atom)[];
  /** `{sync, true}`: flush the file to disk before returning. Default false. */
  readonly sync?: boolean;
}

/** Options of {@link Ets.file2tab}, as `ets:file2tab/2`'s option list. */
export interface FileToTabOptions {
  /** `{verify, true}`: check the footer (or the header's size) against what was read. */
  readonly verify?: boolean;
}

/** `{ok, Value} | {error, Reason}` as a term. */
export type FileResult<Value> = readonly [Atom, Value] | readonly [Atom, Term];

/** The major version of the format this module writes and the highest it reads. */
const MAJOR_VERSION = 1;
const MINOR_VERSION = 0;
/** Objects per `disk_log` chunk, as OTP reads them. */
const CHUNK_OBJECTS = 100;
/** Bytes gathered before a write. */
const WRITE_BUFFER_BYTES = 1 << 16;

const atoms = {
  ok: atom('ok'),
  error: atom('error'),
  endOfTable: atom('$end_of_table'),
  badfile: atom('badfile'),
  badtab: atom('badtab'),
  count: atom('count'),
  md5: atom('md5'),
  objectCount: atom('object_count'),
  md5sum: atom('md5sum'),
} as const;

const MANDATORY = new Set(['name', 'type', 'protection', 'named_table', 'keypos', 'size']);

/** A failure OTP reports as `{error, Reason}`: thrown inside this module, caught at the edge. */
class FileFailure {
  constructor(readonly reason: Term) {}
}

const fail = (reason: Term): never => {
  throw new FileFailure(reason);
};
const errorResult = (reason: Term): readonly [Atom, Term] => [atoms.error, reason];
const isTuple = (term: unknown): term is Tuple => Array.isArray(term);

/** The atom of a Node.js file error code (`ENOENT` → `enoent`), as `file` reports it. */
function posixReason(error: unknown): Atom {
  const code = (error as { code?: unknown } | null)?.code;
  return atom(typeof code === 'string' ? code.toLowerCase() : 'eio');
}

interface ParsedWriteOptions {
  readonly objectCount: boolean;
  readonly md5sum: boolean;
  readonly sync: boolean;
}

/** `parse_ft_options/1`: OTP's `unknown_option`/`malformed_option` reasons, in its order. */
function parseWriteOptions(options: unknown): ParsedWriteOptions {
  if (typeof options !== 'object' || options === null)
    fail([atom('malformed_option'), options as Term]);
  let objectCount = false;
  let md5sum = false;
  let sync = false;
  for (const [key, value] of Object.entries(options as Record<string, unknown>)) {
    if (value === undefined) continue;
    if (key === 'sync' && typeof value === 'boolean') {
      sync = value;
    } else if (key === 'extendedInfo') {
      if (!Array.isArray(value)) fail([atom('malformed_option'), value as Term]);
      for (const item of value as unknown[]) {
        const name = typeof item === 'string' ? item : isAtom(item) ? atomName(item) : undefined;
        if (name === 'object_count') objectCount = true;
        else if (name === 'md5sum') md5sum = true;
        else {
          const shown = typeof item === 'string' ? atom(item) : (item as Term);
          fail([atom('unknown_option'), list([atom('extended_info'), list(shown)])]);
        }
      }
    } else {
      fail([atom('unknown_option'), [atom(erlangOptionName(key)), value as Term]]);
    }
  }
  return { objectCount, md5sum, sync };
}

/** `camelCase` option names as OTP's `snake_case` atoms. */
function erlangOptionName(key: string): string {
  return key.replace(/[A-Z]/g, (letter) => `_${letter.toLowerCase()}`);
}

/** Writes items to a file descriptor through a buffer. */
class ItemWriter {
  private pending: Uint8Array[] = [];
  private pendingBytes = 0;
  private position = 0;

  constructor(private readonly descriptor: number) {}

  write(bytes: Uint8Array): void {
    this.pending.push(bytes);
    this.pendingBytes += bytes.length;
    if (this.pendingBytes >= WRITE_BUFFER_BYTES) this.flush();
  }

  flush(): void {
    if (this.pendingBytes === 0) return;
    const joined = new Uint8Array(this.pendingBytes);
    let offset = 0;
    for (const part of this.pending) {
      joined.set(part, offset);
      offset += part.length;
    }
    let written = 0;
    while (written < joined.length) {
      written += writeSync(
        this.descriptor,
        joined,
        written,
        joined.length - written,
        this.position + written,
      );
    }
    this.position += joined.length;
    this.pending = [];
    this.pendingBytes = 0;
  }
}

/** `ets:tab2file/3`. See {@link Ets.tab2file}. */
export function tabToFile(
  ets: Ets,
  tab: TableId,
  filename: string,
  options: TabToFileOptions,
): Atom | readonly [Atom, Term] {
  if (typeof filename !== 'string') throw new EtsError('tab2file', [tab, filename as Term]);
  try {
    return writeTableFile(ets, tab, filename, parseWriteOptions(options));
  } catch (error) {
    if (error instanceof FileFailure) return errorResult(error.reason);
    throw error;
  }
}

function writeTableFile(
  ets: Ets,
  tab: TableId,
  filename: string,
  options: ParsedWriteOptions,
): Atom {
  try {
    unlinkSync(filename);
  } catch {
    // Absent or not removable: OTP ignores the result of file:delete and checks below.
  }
  if (exists(filename)) fail(atom('eaccess'));
  let descriptor: number;
  try {
    descriptor = openSync(filename, 'w');
  } catch (error) {
    return fail([atom('file_error'), filename, posixReason(error)]);
  }
  let closed = false;
  try {
    const writer = new ItemWriter(descriptor);
    // As disk_log: the head says "opened" until the log is closed.
    writer.write(OPENED_FILE_HEAD);
    const info = ets.info(tab);
    if (info === undefinedAtom || !Array.isArray(info)) fail(atoms.badtab);
    const extended: Atom[] = [];
    if (options.objectCount) extended.push(atoms.objectCount);
    if (options.md5sum) extended.push(atoms.md5sum);
    const header: Tuple = [
      ...(info as Array<readonly [Atom, Term]>).map(([item, value]): Tuple => [item, value]),
      [atom('major_version'), MAJOR_VERSION],
      [atom('minor_version'), MINOR_VERSION],
      [atom('extended_info'), list(...extended)],
    ];
    const objects = ets.tab2list(tab);
    const digest = options.md5sum ? new Md5() : undefined;
    const log = (term: Term, summed: boolean): void => {
      const binary = termToBinary(term);
      if (summed) digest?.update(binary);
      writer.write(logItem(binary));
    };
    log(header, true);
    for (const object of objects) log(object, true);
    const footer: Term[] = [];
    if (options.objectCount) footer.push([atoms.count, objects.length]);
    if (digest !== undefined) footer.push([atoms.md5, digest.digest()]);
    if (footer.length > 0) log(list(atoms.endOfTable, list(...footer)), false);
    writer.flush();
    try {
      if (options.sync) fsyncSync(descriptor);
      writeSync(descriptor, CLOSED_FILE_HEAD, 0, FILE_HEAD_SIZE, 0);
      closed = true;
      closeSync(descriptor);
    } catch (error) {
      fail([atom('file_error'), filename, posixReason(error)]);
    }
    return atoms.ok;
  } catch (error) {
    if (!closed) {
      try {
        closeSync(descriptor);
      } catch {
        // Already failing: the first error is the one to report.
      }
    }
    try {
      unlinkSync(filename);
    } catch {
      // Nothing left to remove.
    }
    if (error instanceof Error && 'code' in error) {
      fail([atom('file_error'), filename, posixReason(error)]);
    }
    throw error;
  }
}

function exists(filename: string): boolean {
  try {
    lstatSync(filename);
    return true;
  } catch {
    return false;
  }
}

/** The file's bytes checked as a log, or `{read_error, ...}` as `disk_log:open` reports it. */
function openLog(filename: string): DiskLogReader {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(filename);
  } catch (error) {
    return fail([atom('read_error'), [atom('file_error'), filename, posixReason(error)]]);
  }
  if (isLogHead(bytes.subarray(0, FILE_HEAD_SIZE)) === 'no') {
    fail([atom('read_error'), [atom('not_a_log_file'), filename]]);
  }
  return new DiskLogReader(bytes);
}

/** `lists:keyfind(Key, 1, Items)`: the first tuple whose first element is `key`. */
function keyfind(key: Atom, items: readonly Term[]): Tuple | undefined {
  return items.find((item): item is Tuple => isTuple(item) && item.length > 0 && item[0] === key);
}

/** The value of the first `{key, Value}` pair, when the first tuple under `key` is a pair. */
function pairValue(key: string, items: readonly Term[]): Term | undefined {
  const found = keyfind(atom(key), items);
  return found?.length === 2 ? found[1] : undefined;
}

function isMember(item: Atom, value: Term | undefined): boolean {
  return value instanceof List && value.tail === nil && value.items.some((entry) => entry === item);
}

interface Header {
  readonly items: readonly Term[];
  readonly major: Term;
  readonly minor: Term;
  readonly objectCount: boolean;
  readonly md5sum: boolean;
  readonly digest: Md5 | undefined;
  readonly next: Continuation;
}

/** `get_header_data/2`: the header tuple's items, or `badfile`. */
function readHeader(reader: DiskLogReader, verify: boolean): Header {
  let term: Term;
  let binary: Uint8Array | undefined;
  let next: Continuation;
  if (verify) {
    const chunk = reader.binaryChunk(START, 1);
    if (chunk === 'eof' || chunk.bad > 0 || chunk.binaries.length !== 1) return fail(atoms.badfile);
    binary = chunk.binaries[0]!;
    // OTP's binary_to_term here is unguarded: a header that does not decode raises badarg.
    term = binaryToTerm(binary);
    next = chunk.next;
  } else {
    const chunk = reader.termChunk(START, 1);
    if (chunk === 'eof' || chunk.terms.length !== 1) return fail(atoms.badfile);
    term = chunk.terms[0]!;
    next = chunk.next;
  }
  if (!isTuple(term)) return fail(atoms.badfile);
  const items = term;
  const mandatory = items.filter(
    (item) =>
      isTuple(item) && item.length === 2 && isAtom(item[0]) && MANDATORY.has(atomName(item[0])),
  ).length;
  if (mandatory !== MANDATORY.size) fail(atoms.badfile);
  // OTP looks the version up under `major`/`minor` when verifying (a slip it keeps), so a
  // verified read always sees version 0.0.
  const major = pairValue(verify ? 'major' : 'major_version', items) ?? 0;
  const minor = pairValue(verify ? 'minor' : 'minor_version', items) ?? 0;
  const extended = pairValue('extended_info', items);
  const extendedList = extended instanceof List ? extended : undefined;
  const objectCount = extendedList !== undefined && isMember(atoms.objectCount, extendedList);
  const md5sum = extendedList !== undefined && isMember(atoms.md5sum, extendedList);
  const digest = verify && md5sum ? new Md5().update(binary!) : undefined;
  return { items, major, minor, objectCount, md5sum, digest, next };
}

/**
 * `create_tab/2`: the table the header describes, owned by the caller. Where OTP's matches fail
 * on a damaged header (a `name` tuple that is not a pair, a `named_table` neither true nor
 * false) OTP raises rather than returns; so does this, with an {@link EtsError}.
 */
function createTable(
  ets: Ets,
  items: readonly Term[],
  args: readonly Term[],
): { table: TableId; headCount: Term } {
  const raise = (): never => {
    throw new EtsError('file2tab', args);
  };
  /** The value of `{key, Value}` found by `lists:keyfind`; a tuple of other arity is a badmatch. */
  const required = (key: string): Term => {
    const found = keyfind(atom(key), items);
    return found?.length === 2 ? found[1]! : raise();
  };
  const optional = (key: string): Term | undefined => {
    const found = keyfind(atom(key), items);
    if (found === undefined) return undefined;
    return found.length === 2 ? found[1] : raise();
  };
  const name = required('name');
  const type = required('type');
  const protection = required('protection');
  const keypos = required('keypos');
  const headCount = required('size');
  const named = required('named_table');
  if (typeof named !== 'boolean') raise();
  const compressed = optional('compressed');
  if (compressed !== undefined && typeof compressed !== 'boolean') raise();
  // OTP passes any `{write_concurrency, _}` pair on, and ignores a tuple of another arity.
  const writeTuple = keyfind(atom('write_concurrency'), items);
  const writeConcurrency = writeTuple?.length === 2 ? writeTuple[1] : undefined;
  const readConcurrency = optional('read_concurrency');
  const atomText = (value: Term | undefined): string | undefined =>
    isAtom(value) ? atomName(value) : undefined;
  const options: Record<string, unknown> = {
    type: atomText(type) as TableType,
    access: atomText(protection) as Access,
    keypos,
    namedTable: named,
  };
  if (compressed !== undefined) options.compressed = compressed;
  if (writeConcurrency !== undefined) {
    options.writeConcurrency = atomText(writeConcurrency) === 'auto' ? 'auto' : writeConcurrency;
  }
  if (readConcurrency !== undefined) options.readConcurrency = readConcurrency;
  try {
    return { table: ets.new(name as Atom, options as TableOptions), headCount };
  } catch {
    return fail(atom('cannot_create_table'));
  }
}

function isEndMarker(term: Term): term is List {
  return (
    term instanceof List &&
    term.tail === nil &&
    term.items.length === 2 &&
    term.items[0] === atoms.endOfTable
  );
}

interface LoadState {
  count: number;
  last: List | undefined;
  next: Continuation;
}

/** `load_table/3` with the md5 read function: raw binaries, summed and decoded. */
function loadSummed(ets: Ets, reader: DiskLogReader, table: TableId, header: Header): LoadState {
  const state: LoadState = { count: 0, last: undefined, next: header.next };
  const digest = header.digest!;
  for (;;) {
    const chunk = reader.binaryChunk(state.next, CHUNK_OBJECTS);
    if (chunk === 'eof') return state;
    if (chunk.bad > 0) fail(atoms.badfile);
    const terms: Term[] = [];
    let last: List | undefined;
    for (const binary of chunk.binaries) {
      let term: Term;
      try {
        term = binaryToTerm(binary);
      } catch {
        continue;
      }
      if (isEndMarker(term)) {
        last = term;
        break;
      }
      digest.update(binary);
      terms.push(term);
    }
    state.next = chunk.next;
    state.last = last;
    state.count += terms.length;
    if (terms.length === 0) return state;
    ets.insert(table, list(...terms));
  }
}

/** `load_table/3` with the plain read function: decoded terms, the marker last in a chunk. */
function loadPlain(
  ets: Ets,
  reader: DiskLogReader,
  table: TableId,
  header: Header,
  verify: boolean,
): LoadState {
  const state: LoadState = { count: 0, last: undefined, next: header.next };
  for (;;) {
    const chunk = reader.termChunk(state.next, CHUNK_OBJECTS);
    if (chunk === 'eof') return state;
    if (verify && chunk.bad > 0) fail(atoms.badfile);
    const terms = chunk.terms;
    const final = terms[terms.length - 1];
    const marker = final !== undefined && isEndMarker(final) ? final : undefined;
    const objects = marker === undefined ? terms : terms.slice(0, -1);
    state.next = chunk.next;
    state.last = marker;
    state.count += objects.length;
    if (objects.length === 0) return state;
    ets.insert(table, list(...objects));
  }
}

/** `ets:file2tab/2`. See {@link Ets.file2tab}. */
export function fileToTab(
  ets: Ets,
  filename: string,
  options: FileToTabOptions,
): FileResult<TableId> {
  if (typeof filename !== 'string') throw new EtsError('file2tab', [filename as Term]);
  try {
    const verify = parseReadOptions(options);
    const reader = openLog(filename);
    const header = readHeader(reader, verify);
    if (compare(header.major, MAJOR_VERSION) > 0) {
      fail([atom('unsupported_file_version'), [header.major, header.minor]]);
    }
    const { table, headCount } = createTable(ets, header.items, [filename, options as Term]);
    try {
      const summed = verify && header.md5sum;
      const checkCount = verify && header.objectCount;
      const state = summed
        ? loadSummed(ets, reader, table, header)
        : loadPlain(ets, reader, table, header, verify);
      verifyLoad(state, header, verify, summed, checkCount, headCount);
      return [atoms.ok, table];
    } catch (error) {
      ets.delete(table);
      throw error;
    }
  } catch (error) {
    if (error instanceof FileFailure) return errorResult(error.reason);
    throw error;
  }
}

/** `do_read_and_verify/6`'s checks on what was read. */
function verifyLoad(
  state: LoadState,
  header: Header,
  verify: boolean,
  summed: boolean,
  checkCount: boolean,
  headCount: Term,
): void {
  if (state.last === undefined) {
    if (summed || checkCount) fail(atoms.badfile);
    if (verify && !exactEquals(state.count, headCount)) fail(atom('invalid_object_count'));
    return;
  }
  const footer = state.last.items[1];
  const footerItems = footer instanceof List ? footer.items : [];
  const footerCount = pairValue('count', footerItems);
  const footerDigest = pairValue('md5', footerItems);
  if (summed) {
    const digest = header.digest!.digest();
    if (footerDigest === undefined || !exactEquals(digest, footerDigest))
      fail(atom('checksum_error'));
  }
  if (checkCount) {
    if (footerCount === undefined || !exactEquals(state.count, footerCount)) {
      fail(atom('invalid_object_count'));
    }
  } else if (verify && !summed && !exactEquals(state.count, headCount)) {
    fail(atom('invalid_object_count'));
  }
}

/** `parse_f2t_opts/3`: the verify flag, or OTP's option reasons. */
function parseReadOptions(options: unknown): boolean {
  if (typeof options !== 'object' || options === null) {
    return fail([atom('malformed_option'), options as Term]);
  }
  let verify = false;
  for (const [key, value] of Object.entries(options as Record<string, unknown>)) {
    if (value === undefined) continue;
    if (key === 'verify' && typeof value === 'boolean') verify = value;
    else fail([atom('unknown_option'), [atom(erlangOptionName(key)), value as Term]]);
  }
  return verify;
}

/** `ets:tabfile_info/1`. See {@link Ets.tabfileInfo}. */
export function tabfileInfo(filename: string): FileResult<Array<readonly [Atom, Term]>> {
  if (typeof filename !== 'string') throw new EtsError('tabfile_info', [filename as Term]);
  try {
    const header = readHeader(openLog(filename), false);
    const found = (key: string): readonly [Atom, Term] => {
      const tuple = keyfind(atom(key), header.items);
      return (tuple ?? [atom(key), undefinedAtom]) as unknown as readonly [Atom, Term];
    };
    const extended = keyfind(atom('extended_info'), header.items);
    return [
      atoms.ok,
      [
        found('name'),
        found('type'),
        found('protection'),
        found('named_table'),
        found('keypos'),
        found('size'),
        (extended ?? [atom('extended_info'), nil]) as unknown as readonly [Atom, Term],
        [atom('version'), [header.major, header.minor]],
      ],
    ];
  } catch (error) {
    if (error instanceof FileFailure) return errorResult(error.reason);
    throw error;
  }
}
