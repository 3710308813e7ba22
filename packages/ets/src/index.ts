/**
 * @tsunami/ets: Erlang Term Storage for TypeScript.
 */
export {
  killedReason,
  NodeProcessRuntime,
  normalReason,
  ProcessExit,
  type ReceiveOptions,
} from './process/node-runtime.js';
export type { ProcessRuntime } from './process/runtime.js';
