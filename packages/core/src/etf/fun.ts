/**
 * Erlang funs as JS values. The term model says a fun is any JS function, but a JS closure has
 * no external form, so `decode` turns an EXPORT_EXT or NEW_FUN_EXT into an opaque JS function
 * that throws when called and carries a {@link FunDescription} of the Erlang fun: what `encode`
 * needs to write it back, byte for byte as OTP would.
 *
 * Invariants: a function made here is frozen and registered in a private `WeakMap`, so
 * {@link funDescription} recognises exactly the functions made here. External funs
 * (`fun M:F/A`) are interned by module, name and arity, so decoding the same one twice gives
 * the same function (identity is equality for them); local funs get a new function each time.
 */
import { type Atom, atomName, type Pid, type Term, TermError } from '../term.js';

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

function makeOpaque(description: FunDescription, label: string): Function {
  const fun = function erlangFun(): never {
    throw new TermError(`${label} is an Erlang fun: it cannot be called from JS`);
  };
  Object.defineProperty(fun, 'name', { value: label });
  descriptions.set(fun, description);
  return Object.freeze(fun);
}

/**
 * The opaque JS function standing for the Erlang fun `description`; `encode` writes it back as
 * OTP wrote it. Export funs are interned: the same `M:F/A` always gives the same function.
 * @throws TermError for an arity outside 0..255 or a uniq that is not 16 bytes.
 */
export function erlangFun(description: FunDescription): Function {
  if (!Number.isInteger(description.arity) || description.arity < 0 || description.arity > 255) {
    throw new TermError(`a fun arity must be in 0..255, got ${description.arity}`);
  }
  if (description.kind === 'export') {
    const label = `fun ${atomName(description.module)}:${atomName(description.name)}/${description.arity}`;
    const existing = exportFuns.get(label);
    if (existing !== undefined) return existing;
    const fun = makeOpaque(Object.freeze({ ...description }), label);
    exportFuns.set(label, fun);
    return fun;
  }
  if (description.uniq.length !== 16) {
    throw new TermError(`a local fun's uniq is 16 bytes, got ${description.uniq.length}`);
  }
  const frozen: LocalFunDescription = Object.freeze({
    ...description,
    uniq: Uint8Array.from(description.uniq),
    freeVariables: Object.freeze([...description.freeVariables]),
  });
  return makeOpaque(frozen, `#Fun<${atomName(description.module)}.${description.index}>`);
}

/** The Erlang fun a decoded function stands for, or `undefined` for any other JS function. */
export function funDescription(fun: Function): FunDescription | undefined {
  return descriptions.get(fun);
}
