/**
 * OTP's `ets` module: named and unnamed tables of tuples owned by processes, with OTP's access
 * rights, heirs, `give_away`, safe fixation and errors.
 *
 * Every public method validates all of its arguments and the table before it changes anything,
 * so a call that raises {@link EtsError} leaves every table as it was (a list insert is all or
 * nothing). Objects are copied in and out, and the table's own copies are updated in place (see
 * `copy.ts`).
 *
 * Table identifiers follow modern OTP: `new` returns a reference for an unnamed table and the
 * name atom for a named one; both forms find the table. Processes come from a
 * {@link ProcessRuntime}: the caller is `runtime.self()`, a table dies with its owner unless an
 * heir inherits it, and the heir or a `giveAway` recipient gets `{'ETS-TRANSFER', Tab, From, Data}`.
 *
 * Invariants: `byReference` holds every live table once; `byName` holds exactly the live named
 * tables under their current names; each live table has one owner-exit hook on its current owner
 * and one exit hook per process that has it fixed.
 */
import {
  type Atom,
  atom,
  atomName,
  compare,
  exactEquals,
  float,
  format,
  isAtom,
  isInteger,
  List,
  list,
  nil,
  Pid,
  Reference,
  type Term,
  type Tuple,
  undefinedAtom,
} from '@tsunami/core';
import {
  CompiledMatchSpec,
  type Fun2msOptions,
  fun2ms,
  type TestResult,
  testMatchSpec,
} from '@tsunami/matchspec';
import {
  deepCopy,
  hasStoredForm,
  readCopy,
  readKeyCopy,
  readTermCopy,
  shallowCopy,
  storedCopy,
  storeUpdate,
} from './copy.js';
import { EtsError, type EtsErrorCause } from './errors.js';
import { EMPTY_TABLE_WORDS, flatWords, OBJECT_OVERHEAD_WORDS } from './memory.js';
import {
  type Access,
  createOrderedMap,
  type Heir,
  optionsAsTerm,
  type ResolvedOptions,
  resolveOptions,
  type TableOptions,
} from './options.js';
import { NodeProcessRuntime, ProcessExit } from './process/node-runtime.js';
import type { ProcessRuntime } from './process/runtime.js';
import {
  type Continuation,
  matchDelete,
  matchSpecCompile,
  matchSpecRun,
  patternSpec,
  repairContinuation,
  type SelectChunk,
  type SelectTarget,
  selectByArity,
  selectCount,
  selectDelete,
  selectReplace,
} from './select.js';
import {
  HashTableStore,
  type KeyWithObjects,
  NO_SUCH_KEY,
  OrderedTableStore,
  type TableStore,
} from './store.js';
import {
  type FileResult,
  type FileToTabOptions,
  fileToTab,
  type TabToFileOptions,
  tabfileInfo,
  tabToFile,
} from './table-file.js';
import {
  resolveTableQueryOptions,
  TableQuery,
  type TableQueryOptions,
  tableQueryOptionsAsTerm,
} from './table-query.js';

/** A table identifier: a reference for an unnamed table, the name atom for a named one. */
export type TableId = Reference | Atom;

/** `'$end_of_table'`, what `first`/`next`/`last`/`prev` and `slot` return at the end. */
export const endOfTable: Atom = atom('$end_of_table');

/** `end_of_input`, what an {@link InitFun} returns when it has no more objects. */
export const endOfInput: Atom = atom('end_of_input');

/**
 * The loader of {@link Ets.initTable} (OTP's `InitFun`): called with the atom `read`, it returns
 * {@link endOfInput} or `[objects, next]`, a chunk of objects (an Erlang `List`, or a JS array
 * read as the list) and the loader to call next; called with the atom `close`, when inserting a
 * chunk failed, it may release what it holds (what it returns then is ignored).
 */
export type InitFun = (action: Atom) => InitResult;

/** What an {@link InitFun} returns for `read`. */
export type InitResult = Atom | readonly [objects: List | readonly Tuple[], next: InitFun];

/** An update operation of {@link Ets.updateCounter}: `Incr`, `{Pos, Incr}` or with a threshold. */
export type UpdateOperation =
  | number
  | bigint
  | readonly [position: number, increment: number | bigint]
  | readonly [
      position: number,
      increment: number | bigint,
      threshold: number | bigint,
      setValue: number | bigint,
    ];

/** The items of `ets:info/2`. */
export type InfoItem =
  | 'id'
  | 'decentralized_counters'
  | 'read_concurrency'
  | 'write_concurrency'
  | 'compressed'
  | 'memory'
  | 'owner'
  | 'heir'
  | 'name'
  | 'size'
  | 'node'
  | 'named_table'
  | 'type'
  | 'keypos'
  | 'protection'
  | 'fixed'
  | 'safe_fixed'
  | 'safe_fixed_monotonic_time'
  | 'stats';

/** The items `ets:info/1` lists, in OTP 27's order. */
const INFO_ALL_ITEMS: readonly InfoItem[] = [
  'id',
  'decentralized_counters',
  'read_concurrency',
  'write_concurrency',
  'compressed',
  'memory',
  'owner',
  'heir',
  'name',
  'size',
  'node',
  'named_table',
  'type',
  'keypos',
  'protection',
];

const INFO_ITEMS = new Set<string>([
  ...INFO_ALL_ITEMS,
  'fixed',
  'safe_fixed',
  'safe_fixed_monotonic_time',
  'stats',
]);

/** Options of {@link createEts}. */
export interface EtsOptions {
  /** The processes tables belong to. Default: a new {@link NodeProcessRuntime}. */
  readonly runtime?: ProcessRuntime;
}

interface Fixation {
  readonly pid: Pid;
  count: number;
  readonly cancel: () => void;
}

interface Table {
  readonly reference: Reference;
  name: Atom;
  /** Replaced whole when `setopts` changes the access rights. */
  options: ResolvedOptions;
  readonly store: TableStore;
  owner: Pid;
  heir: Heir | 'none';
  cancelOwnerHook: () => void;
  /** Fixes per process, by pid text; the time of the first fix while any is held. */
  readonly fixations: Map<string, Fixation>;
  fixedAt: { readonly wallMicroseconds: number; readonly monotonicNanoseconds: bigint } | undefined;
  /** False once the table is deleted (for the by-object cache of `accessible`). */
  live: boolean;
}

const TRANSFER = atom('ETS-TRANSFER');
const READ = atom('read');
const CLOSE = atom('close');
const atoms = {
  none: atom('none'),
  node: atom('nonode@nohost'),
} as const;

/** 2^18: the first word of a local reference stays below this, as in OTP. */
const REFERENCE_FIRST_WORD_LIMIT = 0x40000;

/** A map key for a pid: equal pids (`=:=`) give equal text. */
const pidText = (pid: Pid): string =>
  `${atomName(pid.node)}.${pid.id}.${pid.serial}.${pid.creation}`;
/**
 * Whether two pids are `=:=`. The owner of a table and the caller are usually the very same
 * object (the runtime's pid of the process), so identity answers first: the access check of
 * every write to a protected table (the default) asks this, and the full term comparison cost
 * about 30 ns of a 290 ns `update_counter` on a table in cache.
 */
const samePid = (left: Pid, right: Pid): boolean => left === right || exactEquals(left, right);
const isTuple = (term: unknown): term is Tuple => Array.isArray(term);

function addIntegers(left: number | bigint, right: number | bigint): number | bigint {
  if (typeof left === 'number' && typeof right === 'number') {
    const sum = left + right;
    if (Number.isSafeInteger(sum)) return sum;
  }
  return normalizeInteger(BigInt(left) + BigInt(right));
}

function normalizeInteger(value: bigint): number | bigint {
  return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
    ? Number(value)
    : value;
}

/**
 * An ETS instance: a namespace of tables over one process runtime. Create one with
 * {@link createEts}, or use the default instance {@link ets}. Methods are bound, so
 * `const { insert, lookup } = ets` works.
 */
export class Ets {
  /** The process runtime that owns the tables and names the caller. */
  readonly runtime: ProcessRuntime;
  private readonly byReference = new Map<string, Table>();
  private readonly byName = new Map<Atom, Table>();
  /** `byReference` by reference object, for the hot path; entries of deleted tables go stale. */
  private readonly tableOfReference = new WeakMap<Reference, Table>();
  /**
   * The reference {@link accessible} found last, and its table: always a live one, as
   * {@link drop} forgets it (both `undefined` before any).
   */
  private recentReference: Reference | undefined = undefined;
  private recentTable: Table | undefined = undefined;
  private referenceCounter = 0;
  private readonly instanceWord = Math.floor(Math.random() * 2 ** 32);

  constructor(options: EtsOptions = {}) {
    this.runtime = options.runtime ?? new NodeProcessRuntime();
    // All bound methods are defined in one call: adding them one by one under computed names
    // turns the instance into a dictionary-mode object in V8, after which every `this.field`
    // read and method call is a hash lookup (about 70 ns more on each `next` or `lookup`).
    const bound: PropertyDescriptorMap = {};
    for (const name of Object.getOwnPropertyNames(Ets.prototype)) {
      const member = (this as unknown as Record<string, unknown>)[name];
      if (name !== 'constructor' && typeof member === 'function') {
        const value = member.bind(this);
        bound[name] = { value, writable: true, enumerable: true, configurable: true };
      }
    }
    Object.defineProperties(this, bound);
  }

  // ---- tables ---------------------------------------------------------------------------

  /**
   * `ets:new/2`: creates a table owned by the calling process and returns its identifier (the
   * name for a named table, else a new reference).
   * @throws EtsError `badarg` when `name` is not an atom, an option is invalid, or a named
   * table of that name exists.
   */
  new(name: Atom, options: TableOptions = {}): TableId {
    this.runtime.checkCallerAlive?.();
    const resolved = resolveOptions(options);
    const fail = (cause?: EtsErrorCause): never => {
      throw new EtsError('new', [name, optionsAsTerm(options)], cause);
    };
    if (!isAtom(name)) fail();
    if (resolved === undefined) return fail();
    if (resolved.namedTable && this.byName.has(name)) fail('already_exists');
    const reference = this.newReference();
    const store: TableStore =
      resolved.type === 'ordered_set'
        ? new OrderedTableStore(createOrderedMap(resolved.backend, compare), resolved.keypos)
        : new HashTableStore(resolved.type, resolved.keypos);
    const owner = this.runtime.self();
    const table: Table = {
      reference,
      name,
      options: resolved,
      store,
      owner,
      heir: this.liveHeir(resolved.heir),
      cancelOwnerHook: () => {},
      fixations: new Map(),
      fixedAt: undefined,
      live: true,
    };
    this.byReference.set(referenceKey(reference), table);
    if (resolved.namedTable) this.byName.set(name, table);
    this.watchOwner(table);
    return this.identifierOf(table);
  }

  /** `ets:delete/1`: deletes the table. Needs write access. */
  delete(tab: TableId): true;
  /** `ets:delete/2`: deletes every object under `key`. */
  delete(tab: TableId, key: Term): true;
  delete(tab: TableId, key?: Term): true {
    // biome-ignore lint/complexity/noArguments: a rest parameter allocates an array per call.
    if (arguments.length === 1) {
      const table = this.resolve('delete', [tab], 'write');
      this.drop(table);
      return true;
    }
    const table =
      this.accessible(tab, 'write') ?? this.resolve('delete', [tab, key as Term], 'write');
    table.store.deleteKey(key as Term);
    return true;
  }

  /** `ets:delete_all_objects/1`. */
  deleteAllObjects(tab: TableId): true {
    const table = this.resolve('delete_all_objects', [tab], 'write');
    table.store.clear();
    return true;
  }

  /** `ets:delete_object/2`: deletes the objects exactly equal to `object`. */
  deleteObject(tab: TableId, object: Tuple): true {
    const args = [tab, object];
    const table = this.resolve('delete_object', args, 'write');
    this.checkObject(table, object, 'delete_object', args);
    table.store.deleteObject(object);
    return true;
  }

  // ---- insertion -------------------------------------------------------------------------

  /**
   * `ets:insert/2`: inserts one object (a tuple) or a `List` of them. A set replaces the object
   * with the same key, a bag skips an exact copy, a duplicate bag keeps every copy. A list is
   * inserted in order, all or nothing.
   */
  insert(tab: TableId, objects: Tuple | List): true {
    const fast = this.tableForOneTuple(tab, objects);
    if (fast !== undefined) {
      fast.store.insert(storedCopy(objects as Tuple));
      return true;
    }
    const table = this.resolve('insert', [tab, objects], 'write');
    this.insertAll(table, this.checkObjects(table, objects, 'insert', [tab, objects]));
    return true;
  }

  /**
   * `ets:insert_new/2`: as {@link insert}, but inserts nothing and returns false when any key is
   * already in the table.
   */
  insertNew(tab: TableId, objects: Tuple | List): boolean {
    const fast = this.tableForOneTuple(tab, objects);
    if (fast !== undefined) {
      if (fast.store.has(fast.store.keyOf(objects as Tuple))) return false;
      fast.store.insert(storedCopy(objects as Tuple));
      return true;
    }
    const table = this.resolve('insert_new', [tab, objects], 'write');
    const checked = this.checkObjects(table, objects, 'insert_new', [tab, objects]);
    if (checked.some((object) => table.store.has(table.store.keyOf(object)))) return false;
    this.insertAll(table, checked);
    return true;
  }

  /**
   * `ets:init_table/2`: deletes every object, then loads the table from `initFun`. It calls
   * `initFun(read)` and, while the result is `[objects, next]`, inserts the objects one by one
   * (as `insert`) and calls `next(read)`, until a loader returns `end_of_input`; returns true.
   * As in OTP, objects inserted before a failure stay: when an insert fails, the current chunk's
   * loader is called with `close` and the insert's {@link EtsError} is rethrown; a result that
   * is neither `end_of_input` nor `[list, function]` ends the call as OTP's `exit(Result)` does,
   * with a {@link ProcessExit} of that result; an error thrown by a loader propagates unchanged.
   * Needs write access.
   * @throws EtsError `badarg` for a bad table or access (nothing deleted) or when `initFun` is
   * not a function (OTP empties the table first, then raises `{badfun, F}`).
   */
  initTable(tab: TableId, initFun: InitFun): true {
    const args: Term[] = [tab, initFun as Term];
    const table = this.resolve('init_table', args, 'write');
    if (typeof initFun !== 'function') throw new EtsError('init_table', args);
    table.store.clear();
    let result = initFun(READ);
    while (result !== endOfInput) {
      if (!isTuple(result as Term) || (result as Tuple).length !== 2) {
        throw new ProcessExit(result as Term);
      }
      const [objects, next] = result as Tuple;
      const items = objects instanceof List ? objects.items : objects;
      if (!Array.isArray(items) || typeof next !== 'function') {
        throw new ProcessExit(result as Term);
      }
      this.loadChunk(tab, objects as List | readonly Tuple[], next as InitFun);
      result = (next as InitFun)(READ);
    }
    return true;
  }

  // ---- reading ---------------------------------------------------------------------------

  /** `ets:lookup/2`: the objects under `key` (an Erlang list, here a JS array). */
  lookup(tab: TableId, key: Term): Tuple[] {
    const table = this.accessible(tab, 'read') ?? this.resolve('lookup', [tab, key], 'read');
    return readCopies(table.store.lookup(key));
  }

  /** `ets:member/2`. */
  member(tab: TableId, key: Term): boolean {
    const table = this.accessible(tab, 'read') ?? this.resolve('member', [tab, key], 'read');
    return table.store.has(key);
  }

  /**
   * `ets:lookup_element/3,4`: element `position` of the object under `key` (of every object, as
   * an array, in a bag). Without `defaultValue` an absent key is `badarg`; with it (OTP 26+),
   * `defaultValue` is returned.
   */
  lookupElement(tab: TableId, key: Term, position: number): Term;
  lookupElement(tab: TableId, key: Term, position: number, defaultValue: Term): Term;
  lookupElement(tab: TableId, key: Term, position: number, defaultValue?: Term): Term {
    // biome-ignore lint/complexity/noArguments: a rest parameter allocates an array per call.
    const withDefault = arguments.length > 3;
    const fast = this.accessible(tab, 'read');
    // An element of a set's present key, the common call: no argument array, no objects array.
    if (
      fast !== undefined &&
      (fast.options.type === 'set' || fast.options.type === 'ordered_set') &&
      Number.isInteger(position) &&
      position >= 1
    ) {
      const object = fast.store.objectOf(key);
      if (object !== undefined && object.length >= position) {
        return readTermCopy(object, object[position - 1]!);
      }
    }
    const args: Term[] = withDefault
      ? [tab, key, position, defaultValue as Term]
      : [tab, key, position];
    const table = this.resolve('lookup_element', args, 'read');
    if (!isInteger(position) || position < 1) throw new EtsError('lookup_element', args);
    const objects = table.store.lookup(key);
    if (objects.length === 0) {
      if (withDefault) return defaultValue as Term;
      throw new EtsError('lookup_element', args, 'badkey');
    }
    if (objects.some((object) => object.length < position)) {
      throw new EtsError('lookup_element', args);
    }
    const index = Number(position) - 1;
    if (table.options.type === 'set' || table.options.type === 'ordered_set') {
      return readTermCopy(objects[0]!, objects[0]![index]!);
    }
    return list(...objects.map((object) => readTermCopy(object, object[index]!)));
  }

  /** `ets:take/2`: removes and returns the objects under `key`. */
  take(tab: TableId, key: Term): Tuple[] {
    const table = this.accessible(tab, 'write') ?? this.resolve('take', [tab, key], 'write');
    return table.store.take(key).map(readCopy);
  }

  /** `ets:tab2list/1`: every object, in table order. */
  tab2list(tab: TableId): Tuple[] {
    const table = this.resolve('tab2list', [tab], 'read');
    const objects: Tuple[] = [];
    table.store.forEachObject((object) => {
      objects.push(readCopy(object));
    });
    return objects;
  }

  // ---- traversal -------------------------------------------------------------------------

  /** `ets:first/1`: the first key, or {@link endOfTable}. */
  first(tab: TableId): Term {
    return this.keyResult(this.resolve('first', [tab], 'read').store.first());
  }

  /** `ets:last/1`: the last key of an ordered_set; the first key of other types. */
  last(tab: TableId): Term {
    return this.keyResult(this.resolve('last', [tab], 'read').store.last());
  }

  /**
   * `ets:next/2`: the key after `key`. In an ordered_set any key works (the next greater key);
   * in other types `key` must be in the table, or have been deleted since the table was fixed.
   */
  next(tab: TableId, key: Term): Term {
    return this.step('next', tab, key);
  }

  /** `ets:prev/2`: the key before `key` (for hash tables, as {@link next}). */
  prev(tab: TableId, key: Term): Term {
    return this.step('prev', tab, key);
  }

  /** `ets:first_lookup/1` (OTP 27): `[key, objects]` of the first key, or {@link endOfTable}. */
  firstLookup(tab: TableId): readonly [Term, Tuple[]] | Atom {
    const table = this.resolve('first_lookup', [tab], 'read');
    return this.withObjects(table, table.store.first());
  }

  /** `ets:last_lookup/1` (OTP 27). */
  lastLookup(tab: TableId): readonly [Term, Tuple[]] | Atom {
    const table = this.resolve('last_lookup', [tab], 'read');
    return this.withObjects(table, table.store.last());
  }

  /** `ets:next_lookup/2` (OTP 27). */
  nextLookup(tab: TableId, key: Term): readonly [Term, Tuple[]] | Atom {
    return this.stepLookup('next_lookup', tab, key);
  }

  /** `ets:prev_lookup/2` (OTP 27). */
  prevLookup(tab: TableId, key: Term): readonly [Term, Tuple[]] | Atom {
    return this.stepLookup('prev_lookup', tab, key);
  }

  /**
   * `ets:foldl/3`: folds `fold(object, accumulator)` over the objects in table order. The
   * table is fixed during the walk, so `fold` may change it.
   */
  foldl<A>(fold: (object: Tuple, accumulator: A) => A, initial: A, tab: TableId): A {
    return this.fold('foldl', fold, initial, tab, false);
  }

  /** `ets:foldr/3`: as {@link foldl}, from the last object (same order for hash tables). */
  foldr<A>(fold: (object: Tuple, accumulator: A) => A, initial: A, tab: TableId): A {
    return this.fold('foldr', fold, initial, tab, true);
  }

  /**
   * `ets:slot/2`: the objects of slot `index` (a key per slot for hash tables, the object of
   * rank `index` for an ordered_set), or {@link endOfTable} just past the last slot.
   */
  slot(tab: TableId, index: number): Tuple[] | Atom {
    const args = [tab, index];
    const table = this.resolve('slot', args, 'read');
    if (typeof index !== 'number' || !Number.isSafeInteger(index) || index < 0) {
      throw new EtsError('slot', args);
    }
    const objects = table.store.slot(index);
    if (objects === NO_SUCH_KEY) throw new EtsError('slot', args);
    return objects === undefined ? endOfTable : objects.map(readCopy);
  }

  /**
   * Tsunami only: checks every invariant of the table's structure (the tree's balance, the hash
   * store's index and slots) and of its bookkeeping; throws an Error naming what is broken.
   * Randomized tests call it after every operation. O(n).
   */
  validate(tab: TableId): void {
    const table = this.find('validate', [tab]);
    if (table === undefined) throw new EtsError('validate', [tab], 'id');
    table.store.validate();
    let count = 0;
    table.store.forEachObject((object) => {
      count += 1;
      if (!hasStoredForm(object)) {
        throw new Error('a stored object is frozen, or has an unfrozen part inside');
      }
      if (object.length < table.options.keypos) throw new Error('a stored object has no key');
    });
    if (count !== table.store.size) {
      throw new Error(`the table counts ${table.store.size} objects but holds ${count}`);
    }
  }

  // ---- select and match (select.ts) -----------------------------------------------------

  /** `ets:select/2`: the results of `spec` for every object, in table order. */
  select(tab: TableId, spec: Term): Term[];
  /**
   * `ets:select/3`: the first chunk of at least one and about `limit` results with a
   * continuation for {@link select}`(continuation)`, or `'$end_of_table'` when nothing matches.
   */
  select(tab: TableId, spec: Term, limit: number): SelectChunk | Atom;
  /** `ets:select/1`: the next chunk, or `'$end_of_table'`. */
  select(continuation: Continuation | Atom): SelectChunk | Atom;
  select(...args: unknown[]): Term[] | SelectChunk | Atom {
    return selectByArity(this.selectTarget, 'select', args as Term[], false);
  }

  /** `ets:select_reverse/1,2,3`: as {@link select}, in reverse key order for an ordered_set. */
  selectReverse(tab: TableId, spec: Term): Term[];
  selectReverse(tab: TableId, spec: Term, limit: number): SelectChunk | Atom;
  selectReverse(continuation: Continuation | Atom): SelectChunk | Atom;
  selectReverse(...args: unknown[]): Term[] | SelectChunk | Atom {
    return selectByArity(this.selectTarget, 'select_reverse', args as Term[], true);
  }

  /** `ets:select_count/2`: how many objects `spec` maps to `true`. */
  selectCount(tab: TableId, spec: Term): number {
    return selectCount(this.selectTarget, [tab, spec]);
  }

  /** `ets:select_delete/2`: deletes the objects `spec` maps to `true`; returns how many. */
  selectDelete(tab: TableId, spec: Term): number {
    return selectDelete(this.selectTarget, 'select_delete', [tab, spec], spec);
  }

  /**
   * `ets:select_replace/2`: replaces each matched object with the result of `spec`, which must
   * keep the key (else `badarg`); returns how many. Not for bags.
   */
  selectReplace(tab: TableId, spec: Term): number {
    return selectReplace(this.selectTarget, [tab, spec]);
  }

  /** `ets:match/2`: for each object matching `pattern`, the list of its `'$N'` bindings. */
  match(tab: TableId, pattern: Term): Term[];
  /** `ets:match/3`: in chunks, as {@link select}. */
  match(tab: TableId, pattern: Term, limit: number): SelectChunk | Atom;
  /** `ets:match/1`: the next chunk. */
  match(continuation: Continuation | Atom): SelectChunk | Atom;
  match(...args: unknown[]): Term[] | SelectChunk | Atom {
    return selectByArity(this.selectTarget, 'match', args as Term[], false, (pattern) =>
      patternSpec(pattern, false),
    );
  }

  /** `ets:match_object/1,2,3`: the objects matching `pattern`, as {@link match}. */
  matchObject(tab: TableId, pattern: Term): Tuple[];
  matchObject(tab: TableId, pattern: Term, limit: number): SelectChunk | Atom;
  matchObject(continuation: Continuation | Atom): SelectChunk | Atom;
  matchObject(...args: unknown[]): Term[] | SelectChunk | Atom {
    return selectByArity(this.selectTarget, 'match_object', args as Term[], false, (pattern) =>
      patternSpec(pattern, true),
    );
  }

  /** `ets:match_delete/2`: deletes the objects matching `pattern`. */
  matchDelete(tab: TableId, pattern: Term): true {
    return matchDelete(this.selectTarget, [tab, pattern]);
  }

  /** `ets:test_ms/2`: runs `spec` on `object` (`false` when no clause matches). */
  testMs(object: Tuple, spec: Term): TestResult {
    return testMatchSpec(object, spec, {
      context: { self: this.runtime.self(), node: atoms.node },
    });
  }

  /** `ets:match_spec_compile/1`. @throws EtsError `badarg` for an invalid specification. */
  matchSpecCompile(spec: Term): CompiledMatchSpec {
    return matchSpecCompile(spec);
  }

  /** `ets:match_spec_run/2`: the results of `compiled` for `objects`. */
  matchSpecRun(objects: Iterable<Term> | List, compiled: CompiledMatchSpec): Term[] {
    return matchSpecRun(objects, compiled);
  }

  /** `ets:is_compiled_ms/1`. */
  isCompiledMs(term: unknown): boolean {
    return term instanceof CompiledMatchSpec;
  }

  /**
   * `ets:fun2ms/1`: the match specification of an Erlang fun, given as its source text. OTP
   * translates the fun when the module is compiled (a parse transform) or, in the shell, when
   * the call is read; here the text is translated at the call, by `@tsunami/matchspec`.
   * `options.bindings` gives the values of variables the fun uses but does not bind, as the
   * shell's bindings do.
   * @example ets.select(tab, ets.fun2ms('fun({Id, Name}) when Id > 10 -> Name end'))
   * @throws Fun2msError (with ms_transform's message) when the fun cannot be translated;
   *   FunSyntaxError when the text is not a fun.
   */
  fun2ms(text: string, options?: Fun2msOptions): Term {
    return fun2ms(text, options);
  }

  /**
   * `ets:table/1,2`: a query handle over `tab`, a JS iterable in place of QLC's: each
   * iteration traverses the table as `options.traverse` says (`'select'` by default, in chunks
   * of `options.nObjects`, 100 by default), with the table fixed for the caller until it ends.
   * See `table-query.ts`. The table itself is checked when an iteration starts, as in OTP.
   * @example for (const object of ets.table(tab, { traverse: 'first_next' })) console.log(object);
   * @throws EtsError `badarg` for an unknown option or a bad `traverse` or `nObjects`.
   */
  table(tab: TableId, options: TableQueryOptions = {}): TableQuery {
    const resolved = resolveTableQueryOptions(options);
    if (resolved === undefined) {
      throw new EtsError('table', [tab, tableQueryOptionsAsTerm(options)]);
    }
    return new TableQuery(this, tab, resolved.traverse, resolved.chunk);
  }

  /**
   * `ets:repair_continuation/2`: a continuation that lost its compiled specification (through
   * `term_to_binary`) made usable again from `spec`, the specification it was made with.
   */
  repairContinuation(continuation: Term, spec: Term): Term {
    return repairContinuation(continuation, spec);
  }

  /**
   * The seam for select and match (`select.ts`): the table after the access check for `mode`.
   * @internal
   */
  selectTarget(functionName: string, args: readonly Term[], mode: 'read' | 'write'): SelectTarget {
    const table = this.resolve(functionName, args, mode);
    return {
      reference: table.reference,
      store: table.store,
      options: table.options,
      self: this.runtime.self(),
    };
  }

  // ---- updates ---------------------------------------------------------------------------

  /**
   * `ets:update_counter/3,4`: adds to integer counters of the object under `key` and returns the
   * new value (an array of values when `operation` is a `List` of operations). An operation is
   * `incr` (on the element after the key), `[pos, incr]`, or `[pos, incr, threshold, setValue]`
   * (the counter becomes `setValue` when it passes `threshold`). With `defaultObject`, an absent
   * key is first inserted as `defaultObject` with `key` in its key position. Sets only.
   */
  updateCounter(
    tab: TableId,
    key: Term,
    operation: UpdateOperation | List,
    defaultObject?: Tuple,
  ): number | bigint | (number | bigint)[] {
    // biome-ignore lint/complexity/noArguments: a rest parameter allocates an array per call.
    if (arguments.length === 3) {
      const table = this.accessible(tab, 'write');
      const value = table === undefined ? undefined : counterFastPath(table, key, operation);
      if (value !== undefined) return value;
      return this.updateCounters(tab, key, operation, []);
    }
    return this.updateCounters(tab, key, operation, [defaultObject as Tuple]);
  }

  /**
   * {@link updateCounter} in full: every form of operation, the default object and the errors.
   * Kept apart so that the fast path's calls do not allocate the context of `fail`'s closure.
   */
  private updateCounters(
    tab: TableId,
    key: Term,
    operation: UpdateOperation | List,
    rest: [] | [defaultObject: Tuple],
  ): number | bigint | (number | bigint)[] {
    const args: Term[] = [tab, key, operation as Term, ...rest];
    // Set once a default object stands in for an absent key: OTP has inserted it by then.
    let defaulted: Tuple | undefined;
    const fail = (cause?: EtsErrorCause): never => {
      if (defaulted !== undefined) this.insertedAndErased(table, defaulted);
      throw new EtsError('update_counter', args, cause);
    };
    const table = this.resolve('update_counter', args, 'write');
    const { type, keypos } = table.options;
    const defaultObject = rest[0];
    if (rest.length === 1 && !isTuple(defaultObject)) fail();
    if (type === 'bag' || type === 'duplicate_bag') fail('table_type');
    // OTP 29: a default too short to hold the key is rejected, whether the key exists or not.
    if (defaultObject !== undefined && defaultObject.length < keypos) fail('position');
    let object = table.store.objectOf(key);
    if (object === undefined && defaultObject === undefined) fail('badkey');
    // Operations are checked one by one as they are applied, so the first bad one decides the
    // error, as in OTP; nothing is stored unless all succeed.
    const items = operationItems(operation as Term);
    if (items === undefined) return fail();
    const stored = object;
    if (object === undefined) {
      object = withElement(defaultObject!, keypos - 1, key);
      defaulted = object;
    }
    // The one copy of the call: every operation is applied to it, and the table changes only
    // after the last one succeeded.
    const updated = shallowCopy(object);
    const results: (number | bigint)[] = [];
    for (const item of items) {
      // A bare increment is an operation only on its own, never inside a list.
      const parsed =
        isInteger(item) && operation instanceof List
          ? undefined
          : parseCounterOperation(item, keypos);
      if (parsed === undefined) return fail();
      const { position, increment, threshold, setValue } = parsed;
      if (position === keypos) fail('keypos');
      if (position < 1 || position > updated.length) fail('position');
      const current = updated[position - 1];
      if (!isInteger(current)) return fail();
      let value = addIntegers(current, increment);
      if (threshold !== undefined && setValue !== undefined) {
        const passed = increment >= 0 ? value > threshold : value < threshold;
        if (passed) value = setValue;
      }
      updated[position - 1] = value;
      results.push(value);
    }
    // Every operation succeeded: the new counters (integers) go into the stored object itself.
    if (stored === undefined) table.store.insert(storedCopy(updated));
    else storeUpdate(stored, updated, NO_ELEMENTS);
    return operation instanceof List ? results : results[0]!;
  }

  /**
   * `ets:update_element/3,4`: sets elements of the object under `key` from `[position, value]`
   * pairs (one pair or a `List`). Returns false when the key is absent, unless `defaultObject`
   * (OTP 27) is given: it is then inserted (with `key`) and updated. Sets only.
   */
  updateElement(
    tab: TableId,
    key: Term,
    elements: readonly [position: number, value: Term] | List,
    ...rest: [] | [defaultObject: Tuple]
  ): boolean {
    const args: Term[] = [tab, key, elements as Term, ...rest];
    // Set once a default object stands in for an absent key: OTP has inserted it by then.
    let defaulted: Tuple | undefined;
    const fail = (cause?: EtsErrorCause): never => {
      if (defaulted !== undefined) this.insertedAndErased(table, defaulted);
      throw new EtsError('update_element', args, cause);
    };
    const table = this.resolve('update_element', args, 'write');
    const { type, keypos } = table.options;
    if (type === 'bag' || type === 'duplicate_bag') fail();
    const defaultObject = rest[0];
    if (rest.length === 1 && !isTuple(defaultObject)) fail();
    // OTP 29: a default too short to hold the key is rejected, whether the key exists or not.
    if (defaultObject !== undefined && defaultObject.length < keypos) fail('position');
    let object = table.store.objectOf(key);
    // OTP looks at the element specifications only when there is an object to update.
    if (object === undefined && defaultObject === undefined) return false;
    const items = operationItems(elements as Term);
    if (items === undefined) return fail();
    const stored = object;
    if (object === undefined) {
      object = withElement(defaultObject!, keypos - 1, key);
      defaulted = object;
    }
    // One copy, changed only after every pair is checked; the new elements are copied in.
    const updated = shallowCopy(object);
    const replaced: number[] = [];
    for (const item of items) {
      if (!isTuple(item) || item.length !== 2 || !isInteger(item[0])) return fail();
      const position = typeof item[0] === 'bigint' ? Number.MAX_SAFE_INTEGER : item[0];
      if (position === keypos) fail('keypos');
      if (position < 1 || position > updated.length) fail('position');
      updated[position - 1] = item[1]!;
      replaced.push(position - 1);
    }
    if (stored === undefined) table.store.insert(storedCopy(updated));
    else storeUpdate(stored, updated, replaced);
    return true;
  }

  // ---- fixation, options, ownership ------------------------------------------------------

  /**
   * `ets:safe_fixtable/2`: fixes (or releases one fix of) the table for the calling process, so
   * that `first`/`next` over a hash table see every object present throughout exactly once.
   * A process's fixes are released when it exits.
   */
  safeFixtable(tab: TableId, fix: boolean): true {
    const args = [tab, fix];
    const table = this.resolve('safe_fixtable', args, 'read');
    if (typeof fix !== 'boolean') throw new EtsError('safe_fixtable', args);
    if (fix) this.fixFor(table, this.runtime.self());
    else this.unfixFor(table, this.runtime.self());
    return true;
  }

  /**
   * `ets:setopts/2`: changes the heir and the access rights (`{heir, ...}` and
   * `{protection, ...}`, the options OTP lets change). Only the owner may.
   */
  setopts(
    tab: TableId,
    options: { readonly heir?: Heir | 'none'; readonly access?: Access },
  ): true {
    const args: Term[] = [tab, optionsAsTerm(options)];
    const table = this.resolve('setopts', args, 'write');
    const changeable =
      typeof options === 'object' &&
      options !== null &&
      Object.keys(options).every((key) => key === 'heir' || key === 'access');
    const valid = changeable ? resolveOptions(options) : undefined;
    if (valid === undefined || !samePid(table.owner, this.runtime.self())) {
      throw new EtsError('setopts', args);
    }
    if (options.heir !== undefined) table.heir = this.liveHeir(valid.heir);
    if (options.access !== undefined) table.options = { ...table.options, access: valid.access };
    return true;
  }

  /**
   * `ets:give_away/3`: makes `pid` the owner and sends it `{'ETS-TRANSFER', Tab, Self, gift}`.
   * Only the owner may, to a live process other than itself.
   */
  giveAway(tab: TableId, pid: Pid, gift: Term): true {
    const args: Term[] = [tab, pid, gift];
    const table = this.resolve('give_away', args, 'write');
    if (!(pid instanceof Pid) || !this.runtime.isAlive(pid)) {
      throw new EtsError('give_away', args);
    }
    if (samePid(table.owner, pid)) throw new EtsError('give_away', args, 'owner');
    const self = this.runtime.self();
    if (!samePid(table.owner, self)) throw new EtsError('give_away', args, 'not_owner');
    this.transfer(table, pid, self, gift);
    return true;
  }

  /**
   * `ets:rename/2`: renames the table and returns its identifier. A named table is then found
   * by the new name only.
   */
  rename(tab: TableId, name: Atom): TableId {
    const args: Term[] = [tab, name];
    const table = this.resolve('rename', args, 'write');
    if (!isAtom(name)) throw new EtsError('rename', args);
    if (table.options.namedTable) {
      if (this.byName.has(name)) throw new EtsError('rename', args);
      this.byName.delete(table.name);
      this.byName.set(name, table);
    }
    table.name = name;
    return this.identifierOf(table);
  }

  /** `ets:whereis/1`: the reference of the named table `name`, or `undefined` (the atom). */
  whereis(name: Atom): Reference | Atom {
    if (!isAtom(name)) throw new EtsError('whereis', [name]);
    return this.byName.get(name)?.reference ?? undefinedAtom;
  }

  /** `ets:all/0`: the identifiers of every table, newest first. */
  all(): TableId[] {
    return [...this.byReference.values()].reverse().map((table) => this.identifierOf(table));
  }

  /**
   * `ets:info/1`: `[item, value]` pairs of the table (OTP 27's items and order), or the atom
   * `undefined` when no such table exists. Needs no access rights.
   */
  info(tab: TableId): Array<readonly [Atom, Term]> | Atom;
  /** `ets:info/2`: one item, or the atom `undefined` when no such table exists. */
  info(tab: TableId, item: InfoItem | Atom): Term;
  info(tab: TableId, ...rest: [] | [InfoItem | Atom]): Term | Array<readonly [Atom, Term]> {
    const item = rest[0];
    const itemName =
      typeof item === 'string' ? item : isAtom(item) ? (item as symbol).description : undefined;
    const args: Term[] =
      rest.length === 0 ? [tab] : [tab, typeof item === 'string' ? atom(item) : (item as Term)];
    const table = this.find('info', args);
    if (rest.length === 1 && (itemName === undefined || !INFO_ITEMS.has(itemName))) {
      if (table === undefined) return undefinedAtom;
      throw new EtsError('info', args);
    }
    if (table === undefined) return undefinedAtom;
    if (rest.length === 0) {
      return INFO_ALL_ITEMS.map((name) => [atom(name), this.infoItem(table, name)] as const);
    }
    return this.infoItem(table, itemName as InfoItem);
  }

  /**
   * `ets:i/0,1`: prints a summary of every table, or the objects of one, through `print`
   * (default `console.log`).
   */
  i(tab?: TableId, print: (line: string) => void = console.log): void {
    if (tab !== undefined) {
      for (const object of this.tab2list(tab)) print(format(object as Term[]));
      return;
    }
    print(' id              name              type  size   mem      owner');
    print(' ----------------------------------------------------------------------------');
    for (const id of this.all()) {
      const table = this.find('i', [id])!;
      const cells = [
        format(this.identifierOf(table)).padEnd(16),
        format(table.name).padEnd(17),
        table.options.type.padEnd(5),
        String(table.store.size).padEnd(6),
        String(this.memoryOf(table)).padEnd(8),
        format(table.owner),
      ];
      print(` ${cells.join(' ')}`);
    }
  }

  // ---- files (table-file.ts) ------------------------------------------------------------

  /**
   * `ets:tab2file/2,3`: dumps the table to `filename` in OTP's format (a `disk_log` that real
   * Erlang's `ets:file2tab` reads). Returns the atom `ok` or `[error, Reason]` with OTP's reason
   * (`badtab`, `eaccess`, `{file_error, File, Posix}`, `{unknown_option, ...}`). Needs read access.
   */
  tab2file(
    tab: TableId,
    filename: string,
    options: TabToFileOptions = {},
  ): Atom | readonly [Atom, Term] {
    return tabToFile(this, tab, filename, options);
  }

  /**
   * `ets:file2tab/1,2`: creates a table, owned by the caller, from a file written by
   * {@link tab2file} or by OTP. Returns `[ok, TableId]` or `[error, Reason]` with OTP's reason
   * (`badfile`, `cannot_create_table`, `checksum_error`, `invalid_object_count`,
   * `{read_error, ...}`, `{unsupported_file_version, ...}`).
   */
  file2tab(filename: string, options: FileToTabOptions = {}): FileResult<TableId> {
    return fileToTab(this, filename, options);
  }

  /**
   * `ets:tabfile_info/1`: `[ok, Items]` with the `name`, `type`, `protection`, `named_table`,
   * `keypos`, `size`, `extended_info` and `version` pairs of a table file, or `[error, Reason]`.
   */
  tabfileInfo(filename: string): FileResult<Array<readonly [Atom, Term]>> {
    return tabfileInfo(filename);
  }

  // ---- internals -------------------------------------------------------------------------

  private newReference(): Reference {
    this.referenceCounter += 1;
    const counter = this.referenceCounter;
    return new Reference([
      counter % REFERENCE_FIRST_WORD_LIMIT,
      Math.floor(counter / REFERENCE_FIRST_WORD_LIMIT),
      this.instanceWord,
    ]);
  }

  private madeReference(reference: Reference): boolean {
    const [low, high, instance] = reference.ids;
    if (reference.ids.length !== 3 || instance !== this.instanceWord) return false;
    const counter = high! * REFERENCE_FIRST_WORD_LIMIT + low!;
    return counter >= 1 && counter <= this.referenceCounter;
  }

  private identifierOf(table: Table): TableId {
    return table.options.namedTable ? table.name : table.reference;
  }

  /** The table `tab` names, `undefined` when none; `badarg` (`type`) for a non-identifier. */
  private find(functionName: string, args: readonly Term[]): Table | undefined {
    this.runtime.checkCallerAlive?.();
    const tab = args[0];
    if (isAtom(tab)) return this.byName.get(tab);
    if (tab instanceof Reference) {
      const table = this.byReference.get(referenceKey(tab));
      // OTP tells a deleted table's reference (`id`) from a reference that never named a
      // table (`type`); here the references this instance made are the table references.
      if (table !== undefined || this.madeReference(tab)) return table;
    }
    throw new EtsError(functionName, args, 'type');
  }

  /** The table, after the access check for `mode`; `badarg` with OTP's cause otherwise. */
  private resolve(functionName: string, args: readonly Term[], mode: 'read' | 'write'): Table {
    const table = this.find(functionName, args);
    if (table === undefined) throw new EtsError(functionName, args, 'id');
    if (!this.mayAccess(table, mode)) throw new EtsError(functionName, args, 'access');
    return table;
  }

  /**
   * The table `tab` names when it exists and the caller may access it for `mode`, else
   * `undefined`: the hot calls' fast path, which allocates nothing (no argument array) and
   * leaves every error to {@link resolve}, which they call when this fails.
   */
  private accessible(tab: TableId, mode: 'read' | 'write'): Table | undefined {
    this.runtime.checkCallerAlive?.();
    let table: Table | undefined;
    if (tab === this.recentReference) {
      // Callers pass the same reference object call after call: no lookup at all.
      table = this.recentTable;
    } else if (tab instanceof Reference) {
      // Each other reference object: one WeakMap lookup.
      table = this.tableOfReference.get(tab);
      if (table === undefined) {
        table = this.byReference.get(referenceKey(tab));
        if (table !== undefined) this.tableOfReference.set(tab, table);
      } else if (!table.live) {
        return undefined;
      }
      if (table !== undefined) {
        this.recentReference = tab;
        this.recentTable = table;
      }
    } else if (isAtom(tab)) {
      table = this.byName.get(tab);
    }
    return table !== undefined && this.mayAccess(table, mode) ? table : undefined;
  }

  /**
   * The table of an `insert` or `insert_new` of one valid tuple, the common call, which is then
   * checked and copied without the list path's arrays; `undefined` for every other call (a
   * list, a bad object, a bad table or access), which takes the full check.
   */
  private tableForOneTuple(tab: TableId, objects: Tuple | List): Table | undefined {
    const table = this.accessible(tab, 'write');
    return table !== undefined && isTuple(objects) && objects.length >= table.options.keypos
      ? table
      : undefined;
  }

  /**
   * A heir as OTP stores it: `none` when its process is not alive, else the table's own copy (so
   * the caller's later changes to the data it passed do not reach the heir).
   */
  private liveHeir(heir: Heir | 'none'): Heir | 'none' {
    if (heir === 'none' || !this.runtime.isAlive(heir.pid)) return 'none';
    return heir.data === undefined
      ? { pid: heir.pid }
      : { pid: heir.pid, data: deepCopy(heir.data) };
  }

  /** The access check; asks the runtime for the caller only when the answer depends on it. */
  private mayAccess(table: Table, mode: 'read' | 'write'): boolean {
    const access: Access = table.options.access;
    if (access === 'public' || (access === 'protected' && mode === 'read')) return true;
    return samePid(table.owner, this.runtime.self());
  }

  private checkObject(table: Table, object: Term, functionName: string, args: Term[]): Tuple {
    if (!isTuple(object) || object.length < table.options.keypos) {
      throw new EtsError(functionName, args);
    }
    return object;
  }

  private checkObjects(
    table: Table,
    objects: Term,
    functionName: string,
    args: Term[],
  ): readonly Tuple[] {
    if (objects instanceof List) {
      if (objects.tail !== nil) throw new EtsError(functionName, args);
      return objects.items.map((object) => this.checkObject(table, object, functionName, args));
    }
    return [this.checkObject(table, objects, functionName, args)];
  }

  /**
   * One chunk of {@link initTable}: each object inserted as `ets:insert/2` would (OTP's
   * `init_table_sub`); on a failure `loader(close)` is called, its own failure ignored, and the
   * failure rethrown. An improper list's tail fails as OTP's `function_clause` does.
   */
  private loadChunk(tab: TableId, objects: List | readonly Tuple[], loader: InitFun): void {
    try {
      const items = objects instanceof List ? objects.items : objects;
      for (const object of items) this.insert(tab, object as Tuple);
      if (objects instanceof List && objects.tail !== nil) {
        throw new ProcessExit(atom('function_clause'));
      }
    } catch (error) {
      try {
        loader(CLOSE);
      } catch {
        // OTP's `(catch Fun(close))`: the insert's failure is the one reported.
      }
      throw error;
    }
  }

  /**
   * What OTP leaves of a default object that an `update_counter`/`update_element` inserted
   * before an operation failed and erased again: nothing, except in a fixed table, where the
   * erased key stays a tombstone that `next` may still step from.
   */
  private insertedAndErased(table: Table, object: Tuple): void {
    if (table.fixations.size === 0 || table.store.has(table.store.keyOf(object))) return;
    table.store.insert(storedCopy(object));
    table.store.deleteKey(table.store.keyOf(object));
  }

  private insertAll(table: Table, objects: readonly Tuple[]): void {
    // Copies first, so a copy that fails (it cannot, but a term that throws could) changes nothing.
    const copies = objects.map(storedCopy);
    for (const copy of copies) table.store.insert(copy);
  }

  /**
   * The estimate of `memory.ts`, summed over the objects on demand: O(n) for `info`, so that
   * inserts and deletes pay nothing for it.
   */
  private memoryOf(table: Table): number {
    const tree = table.options.type === 'ordered_set';
    const overhead = tree ? OBJECT_OVERHEAD_WORDS.tree : OBJECT_OVERHEAD_WORDS.hash;
    let words = tree ? EMPTY_TABLE_WORDS.tree : EMPTY_TABLE_WORDS.hash;
    table.store.forEachObject((object) => {
      words += flatWords(object) + overhead;
    });
    return words;
  }

  private keyResult(key: Term | undefined): Term {
    return key === undefined ? endOfTable : readKeyCopy(key);
  }

  private step(functionName: 'next' | 'prev', tab: TableId, key: Term): Term {
    const table = this.accessible(tab, 'read') ?? this.resolve(functionName, [tab, key], 'read');
    const found = functionName === 'next' ? table.store.next(key) : table.store.prev(key);
    if (found === NO_SUCH_KEY) throw new EtsError(functionName, [tab, key]);
    return this.keyResult(found);
  }

  private stepLookup(
    functionName: 'next_lookup' | 'prev_lookup',
    tab: TableId,
    key: Term,
  ): readonly [Term, Tuple[]] | Atom {
    const table = this.accessible(tab, 'read') ?? this.resolve(functionName, [tab, key], 'read');
    const found =
      functionName === 'next_lookup'
        ? table.store.nextWithObjects(key)
        : table.store.prevWithObjects(key);
    if (found === NO_SUCH_KEY) throw new EtsError(functionName, [tab, key]);
    return found === undefined ? endOfTable : readKeyWithObjects(found);
  }

  private withObjects(table: Table, key: Term | undefined): readonly [Term, Tuple[]] | Atom {
    if (key === undefined) return endOfTable;
    return readKeyWithObjects([key, table.store.lookup(key)]);
  }

  private fold<A>(
    functionName: 'foldl' | 'foldr',
    fold: (object: Tuple, accumulator: A) => A,
    initial: A,
    tab: TableId,
    reverse: boolean,
  ): A {
    const table = this.resolve(functionName, [tab], 'read');
    const self = this.runtime.self();
    this.fixFor(table, self);
    try {
      let accumulator = initial;
      let key = reverse ? table.store.last() : table.store.first();
      while (key !== undefined && key !== NO_SUCH_KEY) {
        for (const object of table.store.lookup(key)) {
          accumulator = fold(readCopy(object), accumulator);
        }
        if (!this.byReference.has(referenceKey(table.reference))) break;
        key = reverse ? table.store.prev(key) : table.store.next(key);
      }
      return accumulator;
    } finally {
      if (this.byReference.has(referenceKey(table.reference))) this.unfixFor(table, self);
    }
  }

  private fixFor(table: Table, pid: Pid): void {
    const existing = table.fixations.get(pidText(pid));
    if (table.fixations.size === 0) {
      table.fixedAt = {
        wallMicroseconds: Math.round((performance.timeOrigin + performance.now()) * 1000),
        monotonicNanoseconds: process.hrtime.bigint(),
      };
    }
    table.store.fix();
    if (existing !== undefined) {
      existing.count += 1;
      return;
    }
    const cancel = this.runtime.onExit(pid, () => {
      const fixation = table.fixations.get(pidText(pid));
      if (fixation === undefined) return;
      table.fixations.delete(pidText(pid));
      for (let release = 0; release < fixation.count; release += 1) table.store.unfix();
      if (table.fixations.size === 0) table.fixedAt = undefined;
    });
    table.fixations.set(pidText(pid), { pid, count: 1, cancel });
  }

  private unfixFor(table: Table, pid: Pid): void {
    const fixation = table.fixations.get(pidText(pid));
    if (fixation === undefined) return;
    fixation.count -= 1;
    table.store.unfix();
    if (fixation.count === 0) {
      fixation.cancel();
      table.fixations.delete(pidText(pid));
      if (table.fixations.size === 0) table.fixedAt = undefined;
    }
  }

  private watchOwner(table: Table): void {
    table.cancelOwnerHook = this.runtime.onExit(table.owner, () => this.ownerExited(table));
  }

  private ownerExited(table: Table): void {
    if (!this.byReference.has(referenceKey(table.reference))) return;
    const heir = table.heir;
    const from = table.owner;
    if (heir !== 'none' && !samePid(heir.pid, from) && this.runtime.isAlive(heir.pid)) {
      this.transfer(table, heir.pid, from, heir.data);
      return;
    }
    this.drop(table);
  }

  /** Makes `to` the owner; sends it `'ETS-TRANSFER'` with `data` unless there is none. */
  private transfer(table: Table, to: Pid, from: Pid, data: Term | undefined): void {
    table.cancelOwnerHook();
    table.owner = to;
    this.watchOwner(table);
    if (data === undefined) return;
    // A message is a copy, as in Erlang: the heir data stays the table's.
    this.runtime.send(to, [TRANSFER, this.identifierOf(table), from, deepCopy(data)]);
  }

  private drop(table: Table): void {
    table.cancelOwnerHook();
    for (const fixation of table.fixations.values()) fixation.cancel();
    table.fixations.clear();
    table.live = false;
    if (this.recentTable === table) {
      // A deleted table's objects must not stay reachable through the cache.
      this.recentReference = undefined;
      this.recentTable = undefined;
    }
    this.byReference.delete(referenceKey(table.reference));
    if (table.options.namedTable && this.byName.get(table.name) === table) {
      this.byName.delete(table.name);
    }
  }

  /**
   * `ets:info(T, stats)` as OTP shapes it for a hash table: `{Buckets, AverageLength,
   * StandardDeviation, ExpectedStandardDeviation, MinimumLength, MaximumLength, Kept, Locks}`,
   * over Tsunami's buckets (one key per slot); `false` for an ordered_set. Locks is 64 with
   * write concurrency, else 1, as OTP reports.
   */
  private statistics(table: Table): Term {
    const chains = table.store.chainStatistics();
    if (chains === undefined) return false;
    const { buckets, items, minimum, maximum, sumOfSquares, kept } = chains;
    const average = items / buckets;
    const variance = Math.max(0, sumOfSquares / buckets - average * average);
    const expected = Math.sqrt(average * (1 - 1 / buckets));
    const locks = table.options.writeConcurrency === false ? 1 : 64;
    // OTP computes these in single precision: Math.fround gives the same doubles.
    return [
      buckets,
      float(Math.fround(average)),
      float(Math.fround(Math.sqrt(variance))),
      float(Math.fround(expected)),
      minimum,
      maximum,
      kept,
      locks,
    ];
  }

  private infoItem(table: Table, item: InfoItem): Term {
    const { options } = table;
    switch (item) {
      case 'id':
        return table.reference;
      case 'decentralized_counters':
        return options.decentralizedCounters;
      case 'read_concurrency':
        return options.readConcurrency;
      case 'write_concurrency':
        return options.writeConcurrency === 'auto' ? atom('auto') : options.writeConcurrency;
      case 'compressed':
        return options.compressed;
      case 'memory':
        return this.memoryOf(table);
      case 'owner':
        return table.owner;
      case 'heir':
        return table.heir === 'none' ? atoms.none : table.heir.pid;
      case 'name':
        return table.name;
      case 'size':
        return table.store.size;
      case 'node':
        return atoms.node;
      case 'named_table':
        return options.namedTable;
      case 'type':
        return atom(options.type);
      case 'keypos':
        return options.keypos;
      case 'protection':
        return atom(options.access);
      case 'fixed':
        return table.fixations.size > 0;
      case 'stats':
        return this.statistics(table);
      case 'safe_fixed':
      case 'safe_fixed_monotonic_time': {
        if (table.fixedAt === undefined) return false;
        const holders = list(...[...table.fixations.values()].map((fix) => [fix.pid, fix.count]));
        if (item === 'safe_fixed_monotonic_time') {
          return [normalizeInteger(table.fixedAt.monotonicNanoseconds), holders];
        }
        const micro = table.fixedAt.wallMicroseconds;
        const seconds = Math.floor(micro / 1e6);
        return [[Math.floor(seconds / 1e6), seconds % 1e6, micro % 1e6], holders];
      }
    }
  }
}

/**
 * The string that names a reference's table in `byReference`. Callers pass the same frozen
 * reference object on every call, so the string is built once per object: building it costs
 * more than the rest of a lookup.
 */
const referenceKeys = new WeakMap<Reference, string>();

function referenceKey(reference: Reference): string {
  let key = referenceKeys.get(reference);
  if (key === undefined) {
    key = `${reference.ids.join('.')}@${String(reference.node.toString())}`;
    referenceKeys.set(reference, key);
  }
  return key;
}

/** A key and its objects (in a fresh array, which is reused) as a caller may receive them. */
function readKeyWithObjects(found: KeyWithObjects): readonly [Term, Tuple[]] {
  // Indexed, not destructured: a destructuring parameter goes through the array's iterator.
  return [readKeyCopy(found[0]), readCopies(found[1])];
}

/**
 * The objects a store's `lookup` found, as the caller receives them (see `copy.ts`): in the same
 * array (fresh when not empty, see {@link TableStore.lookup}), each replaced by its read copy.
 */
function readCopies(found: readonly Tuple[]): Tuple[] {
  const length = found.length;
  if (length === 0) return [];
  const objects = found as Tuple[];
  for (let index = 0; index < length; index += 1) objects[index] = readCopy(objects[index]!);
  return objects;
}

/**
 * `update_counter` of one safe-integer increment (`Incr` or `{Pos, Incr}`) on a present key of
 * a set or ordered_set whose counter stays a safe integer: the common call, without parsing
 * into operation records or collecting results. `undefined` when the call is anything else, or
 * would fail; the general path then does it, errors included. Changes the table only on success.
 */
function counterFastPath(table: Table, key: Term, operation: unknown): number | undefined {
  const options = table.options;
  const type = options.type;
  if (type !== 'set' && type !== 'ordered_set') return undefined;
  const keypos = options.keypos;
  let position: number;
  let increment: number;
  if (typeof operation === 'number') {
    position = keypos + 1;
    increment = operation;
  } else if (isTuple(operation as Term) && (operation as Tuple).length === 2) {
    // Indexing, not destructuring: destructuring an array runs the iterator protocol.
    const first = (operation as Tuple)[0];
    const second = (operation as Tuple)[1];
    if (typeof first !== 'number' || typeof second !== 'number') return undefined;
    position = first;
    increment = second;
  } else {
    return undefined;
  }
  if (!Number.isSafeInteger(increment) || !Number.isSafeInteger(position)) return undefined;
  const object = table.store.objectOf(key);
  if (object === undefined || position === keypos || position < 1 || position > object.length) {
    return undefined;
  }
  const current = object[position - 1];
  if (typeof current !== 'number') return undefined;
  const value = current + increment;
  // A float counter fails and a sum past 2^53 becomes a bigint: both for the general path.
  if (!Number.isSafeInteger(current) || !Number.isSafeInteger(value)) return undefined;
  // The stored tuple is the table's own (see `copy.ts`): a counter changes in place.
  (object as Term[])[position - 1] = value;
  return value;
}

/** No element of an update is a caller term (update_counter's new values are integers). */
const NO_ELEMENTS: readonly number[] = [];

function withElement(object: Tuple, index: number, value: Term): Tuple {
  const copy = shallowCopy(object);
  copy[index] = value;
  return copy;
}

interface CounterOperation {
  readonly position: number;
  readonly increment: number | bigint;
  readonly threshold: number | bigint | undefined;
  readonly setValue: number | bigint | undefined;
}

function parseCounterOperation(term: Term, keypos: number): CounterOperation | undefined {
  if (isInteger(term)) {
    return { position: keypos + 1, increment: term, threshold: undefined, setValue: undefined };
  }
  if (!isTuple(term) || !term.every((element) => isInteger(element))) return undefined;
  const [position, increment, threshold, setValue] = term as readonly (number | bigint)[];
  if (term.length !== 2 && term.length !== 4) return undefined;
  // A position beyond any object is still an integer operation: OTP reports it as `position`.
  const place = typeof position === 'bigint' ? Number.MAX_SAFE_INTEGER : position!;
  return { position: place, increment: increment!, threshold, setValue };
}

/** The items of an operation argument: a proper list's items, or the one operation. */
function operationItems(term: Term): readonly Term[] | undefined {
  if (!(term instanceof List)) return [term];
  return term.tail === nil ? term.items : undefined;
}

/** A new ETS instance over `options.runtime` (default: a new {@link NodeProcessRuntime}). */
export function createEts(options: EtsOptions = {}): Ets {
  return new Ets(options);
}

/** The default instance, over its own {@link NodeProcessRuntime}: `ets.new(...)`, `ets.insert(...)`. */
export const ets: Ets = createEts();
