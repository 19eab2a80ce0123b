import { describe, expect, it } from 'vitest';
import { DayOrderEvidence, readDate, resolveDate } from '../../src/mapping/date-value.js';

const ymd = (year: number, month: number, day: number, seconds = 0) => ({ kind: 'date', date: { year, month, day }, seconds });

describe('readDate', () => {
  it.each([
    ['2025-03-14', ymd(2025, 3, 14)],
    ['2025-03-14T10:22:01Z', ymd(2025, 3, 14, 37321)],
    ['2025-03-31T23:30:00-08:00', ymd(2025, 3, 31, 84600)],
    ['2025-04-01T00:00:00.000+14:00', ymd(2025, 4, 1)],
    ['2025-03-14 10:22', ymd(2025, 3, 14, 37320)],
    ['2025-03-14T10:22:01+0200', ymd(2025, 3, 14, 37321)],
    ['2017/11/24 12:39:58 PM GMT+4', ymd(2017, 11, 24, 12 * 3600 + 39 * 60 + 58)],
    ['14.03.2025', ymd(2025, 3, 14)],
    ['14.03.2025 08:15', ymd(2025, 3, 14, 8 * 3600 + 15 * 60)],
    ['14-03-2025', ymd(2025, 3, 14)],
    ['45658', ymd(2025, 1, 1)],
    ['45717.75', ymd(2025, 3, 1, 18 * 3600)],
    ['1735689600', ymd(2025, 1, 1)], // Unix seconds, UTC
  ])('%j', (cell, expected) => {
    expect(readDate(cell)).toEqual(expected);
  });

  it('reads a date with white space or NUL before it', () => {
    expect(readDate(' \t2025-03-14')).toEqual(ymd(2025, 3, 14));
    expect(readDate('\u00002025-03-14')).toEqual(ymd(2025, 3, 14));
    expect(readDate('\u00a0 14.03.2025')).toEqual(ymd(2025, 3, 14));
  });

  it.each([
    ['03/14/2025', { kind: 'slash', first: 3, second: 14, year: 2025, seconds: 0 }],
    ['03/14/2025 10:22:01 AM', { kind: 'slash', first: 3, second: 14, year: 2025, seconds: 37321 }],
    ['9/8/18 15:29', { kind: 'slash', first: 9, second: 8, year: 2018, seconds: 15 * 3600 + 29 * 60 }],
    ['7/27/26 19:06:23', { kind: 'slash', first: 7, second: 27, year: 2026, seconds: 19 * 3600 + 6 * 60 + 23 }],
    ['12/01/2025 12:00:00 AM', { kind: 'slash', first: 12, second: 1, year: 2025, seconds: 0 }],
  ])('%j waits for the column to settle its order', (cell, expected) => {
    expect(readDate(cell)).toEqual(expected);
  });

  it.each([
    ['2025-02-30'], ['2025-13-01'], ['31/31/2025'], ['12345'], ['1'], ['hello'], ['2025-03-14T25:00'], ['13/14/2025 13:00 PM'], [''],
    // Only ASCII digits start a date: other scripts' digits, a sign, a word before it.
    ['\u0662\u0660\u0662\u0665-03-14'], ['\uff12\uff10\uff12\uff15-03-14'], ['+1735689600'], ['-45658'], ['on 2025-03-14'], ['c2025-03-14'],
  ])(
    '%j is not a date',
    (cell) => {
      expect(readDate(cell)).toBeNull();
    },
  );

  it('resolves a/b/yyyy once the order is known', () => {
    const reading = { kind: 'slash', first: 3, second: 4, year: 2025, seconds: 0 } as const;
    expect(resolveDate(reading, 'dmy')).toEqual({ year: 2025, month: 4, day: 3 });
    expect(resolveDate(reading, 'mdy')).toEqual({ year: 2025, month: 3, day: 4 });
    expect(resolveDate({ kind: 'slash', first: 25, second: 12, year: 2024, seconds: 0 }, 'mdy')).toBeNull();
  });
});

describe('DayOrderEvidence', () => {
  const verdict = (cells: string[]) => {
    const evidence = new DayOrderEvidence();
    cells.forEach((cell, i) => {
      const reading = readDate(cell);
      if (reading) evidence.observe(reading, i + 2, cell);
    });
    return evidence.verdict();
  };
  it.each([
    [['01/02/2025', '25/02/2025'], 'dmy'],
    [['01/02/2025', '02/25/2025'], 'mdy'],
    [['01/02/2025', '03/04/2025'], 'ambiguous'],
    [['25/02/2025', '02/25/2025'], 'mixed'],
    [['2025-01-02'], null],
  ])('%j → %s', (cells, expected) => {
    expect(verdict(cells)).toBe(expected);
  });
});
