// sortByKeys gives the order of compareKeys (a differential test on random keys).

import { describe, expect, it } from 'vitest';
import { seededRandom } from '../support/random.js';
import { compareKeys, sortByKeys } from '../../src/core/group-tallies.js';

describe('sortByKeys', () => {
  // compareKeys is a total order on a column of numbers and text that starts with a letter (or
  // is blank), and on a column of periods; a column mixing numbers with text that starts with a
  // digit ("9" < "10.25" < "2025-01" < "9") has no order to agree with: there, sortByKeys's ranks
  // give one, where a sort by compareKeys depended on the order the groups came in.
  it('orders as compareKeys does: whole numbers (past a double), decimals, text, blanks; periods; text alone; whole numbers alone', () => {
    const random = seededRandom(17);
    const mixed = ['', '0', '2', '10', '-3', '9.5', '10.25', '12345678901234567891', '12345678901234567890', 'a', 'B', 'b', 'Göteborg', 'agent7', 'agent12'];
    const periods = ['2025-01', '2024-12', '2025-02', '2025-Q1', '2025-W02', '2025-W10', '2025-01-05'];
    // No plain number among them: sortByKeys sorts such a column by code point alone.
    const text = ['', 'a', 'B', 'b', 'Göteborg', 'agent7', 'agent12', 'agent1-2', '1a', '-', '\u00e9', 'e\u0301'];
    // Whole numbers alone: past 2^53 (two that are one double), and two that are one number
    // ("7" and "007", "0" and "-0": by code point).
    const whole = ['0', '7', '-3', '10', '2', '100', '99', '12345', '9007199254740991', '-9007199254740991'];
    const wholeTwins = ['7', '007', '0', '-0', '10', '2', '9007199254740993', '9007199254740992'];
    for (let round = 0; round < 80; round++) {
      const pools = Array.from({ length: 1 + Math.floor(random() * 3) }, () => [mixed, periods, text, whole, wholeTwins][Math.floor(random() * 5)] as string[]);
      const keys = Array.from({ length: 1 + Math.floor(random() * 300) }, () => pools.map((pool) => pool[Math.floor(random() * pool.length)] as string));
      const unique = [...new Map(keys.map((k) => [JSON.stringify(k), k])).values()];
      const expected = [...unique].sort(compareKeys);
      expect(sortByKeys(unique, (k) => k)).toEqual(expected);
    }
  });

  // "7" and "007" (or "0" and "-0") are one number but two values: compareKeys orders them by
  // code point (it put each after the other, and the order of the groups followed the rows').
  it('whole numbers equal as numbers: by code point, whatever order they come in', () => {
    expect(compareKeys(['007'], ['7'])).toBe(-1);
    expect(compareKeys(['7'], ['007'])).toBe(1);
    expect(compareKeys(['-0'], ['0'])).toBe(-1);
    expect(compareKeys(['0'], ['-0'])).toBe(1);
    const random = seededRandom(31);
    const values = ['7', '007', '0', '-0', '10', '2', '-3'];
    for (let round = 0; round < 20; round++) {
      const shuffled = [...values].sort(() => random() - 0.5).map((v) => [v]);
      expect(sortByKeys(shuffled, (k) => k).map(([v]) => v)).toEqual(['-3', '-0', '0', '2', '007', '7', '10']);
    }
  });

  // Plain numbers beside text that starts with a digit: compareKeys is no order there ("9" <
  // "10.25" < "2025-01" < "9"). sortByKeys gives one, whatever order the groups come in.
  it('numbers beside text that starts with a digit: one order, whatever order they come in', () => {
    const random = seededRandom(37);
    const values = ['9', '10.25', '2025-01', '1a', '10', 'b', '', '3x', '-2'];
    const first = sortByKeys(values.map((v) => [v]), (k) => k);
    for (let round = 0; round < 30; round++) {
      const shuffled = [...values].sort(() => random() - 0.5).map((v) => [v]);
      expect(sortByKeys(shuffled, (k) => k)).toEqual(first);
    }
  });

  it('orders keys of different lengths as compareKeys does: a key before the longer keys it starts', () => {
    const random = seededRandom(23);
    const values = ['', '1', '2', '10', 'a', 'b'];
    for (let round = 0; round < 50; round++) {
      const keys = Array.from({ length: 1 + Math.floor(random() * 200) }, () =>
        Array.from({ length: Math.floor(random() * 4) }, () => values[Math.floor(random() * values.length)] as string),
      );
      const unique = [...new Map(keys.map((k) => [JSON.stringify(k), k])).values()];
      expect(sortByKeys(unique, (k) => k)).toEqual([...unique].sort(compareKeys));
    }
    expect(sortByKeys([['a', '1'], ['a'], [], ['1']], (k) => k)).toEqual([[], ['1'], ['a'], ['a', '1']]);
  });

  // Keys are ordered as one number each while their ranks' combinations times the items fit in a
  // double's integers, by their ranks one by one past that: both ways give compareKeys's order,
  // and equal keys stay in the order they came in.
  it('either way (few combinations; more than 2^53 of them), equal keys in the order they came', () => {
    const random = seededRandom(29);
    const wide = Array.from({ length: 400 }, (_, i) => (i % 3 === 0 ? String(i * 7) : `v${i}`));
    const narrow = ['', '1', '2', '10', 'a'];
    for (const pool of [narrow, wide]) {
      for (let round = 0; round < 20; round++) {
        const length = pool === wide ? 10 : 3;
        // Each item its key and its place in the input; keys repeat.
        const items = Array.from({ length: (pool === wide ? 200 : 1) + Math.floor(random() * 300) }, (_, place) => ({
          key: Array.from({ length: 1 + Math.floor(random() * length) }, () => pool[Math.floor(random() * (pool === wide ? 3 : pool.length))] as string),
          place,
        }));
        if (pool === wide) for (const item of items) item.key.push(...Array.from({ length: 10 - item.key.length }, (_, i) => pool[(item.place * 13 + i * 101) % pool.length] as string));
        // Array.prototype.sort is stable: the reference keeps equal keys in input order.
        const expected = [...items].sort((a, b) => compareKeys(a.key, b.key));
        expect(sortByKeys(items, (item) => item.key)).toEqual(expected);
      }
    }
  });
});
