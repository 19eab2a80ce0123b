import { describe, expect, it } from 'vitest';
import {
  civilFromDays, daysFromCivil, excelSerialTimeOfDay, excelSerialToDate, isoWeek, periodKey, PeriodDays,
  type CalendarDate, type Period,
} from '../../src/core/calendar.js';

const d = (text: string): CalendarDate => {
  const [year, month, day] = text.split('-').map(Number);
  return { year: year ?? 0, month: month ?? 0, day: day ?? 0 };
};

describe('periodKey', () => {
  it.each([
    ['2025-03-14', 'day', '2025-03-14'],
    ['2025-03-14', 'month', '2025-03'],
    ['2025-03-14', 'quarter', '2025-Q1'],
    ['2025-04-01', 'quarter', '2025-Q2'],
    ['2025-12-31', 'quarter', '2025-Q4'],
    ['2025-03-14', 'year', '2025'],
    ['2025-02-28', 'week', '2025-W09'],
    // Week-years at New Year, checked with Python's date.isocalendar():
    ['2024-12-30', 'week', '2025-W01'],
    ['2021-01-03', 'week', '2020-W53'],
    ['2026-12-31', 'week', '2026-W53'],
    ['2027-01-01', 'week', '2026-W53'],
    ['2027-01-04', 'week', '2027-W01'],
    ['2008-12-29', 'week', '2009-W01'],
    ['2010-01-03', 'week', '2009-W53'],
  ] as const)('%s by %s is %s', (date, period, key) => {
    expect(periodKey(d(date), period as Period)).toBe(key);
  });
});

describe('day numbers', () => {
  it('agree with Date.UTC over 1899–2101 and round-trip', () => {
    for (let days = Date.UTC(1899, 0, 1) / 864e5; days < Date.UTC(2101, 0, 1) / 864e5; days += 13) {
      const date = new Date(days * 864e5);
      const civil = { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() };
      expect(civilFromDays(days)).toEqual(civil);
      expect(daysFromCivil(civil)).toBe(days);
    }
  });

  it('isoWeek: every 4 January is in week 1 and every 28 December in the last week', () => {
    for (let year = 1990; year <= 2040; year++) {
      expect(isoWeek({ year, month: 1, day: 4 })).toEqual({ weekYear: year, week: 1 });
      expect(isoWeek({ year, month: 12, day: 28 }).weekYear).toBe(year);
    }
  });
});

describe('excelSerialToDate', () => {
  it.each([
    [1, false, '1900-01-01'],
    [59, false, '1900-02-28'],
    [61, false, '1900-03-01'],
    [25569, false, '1970-01-01'],
    [45658, false, '2025-01-01'],
    [45717.75, false, '2025-03-01'],
    [45658.99999999, false, '2025-01-02'], // 23:59:59.9999… is shown as the next midnight
    [0, true, '1904-01-01'],
    [44196, true, '2025-01-01'], // 1904 system: 1462 days fewer than 1900's 45658
  ])('%d (1904: %s) is %s', (serial, date1904, expected) => {
    const date = excelSerialToDate(serial, date1904);
    expect(date && `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`).toBe(expected);
  });

  it('has no date for the fictitious 1900-02-29 (serial 60) or negatives', () => {
    expect(excelSerialToDate(60)).toBeNull();
    expect(excelSerialToDate(-1)).toBeNull();
  });

  it('reads the time of day from the fraction', () => {
    expect(excelSerialTimeOfDay(45660.4076388889)).toBe(9 * 3600 + 47 * 60);
  });
});

describe('PeriodDays', () => {
  const day = (y: number, m: number, d: number): number => daysFromCivil({ year: y, month: m, day: d });
  it.each([
    ['day', day(2025, 3, 31), day(2025, 3, 31)],
    // 2024-12-30 is the Monday of 2025-W01; 2025-01-05 its Sunday; 2021-01-03 is in 2020-W53 (Monday 2020-12-28).
    ['week', day(2024, 12, 30), day(2024, 12, 30)],
    ['week', day(2025, 1, 5), day(2024, 12, 30)],
    ['week', day(2021, 1, 3), day(2020, 12, 28)],
    ['month', day(2025, 3, 31), day(2025, 3, 1)],
    ['month', day(2024, 2, 29), day(2024, 2, 1)],
    ['quarter', day(2025, 5, 17), day(2025, 4, 1)],
    ['year', day(2025, 12, 31), day(2025, 1, 1)],
  ] as const)('%s of day %i is day %i (the first of its period)', (period, given, first) => {
    const days = new PeriodDays(period);
    expect(days.of(given)).toBe(first);
    // Remembered: the same again.
    expect(days.of(given)).toBe(first);
  });

  // Days of 1900–2155 are remembered in a table, others in a map: every day of 1890–2170, each
  // asked twice, against the period's key read back (periodKey, then its first day by hand).
  it.each(['day', 'week', 'month', 'quarter', 'year'] as const)('%s: every day of 1890–2170, in the table and past it', (period) => {
    const days = new PeriodDays(period);
    const firsts = new Map<string, number>();
    const firstOf = (n: number): number => {
      // Back from n while the day before has the same key: the period's first day (once per period).
      const key = periodKey(civilFromDays(n), period);
      let first = firsts.get(key);
      if (first === undefined) {
        first = n;
        while (periodKey(civilFromDays(first - 1), period) === key) first--;
        firsts.set(key, first);
      }
      return first;
    };
    const wrong: string[] = [];
    for (let round = 0; round < 2; round++) {
      for (let n = day(1890, 1, 1); n <= day(2170, 12, 31); n += round === 0 ? 1 : 37) {
        const expected = period === 'day' ? n : firstOf(n);
        if (days.of(n) !== expected) wrong.push(`${n}: ${days.of(n)}, not ${expected}`);
      }
    }
    expect(wrong.slice(0, 5)).toEqual([]);
  });
});
