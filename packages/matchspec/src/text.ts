/**
 * Match specifications written as Erlang text, on top of core's `erl` template and `parse`:
 * `` ms`[{{'$1', ${key}}, [], ['$_']}]` `` reads the text with each `${value}` standing for that
 * JS term (never formatted and re-read), then checks the result as ETS would.
 */
import { erl, parse, type Term } from '@tsunami/core';
import { checkMatchSpec, type DialectOptions } from './analyze.js';

/**
 * Tagged template: a match specification from Erlang text with JS terms interpolated.
 *
 * @example ms`[{{${atom('user')}, '$1', '_'}, [{'>', '$1', ${limit}}], ['$1']}]`
 * @throws ParseError for bad syntax, MatchSpecError (reason `badarg`) for an invalid specification.
 */
export function ms(strings: TemplateStringsArray, ...values: unknown[]): Term {
  const spec = erl(strings, ...values);
  checkMatchSpec(spec);
  return spec;
}

/**
 * A match specification from Erlang text (`"[{{'$1','_'}, [], ['$1']}]"`, a final dot optional).
 * @throws ParseError for bad syntax, MatchSpecError for an invalid specification.
 */
export function parseMatchSpec(text: string, options: DialectOptions = {}): Term {
  const spec = parse(text.replace(/\.\s*$/, ''));
  checkMatchSpec(spec, options);
  return spec;
}
