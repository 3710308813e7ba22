/**
 * The public face of the package: compile a match specification once (checked, then generated
 * as a JS function or interpreted), cache compiled specifications by their structure, and run
 * them as `ets:test_ms/2`, `ets:match_spec_run/2` and the tables' `select` do.
 *
 * Cache: keyed by the specification's Erlang text (`format`, which is the same for every JS
 * form of the same term) plus the options; specifications holding funs are not cached (two
 * funs can print alike). The cache keeps the most recently used {@link CACHE_LIMIT} entries.
 */
import { format, listFrom, nil, type Term } from '@tsunami/core';
import { analyzeMatchSpec, checkMatchSpec, type DialectOptions } from './analyze.js';
import type { Clause } from './ast.js';
import { canGenerateCode, generateMatchFunction } from './codegen.js';
import { interpreterFor, type MatchFunction, NO_MATCH } from './interpreter.js';
import { analyzeKeys, type KeyAnalysis } from './key-analysis.js';
import { DEFAULT_CONTEXT, type MatchContext } from './runtime.js';

/** How to run a compiled specification. */
export type Backend = 'compiled' | 'interpreted';

/** Options for {@link compileMatchSpec}. */
export interface CompileOptions extends DialectOptions {
  /**
   * `'compiled'` generates a JS function (`new Function`), `'interpreted'` walks the checked
   * tree; `'auto'` (default) generates code unless the environment forbids it (CSP).
   */
  readonly backend?: Backend | 'auto';
  /** Reuse a cached compilation of the same specification. Default `true`. */
  readonly cache?: boolean;
}

/** The most compiled specifications kept in the cache. */
export const CACHE_LIMIT = 1000;

let codeGenerationAllowed: boolean | undefined;

/** A checked, compiled match specification (OTP's compiled match spec reference). */
export class CompiledMatchSpec {
  /** The specification as given. */
  readonly spec: Term;
  /** The checked clauses. */
  readonly clauses: readonly Clause[];
  /**
   * Which back end runs it: the one asked for, except that a specification too deeply nested
   * for the JS parser to take as generated code is interpreted instead.
   */
  readonly backend: Backend;
  /** The generated JS source, when `backend` is `'compiled'`. */
  readonly source: string | undefined;
  /**
   * Runs the specification on one object: the result of the first matching clause (`'EXIT'`
   * when its body raised), or {@link NO_MATCH}.
   */
  readonly match: MatchFunction;
  private readonly keyAnalyses = new Map<number, KeyAnalysis>();

  /** @internal Use {@link compileMatchSpec}. */
  constructor(spec: Term, clauses: readonly Clause[], backend: Backend) {
    this.spec = spec;
    this.clauses = clauses;
    const generated = backend === 'compiled' ? generateIfParsable(clauses) : undefined;
    this.backend = generated === undefined ? 'interpreted' : 'compiled';
    this.source = generated?.source;
    this.match = generated?.match ?? interpreterFor(clauses);
  }

  /** The results for each object that some clause matches, in order (`ets:match_spec_run/2`). */
  run(objects: Iterable<Term>, context: MatchContext = DEFAULT_CONTEXT): Term[] {
    const results: Term[] = [];
    const match = this.match;
    for (const object of objects) {
      const result = match(object, context);
      if (result !== NO_MATCH) results.push(result);
    }
    return results;
  }

  /** What the table can skip for its key at `keypos` (1-based). Computed once per keypos. */
  keys(keypos: number): KeyAnalysis {
    let analysis = this.keyAnalyses.get(keypos);
    if (analysis === undefined) {
      analysis = analyzeKeys(this.clauses, keypos);
      this.keyAnalyses.set(keypos, analysis);
    }
    return analysis;
  }
}

/**
 * The generated code for `clauses`, or `undefined` when it nests too deeply for the JS engine:
 * generating it, or parsing it, overflows the stack, which in V8 happens some hundreds of levels
 * before the interpreter's limit (`MAX_NESTING_DEPTH`). V8 parses the inner match function
 * lazily, on its first call, so it is called once here on `[]` (which no clause can change
 * anything with: match functions are pure) to have the parse happen now.
 */
function generateIfParsable(
  clauses: readonly Clause[],
): ReturnType<typeof generateMatchFunction> | undefined {
  try {
    const generated = generateMatchFunction(clauses);
    generated.match(nil, DEFAULT_CONTEXT);
    return generated;
  } catch (error) {
    if (error instanceof RangeError) return undefined;
    throw error;
  }
}

const cache = new Map<string, CompiledMatchSpec>();

function chooseBackend(requested: Backend | 'auto'): Backend {
  if (requested !== 'auto') return requested;
  codeGenerationAllowed ??= canGenerateCode();
  return codeGenerationAllowed ? 'compiled' : 'interpreted';
}

function cacheKey(spec: Term, options: CompileOptions, backend: Backend): string | undefined {
  let text: string;
  try {
    text = format(spec);
  } catch {
    return undefined;
  }
  if (text.includes('#Fun<') || text.includes('fun ')) return undefined;
  return `${backend}:${options.newerGuards ?? true}:${text}`;
}

/**
 * Checks and compiles a match specification (`ets:match_spec_compile/1`).
 *
 * @example compileMatchSpec(ms`[{{'$1', '$2'}, [{'>', '$2', 3}], ['$1']}]`).run(objects)
 * @throws MatchSpecError (reason `badarg`) when OTP would reject the specification.
 * @throws MatchSpecLimitError (reason `system_limit`) when it nests deeper than
 *   `MAX_NESTING_DEPTH`.
 */
export function compileMatchSpec(spec: Term, options: CompileOptions = {}): CompiledMatchSpec {
  const backend = chooseBackend(options.backend ?? 'auto');
  const key = options.cache === false ? undefined : cacheKey(spec, options, backend);
  if (key !== undefined) {
    const cached = cache.get(key);
    if (cached !== undefined) {
      cache.delete(key);
      cache.set(key, cached);
      return cached;
    }
  }
  const compiled = new CompiledMatchSpec(spec, checkMatchSpec(spec, options), backend);
  if (key !== undefined) {
    cache.set(key, compiled);
    if (cache.size > CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
  }
  return compiled;
}

/** `ets:match_spec_run/2`: the results for the objects some clause matches. */
export function matchSpecRun(
  objects: Iterable<Term>,
  compiled: CompiledMatchSpec,
  context: MatchContext = DEFAULT_CONTEXT,
): Term[] {
  return compiled.run(objects, context);
}

/** The outcome of {@link testMatchSpec}, shaped like `ets:test_ms/2`'s `{ok, Result}` / `{error, Errors}`. */
export type TestResult =
  | { readonly ok: true; readonly result: Term }
  | { readonly ok: false; readonly errors: readonly string[] };

/**
 * `ets:test_ms/2`: runs `spec` on one object. The result is `false` when no clause matches (as
 * in OTP), `'EXIT'` when the body raised; an invalid specification gives OTP's error sentences.
 */
export function testMatchSpec(
  object: Term,
  spec: Term,
  options: CompileOptions & { readonly context?: MatchContext } = {},
): TestResult {
  const analysis = analyzeMatchSpec(spec, options);
  if (!analysis.ok) {
    return { ok: false, errors: analysis.problems.map((problem) => problem.otpMessage) };
  }
  const compiled = compileMatchSpec(spec, options);
  const result = compiled.match(object, options.context ?? DEFAULT_CONTEXT);
  return { ok: true, result: result === NO_MATCH ? false : result };
}

/** Whether `spec` is a valid match specification for tables. */
export function isValidMatchSpec(spec: Term, options: DialectOptions = {}): boolean {
  return analyzeMatchSpec(spec, options).ok;
}

const DOLLAR_DOLLAR = Symbol.for('$$');
const DOLLAR_UNDERSCORE = Symbol.for('$_');

/**
 * The specification `ets:match/2` runs for `pattern`: `[{Pattern, [], ['$$']}]`, whose result
 * per object is the list of the pattern's variables in number order.
 */
export function matchPatternSpec(pattern: Term): Term {
  return listFrom([[pattern, nil, listFrom([DOLLAR_DOLLAR])]]);
}

/** The specification `ets:match_object/2` runs for `pattern`: `[{Pattern, [], ['$_']}]`. */
export function matchObjectSpec(pattern: Term): Term {
  return listFrom([[pattern, nil, listFrom([DOLLAR_UNDERSCORE])]]);
}

/** The Erlang list of `clauses`, for building a specification from JS arrays of clauses. */
export function matchSpec(...clauses: Term[]): Term {
  return clauses.length === 0 ? nil : listFrom(clauses);
}
