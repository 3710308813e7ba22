/**
 * The one list of places where the OTP on this machine may behave differently from the latest
 * OTP release, which is what Tsunami implements. Differential tests ask {@link hasBehaviour}
 * before comparing a behaviour that an older oracle lacks, instead of skipping ad hoc.
 */

/** A behaviour of the latest OTP that older releases lack or do differently. */
export interface OtpDifference {
  /** A stable name that tests refer to. */
  readonly id: string;
  /** The first OTP version with the latest behaviour. */
  readonly since: readonly number[];
  /** What older releases do instead. */
  readonly before: string;
  /**
   * The cases of OTP's ets_SUITE (as ported in `@tsunami/conformance`) that fail on releases
   * before `since` because of this difference; the conformance run on such an OTP expects them
   * to fail.
   */
  readonly conformanceCases?: readonly string[];
}

export const otpDifferences: readonly OtpDifference[] = [
  {
    id: 'bag-insert-list-order',
    since: [25, 3],
    before:
      'a bag adds the objects of one inserted list in reverse order (of equal objects in the list, the last one counts; 25.2.3 checked); a duplicate_bag keeps list order',
    conformanceCases: ['t_insert_list_insert_order_preserved'],
  },
  {
    id: 'heir-without-data',
    since: [28, 0],
    before:
      "{heir, Pid} without heir data is rejected with badarg; from OTP 28 it names Pid the heir and the hand-over sends no 'ETS-TRANSFER' message",
  },
  {
    id: 'lookup-element-default',
    since: [26, 0],
    before: 'ets:lookup_element/4 does not exist',
  },
  {
    id: 'first-next-lookup',
    since: [27, 0],
    before: 'ets:first_lookup/next_lookup/last_lookup/prev_lookup do not exist',
  },
  {
    id: 'update-element-default',
    since: [27, 0],
    before: 'ets:update_element/4 does not exist',
  },
  {
    id: 'update-element-position-cause',
    since: [27, 0],
    before:
      'ets:update_element/3 reports a position out of range with no error_info cause (seen on OTP 25; OTP 26 not checked)',
  },
  {
    id: 'signed-zero-float',
    since: [27, 0],
    before: '0.0 and -0.0 are exactly equal (=:=), so they are the same key in a hash table',
  },
  {
    id: 'etf-utf8-atoms',
    since: [26, 0],
    before:
      'term_to_binary writes atoms that fit Latin-1 as ATOM_EXT (tag 100); {minor_version, 2} makes them UTF-8 except the node atoms inside pids, ports and references',
  },
  {
    id: 'etf-v4-port-ext',
    since: [26, 0],
    before:
      'term_to_binary writes a port as NEW_PORT_EXT (tag 89), V4_PORT_EXT only for ids above 32 bits',
  },
  {
    id: 'etf-map-atom-keys-unordered',
    since: [26, 0],
    before:
      'term_to_binary writes the keys of a map of at most 32 keys in term order; 26+ puts atom keys in atom-table order (only [deterministic] sorts them)',
  },
  {
    id: 'local-identifier-ranges',
    since: [27, 0],
    before:
      'binary_to_term rejects a pid of the local node with an id of 15 bits or more or a serial of 13 bits or more, and a local port id of 28 bits or more (seen on OTP 25; OTP 26 not checked)',
  },
  {
    id: 'matchspec-newer-guards',
    since: [26, 0],
    before:
      'match specs reject is_boolean, is_bitstring, is_function/2, tuple_size, min, max, ceil ' +
      'and floor (erlang/otp#7046 and the guard min/max of erlang/otp#6567, both OTP 26.0)',
  },
  {
    id: 'matchspec-error-list',
    since: [27, 0],
    before:
      'ets:test_ms/2 reports some problems inside nested map expressions more than once ' +
      '(seen on OTP 25; OTP 26 not checked); the first problem reported is the same',
  },
  {
    id: 'matchspec-map-key-unbound',
    since: [27, 0],
    before:
      'a key pattern holding a map (with no variables) is taken as a bound key, so select, ' +
      'select_count, select_replace and match_object (set, ordered_set, duplicate_bag) look up only the ' +
      'key equal to the pattern and miss keys whose maps have more entries (erlang/otp#8387; 25.2.3 checked)',
    conformanceCases: ['bound_maps'],
  },
  {
    id: 'select-term-copy-bugs',
    since: [27, 0],
    before:
      'select copies some map results wrongly: a flatmap result can make erl fail to allocate ' +
      'and exit, a hashmap result comes back with wrong values (25.2.3 checked; the first ' +
      'fixed release between 25.2.3 and 27.3 not checked)',
    conformanceCases: ['t_select_flatmap_term_copy_bug', 't_select_hashmap_term_copy_bug'],
  },
  {
    id: 'default-object-too-short',
    since: [29, 0],
    before:
      'update_counter/4 and update_element/4 accept a default object too short to hold the key: ' +
      'for an absent key it is stored (update_counter of {2,1} with default {0,0} at keypos 3 ' +
      'stores {0,1}; 27.3 checked), for a present key it is ignored; OTP 29 raises badarg either way',
  },
  {
    id: 'fun2ms-min-max',
    since: [26, 0],
    before: 'ets:fun2ms (ms_transform) rejects min/2 and max/2 as local function calls',
  },
  {
    id: 'reserved-maybe-else',
    since: [27, 0],
    before: 'maybe and else are not reserved words, so ~w prints those atoms bare',
  },
  {
    id: 'ordered-map-format',
    since: [26, 0],
    before:
      'io_lib:format has no ~k modifier; ~w prints maps of up to 32 keys in map-key order (as ~kw does from 26 on, while 26+ ~w follows the internal layout)',
  },
];

function atLeast(version: readonly number[], since: readonly number[]): boolean {
  for (let index = 0; index < since.length; index += 1) {
    const have = version[index] ?? 0;
    const want = since[index] ?? 0;
    if (have !== want) return have > want;
  }
  return true;
}

/** Whether OTP `version` has the latest behaviour named `id`. Throws for an unknown id. */
export function hasBehaviour(version: readonly number[], id: string): boolean {
  const difference = otpDifferences.find((candidate) => candidate.id === id);
  if (difference === undefined) throw new Error(`no OTP difference named ${id}`);
  return atLeast(version, difference.since);
}
