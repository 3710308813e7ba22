/**
 * @tsunami/matchspec: Erlang match specifications as ETS uses them. Check and compile a
 * specification (to a generated JS function, or interpreted where code generation is
 * forbidden), run it (`test_ms`, `match_spec_run`, a table's `select`), learn which keys it can
 * match, and write specifications as Erlang text or as funs (`fun2ms`).
 */

export {
  type Analysis,
  analyzeMatchSpec,
  checkMatchSpec,
  type DialectOptions,
  MAX_NESTING_DEPTH,
  NEWER_GUARD_FUNCTIONS,
  variableNumber,
} from './analyze.js';
export type { Clause, Connective, Expression, Pattern } from './ast.js';
export { canGenerateCode } from './codegen.js';
export {
  MatchSpecError,
  MatchSpecLimitError,
  type MatchSpecPart,
  type MatchSpecProblem,
} from './errors.js';
export { FunSyntaxError } from './fun2ms/parser.js';
export { Fun2msError, type Fun2msOptions, fun2ms } from './fun2ms/transform.js';
export { EXIT_ATOM, type MatchFunction, NO_MATCH } from './interpreter.js';
export { analyzeKeys, type KeyAnalysis, type KeyConstraint } from './key-analysis.js';
export {
  type Backend,
  CACHE_LIMIT,
  CompiledMatchSpec,
  type CompileOptions,
  compileMatchSpec,
  isValidMatchSpec,
  matchObjectSpec,
  matchPatternSpec,
  matchSpec,
  matchSpecRun,
  type TestResult,
  testMatchSpec,
} from './matchspec.js';
export { DEFAULT_CONTEXT, type MatchContext } from './runtime.js';
export { ms, parseMatchSpec } from './text.js';
