import { describe, expect, it } from 'vitest';
import { ColumnProfile, DISTINCT_CAP } from '../../src/mapping/column-profile.js';
import { readDate } from '../../src/mapping/date-value.js';
import { seededRandom } from '../support/random.js';

describe('ColumnProfile', () => {
  it('counts blanks, lengths, spaces and dates by hand', () => {
    const profile = new ColumnProfile();
    for (const cell of ['2025-03-14', ' 2025-03-14 ', 'a b', '', undefined, '  ', 'a b', 'x', '14.03.2025']) profile.add(cell);
    expect(profile.blank).toBe(3);
    expect(profile.nonBlank).toBe(6);
    // 10 + 10 + 3 + 3 + 1 + 10 (the padded date is trimmed)
    expect(profile.totalLength).toBe(37);
    expect(profile.withSpaces).toBe(2);
    expect(profile.dates).toBe(3);
    expect(profile.distinct).toBe(4);
    expect(profile.capped).toBe(false);
    expect(profile.samples()).toEqual(['2025-03-14', 'a b', 'x']);
  });

  it('keeping no values (a part whose column settled before it) counts the same, capped, with no values', () => {
    const cells = ['2025-03-14', ' 2025-03-14 ', 'a b', '', undefined, '  ', 'a b', 'x', '14.03.2025'];
    const kept = new ColumnProfile();
    const unkept = new ColumnProfile();
    unkept.keepNoValues();
    for (const cell of cells) {
      kept.add(cell);
      unkept.add(cell);
    }
    unkept.addKnown(4, 0, false);
    kept.addKnown(4, 0, false);
    expect(unkept.data()).toEqual({ ...kept.data(), capped: true, values: [] });
    expect(unkept.data()).toMatchObject({ nonBlank: 7, blank: 3, totalLength: 41, withSpaces: 2, dates: 3 });
  });

  it('counts a value met again after the cap as the first time, and says it is capped only for a new value', () => {
    const profile = new ColumnProfile();
    for (let i = 0; i < DISTINCT_CAP; i++) profile.add(`v ${i}`);
    expect(profile.capped).toBe(false);
    // Values already kept, again: spaces counted, not capped.
    for (let i = 0; i < 10; i++) profile.add(`v ${i}`);
    expect(profile.capped).toBe(false);
    expect(profile.withSpaces).toBe(DISTINCT_CAP + 10);
    // New values past the cap: a date and a spaced word, each counted every time it comes.
    for (let i = 0; i < 3; i++) profile.add('2024-12-31');
    for (let i = 0; i < 2; i++) profile.add('new word');
    expect(profile.capped).toBe(true);
    expect(profile.distinct).toBe(DISTINCT_CAP);
    expect(profile.dates).toBe(3);
    expect(profile.withSpaces).toBe(DISTINCT_CAP + 12);
    expect(profile.nonBlank).toBe(DISTINCT_CAP + 15);
  });

  it('agrees with a plain count of random cells (few values, many values, dates, spaces)', () => {
    const random = seededRandom(17);
    const pieces = ['2025-01-0', '14.03.202', ' ', 'a', 'b c', '1', '\t', '45658', 'x y z', '03/1', '/2025'];
    for (let trial = 0; trial < 20; trial++) {
      // A pool of 40 values (under the cap) or of 20,000 (over it), cells drawn from it.
      const pool = Array.from({ length: trial % 2 === 0 ? 40 : 20_000 }, () => {
        const n = 1 + Math.floor(random() * 3);
        let cell = '';
        for (let i = 0; i < n; i++) cell += pieces[Math.floor(random() * pieces.length)] as string;
        return random() < 0.5 ? cell : `${cell}${Math.floor(random() * 10)}`;
      });
      pool.push('2025-01-05', ' 14.03.2024', '45658', '03/14/2025 10:00');
      const cells = Array.from({ length: 4000 }, () => pool[Math.floor(random() * pool.length)] as string);
      const profile = new ColumnProfile();
      for (const cell of cells) profile.add(cell);
      const values = cells.map((cell) => cell.trim()).filter((value) => value !== '');
      const distinct = [...new Set(values)];
      expect(profile.blank).toBe(cells.length - values.length);
      expect(profile.nonBlank).toBe(values.length);
      expect(profile.totalLength).toBe(values.reduce((sum, value) => sum + value.length, 0));
      expect(profile.withSpaces).toBe(values.filter((value) => /\s/.test(value)).length);
      expect(profile.dates).toBe(values.filter((value) => readDate(value) !== null).length);
      expect(profile.distinct).toBe(Math.min(distinct.length, DISTINCT_CAP));
      expect(profile.capped).toBe(distinct.length > DISTINCT_CAP);
      expect(profile.dates).toBeGreaterThan(0);
      expect(profile.samples(5)).toEqual(distinct.slice(0, 5).map((value) => (value.length > 40 ? `${value.slice(0, 39)}…` : value)));
    }
  });
});
