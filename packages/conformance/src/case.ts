/**
 * What a ported case is, and the helpers of `ets_SUITE.erl` that many cases share
 * (`make_table`, `filltabint`, `fill_tab`, `integer_to_list`).
 */
import { type Atom, atom, type List, list, type Term, type Tuple } from '@tsunami/core';
import type { TableId, TableOptions } from '@tsunami/ets';
import type { Capabilities, Capability, EtsApi, ProcessApi } from './adapter.js';

/** What a case body gets: a fresh instance's API, processes and manifest. */
export interface CaseContext {
  readonly ets: EtsApi;
  readonly processes: ProcessApi;
  readonly capabilities: Capabilities;
  /** A fresh directory for the case's files (`?config(priv_dir)`), removed after the case. */
  readonly privateDirectory: string;
}

/** A case of `ets_SUITE` ported to TypeScript. */
export interface PortedCase {
  /** The case's name in `ets_SUITE.erl`. */
  readonly name: string;
  /** Capabilities the case needs; without them it is reported as not applicable. */
  readonly requires: readonly Capability[];
  /**
   * Checks of OTP's case left out because they observe BEAM internals, with why (shown in
   * CASES.md); `undefined` when the case is ported whole.
   */
  readonly omitted?: string;
  readonly run: (context: CaseContext) => Promise<void>;
}

/** Declares a ported case. */
export function defineCase(
  name: string,
  requires: readonly Capability[],
  run: (context: CaseContext) => Promise<void>,
  omitted?: string,
): PortedCase {
  return omitted === undefined ? { name, requires, run } : { name, requires, run, omitted };
}

/** `integer_to_list(N)`: an Erlang string, a list of character codes. */
export function integerToList(value: number | bigint): List {
  return charList(String(value));
}

/** An Erlang string (`"abc"`): a list of character codes. */
export function charList(text: string): List {
  return list(...[...text].map((character) => character.codePointAt(0)!));
}

/** `make_table(Name, Options, Elements)`: a new table with each element inserted in turn. */
export async function makeTable(
  ets: EtsApi,
  name: string,
  options: TableOptions,
  elements: readonly Tuple[],
): Promise<TableId> {
  const table = await ets.new(atom(name), options);
  for (const element of elements) await ets.insert(table, element);
  return table;
}

/** `filltabint(Tab, N)`: `{N, integer_to_list(N)}` for N from `count` down to 1. */
export async function filltabint(ets: EtsApi, table: TableId, count: number): Promise<void> {
  for (let value = count; value > 0; value -= 1) {
    await ets.insert(table, [value, integerToList(value)]);
  }
}

/** `filltabint2`: `{N + N rem 2, integer_to_list(N)}`. */
export async function filltabint2(ets: EtsApi, table: TableId, count: number): Promise<void> {
  for (let value = count; value > 0; value -= 1) {
    await ets.insert(table, [value + (value % 2), integerToList(value)]);
  }
}

/** `filltabint3`: `{N + N rem 2, integer_to_list(N + N rem 2)}`. */
export async function filltabint3(ets: EtsApi, table: TableId, count: number): Promise<void> {
  for (let value = count; value > 0; value -= 1) {
    const key = value + (value % 2);
    await ets.insert(table, [key, integerToList(key)]);
  }
}

/** `fill_tab(Tab, Val)`: four objects under assorted keys. */
export async function fillTab(ets: EtsApi, table: TableId, value: Term): Promise<void> {
  await ets.insert(table, [atom('key'), value]);
  await ets.insert(table, [[atom('a'), 144], value]);
  await ets.insert(table, [[atom('a'), atom('key2')], value]);
  await ets.insert(table, [14, value]);
}

/** `ets:info(Tab, Item)` for one item. */
export async function infoItem(ets: EtsApi, table: TableId | Atom, item: string): Promise<Term> {
  return (await ets.info(table, atom(item))) as Term;
}

/**
 * A case's count: `full` on a driver with `manyCalls`, else `reduced`. The reduced count keeps
 * the case's structure at a scale a driver paying one round trip per call runs in seconds, as
 * OTP's own suite divides its counts on slow machines.
 */
export function scaled(
  context: Pick<CaseContext, 'capabilities'>,
  full: number,
  reduced: number,
): number {
  return context.capabilities.manyCalls ? full : reduced;
}

/**
 * The objects of `fill_tab2(Tab, Val, Num)`: `{Item, Val}` for Num from `count` down to 1 and
 * Val counting up from `start`, where Item cycles by `Num rem 10` through a string, an atom, a
 * tuple, a big integer, a float, binaries, a list and a fun. Outside the BEAM OTP's sub-binary
 * is a binary of the same bytes, and the fun is the tuple `{fun, Val, Num}` (a JS function
 * cannot cross to `erl`).
 */
export function fillTab2Objects(count: number, start = 0): Tuple[] {
  const objects: Tuple[] = [];
  for (let value = start, num = count; num > 0; value += 1, num -= 1) {
    objects.push([fillTab2Item(value, num), value]);
  }
  return objects;
}

function fillTab2Item(value: number, num: number): Term {
  const bytes = [
    8,
    5,
    4,
    1,
    58,
    125,
    255,
    250,
    245,
    240,
    235,
    230,
    num % 255,
    255,
    125,
    130,
  ].concat([135, 140, 145, 150, 134, 12, 54, value % 255, 12, 3, 6, 9, 126]);
  switch (num % 10) {
    case 0:
      return charList('String');
    case 1:
      return atom('some_crazy_atom');
    case 2:
      return [
        atom('just'),
        atom('Some'),
        atom('Tuple'),
        1,
        list(atom('list'), atom('item')),
        value + num,
      ];
    case 3:
      return 2846287468 + num;
    case 4:
      return 187263.18236 - value;
    case 5:
    case 7:
      return Uint8Array.from(bytes);
    case 6:
      return Uint8Array.from([num % 256, ...Array.from({ length: 66 }, (_, index) => index + 1)]);
    case 8:
      return list(...bytes);
    default:
      return [atom('fun'), value, num];
  }
}
