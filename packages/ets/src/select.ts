/**
 * OTP's select and match family over a table: `select/1,2,3`, `select_reverse/1,2,3`,
 * `select_count`, `select_delete`, `select_replace`, `match/1,2,3`, `match_object/1,2,3`,
 * `match_delete`, with continuations, on top of `@tsunami/matchspec`.
 *
 * Scan plan (OTP's erl_db_tree.c and erl_db_hash.c): the compiled specification's key analysis
 * says which keys each clause can match. When every clause has an exact key (or none), only
 * those keys are looked up (one bucket each in a hash table, one tree search each in an
 * ordered_set). An ordered_set whose clauses all bind their key, wholly or by a prefix, walks only
 * the interval of term order they can match (the hull, for several clauses), seeking to it with
 * the predicate seek of its ordered map. Anything else scans the whole table in table
 * order: key order for an ordered_set (reversed by `select_reverse`), slot order for hash tables
 * (where `select_reverse` is `select`, as in OTP).
 *
 * Continuations have OTP's shapes, with the compiled specification in the place of OTP's magic
 * reference: an ordered_set's `[Tab, LastKey, EndCondition, ChunkSize, MatchSpec, [], Reverse,
 * 0]` resumes strictly after (before, reversed) `LastKey`, so it works whatever the table did
 * meanwhile; a hash table's `[Tab, Slot, ChunkSize, MatchSpec, [], 0]` resumes at slot `Slot`.
 * Slots are stable while the table is fixed (`safe_fixtable`), so a fixed table's chunks visit
 * every object present throughout exactly once; an unfixed table may compact its slots after
 * deletions and chunks may then miss objects, as OTP documents for its hash tables. Results from
 * exact-key lookups are computed at once and handed out in chunks from the continuation's
 * accumulator (`Slot` -1), as OTP does.
 *
 * Invariants: a call validates the table, the specification and the limit before it reads or
 * changes anything, so a failed call changes nothing; `select_delete` and `select_replace` decide
 * every change during the scan and apply them after it, so the walk never sees its own writes.
 */
import {
  type Atom,
  atom,
  compare,
  exactEquals,
  isInteger,
  isPlainObject,
  List,
  listFrom,
  nil,
  Reference,
  type Term,
  type Tuple,
} from '@tsunami/core';
import {
  CompiledMatchSpec,
  compileMatchSpec,
  type KeyAnalysis,
  type MatchContext,
  MatchSpecError,
  matchObjectSpec,
  matchPatternSpec,
  NO_MATCH,
} from '@tsunami/matchspec';
import { readCopy, readTermCopy, storedCopy } from './copy.js';
import { EtsError, type EtsErrorCause } from './errors.js';
import type { ResolvedOptions } from './options.js';
import { type KeyRange, NO_SUCH_KEY, type TableStore } from './store.js';

/** `'$end_of_table'`. */
const END_OF_TABLE: Atom = atom('$end_of_table');
const NODE: Atom = atom('nonode@nohost');

/** An ordered_set's continuation: `{Tab, LastKey, EndCondition, ChunkSize, MatchSpec, [], Reverse, 0}`. */
export type OrderedContinuation = readonly [
  table: Reference,
  lastKey: Term,
  endCondition: Term,
  chunkSize: number,
  matchSpec: CompiledMatchSpec | Term,
  accumulator: List,
  reverse: 0 | 1,
  got: number,
];

/** A hash table's continuation: `{Tab, Slot, ChunkSize, MatchSpec, Accumulator, Got}`. */
export type HashContinuation = readonly [
  table: Reference,
  slot: number,
  chunkSize: number,
  matchSpec: CompiledMatchSpec | Term,
  accumulator: List,
  got: number,
];

/** What `select/3` and friends return to resume: a continuation, opaque but shaped as OTP's. */
export type Continuation = OrderedContinuation | HashContinuation;

/** One chunk of results and the continuation (or `'$end_of_table'`) for the next. */
export type SelectChunk = readonly [results: Term[], continuation: Continuation | Atom];

/** The table a select call works on, as the ETS layer hands it over after its access check. */
export interface SelectTarget {
  readonly reference: Reference;
  readonly store: TableStore;
  readonly options: ResolvedOptions;
  /** The calling process, for `{self}` in specifications. */
  readonly self: Term;
}

/** How the ETS layer resolves a table for this module (the `Ets.selectTarget` seam). */
export type ResolveTarget = (
  functionName: string,
  args: readonly Term[],
  mode: 'read' | 'write',
) => SelectTarget;

/** The keys a scan must visit. */
type Plan =
  | { readonly kind: 'all' }
  | { readonly kind: 'nothing' }
  | { readonly kind: 'keys'; readonly keys: readonly Term[] }
  | { readonly kind: 'range'; readonly compareKey: (key: Term) => -1 | 0 | 1 };

/**
 * The scan plan for a table of `type` from the key analysis of its key position. Several
 * clauses with bounded keys on an ordered_set walk the hull of their intervals: the keys from
 * the first one that some clause may match to the last one, a superset of what they match.
 */
function planFor(analysis: KeyAnalysis, type: ResolvedOptions['type']): Plan {
  if (analysis.needsFullScan) return { kind: 'all' };
  if (analysis.exactKeys !== undefined) {
    if (analysis.exactKeys.length === 0) return { kind: 'nothing' };
    if (type !== 'ordered_set') return { kind: 'keys', keys: analysis.exactKeys };
    // An ordered_set's keys are compared with ==: look each equal key up once, in key order.
    const sorted = [...analysis.exactKeys].sort(compare);
    const keys = sorted.filter(
      (key, index) => index === 0 || compare(sorted[index - 1]!, key) !== 0,
    );
    return { kind: 'keys', keys };
  }
  if (type !== 'ordered_set') return { kind: 'all' };
  const intervals: ((key: Term) => -1 | 0 | 1)[] = [];
  for (const clause of analysis.clauses) {
    if (clause.kind === 'range') intervals.push(clause.compareKey);
    if (clause.kind === 'exact') {
      const exact = clause.key;
      intervals.push((key) => Math.sign(compare(key, exact)) as -1 | 0 | 1);
    }
  }
  if (intervals.length === 1) return { kind: 'range', compareKey: intervals[0]! };
  // Below the hull when below every interval, above it when above every one.
  const hull = (key: Term): -1 | 0 | 1 => {
    let below = true;
    let above = true;
    for (const interval of intervals) {
      const order = interval(key);
      if (order >= 0) below = false;
      if (order <= 0) above = false;
    }
    return below ? -1 : above ? 1 : 0;
  };
  return { kind: 'range', compareKey: hull };
}

/**
 * Visits the objects the plan allows in table order (reversed for an ordered_set when
 * `reverse`), strictly after `after` (before, reversed) when given (ordered_set only). Stops
 * when `visit` returns false.
 */
function walk(
  target: SelectTarget,
  plan: Plan,
  reverse: boolean,
  visit: (object: Tuple) => unknown,
  after?: { readonly key: Term },
): void {
  const { store } = target;
  const ordered = target.options.type === 'ordered_set';
  switch (plan.kind) {
    case 'nothing':
      return;
    case 'keys': {
      const keys = ordered && reverse ? [...plan.keys].reverse() : plan.keys;
      for (const key of keys) {
        if (after !== undefined) {
          const order = compare(key, after.key);
          if (reverse ? order >= 0 : order <= 0) continue;
        }
        for (const object of store.lookup(key)) if (visit(object) === false) return;
      }
      return;
    }
    case 'range':
    case 'all': {
      if (!ordered) {
        store.forEachObject(visit);
        return;
      }
      const compareKey = plan.kind === 'range' ? plan.compareKey : undefined;
      const afterKey = after?.key;
      if (compareKey === undefined && afterKey === undefined) {
        store.forEachObject(visit, undefined, reverse);
        return;
      }
      // Monotone predicates stand for the interval's ends; one that bounds nothing is left out.
      const lowBounded = compareKey !== undefined || (!reverse && afterKey !== undefined);
      const highBounded = compareKey !== undefined || (reverse && afterKey !== undefined);
      const isBefore = (key: Term): boolean =>
        (compareKey !== undefined && compareKey(key) < 0) ||
        (!reverse && afterKey !== undefined && compare(key, afterKey) <= 0);
      const isAfter = (key: Term): boolean =>
        (compareKey !== undefined && compareKey(key) > 0) ||
        (reverse && afterKey !== undefined && compare(key, afterKey) >= 0);
      const range: KeyRange = {
        ...(lowBounded ? { before: isBefore } : {}),
        ...(highBounded ? { after: isAfter } : {}),
      };
      store.forEachObject(visit, range, reverse);
      return;
    }
  }
}

/** The match context of a call: `{self}` is the caller. */
function contextOf(target: SelectTarget): MatchContext {
  return { self: target.self, node: NODE };
}

/**
 * Compiles `spec`, or raises OTP's badarg for `functionName(args)`. The empty specification
 * `[]`, which `match_spec_compile` rejects, is accepted by the table functions and matches
 * nothing: it gives `undefined`.
 */
function compileFor(
  functionName: string,
  args: readonly Term[],
  spec: Term,
): CompiledMatchSpec | undefined {
  if (spec === nil) return undefined;
  try {
    return compileMatchSpec(spec);
  } catch (error) {
    if (error instanceof MatchSpecError) throw new EtsError(functionName, args);
    throw error;
  }
}

/** Runs the specification over the plan's objects, collecting copied-out results. */
function collect(target: SelectTarget, compiled: CompiledMatchSpec, reverse: boolean): Term[] {
  const results: Term[] = [];
  const context = contextOf(target);
  const plan = planFor(compiled.keys(target.options.keypos), target.options.type);
  walk(target, plan, reverse && target.options.type === 'ordered_set', (object) => {
    const result = resultOf(compiled, object, context);
    if (result !== NO_MATCH) results.push(result);
  });
  return results;
}

/**
 * The result of `compiled` on the stored `object`, as the caller may receive it, or
 * {@link NO_MATCH}. The table's own tuple is never handed out (`update_counter` changes it in
 * place, see `copy.ts`): a result that is the object gets a copy, and when a clause could put
 * the object inside its result (`'$_'` in a body, or a head that is a variable binding the whole
 * object), the result is built again from a copy, so only matching objects pay for it.
 */
function resultOf(compiled: CompiledMatchSpec, object: Tuple, context: MatchContext): Term {
  const result = compiled.match(object, context);
  if (result === NO_MATCH) return NO_MATCH;
  if (result === object) return readCopy(object);
  if (!mayHoldObject(compiled)) return readTermCopy(object, result);
  return compiled.match(readCopy(object), context);
}

/** Per specification: whether a result can hold the matched object (see {@link resultOf}). */
const holdsObject = new WeakMap<CompiledMatchSpec, boolean>();

function mayHoldObject(compiled: CompiledMatchSpec): boolean {
  let answer = holdsObject.get(compiled);
  if (answer === undefined) {
    answer = (compiled.spec as List).items.some((clause) => {
      const [head, , body] = clause as readonly Term[];
      return isVariable(head as Term) || mentions(body as Term, DOLLAR_UNDERSCORE);
    });
    holdsObject.set(compiled, answer);
  }
  return answer;
}

/** Whether `term` is `atom` or holds it anywhere (tuples, lists, maps). */
function mentions(term: Term, wanted: Atom): boolean {
  if (term === wanted) return true;
  if (Array.isArray(term)) return term.some((element) => mentions(element, wanted));
  // The empty list is its own tail.
  if (term instanceof List) {
    if (term === nil) return false;
    return term.items.some((item) => mentions(item, wanted)) || mentions(term.tail, wanted);
  }
  if (term instanceof Map) {
    for (const [key, value] of term)
      if (mentions(key, wanted) || mentions(value, wanted)) return true;
    return false;
  }
  if (typeof term !== 'object' || term === null || !isPlainObject(term)) return false;
  return Object.values(term as Record<string, Term>).some((value) => mentions(value, wanted));
}

/** `select/2`, `select_reverse/2`, `match/2`, `match_object/2`. */
export function selectAll(
  resolve: ResolveTarget,
  functionName: string,
  args: readonly Term[],
  spec: Term,
  reverse: boolean,
): Term[] {
  const target = resolve(functionName, args, 'read');
  const compiled = compileFor(functionName, args, spec);
  return compiled === undefined ? [] : collect(target, compiled, reverse);
}

/** The specification `match`/`match_object` run for a pattern. */
export function patternSpec(pattern: Term, objects: boolean): Term {
  return objects ? matchObjectSpec(pattern) : matchPatternSpec(pattern);
}

/** Whether `limit` is a limit OTP accepts: a small positive integer. */
function validLimit(limit: Term): limit is number {
  return typeof limit === 'number' && Number.isSafeInteger(limit) && limit >= 1;
}

/** `select/3`, `select_reverse/3`, `match/3`, `match_object/3`: the first chunk. */
export function selectChunk(
  resolve: ResolveTarget,
  functionName: string,
  args: readonly Term[],
  spec: Term,
  limit: Term,
  reverse: boolean,
): SelectChunk | Atom {
  const target = resolve(functionName, args, 'read');
  let compiled: CompiledMatchSpec | undefined;
  let valid = spec === nil;
  try {
    if (!valid) compiled = compileMatchSpec(spec);
    valid = true;
  } catch (error) {
    if (!(error instanceof MatchSpecError)) throw error;
  }
  if (!valid || !validLimit(limit)) throw new EtsError(functionName, args);
  if (compiled === undefined) return END_OF_TABLE;
  const ordered = target.options.type === 'ordered_set';
  if (ordered) return orderedChunk(target, compiled, limit, reverse, undefined);
  const plan = planFor(compiled.keys(target.options.keypos), target.options.type);
  if (plan.kind === 'all') return hashChunk(target, compiled, limit, 0);
  return accumulatedChunk(target.reference, compiled, limit, collect(target, compiled, false));
}

/** An ordered_set chunk: up to `limit` results after `afterKey`, in (reversed) key order. */
function orderedChunk(
  target: SelectTarget,
  compiled: CompiledMatchSpec,
  limit: number,
  reverse: boolean,
  after: { readonly key: Term } | undefined,
): SelectChunk | Atom {
  const results: Term[] = [];
  const context = contextOf(target);
  const plan = planFor(compiled.keys(target.options.keypos), 'ordered_set');
  let lastKey: Term | undefined;
  walk(
    target,
    plan,
    reverse,
    (object) => {
      const result = resultOf(compiled, object, context);
      if (result === NO_MATCH) return true;
      results.push(result);
      if (results.length < limit) return true;
      lastKey = readTermCopy(object, target.store.keyOf(object));
      return false;
    },
    after,
  );
  // One exact key is a lookup in OTP, not a scan: its chunk always ends the selection.
  const lookedUp = plan.kind === 'keys' && plan.keys.length === 1;
  if (lastKey === undefined || lookedUp) {
    return results.length === 0 ? END_OF_TABLE : [results, END_OF_TABLE];
  }
  const continuation: OrderedContinuation = Object.freeze([
    target.reference,
    lastKey,
    nil,
    limit,
    compiled,
    nil,
    reverse ? 1 : 0,
    0,
  ] as const);
  return [results, continuation];
}

/**
 * A hash table chunk from slot `slot` on: whole slots until at least `limit` results (a slot's
 * objects are never split between chunks, so a bag's chunk can exceed `limit`, as in OTP).
 */
function hashChunk(
  target: SelectTarget,
  compiled: CompiledMatchSpec,
  limit: number,
  slot: number,
): SelectChunk | Atom {
  const results: Term[] = [];
  const context = contextOf(target);
  let index = slot;
  for (;;) {
    const objects = target.store.slot(index);
    if (objects === undefined || objects === NO_SUCH_KEY) break;
    index += 1;
    for (const object of objects) {
      const result = resultOf(compiled, object, context);
      if (result !== NO_MATCH) results.push(result);
    }
    if (results.length >= limit) {
      const continuation: HashContinuation = Object.freeze([
        target.reference,
        index,
        limit,
        compiled,
        nil,
        0,
      ] as const);
      return [results, continuation];
    }
  }
  return results.length === 0 ? END_OF_TABLE : [results, END_OF_TABLE];
}

/** A chunk of already computed results; the rest wait in the continuation's accumulator. */
function accumulatedChunk(
  reference: Reference,
  compiled: CompiledMatchSpec,
  limit: number,
  results: readonly Term[],
): SelectChunk | Atom {
  if (results.length === 0) return END_OF_TABLE;
  if (results.length <= limit) return [[...results], END_OF_TABLE];
  const rest = results.slice(limit);
  const continuation: HashContinuation = Object.freeze([
    reference,
    -1,
    limit,
    compiled,
    listFrom(rest),
    rest.length,
  ] as const);
  return [results.slice(0, limit), continuation];
}

/** The parts of a continuation this module made, or `undefined` for anything else. */
function parseContinuation(term: unknown):
  | {
      readonly reference: Reference;
      readonly compiled: CompiledMatchSpec;
      readonly limit: number;
      readonly resume:
        | { readonly kind: 'ordered'; readonly lastKey: Term; readonly reverse: boolean }
        | { readonly kind: 'hash'; readonly slot: number; readonly accumulator: List };
    }
  | undefined {
  if (!Array.isArray(term) || !(term[0] instanceof Reference)) return undefined;
  if (term.length === 8) {
    const [reference, lastKey, , limit, compiled, , reverse] =
      term as unknown as OrderedContinuation;
    if (!(compiled instanceof CompiledMatchSpec) || !validLimit(limit)) return undefined;
    if (reverse !== 0 && reverse !== 1) return undefined;
    return {
      reference,
      compiled,
      limit,
      resume: { kind: 'ordered', lastKey, reverse: reverse === 1 },
    };
  }
  if (term.length === 6) {
    const [reference, slot, limit, compiled, accumulator] = term as unknown as HashContinuation;
    if (!(compiled instanceof CompiledMatchSpec) || !validLimit(limit)) return undefined;
    if (!isInteger(slot) || typeof slot !== 'number' || slot < -1) return undefined;
    if (!(accumulator instanceof List) || accumulator.tail !== nil) return undefined;
    return { reference, compiled, limit, resume: { kind: 'hash', slot, accumulator } };
  }
  return undefined;
}

/** `select/1` (and `select_reverse/1`, `match/1`, `match_object/1`): the next chunk. */
export function selectContinue(
  resolve: ResolveTarget,
  functionName: string,
  continuation: Term,
): SelectChunk | Atom {
  if (continuation === END_OF_TABLE) return END_OF_TABLE;
  const args = [continuation];
  const parsed = parseContinuation(continuation);
  if (parsed === undefined) throw new EtsError(functionName, args);
  let target: SelectTarget;
  try {
    target = resolve(functionName, [parsed.reference], 'read');
  } catch (error) {
    if (error instanceof EtsError) throw new EtsError(functionName, args, error.cause);
    throw error;
  }
  const { compiled, limit, resume } = parsed;
  const ordered = target.options.type === 'ordered_set';
  if (resume.kind === 'ordered') {
    if (!ordered) throw new EtsError(functionName, args);
    return orderedChunk(target, compiled, limit, resume.reverse, { key: resume.lastKey });
  }
  if (ordered) throw new EtsError(functionName, args);
  if (resume.slot === -1) {
    return accumulatedChunk(target.reference, compiled, limit, resume.accumulator.items);
  }
  return hashChunk(target, compiled, limit, resume.slot);
}

/** `select_count/2`: how many objects the specification maps to `true`. */
export function selectCount(resolve: ResolveTarget, args: readonly [Term, Term]): number {
  const target = resolve('select_count', args, 'read');
  const compiled = compileFor('select_count', args, args[1]);
  if (compiled === undefined) return 0;
  const context = contextOf(target);
  let count = 0;
  const plan = planFor(compiled.keys(target.options.keypos), target.options.type);
  walkAnyOrder(target, plan, (object) => {
    if (compiled.match(object, context) === true) count += 1;
  });
  return count;
}

/**
 * {@link walk} for a scan whose result does not depend on the order it sees the objects in
 * (a count, the objects to delete): a whole-table scan of an ordered_set then reads the tree's
 * nodes in memory order instead of key order.
 */
function walkAnyOrder(target: SelectTarget, plan: Plan, visit: (object: Tuple) => unknown): void {
  if (plan.kind === 'all') target.store.forEachObjectAnyOrder(visit);
  else walk(target, plan, false, visit);
}

/**
 * `select_delete/2` (and `match_delete/2`): deletes the objects the specification maps to
 * `true` and returns how many.
 */
export function selectDelete(
  resolve: ResolveTarget,
  functionName: string,
  args: readonly Term[],
  spec: Term,
): number {
  const target = resolve(functionName, args, 'write');
  const compiled = compileFor(functionName, args, spec);
  if (compiled === undefined) return 0;
  const context = contextOf(target);
  const doomed: Tuple[] = [];
  const plan = planFor(compiled.keys(target.options.keypos), target.options.type);
  walkAnyOrder(target, plan, (object) => {
    if (compiled.match(object, context) === true) doomed.push(object);
  });
  const { store } = target;
  for (const object of doomed) {
    // A duplicate bag's copies are one exact object: deleteObject removes them all at once.
    if (target.options.type === 'ordered_set') store.deleteKey(store.keyOf(object));
    else store.deleteObject(object);
  }
  return doomed.length;
}

const DOLLAR_UNDERSCORE = atom('$_');
const ELEMENT = atom('element');
const CONST = atom('const');
const UNDERSCORE = atom('_');
const DOLLAR_DOLLAR = atom('$$');

function isVariable(term: Term): boolean {
  return typeof term === 'symbol' && /^\$[0-9]+$/.test(term.description ?? '');
}

/**
 * Whether the body term `body` always builds the same term as the head part `head` matched
 * (OTP's `db_match_eq_body`): `{{...}}` and `{const, ...}` tuples element by element, lists
 * cell by cell, anything else by exact equality, with no wildcard, `'$$'` or `'$_'`, and no
 * variable inside a constant.
 */
function bodyEquals(head: Term, body: Term, constant: boolean): boolean {
  if (body instanceof List) {
    if (body === nil) return head === nil;
    if (!(head instanceof List) || head === nil) return false;
    return (
      bodyEquals(head.items[0] as Term, body.items[0] as Term, constant) &&
      bodyEquals(restOf(head), restOf(body), constant)
    );
  }
  if (Array.isArray(body)) {
    let tuple: readonly Term[] = body;
    let innerConstant = constant;
    if (!constant) {
      if (body.length === 1 && Array.isArray(body[0])) tuple = body[0] as readonly Term[];
      else if (body.length === 2 && body[0] === CONST) {
        return bodyEquals(head, body[1] as Term, true);
      } else return false;
      innerConstant = false;
    }
    if (!Array.isArray(head) || head.length !== tuple.length) return false;
    return tuple.every((element, index) => bodyEquals(head[index] as Term, element, innerConstant));
  }
  if (body instanceof Map || (typeof body === 'object' && body !== null && isPlainMap(body))) {
    return false;
  }
  if (typeof body === 'symbol' || typeof body === 'boolean') {
    if (
      head !== body ||
      body === UNDERSCORE ||
      body === DOLLAR_DOLLAR ||
      body === DOLLAR_UNDERSCORE
    ) {
      return false;
    }
    return !(constant && isVariable(body));
  }
  return exactEquals(head, body);
}

function isPlainMap(term: object): boolean {
  return Object.getPrototypeOf(term) === Object.prototype;
}

function restOf(list: List): Term {
  return list.items.length === 1 ? list.tail : List.fromParts(list.items.slice(1), list.tail);
}

/** OTP's `db_match_keeps_key`: whether a clause's body always keeps the object's key. */
function keepsKey(keypos: number, head: Term, body: Term): boolean {
  if (!(body instanceof List) || body === nil || body.items.length !== 1 || body.tail !== nil) {
    return false;
  }
  const single = body.items[0] as Term;
  if (single === DOLLAR_UNDERSCORE) return true;
  if (!Array.isArray(single)) return false;
  if (!Array.isArray(head) || head.length < keypos) return false;
  const headKey = head[keypos - 1] as Term;
  let constant: boolean;
  let built: Term;
  if (single.length === 2 && single[0] === CONST) {
    built = single[1] as Term;
    constant = true;
  } else if (single.length === 1) {
    built = single[0] as Term;
    constant = false;
  } else {
    return false;
  }
  if (!Array.isArray(built) || built.length < keypos) return false;
  const builtKey = built[keypos - 1] as Term;
  if (bodyEquals(headKey, builtKey, constant)) return true;
  if (constant || !Array.isArray(builtKey)) return false;
  return (
    builtKey.length === 3 &&
    builtKey[0] === ELEMENT &&
    builtKey[1] === keypos &&
    builtKey[2] === DOLLAR_UNDERSCORE
  );
}

/**
 * `select_replace/2`: replaces each object the specification matches with its result, which
 * must keep the key (checked on the specification, as OTP does). Not for bags.
 */
export function selectReplace(resolve: ResolveTarget, args: readonly [Term, Term]): number {
  const functionName = 'select_replace';
  const target = resolve(functionName, args, 'write');
  const { type, keypos } = target.options;
  const fail = (cause?: EtsErrorCause): never => {
    throw new EtsError(functionName, args, cause);
  };
  if (type === 'bag') fail('table_type');
  const compiled = compileFor(functionName, args, args[1]);
  if (compiled === undefined) return 0;
  for (const clause of (args[1] as List).items) {
    const [head, , body] = clause as readonly Term[];
    if (!keepsKey(keypos, head as Term, body as Term)) fail();
  }
  const context = contextOf(target);
  const { store } = target;
  if (type === 'duplicate_bag') {
    // Copies of one object are not told apart by the store: rebuild each touched key's list.
    const touched: Term[] = [];
    const plan = planFor(compiled.keys(keypos), type);
    walk(target, plan, false, (object) => {
      if (compiled.match(object, context) === NO_MATCH) return;
      // A key's objects are visited together (one slot), so comparing with the last is enough.
      const key = store.keyOf(object);
      const last = touched[touched.length - 1];
      if (last === undefined || !exactEquals(last, key)) touched.push(key);
    });
    let replaced = 0;
    for (const key of touched) {
      const rebuilt = store.lookup(key).map((object) => {
        const result = compiled.match(object, context);
        if (result === NO_MATCH) return object;
        replaced += 1;
        return storedCopy(result as Tuple);
      });
      store.deleteKey(key);
      for (const object of rebuilt) store.insert(object);
    }
    return replaced;
  }
  const replacements: Tuple[] = [];
  const plan = planFor(compiled.keys(keypos), type);
  walk(target, plan, false, (object) => {
    const result = compiled.match(object, context);
    if (result !== NO_MATCH) replacements.push(storedCopy(result as Tuple));
  });
  for (const replacement of replacements) store.insert(replacement);
  return replacements.length;
}

/**
 * `repair_continuation/2`: a continuation whose compiled specification was lost (it went
 * through `term_to_binary`) made usable again from the specification it was made with.
 * `'$end_of_table'` passes through.
 * @throws TypeError (OTP: `function_clause`) for anything that is not a continuation.
 */
export function repairContinuation(continuation: Term, spec: Term): Term {
  if (continuation === END_OF_TABLE) return END_OF_TABLE;
  const position = Array.isArray(continuation)
    ? continuation.length === 8
      ? 4
      : continuation.length === 6
        ? 3
        : -1
    : -1;
  if (position < 0 || !((continuation as Term[])[0] instanceof Reference)) {
    throw new TypeError('function_clause: ets:repair_continuation/2 expects a continuation');
  }
  const current = (continuation as Term[])[position];
  if (current instanceof CompiledMatchSpec) return continuation;
  const repaired = [...(continuation as Term[])];
  repaired[position] = compileMatchSpec(spec) as unknown as Term;
  return Object.freeze(repaired);
}

/**
 * The select and match calls by arity: `(Continuation)`, `(Tab, Spec)` or `(Tab, Spec, Limit)`.
 * `toSpec` turns the second argument into a specification (`match` and `match_object` take a
 * pattern); errors name `functionName` with the arguments as given.
 */
export function selectByArity(
  resolve: ResolveTarget,
  functionName: string,
  args: readonly Term[],
  reverse: boolean,
  toSpec: (argument: Term) => Term = (argument) => argument,
): Term[] | SelectChunk | Atom {
  if (args.length === 1) return selectContinue(resolve, functionName, args[0] as Term);
  const spec = toSpec(args[1] as Term);
  if (args.length === 2) return selectAll(resolve, functionName, args, spec, reverse);
  return selectChunk(resolve, functionName, args, spec, args[2] as Term, reverse);
}

/** `match_delete/2`: `select_delete(Tab, [{Pattern, [], [true]}])`, returning `true`. */
export function matchDelete(resolve: ResolveTarget, args: readonly [Term, Term]): true {
  selectDelete(resolve, 'match_delete', args, listFrom([[args[1], nil, listFrom([true])]]));
  return true;
}

/** `match_spec_compile/1`: the compiled specification, or OTP's badarg. */
export function matchSpecCompile(spec: Term): CompiledMatchSpec {
  const compiled = compileFor('match_spec_compile', [spec], spec);
  if (compiled === undefined) throw new EtsError('match_spec_compile', [spec]);
  return compiled;
}

/** `match_spec_run/2`: the results for the objects of `objects` (a `List` or any iterable). */
export function matchSpecRun(objects: Iterable<Term> | List, compiled: CompiledMatchSpec): Term[] {
  const items = objects instanceof List ? objects.items : objects;
  if (
    !(compiled instanceof CompiledMatchSpec) ||
    (objects instanceof List && objects.tail !== nil)
  ) {
    throw new EtsError('match_spec_run', [objects as Term, compiled as unknown as Term]);
  }
  return compiled.run(items);
}
