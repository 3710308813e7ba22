/**
 * `ets:table/1,2` without QLC: a query handle that traverses a table when iterated, as QLC
 * evaluates the handle OTP returns. Iterating fixes the table for the caller
 * (`safe_fixtable(T, true)`, so keys inserted and deleted meanwhile neither hide nor repeat
 * objects) and releases it when the iteration ends, by exhaustion, `break`, `return` or an
 * error; an iterator that is dropped half way leaves the table fixed, as a QLC cursor that is
 * never deleted does.
 *
 * Traversals, as `ets:table/2` words them:
 * - `first_next`: `first`, then `next` key by key, each key's objects by `lookup`;
 * - `last_prev`: the same from `last` by `prev`;
 * - `select` (the default): `select/3` with a specification that returns every object, in
 *   chunks of `nObjects` (100 by default), then `select/1`;
 * - `{ select: spec }`: the same with `spec`, whose results are yielded, objects or not. As in
 *   OTP, the specification is first checked by that `select/3` call, when the iteration starts.
 *
 * The options are checked when the handle is made: `badarg` for an unknown option (QLC's
 * `qlc:table/2` rejects it in OTP), a `traverse` that is none of the above, or an `nObjects`
 * that is neither a positive integer nor `'default'`. The table is not looked at until the
 * iteration starts, so a missing table fails there, in `safe_fixtable`, as in OTP.
 */
import { atom, isInteger, List, list, type Term } from '@tsunami/core';
import type { Continuation, SelectChunk } from './select.js';

/** How a {@link TableQuery} traverses its table (`ets:table/2`'s `traverse` option). */
export type TableTraverse = 'first_next' | 'last_prev' | 'select' | { readonly select: Term };

/** The options of `ets:table/2`, as a typed object. */
export interface TableQueryOptions {
  /** How the table is traversed; `'select'` by default. */
  readonly traverse?: TableTraverse;
  /** Results per `select/3` call for the `select` traversals: a positive integer, or 100. */
  readonly nObjects?: number | 'default';
}

/** The ETS calls a traversal makes, as the funs of OTP's `ets:table/2` make them. */
export interface TraversalCalls {
  safeFixtable(tab: Term, fix: boolean): true;
  first(tab: Term): Term;
  next(tab: Term, key: Term): Term;
  last(tab: Term): Term;
  prev(tab: Term, key: Term): Term;
  lookup(tab: Term, key: Term): readonly Term[];
  select(tab: Term, spec: Term, limit: number): SelectChunk | Term;
  select(continuation: Continuation | Term): SelectChunk | Term;
  /** The table's information, the atom `undefined` when it does not exist. */
  info(tab: Term): unknown;
}

const END_OF_TABLE = atom('$end_of_table');
const UNDEFINED = atom('undefined');
/** OTP's `n_objects` default. */
const DEFAULT_CHUNK = 100;
/** The specification of the `select` traversal: every object, whole (`[{'_', [], ['$_']}]`). */
const EVERY_OBJECT: Term = list([atom('_'), list(), list(atom('$_'))]);
const OPTION_NAMES: ReadonlySet<string> = new Set(['traverse', 'nObjects']);

/**
 * The traversal and chunk size of `options`, or `undefined` when they are not valid options of
 * `ets:table/2` (see the module comment).
 */
export function resolveTableQueryOptions(
  options: unknown,
): { traverse: TableTraverse; chunk: number } | undefined {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) return undefined;
  if (Object.keys(options).some((name) => !OPTION_NAMES.has(name))) return undefined;
  const { traverse = 'select', nObjects = 'default' } = options as TableQueryOptions;
  const validTraverse =
    traverse === 'first_next' ||
    traverse === 'last_prev' ||
    traverse === 'select' ||
    (typeof traverse === 'object' &&
      traverse !== null &&
      Object.keys(traverse).length === 1 &&
      'select' in traverse);
  if (!validTraverse) return undefined;
  if (nObjects === 'default') return { traverse, chunk: DEFAULT_CHUNK };
  return isInteger(nObjects) && nObjects >= 1 ? { traverse, chunk: Number(nObjects) } : undefined;
}

/**
 * The options as the Erlang option list `ets:table/2` takes, for an error report; options that
 * are no options object but a term (an array, a `List`) are shown as that term.
 */
export function tableQueryOptionsAsTerm(options: unknown): Term {
  if (typeof options !== 'object' || options === null || Array.isArray(options)) {
    return options as Term;
  }
  if (options instanceof List) return options;
  const items: Term[] = [];
  for (const [name, value] of Object.entries(options)) {
    if (name === 'traverse') {
      const traverse: Term =
        typeof value === 'object' && value !== null && 'select' in value
          ? [atom('select'), value.select]
          : typeof value === 'string'
            ? atom(value)
            : value;
      items.push([atom('traverse'), traverse]);
    } else if (name === 'nObjects') {
      items.push([atom('n_objects'), value === 'default' ? atom('default') : value]);
    } else {
      items.push([atom(name), value]);
    }
  }
  return list(...items);
}

/**
 * A query handle over one table (`ets:table/1,2`): each iteration is one traversal, yielding
 * objects (or, for `{ select: spec }`, the specification's results). Made by `Ets.table`.
 */
export class TableQuery implements Iterable<Term> {
  /**
   * @param calls the ETS instance whose table `tab` is.
   * @param traverse how to traverse, and `chunk` the results per `select/3` call.
   */
  constructor(
    private readonly calls: TraversalCalls,
    readonly tab: Term,
    readonly traverse: TableTraverse,
    readonly chunk: number,
  ) {}

  *[Symbol.iterator](): Generator<Term, void, undefined> {
    const calls = this.calls;
    const tab = this.tab;
    calls.safeFixtable(tab, true);
    try {
      if (this.traverse === 'first_next' || this.traverse === 'last_prev') {
        const forwards = this.traverse === 'first_next';
        let key = forwards ? calls.first(tab) : calls.last(tab);
        while (key !== END_OF_TABLE) {
          yield* calls.lookup(tab, key);
          key = forwards ? calls.next(tab, key) : calls.prev(tab, key);
        }
        return;
      }
      const spec = this.traverse === 'select' ? EVERY_OBJECT : this.traverse.select;
      let chunk = calls.select(tab, spec, this.chunk);
      while (chunk !== END_OF_TABLE) {
        const [results, continuation] = chunk as SelectChunk;
        yield* results;
        chunk = calls.select(continuation);
      }
    } finally {
      // The table may have been deleted meanwhile (its fixation went with it).
      if (calls.info(tab) !== UNDEFINED) calls.safeFixtable(tab, false);
    }
  }
}
