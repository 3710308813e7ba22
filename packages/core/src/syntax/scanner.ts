/**
 * The tokenizer behind `parse` and the `erl` template tag: Erlang term text to tokens, following
 * `erl_scan` of OTP 27 for the parts of the language that write terms (numbers with `_` digit
 * separators and `Base#digits`, `$c` characters, quoted and bare atoms, strings, escapes,
 * `%` comments), plus whole-token forms for what `~w` prints without a literal syntax:
 * `<0.80.0>`, `#Port<0.5>`, `#Ref<0.1.2.3>` and our own external forms `<'node'.Creation.Id.Serial>`.
 *
 * The input is a list of text chunks; between two chunks stands an interpolated JS value (the
 * template tag's `${...}`), which comes out as one `value` token. Plain `parse` has one chunk.
 * Lines and columns count from 1, columns in code points; an interpolation counts as one column.
 * Invariant: the scanner never backtracks over a chunk boundary, so a token never spans one.
 */
import { atom, Pid, Port, Reference, type Term, TermError } from '../term.js';
import { isReservedWithoutMaybe } from './reserved-words.js';

/** A syntax error in Erlang term text, with the line and column where it was found. */
export class ParseError extends TermError {
  /** The line of the error, counting from 1. */
  readonly line: number;
  /** The column of the error, counting from 1 in code points. */
  readonly column: number;

  constructor(message: string, line: number, column: number) {
    super(`${message} at line ${line}, column ${column}`);
    Object.defineProperty(this, 'name', { value: 'ParseError' });
    this.line = line;
    this.column = column;
  }
}

/** Punctuation the term grammar uses. */
export type Punctuation =
  | '{'
  | '}'
  | '['
  | ']'
  | '|'
  | ','
  | '#{'
  | '=>'
  | '<<'
  | '>>'
  | ':'
  | '/'
  | '-'
  | '+'
  | '.';

/** A token with the position of its first character. */
export type Token = { readonly line: number; readonly column: number } & (
  | { readonly kind: 'integer'; readonly value: number | bigint }
  | { readonly kind: 'float'; readonly value: number }
  | { readonly kind: 'atom'; readonly name: string; readonly quoted: boolean }
  | { readonly kind: 'reserved'; readonly name: string }
  | { readonly kind: 'string'; readonly codes: readonly number[] }
  | { readonly kind: 'punctuation'; readonly text: Punctuation }
  | { readonly kind: 'identifier'; readonly value: Pid | Port | Reference }
  | { readonly kind: 'value'; readonly value: Term }
  | { readonly kind: 'end' }
);

function isDigit(code: number): boolean {
  return code >= 0x30 && code <= 0x39;
}

function isLowercase(code: number): boolean {
  return (code >= 0x61 && code <= 0x7a) || (code >= 0xdf && code <= 0xff && code !== 0xf7);
}

function isUppercase(code: number): boolean {
  return (code >= 0x41 && code <= 0x5a) || (code >= 0xc0 && code <= 0xde && code !== 0xd7);
}

function isNameCharacter(code: number): boolean {
  return isLowercase(code) || isUppercase(code) || isDigit(code) || code === 0x5f || code === 0x40;
}

/** Erlang's whitespace: everything up to space, and the Latin-1 controls up to NBSP. */
function isWhitespace(code: number): boolean {
  return code <= 0x20 || (code >= 0x80 && code <= 0xa0);
}

/** The value of `code` as a digit in base 36, or 99 when it is not a digit or letter. */
function digitValue(code: number): number {
  if (isDigit(code)) return code - 0x30;
  if (code >= 0x61 && code <= 0x7a) return code - 0x61 + 10;
  if (code >= 0x41 && code <= 0x5a) return code - 0x41 + 10;
  return 99;
}

const NAMED_ESCAPES: ReadonlyMap<string, number> = new Map([
  ['n', 0x0a],
  ['r', 0x0d],
  ['t', 0x09],
  ['v', 0x0b],
  ['b', 0x08],
  ['f', 0x0c],
  ['e', 0x1b],
  ['s', 0x20],
  ['d', 0x7f],
]);

/** The end of input inside the current chunk (a sentinel no code point can equal). */
const END = -1;

/** Reads tokens from text chunks with interpolated values between them. */
export class Scanner {
  private chunkIndex = 0;
  private offset = 0;
  private line = 1;
  private column = 1;
  private peeked: Token | undefined;

  constructor(
    private readonly chunks: readonly string[],
    private readonly values: readonly Term[],
  ) {}

  /** Throws a {@link ParseError} at the given position (the current one by default). */
  fail(message: string, line = this.line, column = this.column): never {
    throw new ParseError(message, line, column);
  }

  /** The next token, without consuming it. */
  peek(): Token {
    this.peeked ??= this.scan();
    return this.peeked;
  }

  /** The next token, consumed. */
  next(): Token {
    const token = this.peek();
    this.peeked = undefined;
    return token;
  }

  private get text(): string {
    return this.chunks[this.chunkIndex]!;
  }

  private code(ahead = 0): number {
    if (ahead === 0) return this.text.codePointAt(this.offset) ?? END;
    let index = this.offset;
    for (let step = 0; step < ahead; step += 1) {
      const code = this.text.codePointAt(index);
      if (code === undefined) return END;
      index += code > 0xffff ? 2 : 1;
    }
    return this.text.codePointAt(index) ?? END;
  }

  private advance(): number {
    const code = this.code();
    if (code === END) return END;
    this.offset += code > 0xffff ? 2 : 1;
    if (code === 0x0a) {
      this.line += 1;
      this.column = 1;
    } else {
      this.column += 1;
    }
    return code;
  }

  private skipSpaceAndComments(): void {
    for (;;) {
      const code = this.code();
      if (code === END) return;
      if (code === 0x25) {
        while (this.code() !== END && this.code() !== 0x0a) this.advance();
      } else if (isWhitespace(code)) {
        this.advance();
      } else {
        return;
      }
    }
  }

  private scan(): Token {
    this.skipSpaceAndComments();
    const line = this.line;
    const column = this.column;
    const code = this.code();
    if (code === END) {
      if (this.chunkIndex < this.values.length) {
        const value = this.values[this.chunkIndex]!;
        this.chunkIndex += 1;
        this.offset = 0;
        this.column += 1;
        return { kind: 'value', value, line, column };
      }
      return { kind: 'end', line, column };
    }
    if (isDigit(code)) return this.scanNumber(line, column);
    if (isLowercase(code)) return this.scanBareAtom(line, column);
    if (isUppercase(code) || code === 0x5f) {
      let name = '';
      while (isNameCharacter(this.code())) name += String.fromCodePoint(this.advance());
      return this.fail(`variables are not terms: found the variable ${name}`, line, column);
    }
    switch (code) {
      case 0x27: // '
        this.advance();
        return {
          kind: 'atom',
          name: this.scanQuoted(0x27, 'quoted atom'),
          quoted: true,
          line,
          column,
        };
      case 0x22: {
        // "
        this.advance();
        const codes = [...this.scanQuoted(0x22, 'string')].map((text) => text.codePointAt(0)!);
        return { kind: 'string', codes, line, column };
      }
      case 0x24: {
        // $
        this.advance();
        const character = this.advance();
        if (character === END) return this.fail('expected a character after $', line, column);
        const value = character === 0x5c ? this.scanEscape(line, column) : character;
        return { kind: 'integer', value, line, column };
      }
      case 0x7b:
        return this.punctuation('{', 1, line, column);
      case 0x7d:
        return this.punctuation('}', 1, line, column);
      case 0x5b:
        return this.punctuation('[', 1, line, column);
      case 0x5d:
        return this.punctuation(']', 1, line, column);
      case 0x7c:
        return this.punctuation('|', 1, line, column);
      case 0x2c:
        return this.punctuation(',', 1, line, column);
      case 0x3a:
        return this.punctuation(':', 1, line, column);
      case 0x2f:
        return this.punctuation('/', 1, line, column);
      case 0x2d:
        return this.punctuation('-', 1, line, column);
      case 0x2b:
        return this.punctuation('+', 1, line, column);
      case 0x2e:
        return this.punctuation('.', 1, line, column);
      case 0x3d:
        if (this.code(1) === 0x3e) return this.punctuation('=>', 2, line, column);
        break;
      case 0x3e:
        if (this.code(1) === 0x3e) return this.punctuation('>>', 2, line, column);
        break;
      case 0x3c:
        if (this.code(1) === 0x3c) return this.punctuation('<<', 2, line, column);
        this.advance();
        return this.scanPid(line, column);
      case 0x23:
        return this.scanHash(line, column);
      default:
        break;
    }
    return this.fail(`unexpected character ${JSON.stringify(String.fromCodePoint(code))}`);
  }

  private punctuation(text: Punctuation, length: number, line: number, column: number): Token {
    for (let step = 0; step < length; step += 1) this.advance();
    return { kind: 'punctuation', text, line, column };
  }

  /** Digits in `base` with `_` allowed between two digits; `undefined` when there are none. */
  private scanDigits(base: number): string | undefined {
    // Digits are ASCII and never span lines, so the run is one slice of the chunk.
    const start = this.offset;
    let separators = false;
    for (;;) {
      const code = this.text.charCodeAt(this.offset);
      if (digitValue(code) < base) {
        this.offset += 1;
      } else if (
        code === 0x5f &&
        this.offset > start &&
        digitValue(this.text.charCodeAt(this.offset + 1)) < base
      ) {
        separators = true;
        this.offset += 1;
      } else {
        break;
      }
    }
    if (this.offset === start) return undefined;
    this.column += this.offset - start;
    const digits = this.text.slice(start, this.offset);
    return separators ? digits.replaceAll('_', '') : digits;
  }

  private scanNumber(line: number, column: number): Token {
    const digits = this.scanDigits(10)!;
    if (this.code() === 0x23) {
      const base = Number(digits);
      if (base < 2 || base > 36) return this.fail(`base ${digits} is not in 2..36`, line, column);
      this.advance();
      const based = this.scanDigits(base);
      if (based === undefined) return this.fail(`expected digits in base ${base}`);
      let value = 0n;
      for (const character of based) {
        value = value * BigInt(base) + BigInt(digitValue(character.codePointAt(0)!));
      }
      return { kind: 'integer', value: normalizeInteger(value), line, column };
    }
    if (this.code() === 0x2e && isDigit(this.code(1))) {
      this.advance();
      let text = `${digits}.${this.scanDigits(10)}`;
      const exponentMark = this.code();
      if (exponentMark === 0x65 || exponentMark === 0x45) {
        const sign = this.code(1);
        const signed = sign === 0x2b || sign === 0x2d;
        if (isDigit(this.code(signed ? 2 : 1))) {
          this.advance();
          if (signed) text += `e${String.fromCodePoint(this.advance())}`;
          else text += 'e';
          text += this.scanDigits(10);
        }
      }
      const value = Number(text);
      if (!Number.isFinite(value)) return this.fail(`float ${text} is out of range`, line, column);
      return { kind: 'float', value, line, column };
    }
    // Up to 15 digits is always a safe integer; longer runs go through BigInt.
    const value = digits.length <= 15 ? Number(digits) : normalizeInteger(BigInt(digits));
    return { kind: 'integer', value, line, column };
  }

  private scanBareAtom(line: number, column: number): Token {
    let name = '';
    while (isNameCharacter(this.code())) name += String.fromCodePoint(this.advance());
    if (isReservedWithoutMaybe(name)) return { kind: 'reserved', name, line, column };
    return { kind: 'atom', name, quoted: false, line, column };
  }

  /** The characters up to the closing `quote`, escapes resolved; the opening quote is consumed. */
  private scanQuoted(quote: number, what: string): string {
    const startLine = this.line;
    const startColumn = this.column - 1;
    let text = '';
    for (;;) {
      const code = this.advance();
      if (code === END) {
        const message =
          this.chunkIndex < this.values.length
            ? `an interpolation cannot stand inside a ${what}`
            : `unterminated ${what}`;
        return this.fail(message, startLine, startColumn);
      }
      if (code === quote) return text;
      text += String.fromCodePoint(
        code === 0x5c ? this.scanEscape(this.line, this.column - 1) : code,
      );
    }
  }

  /** The character an escape stands for; the backslash is consumed. */
  private scanEscape(line: number, column: number): number {
    const code = this.advance();
    if (code === END) return this.fail('unterminated escape sequence', line, column);
    if (code >= 0x30 && code <= 0x37) {
      let value = code - 0x30;
      for (let count = 1; count < 3 && this.code() >= 0x30 && this.code() <= 0x37; count += 1) {
        value = value * 8 + (this.advance() - 0x30);
      }
      return value;
    }
    if (code === 0x78) return this.scanHexEscape(line, column);
    if (code === 0x5e) {
      const control = this.advance();
      if (control === 0x3f) return 0x7f;
      if (control >= 0x40 && control <= 0x5f) return control - 0x40;
      if (control >= 0x61 && control <= 0x7a) return control - 0x60;
      return this.fail('expected a letter or one of @[\\]^_? after \\^', line, column);
    }
    return NAMED_ESCAPES.get(String.fromCodePoint(code)) ?? code;
  }

  private scanHexEscape(line: number, column: number): number {
    if (this.code() === 0x7b) {
      this.advance();
      let hex = '';
      while (digitValue(this.code()) < 16) hex += String.fromCodePoint(this.advance());
      if (hex === '' || this.advance() !== 0x7d) {
        return this.fail('expected hex digits and } in \\x{...}', line, column);
      }
      const value = Number.parseInt(hex, 16);
      if (value > 0x10ffff || (value >= 0xd800 && value <= 0xdfff)) {
        return this.fail(`\\x{${hex}} is not a Unicode code point`, line, column);
      }
      return value;
    }
    if (digitValue(this.code()) < 16 && digitValue(this.code(1)) < 16) {
      return digitValue(this.advance()) * 16 + digitValue(this.advance());
    }
    return this.fail('expected two hex digits or {...} after \\x', line, column);
  }

  private expectCharacter(code: number, what: string): void {
    if (this.code() !== code) this.fail(`expected ${what}`);
    this.advance();
  }

  /** A decimal number inside an identifier: plain digits, no separators. */
  private scanWord(what: string): number {
    let digits = '';
    while (isDigit(this.code())) digits += String.fromCodePoint(this.advance());
    if (digits === '') return this.fail(`expected ${what}`);
    return Number(digits);
  }

  /** `0` or `'node'.Creation`: where the identifier lives. */
  private scanNodePart(kind: string, line: number, column: number): [Term, number] | undefined {
    const code = this.code();
    if (code === 0x27) {
      this.advance();
      const name = this.scanQuoted(0x27, 'quoted atom');
      this.expectCharacter(0x2e, `. after the node of a ${kind}`);
      const creation = this.scanWord(`the node creation of a ${kind}`);
      return [this.makeAtom(name, line, column), creation];
    }
    if (isLowercase(code)) {
      let name = '';
      while (isNameCharacter(this.code())) name += String.fromCodePoint(this.advance());
      this.expectCharacter(0x2e, `. after the node of a ${kind}`);
      const creation = this.scanWord(`the node creation of a ${kind}`);
      return [this.makeAtom(name, line, column), creation];
    }
    const index = this.scanWord(`0 or a quoted node name in a ${kind}`);
    if (index !== 0) {
      return this.fail(
        `a ${kind} with node index ${index} comes from another node, which the text does not name`,
        line,
        column,
      );
    }
    return undefined;
  }

  private makeAtom(name: string, line: number, column: number): Term {
    try {
      return atom(name);
    } catch (error) {
      return this.fail((error as Error).message, line, column);
    }
  }

  private build<T>(line: number, column: number, make: () => T): T {
    try {
      return make();
    } catch (error) {
      if (error instanceof ParseError) throw error;
      return this.fail((error as Error).message, line, column);
    }
  }

  /** `<0.Id.Serial>` or `<'node'.Creation.Id.Serial>`; the `<` is consumed. */
  private scanPid(line: number, column: number): Token {
    const node = this.scanNodePart('pid', line, column);
    this.expectCharacter(0x2e, '. in a pid');
    const id = this.scanWord('the id of a pid');
    this.expectCharacter(0x2e, '. in a pid');
    const serial = this.scanWord('the serial of a pid');
    this.expectCharacter(0x3e, '> to end a pid');
    const value = this.build(line, column, () =>
      node === undefined ? new Pid(id, serial) : new Pid(id, serial, node[0] as symbol, node[1]),
    );
    return { kind: 'identifier', value, line, column };
  }

  /** `#{`, `#Port<...>`, `#Ref<...>`; `#Fun<...>` and records are errors. */
  private scanHash(line: number, column: number): Token {
    this.advance();
    if (this.code() === 0x7b) {
      this.advance();
      return { kind: 'punctuation', text: '#{', line, column };
    }
    let name = '';
    while (isNameCharacter(this.code())) name += String.fromCodePoint(this.advance());
    if (name === 'Fun' && this.code() === 0x3c) {
      return this.fail('a fun has no literal form and cannot be read back', line, column);
    }
    if ((name !== 'Port' && name !== 'Ref') || this.code() !== 0x3c) {
      return this.fail('expected #{, #Port< or #Ref< (records are not terms)', line, column);
    }
    this.advance();
    const kind = name === 'Port' ? 'port' : 'reference';
    const node = this.scanNodePart(kind, line, column);
    const words: number[] = [];
    do {
      this.expectCharacter(0x2e, `. in a ${kind}`);
      words.push(this.scanWord(`a number in a ${kind}`));
    } while (this.code() === 0x2e);
    this.expectCharacter(0x3e, `> to end a ${kind}`);
    const [nodeName, creation] = node ?? [undefined, 0];
    const value = this.build(line, column, () => {
      if (kind === 'port') {
        if (words.length !== 1) throw new TermError('a port has one id after its node');
        return nodeName === undefined
          ? new Port(words[0]!)
          : new Port(words[0]!, nodeName as symbol, creation);
      }
      // Printed most significant word first; the term keeps them least significant first.
      const ids = words.reverse();
      return nodeName === undefined
        ? new Reference(ids)
        : new Reference(ids, nodeName as symbol, creation);
    });
    return { kind: 'identifier', value, line, column };
  }
}

/** A safe-range integer as a number, any other as a bigint. */
export function normalizeInteger(value: bigint): number | bigint {
  const number = Number(value);
  return Number.isSafeInteger(number) ? number : value;
}
