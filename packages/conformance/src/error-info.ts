/**
 * The table of OTP's `error_info` case (`ets_SUITE.erl`): for every function `ets` exports in
 * OTP 27 (`ets:module_info(exports)` less `module_info`), the calls OTP's case makes with bad
 * arguments, each with the error OTP raises: the reason (`badarg` for every ETS argument error),
 * the `cause` the BIF records in its `error_info`, and the arguments `erl_stdlib_errors:
 * format_error/2` blames, with its sentence for each. A function OTP's case does not call (it is
 * no BIF, or takes no arguments) has a row that says why.
 *
 * OTP's case expands each call over the table states it sets up, and so does this table, one
 * entry per state: `owner` (a private table of the calling process, of each of `set` and
 * `ordered_set` where OTP's case says `'$Tab'`), `otherProcess` (the same call made by another
 * process: a private table gives `access`), `deleted` (the table deleted first: `id`),
 * `notATable` (the table replaced by a reference that names no table: `type`) and `noTable`
 * (calls with no table argument, made once). As in OTP's case, a function of one argument is not
 * called on a valid table (it cannot fail there), and the successful calls OTP's case makes
 * (`no_fail`) are kept as calls that must return.
 *
 * Facts carry over from OTP 27.3 (each entry is checked against real `erl` by
 * `test/error-info.test.ts`); `since` names the entry of `otpDifferences` (`@tsunami/oracle`)
 * for a behaviour older OTP releases lack. Invariants: one row per exported function and arity,
 * sorted by name then arity; every call's arguments have the row's arity; every call that
 * raises blames at least one argument (OTP's case fails a call with no explanation).
 *
 * Source: `error_info/1` and `eval_ets_bif_errors/1` in erlang/otp's
 * `lib/stdlib/test/ets_SUITE.erl` (2026).
 */
import { atom, improperList, list, type Term, type Tuple } from '@tsunami/core';

/** The types of table OTP's case makes. */
export type ErrorInfoTableType = 'set' | 'ordered_set' | 'bag';

/**
 * How a table argument is made: `plain` is OTP's `'$Tab'` (and `BagTab`, `Set`, `OrderedSet`),
 * `oneKey` is `OneKeyTab` (holding `{one, two, 3}`), `named` is `NamedTable` (named
 * `'$named_table'`, passed by name), `unowned` is `UnownedTable` (a public table another
 * process owns). Every table but `unowned` is private to the calling process.
 */
export type TableSetup = 'plain' | 'oneKey' | 'named' | 'unowned';

/** A table argument, made afresh for each call. */
export class TableArgument {
  constructor(
    readonly type: ErrorInfoTableType,
    readonly setup: TableSetup,
  ) {}
}

/** A process argument: the caller (`'$Self'`), a living process, or one that has ended. */
export class ProcessArgument {
  constructor(readonly which: 'self' | 'living' | 'dead') {}
}

/** An argument of a call: a term, or a table or process the case makes for it. */
export type CallArgument = Term | TableArgument | ProcessArgument;

/** The state of the table argument when the call is made (see the module header). */
export type TableState = 'owner' | 'otherProcess' | 'deleted' | 'notATable' | 'noTable';

/** What OTP does with a call. */
export type ExpectedOutcome =
  | { readonly kind: 'returns' }
  | {
      readonly kind: 'raises';
      /** The error reason (`badarg`). */
      readonly reason: Term;
      /** The `cause` of the BIF's `error_info`, `none` when it records none. */
      readonly cause: string;
      /** The blamed arguments: 1-based position to `erl_stdlib_errors`' sentence. */
      readonly blamed: Readonly<Record<number, string>>;
    };

/** One call of OTP's case in one table state. */
export interface ErrorInfoCall {
  readonly args: readonly CallArgument[];
  readonly state: TableState;
  readonly expected: ExpectedOutcome;
  /** The `otpDifferences` id of this outcome, when older OTP releases differ. */
  readonly since?: string;
}

/** One exported function of `ets` and the calls OTP's case makes to it. */
export interface ErrorInfoRow {
  /** The Erlang name, e.g. `update_counter`. */
  readonly erlangName: string;
  readonly arity: number;
  /** The camelCase name (the method of `@tsunami/ets` and of the suite's `EtsApi`). */
  readonly name: string;
  /** The `otpDifferences` id of the function, when older OTP releases lack it. */
  readonly since?: string;
  readonly calls: readonly ErrorInfoCall[];
  /** Why OTP's case makes no call to it (only when `calls` is empty). */
  readonly noCallsBecause?: string;
}

const a = atom;
const badarg = atom('badarg');

const tab = (type: ErrorInfoTableType): TableArgument => new TableArgument(type, 'plain');
const oneKeyTab = (type: ErrorInfoTableType): TableArgument => new TableArgument(type, 'oneKey');
const namedTab = (type: ErrorInfoTableType): TableArgument => new TableArgument(type, 'named');
const unownedTab = (type: ErrorInfoTableType): TableArgument => new TableArgument(type, 'unowned');
const SELF = new ProcessArgument('self');
const LIVING = new ProcessArgument('living');
const DEAD = new ProcessArgument('dead');

/** The object OTP's `OneKeyTab` holds. */
export const ONE_KEY_OBJECT: Tuple = [a('one'), a('two'), 3];

/** `[{I, b, c} || I <- lists:seq(1, 10_000)]`: one insert of many objects, which must succeed. */
const MANY_OBJECTS = list(
  ...Array.from({ length: 10_000 }, (_, index): Term => [index + 1, a('b'), a('c')]),
);

// The sentences of the table argument, frequent enough to name.
const NO_SUCH_TABLE = 'the table identifier does not refer to an existing ETS table';
const NO_ACCESS = 'the table identifier refers to an ETS table with insufficient access rights';
const NOT_A_TABLE = 'not a valid table identifier';
const WRONG_TABLE_TYPE =
  'the table identifier refers to an ETS table of a type not supported by this operation';

// Why OTP's case makes no call (its comments say "Not BIF", "Internal function").
const NO_ARGUMENTS = 'takes no arguments, so no argument can be bad (OTP lists arities above 0)';
const NOT_A_BIF = 'written in Erlang over other ets calls, not a BIF with error_info of its own';
const NOT_A_BIF_FILES = 'not a BIF: reads or writes a file (its errors are {error, Reason})';
const NOT_A_BIF_FUN = 'not a BIF: takes a fun, and is written in Erlang over other ets calls';
const NOT_A_BIF_DETS = 'not a BIF: copies between ets and a dets table (dets is not modelled)';
const NOT_A_BIF_PARSE_TRANSFORM = 'not a BIF: a pseudo function that ms_transform rewrites';
const NOT_A_BIF_SHELL = 'not a BIF: prints a table to the shell';
const NOT_A_BIF_QLC = 'not a BIF: makes a QLC table handle';
const INTERNAL = "internal to OTP's ets module, not part of its documented API";

function fails(
  args: readonly CallArgument[],
  state: TableState,
  cause: string,
  blamed: Readonly<Record<number, string>>,
  since?: string,
): ErrorInfoCall {
  const expected: ExpectedOutcome = { kind: 'raises', reason: badarg, cause, blamed };
  return since === undefined ? { args, state, expected } : { args, state, expected, since };
}

function succeeds(args: readonly CallArgument[], state: TableState): ErrorInfoCall {
  return { args, state, expected: { kind: 'returns' } };
}

function withCalls(
  erlangName: string,
  arity: number,
  name: string,
  ...rest: [readonly ErrorInfoCall[]] | [string, readonly ErrorInfoCall[]]
): ErrorInfoRow {
  if (rest.length === 1) return { erlangName, arity, name, calls: rest[0] };
  return { erlangName, arity, name, since: rest[0], calls: rest[1] };
}

function noCalls(erlangName: string, arity: number, name: string, because: string): ErrorInfoRow {
  return { erlangName, arity, name, calls: [], noCallsBecause: because };
}

/** Every exported function of `ets` (OTP 27) with the bad calls of OTP's `error_info` case. */
export const ERROR_INFO_TABLE: readonly ErrorInfoRow[] = [
  noCalls('all', 0, 'all', NO_ARGUMENTS),
  withCalls('delete', 1, 'delete', [
    fails([tab('set')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('delete', 2, 'delete', [
    succeeds([tab('set'), a('no_key')], 'owner'),
    fails([tab('set'), a('no_key')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('no_key')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    succeeds([tab('ordered_set'), a('no_key')], 'owner'),
    fails([tab('ordered_set'), a('no_key')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), a('no_key')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('no_key')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('delete_all_objects', 1, 'deleteAllObjects', [
    fails([tab('set')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('delete_object', 2, 'deleteObject', [
    fails([tab('set'), a('bad_object')], 'owner', 'none', { 2: 'not a tuple' }),
    fails([tab('set'), a('bad_object')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a tuple',
    }),
    fails([tab('set'), a('bad_object')], 'deleted', 'id', { 1: NO_SUCH_TABLE, 2: 'not a tuple' }),
    fails([tab('ordered_set'), a('bad_object')], 'owner', 'none', { 2: 'not a tuple' }),
    fails([tab('ordered_set'), a('bad_object')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a tuple',
    }),
    fails([tab('ordered_set'), a('bad_object')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'not a tuple',
    }),
    fails([tab('ordered_set'), a('bad_object')], 'notATable', 'type', {
      1: NOT_A_TABLE,
      2: 'not a tuple',
    }),
    succeeds([tab('set'), [a('tag'), a('non_existing')]], 'owner'),
    fails([tab('set'), [a('tag'), a('non_existing')]], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), [a('tag'), a('non_existing')]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    succeeds([tab('ordered_set'), [a('tag'), a('non_existing')]], 'owner'),
    fails([tab('ordered_set'), [a('tag'), a('non_existing')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('ordered_set'), [a('tag'), a('non_existing')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([tab('ordered_set'), [a('tag'), a('non_existing')]], 'notATable', 'type', {
      1: NOT_A_TABLE,
    }),
  ]),
  noCalls('file2tab', 1, 'file2tab', NOT_A_BIF_FILES),
  noCalls('file2tab', 2, 'file2tab', NOT_A_BIF_FILES),
  withCalls('first', 1, 'first', [
    fails([tab('set')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('first_lookup', 1, 'firstLookup', 'first-next-lookup', [
    fails([tab('set')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  noCalls('foldl', 3, 'foldl', NOT_A_BIF_FUN),
  noCalls('foldr', 3, 'foldr', NOT_A_BIF_FUN),
  noCalls('from_dets', 2, 'fromDets', NOT_A_BIF_DETS),
  noCalls('fun2ms', 1, 'fun2ms', NOT_A_BIF_PARSE_TRANSFORM),
  withCalls('give_away', 3, 'giveAway', [
    fails([tab('set'), a('not_a_pid'), a('bad_pid')], 'owner', 'none', { 2: 'not a pid' }),
    fails([tab('set'), a('not_a_pid'), a('bad_pid')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a pid',
    }),
    fails([tab('set'), a('not_a_pid'), a('bad_pid')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'not a pid',
    }),
    fails([tab('ordered_set'), a('not_a_pid'), a('bad_pid')], 'owner', 'none', { 2: 'not a pid' }),
    fails([tab('ordered_set'), a('not_a_pid'), a('bad_pid')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a pid',
    }),
    fails([tab('ordered_set'), a('not_a_pid'), a('bad_pid')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'not a pid',
    }),
    fails([tab('ordered_set'), a('not_a_pid'), a('bad_pid')], 'notATable', 'type', {
      1: NOT_A_TABLE,
      2: 'not a pid',
    }),
    fails([tab('set'), SELF, a('already_owner')], 'owner', 'owner', {
      2: 'the process is already the owner of the table',
    }),
    fails([tab('set'), SELF, a('already_owner')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), SELF, a('already_owner')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), SELF, a('already_owner')], 'owner', 'owner', {
      2: 'the process is already the owner of the table',
    }),
    fails([tab('ordered_set'), SELF, a('already_owner')], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('ordered_set'), SELF, a('already_owner')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), SELF, a('already_owner')], 'notATable', 'type', { 1: NOT_A_TABLE }),
    fails([tab('set'), LIVING, a('living_process')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), LIVING, a('living_process')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), LIVING, a('living_process')], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('ordered_set'), LIVING, a('living_process')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), LIVING, a('living_process')], 'notATable', 'type', {
      1: NOT_A_TABLE,
    }),
    fails([tab('set'), DEAD, a('dead_process')], 'owner', 'none', {
      2: 'the pid refers to a terminated process',
    }),
    fails([tab('set'), DEAD, a('dead_process')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), DEAD, a('dead_process')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), DEAD, a('dead_process')], 'owner', 'none', {
      2: 'the pid refers to a terminated process',
    }),
    fails([tab('ordered_set'), DEAD, a('dead_process')], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('ordered_set'), DEAD, a('dead_process')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), DEAD, a('dead_process')], 'notATable', 'type', { 1: NOT_A_TABLE }),
    fails([unownedTab('set'), LIVING, a('gift_data')], 'owner', 'not_owner', {
      2: 'the current process is not the owner',
    }),
    fails([unownedTab('set'), LIVING, a('gift_data')], 'otherProcess', 'not_owner', {
      2: 'the current process is not the owner',
    }),
    fails([unownedTab('set'), LIVING, a('gift_data')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([unownedTab('ordered_set'), LIVING, a('gift_data')], 'owner', 'not_owner', {
      2: 'the current process is not the owner',
    }),
    fails([unownedTab('ordered_set'), LIVING, a('gift_data')], 'otherProcess', 'not_owner', {
      2: 'the current process is not the owner',
    }),
    fails([unownedTab('ordered_set'), LIVING, a('gift_data')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([unownedTab('ordered_set'), LIVING, a('gift_data')], 'notATable', 'type', {
      1: NOT_A_TABLE,
    }),
  ]),
  noCalls('i', 0, 'i', NO_ARGUMENTS),
  noCalls('i', 1, 'i', NOT_A_BIF_SHELL),
  noCalls('i', 2, 'i', NOT_A_BIF_SHELL),
  noCalls('i', 3, 'i', NOT_A_BIF_SHELL),
  withCalls('info', 1, 'info', [
    succeeds([tab('set')], 'otherProcess'),
    succeeds([tab('set')], 'deleted'),
    succeeds([tab('ordered_set')], 'otherProcess'),
    succeeds([tab('ordered_set')], 'deleted'),
    fails([tab('ordered_set')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('info', 2, 'info', [
    fails([tab('set'), a('invalid_item')], 'owner', 'none', { 2: 'not a valid info item' }),
    fails([tab('set'), a('invalid_item')], 'otherProcess', 'none', { 2: 'not a valid info item' }),
    succeeds([tab('set'), a('invalid_item')], 'deleted'),
    fails([tab('ordered_set'), a('invalid_item')], 'owner', 'none', { 2: 'not a valid info item' }),
    fails([tab('ordered_set'), a('invalid_item')], 'otherProcess', 'none', {
      2: 'not a valid info item',
    }),
    succeeds([tab('ordered_set'), a('invalid_item')], 'deleted'),
    fails([tab('ordered_set'), a('invalid_item')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  noCalls('init_table', 2, 'initTable', NOT_A_BIF_FUN),
  withCalls('insert', 2, 'insert', [
    fails([tab('set'), a('bad_object')], 'owner', 'none', { 2: 'not a tuple' }),
    fails([tab('set'), a('bad_object')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a tuple',
    }),
    fails([tab('set'), a('bad_object')], 'deleted', 'id', { 1: NO_SUCH_TABLE, 2: 'not a tuple' }),
    fails([tab('ordered_set'), a('bad_object')], 'owner', 'none', { 2: 'not a tuple' }),
    fails([tab('ordered_set'), a('bad_object')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a tuple',
    }),
    fails([tab('ordered_set'), a('bad_object')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'not a tuple',
    }),
    fails([tab('ordered_set'), a('bad_object')], 'notATable', 'type', {
      1: NOT_A_TABLE,
      2: 'not a tuple',
    }),
    fails([tab('set'), []], 'owner', 'none', { 2: 'is an empty tuple' }),
    fails([tab('set'), []], 'otherProcess', 'access', { 1: NO_ACCESS, 2: 'is an empty tuple' }),
    fails([tab('set'), []], 'deleted', 'id', { 1: NO_SUCH_TABLE, 2: 'is an empty tuple' }),
    fails([tab('ordered_set'), []], 'owner', 'none', { 2: 'is an empty tuple' }),
    fails([tab('ordered_set'), []], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'is an empty tuple',
    }),
    fails([tab('ordered_set'), []], 'deleted', 'id', { 1: NO_SUCH_TABLE, 2: 'is an empty tuple' }),
    fails([tab('ordered_set'), []], 'notATable', 'type', {
      1: NOT_A_TABLE,
      2: 'is an empty tuple',
    }),
    fails([tab('set'), list(a('a'), [a('a'), a('b'), a('c')])], 'owner', 'none', {
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('set'), list(a('a'), [a('a'), a('b'), a('c')])], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('set'), list(a('a'), [a('a'), a('b'), a('c')])], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('ordered_set'), list(a('a'), [a('a'), a('b'), a('c')])], 'owner', 'none', {
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('ordered_set'), list(a('a'), [a('a'), a('b'), a('c')])], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('ordered_set'), list(a('a'), [a('a'), a('b'), a('c')])], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('ordered_set'), list(a('a'), [a('a'), a('b'), a('c')])], 'notATable', 'type', {
      1: NOT_A_TABLE,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('set'), improperList([a('a')], a('b'))], 'owner', 'none', {
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('set'), improperList([a('a')], a('b'))], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('set'), improperList([a('a')], a('b'))], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('ordered_set'), improperList([a('a')], a('b'))], 'owner', 'none', {
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('ordered_set'), improperList([a('a')], a('b'))], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('ordered_set'), improperList([a('a')], a('b'))], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('ordered_set'), improperList([a('a')], a('b'))], 'notATable', 'type', {
      1: NOT_A_TABLE,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    succeeds([tab('set'), [a('a'), a('b'), a('c')]], 'owner'),
    fails([tab('set'), [a('a'), a('b'), a('c')]], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), [a('a'), a('b'), a('c')]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    succeeds([tab('ordered_set'), [a('a'), a('b'), a('c')]], 'owner'),
    fails([tab('ordered_set'), [a('a'), a('b'), a('c')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('ordered_set'), [a('a'), a('b'), a('c')]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), [a('a'), a('b'), a('c')]], 'notATable', 'type', { 1: NOT_A_TABLE }),
    succeeds([tab('set'), list([a('a'), a('b'), a('c')])], 'owner'),
    fails([tab('set'), list([a('a'), a('b'), a('c')])], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), list([a('a'), a('b'), a('c')])], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    succeeds([tab('ordered_set'), list([a('a'), a('b'), a('c')])], 'owner'),
    fails([tab('ordered_set'), list([a('a'), a('b'), a('c')])], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('ordered_set'), list([a('a'), a('b'), a('c')])], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([tab('ordered_set'), list([a('a'), a('b'), a('c')])], 'notATable', 'type', {
      1: NOT_A_TABLE,
    }),
    succeeds([tab('set'), list([a('a'), a('b'), a('c')], [a('d'), a('e'), a('f')])], 'owner'),
    fails(
      [tab('set'), list([a('a'), a('b'), a('c')], [a('d'), a('e'), a('f')])],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails([tab('set'), list([a('a'), a('b'), a('c')], [a('d'), a('e'), a('f')])], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    succeeds(
      [tab('ordered_set'), list([a('a'), a('b'), a('c')], [a('d'), a('e'), a('f')])],
      'owner',
    ),
    fails(
      [tab('ordered_set'), list([a('a'), a('b'), a('c')], [a('d'), a('e'), a('f')])],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [tab('ordered_set'), list([a('a'), a('b'), a('c')], [a('d'), a('e'), a('f')])],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    fails(
      [tab('ordered_set'), list([a('a'), a('b'), a('c')], [a('d'), a('e'), a('f')])],
      'notATable',
      'type',
      { 1: NOT_A_TABLE },
    ),
    succeeds([tab('set'), MANY_OBJECTS], 'owner'),
    fails([tab('set'), MANY_OBJECTS], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), MANY_OBJECTS], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    succeeds([tab('ordered_set'), MANY_OBJECTS], 'owner'),
    fails([tab('ordered_set'), MANY_OBJECTS], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), MANY_OBJECTS], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), MANY_OBJECTS], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('insert_new', 2, 'insertNew', [
    fails([tab('set'), a('bad_object')], 'owner', 'none', { 2: 'not a tuple' }),
    fails([tab('set'), a('bad_object')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a tuple',
    }),
    fails([tab('set'), a('bad_object')], 'deleted', 'id', { 1: NO_SUCH_TABLE, 2: 'not a tuple' }),
    fails([tab('ordered_set'), a('bad_object')], 'owner', 'none', { 2: 'not a tuple' }),
    fails([tab('ordered_set'), a('bad_object')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a tuple',
    }),
    fails([tab('ordered_set'), a('bad_object')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'not a tuple',
    }),
    fails([tab('ordered_set'), a('bad_object')], 'notATable', 'type', {
      1: NOT_A_TABLE,
      2: 'not a tuple',
    }),
    succeeds([tab('set'), [a('a'), a('b'), a('c')]], 'owner'),
    fails([tab('set'), [a('a'), a('b'), a('c')]], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), [a('a'), a('b'), a('c')]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    succeeds([tab('ordered_set'), [a('a'), a('b'), a('c')]], 'owner'),
    fails([tab('ordered_set'), [a('a'), a('b'), a('c')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('ordered_set'), [a('a'), a('b'), a('c')]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), [a('a'), a('b'), a('c')]], 'notATable', 'type', { 1: NOT_A_TABLE }),
    fails([tab('set'), list(a('a'), [a('a'), a('b'), a('c')])], 'owner', 'none', {
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('set'), list(a('a'), [a('a'), a('b'), a('c')])], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('set'), list(a('a'), [a('a'), a('b'), a('c')])], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('ordered_set'), list(a('a'), [a('a'), a('b'), a('c')])], 'owner', 'none', {
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('ordered_set'), list(a('a'), [a('a'), a('b'), a('c')])], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('ordered_set'), list(a('a'), [a('a'), a('b'), a('c')])], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('ordered_set'), list(a('a'), [a('a'), a('b'), a('c')])], 'notATable', 'type', {
      1: NOT_A_TABLE,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('set'), improperList([a('a')], a('b'))], 'owner', 'none', {
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('set'), improperList([a('a')], a('b'))], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('set'), improperList([a('a')], a('b'))], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('ordered_set'), improperList([a('a')], a('b'))], 'owner', 'none', {
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('ordered_set'), improperList([a('a')], a('b'))], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('ordered_set'), improperList([a('a')], a('b'))], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
    fails([tab('ordered_set'), improperList([a('a')], a('b'))], 'notATable', 'type', {
      1: NOT_A_TABLE,
      2: 'not a non-empty tuple or a list of non-empty tuples',
    }),
  ]),
  noCalls('internal_delete_all', 2, 'internalDeleteAll', INTERNAL),
  noCalls('internal_request_all', 0, 'internalRequestAll', NO_ARGUMENTS),
  noCalls('internal_select_delete', 2, 'internalSelectDelete', INTERNAL),
  withCalls('is_compiled_ms', 1, 'isCompiledMs', [succeeds([a('bad_ms')], 'noTable')]),
  withCalls('last', 1, 'last', [
    fails([tab('set')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('last_lookup', 1, 'lastLookup', 'first-next-lookup', [
    fails([tab('set')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('lookup', 2, 'lookup', [
    succeeds([tab('set'), a('no_key')], 'owner'),
    fails([tab('set'), a('no_key')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('no_key')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    succeeds([tab('ordered_set'), a('no_key')], 'owner'),
    fails([tab('ordered_set'), a('no_key')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), a('no_key')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('no_key')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('lookup_element', 3, 'lookupElement', [
    fails([tab('set'), a('no_key'), 0], 'owner', 'none', { 3: 'out of range' }),
    fails([tab('set'), a('no_key'), 0], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'out of range',
    }),
    fails([tab('set'), a('no_key'), 0], 'deleted', 'id', { 1: NO_SUCH_TABLE, 3: 'out of range' }),
    fails([tab('ordered_set'), a('no_key'), 0], 'owner', 'none', { 3: 'out of range' }),
    fails([tab('ordered_set'), a('no_key'), 0], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'out of range',
    }),
    fails([tab('ordered_set'), a('no_key'), 0], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'out of range',
    }),
    fails([tab('ordered_set'), a('no_key'), 0], 'notATable', 'type', {
      1: NOT_A_TABLE,
      3: 'out of range',
    }),
    fails([tab('set'), a('no_key'), 1], 'owner', 'badkey', {
      2: 'not a key that exists in the table',
    }),
    fails([tab('set'), a('no_key'), 1], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('no_key'), 1], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('no_key'), 1], 'owner', 'badkey', {
      2: 'not a key that exists in the table',
    }),
    fails([tab('ordered_set'), a('no_key'), 1], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), a('no_key'), 1], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('no_key'), 1], 'notATable', 'type', { 1: NOT_A_TABLE }),
    fails([tab('set'), a('no_key'), a('bad_pos')], 'owner', 'none', { 3: 'not an integer' }),
    fails([tab('set'), a('no_key'), a('bad_pos')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'not an integer',
    }),
    fails([tab('set'), a('no_key'), a('bad_pos')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'not an integer',
    }),
    fails([tab('ordered_set'), a('no_key'), a('bad_pos')], 'owner', 'none', {
      3: 'not an integer',
    }),
    fails([tab('ordered_set'), a('no_key'), a('bad_pos')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'not an integer',
    }),
    fails([tab('ordered_set'), a('no_key'), a('bad_pos')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'not an integer',
    }),
    fails([tab('ordered_set'), a('no_key'), a('bad_pos')], 'notATable', 'type', {
      1: NOT_A_TABLE,
      3: 'not an integer',
    }),
    fails([oneKeyTab('set'), a('one'), 4], 'owner', 'none', {
      3: 'position is greater than the size of the object',
    }),
    fails([oneKeyTab('set'), a('one'), 4], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([oneKeyTab('set'), a('one'), 4], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([oneKeyTab('ordered_set'), a('one'), 4], 'owner', 'none', {
      3: 'position is greater than the size of the object',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), 4], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([oneKeyTab('ordered_set'), a('one'), 4], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([oneKeyTab('ordered_set'), a('one'), 4], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('lookup_element', 4, 'lookupElement', 'lookup-element-default', [
    succeeds([tab('set'), a('no_key'), 1, a('default_value')], 'owner'),
    fails([tab('set'), a('no_key'), 1, a('default_value')], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('set'), a('no_key'), 1, a('default_value')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    succeeds([tab('ordered_set'), a('no_key'), 1, a('default_value')], 'owner'),
    fails([tab('ordered_set'), a('no_key'), 1, a('default_value')], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('ordered_set'), a('no_key'), 1, a('default_value')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([tab('ordered_set'), a('no_key'), 1, a('default_value')], 'notATable', 'type', {
      1: NOT_A_TABLE,
    }),
    fails([oneKeyTab('set'), a('one'), 4, a('default_value')], 'owner', 'none', {
      3: 'position is greater than the size of the object',
    }),
    fails([oneKeyTab('set'), a('one'), 4, a('default_value')], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([oneKeyTab('set'), a('one'), 4, a('default_value')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([oneKeyTab('ordered_set'), a('one'), 4, a('default_value')], 'owner', 'none', {
      3: 'position is greater than the size of the object',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), 4, a('default_value')], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([oneKeyTab('ordered_set'), a('one'), 4, a('default_value')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([oneKeyTab('ordered_set'), a('one'), 4, a('default_value')], 'notATable', 'type', {
      1: NOT_A_TABLE,
    }),
  ]),
  withCalls('match', 1, 'match', [
    fails([a('bad_continuation')], 'noTable', 'none', { 1: 'invalid continuation' }),
  ]),
  withCalls('match', 2, 'match', [
    succeeds([tab('set'), new Uint8Array([1, 2, 3])], 'owner'),
    fails([tab('set'), new Uint8Array([1, 2, 3])], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), new Uint8Array([1, 2, 3])], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    succeeds([tab('ordered_set'), new Uint8Array([1, 2, 3])], 'owner'),
    fails([tab('ordered_set'), new Uint8Array([1, 2, 3])], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('ordered_set'), new Uint8Array([1, 2, 3])], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), new Uint8Array([1, 2, 3])], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('match', 3, 'match', [
    fails([tab('set'), new Uint8Array([1, 2, 3]), 0], 'owner', 'none', { 3: 'out of range' }),
    fails([tab('set'), new Uint8Array([1, 2, 3]), 0], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'out of range',
    }),
    fails([tab('set'), new Uint8Array([1, 2, 3]), 0], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'out of range',
    }),
    fails([tab('ordered_set'), new Uint8Array([1, 2, 3]), 0], 'owner', 'none', {
      3: 'out of range',
    }),
    fails([tab('ordered_set'), new Uint8Array([1, 2, 3]), 0], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'out of range',
    }),
    fails([tab('ordered_set'), new Uint8Array([1, 2, 3]), 0], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'out of range',
    }),
    fails([tab('ordered_set'), new Uint8Array([1, 2, 3]), 0], 'notATable', 'type', {
      1: NOT_A_TABLE,
      3: 'out of range',
    }),
    fails([tab('set'), new Uint8Array([1, 2, 3]), a('bad_limit')], 'owner', 'none', {
      3: 'not an integer',
    }),
    fails([tab('set'), new Uint8Array([1, 2, 3]), a('bad_limit')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'not an integer',
    }),
    fails([tab('set'), new Uint8Array([1, 2, 3]), a('bad_limit')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'not an integer',
    }),
    fails([tab('ordered_set'), new Uint8Array([1, 2, 3]), a('bad_limit')], 'owner', 'none', {
      3: 'not an integer',
    }),
    fails(
      [tab('ordered_set'), new Uint8Array([1, 2, 3]), a('bad_limit')],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'not an integer' },
    ),
    fails([tab('ordered_set'), new Uint8Array([1, 2, 3]), a('bad_limit')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'not an integer',
    }),
    fails([tab('ordered_set'), new Uint8Array([1, 2, 3]), a('bad_limit')], 'notATable', 'type', {
      1: NOT_A_TABLE,
      3: 'not an integer',
    }),
  ]),
  withCalls('match_delete', 2, 'matchDelete', [
    succeeds([tab('set'), new Uint8Array([1, 2, 3])], 'owner'),
    fails([tab('set'), new Uint8Array([1, 2, 3])], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), new Uint8Array([1, 2, 3])], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    succeeds([tab('ordered_set'), new Uint8Array([1, 2, 3])], 'owner'),
    fails([tab('ordered_set'), new Uint8Array([1, 2, 3])], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('ordered_set'), new Uint8Array([1, 2, 3])], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), new Uint8Array([1, 2, 3])], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('match_object', 1, 'matchObject', [
    fails([a('bad_continuation')], 'noTable', 'none', { 1: 'invalid continuation' }),
  ]),
  withCalls('match_object', 2, 'matchObject', [
    succeeds([tab('set'), new Uint8Array([1, 2, 3])], 'owner'),
    fails([tab('set'), new Uint8Array([1, 2, 3])], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), new Uint8Array([1, 2, 3])], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    succeeds([tab('ordered_set'), new Uint8Array([1, 2, 3])], 'owner'),
    fails([tab('ordered_set'), new Uint8Array([1, 2, 3])], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('ordered_set'), new Uint8Array([1, 2, 3])], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), new Uint8Array([1, 2, 3])], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('match_object', 3, 'matchObject', [
    fails([tab('set'), new Uint8Array([1, 2, 3]), a('bad_limit')], 'owner', 'none', {
      3: 'not an integer',
    }),
    fails([tab('set'), new Uint8Array([1, 2, 3]), a('bad_limit')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'not an integer',
    }),
    fails([tab('set'), new Uint8Array([1, 2, 3]), a('bad_limit')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'not an integer',
    }),
    fails([tab('ordered_set'), new Uint8Array([1, 2, 3]), a('bad_limit')], 'owner', 'none', {
      3: 'not an integer',
    }),
    fails(
      [tab('ordered_set'), new Uint8Array([1, 2, 3]), a('bad_limit')],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'not an integer' },
    ),
    fails([tab('ordered_set'), new Uint8Array([1, 2, 3]), a('bad_limit')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'not an integer',
    }),
    fails([tab('ordered_set'), new Uint8Array([1, 2, 3]), a('bad_limit')], 'notATable', 'type', {
      1: NOT_A_TABLE,
      3: 'not an integer',
    }),
  ]),
  withCalls('match_spec_compile', 1, 'matchSpecCompile', [
    fails([a('bad_match_spec')], 'noTable', 'none', { 1: 'not a valid match specification' }),
  ]),
  noCalls('match_spec_run', 2, 'matchSpecRun', NOT_A_BIF),
  noCalls('match_spec_run_r', 3, 'matchSpecRunR', INTERNAL),
  withCalls('member', 2, 'member', [
    succeeds([tab('set'), a('no_key')], 'owner'),
    fails([tab('set'), a('no_key')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('no_key')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    succeeds([tab('ordered_set'), a('no_key')], 'owner'),
    fails([tab('ordered_set'), a('no_key')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), a('no_key')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('no_key')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('new', 2, 'new', [
    fails([a('name'), a('not_list')], 'noTable', 'none', { 2: 'not a list' }),
    fails([a('name'), improperList([a('a')], a('b'))], 'noTable', 'none', {
      2: 'not a proper list',
    }),
    fails([a('name'), list(a('a'), a('b'))], 'noTable', 'none', { 2: 'invalid options' }),
    fails([[a('bad'), a('name')], list(a('a'), a('b'))], 'noTable', 'none', { 1: 'not an atom' }),
    fails([a('name_already_exists'), list(a('named_table'))], 'noTable', 'already_exists', {
      1: 'table name already exists',
    }),
  ]),
  withCalls('next', 2, 'next', [
    fails([tab('set'), a('no_key')], 'owner', 'none', { 2: 'not a key that exists in the table' }),
    fails([tab('set'), a('no_key')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('no_key')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('set'), a('no_key')], 'notATable', 'type', { 1: NOT_A_TABLE }),
    succeeds([tab('ordered_set'), a('no_key')], 'owner'),
    fails([tab('ordered_set'), a('no_key')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), a('no_key')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('no_key')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('next_lookup', 2, 'nextLookup', 'first-next-lookup', [
    fails([tab('set'), a('no_key')], 'owner', 'none', { 2: 'not a key that exists in the table' }),
    fails([tab('set'), a('no_key')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('no_key')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('set'), a('no_key')], 'notATable', 'type', { 1: NOT_A_TABLE }),
    succeeds([tab('ordered_set'), a('no_key')], 'owner'),
    fails([tab('ordered_set'), a('no_key')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), a('no_key')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('no_key')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('prev', 2, 'prev', [
    fails([tab('set'), a('no_key')], 'owner', 'none', { 2: 'not a key that exists in the table' }),
    fails([tab('set'), a('no_key')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('no_key')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('set'), a('no_key')], 'notATable', 'type', { 1: NOT_A_TABLE }),
    succeeds([tab('ordered_set'), a('no_key')], 'owner'),
    fails([tab('ordered_set'), a('no_key')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), a('no_key')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('no_key')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('prev_lookup', 2, 'prevLookup', 'first-next-lookup', [
    fails([tab('set'), a('no_key')], 'owner', 'none', { 2: 'not a key that exists in the table' }),
    fails([tab('set'), a('no_key')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('no_key')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('set'), a('no_key')], 'notATable', 'type', { 1: NOT_A_TABLE }),
    succeeds([tab('ordered_set'), a('no_key')], 'owner'),
    fails([tab('ordered_set'), a('no_key')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), a('no_key')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('no_key')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('rename', 2, 'rename', [
    fails([tab('set'), [a('bad'), a('name')]], 'owner', 'none', {
      2: 'invalid table name (must be an atom)',
    }),
    fails([tab('set'), [a('bad'), a('name')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'invalid table name (must be an atom)',
    }),
    fails([tab('set'), [a('bad'), a('name')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'invalid table name (must be an atom)',
    }),
    fails([tab('ordered_set'), [a('bad'), a('name')]], 'owner', 'none', {
      2: 'invalid table name (must be an atom)',
    }),
    fails([tab('ordered_set'), [a('bad'), a('name')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'invalid table name (must be an atom)',
    }),
    fails([tab('ordered_set'), [a('bad'), a('name')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'invalid table name (must be an atom)',
    }),
    fails([tab('ordered_set'), [a('bad'), a('name')]], 'notATable', 'type', {
      1: NOT_A_TABLE,
      2: 'invalid table name (must be an atom)',
    }),
    fails([namedTab('set'), a('$named_table')], 'owner', 'none', {
      2: 'table name already exists',
    }),
    fails([namedTab('set'), a('$named_table')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([namedTab('set'), a('$named_table')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([namedTab('ordered_set'), a('$named_table')], 'owner', 'none', {
      2: 'table name already exists',
    }),
    fails([namedTab('ordered_set'), a('$named_table')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([namedTab('ordered_set'), a('$named_table')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([namedTab('ordered_set'), a('$named_table')], 'notATable', 'type', { 1: NOT_A_TABLE }),
    fails([namedTab('set'), [a('bad'), a('name')]], 'owner', 'none', {
      2: 'invalid table name (must be an atom)',
    }),
    fails([namedTab('set'), [a('bad'), a('name')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'invalid table name (must be an atom)',
    }),
    fails([namedTab('set'), [a('bad'), a('name')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'invalid table name (must be an atom)',
    }),
    fails([namedTab('ordered_set'), [a('bad'), a('name')]], 'owner', 'none', {
      2: 'invalid table name (must be an atom)',
    }),
    fails([namedTab('ordered_set'), [a('bad'), a('name')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'invalid table name (must be an atom)',
    }),
    fails([namedTab('ordered_set'), [a('bad'), a('name')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'invalid table name (must be an atom)',
    }),
    fails([namedTab('ordered_set'), [a('bad'), a('name')]], 'notATable', 'type', {
      1: NOT_A_TABLE,
      2: 'invalid table name (must be an atom)',
    }),
  ]),
  noCalls('repair_continuation', 2, 'repairContinuation', NOT_A_BIF),
  withCalls('safe_fixtable', 2, 'safeFixtable', [
    succeeds([tab('set'), true], 'owner'),
    fails([tab('set'), true], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), true], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    succeeds([tab('ordered_set'), true], 'owner'),
    fails([tab('ordered_set'), true], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), true], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), true], 'notATable', 'type', { 1: NOT_A_TABLE }),
    fails([tab('set'), a('not_boolean')], 'owner', 'none', { 2: 'not a boolean value' }),
    fails([tab('set'), a('not_boolean')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('not_boolean')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('not_boolean')], 'owner', 'none', { 2: 'not a boolean value' }),
    fails([tab('ordered_set'), a('not_boolean')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), a('not_boolean')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('not_boolean')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('select', 1, 'select', [
    fails([a('bad_continuation')], 'noTable', 'none', { 1: 'invalid continuation' }),
  ]),
  withCalls('select', 2, 'select', [
    succeeds([tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])], 'owner'),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    succeeds(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'owner',
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'notATable',
      'type',
      { 1: NOT_A_TABLE },
    ),
    fails([tab('set'), a('bad_match_spec')], 'owner', 'none', {
      2: 'not a valid match specification',
    }),
    fails([tab('set'), a('bad_match_spec')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('bad_match_spec')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'owner', 'none', {
      2: 'not a valid match specification',
    }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('select', 3, 'select', [
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), a('bad_limit')],
      'owner',
      'none',
      { 3: 'not an integer' },
    ),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), a('bad_limit')],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'not an integer' },
    ),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), a('bad_limit')],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE, 3: 'not an integer' },
    ),
    fails(
      [
        tab('ordered_set'),
        list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]),
        a('bad_limit'),
      ],
      'owner',
      'none',
      { 3: 'not an integer' },
    ),
    fails(
      [
        tab('ordered_set'),
        list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]),
        a('bad_limit'),
      ],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'not an integer' },
    ),
    fails(
      [
        tab('ordered_set'),
        list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]),
        a('bad_limit'),
      ],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE, 3: 'not an integer' },
    ),
    fails(
      [
        tab('ordered_set'),
        list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]),
        a('bad_limit'),
      ],
      'notATable',
      'type',
      { 1: NOT_A_TABLE, 3: 'not an integer' },
    ),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), 0],
      'owner',
      'none',
      { 3: 'out of range' },
    ),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), 0],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'out of range' },
    ),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), 0],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE, 3: 'out of range' },
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), 0],
      'owner',
      'none',
      { 3: 'out of range' },
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), 0],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'out of range' },
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), 0],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE, 3: 'out of range' },
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), 0],
      'notATable',
      'type',
      { 1: NOT_A_TABLE, 3: 'out of range' },
    ),
    fails([tab('set'), a('bad_match_spec'), a('bad_limit')], 'owner', 'none', {
      2: 'not a valid match specification',
      3: 'not an integer',
    }),
    fails([tab('set'), a('bad_match_spec'), a('bad_limit')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a valid match specification',
      3: 'not an integer',
    }),
    fails([tab('set'), a('bad_match_spec'), a('bad_limit')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'not a valid match specification',
      3: 'not an integer',
    }),
    fails([tab('ordered_set'), a('bad_match_spec'), a('bad_limit')], 'owner', 'none', {
      2: 'not a valid match specification',
      3: 'not an integer',
    }),
    fails([tab('ordered_set'), a('bad_match_spec'), a('bad_limit')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a valid match specification',
      3: 'not an integer',
    }),
    fails([tab('ordered_set'), a('bad_match_spec'), a('bad_limit')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'not a valid match specification',
      3: 'not an integer',
    }),
    fails([tab('ordered_set'), a('bad_match_spec'), a('bad_limit')], 'notATable', 'type', {
      1: NOT_A_TABLE,
      2: 'not a valid match specification',
      3: 'not an integer',
    }),
    fails([tab('set'), a('bad_match_spec'), 1], 'owner', 'none', {
      2: 'not a valid match specification',
    }),
    fails([tab('set'), a('bad_match_spec'), 1], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a valid match specification',
    }),
    fails([tab('set'), a('bad_match_spec'), 1], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'not a valid match specification',
    }),
    fails([tab('ordered_set'), a('bad_match_spec'), 1], 'owner', 'none', {
      2: 'not a valid match specification',
    }),
    fails([tab('ordered_set'), a('bad_match_spec'), 1], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a valid match specification',
    }),
    fails([tab('ordered_set'), a('bad_match_spec'), 1], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'not a valid match specification',
    }),
    fails([tab('ordered_set'), a('bad_match_spec'), 1], 'notATable', 'type', {
      1: NOT_A_TABLE,
      2: 'not a valid match specification',
    }),
  ]),
  withCalls('select_count', 2, 'selectCount', [
    succeeds([tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])], 'owner'),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    succeeds(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'owner',
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'notATable',
      'type',
      { 1: NOT_A_TABLE },
    ),
    fails([tab('set'), a('bad_match_spec')], 'owner', 'none', {
      2: 'not a valid match specification',
    }),
    fails([tab('set'), a('bad_match_spec')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('bad_match_spec')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'owner', 'none', {
      2: 'not a valid match specification',
    }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('select_delete', 2, 'selectDelete', [
    succeeds([tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])], 'owner'),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    succeeds(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'owner',
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'notATable',
      'type',
      { 1: NOT_A_TABLE },
    ),
    fails([tab('set'), a('bad_match_spec')], 'owner', 'none', {
      2: 'not a valid match specification',
    }),
    fails([tab('set'), a('bad_match_spec')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('bad_match_spec')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'owner', 'none', {
      2: 'not a valid match specification',
    }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('select_replace', 2, 'selectReplace', [
    succeeds(
      [
        tab('set'),
        list([[a('$1'), a('$2'), a('$3')], list(), list([[a('$1'), a('$3'), a('$2')]])]),
      ],
      'owner',
    ),
    fails(
      [
        tab('set'),
        list([[a('$1'), a('$2'), a('$3')], list(), list([[a('$1'), a('$3'), a('$2')]])]),
      ],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [
        tab('set'),
        list([[a('$1'), a('$2'), a('$3')], list(), list([[a('$1'), a('$3'), a('$2')]])]),
      ],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    succeeds(
      [
        tab('ordered_set'),
        list([[a('$1'), a('$2'), a('$3')], list(), list([[a('$1'), a('$3'), a('$2')]])]),
      ],
      'owner',
    ),
    fails(
      [
        tab('ordered_set'),
        list([[a('$1'), a('$2'), a('$3')], list(), list([[a('$1'), a('$3'), a('$2')]])]),
      ],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [
        tab('ordered_set'),
        list([[a('$1'), a('$2'), a('$3')], list(), list([[a('$1'), a('$3'), a('$2')]])]),
      ],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    fails(
      [
        tab('ordered_set'),
        list([[a('$1'), a('$2'), a('$3')], list(), list([[a('$1'), a('$3'), a('$2')]])]),
      ],
      'notATable',
      'type',
      { 1: NOT_A_TABLE },
    ),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list([[a('key_destroyed')]])])],
      'owner',
      'none',
      { 2: 'not a valid match specification' },
    ),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list([[a('key_destroyed')]])])],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list([[a('key_destroyed')]])])],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    fails(
      [
        tab('ordered_set'),
        list([[a('$1'), a('$2'), a('$3')], list(), list([[a('key_destroyed')]])]),
      ],
      'owner',
      'none',
      { 2: 'not a valid match specification' },
    ),
    fails(
      [
        tab('ordered_set'),
        list([[a('$1'), a('$2'), a('$3')], list(), list([[a('key_destroyed')]])]),
      ],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [
        tab('ordered_set'),
        list([[a('$1'), a('$2'), a('$3')], list(), list([[a('key_destroyed')]])]),
      ],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    fails(
      [
        tab('ordered_set'),
        list([[a('$1'), a('$2'), a('$3')], list(), list([[a('key_destroyed')]])]),
      ],
      'notATable',
      'type',
      { 1: NOT_A_TABLE },
    ),
    fails([tab('set'), a('bad_match_spec')], 'owner', 'none', {
      2: 'not a valid match specification',
    }),
    fails([tab('set'), a('bad_match_spec')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('bad_match_spec')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'owner', 'none', {
      2: 'not a valid match specification',
    }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'notATable', 'type', { 1: NOT_A_TABLE }),
    fails(
      [
        tab('bag'),
        list([[a('$1'), a('$2'), a('$3')], list(), list([[a('$1'), a('$3'), a('$2')]])]),
      ],
      'owner',
      'table_type',
      { 1: WRONG_TABLE_TYPE },
    ),
    fails(
      [
        tab('bag'),
        list([[a('$1'), a('$2'), a('$3')], list(), list([[a('$1'), a('$3'), a('$2')]])]),
      ],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [
        tab('bag'),
        list([[a('$1'), a('$2'), a('$3')], list(), list([[a('$1'), a('$3'), a('$2')]])]),
      ],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    fails(
      [
        tab('bag'),
        list([[a('$1'), a('$2'), a('$3')], list(), list([[a('$1'), a('$3'), a('$2')]])]),
      ],
      'notATable',
      'type',
      { 1: NOT_A_TABLE },
    ),
  ]),
  withCalls('select_reverse', 1, 'selectReverse', [
    fails([a('bad_continuation')], 'noTable', 'none', { 1: 'invalid continuation' }),
  ]),
  withCalls('select_reverse', 2, 'selectReverse', [
    succeeds([tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])], 'owner'),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    succeeds(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'owner',
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))])],
      'notATable',
      'type',
      { 1: NOT_A_TABLE },
    ),
    fails([tab('set'), a('bad_match_spec')], 'owner', 'none', {
      2: 'not a valid match specification',
    }),
    fails([tab('set'), a('bad_match_spec')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('bad_match_spec')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'owner', 'none', {
      2: 'not a valid match specification',
    }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('bad_match_spec')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('select_reverse', 3, 'selectReverse', [
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), 0],
      'owner',
      'none',
      { 3: 'out of range' },
    ),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), 0],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'out of range' },
    ),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), 0],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE, 3: 'out of range' },
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), 0],
      'owner',
      'none',
      { 3: 'out of range' },
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), 0],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'out of range' },
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), 0],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE, 3: 'out of range' },
    ),
    fails(
      [tab('ordered_set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), 0],
      'notATable',
      'type',
      { 1: NOT_A_TABLE, 3: 'out of range' },
    ),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), a('bad_limit')],
      'owner',
      'none',
      { 3: 'not an integer' },
    ),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), a('bad_limit')],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'not an integer' },
    ),
    fails(
      [tab('set'), list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]), a('bad_limit')],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE, 3: 'not an integer' },
    ),
    fails(
      [
        tab('ordered_set'),
        list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]),
        a('bad_limit'),
      ],
      'owner',
      'none',
      { 3: 'not an integer' },
    ),
    fails(
      [
        tab('ordered_set'),
        list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]),
        a('bad_limit'),
      ],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'not an integer' },
    ),
    fails(
      [
        tab('ordered_set'),
        list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]),
        a('bad_limit'),
      ],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE, 3: 'not an integer' },
    ),
    fails(
      [
        tab('ordered_set'),
        list([[a('$1'), a('$2'), a('$3')], list(), list(a('$$'))]),
        a('bad_limit'),
      ],
      'notATable',
      'type',
      { 1: NOT_A_TABLE, 3: 'not an integer' },
    ),
    fails([tab('set'), a('bad_match_spec'), a('bad_limit')], 'owner', 'none', {
      2: 'not a valid match specification',
      3: 'not an integer',
    }),
    fails([tab('set'), a('bad_match_spec'), a('bad_limit')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a valid match specification',
      3: 'not an integer',
    }),
    fails([tab('set'), a('bad_match_spec'), a('bad_limit')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'not a valid match specification',
      3: 'not an integer',
    }),
    fails([tab('ordered_set'), a('bad_match_spec'), a('bad_limit')], 'owner', 'none', {
      2: 'not a valid match specification',
      3: 'not an integer',
    }),
    fails([tab('ordered_set'), a('bad_match_spec'), a('bad_limit')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      2: 'not a valid match specification',
      3: 'not an integer',
    }),
    fails([tab('ordered_set'), a('bad_match_spec'), a('bad_limit')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      2: 'not a valid match specification',
      3: 'not an integer',
    }),
    fails([tab('ordered_set'), a('bad_match_spec'), a('bad_limit')], 'notATable', 'type', {
      1: NOT_A_TABLE,
      2: 'not a valid match specification',
      3: 'not an integer',
    }),
  ]),
  withCalls('setopts', 2, 'setopts', [
    fails([tab('set'), a('bad_opts')], 'owner', 'none', { 2: 'invalid options' }),
    fails([tab('set'), a('bad_opts')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('bad_opts')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('bad_opts')], 'owner', 'none', { 2: 'invalid options' }),
    fails([tab('ordered_set'), a('bad_opts')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), a('bad_opts')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('bad_opts')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  withCalls('slot', 2, 'slot', [
    fails([tab('set'), -1], 'owner', 'none', { 2: 'out of range' }),
    fails([tab('set'), -1], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), -1], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), -1], 'owner', 'none', { 2: 'out of range' }),
    fails([tab('ordered_set'), -1], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), -1], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), -1], 'notATable', 'type', { 1: NOT_A_TABLE }),
    fails([tab('set'), a('not_an_integer')], 'owner', 'none', { 2: 'out of range' }),
    fails([tab('set'), a('not_an_integer')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('not_an_integer')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('not_an_integer')], 'owner', 'none', { 2: 'out of range' }),
    fails([tab('ordered_set'), a('not_an_integer')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), a('not_an_integer')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('not_an_integer')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  noCalls('tab2file', 2, 'tab2file', NOT_A_BIF_FILES),
  noCalls('tab2file', 3, 'tab2file', NOT_A_BIF_FILES),
  noCalls('tab2list', 1, 'tab2list', NOT_A_BIF),
  noCalls('tabfile_info', 1, 'tabfileInfo', NOT_A_BIF_FILES),
  noCalls('table', 1, 'table', NOT_A_BIF_QLC),
  noCalls('table', 2, 'table', NOT_A_BIF_QLC),
  withCalls('take', 2, 'take', [
    succeeds([tab('set'), a('no_key')], 'owner'),
    fails([tab('set'), a('no_key')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('no_key')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    succeeds([tab('ordered_set'), a('no_key')], 'owner'),
    fails([tab('ordered_set'), a('no_key')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), a('no_key')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('no_key')], 'notATable', 'type', { 1: NOT_A_TABLE }),
  ]),
  noCalls('test_ms', 2, 'testMs', NOT_A_BIF),
  noCalls('to_dets', 2, 'toDets', NOT_A_BIF_DETS),
  withCalls('update_counter', 3, 'updateCounter', [
    fails([tab('set'), a('no_key'), 1], 'owner', 'badkey', {
      2: 'not a key that exists in the table',
    }),
    fails([tab('set'), a('no_key'), 1], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('no_key'), 1], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('no_key'), 1], 'owner', 'badkey', {
      2: 'not a key that exists in the table',
    }),
    fails([tab('ordered_set'), a('no_key'), 1], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), a('no_key'), 1], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('no_key'), 1], 'notATable', 'type', { 1: NOT_A_TABLE }),
    fails([tab('set'), a('no_key'), a('bad_increment')], 'owner', 'badkey', {
      2: 'not a key that exists in the table',
      3: 'not a valid update operation',
    }),
    fails([tab('set'), a('no_key'), a('bad_increment')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'not a valid update operation',
    }),
    fails([tab('set'), a('no_key'), a('bad_increment')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'not a valid update operation',
    }),
    fails([tab('ordered_set'), a('no_key'), a('bad_increment')], 'owner', 'badkey', {
      2: 'not a key that exists in the table',
      3: 'not a valid update operation',
    }),
    fails([tab('ordered_set'), a('no_key'), a('bad_increment')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'not a valid update operation',
    }),
    fails([tab('ordered_set'), a('no_key'), a('bad_increment')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'not a valid update operation',
    }),
    fails([tab('ordered_set'), a('no_key'), a('bad_increment')], 'notATable', 'type', {
      1: NOT_A_TABLE,
      3: 'not a valid update operation',
    }),
    fails([tab('set'), a('no_key'), [1, 42]], 'owner', 'badkey', {
      2: 'not a key that exists in the table',
    }),
    fails([tab('set'), a('no_key'), [1, 42]], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('no_key'), [1, 42]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('no_key'), [1, 42]], 'owner', 'badkey', {
      2: 'not a key that exists in the table',
    }),
    fails([tab('ordered_set'), a('no_key'), [1, 42]], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('ordered_set'), a('no_key'), [1, 42]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('no_key'), [1, 42]], 'notATable', 'type', { 1: NOT_A_TABLE }),
    fails([tab('set'), a('no_key'), [1, a('bad_increment')]], 'owner', 'badkey', {
      2: 'not a key that exists in the table',
      3: 'not a valid update operation',
    }),
    fails([tab('set'), a('no_key'), [1, a('bad_increment')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'not a valid update operation',
    }),
    fails([tab('set'), a('no_key'), [1, a('bad_increment')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'not a valid update operation',
    }),
    fails([tab('ordered_set'), a('no_key'), [1, a('bad_increment')]], 'owner', 'badkey', {
      2: 'not a key that exists in the table',
      3: 'not a valid update operation',
    }),
    fails([tab('ordered_set'), a('no_key'), [1, a('bad_increment')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'not a valid update operation',
    }),
    fails([tab('ordered_set'), a('no_key'), [1, a('bad_increment')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'not a valid update operation',
    }),
    fails([tab('ordered_set'), a('no_key'), [1, a('bad_increment')]], 'notATable', 'type', {
      1: NOT_A_TABLE,
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('set'), a('one'), [2, 1]], 'owner', 'none', {
      3: 'the value in the given position, in the object, is not an integer',
    }),
    fails([oneKeyTab('set'), a('one'), [2, 1]], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([oneKeyTab('set'), a('one'), [2, 1]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([oneKeyTab('ordered_set'), a('one'), [2, 1]], 'owner', 'none', {
      3: 'the value in the given position, in the object, is not an integer',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [2, 1]], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([oneKeyTab('ordered_set'), a('one'), [2, 1]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([oneKeyTab('ordered_set'), a('one'), [2, 1]], 'notATable', 'type', { 1: NOT_A_TABLE }),
    fails([oneKeyTab('set'), a('one'), [2, a('bad_increment')]], 'owner', 'none', {
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('set'), a('one'), [2, a('bad_increment')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('set'), a('one'), [2, a('bad_increment')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [2, a('bad_increment')]], 'owner', 'none', {
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [2, a('bad_increment')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [2, a('bad_increment')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [2, a('bad_increment')]], 'notATable', 'type', {
      1: NOT_A_TABLE,
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('set'), a('one'), [3, a('bad_increment')]], 'owner', 'none', {
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('set'), a('one'), [3, a('bad_increment')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('set'), a('one'), [3, a('bad_increment')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [3, a('bad_increment')]], 'owner', 'none', {
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [3, a('bad_increment')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [3, a('bad_increment')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [3, a('bad_increment')]], 'notATable', 'type', {
      1: NOT_A_TABLE,
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('set'), a('one'), [4, 1]], 'owner', 'position', {
      3: 'the position in the update operation is out of range',
    }),
    fails([oneKeyTab('set'), a('one'), [4, 1]], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([oneKeyTab('set'), a('one'), [4, 1]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([oneKeyTab('ordered_set'), a('one'), [4, 1]], 'owner', 'position', {
      3: 'the position in the update operation is out of range',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [4, 1]], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([oneKeyTab('ordered_set'), a('one'), [4, 1]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([oneKeyTab('ordered_set'), a('one'), [4, 1]], 'notATable', 'type', { 1: NOT_A_TABLE }),
    fails([oneKeyTab('set'), a('one'), [4, a('bad_increment')]], 'owner', 'none', {
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('set'), a('one'), [4, a('bad_increment')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('set'), a('one'), [4, a('bad_increment')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [4, a('bad_increment')]], 'owner', 'none', {
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [4, a('bad_increment')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [4, a('bad_increment')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'not a valid update operation',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [4, a('bad_increment')]], 'notATable', 'type', {
      1: NOT_A_TABLE,
      3: 'not a valid update operation',
    }),
    fails([tab('bag'), a('bag_key'), 1], 'owner', 'table_type', { 1: WRONG_TABLE_TYPE }),
    fails([tab('bag'), a('bag_key'), 1], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('bag'), a('bag_key'), 1], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('bag'), a('bag_key'), 1], 'notATable', 'type', { 1: NOT_A_TABLE }),
    fails([tab('bag'), a('bag_key'), a('bad_increment')], 'owner', 'table_type', {
      1: WRONG_TABLE_TYPE,
      3: 'not a valid update operation',
    }),
    fails([tab('bag'), a('bag_key'), a('bad_increment')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'not a valid update operation',
    }),
    fails([tab('bag'), a('bag_key'), a('bad_increment')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'not a valid update operation',
    }),
    fails([tab('bag'), a('bag_key'), a('bad_increment')], 'notATable', 'type', {
      1: NOT_A_TABLE,
      3: 'not a valid update operation',
    }),
  ]),
  withCalls('update_counter', 4, 'updateCounter', [
    succeeds([tab('set'), a('key'), 2, [a('key'), 0]], 'owner'),
    fails([tab('set'), a('key'), 2, [a('key'), 0]], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('key'), 2, [a('key'), 0]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    succeeds([tab('ordered_set'), a('key'), 2, [a('key'), 0]], 'owner'),
    fails([tab('ordered_set'), a('key'), 2, [a('key'), 0]], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('ordered_set'), a('key'), 2, [a('key'), 0]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('key'), 2, [a('key'), 0]], 'notATable', 'type', {
      1: NOT_A_TABLE,
    }),
    fails([tab('set'), a('key'), [1, 42], [a('key'), 0]], 'owner', 'keypos', {
      3: 'the position is the same as the key position',
    }),
    fails([tab('set'), a('key'), [1, 42], [a('key'), 0]], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('set'), a('key'), [1, 42], [a('key'), 0]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('key'), [1, 42], [a('key'), 0]], 'owner', 'keypos', {
      3: 'the position is the same as the key position',
    }),
    fails([tab('ordered_set'), a('key'), [1, 42], [a('key'), 0]], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('ordered_set'), a('key'), [1, 42], [a('key'), 0]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([tab('ordered_set'), a('key'), [1, 42], [a('key'), 0]], 'notATable', 'type', {
      1: NOT_A_TABLE,
    }),
    fails([tab('set'), a('key'), 2, [a('key'), a('not_integer')]], 'owner', 'none', {
      3: 'the value in the given position, in the object, is not an integer',
    }),
    fails([tab('set'), a('key'), 2, [a('key'), a('not_integer')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('set'), a('key'), 2, [a('key'), a('not_integer')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([tab('ordered_set'), a('key'), 2, [a('key'), a('not_integer')]], 'owner', 'none', {
      3: 'the value in the given position, in the object, is not an integer',
    }),
    fails(
      [tab('ordered_set'), a('key'), 2, [a('key'), a('not_integer')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails([tab('ordered_set'), a('key'), 2, [a('key'), a('not_integer')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([tab('ordered_set'), a('key'), 2, [a('key'), a('not_integer')]], 'notATable', 'type', {
      1: NOT_A_TABLE,
    }),
    fails([tab('set'), a('key'), 3, [a('key'), a('whatever')]], 'owner', 'none', {
      3: 'the value in the given position, in the object, is not an integer',
    }),
    fails([tab('set'), a('key'), 3, [a('key'), a('whatever')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('set'), a('key'), 3, [a('key'), a('whatever')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([tab('ordered_set'), a('key'), 3, [a('key'), a('whatever')]], 'owner', 'none', {
      3: 'the value in the given position, in the object, is not an integer',
    }),
    fails([tab('ordered_set'), a('key'), 3, [a('key'), a('whatever')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('ordered_set'), a('key'), 3, [a('key'), a('whatever')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([tab('ordered_set'), a('key'), 3, [a('key'), a('whatever')]], 'notATable', 'type', {
      1: NOT_A_TABLE,
    }),
    fails([tab('set'), a('no_key'), 1, a('default')], 'owner', 'none', { 4: 'not a tuple' }),
    fails([tab('set'), a('no_key'), 1, a('default')], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('no_key'), 1, a('default')], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('no_key'), 1, a('default')], 'owner', 'none', {
      4: 'not a tuple',
    }),
    fails([tab('ordered_set'), a('no_key'), 1, a('default')], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('ordered_set'), a('no_key'), 1, a('default')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([tab('ordered_set'), a('no_key'), 1, a('default')], 'notATable', 'type', {
      1: NOT_A_TABLE,
    }),
    fails([tab('set'), a('no_key'), a('bad_increment'), [a('tag'), 0]], 'owner', 'none', {
      3: 'not a valid update operation',
    }),
    fails([tab('set'), a('no_key'), a('bad_increment'), [a('tag'), 0]], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('set'), a('no_key'), a('bad_increment'), [a('tag'), 0]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([tab('ordered_set'), a('no_key'), a('bad_increment'), [a('tag'), 0]], 'owner', 'none', {
      3: 'not a valid update operation',
    }),
    fails(
      [tab('ordered_set'), a('no_key'), a('bad_increment'), [a('tag'), 0]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails([tab('ordered_set'), a('no_key'), a('bad_increment'), [a('tag'), 0]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails(
      [tab('ordered_set'), a('no_key'), a('bad_increment'), [a('tag'), 0]],
      'notATable',
      'type',
      { 1: NOT_A_TABLE },
    ),
    fails([tab('set'), a('no_key'), [1, a('bad_increment')], [a('tag'), 0]], 'owner', 'none', {
      3: 'not a valid update operation',
    }),
    fails(
      [tab('set'), a('no_key'), [1, a('bad_increment')], [a('tag'), 0]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails([tab('set'), a('no_key'), [1, a('bad_increment')], [a('tag'), 0]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails(
      [tab('ordered_set'), a('no_key'), [1, a('bad_increment')], [a('tag'), 0]],
      'owner',
      'none',
      { 3: 'not a valid update operation' },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [1, a('bad_increment')], [a('tag'), 0]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [1, a('bad_increment')], [a('tag'), 0]],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [1, a('bad_increment')], [a('tag'), 0]],
      'notATable',
      'type',
      { 1: NOT_A_TABLE },
    ),
    fails([tab('set'), a('no_key'), [1, 42], [a('tag'), 0]], 'owner', 'keypos', {
      3: 'the position is the same as the key position',
    }),
    fails([tab('set'), a('no_key'), [1, 42], [a('tag'), 0]], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('set'), a('no_key'), [1, 42], [a('tag'), 0]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('no_key'), [1, 42], [a('tag'), 0]], 'owner', 'keypos', {
      3: 'the position is the same as the key position',
    }),
    fails([tab('ordered_set'), a('no_key'), [1, 42], [a('tag'), 0]], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('ordered_set'), a('no_key'), [1, 42], [a('tag'), 0]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([tab('ordered_set'), a('no_key'), [1, 42], [a('tag'), 0]], 'notATable', 'type', {
      1: NOT_A_TABLE,
    }),
    fails([tab('set'), a('no_key'), [2, 42], [a('tag'), a('not_integer')]], 'owner', 'none', {
      3: 'the value in the given position, in the object, is not an integer',
    }),
    fails(
      [tab('set'), a('no_key'), [2, 42], [a('tag'), a('not_integer')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails([tab('set'), a('no_key'), [2, 42], [a('tag'), a('not_integer')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails(
      [tab('ordered_set'), a('no_key'), [2, 42], [a('tag'), a('not_integer')]],
      'owner',
      'none',
      { 3: 'the value in the given position, in the object, is not an integer' },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [2, 42], [a('tag'), a('not_integer')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [2, 42], [a('tag'), a('not_integer')]],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [2, 42], [a('tag'), a('not_integer')]],
      'notATable',
      'type',
      { 1: NOT_A_TABLE },
    ),
    fails([tab('set'), a('no_key'), [3, 42], [a('tag'), a('not_integer')]], 'owner', 'position', {
      3: 'the position in the update operation is out of range',
    }),
    fails(
      [tab('set'), a('no_key'), [3, 42], [a('tag'), a('not_integer')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails([tab('set'), a('no_key'), [3, 42], [a('tag'), a('not_integer')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails(
      [tab('ordered_set'), a('no_key'), [3, 42], [a('tag'), a('not_integer')]],
      'owner',
      'position',
      { 3: 'the position in the update operation is out of range' },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [3, 42], [a('tag'), a('not_integer')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [3, 42], [a('tag'), a('not_integer')]],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [3, 42], [a('tag'), a('not_integer')]],
      'notATable',
      'type',
      { 1: NOT_A_TABLE },
    ),
    fails([oneKeyTab('set'), a('one'), [2, 1], [a('tag'), a('val')]], 'owner', 'none', {
      3: 'the value in the given position, in the object, is not an integer',
    }),
    fails([oneKeyTab('set'), a('one'), [2, 1], [a('tag'), a('val')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([oneKeyTab('set'), a('one'), [2, 1], [a('tag'), a('val')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [2, 1], [a('tag'), a('val')]], 'owner', 'none', {
      3: 'the value in the given position, in the object, is not an integer',
    }),
    fails(
      [oneKeyTab('ordered_set'), a('one'), [2, 1], [a('tag'), a('val')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails([oneKeyTab('ordered_set'), a('one'), [2, 1], [a('tag'), a('val')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [2, 1], [a('tag'), a('val')]], 'notATable', 'type', {
      1: NOT_A_TABLE,
    }),
    fails(
      [oneKeyTab('set'), a('one'), [2, a('bad_increment')], [a('tag'), a('val')]],
      'owner',
      'none',
      { 3: 'not a valid update operation' },
    ),
    fails(
      [oneKeyTab('set'), a('one'), [2, a('bad_increment')], [a('tag'), a('val')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [oneKeyTab('set'), a('one'), [2, a('bad_increment')], [a('tag'), a('val')]],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('one'), [2, a('bad_increment')], [a('tag'), a('val')]],
      'owner',
      'none',
      { 3: 'not a valid update operation' },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('one'), [2, a('bad_increment')], [a('tag'), a('val')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('one'), [2, a('bad_increment')], [a('tag'), a('val')]],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('one'), [2, a('bad_increment')], [a('tag'), a('val')]],
      'notATable',
      'type',
      { 1: NOT_A_TABLE },
    ),
    fails(
      [oneKeyTab('set'), a('one'), [3, a('bad_increment')], [a('tag'), a('val')]],
      'owner',
      'none',
      { 3: 'not a valid update operation' },
    ),
    fails(
      [oneKeyTab('set'), a('one'), [3, a('bad_increment')], [a('tag'), a('val')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [oneKeyTab('set'), a('one'), [3, a('bad_increment')], [a('tag'), a('val')]],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('one'), [3, a('bad_increment')], [a('tag'), a('val')]],
      'owner',
      'none',
      { 3: 'not a valid update operation' },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('one'), [3, a('bad_increment')], [a('tag'), a('val')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('one'), [3, a('bad_increment')], [a('tag'), a('val')]],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('one'), [3, a('bad_increment')], [a('tag'), a('val')]],
      'notATable',
      'type',
      { 1: NOT_A_TABLE },
    ),
    fails([oneKeyTab('set'), a('one'), [4, 1], [a('tag'), a('val')]], 'owner', 'position', {
      3: 'the position in the update operation is out of range',
    }),
    fails([oneKeyTab('set'), a('one'), [4, 1], [a('tag'), a('val')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([oneKeyTab('set'), a('one'), [4, 1], [a('tag'), a('val')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [4, 1], [a('tag'), a('val')]], 'owner', 'position', {
      3: 'the position in the update operation is out of range',
    }),
    fails(
      [oneKeyTab('ordered_set'), a('one'), [4, 1], [a('tag'), a('val')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails([oneKeyTab('ordered_set'), a('one'), [4, 1], [a('tag'), a('val')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [4, 1], [a('tag'), a('val')]], 'notATable', 'type', {
      1: NOT_A_TABLE,
    }),
    fails(
      [oneKeyTab('set'), a('one'), [4, a('bad_increment')], [a('tag'), a('val')]],
      'owner',
      'none',
      { 3: 'not a valid update operation' },
    ),
    fails(
      [oneKeyTab('set'), a('one'), [4, a('bad_increment')], [a('tag'), a('val')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [oneKeyTab('set'), a('one'), [4, a('bad_increment')], [a('tag'), a('val')]],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('one'), [4, a('bad_increment')], [a('tag'), a('val')]],
      'owner',
      'none',
      { 3: 'not a valid update operation' },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('one'), [4, a('bad_increment')], [a('tag'), a('val')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('one'), [4, a('bad_increment')], [a('tag'), a('val')]],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('one'), [4, a('bad_increment')], [a('tag'), a('val')]],
      'notATable',
      'type',
      { 1: NOT_A_TABLE },
    ),
  ]),
  withCalls('update_element', 3, 'updateElement', [
    succeeds([tab('set'), a('no_key'), [2, a('new')]], 'owner'),
    fails([tab('set'), a('no_key'), [2, a('new')]], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('set'), a('no_key'), [2, a('new')]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    succeeds([tab('ordered_set'), a('no_key'), [2, a('new')]], 'owner'),
    fails([tab('ordered_set'), a('no_key'), [2, a('new')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([tab('ordered_set'), a('no_key'), [2, a('new')]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('ordered_set'), a('no_key'), [2, a('new')]], 'notATable', 'type', {
      1: NOT_A_TABLE,
    }),
    fails([tab('bag'), a('no_key'), [2, a('bagged')]], 'owner', 'none', { 3: 'out of range' }),
    fails([tab('bag'), a('no_key'), [2, a('bagged')]], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([tab('bag'), a('no_key'), [2, a('bagged')]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([tab('bag'), a('no_key'), [2, a('bagged')]], 'notATable', 'type', { 1: NOT_A_TABLE }),
    fails([oneKeyTab('set'), a('one'), a('not_tuple')], 'owner', 'none', {
      3: 'is not a valid element specification',
    }),
    fails([oneKeyTab('set'), a('one'), a('not_tuple')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'is not a valid element specification',
    }),
    fails([oneKeyTab('set'), a('one'), a('not_tuple')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'is not a valid element specification',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), a('not_tuple')], 'owner', 'none', {
      3: 'is not a valid element specification',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), a('not_tuple')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'is not a valid element specification',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), a('not_tuple')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'is not a valid element specification',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), a('not_tuple')], 'notATable', 'type', {
      1: NOT_A_TABLE,
      3: 'is not a valid element specification',
    }),
    fails(
      [oneKeyTab('set'), a('one'), [0, a('new')]],
      'owner',
      'position',
      { 3: 'the position in the update operation is out of range' },
      'update-element-position-cause',
    ),
    fails([oneKeyTab('set'), a('one'), [0, a('new')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'is not a valid element specification',
    }),
    fails([oneKeyTab('set'), a('one'), [0, a('new')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'is not a valid element specification',
    }),
    fails(
      [oneKeyTab('ordered_set'), a('one'), [0, a('new')]],
      'owner',
      'position',
      { 3: 'the position in the update operation is out of range' },
      'update-element-position-cause',
    ),
    fails([oneKeyTab('ordered_set'), a('one'), [0, a('new')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
      3: 'is not a valid element specification',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [0, a('new')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'is not a valid element specification',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [0, a('new')]], 'notATable', 'type', {
      1: NOT_A_TABLE,
      3: 'is not a valid element specification',
    }),
    fails([oneKeyTab('set'), a('one'), [1, a('new')]], 'owner', 'keypos', {
      3: 'the position is the same as the key position',
    }),
    fails([oneKeyTab('set'), a('one'), [1, a('new')]], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([oneKeyTab('set'), a('one'), [1, a('new')]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails([oneKeyTab('ordered_set'), a('one'), [1, a('new')]], 'owner', 'keypos', {
      3: 'the position is the same as the key position',
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [1, a('new')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [1, a('new')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [1, a('new')]], 'notATable', 'type', {
      1: NOT_A_TABLE,
    }),
    fails(
      [oneKeyTab('set'), a('one'), [4, a('new')]],
      'owner',
      'position',
      { 3: 'the position in the update operation is out of range' },
      'update-element-position-cause',
    ),
    fails([oneKeyTab('set'), a('one'), [4, a('new')]], 'otherProcess', 'access', { 1: NO_ACCESS }),
    fails([oneKeyTab('set'), a('one'), [4, a('new')]], 'deleted', 'id', { 1: NO_SUCH_TABLE }),
    fails(
      [oneKeyTab('ordered_set'), a('one'), [4, a('new')]],
      'owner',
      'position',
      { 3: 'the position in the update operation is out of range' },
      'update-element-position-cause',
    ),
    fails([oneKeyTab('ordered_set'), a('one'), [4, a('new')]], 'otherProcess', 'access', {
      1: NO_ACCESS,
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [4, a('new')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
    }),
    fails([oneKeyTab('ordered_set'), a('one'), [4, a('new')]], 'notATable', 'type', {
      1: NOT_A_TABLE,
    }),
  ]),
  withCalls('update_element', 4, 'updateElement', 'update-element-default', [
    succeeds([tab('set'), a('no_key'), [2, a('new')], [a('no_key'), a('old')]], 'owner'),
    fails(
      [tab('set'), a('no_key'), [2, a('new')], [a('no_key'), a('old')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'out of range' },
    ),
    fails([tab('set'), a('no_key'), [2, a('new')], [a('no_key'), a('old')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'out of range',
    }),
    succeeds([tab('ordered_set'), a('no_key'), [2, a('new')], [a('no_key'), a('old')]], 'owner'),
    fails(
      [tab('ordered_set'), a('no_key'), [2, a('new')], [a('no_key'), a('old')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'out of range' },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [2, a('new')], [a('no_key'), a('old')]],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE, 3: 'out of range' },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [2, a('new')], [a('no_key'), a('old')]],
      'notATable',
      'type',
      { 1: NOT_A_TABLE, 3: 'out of range' },
    ),
    fails([tab('set'), a('no_key'), [0, a('new')], [a('no_key'), a('old')]], 'owner', 'position', {
      3: 'the position in the update operation is out of range',
    }),
    fails(
      [tab('set'), a('no_key'), [0, a('new')], [a('no_key'), a('old')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'is not a valid element specification' },
    ),
    fails([tab('set'), a('no_key'), [0, a('new')], [a('no_key'), a('old')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'is not a valid element specification',
    }),
    fails(
      [tab('ordered_set'), a('no_key'), [0, a('new')], [a('no_key'), a('old')]],
      'owner',
      'position',
      { 3: 'the position in the update operation is out of range' },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [0, a('new')], [a('no_key'), a('old')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'is not a valid element specification' },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [0, a('new')], [a('no_key'), a('old')]],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE, 3: 'is not a valid element specification' },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [0, a('new')], [a('no_key'), a('old')]],
      'notATable',
      'type',
      { 1: NOT_A_TABLE, 3: 'is not a valid element specification' },
    ),
    fails([tab('set'), a('no_key'), [1, a('new')], [a('no_key'), a('old')]], 'owner', 'keypos', {
      3: 'the position is the same as the key position',
    }),
    fails(
      [tab('set'), a('no_key'), [1, a('new')], [a('no_key'), a('old')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'out of range' },
    ),
    fails([tab('set'), a('no_key'), [1, a('new')], [a('no_key'), a('old')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'out of range',
    }),
    fails(
      [tab('ordered_set'), a('no_key'), [1, a('new')], [a('no_key'), a('old')]],
      'owner',
      'keypos',
      { 3: 'the position is the same as the key position' },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [1, a('new')], [a('no_key'), a('old')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'out of range' },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [1, a('new')], [a('no_key'), a('old')]],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE, 3: 'out of range' },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [1, a('new')], [a('no_key'), a('old')]],
      'notATable',
      'type',
      { 1: NOT_A_TABLE, 3: 'out of range' },
    ),
    fails([tab('set'), a('no_key'), [4, a('new')], [a('no_key'), a('old')]], 'owner', 'position', {
      3: 'the position in the update operation is out of range',
    }),
    fails(
      [tab('set'), a('no_key'), [4, a('new')], [a('no_key'), a('old')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'out of range' },
    ),
    fails([tab('set'), a('no_key'), [4, a('new')], [a('no_key'), a('old')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'out of range',
    }),
    fails(
      [tab('ordered_set'), a('no_key'), [4, a('new')], [a('no_key'), a('old')]],
      'owner',
      'position',
      { 3: 'the position in the update operation is out of range' },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [4, a('new')], [a('no_key'), a('old')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'out of range' },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [4, a('new')], [a('no_key'), a('old')]],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE, 3: 'out of range' },
    ),
    fails(
      [tab('ordered_set'), a('no_key'), [4, a('new')], [a('no_key'), a('old')]],
      'notATable',
      'type',
      { 1: NOT_A_TABLE, 3: 'out of range' },
    ),
    fails([tab('set'), a('no_key'), [4, a('new')], a('not_tuple')], 'owner', 'none', {
      4: 'not a tuple',
    }),
    fails([tab('set'), a('no_key'), [4, a('new')], a('not_tuple')], 'otherProcess', 'access', {
      1: NO_ACCESS,
      4: 'not a tuple',
    }),
    fails([tab('set'), a('no_key'), [4, a('new')], a('not_tuple')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      4: 'not a tuple',
    }),
    fails([tab('ordered_set'), a('no_key'), [4, a('new')], a('not_tuple')], 'owner', 'none', {
      4: 'not a tuple',
    }),
    fails(
      [tab('ordered_set'), a('no_key'), [4, a('new')], a('not_tuple')],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 4: 'not a tuple' },
    ),
    fails([tab('ordered_set'), a('no_key'), [4, a('new')], a('not_tuple')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      4: 'not a tuple',
    }),
    fails([tab('ordered_set'), a('no_key'), [4, a('new')], a('not_tuple')], 'notATable', 'type', {
      1: NOT_A_TABLE,
      4: 'not a tuple',
    }),
    fails([tab('bag'), a('no_key'), [1, a('bagged')], [a('no_key'), a('old')]], 'owner', 'none', {
      3: 'out of range',
    }),
    fails(
      [tab('bag'), a('no_key'), [1, a('bagged')], [a('no_key'), a('old')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'out of range' },
    ),
    fails([tab('bag'), a('no_key'), [1, a('bagged')], [a('no_key'), a('old')]], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      3: 'out of range',
    }),
    fails(
      [tab('bag'), a('no_key'), [1, a('bagged')], [a('no_key'), a('old')]],
      'notATable',
      'type',
      { 1: NOT_A_TABLE, 3: 'out of range' },
    ),
    fails(
      [oneKeyTab('set'), a('no_key'), [0, a('new')], [a('no_key'), a('old')]],
      'owner',
      'position',
      { 3: 'the position in the update operation is out of range' },
    ),
    fails(
      [oneKeyTab('set'), a('no_key'), [0, a('new')], [a('no_key'), a('old')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'is not a valid element specification' },
    ),
    fails(
      [oneKeyTab('set'), a('no_key'), [0, a('new')], [a('no_key'), a('old')]],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE, 3: 'is not a valid element specification' },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('no_key'), [0, a('new')], [a('no_key'), a('old')]],
      'owner',
      'position',
      { 3: 'the position in the update operation is out of range' },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('no_key'), [0, a('new')], [a('no_key'), a('old')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'is not a valid element specification' },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('no_key'), [0, a('new')], [a('no_key'), a('old')]],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE, 3: 'is not a valid element specification' },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('no_key'), [0, a('new')], [a('no_key'), a('old')]],
      'notATable',
      'type',
      { 1: NOT_A_TABLE, 3: 'is not a valid element specification' },
    ),
    fails(
      [oneKeyTab('set'), a('no_key'), [1, a('new')], [a('no_key'), a('old')]],
      'owner',
      'keypos',
      { 3: 'the position is the same as the key position' },
    ),
    fails(
      [oneKeyTab('set'), a('no_key'), [1, a('new')], [a('no_key'), a('old')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'out of range' },
    ),
    fails(
      [oneKeyTab('set'), a('no_key'), [1, a('new')], [a('no_key'), a('old')]],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE, 3: 'out of range' },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('no_key'), [1, a('new')], [a('no_key'), a('old')]],
      'owner',
      'keypos',
      { 3: 'the position is the same as the key position' },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('no_key'), [1, a('new')], [a('no_key'), a('old')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'out of range' },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('no_key'), [1, a('new')], [a('no_key'), a('old')]],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE, 3: 'out of range' },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('no_key'), [1, a('new')], [a('no_key'), a('old')]],
      'notATable',
      'type',
      { 1: NOT_A_TABLE, 3: 'out of range' },
    ),
    fails(
      [oneKeyTab('set'), a('no_key'), [4, a('new')], [a('no_key'), a('old')]],
      'owner',
      'position',
      { 3: 'the position in the update operation is out of range' },
    ),
    fails(
      [oneKeyTab('set'), a('no_key'), [4, a('new')], [a('no_key'), a('old')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'out of range' },
    ),
    fails(
      [oneKeyTab('set'), a('no_key'), [4, a('new')], [a('no_key'), a('old')]],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE, 3: 'out of range' },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('no_key'), [4, a('new')], [a('no_key'), a('old')]],
      'owner',
      'position',
      { 3: 'the position in the update operation is out of range' },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('no_key'), [4, a('new')], [a('no_key'), a('old')]],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 3: 'out of range' },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('no_key'), [4, a('new')], [a('no_key'), a('old')]],
      'deleted',
      'id',
      { 1: NO_SUCH_TABLE, 3: 'out of range' },
    ),
    fails(
      [oneKeyTab('ordered_set'), a('no_key'), [4, a('new')], [a('no_key'), a('old')]],
      'notATable',
      'type',
      { 1: NOT_A_TABLE, 3: 'out of range' },
    ),
    fails([oneKeyTab('set'), a('no_key'), [4, a('new')], a('not_tuple')], 'owner', 'none', {
      4: 'not a tuple',
    }),
    fails(
      [oneKeyTab('set'), a('no_key'), [4, a('new')], a('not_tuple')],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 4: 'not a tuple' },
    ),
    fails([oneKeyTab('set'), a('no_key'), [4, a('new')], a('not_tuple')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      4: 'not a tuple',
    }),
    fails([oneKeyTab('ordered_set'), a('no_key'), [4, a('new')], a('not_tuple')], 'owner', 'none', {
      4: 'not a tuple',
    }),
    fails(
      [oneKeyTab('ordered_set'), a('no_key'), [4, a('new')], a('not_tuple')],
      'otherProcess',
      'access',
      { 1: NO_ACCESS, 4: 'not a tuple' },
    ),
    fails([oneKeyTab('ordered_set'), a('no_key'), [4, a('new')], a('not_tuple')], 'deleted', 'id', {
      1: NO_SUCH_TABLE,
      4: 'not a tuple',
    }),
    fails(
      [oneKeyTab('ordered_set'), a('no_key'), [4, a('new')], a('not_tuple')],
      'notATable',
      'type',
      { 1: NOT_A_TABLE, 4: 'not a tuple' },
    ),
  ]),
  withCalls('whereis', 1, 'whereis', [
    fails([[a('bad'), a('name')]], 'noTable', 'none', {
      1: 'invalid table name (must be an atom)',
    }),
  ]),
];
