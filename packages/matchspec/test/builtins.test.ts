/**
 * Unit tests for every guard BIF, operator and special form a table match specification may
 * use: each row is `test_ms(Object, [{'$1', [], [Expression]}])` with `'$1'` bound to the whole
 * object, and the result OTP 27 gives (the golden values were taken from `erl`; the oracle test
 * at the end re-checks every row against the running OTP). Every row runs on both back ends, which
 * must agree, and also as a guard (`true` results hold, raises fail the clause).
 */
import { atom, exactEquals, format, parse, type Term } from '@tsunami/core';
import { hasBehaviour, withOracle } from '@tsunami/oracle';
import { describe, expect, it } from 'vitest';
import { compileMatchSpec, NO_MATCH, parseMatchSpec, testMatchSpec } from '../src/index.js';

/** [object, expression, expected result ('EXIT' when it raises)]. */
const ROWS: ReadonlyArray<readonly [string, string, string]> = [
  ['{1}', '{is_atom, a}', 'true'],
  ['{1}', '{is_atom, 1}', 'false'],
  ['{1}', '{is_boolean, true}', 'true'],
  ['{1}', '{is_boolean, a}', 'false'],
  ['{1}', '{is_float, 1.0}', 'true'],
  ['{1}', '{is_float, 1}', 'false'],
  ['{1}', '{is_integer, 10000000000000000000000}', 'true'],
  ['{1}', '{is_integer, 1.0}', 'false'],
  ['{1}', '{is_number, 2.5}', 'true'],
  ['{1}', '{is_number, a}', 'false'],
  ['{1}', '{is_list, []}', 'true'],
  ['{1}', '{is_list, [a|b]}', 'true'],
  ['{1}', '{is_list, {{}}}', 'false'],
  ['{1}', '{is_pid, {self}}', 'true'],
  ['{1}', '{is_port, a}', 'false'],
  ['{1}', '{is_reference, a}', 'false'],
  ['{1}', "{is_tuple, '$1'}", 'true'],
  ['{1}', '{is_tuple, [1]}', 'false'],
  ['{1}', '{is_map, #{}}', 'true'],
  ['{1}', "{is_map, '$1'}", 'false'],
  ['{#{a => 1}}', "{is_map_key, a, {element, 1, '$1'}}", 'true'],
  ['{#{a => 1}}', "{is_map_key, b, {element, 1, '$1'}}", 'false'],
  ['{1}', "{is_map_key, a, '$1'}", "'EXIT'"],
  ['{1}', '{is_binary, <<1,2>>}', 'true'],
  ['{1}', '{is_binary, <<1:3>>}', 'false'],
  ['{1}', '{is_bitstring, <<1:3>>}', 'true'],
  ['{1}', '{is_function, a}', 'false'],
  ['{1}', '{is_function, a, 1}', 'false'],
  ['{1}', '{is_function, a, -1}', "'EXIT'"],
  ['{rec, 2}', "{is_record, '$1', rec, 2}", 'true'],
  ['{rec, 2}', "{is_record, '$1', rec, 3}", 'false'],
  ['{rec, 2}', "{is_record, '$1', 5, 2}", "'EXIT'"],
  ['{rec, 2}', "{is_record, '$1', rec, a}", "'EXIT'"],
  ['{rec, 2}', "{is_record, '$1', rec, 288230376151711744}", 'false'],
  ['{rec, 2}', "{is_record, '$1', rec, 576460752303423488}", "'EXIT'"],
  ['{1}', '{is_function, a, 1180591620717411303424}', 'false'],
  ['{1}', '{abs, -2.5}', '2.5'],
  ['{1}', '{abs, -1208925819614629174706176}', '1208925819614629174706176'],
  ['{1}', '{abs, a}', "'EXIT'"],
  ['{a, b, c}', "{element, 3, '$1'}", 'c'],
  ['{a, b, c}', "{element, 4, '$1'}", "'EXIT'"],
  ['{a, b, c}', "{element, 1.0, '$1'}", "'EXIT'"],
  ['{1}', '{hd, [a, b]}', 'a'],
  ['{1}', '{hd, []}', "'EXIT'"],
  ['{1}', '{tl, [a, b]}', '[b]'],
  ['{1}', '{tl, [a | b]}', 'b'],
  ['{1}', '{length, [a, b, c]}', '3'],
  ['{1}', '{length, [a | b]}', "'EXIT'"],
  ['{1}', '{map_get, a, #{a => 1}}', '1'],
  ['{1}', '{map_get, b, #{a => 1}}', "'EXIT'"],
  ['{1}', '{map_size, #{a => 1, b => 2}}', '2'],
  ['{1}', '{map_size, a}', "'EXIT'"],
  ['{1}', '{node}', 'nonode@nohost'],
  ['{1}', '{node, {self}}', 'nonode@nohost'],
  ['{1}', "{node, '$1'}", "'EXIT'"],
  ['{1}', '{round, 2.5}', '3'],
  ['{1}', '{round, -2.5}', '-3'],
  ['{1}', '{round, -0.4}', '0'],
  ['{1}', '{trunc, 1.0e20}', '100000000000000000000'],
  ['{1}', '{trunc, a}', "'EXIT'"],
  ['{1}', '{ceil, -2.5}', '-2'],
  ['{1}', '{floor, -2.5}', '-3'],
  ['{1}', '{float, 3}', '3.0'],
  ['{1}', '{float, 1267650600228229401496703205376}', '1.2676506002282294e30'],
  ['{1}', '{float, a}', "'EXIT'"],
  ['{1}', "{size, '$1'}", '1'],
  ['{1}', '{size, <<1,2,3:4>>}', '2'],
  ['{1}', '{size, [a]}', "'EXIT'"],
  ['{1}', "{tuple_size, '$1'}", '1'],
  ['{1}', '{tuple_size, a}', "'EXIT'"],
  ['{1}', '{byte_size, <<1,2,3:4>>}', '3'],
  ['{1}', '{bit_size, <<1,2,3:4>>}', '20'],
  ['{1}', '{byte_size, a}', "'EXIT'"],
  ['{1}', '{binary_part, <<1,2,3>>, {{1, -1}}}', '<<1>>'],
  ['{1}', '{binary_part, <<1,2,3>>, 3, -2}', '<<2,3>>'],
  ['{1}', '{binary_part, <<1,2,3>>, 2, 2}', "'EXIT'"],
  ['{1}', "{'+', 1, 1.0}", '2.0'],
  ['{1}', "{'+', 9007199254740991, 1}", '9007199254740992'],
  ['{1}', "{'+', 4611686018427387904, 4611686018427387904}", '9223372036854775808'],
  ['{1}', "{'+', 1.0e308, 1.0e308}", "'EXIT'"],
  ['{1}', "{'+', a, 1}", "'EXIT'"],
  ['{1}', "{'-', 9007199254740993, 2}", '9007199254740991'],
  ['{1}', "{'-', 0.0, 0.0}", '0.0'],
  ['{1}', "{'-', 2.5}", '-2.5'],
  ['{1}', "{'-', 0}", '0'],
  ['{1}', "{'+', -2.5}", '-2.5'],
  ['{1}', "{'+', a}", "'EXIT'"],
  ['{1}', "{'*', 3, 4}", '12'],
  ['{1}', "{'*', 4294967296, 4294967296}", '18446744073709551616'],
  ['{1}', "{'*', 2, 1.5}", '3.0'],
  ['{1}', "{'*', 1267650600228229401496703205376, 1.0}", '1.2676506002282294e30'],
  ['{1}', "{'/', 7, -2}", '-3.5'],
  ['{1}', "{'/', 6, 3}", '2.0'],
  ['{1}', "{'/', 1, 0}", "'EXIT'"],
  ['{1}', "{'/', 1, 0.0}", "'EXIT'"],
  ['{1}', "{'div', 7, -2}", '-3'],
  ['{1}', "{'div', -7, -2}", '3'],
  ['{1}', "{'div', 5, 0}", "'EXIT'"],
  ['{1}', "{'div', 5.0, 2}", "'EXIT'"],
  ['{1}', "{'rem', 7, -2}", '1'],
  ['{1}', "{'rem', -7, -2}", '-1'],
  ['{1}', "{'rem', 100000000000000000000, 7}", '2'],
  ['{1}', "{'band', 7, -2}", '6'],
  ['{1}', "{'bor', 7, -2}", '-1'],
  ['{1}', "{'bxor', 7, -2}", '-7'],
  ['{1}', "{'band', 5.0, 2}", "'EXIT'"],
  ['{1}', "{'band', 18446744073709551615, 4294967296}", '4294967296'],
  ['{1}', "{'bnot', 7}", '-8'],
  ['{1}', "{'bnot', 9007199254740991}", '-9007199254740992'],
  ['{1}', "{'bsl', 7, -2}", '1'],
  ['{1}', "{'bsr', 7, -2}", '28'],
  ['{1}', "{'bsl', 7, 100}", '8873554201597605810476922437632'],
  ['{1}', "{'bsr', -1, 100}", '-1'],
  ['{1}', "{'bsr', 1, 1099511627776}", '0'],
  ['{1}', "{'bsl', 1, 1099511627776}", "'EXIT'"],
  ['{1}', "{'bsl', 1, a}", "'EXIT'"],
  ['{1}', "{'>', 2, 1}", 'true'],
  ['{1}', "{'>=', 1, 1.0}", 'true'],
  ['{1}', "{'<', 1, a}", 'true'],
  ['{1}', "{'=<', {{1}}, [1]}", 'true'],
  ['{1}', "{'==', 1, 1.0}", 'true'],
  ['{1}', "{'=:=', 1, 1.0}", 'false'],
  ['{1}', "{'/=', 1, 1.0}", 'false'],
  ['{1}', "{'=/=', 1, 1.0}", 'true'],
  ['{1}', "{'==', {{1, a}}, {{1.0, a}}}", 'true'],
  ['{1}', "{'<', 1.0, 1}", 'false'],
  ['{1}', '{min, 1, 1.0}', '1'],
  ['{1}', '{min, 1.0, 1}', '1.0'],
  ['{1}', '{max, 1, 2}', '2'],
  ['{1}', '{max, 1.0, 1}', '1.0'],
  ['{1}', "{'not', true}", 'false'],
  ['{1}', "{'not', 1}", "'EXIT'"],
  ['{1}', "{'xor', true, true}", 'false'],
  ['{1}', "{'xor', 1, false}", "'EXIT'"],
  ['{1}', "{'and', true, true, true}", 'true'],
  ['{1}', "{'and', false, 3}", "'EXIT'"],
  ['{1}', "{'or', false, false, true}", 'true'],
  ['{1}', "{'or', true, 3}", "'EXIT'"],
  ['{1}', "{'andalso', true, 3}", '3'],
  ['{1}', "{'andalso', 5}", '5'],
  ['{1}', "{'andalso', false, {hd, 1}}", 'false'],
  ['{1}', "{'andalso', 3, true}", "'EXIT'"],
  ['{1}', "{'orelse', false, false, 7}", '7'],
  ['{1}', "{'orelse', true, {hd, 1}}", 'true'],
  ['{1}', "{'orelse', 1, true}", "'EXIT'"],
  ['{1}', '{andthen, true, 1}', '1'],
  ['{1}', "{const, '$1'}", "'$1'"],
  ['{1}', "{{'$1', [x]}}", '{{1}, [x]}'],
  ['{1}', '{{{hd, 1}, 2}}', "{'EXIT', 2}"],
  ['{1}', "[a, '$1' | b]", '[a, {1} | b]'],
  ['{1}', "#{'$1' => {{'$1'}}}", '#{{1} => {{1}}}'],
  ['{1}', "'$_'", '{1}'],
  ['{b, a}', "'_'", "'_'"],
];

function spec(expression: string): Term {
  return parseMatchSpec(`[{'$1', [], [${expression}]}]`);
}

function guardSpec(expression: string): Term {
  return parseMatchSpec(`[{'$1', [${expression}], [yes]}, {'_', [], [no]}]`);
}

describe('every BIF, operator and special form', () => {
  for (const [objectText, expression, expectedText] of ROWS) {
    it(`${expression} on ${objectText} is ${expectedText}`, () => {
      const object = parse(objectText);
      const expected = parse(expectedText);
      for (const backend of ['compiled', 'interpreted'] as const) {
        const result = testMatchSpec(object, spec(expression), { backend });
        expect(result.ok).toBe(true);
        if (result.ok && !exactEquals(result.result, expected)) {
          expect.fail(`${backend}: got ${format(result.result)}, expected ${expectedText}`);
        }
        // As a guard: only `true` lets the first clause through; a raise fails it.
        const guarded = compileMatchSpec(guardSpec(expression), { backend }).match(object, {
          self: parse('<0.1.0>'),
          node: atom('nonode@nohost'),
        });
        expect(guarded).toBe(expected === true ? atom('yes') : atom('no'));
      }
    });
  }

  it('returns NO_MATCH from match and false from test_ms when no clause matches', () => {
    const compiled = compileMatchSpec(spec('ok'));
    expect(compiled.match(parse('a'), { self: atom('x'), node: atom('y') })).toBe(atom('ok'));
    const tupleHead = compileMatchSpec(parseMatchSpec("[{{'$1'}, [], ['$1']}]"));
    expect(tupleHead.match(parse('{1, 2}'), { self: atom('x'), node: atom('y') })).toBe(NO_MATCH);
    expect(testMatchSpec(parse('{1, 2}'), parseMatchSpec("[{{'$1'}, [], ['$1']}]"))).toEqual({
      ok: true,
      result: false,
    });
  });
});

withOracle('the BIF table against OTP', (oracle) => {
  it('gives the results OTP gives', async () => {
    const newer = hasBehaviour(oracle().installation.version, 'matchspec-newer-guards');
    const rows = ROWS.filter(
      ([, expression]) =>
        !/\{self\}/.test(expression) &&
        (newer ||
          !/is_boolean|is_bitstring|is_function, a, |tuple_size|min,|max,|ceil|floor/.test(
            expression,
          )),
    );
    const texts = rows.map(
      ([objectText, expression]) =>
        `element(2, ets:test_ms(${objectText}, [{'$1', [], [${expression}]}]))`,
    );
    const reply = await oracle().evaluateText(`[${texts.join(', ')}].`);
    const results = parse(reply);
    const expected = rows.map(([, , expectedText]) => parse(expectedText));
    const actual = [...(results as Iterable<Term>)];
    for (const [index, row] of rows.entries()) {
      if (!exactEquals(actual[index] as Term, expected[index] as Term)) {
        expect.fail(`${row[1]} on ${row[0]}: OTP gives ${format(actual[index] as Term)}`);
      }
    }
  });
});
