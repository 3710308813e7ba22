/**
 * OTP's `repeat_for_opts` family from `ets_SUITE.erl`: a case body runs once per combination of
 * table options, the cross product of option generators (`all_types`, `write_concurrency`,
 * `read_concurrency`, `compressed`, or explicit lists), as OTP's suite does.
 *
 * Two of OTP's option values exist only inside the BEAM and are left out: the debug option
 * `{write_concurrency, {debug_hash_fixed_number_of_locks, 2048}}` (a lock count), and
 * `stim_cat_ord_set` (a `cat_ord_set` whose routing tree is split by `erts_debug`). Without them
 * OTP's `is_invalid_opts_combo` never holds, so `run_if_valid_opts` always runs its body.
 *
 * `cat_ord_set` is kept: as OTP's `ets_new/2` does, it becomes an ordered_set that is public
 * with write concurrency (a contention-adapting tree in OTP), and a combination is redundant
 * (skipped, as in OTP's `is_redundant_opts_combo`) when it also asks for no write concurrency
 * or for private/protected access.
 */
import type { TableOptions } from '@tsunami/ets';

/** One value of an option generator: some options and their Erlang spelling. */
export interface OptionItem {
  readonly label: string;
  readonly options: TableOptions;
  /** OTP's `cat_ord_set`: an ordered_set made public with write concurrency by `ets_new`. */
  readonly catTree?: boolean;
}

/** A named generator of OTP's suite, or an explicit list of items. */
export type OptionGenerator =
  | 'set_types'
  | 'hash_types'
  | 'ord_set_types'
  | 'all_types'
  | 'all_non_stim_types'
  | 'all_non_stim_set_types'
  | 'write_concurrency'
  | 'read_concurrency'
  | 'compressed'
  | readonly OptionItem[];

const item = (label: string, options: TableOptions, catTree = false): OptionItem =>
  catTree ? { label, options, catTree } : { label, options };

const SET = item('set', { type: 'set' });
const ORDERED_SET = item('ordered_set', { type: 'ordered_set' });
const CAT_ORD_SET = item('cat_ord_set', { type: 'ordered_set' }, true);
const BAG = item('bag', { type: 'bag' });
const DUPLICATE_BAG = item('duplicate_bag', { type: 'duplicate_bag' });
/** OTP's `void`: no option. */
const NO_OPTION = item('', {});

/** Option items by their Erlang spelling, for explicit generators. */
export const optionItems = {
  set: SET,
  orderedSet: ORDERED_SET,
  catOrdSet: CAT_ORD_SET,
  bag: BAG,
  duplicateBag: DUPLICATE_BAG,
  public: item('public', { access: 'public' }),
  protected: item('protected', { access: 'protected' }),
  private: item('private', { access: 'private' }),
} as const;

const GENERATORS: Record<Exclude<OptionGenerator, readonly OptionItem[]>, readonly OptionItem[]> = {
  set_types: [SET, ORDERED_SET, CAT_ORD_SET],
  hash_types: [SET, BAG, DUPLICATE_BAG],
  ord_set_types: [ORDERED_SET, CAT_ORD_SET],
  all_types: [SET, ORDERED_SET, CAT_ORD_SET, BAG, DUPLICATE_BAG],
  all_non_stim_types: [SET, ORDERED_SET, CAT_ORD_SET, BAG, DUPLICATE_BAG],
  all_non_stim_set_types: [SET, ORDERED_SET, CAT_ORD_SET],
  write_concurrency: [
    item('{write_concurrency,false}', { writeConcurrency: false }),
    item('{write_concurrency,true}', { writeConcurrency: true }),
    item('{write_concurrency,auto}', { writeConcurrency: 'auto' }),
  ],
  read_concurrency: [
    item('{read_concurrency,false}', { readConcurrency: false }),
    item('{read_concurrency,true}', { readConcurrency: true }),
  ],
  compressed: [NO_OPTION, item('compressed', { compressed: true })],
};

/** The default generators of `repeat_for_opts/1`. */
export const DEFAULT_GENERATORS: readonly OptionGenerator[] = [
  'write_concurrency',
  'read_concurrency',
  'compressed',
];

/**
 * One combination of options, as a case body receives it (OTP's `Opts`). `with(prefix)` is
 * OTP's `ets_new(Name, [Prefix | Opts])`: the prefix first, then these options (later options
 * win, as in `ets:new/2`), then the `cat_ord_set` rewrite.
 */
export class OptionSet {
  constructor(readonly items: readonly OptionItem[]) {}

  /** The options in Erlang syntax, e.g. `[set,{write_concurrency,true}]`. */
  get label(): string {
    return `[${this.items
      .map((entry) => entry.label)
      .filter((label) => label !== '')
      .join(',')}]`;
  }

  /** The table options of `[...prefix | Opts]`. */
  with(...prefix: TableOptions[]): TableOptions {
    let merged: TableOptions = {};
    for (const options of prefix) merged = { ...merged, ...options };
    for (const entry of this.items) merged = { ...merged, ...entry.options };
    if (this.catTree && isCatTreeCandidate(merged)) {
      merged = { ...merged, access: 'public', writeConcurrency: merged.writeConcurrency ?? true };
    }
    return merged;
  }

  /** Whether a `cat_ord_set` item is among the options. */
  get catTree(): boolean {
    return this.items.some((entry) => entry.catTree === true);
  }

  /** OTP's `is_redundant_opts_combo`: a cat_ord_set that cannot be a CA tree. */
  get redundant(): boolean {
    if (!this.catTree) return false;
    const merged = this.with();
    return merged.writeConcurrency === false || merged.access !== 'public';
  }
}

function isCatTreeCandidate(options: TableOptions): boolean {
  return (
    options.writeConcurrency !== false &&
    options.access !== 'private' &&
    options.access !== 'protected'
  );
}

function itemsOf(generator: OptionGenerator): readonly OptionItem[] {
  return typeof generator === 'string' ? GENERATORS[generator] : generator;
}

/** Every combination of the generators' items, in OTP's order, redundant ones left out. */
export function optionSets(generators: readonly OptionGenerator[]): OptionSet[] {
  let combinations: OptionItem[][] = [[]];
  for (const generator of generators) {
    const next: OptionItem[][] = [];
    for (const entry of itemsOf(generator)) {
      for (const combination of combinations) next.push([entry, ...combination]);
    }
    combinations = next;
  }
  return combinations.map((items) => new OptionSet(items)).filter((set) => !set.redundant);
}

/**
 * OTP's `repeat_for_opts(F, Generators)`: runs `body` once per combination, in order. A failure
 * names the options it ran with.
 */
export async function repeatForOpts(
  body: (options: OptionSet) => Promise<void>,
  generators: readonly OptionGenerator[] = DEFAULT_GENERATORS,
): Promise<void> {
  for (const options of optionSets(generators)) {
    try {
      await body(options);
    } catch (error) {
      if (error instanceof Error) error.message = `with options ${options.label}: ${error.message}`;
      throw error;
    }
  }
}

/** OTP's `repeat_for_opts_all_table_types`. */
export const ALL_TABLE_TYPES: readonly OptionGenerator[] = ['all_types', ...DEFAULT_GENERATORS];
/** OTP's `repeat_for_opts_all_set_table_types`. */
export const ALL_SET_TABLE_TYPES: readonly OptionGenerator[] = ['set_types', ...DEFAULT_GENERATORS];
