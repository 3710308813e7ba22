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
 * - `any`: the key is a variable or `'_'` (or a pattern with nothing bound up front): full scan.
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
import type { Clause, Pattern } from './ast.js';

/** The keys one clause can match. See the module comment. */
export type KeyConstraint =
  | { readonly kind: 'none' }
  | { readonly kind: 'any' }
  | { readonly kind: 'exact'; readonly key: Term }
  | {
      readonly kind: 'range';
      /** The partly bound key pattern, for display. */
      readonly pattern: Pattern;
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
