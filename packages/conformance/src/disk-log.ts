/**
 * The few `disk_log` calls the table-file cases of `ets_SUITE` make, on the files `ets:tab2file`
 * writes: read every logged term (`disk_log:chunk/2` until `eof`) and write a log holding given
 * terms (`disk_log:open/1` in `read_write` mode, `log_terms/2`, `close/1`). The cases use them
 * to damage a table file on purpose (drop an object, change the header) and check how
 * `file2tab` and `tabfile_info` react, so they must not depend on the implementation under test.
 *
 * Format (OTP's `disk_log.hrl` and `disk_log_1.erl`, a halt log in internal format, version
 * 2(a)): an 8-byte head, `<<1,2,3,4>>` then `<<99,88,77,11>>` for a closed log; then one item per
 * term, `<<Size:32, 16#62574C41:32, Bin:Size/binary>>` with `Bin = term_to_binary(Term)`, where an
 * item whose binary is at least 65528 bytes long carries the MD5 of its 4 size bytes between the
 * magic and the binary. The older item magic `<<12,33,44,55>>` (no MD5) is read too.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import { decode, encode, type Term } from '@tsunami/core';

const CLOSED_HEAD = [1, 2, 3, 4, 99, 88, 77, 11];
const HEAD_SIZE = 8;
const ITEM_HEADER_SIZE = 8;
const MAGIC = 0x62574c41;
const OLD_MAGIC = 0x0c212c37;
const MIN_MD5_TERM = 65528;
const MD5_SIZE = 16;

/** Every term logged in the `disk_log` file `path`, in order. */
export function readLogTerms(path: string): Term[] {
  const bytes = new Uint8Array(readFileSync(path));
  if (bytes.length < HEAD_SIZE || !CLOSED_HEAD.slice(0, 4).every((byte, i) => bytes[i] === byte)) {
    throw new Error(`${path} is not a disk_log file`);
  }
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const terms: Term[] = [];
  let position = HEAD_SIZE;
  while (position < bytes.length) {
    if (position + ITEM_HEADER_SIZE > bytes.length) {
      throw new Error(`${path}: a truncated item header at byte ${position}`);
    }
    const size = view.getUint32(position);
    const magic = view.getUint32(position + 4);
    if (magic !== MAGIC && magic !== OLD_MAGIC) {
      throw new Error(`${path}: no item magic at byte ${position + 4}`);
    }
    const start =
      position + ITEM_HEADER_SIZE + (magic === MAGIC && size >= MIN_MD5_TERM ? MD5_SIZE : 0);
    if (start + size > bytes.length) throw new Error(`${path}: a truncated item at ${position}`);
    terms.push(decode(bytes.subarray(start, start + size)));
    position = start + size;
  }
  return terms;
}

/** Writes a closed `disk_log` file at `path` holding `terms`, replacing any file there. */
export function writeLogTerms(path: string, terms: readonly Term[]): void {
  const parts: Uint8Array[] = [Uint8Array.from(CLOSED_HEAD)];
  for (const term of terms) {
    const binary = encode(term);
    const header = new Uint8Array(ITEM_HEADER_SIZE);
    const view = new DataView(header.buffer);
    view.setUint32(0, binary.length);
    view.setUint32(4, MAGIC);
    parts.push(header);
    if (binary.length >= MIN_MD5_TERM) {
      parts.push(new Uint8Array(createHash('md5').update(header.subarray(0, 4)).digest()));
    }
    parts.push(binary);
  }
  writeFileSync(path, Buffer.concat(parts));
}
