/**
 * Differential tests of the codec against real Erlang/OTP: erl reads our bytes with
 * binary_to_term and writes them back with term_to_binary, plain, deterministic and compressed.
 */
import { hasBehaviour, withOracle } from '@tsunami/oracle';
import fc from 'fast-check';
import { expect, it } from 'vitest';
import { exactEquals } from '../exact-equals.js';
import { Float, isAtom, List, localNode, Pid, Port, Reference, type Term } from '../term.js';
import { keyArbitrary, termArbitrary } from '../testing/arbitraries.js';
import { decode, encode } from './index.js';

function hex(value: Uint8Array): string {
  return Buffer.from(value).toString('hex');
}

/** The direct parts of a term (tuple elements, list elements and tail, map keys and values). */
function parts(term: Term): Term[] {
  if (Array.isArray(term)) return term;
  if (term instanceof List) return term.isNil ? [] : [...term.items, term.tail];
  if (term instanceof Map) return [...term.keys(), ...term.values()];
  if (typeof term === 'object' && Object.getPrototypeOf(term) === Object.prototype) {
    return [...Object.keys(term), ...Object.values(term)];
  }
  return [];
}

function some(term: Term, predicate: (part: Term) => boolean): boolean {
  const pending: Term[] = [term];
  while (pending.length > 0) {
    const part = pending.pop()!;
    if (predicate(part)) return true;
    pending.push(...parts(part));
  }
  return false;
}

function mapKeys(term: Term): Term[] {
  if (term instanceof Map) return [...term.keys()];
  if (typeof term === 'object' && Object.getPrototypeOf(term) === Object.prototype) {
    return Object.keys(term);
  }
  return [];
}

/**
 * Pids, ports and references of this node (nonode@nohost, creation 0) are internal to erl, which
 * accepts only the ranges its own identifiers have: references of 3 words whose first word has
 * 18 bits, pid ids of 28 bits (OTP 25: 15 bits, serials 13 bits), port ids of 28 bits on OTP 25.
 */
function isForeignToLocalNode(part: Term, wideIdentifiers: boolean): boolean {
  if (part instanceof Reference && part.node === localNode && part.creation === 0) {
    return part.ids.length !== 3 || part.ids[0]! >= 2 ** 18;
  }
  if (part instanceof Pid && part.node === localNode && part.creation === 0) {
    return wideIdentifiers ? part.id >= 2 ** 28 : part.id >= 2 ** 15 || part.serial >= 2 ** 13;
  }
  if (part instanceof Port && part.node === localNode && part.creation === 0) {
    return !wideIdentifiers && part.id >= 2 ** 28;
  }
  return false;
}

const isNegativeZero = (part: Term) => part instanceof Float && Object.is(part.value, -0);
const isMultiKeyMap = (part: Term) => mapKeys(part).length >= 2;
/** OTP 26+ compares atoms in maps that sit inside map keys by atom index (erlang/otp#11568). */
const hasMapInsideKey = (part: Term) => mapKeys(part).some((key) => some(key, isMultiKeyMap));
const hasAtomKeys = (part: Term) => mapKeys(part).filter((key) => isAtom(key)).length >= 2;
const isIdentifier = (part: Term) =>
  part instanceof Pid || part instanceof Port || part instanceof Reference;
/** OTP writes maps of more than 32 keys in hash order. */
const isLargeMap = (part: Term) => mapKeys(part).length > 32;

interface Reply {
  /** term_to_binary(T) */
  readonly plain: Uint8Array;
  /** term_to_binary(T, [deterministic, {minor_version, 2}]) */
  readonly deterministic: Uint8Array;
  /** term_to_binary(T, [compressed]) */
  readonly compressed: Uint8Array;
  /** term_to_binary(binary_to_term(OurCompressed), [deterministic, {minor_version, 2}]) */
  readonly fromOurCompressed: Uint8Array;
  /** term_to_binary(T, [{minor_version, 0}]): text floats (FLOAT_EXT), Latin-1 atoms */
  readonly oldest: Uint8Array;
}

const ROUND_TRIP = `
  Split = fun S(<<L:32, B:L/binary, R/binary>>) -> [B | S(R)]; S(<<>>) -> [] end,
  Pairs = fun P([A, C | R]) -> [{A, C} | P(R)]; P([]) -> [] end,
  Frame = fun(Bs) -> << <<(byte_size(B)):32, B/binary>> || B <- Bs >> end,
  Options = [deterministic, {minor_version, 2}],
  iolist_to_binary([
    try
      T = binary_to_term(Plain),
      Frame([<<0>>, term_to_binary(T), term_to_binary(T, Options), term_to_binary(T, [compressed]),
             term_to_binary(binary_to_term(Compressed), Options),
             term_to_binary(T, [{minor_version, 0}])])
    catch Class:Reason -> Frame([<<1>>, iolist_to_binary(io_lib:format("~p:~p", [Class, Reason]))])
    end
    || {Plain, Compressed} <- Pairs(Split(base64:decode(Input))) ])`;

function frame(chunks: Uint8Array[]): Buffer {
  const buffers: Buffer[] = [];
  for (const chunk of chunks) {
    const header = Buffer.alloc(4);
    header.writeUInt32BE(chunk.length);
    buffers.push(header, Buffer.from(chunk));
  }
  return Buffer.concat(buffers);
}

/** Sends each term's plain and compressed encodings to erl and parses what it writes back. */
async function roundTrip(
  evaluate: (expressions: string) => Promise<Buffer>,
  terms: readonly Term[],
): Promise<Reply[]> {
  const input = frame(terms.flatMap((term) => [encode(term), encode(term, { compressed: true })]));
  const reply = await evaluate(`Input = "${input.toString('base64')}", ${ROUND_TRIP}`);
  const replies: Reply[] = [];
  let offset = 0;
  const next = (): Uint8Array => {
    const length = reply.readUInt32BE(offset);
    const chunk = reply.subarray(offset + 4, offset + 4 + length);
    offset += 4 + length;
    return chunk;
  };
  while (offset < reply.length) {
    const status = next()[0];
    if (status !== 0) {
      const bytes = hex(encode(terms[replies.length]!));
      throw new Error(`erl rejected term ${replies.length} <<${bytes}>>: ${next().toString()}`);
    }
    replies.push({
      plain: next(),
      deterministic: next(),
      compressed: next(),
      fromOurCompressed: next(),
      oldest: next(),
    });
  }
  expect(replies.length).toBe(terms.length);
  return replies;
}

withOracle('External Term Format against OTP', (oracle) => {
  const version = () => oracle().installation.version;

  /** Whether erl reads `term` as the term it is (see isForeignToLocalNode) on this OTP. */
  function readable(term: Term): boolean {
    const wide = hasBehaviour(version(), 'local-identifier-ranges');
    // OTP 25 treats 0.0 and -0.0 as one map key, so it rejects maps that hold both.
    const signedZero = hasBehaviour(version(), 'signed-zero-float');
    return (
      !some(term, (part) => isForeignToLocalNode(part, wide)) &&
      (signedZero || !some(term, isNegativeZero))
    );
  }

  /** Maps of `minimum` to `maximum` keys of every kind that erl reads back as they are. */
  function mapArbitrary(minimum: number, maximum: number): fc.Arbitrary<Term> {
    return fc
      .uniqueArray(keyArbitrary.filter(readable), {
        minLength: minimum,
        maxLength: maximum,
        selector: (key) => hex(encode(key)),
      })
      .map((keys) => new Map<Term, Term>(keys.map((key, index) => [key, index])));
  }

  /** Checks `terms` against OTP; returns how many were compared with plain term_to_binary. */
  async function check(terms: readonly Term[], seed: number): Promise<number> {
    const evaluate = (expressions: string) => oracle().evaluate(expressions);
    const usable = terms.filter(readable);
    expect(usable.length).toBeGreaterThan(terms.length / 2);
    const batches: Term[][] = [];
    for (let start = 0; start < usable.length; start += 500) {
      batches.push(usable.slice(start, start + 500));
    }
    const replies = (await Promise.all(batches.map((batch) => roundTrip(evaluate, batch)))).flat();
    const utf8Atoms = hasBehaviour(version(), 'etf-utf8-atoms');
    const v4Ports = hasBehaviour(version(), 'etf-v4-port-ext');
    const unorderedAtomKeys = hasBehaviour(version(), 'etf-map-atom-keys-unordered');
    let plainCompared = 0;
    usable.forEach((term, index) => {
      const reply = replies[index]!;
      const ours = hex(encode(term));
      const context = `term ${index} of seed ${seed}`;
      // Decoding what OTP wrote gives the term back.
      expect(exactEquals(decode(reply.plain), term), context).toBe(true);
      expect(exactEquals(decode(reply.compressed), term), context).toBe(true);
      expect(exactEquals(decode(reply.oldest), term), context).toBe(true);
      expect(hex(encode(decode(reply.plain))), context).toBe(ours);
      // OTP read our compressed bytes as the same term as our plain bytes.
      expect(hex(reply.fromOurCompressed), context).toBe(hex(reply.deterministic));
      // Byte for byte: as [deterministic] orders maps, ...
      const portsDiffer = !v4Ports && some(term, (part) => part instanceof Port);
      // Before OTP 26, {minor_version, 2} leaves the node atoms of identifiers as ATOM_EXT.
      const nodesDiffer = !utf8Atoms && some(term, isIdentifier);
      const deterministicComparable = !portsDiffer && !nodesDiffer;
      if (deterministicComparable && !(unorderedAtomKeys && some(term, hasMapInsideKey))) {
        expect(hex(reply.deterministic), context).toBe(ours);
      }
      // ... and as plain term_to_binary/1 writes, where OTP's map order is reproducible.
      const atomsDiffer = !utf8Atoms && some(term, isAtom);
      const mapsDiffer = some(term, isLargeMap) || (unorderedAtomKeys && some(term, hasAtomKeys));
      if (deterministicComparable && !atomsDiffer && !mapsDiffer) {
        plainCompared += 1;
        expect(hex(reply.plain), context).toBe(ours);
      }
    });
    return plainCompared;
  }

  it('OTP reads our bytes and writes back the same bytes, for 3000 random terms', async () => {
    const seed = Date.now() % 2 ** 31;
    const plainCompared = await check(fc.sample(termArbitrary(), { numRuns: 3000, seed }), seed);
    expect(plainCompared).toBeGreaterThan(300);
  });

  it('writes map keys of every kind in the order OTP does', async () => {
    const seed = (Date.now() + 1) % 2 ** 31;
    await check(fc.sample(mapArbitrary(2, 12), { numRuns: 1000, seed }), seed);
  });

  it('writes large maps as [deterministic] does, and reads OTP hash-ordered large maps', async () => {
    const seed = (Date.now() + 2) % 2 ** 31;
    await check(fc.sample(mapArbitrary(33, 80), { numRuns: 50, seed }), seed);
  });

  it('reads funs as OTP writes them and writes them back byte for byte', async () => {
    // Each fun as term_to_binary/1 writes it, then with {minor_version, 2}: the same on 26+.
    const reply = await oracle().evaluate(
      'X = 5, Funs = [fun(Y) -> X + Y end, fun lists:sort/1, {fun erlang:abs/1, fun() -> X end}], ' +
        'iolist_to_binary([[<<(byte_size(B)):32, B/binary>> || B <- ' +
        '[term_to_binary(F), term_to_binary(F, [{minor_version, 2}])]] || F <- Funs])',
    );
    const chunks: Uint8Array[] = [];
    for (let offset = 0; offset < reply.length; ) {
      const length = reply.readUInt32BE(offset);
      chunks.push(reply.subarray(offset + 4, offset + 4 + length));
      offset += 4 + length;
    }
    expect(chunks.length).toBe(6);
    for (let index = 0; index < chunks.length; index += 2) {
      const decoded = decode(chunks[index]!);
      expect(hex(encode(decoded))).toBe(hex(chunks[index + 1]!));
      if (hasBehaviour(version(), 'etf-utf8-atoms')) {
        expect(hex(chunks[index]!)).toBe(hex(chunks[index + 1]!));
      }
    }
  });
});
