/**
 * The ordered-map conformance kit: `describeOrderedMap(name, factory, options)` registers, on
 * the caller's vitest run, the tests every {@link OrderedMap} backend must pass.
 *
 * Method: model-based testing (fast-check `fc.commands` + `fc.modelRun`). Each run builds a
 * map with the backend's factory and a {@link SortedArrayMap} (the trivially correct model),
 * drives both with the same random commands (set, setIfAbsent, delete, get, has, getEntry,
 * first, last, next/prev/ceiling/floor of present and absent keys, entries/keys/values over
 * random ranges in both directions, forEachInRange with early stop, clear, assignSorted valid
 * and invalid, sorted runs and range deletes), compares every answer, and after each mutating
 * command calls `validate()` and compares the whole contents (stored key objects by identity).
 * Key spaces: a tiny integer domain (constant collisions), a wider one, boxed keys compared by
 * a field (so the kept key object is observable) and short strings. On a failure fast-check
 * shrinks the command list and prints it with the seed to replay.
 *
 * Beside the random runs, fixed cases cover the corners: empty and one-key maps, equal keys,
 * long ascending and descending runs, deleting everything, assignSorted rejecting bad input,
 * comparators that throw midway through a mutation (the map must stay valid and unchanged),
 * instrument counters, and optionally a height bound supplied by the backend.
 *
 * Needs `vitest` and `fast-check`, both optional peer dependencies of `@tsunami/core`.
 */
import fc from 'fast-check';
import { describe, it } from 'vitest';
import { naturalComparator } from '../natural-comparator.js';
import type {
  Comparator,
  Entry,
  OrderedMap,
  OrderedMapFactory,
  RangeOptions,
  TreeCounters,
} from '../ordered-map.js';
import { SortedArrayMap } from '../sorted-array-map.js';

/**
 * The greatest height a backend allows for `size` entries. `afterDeletions` tells whether
 * entries have been deleted since the map was empty, for structures whose bound is weaker then
 * (a WAVL tree is an AVL tree until its first deletion).
 */
export type HeightBound = (size: number, afterDeletions: boolean) => number;

/** Options of {@link describeOrderedMap}. */
export interface OrderedMapKitOptions {
  /**
   * At least this many random commands run against the model for each key space (four key
   * spaces). Default 10,000; raise it for soak runs.
   */
  readonly commands?: number;
  /** Seed of the first random run (fast-check prints the seed of a failing run). */
  readonly seed?: number;
  /** Checked after every mutation of the random runs and of the sequential cases. */
  readonly heightBound?: HeightBound;
  /**
   * The counters the backend keeps, which must rise above zero under an instrumented
   * workload of inserts and deletes. Default `['comparisons']`.
   */
  readonly countersThatMove?: ReadonlyArray<keyof TreeCounters>;
  /** Entries in the long sequential cases (ascending, descending, delete all). Default 2,048. */
  readonly sequenceSize?: number;
}

const DEFAULT_COMMANDS = 10_000;
const DEFAULT_SEQUENCE_SIZE = 2048;
const MAX_COMMANDS_PER_RUN = 200;
const COUNTER_NAMES: ReadonlyArray<keyof TreeCounters> = [
  'comparisons',
  'singleRotations',
  'doubleRotations',
  'promotions',
  'demotions',
  'levelChanges',
];

/**
 * Registers the conformance tests of an ordered-map backend under `describe(name)`.
 *
 * @example
 * ```ts
 * import { describeOrderedMap } from '@tsunami/core/testing';
 * describeOrderedMap('WavlMap', (comparator, options) => new WavlMap(comparator, options), {
 *   heightBound: (size, afterDeletions) => (afterDeletions ? 2 : 1.4405) * Math.log2(size + 2),
 * });
 * ```
 */
export function describeOrderedMap(
  name: string,
  factory: OrderedMapFactory,
  options: OrderedMapKitOptions = {},
): void {
  const commands = options.commands ?? DEFAULT_COMMANDS;
  const sequenceSize = options.sequenceSize ?? DEFAULT_SEQUENCE_SIZE;
  const heightBound = options.heightBound;
  const countersThatMove = options.countersThatMove ?? ['comparisons'];

  describe(name, () => {
    for (const keySpace of KEY_SPACES) {
      it(`agrees with SortedArrayMap over ${commands} random commands on ${keySpace.name}`, () => {
        const executed = keySpace.run(factory, {
          commands,
          seed: options.seed,
          heightBound,
        });
        if (executed < commands) fail(`only ${executed} of ${commands} commands ran`);
      });
    }

    it('answers nothing when empty', () => checkEmpty(factory));
    it('holds one key', () => checkOneKey(factory));
    it('keeps the first of equal keys and replaces only the value', () => checkEqualKeys(factory));
    it('returns fresh entry arrays', () => checkFreshEntries(factory));
    it('stops forEachInRange only on false', () => checkForEachStop(factory));
    it('builds by ascending and descending runs and deletes everything', () =>
      checkSequences(factory, sequenceSize, heightBound));
    it('deletes everything in random order', () =>
      checkDeleteAll(factory, sequenceSize, heightBound));
    it('assignSorted replaces the contents and rejects unsorted or duplicate keys', () =>
      checkAssignSorted(factory));
    it('stays valid and unchanged when the comparator throws midway', () =>
      checkThrowingComparator(factory));
    it('counts work only when instrumented', () => checkCounters(factory, countersThatMove));
  });
}

/**
 * Throws when `map.stats().height` exceeds `bound(size, afterDeletions)`. For backends' own
 * tests; {@link describeOrderedMap} calls it after every mutation when given a bound.
 */
export function checkHeightBound<K, V>(
  map: OrderedMap<K, V>,
  bound: HeightBound,
  afterDeletions: boolean,
): void {
  const { size, height } = map.stats();
  const limit = bound(size, afterDeletions);
  if (height > limit) {
    fail(
      `height ${height} exceeds the bound ${limit} for ${size} entries${afterDeletions ? ' after deletions' : ''}`,
    );
  }
}

/**
 * Throws unless `actual` holds exactly the entries of `expected`, in order, with the same key
 * objects and values (compared with `Object.is`). Iterates both maps.
 */
export function assertSameEntries<K, V>(
  actual: OrderedMap<K, V>,
  expected: OrderedMap<K, V>,
  context = 'contents',
): void {
  if (actual.size !== expected.size) {
    fail(`${context}: size is ${actual.size}, expected ${expected.size}`);
  }
  assertEntryLists([...actual.entries()], [...expected.entries()], context);
}

// ---------------------------------------------------------------------------------------------
// Checks shared by the random runs and the fixed cases

function fail(message: string): never {
  throw new Error(message);
}

function show(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value === 'object' && value !== null) {
    try {
      return JSON.stringify(value);
    } catch {
      return String(value);
    }
  }
  return String(value);
}

function assertEntry<K, V>(
  actual: Entry<K, V> | undefined,
  expected: Entry<K, V> | undefined,
  context: string,
): void {
  if (expected === undefined) {
    if (actual !== undefined) fail(`${context}: got ${show(actual)}, expected undefined`);
    return;
  }
  if (!Array.isArray(actual) || actual.length !== 2) {
    fail(`${context}: got ${show(actual)}, expected the entry ${show(expected)}`);
  }
  if (!Object.is(actual[0], expected[0])) {
    fail(`${context}: key ${show(actual[0])} is not the stored key object ${show(expected[0])}`);
  }
  if (!Object.is(actual[1], expected[1])) {
    fail(`${context}: value ${show(actual[1])}, expected ${show(expected[1])}`);
  }
}

function assertEntryLists<K, V>(
  actual: ReadonlyArray<Entry<K, V>>,
  expected: ReadonlyArray<Entry<K, V>>,
  context: string,
): void {
  if (actual.length !== expected.length) {
    fail(`${context}: ${actual.length} entries, expected ${expected.length}`);
  }
  for (let index = 0; index < expected.length; index += 1) {
    assertEntry(actual[index], expected[index], `${context}, entry ${index}`);
  }
}

function assertSameList(
  actual: ReadonlyArray<unknown>,
  expected: ReadonlyArray<unknown>,
  context: string,
): void {
  if (actual.length !== expected.length) {
    fail(`${context}: ${actual.length} items, expected ${expected.length}`);
  }
  for (let index = 0; index < expected.length; index += 1) {
    if (!Object.is(actual[index], expected[index])) {
      fail(
        `${context}, item ${index}: got ${show(actual[index])}, expected ${show(expected[index])}`,
      );
    }
  }
}

function assertEqual(actual: unknown, expected: unknown, context: string): void {
  if (!Object.is(actual, expected)) {
    fail(`${context}: got ${show(actual)}, expected ${show(expected)}`);
  }
}

function assertThrows(action: () => unknown, context: string): void {
  try {
    action();
  } catch {
    return;
  }
  fail(`${context}: expected a throw`);
}

/** validate() plus an exact comparison with the model, and the height bound when given. */
function checkAfterMutation<K, V>(
  real: OrderedMap<K, V>,
  model: OrderedMap<K, V>,
  context: string,
  heightBound: HeightBound | undefined,
  afterDeletions: boolean,
): void {
  try {
    real.validate();
  } catch (error) {
    fail(`${context}: validate() threw: ${(error as Error).message}`);
  }
  assertSameEntries(real, model, context);
  if (heightBound !== undefined) {
    checkHeightBound(real, heightBound, afterDeletions);
  }
}

// ---------------------------------------------------------------------------------------------
// Key spaces of the random runs

interface KeySpace<K> {
  readonly name: string;
  readonly comparator: Comparator<K>;
  readonly key: fc.Arbitrary<K>;
  /** An equal key that is a different object, to look up with; absent for primitives. */
  readonly copy?: (key: K) => K;
}

interface Box {
  readonly rank: number;
  readonly tag: number;
}

let boxTags = 0;
const compareBoxes: Comparator<Box> = (a, b) => a.rank - b.rank;

/** A key space with its key type hidden, so spaces of different key types share one list. */
interface ModelRunner {
  readonly name: string;
  run(factory: OrderedMapFactory, settings: ModelSettings): number;
}

function modelRunner<K>(space: KeySpace<K>): ModelRunner {
  return { name: space.name, run: (factory, settings) => runModel(factory, space, settings) };
}

const KEY_SPACES: ReadonlyArray<ModelRunner> = [
  modelRunner<number>({
    name: 'integer keys 0..15',
    comparator: naturalComparator,
    key: fc.integer({ min: 0, max: 15 }),
  }),
  modelRunner<number>({
    name: 'integer keys -500..500',
    comparator: naturalComparator,
    key: fc.integer({ min: -500, max: 500 }),
  }),
  modelRunner<Box>({
    name: 'boxed keys ordered by a field',
    comparator: compareBoxes,
    key: fc.integer({ min: 0, max: 63 }).map((rank) => ({ rank, tag: boxTags++ })),
    copy: (key) => ({ rank: key.rank, tag: boxTags++ }),
  }),
  modelRunner<string>({
    name: 'string keys',
    comparator: naturalComparator,
    key: fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'Z', 'é', '😀'), maxLength: 3 }),
  }),
];

// ---------------------------------------------------------------------------------------------
// Commands of the random runs

interface Model<K> {
  readonly map: SortedArrayMap<K, number>;
  /** Each stored value is fresh, so a kept or replaced value is observable. */
  nextValue: number;
  /** Whether anything was deleted since the map was last empty (for the height bound). */
  deleted: boolean;
  executed: number;
  readonly heightBound: HeightBound | undefined;
  readonly keySpace: KeySpace<K>;
}

interface ModelSettings {
  readonly commands: number;
  readonly seed: number | undefined;
  readonly heightBound: HeightBound | undefined;
}

interface Real<K> {
  readonly map: OrderedMap<K, number>;
}

type KitCommand<K> = fc.Command<Model<K>, Real<K>>;

/** A key to use: a present key chosen by position when the model has keys, or `key`. */
interface KeyReference<K> {
  readonly present: boolean;
  readonly position: number;
  readonly key: K;
}

function keyReference<K>(key: fc.Arbitrary<K>): fc.Arbitrary<KeyReference<K>> {
  return fc.record({
    present: fc.boolean(),
    position: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
    key,
  });
}

function resolveKey<K>(reference: KeyReference<K>, model: Model<K>): K {
  const size = model.map.size;
  if (!reference.present || size === 0) return reference.key;
  const target = Math.floor(reference.position * size);
  let found: K = reference.key;
  let index = 0;
  model.map.forEachInRange({}, (key) => {
    if (index === target) {
      found = key;
      return false;
    }
    index += 1;
    return true;
  });
  return model.keySpace.copy === undefined ? found : model.keySpace.copy(found);
}

function showReference<K>(reference: KeyReference<K>): string {
  return reference.present
    ? `present@${reference.position.toFixed(3)}|${show(reference.key)}`
    : show(reference.key);
}

interface RangeSpec<K> {
  readonly low?: KeyReference<K>;
  readonly lowInclusive?: boolean;
  readonly high?: KeyReference<K>;
  readonly highInclusive?: boolean;
  readonly reverse?: boolean;
}

function rangeSpec<K>(key: fc.Arbitrary<K>): fc.Arbitrary<RangeSpec<K>> {
  const reference = keyReference(key);
  const general = fc.record(
    {
      low: reference,
      lowInclusive: fc.boolean(),
      high: reference,
      highInclusive: fc.boolean(),
      reverse: fc.boolean(),
    },
    { requiredKeys: [] },
  );
  // Equal bounds with one side exclusive: an empty range that is easy to get wrong.
  const point = fc
    .record({
      bound: reference,
      lowInclusive: fc.boolean(),
      highInclusive: fc.boolean(),
      reverse: fc.boolean(),
    })
    .map(({ bound, ...flags }) => ({ low: bound, high: bound, ...flags }));
  return fc.oneof({ arbitrary: general, weight: 4 }, { arbitrary: point, weight: 1 });
}

function resolveRange<K>(spec: RangeSpec<K>, model: Model<K>): RangeOptions<K> {
  const range: {
    low?: K;
    lowInclusive?: boolean;
    high?: K;
    highInclusive?: boolean;
    reverse?: boolean;
  } = {};
  if (spec.low !== undefined) range.low = resolveKey(spec.low, model);
  if (spec.lowInclusive !== undefined) range.lowInclusive = spec.lowInclusive;
  if (spec.high !== undefined) {
    // A point range reuses the low key object, as a caller asking for one key would.
    range.high = spec.high === spec.low ? (range.low as K) : resolveKey(spec.high, model);
  }
  if (spec.highInclusive !== undefined) range.highInclusive = spec.highInclusive;
  if (spec.reverse !== undefined) range.reverse = spec.reverse;
  return range;
}

function showRange<K>(spec: RangeSpec<K>): string {
  const parts: string[] = [];
  if (spec.low !== undefined) parts.push(`low: ${showReference(spec.low)}`);
  if (spec.lowInclusive !== undefined) parts.push(`lowInclusive: ${spec.lowInclusive}`);
  if (spec.high !== undefined) parts.push(`high: ${showReference(spec.high)}`);
  if (spec.highInclusive !== undefined) parts.push(`highInclusive: ${spec.highInclusive}`);
  if (spec.reverse !== undefined) parts.push(`reverse: ${spec.reverse}`);
  return `{ ${parts.join(', ')} }`;
}

/** Base of every command: counts it, and checks the structure after a mutation. */
abstract class BaseCommand<K> implements KitCommand<K> {
  check(): boolean {
    return true;
  }

  run(model: Model<K>, real: Real<K>): void {
    model.executed += 1;
    const mutated = this.apply(model, real);
    if (mutated) {
      if (model.map.size === 0) model.deleted = false;
      checkAfterMutation(real.map, model.map, `after ${this}`, model.heightBound, model.deleted);
    }
  }

  /** Runs the command on both maps and compares answers; returns whether it may have mutated. */
  protected abstract apply(model: Model<K>, real: Real<K>): boolean;
  abstract toString(): string;
}

class SetCommand<K> extends BaseCommand<K> {
  constructor(readonly reference: KeyReference<K>) {
    super();
  }
  protected apply(model: Model<K>, real: Real<K>): boolean {
    const key = resolveKey(this.reference, model);
    const value = model.nextValue++;
    model.map.set(key, value);
    const returned = real.map.set(key, value);
    if (returned !== real.map) fail(`${this}: set did not return the map`);
    return true;
  }
  toString(): string {
    return `set(${showReference(this.reference)})`;
  }
}

class SetIfAbsentCommand<K> extends BaseCommand<K> {
  constructor(readonly reference: KeyReference<K>) {
    super();
  }
  protected apply(model: Model<K>, real: Real<K>): boolean {
    const key = resolveKey(this.reference, model);
    const value = model.nextValue++;
    assertEqual(real.map.setIfAbsent(key, value), model.map.setIfAbsent(key, value), `${this}`);
    return true;
  }
  toString(): string {
    return `setIfAbsent(${showReference(this.reference)})`;
  }
}

class DeleteCommand<K> extends BaseCommand<K> {
  constructor(readonly reference: KeyReference<K>) {
    super();
  }
  protected apply(model: Model<K>, real: Real<K>): boolean {
    const key = resolveKey(this.reference, model);
    const expected = model.map.delete(key);
    if (expected) model.deleted = true;
    assertEqual(real.map.delete(key), expected, `${this}`);
    return true;
  }
  toString(): string {
    return `delete(${showReference(this.reference)})`;
  }
}

type LookupMethod = 'get' | 'has' | 'getEntry';

class LookupCommand<K> extends BaseCommand<K> {
  constructor(
    readonly method: LookupMethod,
    readonly reference: KeyReference<K>,
  ) {
    super();
  }
  protected apply(model: Model<K>, real: Real<K>): boolean {
    const key = resolveKey(this.reference, model);
    if (this.method === 'getEntry') {
      assertEntry(real.map.getEntry(key), model.map.getEntry(key), `${this}`);
    } else {
      assertEqual(real.map[this.method](key), model.map[this.method](key), `${this}`);
    }
    return false;
  }
  toString(): string {
    return `${this.method}(${showReference(this.reference)})`;
  }
}

type NavigationMethod = 'next' | 'prev' | 'ceiling' | 'floor';

class NavigateCommand<K> extends BaseCommand<K> {
  constructor(
    readonly method: NavigationMethod,
    readonly reference: KeyReference<K>,
  ) {
    super();
  }
  protected apply(model: Model<K>, real: Real<K>): boolean {
    const key = resolveKey(this.reference, model);
    assertEntry(real.map[this.method](key), model.map[this.method](key), `${this}`);
    return false;
  }
  toString(): string {
    return `${this.method}(${showReference(this.reference)})`;
  }
}

class EndsCommand<K> extends BaseCommand<K> {
  protected apply(model: Model<K>, real: Real<K>): boolean {
    assertEqual(real.map.size, model.map.size, 'size');
    assertEntry(real.map.first(), model.map.first(), 'first()');
    assertEntry(real.map.last(), model.map.last(), 'last()');
    return false;
  }
  toString(): string {
    return 'first(), last(), size';
  }
}

type IterationMethod = 'entries' | 'keys' | 'values' | 'iterator';

class IterateCommand<K> extends BaseCommand<K> {
  constructor(
    readonly method: IterationMethod,
    readonly spec: RangeSpec<K>,
  ) {
    super();
  }
  protected apply(model: Model<K>, real: Real<K>): boolean {
    const range = resolveRange(this.spec, model);
    const context = `${this}`;
    switch (this.method) {
      case 'iterator':
        assertEntryLists([...real.map], [...model.map], context);
        break;
      case 'entries':
        assertEntryLists([...real.map.entries(range)], [...model.map.entries(range)], context);
        break;
      case 'keys':
        assertSameList([...real.map.keys(range)], [...model.map.keys(range)], context);
        break;
      case 'values':
        assertSameList([...real.map.values(range)], [...model.map.values(range)], context);
        break;
    }
    return false;
  }
  toString(): string {
    return this.method === 'iterator'
      ? '[Symbol.iterator]()'
      : `${this.method}(${showRange(this.spec)})`;
  }
}

class ForEachCommand<K> extends BaseCommand<K> {
  /**
   * @param stopAt the call that returns `false` (1-based), or 0 for none
   * @param otherResult what every other call returns: falsy values that must not stop it
   */
  constructor(
    readonly spec: RangeSpec<K>,
    readonly stopAt: number,
    readonly otherResult: unknown,
  ) {
    super();
  }
  protected apply(model: Model<K>, real: Real<K>): boolean {
    const range = resolveRange(this.spec, model);
    const visitor = (visited: Array<Entry<K, number>>) => (key: K, value: number) => {
      visited.push([key, value]);
      return visited.length === this.stopAt ? false : this.otherResult;
    };
    const expected: Array<Entry<K, number>> = [];
    const actual: Array<Entry<K, number>> = [];
    const expectedCount = model.map.forEachInRange(range, visitor(expected));
    const actualCount = real.map.forEachInRange(range, visitor(actual));
    assertEntryLists(actual, expected, `${this} visits`);
    assertEqual(actualCount, expectedCount, `${this} count`);
    return false;
  }
  toString(): string {
    return `forEachInRange(${showRange(this.spec)}, stop at ${this.stopAt}, else ${show(this.otherResult)})`;
  }
}

class ClearCommand<K> extends BaseCommand<K> {
  protected apply(model: Model<K>, real: Real<K>): boolean {
    model.map.clear();
    real.map.clear();
    return true;
  }
  toString(): string {
    return 'clear()';
  }
}

/** Inserts many keys in ascending or descending order: the sequences that stress rebalancing. */
class SetRunCommand<K> extends BaseCommand<K> {
  constructor(
    readonly keys: ReadonlyArray<K>,
    readonly descending: boolean,
  ) {
    super();
  }
  protected apply(model: Model<K>, real: Real<K>): boolean {
    const comparator = model.keySpace.comparator;
    const ordered = [...this.keys].sort((a, b) =>
      this.descending ? comparator(b, a) : comparator(a, b),
    );
    for (const key of ordered) {
      const value = model.nextValue++;
      model.map.set(key, value);
      real.map.set(key, value);
      real.map.validate();
    }
    return true;
  }
  toString(): string {
    return `set each of ${show(this.keys)} ${this.descending ? 'descending' : 'ascending'}`;
  }
}

/** Deletes every present key of a range, in key order or reverse order. */
class DeleteRangeCommand<K> extends BaseCommand<K> {
  constructor(readonly spec: RangeSpec<K>) {
    super();
  }
  protected apply(model: Model<K>, real: Real<K>): boolean {
    const doomed = [...model.map.keys(resolveRange(this.spec, model))];
    for (const key of doomed) {
      model.map.delete(key);
      model.deleted = true;
      assertEqual(real.map.delete(key), true, `${this}: delete(${show(key)})`);
      real.map.validate();
    }
    return true;
  }
  toString(): string {
    return `delete every key in ${showRange(this.spec)}`;
  }
}

function sortedUnique<K>(keys: ReadonlyArray<K>, comparator: Comparator<K>): K[] {
  const sorted = [...keys].sort(comparator);
  return sorted.filter(
    (key, index) => index === 0 || comparator(sorted[index - 1] as K, key) !== 0,
  );
}

class AssignSortedCommand<K> extends BaseCommand<K> {
  constructor(readonly keys: ReadonlyArray<K>) {
    super();
  }
  protected apply(model: Model<K>, real: Real<K>): boolean {
    const entries = sortedUnique(this.keys, model.keySpace.comparator).map((key): [K, number] => [
      key,
      model.nextValue++,
    ]);
    model.map.assignSorted(entries);
    real.map.assignSorted(entries);
    model.deleted = false;
    return true;
  }
  toString(): string {
    return `assignSorted(${show(this.keys)})`;
  }
}

/** assignSorted of input that is not strictly ascending: both must throw and keep their contents. */
class AssignUnsortedCommand<K> extends BaseCommand<K> {
  constructor(
    readonly keys: ReadonlyArray<K>,
    readonly duplicate: boolean,
    readonly position: number,
  ) {
    super();
  }
  protected apply(model: Model<K>, real: Real<K>): boolean {
    const keys = sortedUnique(this.keys, model.keySpace.comparator);
    const at = Math.floor(this.position * keys.length);
    if (this.duplicate || keys.length < 2) {
      keys.splice(at, 0, keys[at] as K);
    } else {
      const swap = Math.min(at, keys.length - 2);
      [keys[swap], keys[swap + 1]] = [keys[swap + 1] as K, keys[swap] as K];
    }
    const entries = keys.map((key): [K, number] => [key, model.nextValue++]);
    assertThrows(() => model.map.assignSorted(entries), `model ${this}`);
    assertThrows(() => real.map.assignSorted(entries), `${this}`);
    return true;
  }
  toString(): string {
    return `assignSorted(${show(this.keys)} made ${this.duplicate ? 'duplicate' : 'unsorted'} at ${this.position.toFixed(3)})`;
  }
}

function commandArbitraries<K>(key: fc.Arbitrary<K>): Array<fc.Arbitrary<KitCommand<K>>> {
  const reference = keyReference(key);
  const range = rangeSpec(key);
  const position = fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true });
  const set = reference.map((ref) => new SetCommand(ref));
  const remove = reference.map((ref) => new DeleteCommand(ref));
  // fc.commands picks among the arbitraries uniformly, so common commands are listed twice.
  return [
    set,
    set,
    set,
    reference.map((ref) => new SetIfAbsentCommand(ref)),
    remove,
    remove,
    fc
      .tuple(fc.constantFrom<LookupMethod>('get', 'has', 'getEntry'), reference)
      .map(([method, ref]) => new LookupCommand(method, ref)),
    fc
      .tuple(fc.constantFrom<NavigationMethod>('next', 'prev', 'ceiling', 'floor'), reference)
      .map(([method, ref]) => new NavigateCommand(method, ref)),
    fc
      .tuple(fc.constantFrom<NavigationMethod>('next', 'prev', 'ceiling', 'floor'), reference)
      .map(([method, ref]) => new NavigateCommand(method, ref)),
    fc.constant(new EndsCommand<K>()),
    fc
      .tuple(fc.constantFrom<IterationMethod>('entries', 'keys', 'values', 'iterator'), range)
      .map(([method, spec]) => new IterateCommand(method, spec)),
    fc
      .tuple(range, fc.integer({ min: 0, max: 12 }), fc.constantFrom(undefined, true, 0, null, ''))
      .map(([spec, stopAt, other]) => new ForEachCommand(spec, stopAt, other)),
    fc
      .tuple(fc.array(key, { maxLength: 64 }), fc.boolean())
      .map(([keys, descending]) => new SetRunCommand(keys, descending)),
    range.map((spec) => new DeleteRangeCommand(spec)),
    fc.array(key, { maxLength: 200 }).map((keys) => new AssignSortedCommand(keys)),
    fc
      .tuple(fc.array(key, { minLength: 1, maxLength: 40 }), fc.boolean(), position)
      .map(([keys, duplicate, at]) => new AssignUnsortedCommand(keys, duplicate, at)),
    fc.constant(new ClearCommand<K>()),
  ];
}

/** Runs batches of random command lists until at least `commands` commands ran; returns how many. */
function runModel<K>(
  factory: OrderedMapFactory,
  keySpace: KeySpace<K>,
  settings: ModelSettings,
): number {
  const arbitrary = fc.commands(commandArbitraries(keySpace.key), {
    maxCommands: MAX_COMMANDS_PER_RUN,
    size: 'max',
  });
  let executed = 0;
  let batch = 0;
  while (executed < settings.commands) {
    const remaining = settings.commands - executed;
    const numRuns = Math.max(1, Math.ceil(remaining / (MAX_COMMANDS_PER_RUN / 2)));
    fc.assert(
      fc.property(arbitrary, (commands) => {
        const model: Model<K> = {
          map: new SortedArrayMap<K, number>(keySpace.comparator),
          nextValue: 0,
          deleted: false,
          executed: 0,
          heightBound: settings.heightBound,
          keySpace,
        };
        const real: Real<K> = { map: factory<K, number>(keySpace.comparator) };
        fc.modelRun(() => ({ model, real }), commands);
        executed += model.executed;
      }),
      {
        numRuns,
        ...(settings.seed === undefined ? {} : { seed: settings.seed + batch }),
      },
    );
    batch += 1;
  }
  return executed;
}

// ---------------------------------------------------------------------------------------------
// Fixed cases

function integerMap(factory: OrderedMapFactory, instrument = false): OrderedMap<number, number> {
  return factory<number, number>(naturalComparator, { instrument });
}

function checkEmpty(factory: OrderedMapFactory): void {
  const map = integerMap(factory);
  map.validate();
  assertEqual(map.size, 0, 'size');
  assertEqual(map.comparator, naturalComparator, 'comparator');
  for (const method of ['first', 'last'] as const) assertEntry(map[method](), undefined, method);
  for (const method of ['next', 'prev', 'ceiling', 'floor', 'getEntry'] as const) {
    assertEntry(map[method](1), undefined, `${method}(1)`);
  }
  assertEqual(map.get(1), undefined, 'get(1)');
  assertEqual(map.has(1), false, 'has(1)');
  assertEqual(map.delete(1), false, 'delete(1)');
  assertSameList([...map], [], 'iteration');
  assertSameList([...map.entries({ low: 0, high: 9, reverse: true })], [], 'entries(range)');
  assertSameList([...map.keys()], [], 'keys()');
  assertSameList([...map.values()], [], 'values()');
  assertEqual(
    map.forEachInRange({}, () => true),
    0,
    'forEachInRange',
  );
  const stats = map.stats();
  assertEqual(stats.size, 0, 'stats().size');
  assertEqual(stats.height, 0, 'stats().height');
  map.clear();
  map.assignSorted([]);
  map.validate();
  assertEqual(map.size, 0, 'size after clear and assignSorted([])');
}

function checkOneKey(factory: OrderedMapFactory): void {
  const map = integerMap(factory);
  map.set(5, 50);
  map.validate();
  assertEqual(map.size, 1, 'size');
  assertEntry(map.first(), [5, 50], 'first()');
  assertEntry(map.last(), [5, 50], 'last()');
  assertEntry(map.getEntry(5), [5, 50], 'getEntry(5)');
  assertEntry(map.ceiling(5), [5, 50], 'ceiling(5)');
  assertEntry(map.floor(5), [5, 50], 'floor(5)');
  assertEntry(map.ceiling(4), [5, 50], 'ceiling(4)');
  assertEntry(map.floor(6), [5, 50], 'floor(6)');
  assertEntry(map.next(4), [5, 50], 'next(4)');
  assertEntry(map.prev(6), [5, 50], 'prev(6)');
  assertEntry(map.next(5), undefined, 'next(5)');
  assertEntry(map.prev(5), undefined, 'prev(5)');
  assertEntry(map.ceiling(6), undefined, 'ceiling(6)');
  assertEntry(map.floor(4), undefined, 'floor(4)');
  assertSameList([...map.keys({ low: 5, lowInclusive: false })], [], 'keys(low 5 exclusive)');
  assertSameList([...map.keys({ high: 5, highInclusive: false })], [], 'keys(high 5 exclusive)');
  assertSameList([...map.keys({ low: 5, high: 5 })], [5], 'keys(5..5)');
  assertSameList([...map.keys({ low: 6, high: 4 })], [], 'keys(inverted)');
  assertEqual(map.stats().height >= 1, true, 'stats().height >= 1');
  assertEqual(map.delete(5), true, 'delete(5)');
  map.validate();
  assertEqual(map.size, 0, 'size after delete');
  assertEntry(map.first(), undefined, 'first() after delete');
}

function checkEqualKeys(factory: OrderedMapFactory): void {
  const map = factory<Box, string>(compareBoxes);
  const original = { rank: 1, tag: 1 };
  const equal = { rank: 1, tag: 2 };
  map.set({ rank: 0, tag: 0 }, 'zero');
  map.set(original, 'first');
  map.set(equal, 'second');
  map.validate();
  assertEqual(map.size, 2, 'size after setting equal keys');
  assertEntry(map.getEntry(equal), [original, 'second'], 'getEntry after set of an equal key');
  assertEqual(map.setIfAbsent({ rank: 1, tag: 3 }, 'third'), false, 'setIfAbsent of an equal key');
  assertEntry(map.getEntry(original), [original, 'second'], 'entry after setIfAbsent');
  assertSameList(
    [...map.keys()].map((key) => key.tag),
    [0, 1],
    'stored key tags',
  );
  assertEqual(map.delete({ rank: 1, tag: 4 }), true, 'delete by an equal key');
  assertEqual(map.has(original), false, 'has after delete');
  map.set(equal, 'again');
  map.validate();
  assertEntry(map.getEntry(original), [equal, 'again'], 'getEntry after reinsertion');
}

function checkFreshEntries(factory: OrderedMapFactory): void {
  const map = integerMap(factory);
  map.assignSorted([
    [1, 10],
    [2, 20],
    [3, 30],
  ]);
  const entries = [
    map.getEntry(2),
    map.first(),
    map.last(),
    map.next(1),
    map.prev(3),
    map.ceiling(2),
    map.floor(2),
    ...map.entries(),
    ...map,
  ];
  for (const entry of entries) {
    if (entry === undefined) fail('a navigation method returned undefined for a present key');
    entry[1] = -1;
  }
  if (entries[0] === entries[5]) fail('getEntry and ceiling returned the same array');
  assertSameList([...map.values()], [10, 20, 30], 'values after writing into returned entries');
  map.validate();
}

function checkForEachStop(factory: OrderedMapFactory): void {
  const map = integerMap(factory);
  map.assignSorted(Array.from({ length: 10 }, (_, index): [number, number] => [index, index]));
  const seen: number[] = [];
  const count = map.forEachInRange({ low: 2, reverse: false }, (key) => {
    seen.push(key);
    return key === 5 ? false : undefined;
  });
  assertSameList(seen, [2, 3, 4, 5], 'visited keys');
  assertEqual(count, 4, 'count, including the call that returned false');
  const reverseSeen: number[] = [];
  const reverseCount = map.forEachInRange(
    { high: 7, highInclusive: false, reverse: true },
    (key) => {
      reverseSeen.push(key);
      return key === 0 ? false : 0;
    },
  );
  assertSameList(reverseSeen, [6, 5, 4, 3, 2, 1, 0], 'reverse visited keys');
  assertEqual(reverseCount, 7, 'reverse count');
}

function checkSequences(
  factory: OrderedMapFactory,
  size: number,
  heightBound: HeightBound | undefined,
): void {
  for (const descending of [false, true]) {
    const map = integerMap(factory);
    const model = new SortedArrayMap<number, number>();
    const label = descending ? 'descending' : 'ascending';
    for (let step = 0; step < size; step += 1) {
      const key = descending ? size - step : step;
      map.set(key, step);
      model.set(key, step);
      map.validate();
      if (heightBound !== undefined) checkHeightBound(map, heightBound, false);
    }
    assertSameEntries(map, model, `after ${size} ${label} inserts`);
    // Delete from the same end the inserts ran towards, then the rest from the other end.
    const keys = [...model.keys()];
    const order = descending ? keys : keys.reverse();
    for (const [step, key] of order.entries()) {
      assertEqual(map.delete(key), true, `${label} delete(${key})`);
      model.delete(key);
      map.validate();
      if (heightBound !== undefined) checkHeightBound(map, heightBound, true);
      if (step % 256 === 0) assertSameEntries(map, model, `after ${label} deletes down to ${key}`);
    }
    assertEqual(map.size, 0, `size after deleting every ${label} key`);
    map.set(1, 1);
    map.validate();
  }
}

/** A small deterministic generator (mulberry32), so fixed cases need no fast-check run. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = Math.imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + Math.imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffled<T>(items: ReadonlyArray<T>, random: () => number): T[] {
  const result = [...items];
  for (let index = result.length - 1; index > 0; index -= 1) {
    const other = Math.floor(random() * (index + 1));
    [result[index], result[other]] = [result[other] as T, result[index] as T];
  }
  return result;
}

function checkDeleteAll(
  factory: OrderedMapFactory,
  size: number,
  heightBound: HeightBound | undefined,
): void {
  const random = seededRandom(size);
  const keys = shuffled(
    Array.from({ length: size }, (_, index) => index * 3),
    random,
  );
  const map = integerMap(factory);
  const model = new SortedArrayMap<number, number>();
  for (const key of keys) {
    map.set(key, key);
    model.set(key, key);
    if (heightBound !== undefined) checkHeightBound(map, heightBound, false);
  }
  map.validate();
  assertSameEntries(map, model, 'after random inserts');
  for (const [step, key] of shuffled(keys, random).entries()) {
    assertEqual(map.delete(key + 1), false, `delete of the absent key ${key + 1}`);
    assertEqual(map.delete(key), true, `delete(${key})`);
    model.delete(key);
    map.validate();
    if (heightBound !== undefined) checkHeightBound(map, heightBound, true);
    if (step % 128 === 0) assertSameEntries(map, model, `after deleting ${step + 1} keys`);
  }
  assertEqual(map.size, 0, 'size after deleting everything');
  assertEntry(map.first(), undefined, 'first() of the emptied map');
  assertEqual(map.stats().height, 0, 'stats().height of the emptied map');
  map.set(7, 7);
  map.validate();
  assertEntry(map.first(), [7, 7], 'first() after reuse');
}

function checkAssignSorted(factory: OrderedMapFactory): void {
  const map = integerMap(factory);
  const model = new SortedArrayMap<number, number>();
  for (const size of [1, 2, 3, 7, 100, 1000]) {
    const entries = Array.from({ length: size }, (_, index): [number, number] => [
      index * 2,
      index,
    ]);
    map.assignSorted(entries);
    model.assignSorted(entries);
    map.validate();
    assertSameEntries(map, model, `after assignSorted of ${size} entries`);
    // The map must keep working as an ordinary map after a bulk load.
    map.set(size, -1);
    model.set(size, -1);
    map.delete(0);
    model.delete(0);
    map.validate();
    assertSameEntries(map, model, `after mutating an assignSorted map of ${size}`);
  }
  const bad: Array<ReadonlyArray<readonly [number, number]>> = [
    [
      [1, 1],
      [1, 2],
    ],
    [
      [2, 1],
      [1, 2],
    ],
    [
      [1, 1],
      [2, 2],
      [3, 3],
      [3, 4],
    ],
    [
      [1, 1],
      [3, 3],
      [2, 2],
      [4, 4],
    ],
  ];
  for (const entries of bad) {
    assertThrows(() => map.assignSorted(entries), `assignSorted(${show(entries)})`);
    map.validate();
    assertSameEntries(map, model, `after the rejected assignSorted(${show(entries)})`);
  }
}

class Tripped extends Error {}

/** A comparator that throws on its nth call once armed. */
class Tripwire {
  remaining = Number.POSITIVE_INFINITY;
  readonly comparator: Comparator<number> = (a, b) => {
    this.remaining -= 1;
    if (this.remaining < 0) throw new Tripped('the comparator threw on purpose');
    return a - b;
  };
}

function checkThrowingComparator(factory: OrderedMapFactory): void {
  const size = 300;
  const operations: ReadonlyArray<[string, (map: OrderedMap<number, number>) => unknown]> = [
    ['set of a new key', (map) => map.set(301, -1)],
    ['set of a new middle key', (map) => map.set(151, -1)],
    ['set of a present key', (map) => map.set(150, -1)],
    ['setIfAbsent of a new key', (map) => map.setIfAbsent(-1, -1)],
    ['setIfAbsent of a present key', (map) => map.setIfAbsent(20, -1)],
    ['delete of a present key', (map) => map.delete(100)],
    ['delete of the root region', (map) => map.delete(300)],
    ['delete of an absent key', (map) => map.delete(101)],
    [
      'assignSorted',
      (map) => map.assignSorted(Array.from({ length: 50 }, (_, i): [number, number] => [i, i])),
    ],
  ];
  for (const [label, operation] of operations) {
    const tripwire = new Tripwire();
    const map = factory<number, number>(tripwire.comparator);
    for (const key of shuffled(
      Array.from({ length: size }, (_, index) => index * 2),
      seededRandom(size),
    )) {
      map.set(key, key);
    }
    const before = [...map.entries()];
    let trips = 0;
    for (let trip = 0; ; trip += 1) {
      tripwire.remaining = trip;
      try {
        operation(map);
      } catch (error) {
        if (!(error instanceof Tripped)) throw error;
        trips += 1;
        tripwire.remaining = Number.POSITIVE_INFINITY;
        map.validate();
        assertEntryLists(
          [...map.entries()],
          before,
          `${label}, comparator thrown on call ${trip + 1}`,
        );
        assertEqual(map.size, before.length, `${label}: size after the throw`);
        continue;
      }
      tripwire.remaining = Number.POSITIVE_INFINITY;
      break;
    }
    if (trips === 0) fail(`${label}: the operation never called the comparator`);
    map.validate();
  }
}

function checkCounters(
  factory: OrderedMapFactory,
  countersThatMove: ReadonlyArray<keyof TreeCounters>,
): void {
  const workload = (map: OrderedMap<number, number>) => {
    const random = seededRandom(7);
    const keys = shuffled(
      Array.from({ length: 1000 }, (_, index) => index),
      random,
    );
    for (let key = 0; key < 500; key += 1) map.set(key, key);
    for (const key of keys) map.set(key, key);
    for (const key of keys.slice(0, 700)) map.delete(key);
    for (let key = 0; key < 300; key += 1) map.set(-key, key);
    map.get(3);
    map.next(3);
  };

  const instrumented = integerMap(factory, true);
  workload(instrumented);
  const counted = instrumented.stats();
  assertEqual(counted.instrumented, true, 'stats().instrumented with instrument: true');
  assertEqual(counted.size, instrumented.size, 'stats().size');
  for (const name of countersThatMove) {
    if (!(counted.counters[name] > 0)) {
      fail(`counter ${name} is ${counted.counters[name]} after an instrumented workload`);
    }
  }
  instrumented.resetCounters();
  for (const name of COUNTER_NAMES) {
    assertEqual(instrumented.stats().counters[name], 0, `counter ${name} after resetCounters()`);
  }
  instrumented.get(3);
  if (!(instrumented.stats().counters.comparisons > 0)) {
    fail('comparisons did not rise after resetCounters() and a lookup');
  }

  for (const map of [integerMap(factory, false), factory<number, number>(naturalComparator)]) {
    workload(map);
    const stats = map.stats();
    assertEqual(stats.instrumented, false, 'stats().instrumented without instrument');
    for (const name of COUNTER_NAMES) {
      assertEqual(stats.counters[name], 0, `counter ${name} of a map built without instrument`);
    }
  }
}
