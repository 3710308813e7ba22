/**
 * The adapter for Tsunami's own `@tsunami/ets`: an `Ets` instance over a fresh
 * `NodeProcessRuntime` per case, with ordered_set tables on one ordered backend (`wavl`, `avl`
 * or `skiplist`), so the suite runs once per backend.
 */
import { type Atom, atom, list, type Term } from '@tsunami/core';
import {
  createEts,
  NodeProcessRuntime,
  type OrderedBackend,
  type TableOptions,
} from '@tsunami/ets';
import type { Capabilities, EtsApi, EtsFactory, ProcessApi, SetoptsOptions } from './adapter.js';
import { charList } from './case.js';

/** What `@tsunami/ets` supports today. */
export const TSUNAMI_CAPABILITIES: Capabilities = {
  processes: true,
  lookupElementDefault: true,
  updateElementDefault: true,
  traversalLookup: true,
  match: true,
  select: true,
  tab2file: true,
  defaultObjectsOtp29: true,
  manyCalls: true,
  initTable: true,
};

/** Options of {@link tsunamiFactory}. */
export interface TsunamiAdapterOptions {
  /** The ordered_set backend (default `'wavl'`). */
  readonly backend?: OrderedBackend;
}

/** A factory of fresh `@tsunami/ets` instances for the suite. */
export function tsunamiFactory(options: TsunamiAdapterOptions = {}): EtsFactory {
  const backend = options.backend ?? 'wavl';
  return () => {
    const runtime = new NodeProcessRuntime();
    const instance = createEts({ runtime });
    const withBackend = (tableOptions: TableOptions): TableOptions =>
      typeof tableOptions === 'object' &&
      tableOptions !== null &&
      !Array.isArray(tableOptions) &&
      tableOptions.type === 'ordered_set' &&
      tableOptions.backend === undefined
        ? { ...tableOptions, backend }
        : tableOptions;
    const ets: EtsApi = {
      ...(instance as unknown as EtsApi),
      new: (name: Atom, tableOptions: TableOptions = {}) =>
        instance.new(name, withBackend(tableOptions)),
      testMs: (object, spec) => {
        const result = instance.testMs(object, spec);
        return result.ok
          ? [atom('ok'), result.result]
          : [
              atom('error'),
              list(...result.errors.map((error) => [atom('error'), charList(error)])),
            ];
      },
      setopts: (tab, setoptsOptions) =>
        instance.setopts(
          tab,
          asEtsSetopts(setoptsOptions) as Parameters<typeof instance.setopts>[1],
        ),
    };
    const processes: ProcessApi = {
      self: () => runtime.self(),
      spawn: (body) => runtime.spawn(body),
      send: (pid, message) => runtime.send(pid, message),
      receive: (receiveOptions) => runtime.receive(receiveOptions),
      exit: (pid, reason?: Term) => runtime.exit(pid, reason),
      isAlive: (pid) => runtime.isAlive(pid),
      exited: (pid) => new Promise((resolve) => runtime.onExit(pid, resolve)),
    };
    return {
      ets,
      processes,
      capabilities: TSUNAMI_CAPABILITIES,
      close: () => {
        for (const table of instance.all()) {
          try {
            instance.delete(table);
          } catch {
            // A table another process owns and protects stays; the runtime is dropped anyway.
          }
        }
      },
    };
  };
}

/** OTP's `protection` option is `access` in @tsunami/ets, as in `new`; anything else passes as is. */
function asEtsSetopts(options: SetoptsOptions): unknown {
  if (typeof options !== 'object' || options === null || !('protection' in options)) return options;
  const { protection, ...rest } = options;
  return { ...rest, access: protection };
}
