import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { exactEquals } from '../exact-equals.js';
import { atom, Bitstring, Float, improperList, list, Pid, type Term, TermError } from '../term.js';
import { termArbitrary } from '../testing/arbitraries.js';
import { format } from './format.js';
import { ParseError, parse } from './parse.js';
import { erl } from './template.js';

describe('erl template tag', () => {
  it('puts interpolated values in the term as they are, not re-read', () => {
    const key = [atom('user'), 42, 'name'];
    const pattern = erl`{${key}, '_'}` as Term[];
    expect(pattern).toEqual([key, atom('_')]);
    expect(pattern[0]).toBe(key);
    const fun = () => 1;
    expect((erl`[${fun}]` as { items: Term[] }).items[0]).toBe(fun);
  });

  it('takes values wherever a term may stand', () => {
    const pid = new Pid(1, 2);
    expect(erl`[a, ${1} | ${list(2)}]`).toEqual(list(atom('a'), 1, 2));
    expect(erl`[${0} | ${atom('t')}]`).toEqual(improperList([0], atom('t')));
    expect(erl`#{${pid} => ${new Float(1)}, k => ${'v'}}`).toEqual(
      new Map<Term, Term>([
        [pid, new Float(1)],
        [atom('k'), 'v'],
      ]),
    );
    expect(erl`${atom('alone')}`).toBe(atom('alone'));
    expect(erl`{${1},${2}}.`).toEqual([1, 2]);
  });

  it('takes numbers and binaries as binary segments', () => {
    expect(erl`<<${1}, ${2}:16, ${'ab'}/binary>>`).toEqual(Uint8Array.of(1, 0, 2, 97, 98));
    expect(erl`<<${Uint8Array.of(7)}/binary, 1:3>>`).toEqual(
      new Bitstring(Uint8Array.of(7, 0x20), 11),
    );
    expect(erl`<<${new Bitstring(Uint8Array.of(0x20), 3)}/bits, 0:5>>`).toEqual(
      Uint8Array.of(0x20),
    );
    expect(erl`<<${1.5}/float>>`).toEqual(Uint8Array.of(0x3f, 0xf8, 0, 0, 0, 0, 0, 0));
    expect(() => erl`<<${atom('a')}>>`).toThrow(/must be a number or a bitstring/);
    expect(() => erl`<<${new Bitstring(Uint8Array.of(0x20), 3)}/binary>>`).toThrow(/use \/bits/);
  });

  it('reads the text raw, so escapes are Erlang escapes', () => {
    expect(erl`'a\nb'`).toBe(atom('a\nb'));
    expect(erl`"\x{41}\s"`).toEqual(list(65, 32));
    expect(erl`'\`'`).toBe(atom('`'));
  });

  it('rejects values that are not terms and interpolations inside tokens', () => {
    expect(() => erl`{${undefined}}`).toThrow(TermError);
    expect(() => erl`{${null}}`).toThrow(/interpolated value 1 is not a term/);
    expect(() => erl`{${1}, ${[1, Number.NaN]}}`).toThrow(
      /interpolated value 2 is not a term.*\[1\]/,
    );
    expect(() => erl`'a${1}b'`).toThrow(/an interpolation cannot stand inside a quoted atom/);
    expect(() => erl`"a${1}"`).toThrow(/inside a string/);
    try {
      erl`{${1}, ${2} x}`;
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ParseError);
      // The interpolations count one column each: `{`, value, `,`, ` `, value, ` `, then x.
      expect([(error as ParseError).line, (error as ParseError).column]).toEqual([1, 7]);
    }
  });
});

describe('round trip', () => {
  it('parse(format(term)) is the same term for every term but funs', () => {
    fc.assert(
      fc.property(termArbitrary({ maxDepth: 3 }), (term) => {
        const text = format(term);
        const back = parse(text);
        expect(exactEquals(back, term)).toBe(true);
        expect(format(back)).toBe(text);
      }),
      { numRuns: 3000 },
    );
  });

  it('keeps the trailing dot, whitespace and comments out of the term', () => {
    fc.assert(
      fc.property(termArbitrary({ maxDepth: 2 }), (term) => {
        expect(exactEquals(parse(` ${format(term)} % note\n.\n`), term)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });
});
