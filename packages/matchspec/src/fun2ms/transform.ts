/**
 * `fun2ms`: the match specification that `ets:fun2ms/1` makes of a fun, following OTP's
 * lib/stdlib/src/ms_transform.erl (`transform_from_shell(ets, Clauses, Bindings)`), checked
 * against OTP 25 and 27 by a differential test:
 *
 * - Each fun clause takes one parameter: a variable, a tuple, or `Var = Pattern` at top level
 *   (which binds `Var` to `'$_'`). Head variables become `'$1'`, `'$2'`... in order of first
 *   appearance; `_` is `'_'`; a head atom `'$<integer>'` is an error.
 * - A guard sequence `G1; G2` gives one clause per alternative, with the same head and body.
 * - In guards and bodies tuples become `{{...}}`, atoms starting with `$` become `{const, A}`,
 *   variables not bound by the head take their value from `bindings` as `{const, Value}`,
 *   operators and allowed functions become `{F, Args...}` (`erlang:F` too), and an operator whose
 *   operands are all literals is folded when the value is a number or atom (`erl_eval:partial_eval`).
 * - Everything else is an error with ms_transform's own sentence ({@link Fun2msError}).
 */
import {
  atom,
  atomName,
  Float,
  format,
  improperList,
  isAtom,
  listFrom,
  nil,
  type Term,
} from '@tsunami/core';
import { BUILTINS, conjunction, disjunction } from '../runtime.js';
import { type FunClause, type Node, parseFun } from './parser.js';

/** A fun that `ets:fun2ms/1` cannot translate; `otpMessage` is ms_transform's sentence. */
export class Fun2msError extends Error {
  override readonly name = 'Fun2msError';
  /** The exit reason `ets:fun2ms/1` gives in the shell. */
  readonly reason = 'transform_error' as const;
  /** What `ms_transform:format_error/1` says. */
  readonly otpMessage: string;

  constructor(otpMessage: string) {
    super(`fun2ms: ${otpMessage}`);
    this.otpMessage = otpMessage;
  }
}

/** Options for {@link fun2ms}. */
export interface Fun2msOptions {
  /**
   * Values of variables the fun uses but does not bind (the shell's bindings): each becomes
   * `{const, Value}`.
   */
  readonly bindings?: Readonly<Record<string, Term>>;
}

type Part = 'guard' | 'body';

const REAL_GUARD_FUNCTIONS = new Set([
  'abs/1',
  'element/2',
  'hd/1',
  'length/1',
  'node/0',
  'node/1',
  'round/1',
  'size/1',
  'bit_size/1',
  'byte_size/1',
  'map_size/1',
  'map_get/2',
  'tl/1',
  'trunc/1',
  'self/0',
  'float/1',
  'binary_part/2',
  'binary_part/3',
  'min/2',
  'max/2',
]);
const BOOL_TESTS = new Set([
  'is_atom/1',
  'is_float/1',
  'is_integer/1',
  'is_list/1',
  'is_number/1',
  'is_pid/1',
  'is_port/1',
  'is_reference/1',
  'is_tuple/1',
  'is_map/1',
  'is_map_key/2',
  'is_binary/1',
  'is_function/1',
  'is_record/2',
  'is_seq_trace/0',
]);
const PSEUDO_GUARD_FUNCTIONS = new Set(['get_tcw/0']);
const ACTION_FUNCTIONS = new Set([
  'set_seq_token/2',
  'get_seq_token/0',
  'message/1',
  'return_trace/0',
  'exception_trace/0',
  'process_dump/0',
  'enable_trace/1',
  'enable_trace/2',
  'disable_trace/1',
  'disable_trace/2',
  'display/1',
  'caller/0',
  'caller_line/0',
  'current_stacktrace/0',
  'current_stacktrace/1',
  'set_tcw/1',
  'silent/1',
  'trace/2',
  'trace/3',
]);
const BOOL_OPERATORS = new Set(['and/2', 'or/2', 'xor/2', 'not/1', 'andalso/2', 'orelse/2']);
const ARITHMETIC_OPERATORS = new Set([
  '+/1',
  '+/2',
  '-/1',
  '-/2',
  '*/2',
  '//2',
  'div/2',
  'rem/2',
  'band/2',
  'bor/2',
  'bxor/2',
  'bnot/1',
  'bsl/2',
  'bsr/2',
]);
const COMPARISON_OPERATORS = new Set([
  '>/2',
  '>=/2',
  '</2',
  '=</2',
  '==/2',
  '=:=/2',
  '/=/2',
  '=/=/2',
]);
const OLD_BOOL_TESTS: Readonly<Record<string, string>> = {
  'atom/1': 'is_atom',
  'float/1': 'is_float',
  'integer/1': 'is_integer',
  'list/1': 'is_list',
  'number/1': 'is_number',
  'pid/1': 'is_pid',
  'port/1': 'is_port',
  'reference/1': 'is_reference',
  'tuple/1': 'is_tuple',
  'binary/1': 'is_binary',
  'function/1': 'is_function',
  'record/2': 'is_record',
};

function isOperator(key: string): boolean {
  return BOOL_OPERATORS.has(key) || ARITHMETIC_OPERATORS.has(key) || COMPARISON_OPERATORS.has(key);
}

function isImportedFromErlang(key: string): boolean {
  return REAL_GUARD_FUNCTIONS.has(key) || BOOL_TESTS.has(key) || isOperator(key);
}

function isMsFunction(key: string, part: Part): boolean {
  const guardFunction =
    REAL_GUARD_FUNCTIONS.has(key) || PSEUDO_GUARD_FUNCTIONS.has(key) || BOOL_TESTS.has(key);
  return part === 'body' ? guardFunction || ACTION_FUNCTIONS.has(key) : guardFunction;
}

/** The value of a literal subtree, as `erl_eval:partial_eval`'s `ev_expr` sees it. */
function literalValue(node: Node): Term | undefined {
  switch (node.kind) {
    case 'integer':
    case 'char':
    case 'float':
      return node.value;
    case 'atom':
      return node.value;
    case 'nil':
      return nil;
    case 'tuple': {
      const values = node.elements.map(literalValue);
      return values.every((value) => value !== undefined) ? (values as Term[]) : undefined;
    }
    case 'cons': {
      const head = literalValue(node.head);
      const tail = literalValue(node.tail);
      return head === undefined || tail === undefined ? undefined : improperList([head], tail);
    }
    case 'op': {
      const operands = node.operands.map(literalValue);
      if (operands.some((operand) => operand === undefined)) return undefined;
      return evaluateOperator(node.operator, operands as Term[]);
    }
    default:
      return undefined;
  }
}

function evaluateOperator(operator: string, operands: Term[]): Term | undefined {
  try {
    if (operator === 'and') return conjunction(...operands);
    if (operator === 'or') return disjunction(...operands);
    const builtin = BUILTINS.get(`${operator}/${operands.length}`);
    return builtin === undefined ? undefined : builtin(...operands);
  } catch {
    return undefined;
  }
}

/** Whether a folded value is kept: partial_eval keeps integers, floats and atoms only. */
function isFoldable(value: Term): boolean {
  return (
    typeof value === 'number' ||
    typeof value === 'bigint' ||
    isAtom(value) ||
    value instanceof Float
  );
}

function headAtomIsReserved(name: string): boolean {
  // list_to_integer/1 on what follows the `$`: an optional sign, then digits.
  return /^\$[+-]?\d+$/.test(name);
}

function binaryOfLiterals(node: Extract<Node, { kind: 'bin' }>, part: Part | 'head'): Term {
  const bytes: number[] = [];
  for (const segment of node.segments) {
    if (segment.kind === 'string') {
      for (const code of segment.value) bytes.push(code & 0xff);
      continue;
    }
    const value = literalValue(segment);
    if (typeof value === 'number' && Number.isSafeInteger(value)) {
      bytes.push(value & 0xff);
      continue;
    }
    const variable = segment.kind === 'var' ? segment.name : undefined;
    if (variable !== undefined && part === 'head') {
      throw new Fun2msError(
        `fun head contains bit syntax matching of variable '${variable}', which cannot be translated into match_spec`,
      );
    }
    if (variable !== undefined) {
      throw new Fun2msError(
        `bit syntax construction with variable '${variable}' (in ${part}) cannot be translated into match_spec`,
      );
    }
    throw new Fun2msError(
      `the language element bin_element (in ${part === 'head' ? 'body' : part}) cannot be translated into match_spec`,
    );
  }
  return Uint8Array.from(bytes);
}

class Translator {
  private readonly bindings = new Map<string, string>([['_', '_']]);
  private nextVariable = 1;

  constructor(private readonly environment: Readonly<Record<string, Term>>) {}

  private newVariable(name: string): string {
    const translated = `$${this.nextVariable}`;
    this.nextVariable += 1;
    this.bindings.set(name, translated);
    return translated;
  }

  head(parameter: Node): Term {
    let pattern = parameter;
    if (parameter.kind === 'match') {
      if (parameter.left.kind === 'var') {
        this.bindings.set(parameter.left.name, '$_');
        pattern = parameter.right;
      } else if (parameter.right.kind === 'var') {
        this.bindings.set(parameter.right.name, '$_');
        pattern = parameter.left;
      }
    }
    return this.headPattern(pattern);
  }

  private headPattern(node: Node): Term {
    switch (node.kind) {
      case 'var': {
        const known = this.bindings.get(node.name);
        return atom(known ?? this.newVariable(node.name));
      }
      case 'atom': {
        const name = atomName(node.value as symbol | boolean);
        if (headAtomIsReserved(name)) {
          throw new Fun2msError(
            `fun head contains atom ${format(node.value)}, which conflics with reserved atoms in match_spec heads`,
          );
        }
        return node.value;
      }
      case 'match':
        throw new Fun2msError(
          'in fun head, only matching (=) on toplevel can be translated into match_spec',
        );
      case 'tuple':
        return node.elements.map((element) => this.headPattern(element));
      case 'cons': {
        const head = this.headPattern(node.head);
        return improperList([head], this.headPattern(node.tail));
      }
      case 'nil':
        return nil;
      case 'string':
        return listFrom(node.value);
      case 'map': {
        const map = new Map<Term, Term>();
        for (const field of node.fields) {
          const key =
            literalValue(field.key) ??
            (field.key.kind === 'string' ? listFrom(field.key.value) : undefined);
          if (key === undefined) {
            throw new Fun2msError(
              'the language element map (in body) cannot be translated into match_spec',
            );
          }
          map.set(key, this.headPattern(field.value));
        }
        return map;
      }
      case 'bin':
        return binaryOfLiterals(node, 'head');
      case 'element':
        throw this.elementError(node, 'body');
      default: {
        const value = literalValue(node);
        if (value === undefined) {
          throw new Fun2msError(
            'in fun head, only matching (=) on toplevel can be translated into match_spec',
          );
        }
        return value;
      }
    }
  }

  private elementError(node: Extract<Node, { kind: 'element' }>, part: Part): Fun2msError {
    if (node.element === 'record') {
      return new Fun2msError(`fun ${part} contains unknown record type ${node.name ?? ''}`);
    }
    return new Fun2msError(
      `the language element ${node.element} (in ${part}) cannot be translated into match_spec`,
    );
  }

  guardOrBody(node: Node, part: Part): Term {
    switch (node.kind) {
      case 'match':
        throw new Fun2msError(
          part === 'guard'
            ? "fun with guard matching ('=' in guard) is illegal as match_spec as well"
            : "fun with body matching ('=' in body) is illegal as match_spec",
        );
      case 'op': {
        const folded = literalValue(node);
        if (folded !== undefined && isFoldable(folded)) return folded;
        return [
          atom(node.operator),
          ...node.operands.map((operand) => this.guardOrBody(operand, part)),
        ];
      }
      case 'call':
        return this.call(node, part);
      case 'cons': {
        const head = this.guardOrBody(node.head, part);
        return improperList([head], this.guardOrBody(node.tail, part));
      }
      case 'nil':
        return nil;
      case 'tuple':
        return [node.elements.map((element) => this.guardOrBody(element, part))];
      case 'integer':
      case 'char':
      case 'float':
        return node.value;
      case 'atom': {
        const name = atomName(node.value as symbol | boolean);
        return name.startsWith('$') ? [atom('const'), node.value] : node.value;
      }
      case 'string':
        return listFrom(node.value);
      case 'var': {
        const bound = this.bindings.get(node.name);
        if (bound !== undefined) return atom(bound);
        if (!Object.hasOwn(this.environment, node.name)) {
          this.unbound ??= node.name;
          return [atom('const'), nil];
        }
        return [atom('const'), this.environment[node.name] as Term];
      }
      case 'map': {
        if (node.base !== undefined) {
          throw new Fun2msError(
            `the language element map (in ${part}) cannot be translated into match_spec`,
          );
        }
        if (node.fields.some((field) => field.exact)) {
          throw new Fun2msError(
            `the language element map_field_exact (in ${part}) cannot be translated into match_spec`,
          );
        }
        const map = new Map<Term, Term>();
        for (const field of node.fields) {
          map.set(this.guardOrBody(field.key, part), this.guardOrBody(field.value, part));
        }
        return map;
      }
      case 'bin':
        return binaryOfLiterals(node, part);
      case 'element':
        throw this.elementError(node, part);
    }
  }

  /** The first variable used but bound neither by the head nor by the environment. */
  unbound: string | undefined;

  private call(node: Extract<Node, { kind: 'call' }>, part: Part): Term {
    const arity = node.arguments.length;
    if (node.module !== undefined) {
      const moduleName = node.module.kind === 'atom' ? atomName(node.module.value as symbol) : '?';
      const functionName = node.name.kind === 'atom' ? node.name.value : atom('?');
      const key = `${atomName(functionName as symbol | boolean)}/${arity}`;
      if (moduleName === 'erlang' && isImportedFromErlang(key)) {
        if (isOperator(key)) {
          return this.guardOrBody(
            { kind: 'op', operator: atomName(functionName as symbol), operands: node.arguments },
            part,
          );
        }
        return this.call({ ...node, module: undefined }, part);
      }
      throw new Fun2msError(
        `fun containing the remote function call '${moduleName}:${format(functionName)}/${arity}' (called in ${part}) cannot be translated into match_spec`,
      );
    }
    if (node.name.kind !== 'atom') {
      throw new Fun2msError(
        `the language element call (in ${part}) cannot be translated into match_spec`,
      );
    }
    const name = atomName(node.name.value as symbol | boolean);
    const key = `${name}/${arity}`;
    if (key === 'bindings/0') return atom('$*');
    if (key === 'object/0') return atom('$_');
    if (key === 'is_record/2' && node.arguments[1]?.kind === 'atom') {
      this.guardOrBody(node.arguments[0]!, part);
      throw new Fun2msError(
        `fun ${part} contains unknown record type ${format(node.arguments[1].value)}`,
      );
    }
    if (isMsFunction(key, part)) {
      return [
        node.name.value,
        ...node.arguments.map((argument) => this.guardOrBody(argument, part)),
      ];
    }
    throw new Fun2msError(
      `fun containing the local function call '${format(node.name.value)}/${arity}' (called in ${part}) cannot be translated into match_spec`,
    );
  }

  guardTest(node: Node): Term {
    // Old-style type tests (`atom(X)`) are renamed at the top of a guard.
    if (node.kind === 'call' && node.module === undefined && node.name.kind === 'atom') {
      const renamed =
        OLD_BOOL_TESTS[`${atomName(node.name.value as symbol | boolean)}/${node.arguments.length}`];
      if (renamed !== undefined) {
        return this.guardOrBody({ ...node, name: { kind: 'atom', value: atom(renamed) } }, 'guard');
      }
    }
    return this.guardOrBody(node, 'guard');
  }
}

function isEtsParameter(node: Node): boolean {
  if (node.kind === 'var' || node.kind === 'tuple') return true;
  if (node.kind === 'element' && node.element === 'record') return true;
  if (node.kind === 'match') {
    if (node.left.kind === 'var') return isEtsParameter(node.right);
    if (node.right.kind === 'var') return isEtsParameter(node.left);
  }
  return false;
}

function translateClause(
  clause: FunClause,
  guard: readonly Node[],
  environment: Readonly<Record<string, Term>>,
  unbound: { name?: string },
): Term {
  if (clause.parameters.length !== 1 || !isEtsParameter(clause.parameters[0]!)) {
    throw new Fun2msError('ets:fun2ms requires fun with single variable or tuple parameter');
  }
  const translator = new Translator(environment);
  const head = translator.head(clause.parameters[0]!);
  const guards = guard.map((test) => translator.guardTest(test));
  const body = clause.body.map((expression) => translator.guardOrBody(expression, 'body'));
  if (translator.unbound !== undefined) unbound.name ??= translator.unbound;
  return [head, guards.length === 0 ? nil : listFrom(guards), listFrom(body)];
}

/**
 * The match specification `ets:fun2ms/1` makes of the fun in `text`.
 *
 * @example fun2ms('fun({K, V}) when V > 3 -> K end') // [{{'$1','$2'},[{'>','$2',3}],['$1']}]
 * @throws Fun2msError with ms_transform's message when the fun cannot be translated;
 * FunSyntaxError when the text is not valid fun syntax.
 */
export function fun2ms(text: string, options: Fun2msOptions = {}): Term {
  const clauses = parseFun(text.trim());
  if (clauses === undefined) {
    throw new Fun2msError('Parameter of ets/dbg:fun2ms/1 is not a literal fun');
  }
  const environment = options.bindings ?? {};
  const unbound: { name?: string } = {};
  const spec: Term[] = [];
  for (const clause of clauses) {
    const alternatives = clause.guards.length === 0 ? [[]] : clause.guards;
    for (const guard of alternatives) {
      spec.push(translateClause(clause, guard, environment, unbound));
    }
  }
  if (unbound.name !== undefined) {
    throw new Fun2msError(
      `the variable ${unbound.name} is unbound, cannot translate into match_spec`,
    );
  }
  return spec.length === 0 ? nil : listFrom(spec);
}
