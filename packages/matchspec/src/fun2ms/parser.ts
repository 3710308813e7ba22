/**
 * A small recursive-descent reader for the Erlang `fun ... end` expressions that `fun2ms`
 * translates: tokens, then an abstract syntax shaped like `erl_parse`'s (so the translation can
 * follow ms_transform.erl clause by clause).
 *
 * Grammar covered: fun clauses with one or more parameters, guard sequences (`,` and `;`),
 * bodies of comma-separated expressions; operators with erl_parse's precedences (`=`/`!` right,
 * `orelse`, `andalso`, comparisons, `++`/`--` right, additive, multiplicative, unary, `:` calls);
 * tuples, lists (`[H|T]`), maps (`#{K => V}`, `#{K := V}`, `M#{...}`), binaries of literal
 * segments, strings, chars, based integers and floats. The language elements match specs cannot
 * hold (`case`, `if`, `receive`, `try`, `begin`, `catch`, inner funs, comprehensions, records)
 * are read as `element` nodes so the translator can report them as OTP does.
 */
import { atom, float, isReservedWithoutMaybe, type Term } from '@tsunami/core';

/** A node of the fun's syntax tree. */
export type Node =
  | { readonly kind: 'var'; readonly name: string }
  | { readonly kind: 'atom'; readonly value: Term }
  | { readonly kind: 'integer'; readonly value: number | bigint }
  | { readonly kind: 'char'; readonly value: number }
  | { readonly kind: 'float'; readonly value: Term }
  | { readonly kind: 'string'; readonly value: readonly number[] }
  | { readonly kind: 'nil' }
  | { readonly kind: 'cons'; readonly head: Node; readonly tail: Node }
  | { readonly kind: 'tuple'; readonly elements: readonly Node[] }
  | {
      readonly kind: 'map';
      readonly base: Node | undefined;
      readonly fields: readonly { key: Node; value: Node; exact: boolean }[];
    }
  | { readonly kind: 'bin'; readonly segments: readonly Node[] }
  | { readonly kind: 'op'; readonly operator: string; readonly operands: readonly Node[] }
  | {
      readonly kind: 'call';
      readonly module: Node | undefined;
      readonly name: Node;
      readonly arguments: readonly Node[];
    }
  | { readonly kind: 'match'; readonly left: Node; readonly right: Node }
  | { readonly kind: 'element'; readonly element: string; readonly name?: string };

/** One clause of a fun. */
export interface FunClause {
  readonly parameters: readonly Node[];
  /** Guard sequence: alternatives separated by `;`, each a list of tests separated by `,`. */
  readonly guards: readonly (readonly Node[])[];
  readonly body: readonly Node[];
}

/** A syntax error in fun text. */
export class FunSyntaxError extends SyntaxError {
  override readonly name = 'FunSyntaxError';
}

type Token =
  | { readonly type: 'atom'; readonly value: string; readonly at: number }
  | { readonly type: 'var'; readonly value: string; readonly at: number }
  | { readonly type: 'integer'; readonly value: number | bigint; readonly at: number }
  | { readonly type: 'char'; readonly value: number; readonly at: number }
  | { readonly type: 'float'; readonly value: number; readonly at: number }
  | { readonly type: 'string'; readonly value: number[]; readonly at: number }
  | { readonly type: 'punct'; readonly value: string; readonly at: number }
  | { readonly type: 'eof'; readonly value: ''; readonly at: number };

const PUNCTUATION = [
  '=:=',
  '=/=',
  '<<',
  '>>',
  '<=',
  '=>',
  ':=',
  '->',
  '||',
  '==',
  '/=',
  '=<',
  '>=',
  '++',
  '--',
  '(',
  ')',
  '{',
  '}',
  '[',
  ']',
  ',',
  ';',
  '.',
  '|',
  '#',
  '<',
  '>',
  '=',
  '+',
  '-',
  '*',
  '/',
  '!',
  ':',
];

const ESCAPES: Readonly<Record<string, number>> = {
  n: 10,
  r: 13,
  t: 9,
  v: 11,
  b: 8,
  f: 12,
  e: 27,
  s: 32,
  d: 127,
  '\\': 92,
  "'": 39,
  '"': 34,
};

function normalizeInteger(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let index = 0;
  const readEscape = (): number => {
    const next = text[index++];
    if (next === undefined) throw new FunSyntaxError('unterminated escape');
    if (/[0-7]/.test(next)) {
      let digits = next;
      while (digits.length < 3 && /[0-7]/.test(text[index] ?? '')) digits += text[index++];
      return Number.parseInt(digits, 8);
    }
    if (next === 'x') {
      if (text[index] === '{') {
        const end = text.indexOf('}', index);
        const value = Number.parseInt(text.slice(index + 1, end), 16);
        index = end + 1;
        return value;
      }
      const value = Number.parseInt(text.slice(index, index + 2), 16);
      index += 2;
      return value;
    }
    if (next === '^') return (text.codePointAt(index++) ?? 0) % 32;
    return ESCAPES[next] ?? next.codePointAt(0)!;
  };
  const readQuoted = (quote: string): number[] => {
    const codes: number[] = [];
    while (text[index] !== quote) {
      if (index >= text.length) throw new FunSyntaxError('unterminated quoted text');
      if (text[index] === '\\') {
        index += 1;
        codes.push(readEscape());
      } else {
        const code = text.codePointAt(index)!;
        codes.push(code);
        index += code > 0xffff ? 2 : 1;
      }
    }
    index += 1;
    return codes;
  };
  while (index < text.length) {
    const character = text[index]!;
    const at = index;
    if (/\s/.test(character)) {
      index += 1;
    } else if (character === '%') {
      while (index < text.length && text[index] !== '\n') index += 1;
    } else if (/[a-z]/.test(character)) {
      const match = /^[a-zA-Z0-9_@]*/.exec(text.slice(index))![0];
      index += match.length;
      tokens.push(
        isReservedWithoutMaybe(match)
          ? { type: 'punct', value: match, at }
          : { type: 'atom', value: match, at },
      );
    } else if (/[A-Z_]/.test(character)) {
      const match = /^[a-zA-Z0-9_@]*/.exec(text.slice(index))![0];
      index += match.length;
      tokens.push({ type: 'var', value: match, at });
    } else if (/[0-9]/.test(character)) {
      const rest = text.slice(index);
      const based = /^(\d+)#([0-9a-zA-Z_]+)/.exec(rest);
      const floating = /^\d[\d_]*\.\d[\d_]*([eE][+-]?\d+)?/.exec(rest);
      if (based) {
        const base = Number(based[1]);
        let value = 0n;
        for (const digit of based[2]!.replaceAll('_', '')) {
          value = value * BigInt(base) + BigInt(Number.parseInt(digit, 36));
        }
        tokens.push({ type: 'integer', value: normalizeInteger(value), at });
        index += based[0].length;
      } else if (floating) {
        tokens.push({ type: 'float', value: Number(floating[0].replaceAll('_', '')), at });
        index += floating[0].length;
      } else {
        const digits = /^\d[\d_]*/.exec(rest)![0];
        tokens.push({
          type: 'integer',
          value: normalizeInteger(BigInt(digits.replaceAll('_', ''))),
          at,
        });
        index += digits.length;
      }
    } else if (character === '$') {
      index += 1;
      let value: number;
      if (text[index] === '\\') {
        index += 1;
        value = readEscape();
      } else {
        value = text.codePointAt(index)!;
        index += value > 0xffff ? 2 : 1;
      }
      tokens.push({ type: 'char', value, at });
    } else if (character === "'") {
      index += 1;
      tokens.push({ type: 'atom', value: String.fromCodePoint(...readQuoted("'")), at });
    } else if (character === '"') {
      index += 1;
      tokens.push({ type: 'string', value: readQuoted('"'), at });
    } else {
      const punctuation = PUNCTUATION.find((candidate) => text.startsWith(candidate, index));
      if (punctuation === undefined) {
        throw new FunSyntaxError(`unexpected character ${JSON.stringify(character)} at ${index}`);
      }
      // A dot followed by whitespace or the end is the full stop.
      tokens.push({ type: 'punct', value: punctuation, at });
      index += punctuation.length;
    }
  }
  tokens.push({ type: 'eof', value: '', at: text.length });
  return tokens;
}

const COMPARISONS = new Set(['==', '/=', '=<', '<', '>=', '>', '=:=', '=/=']);
const ADDITIVE = new Set(['+', '-', 'bor', 'bxor', 'bsl', 'bsr', 'or', 'xor']);
const MULTIPLICATIVE = new Set(['/', '*', 'div', 'rem', 'band', 'and']);
const PREFIX = new Set(['+', '-', 'bnot', 'not']);
const BLOCKS: Readonly<Record<string, string>> = {
  case: 'case',
  if: 'if',
  receive: 'receive',
  try: 'try',
  begin: 'begin/end block',
  fun: 'fun',
};

class Parser {
  private position = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  private peek(offset = 0): Token {
    return this.tokens[Math.min(this.position + offset, this.tokens.length - 1)]!;
  }

  private next(): Token {
    const token = this.peek();
    this.position += 1;
    return token;
  }

  private isPunct(value: string): boolean {
    const token = this.peek();
    return token.type === 'punct' && token.value === value;
  }

  private expect(value: string): void {
    const token = this.next();
    if (token.type !== 'punct' || token.value !== value) {
      throw new FunSyntaxError(
        `expected '${value}' at ${token.at}, found ${token.type === 'eof' ? 'the end' : `'${String(token.value)}'`}`,
      );
    }
  }

  atEnd(): boolean {
    return this.peek().type === 'eof' || (this.isPunct('.') && this.peek(1).type === 'eof');
  }

  /** `fun Clause ; ... end`; the `fun` keyword already read. */
  funClauses(): FunClause[] {
    const clauses: FunClause[] = [];
    do {
      this.expect('(');
      const parameters = this.isPunct(')') ? [] : this.expressions();
      this.expect(')');
      const guards: Node[][] = [];
      if (this.isPunct('when')) {
        this.next();
        do guards.push(this.expressions());
        while (this.isPunct(';') && this.next());
      }
      this.expect('->');
      const body = this.expressions();
      clauses.push({ parameters, guards, body });
    } while (this.isPunct(';') && this.next());
    this.expect('end');
    return clauses;
  }

  expressions(): Node[] {
    const list = [this.expression()];
    while (this.isPunct(',')) {
      this.next();
      list.push(this.expression());
    }
    return list;
  }

  expression(): Node {
    if (this.isPunct('catch')) {
      this.next();
      this.expression();
      return { kind: 'element', element: 'catch' };
    }
    const left = this.orelse();
    if (this.isPunct('=')) {
      this.next();
      return { kind: 'match', left, right: this.expression() };
    }
    if (this.isPunct('!')) {
      this.next();
      return { kind: 'op', operator: '!', operands: [left, this.expression()] };
    }
    return left;
  }

  private rightAssociative(operator: string, operand: () => Node, self: () => Node): Node {
    const left = operand();
    if (this.isPunct(operator)) {
      this.next();
      return { kind: 'op', operator, operands: [left, self()] };
    }
    return left;
  }

  private orelse(): Node {
    return this.rightAssociative(
      'orelse',
      () => this.andalso(),
      () => this.orelse(),
    );
  }

  private andalso(): Node {
    return this.rightAssociative(
      'andalso',
      () => this.comparison(),
      () => this.andalso(),
    );
  }

  private comparison(): Node {
    const left = this.listOperation();
    const token = this.peek();
    if (token.type === 'punct' && COMPARISONS.has(token.value)) {
      this.next();
      return { kind: 'op', operator: token.value, operands: [left, this.listOperation()] };
    }
    return left;
  }

  private listOperation(): Node {
    const left = this.additive();
    const token = this.peek();
    if (token.type === 'punct' && (token.value === '++' || token.value === '--')) {
      this.next();
      return { kind: 'op', operator: token.value, operands: [left, this.listOperation()] };
    }
    return left;
  }

  private leftAssociative(operators: ReadonlySet<string>, operand: () => Node): Node {
    let left = operand();
    for (;;) {
      const token = this.peek();
      if (token.type !== 'punct' || !operators.has(token.value)) return left;
      this.next();
      left = { kind: 'op', operator: token.value, operands: [left, operand()] };
    }
  }

  private additive(): Node {
    return this.leftAssociative(ADDITIVE, () => this.multiplicative());
  }

  private multiplicative(): Node {
    return this.leftAssociative(MULTIPLICATIVE, () => this.prefix());
  }

  private prefix(): Node {
    const token = this.peek();
    if (token.type === 'punct' && PREFIX.has(token.value)) {
      this.next();
      return { kind: 'op', operator: token.value, operands: [this.prefix()] };
    }
    return this.mapUpdate();
  }

  private mapUpdate(): Node {
    let node = this.call();
    while (this.isPunct('#')) {
      this.next();
      if (!this.isPunct('{')) return this.record(node);
      node = { kind: 'map', base: node, fields: this.mapFields() };
    }
    return node;
  }

  private record(_base: Node | undefined): Node {
    const name = this.next();
    // Skip the record body or field access.
    if (this.isPunct('{')) this.skipBalanced('{', '}');
    else if (this.isPunct('.')) {
      this.next();
      this.next();
    }
    return { kind: 'element', element: 'record', name: String(name.value) };
  }

  private call(): Node {
    const primary = this.primary();
    if (this.isPunct(':')) {
      this.next();
      const name = this.primary();
      this.expect('(');
      const parameters = this.isPunct(')') ? [] : this.expressions();
      this.expect(')');
      return { kind: 'call', module: primary, name, arguments: parameters };
    }
    if (this.isPunct('(')) {
      this.next();
      const parameters = this.isPunct(')') ? [] : this.expressions();
      this.expect(')');
      return { kind: 'call', module: undefined, name: primary, arguments: parameters };
    }
    return primary;
  }

  private mapFields(): { key: Node; value: Node; exact: boolean }[] {
    this.expect('{');
    const fields: { key: Node; value: Node; exact: boolean }[] = [];
    if (!this.isPunct('}')) {
      do {
        const key = this.expression();
        const separator = this.next();
        if (separator.type !== 'punct' || (separator.value !== '=>' && separator.value !== ':=')) {
          throw new FunSyntaxError(`expected '=>' or ':=' at ${separator.at}`);
        }
        fields.push({ key, value: this.expression(), exact: separator.value === ':=' });
      } while (this.isPunct(',') && this.next());
    }
    this.expect('}');
    return fields;
  }

  private skipBalanced(open: string, close: string): void {
    let depth = 0;
    do {
      const token = this.next();
      if (token.type === 'eof') throw new FunSyntaxError(`unbalanced '${open}'`);
      if (token.type === 'punct' && token.value === open) depth += 1;
      if (token.type === 'punct' && token.value === close) depth -= 1;
    } while (depth > 0);
  }

  /** Skips a keyword block up to its matching `end`. */
  private skipBlock(): void {
    let depth = 1;
    while (depth > 0) {
      const token = this.next();
      if (token.type === 'eof') throw new FunSyntaxError('missing end');
      if (token.type === 'punct' && token.value in BLOCKS) {
        // `fun M:F/A` and `fun F/A` have no `end`.
        if (!(token.value === 'fun' && this.peek().type !== 'punct')) depth += 1;
      }
      if (token.type === 'punct' && token.value === 'end') depth -= 1;
    }
  }

  private primary(): Node {
    const token = this.next();
    switch (token.type) {
      case 'var':
        return { kind: 'var', name: token.value };
      case 'atom':
        return { kind: 'atom', value: atom(token.value) };
      case 'integer':
        return { kind: 'integer', value: token.value };
      case 'char':
        return { kind: 'char', value: token.value };
      case 'float':
        // An integral float such as 1.0 must stay a float: core's canonical Float box.
        return { kind: 'float', value: float(token.value) };
      case 'string': {
        const codes = [...token.value];
        while (this.peek().type === 'string') codes.push(...(this.next().value as number[]));
        return { kind: 'string', value: codes };
      }
      case 'eof':
        throw new FunSyntaxError('unexpected end of text');
      case 'punct':
        break;
    }
    switch (token.value) {
      case '(': {
        const inner = this.expression();
        this.expect(')');
        return inner;
      }
      case '{': {
        const elements = this.isPunct('}') ? [] : this.expressions();
        this.expect('}');
        return { kind: 'tuple', elements };
      }
      case '[': {
        if (this.isPunct(']')) {
          this.next();
          return { kind: 'nil' };
        }
        const items = [this.expression()];
        if (this.isPunct('||')) {
          this.skipToClose('[', ']');
          return { kind: 'element', element: 'list comprehension' };
        }
        while (this.isPunct(',')) {
          this.next();
          items.push(this.expression());
        }
        let tail: Node = { kind: 'nil' };
        if (this.isPunct('|')) {
          this.next();
          tail = this.expression();
        }
        this.expect(']');
        return items.reduceRight<Node>((rest, head) => ({ kind: 'cons', head, tail: rest }), tail);
      }
      case '#': {
        if (this.isPunct('{')) return { kind: 'map', base: undefined, fields: this.mapFields() };
        return this.record(undefined);
      }
      case '<<': {
        const segments: Node[] = [];
        if (!this.isPunct('>>')) {
          do {
            const value = this.prefixSegment();
            if (this.isPunct('||')) {
              this.skipToClose('<<', '>>');
              return { kind: 'element', element: 'binary comprehension' };
            }
            if (this.isPunct(':') || this.isPunct('/')) {
              throw new FunSyntaxError('binary segments with sizes or types are not supported');
            }
            segments.push(value);
          } while (this.isPunct(',') && this.next());
        }
        this.expect('>>');
        return { kind: 'bin', segments };
      }
      default: {
        const element = BLOCKS[token.value];
        if (element !== undefined) {
          this.skipBlock();
          return { kind: 'element', element };
        }
        throw new FunSyntaxError(`unexpected '${token.value}' at ${token.at}`);
      }
    }
  }

  private prefixSegment(): Node {
    const token = this.peek();
    if (token.type === 'punct' && token.value === '-') {
      this.next();
      return { kind: 'op', operator: '-', operands: [this.primary()] };
    }
    return this.primary();
  }

  /** Skips from inside an opened bracket (one level deep) to just after its close. */
  private skipToClose(open: string, close: string): void {
    let depth = 1;
    while (depth > 0) {
      const token = this.next();
      if (token.type === 'eof') throw new FunSyntaxError(`unbalanced '${open}'`);
      if (token.type === 'punct' && token.value === open) depth += 1;
      if (token.type === 'punct' && token.value === close) depth -= 1;
    }
  }
}

/** What {@link parseFun} read: the fun's clauses, or `undefined` when the text is not a fun. */
export function parseFun(text: string): FunClause[] | undefined {
  const tokens = tokenize(text);
  const first = tokens[0]!;
  if (first.type !== 'punct' || first.value !== 'fun') return undefined;
  const parser = new Parser(tokens.slice(1));
  const clauses = parser.funClauses();
  if (!parser.atEnd()) throw new FunSyntaxError('text after the end of the fun');
  return clauses;
}
