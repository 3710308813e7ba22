/**
 * @tsunami/ets: Erlang Term Storage for TypeScript, OTP's `ets` module over Tsunami's ordered
 * maps (ordered_set) and hash store (set, bag, duplicate_bag), with OTP's processes, access
 * rights and errors.
 */
export { type ErrorInfo, EtsError, type EtsErrorCause } from './errors.js';
export {
  createEts,
  Ets,
  type EtsOptions,
  endOfInput,
  endOfTable,
  ets,
  type InfoItem,
  type InitFun,
  type InitResult,
  type TableId,
  type UpdateOperation,
} from './ets.js';
export type { Access, Heir, OrderedBackend, TableOptions } from './options.js';
export {
  killedReason,
  NodeProcessRuntime,
  normalReason,
  ProcessExit,
  type ReceiveOptions,
} from './process/node-runtime.js';
export type { ProcessRuntime } from './process/runtime.js';
export type {
  Continuation,
  HashContinuation,
  OrderedContinuation,
  SelectChunk,
} from './select.js';
export type { KeyRange, TableType } from './store.js';
export type {
  ExtendedInfo,
  FileResult,
  FileToTabOptions,
  TabToFileOptions,
} from './table-file.js';
export {
  TableQuery,
  type TableQueryOptions,
  type TableTraverse,
} from './table-query.js';
