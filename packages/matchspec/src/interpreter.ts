/**
 * The tree-walking back end: runs checked clauses (`ast.ts`) directly. It is the fallback where
 * generating code is forbidden (a Content-Security-Policy without `unsafe-eval`) and the
 * reference the code generator is tested against.
 *
 * Semantics (OTP's `db_prog_match` for tables): clauses are tried in order; a head that does not
 * match or a guard that raises or yields anything but `true` moves on to the next clause; the
 * first clause whose guards all hold evaluates its body expressions in order and yields the last
 * one. In a body, a call or connective that raises evaluates to the atom `'EXIT'` and evaluation
 * continues with that value (`{{{hd, 1}, 2}}` gives `{'EXIT', 2}`), as OTP's `do_catch` does.
 */
import { exactEquals, improperList, List, nil, type Term } from '@tsunami/core';
import type { Clause, Expression, Pattern } from './ast.js';
import {
  BUILTINS,
  FAILURE,
  isMap,
  type MatchContext,
  makeList,
  makeMap,
  mapLookup,
} from './runtime.js';

/** What a match function returns when no clause matches. */
export const NO_MATCH: unique symbol = Symbol('no match');

/** The atom a body that raises evaluates to. */
export const EXIT_ATOM: symbol = Symbol.for('EXIT');

/** A compiled match specification as a function of one object. */
export type MatchFunction = (object: Term, context: MatchContext) => Term | typeof NO_MATCH;

function matchPattern(pattern: Pattern, value: Term, bindings: Term[]): boolean {
  switch (pattern.kind) {
    case 'any':
      return true;
    case 'bind':
      bindings[pattern.variable] = value;
      return true;
    case 'check':
      return exactEquals(bindings[pattern.variable] as Term, value);
    case 'literal':
      return pattern.value === value || exactEquals(pattern.value, value);
    case 'tuple': {
      if (!Array.isArray(value) || value.length !== pattern.elements.length) return false;
      for (let index = 0; index < pattern.elements.length; index += 1) {
        if (!matchPattern(pattern.elements[index]!, value[index] as Term, bindings)) return false;
      }
      return true;
    }
    case 'list': {
      if (!(value instanceof List)) return false;
      const count = pattern.items.length;
      if (value.items.length < count) return false;
      for (let index = 0; index < count; index += 1) {
        if (!matchPattern(pattern.items[index]!, value.items[index] as Term, bindings)) {
          return false;
        }
      }
      const rest =
        value.items.length === count
          ? value.tail
          : improperList(value.items.slice(count), value.tail);
      return matchPattern(pattern.tail, rest, bindings);
    }
    case 'map': {
      if (!isMap(value)) return false;
      for (const [key, valuePattern] of pattern.entries) {
        const found = mapLookup(value, key);
        if (found === undefined || !matchPattern(valuePattern, found, bindings)) return false;
      }
      return true;
    }
  }
}

class Evaluator {
  /**
   * In a body a failing call or connective evaluates to `'EXIT'` and evaluation goes on (OTP's
   * `do_catch`); in a guard it fails the clause.
   */
  inBody = false;

  constructor(
    readonly object: Term,
    readonly bindings: Term[],
    readonly variables: readonly number[],
    readonly context: MatchContext,
  ) {}

  evaluate(expression: Expression): Term {
    switch (expression.kind) {
      case 'constant':
        return expression.value;
      case 'variable':
        return this.bindings[expression.variable] as Term;
      case 'object':
        return this.object;
      case 'allVariables':
        return this.variables.length === 0
          ? nil
          : makeList(
              this.variables.map((variable) => this.bindings[variable] as Term),
              nil,
            );
      case 'self':
        return this.context.self;
      case 'tuple':
        return expression.elements.map((element) => this.evaluate(element));
      case 'list':
        return makeList(
          expression.items.map((item) => this.evaluate(item)),
          this.evaluate(expression.tail),
        );
      case 'map':
        return makeMap(
          expression.entries.map(([key, value]) => [this.evaluate(key), this.evaluate(value)]),
          expression.plain,
        );
      case 'call': {
        if (expression.name === 'node/0') return this.context.node;
        const builtin = BUILTINS.get(expression.name)!;
        const values = expression.arguments.map((argument) => this.evaluate(argument));
        if (!this.inBody) return builtin(...values);
        try {
          return builtin(...values);
        } catch {
          return EXIT_ATOM;
        }
      }
      case 'connective':
        if (!this.inBody) return this.connective(expression);
        try {
          return this.connective(expression);
        } catch {
          return EXIT_ATOM;
        }
    }
  }

  private connective(expression: Extract<Expression, { kind: 'connective' }>): Term {
    const { connective } = expression;
    const parameters = expression.arguments;
    if (connective === 'and' || connective === 'or') {
      // Every argument is evaluated; any non-boolean makes the whole expression fail.
      const values = parameters.map((parameter) => this.evaluate(parameter));
      let result = connective === 'and';
      for (const value of values) {
        if (typeof value !== 'boolean') throw FAILURE;
        result = connective === 'and' ? result && value : result || value;
      }
      return result;
    }
    const stopOn = connective === 'orelse';
    const last = parameters.length - 1;
    for (let index = 0; index < last; index += 1) {
      const value = this.evaluate(parameters[index]!);
      if (value === stopOn) return stopOn;
      if (value !== !stopOn) throw FAILURE;
    }
    // The last argument is the result as it is, like Erlang's `andalso`/`orelse`.
    return this.evaluate(parameters[last]!);
  }
}

/** Runs `clauses` on one object: the result of the first matching clause, or {@link NO_MATCH}. */
export function interpret(
  clauses: readonly Clause[],
  object: Term,
  context: MatchContext,
): Term | typeof NO_MATCH {
  for (const clause of clauses) {
    const bindings: Term[] = [];
    if (!matchPattern(clause.head, object, bindings)) continue;
    const evaluator = new Evaluator(object, bindings, clause.variables, context);
    let guardsHold = true;
    for (const guard of clause.guards) {
      try {
        if (evaluator.evaluate(guard) !== true) {
          guardsHold = false;
          break;
        }
      } catch {
        guardsHold = false;
        break;
      }
    }
    if (!guardsHold) continue;
    evaluator.inBody = true;
    let result: Term = nil;
    for (const expression of clause.body) result = evaluator.evaluate(expression);
    return result;
  }
  return NO_MATCH;
}

/** A {@link MatchFunction} that interprets `clauses`. */
export function interpreterFor(clauses: readonly Clause[]): MatchFunction {
  return (object, context) => interpret(clauses, object, context);
}
