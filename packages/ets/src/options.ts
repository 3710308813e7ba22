/**
 * The options of `ets:new/2` as a typed object, their validation (anything OTP would reject is a
 * `badarg` with "invalid options"), and their Erlang form for error reports.
 */
import { createAvlTree } from '@tsunami/avl';
import {
  type Atom,
  atom,
  isAtom,
  isInteger,
  List,
  list,
  type OrderedMap,
  type OrderedMapFactory,
  Pid,
  type Term,
  type Tuple,
} from '@tsunami/core';
import { createSkipList } from '@tsunami/skiplist';
import { createWavlTree } from '@tsunami/wavl';
import type { TableType } from './store.js';

/** Who may use a table: everyone reads and writes, everyone reads, or only the owner. */
export type Access = 'public' | 'protected' | 'private';

/**
 * The process that inherits a table when its owner dies, and the data sent with it: Erlang's
 * `{heir, Pid, HeirData}`, or `{heir, Pid}` (OTP 28+) when `data` is left out.
 */
export interface Heir {
  readonly pid: Pid;
  /**
   * Sent in the `{'ETS-TRANSFER', Tab, FromPid, HeirData}` message. Left out, the heir takes the
   * table without any message, as OTP 28's `{heir, Pid}`.
   */
  readonly data?: Term;
}

/** The structure behind an ordered_set: a named backend or any core `OrderedMapFactory`. */
export type OrderedBackend = 'wavl' | 'avl' | 'skiplist' | OrderedMapFactory;

/** Options of {@link Ets.new}, one field per option of `ets:new/2`. */
export interface TableOptions {
  /** Default `'set'`. */
  readonly type?: TableType;
  /** Default `'protected'`. */
  readonly access?: Access;
  /** Register the table under its name (`named_table`): the name is then its identifier. */
  readonly namedTable?: boolean;
  /** The 1-based position of the key in each object. Default 1. */
  readonly keypos?: number;
  /** Default `'none'`. */
  readonly heir?: Heir | 'none';
  /** Accepted and reported by `info`; a JS table has one thread, so it changes nothing. */
  readonly readConcurrency?: boolean;
  /** Accepted and reported by `info` (`'auto'` as in OTP 25+); changes nothing here. */
  readonly writeConcurrency?: boolean | 'auto';
  /** Accepted and reported by `info`; changes nothing here. */
  readonly decentralizedCounters?: boolean;
  /** Accepted and reported by `info`; objects are not compressed. */
  readonly compressed?: boolean;
  /** ordered_set only: the ordered map that stores it. Default `'wavl'`. */
  readonly backend?: OrderedBackend;
}

/** Options after validation, with every default filled in. */
export interface ResolvedOptions {
  readonly type: TableType;
  readonly access: Access;
  readonly namedTable: boolean;
  readonly keypos: number;
  readonly heir: Heir | 'none';
  readonly readConcurrency: boolean;
  readonly writeConcurrency: boolean | 'auto';
  readonly decentralizedCounters: boolean;
  readonly compressed: boolean;
  readonly backend: OrderedBackend;
}

const TYPES: readonly string[] = ['set', 'ordered_set', 'bag', 'duplicate_bag'];
const ACCESSES: readonly string[] = ['public', 'protected', 'private'];
const BACKENDS: readonly string[] = ['wavl', 'avl', 'skiplist'];
const KNOWN = new Set([
  'type',
  'access',
  'namedTable',
  'keypos',
  'heir',
  'readConcurrency',
  'writeConcurrency',
  'decentralizedCounters',
  'compressed',
  'backend',
]);

const isBoolean = (value: unknown): value is boolean => typeof value === 'boolean';

/** The validated options, or `undefined` when OTP would reject them (`bad_options`). */
export function resolveOptions(options: TableOptions): ResolvedOptions | undefined {
  if (typeof options !== 'object' || options === null) return undefined;
  for (const key of Object.keys(options)) if (!KNOWN.has(key)) return undefined;
  const {
    type = 'set',
    access = 'protected',
    namedTable = false,
    keypos = 1,
    heir = 'none',
    readConcurrency = false,
    writeConcurrency = false,
    compressed = false,
    backend = 'wavl',
  } = options;
  // As OTP reports them: a private table has no concurrent writers, so OTP turns write
  // concurrency off for it (and keeps it off when setopts later makes the table public).
  const effectiveWriteConcurrency = access === 'private' ? false : writeConcurrency;
  // Decentralized counters only with write concurrency, and by default for an ordered_set or
  // `auto` write concurrency.
  const decentralizedCounters =
    effectiveWriteConcurrency !== false &&
    (options.decentralizedCounters ?? (type === 'ordered_set' || writeConcurrency === 'auto'));
  if (!TYPES.includes(type) || !ACCESSES.includes(access)) return undefined;
  if (!isBoolean(namedTable) || !isBoolean(readConcurrency) || !isBoolean(compressed)) {
    return undefined;
  }
  if (options.decentralizedCounters !== undefined && !isBoolean(options.decentralizedCounters)) {
    return undefined;
  }
  if (!isBoolean(writeConcurrency) && writeConcurrency !== 'auto') return undefined;
  if (typeof keypos !== 'number' || !Number.isSafeInteger(keypos) || keypos < 1) return undefined;
  const validHeir = typeof heir === 'object' && heir !== null && heir.pid instanceof Pid;
  if (heir !== 'none' && !validHeir) {
    return undefined;
  }
  if (typeof backend !== 'function' && !BACKENDS.includes(backend)) return undefined;
  if (options.backend !== undefined && type !== 'ordered_set') return undefined;
  return {
    type,
    access,
    namedTable,
    keypos,
    heir,
    readConcurrency,
    writeConcurrency: effectiveWriteConcurrency,
    decentralizedCounters,
    compressed,
    backend,
  };
}

/** The ordered map for an ordered_set with `backend`, ordered by `comparator`. */
export function createOrderedMap(
  backend: OrderedBackend,
  comparator: (a: Term, b: Term) => number,
): OrderedMap<Term, Tuple> {
  switch (backend) {
    case 'wavl':
      return createWavlTree(comparator);
    case 'avl':
      return createAvlTree(comparator);
    case 'skiplist':
      return createSkipList(comparator);
    default:
      return backend(comparator);
  }
}

const asTerm = (value: unknown): Term =>
  isAtom(value) || isInteger(value) || typeof value === 'string' || value instanceof Pid
    ? (value as Term)
    : String(value);

/**
 * The options as the Erlang option list OTP's error report shows. Options that are no options
 * object but a term (an atom, a tuple, a proper or improper Erlang list) are shown as that term,
 * so that the report blames them as OTP blames a non-list or an improper list.
 */
export function optionsAsTerm(options: TableOptions): Term {
  const given: unknown = options;
  if (given instanceof List || isAtom(given) || isInteger(given) || Array.isArray(given)) {
    return given as Term;
  }
  if (typeof options !== 'object' || options === null) return list();
  const items: Term[] = [];
  const named = (name: string): Atom => atom(name);
  if (options.type !== undefined) items.push(asAtom(options.type));
  if (options.access !== undefined) items.push(asAtom(options.access));
  if (options.namedTable === true) items.push(named('named_table'));
  if (options.keypos !== undefined) items.push([named('keypos'), asTerm(options.keypos)]);
  if (options.heir !== undefined) {
    const heir = options.heir;
    items.push(
      heir === 'none'
        ? [named('heir'), named('none')]
        : heir?.data === undefined
          ? [named('heir'), asTerm(heir?.pid)]
          : [named('heir'), asTerm(heir.pid), heir.data],
    );
  }
  return list(...items);
}

function asAtom(value: unknown): Term {
  return typeof value === 'string' ? atom(value) : asTerm(value);
}
