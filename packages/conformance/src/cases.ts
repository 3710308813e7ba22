/**
 * The inventory of OTP's `ets_SUITE`: every case `all/0` runs (groups expanded, in OTP's order),
 * each ported, not yet ported, or not applicable outside the BEAM (with the reason). CASES.md is
 * rendered from this list ({@link renderCasesMarkdown}) and a test keeps the two equal.
 *
 * Source: `lib/stdlib/test/ets_SUITE.erl` on erlang/otp's default branch (2026). The group
 * `benchmark` (`long_throughput_benchmark`) is commented out of `all/0` there and is not listed.
 */
import type { PortedCase } from './case.js';
import { concurrencyCases } from './cases/concurrency.js';
import { counterCases } from './cases/counters.js';
import { errorInfoCases } from './cases/error-info.js';
import { fileAndInfoCases } from './cases/files.js';
import { ownershipCases } from './cases/ownership.js';
import { selectCases } from './cases/select.js';
import { tableCases } from './cases/tables.js';
import { traversalCases } from './cases/traversal.js';
import type { JsonReport } from './report.js';

/** A case of `ets_SUITE` as `all/0` lists it. */
export interface InventoryEntry {
  readonly name: string;
  /** The `groups/0` group it runs in, if any. */
  readonly group?: string;
}

/** Why a case cannot run outside the BEAM, by case name. */
export const NOT_APPLICABLE: Readonly<Record<string, string>> = {
  delete_large_tab:
    'counts the scheduler context switches of a trapping delete through trace messages',
  hash_clash:
    "reads the BEAM hash table's bucket count (`ets:info(T, stats)`) and erlang:phash2 seeds",
  memory: 'compares exact memory words of BEAM table structures (`erts_debug` DbTable_words)',
  t_delete_all_objects_trap: 'detects BEAM traps (yields) inside delete_all_objects by tracing',
  insert_trap_delete: 'deletes a table between BEAM traps of a yielding insert, found by tracing',
  insert_trap_rename: 'renames a table between BEAM traps of a yielding insert, found by tracing',
  select_mbuf_trapping: 'exercises heap fragments of a trapping select in the BEAM',
  exit_large_table_owner: 'counts the exiting reschedules of an owner process by tracing',
  exit_many_large_table_owner: 'counts the exiting reschedules of owner processes by tracing',
  exit_many_tables_owner: 'counts the exiting reschedules of an owner process by tracing',
  exit_many_many_tables_owner: 'counts the exiting reschedules of owner processes by tracing',
  partly_bound: 'times BEAM match operations and compares durations (a speed claim, not behaviour)',
  write_concurrency:
    'compares memory of BEAM tables with lock arrays, which depends on the scheduler count',
  test_throughput_benchmark: 'a throughput benchmark of the BEAM, timed',
  test_table_memory_concurrency:
    'reads memory through decentralized counters per scheduler (`erts_debug` internal state)',
  test_decentralized_counters_setting:
    'reads the memory of decentralized counters (`erts_debug` flxctr_memory_usage)',
  test_delete_table_while_size_snapshot: 'runs in a peer node (distribution)',
  info_binary_stress:
    "checks ets:info(T, binary), the BEAM's reference-counted binaries a table holds, under load",
  compress_magic_ref:
    'checks that magic references (atomics) in compressed tables are reference counted, ' +
    'observed by garbage collecting and reviving a stale reference',
  t_ets_dets:
    'ets:to_dets/2 and ets:from_dets/2 need DETS (disk term storage), which Tsunami does not ' +
    'implement',
  doctests:
    "ct_doctest evaluates the shell examples of OTP's ets documentation in an Erlang shell " +
    '(ets:fun2ms parse transforms, ets:i/0 output); Tsunami checks the examples of its own ' +
    'documentation in its packages instead',
};

const GROUPS: Readonly<Record<string, readonly string[]>> = {
  new: ['default', 'setbag', 'badnew', 'verybadnew', 'named', 'keypos2', 'privacy'],
  insert: ['empty', 'badinsert'],
  lookup: ['badlookup', 'lookup_order'],
  lookup_element: ['lookup_element_mult', 'lookup_element_default'],
  delete: [
    'delete_elem',
    'delete_tab',
    'delete_large_tab',
    'delete_large_named_table',
    'evil_delete',
    'table_leak',
    'baddelete',
    'match_delete',
    'match_delete3',
  ],
  match: ['match1', 'match2', 'match_object', 'match_object2'],
  misc: [
    'misc1',
    'safe_fixtable',
    'info',
    'info_binary_stress',
    'info_whereis_busy',
    'dups',
    'tab2list',
  ],
  files: [
    'tab2file',
    'tab2file2',
    'tabfile_ext1',
    'tabfile_ext2',
    'tabfile_ext3',
    'tabfile_ext4',
    'badfile',
  ],
  heavy: ['heavy_lookup', 'heavy_lookup_element', 'heavy_concurrent'],
  fold: ['foldl_ordered', 'foldr_ordered', 'foldl', 'foldr', 'fold_empty', 'fold_badarg'],
  meta_smp: [
    'meta_lookup_unnamed_read',
    'meta_lookup_unnamed_write',
    'meta_lookup_named_read',
    'meta_lookup_named_write',
    'meta_newdel_unnamed',
    'meta_newdel_named',
  ],
  insert_list: [
    't_insert_list',
    't_insert_list_set',
    't_insert_list_bag',
    't_insert_list_duplicate_bag',
    't_insert_list_delete_set',
    't_insert_list_parallel',
    't_insert_list_delete_parallel',
    't_insert_list_kill_process',
    't_insert_list_insert_order_preserved',
    'insert_trap_delete',
    'insert_trap_rename',
  ],
};

/** OTP's `all/0`: a group as `{group, Name}`, else a case name. */
const ALL: readonly (string | { readonly group: string })[] = [
  { group: 'new' },
  { group: 'insert' },
  { group: 'lookup' },
  { group: 'delete' },
  'firstnext',
  'firstnext_concurrent',
  'firstnext_lookup',
  'firstnext_lookup_concurrent',
  'slot',
  'hash_clash',
  { group: 'match' },
  't_match_spec_run',
  { group: 'lookup_element' },
  { group: 'misc' },
  { group: 'files' },
  { group: 'heavy' },
  { group: 'insert_list' },
  'ordered',
  'ordered_match',
  'interface_equality',
  'fixtable_next',
  'fixtable_iter_bag',
  'fixtable_insert',
  'rename',
  'rename_unnamed',
  'evil_rename',
  'update_element',
  'update_element_default',
  'update_counter',
  'evil_update_counter',
  'update_counter_with_default',
  'update_counter_with_default_bad_pos',
  'update_counter_with_default_bad_default',
  'partly_bound',
  'update_counter_table_growth',
  'match_heavy',
  { group: 'fold' },
  'member',
  't_delete_object',
  'select_bound_chunk',
  't_init_table',
  't_whitebox',
  't_delete_all_objects',
  't_delete_all_objects_trap',
  't_test_ms',
  't_select_delete',
  't_select_replace',
  't_select_replace_next_bug',
  't_select_pam_stack_overflow_bug',
  't_select_flatmap_term_copy_bug',
  't_select_hashmap_term_copy_bug',
  't_ets_dets',
  'memory',
  't_select_reverse',
  't_bucket_disappears',
  't_named_select',
  'select_fixtab_owner_change',
  'select_fail',
  't_insert_new',
  't_repair_continuation',
  'otp_5340',
  'otp_6338',
  'otp_6842_select_1000',
  'otp_7665',
  'select_mbuf_trapping',
  'otp_8732',
  'meta_wb',
  'grow_shrink',
  'grow_pseudo_deleted',
  'shrink_pseudo_deleted',
  { group: 'meta_smp' },
  'smp_insert',
  'smp_fixed_delete',
  'smp_unfix_fix',
  'smp_select_replace',
  'smp_ordered_iteration',
  'smp_select_delete',
  'otp_8166',
  'exit_large_table_owner',
  'exit_many_large_table_owner',
  'exit_many_tables_owner',
  'exit_many_many_tables_owner',
  'write_concurrency',
  'heir',
  'heir_2',
  'give_away',
  'setopts',
  'bad_table',
  'types',
  'otp_10182',
  'otp_9932',
  'otp_9423',
  'compress_magic_ref',
  'ets_all',
  'massive_ets_all',
  'take',
  'whereis_table',
  'delete_unfix_race',
  'test_throughput_benchmark',
  'test_table_size_concurrency',
  'test_table_memory_concurrency',
  'test_delete_table_while_size_snapshot',
  'test_decentralized_counters_setting',
  'ms_excessive_nesting',
  'doctests',
  'error_info',
  'bound_maps',
  'racy_rename',
];

/** Every case of `ets_SUITE`, in the order `all/0` runs them. */
export const INVENTORY: readonly InventoryEntry[] = ALL.flatMap((entry) =>
  typeof entry === 'string'
    ? [{ name: entry }]
    : (GROUPS[entry.group] ?? []).map((name) => ({ name, group: entry.group })),
);

/** Every ported case, in inventory order. */
export const PORTED_CASES: readonly PortedCase[] = (() => {
  const byName = new Map(
    [
      ...tableCases,
      ...counterCases,
      ...traversalCases,
      ...ownershipCases,
      ...selectCases,
      ...fileAndInfoCases,
      ...concurrencyCases,
      ...errorInfoCases,
    ].map((portedCase) => [portedCase.name, portedCase]),
  );
  return INVENTORY.flatMap((entry) => {
    const portedCase = byName.get(entry.name);
    return portedCase === undefined ? [] : [portedCase];
  });
})();

/** The status of a case in CASES.md. */
export type CaseStatus = 'ported' | 'not yet' | 'not applicable';

/** The status of the inventory entry `name`. */
export function statusOf(name: string): CaseStatus {
  if (PORTED_CASES.some((portedCase) => portedCase.name === name)) return 'ported';
  return NOT_APPLICABLE[name] === undefined ? 'not yet' : 'not applicable';
}

/**
 * CASES.md: the inventory with each case's status and notes and, given a recorded run (the
 * JSON report of `tsunami-conformance` over Tsunami's backends and OTP, `results/recorded.json`),
 * the counts per implementation and each case's result on each.
 */
export function renderCasesMarkdown(recorded?: JsonReport): string {
  const counts = { ported: 0, 'not yet': 0, 'not applicable': 0 };
  for (const entry of INVENTORY) counts[statusOf(entry.name)] += 1;
  const implementations = recorded?.implementations ?? [];
  const lines = [
    '# ets_SUITE cases',
    '',
    "Every case of OTP's `lib/stdlib/test/ets_SUITE.erl` (`all/0`, groups expanded, in its order),",
    'generated from `src/cases.ts` and the last recorded run, `results/recorded.json`',
    '(`pnpm --filter @tsunami/conformance record`); a test checks that this file matches them and',
    'that the recorded run covers every ported case. Ported cases run on `@tsunami/ets` (once per',
    'ordered backend) and on real Erlang/OTP through the OTP adapter (see README.md); "needs" names',
    'the capabilities a case requires, without which it is reported not applicable (n.a.) for that',
    'implementation.',
    '',
    `- cases in ets_SUITE: ${INVENTORY.length}`,
    `- ported: ${counts.ported}`,
    `- not yet: ${counts['not yet']}`,
    `- not applicable outside the BEAM: ${counts['not applicable']}`,
  ];
  if (implementations.length > 0) {
    lines.push('', '| recorded run | passed | failed | n.a. |', '| --- | --- | --- | --- |');
    for (const implementation of implementations) {
      const { passed, failed, notApplicable } = implementation.totals;
      lines.push(`| ${implementation.name} | ${passed} | ${failed} | ${notApplicable} |`);
    }
  }
  const resultColumns = implementations.map((implementation) => ` ${implementation.name} |`);
  lines.push(
    '',
    `| case | group | status |${resultColumns.join('')} notes |`,
    `| ---- | ----- | ------ |${resultColumns.map(() => ' --- |').join('')} ----- |`,
  );
  for (const entry of INVENTORY) {
    const status = statusOf(entry.name);
    const ported = PORTED_CASES.find((portedCase) => portedCase.name === entry.name);
    const needs =
      ported !== undefined && ported.requires.length > 0
        ? `needs ${ported.requires.join(', ')}`
        : '';
    const omitted = ported?.omitted === undefined ? '' : `left out: ${ported.omitted}`;
    const notes =
      status === 'not applicable'
        ? (NOT_APPLICABLE[entry.name] ?? '')
        : [needs, omitted].filter((note) => note !== '').join('; ');
    const results = implementations.map((implementation) => {
      const result = implementation.cases.find((recordedCase) => recordedCase.name === entry.name);
      return ` ${result === undefined ? '' : RESULT_TEXT[result.status]} |`;
    });
    lines.push(
      `| \`${entry.name}\` | ${entry.group ?? ''} | ${status} |${results.join('')} ${notes.replaceAll('|', '\\|')} |`,
    );
  }
  return `${lines.join('\n')}\n`;
}

const RESULT_TEXT = { passed: 'pass', failed: 'FAIL', 'not applicable': 'n.a.' } as const;
