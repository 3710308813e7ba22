import { deflateSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactEquals } from '../exact-equals.js';
import {
  atom,
  Bitstring,
  Float,
  improperList,
  List,
  list,
  nil,
  Pid,
  Port,
  Reference,
  type Term,
} from '../term.js';
import { termArbitrary } from '../testing/arbitraries.js';
import { DecodeError, decode, encode, erlangFun, funDescription } from './index.js';

/** `<<131, ...>>` as erl prints `term_to_binary(T)`. */
function bytes(...values: number[]): Uint8Array {
  return Uint8Array.from(values);
}

function hex(value: Uint8Array): string {
  return Buffer.from(value).toString('hex');
}

/** The same term (`=:=`), and so the same canonical encoding. */
function expectSameTerm(actual: Term, expected: Term): void {
  expect(exactEquals(actual, expected)).toBe(true);
  expect(hex(encode(actual))).toBe(hex(encode(expected)));
}

function decodeError(input: Uint8Array): DecodeError {
  try {
    decode(input);
  } catch (error) {
    expect(error).toBeInstanceOf(DecodeError);
    return error as DecodeError;
  }
  throw new Error('decode did not throw');
}

const a = atom('a');
const aAtHost = atom('a@h');

// Each vector is what OTP 27's term_to_binary/1 returns for the Erlang term in the name.
const vectors: Array<[string, Term, Uint8Array]> = [
  ['foo', atom('foo'), bytes(131, 119, 3, 102, 111, 111)],
  ['true', true, bytes(131, 119, 4, 116, 114, 117, 101)],
  ["'é'", atom('é'), bytes(131, 119, 2, 195, 169)],
  ["'日本'", atom('日本'), bytes(131, 119, 6, 230, 151, 165, 230, 156, 172)],
  ['[]', nil, bytes(131, 106)],
  ['0', 0, bytes(131, 97, 0)],
  ['255', 255, bytes(131, 97, 255)],
  ['256', 256, bytes(131, 98, 0, 0, 1, 0)],
  ['-1', -1, bytes(131, 98, 255, 255, 255, 255)],
  ['2147483647', 2147483647, bytes(131, 98, 127, 255, 255, 255)],
  ['-2147483648', -2147483648, bytes(131, 98, 128, 0, 0, 0)],
  ['2147483648', 2147483648, bytes(131, 110, 4, 0, 0, 0, 0, 128)],
  ['-2147483649', -2147483649, bytes(131, 110, 4, 1, 1, 0, 0, 128)],
  [
    '9007199254740991',
    Number.MAX_SAFE_INTEGER,
    bytes(131, 110, 7, 0, 255, 255, 255, 255, 255, 255, 31),
  ],
  ['9007199254740992', 2n ** 53n, bytes(131, 110, 7, 0, 0, 0, 0, 0, 0, 0, 32)],
  ['-(1 bsl 64)', -(2n ** 64n), bytes(131, 110, 9, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1)],
  ['1.5', 1.5, bytes(131, 70, 63, 248, 0, 0, 0, 0, 0, 0)],
  ['1.0', new Float(1), bytes(131, 70, 63, 240, 0, 0, 0, 0, 0, 0)],
  ['-0.0', new Float(-0), bytes(131, 70, 128, 0, 0, 0, 0, 0, 0, 0)],
  ['<<>>', new Uint8Array(0), bytes(131, 109, 0, 0, 0, 0)],
  ['<<1,2,3>>', bytes(1, 2, 3), bytes(131, 109, 0, 0, 0, 3, 1, 2, 3)],
  ['<<5:3>>', new Bitstring(bytes(160), 3), bytes(131, 77, 0, 0, 0, 1, 3, 160)],
  ['{}', [], bytes(131, 104, 0)],
  ['{a,1}', [a, 1], bytes(131, 104, 2, 119, 1, 97, 97, 1)],
  ['[1,2,3]', list(1, 2, 3), bytes(131, 107, 0, 3, 1, 2, 3)],
  ['[1,300]', list(1, 300), bytes(131, 108, 0, 0, 0, 2, 97, 1, 98, 0, 0, 1, 44, 106)],
  ['[a|b]', improperList([a], atom('b')), bytes(131, 108, 0, 0, 0, 1, 119, 1, 97, 119, 1, 98)],
  [
    '[1,2,3|x]',
    improperList([1, 2, 3], atom('x')),
    bytes(131, 108, 0, 0, 0, 3, 97, 1, 97, 2, 97, 3, 119, 1, 120),
  ],
  ['#{}', new Map(), bytes(131, 116, 0, 0, 0, 0)],
  [
    '#{a=>1, 1=>a, 1.0=>b, <<"k">>=>c}',
    new Map<Term, Term>([
      [a, 1],
      [bytes(107), atom('c')],
      [new Float(1), atom('b')],
      [1, a],
    ]),
    bytes(
      131,
      116,
      0,
      0,
      0,
      4,
      97,
      1,
      119,
      1,
      97,
      70,
      63,
      240,
      0,
      0,
      0,
      0,
      0,
      0,
      119,
      1,
      98,
      119,
      1,
      97,
      97,
      1,
      109,
      0,
      0,
      0,
      1,
      107,
      119,
      1,
      99,
    ),
  ],
  [
    'binary_to_term(<<131,88,119,3,"a@h",5:32,7:32,9:32>>)',
    new Pid(5, 7, aAtHost, 9),
    bytes(131, 88, 119, 3, 97, 64, 104, 0, 0, 0, 5, 0, 0, 0, 7, 0, 0, 0, 9),
  ],
  [
    'binary_to_term(<<131,120,119,3,"a@h",1:32,2:32,3:32>>)',
    new Port(2 ** 32 + 2, aAtHost, 3),
    bytes(131, 120, 119, 3, 97, 64, 104, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3),
  ],
  [
    'binary_to_term(<<131,90,3:16,119,3,"a@h",1:32,1:32,2:32,3:32>>)',
    new Reference([1, 2, 3], aAtHost, 1),
    bytes(131, 90, 0, 3, 119, 3, 97, 64, 104, 0, 0, 0, 1, 0, 0, 0, 1, 0, 0, 0, 2, 0, 0, 0, 3),
  ],
  [
    'fun erlang:abs/1',
    erlangFun({ kind: 'export', module: atom('erlang'), name: atom('abs'), arity: 1 }),
    bytes(131, 113, 119, 6, 101, 114, 108, 97, 110, 103, 119, 3, 97, 98, 115, 97, 1),
  ],
];

describe('encode and decode match term_to_binary vectors from OTP 27', () => {
  for (const [name, term, expected] of vectors) {
    it(name, () => {
      expect(hex(encode(term))).toBe(hex(expected));
      expectSameTerm(decode(expected), term);
    });
  }
});

describe('encode', () => {
  it('writes a string binary as its UTF-8 bytes, the same as the Uint8Array', () => {
    expect(hex(encode('é😀'))).toBe(hex(encode(new TextEncoder().encode('é😀'))));
  });

  it('writes a plain object as a map with binary keys in byte order', () => {
    expect(hex(encode({ b: 1, a: 2, '\u{e000}': 3, '\u{10000}': 4 }))).toBe(
      hex(
        encode(
          new Map<Term, Term>([
            ['\u{10000}', 4],
            ['a', 2],
            ['\u{e000}', 3],
            ['b', 1],
          ]),
        ),
      ),
    );
  });

  it('writes big integers past 255 digit bytes as LARGE_BIG_EXT', () => {
    const encoded = encode(2n ** 2040n);
    expect(encoded.length).toBe(263);
    expect(hex(encoded.subarray(0, 8))).toBe(hex(bytes(131, 111, 0, 0, 1, 0, 0, 0)));
  });

  it('writes an atom of more than 255 UTF-8 bytes as ATOM_UTF8_EXT', () => {
    const name = '日'.repeat(255);
    const encoded = encode(atom(name));
    expect(hex(encoded.subarray(0, 4))).toBe(hex(bytes(131, 118, 2, 253)));
    expectSameTerm(decode(encoded), atom(name));
  });

  it('writes tuples of more than 255 elements as LARGE_TUPLE_EXT', () => {
    const tuple = Array.from({ length: 256 }, (_, index) => index);
    expect(hex(encode(tuple).subarray(0, 6))).toBe(hex(bytes(131, 105, 0, 0, 1, 0)));
  });

  it('writes a byte list longer than 65535 as LIST_EXT, and bigint bytes as STRING_EXT', () => {
    const long = List.fromParts(new Array(65536).fill(1), nil);
    expect(encode(long)[1]).toBe(108);
    expect(hex(encode(list(1n, 2)))).toBe(hex(bytes(131, 107, 0, 2, 1, 2)));
  });

  it('compresses like term_to_binary(T, [compressed]) and keeps short terms plain', () => {
    const term = List.fromParts(new Array(100).fill(a), nil);
    const compressed = encode(term, { compressed: true });
    expect(hex(compressed.subarray(0, 6))).toBe(hex(bytes(131, 80, 0, 0, 1, 50)));
    expectSameTerm(decode(compressed), term);
    expect(hex(encode(a, { compressed: 9 }))).toBe(hex(encode(a)));
    expect(() => encode(a, { compressed: 10 })).toThrow(/0\.\.9/);
  });

  it('compresses when compressing gives the same length, as erl does', () => {
    // erl picks the compressed form on a tie (term_to_binary(B, [compressed]) for such B).
    let tie: Uint8Array | undefined;
    for (let random = 5; random <= 60 && tie === undefined; random += 1) {
      for (let zeros = 0; zeros <= 30 && tie === undefined; zeros += 1) {
        const binary = new Uint8Array(random + zeros);
        for (let index = 0; index < random; index += 1) binary[index] = (index * 151 + 7) % 251;
        const plain = encode(binary);
        if (6 + deflateSync(plain.subarray(1)).length === plain.length) tie = binary;
      }
    }
    expect(tie).toBeDefined();
    expect(encode(tie!, { compressed: true })[1]).toBe(80);
  });

  it('rejects what has no external form', () => {
    expect(() => encode(() => 1)).toThrow(/only funs made by decode/);
    expect(() => encode([Symbol('x')] as never)).toThrow(/not a term/);
    expect(() => encode('\ud800')).toThrow(/well-formed/);
    expect(() =>
      encode(
        new Map<Term, Term>([
          [1, a],
          [1n, a],
        ]),
      ),
    ).toThrow(/same term/);
    expect(() => encode(null as never)).toThrow(/not a term/);
  });

  it('encodes deep nesting without recursion', () => {
    let term: Term = nil;
    for (let depth = 0; depth < 100_000; depth += 1) term = [term];
    const encoded = encode(term);
    expect(encoded.length).toBe(1 + 2 * 100_000 + 1);
    expect(hex(encode(decode(encoded)))).toBe(hex(encoded));
  });
});

describe('decode', () => {
  it('reads the old and Latin-1 forms OTP no longer writes', () => {
    // ATOM_EXT, SMALL_ATOM_EXT with a Latin-1 byte, SMALL_ATOM_UTF8 'é'.
    expectSameTerm(decode(bytes(131, 100, 0, 3, 102, 111, 111)), atom('foo'));
    expectSameTerm(decode(bytes(131, 115, 1, 233)), atom('é'));
    expect(decode(bytes(131, 100, 0, 5, 102, 97, 108, 115, 101))).toBe(false);
    // FLOAT_EXT as term_to_binary(1.5, [{minor_version, 0}]) writes it.
    const oldFloat = bytes(
      131,
      99,
      ...new TextEncoder().encode('1.50000000000000000000e+00'),
      0,
      0,
      0,
      0,
      0,
    );
    expect(decode(oldFloat)).toBe(1.5);
    expect(
      decode(bytes(131, 99, ...new TextEncoder().encode('2.0e+00'), ...new Array(24).fill(0))),
    ).toEqual(new Float(2));
    // PID_EXT, PORT_EXT, NEW_PORT_EXT, REFERENCE_EXT, NEW_REFERENCE_EXT.
    expectSameTerm(
      decode(bytes(131, 103, 119, 3, 97, 64, 104, 0, 0, 0, 5, 0, 0, 0, 7, 2)),
      new Pid(5, 7, aAtHost, 2),
    );
    expectSameTerm(
      decode(bytes(131, 102, 119, 3, 97, 64, 104, 0, 0, 0, 5, 2)),
      new Port(5, aAtHost, 2),
    );
    expectSameTerm(
      decode(bytes(131, 89, 119, 3, 97, 64, 104, 0, 0, 0, 5, 0, 0, 0, 9)),
      new Port(5, aAtHost, 9),
    );
    expectSameTerm(
      decode(bytes(131, 101, 119, 3, 97, 64, 104, 0, 0, 0, 5, 2)),
      new Reference([5], aAtHost, 2),
    );
    expectSameTerm(
      decode(bytes(131, 114, 0, 2, 119, 3, 97, 64, 104, 3, 0, 0, 0, 5, 0, 0, 0, 6)),
      new Reference([5, 6], aAtHost, 3),
    );
  });

  it('tells the same name bytes apart as Latin-1 and as UTF-8, however often they recur', () => {
    for (let round = 0; round < 3; round += 1) {
      expect(decode(bytes(131, 115, 2, 0xc3, 0xa9))).toBe(atom('Ã©'));
      expect(decode(bytes(131, 119, 2, 0xc3, 0xa9))).toBe(atom('é'));
      expect(decode(bytes(131, 100, 0, 4, 116, 114, 117, 101))).toBe(true);
    }
  });

  it('copies binaries out of a Node Buffer input instead of aliasing it', () => {
    const input = Buffer.from([131, 104, 2, 109, 0, 0, 0, 2, 1, 2, 119, 3, 120, 121, 122]);
    const decoded = decode(input) as [Uint8Array, Term];
    input.fill(0, 3);
    expect(decoded[0].constructor).toBe(Uint8Array);
    expect(decoded[0]).toEqual(bytes(1, 2));
    expect(decoded[1]).toBe(atom('xyz'));
  });

  it('reads FLOAT_EXT text as binary_to_term does', () => {
    const text = (digits: string) =>
      bytes(131, 99, ...new TextEncoder().encode(digits), ...new Array(31 - digits.length).fill(0));
    // Accepted and rejected by erl's binary_to_term (OTP 25 and 27 alike).
    expect(decode(text('+1.5'))).toBe(1.5);
    expect(decode(text('1.5e5'))).toEqual(new Float(150000));
    expect(decode(text('1.5E+00'))).toBe(1.5);
    expect(decode(text('-0.0'))).toEqual(new Float(-0));
    expect(decode(text('12345678901234567890123456789.0'))).toBe(1.2345678901234568e28);
    for (const digits of ['1', '1.', '.5', '1e5', ' 1.5', '1.5e+00x', 'inf', 'nan', '1.5e400']) {
      expect(() => decode(text(digits)), digits).toThrow(DecodeError);
    }
  });

  it('reads an export fun whose arity is an INTEGER_EXT', () => {
    const fun = decode(bytes(131, 113, 119, 1, 109, 119, 1, 102, 98, 0, 0, 0, 1));
    expect(funDescription(fun as Function)).toMatchObject({ kind: 'export', arity: 1 });
    expect(() => decode(bytes(131, 113, 119, 1, 109, 119, 1, 102, 98, 0, 0, 1, 0))).toThrow(
      /0\.\.255/,
    );
  });

  it('maps bytes to JS values as documented', () => {
    expect(decode(bytes(131, 109, 0, 0, 0, 1, 97))).toEqual(bytes(97));
    expect(decode(bytes(131, 110, 8, 0, 0, 0, 0, 0, 0, 0, 0, 1))).toBe(2n ** 56n);
    expect(decode(bytes(131, 110, 8, 1, 1, 0, 0, 0, 0, 0, 0, 0))).toBe(-1);
    expect(decode(bytes(131, 110, 0, 1))).toBe(0);
    expect(decode(bytes(131, 110, 0, 0))).toBe(0);
    expect(decode(bytes(131, 110, 2, 1, 0, 0))).toBe(0);
    expect(decode(bytes(131, 70, 63, 248, 0, 0, 0, 0, 0, 0))).toBe(1.5);
    expect(decode(bytes(131, 70, 63, 240, 0, 0, 0, 0, 0, 0))).toEqual(new Float(1));
    expect(decode(bytes(131, 107, 0, 0))).toBe(nil);
    expect(decode(bytes(131, 77, 0, 0, 0, 1, 8, 255))).toEqual(bytes(255));
    expect(decode(bytes(131, 77, 0, 0, 0, 1, 4, 255))).toEqual(new Bitstring(bytes(0xf0), 4));
    expect(decode(bytes(131, 116, 0, 0, 0, 1, 97, 1, 97, 2))).toEqual(new Map([[1, 2]]));
  });

  it('joins list cells written one by one, and lists ending in a string', () => {
    // [1|[2|[3|x]]] as three LIST_EXT cells, then [1|"ab"].
    const cells = bytes(
      131,
      108,
      0,
      0,
      0,
      1,
      97,
      1,
      108,
      0,
      0,
      0,
      1,
      97,
      2,
      108,
      0,
      0,
      0,
      1,
      97,
      3,
      119,
      1,
      120,
    );
    expectSameTerm(decode(cells), improperList([1, 2, 3], atom('x')));
    expectSameTerm(decode(bytes(131, 108, 0, 0, 0, 1, 97, 1, 107, 0, 2, 97, 98)), list(1, 97, 98));
    expect(decode(bytes(131, 108, 0, 0, 0, 0, 106))).toBe(nil);
    expect(decode(bytes(131, 108, 0, 0, 0, 0, 97, 7))).toBe(7);
  });

  it('decodes a million nested list cells and deep tuples without overflowing the stack', () => {
    const count = 1_000_000;
    const input = new Uint8Array(2 + count * 7);
    input[0] = 131;
    for (let index = 0; index < count; index += 1)
      input.set([108, 0, 0, 0, 1, 97, index & 0xff], 1 + index * 7);
    input[input.length - 1] = 106;
    const decoded = decode(input) as List;
    expect(decoded.length).toBe(count);
    expect(decoded.isProper).toBe(true);
    const depth = 200_000;
    const tuples = new Uint8Array(2 + 2 * depth).fill(1);
    tuples[0] = 131;
    for (let index = 0; index < depth; index += 1) tuples[1 + 2 * index] = 104;
    tuples[tuples.length - 1] = 106;
    expect(hex(encode(decode(tuples)))).toBe(hex(tuples));
  });

  it('turns funs into opaque functions that encode back to the same bytes', () => {
    // term_to_binary(fun(Y) -> X + Y end) in erl_eval with X = 5, OTP 27.
    const local = Uint8Array.from(
      Buffer.from(
        '8370000000ba019b96015bcfe91c43ad2663711757a2250000002a00000001770865726c5f657661' +
          '6c612a6204dcb00a58770d6e6f6e6f6465406e6f686f737400000000000000000000000068066101' +
          '6c00000001680277015861056a77046e6f6e6577046e6f6e6574000000006c000000016805770663' +
          '6c6175736561016c000000016803770376617261017701596a6a6c00000001680577026f70610177' +
          '012b6803770376617261017701586803770376617261017701596a6a',
        'hex',
      ),
    );
    const fun = decode(local);
    expect(typeof fun).toBe('function');
    expect(() => (fun as () => void)()).toThrow(/Erlang fun/);
    const description = funDescription(fun as Function);
    expect(description?.kind).toBe('local');
    expect(description?.arity).toBe(1);
    expect(hex(encode(fun))).toBe(hex(local));
    const exported = bytes(
      131,
      113,
      119,
      6,
      101,
      114,
      108,
      97,
      110,
      103,
      119,
      3,
      97,
      98,
      115,
      97,
      1,
    );
    expect(decode(exported)).toBe(decode(exported));
    // Funs are interned, so the same fun decoded twice is the same (=:=) function.
    expect(decode(local)).toBe(fun);
    expect(exactEquals(decode(local), fun)).toBe(true);
  });

  it('makes funs from descriptions and rejects malformed ones', () => {
    const uniq = new Uint8Array(16);
    const local = {
      kind: 'local',
      module: atom('m'),
      arity: 0,
      uniq,
      index: 1,
      oldIndex: 1,
      oldUniq: 2,
      pid: new Pid(0, 0),
      freeVariables: [list(1)],
    } as const;
    const fun = erlangFun(local);
    expect(erlangFun({ ...local, freeVariables: [list(1)] })).toBe(fun);
    expect(erlangFun({ ...local, freeVariables: [list(2)] })).not.toBe(fun);
    expect(funDescription(fun)).toMatchObject({ kind: 'local', index: 1 });
    expect(funDescription(() => 1)).toBeUndefined();
    expectSameTerm(decode(encode(fun)), fun);
    expect(() => erlangFun({ ...local, arity: 256 })).toThrow(/arity/);
    expect(() => erlangFun({ ...local, uniq: new Uint8Array(15) })).toThrow(/16 bytes/);
    expect(() => erlangFun({ ...local, index: -1 })).toThrow(/index/);
    expect(() => erlangFun({ ...local, pid: 1 as never })).toThrow(/Pid/);
    expect(() => erlangFun({ ...local, freeVariables: [undefined as never] })).toThrow(
      /not a term/,
    );
    expect(() =>
      erlangFun({ kind: 'export', module: 'lists' as never, name: atom('sort'), arity: 1 }),
    ).toThrow(/atom/);
  });

  it('reads a compressed term and reports how many bytes it used', () => {
    const body = encode([a, 'hello', 1.5]).subarray(1);
    const deflated = deflateSync(body);
    const input = new Uint8Array([131, 80, 0, 0, 0, body.length, ...deflated, 7, 7]);
    expect(decode(input, { used: true }).bytesUsed).toBe(input.length - 2);
    expectSameTerm(decode(input.subarray(0, input.length - 2)), [a, 'hello', 1.5]);
    expect(decode(bytes(131, 97, 1, 0), { used: true })).toEqual({ term: 1, bytesUsed: 3 });
  });
});

describe('decode rejects bad bytes with the offset', () => {
  const cases: Array<[string, Uint8Array, number, RegExp]> = [
    ['empty input', bytes(), 0, /truncated/],
    ['a wrong version byte', bytes(130, 97, 1), 0, /version byte must be 131/],
    ['a truncated integer', bytes(131, 98, 0, 0), 2, /truncated/],
    ['an unknown tag', bytes(131, 104, 2, 97, 1, 200), 5, /unknown tag 200/],
    ['trailing bytes', bytes(131, 97, 1, 0), 3, /1 bytes after the term/],
    ['ATOM_CACHE_REF', bytes(131, 82, 0), 1, /distribution/],
    ['LOCAL_EXT', bytes(131, 121, 0, 0), 1, /LOCAL_EXT/],
    ['a distribution header', bytes(131, 68, 0), 1, /distribution header/],
    ['bad UTF-8 in an atom', bytes(131, 104, 1, 119, 2, 0xc3, 0x28), 3, /not valid UTF-8/],
    [
      'an atom of 256 characters',
      bytes(131, 100, 1, 0, ...new Array(256).fill(97)),
      1,
      /longer than 255/,
    ],
    [
      'a map with a duplicate key',
      bytes(131, 104, 1, 116, 0, 0, 0, 2, 97, 1, 97, 2, 98, 0, 0, 0, 1, 97, 3),
      3,
      /duplicate key/,
    ],
    [
      'a map whose keys are one term in two encodings',
      bytes(131, 116, 0, 0, 0, 2, 97, 1, 97, 2, 98, 0, 0, 0, 1, 97, 3),
      1,
      /duplicate key/,
    ],
    [
      'a map with two equal tuple keys',
      bytes(131, 116, 0, 0, 0, 2, 104, 1, 97, 1, 97, 2, 104, 1, 97, 1, 97, 3),
      1,
      /duplicate key/,
    ],
    ['a UTF-8 surrogate in an atom', bytes(131, 119, 3, 0xed, 0xa0, 0x80), 1, /not valid UTF-8/],
    ['an overlong UTF-8 atom', bytes(131, 119, 2, 0xc0, 0x80), 1, /not valid UTF-8/],
    ['a pid whose node is an atom cache reference', bytes(131, 88, 82, 0), 2, /must be an atom/],
    ['a bit count of 0', bytes(131, 77, 0, 0, 0, 1, 0, 1), 1, /bits/],
    ['an empty BIT_BINARY_EXT', bytes(131, 77, 0, 0, 0, 0, 0), 1, /bits/],
    ['a bit count of 9', bytes(131, 77, 0, 0, 0, 1, 9, 1), 1, /bits/],
    ['a binary longer than the input', bytes(131, 109, 255, 255, 255, 255, 1), 6, /truncated/],
    ['a list longer than the input', bytes(131, 108, 255, 255, 255, 255, 106), 6, /truncated/],
    ['a tuple longer than the input', bytes(131, 105, 0, 1, 0, 0, 97), 6, /truncated/],
    ['a map larger than the input', bytes(131, 116, 0, 1, 0, 0, 97), 6, /truncated/],
    ['a non-finite float', bytes(131, 70, 127, 240, 0, 0, 0, 0, 0, 0), 1, /finite/],
    ['a reference of 6 words', bytes(131, 90, 0, 6, 119, 1, 97), 1, /1 to 5/],
    ['a pid whose node is not an atom', bytes(131, 88, 97, 1), 2, /must be an atom/],
    ['a compressed term inside a term', bytes(131, 104, 1, 80, 0, 0, 0, 1), 3, /compressed/],
    ['a compressed term that is not zlib', bytes(131, 80, 0, 0, 0, 2, 1, 2, 3), 6, /inflate/],
    [
      'a compressed term larger than declared',
      bytes(131, 80, 0, 0, 0, 1, ...deflateSync(bytes(97, 1))),
      6,
      /inflate/,
    ],
    [
      'a compressed term smaller than declared',
      bytes(131, 80, 0, 0, 0, 9, ...deflateSync(bytes(97, 1))),
      6,
      /inflates to 2 bytes/,
    ],
    [
      'a compressed term with a bad term inside',
      bytes(131, 80, 0, 0, 0, 2, ...deflateSync(bytes(104, 1))),
      2,
      /truncated.*inflated data/,
    ],
  ];
  for (const [name, input, offset, message] of cases) {
    it(name, () => {
      const error = decodeError(input);
      expect(error.message).toMatch(message);
      expect(error.offset).toBe(offset);
    });
  }

  it('refuses a compressed term declaring more than maxDecompressedSize', () => {
    const input = bytes(131, 80, 255, 255, 255, 255, 120, 156);
    expect(() => decode(input, { maxDecompressedSize: 1000 })).toThrow(/above the limit/);
  });
});

describe('round trip', () => {
  it('decode(encode(t)) =:= t, plain and compressed', () => {
    fc.assert(
      fc.property(termArbitrary(), (term) => {
        const encoded = encode(term);
        expect(exactEquals(decode(encoded), term)).toBe(true);
        expect(exactEquals(decode(encode(term, { compressed: true })), term)).toBe(true);
        // Decoding gives the canonical JS forms, which encode to the same bytes.
        expect(hex(encode(decode(encoded)))).toBe(hex(encoded));
      }),
      { numRuns: 2000 },
    );
  });

  it('decode(bytes, { used: true }) reads a term followed by anything', () => {
    fc.assert(
      fc.property(termArbitrary(), fc.uint8Array({ maxLength: 4 }), (term, trailer) => {
        const encoded = encode(term);
        const result = decode(new Uint8Array([...encoded, ...trailer]), { used: true });
        expect(result.bytesUsed).toBe(encoded.length);
      }),
      { numRuns: 300 },
    );
  });

  it('corrupted encodings decode or throw a DecodeError, never another exception', () => {
    fc.assert(
      fc.property(
        termArbitrary(),
        fc.array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 })), {
          minLength: 1,
          maxLength: 4,
        }),
        fc.boolean(),
        (term, corruptions, compressed) => {
          const encoded = encode(term, { compressed });
          for (const [position, value] of corruptions) encoded[position % encoded.length] = value;
          try {
            decode(encoded, { used: true });
          } catch (error) {
            expect(error).toBeInstanceOf(DecodeError);
          }
        },
      ),
      { numRuns: 3000 },
    );
  });

  it('every truncation of a valid encoding is a DecodeError, never another exception', () => {
    fc.assert(
      fc.property(termArbitrary(), (term) => {
        const encoded = encode(term);
        for (let length = 0; length < encoded.length; length += 1) {
          expect(() => decode(encoded.subarray(0, length))).toThrow(DecodeError);
        }
      }),
      { numRuns: 200 },
    );
  });
});
