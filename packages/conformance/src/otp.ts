/**
 * The adapter for real Erlang/OTP: `ets` calls cross a pipe to an `erl` as External Term
 * Format (`@tsunami/core`'s `encode`/`decode`), are run there by one worker process that owns
 * the tables, and come back as `{ok, Result}` or `{error, Reason}` (thrown with `reason`, so a
 * `badarg` is recognised). `erl` is found as `@tsunami/oracle` finds it (the OTP 27 chroot
 * first, else `erl` on PATH).
 *
 * This first version has one Erlang process: it declares no `processes` capability, so the
 * cases that spawn processes are reported not applicable on OTP. The README describes the
 * next step, one Erlang proxy process per JS process.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  type Atom,
  atom,
  decode,
  encode,
  isAtom,
  List,
  list,
  type Pid,
  type Term,
  type Tuple,
} from '@tsunami/core';
import type { FileToTabOptions, TableOptions, TabToFileOptions } from '@tsunami/ets';
import type { Capabilities, EtsApi, EtsFactory, ProcessApi, SetoptsOptions } from './adapter.js';
import { charList } from './case.js';

/** What the OTP adapter supports (no `processes` yet: one Erlang process runs every call). */
export const OTP_CAPABILITIES: Capabilities = {
  processes: false,
  lookupElementDefault: true,
  updateElementDefault: true,
  traversalLookup: true,
  match: true,
  select: true,
  tab2file: true,
  defaultObjectsOtp29: false,
  manyCalls: false,
};

/** An error of a call OTP failed: `reason` is the Erlang reason (`badarg`). */
export class OtpCallError extends Error {
  override readonly name = 'OtpCallError';
  constructor(readonly reason: Term) {
    super('the call failed in erl');
  }
}

const DRIVER_SOURCE = new URL('../erlang/tsunami_conformance.erl', import.meta.url);

/** A running `erl` that executes `ets` calls. */
class ErlangEts {
  private readonly child: ChildProcess;
  private readonly pending: Array<(reply: Term) => void> = [];
  private buffered: Buffer = Buffer.alloc(0);

  constructor(root: string | undefined) {
    const directory = mkdtempSync(join(root ?? '', '/tmp/tsunami-conformance-'));
    const sourcePath = join(directory, 'tsunami_conformance.erl');
    copyFileSync(DRIVER_SOURCE, sourcePath);
    const inside = root === undefined ? sourcePath : sourcePath.slice(root.length);
    const boot =
      `{ok, M, B} = compile:file("${inside}", [binary, report]), ` +
      `{module, M} = code:load_binary(M, "${inside}", B), tsunami_conformance:main().`;
    const args = ['-noinput', '-eval', boot];
    this.child =
      root === undefined
        ? spawn('erl', args, { stdio: ['pipe', 'pipe', 'inherit'] })
        : spawn('chroot', [root, 'erl', ...args], { stdio: ['pipe', 'pipe', 'inherit'] });
    this.child.stdout!.on('data', (chunk: Buffer) => this.receive(chunk));
  }

  request(request: Term): Promise<Term> {
    const body = encode(request);
    const header = Buffer.alloc(4);
    header.writeUInt32BE(body.length);
    return new Promise((resolve) => {
      this.pending.push(resolve);
      this.child.stdin!.write(Buffer.concat([header, body]));
    });
  }

  async call(request: Term): Promise<Term> {
    const [tag, value] = (await this.request(request)) as [Atom, Term];
    if (tag === atom('error')) throw new OtpCallError(value);
    return value;
  }

  close(): Promise<void> {
    if (this.child.exitCode !== null) return Promise.resolve();
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.stdin!.end();
    return exited;
  }

  private receive(chunk: Buffer): void {
    this.buffered = Buffer.concat([this.buffered, chunk]);
    while (this.buffered.length >= 4) {
      const length = this.buffered.readUInt32BE(0);
      if (this.buffered.length < 4 + length) return;
      const packet = this.buffered.subarray(4, 4 + length);
      this.buffered = this.buffered.subarray(4 + length);
      this.pending.shift()?.(decode(new Uint8Array(packet)));
    }
  }
}

const a = atom;
const isPlainObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' &&
  value !== null &&
  !Array.isArray(value) &&
  Object.getPrototypeOf(value) === Object.prototype;

/** The typed options as OTP's option list; anything else passes through as the term it is. */
export function optionList(options: TableOptions): Term {
  if (!isPlainObject(options)) return options as unknown as Term;
  const items: Term[] = [];
  for (const [key, value] of Object.entries(options)) {
    switch (key) {
      case 'type':
      case 'access':
        items.push(typeof value === 'string' ? a(value) : (value as Term));
        break;
      case 'namedTable':
        if (value === true) items.push(a('named_table'));
        else if (value !== false) items.push([a('named_table'), value as Term]);
        break;
      case 'keypos':
        items.push([a('keypos'), value as Term]);
        break;
      case 'heir':
        items.push(heirOption(value));
        break;
      case 'readConcurrency':
        items.push([a('read_concurrency'), value as Term]);
        break;
      case 'writeConcurrency':
        items.push([a('write_concurrency'), value === 'auto' ? a('auto') : (value as Term)]);
        break;
      case 'decentralizedCounters':
        items.push([a('decentralized_counters'), value as Term]);
        break;
      case 'compressed':
        if (value === true) items.push(a('compressed'));
        else if (value !== false) items.push([a('compressed'), value as Term]);
        break;
      default:
        // An option OTP does not know: its name as an atom, which OTP rejects.
        items.push(a(key));
    }
  }
  return list(...items);
}

function heirOption(value: unknown): Term {
  if (value === 'none') return [a('heir'), a('none')];
  if (isPlainObject(value)) return [a('heir'), value.pid as Term, value.data as Term];
  return [a('heir'), value as Term];
}

function setoptsList(options: SetoptsOptions): Term {
  if (!isPlainObject(options)) return options as unknown as Term;
  const items: Term[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (key === 'heir') items.push(heirOption(value));
    else if (key === 'protection')
      items.push([a('protection'), typeof value === 'string' ? a(value) : (value as Term)]);
    else items.push([a(key), value as Term]);
  }
  return list(...items);
}

const arrayOf = (term: Term): Term[] => (term instanceof List ? [...term.items] : (term as Term[]));

/** `{Key, Objects}` of `first_lookup` and friends with the objects as an array. */
async function traversalLookup(result: Promise<Term>): Promise<readonly [Term, Tuple[]] | Atom> {
  const value = await result;
  if (isAtom(value)) return value;
  const [key, objects] = value as Tuple;
  return [key!, arrayOf(objects!) as Tuple[]];
}

/**
 * The result of `select/1,2,3` and the match functions: a list (arity 2) as an array, a chunk
 * `{Results, Continuation}` with its results as an array, or `'$end_of_table'`.
 */
async function selectLike(result: Promise<Term>, arity: number): Promise<Term> {
  const value = await result;
  if (arity === 2) return arrayOf(value);
  if (isAtom(value)) return value;
  const [results, continuation] = value as Tuple;
  return [arrayOf(results!), continuation!];
}

function tabToFileList(options: TabToFileOptions): Term {
  if (!isPlainObject(options)) return options as unknown as Term;
  const items: Term[] = [];
  for (const [key, value] of Object.entries(options)) {
    if (key === 'extendedInfo') {
      const infos = (value as readonly (string | Atom)[]).map((info) =>
        typeof info === 'string' ? a(info) : info,
      );
      items.push([a('extended_info'), list(...infos)]);
    } else if (key === 'sync') items.push([a('sync'), value as Term]);
    else items.push([a(key), value as Term]);
  }
  return list(...items);
}

function fileToTabList(options: FileToTabOptions): Term {
  if (!isPlainObject(options)) return options as unknown as Term;
  const items: Term[] = [];
  for (const [key, value] of Object.entries(options)) items.push([a(key), value as Term]);
  return list(...items);
}

/** A factory of instances backed by one `erl` each, on the OTP installation `root`. */
export function otpFactory(installation: { readonly root: string | undefined }): EtsFactory {
  return () => {
    const erl = new ErlangEts(installation.root);
    const root = installation.root;
    /** A path as the cases see it, as a file name inside the chroot (an Erlang string). */
    const erlangFilename = (path: string): Term =>
      charList(root !== undefined && path.startsWith(`${root}/`) ? path.slice(root.length) : path);
    const apply = (name: string, ...args: Term[]) => erl.call([a('apply'), a(name), list(...args)]);
    const fold = async <A extends Term>(
      direction: 'foldl' | 'foldr',
      fold: (object: Tuple, accumulator: A) => A,
      initial: A,
      tab: Term,
    ): Promise<A> => {
      const visited = arrayOf(await erl.call([a(direction), tab])).reverse() as Tuple[];
      let accumulator = initial;
      for (const object of visited) accumulator = fold(object, accumulator);
      return accumulator;
    };
    const ets: EtsApi = {
      new: async (name, options = {}) => (await apply('new', name, optionList(options))) as Atom,
      delete: (tab, ...key) => apply('delete', tab, ...key) as Promise<true>,
      deleteAllObjects: (tab) => apply('delete_all_objects', tab) as Promise<true>,
      deleteObject: (tab, object) => apply('delete_object', tab, object) as Promise<true>,
      insert: (tab, objects) => apply('insert', tab, objects) as Promise<true>,
      insertNew: (tab, objects) => apply('insert_new', tab, objects) as Promise<boolean>,
      lookup: async (tab, key) => arrayOf(await apply('lookup', tab, key)) as Tuple[],
      member: (tab, key) => apply('member', tab, key) as Promise<boolean>,
      lookupElement: (tab, key, position, ...rest) =>
        apply('lookup_element', tab, key, position, ...rest),
      take: async (tab, key) => arrayOf(await apply('take', tab, key)) as Tuple[],
      tab2list: async (tab) => arrayOf(await apply('tab2list', tab)) as Tuple[],
      first: (tab) => apply('first', tab),
      last: (tab) => apply('last', tab),
      next: (tab, key) => apply('next', tab, key),
      prev: (tab, key) => apply('prev', tab, key),
      slot: async (tab, index) => {
        const result = await apply('slot', tab, index);
        return isAtom(result) ? result : (arrayOf(result) as Tuple[]);
      },
      updateCounter: async (tab, key, operation, ...rest) => {
        const result = await apply('update_counter', tab, key, operation as Term, ...rest);
        return operation instanceof List ? arrayOf(result) : result;
      },
      updateElement: (tab, key, change, ...rest) =>
        apply('update_element', tab, key, change, ...rest) as Promise<boolean>,
      foldl: (fn, initial, tab) => fold('foldl', fn, initial, tab),
      foldr: (fn, initial, tab) => fold('foldr', fn, initial, tab),
      safeFixtable: (tab, fix) => apply('safe_fixtable', tab, fix) as Promise<true>,
      setopts: (tab, options) => apply('setopts', tab, setoptsList(options)) as Promise<true>,
      giveAway: (tab, pid, gift) => apply('give_away', tab, pid, gift) as Promise<true>,
      rename: (tab, name) => apply('rename', tab, name) as Promise<Atom>,
      whereis: (name) => apply('whereis', name),
      all: async () => arrayOf(await apply('all')) as Atom[],
      info: async (tab, ...item) => {
        const items = item.map((entry) => (typeof entry === 'string' ? a(entry) : entry));
        const result = await apply('info', tab, ...(items as Term[]));
        return item.length === 0 && result instanceof List ? arrayOf(result) : result;
      },
      firstLookup: (tab) => traversalLookup(apply('first_lookup', tab)),
      lastLookup: (tab) => traversalLookup(apply('last_lookup', tab)),
      nextLookup: (tab, key) => traversalLookup(apply('next_lookup', tab, key)),
      prevLookup: (tab, key) => traversalLookup(apply('prev_lookup', tab, key)),
      select: (...args: Term[]) => selectLike(apply('select', ...args), args.length),
      selectReverse: (...args: Term[]) => selectLike(apply('select_reverse', ...args), args.length),
      match: (...args: Term[]) => selectLike(apply('match', ...args), args.length),
      matchObject: (...args: Term[]) => selectLike(apply('match_object', ...args), args.length),
      selectCount: (tab, spec) => apply('select_count', tab, spec) as Promise<number>,
      selectDelete: (tab, spec) => apply('select_delete', tab, spec) as Promise<number>,
      selectReplace: (tab, spec) => apply('select_replace', tab, spec) as Promise<number>,
      matchDelete: (tab, pattern) => apply('match_delete', tab, pattern) as Promise<true>,
      testMs: (object, spec) => apply('test_ms', object, spec),
      matchSpecCompile: (spec) => apply('match_spec_compile', spec),
      matchSpecRun: async (objects, compiled) =>
        arrayOf(await apply('match_spec_run', list(...objects), compiled)),
      isCompiledMs: (term) => apply('is_compiled_ms', term) as Promise<boolean>,
      repairContinuation: (continuation, spec) => apply('repair_continuation', continuation, spec),
      tab2file: (tab, filename, options = {}) =>
        apply('tab2file', tab, erlangFilename(filename), tabToFileList(options)),
      file2tab: (filename, options = {}) =>
        apply('file2tab', erlangFilename(filename), fileToTabList(options)),
      tabfileInfo: async (filename) => {
        const result = (await apply('tabfile_info', erlangFilename(filename))) as Tuple;
        return result[1] instanceof List ? [result[0]!, arrayOf(result[1])] : result;
      },
    } as EtsApi;
    const unsupported = (): never => {
      throw new Error('the OTP adapter runs every call in one Erlang process (no processes yet)');
    };
    const processes: ProcessApi = {
      self: async () => (await erl.call(a('self'))) as Pid,
      spawn: unsupported,
      send: unsupported,
      receive: unsupported,
      exit: unsupported,
      isAlive: unsupported,
      exited: unsupported,
    };
    return {
      ets,
      processes,
      capabilities: OTP_CAPABILITIES,
      // Files the chrooted erl writes must lie inside the chroot.
      makeDirectory: () =>
        mkdtempSync(
          join(root ?? tmpdir(), root === undefined ? '' : 'tmp', 'tsunami-conformance-'),
        ),
      close: () => erl.close(),
    };
  };
}
