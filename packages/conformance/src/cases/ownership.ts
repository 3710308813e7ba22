/**
 * Ported from `ets_SUITE.erl`: table ownership across processes (`heir_2`, `give_away`,
 * `setopts`). OTP's monitors become {@link ProcessApi.exited}, which resolves when a process
 * ends.
 */
import { type Atom, atom, type Pid, type Term } from '@tsunami/core';
import type { TableId } from '@tsunami/ets';
import type { EtsApi, ProcessApi } from '../adapter.js';
import { charList, defineCase, infoItem, type PortedCase } from '../case.js';
import { badarg, receiveMessage, same } from '../check.js';
import { repeatForOpts } from '../options.js';

const a = atom;

/** `receive_any()`: the next message, whatever it is. */
const receiveAny = (processes: ProcessApi): Promise<Term> => receiveMessage(processes);

const heir2 = defineCase(
  'heir_2',
  ['processes'],
  async ({ ets, processes }) => {
    await repeatForOpts(async (options) => {
      const parent = await processes.self();
      const founder = await processes.spawn(async () => {
        const table = await ets.new(
          a('foo'),
          options.with({ access: 'private', heir: { pid: parent, data: a('undefined') } }),
        );
        same(await ets.insert(table, [a('key'), 1]), true);
        same(await receiveAny(processes), a('get_tab'));
        await processes.send(parent, [a('tab'), table]);
        same(await receiveAny(processes), a('die_please'));
      });
      const founderExited = processes.exited(founder);
      await processes.send(founder, a('get_tab'));
      const [tag, table] = (await receiveAny(processes)) as [Atom, TableId];
      same(tag, a('tab'));
      await badarg(() => ets.lookup(table, a('key')), 'a private table of another process');
      await processes.send(founder, a('die_please'));
      await founderExited;
      // The heir gets the table, and with heir data its {'ETS-TRANSFER', ...} message.
      same(
        await receiveAny(processes),
        [a('ETS-TRANSFER'), table, founder, a('undefined')],
        'the transfer message',
      );
      same(await ets.lookup(table, a('key')), [[a('key'), 1]], 'the heir owns the table');
      same(await ets.delete(table), true);
    });
  },
  "OTP 28's `{heir, Pid}` (no data, no message) is written `{heir, Pid, undefined}`, which OTP 27 " +
    'also accepts, so the case also receives the `ETS-TRANSFER` message',
);

/** `give_away_receiver(T, Giver)`. */
async function giveAwayReceiver(
  ets: EtsApi,
  processes: ProcessApi,
  table: TableId,
  giver: Pid,
): Promise<void> {
  await badarg(() => ets.lookup(table, a('key')), 'before the gift');
  await processes.send(giver, a('give_me'));
  const message = await receiveAny(processes);
  if (message === a('no_soup_for_you')) return;
  same(message, [a('ETS-TRANSFER'), table, giver, a('here_you_are')], 'the transfer message');
  same(await ets.lookup(table, a('key')), [[a('key'), 1]]);
  same(await ets.insert(table, [a('key'), 2]), true);
  const next = await receiveAny(processes);
  if (next === a('give_back')) {
    same(await ets.giveAway(table, giver, charList('Tillbakakaka')), true);
    await badarg(() => ets.lookup(table, a('key')), 'after giving back');
  } else {
    same(next, a('die_please'));
  }
}

const giveAway = defineCase('give_away', ['processes'], async ({ ets, processes }) => {
  await repeatForOpts(async (options) => {
    const table = await ets.new(a('foo'), options.with({ namedTable: true, access: 'private' }));
    same(await ets.insert(table, [a('key'), 1]), true);
    same(await ets.lookup(table, a('key')), [[a('key'), 1]]);
    const parent = await processes.self();
    const spawnReceiver = async (target: TableId) => {
      const pid = await processes.spawn(() => giveAwayReceiver(ets, processes, target, parent));
      return { pid, exited: processes.exited(pid) };
    };

    // Give, and get it back.
    const receiver = await spawnReceiver(table);
    same(await receiveAny(processes), a('give_me'));
    same(await ets.giveAway(table, receiver.pid, a('here_you_are')), true);
    await badarg(() => ets.lookup(table, a('key')), 'after giving away');
    await processes.send(receiver.pid, a('give_back'));
    same(
      await receiveAny(processes),
      [a('ETS-TRANSFER'), table, receiver.pid, charList('Tillbakakaka')],
      'given back',
    );
    same(await ets.lookup(table, a('key')), [[a('key'), 2]]);
    await receiver.exited;

    // Give, and let the receiver keep it: the table dies with it.
    same(await ets.insert(table, [a('key'), 1]), true);
    const keeper = await spawnReceiver(table);
    same(await receiveAny(processes), a('give_me'));
    same(await ets.giveAway(table, keeper.pid, a('here_you_are')), true);
    await badarg(() => ets.lookup(table, a('key')), 'after giving away');
    await processes.send(keeper.pid, a('die_please'));
    await keeper.exited;
    same(await ets.info(table), a('undefined'), 'the table died with its owner');

    // Give, then the receiver dies and the heir (us) gets it back.
    const second = await ets.new(a('foo'), options.with({ access: 'private' }));
    same(await ets.insert(second, [a('key'), 1]), true);
    const self = await processes.self();
    const heirData = charList('Som en gummiboll...');
    await ets.setopts(second, { heir: { pid: self, data: heirData } });
    const dying = await spawnReceiver(second);
    same(await receiveAny(processes), a('give_me'));
    same(await ets.giveAway(second, dying.pid, a('here_you_are')), true);
    await badarg(() => ets.lookup(second, a('key')), 'after giving away');
    await processes.send(dying.pid, a('die_please'));
    same(
      await receiveAny(processes),
      [a('ETS-TRANSFER'), second, dying.pid, heirData],
      'inherited back',
    );
    same(await ets.lookup(second, a('key')), [[a('key'), 2]]);
    await dying.exited;

    // Negative cases.
    await badarg(() => ets.giveAway(second, receiver.pid, charList('To a dead one')));
    await badarg(() => ets.giveAway(second, self, charList('To myself')));
    await badarg(() =>
      ets.giveAway(second, charList('not a pid') as unknown as Pid, charList('To wrong type')),
    );
    same(await ets.delete(second), true);
    const negative = await spawnReceiver(second);
    same(await receiveAny(processes), a('give_me'));
    await badarg(() => ets.giveAway(second, negative.pid, charList('A deleted table')));
    const third = await ets.new(a('foo'), options.with({ access: 'public' }));
    const nonOwner = await processes.spawn(async () => {
      await badarg(() => ets.giveAway(third, negative.pid, charList('From non owner')));
      await processes.send(parent, a('done'));
    });
    same(await receiveAny(processes), a('done'), 'the non-owner was refused');
    await processes.exited(nonOwner);
    await processes.send(negative.pid, a('no_soup_for_you'));
    await negative.exited;
  });
});

const setopts = defineCase(
  'setopts',
  ['processes'],
  async ({ ets, processes }) => {
    await repeatForOpts(
      async (options) => {
        const self = await processes.self();
        const table = await ets.new(
          a('foo'),
          options.with({ namedTable: true, access: 'private' }),
        );
        same(await infoItem(ets, table, 'heir'), a('none'));
        // OTP's heir is heir_heir(Self), a process that waits for a table; here one that waits.
        const heir = await processes.spawn(() => processes.receive());
        const data = charList('Data');
        await ets.setopts(table, { heir: { pid: heir, data: a('undefined') } });
        same(await infoItem(ets, table, 'heir'), heir);
        await ets.setopts(table, { heir: { pid: self, data: a('undefined') } });
        same(await infoItem(ets, table, 'heir'), self);
        await ets.setopts(table, { heir: { pid: heir, data } });
        same(await infoItem(ets, table, 'heir'), heir);
        await ets.setopts(table, { heir: { pid: self, data } });
        same(await infoItem(ets, table, 'heir'), self);
        await ets.setopts(table, { heir: 'none' });
        same(await infoItem(ets, table, 'heir'), a('none'));

        const bad = (value: unknown) => value as Parameters<typeof ets.setopts>[1];
        await badarg(() => ets.setopts(table, bad({ heir: { pid: self, data }, false: true })));
        await badarg(() => ets.setopts(table, bad({ heir: false })));
        await badarg(() => ets.setopts(table, bad({ heir: { pid: false, data } })));
        await badarg(() => ets.setopts(table, bad({ false: { pid: self, data } })));

        for (const protection of ['protected', 'public', 'private'] as const) {
          await ets.setopts(table, { protection });
          same(await infoItem(ets, table, 'protection'), a(protection), `protection ${protection}`);
        }
        await badarg(() => ets.setopts(table, bad({ protection: false })));
        await badarg(() => ets.setopts(table, bad({ protection: 'private', extra: false })));
        await ets.delete(table);
        const heirExited = processes.exited(heir);
        await processes.exit(heir, a('bang'));
        await heirExited;
      },
      ['write_concurrency', 'all_types'],
    );
  },
  'the heir given without data (`{heir, Pid}`, OTP 28) is given with `undefined` data; the ' +
    'option-list shapes OTP rejects (`heir`, `{protection}`) have no typed-object form',
);

/** The cases of this module. */
export const ownershipCases: readonly PortedCase[] = [heir2, giveAway, setopts];
