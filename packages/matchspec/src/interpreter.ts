/**
 * The interpreting back end, for where generating code is forbidden (a Content-Security-Policy
 * without `unsafe-eval`): checked clauses (`ast.ts`) are turned once into a tree of JS closures
 * (one per pattern or expression node), which then run per object without re-reading the tree.
 * Head variables get dense slots, so one small array per object holds the bindings.
 *
 * Semantics (OTP's `db_prog_match` for tables): clauses are tried in order; a head that does not
 * match or a guard that raises or yields anything but `true` moves on to the next clause; the
 * first clause whose guards all hold evaluates its body expressions in order and yields the last
 * one. In a body, a call or connective that raises evaluates to the atom `'EXIT'` and evaluation
 * continues with that value (`{{{hd, 1}, 2}}` gives `{'EXIT', 2}`), as OTP's `do_catch` does.
 * So a body never raises and has no side effects: only its last expression is evaluated.
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

type Slots = Term[];
type PatternMatcher = (value: Term, slots: Slots) => boolean;
type Evaluator = (object: Term, slots: Slots, context: MatchContext) => Term;

function patternMatcher(pattern: Pattern, slotOf: (variable: number) => number): PatternMatcher {
  switch (pattern.kind) {
    case 'any':
      return () => true;
    case 'bind': {
      const slot = slotOf(pattern.variable);
      return (value, slots) => {
        slots[slot] = value;
        return true;
      };
    }
    case 'check': {
      const slot = slotOf(pattern.variable);
      return (value, slots) => exactEquals(slots[slot] as Term, value);
    }
    case 'literal': {
      const literal = pattern.value;
      return (value) => value === literal || exactEquals(literal, value);
    }
    case 'tuple': {
      const elements = pattern.elements.map((element) => patternMatcher(element, slotOf));
      const arity = elements.length;
      return (value, slots) => {
        if (!Array.isArray(value) || value.length !== arity) return false;
        for (let index = 0; index < arity; index += 1) {
          if (!elements[index]!(value[index] as Term, slots)) return false;
        }
        return true;
      };
    }
    case 'list': {
      const items = pattern.items.map((item) => patternMatcher(item, slotOf));
      const tail = patternMatcher(pattern.tail, slotOf);
      const count = items.length;
      return (value, slots) => {
        if (!(value instanceof List) || value.items.length < count) return false;
        for (let index = 0; index < count; index += 1) {
          if (!items[index]!(value.items[index] as Term, slots)) return false;
        }
        const rest =
          value.items.length === count
            ? value.tail
            : improperList(value.items.slice(count), value.tail);
        return tail(rest, slots);
      };
    }
    case 'map': {
      const entries = pattern.entries.map(
        ([key, valuePattern]) => [key, patternMatcher(valuePattern, slotOf)] as const,
      );
      return (value, slots) => {
        if (!isMap(value)) return false;
        for (const [key, matcher] of entries) {
          const found = mapLookup(value, key);
          if (found === undefined || !matcher(found, slots)) return false;
        }
        return true;
      };
    }
  }
}

/** In a body a failing call evaluates to `'EXIT'`; in a guard it raises (failing the clause). */
function catchingInBody(evaluator: Evaluator, inBody: boolean): Evaluator {
  if (!inBody) return evaluator;
  return (object, slots, context) => {
    try {
      return evaluator(object, slots, context);
    } catch {
      return EXIT_ATOM;
    }
  };
}

function connectiveEvaluator(
  expression: Extract<Expression, { kind: 'connective' }>,
  parameters: readonly Evaluator[],
): Evaluator {
  const { connective } = expression;
  if (connective === 'and' || connective === 'or') {
    const isAnd = connective === 'and';
    // Every argument is evaluated; any non-boolean makes the whole expression fail.
    return (object, slots, context) => {
      let result = isAnd;
      for (const parameter of parameters) {
        const value = parameter(object, slots, context);
        if (typeof value !== 'boolean') throw FAILURE;
        result = isAnd ? result && value : result || value;
      }
      return result;
    };
  }
  const stopOn = connective === 'orelse';
  const last = parameters.length - 1;
  return (object, slots, context) => {
    for (let index = 0; index < last; index += 1) {
      const value = parameters[index]!(object, slots, context);
      if (value === stopOn) return stopOn;
      if (value !== !stopOn) throw FAILURE;
    }
    // The last argument is the result as it is, like Erlang's `andalso`/`orelse`.
    return parameters[last]!(object, slots, context);
  };
}

function expressionEvaluator(
  expression: Expression,
  clause: Clause,
  slotOf: (variable: number) => number,
  inBody: boolean,
): Evaluator {
  const inner = (child: Expression) => expressionEvaluator(child, clause, slotOf, inBody);
  switch (expression.kind) {
    case 'constant': {
      const { value } = expression;
      return () => value;
    }
    case 'variable': {
      const slot = slotOf(expression.variable);
      return (_object, slots) => slots[slot] as Term;
    }
    case 'object':
      return (object) => object;
    case 'allVariables': {
      const slots = clause.variables.map(slotOf);
      if (slots.length === 0) return () => nil;
      return (_object, values) =>
        makeList(
          slots.map((slot) => values[slot] as Term),
          nil,
        );
    }
    case 'self':
      return (_object, _slots, context) => context.self;
    case 'tuple': {
      const elements = expression.elements.map(inner);
      return (object, slots, context) => elements.map((element) => element(object, slots, context));
    }
    case 'list': {
      const items = expression.items.map(inner);
      const tail = inner(expression.tail);
      return (object, slots, context) =>
        makeList(
          items.map((item) => item(object, slots, context)),
          tail(object, slots, context),
        );
    }
    case 'map': {
      const entries = expression.entries.map(([key, value]) => [inner(key), inner(value)] as const);
      const { plain } = expression;
      return (object, slots, context) =>
        makeMap(
          entries.map(([key, value]) => [
            key(object, slots, context),
            value(object, slots, context),
          ]),
          plain,
        );
    }
    case 'call': {
      if (expression.name === 'node/0') return (_object, _slots, context) => context.node;
      const builtin = BUILTINS.get(expression.name)!;
      const parameters = expression.arguments.map(inner);
      let call: Evaluator;
      if (parameters.length === 1) {
        const [first] = parameters as [Evaluator];
        call = (object, slots, context) => builtin(first(object, slots, context));
      } else if (parameters.length === 2) {
        const [first, second] = parameters as [Evaluator, Evaluator];
        call = (object, slots, context) =>
          builtin(first(object, slots, context), second(object, slots, context));
      } else {
        call = (object, slots, context) =>
          builtin(...parameters.map((parameter) => parameter(object, slots, context)));
      }
      return catchingInBody(call, inBody);
    }
    case 'connective':
      return catchingInBody(
        connectiveEvaluator(expression, expression.arguments.map(inner)),
        inBody,
      );
  }
}

interface ClauseRunner {
  readonly head: PatternMatcher;
  readonly guards: readonly Evaluator[];
  /** The body's last expression: bodies are pure and cannot raise, so only it matters. */
  readonly result: Evaluator;
  readonly slotCount: number;
}

function clauseRunner(clause: Clause): ClauseRunner {
  const slots = new Map<number, number>();
  for (const variable of clause.variables) slots.set(variable, slots.size);
  const slotOf = (variable: number) => slots.get(variable)!;
  return {
    head: patternMatcher(clause.head, slotOf),
    guards: clause.guards.map((guard) => expressionEvaluator(guard, clause, slotOf, false)),
    result: expressionEvaluator(clause.body[clause.body.length - 1]!, clause, slotOf, true),
    slotCount: slots.size,
  };
}

/** A {@link MatchFunction} that interprets `clauses`. */
export function interpreterFor(clauses: readonly Clause[]): MatchFunction {
  const runners = clauses.map(clauseRunner);
  return (object, context) => {
    nextClause: for (const runner of runners) {
      const slots: Slots = new Array(runner.slotCount);
      if (!runner.head(object, slots)) continue;
      for (const guard of runner.guards) {
        try {
          if (guard(object, slots, context) !== true) continue nextClause;
        } catch {
          continue nextClause;
        }
      }
      return runner.result(object, slots, context);
    }
    return NO_MATCH;
  };
}
