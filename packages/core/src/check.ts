/**
 * The deep check that a JS value is a term: {@link assertTerm} and {@link isTerm}.
 *
 * Every JS value either is a term (see the mapping in `term.ts`) or is rejected with a
 * `TermError` whose `path` says where the offending part is, for example `[2].items[0]` (the
 * first element of the list that is element 2 of a tuple), `<map key 1>` / `<map value 1>` (the
 * second entry of a JS `Map`, in insertion order) or `["name"]` (a property of a plain object).
 *
 * Algorithm: an iterative depth-first walk with an explicit stack, so nesting depth is bounded
 * by memory rather than by the JS call stack. A container is marked while its children are
 * being checked, which finds cycles (a cyclic value is no term: Erlang terms are trees), and
 * remembered once checked, so a subterm shared many times (a DAG) is checked once. A `Map` is
 * checked for keys that are the same term in different JS forms (`1` and `1n`, `'a'` and
 * `Uint8Array [97]`) once all its keys are checked, by bucketing them on `hash`.
 */
import { exactEquals } from './exact-equals.js';
import { hash } from './hash.js';
import { isPlainObject } from './kind.js';
import {
  Bitstring,
  Float,
  isAtom,
  List,
  MAX_ATOM_CHARACTERS,
  nil,
  Pid,
  Port,
  Reference,
  type Term,
  TermError,
} from './term.js';

/** A step of the path from the checked value to a part of it; a linked list to the root. */
interface PathStep {
  readonly parent: PathStep | undefined;
  readonly segment: string;
}

function renderPath(step: PathStep | undefined): string {
  const segments: string[] = [];
  for (let current = step; current !== undefined; current = current.parent) {
    segments.push(current.segment);
  }
  return segments.reverse().join('');
}

/** A pending piece of work: check `value`, or (when `exit`) finish the container `value`. */
interface Task {
  readonly value: unknown;
  readonly path: PathStep | undefined;
  readonly exit: boolean;
}

/** Stands for a missing element of a sparse array until the walk reaches it. */
const HOLE: unique symbol = Symbol('hole');

/**
 * Asserts that `value` is an Erlang term, all the way down.
 * @throws TermError naming the first offending part (depth first, in element order) in its
 * `path`: NaN, ±Infinity, `undefined`, `null`, an unregistered symbol, an atom name longer than
 * 255 characters, a string with a lone surrogate, an instance of an unmapped class, a sparse
 * array, a plain object with symbol keys, a `Map` holding the same term twice as keys, or a cycle.
 */
export function assertTerm(value: unknown): asserts value is Term {
  const inProgress = new Set<object>();
  const checked = new Set<object>();
  const stack: Task[] = [{ value, path: undefined, exit: false }];
  while (stack.length > 0) {
    const task = stack.pop()!;
    const current = task.value;
    if (task.exit) {
      inProgress.delete(current as object);
      checked.add(current as object);
      if (current instanceof Map) checkDistinctKeys(current, task.path);
      continue;
    }
    if (current === HOLE) fail('an array with a hole (a sparse array) is not a term', task.path);
    if (!isContainer(current, task.path)) continue;
    if (checked.has(current)) continue;
    if (inProgress.has(current)) {
      throw new TermError('the value contains itself (a cycle), so it is not a term', pathOf(task));
    }
    inProgress.add(current);
    stack.push({ value: current, path: task.path, exit: true });
    pushChildren(current, task.path, stack);
  }
}

/** Whether `value` is an Erlang term, all the way down. Never throws. */
export function isTerm(value: unknown): value is Term {
  try {
    assertTerm(value);
    return true;
  } catch (error) {
    if (error instanceof TermError) return false;
    throw error;
  }
}

function pathOf(task: Task): string {
  return renderPath(task.path);
}

function fail(message: string, path: PathStep | undefined): never {
  throw new TermError(message, renderPath(path));
}

/**
 * Checks the top level of `value`; returns true when it has parts to check (tuple, list, map),
 * false for a complete scalar term.
 */
function isContainer(value: unknown, path: PathStep | undefined): value is object {
  switch (typeof value) {
    case 'number':
      if (Number.isNaN(value)) fail('NaN is not a term: Erlang floats are never NaN', path);
      if (!Number.isFinite(value)) {
        fail(`${value} is not a term: Erlang floats are finite`, path);
      }
      return false;
    case 'bigint':
    case 'boolean':
    case 'function':
      return false;
    case 'string':
      checkWellFormed(value, 'a binary', path);
      return false;
    case 'symbol': {
      const name = Symbol.keyFor(value);
      if (name === undefined) {
        fail(
          'an unregistered symbol is not a term: atoms are registered symbols (atom() or Symbol.for())',
          path,
        );
      }
      checkWellFormed(name, 'an atom name', path);
      if ([...name].length > MAX_ATOM_CHARACTERS) {
        fail(`an atom name is at most ${MAX_ATOM_CHARACTERS} characters`, path);
      }
      return false;
    }
    case 'undefined':
      fail('undefined is not a term (the atom `undefined` is undefinedAtom)', path);
      break;
    case 'object':
      return checkObject(value, path);
  }
  fail(`a value of type ${typeof value} is not a term`, path);
}

function checkWellFormed(text: string, what: string, path: PathStep | undefined): void {
  if (text.isWellFormed()) return;
  let index = 0;
  while (index < text.length) {
    const unit = text.charCodeAt(index);
    if (unit >= 0xd800 && unit < 0xdc00) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next < 0xe000) {
        index += 2;
        continue;
      }
      break;
    }
    if (unit >= 0xdc00 && unit < 0xe000) break;
    index += 1;
  }
  fail(
    `${what} with a lone surrogate (at code unit ${index}) is not a term: it has no UTF-8 form`,
    path,
  );
}

function checkObject(value: object | null, path: PathStep | undefined): boolean {
  if (value === null) fail('null is not a term', path);
  if (Array.isArray(value)) return true;
  if (value instanceof List) {
    if (!Array.isArray(value.items)) fail('a List must hold its elements in an array', path);
    if (value.items.length === 0) {
      if (value !== nil) fail('an empty List other than nil is not a term', path);
      return false;
    }
    if (value.tail instanceof List && value.tail !== nil) {
      fail('a List tail must not be a non-empty List: build lists with list()', path);
    }
    return true;
  }
  if (value instanceof Uint8Array) return false;
  if (value instanceof Float) {
    if (typeof value.value !== 'number' || !Number.isFinite(value.value)) {
      fail('a Float must hold a finite number', path);
    }
    return false;
  }
  if (value instanceof Map) return true;
  if (value instanceof Bitstring) {
    if (!(value.bytes instanceof Uint8Array) || value.bitLength % 8 === 0) {
      fail('a Bitstring must hold bytes and a bit length that is not whole bytes', path);
    }
    return false;
  }
  if (value instanceof Pid || value instanceof Port || value instanceof Reference) {
    // The constructors check every field; this catches instances made without them.
    const words = value instanceof Reference ? value.ids : [value.id];
    if (
      !isAtom(value.node) ||
      !Number.isSafeInteger(value.creation) ||
      !Array.isArray(words) ||
      !words.every((word) => Number.isSafeInteger(word))
    ) {
      fail(`a ${value.constructor.name} must hold integer fields and an atom node`, path);
    }
    return false;
  }
  if (isPlainObject(value)) {
    if (Object.getOwnPropertySymbols(value).length > 0) {
      fail(
        'a plain object with symbol keys is not a term: map keys of an object are strings',
        path,
      );
    }
    return true;
  }
  fail(
    `an instance of ${value.constructor?.name ?? 'an unknown class'} is not a term (only the classes of term.ts, Map, Uint8Array, arrays and plain objects are)`,
    path,
  );
}

function pushChildren(value: object, path: PathStep | undefined, stack: Task[]): void {
  // Children go on the stack last first, so the first one is checked first.
  if (Array.isArray(value)) {
    for (let index = value.length - 1; index >= 0; index -= 1) {
      const step = { parent: path, segment: `[${index}]` };
      stack.push({ value: index in value ? value[index] : HOLE, path: step, exit: false });
    }
    return;
  }
  if (value instanceof List) {
    if (value.tail !== nil) {
      stack.push({ value: value.tail, path: { parent: path, segment: '.tail' }, exit: false });
    }
    for (let index = value.items.length - 1; index >= 0; index -= 1) {
      const step = { parent: path, segment: `.items[${index}]` };
      stack.push({ value: value.items[index], path: step, exit: false });
    }
    return;
  }
  if (value instanceof Map) {
    const entries = Array.from(value as Map<unknown, unknown>);
    for (let index = entries.length - 1; index >= 0; index -= 1) {
      const [key, entryValue] = entries[index]!;
      stack.push({
        value: entryValue,
        path: { parent: path, segment: `<map value ${index}>` },
        exit: false,
      });
      stack.push({
        value: key,
        path: { parent: path, segment: `<map key ${index}>` },
        exit: false,
      });
    }
    return;
  }
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record);
  for (let index = keys.length - 1; index >= 0; index -= 1) {
    const key = keys[index]!;
    const step = { parent: path, segment: `[${JSON.stringify(key)}]` };
    checkWellFormed(key, 'a map key (object property name)', step);
    stack.push({ value: record[key], path: step, exit: false });
  }
}

/** Rejects a `Map` with two keys that are the same term in different JS forms. */
function checkDistinctKeys(map: Map<unknown, unknown>, path: PathStep | undefined): void {
  if (map.size < 2) return;
  const buckets = new Map<number, Array<{ key: Term; index: number }>>();
  let index = 0;
  for (const key of map.keys()) {
    const term = key as Term;
    const code = hash(term);
    let bucket = buckets.get(code);
    if (bucket === undefined) {
      bucket = [];
      buckets.set(code, bucket);
    }
    for (const earlier of bucket) {
      if (exactEquals(earlier.key, term)) {
        fail(
          `map keys ${earlier.index} and ${index} are the same term in different JS forms, so the map has a duplicate key`,
          { parent: path, segment: `<map key ${index}>` },
        );
      }
    }
    bucket.push({ key: term, index });
    index += 1;
  }
}
