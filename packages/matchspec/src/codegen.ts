/**
 * The code-generating back end: turns checked clauses (`ast.ts`) into the source of one JS
 * function specialised to the specification, and builds it with `new Function`. Each clause is a
 * labelled block; a failed head test `break`s to the next clause and the guards run inside one
 * `try` (a raise is a failed clause). In a body every BIF is called through a wrapper `cN` that
 * turns a raise into `'EXIT'` (OTP's `do_catch`), so a body never raises, and since nothing in it
 * has side effects only its last expression is evaluated.
 *
 * What is specialised: tuple arity and list length tests, literal tests by kind (atoms by
 * identity, integers by value, others through `exactEquals`), variable bindings as JS locals,
 * constants folded and held in closure slots, guards that cannot raise emitted without a `try`.
 * BIFs are closure constants (`b0`, `b1`...) that V8 can inline; their number fast paths live in
 * `runtime.ts`, shared with the interpreter, which defines the semantics.
 */
import { exactEquals, improperList, List, nil, type Term } from '@tsunami/core';
import type { Clause, Expression, Pattern } from './ast.js';
import { EXIT_ATOM, type MatchFunction, NO_MATCH } from './interpreter.js';
import * as runtime from './runtime.js';

/** Whether this environment lets us build functions from source (CSP may forbid it). */
export function canGenerateCode(): boolean {
  try {
    return new Function('return 1')() === 1;
  } catch {
    return false;
  }
}

class Emitter {
  readonly constants: Term[] = [];
  readonly builtins: runtime.Builtin[] = [];
  private readonly builtinSlots = new Map<string, number>();
  /** Body wrappers `cN` of builtins: a raise becomes `'EXIT'`. Name to [slot, arity]. */
  readonly catchingWrappers = new Map<string, readonly [number, number]>();
  private temporaries = 0;
  readonly temporaryNames: string[] = [];

  constant(value: Term): string {
    if (typeof value === 'boolean') return String(value);
    if (typeof value === 'number' && Number.isSafeInteger(value)) {
      return value === 0 ? '0' : String(value);
    }
    if (value === nil) return 'NIL';
    this.constants.push(value);
    return `k${this.constants.length - 1}`;
  }

  builtin(name: string): string {
    let slot = this.builtinSlots.get(name);
    if (slot === undefined) {
      slot = this.builtins.length;
      this.builtins.push(runtime.BUILTINS.get(name)!);
      this.builtinSlots.set(name, slot);
    }
    return `b${slot}`;
  }

  /** The wrapper of builtin `name` that returns `'EXIT'` instead of raising (for bodies). */
  catching(name: string, arity: number): string {
    const builtin = this.builtin(name);
    const slot = Number(builtin.slice(1));
    this.catchingWrappers.set(name, [slot, arity]);
    return `c${slot}`;
  }

  temporary(): string {
    const name = `t${this.temporaries}`;
    this.temporaries += 1;
    this.temporaryNames.push(name);
    return name;
  }
}

function variableName(variable: number): string {
  return `v${variable}`;
}

/** A JS condition that holds when `value` (an expression without side effects) equals `literal`. */
function literalTest(emitter: Emitter, literal: Term, value: string): string {
  if (typeof literal === 'symbol' || typeof literal === 'boolean') {
    return `${value} === ${emitter.constant(literal)}`;
  }
  if (typeof literal === 'number' && Number.isSafeInteger(literal)) {
    // The same integer may be held as a bigint.
    return `(${value} === ${literal} || (typeof ${value} === 'bigint' && ${value} == ${literal}))`;
  }
  if (literal === nil) return `${value} === NIL`;
  const constant = emitter.constant(literal);
  return `(${value} === ${constant} || R.exactEquals(${value}, ${constant}))`;
}

function emitPattern(
  emitter: Emitter,
  pattern: Pattern,
  value: string,
  label: string,
  lines: string[],
): void {
  switch (pattern.kind) {
    case 'any':
      return;
    case 'bind':
      lines.push(`${variableName(pattern.variable)} = ${value};`);
      return;
    case 'check':
      lines.push(
        `if (!R.exactlyEqual(${variableName(pattern.variable)}, ${value})) break ${label};`,
      );
      return;
    case 'literal':
      lines.push(`if (!(${literalTest(emitter, pattern.value, value)})) break ${label};`);
      return;
    case 'tuple': {
      lines.push(
        `if (!Array.isArray(${value}) || ${value}.length !== ${pattern.elements.length}) break ${label};`,
      );
      pattern.elements.forEach((element, index) => {
        if (element.kind === 'any') return;
        if (element.kind === 'bind') {
          lines.push(`${variableName(element.variable)} = ${value}[${index}];`);
          return;
        }
        const temporary = emitter.temporary();
        lines.push(`${temporary} = ${value}[${index}];`);
        emitPattern(emitter, element, temporary, label, lines);
      });
      return;
    }
    case 'list': {
      const count = pattern.items.length;
      const items = emitter.temporary();
      lines.push(`if (!(${value} instanceof List)) break ${label};`);
      lines.push(`${items} = ${value}.items;`);
      const tailIsNil = pattern.tail.kind === 'literal' && pattern.tail.value === nil;
      lines.push(
        tailIsNil
          ? `if (${items}.length !== ${count} || ${value}.tail !== NIL) break ${label};`
          : `if (${items}.length < ${count}) break ${label};`,
      );
      pattern.items.forEach((item, index) => {
        if (item.kind === 'any') return;
        const element = emitter.temporary();
        lines.push(`${element} = ${items}[${index}];`);
        emitPattern(emitter, item, element, label, lines);
      });
      if (!tailIsNil && pattern.tail.kind !== 'any') {
        const rest = emitter.temporary();
        lines.push(
          `${rest} = ${items}.length === ${count} ? ${value}.tail : R.improperList(${items}.slice(${count}), ${value}.tail);`,
        );
        emitPattern(emitter, pattern.tail, rest, label, lines);
      }
      return;
    }
    case 'map': {
      lines.push(`if (!R.isMap(${value})) break ${label};`);
      for (const [key, valuePattern] of pattern.entries) {
        const found = emitter.temporary();
        lines.push(`${found} = R.mapLookup(${value}, ${emitter.constant(key)});`);
        lines.push(`if (${found} === undefined) break ${label};`);
        emitPattern(emitter, valuePattern, found, label, lines);
      }
      return;
    }
  }
}

/** Calls that never raise, whatever their (evaluated) arguments: comparisons and type tests. */
const NEVER_RAISING = new Set([
  'node/0',
  '</2',
  '>/2',
  '=</2',
  '>=/2',
  '==/2',
  '/=/2',
  '=:=/2',
  '=/=/2',
  'is_atom/1',
  'is_boolean/1',
  'is_float/1',
  'is_integer/1',
  'is_number/1',
  'is_list/1',
  'is_pid/1',
  'is_port/1',
  'is_reference/1',
  'is_tuple/1',
  'is_map/1',
  'is_binary/1',
  'is_bitstring/1',
  'is_function/1',
  'min/2',
  'max/2',
]);

const ORDERING_OPERATORS: Readonly<Record<string, string>> = {
  '</2': '<',
  '>/2': '>',
  '=</2': '<=',
  '>=/2': '>=',
};

const EQUALITY_OPERATORS: Readonly<Record<string, string>> = {
  '==/2': '===',
  '=:=/2': '===',
  '/=/2': '!==',
  '=/=/2': '!==',
};

/** Whether evaluating `expression` twice is free and has no effect (it reads a local or a constant). */
function isSimple(expression: Expression): boolean {
  return expression.kind === 'variable' || expression.kind === 'constant';
}

/**
 * A specialised comparison with a constant, or `undefined`: an atom compares by identity (an
 * atom has one JS form), and a JS number compares with a number constant natively (the term
 * order of two numbers is numeric order); any other operand goes through the general BIF.
 */
function specialisedComparison(
  emitter: Emitter,
  expression: Extract<Expression, { kind: 'call' }>,
  emit: (inner: Expression) => string,
): string | undefined {
  const [left, right] = expression.arguments;
  if (left === undefined || right === undefined || !isSimple(left) || !isSimple(right)) {
    return undefined;
  }
  const constant = right.kind === 'constant' ? right : left.kind === 'constant' ? left : undefined;
  if (constant === undefined || (left.kind === 'constant' && right.kind === 'constant')) {
    return undefined;
  }
  const value = constant.value;
  const equality = EQUALITY_OPERATORS[expression.name];
  if (equality !== undefined && (typeof value === 'symbol' || typeof value === 'boolean')) {
    return `(${emit(left)} ${equality} ${emit(right)})`;
  }
  const ordering = ORDERING_OPERATORS[expression.name];
  if (ordering !== undefined && typeof value === 'number') {
    const variable = emit(constant === right ? left : right);
    const general = `${emitter.builtin(expression.name)}(${emit(left)}, ${emit(right)})`;
    return `(typeof ${variable} === 'number' ? ${emit(left)} ${ordering} ${emit(right)} : ${general})`;
  }
  return undefined;
}

/** Whether evaluating `expression` can raise. */
function canRaise(expression: Expression): boolean {
  switch (expression.kind) {
    case 'constant':
    case 'variable':
    case 'object':
    case 'allVariables':
    case 'self':
      return false;
    case 'tuple':
      return expression.elements.some(canRaise);
    case 'list':
      return expression.items.some(canRaise) || canRaise(expression.tail);
    case 'map':
      return expression.entries.some(([key, value]) => canRaise(key) || canRaise(value));
    case 'call':
      return !NEVER_RAISING.has(expression.name) || expression.arguments.some(canRaise);
    case 'connective':
      return true;
  }
}

function emitExpression(
  emitter: Emitter,
  expression: Expression,
  clause: Clause,
  inBody: boolean,
): string {
  const emit = (inner: Expression) => emitExpression(emitter, inner, clause, inBody);
  switch (expression.kind) {
    case 'constant':
      return emitter.constant(expression.value);
    case 'variable':
      return variableName(expression.variable);
    case 'object':
      return 'object';
    case 'allVariables':
      return clause.variables.length === 0
        ? 'NIL'
        : `R.makeList([${clause.variables.map(variableName).join(', ')}], NIL)`;
    case 'self':
      return 'context.self';
    case 'tuple':
      return `[${expression.elements.map(emit).join(', ')}]`;
    case 'list':
      return `R.makeList([${expression.items.map(emit).join(', ')}], ${emit(expression.tail)})`;
    case 'map':
      return `R.makeMap([${expression.entries
        .map(([key, value]) => `[${emit(key)}, ${emit(value)}]`)
        .join(', ')}], ${expression.plain})`;
    case 'call':
      if (expression.name === 'node/0') return 'context.node';
      {
        const specialised = specialisedComparison(emitter, expression, emit);
        if (specialised !== undefined) return specialised;
        const callee =
          inBody && canRaise(expression)
            ? emitter.catching(expression.name, expression.arguments.length)
            : emitter.builtin(expression.name);
        return `${callee}(${expression.arguments.map(emit).join(', ')})`;
      }
    case 'connective': {
      const parameters = expression.arguments.map(emit);
      if (expression.connective === 'and') {
        return `${inBody ? 'R.bodyConjunction' : 'R.conjunction'}(${parameters.join(', ')})`;
      }
      if (expression.connective === 'or') {
        return `${inBody ? 'R.bodyDisjunction' : 'R.disjunction'}(${parameters.join(', ')})`;
      }
      const stop = expression.connective === 'orelse';
      const failure = inBody ? 'EXIT' : 'R.fail()';
      let code = parameters[parameters.length - 1]!;
      for (let index = parameters.length - 2; index >= 0; index -= 1) {
        const temporary = emitter.temporary();
        code = `((${temporary} = ${parameters[index]}) === ${stop} ? ${stop} : ${temporary} !== ${!stop} ? ${failure} : ${code})`;
      }
      return code;
    }
  }
}

function emitClause(emitter: Emitter, clause: Clause, index: number, lines: string[]): void {
  const label = `clause${index}`;
  lines.push(`${label}: {`);
  emitPattern(emitter, clause.head, 'object', label, lines);
  if (clause.guards.length > 0) {
    const tests = clause.guards.map(
      (guard) => `${emitExpression(emitter, guard, clause, false)} !== true`,
    );
    if (clause.guards.some(canRaise)) {
      lines.push(`try { if (${tests.join(' || ')}) break ${label}; } catch { break ${label}; }`);
    } else {
      lines.push(`if (${tests.join(' || ')}) break ${label};`);
    }
  }
  // Nothing in a body raises (failing calls evaluate to 'EXIT' through their wrappers) and
  // nothing has side effects, so only the last expression, the result, needs evaluating.
  const result = clause.body[clause.body.length - 1]!;
  lines.push(`return ${emitExpression(emitter, result, clause, true)};`);
  lines.push('}');
}

/** The generated source of a match function for `clauses` (for inspection and tests). */
export interface GeneratedCode {
  readonly source: string;
  readonly match: MatchFunction;
}

/** Generates and builds the match function for `clauses`. Throws where code generation is forbidden. */
export function generateMatchFunction(clauses: readonly Clause[]): GeneratedCode {
  const emitter = new Emitter();
  const lines: string[] = [];
  for (const [index, clause] of clauses.entries()) emitClause(emitter, clause, index, lines);
  const variables = new Set<number>();
  for (const clause of clauses) for (const variable of clause.variables) variables.add(variable);
  const locals = [...[...variables].map(variableName), ...emitter.temporaryNames];
  const prologue = [
    ...emitter.constants.map((_, index) => `const k${index} = K[${index}];`),
    ...emitter.builtins.map((_, index) => `const b${index} = B[${index}];`),
    ...[...emitter.catchingWrappers.values()].map(([slot, arity]) => {
      const parameters = Array.from({ length: arity }, (_, index) => `p${index}`).join(', ');
      return `const c${slot} = (${parameters}) => { try { return b${slot}(${parameters}); } catch { return EXIT; } };`;
    }),
  ];
  const body = [
    'return function match(object, context) {',
    ...(locals.length > 0 ? [`let ${locals.join(', ')};`] : []),
    ...lines,
    'return NO_MATCH;',
    '};',
  ];
  const source = [...prologue, ...body].join('\n');
  const helpers = { ...runtime, exactEquals, improperList };
  const factory = new Function('R', 'K', 'B', 'List', 'NIL', 'NO_MATCH', 'EXIT', source) as (
    ...parameters: unknown[]
  ) => MatchFunction;
  const match = factory(
    helpers,
    emitter.constants,
    emitter.builtins,
    List,
    nil,
    NO_MATCH,
    EXIT_ATOM,
  );
  return { source, match };
}
