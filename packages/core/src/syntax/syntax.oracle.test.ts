/**
 * Differential tests of `format` and `parse` against real Erlang/OTP: thousands of random terms
 * are printed by us and by `io_lib:format` in erl, and erl's text is read back by us.
 *
 * Terms go to erl as Erlang source: our own `format` text, except that pids, ports and
 * references (which have no literal syntax) are built with `binary_to_term` from hand-made
 * External Term Format bytes. Only local identifiers within the ranges both OTP 25 and 27 accept
 * are sent: an identifier from another node prints with a VM-local node index (see format.ts).
 */
import { hasBehaviour, withOracle } from '@tsunami/oracle';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { decode } from '../etf/decode.js';
import { Kind, kindOf } from '../kind.js';
import {
  atom,
  atomName,
  Bitstring,
  Float,
  List,
  listFrom,
  localNode,
  Pid,
  Port,
  Reference,
  type Term,
} from '../term.js';
import { mapEntries } from '../term-parts.js';
import { floatArbitrary, termArbitrary } from '../testing/arbitraries.js';
import { format } from './format.js';
import { parse } from './parse.js';

const utf8 = new TextEncoder();

/** NEW_PID_EXT and friends need the node as SMALL_ATOM_UTF8_EXT. */
function nodeBytes(node: Term): number[] {
  const bytes = utf8.encode(atomName(node as symbol));
  return [119, bytes.length, ...bytes];
}

function word(value: number, bytes = 4): number[] {
  const out: number[] = [];
  for (let index = bytes - 1; index >= 0; index -= 1) {
    out.push(Number((BigInt(value) >> BigInt(index * 8)) & 0xffn));
  }
  return out;
}

function externalTerm(bytes: number[]): string {
  return `binary_to_term(<<131,${bytes.join(',')}>>)`;
}

/** Erlang source that evaluates to `term`. */
function erlangSource(term: Term): string {
  if (term instanceof Pid) {
    return externalTerm([
      88,
      ...nodeBytes(term.node),
      ...word(term.id),
      ...word(term.serial),
      ...word(term.creation),
    ]);
  }
  if (term instanceof Port) {
    return externalTerm([
      120,
      ...nodeBytes(term.node),
      ...word(term.id, 8),
      ...word(term.creation),
    ]);
  }
  if (term instanceof Reference) {
    return externalTerm([
      90,
      ...word(term.ids.length, 2),
      ...nodeBytes(term.node),
      ...word(term.creation),
      ...term.ids.flatMap((id) => word(id)),
    ]);
  }
  if (Array.isArray(term)) return `{${term.map(erlangSource).join(',')}}`;
  if (term instanceof List && !term.isNil) {
    const items = term.items.map(erlangSource).join(',');
    return term.isProper ? `[${items}]` : `[${items}|${erlangSource(term.tail)}]`;
  }
  if (kindOf(term) === Kind.Map) {
    const entries = mapEntries(term as Map<Term, Term>);
    return `#{${entries.map(([key, value]) => `${erlangSource(key)} => ${erlangSource(value)}`).join(',')}}`;
  }
  return format(term);
}

/** Maps every identifier in `term` to a local one that both OTP 25 and 27 can decode. */
function localize(term: Term): Term {
  if (term instanceof Pid) return new Pid(term.id % 2 ** 15, term.serial % 2 ** 13);
  if (term instanceof Port) return new Port(term.id % 2 ** 28);
  if (term instanceof Reference) {
    const ids = [...term.ids.slice(0, 3)];
    while (ids.length < 3) ids.push(0);
    ids[0] = ids[0]! % 2 ** 18;
    return new Reference(ids, localNode);
  }
  if (Array.isArray(term)) return term.map(localize);
  if (term instanceof List) {
    if (term.isNil) return term;
    const items = term.items.map(localize);
    return term.isProper ? listFrom(items) : List.fromParts(items, localize(term.tail));
  }
  if (kindOf(term) === Kind.Map) {
    return new Map(
      mapEntries(term as Map<Term, Term>).map(([key, value]) => [localize(key), localize(value)]),
    );
  }
  return term;
}

/** Whether `term` mentions one of `names` as an atom anywhere. */
function mentionsAtom(term: Term, names: ReadonlySet<string>): boolean {
  const kind = kindOf(term);
  if (kind === Kind.Atom) return names.has(atomName(term as symbol));
  if (Array.isArray(term)) return term.some((element) => mentionsAtom(element, names));
  if (term instanceof List) {
    return (
      term.items.some((element) => mentionsAtom(element, names)) ||
      (!term.isProper && mentionsAtom(term.tail, names))
    );
  }
  if (kind === Kind.Map) {
    return mapEntries(term as Map<Term, Term>).some(
      ([key, value]) => mentionsAtom(key, names) || mentionsAtom(value, names),
    );
  }
  return false;
}

/** An Erlang string literal of `text`: printable ASCII as itself, anything else as `\\x{...}`. */
function erlangString(text: string): string {
  const characters = [...text].map((character) => {
    const code = character.codePointAt(0)!;
    if (code >= 0x20 && code <= 0x7e && character !== '"' && character !== '\\') return character;
    return `\\x{${code.toString(16)}}`;
  });
  return `"${characters.join('')}"`;
}

const NEWLY_RESERVED = new Set(['maybe', 'else']);
const RESERVED_WORDS = [
  'after',
  'and',
  'andalso',
  'band',
  'begin',
  'bnot',
  'bor',
  'bsl',
  'bsr',
  'bxor',
  'case',
  'catch',
  'cond',
  'div',
  'else',
  'end',
  'fun',
  'if',
  'let',
  'maybe',
  'not',
  'of',
  'or',
  'orelse',
  'receive',
  'rem',
  'try',
  'when',
  'xor',
  'ok',
  'true',
  'undefined',
  'nonode@nohost',
];

const BATCH = 500;

withOracle('format and parse against erl', (oracle) => {
  /** erl's text for the value of each Erlang expression: `~kw` where OTP has it, else `~w`. */
  async function erlTextOfSources(sources: readonly string[]): Promise<string[]> {
    const version = oracle().installation.version;
    const directive = hasBehaviour(version, 'ordered-map-format') ? '~kw' : '~w';
    const results: string[] = [];
    for (let start = 0; start < sources.length; start += BATCH) {
      const batch = sources.slice(start, start + BATCH);
      const text = await oracle().evaluateText(
        `unicode:characters_to_binary(lists:join(<<0>>, [io_lib:format("${directive}", [T]) || ` +
          `T <- [${batch.join(',')}]])).`,
      );
      results.push(...text.split('\0'));
    }
    return results;
  }

  function erlText(terms: readonly Term[]): Promise<string[]> {
    return erlTextOfSources(terms.map(erlangSource));
  }

  function sample(count: number, seed: number): Term[] {
    const version = oracle().installation.version;
    const reservedOk = hasBehaviour(version, 'reserved-maybe-else');
    return fc
      .sample(termArbitrary({ maxDepth: 3 }), { numRuns: count, seed })
      .map(localize)
      .filter((term) => reservedOk || !mentionsAtom(term, NEWLY_RESERVED));
  }

  it('prints thousands of random terms exactly as io_lib:format does', async () => {
    const terms = sample(3000, 20261126);
    const expected = await erlText(terms);
    const mismatches = terms
      .map((term, index) => [format(term), expected[index]] as const)
      .filter(([ours, theirs]) => ours !== theirs);
    expect(mismatches.slice(0, 5)).toEqual([]);
    expect(expected).toHaveLength(terms.length);
  });

  it('prints thousands of random floats as erl does', async () => {
    const floats = fc.sample(floatArbitrary, { numRuns: 4000, seed: 7 });
    floats.push(
      ...[
        1e-4,
        1.2e-4,
        1.5e3,
        1e3,
        1e4,
        1.5e4,
        12345.5,
        1e-7,
        1.5e-7,
        2 ** 53 - 1,
        2 ** 53 + 2,
      ].map((value) => (Number.isSafeInteger(value) ? new Float(value) : value)),
    );
    const expected = await erlText(floats);
    const mismatches = floats
      .map((term, index) => [format(term), expected[index]] as const)
      .filter(([ours, theirs]) => ours !== theirs);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('quotes every reserved word and special atom as erl does', async () => {
    const atoms = RESERVED_WORDS.map(atom);
    const expected = await erlText(atoms);
    const version = oracle().installation.version;
    atoms.forEach((value, index) => {
      const name = atomName(value);
      if (NEWLY_RESERVED.has(name) && !hasBehaviour(version, 'reserved-maybe-else')) {
        expect(expected[index]).toBe(name);
      } else {
        expect(format(value)).toBe(expected[index]);
      }
    });
  });

  it('reads back erl text of random terms as the same terms', async () => {
    const terms = sample(3000, 99);
    const texts = await erlText(terms);
    terms.forEach((term, index) => {
      expect(format(parse(texts[index]!))).toBe(format(term));
    });
  });

  it('prints funs decoded from term_to_binary as erl prints them, and reads export funs back', async () => {
    const funs =
      "[fun lists:sort/1, fun 'A':b/1, fun lists:'when'/2, fun(X) -> X end, fun() -> ok end]";
    const bytes = await oracle().evaluate(`term_to_binary(${funs}).`);
    const [expected] = await erlTextOfSources([funs]);
    const decoded = decode(new Uint8Array(bytes));
    expect(format(decoded)).toBe(expected);
    const exportFuns = (decoded as List).items.slice(0, 3);
    for (const fun of exportFuns) expect(parse(format(fun))).toBe(fun);
  });

  it('quotes atoms of every Latin-1 character and beyond as erl does', async () => {
    const codes = [...Array.from({ length: 0x180 }, (_, code) => code), 0x3bb, 0xfeff, 0x1f600];
    const atoms = codes.flatMap((code) => {
      const character = String.fromCodePoint(code);
      return [atom(character), atom(`a${character}`), atom(`${character}a`)];
    });
    const expected = await erlText(atoms);
    expect(atoms.map(format)).toEqual(expected);
  });

  it('builds random binaries from segments as erl does', async () => {
    const segment = fc.oneof(
      fc
        .tuple(
          fc.bigInt({ min: -(2n ** 80n), max: 2n ** 80n }),
          fc.integer({ min: 0, max: 72 }),
          fc.constantFrom('', '/little', '/signed', '/big-unsigned-integer'),
        )
        .map(([value, size, type]) =>
          type === '/little' ? `${value}:${size - (size % 8)}${type}` : `${value}:${size}${type}`,
        ),
      fc.integer({ min: -300, max: 300 }).map(String),
      fc.string({ unit: 'binary', maxLength: 4 }).map(erlangString),
      fc.string({ unit: 'binary', maxLength: 4 }).map((text) => `${erlangString(text)}/utf8`),
      fc
        .tuple(fc.double({ noNaN: true, noDefaultInfinity: true }), fc.constantFrom('32', '64'))
        .filter(([value]) => Math.abs(value) < 3e38)
        .map(
          ([value, size]) =>
            `${format(Number.isSafeInteger(value) ? new Float(value) : value)}:${size}/float`,
        ),
      fc
        .integer({ min: 0, max: 0x10ffff })
        .filter((code) => code < 0xd800 || code > 0xdfff)
        .map((code) => `${code}/utf16-little`),
    );
    const texts = fc.sample(
      fc.array(segment, { maxLength: 6 }).map((segments) => `<<${segments.join(',')}>>`),
      { numRuns: 1500, seed: 5 },
    );
    const expected = await erlTextOfSources(texts);
    const mismatches = texts
      .map((text, index) => [text, format(parse(text)), expected[index]] as const)
      .filter(([, ours, theirs]) => ours !== theirs);
    expect(mismatches.slice(0, 5)).toEqual([]);
  });

  it('reads Erlang source forms to the terms erl reads them to', async () => {
    const texts = [
      '<<"é"/utf8, 1:3>>',
      '"abc\\x{3BB}\\n"',
      "'\\^a\\s\\d'",
      '16#fF_f0',
      '-2#1010',
      '1_0.5e-1_0',
      '#{[1|2] => {}, <<>> => [], a => 1, a => 2}',
      '$\\777',
      '$\\x{1F600}',
      '<<-1:12/little-unit:2>>',
      '<<1.5:32/float-little, "ab":16/little, $é/utf16-little, 66/utf32>>',
      '<<"λ", 300, -1>>',
      '"ab" "cd"',
      '[a, b | [c | d]]',
    ];
    const expected = await erlTextOfSources(texts);
    texts.forEach((text, index) => {
      expect(format(parse(text))).toBe(expected[index]);
    });
  });
});

it('sends bitstrings as source erl reads (self-check of the helper)', () => {
  expect(erlangSource(new Bitstring(Uint8Array.of(1, 0x40), 11))).toBe('<<1,2:3>>');
});
