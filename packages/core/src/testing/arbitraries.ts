/**
 * fast-check arbitraries for Erlang terms, for property and differential tests in every
 * Tsunami package (and in other implementations' tests). Every kind of term is generated,
 * including the awkward corners: bigints in the safe range, integral floats as `Float` boxes,
 * `-0.0`, atoms that need quoting, non-ASCII text, improper lists, bitstrings, and external
 * pids, ports and references.
 */
import fc from 'fast-check';
import {
  type Atom,
  atom,
  Bitstring,
  Float,
  improperList,
  listFrom,
  Pid,
  Port,
  Reference,
  type Term,
} from '../term.js';

/** Options for {@link termArbitrary}. */
export interface TermArbitraryOptions {
  /** How deep tuples, lists and maps nest. Default 3. */
  readonly maxDepth?: number;
  /** Include JS functions (funs). Default `false`: funs have no text or wire form of ours. */
  readonly withFunctions?: boolean;
  /** Include pids, ports and references. Default `true`. */
  readonly withIdentifiers?: boolean;
}

const ATOM_NAMES = [
  'ok',
  'error',
  'true',
  'false',
  'undefined',
  'nil',
  'a',
  'b',
  'abc',
  'aB_9@x',
  'Caps',
  '_under',
  'with space',
  '',
  "it's",
  'back\\slash',
  'é',
  'λ',
  '日本',
  '😀',
  'new\nline',
  '$_',
  '$1',
  'nonode@nohost',
  'else',
  'when',
] as const;

/** An atom from a pool that covers plain, quoted, reserved-word and non-ASCII names. */
export const atomArbitrary: fc.Arbitrary<Atom> = fc.oneof(
  fc.constantFrom(...ATOM_NAMES).map(atom),
  fc.stringMatching(/^[a-z][a-zA-Z0-9_@]{0,12}$/).map(atom),
);

/** An integer: small numbers, the safe-integer edges, bigints beyond them and bigints inside them. */
export const integerArbitrary: fc.Arbitrary<number | bigint> = fc.oneof(
  fc.integer({ min: -300, max: 300 }),
  fc.integer({ min: -(2 ** 31), max: 2 ** 31 }),
  fc.constantFrom(
    0,
    -1,
    255,
    256,
    2 ** 27 - 1,
    -(2 ** 27),
    2 ** 31 - 1,
    -(2 ** 31),
    2 ** 32,
    Number.MAX_SAFE_INTEGER,
    Number.MIN_SAFE_INTEGER,
  ),
  fc.maxSafeInteger(),
  fc.bigInt({ min: -(2n ** 200n), max: 2n ** 200n }),
  fc.constantFrom(2n ** 53n, -(2n ** 53n), 2n ** 64n, -(2n ** 64n) - 1n, 10n ** 40n),
  fc.integer({ min: -1000, max: 1000 }).map(BigInt),
);

/** A float: non-integral doubles as numbers, integral ones (and `-0.0`) as `Float` boxes. */
export const floatArbitrary: fc.Arbitrary<number | Float> = fc.oneof(
  fc
    .double({ noNaN: true, noDefaultInfinity: true })
    .map((value) => (Number.isSafeInteger(value) ? new Float(value) : value)),
  fc.constantFrom(0.5, -1.5, 3.14, 1e-300, 5e-324, 1.7976931348623157e308, 2 ** 53, 1e21),
  fc.integer({ min: -1000, max: 1000 }).map((value) => new Float(value)),
  fc.constantFrom(new Float(0), new Float(-0), new Float(1), new Float(-1)),
  fc.double({ noNaN: true, noDefaultInfinity: true }).map((value) => new Float(value)),
);

/** A binary, as a well-formed string or as a `Uint8Array`. */
export const binaryArbitrary: fc.Arbitrary<string | Uint8Array> = fc.oneof(
  fc.string({ maxLength: 12 }),
  fc.string({ unit: 'grapheme', maxLength: 6 }),
  fc.uint8Array({ maxLength: 12 }),
  fc.constantFrom('', 'abc', 'é', '😀', '\u{e000}', '\u{10000}'),
);

/** A bitstring whose length is not a whole number of bytes. */
export const bitstringArbitrary: fc.Arbitrary<Bitstring> = fc
  .tuple(fc.uint8Array({ minLength: 1, maxLength: 6 }), fc.integer({ min: 1, max: 7 }))
  .map(([bytes, usedBits]) => new Bitstring(bytes, (bytes.length - 1) * 8 + usedBits));

const nodeArbitrary: fc.Arbitrary<Atom> = fc.constantFrom(
  atom('nonode@nohost'),
  atom('a@host'),
  atom('other@example.com'),
);
const creationArbitrary = fc.oneof(fc.constant(0), fc.integer({ min: 0, max: 2 ** 32 - 1 }));
const word = fc.integer({ min: 0, max: 2 ** 32 - 1 });

/** A pid, local or from another node. */
export const pidArbitrary: fc.Arbitrary<Pid> = fc
  .tuple(fc.integer({ min: 0, max: 2 ** 27 - 1 }), fc.integer({ min: 0, max: 8191 }), nodeArbitrary)
  .chain(([id, serial, node]) =>
    (node === atom('nonode@nohost') ? fc.constant(0) : creationArbitrary).map(
      (creation) => new Pid(id, serial, node, creation),
    ),
  );

/** A port, local or from another node. */
export const portArbitrary: fc.Arbitrary<Port> = fc
  .tuple(fc.integer({ min: 0, max: 2 ** 40 }), nodeArbitrary, creationArbitrary)
  .map(([id, node, creation]) => new Port(id, node, node === atom('nonode@nohost') ? 0 : creation));

/** A reference of 3 to 5 words, local or from another node. */
export const referenceArbitrary: fc.Arbitrary<Reference> = fc
  .tuple(fc.array(word, { minLength: 3, maxLength: 5 }), nodeArbitrary, creationArbitrary)
  .map(
    ([ids, node, creation]) =>
      new Reference(ids, node, node === atom('nonode@nohost') ? 0 : creation),
  );

/** A term with no parts: number, atom, binary, bitstring, and (by default) identifiers. */
export function scalarArbitrary(options: TermArbitraryOptions = {}): fc.Arbitrary<Term> {
  const scalars: fc.Arbitrary<Term>[] = [
    integerArbitrary,
    floatArbitrary,
    atomArbitrary,
    binaryArbitrary,
    bitstringArbitrary,
  ];
  if (options.withIdentifiers ?? true) {
    scalars.push(pidArbitrary, portArbitrary, referenceArbitrary);
  }
  if (options.withFunctions ?? false) {
    scalars.push(fc.constantFrom<Term>(Math.max, Math.min, () => 1));
  }
  return fc.oneof(...scalars);
}

/** A key that is distinct from the others by construction, for generating maps. */
function distinctKeyTag(key: Term): string {
  if (typeof key === 'symbol') return `a:${Symbol.keyFor(key)}`;
  if (key instanceof Float) return `f:${Object.is(key.value, -0) ? '-0' : key.value}`;
  return `${typeof key}:${String(key)}`;
}

const mapKeyArbitrary: fc.Arbitrary<Term> = fc.oneof(
  fc.integer({ min: -50, max: 50 }),
  atomArbitrary,
  fc.string({ maxLength: 6 }),
  fc.constantFrom(0.5, -2.25, new Float(1)),
);

/** Any term, nested up to `maxDepth` (default 3). */
export function termArbitrary(options: TermArbitraryOptions = {}): fc.Arbitrary<Term> {
  const maxDepth = options.maxDepth ?? 3;
  const scalar = scalarArbitrary(options);
  const { term } = fc.letrec<{ term: Term }>((tie) => {
    const child = tie('term');
    return {
      term: fc.oneof(
        { maxDepth, depthIdentifier: 'term' },
        scalar,
        fc.array(child, { maxLength: 4 }),
        fc.array(child, { maxLength: 4 }).map((items) => listFrom(items)),
        fc
          .tuple(fc.array(child, { minLength: 1, maxLength: 3 }), scalar)
          .map(([items, tail]) => improperList(items, tail)),
        fc.array(fc.integer({ min: 0, max: 0x10ffff }), { maxLength: 5 }).map(listFrom),
        fc
          .uniqueArray(fc.tuple(mapKeyArbitrary, child), {
            maxLength: 4,
            selector: ([key]) => distinctKeyTag(key),
          })
          .map((entries) => new Map<Term, Term>(entries)),
        fc
          .dictionary(fc.string({ maxLength: 4 }), child, { maxKeys: 3 })
          .map((record) => ({ ...record })),
      ),
    };
  });
  return term;
}

/** A term that can be an ETS key or object element in every test: no funs, shallow. */
export const keyArbitrary: fc.Arbitrary<Term> = termArbitrary({ maxDepth: 2 });
