/**
 * Reads Erlang term text into a term: the grammar of `erl_parse:parse_term/1` (OTP 27) over the
 * tokens of `scanner.ts`, by recursive descent, plus the identifier forms that `~w` prints.
 *
 * What each form becomes (see the term model in `term.ts`):
 * - integers: a number in the safe range, else a bigint; floats: a number, or a `Float` box when
 *   integral (`1.0`, `-0.0`), which is `float()`'s canonical form;
 * - `"abc"` (adjacent strings join): a list of code points, `""` is `nil`;
 * - `<<...>>`: a string when every segment is a plain or `/utf8` string literal and the bytes
 *   are valid UTF-8,
 *   a `Uint8Array` for any other whole number of bytes, a `Bitstring` otherwise (a string and a
 *   `Uint8Array` with the same bytes are the same term);
 * - `#{...}`: a JS `Map`; a key written twice keeps its last value, as in Erlang;
 * - `{}` a tuple (JS array), `[...]` and `[H|T]` a `List`;
 * - `fun M:F/A`: the export fun (the same function `decode` gives for it); other funs have no
 *   literal form, so `#Fun<...>` is an error;
 * - `<0.1.2>`, `#Port<0.5>`, `#Ref<0.1.2.3>` local identifiers; `<'a@host'.7.80.3>` and the like
 *   (what `format` prints for other nodes) external ones. erl's own `<9864.80.3>` names a node
 *   only inside the VM that printed it, so it is an error here.
 *
 * Binary segments take `Value`, `Value:Size` and type lists (`/utf8`, `/little-signed-integer`,
 * `/float`, `unit:N`, `/binary` and `/bits` for interpolated binaries). `maybe` and `else` read as
 * bare atoms, as in OTP 25 (OTP 27 reserves them), so both releases' output reads back.
 */
import { erlangFun } from '../etf/fun.js';
import { Kind, kindOf } from '../kind.js';
import {
  type Atom,
  Bitstring,
  float,
  improperList,
  listFrom,
  nil,
  type Term,
  atom as toAtom,
} from '../term.js';
import { bitsOf, format } from './format.js';
import { normalizeInteger, type Punctuation, Scanner, type Token } from './scanner.js';

export { ParseError } from './scanner.js';

/** Bits appended most significant first. Linear in the bits written, whatever the alignment. */
class BitWriter {
  private readonly bytes: number[] = [];
  bitLength = 0;

  /** Appends one byte (its low 8 bits): the common case of `<<1,2,3>>`. */
  pushByte(byte: number): void {
    if ((this.bitLength & 7) === 0) {
      this.bytes.push(byte & 0xff);
      this.bitLength += 8;
    } else {
      this.pushBinaryDigits((byte & 0xff).toString(2).padStart(8, '0'));
    }
  }

  /** Appends the low `bits` bits of `value` (two's complement for negatives), big-endian. */
  push(value: bigint, bits: number): void {
    if (bits === 0) return;
    const masked = BigInt.asUintN(bits, value);
    if ((this.bitLength & 7) === 0 && (bits & 7) === 0) {
      const hex = masked.toString(16).padStart(bits / 4, '0');
      for (let index = 0; index < hex.length; index += 2) {
        this.bytes.push(Number.parseInt(hex.slice(index, index + 2), 16));
      }
      this.bitLength += bits;
      return;
    }
    this.pushBinaryDigits(masked.toString(2).padStart(bits, '0'));
  }

  private pushBinaryDigits(digits: string): void {
    for (let index = 0; index < digits.length; index += 1) {
      const byteIndex = this.bitLength >> 3;
      if (byteIndex === this.bytes.length) this.bytes.push(0);
      if (digits.charCodeAt(index) === 0x31) this.bytes[byteIndex]! |= 0x80 >> (this.bitLength & 7);
      this.bitLength += 1;
    }
  }

  /** Appends the first `bitLength` bits of `bytes`. */
  pushBytes(bytes: Uint8Array, bitLength: number): void {
    const wholeBytes = bitLength >> 3;
    for (let index = 0; index < wholeBytes; index += 1) this.pushByte(bytes[index]!);
    const restBits = bitLength & 7;
    if (restBits > 0) this.push(BigInt(bytes[wholeBytes]! >> (8 - restBits)), restBits);
  }

  result(): Uint8Array {
    return new Uint8Array(this.bytes);
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
const utf8Encoder = new TextEncoder();

type SegmentType = 'integer' | 'float' | 'binary' | 'bits' | 'utf8' | 'utf16' | 'utf32';

interface SegmentOptions {
  type: SegmentType | undefined;
  endian: 'big' | 'little';
  unit: number | undefined;
}

const TYPE_NAMES: Readonly<Record<string, SegmentType>> = {
  integer: 'integer',
  float: 'float',
  binary: 'binary',
  bytes: 'binary',
  bits: 'bits',
  bitstring: 'bits',
  utf8: 'utf8',
  utf16: 'utf16',
  utf32: 'utf32',
};

class Parser {
  constructor(private readonly scanner: Scanner) {}

  private describe(token: Token): string {
    switch (token.kind) {
      case 'end':
        return 'the end of the text';
      case 'punctuation':
        return `'${token.text}'`;
      case 'atom':
        return `the atom ${token.name}`;
      case 'reserved':
        return `the reserved word ${token.name}`;
      case 'string':
        return 'a string';
      case 'value':
        return 'an interpolated value';
      default:
        return `the ${token.kind} ${format(token.value)}`;
    }
  }

  private failAt(token: Token, expected: string): never {
    return this.scanner.fail(
      `expected ${expected}, found ${this.describe(token)}`,
      token.line,
      token.column,
    );
  }

  private isPunctuation(token: Token, text: Punctuation): boolean {
    return token.kind === 'punctuation' && token.text === text;
  }

  private expect(text: Punctuation, expected = `'${text}'`): Token {
    const token = this.scanner.next();
    if (!this.isPunctuation(token, text)) this.failAt(token, expected);
    return token;
  }

  /** A whole text: one term, an optional final `.`, then nothing. */
  parseText(): Term {
    const term = this.parseTerm();
    let token = this.scanner.next();
    if (this.isPunctuation(token, '.')) token = this.scanner.next();
    if (token.kind !== 'end') this.failAt(token, 'the end of the term');
    return term;
  }

  parseTerm(): Term {
    const token = this.scanner.next();
    switch (token.kind) {
      case 'integer':
        return token.value;
      case 'float':
        return float(token.value);
      case 'atom':
        return this.makeAtom(token.name, token);
      case 'string':
        return listFrom(this.joinStrings(token.codes));
      case 'identifier':
      case 'value':
        return token.value;
      case 'punctuation':
        return this.parseCompound(token);
      case 'reserved':
        if (token.name === 'fun') return this.parseExportFun();
        return this.scanner.fail(
          `'${token.name}' is a reserved word: write it quoted to mean the atom`,
          token.line,
          token.column,
        );
      default:
        return this.failAt(token, 'a term');
    }
  }

  /** `fun Module:Name/Arity`, after `fun`: the export fun, as the ETF decoder makes it. */
  private parseExportFun(): Term {
    const module = this.funAtom('a module name after fun');
    this.expect(':', "':' in fun Module:Name/Arity");
    const name = this.funAtom('a function name in fun Module:Name/Arity');
    this.expect('/', "'/' in fun Module:Name/Arity");
    const arity = this.scanner.next();
    if (arity.kind !== 'integer' || typeof arity.value !== 'number' || arity.value > 255) {
      return this.failAt(arity, 'an arity in 0..255');
    }
    return erlangFun({ kind: 'export', module, name, arity: arity.value });
  }

  /** An atom in `fun M:F/A`, where erl prints reserved words bare. */
  private funAtom(expected: string): Atom {
    const token = this.scanner.next();
    if (token.kind !== 'atom' && token.kind !== 'reserved') return this.failAt(token, expected);
    return this.makeAtom(token.name, token) as Atom;
  }

  private makeAtom(name: string, token: Token): Term {
    try {
      return toAtom(name);
    } catch (error) {
      return this.scanner.fail((error as Error).message, token.line, token.column);
    }
  }

  /** `codes` followed by any adjacent string literals, joined. */
  private joinStrings(codes: readonly number[]): number[] {
    const joined = [...codes];
    while (this.scanner.peek().kind === 'string') {
      const next = this.scanner.next();
      if (next.kind === 'string') joined.push(...next.codes);
    }
    return joined;
  }

  private parseCompound(token: Token & { kind: 'punctuation' }): Term {
    switch (token.text) {
      case '-':
      case '+':
        return this.parseSigned(token);
      case '{':
        return this.parseTuple();
      case '[':
        return this.parseList();
      case '#{':
        return this.parseMap();
      case '<<':
        return this.parseBinary();
      default:
        return this.failAt(token, 'a term');
    }
  }

  private parseSigned(sign: Token & { kind: 'punctuation' }): Term {
    const token = this.scanner.next();
    if (token.kind !== 'integer' && token.kind !== 'float') {
      return this.failAt(token, `a number after '${sign.text}'`);
    }
    if (sign.text === '+') return token.kind === 'float' ? float(token.value) : token.value;
    if (token.kind === 'float') return float(-token.value);
    return typeof token.value === 'bigint' ? normalizeInteger(-token.value) : -token.value || 0;
  }

  private parseTuple(): Term {
    const elements: Term[] = [];
    if (this.isPunctuation(this.scanner.peek(), '}')) {
      this.scanner.next();
      return elements;
    }
    for (;;) {
      elements.push(this.parseTerm());
      const token = this.scanner.next();
      if (this.isPunctuation(token, '}')) return elements;
      if (!this.isPunctuation(token, ',')) this.failAt(token, "',' or '}'");
    }
  }

  private parseList(): Term {
    if (this.isPunctuation(this.scanner.peek(), ']')) {
      this.scanner.next();
      return nil;
    }
    const items: Term[] = [];
    for (;;) {
      items.push(this.parseTerm());
      const token = this.scanner.next();
      if (this.isPunctuation(token, ']')) return listFrom(items);
      if (this.isPunctuation(token, '|')) {
        const tail = this.parseTerm();
        this.expect(']', "']' after the tail of a list");
        return improperList(items, tail);
      }
      if (!this.isPunctuation(token, ',')) this.failAt(token, "',', '|' or ']'");
    }
  }

  private parseMap(): Term {
    const map = new Map<Term, Term>();
    // Keys are the same when their canonical text is: that is exact equality of terms.
    const keysByText = new Map<string, Term>();
    if (this.isPunctuation(this.scanner.peek(), '}')) {
      this.scanner.next();
      return map;
    }
    for (;;) {
      const key = this.parseTerm();
      this.expect('=>', "'=>' after a map key");
      const value = this.parseTerm();
      const text = format(key);
      const existing = keysByText.get(text);
      if (existing !== undefined) map.delete(existing);
      keysByText.set(text, key);
      map.set(key, value);
      const token = this.scanner.next();
      if (this.isPunctuation(token, '}')) return map;
      if (!this.isPunctuation(token, ',')) this.failAt(token, "',' or '}' in a map");
    }
  }

  private parseBinary(): Term {
    const writer = new BitWriter();
    let onlyStrings = true;
    if (this.isPunctuation(this.scanner.peek(), '>>')) {
      this.scanner.next();
      return '';
    }
    for (;;) {
      onlyStrings = this.parseSegment(writer) && onlyStrings;
      const token = this.scanner.next();
      if (this.isPunctuation(token, '>>')) break;
      if (!this.isPunctuation(token, ',')) this.failAt(token, "',' or '>>' in a binary");
    }
    const bytes = writer.result();
    if (writer.bitLength % 8 !== 0) return new Bitstring(bytes, writer.bitLength);
    if (onlyStrings) {
      try {
        return strictUtf8.decode(bytes);
      } catch {
        return bytes;
      }
    }
    return bytes;
  }

  /** One segment appended to `writer`; returns whether it was a string literal. */
  private parseSegment(writer: BitWriter): boolean {
    const start = this.scanner.peek();
    let values: (number | bigint)[] | undefined;
    let floatValue: number | undefined;
    let binary: Term | undefined;
    const isString = start.kind === 'string';
    if (start.kind === 'string') {
      this.scanner.next();
      values = this.joinStrings(start.codes);
    } else if (start.kind === 'value') {
      this.scanner.next();
      binary = start.value;
    } else {
      const number = this.parseTerm();
      if (typeof number === 'bigint' || Number.isSafeInteger(number)) {
        values = [number as number | bigint];
      } else if (kindOf(number) === Kind.Float) {
        floatValue = typeof number === 'number' ? number : (number as { value: number }).value;
      } else {
        this.failAt(start, 'a number or string as a binary segment');
      }
    }
    let size: number | undefined;
    if (this.isPunctuation(this.scanner.peek(), ':')) {
      this.scanner.next();
      const sizeToken = this.scanner.next();
      if (sizeToken.kind !== 'integer' || typeof sizeToken.value !== 'number') {
        this.failAt(sizeToken, 'a segment size');
      }
      size = sizeToken.value;
    }
    const options: SegmentOptions = { type: undefined, endian: 'big', unit: undefined };
    if (this.isPunctuation(this.scanner.peek(), '/')) {
      this.scanner.next();
      this.parseTypeList(options);
    }
    if (binary !== undefined) {
      this.writeInterpolated(writer, binary, start, size, options);
    } else if (floatValue !== undefined) {
      this.writeFloat(writer, floatValue, start, size, options);
    } else {
      for (const value of values!) this.writeValue(writer, value, start, size, options);
    }
    // A plain or /utf8 string literal is text; the whole binary becomes a JS string if all of
    // its segments are and the bytes are valid UTF-8.
    return (
      isString && size === undefined && (options.type === undefined || options.type === 'utf8')
    );
  }

  private parseTypeList(options: SegmentOptions): void {
    for (;;) {
      const token = this.scanner.next();
      if (token.kind !== 'atom') this.failAt(token, 'a segment type');
      const type = TYPE_NAMES[token.name];
      if (type !== undefined) {
        options.type = type;
      } else if (token.name === 'big' || token.name === 'little') {
        options.endian = token.name;
      } else if (token.name === 'unit') {
        this.expect(':', "':' after unit");
        const unit = this.scanner.next();
        if (
          unit.kind !== 'integer' ||
          typeof unit.value !== 'number' ||
          unit.value < 1 ||
          unit.value > 256
        ) {
          this.failAt(unit, 'a unit in 1..256');
        }
        options.unit = unit.value;
      } else if (token.name !== 'signed' && token.name !== 'unsigned') {
        this.failAt(
          token,
          'one of integer, float, binary, bits, utf8, utf16, utf32, ' +
            'big, little, signed, unsigned, unit:N',
        );
      }
      if (!this.isPunctuation(this.scanner.peek(), '-')) return;
      this.scanner.next();
    }
  }

  private writeValue(
    writer: BitWriter,
    value: number | bigint,
    token: Token,
    size: number | undefined,
    options: SegmentOptions,
  ): void {
    const type = options.type ?? 'integer';
    if (type === 'float') {
      this.writeFloat(writer, Number(value), token, size, options);
      return;
    }
    if (type === 'utf8' || type === 'utf16' || type === 'utf32') {
      if (size !== undefined)
        this.scanner.fail('a utf segment takes no size', token.line, token.column);
      const code = Number(value);
      if (
        !Number.isInteger(code) ||
        code < 0 ||
        code > 0x10ffff ||
        (code >= 0xd800 && code <= 0xdfff)
      ) {
        this.scanner.fail(`${value} is not a Unicode code point`, token.line, token.column);
      }
      this.writeCodePoint(writer, code, type, options.endian);
      return;
    }
    if (type !== 'integer') {
      this.scanner.fail(`an integer cannot be a ${type} segment`, token.line, token.column);
    }
    const bits = (size ?? 8) * (options.unit ?? 1);
    if (options.endian === 'little' && bits % 8 !== 0) {
      this.scanner.fail('a little-endian segment must be whole bytes', token.line, token.column);
    }
    if (bits === 8 && typeof value === 'number') {
      // ToInt32 keeps the low 32 bits, so `& 0xff` is the value modulo 256 even for negatives.
      writer.pushByte(value & 0xff);
      return;
    }
    const integer = BigInt(value);
    if (options.endian === 'big') {
      writer.push(integer, bits);
      return;
    }
    const masked = BigInt.asUintN(bits, integer);
    for (let shift = 0; shift < bits; shift += 8) writer.push((masked >> BigInt(shift)) & 0xffn, 8);
  }

  private writeCodePoint(
    writer: BitWriter,
    code: number,
    type: 'utf8' | 'utf16' | 'utf32',
    endian: 'big' | 'little',
  ): void {
    if (type === 'utf8') {
      for (const byte of utf8Encoder.encode(String.fromCodePoint(code)))
        writer.push(BigInt(byte), 8);
      return;
    }
    const units =
      type === 'utf32'
        ? [code]
        : [...String.fromCodePoint(code)].flatMap((text) =>
            text.length === 2 ? [text.charCodeAt(0), text.charCodeAt(1)] : [text.charCodeAt(0)],
          );
    const bits = type === 'utf32' ? 32 : 16;
    for (const unit of units) {
      if (endian === 'big') writer.push(BigInt(unit), bits);
      else
        for (let shift = 0; shift < bits; shift += 8)
          writer.push(BigInt((unit >> shift) & 0xff), 8);
    }
  }

  private writeFloat(
    writer: BitWriter,
    value: number,
    token: Token,
    size: number | undefined,
    options: SegmentOptions,
  ): void {
    if (options.type !== undefined && options.type !== 'float') {
      this.scanner.fail(`a float cannot be a ${options.type} segment`, token.line, token.column);
    }
    const bits = (size ?? 64) * (options.unit ?? 1);
    if (bits !== 32 && bits !== 64) {
      this.scanner.fail('a float segment must be 32 or 64 bits', token.line, token.column);
    }
    const view = new DataView(new ArrayBuffer(bits / 8));
    if (bits === 32) view.setFloat32(0, value, options.endian === 'little');
    else view.setFloat64(0, value, options.endian === 'little');
    for (let index = 0; index < bits / 8; index += 1) writer.push(BigInt(view.getUint8(index)), 8);
  }

  /** An interpolated value in a binary: an integer or float as usual, a binary whole. */
  private writeInterpolated(
    writer: BitWriter,
    value: Term,
    token: Token,
    size: number | undefined,
    options: SegmentOptions,
  ): void {
    if (typeof value === 'bigint' || Number.isSafeInteger(value)) {
      this.writeValue(writer, value as number | bigint, token, size, options);
      return;
    }
    const kind = kindOf(value);
    if (kind === Kind.Float) {
      const number = typeof value === 'number' ? value : (value as { value: number }).value;
      this.writeFloat(writer, number, token, size, { ...options, type: 'float' });
      return;
    }
    if (kind !== Kind.Binary && kind !== Kind.Bitstring) {
      this.scanner.fail(
        'an interpolated binary segment must be a number or a bitstring',
        token.line,
        token.column,
      );
    }
    const { bytes, bitLength } = bitsOf(value as string | Uint8Array | Bitstring);
    const type = options.type ?? 'binary';
    if ((type !== 'binary' && type !== 'bits') || size !== undefined) {
      this.scanner.fail(
        'an interpolated bitstring takes /binary or /bits and no size',
        token.line,
        token.column,
      );
    }
    if (type === 'binary' && bitLength % 8 !== 0) {
      this.scanner.fail(
        'a /binary segment must be whole bytes: use /bits',
        token.line,
        token.column,
      );
    }
    writer.pushBytes(bytes, bitLength);
  }
}

/**
 * @internal Parses text chunks with interpolated terms between them (the `erl` tag's input).
 */
export function parseChunks(chunks: readonly string[], values: readonly Term[]): Term {
  return new Parser(new Scanner(chunks, values)).parseText();
}

/**
 * Reads one Erlang term from `text` (an optional final `.`, whitespace and `%` comments allowed).
 * `parse(format(term))` is the same term for every term but funs.
 *
 * @example parse('{ok, [1,2|T]}.') // throws: variables are not terms
 * @example parse('#{a => <<"é"/utf8>>}') // Map { a => 'é' }
 * @throws ParseError (a `TermError`) with the line and column of the first problem.
 */
export function parse(text: string): Term {
  return parseChunks([text], []);
}
