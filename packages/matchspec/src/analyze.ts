/**
 * Checks a match specification term and turns it into the clause trees of `ast.ts`, or reports
 * every problem with OTP's own sentence. The rules are those of `db_match_compile` in OTP's
 * erts/emulator/beam/erl_db_util.c for the table dialect (`DCOMP_TABLE`), confirmed against
 * `ets:test_ms/2` on OTP 25 and 27:
 *
 * - The specification is a non-empty proper list of `{Head, Guards, Body}` tuples; `Guards` is a
 *   proper list, `Body` a non-empty proper list. Any head term is accepted (a head that is not a
 *   tuple simply matches no table object).
 * - `'$N'` (digits after `$`, read as a 32-bit C int that may wrap; negative means "not a
 *   variable") is a variable, `'_'` a wildcard. A repeated head variable must be exactly equal.
 *   A map key in a head may not be a variable or `'_'`.
 * - In guards and bodies: `'$_'` is the object, `'$$'` the list of head variables, `{const, T}`
 *   the literal `T`, `{{...}}` builds a tuple, lists and maps build lists and maps, `{F, A...}`
 *   calls a function from the table below or a special form (`and`, `or`, `andalso`, `orelse`,
 *   `andthen`, `self`, `const`). Tracing-only forms are "used in wrong dialect"; `get_tcw`,
 *   `set_tcw`, `set_tcw_fake` "cannot be called in this context".
 *
 * After the first clause with a problem, later clauses are not checked (as in OTP).
 *
 * Head maps are never folded into literals, even without variables: a map pattern matches
 * every map holding its keys (`#{}` matches any map), as in OTP, so it is no exact test (and a
 * key holding one pins no single key, erlang/otp#8387).
 *
 * Nesting: the checker and both back ends recurse over the specification, so a term nested
 * deeper than {@link MAX_NESTING_DEPTH} raises {@link MatchSpecLimitError} (OTP's
 * `system_limit`) instead of overflowing the JS stack.
 */
import {
  type Atom,
  atomName,
  Bitstring,
  Float,
  format,
  isAtom,
  isPlainObject,
  List,
  nil,
  sortedMapEntries,
  type Term,
} from '@tsunami/core';
import type { Clause, Connective, Expression, Pattern } from './ast.js';
import {
  MatchSpecError,
  MatchSpecLimitError,
  type MatchSpecPart,
  type MatchSpecProblem,
} from './errors.js';
import { BUILTINS, makeList, makeMap } from './runtime.js';

/** Which OTP release's set of guard functions to accept. */
export interface DialectOptions {
  /**
   * Accept the functions OTP 26 added to match specifications (`is_boolean`, `is_bitstring`,
   * `is_function/2`, `tuple_size`, `min`, `max`, `ceil`, `floor`). Default `true` (latest OTP).
   */
  readonly newerGuards?: boolean;
}

/**
 * The deepest nesting of tuples, lists and maps in a head, guard or body that is checked and
 * compiled. Deeper specifications raise {@link MatchSpecLimitError}. The bound keeps the
 * recursive checker, code generator and interpreter well inside a default JS stack (the
 * interpreter, the deepest user, overflows a Node worker's stack near 2,000 levels).
 */
export const MAX_NESTING_DEPTH = 1000;

/** The functions OTP 26 (erlang/otp#7046 and the guard `min`/`max` change) made callable. */
export const NEWER_GUARD_FUNCTIONS: ReadonlySet<string> = new Set([
  'is_boolean/1',
  'is_bitstring/1',
  'is_function/2',
  'tuple_size/1',
  'min/2',
  'max/2',
  'ceil/1',
  'floor/1',
]);

const TRACE_SPECIAL_FORMS = new Set([
  'is_seq_trace',
  'set_seq_token',
  'get_seq_token',
  'message',
  'return_trace',
  'exception_trace',
  'process_dump',
  'enable_trace',
  'disable_trace',
  'trace',
  'display',
  'caller',
  'caller_line',
  'current_stacktrace',
  'silent',
]);

const TRACE_FUNCTIONS = new Set(['get_tcw/0', 'set_tcw/1', 'set_tcw_fake/1']);

/**
 * The variable number of `term` when it is a `'$N'` atom, else -1. OTP accumulates the digits
 * in a C `int`, so a long number wraps modulo 2^32 and a negative result is not a variable.
 */
export function variableNumber(term: Term): number {
  if (typeof term !== 'symbol') return -1;
  const name = Symbol.keyFor(term);
  if (name === undefined || name.length < 2 || name.charCodeAt(0) !== 36) return -1;
  let number = 0;
  for (let index = 1; index < name.length; index += 1) {
    const digit = name.charCodeAt(index) - 48;
    if (digit < 0 || digit > 9) return -1;
    number = (number * 10 + digit) | 0;
  }
  return number;
}

const WILDCARD = Symbol.for('_');
const WHOLE_OBJECT = Symbol.for('$_');
const ALL_VARIABLES = Symbol.for('$$');

/** How erts prints an atom in its messages: quoted only when not a plain lower-case name. */
function printAtom(atom: Atom): string {
  const name = atomName(atom);
  return /^[a-z][a-zA-Z0-9_@]*$/.test(name) ? name : `'${name.replace(/(['\\])/g, '\\$1')}'`;
}

/** C's `%e` (6 digits after the point, an exponent of at least two digits), as erts prints floats. */
function printFloat(value: number): string {
  return value.toExponential(6).replace(/e([+-])(\d)$/, 'e$10$2');
}

function isPrintableString(items: readonly Term[]): boolean {
  return items.every((item) => typeof item === 'number' && item >= 32 && item <= 126);
}

/**
 * A term as erts's `%T` prints it in match specification errors (erl_printf_term.c): atoms
 * quoted only when not plain names, floats in `%e`, printable lists as strings, maps without
 * spaces.
 */
function printTerm(term: Term): string {
  if (isAtom(term)) return printAtom(term);
  if (typeof term === 'number' && !Number.isSafeInteger(term)) return printFloat(term);
  if (term instanceof Float) return printFloat(term.value);
  if (Array.isArray(term)) return `{${(term as readonly Term[]).map(printTerm).join(',')}}`;
  if (term instanceof List) {
    if (term === nil) return '[]';
    if (term.tail === nil && isPrintableString(term.items)) {
      return `"${String.fromCharCode(...(term.items as number[]))}"`;
    }
    const items = term.items.map(printTerm).join(',');
    return term.tail === nil ? `[${items}]` : `[${items}|${printTerm(term.tail)}]`;
  }
  if (typeof term === 'string' || term instanceof Uint8Array) {
    const bytes = typeof term === 'string' ? messageEncoder.encode(term) : term;
    if (bytes.length > 0 && bytes.every((byte) => byte >= 32 && byte <= 126)) {
      return `<<"${String.fromCharCode(...bytes)}">>`;
    }
    return `<<${bytes.join(',')}>>`;
  }
  if (isMapTerm(term)) {
    const entries = sortedMapEntries(term as ReadonlyMap<Term, Term>);
    return `#{${entries.map(([key, value]) => `${printTerm(key)}=>${printTerm(value)}`).join(',')}}`;
  }
  try {
    return format(term);
  } catch {
    return String(term);
  }
}

/** erts formats each error into a 100-byte buffer, so a message keeps at most 99 bytes. */
const MESSAGE_BYTES = 99;
const messageEncoder = new TextEncoder();
const messageDecoder = new TextDecoder();

function truncateMessage(message: string): string {
  const bytes = messageEncoder.encode(message);
  return bytes.length <= MESSAGE_BYTES
    ? message
    : messageDecoder.decode(bytes.subarray(0, MESSAGE_BYTES));
}

class Problems {
  readonly list: MatchSpecProblem[] = [];
  clause = 0;
  part: MatchSpecPart = 'specification';

  add(otpMessage: string): void {
    this.list.push({
      clause: this.clause,
      part: this.part,
      otpMessage: truncateMessage(otpMessage),
    });
  }
}

function properListItems(term: Term): readonly Term[] | 'not a list' | 'improper' {
  if (!(term instanceof List)) return 'not a list';
  if (term.tail !== nil) return 'improper';
  return term.items;
}

function isLiteralPattern(pattern: Pattern): pattern is { kind: 'literal'; value: Term } {
  return pattern.kind === 'literal';
}

function mapEntries(map: Term): Array<[Term, Term]> {
  if (map instanceof Map) return Array.from(map as ReadonlyMap<Term, Term>);
  return Object.entries(map as { readonly [key: string]: Term });
}

function isMapTerm(term: Term): boolean {
  return (
    term instanceof Map ||
    (typeof term === 'object' &&
      term !== null &&
      !Array.isArray(term) &&
      !(term instanceof List) &&
      !(term instanceof Uint8Array) &&
      !(term instanceof Float) &&
      !(term instanceof Bitstring) &&
      isPlainObject(term as object))
  );
}

class HeadChecker {
  readonly bound = new Set<number>();
  private depth = 0;

  constructor(private readonly problems: Problems) {}

  pattern(term: Term): Pattern {
    if (this.depth >= MAX_NESTING_DEPTH) throw new MatchSpecLimitError(MAX_NESTING_DEPTH);
    this.depth += 1;
    const pattern = this.patternAt(term);
    this.depth -= 1;
    return pattern;
  }

  private patternAt(term: Term): Pattern {
    if (typeof term === 'symbol') {
      if (term === WILDCARD) return { kind: 'any' };
      const variable = variableNumber(term);
      if (variable >= 0) {
        if (this.bound.has(variable)) return { kind: 'check', variable };
        this.bound.add(variable);
        return { kind: 'bind', variable };
      }
      return { kind: 'literal', value: term };
    }
    if (Array.isArray(term)) {
      const elements = (term as readonly Term[]).map((element) => this.pattern(element));
      if (elements.every(isLiteralPattern)) return { kind: 'literal', value: term };
      return { kind: 'tuple', elements };
    }
    if (term instanceof List && term !== nil) {
      const items = term.items.map((item) => this.pattern(item));
      const tail = this.pattern(term.tail);
      if (items.every(isLiteralPattern) && isLiteralPattern(tail)) {
        return { kind: 'literal', value: term };
      }
      return { kind: 'list', items, tail };
    }
    if (isMapTerm(term)) {
      const entries: Array<readonly [Term, Pattern]> = [];
      for (const [key, value] of mapEntries(term)) {
        if (key === WILDCARD) this.problems.add('Underscore found in map key.');
        else if (variableNumber(key) >= 0) this.problems.add('Variable found in map key.');
        entries.push([key, this.pattern(value)]);
      }
      return { kind: 'map', entries };
    }
    return { kind: 'literal', value: term };
  }
}

function isConstant(expression: Expression): expression is { kind: 'constant'; value: Term } {
  return expression.kind === 'constant';
}

const CONNECTIVES: Readonly<Record<string, Connective>> = {
  and: 'and',
  or: 'or',
  andalso: 'andalso',
  andthen: 'andalso',
  orelse: 'orelse',
};

class ExpressionChecker {
  private depth = 0;

  constructor(
    private readonly problems: Problems,
    private readonly bound: ReadonlySet<number>,
    private readonly options: DialectOptions,
  ) {}

  expression(term: Term): Expression | undefined {
    if (this.depth >= MAX_NESTING_DEPTH) throw new MatchSpecLimitError(MAX_NESTING_DEPTH);
    this.depth += 1;
    const expression = this.expressionAt(term);
    this.depth -= 1;
    return expression;
  }

  private expressionAt(term: Term): Expression | undefined {
    if (typeof term === 'symbol') {
      if (term === WHOLE_OBJECT) return { kind: 'object' };
      if (term === ALL_VARIABLES) return { kind: 'allVariables' };
      const variable = variableNumber(term);
      if (variable >= 0) {
        if (!this.bound.has(variable)) {
          this.problems.add(`Variable $${variable} is unbound.`);
          return undefined;
        }
        return { kind: 'variable', variable };
      }
      return { kind: 'constant', value: term };
    }
    if (Array.isArray(term)) return this.tupleForm(term as readonly Term[]);
    if (term instanceof List && term !== nil) {
      const items = this.all(term.items);
      const tail = this.expression(term.tail);
      if (items === undefined || tail === undefined) return undefined;
      if (items.every(isConstant) && isConstant(tail)) {
        return {
          kind: 'constant',
          value: makeList(
            items.map((item) => item.value),
            tail.value,
          ),
        };
      }
      return { kind: 'list', items, tail };
    }
    if (isMapTerm(term)) {
      const plain = !(term instanceof Map);
      const entries: Array<readonly [Expression, Expression]> = [];
      let failed = false;
      // OTP compiles each value before its key, in key order, so its problems come in that order.
      for (const [key, value] of sortedMapEntries(term as ReadonlyMap<Term, Term>)) {
        const valueExpression = this.expression(value);
        const keyExpression = this.expression(key);
        if (keyExpression === undefined || valueExpression === undefined) failed = true;
        else entries.push([keyExpression, valueExpression]);
      }
      if (failed) return undefined;
      if (entries.every(([key, value]) => isConstant(key) && isConstant(value))) {
        const values = entries.map(
          ([key, value]) =>
            [(key as { value: Term }).value, (value as { value: Term }).value] as const,
        );
        return { kind: 'constant', value: makeMap(values, plain) };
      }
      return { kind: 'map', entries, plain };
    }
    return { kind: 'constant', value: term };
  }

  private all(terms: readonly Term[]): Expression[] | undefined {
    const expressions: Expression[] = [];
    let failed = false;
    for (const term of terms) {
      const expression = this.expression(term);
      if (expression === undefined) failed = true;
      else expressions.push(expression);
    }
    return failed ? undefined : expressions;
  }

  /** {@link all} compiling last to first, as OTP does for tuples, calls and `and`/`or`. */
  private allReversed(terms: readonly Term[]): Expression[] | undefined {
    return this.all([...terms].reverse())?.reverse();
  }

  private notACall(term: readonly Term[]): undefined {
    this.problems.add(
      `${printTerm(term as Term)} is neither a function call, nor a tuple (tuples are written {{ ... }}).`,
    );
    return undefined;
  }

  private tupleForm(term: readonly Term[]): Expression | undefined {
    if (term.length === 0) return this.notACall(term);
    const first = term[0] as Term;
    if (term.length === 1 && Array.isArray(first)) {
      const elements = this.allReversed(first as readonly Term[]);
      if (elements === undefined) return undefined;
      if (elements.every(isConstant)) {
        return { kind: 'constant', value: elements.map((element) => element.value) };
      }
      return { kind: 'tuple', elements };
    }
    if (!isAtom(first) || variableNumber(first) >= 0) return this.notACall(term);
    const name = atomName(first);
    const parameters = term.slice(1);
    const arity = parameters.length;
    const connective = CONNECTIVES[name];
    if (connective !== undefined) {
      if (arity === 0) {
        this.problems.add(
          `Special form '${name}' called without arguments in ${printTerm(term as Term)}.`,
        );
        return undefined;
      }
      // `andalso`/`orelse` are compiled first to last (they jump), `and`/`or` last to first.
      const argumentsList =
        connective === 'and' || connective === 'or'
          ? this.allReversed(parameters)
          : this.all(parameters);
      if (argumentsList === undefined) return undefined;
      return { kind: 'connective', connective, arguments: argumentsList };
    }
    if (name === 'const') {
      if (arity !== 1) {
        this.problems.add(
          `Special form 'const' called with more than one argument in ${printTerm(term as Term)}.`,
        );
        return undefined;
      }
      return { kind: 'constant', value: parameters[0] as Term };
    }
    if (name === 'self') {
      if (arity !== 0) {
        this.problems.add(
          `Special form 'self' called with arguments in ${printTerm(term as Term)}.`,
        );
        return undefined;
      }
      return { kind: 'self' };
    }
    if (TRACE_SPECIAL_FORMS.has(name)) {
      // OTP's message names set_seq_token as set_seq_trace.
      const shown = name === 'set_seq_token' ? 'set_seq_trace' : name;
      this.problems.add(`Special form '${shown}' used in wrong dialect.`);
      return undefined;
    }
    const key = `${name}/${arity}`;
    const printed = `${printAtom(first)}/${arity}`;
    if (TRACE_FUNCTIONS.has(key)) {
      this.problems.add(`Function ${printed} cannot be called in this context.`);
      return undefined;
    }
    const known =
      key === 'node/0' ||
      (BUILTINS.has(key) &&
        ((this.options.newerGuards ?? true) || !NEWER_GUARD_FUNCTIONS.has(key)));
    if (!known) {
      this.problems.add(`Function ${printed} does_not_exist.`);
      return undefined;
    }
    // Arguments are compiled last to first, as OTP does, so its problems come out in its order.
    const argumentsList = this.allReversed(parameters);
    if (argumentsList === undefined) return undefined;
    return { kind: 'call', name: key, arguments: argumentsList };
  }
}

/** The result of {@link analyzeMatchSpec}: clauses, or OTP's problems. */
export type Analysis =
  | { readonly ok: true; readonly clauses: readonly Clause[] }
  | { readonly ok: false; readonly problems: readonly MatchSpecProblem[] };

/**
 * Checks `spec` and builds its clause trees, collecting every problem as OTP reports it.
 *
 * @throws MatchSpecLimitError (reason `system_limit`) when `spec` nests deeper than
 *   {@link MAX_NESTING_DEPTH}.
 */
export function analyzeMatchSpec(spec: Term, options: DialectOptions = {}): Analysis {
  const problems = new Problems();
  const clauseTerms = properListItems(spec);
  if (clauseTerms === 'not a list' || spec === nil) {
    problems.add('Match programs are not in a list.');
    return { ok: false, problems: problems.list };
  }
  if (clauseTerms === 'improper') {
    problems.add('Match programs are not in a proper list.');
    return { ok: false, problems: problems.list };
  }
  const clauses: Clause[] = [];
  for (const [index, clauseTerm] of clauseTerms.entries()) {
    problems.clause = index + 1;
    problems.part = 'clause';
    if (!Array.isArray(clauseTerm) || clauseTerm.length !== 3) {
      problems.add('Match program part is not a tuple of arity 3.');
      break;
    }
    const [headTerm, guardTerm, bodyTerm] = clauseTerm as unknown as readonly [Term, Term, Term];
    problems.part = 'head';
    const headChecker = new HeadChecker(problems);
    const head = headChecker.pattern(headTerm);
    const checker = new ExpressionChecker(problems, headChecker.bound, options);
    problems.part = 'guard';
    const guards: Expression[] = [];
    const guardItems = properListItems(guardTerm);
    if (guardItems === 'not a list') problems.add('Match expression is not a list.');
    else if (guardItems === 'improper') problems.add('Match expression is not a proper list.');
    else {
      for (const guard of guardItems) {
        const expression = checker.expression(guard);
        if (expression !== undefined) guards.push(expression);
      }
    }
    problems.part = 'body';
    const body: Expression[] = [];
    const bodyItems = properListItems(bodyTerm);
    if (bodyItems === 'not a list' || bodyTerm === nil) {
      problems.add('Body clause does not return anything.');
    } else if (bodyItems === 'improper') {
      problems.add('Match expression is not a proper list.');
    } else {
      for (const item of bodyItems) {
        const expression = checker.expression(item);
        if (expression !== undefined) body.push(expression);
      }
    }
    if (problems.list.length > 0) break;
    const variables = [...headChecker.bound].sort((left, right) => left - right);
    clauses.push({ head, variables, guards, body });
  }
  if (problems.list.length > 0) return { ok: false, problems: problems.list };
  return { ok: true, clauses };
}

/**
 * {@link analyzeMatchSpec}, throwing {@link MatchSpecError} for an invalid specification (and
 * {@link MatchSpecLimitError} for one nested too deeply).
 */
export function checkMatchSpec(spec: Term, options: DialectOptions = {}): readonly Clause[] {
  const analysis = analyzeMatchSpec(spec, options);
  if (!analysis.ok) throw new MatchSpecError(analysis.problems);
  return analysis.clauses;
}
