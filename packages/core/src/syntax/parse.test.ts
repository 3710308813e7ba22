import { describe, expect, it } from 'vitest';
import { erlangFun } from '../etf/fun.js';
import { exactEquals } from '../exact-equals.js';
import {
  atom,
  Bitstring,
  Float,
  improperList,
  type List,
  list,
  nil,
  Pid,
  Port,
  Reference,
  type Term,
  TermError,
} from '../term.js';
import { format } from './format.js';
import { ParseError, parse } from './parse.js';

/** The code points of `text` as a charlist, as `"text"` reads in Erlang. */
function charlist(text: string): List {
  return list(...[...text].map((character) => character.codePointAt(0)!));
}

function parseError(text: string): ParseError {
  try {
    parse(text);
  } catch (error) {
    expect(error).toBeInstanceOf(ParseError);
    expect(error).toBeInstanceOf(TermError);
    return error as ParseError;
  }
  throw new Error(`${text} parsed`);
}

describe('parse: numbers', () => {
  it('reads integers, bigints, bases, separators, characters and signs', () => {
    expect(parse('42')).toBe(42);
    expect(parse('-5')).toBe(-5);
    expect(parse('- 5')).toBe(-5);
    expect(parse('+5')).toBe(5);
    expect(parse('-0')).toBe(0);
    expect(Object.is(parse('-0'), -0)).toBe(false);
    expect(parse('123456789012345678901234567890')).toBe(123456789012345678901234567890n);
    expect(parse('-9007199254740993')).toBe(-9007199254740993n);
    expect(parse('9007199254740991')).toBe(9007199254740991);
    expect(parse('16#ff')).toBe(255);
    expect(parse('16#FF_ff')).toBe(65535);
    expect(parse('2#1010')).toBe(10);
    expect(parse('36#zz')).toBe(1295);
    expect(parse('-16#10')).toBe(-16);
    expect(parse('1_000')).toBe(1000);
    expect(parse('$a')).toBe(97);
    expect(parse('$\\n')).toBe(10);
    expect(parse('$ ')).toBe(32);
    expect(parse('$\\s')).toBe(32);
    expect(parse('$\\^a')).toBe(1);
    expect(parse('$\\x{41}')).toBe(65);
    expect(parse('$\\x41')).toBe(65);
    expect(parse('$\\101')).toBe(65);
    expect(parse('$\\e')).toBe(27);
    expect(parse('$\\d')).toBe(127);
    expect(parse('$λ')).toBe(0x3bb);
    expect(parse('$😀')).toBe(0x1f600);
  });

  it('reads floats: integral ones as Float boxes, others as numbers', () => {
    expect(parse('1.0')).toEqual(new Float(1));
    expect(parse('-0.0')).toEqual(new Float(-0));
    expect(Object.is((parse('-0.0') as Float).value, -0)).toBe(true);
    expect(parse('1.5e10')).toEqual(new Float(1.5e10));
    expect(parse('1.0e-5')).toBe(1e-5);
    expect(parse('1.0E5')).toEqual(new Float(100000));
    expect(parse('1.0e+5')).toEqual(new Float(100000));
    expect(parse('1_0.5e1_0')).toEqual(new Float(1.05e11));
    expect(parse('0.1')).toBe(0.1);
    expect(parse('+2.5')).toBe(2.5);
    expect(parse('1.0e21')).toBe(1e21);
    expect(parse('5.0e-324')).toBe(5e-324);
  });
});

describe('parse: atoms, strings, containers', () => {
  it('reads bare and quoted atoms with escapes', () => {
    expect(parse('ok')).toBe(atom('ok'));
    expect(parse('true')).toBe(true);
    expect(parse('a@b_1')).toBe(atom('a@b_1'));
    expect(parse('é')).toBe(atom('é'));
    expect(parse("'when'")).toBe(atom('when'));
    expect(parse("''")).toBe(atom(''));
    expect(parse("'it\\'s'")).toBe(atom("it's"));
    expect(parse("'a\\zb'")).toBe(atom('azb'));
    expect(parse("'\\x{3BB}'")).toBe(atom('λ'));
    expect(parse("'\\200'")).toBe(atom('\x80'));
    expect(parse('maybe')).toBe(atom('maybe'));
    expect(parse('else')).toBe(atom('else'));
  });

  it('reads strings as charlists, joining adjacent ones', () => {
    expect(parse('"abc"')).toEqual(charlist('abc'));
    expect(parse('""')).toBe(nil);
    expect(parse('"ab" "cd"')).toEqual(charlist('abcd'));
    expect(parse('"a\\"b\\n"')).toEqual(charlist('a"b\n'));
    expect(parse('"λ😀"')).toEqual(charlist('λ😀'));
  });

  it('reads tuples, lists, improper lists and maps', () => {
    expect(parse('{}')).toEqual([]);
    expect(parse('{a, {b}}')).toEqual([atom('a'), [atom('b')]]);
    expect(parse('[]')).toBe(nil);
    expect(parse('[1,2]')).toEqual(list(1, 2));
    expect(parse('[1|2]')).toEqual(improperList([1], 2));
    expect(parse('[1|[2|[]]]')).toEqual(list(1, 2));
    expect(parse('[a,b|c]')).toEqual(improperList([atom('a'), atom('b')], atom('c')));
    expect(parse('#{}')).toEqual(new Map());
    expect(parse('#{a => 1, "k" => [2]}')).toEqual(
      new Map<Term, Term>([
        [atom('a'), 1],
        [charlist('k'), list(2)],
      ]),
    );
    const repeated = parse('#{{1} => a, {1} => b}') as Map<Term, Term>;
    expect(repeated.size).toBe(1);
    expect([...repeated.values()]).toEqual([atom('b')]);
    expect((parse('#{1 => a, 1.0 => b}') as Map<Term, Term>).size).toBe(2);
  });

  it('reads binaries: strings when text, bytes otherwise, bitstrings when not whole bytes', () => {
    expect(parse('<<>>')).toBe('');
    expect(parse('<<"abc">>')).toBe('abc');
    expect(parse('<<"é"/utf8>>')).toBe('é');
    expect(parse('<<"a", "b"/utf8>>')).toBe('ab');
    expect(parse('<<"é">>')).toEqual(Uint8Array.of(0xe9));
    expect(parse('<<"λ">>')).toEqual(Uint8Array.of(0xbb));
    expect(parse('<<97,98,99>>')).toEqual(Uint8Array.of(97, 98, 99));
    expect(parse('<<1,2:3>>')).toEqual(new Bitstring(Uint8Array.of(1, 0x40), 11));
    expect(parse('<<1:3>>')).toEqual(new Bitstring(Uint8Array.of(0x20), 3));
    expect(parse('<<1,2:3,4>>')).toEqual(new Bitstring(Uint8Array.of(1, 64, 128), 19));
    expect(parse('<<-1:16>>')).toEqual(Uint8Array.of(255, 255));
    expect(parse('<<256:16/little>>')).toEqual(Uint8Array.of(0, 1));
    expect(parse('<<1:2/unit:8>>')).toEqual(Uint8Array.of(0, 1));
    expect(parse('<<1:16/big-signed-integer>>')).toEqual(Uint8Array.of(0, 1));
    expect(parse('<<1.5/float>>')).toEqual(Uint8Array.of(0x3f, 0xf8, 0, 0, 0, 0, 0, 0));
    expect(parse('<<1.5:32/float-little>>')).toEqual(Uint8Array.of(0, 0, 0xc0, 0x3f));
    expect(parse('<<$é/utf8>>')).toEqual(Uint8Array.of(0xc3, 0xa9));
    expect(parse('<<"😀"/utf16>>')).toEqual(Uint8Array.of(0xd8, 0x3d, 0xde, 0x00));
    expect(parse('<<65/utf32-little>>')).toEqual(Uint8Array.of(65, 0, 0, 0));
    expect(parse('<<"ab":16>>')).toEqual(Uint8Array.of(0, 97, 0, 98));
    expect(parse('<<255>>')).toEqual(Uint8Array.of(255));
  });

  it('reads pids, ports and references, local and in our external form', () => {
    expect(parse('<0.80.3>')).toEqual(new Pid(80, 3));
    expect(parse('#Port<0.5>')).toEqual(new Port(5));
    expect(parse('#Ref<0.1.2.3>')).toEqual(new Reference([3, 2, 1]));
    expect(parse("<'a@host'.7.80.3>")).toEqual(new Pid(80, 3, atom('a@host'), 7));
    expect(parse('<a@host.7.80.3>')).toEqual(new Pid(80, 3, atom('a@host'), 7));
    expect(parse("#Port<'a@host'.7.5>")).toEqual(new Port(5, atom('a@host'), 7));
    expect(parse("#Ref<'a@host'.7.2.1>")).toEqual(new Reference([1, 2], atom('a@host'), 7));
    expect(parse('[<0.1.2>,#Ref<0.0.0.1>]')).toEqual(list(new Pid(1, 2), new Reference([1, 0, 0])));
    // A short local reference prints padded to three words, which is the same reference.
    expect(exactEquals(parse(format(new Reference([1]))), new Reference([1]))).toBe(true);
    expect(parse(format(new Reference([1, 2, 3, 4])))).toEqual(new Reference([1, 2, 3, 4]));
  });

  it('reads export funs as the functions the ETF decoder gives for them', () => {
    const sort = erlangFun({ kind: 'export', module: atom('lists'), name: atom('sort'), arity: 1 });
    expect(parse('fun lists:sort/1')).toBe(sort);
    expect(parse("[fun 'lists':'sort'/1]")).toEqual(list(sort));
    const when = parse('fun lists:when/2') as Function;
    expect(format(when)).toBe('fun lists:when/2');
    expect(format(parse("fun 'A':b/0"))).toBe("fun 'A':b/0");
  });

  it('skips whitespace and comments and takes one final dot', () => {
    expect(parse('  {a, % a comment\n b} .  % end\n')).toEqual([atom('a'), atom('b')]);
    expect(parse('ok.')).toBe(atom('ok'));
    expect(parse('1.')).toBe(1);
  });

  it('reads back what format prints', () => {
    const term: Term = [
      atom("it's"),
      new Float(-0),
      2 ** 60,
      new Map<Term, Term>([[atom('k'), improperList([1], 'x')]]),
      new Bitstring(Uint8Array.of(255, 0xe0), 11),
      new Reference([1, 2, 3, 4, 5], atom('n@h'), 3),
    ];
    expect(format(parse(format(term)))).toBe(format(term));
  });
});

describe('parse: errors', () => {
  it.each([
    ['', 1, 1, /expected a term, found the end of the text/],
    ['{a,', 1, 4, /expected a term/],
    ['{a b}', 1, 4, /expected ',' or '}', found the atom b/],
    ['[1,2', 1, 5, /expected ',', '\|' or '\]'/],
    ['[1|2,3]', 1, 5, /'\]' after the tail/],
    ['#{a}', 1, 4, /'=>' after a map key/],
    ['X', 1, 1, /variables are not terms/],
    ['_', 1, 1, /variables are not terms/],
    ['when', 1, 1, /reserved word/],
    ["'abc", 1, 1, /unterminated quoted atom/],
    ['"abc', 1, 1, /unterminated string/],
    ['1 2', 1, 3, /expected the end of the term/],
    ['ok. ok', 1, 5, /expected the end of the term/],
    ['\n  @', 2, 3, /unexpected character "@"/],
    ['37#1', 1, 1, /base 37/],
    ['2#2', 1, 3, /digits in base 2/],
    ['$\\x4', 1, 1, /two hex digits/],
    ['1.0e400', 1, 1, /out of range/],
    ['<9864.80.3>', 1, 1, /node index 9864 comes from another node/],
    ['#Fun<erl_eval.43.81571850>', 1, 1, /a fun has no literal form/],
    ['#rec{}', 1, 1, /records are not terms/],
    ['#Ref<0.1.2.3', 1, 13, /'>' to end a reference|> to end a reference/],
    ['<<1.5:16/float>>', 1, 3, /32 or 64 bits/],
    ['<<a>>', 1, 3, /a number or string as a binary segment/],
    ['<<1/foo>>', 1, 5, /a segment type|one of integer/],
    ['<<1:3/little>>', 1, 3, /whole bytes/],
    ['- a', 1, 3, /a number after '-'/],
    ['<0.4294967296.0>', 1, 1, /pid id/],
    ['fun lists:sort', 1, 15, /'\/' in fun Module:Name\/Arity/],
    ['fun lists:sort/256', 1, 16, /an arity in 0..255/],
    ['fun X', 1, 5, /variables are not terms/],
    ['fun 1', 1, 5, /a module name after fun/],
  ])('rejects %j at %i:%i', (text, line, column, message) => {
    const error = parseError(text);
    expect(error.message).toMatch(message);
    expect([error.line, error.column]).toEqual([line, column]);
  });

  it('rejects atoms longer than 255 characters', () => {
    expect(parseError(`'${'a'.repeat(256)}'`).message).toMatch(/longer than 255/);
  });
});
