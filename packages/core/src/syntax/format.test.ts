import { describe, expect, it } from 'vitest';
import { erlangFun } from '../etf/fun.js';
import {
  atom,
  Bitstring,
  Float,
  improperList,
  list,
  nil,
  Pid,
  Port,
  Reference,
  type Term,
  TermError,
} from '../term.js';
import { atomNeedsQuotes, format, formatFloat } from './format.js';

// Every expected text below is what OTP 27's io_lib:format("~w", [T]) printed for T.
describe('format', () => {
  it('prints integers, bigints and -0 as the integer 0', () => {
    expect(format(0)).toBe('0');
    expect(format(-0)).toBe('0');
    expect(format(-5)).toBe('-5');
    expect(format(123456789012345678901234567890n)).toBe('123456789012345678901234567890');
    expect(format(5n)).toBe('5');
  });

  it.each([
    [1, '1.0'],
    [0.1, '0.1'],
    [1e21, '1.0e21'],
    [1e20, '1.0e20'],
    [-0, '-0.0'],
    [0, '0.0'],
    [5e-324, '5.0e-324'],
    [1.7976931348623157e308, '1.7976931348623157e308'],
    [123456789012345, '123456789012345.0'],
    [1e15, '1.0e15'],
    [1e16, '1.0e16'],
    [0.0001, '0.0001'],
    [1e-5, '1.0e-5'],
    [2.5, '2.5'],
    [100, '100.0'],
    [1.5e300, '1.5e300'],
    [2e-300, '2.0e-300'],
    [12345678, '12345678.0'],
    [2 ** 53, '9.007199254740992e15'],
    [0.001, '0.001'],
    [-1.5, '-1.5'],
  ])('prints the float %d as %s', (value, text) => {
    expect(formatFloat(value)).toBe(text);
    expect(format(Number.isSafeInteger(value) ? new Float(value) : value)).toBe(text);
  });

  it('quotes atoms as ~w does', () => {
    const cases: [string, string][] = [
      ['ok', 'ok'],
      ['é', 'é'],
      ['aé', 'aé'],
      ['ß', 'ß'],
      ['Ä', "'Ä'"],
      ['λ', "'\\x{3BB}'"],
      ['日本', "'\\x{65E5}\\x{672C}'"],
      ['😀', "'\\x{1F600}'"],
      ['when', "'when'"],
      ['maybe', "'maybe'"],
      ['else', "'else'"],
      ['xor', "'xor'"],
      ['Caps', "'Caps'"],
      ['', "''"],
      ['a b', "'a b'"],
      ["it's", "'it\\'s'"],
      ['new\nline', "'new\\nline'"],
      ['a@b', 'a@b'],
      ['_x', "'_x'"],
      ['\\', "'\\\\'"],
      ['\x7f', "'\\d'"],
      ['\x80', "'\\200'"],
      ['\xa0', "'\xa0'"],
      ['a.b', "'a.b'"],
      ['tab\tx', "'tab\\tx'"],
      ['é\x01', "'é\\001'"],
      ['true', 'true'],
    ];
    for (const [name, text] of cases) expect(format(atom(name))).toBe(text);
    expect(format(true)).toBe('true');
    expect(atomNeedsQuotes('ok')).toBe(false);
  });

  it('prints binaries as bytes and bitstrings with a Value:Bits tail', () => {
    expect(format('abc')).toBe('<<97,98,99>>');
    expect(format('é')).toBe('<<195,169>>');
    expect(format('')).toBe('<<>>');
    expect(format(Uint8Array.of(1, 2, 3))).toBe('<<1,2,3>>');
    expect(format(new Bitstring(Uint8Array.of(1, 0b01000000), 11))).toBe('<<1,2:3>>');
    expect(format(new Bitstring(Uint8Array.of(0b00100000), 3))).toBe('<<1:3>>');
  });

  it('prints tuples, lists, improper lists and charlists', () => {
    expect(format([])).toBe('{}');
    expect(format([atom('a'), atom('b')])).toBe('{a,b}');
    expect(format(nil)).toBe('[]');
    expect(format(list(1, 2))).toBe('[1,2]');
    expect(format(improperList([1], 2))).toBe('[1|2]');
    expect(format(improperList([atom('a'), atom('b')], atom('c')))).toBe('[a,b|c]');
    expect(format(list(120, 10))).toBe('[120,10]');
  });

  it('prints maps in map-key order with " => "', () => {
    const map = new Map<Term, Term>([
      [atom('b'), 1],
      [atom('a'), 2],
      [2, atom('x')],
      [1.5, atom('y')],
      [list(115), atom('z')],
      [[2], 1],
      [[1.5], 2],
    ]);
    expect(format(map)).toBe('#{2 => x,1.5 => y,a => 2,b => 1,{2} => 1,{1.5} => 2,[115] => z}');
    expect(format(new Map())).toBe('#{}');
    expect(format({ b: 1, a: 2 })).toBe('#{<<97>> => 2,<<98>> => 1}');
    const zeros = new Map<Term, Term>([
      [new Float(1), atom('a')],
      [1, atom('b')],
      [new Float(-0), atom('c')],
      [0, atom('d')],
      [new Float(0), atom('e')],
    ]);
    expect(format(zeros)).toBe('#{0 => d,1 => b,-0.0 => c,0.0 => e,1.0 => a}');
  });

  it('prints local identifiers as erl does and external ones with their node', () => {
    expect(format(new Pid(80, 3))).toBe('<0.80.3>');
    expect(format(new Port(5))).toBe('#Port<0.5>');
    expect(format(new Reference([3, 2, 1]))).toBe('#Ref<0.1.2.3>');
    expect(format(new Reference([1]))).toBe('#Ref<0.0.0.1>');
    expect(format(new Pid(80, 3, atom('a@host'), 7))).toBe("<'a@host'.7.80.3>");
    expect(format(new Port(5, atom('a@host'), 7))).toBe("#Port<'a@host'.7.5>");
    expect(format(new Reference([1, 2], atom('a@host'), 7))).toBe("#Ref<'a@host'.7.2.1>");
    expect(format(new Pid(1, 2, atom('nonode@nohost'), 5))).toBe("<'nonode@nohost'.5.1.2>");
  });

  it('prints funs from the External Term Format as erl does, other JS functions as a placeholder', () => {
    expect(format(Math.max)).toBe('#Fun<js.max.2>');
    expect(format(() => 1)).toBe('#Fun<js.anonymous.0>');
    const exportFun = (module: string, name: string, arity: number) =>
      erlangFun({ kind: 'export', module: atom(module), name: atom(name), arity });
    expect(format(exportFun('lists', 'sort', 1))).toBe('fun lists:sort/1');
    expect(format(exportFun('A', 'b', 1))).toBe("fun 'A':b/1");
    expect(format(exportFun('lists', 'when', 2))).toBe('fun lists:when/2');
    const local = erlangFun({
      kind: 'local',
      module: atom('erl_eval'),
      arity: 1,
      uniq: new Uint8Array(16),
      index: 42,
      oldIndex: 42,
      oldUniq: 81571850,
      pid: new Pid(0, 0),
      freeVariables: [],
    });
    expect(format(local)).toBe('#Fun<erl_eval.42.81571850>');
  });

  it('throws a TermError naming where a non-term is', () => {
    expect(() => format([1, list(2, undefined as unknown as Term)])).toThrow(TermError);
    expect(() => format([1, list(2, undefined as unknown as Term)])).toThrow(/\[1\]\[1\]/);
    expect(() => format(Number.NaN)).toThrow(/not a term/);
  });
});

describe('format: map key order', () => {
  it('prints identifier keys in the order erl sorts them: pids by serial first, others by node', () => {
    const local = atom('nonode@nohost');
    const pids = [
      new Pid(1, 2),
      new Pid(2, 1),
      new Pid(3, 0),
      new Pid(0, 5, atom('a@h'), 1),
      new Pid(5, 0, atom('a@h'), 1),
      new Pid(0, 0, atom('a@h'), 2),
      new Pid(0, 0, atom('b@h'), 1),
      new Pid(0, 0, atom('Z@h'), 1),
      new Pid(1, 1, local, 5),
    ];
    // The values, in printed order, of a map from each term to its position in `terms`.
    const order = (terms: Term[]) =>
      [
        ...format(new Map(terms.map((term, index) => [term, index + 1]))).matchAll(/ => (\d+)/g),
      ].map((match) => Number(match[1]));
    // The orders erl's lists:sort/1 gave for the same identifiers (OTP 25 and 27 agree).
    expect(order(pids)).toEqual([8, 6, 7, 3, 5, 9, 2, 1, 4]);
    const references = [
      new Reference([1, 2, 3]),
      new Reference([3, 2, 1]),
      new Reference([2, 2, 2]),
      new Reference([1], atom('a@h'), 1),
      new Reference([0, 1], atom('a@h'), 1),
      new Reference([5, 0, 0, 0], atom('a@h'), 1),
      new Reference([0], atom('a@h'), 2),
      new Reference([0], atom('b@h'), 1),
    ];
    expect(order(references)).toEqual([4, 6, 5, 7, 8, 2, 3, 1]);
    const ports = [
      new Port(7),
      new Port(3),
      new Port(1, atom('a@h'), 1),
      new Port(0, atom('a@h'), 1),
      new Port(9, atom('a@h'), 0),
      new Port(0, atom('b@h'), 0),
    ];
    expect(order(ports)).toEqual([5, 4, 3, 6, 2, 1]);
  });

  it('prints nested numbers integers first, maps by size then keys, bitstrings bitwise', () => {
    const keys: Term[] = [
      [1.5],
      [2],
      list(1.5),
      list(2),
      new Map([[atom('a'), 1]]),
      new Map([[1, 2]]),
      new Map(),
      new Bitstring(Uint8Array.of(0x20), 3),
      Uint8Array.of(1),
      '',
      list(1, 2),
      improperList([1], 2),
    ];
    expect(format(new Map(keys.map((key) => [key, 0])))).toBe(
      '#{{2} => 0,{1.5} => 0,#{} => 0,#{1 => 2} => 0,#{a => 1} => 0,[1|2] => 0,[1,2] => 0,' +
        '[2] => 0,[1.5] => 0,<<>> => 0,<<1>> => 0,<<1:3>> => 0}',
    );
  });
});
