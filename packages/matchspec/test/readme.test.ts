/**
 * The README's examples, run: each claim in a comment there is an assertion here. Also fun2ms
 * examples that need no Erlang, and the code-generation probe behind the CSP fallback.
 */
import { atom, Float, format, list, parse, type Term } from '@tsunami/core';
import { describe, expect, it } from 'vitest';
import {
  canGenerateCode,
  compileMatchSpec,
  Fun2msError,
  fun2ms,
  ms,
  testMatchSpec,
} from '../src/index.js';

describe('README examples', () => {
  const users: Term[] = [
    [1, atom('admin'), 'ann'],
    [2, atom('user'), 'bob'],
    [3, atom('admin'), 'cid'],
  ];

  it('ms template, compile and run', () => {
    const role = atom('admin');
    const spec = ms`[{{'$1', ${role}, '$2'}, [{'>', '$1', 1}], [{{'$1', '$2'}}]}]`;
    expect(compileMatchSpec(spec).run(users)).toEqual([[3, 'cid']]);
  });

  it('fun2ms', () => {
    const fromFun = fun2ms('fun({Id, admin, Name}) when Id > 1 -> {Id, Name} end');
    expect(format(fromFun)).toBe("[{{'$1',admin,'$2'},[{'>','$1',1}],[{{'$1','$2'}}]}]");
    expect(compileMatchSpec(fromFun).run(users)).toEqual([[3, 'cid']]);
  });

  it('testMatchSpec', () => {
    expect(testMatchSpec(list(1, 2), ms`[{['$1' | '_'], [], [{'+', '$1', 1.0}]}]`)).toEqual({
      ok: true,
      result: new Float(2),
    });
    expect(testMatchSpec([1], parse("[{'$1', [], [{foo, '$1'}]}]"))).toEqual({
      ok: false,
      errors: ['Function foo/1 does_not_exist.'],
    });
  });

  it('key analysis', () => {
    expect(compileMatchSpec(ms`[{{2, '_', '$1'}, [], ['$1']}]`).keys(1).exactKeys).toEqual([2]);
  });
});

describe('fun2ms without Erlang', () => {
  it('numbers head variables by first appearance and binds Var = Pattern to $_', () => {
    expect(format(fun2ms('fun({B, A} = Obj) when A > B -> [A, Obj] end'))).toBe(
      "[{{'$1','$2'},[{'>','$2','$1'}],[['$2','$_']]}]",
    );
  });

  it('splits guard alternatives into clauses and takes bindings as constants', () => {
    const spec = fun2ms('fun({K, V}) when V > Limit; K =:= x -> K end', {
      bindings: { Limit: 10 },
    });
    expect(format(spec)).toBe(
      "[{{'$1','$2'},[{'>','$2',{const,10}}],['$1']},{{'$1','$2'},[{'=:=','$1',x}],['$1']}]",
    );
  });

  it('refuses what ms_transform refuses, with its message', () => {
    expect(() => fun2ms('fun({A}) -> lists:reverse(A) end')).toThrow(Fun2msError);
    expect(() => fun2ms('fun(A, B) -> A end')).toThrow(
      'ets:fun2ms requires fun with single variable or tuple parameter',
    );
    expect(() => fun2ms('not a fun')).toThrow('Parameter of ets/dbg:fun2ms/1 is not a literal fun');
  });
});

describe('code generation probe', () => {
  it('reports false where Function construction is forbidden', () => {
    const original = globalThis.Function;
    expect(canGenerateCode()).toBe(true);
    globalThis.Function = function forbidden() {
      throw new EvalError('Code generation from strings disallowed for this context');
    } as unknown as FunctionConstructor;
    try {
      expect(canGenerateCode()).toBe(false);
    } finally {
      globalThis.Function = original;
    }
  });
});
