/**
 * A trivially correct sorted map (a sorted array searched by binary search) that the skip list
 * is checked against, and the random command runner used by the model-based tests.
 */
import type { Comparator, Entry, RangeOptions } from '@tsunami/core';
import { expect } from 'vitest';
import type { SkipList } from '../src/index.js';

export class SortedArrayModel<K, V> {
  readonly entries: Array<Entry<K, V>> = [];
  constructor(readonly comparator: Comparator<K>) {}

  /** Index of the first entry whose key is >= key (or > key when `strict`). */
  lowerBound(key: K, strict: boolean): number {
    let low = 0;
    let high = this.entries.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      const order = this.comparator((this.entries[middle] as Entry<K, V>)[0], key);
      if (order < 0 || (strict && order === 0)) low = middle + 1;
      else high = middle;
    }
    return low;
  }

  find(key: K): Entry<K, V> | undefined {
    const index = this.lowerBound(key, false);
    const entry = this.entries[index];
    return entry !== undefined && this.comparator(entry[0], key) === 0 ? entry : undefined;
  }

  set(key: K, value: V, replace: boolean): boolean {
    const index = this.lowerBound(key, false);
    const entry = this.entries[index];
    if (entry !== undefined && this.comparator(entry[0], key) === 0) {
      if (replace) entry[1] = value;
      return false;
    }
    this.entries.splice(index, 0, [key, value]);
    return true;
  }

  delete(key: K): boolean {
    const index = this.lowerBound(key, false);
    const entry = this.entries[index];
    if (entry === undefined || this.comparator(entry[0], key) !== 0) return false;
    this.entries.splice(index, 1);
    return true;
  }

  next(key: K): Entry<K, V> | undefined {
    return this.entries[this.lowerBound(key, true)];
  }
  ceiling(key: K): Entry<K, V> | undefined {
    return this.entries[this.lowerBound(key, false)];
  }
  prev(key: K): Entry<K, V> | undefined {
    return this.entries[this.lowerBound(key, false) - 1];
  }
  floor(key: K): Entry<K, V> | undefined {
    return this.entries[this.lowerBound(key, true) - 1];
  }

  range(range: RangeOptions<K>): Array<Entry<K, V>> {
    const selected = this.entries.filter(([key]) => {
      if (range.low !== undefined) {
        const order = this.comparator(key, range.low);
        if (order < 0 || (order === 0 && range.lowInclusive === false)) return false;
      }
      if (range.high !== undefined) {
        const order = this.comparator(key, range.high);
        if (order > 0 || (order === 0 && range.highInclusive === false)) return false;
      }
      return true;
    });
    return range.reverse === true ? selected.reverse() : selected;
  }
}

/** One step of a random run. */
export type Command<K> =
  | { readonly kind: 'set' | 'setIfAbsent'; readonly key: K; readonly value: number }
  | {
      readonly kind: 'delete' | 'get' | 'next' | 'prev' | 'ceiling' | 'floor';
      readonly key: K;
    }
  | { readonly kind: 'range'; readonly range: RangeOptions<K>; readonly limit: number }
  | { readonly kind: 'clear' | 'ends' };

/** Applies `command` to both the list and the model and checks they agree; then validates. */
export function runCommand<K>(
  list: SkipList<K, number>,
  model: SortedArrayModel<K, number>,
  command: Command<K>,
): void {
  switch (command.kind) {
    case 'set':
      list.set(command.key, command.value);
      model.set(command.key, command.value, true);
      break;
    case 'setIfAbsent':
      expect(list.setIfAbsent(command.key, command.value)).toBe(
        model.set(command.key, command.value, false),
      );
      break;
    case 'delete':
      expect(list.delete(command.key)).toBe(model.delete(command.key));
      break;
    case 'get': {
      const entry = model.find(command.key);
      expect(list.get(command.key)).toBe(entry?.[1]);
      expect(list.has(command.key)).toBe(entry !== undefined);
      expect(list.getEntry(command.key)).toEqual(entry);
      break;
    }
    case 'next':
    case 'prev':
    case 'ceiling':
    case 'floor':
      expect(list[command.kind](command.key)).toEqual(model[command.kind](command.key));
      break;
    case 'range': {
      const expected = model.range(command.range);
      expect([...list.entries(command.range)]).toEqual(expected);
      const visited: Array<Entry<K, number>> = [];
      const count = list.forEachInRange(command.range, (key, value) => {
        visited.push([key, value]);
        return visited.length < command.limit;
      });
      const prefix = expected.slice(0, command.limit);
      expect(visited).toEqual(prefix);
      expect(count).toBe(prefix.length);
      break;
    }
    case 'clear':
      list.clear();
      model.entries.length = 0;
      break;
    case 'ends':
      expect(list.first()).toEqual(model.entries[0]);
      expect(list.last()).toEqual(model.entries[model.entries.length - 1]);
      break;
  }
  expect(list.size).toBe(model.entries.length);
  list.validate();
}
