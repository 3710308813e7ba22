/**
 * Key probes: search keys that an ordered_set's tree compares like terms, but that stand for a
 * position between keys rather than a key. A match specification's partly bound key (`{user,
 * '$1'}`) matches an interval of term order that has no term for its ends (there is no largest
 * tuple `{user, _}`), and a continuation resumes strictly after its last key. A probe answers
 * "does this key lie below me?" with a monotone predicate, so handing probes to the tree's range
 * iteration as `low`/`high` seeks straight to the interval in O(log n), as OTP's erl_db_tree.c
 * does with its partly bound key, and visits only the keys in it.
 *
 * Invariant: a probe never compares equal to a key, and its predicate is monotone in term order
 * (every key below a key that lies below the probe also lies below it), so the tree's binary
 * search is sound. Tables' comparators go through {@link tableKeyComparator}, which recognises a
 * probe on either side and otherwise is `compare`.
 */
import { compare, type Term } from '@tsunami/core';

/** A position in an ordered_set's key order, between keys. */
export class KeyProbe {
  /** @param isBelow Whether `key` sorts before the probe; monotone in term order. */
  constructor(private readonly isBelow: (key: Term) => boolean) {}

  /** The probe compared with `key`: 1 when the key is below the probe, else -1. Never 0. */
  compareTo(key: Term): 1 | -1 {
    return this.isBelow(key) ? 1 : -1;
  }
}

/** Whether `term` is a probe. A constructor test: `instanceof` costs every comparison far more. */
function isProbe(term: Term): boolean {
  return typeof term === 'object' && term !== null && term.constructor === KeyProbe;
}

/**
 * The comparator of an ordered_set's tree: term order (`compare`), with a {@link KeyProbe} on
 * either side placed by its predicate.
 */
export function tableKeyComparator(left: Term, right: Term): number {
  if (isProbe(left)) return (left as unknown as KeyProbe).compareTo(right);
  if (isProbe(right)) return -(right as unknown as KeyProbe).compareTo(left);
  return compare(left, right);
}
