/**
 * The random runs of the ordered-map kit: fast-check model-based testing (`fc.commands` and
 * `fc.modelRun`) of a backend against {@link SortedArrayMap}. Each command runs on both maps
 * and compares their answers; after a mutating command the backend must `validate()`, hold
 * exactly the model's entries (same key objects, same values) and respect the height bound.
 * Keys are referred to either as random keys (mostly absent in wide domains) or as "the
 * present key at position p" resolved against the model when the command runs, so both hits
 * and misses are common whatever the map holds.
 */
import fc from 'fast-check';
import { naturalComparator } from '../natural-comparator.js';
import type {
  Comparator,
  Entry,
  OrderedMap,
  OrderedMapFactory,
  RangeOptions,
} from '../ordered-map.js';
import { SortedArrayMap } from '../sorted-array-map.js';
import {
  assertEntry,
  assertEntryLists,
  assertEqual,
  assertSameList,
  assertThrows,
  checkAfterMutation,
  fail,
  type HeightBound,
  show,
} from './ordered-map-assertions.js';

const MAX_COMMANDS_PER_RUN = 200;

interface KeySpace<K> {
  readonly name: string;
  readonly comparator: Comparator<K>;
  readonly key: fc.Arbitrary<K>;
  /** An equal key that is a different object, to look up with; absent for primitives. */
  readonly copy?: (key: K) => K;
}

export interface Box {
  readonly rank: number;
  readonly tag: number;
}

let boxTags = 0;
export const compareBoxes: Comparator<Box> = (a, b) => a.rank - b.rank;

/** A key space with its key type hidden, so spaces of different key types share one list. */
export interface ModelRunner {
  readonly name: string;
  run(factory: OrderedMapFactory, settings: ModelSettings): number;
}

function modelRunner<K>(space: KeySpace<K>): ModelRunner {
  return { name: space.name, run: (factory, settings) => runModel(factory, space, settings) };
}

export const KEY_SPACES: ReadonlyArray<ModelRunner> = [
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

interface Model<K> {
  readonly map: SortedArrayMap<K, number>;
  /** Each stored value is fresh, so a kept or replaced value is observable. */
  nextValue: number;
  /** Whether anything was deleted since the map was last empty (for the height bound). */
  deleted: boolean;
  executed: number;
  /** The key the last {@link WalkCommand} step arrived at; `undefined` to start a new walk. */
  walked: K | undefined;
  readonly heightBound: HeightBound | undefined;
  readonly keySpace: KeySpace<K>;
}

export interface ModelSettings {
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

/** `set`, or `setEntry` (optional: nothing when the map under test lacks it). */
class SetCommand<K> extends BaseCommand<K> {
  constructor(
    readonly method: 'set' | 'setEntry',
    readonly reference: KeyReference<K>,
  ) {
    super();
  }
  protected apply(model: Model<K>, real: Real<K>): boolean {
    const store = real.map[this.method]?.bind(real.map);
    if (store === undefined) return false;
    const key = resolveKey(this.reference, model);
    const value = model.nextValue++;
    model.map[this.method](key, value);
    if (store(key, value) !== real.map) fail(`${this}: ${this.method} did not return the map`);
    return true;
  }
  toString(): string {
    return `${this.method}(${showReference(this.reference)})`;
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
    const expected = model.map[this.method](key);
    assertEntry(real.map[this.method](key), expected, `${this}`);
    // The optional key-only forms of next and prev give the same entry's key.
    const keyOnly =
      this.method === 'next'
        ? real.map.nextKey
        : this.method === 'prev'
          ? real.map.prevKey
          : undefined;
    if (keyOnly !== undefined) {
      assertSameKey(keyOnly.call(real.map, key), expected?.[0], `${this} (key only)`);
    }
    return false;
  }
  toString(): string {
    return `${this.method}(${showReference(this.reference)})`;
  }
}

/**
 * Steps of a first/next (or last/prev) walk that carries on from where the previous walk command
 * stopped, across the changes made in between: each step passes the key the step before
 * returned, as `ets:next/2` callers do (a backend that remembers where it last was must notice
 * when that node has since been deleted or reused). With `keysOnly`, the steps after the first
 * use the optional `nextKey`/`prevKey` (the command does nothing without them). With `steps`
 * `'end'`, the walk goes on to the end of the map: from `first`, a walk of the whole map, after
 * which a binary search tree may have renumbered its nodes (`layout.ts`).
 */
class WalkCommand<K> extends BaseCommand<K> {
  constructor(
    readonly method: 'next' | 'prev',
    readonly steps: number | 'end',
    readonly keysOnly: boolean,
  ) {
    super();
  }
  protected apply(model: Model<K>, real: Real<K>): boolean {
    const stepKey = this.method === 'next' ? real.map.nextKey : real.map.prevKey;
    if (this.keysOnly && stepKey === undefined) return false;
    const steps = this.steps === 'end' ? Number.POSITIVE_INFINITY : this.steps;
    for (let step = 0; step < steps; step++) {
      const from = model.walked;
      // A walk to the end stops there (rather than start again from the first key).
      if (from === undefined && this.steps === 'end' && step > 0) break;
      const context = `${this} at step ${step} from ${show(from)}`;
      if (from === undefined) {
        const start = this.method === 'next' ? 'first' : 'last';
        const actual = real.map[start]();
        assertEntry(actual, model.map[start](), context);
        model.walked = actual?.[0];
      } else if (this.keysOnly) {
        const actual = stepKey!.call(real.map, from);
        assertSameKey(actual, model.map[this.method](from)?.[0], context);
        model.walked = actual;
      } else {
        const actual = real.map[this.method](from);
        assertEntry(actual, model.map[this.method](from), context);
        model.walked = actual?.[0];
      }
    }
    // A walk of the whole map may have renumbered a tree's nodes: check the tree after it.
    return this.steps === 'end';
  }
  toString(): string {
    return `walk ${this.keysOnly ? `${this.method}Key` : this.method} × ${this.steps}`;
  }
}

/** Fails unless `actual` is `expected` itself (the stored key object, or both `undefined`). */
function assertSameKey<K>(actual: K | undefined, expected: K | undefined, context: string): void {
  if (!Object.is(actual, expected))
    fail(`${context}: got ${show(actual)}, expected ${show(expected)}`);
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
  const set = reference.map((ref) => new SetCommand('set', ref));
  const remove = reference.map((ref) => new DeleteCommand(ref));
  // fc.commands picks among the arbitraries uniformly, so common commands are listed twice.
  return [
    set,
    set,
    set,
    reference.map((ref) => new SetIfAbsentCommand(ref)),
    reference.map((ref) => new SetCommand('setEntry', ref)),
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
    fc
      .tuple(
        fc.constantFrom<'next' | 'prev'>('next', 'prev'),
        // Up to 40 steps, so that keys read ahead of a walk come in batches of up to 32; or on
        // to the end of the map.
        fc.oneof(fc.integer({ min: 1, max: 40 }), fc.constant<'end'>('end')),
        fc.boolean(),
      )
      .map(([method, steps, keysOnly]) => new WalkCommand<K>(method, steps, keysOnly)),
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
          walked: undefined,
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
