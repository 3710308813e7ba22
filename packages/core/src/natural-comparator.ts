/**
 * The default comparator for generic (non-Erlang) users of the ordered maps: numbers, strings
 * or bigints ordered with JavaScript's `<`. Strings compare by UTF-16 code unit, as `<` does
 * (not by locale, and not bytewise as Erlang binaries do: use core `compare` for term order).
 *
 * It is a total order only within one type and without `NaN`, so it rejects the inputs that
 * would silently break a map's invariants: `NaN`, and two values of different types.
 */

/** A value {@link naturalComparator} can order. */
export type NaturalKey = number | string | bigint;

/**
 * Orders two numbers, two strings or two bigints with `<`: negative when `a` sorts first,
 * zero when equal (so `-0` and `0` are the same key). O(1) for numbers and bigints, O(length)
 * for strings.
 *
 * @throws TypeError when the two values differ in type or either is `NaN`, because no
 *   consistent order exists for them.
 */
export function naturalComparator<K extends NaturalKey>(a: K, b: K): number {
  if (typeof a !== typeof b) {
    throw new TypeError(
      `naturalComparator cannot order a ${typeof a} against a ${typeof b}: use one key type`,
    );
  }
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  throw new TypeError('naturalComparator cannot order NaN: it is not equal to itself');
}
