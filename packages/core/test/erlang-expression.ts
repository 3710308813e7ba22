/**
 * Test helper: renders a term as the text of an Erlang expression that evaluates to that term,
 * for sending terms to the OTP oracle. Private to these tests (the public Erlang-syntax
 * formatter lives in `src/syntax`); it aims at exactness, not readability:
 * - floats print as JS's shortest round-trip digits with a `.0` inserted where Erlang needs a
 *   fraction, so erl reads back the same double;
 * - atoms are always quoted, with every character outside printable ASCII as `\x{...}`;
 * - binaries and bitstrings print as bytes, `<<B1,...,Last:Bits>>`;
 * - pids, ports and references, which have no literal syntax, are built with
 *   `binary_to_term(<<131, ...>>)` from hand-made NEW_PID_EXT (88), V4_PORT_EXT (120) and
 *   NEWER_REFERENCE_EXT (90) bytes, node as SMALL_ATOM_UTF8_EXT (119).
 */
import {
  type Atom,
  atomName,
  Bitstring,
  Float,
  isPlainObject,
  List,
  nil,
  Pid,
  Port,
  Reference,
  type Term,
} from '@tsunami/core';

const encoder = new TextEncoder();

/** An Erlang expression that evaluates to `term`. Funs are not supported. */
export function erlangExpression(term: Term): string {
  switch (typeof term) {
    case 'number':
      return Number.isSafeInteger(term) ? String(term === 0 ? 0 : term) : floatText(term);
    case 'bigint':
      return term.toString();
    case 'boolean':
    case 'symbol':
      return atomText(term);
    case 'string':
      return bytesText(encoder.encode(term));
    case 'function':
      throw new Error('funs have no Erlang expression here');
  }
  if (Array.isArray(term)) return `{${term.map(erlangExpression).join(',')}}`;
  if (term instanceof Uint8Array) return bytesText(term);
  if (term instanceof Float) return floatText(term.value);
  if (term instanceof List) {
    if (term === nil) return '[]';
    const items = term.items.map(erlangExpression).join(',');
    return term.tail === nil ? `[${items}]` : `[${items}|${erlangExpression(term.tail)}]`;
  }
  if (term instanceof Bitstring) {
    const whole = Math.floor(term.bitLength / 8);
    const used = term.bitLength % 8;
    const parts = Array.from(term.bytes.subarray(0, whole), String);
    parts.push(`${term.bytes[whole]! >>> (8 - used)}:${used}`);
    return `<<${parts.join(',')}>>`;
  }
  if (term instanceof Map) {
    const entries = Array.from(term as ReadonlyMap<Term, Term>, ([key, value]) => {
      return `${erlangExpression(key)}=>${erlangExpression(value)}`;
    });
    return `#{${entries.join(',')}}`;
  }
  if (term instanceof Pid) {
    return externalTerm([
      88,
      ...atomBytes(term.node),
      ...word(term.id),
      ...word(term.serial),
      ...word(term.creation),
    ]);
  }
  if (term instanceof Port) {
    const high = Math.floor(term.id / 2 ** 32);
    return externalTerm([
      120,
      ...atomBytes(term.node),
      ...word(high),
      ...word(term.id % 2 ** 32),
      ...word(term.creation),
    ]);
  }
  if (term instanceof Reference) {
    const length = term.ids.length;
    return externalTerm([
      90,
      length >> 8,
      length & 0xff,
      ...atomBytes(term.node),
      ...word(term.creation),
      ...term.ids.flatMap(word),
    ]);
  }
  if (isPlainObject(term)) {
    const entries = Object.entries(term).map(([key, value]) => {
      return `${erlangExpression(key)}=>${erlangExpression(value as Term)}`;
    });
    return `#{${entries.join(',')}}`;
  }
  throw new Error(`not a term: ${String(term)}`);
}

/** Erlang float syntax needs digits on both sides of a point: `1e+21` becomes `1.0e+21`. */
function floatText(value: number): string {
  if (Object.is(value, -0)) return '-0.0';
  const text = String(value);
  const [mantissa, exponent] = text.split('e');
  const withPoint = mantissa!.includes('.') ? mantissa! : `${mantissa}.0`;
  return exponent === undefined ? withPoint : `${withPoint}e${exponent}`;
}

function atomText(atom: Atom): string {
  let text = "'";
  for (const character of atomName(atom)) {
    const codePoint = character.codePointAt(0)!;
    if (character === "'" || character === '\\') text += `\\${character}`;
    else if (codePoint >= 0x20 && codePoint < 0x7f) text += character;
    else text += `\\x{${codePoint.toString(16)}}`;
  }
  return `${text}'`;
}

function bytesText(bytes: Uint8Array): string {
  return `<<${bytes.join(',')}>>`;
}

function word(value: number): number[] {
  return [(value >>> 24) & 0xff, (value >>> 16) & 0xff, (value >>> 8) & 0xff, value & 0xff];
}

function atomBytes(atom: Atom): number[] {
  const name = encoder.encode(atomName(atom));
  return [119, name.length, ...name];
}

function externalTerm(bytes: number[]): string {
  return `binary_to_term(<<131,${bytes.join(',')}>>)`;
}
