/**
 * Ported from `ets_SUITE.erl`: `error_info`, the errors of every `ets` BIF for bad arguments.
 * OTP's case calls each function with the bad arguments of its list, on a valid table, from
 * another process, on a deleted table and on a reference that names no table, and checks the
 * `cause` of the error's `error_info`; it also fails when an exported function has no entry.
 * Here the list is the data table of `../error-info.ts` (one row per exported function, the
 * table states expanded), and the case makes every call of every row and checks that each call
 * OTP fails raises OTP's reason and each call OTP completes returns. A test of the table
 * (`test/error-info.test.ts`) checks its causes and sentences against real `erl`, and that it
 * has a row for every function `ets` exports.
 *
 * The adapter contract carries the error reason only, so this case checks reasons; the causes
 * and sentences of `@tsunami/ets` are compared with the table by that test.
 */
import {
  type Atom,
  atom,
  exactEquals,
  isAtom,
  List,
  type Pid,
  Reference,
  type Term,
} from '@tsunami/core';
import type { TableId, TableOptions } from '@tsunami/ets';
import type { Capability, EtsApi } from '../adapter.js';
import { type CaseContext, defineCase, type PortedCase } from '../case.js';
import { CaseFailure, RECEIVE_TIMEOUT_MILLISECONDS, show } from '../check.js';
import {
  ERROR_INFO_TABLE,
  type ErrorInfoCall,
  type ErrorInfoRow,
  ONE_KEY_OBJECT,
  ProcessArgument,
  TableArgument,
} from '../error-info.js';

const a = atom;

/** What a call did: returned a value, or threw. */
export type CallResult =
  | { readonly kind: 'returns'; readonly value: unknown }
  | { readonly kind: 'raises'; readonly error: unknown };

/** The processes every call may name: one that lives through the case and one that has ended. */
export interface ErrorInfoFixtures {
  readonly living: Pid;
  readonly dead: Pid;
  /** Ends the living process. */
  readonly release: () => Promise<void>;
}

/** The capability a row's `since` needs (functions OTP added after 25). */
const CAPABILITY_OF: Readonly<Record<string, Capability>> = {
  'first-next-lookup': 'traversalLookup',
  'lookup-element-default': 'lookupElementDefault',
  'update-element-default': 'updateElementDefault',
};

/** Whether the implementation has the functions of `row`. */
export function supportsRow(
  context: Pick<CaseContext, 'capabilities'>,
  row: ErrorInfoRow,
): boolean {
  const capability = row.since === undefined ? undefined : CAPABILITY_OF[row.since];
  return capability === undefined || context.capabilities[capability];
}

/** Starts the living process (OTP's registered `living`) and makes a pid of an ended one. */
export async function makeFixtures(context: CaseContext): Promise<ErrorInfoFixtures> {
  const { processes } = context;
  const living = await processes.spawn(async () => {
    await processes.receive();
  });
  const dead = await processes.spawn(async () => {});
  await processes.exited(dead);
  return {
    living,
    dead,
    release: async () => {
      await processes.send(living, a('stop'));
      await processes.exited(living);
    },
  };
}

/** Local references keep 18 bits in their first word; erl rejects a larger one as no reference. */
const FIRST_REFERENCE_WORD_BITS = 18;

/** A reference no table has: OTP's `make_ref()` in place of a table. */
function referenceOfNoTable(): Reference {
  const word = (bits: number) => Math.floor(Math.random() * 2 ** bits);
  return new Reference([word(FIRST_REFERENCE_WORD_BITS), word(32), word(32)]);
}

const TYPE_OPTIONS = new Set(['set', 'ordered_set', 'bag', 'duplicate_bag']);
const ACCESS_OPTIONS = new Set(['public', 'protected', 'private']);

/**
 * An Erlang option list of `ets:new/2` as the typed options, when every item is a type, an
 * access or `named_table`; anything else is passed as the term it is, which an implementation
 * must reject as OTP does.
 */
function asTableOptions(options: Term): TableOptions {
  if (!(options instanceof List) || options.tail !== List.EMPTY) return options as TableOptions;
  const typed: { type?: string; access?: string; namedTable?: boolean } = {};
  for (const item of options.items) {
    const name = isAtom(item) && typeof item === 'symbol' ? Symbol.keyFor(item) : undefined;
    if (name !== undefined && TYPE_OPTIONS.has(name)) typed.type = name;
    else if (name !== undefined && ACCESS_OPTIONS.has(name)) typed.access = name;
    else if (name === 'named_table') typed.namedTable = true;
    else return options as TableOptions;
  }
  return typed as TableOptions;
}

/** Calls `ets:<row>(...args)` through the adapter. */
function invoke(ets: EtsApi, row: ErrorInfoRow, args: readonly Term[]): unknown {
  if (row.erlangName === 'new') return ets.new(args[0] as Atom, asTableOptions(args[1]!));
  const method = (ets as unknown as Record<string, (...values: readonly Term[]) => unknown>)[
    row.name
  ];
  if (method === undefined) throw new Error(`the adapter has no ${row.name}`);
  return method(...args);
}

async function attempt(call: () => unknown): Promise<CallResult> {
  try {
    return { kind: 'returns', value: await call() };
  } catch (error) {
    return { kind: 'raises', error };
  }
}

/** A table made for one call, and how to let it go after. */
interface MadeTable {
  readonly id: TableId;
  readonly release: () => Promise<void>;
}

async function makeTable(context: CaseContext, argument: TableArgument): Promise<MadeTable> {
  const { ets, processes } = context;
  if (argument.setup === 'unowned') {
    const parent = await processes.self();
    const owner = await processes.spawn(async () => {
      const table = await ets.new(a('table'), { type: argument.type, access: 'public' });
      await processes.send(parent, [a('unowned_table'), table]);
      await processes.receive();
    });
    const message = await processes.receive({
      match: (received) => Array.isArray(received) && received[0] === a('unowned_table'),
      timeout: RECEIVE_TIMEOUT_MILLISECONDS,
    });
    if (message === undefined) throw new CaseFailure('the table of another process never came');
    return {
      id: (message as [Atom, TableId])[1],
      release: async () => {
        await processes.send(owner, a('ok'));
        await processes.exited(owner);
      },
    };
  }
  const named = argument.setup === 'named';
  const id = await ets.new(a(named ? '$named_table' : 'table'), {
    type: argument.type,
    access: 'private',
    ...(named ? { namedTable: true } : {}),
  });
  if (argument.setup === 'oneKey') await ets.insert(id, ONE_KEY_OBJECT);
  return {
    id,
    release: async () => {
      // The call may have deleted the table already.
      await attempt(() => ets.delete(id));
    },
  };
}

/**
 * Makes one call of the table in its table state, as OTP's `eval_ets_bif_errors` does, and
 * returns what the call did. The tables made for it are deleted after.
 */
export async function runErrorInfoCall(
  context: CaseContext,
  fixtures: ErrorInfoFixtures,
  row: ErrorInfoRow,
  call: ErrorInfoCall,
): Promise<CallResult> {
  const { ets, processes } = context;
  const args: Term[] = [];
  const tables: MadeTable[] = [];
  let tableIndex = -1;
  try {
    for (const argument of call.args) {
      if (argument instanceof TableArgument) {
        const table = await makeTable(context, argument);
        tables.push(table);
        tableIndex = args.length;
        args.push(table.id);
      } else if (argument instanceof ProcessArgument) {
        args.push(
          argument.which === 'self'
            ? await processes.self()
            : argument.which === 'living'
              ? fixtures.living
              : fixtures.dead,
        );
      } else {
        args.push(argument);
      }
    }
    if (call.state === 'deleted' || call.state === 'notATable') {
      await ets.delete(args[tableIndex] as TableId);
      if (call.state === 'notATable') args[tableIndex] = referenceOfNoTable();
    }
    if (call.state !== 'otherProcess') return await attempt(() => invoke(ets, row, args));
    let result: CallResult | undefined;
    const caller = await processes.spawn(async () => {
      result = await attempt(() => invoke(ets, row, args));
    });
    await processes.exited(caller);
    if (result === undefined) throw new CaseFailure('the calling process ended without a result');
    return result;
  } finally {
    for (const table of tables) await table.release();
  }
}

/** `ets:name(Args)` in the table state, for failure messages. */
export function describeCall(row: ErrorInfoRow, call: ErrorInfoCall): string {
  const args = call.args.map((argument) =>
    argument instanceof TableArgument
      ? `<${argument.setup} ${argument.type} table>`
      : argument instanceof ProcessArgument
        ? `<${argument.which} process>`
        : show(argument),
  );
  return `ets:${row.erlangName}(${args.join(', ')}) [${call.state}]`;
}

const reasonOf = (error: unknown): unknown =>
  typeof error === 'object' && error !== null && 'reason' in error
    ? (error as { reason: unknown }).reason
    : undefined;

const errorInfo = defineCase(
  'error_info',
  ['processes'],
  async (context) => {
    // OTP's case makes this table first, for `new` to find the name taken.
    await context.ets.new(a('name_already_exists'), { namedTable: true });
    const fixtures = await makeFixtures(context);
    try {
      for (const row of ERROR_INFO_TABLE) {
        if (!supportsRow(context, row)) continue;
        for (const call of row.calls) {
          const result = await runErrorInfoCall(context, fixtures, row, call);
          const what = describeCall(row, call);
          if (call.expected.kind === 'returns') {
            if (result.kind === 'raises') {
              throw new CaseFailure(`${what}: expected to return, raised ${show(result.error)}`);
            }
          } else if (result.kind === 'returns') {
            throw new CaseFailure(
              `${what}: expected ${show(call.expected.reason)}, returned ${show(result.value)}`,
            );
          } else {
            const reason = reasonOf(result.error);
            if (reason === undefined || !exactEquals(reason as Term, call.expected.reason)) {
              throw new CaseFailure(
                `${what}: expected ${show(call.expected.reason)}, raised ${show(result.error)}`,
              );
            }
          }
        }
      }
    } finally {
      await fixtures.release();
    }
  },
  "the cause and sentences of each error: they ride on the BEAM stack frame's error_info, " +
    'which the adapter contract does not carry (test/error-info.test.ts compares them for ' +
    '@tsunami/ets and real erl with the table); the check that the top stack frame names the ' +
    'called function',
);

/** The case of this module. */
export const errorInfoCases: readonly PortedCase[] = [errorInfo];
