/**
 * The error report of `ets:new/2` for options that are no options object: OTP blames a non-list
 * ("not a list") and an improper list ("not a proper list") apart from a list of bad options
 * ("invalid options"), as the `error_info` table of the conformance suite records from OTP 27.
 */
import { atom, improperList, list } from '@tsunami/core';
import { expect, it } from 'vitest';
import { createEts, EtsError, NodeProcessRuntime, type TableOptions } from '../src/index.js';

const a = atom;

function sentencesOf(options: unknown): Record<string, string> {
  const ets = createEts({ runtime: new NodeProcessRuntime() });
  try {
    ets.new(a('name'), options as TableOptions);
  } catch (error) {
    if (!(error instanceof EtsError)) throw error;
    expect(error.reason).toBe(a('badarg'));
    return Object.fromEntries([...error.errorInfo].map(([at, text]) => [String(at), text]));
  }
  throw new Error('expected new/2 to fail');
}

it('blames options that are not a list as OTP does', () => {
  expect(sentencesOf(a('not_list'))).toEqual({ 2: 'not a list' });
  expect(sentencesOf([a('bag')])).toEqual({ 2: 'not a list' });
  expect(sentencesOf(7)).toEqual({ 2: 'not a list' });
});

it('blames an improper option list as OTP does', () => {
  expect(sentencesOf(improperList([a('a')], a('b')))).toEqual({ 2: 'not a proper list' });
});

it('blames a list of unknown options, or an unknown option, as invalid options', () => {
  expect(sentencesOf(list(a('a'), a('b')))).toEqual({ 2: 'invalid options' });
  expect(sentencesOf({ tree: true })).toEqual({ 2: 'invalid options' });
});

it('shows the offending options term in the error', () => {
  const ets = createEts({ runtime: new NodeProcessRuntime() });
  expect(() => ets.new(a('name'), a('not_list') as unknown as TableOptions)).toThrow(
    expect.objectContaining({ args: [a('name'), a('not_list')] }),
  );
});
