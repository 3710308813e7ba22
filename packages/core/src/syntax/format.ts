/**
 * Prints a term as Erlang text: exactly what `io_lib:format("~w", [Term])` prints in OTP 27
 * for every term that a non-distributed Erlang node can hold, with documented exceptions (map
 * key order, identifiers from other nodes, local references of more than three words, below).
 *
 * Sources: `io_lib:write/1`, `io_lib:write_atom_as_latin1/1`, `io_lib:write_binary/2` and
 * `io_lib_format:fwrite_g/1` of OTP 27 (`lib/stdlib/src`), checked against `erl` (27 and 25) by
 * the differential tests in `syntax.oracle.test.ts`. The rules:
 * - integers in decimal; floats in the shortest text that reads back as the same double, laid
 *   out as `float_to_list(F, [short])` does (`1.0`, `0.1`, `0.0001`, `1.0e-5`, `1.0e21`, `-0.0`,
 *   `5.0e-324`, `9.007199254740992e15`);
 * - atoms bare when they start with a lowercase Latin-1 letter, hold only Latin-1 letters,
 *   digits, `_` and `@`, and are not reserved words; otherwise in single quotes, with `\'`,
 *   `\\`, `\n`-style escapes, octal `\ooo` for other control characters and `\x{HEX}` for
 *   characters above U+00FF (`~w` writes atoms as Latin-1);
 * - binaries always as byte lists (`<<97,98,99>>`, never `<<"abc">>`), a bitstring's last
 *   partial byte as `Value:Bits` (`<<1,2:3>>`); strings (charlists) as integer lists;
 * - tuples `{a,b}`, lists `[1,2]`, improper lists `[1|2]`, maps `#{a => 1,b => 2}`.
 *
 * Map keys are printed in map-key order (`compareExact`), which is what OTP 25's `~w`
 * prints for maps of up to 32 keys and OTP 26+'s `~kw` prints for every map. OTP 26+'s plain
 * `~w` walks the map's internal layout instead (atom keys by atom-table index, larger maps by
 * hash), which depends on the running VM and cannot be reproduced outside it.
 *
 * Local identifiers (node `nonode@nohost`, creation 0) print as erl prints them: `<0.80.0>`,
 * `#Port<0.5>`, `#Ref<0.3.2.1>` (reference words most significant first, padded to three;
 * OTP 27 prints only three words of a 4- or 5-word local reference, we print them all).
 * erl prints an identifier from another node with a node-table index (`<9864.80.3>`) that means
 * nothing outside that VM; we print the node name and creation in its place, as
 * `<'a@host'.7.80.3>`, `#Port<'a@host'.7.5>`, `#Ref<'a@host'.7.3.2.1>`, which `parse` reads back.
 * A fun decoded from the External Term Format prints as erl prints it (`fun lists:sort/1`,
 * `#Fun<erl_eval.42.81571850>`); any other JS function as the placeholder `#Fun<js.Name.Arity>`.
 * Of funs, only `fun M:F/A` reads back.
 */

import { sortedMapEntries } from '../compare.js';
import { funDescription } from '../etf/fun.js';
import { Kind, kindOf } from '../kind.js';
import {
  type Atom,
  atomName,
  Bitstring,
  Float,
  type List,
  localNode,
  type Pid,
  type Port,
  type Reference,
  type Term,
  TermError,
  type TermRecord,
} from '../term.js';
import { RESERVED_WORDS } from './reserved-words.js';

/** Whether `code` is a lowercase letter in Latin-1: a-z, or ß..ÿ except ÷. */
function isLowercase(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0xdf && code <= 0xff && code !== 0xf7);
}

/** Whether `code` may follow the first character of a bare atom (`io_lib:name_char/1`). */
function isNameCharacter(code: number): boolean {
  return (
    isLowercase(code) ||
    (code >= 0x41 && code <= 0x5a) ||
    (code >= 0xc0 && code <= 0xde && code !== 0xd7) ||
    (code >= 0x30 && code <= 0x39) ||
    code === 0x5f ||
    code === 0x40
  );
}

/** Whether the atom named `name` must be quoted to read back as that atom. */
export function atomNeedsQuotes(name: string): boolean {
  if (RESERVED_WORDS.has(name)) return true;
  const codes = [...name].map((character) => character.codePointAt(0)!);
  if (codes.length === 0 || !isLowercase(codes[0]!)) return true;
  return !codes.every(isNameCharacter);
}

const NAMED_ESCAPES: ReadonlyMap<number, string> = new Map([
  [0x0a, '\\n'],
  [0x0d, '\\r'],
  [0x09, '\\t'],
  [0x0b, '\\v'],
  [0x08, '\\b'],
  [0x0c, '\\f'],
  [0x1b, '\\e'],
  [0x7f, '\\d'],
]);

/** One character inside quotes, as `io_lib:write_string_as_latin1/2` writes it. */
function quotedCharacter(code: number, quote: number): string {
  if (code === quote || code === 0x5c) return `\\${String.fromCodePoint(code)}`;
  if ((code >= 0x20 && code <= 0x7e) || (code >= 0xa0 && code <= 0xff)) {
    return String.fromCodePoint(code);
  }
  if (code > 0xff) return `\\x{${code.toString(16).toUpperCase()}}`;
  const named = NAMED_ESCAPES.get(code);
  if (named !== undefined) return named;
  return `\\${code.toString(8).padStart(3, '0')}`;
}

/** Writes `name` in single quotes with `~w`'s escapes. */
function quoteAtom(name: string): string {
  let text = "'";
  for (const character of name) text += quotedCharacter(character.codePointAt(0)!, 0x27);
  return `${text}'`;
}

/** The text of an atom named `name` as `~w` prints it: bare when it can be, else quoted. */
export function formatAtomName(name: string): string {
  return atomNeedsQuotes(name) ? quoteAtom(name) : name;
}

/**
 * Printed atoms, by atom. Atoms are registered symbols, which live as long as the process
 * anyway, so the cache holds nothing that would otherwise be collected.
 */
const atomTexts = new Map<Atom, string>();

function atomText(value: Atom): string {
  let text = atomTexts.get(value);
  if (text === undefined) {
    text = formatAtomName(atomName(value));
    atomTexts.set(value, text);
  }
  return text;
}

/** 2^53: from here on `fwrite_g` switches to scientific notation, since not every integer fits. */
const TWO_TO_53 = 2 ** 53;

/**
 * A float as `io_lib_format:fwrite_g/1` prints it (which is `float_to_list(F, [short])`). JS's
 * `toExponential()` without an argument yields the shortest digits that read back as the same
 * double, as Ryu does; the layout is then the shorter of plain and scientific notation, plain on
 * a tie, and always scientific from 2^53 up (as `insert_decimal/3` explains: not every integer
 * there is exact). For values below 1 erl counts the `.0` of a one-digit mantissa (`0.0001`
 * beats `1.0e-4` on the tie), which the Erlang fallback in `io_lib_format` does not.
 */
export function formatFloat(value: number): string {
  if (value === 0) return Object.is(value, -0) ? '-0.0' : '0.0';
  const magnitude = value < 0 ? -value : value;
  // "d.ddde±x" with the shortest digits; plain string slicing (no array destructuring) is
  // several times faster here.
  const exponential = magnitude.toExponential();
  const exponentAt = exponential.indexOf('e');
  const digits =
    exponentAt === 1 ? exponential[0]! : exponential[0]! + exponential.slice(2, exponentAt);
  const exponent = Number(exponential.slice(exponentAt + 1));
  const length = digits.length;
  const place = exponent - (length - 1);
  const exponentCost = String(exponent).length + 2;
  let text: string;
  if (place < 0) {
    if (exponent >= 0) {
      text = `${digits.slice(0, length + place)}.${digits.slice(length + place)}`;
    } else if (2 - place <= exponentCost + (length === 1 ? 2 : length)) {
      text = `0.${'0'.repeat(-place - length)}${digits}`;
    } else {
      text = scientific(digits, exponent);
    }
  } else if (exponentCost + (length === 1 ? 1 : 0) >= place + 2 && magnitude < TWO_TO_53) {
    text = `${digits}${'0'.repeat(place)}.0`;
  } else {
    text = scientific(digits, exponent);
  }
  return value < 0 ? `-${text}` : text;
}

function scientific(digits: string, exponent: number): string {
  return digits.length === 1
    ? `${digits}.0e${exponent}`
    : `${digits[0]}.${digits.slice(1)}e${exponent}`;
}

function isLocal(identifier: { node: Term; creation: number }): boolean {
  return identifier.node === localNode && identifier.creation === 0;
}

/** `0` for a local identifier, else the quoted node name and creation. */
function nodePart(identifier: { node: Term; creation: number }): string {
  if (isLocal(identifier)) return '0';
  return `${quoteAtom(atomName(identifier.node as symbol | boolean))}.${identifier.creation}`;
}

function formatReference(reference: Reference): string {
  const words = [...reference.ids];
  // A local reference always prints three words, as erts stores it (fewer are zero-padded).
  if (isLocal(reference)) while (words.length < 3) words.push(0);
  return `#Ref<${nodePart(reference)}.${words.reverse().join('.')}>`;
}

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

function isAscii(text: string): boolean {
  for (let index = 0; index < text.length; index += 1) {
    if (text.charCodeAt(index) > 0x7f) return false;
  }
  return true;
}

function formatBinary(value: string | Uint8Array | Bitstring): string {
  if (typeof value === 'string' && isAscii(value)) {
    // ASCII text is its own UTF-8: skip the encoder.
    let text = '<<';
    for (let index = 0; index < value.length; index += 1) {
      if (index > 0) text += ',';
      text += value.charCodeAt(index);
    }
    return `${text}>>`;
  }
  const { bytes, bitLength } = bitsOf(value);
  const wholeBytes = Math.floor(bitLength / 8);
  const parts: string[] = [];
  for (let index = 0; index < wholeBytes; index += 1) parts.push(String(bytes[index]));
  const restBits = bitLength % 8;
  if (restBits > 0) parts.push(`${bytes[wholeBytes]! >> (8 - restBits)}:${restBits}`);
  return `<<${parts.join(',')}>>`;
}

/**
 * An atom as erts's `fun_to_list/1` writes it: quoted only for its characters, never for being
 * a reserved word (erl prints `fun lists:when/2`).
 */
function ertsAtom(value: Atom): string {
  const name = atomName(value);
  const codes = [...name].map((character) => character.codePointAt(0)!);
  const bare = codes.length > 0 && isLowercase(codes[0]!) && codes.every(isNameCharacter);
  return bare ? name : quoteAtom(name);
}

/**
 * A fun decoded from the External Term Format prints as erl prints it: `fun M:F/A` for an
 * export fun, `#Fun<Module.OldIndex.OldUniq>` for a local one. Any other JS function prints as
 * the placeholder `#Fun<js.Name.Arity>`.
 */
function formatFun(fun: Function): string {
  const description = funDescription(fun);
  if (description?.kind === 'export') {
    return `fun ${ertsAtom(description.module)}:${ertsAtom(description.name)}/${description.arity}`;
  }
  if (description?.kind === 'local') {
    return `#Fun<${ertsAtom(description.module)}.${description.oldIndex}.${description.oldUniq}>`;
  }
  const name = fun.name === '' ? 'anonymous' : fun.name;
  return `#Fun<js.${formatAtomName(name)}.${fun.length}>`;
}

/**
 * Thrown inside {@link write} for a value that is not a term; each container on the way out
 * adds its step, and {@link format} turns it into a `TermError` naming the path. Paths are
 * built only on failure, so printing a good term never pays for them.
 */
class NotATerm {
  /** Path steps, innermost first. */
  readonly steps: string[] = [];
  constructor(readonly message: string) {}
}

function writeElement(value: Term, out: string, step: string | number): string {
  try {
    return write(value, out);
  } catch (error) {
    if (error instanceof NotATerm) error.steps.push(typeof step === 'number' ? `[${step}]` : step);
    throw error;
  }
}

function write(value: Term, out: string): string {
  switch (kindOf(value)) {
    case Kind.Integer:
      return out + String(value);
    case Kind.Float:
      return out + formatFloat(value instanceof Float ? value.value : (value as number));
    case Kind.Atom:
      return out + atomText(value as Atom);
    case Kind.Binary:
    case Kind.Bitstring:
      return out + formatBinary(value as string | Uint8Array | Bitstring);
    case Kind.Tuple: {
      const tuple = value as readonly Term[];
      out += '{';
      for (let index = 0; index < tuple.length; index += 1) {
        if (index > 0) out += ',';
        out = writeElement(tuple[index]!, out, index);
      }
      return `${out}}`;
    }
    case Kind.Nil:
      return `${out}[]`;
    case Kind.List: {
      const { items, tail } = value as List;
      out += '[';
      for (let index = 0; index < items.length; index += 1) {
        if (index > 0) out += ',';
        out = writeElement(items[index]!, out, index);
      }
      if (!(value as List).isProper) out = writeElement(tail, `${out}|`, '.tail');
      return `${out}]`;
    }
    case Kind.Map: {
      const entries = sortedMapEntries(value as ReadonlyMap<Term, Term> | TermRecord);
      out += '#{';
      for (let index = 0; index < entries.length; index += 1) {
        const [key, entryValue] = entries[index]!;
        if (index > 0) out += ',';
        out = writeElement(key, out, `.key(${index})`);
        out = writeElement(entryValue, `${out} => `, `.value(${index})`);
      }
      return `${out}}`;
    }
    case Kind.Pid: {
      const pid = value as Pid;
      return `${out}<${nodePart(pid)}.${pid.id}.${pid.serial}>`;
    }
    case Kind.Port: {
      const port = value as Port;
      return `${out}#Port<${nodePart(port)}.${port.id}>`;
    }
    case Kind.Reference:
      return out + formatReference(value as Reference);
    case Kind.Fun:
      return out + formatFun(value as Function);
    default:
      throw new NotATerm(`not a term: ${describe(value)}`);
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'object') return value.constructor?.name ?? 'object';
  return typeof value === 'number' ? String(value) : typeof value;
}

/**
 * The Erlang text of `term`, as `io_lib:format("~w", [Term])` prints it (see the module comment
 * for map key order, identifiers from other nodes and funs).
 *
 * @example format([atom('ok'), list(1, 2), new Float(1)]) === '{ok,[1,2],1.0}'
 * @throws TermError when `term` is not a term, naming where in it the bad value is.
 */
export function format(term: Term): string {
  try {
    return write(term, '');
  } catch (error) {
    if (error instanceof NotATerm) {
      throw new TermError(error.message, error.steps.reverse().join(''));
    }
    throw error;
  }
}
