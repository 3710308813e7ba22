/**
 * Erlang funs as JS values. The term model says a fun is any JS function, but a JS closure has
 * no external form, so `decode` turns an EXPORT_EXT or NEW_FUN_EXT into an opaque JS function
 * that throws when called and carries a {@link FunDescription} of the Erlang fun: what `encode`
 * needs to write it back, byte for byte as OTP would.
 *
 * Invariants: a function made here is frozen and registered in a private `WeakMap`, so
 * {@link funDescription} recognises exactly the functions made here. Funs are interned, so
 * decoding the same fun twice gives the same function and JS identity is Erlang's `=:=`: external
 * funs (`fun M:F/A`) by module, name and arity (held for the life of the process, like the code
 * they name), local funs by their canonical bytes (held weakly).
 */
import { type Atom, atomName, isAtom, isInteger, Pid, type Term, TermError } from '../term.js';
import { encode } from './encode.js';

/** `fun Module:Name/Arity`, written as EXPORT_EXT. */
export interface ExportFunDescription {
  readonly kind: 'export';
  readonly module: Atom;
  readonly name: Atom;
  readonly arity: number;
}

/** A fun defined in a module (a closure), written as NEW_FUN_EXT. */
export interface LocalFunDescription {
  readonly kind: 'local';
  readonly module: Atom;
  readonly arity: number;
  /** The 16-byte MD5 of the module's code that the fun belongs to. */
  readonly uniq: Uint8Array;
  /** The index of the fun in the module's fun table. */
  readonly index: number;
  readonly oldIndex: number | bigint;
  readonly oldUniq: number | bigint;
  /** The pid written with the fun (OTP 26+ writes `<0.0.0>`: funs no longer record a creator). */
  readonly pid: Pid;
  /** The values of the variables the fun closes over. */
  readonly freeVariables: readonly Term[];
}

/** What an Erlang fun decoded from the External Term Format is. */
export type FunDescription = ExportFunDescription | LocalFunDescription;

const descriptions = new WeakMap<Function, FunDescription>();
const exportFuns = new Map<string, Function>();
/** Local funs by their canonical bytes, held weakly: closures can be many and short-lived. */
const localFuns = new Map<string, WeakRef<Function>>();
const forgetLocalFun = new FinalizationRegistry<string>((key) => {
  if (localFuns.get(key)?.deref() === undefined) localFuns.delete(key);
});

function makeOpaque(description: FunDescription, label: string): Function {
  const fun = function erlangFun(): never {
    throw new TermError(`${label} is an Erlang fun: it cannot be called from JS`);
  };
  Object.defineProperty(fun, 'name', { value: label });
  descriptions.set(fun, description);
  return Object.freeze(fun);
}

function checkWord(what: string, value: number): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new TermError(`${what} must be an integer in 0..2^32-1, got ${value}`);
  }
}

function checkAtom(what: string, value: Atom): void {
  if (!isAtom(value)) throw new TermError(`${what} must be an atom`);
}

/**
 * The opaque JS function standing for the Erlang fun `description`; `encode` writes it back as
 * OTP wrote it. Funs are interned: the same `M:F/A`, or the same closure (module, index, uniq,
 * pid and free variables), always gives the same function while it is alive, so `=:=` on funs
 * (JS identity) holds as in Erlang.
 * @throws TermError for an arity outside 0..255, a uniq that is not 16 bytes, or a part that is
 * not of its type (free variables must be terms).
 */
export function erlangFun(description: FunDescription): Function {
  if (!Number.isInteger(description.arity) || description.arity < 0 || description.arity > 255) {
    throw new TermError(`a fun arity must be in 0..255, got ${description.arity}`);
  }
  checkAtom('a fun module', description.module);
  if (description.kind === 'export') {
    checkAtom('a fun name', description.name);
    const label = `fun ${atomName(description.module)}:${atomName(description.name)}/${description.arity}`;
    const existing = exportFuns.get(label);
    if (existing !== undefined) return existing;
    const { module, name, arity } = description;
    const fun = makeOpaque(Object.freeze({ kind: 'export', module, name, arity }), label);
    exportFuns.set(label, fun);
    return fun;
  }
  if (!(description.uniq instanceof Uint8Array) || description.uniq.length !== 16) {
    throw new TermError('a local fun uniq must be 16 bytes');
  }
  checkWord('a fun index', description.index);
  if (!isInteger(description.oldIndex) || !isInteger(description.oldUniq)) {
    throw new TermError('a fun old index and old uniq must be integers');
  }
  if (!(description.pid instanceof Pid)) throw new TermError('a fun pid must be a Pid');
  const { module, arity, uniq, index, oldIndex, oldUniq, pid, freeVariables } = description;
  const frozen: LocalFunDescription = Object.freeze({
    kind: 'local',
    module,
    arity,
    uniq: Uint8Array.from(uniq),
    index,
    oldIndex,
    oldUniq,
    pid,
    freeVariables: Object.freeze([...freeVariables]),
  });
  // The canonical bytes of everything that makes the fun, free variables included.
  const key = Buffer.from(
    encode([module, arity, uniq, index, oldIndex, oldUniq, pid, frozen.freeVariables]),
  ).toString('latin1');
  const existing = localFuns.get(key)?.deref();
  if (existing !== undefined) return existing;
  const fun = makeOpaque(frozen, `#Fun<${atomName(module)}.${index}>`);
  localFuns.set(key, new WeakRef(fun));
  forgetLocalFun.register(fun, key);
  return fun;
}

/** The Erlang fun a decoded function stands for, or `undefined` for any other JS function. */
export function funDescription(fun: Function): FunDescription | undefined {
  return descriptions.get(fun);
}
