/**
 * Differential test of `fun2ms` against OTP's ms_transform: each fun of `fun2ms-corpus.txt` is
 * parsed by `erl_parse` and translated by `ms_transform:transform_from_shell(ets, Clauses,
 * Bindings)` (what `ets:fun2ms/1` does in the shell), and by ours. The specifications must be the
 * same term, or both sides must refuse with the same ms_transform sentence.
 */
import { readFileSync } from 'node:fs';
import { atom, decode, exactEquals, format, type List, type Term } from '@tsunami/core';
import { hasBehaviour, withOracle } from '@tsunami/oracle';
import { expect, it } from 'vitest';
import { Fun2msError, fun2ms } from '../src/index.js';

const corpus = readFileSync(new URL('./fun2ms-corpus.txt', import.meta.url), 'utf8')
  .split('\n')
  .filter((line) => line.trim() !== '');

const BINDINGS = { Bound: 42 };

function erlangString(text: string): string {
  return `"${text.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;
}

const TRANSLATE = `
  Translate = fun(Text) ->
    {ok, Tokens, _} = erl_scan:string(Text),
    {ok, [{'fun', _, {clauses, Clauses}}]} = erl_parse:parse_exprs(Tokens),
    case ms_transform:transform_from_shell(ets, Clauses, [{'Bound', 42}]) of
      {error, [{_, [{_, Module, Code} | _]} | _], _} ->
        {error, unicode:characters_to_binary(Module:format_error(Code))};
      Spec -> {ok, Spec}
    end
  end,`;

withOracle('fun2ms against ms_transform', (oracle) => {
  it(`translates the ${corpus.length} funs of the corpus as OTP does`, async () => {
    const minMax = hasBehaviour(oracle().installation.version, 'fun2ms-min-max');
    const funs = corpus.filter((text) => minMax || !/\b(min|max)\(/.test(text));
    const reply = await oracle().evaluate(
      `${TRANSLATE} term_to_binary([Translate(T) || T <- [${funs.map(erlangString).join(', ')}]]).`,
    );
    const outcomes = [...(decode(new Uint8Array(reply)) as List)] as [symbol, Term][];
    let translated = 0;
    for (const [index, text] of funs.entries()) {
      const [tag, expected] = outcomes[index]!;
      let actual: Term | Fun2msError;
      try {
        actual = fun2ms(text, { bindings: BINDINGS });
      } catch (error) {
        if (!(error instanceof Fun2msError)) throw error;
        actual = error;
      }
      if (tag === atom('ok')) {
        translated += 1;
        if (actual instanceof Fun2msError) {
          expect.fail(`${text}: expected ${format(expected)}, got error ${actual.otpMessage}`);
        } else if (!exactEquals(actual, expected)) {
          expect.fail(`${text}: expected ${format(expected)}, got ${format(actual)}`);
        }
      } else {
        const message = Buffer.from(expected as Uint8Array).toString('utf8');
        expect(actual instanceof Fun2msError ? actual.otpMessage : format(actual), text).toBe(
          message,
        );
      }
    }
    expect(translated).toBeGreaterThan(funs.length / 2);
  });
});
