// `pnpm demo`: a tour of what Tsunami does today, run against the built packages (dist/),
// as an npm user would import them.
import { atom, compare, decode, encode, Float, format, list, listFrom, parse } from '@tsunami/core';
import { createEts, EtsError, endOfTable, NodeProcessRuntime } from '@tsunami/ets';
import { HashStore } from '@tsunami/hash';
import { compileMatchSpec, fun2ms, ms } from '@tsunami/matchspec';
import { WavlTree } from '@tsunami/wavl';

const show = (label, value) => console.log(`  ${label.padEnd(44)} ${value}`);
const heading = (text) => console.log(`\n${text}`);
// Results that are JS arrays of terms print as Erlang lists.
const formatList = (terms) => format(listFrom(terms));

heading('Erlang terms in JS (@tsunami/core)');
const term = parse('{user, 42, <<"Zoë"/utf8>>, [1, 2.5, 3.0], #{role => admin}}');
show('parse then format (~w)', format(term));
show('1 == 1.0 (compare), 1 =:= 1.0?', `${compare(1, new Float(1))}, no`);
show('term_to_binary bytes', `<<${[...encode([atom('ok'), 1])].join(',')}>>`);
show('binary_to_term round trip', format(decode(encode(term))));

heading('A sorted map on a weak AVL tree (@tsunami/wavl)');
const tree = new WavlTree((a, b) => a - b, { instrument: true });
for (let key = 0; key < 100_000; key += 1) tree.set((key * 7919) % 100_000, key);
const stats = tree.stats();
show(
  '100,000 keys: height / rotations',
  `${stats.height} / ${stats.counters.singleRotations + stats.counters.doubleRotations}`,
);
show(
  'next(41.5), range 10..13 reversed',
  `${tree.next(41.5)?.[0]}, ${[...tree.keys({ low: 10, high: 13, reverse: true })]}`,
);
tree.validate();

heading('ETS tables of every type (@tsunami/ets)');
const runtime = new NodeProcessRuntime();
const ets = createEts({ runtime });
for (const type of ['set', 'ordered_set', 'bag', 'duplicate_bag']) {
  const table = ets.new(atom(`demo_${type}`), { type });
  ets.insert(table, list([atom('b'), 1], [atom('a'), 2], [atom('a'), 2], [atom('a'), 3]));
  show(`${type}: tab2list`, formatList(ets.tab2list(table)));
  ets.delete(table);
}
const counters = ets.new(atom('counters'), { type: 'ordered_set' });
ets.insert(counters, list([atom('hits'), 0], [atom('misses'), 0]));
ets.updateCounter(counters, atom('hits'), [2, 5]);
show(
  'update_counter hits +5, then first/next',
  `${formatList(ets.lookup(counters, atom('hits')))}, ${format(ets.first(counters))} -> ${format(ets.next(counters, atom('hits')))}`,
);
show(
  'next after the last key',
  format(ets.next(counters, atom('misses'))) +
    (ets.next(counters, atom('misses')) === endOfTable ? ' (endOfTable)' : ''),
);
try {
  ets.insert(atom('no_such_table'), [1]);
} catch (error) {
  if (!(error instanceof EtsError)) throw error;
  show('insert into a missing table', `${format(error.reason)}: ${error.errorInfo.get(1)}`);
}

heading('Match specifications (@tsunami/matchspec) and select');
const objects = [
  [1, atom('admin'), 'ann'],
  [2, atom('user'), 'bob'],
  [3, atom('admin'), 'cid'],
];
const spec = fun2ms('fun({Id, admin, Name}) when Id > 1 -> {Id, Name} end');
show('fun2ms', format(spec));
show('compiled, run over three objects', formatList(compileMatchSpec(spec).run(objects)));
const orders = ets.new(atom('orders'), { type: 'ordered_set' });
for (let id = 1; id <= 6; id += 1) ets.insert(orders, [[atom('order'), id], id * 10]);
ets.insert(orders, [[atom('refund'), 1], 5]);
// The key prefix {order, _} is bound, so only that key range of the tree is walked.
const bigOrders = ms`[{{{order, '$1'}, '$2'}, [{'>', '$2', 20}], ['$1']}]`;
show('select ids of orders over 20', formatList(ets.select(orders, bigOrders)));
const [chunk, continuation] = ets.select(orders, bigOrders, 3);
show(
  'select with limit 3, then the continuation',
  `${formatList(chunk)} then ${formatList(ets.select(continuation)[0])}`,
);
show('select_count over the whole table', ets.selectCount(orders, ms`[{'_', [], [true]}]`));
const readings = ets.new(atom('readings'), { type: 'ordered_set' });
for (let time = 1; time <= 100_000; time += 1) ets.insert(readings, [time, time % 7]);
// Guards that compare the key with constants bound it too: only keys 500..502 are walked.
const timeWindow = ms`[{{'$1', '$2'}, [{'>=', '$1', 500}, {'<', '$1', 503}], [{{'$1', '$2'}}]}]`;
show('select keys 500 =< T < 503 of 100,000', formatList(ets.select(readings, timeWindow)));

heading('Owners and heirs (processes on AsyncLocalStorage)');
const heir = runtime.spawn(async () => {
  const message = await runtime.receive();
  show('heir received', format(message));
  show(
    'heir now owns the table',
    format(ets.info(atom('inherited'), 'owner')) === format(runtime.self()),
  );
});
const owner = runtime.spawn(() => {
  ets.new(atom('inherited'), { namedTable: true, heir: { pid: heir, data: atom('gift') } });
  ets.insert(atom('inherited'), [atom('k'), 1]);
});
await new Promise((resolve) => runtime.onExit(owner, resolve));
await new Promise((resolve) => runtime.onExit(heir, resolve));

heading('Hash store on its own (@tsunami/hash)');
const bag = new HashStore({ type: 'bag' });
bag.insert([atom('k'), 1]);
bag.insert([atom('k'), 2]);
bag.insert([atom('k'), 1]);
show('bag lookup k (no exact duplicates)', formatList(bag.lookup(atom('k'))));
console.log();
