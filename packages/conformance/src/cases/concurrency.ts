/**
 * Ported from `ets_SUITE.erl`: the cases where several processes use tables at once — `heir`,
 * `firstnext_concurrent`, `firstnext_lookup_concurrent`, the `heavy` group (`heavy_lookup`,
 * `heavy_lookup_element`, `heavy_concurrent`), the concurrent cases of the `insert_list` group
 * (`t_insert_list_delete_set`, `t_insert_list_parallel`, `t_insert_list_delete_parallel`,
 * `t_insert_list_kill_process`), the `meta_smp` group (`meta_lookup_unnamed_read`,
 * `meta_lookup_unnamed_write`, `meta_lookup_named_read`, `meta_lookup_named_write`,
 * `meta_newdel_unnamed`, `meta_newdel_named`), `smp_insert`, `smp_fixed_delete`,
 * `smp_unfix_fix`, `smp_select_replace`, `smp_ordered_iteration`, `smp_select_delete`,
 * `otp_8166`, `delete_unfix_race` and `test_table_size_concurrency`.
 *
 * How they run outside the BEAM: processes are the implementation's ({@link ProcessApi}); on
 * an in-process implementation they interleave at each `await`, so every table call a worker
 * makes lets the others run, and the checks (results, final contents, no lost updates, errors
 * on deleted tables) hold as they do under true parallelism. Three things change everywhere:
 *
 * - OTP starts one worker per scheduler (`run_smp_workers`, `run_sched_workers`); these cases
 *   start {@link SCHEDULERS}, as on a machine with that many cores.
 * - Loops that run for a time (`receive after 3000`, `timer:send_after(1000, stop)`) become
 *   fixed iteration counts, and short pauses that let other processes get going
 *   (`receive after 3`) become a fixed number of yields ({@link pause}): a timer never fires
 *   while in-process workers keep the job queue busy.
 * - Counts are scaled so a case runs in seconds (each case names its scaling in `omitted`);
 *   a case that makes more than about 20,000 calls runs smaller still on a driver without
 *   `manyCalls` ({@link scaled}).
 *
 * OTP's monitors become {@link ProcessApi.exited}; `{'DOWN', ...}` messages a case waits for
 * are joins on it, and a worker's exit reason must be `normal` (a failed check inside a worker
 * ends it with another reason, which fails the case).
 */
import {
  type Atom,
  atom,
  exactEquals,
  list,
  Pid,
  Reference,
  type Term,
  type Tuple,
} from '@tsunami/core';
import { seededRandom } from '@tsunami/core/testing/random';
import type { TableId, TableOptions } from '@tsunami/ets';
import { type EtsApi, isBadarg, type ProcessApi } from '../adapter.js';
import {
  charList,
  defineCase,
  fillTab2Objects,
  filltabint,
  type PortedCase,
  scaled,
} from '../case.js';
import {
  CaseFailure,
  ensure,
  RECEIVE_TIMEOUT_MILLISECONDS,
  receiveMessage,
  same,
  show,
} from '../check.js';
import {
  ALL_SET_TABLE_TYPES,
  type OptionGenerator,
  type OptionItem,
  optionItems,
  repeatForOpts,
} from '../options.js';

const a = atom;
const normal = a('normal');
const endOfTable = a('$end_of_table');

/** The schedulers online OTP's worker helpers start one process per. */
const SCHEDULERS = 4;

/** How long a case waits for a process to end before it fails (OTP's would hang). */
const JOIN_TIMEOUT_MILLISECONDS = 60_000;

// ---------------------------------------------------------------------------------------------
// Processes: spawn with a monitor, joins, pauses, OTP's worker helpers.
// ---------------------------------------------------------------------------------------------

/** A spawned process and its exit (`spawn_monitor`'s pid and `'DOWN'`). */
interface Monitored {
  readonly pid: Pid;
  readonly exit: Promise<Term>;
}

/** `spawn_monitor(Fun)`: the exit is watched from the start. */
async function spawnMonitor(
  processes: ProcessApi,
  body: () => Promise<unknown>,
): Promise<Monitored> {
  const pid = await processes.spawn(body);
  return { pid, exit: processes.exited(pid) };
}

/** The reason `monitored` ended with, failing the case when it does not end in time. */
async function exitOf(monitored: Monitored, what: string): Promise<Term> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new CaseFailure(`${what}: did not end in ${JOIN_TIMEOUT_MILLISECONDS} ms`)),
      JOIN_TIMEOUT_MILLISECONDS,
    );
  });
  try {
    return await Promise.race([monitored.exit, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** `{'DOWN', Mref, process, Pid, normal} = receive_any()`. */
async function endsNormally(monitored: Monitored, what: string): Promise<void> {
  const reason = await exitOf(monitored, what);
  if (!exactEquals(reason, normal)) {
    throw new CaseFailure(`${what}: ended with ${describeReason(reason)} instead of normal`);
  }
}

/** An exit reason for a failure message: `{error, Text}` (a failed check) shows its text. */
function describeReason(reason: Term): string {
  if (Array.isArray(reason) && reason.length === 2 && reason[0] === a('error')) {
    const text = reason[1];
    if (typeof text === 'string') return `error: ${text}`;
    if (text instanceof Uint8Array) return `error: ${new TextDecoder().decode(text)}`;
  }
  return show(reason);
}

/**
 * `receive M -> M end` while `sender` lives: fails at once, with its exit reason, when the
 * process that should send the message ends otherwise than normally.
 */
async function receiveFrom(processes: ProcessApi, sender: Monitored, what: string): Promise<Term> {
  const senderFailed = sender.exit.then((reason) => {
    if (exactEquals(reason, normal)) return new Promise<never>(() => {});
    throw new CaseFailure(`${what}: the sender ended with ${describeReason(reason)}`);
  });
  return Promise.race([receiveMessage(processes, what), senderFailed]);
}

/**
 * A short wait that lets other processes run (OTP's `receive after Milliseconds` between
 * starting workers and disturbing them): `ticks` turns of the job queue, so in-process workers
 * make about that many calls each meanwhile.
 */
async function pause(ticks: number): Promise<void> {
  for (let tick = 0; tick < ticks; tick += 1) await undefined;
}

/** `receive M -> M end` for a message `message`, failing the case when another comes. */
async function expectMessage(processes: ProcessApi, message: Term, what: string): Promise<void> {
  same(await receiveMessage(processes, what), message, what);
}

/** What a worker's `InitF` gets: `[ProcN, NumOfProcs]`, and its seeded `rand`. */
interface WorkerContext {
  readonly processNumber: number;
  readonly numberOfProcesses: number;
  /** `rand:uniform(N)` of the worker: an integer in 1..N. */
  readonly uniform: (range: number) => number;
}

/** A worker step that also ends the loop (`[end_of_work | State]`). */
class EndOfWork<S> {
  constructor(readonly state: S) {}
}

/** The three funs of OTP's `run_workers_do` and how many laps each worker makes. */
interface Workers<S, R> {
  readonly init: (context: WorkerContext) => Promise<S> | S;
  readonly exec: (state: S, context: WorkerContext) => Promise<S | EndOfWork<S>>;
  readonly fini: (state: S) => Promise<R> | R;
  readonly laps: number;
  /** Number of workers (default {@link SCHEDULERS}). */
  readonly count?: number;
}

/**
 * OTP's `run_workers_do` then `wait_pids`: `count` workers, each running `init`, then `exec`
 * `laps` times (or until it returns {@link EndOfWork}), then `fini`, and sending
 * `{self(), Result}` to the parent, which collects every result. Each worker's `rand` is seeded
 * from its number, as OTP seeds each worker.
 */
async function runWorkers<S, R extends Term>(
  processes: ProcessApi,
  workers: Workers<S, R>,
): Promise<R[]> {
  const count = workers.count ?? SCHEDULERS;
  const parent = await processes.self();
  const started: Monitored[] = [];
  for (let processNumber = 1; processNumber <= count; processNumber += 1) {
    const random = seededRandom(processNumber * 7919);
    const context: WorkerContext = {
      processNumber,
      numberOfProcesses: count,
      uniform: (range) => 1 + Math.floor(random() * range),
    };
    started.push(
      await spawnMonitor(processes, async () => {
        let state: S = await workers.init(context);
        for (let lap = 0; lap < workers.laps; lap += 1) {
          const next = await workers.exec(state, context);
          if (next instanceof EndOfWork) {
            state = next.state;
            break;
          }
          state = next as S;
        }
        const result = await workers.fini(state);
        await processes.send(parent, [await processes.self(), result]);
      }),
    );
  }
  for (const [index, worker] of started.entries()) {
    await endsNormally(worker, `worker ${index + 1}`);
  }
  const results: R[] = [];
  for (const worker of started) {
    const message = await processes.receive({
      match: (candidate) =>
        Array.isArray(candidate) &&
        candidate[0] instanceof Pid &&
        samePid(candidate[0], worker.pid),
      timeout: RECEIVE_TIMEOUT_MILLISECONDS,
    });
    ensure(message !== undefined, 'a worker ended without sending its result');
    results.push((message as Tuple)[1] as R);
  }
  return results;
}

function samePid(left: Pid, right: Pid): boolean {
  return (
    left.id === right.id &&
    left.serial === right.serial &&
    left.node === right.node &&
    left.creation === right.creation
  );
}

// ---------------------------------------------------------------------------------------------
// Table contents and match specifications shared by several cases.
// ---------------------------------------------------------------------------------------------

/** A match specification of one clause `{Head, Guards, Body}`. */
const clause = (head: Term, guards: readonly Term[], body: readonly Term[]): Term =>
  list([head, list(...guards), list(...body)]);

/** `fill_tab2(Tab, Val, Num)`, one insert per object as OTP's (see {@link fillTab2Objects}). */
async function fillTab2(ets: EtsApi, table: TableId, start: number, count: number) {
  for (const object of fillTab2Objects(count, start)) {
    same(await ets.insert(table, object), true, 'fill_tab2 insert');
  }
}

/** The option item of a table type, for names built from it (`atom_to_list(TableType)`). */
const ORDERED_SET_TYPES: readonly OptionItem[] = [optionItems.orderedSet, optionItems.catOrdSet];

// ---------------------------------------------------------------------------------------------
// heir
// ---------------------------------------------------------------------------------------------

const HEIR_MODES = ['none', 'monitor'] as const;
type HeirMode = (typeof HEIR_MODES)[number];

const dyingHeir = charList('The dying heir');
const busyHeir = charList('The busy heir');

/** `heir_founder(Master, HeirData, Opts)`. */
async function heirFounder(
  ets: EtsApi,
  processes: ProcessApi,
  master: Pid,
  heirData: Term,
  tableOptions: TableOptions,
): Promise<void> {
  const go = (await receiveMessage(processes, 'the founder’s go')) as Tuple;
  same(go[0], a('go'), 'the founder’s go');
  const heir = go[1] as Pid | Atom;
  const table = await ets.new(a('foo'), {
    ...tableOptions,
    namedTable: true,
    access: 'private',
    heir: heir instanceof Pid ? { pid: heir, data: heirData } : 'none',
  });
  same(await ets.insert(table, [a('key'), 1]), true);
  same(await ets.lookup(table, a('key')), [[a('key'), 1]]);
  const self = await processes.self();
  same(await ets.info(table, a('owner')), self, 'the founder owns the table');
  const heirInfo = await ets.info(table, a('heir'));
  if (heirInfo === a('none')) {
    ensure(
      !(heir instanceof Pid) || !(await processes.isAlive(heir)),
      'a live heir was given but the table has none',
    );
    await processes.send(master, [charList('No heir'), self]);
  } else {
    same(heirInfo, heir, 'the table’s heir');
    ensure(
      heir instanceof Pid && (await processes.isAlive(heir)),
      `the table's heir is ${show(heirInfo)}, a process that is not alive (OTP sets none)`,
    );
    await processes.send(heir as Pid, [a('table'), table, heirData]);
    await expectMessage(processes, a('die_please'), 'the founder’s die_please');
  }
}

/**
 * `receive_any_spinning()`: the heir is busy (not waiting in a receive) when the table comes;
 * here it polls its mailbox without waiting.
 */
async function receiveAnySpinning(processes: ProcessApi): Promise<Term> {
  const deadline = Date.now() + RECEIVE_TIMEOUT_MILLISECONDS;
  while (Date.now() < deadline) {
    const message = await processes.receive({ timeout: 0 });
    if (message !== undefined) return message;
  }
  throw new CaseFailure(`the busy heir: nothing arrived in ${RECEIVE_TIMEOUT_MILLISECONDS} ms`);
}

/** `heir_heir(Founder, Mode)`. */
async function heirHeir(
  ets: EtsApi,
  processes: ProcessApi,
  founder: Pid,
  mode: HeirMode,
): Promise<void> {
  const [tag, table, heirData] = (await receiveMessage(processes, 'the table')) as Term[];
  same(tag, a('table'), 'the heir’s first message');
  const tab = table as TableId;
  const data = heirData as Term;
  let refused = false;
  try {
    await ets.lookup(tab, a('key'));
  } catch (error) {
    refused = isBadarg(error);
  }
  ensure(refused, 'the heir reads the private table before it inherits it');
  if (exactEquals(data, dyingHeir)) return;
  const self = await processes.self();
  if (mode === 'monitor') {
    // A monitor's 'DOWN' is a message: it must come after the 'ETS-TRANSFER'.
    void processes
      .exited(founder)
      .then((reason) => processes.send(self, [a('DOWN'), founder, reason]));
  }
  await processes.send(founder, a('die_please'));
  const message = exactEquals(data, busyHeir)
    ? await receiveAnySpinning(processes)
    : await receiveMessage(processes, 'the transfer');
  same(message, [a('ETS-TRANSFER'), tab, founder, data], 'the transfer message');
  same(tab, a('foo'), 'the table is named foo');
  same(await ets.info(tab, a('owner')), self, 'the heir owns the table');
  same(await ets.info(tab, a('heir')), self, 'the heir stays the heir');
  same(await ets.lookup(tab, a('key')), [[a('key'), 1]]);
  same(await ets.insert(tab, [a('key'), 2]), true);
  same(await ets.lookup(tab, a('key')), [[a('key'), 2]]);
  if (mode === 'monitor') {
    same(
      await receiveMessage(processes, 'the founder’s DOWN'),
      [a('DOWN'), founder, normal],
      'the DOWN after the transfer',
    );
  }
}

const heir = defineCase(
  'heir',
  ['processes'],
  async ({ ets, processes }) => {
    await repeatForOpts(async (options) => {
      const tableOptions = options.with();
      const master = await processes.self();
      const heirDatas: Term[] = [
        a('foo_data'),
        'binary',
        list(1, 2, 3, 4, 5, 6, 7, 8, 9, 10),
        [17, a('test_fun'), master],
        busyHeir,
      ];
      for (const heirData of heirDatas) {
        for (const mode of HEIR_MODES) {
          // heir_1(HeirData, Mode, Opts)
          const founder = await spawnMonitor(processes, () =>
            heirFounder(ets, processes, master, heirData, tableOptions),
          );
          const heirProcess = await spawnMonitor(processes, () =>
            heirHeir(ets, processes, founder.pid, mode),
          );
          await processes.send(founder.pid, [a('go'), heirProcess.pid]);
          await endsNormally(heirProcess, 'the heir');
          await endsNormally(founder, 'the founder');
        }
      }

      // No heir.
      const founder1 = await spawnMonitor(processes, () =>
        heirFounder(ets, processes, master, a('foo_data'), tableOptions),
      );
      await processes.send(founder1.pid, [a('go'), a('none')]);
      same(
        await receiveFrom(processes, founder1, 'no heir'),
        [charList('No heir'), founder1.pid],
        'no heir',
      );
      await endsNormally(founder1, 'the founder without heir');
      same(await ets.info(a('foo')), a('undefined'), 'the table died with its owner');

      // An already dead heir.
      const heir2 = await spawnMonitor(processes, async () => {});
      await exitOf(heir2, 'the dead heir');
      const founder2 = await spawnMonitor(processes, () =>
        heirFounder(ets, processes, master, a('foo_data'), tableOptions),
      );
      await processes.send(founder2.pid, [a('go'), heir2.pid]);
      same(
        await receiveFrom(processes, founder2, 'a dead heir'),
        [charList('No heir'), founder2.pid],
        'a dead heir',
      );
      await endsNormally(founder2, 'the founder with a dead heir');
      same(await ets.info(a('foo')), a('undefined'), 'the table died with its owner');

      // The heir dies before the founder.
      const founder3 = await spawnMonitor(processes, () =>
        heirFounder(ets, processes, master, dyingHeir, tableOptions),
      );
      const heir3 = await spawnMonitor(processes, () =>
        heirHeir(ets, processes, founder3.pid, 'none'),
      );
      await processes.send(founder3.pid, [a('go'), heir3.pid]);
      await endsNormally(heir3, 'the dying heir');
      await processes.send(founder3.pid, a('die_please'));
      await endsNormally(founder3, 'the founder of the dying heir');
      same(await ets.info(a('foo')), a('undefined'), 'no heir was left alive');
    });
  },
  'the `link` mode of heir_1 (links and trap_exit are not in the process API; the monitor mode ' +
    'keeps the check that the DOWN comes after the ETS-TRANSFER); the heir data ' +
    '`{17, TestFun, self()}` carries the atom `test_fun` instead of a fun (a JS function cannot ' +
    'reach another implementation); the part where the dead heir’s pid is reused ' +
    '(`erts_debug` next_pid); the busy heir polls its mailbox instead of spinning; `etsmem`',
);

// ---------------------------------------------------------------------------------------------
// firstnext_concurrent, firstnext_lookup_concurrent
// ---------------------------------------------------------------------------------------------

type FirstKey = (ets: EtsApi, table: TableId) => Promise<Term>;
type NextKey = (ets: EtsApi, table: TableId, key: Term) => Promise<Term>;

const plainFirst: FirstKey = async (ets, table) => ets.first(table);
const plainNext: NextKey = async (ets, table, key) => ets.next(table, key);

/** `ets_first_using_first_lookup/1`. */
const firstUsingLookup: FirstKey = async (ets, table) => {
  const result = await ets.firstLookup(table);
  return result === endOfTable ? endOfTable : (result as readonly [Term, Tuple[]])[0];
};

/** `ets_next_using_next_lookup/2`. */
const nextUsingLookup: NextKey = async (ets, table, key) => {
  const result = await ets.nextLookup(table, key);
  return result === endOfTable ? endOfTable : (result as readonly [Term, Tuple[]])[0];
};

/** `firstnext_concurrent_do(Config, FirstKeyFun, NextKeyFun)`. */
async function firstnextConcurrent(
  ets: EtsApi,
  processes: ProcessApi,
  firstKey: FirstKey,
  nextKey: NextKey,
): Promise<void> {
  for (const tableType of ORDERED_SET_TYPES) {
    const tableName = a(`ets_SUITE${tableType.label}`);
    // ets_init(TableName, 20, TableType): cycle/2 inserts {K, ...} with keys 1..20.
    const table = await ets.new(tableName, {
      ...tableType.options,
      ...(tableType.catTree === true ? { writeConcurrency: true } : {}),
      namedTable: true,
      access: 'public',
    });
    let cycle = Array.from({ length: 21 }, (_, index) => index + 1);
    while (cycle[0]! <= cycle.length - 1) {
      await ets.insert(table, cycle);
      cycle = [...cycle.slice(1), cycle[0]!];
    }
    // dynamic_go twice: each walks the table ten times, asking for every next key twice.
    const walkers: Monitored[] = [];
    for (let walker = 0; walker < 2; walker += 1) {
      walkers.push(
        await spawnMonitor(processes, async () => {
          for (let walk = 0; walk < 10; walk += 1) {
            let key = await firstKey(ets, table);
            while (key !== endOfTable) {
              const next = await nextKey(ets, table, key);
              same(await nextKey(ets, table, key), next, 'the next key asked twice');
              key = next;
            }
          }
        }),
      );
    }
    for (const walker of walkers) await endsNormally(walker, 'a walker');
  }
}

const firstnextConcurrentCase = defineCase(
  'firstnext_concurrent',
  ['processes'],
  async ({ ets, processes }) => firstnextConcurrent(ets, processes, plainFirst, plainNext),
  'the five-second wait for the linked walkers becomes a join on them; `stim_cat_ord_set` ' +
    '(see options.ts)',
);

const firstnextLookupConcurrent = defineCase(
  'firstnext_lookup_concurrent',
  ['processes', 'traversalLookup'],
  async ({ ets, processes }) =>
    firstnextConcurrent(ets, processes, firstUsingLookup, nextUsingLookup),
  'the five-second wait for the linked walkers becomes a join on them; `stim_cat_ord_set` ' +
    '(see options.ts)',
);

// ---------------------------------------------------------------------------------------------
// heavy group
// ---------------------------------------------------------------------------------------------

/** `heavy_lookup`: 7,000 keys and 50 laps in OTP. */
const HEAVY_LOOKUP_KEYS = 2000;
const HEAVY_LOOKUP_LAPS = 2;
/** `heavy_lookup` keys and laps on a driver without manyCalls. */
const HEAVY_LOOKUP_FEW_KEYS = 500;
const HEAVY_LOOKUP_FEW_LAPS = 1;
/** `heavy_lookup_element`: 7,000 keys and 50 laps in OTP. */
const HEAVY_LOOKUP_ELEMENT_KEYS = 1500;
const HEAVY_LOOKUP_ELEMENT_LAPS = 1;
/** `heavy_lookup_element` keys on a driver without manyCalls. */
const HEAVY_LOOKUP_ELEMENT_FEW_KEYS = 300;

const heavyLookup = defineCase(
  'heavy_lookup',
  [],
  async (context) => {
    const { ets } = context;
    const keyRange = scaled(context, HEAVY_LOOKUP_KEYS, HEAVY_LOOKUP_FEW_KEYS);
    const laps = scaled(context, HEAVY_LOOKUP_LAPS, HEAVY_LOOKUP_FEW_LAPS);
    await repeatForOpts(async (options) => {
      const table = await ets.new(a('foobar_table'), options.with({ keypos: 2 }));
      await fillTab2(ets, table, 0, keyRange);
      for (let lap = 0; lap < laps; lap += 1) {
        // do_lookup(Tab, KeyRange-1)
        for (let key = keyRange - 1; key > 0; key -= 1) {
          const found = await ets.lookup(table, key);
          ensure(found.length > 0, `key ${key} was reported as empty`);
        }
      }
      same(await ets.delete(table), true);
    }, ALL_SET_TABLE_TYPES);
  },
  `${HEAVY_LOOKUP_LAPS} laps over ${HEAVY_LOOKUP_KEYS.toLocaleString('en')} keys instead of 50 over 7,000 ` +
    `(on drivers without manyCalls: ${HEAVY_LOOKUP_FEW_LAPS} lap over ${HEAVY_LOOKUP_FEW_KEYS} keys); \`etsmem\`; ` +
    'the fun of `fill_tab2` is a tuple of what it captures (funs cannot cross to OTP)',
);

const heavyLookupElement = defineCase(
  'heavy_lookup_element',
  [],
  async (context) => {
    const { ets } = context;
    const keyRange = scaled(context, HEAVY_LOOKUP_ELEMENT_KEYS, HEAVY_LOOKUP_ELEMENT_FEW_KEYS);
    await repeatForOpts(async (options) => {
      const table = await ets.new(a('foobar_table'), options.with({ keypos: 2 }));
      await fillTab2(ets, table, 0, keyRange);
      for (let lap = 0; lap < HEAVY_LOOKUP_ELEMENT_LAPS; lap += 1) {
        // do_lookup_element(Tab, KeyRange-1, 1): every position of every object, until badarg.
        let key = keyRange - 1;
        let position = 1;
        while (key > 0) {
          try {
            await ets.lookupElement(table, key, position);
            position += 1;
          } catch (error) {
            if (!isBadarg(error)) throw error;
            ensure(position > 1, `key ${key} was reported as empty`);
            key -= 1;
            position = 1;
          }
        }
      }
      same(await ets.delete(table), true);
    }, ALL_SET_TABLE_TYPES);
  },
  `${HEAVY_LOOKUP_ELEMENT_LAPS} lap over ${HEAVY_LOOKUP_ELEMENT_KEYS.toLocaleString('en')} keys instead of 50 over 7,000 ` +
    `(on drivers without manyCalls: over ${HEAVY_LOOKUP_ELEMENT_FEW_KEYS} keys); \`etsmem\`; ` +
    'the fun of `fill_tab2` is a tuple of what it captures (funs cannot cross to OTP)',
);

/** `heavy_concurrent`: 500 processes of 10,000 laps in OTP. */
const HEAVY_CONCURRENT_PROCESSES = 50;
const HEAVY_CONCURRENT_LAPS = 100;
/** Objects in its table (10,000 in OTP; the processes read keys up to their laps). */
const HEAVY_CONCURRENT_KEYS = 1000;
/** Processes and objects on a driver without manyCalls (the laps stay, so each inserts). */
const HEAVY_CONCURRENT_FEW_PROCESSES = 20;
const HEAVY_CONCURRENT_FEW_KEYS = 200;

const heavyConcurrent = defineCase(
  'heavy_concurrent',
  ['processes'],
  async (context) => {
    const { ets, processes } = context;
    const processCount = scaled(
      context,
      HEAVY_CONCURRENT_PROCESSES,
      HEAVY_CONCURRENT_FEW_PROCESSES,
    );
    const keyRange = scaled(context, HEAVY_CONCURRENT_KEYS, HEAVY_CONCURRENT_FEW_KEYS);
    let referenceCount = 0;
    const makeRef = () => {
      referenceCount += 1;
      return new Reference([referenceCount, 0, 0]);
    };
    await repeatForOpts(async (options) => {
      const table = await ets.new(a('blupp'), options.with({ access: 'public', keypos: 2 }));
      await fillTab2(ets, table, 0, keyRange);
      const procs: Monitored[] = [];
      for (let offset = 1; offset <= processCount; offset += 1) {
        procs.push(
          await spawnMonitor(processes, async () => {
            // do_heavy_concurrent_proc(Tab, Laps, Offs)
            const self = await processes.self();
            for (let lap = HEAVY_CONCURRENT_LAPS; lap > 0; lap -= 1) {
              if ((lap + offset) % 100 === 0) {
                const data = [
                  charList('here'),
                  a('are'),
                  charList('S O M E '),
                  a('data'),
                  charList('toooooooooooooooooo'),
                  a('insert'),
                  makeRef(),
                  makeRef(),
                  makeRef(),
                ];
                same(await ets.insert(table, [[self, data], lap]), true, 'insert');
              } else {
                await ets.lookup(table, lap);
              }
            }
          }),
        );
      }
      for (const proc of procs) await endsNormally(proc, 'a heavy process');
      same(await ets.delete(table), true);
    }, ALL_SET_TABLE_TYPES);
  },
  `${HEAVY_CONCURRENT_PROCESSES} processes of ${HEAVY_CONCURRENT_LAPS} laps over a table of ` +
    `${HEAVY_CONCURRENT_KEYS.toLocaleString('en')} objects instead of 500 of 10,000 over 10,000 ` +
    `(on drivers without manyCalls: ${HEAVY_CONCURRENT_FEW_PROCESSES} processes over ` +
    `${HEAVY_CONCURRENT_FEW_KEYS} objects); \`etsmem\`; ` +
    'the fun of `fill_tab2` is a tuple of what it captures (funs cannot cross to OTP)',
);

// ---------------------------------------------------------------------------------------------
// insert_list group
// ---------------------------------------------------------------------------------------------

/** The `[[public], set_types]` option generators of the insert_list cases. */
const PUBLIC_SET_TYPES: readonly OptionGenerator[] = [[optionItems.public], 'set_types'];

/**
 * `ets_insert_with_check/2` or `ets_insert_new_with_check/2`, made per process: the second
 * keeps OTP's process-dictionary flag (the first `insert_new` of a list succeeds, the others
 * find the keys present).
 */
interface InsertFun {
  readonly name: string;
  readonly forProcess: (ets: EtsApi) => (table: TableId, objects: Tuple[]) => Promise<void>;
}

const INSERT_FUNS: readonly InsertFun[] = [
  {
    name: 'ets_insert_with_check',
    forProcess: (ets) => async (table, objects) => {
      same(await ets.insert(table, list(...objects)), true, 'insert of a list');
    },
  },
  {
    name: 'ets_insert_new_with_check',
    forProcess: (ets) => {
      let first = true;
      return async (table, objects) => {
        const expected = first;
        first = false;
        same(await ets.insertNew(table, list(...objects)), expected, 'insert_new of a list');
      };
    },
  },
];

/** `[{X,X} || X <- lists:seq(From, To)]`. */
const pairs = (from: number, to: number): Tuple[] =>
  Array.from({ length: to - from + 1 }, (_, index) => [from + index, from + index]);

/**
 * OTP's `(ListLength, NrOfTables, NrOfInserts)` configurations with lists one hundredth as
 * long, and 200 tables instead of 1,000 in the last.
 */
const INSERT_LIST_DELETE_SET_CONFIGS = [
  [10_000, 1, 1],
  [1_000, 10, 5],
  [100, 100, 50],
  [10, 200, 500],
] as const;

const tInsertListDeleteSet = defineCase(
  't_insert_list_delete_set',
  ['processes'],
  async ({ ets, processes }) => {
    await repeatForOpts(async (options) => {
      for (const insertFun of INSERT_FUNS) {
        for (const [listLength, tables, inserts] of INSERT_LIST_DELETE_SET_CONFIGS) {
          const parent = await processes.self();
          const objects = pairs(1, listLength);
          const inserters: Monitored[] = [];
          for (let number = 0; number < tables; number += 1) {
            const table = await ets.new(a('x'), options.with());
            inserters.push(
              await spawnMonitor(processes, async () => {
                const insert = insertFun.forProcess(ets);
                try {
                  for (let lap = 0; lap < inserts; lap += 1) await insert(table, objects);
                } catch (error) {
                  if (!isBadarg(error)) throw error;
                }
                await processes.send(parent, a('done'));
              }),
            );
            await pause(1);
            same(await ets.delete(table), true, 'delete while inserting');
          }
          for (const inserter of inserters) await endsNormally(inserter, insertFun.name);
          for (let number = 0; number < tables; number += 1) {
            await expectMessage(processes, a('done'), 'an inserter’s done');
          }
        }
      }
    }, PUBLIC_SET_TYPES);
  },
  'lists one hundredth as long as OTP’s (10,000 down to 10) and 200 tables instead of 1,000 in ' +
    'the last run; the one-millisecond wait before each delete is one yield; `etsmem`',
);

/**
 * `t_insert_list_parallel_do_helper`: a binary tree of processes splitting `processCount`
 * inserters over consecutive key ranges; each inserter inserts its list `inserts` times, and
 * every process sends `done` to its parent when its subtree is done.
 */
async function insertListParallelHelper(
  ets: EtsApi,
  processes: ProcessApi,
  parent: Pid,
  table: TableId,
  startKey: number,
  insertFun: (table: TableId, objects: Tuple[]) => Promise<void>,
  makeInsertFun: () => (table: TableId, objects: Tuple[]) => Promise<void>,
  listLength: number,
  processCount: number,
  inserts: number,
): Promise<void> {
  if (processCount === 1) {
    const objects = pairs(startKey, startKey + listLength - 1);
    for (let lap = 0; lap < inserts; lap += 1) await insertFun(table, objects);
    await processes.send(parent, a('done'));
    return;
  }
  const self = await processes.self();
  const half = Math.floor(processCount / 2);
  const children = [
    [startKey, half],
    [startKey + listLength * half, half + (processCount % 2)],
  ] as const;
  for (const [childStart, childCount] of children) {
    await processes.spawn(async () => {
      await insertListParallelHelper(
        ets,
        processes,
        self,
        table,
        childStart,
        makeInsertFun(),
        makeInsertFun,
        listLength,
        childCount,
        inserts,
      );
    });
  }
  await expectMessage(processes, a('done'), 'a subtree’s done');
  await expectMessage(processes, a('done'), 'a subtree’s done');
  await processes.send(parent, a('done'));
}

/** OTP's `(ListLength, NrOfProcesses, NrOfInsertsPerProcess)` of `t_insert_list_parallel`. */
const INSERT_LIST_PARALLEL_CONFIGS = [
  [2, 100, 20],
  [10, 100, 5],
  [200, 100, 1],
  [5000, 3, 1],
] as const;

const tInsertListParallel = defineCase(
  't_insert_list_parallel',
  ['processes'],
  async ({ ets, processes }) => {
    await repeatForOpts(async (options) => {
      for (const insertFun of INSERT_FUNS) {
        for (const [listLength, processCount, inserts] of INSERT_LIST_PARALLEL_CONFIGS) {
          const table = await ets.new(a('x'), options.with());
          const makeInsertFun = () => insertFun.forProcess(ets);
          await insertListParallelHelper(
            ets,
            processes,
            await processes.self(),
            table,
            0,
            makeInsertFun(),
            makeInsertFun,
            listLength,
            processCount,
            inserts,
          );
          await expectMessage(processes, a('done'), 'the inserters’ done');
          const expectedSize = listLength * processCount;
          same(
            (await ets.matchObject(table, [a('$0'), a('$1')])).length,
            expectedSize,
            'objects matched',
          );
          same(await ets.info(table, a('size')), expectedSize, 'size');
          same(await ets.delete(table), true);
        }
      }
    }, PUBLIC_SET_TYPES);
  },
  'inserts per process 20, 5, 1, 1 instead of 500, 100, 10, 1, and lists of 200 and 5,000 ' +
    'instead of 1,000 and 50,000 for the last two runs; `etsmem`',
);

/** OTP's `(ListLength, NrOfProcesses)` of `t_insert_list_delete_parallel`. */
const INSERT_LIST_DELETE_PARALLEL_CONFIGS = [
  [30, 32],
  [300, 8],
  [600, 4],
  [1800, 4],
] as const;
/** Inserts per process: OTP's 1,000,000 only bounds a loop the table's deletion ends. */
const INSERT_LIST_DELETE_PARALLEL_INSERTS = 1000;

const tInsertListDeleteParallel = defineCase(
  't_insert_list_delete_parallel',
  ['processes'],
  async ({ ets, processes }) => {
    await repeatForOpts(async (options) => {
      for (const insertFun of INSERT_FUNS) {
        for (const [listLength, processCount] of INSERT_LIST_DELETE_PARALLEL_CONFIGS) {
          const table = await ets.new(a('x'), options.with());
          let completedInserts = 0;
          // NewInsertFun: counts completed inserts and stops its process at the first badarg.
          const makeInsertFun = () => {
            const insert = insertFun.forProcess(ets);
            let stopped = false;
            return async (tab: TableId, objects: Tuple[]) => {
              if (stopped) return;
              try {
                await insert(tab, objects);
                completedInserts += 1;
              } catch (error) {
                if (!isBadarg(error)) throw error;
                stopped = true;
              }
            };
          };
          const self = await processes.self();
          const inserters = await spawnMonitor(processes, async () => {
            await insertListParallelHelper(
              ets,
              processes,
              await processes.self(),
              table,
              0,
              makeInsertFun(),
              makeInsertFun,
              listLength,
              processCount,
              INSERT_LIST_DELETE_PARALLEL_INSERTS,
            );
            await expectMessage(processes, a('done'), 'the inserters’ done');
            await processes.send(self, a('done_parallel_insert'));
          });
          await pause(3);
          await processes.spawn(async () => {
            await processes.spawn(async () => {
              await pause(7);
              same(await ets.delete(table), true, 'delete by another process');
              await processes.send(self, a('done_delete'));
            });
          });
          await expectMessage(processes, a('done_delete'), 'done_delete');
          await expectMessage(processes, a('done_parallel_insert'), 'done_parallel_insert');
          await endsNormally(inserters, 'the inserters');
          ensure(
            completedInserts <= processCount * INSERT_LIST_DELETE_PARALLEL_INSERTS,
            'more inserts completed than were made',
          );
          same(await ets.info(table), a('undefined'), 'the table is deleted');
        }
      }
    }, PUBLIC_SET_TYPES);
  },
  `${INSERT_LIST_DELETE_PARALLEL_INSERTS} inserts per process bound the loop instead of ` +
    '1,000,000; lists of 600 and 1,800 instead of 3,000 and 9,000 for the last two runs; the ' +
    'waits of 3 and 7 ms before the delete are 3 and 7 yields; `etsmem`',
);

/** `t_insert_list_kill_process`: OTP inserts a list of 600,000 objects. */
const KILL_PROCESS_LIST_LENGTH = 8_000;

const tInsertListKillProcess = defineCase(
  't_insert_list_kill_process',
  ['processes'],
  async ({ ets, processes }) => {
    const objects = list(...pairs(1, KILL_PROCESS_LIST_LENGTH));
    const insertFuns = [
      (table: TableId) => ets.insert(table, objects),
      (table: TableId) => ets.insertNew(table, objects),
    ];
    await repeatForOpts(async (options) => {
      for (const insertFun of insertFuns) {
        for (const ticks of [1, 3, 5, 7, 14, 21, 28]) {
          const table = await ets.new(a('x'), options.with());
          const inserter = await spawnMonitor(processes, async () => {
            await insertFun(table);
          });
          await pause(ticks);
          await processes.exit(inserter.pid, a('kill'));
          await exitOf(inserter, 'the killed inserter');
          same(await ets.delete(table), true, 'delete after the kill');
        }
      }
    }, PUBLIC_SET_TYPES);
  },
  `lists of ${KILL_PROCESS_LIST_LENGTH.toLocaleString('en')} objects instead of 600,000; the ` +
    'waits of 1 to 28 ms before the kill are as many yields; `etsmem`',
);

// ---------------------------------------------------------------------------------------------
// meta_smp group
// ---------------------------------------------------------------------------------------------

/** Laps per worker of the meta_smp cases (10,000 in OTP). */
const META_LAPS = 2000;
const META_OMITTED =
  `${META_LAPS.toLocaleString('en')} laps per worker instead of 10,000; ` +
  `one worker per scheduler is ${SCHEDULERS} workers`;

const metaLookupUnnamedRead = defineCase(
  'meta_lookup_unnamed_read',
  ['processes'],
  async ({ ets, processes }) => {
    await runWorkers(processes, {
      laps: META_LAPS,
      init: async () => {
        const table = await ets.new(a('unnamed'), {});
        same(await ets.insert(table, [a('key'), a('data')]), true);
        return table;
      },
      exec: async (table) => {
        same(await ets.lookup(table, a('key')), [[a('key'), a('data')]], 'lookup');
        return table;
      },
      fini: async (table) => ets.delete(table),
    });
  },
  META_OMITTED,
);

const metaLookupUnnamedWrite = defineCase(
  'meta_lookup_unnamed_write',
  ['processes'],
  async ({ ets, processes }) => {
    await runWorkers(processes, {
      laps: META_LAPS,
      init: async () => ({ table: await ets.new(a('unnamed'), {}), count: 0 }),
      exec: async ({ table, count }) => {
        same(await ets.insert(table, [a('key'), count]), true, 'insert');
        return { table, count: count + 1 };
      },
      fini: async ({ table }) => ets.delete(table),
    });
  },
  META_OMITTED,
);

const metaLookupNamedRead = defineCase(
  'meta_lookup_named_read',
  ['processes'],
  async ({ ets, processes }) => {
    await runWorkers(processes, {
      laps: META_LAPS,
      init: async ({ processNumber }) => {
        const table = await ets.new(a(String(processNumber)), { namedTable: true });
        same(await ets.insert(table, [a('key'), a('data')]), true);
        return table;
      },
      exec: async (table) => {
        same(await ets.lookup(table, a('key')), [[a('key'), a('data')]], 'lookup');
        return table;
      },
      fini: async (table) => ets.delete(table),
    });
  },
  META_OMITTED,
);

const metaLookupNamedWrite = defineCase(
  'meta_lookup_named_write',
  ['processes'],
  async ({ ets, processes }) => {
    await runWorkers(processes, {
      laps: META_LAPS,
      init: async ({ processNumber }) => ({
        table: await ets.new(a(String(processNumber)), { namedTable: true }),
        count: 0,
      }),
      exec: async ({ table, count }) => {
        same(await ets.insert(table, [a('key'), count]), true, 'insert');
        return { table, count: count + 1 };
      },
      fini: async ({ table }) => ets.delete(table),
    });
  },
  META_OMITTED,
);

const metaNewdelUnnamed = defineCase(
  'meta_newdel_unnamed',
  ['processes'],
  async ({ ets, processes }) => {
    await runWorkers(processes, {
      laps: META_LAPS,
      init: () => a('ok'),
      exec: async (state) => {
        const table = await ets.new(a('unnamed'), {});
        same(await ets.delete(table), true, 'delete');
        return state;
      },
      fini: (state) => state,
    });
  },
  META_OMITTED,
);

const metaNewdelNamed = defineCase(
  'meta_newdel_named',
  ['processes'],
  async ({ ets, processes }) => {
    await runWorkers(processes, {
      laps: META_LAPS,
      init: ({ processNumber }) => a(String(processNumber)),
      exec: async (name) => {
        same(await ets.new(name, { namedTable: true }), name, 'new');
        same(await ets.delete(name), true, 'delete');
        return name;
      },
      fini: () => a('ok'),
    });
  },
  META_OMITTED,
);

// ---------------------------------------------------------------------------------------------
// smp_* cases
// ---------------------------------------------------------------------------------------------

/** `[set, ordered_set, stim_cat_ord_set]` without `stim_cat_ord_set` (see options.ts). */
const SET_AND_ORDERED_SET: readonly OptionItem[] = [optionItems.set, optionItems.orderedSet];

/** Inserts per worker of `smp_insert` (100,000 in OTP). */
const SMP_INSERT_LAPS = 2000;

const smpInsert = defineCase(
  'smp_insert',
  ['processes'],
  async ({ ets, processes }) => {
    await repeatForOpts(
      async (options) => {
        const keyRange = 10000;
        const table = await ets.new(
          a('smp_insert'),
          options.with({ namedTable: true, access: 'public', writeConcurrency: true }),
        );
        await runWorkers(processes, {
          laps: SMP_INSERT_LAPS,
          init: () => a('ok'),
          exec: async (state, { uniform }) => {
            same(await ets.insert(table, [uniform(keyRange)]), true, 'insert');
            return state;
          },
          fini: (state) => state,
        });
        const size = (await ets.info(table, a('size'))) as number;
        ensure(size > 0 && size <= keyRange, `size ${size} after the inserts`);
        same(await ets.delete(table), true);
      },
      [SET_AND_ORDERED_SET],
    );
  },
  `${SMP_INSERT_LAPS.toLocaleString('en')} inserts per worker instead of 100,000; ` +
    '`verify_table_load` (hash bucket statistics); `stim_cat_ord_set` (see options.ts)',
);

/** Objects of `smp_fixed_delete` (100,000 in OTP). */
const SMP_FIXED_DELETE_OBJECTS = 5000;

const smpFixedDelete = defineCase(
  'smp_fixed_delete',
  ['processes'],
  async ({ ets, processes }) => {
    const table = await ets.new(a('foo'), { access: 'public', writeConcurrency: true });
    const objects = SMP_FIXED_DELETE_OBJECTS;
    await filltabint(ets, table, objects);
    same(await ets.safeFixtable(table, true), true);
    await runWorkers(processes, {
      laps: objects,
      init: ({ processNumber, numberOfProcesses }) => ({
        key: processNumber,
        increment: numberOfProcesses,
      }),
      exec: async (state) => {
        if (state.key > objects) return new EndOfWork(state);
        same(await ets.delete(table, state.key), true, 'delete');
        return { key: state.key + state.increment, increment: state.increment };
      },
      fini: () => a('ok'),
    });
    same(await ets.info(table, a('size')), 0, 'size after the deletes');
    same(await ets.info(table, a('fixed')), true, 'still fixed');
    same(await ets.safeFixtable(table, false), true);
    same(await ets.delete(table), true);
  },
  `${SMP_FIXED_DELETE_OBJECTS.toLocaleString('en')} objects instead of 100,000; the bucket ` +
    'count and the kept (pseudo-deleted) objects (`ets:info(T, stats)`)',
);

/** `[{{'$1', '_'}, [{'=<', '$1', Deleted}], [true]}]`. */
const keysUpTo = (deleted: number): Term =>
  clause([a('$1'), a('_')], [[a('=<'), a('$1'), deleted]], [true]);

/** Objects of `smp_unfix_fix` (100,000 in OTP, half of them deleted). */
const SMP_UNFIX_FIX_OBJECTS = 4000;

const smpUnfixFix = defineCase(
  'smp_unfix_fix',
  ['processes'],
  async ({ ets, processes }) => {
    const parent = await processes.self();
    const table = await ets.new(a('foo'), { access: 'public', writeConcurrency: true });
    const objects = SMP_UNFIX_FIX_OBJECTS;
    const deleted = objects / 2;
    await filltabint(ets, table, objects);
    same(await ets.safeFixtable(table, true), true);
    same(await ets.selectDelete(table, keysUpTo(deleted)), deleted, 'select_delete');
    const left = objects - deleted;
    same(await ets.info(table, a('size')), left, 'size after select_delete');
    same(await ets.info(table, a('fixed')), true, 'fixed');

    const child = await spawnMonitor(processes, async () => {
      same(await ets.info(table, a('fixed')), true, 'fixed when the child starts');
      await processes.send(parent, a('start'));
      // Wait for the parent's unfix, then fix the table itself and delete the rest.
      while ((await ets.info(table, a('fixed'))) === true);
      same(await ets.safeFixtable(table, true), true);
      for (let key = deleted; key <= objects; key += 1) await ets.delete(table, key);
      same(await ets.info(table, a('size')), 0, 'size after the child’s deletes');
      await expectMessage(processes, a('done'), 'the child’s done');
    });
    await expectMessage(processes, a('start'), 'the child’s start');
    same(await ets.info(table, a('fixed')), true, 'fixed before the unfix');
    same(await ets.safeFixtable(table, false), true);
    await processes.send(child.pid, a('done'));
    await endsNormally(child, 'the child');
    same(await ets.info(table, a('fixed')), false, 'the child’s fixation ended with it');
    same(await ets.delete(table), true);
  },
  `${SMP_UNFIX_FIX_OBJECTS.toLocaleString('en')} objects instead of 100,000; the bucket ` +
    'count and the kept (pseudo-deleted) objects (`ets:info(T, stats)`); scheduler binding',
);

/** Laps per worker of `smp_select_replace` (OTP runs them for three seconds). */
const SMP_SELECT_REPLACE_LAPS = 500;

const smpSelectReplace = defineCase(
  'smp_select_replace',
  ['processes'],
  async ({ ets, processes }) => {
    await repeatForOpts(
      async (options) => {
        const keyRange = 20;
        const table = await ets.new(
          a('smp_select_replace'),
          options.with({ access: 'public', writeConcurrency: true }),
        );
        const results = await runWorkers(processes, {
          laps: SMP_SELECT_REPLACE_LAPS,
          init: () => 0,
          exec: async (count, { uniform }) => {
            const counterId = uniform(keyRange);
            const increment = clause(
              [a('$1'), a('$2')],
              [[a('=:='), a('$1'), counterId]],
              [[[a('$1'), [a('+'), a('$2'), 1]]]],
            );
            const replaced = await ets.selectReplace(table, increment);
            if (replaced === 1) return count + 1;
            same(replaced, 0, 'select_replace count');
            await ets.insertNew(table, [counterId, 0]);
            return count;
          },
          fini: (count) => count,
        });
        const finalCounts = (await ets.select(
          table,
          clause([a('_'), a('$1')], [], [a('$1')]),
        )) as number[];
        const total = finalCounts.reduce((sum, count) => sum + count, 0);
        same(
          total,
          results.reduce((sum, count) => sum + count, 0),
          'the counters add up to the increments the workers made',
        );
        same(
          await ets.selectDelete(table, clause([a('_'), a('_')], [], [true])),
          keyRange,
          'one counter per key',
        );
        same(await ets.info(table, a('size')), 0, 'size');
        same(await ets.delete(table), true);
      },
      [[optionItems.set, optionItems.orderedSet, optionItems.duplicateBag], 'compressed'],
    );
  },
  `${SMP_SELECT_REPLACE_LAPS} laps per worker instead of three seconds; \`stim_cat_ord_set\` ` +
    '(see options.ts)',
);

/** `unique_rand_start/2` and `unique_rand_next/1`: 1..Max in a seeded pseudo-random order. */
function uniqueRandom(max: number, seed: number): () => number {
  const primes = [
    103, 211, 503, 1019, 2003, 5003, 10007, 20011, 50023, 100003, 200003, 500083, 1000003,
  ];
  const prime = primes.find((candidate) => candidate >= max);
  if (prime === undefined) throw new Error('random range too large');
  const quad = (x: number) => {
    const remainder = (x * x) % prime;
    return 2 * x < prime ? remainder : prime - remainder;
  };
  let index = 0;
  return () => {
    for (;;) {
      const value = quad((quad(index) + seed) % prime) + 1;
      index += 1;
      if (value <= max) return value;
    }
  };
}

/** Rounds of the main process's checks in `smp_ordered_iteration` (one second in OTP). */
const SMP_ORDERED_ITERATION_ROUNDS = 3;
/** Laps per worker meanwhile. */
const SMP_ORDERED_ITERATION_LAPS = 1500;

const smpOrderedIteration = defineCase(
  'smp_ordered_iteration',
  ['processes'],
  async ({ ets, processes }) => {
    await repeatForOpts(
      async (options) => {
        const keyRange = 1000;
        const offHeap = new Pid(4711, 1, a('a@b'), 1);
        const keyOf = (k: number, type: string): Tuple => [
          Math.floor(k / 10),
          k % 10,
          a(type),
          offHeap,
        ];
        const table = await ets.new(
          a('smp_ordered_iteration'),
          options.with({ access: 'public', writeConcurrency: true }),
        );
        // prefill_table: a process inserts Num objects under distinct pseudo-random keys.
        const prefill = async (count: number, object: (k: number) => Tuple, seed: number) => {
          const parent = await processes.self();
          await processes.spawn(async () => {
            const next = uniqueRandom(keyRange, seed);
            for (let inserted = 0; inserted < count; inserted += 1) {
              await ets.insert(table, object(next()));
            }
            await processes.send(parent, a('done'));
          });
          await expectMessage(processes, a('done'), 'prefill done');
        };
        const stableCount = keyRange / 4;
        await prefill(stableCount, (k) => [keyOf(k, 'stable'), 0], 17);
        same(await ets.info(table, a('size')), stableCount, 'stable objects');
        const volatileCount = keyRange / 2;
        await prefill(volatileCount, (k) => [keyOf(k, 'volatile'), 0], 29);

        const workers = runWorkers(processes, {
          laps: SMP_ORDERED_ITERATION_LAPS,
          init: () => new Map<string, number>(),
          exec: async (counters, { uniform }) => {
            const k = uniform(keyRange);
            const key = keyOf(k, 'volatile');
            const partlyBound = [Math.floor(k / 10), a('_'), a('volatile'), a('_')];
            const choice = uniform(22);
            let operation: string;
            if (choice <= 10) {
              await ets.insert(table, [key]);
              operation = 'insert';
            } else if (choice <= 15) {
              await ets.delete(table, key);
              operation = 'delete';
            } else if (choice <= 19) {
              await ets.selectDelete(table, clause([key, a('_')], [], [true]));
              operation = 'select_delete_bk';
            } else if (choice <= 20) {
              await ets.selectDelete(table, clause([partlyBound, a('_')], [], [true]));
              operation = 'select_delete_pbk';
            } else if (choice <= 21) {
              await ets.selectReplace(
                table,
                clause(
                  [key, a('$1')],
                  [],
                  [
                    [
                      [
                        [a('const'), key],
                        [a('+'), a('$1'), 1],
                      ],
                    ],
                  ],
                ),
              );
              operation = 'select_replace_bk';
            } else {
              await ets.selectReplace(
                table,
                clause(
                  [partlyBound, a('$1')],
                  [],
                  [
                    [
                      [
                        [a('element'), 1, a('$_')],
                        [a('+'), a('$1'), 1],
                      ],
                    ],
                  ],
                ),
              );
              operation = 'select_replace_pbk';
            }
            counters.set(operation, (counters.get(operation) ?? 0) + 1);
            return counters;
          },
          fini: (counters) => [...counters.values()].reduce((sum, count) => sum + count, 0),
        });

        const random = seededRandom(4711);
        const stableSpec = clause([[a('_'), a('_'), a('stable'), a('_')], a('_')], [], [true]);
        const countStable = async (direction: 'next' | 'prev', start: Term) => {
          let count = 0;
          let key = start;
          while (key !== endOfTable) {
            const type = (key as Tuple)[2];
            if (type === a('stable')) count += 1;
            else same(type, a('volatile'), 'the key’s type');
            key = direction === 'next' ? await ets.next(table, key) : await ets.prev(table, key);
          }
          return count;
        };
        for (let round = 0; round < SMP_ORDERED_ITERATION_ROUNDS; round += 1) {
          const chunk = Math.round(2 ** (random() * Math.log2(stableCount * 2)));
          same(await ets.selectCount(table, stableSpec), stableCount, 'select_count');
          same(await countStable('next', await ets.first(table)), stableCount, 'first/next');
          same(await countStable('prev', await ets.last(table)), stableCount, 'last/prev');
          same((await ets.select(table, stableSpec)).length, stableCount, 'select');
          same((await ets.selectReverse(table, stableSpec)).length, stableCount, 'reverse');
          let chunked = 0;
          let step = await ets.select(table, stableSpec, chunk);
          while (step !== endOfTable) {
            const [results, continuation] = step as readonly [Term[], Term];
            chunked += results.length;
            step = await ets.select(continuation);
          }
          same(chunked, stableCount, `select in chunks of ${chunk}`);
        }
        await workers;
        same(await ets.delete(table), true);
      },
      [[optionItems.catOrdSet]],
    );
  },
  `${SMP_ORDERED_ITERATION_ROUNDS} rounds of checks while each worker makes ` +
    `${SMP_ORDERED_ITERATION_LAPS.toLocaleString('en')} changes, instead of one second; ` +
    '`stim_cat_ord_set` (see options.ts); `erts_test_utils:check_node_dist`',
);

/** Laps per worker of `smp_select_delete` (20,000 in OTP). */
const SMP_SELECT_DELETE_LAPS = 500;

const smpSelectDelete = defineCase(
  'smp_select_delete',
  ['processes'],
  async ({ ets, processes }) => {
    await repeatForOpts(
      async (options) => {
        const keyRange = 10000;
        const modulus = 17;
        const table = await ets.new(
          a('smp_select_delete'),
          options.with({ namedTable: true, access: 'public', writeConcurrency: true }),
        );
        const remainderIs = (remainder: number) =>
          clause([a('_'), a('$1')], [[a('=:='), [a('rem'), a('$1'), modulus], remainder]], [true]);
        const results = await runWorkers(processes, {
          laps: SMP_SELECT_DELETE_LAPS,
          init: () => new Array<number>(modulus).fill(0),
          exec: async (differences, { uniform }) => {
            if (uniform(20) === 1) {
              const remainder = uniform(modulus) - 1;
              const deleted = await ets.selectDelete(table, remainderIs(remainder));
              differences[remainder]! -= deleted;
            } else {
              const key = uniform(keyRange);
              if (await ets.insertNew(table, [key, key])) differences[key % modulus]! += 1;
            }
            return differences;
          },
          fini: (differences) => list(...differences),
        });
        const totals = new Array<number>(modulus).fill(0);
        for (const result of results) {
          [...result].forEach((difference, remainder) => {
            totals[remainder]! += difference as number;
          });
        }
        const leftInTable = totals.reduce((sum, count) => sum + count, 0);
        same(await ets.info(table, a('size')), leftInTable, 'size');
        for (const [remainder, count] of totals.entries()) {
          same(
            await ets.selectCount(table, remainderIs(remainder)),
            count,
            `objects with key rem ${modulus} = ${remainder}`,
          );
        }
        same(
          await ets.selectDelete(table, clause([a('$1'), a('$1')], [], [true])),
          leftInTable,
          'select_delete of all',
        );
        same(await ets.info(table, a('size')), 0, 'size');
        same(await ets.info(table, a('fixed')), false, 'fixed');
        same(await ets.delete(table), true);
      },
      [SET_AND_ORDERED_SET, 'read_concurrency', 'compressed'],
    );
  },
  `${SMP_SELECT_DELETE_LAPS} laps per worker instead of 20,000; \`stim_cat_ord_set\` (see ` +
    'options.ts)',
);

// ---------------------------------------------------------------------------------------------
// otp_8166, delete_unfix_race, test_table_size_concurrency
// ---------------------------------------------------------------------------------------------

/** Rounds of `otp_8166` (100 in OTP) and objects in its table (3,000 in OTP). */
const OTP_8166_ROUNDS = 15;
const OTP_8166_OBJECTS = 3000;
/** Rounds and objects on a driver without manyCalls. */
const OTP_8166_FEW_ROUNDS = 5;
const OTP_8166_FEW_OBJECTS = 600;

const otp8166 = defineCase(
  'otp_8166',
  ['processes'],
  async (context) => {
    const { ets, processes } = context;
    const objects = scaled(context, OTP_8166_OBJECTS, OTP_8166_FEW_OBJECTS);
    const rounds = scaled(context, OTP_8166_ROUNDS, OTP_8166_FEW_ROUNDS);
    for (const writeConcurrency of [false, true]) {
      const table = await ets.new(a('foo'), { access: 'public', writeConcurrency });
      const deleted = objects / 2;
      await filltabint(ets, table, objects);

      // otp_8166_reader: keeps reading the table until told to quit.
      const reader = await spawnMonitor(processes, async () => {
        for (;;) {
          for (let key = objects; key > 0; key -= 1) await ets.lookup(table, key);
          if ((await processes.receive({ timeout: 0 })) === a('quit')) return;
        }
      });
      // otp_8166_zombie_creator: fixes the table and deletes half of it, then waits for a
      // second fixer (or an unfix message) before unfixing.
      const zombieCreator = await spawnMonitor(processes, async () => {
        for (;;) {
          const message = await receiveMessage(processes, 'the zombie creator’s orders');
          if (message === a('quit')) return;
          if (message === a('unfix')) continue;
          const [tag, from] = message as Tuple;
          same(tag, a('loop'), 'the zombie creator’s order');
          await filltabint(ets, table, deleted);
          same(await ets.safeFixtable(table, true), true);
          same(await ets.selectDelete(table, keysUpTo(deleted)), deleted, 'zombies made');
          await processes.send(from as Pid, a('zombies_created'));
          for (;;) {
            const fixed = await ets.info(table, a('safe_fixed_monotonic_time'));
            if (Array.isArray(fixed) && [...(fixed[1] as Iterable<Term>)].length === 2) break;
            if ((await processes.receive({ timeout: 0 })) === a('unfix')) break;
          }
          same(await ets.safeFixtable(table, false), true);
        }
      });

      const self = await processes.self();
      for (let round = 0; round < rounds; round += 1) {
        await processes.send(zombieCreator.pid, [a('loop'), self]);
        await expectMessage(processes, a('zombies_created'), 'zombies_created');
        // otp_8166_trapper: a match_object that fixes and unfixes the table (a trapping one).
        for (let tries = 10; ; tries -= 1) {
          same(
            await ets.matchObject(table, [a('_'), charList('Pink Unicorn')]),
            [],
            'match_object',
          );
          if ((await ets.info(table, a('fixed'))) === false) break;
          if (tries === 1) {
            await processes.send(zombieCreator.pid, a('unfix'));
            break;
          }
        }
      }
      await processes.send(reader.pid, a('quit'));
      await endsNormally(reader, 'the reader');
      await processes.send(zombieCreator.pid, a('quit'));
      await endsNormally(zombieCreator, 'the zombie creator');
      same(await ets.info(table, a('fixed')), false, 'fixed at the end');
      same(await ets.delete(table), true);
    }
  },
  `${OTP_8166_ROUNDS} rounds instead of 100 (on drivers without manyCalls: ` +
    `${OTP_8166_FEW_ROUNDS} rounds over ${OTP_8166_FEW_OBJECTS} objects instead of 3,000); the kept (pseudo-deleted) objects ` +
    '(`ets:info(T, stats)`); scheduler binding',
);

/** Select counts of `delete_unfix_race` (10,000 in OTP). */
const DELETE_UNFIX_RACE_SELECTS = 2000;

const deleteUnfixRace = defineCase(
  'delete_unfix_race',
  ['processes'],
  async ({ ets, processes }) => {
    const table = await ets.new(a('t'), {
      type: 'set',
      access: 'public',
      writeConcurrency: true,
    });
    const main = await processes.self();
    const random = seededRandom(10);
    const uniform = (range: number) => 1 + Math.floor(random() * range);
    // repeat_while(Op): Op until a stop message comes, then Main ! self().
    const untilStopped = (operation: () => unknown) => async () => {
      while ((await processes.receive({ timeout: 0 })) !== a('stop')) await operation();
      await processes.send(main, await processes.self());
    };
    const inserter = await spawnMonitor(
      processes,
      untilStopped(() => ets.insert(table, [uniform(10)])),
    );
    const deleter = await spawnMonitor(
      processes,
      untilStopped(() => ets.delete(table, uniform(10))),
    );
    const selector = await spawnMonitor(processes, async () => {
      for (let count = 0; count < DELETE_UNFIX_RACE_SELECTS; count += 1) {
        await ets.selectCount(table, clause(a('$1'), [], [true]));
      }
      await processes.send(deleter.pid, a('stop'));
      await processes.send(inserter.pid, a('stop'));
    });
    for (const worker of [inserter, deleter]) {
      const message = await processes.receive({
        match: (candidate) => candidate instanceof Pid && samePid(candidate, worker.pid),
        timeout: JOIN_TIMEOUT_MILLISECONDS,
      });
      ensure(message !== undefined, 'a worker did not stop');
    }
    for (const worker of [inserter, deleter, selector]) await endsNormally(worker, 'a worker');
    same(await ets.delete(table), true);
  },
  `${DELETE_UNFIX_RACE_SELECTS.toLocaleString('en')} select_counts instead of 10,000; ` +
    '`etsmem` (the leak the race once caused is in BEAM memory counters)',
);

/** Objects the adder inserts in `test_table_size_concurrency` (1,000,000 in OTP). */
const SIZE_CONCURRENCY_ITEMS = 2500;
/** `ets:info(T, size)` calls of each of the six size processes (1,000 in OTP). */
const SIZE_CONCURRENCY_LOOPS = 300;

const testTableSizeConcurrency = defineCase(
  'test_table_size_concurrency',
  ['processes'],
  async ({ ets, processes }) => {
    for (const writeConcurrency of [true, 'auto'] as const) {
      for (const type of ['set', 'ordered_set'] as const) {
        // test_table_counter_concurrency(size, [Type, public, {write_concurrency, WC}])
        const table = await ets.new(a('k'), { type, access: 'public', writeConcurrency });
        same(await ets.info(table, a('size')), 0, 'size of the new table');
        const parent = await processes.self();
        const started: Monitored[] = [];
        for (let sizer = 0; sizer < 6; sizer += 1) {
          started.push(
            await spawnMonitor(processes, async () => {
              // size_loop: the size never shrinks while objects are only added.
              let previous = 0;
              for (let loop = 0; loop < SIZE_CONCURRENCY_LOOPS; loop += 1) {
                const size = (await ets.info(table, a('size'))) as number;
                ensure(size >= previous, `size went from ${previous} down to ${size}`);
                previous = size;
              }
              await processes.send(parent, a('done'));
            }),
          );
        }
        started.push(
          await spawnMonitor(processes, async () => {
            for (let item = SIZE_CONCURRENCY_ITEMS; item > 0; item -= 1) {
              await ets.insert(table, [item]);
            }
            await processes.send(parent, a('done_add'));
          }),
        );
        for (let count = 0; count < started.length; count += 1) {
          const message = await receiveMessage(processes, 'done or done_add');
          ensure(message === a('done') || message === a('done_add'), 'done or done_add');
        }
        for (const worker of started) await endsNormally(worker, 'a size or add process');
        same(await ets.info(table, a('size')), SIZE_CONCURRENCY_ITEMS, 'size after the adds');
        same(await ets.delete(table), true);
      }
    }
  },
  `${SIZE_CONCURRENCY_ITEMS.toLocaleString('en')} objects added instead of 1,000,000 and ` +
    `${SIZE_CONCURRENCY_LOOPS} size calls per size process instead of 1,000; ` +
    '`ets_debug_random_split_join` (`erts_debug`)',
);

/** The cases of this module, in `ets_SUITE`'s order. */
export const concurrencyCases: readonly PortedCase[] = [
  firstnextConcurrentCase,
  firstnextLookupConcurrent,
  heavyLookup,
  heavyLookupElement,
  heavyConcurrent,
  tInsertListDeleteSet,
  tInsertListParallel,
  tInsertListDeleteParallel,
  tInsertListKillProcess,
  metaLookupUnnamedRead,
  metaLookupUnnamedWrite,
  metaLookupNamedRead,
  metaLookupNamedWrite,
  metaNewdelUnnamed,
  metaNewdelNamed,
  smpInsert,
  smpFixedDelete,
  smpUnfixFix,
  smpSelectReplace,
  smpOrderedIteration,
  smpSelectDelete,
  otp8166,
  heir,
  deleteUnfixRace,
  testTableSizeConcurrency,
];
