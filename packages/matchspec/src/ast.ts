/**
 * The checked form of a match specification that both back ends (the code generator and the
 * interpreter) consume: head patterns and guard/body expressions as small tagged trees.
 *
 * Invariants kept by `analyze.ts`, which builds these trees: every variable an expression reads
 * is bound by the clause head; a subtree with no variables, wildcards or calls is folded into a
 * `literal` pattern or `constant` expression holding the term itself; `list` nodes are non-empty
 * (the empty list is a literal), and their `tail` is never itself a `list` node of items known
 * at compile time.
 */
import type { Term } from '@tsunami/core';

/** A head pattern. */
export type Pattern =
  | { readonly kind: 'any' }
  | { readonly kind: 'bind'; readonly variable: number }
  | { readonly kind: 'check'; readonly variable: number }
  | { readonly kind: 'literal'; readonly value: Term }
  | { readonly kind: 'tuple'; readonly elements: readonly Pattern[] }
  | { readonly kind: 'list'; readonly items: readonly Pattern[]; readonly tail: Pattern }
  | { readonly kind: 'map'; readonly entries: readonly (readonly [Term, Pattern])[] };

/** The connectives whose arguments are evaluated specially. */
export type Connective = 'and' | 'or' | 'andalso' | 'orelse';

/** A guard or body expression. */
export type Expression =
  | { readonly kind: 'constant'; readonly value: Term }
  | { readonly kind: 'variable'; readonly variable: number }
  | { readonly kind: 'object' }
  | { readonly kind: 'allVariables' }
  | { readonly kind: 'self' }
  | { readonly kind: 'tuple'; readonly elements: readonly Expression[] }
  | { readonly kind: 'list'; readonly items: readonly Expression[]; readonly tail: Expression }
  | {
      readonly kind: 'map';
      readonly entries: readonly (readonly [Expression, Expression])[];
      /** The spec wrote the map as a plain object, so the result is one too. */
      readonly plain: boolean;
    }
  | { readonly kind: 'call'; readonly name: string; readonly arguments: readonly Expression[] }
  | {
      readonly kind: 'connective';
      readonly connective: Connective;
      readonly arguments: readonly Expression[];
    };

/** One checked clause `{Head, Guards, Body}`. */
export interface Clause {
  readonly head: Pattern;
  /** The variable numbers the head binds, ascending: the order of `'$$'`. */
  readonly variables: readonly number[];
  readonly guards: readonly Expression[];
  readonly body: readonly Expression[];
}
