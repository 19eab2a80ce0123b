// Skipped values told by value: exact counts, however the file was cut into parts.

import { describe, expect, it } from 'vitest';
import { seededRandom } from '../support/random.js';
import { SkipLog } from '../../src/core/skips.js';

describe('SkipLog: skipped values by value', () => {
  it('one source: each value counted, its first row kept, most first', () => {
    const log = new SkipLog();
    log.add('invalid', 37, 'NA');
    log.add('invalid', 40, 'n/a');
    log.add('invalid', 71, 'NA');
    log.add('invalid', 0, '12', 3); // counted in bulk, no row
    log.add('missing', 80, '');
    expect(log.valuesOf('invalid')).toEqual({
      values: [
        { value: '12', count: 3, row: 0 },
        { value: 'NA', count: 2, row: 37 },
        { value: 'n/a', count: 1, row: 40 },
      ],
      otherRows: 0,
    });
    // Empty cells are missing, not a value.
    expect(log.valuesOf('missing')).toEqual({ values: [], otherRows: 0 });
  });

  it('past 100 distinct values, later new values are other rows; the values kept stay exact', () => {
    const log = new SkipLog();
    for (let i = 0; i < 150; i++) log.add('invalid', i + 1, `v${i}`);
    for (let i = 0; i < 10; i++) log.add('invalid', 200 + i, 'v0');
    for (let i = 0; i < 10; i++) log.add('invalid', 300 + i, 'v149');
    const told = log.valuesOf('invalid');
    expect(told.values).toHaveLength(100);
    expect(told.values[0]).toEqual({ value: 'v0', count: 11, row: 1 });
    expect(told.otherRows).toBe(50 + 10);
  });

  it('merged from parts: a value is told only with its true count, and the rows add up', () => {
    const random = seededRandom(2026);
    for (let round = 0; round < 40; round++) {
      // A few common junk values, and in some rounds a long tail of rare ones.
      const tail = round % 2 === 0 ? 0 : 20 + Math.floor(random() * 400);
      const truth = new Map<string, { count: number; row: number }>();
      const parts: SkipLog[] = [];
      const offsets: number[] = [];
      let row = 0;
      const partsWanted = 1 + Math.floor(random() * 12);
      for (let p = 0; p < partsWanted; p++) {
        const log = new SkipLog();
        offsets.push(row);
        const rows = Math.floor(random() * 2000);
        for (let r = 1; r <= rows; r++) {
          const draw = random();
          const value = draw < 0.5 ? 'NA' : draw < 0.7 ? 'n/a' : draw < 0.75 ? '-' : tail > 0 ? `odd ${Math.floor(random() * tail)}` : '11';
          log.add('invalid', r, value);
          const known = truth.get(value);
          if (known) known.count++;
          else truth.set(value, { count: 1, row: row + r });
        }
        row += rows;
        parts.push(log);
      }
      const merged = new SkipLog();
      parts.forEach((part, p) => merged.absorb(part.snapshot(), offsets[p] as number));
      const told = merged.valuesOf('invalid');
      let sum = told.otherRows;
      for (const v of told.values) {
        expect({ value: v.value, count: v.count, row: v.row }).toEqual({ value: v.value, ...truth.get(v.value) });
        sum += v.count;
      }
      expect(sum).toBe(merged.count('invalid'));
      expect(sum).toBe([...truth.values()].reduce((s, t) => s + t.count, 0));
      // With few distinct values, every one is told.
      if (tail === 0) expect(told.values.map((v) => v.value).sort()).toEqual([...truth.keys()].sort());
    }
  });
});

describe('SkipLog.addUnlisted: rows told in one step once the examples are kept', () => {
  it('gives the log that adding them one by one gives', () => {
    const [one, bulk] = [new SkipLog(), new SkipLog()];
    for (let row = 1; row <= 5; row++) for (const log of [one, bulk]) log.add('filtered', row * 10, '');
    for (let row = 6; row <= 1000; row++) one.add('filtered', row * 10, '');
    bulk.addUnlisted('filtered', 995);
    expect(bulk.snapshot()).toEqual(one.snapshot());
    // By hand: 1,000 rows, the first five of them (rows 10 … 50) the examples.
    expect([bulk.count('filtered'), bulk.examplesOf('filtered').map((e) => e.row), bulk.summary().total]).toEqual([1000, [10, 20, 30, 40, 50], 1000]);
  });

  it('refuses rows while the log still wants examples of them: they would be lost', () => {
    const log = new SkipLog();
    log.add('filtered', 1, '');
    expect(() => log.addUnlisted('filtered', 3)).toThrow(RangeError);
    expect(log.count('filtered')).toBe(1);
  });
});
