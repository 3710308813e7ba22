/**
 * @tsunami/conformance: OTP's own `ets_SUITE` ported to TypeScript, runnable against any ETS
 * implementation through an adapter (Tsunami's backends, other implementations, real OTP).
 */
export {
  type Awaitable,
  type Capabilities,
  type Capability,
  type Chunk,
  type EtsApi,
  type EtsFactory,
  type EtsInstance,
  isBadarg,
  type ProcessApi,
  type ReceiveOptions,
  type SetoptsOptions,
} from './adapter.js';
export type { CaseContext, PortedCase } from './case.js';
export {
  type CaseStatus,
  INVENTORY,
  type InventoryEntry,
  NOT_APPLICABLE,
  PORTED_CASES,
  renderCasesMarkdown,
  statusOf,
} from './cases.js';
export { CaseFailure, type Comparison } from './check.js';
export {
  describeFailure,
  type FailureReport,
  type FirstDifference,
  firstDifference,
  TERM_TEXT_LIMIT,
} from './failure.js';
export {
  OTP_CAPABILITIES,
  OtpCallError,
  type OtpLocation,
  optionList,
  otpCapabilities,
  otpFactory,
} from './otp.js';
export {
  type ImplementationResults,
  type JsonCaseResult,
  type JsonReport,
  jsonReport,
  REPORT_VERSION,
  type Totals,
  textReport,
  totalsOf,
} from './report.js';
export {
  type CaseResult,
  CaseTimeout,
  type RegisterOptions,
  type RegisterTest,
  type RunOptions,
  runSuite,
  type SuiteOptions,
  suite,
} from './suite.js';
export { TSUNAMI_CAPABILITIES, type TsunamiAdapterOptions, tsunamiFactory } from './tsunami.js';
