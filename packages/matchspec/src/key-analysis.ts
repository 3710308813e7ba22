/**
 * What a table can learn from a match specification's heads to avoid a full scan: for each
 * clause, the keys (element `keypos` of the object) it can possibly match.
 *
 * - `none`: the clause matches no object of the table (its head is not a tuple, or is a tuple too
 *   short to have a key at `keypos`).
 * - `exact`: the key pattern has no variables or wildcards, so only keys equal to `key` can
 *   match. A hash table (`set`, `bag`, `duplicate_bag`, keys compared with `=:=`) looks up one
 *   bucket; an `ordered_set` (keys compared with `==`) looks the key up, then the head still
 *   tests `=:=`.
 * - `range`: the key pattern is partly bound. The keys it can match form one contiguous interval
 *   of Erlang's term order, and `compareKey(key)` says where `key` lies relative to it: -1 before,
 *   0 inside (it may match), 1 after. An `ordered_set` seeks to the first key with `compareKey >= 0`
 *   and stops at the first with `compareKey > 0`.
 * - `any`: the key is a variable or `'_'` (or a pattern with nothing bound up front) that no guard
 *   bounds: full scan.
 *
 * The interval ("prefix") rule, as in OTP's erl_db_tree.c (`key_given`, the partly bound key and
 * `partly_bound_can_match_lesser/greater`): term order compares tuples by arity, then element by
 * element; lists head first, then tail; maps by size before keys. So for a tuple pattern of arity
 * n, the keys that can match are the n-tuples whose leading fully bound elements equal the
 * pattern's, up to the first element that is not fully bound, which itself narrows the interval
 * only by its own prefix (recursively); everything after it is free. A list pattern
 * `[P1, ..., Pk | T]` works the same over its cells. A map pattern only pins the type (every map
 * lies between the largest tuple and `[]`): a head map is never a literal, even without
 * variables, since `#{}` matches every map, so a key holding one is never `exact` and its bound
 * prefix ends before the map (OTP 27, erlang/otp#8387). A variable or `'_'` bounds nothing. "Equal" is the
 * term-order equality (`==`), so the interval is a superset of what `=:=` matches.
 *
 * Guards (Tsunami's addition; OTP scans the whole table): when the key pattern is a variable, the
 * clause's guards that compare it with a constant (`<`, `=<`, `>`, `>=`, `==`, `=:=`, either way
 * round, at the top level or inside `and`/`andalso`) bound it, since every guard is true for an
 * object the clause matches. Guard comparisons are term-order comparisons, the order of an
 * `ordered_set`, so the interval they leave is exact.
 */
import {
  compare,
  exactEquals,
  Kind,
  kindOf,
  List,
  nil,
  type Term,
  termOrderRank,
} from '@tsunami/core';
import type { Clause, Expression, Pattern } from './ast.js';

/** The keys one clause can match. See the module comment. */
export type KeyConstraint =
  | { readonly kind: 'none' }
  | { readonly kind: 'any' }
  | { readonly kind: 'exact'; readonly key: Term }
  | {
      readonly kind: 'range';
      /** The partly bound key pattern, when the interval comes from it (not from guards). */
      readonly pattern?: Pattern;
      /** -1 when `key` sorts before every key the pattern can match, 1 after, 0 when it may match. */
      readonly compareKey: (key: Term) => -1 | 0 | 1;
    };

/** The key constraints of a whole specification. */
export interface KeyAnalysis {
  /** One per clause, in order. */
  readonly clauses: readonly KeyConstraint[];
  /**
   * When every clause is `exact` or `none`: the keys to look up, without exact (`=:=`)
   * duplicates, so `select` visits only these buckets. Otherwise `undefined`.
   */
  readonly exactKeys: readonly Term[] | undefined;
  /** Whether some clause needs a full scan (`any`). */
  readonly needsFullScan: boolean;
}

function sign(value: number): -1 | 0 | 1 {
  return value < 0 ? -1 : value > 0 ? 1 : 0;
}

function rankOf(term: Term): number {
  const kind = kindOf(term);
  return kind === undefined ? 0 : termOrderRank(kind);
}

const TUPLE_RANK = termOrderRank(Kind.Tuple);
const MAP_RANK = termOrderRank(Kind.Map);
const LIST_RANK = termOrderRank(Kind.List);

/** Whether the pattern pins anything about the key's position in term order. */
function isBounding(pattern: Pattern): boolean {
  return pattern.kind !== 'any' && pattern.kind !== 'bind' && pattern.kind !== 'check';
}

/** Compares `key` with the interval of keys `pattern` can match. */
function compareWithPattern(pattern: Pattern, key: Term): -1 | 0 | 1 {
  switch (pattern.kind) {
    case 'any':
    case 'bind':
    case 'check':
      return 0;
    case 'literal':
      return compare(key, pattern.value);
    case 'map': {
      return sign(rankOf(key) - MAP_RANK);
    }
    case 'tuple': {
      const rank = rankOf(key);
      if (rank !== TUPLE_RANK) return sign(rank - TUPLE_RANK);
      const tuple = key as readonly Term[];
      if (tuple.length !== pattern.elements.length) {
        return sign(tuple.length - pattern.elements.length);
      }
      for (let index = 0; index < tuple.length; index += 1) {
        const element = pattern.elements[index]!;
        const order = compareWithPattern(element, tuple[index] as Term);
        if (order !== 0 || element.kind !== 'literal') return order;
      }
      return 0;
    }
    case 'list': {
      // The pattern is a non-empty list; `[]` and every non-list sort by type rank.
      if (!(key instanceof List) || key === nil) return sign(rankOf(key) - LIST_RANK);
      for (let index = 0; index < pattern.items.length; index += 1) {
        if (index >= key.items.length) {
          // The key's rest is `[]` or an improper tail where the pattern still has a cell.
          return sign(rankOf(key.tail) - LIST_RANK);
        }
        const item = pattern.items[index]!;
        const order = compareWithPattern(item, key.items[index] as Term);
        if (order !== 0 || item.kind !== 'literal') return order;
      }
      const count = pattern.items.length;
      const rest =
        key.items.length === count ? key.tail : List.fromParts(key.items.slice(count), key.tail);
      return compareWithPattern(pattern.tail, rest);
    }
  }
}

/** One end of an interval of term order: `value`, and whether it belongs to the interval. */
interface Bound {
  readonly value: Term;
  readonly inclusive: boolean;
}

/** An interval of term order; a missing end is unbounded. */
interface Interval {
  low?: Bound;
  high?: Bound;
}

/** The comparisons that bound a variable, as `variable OP constant`. */
const COMPARISONS: Readonly<
  Record<string, { readonly low?: boolean; readonly high?: boolean; readonly inclusive: boolean }>
> = {
  '>/2': { low: true, inclusive: false },
  '>=/2': { low: true, inclusive: true },
  '</2': { high: true, inclusive: false },
  '=</2': { high: true, inclusive: true },
  '==/2': { low: true, high: true, inclusive: true },
  '=:=/2': { low: true, high: true, inclusive: true },
};

/** The same comparison with its operands swapped: `C < V` is `V > C`. */
const SWAPPED: Readonly<Record<string, string>> = {
  '>/2': '</2',
  '>=/2': '=</2',
  '</2': '>/2',
  '=</2': '>=/2',
  '==/2': '==/2',
  '=:=/2': '=:=/2',
};

/** The guards' conjuncts: each guard, with `and`/`andalso` taken apart. */
function conjuncts(guards: readonly Expression[]): Expression[] {
  return guards.flatMap((guard) =>
    guard.kind === 'connective' && (guard.connective === 'and' || guard.connective === 'andalso')
      ? conjuncts(guard.arguments)
      : [guard],
  );
}

/** The interval the guards leave `variable` in (see the module comment), or `undefined`. */
function guardInterval(guards: readonly Expression[], variable: number): Interval | undefined {
  const interval: Interval = {};
  let bounded = false;
  for (const guard of conjuncts(guards)) {
    if (guard.kind !== 'call' || guard.arguments.length !== 2) continue;
    const [left, right] = guard.arguments as [Expression, Expression];
    let name: string | undefined;
    let value: Term;
    if (left.kind === 'variable' && left.variable === variable && right.kind === 'constant') {
      name = guard.name;
      value = right.value;
    } else if (
      right.kind === 'variable' &&
      right.variable === variable &&
      left.kind === 'constant'
    ) {
      name = SWAPPED[guard.name];
      value = left.value;
    } else {
      continue;
    }
    const comparison = name === undefined ? undefined : COMPARISONS[name];
    if (comparison === undefined) continue;
    const bound = { value, inclusive: comparison.inclusive };
    if (comparison.low) interval.low = tighter(interval.low, bound, 1);
    if (comparison.high) interval.high = tighter(interval.high, bound, -1);
    bounded = true;
  }
  return bounded ? interval : undefined;
}

/** The tighter of two lower (`direction` 1) or upper (-1) bounds; at a tie, the exclusive one. */
function tighter(current: Bound | undefined, next: Bound, direction: 1 | -1): Bound {
  if (current === undefined) return next;
  const order = compare(next.value, current.value) * direction;
  if (order > 0) return next;
  if (order < 0) return current;
  return current.inclusive ? next : current;
}

/** -1 when `key` is below the interval, 1 above it, 0 inside. */
function compareWithInterval(interval: Interval, key: Term): -1 | 0 | 1 {
  const { low, high } = interval;
  if (low !== undefined) {
    const order = compare(key, low.value);
    if (order < 0 || (order === 0 && !low.inclusive)) return -1;
  }
  if (high !== undefined) {
    const order = compare(key, high.value);
    if (order > 0 || (order === 0 && !high.inclusive)) return 1;
  }
  return 0;
}

/** The key constraint of one clause for a table whose key is element `keypos` (1-based). */
export function clauseKeyConstraint(clause: Clause, keypos: number): KeyConstraint {
  const { head } = clause;
  let keyPattern: Pattern;
  if (head.kind === 'any' || head.kind === 'bind') return { kind: 'any' };
  if (head.kind === 'tuple') {
    if (head.elements.length < keypos) return { kind: 'none' };
    keyPattern = head.elements[keypos - 1]!;
  } else if (head.kind === 'literal' && Array.isArray(head.value)) {
    const tuple = head.value as readonly Term[];
    if (tuple.length < keypos) return { kind: 'none' };
    return { kind: 'exact', key: tuple[keypos - 1] as Term };
  } else {
    return { kind: 'none' };
  }
  if (keyPattern.kind === 'literal') return { kind: 'exact', key: keyPattern.value };
  if (keyPattern.kind === 'bind') {
    const interval = guardInterval(clause.guards, keyPattern.variable);
    if (interval === undefined) return { kind: 'any' };
    return { kind: 'range', compareKey: (key) => compareWithInterval(interval, key) };
  }
  if (!isBounding(keyPattern)) return { kind: 'any' };
  const pattern = keyPattern;
  return { kind: 'range', pattern, compareKey: (key) => compareWithPattern(pattern, key) };
}

/** The key constraints of checked clauses for a table whose key is element `keypos`. */
export function analyzeKeys(clauses: readonly Clause[], keypos: number): KeyAnalysis {
  if (!Number.isSafeInteger(keypos) || keypos < 1) {
    throw new RangeError(`keypos must be a positive integer, got ${keypos}`);
  }
  const constraints = clauses.map((clause) => clauseKeyConstraint(clause, keypos));
  const needsFullScan = constraints.some((constraint) => constraint.kind === 'any');
  let exactKeys: Term[] | undefined = [];
  for (const constraint of constraints) {
    if (constraint.kind === 'none') continue;
    if (constraint.kind !== 'exact') {
      exactKeys = undefined;
      break;
    }
    const { key } = constraint;
    if (!exactKeys.some((known) => exactEquals(known, key))) exactKeys.push(key);
  }
  return { clauses: constraints, exactKeys, needsFullScan };
}
