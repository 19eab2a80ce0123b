// Calendar arithmetic on dates as written (year, month, day): period keys, ISO weeks and
// Excel serial numbers. No Date objects and no time zones, so the machine's TZ never matters.

export interface CalendarDate {
  year: number;
  month: number; // 1–12
  day: number; // 1–31
}

export const PERIODS = ['day', 'week', 'month', 'quarter', 'year'] as const;
export type Period = (typeof PERIODS)[number];

export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return [4, 6, 9, 11].includes(month) ? 30 : 31;
}

export function isValidDate(year: number, month: number, day: number): boolean {
  return (
    Number.isInteger(year) && Number.isInteger(month) && Number.isInteger(day) &&
    year >= 1 && year <= 9999 && month >= 1 && month <= 12 &&
    day >= 1 && day <= daysInMonth(year, month)
  );
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's days_from_civil). */
export function daysFromCivil({ year, month, day }: CalendarDate): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12;
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** Inverse of daysFromCivil. */
export function civilFromDays(days: number): CalendarDate {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  return { year, month, day };
}

/** 1 = Monday … 7 = Sunday. 1970-01-01 was a Thursday. */
export function isoWeekday(date: CalendarDate): number {
  const d = daysFromCivil(date);
  return ((((d + 3) % 7) + 7) % 7) + 1;
}

/** ISO 8601 week: the week-year can differ from the calendar year near New Year. */
export function isoWeek(date: CalendarDate): { weekYear: number; week: number } {
  // The Thursday of this date's week decides the week-year.
  const thursday = civilFromDays(daysFromCivil(date) - isoWeekday(date) + 4);
  const firstOfYear = daysFromCivil({ year: thursday.year, month: 1, day: 1 });
  const week = Math.floor((daysFromCivil(thursday) - firstOfYear) / 7) + 1;
  return { weekYear: thursday.year, week };
}

const pad = (n: number, width = 2): string => String(n).padStart(width, '0');

export function formatDate({ year, month, day }: CalendarDate): string {
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/** Keys sort in time order as plain strings: 2025-03-14, 2025-W09, 2025-03, 2025-Q1, 2025. */
export function periodKey(date: CalendarDate, period: Period): string {
  switch (period) {
    case 'day':
      return formatDate(date);
    case 'week': {
      const { weekYear, week } = isoWeek(date);
      return `${pad(weekYear, 4)}-W${pad(week)}`;
    }
    case 'month':
      return `${pad(date.year, 4)}-${pad(date.month)}`;
    case 'quarter':
      return `${pad(date.year, 4)}-Q${Math.ceil(date.month / 3)}`;
    case 'year':
      return pad(date.year, 4);
  }
}

/** The whole days of an Excel serial, half a second before midnight rounding up: all of a serial excelSerialToDate reads. */
export function excelWholeDays(serial: number): number {
  return Math.floor(serial + 0.5 / 86400);
}

/**
 * The calendar date of an Excel serial number. In the 1900 system serial 1 is 1900-01-01
 * and Excel counts a 29 February 1900 that never was (serial 60), so serials from 61 on
 * count from 1899-12-30 and those below 60 from 1899-12-31. In the 1904 system serial 0 is
 * 1904-01-01. The fraction is the time of day, which a calendar date ignores; a fraction a
 * hair under a whole day (float noise from 23:59:59.9995) rounds to the next day as Excel shows it.
 * Returns null for serial 60 in the 1900 system, negatives and values past 9999-12-31.
 */
export function excelSerialToDate(serial: number, date1904 = false): CalendarDate | null {
  if (!Number.isFinite(serial) || serial < 0) return null;
  const wholeDays = excelWholeDays(serial);
  let days: number;
  if (date1904) {
    days = daysFromCivil({ year: 1904, month: 1, day: 1 }) + wholeDays;
  } else {
    if (wholeDays === 60 || wholeDays < 1) return null;
    const epoch = wholeDays > 60 ? { year: 1899, month: 12, day: 30 } : { year: 1899, month: 12, day: 31 };
    days = daysFromCivil(epoch) + wholeDays;
  }
  const date = civilFromDays(days);
  return date.year <= 9999 ? date : null;
}

/** Seconds of the day in an Excel serial's fraction, rounded to the second. */
export function excelSerialTimeOfDay(serial: number): number {
  const seconds = Math.round((serial - Math.floor(serial)) * 86400);
  return seconds >= 86400 ? 0 : seconds;
}

/**
 * Day numbers to the first day of their period, remembered: a count by period can key each
 * answer by that one day instead of its own, so a thread holds a group per period, not per day.
 * A day whose period's key cannot be read back (a year past 9999) stays itself.
 */
export class PeriodDays {
  /**
   * The days of 1900–2155 already asked (slot day − FIRST_DAY: the first day + TABLE_OFFSET, 0 when
   * not yet known), read once per row where a map lookup took about twice as long; other days in `known`.
   */
  private table: Int32Array | null = null;
  private readonly known = new Map<number, number>();

  constructor(private readonly period: Period) {}

  of(day: number): number {
    const slot = day - FIRST_DAY;
    if (slot >= 0 && slot <= LAST_DAY - FIRST_DAY) {
      // Made on first use: a counter made per part that asks nothing (its rows all read from bytes) makes none.
      const table = (this.table ??= new Int32Array(LAST_DAY - FIRST_DAY + 1));
      const known = table[slot] as number;
      if (known !== 0) return known - TABLE_OFFSET;
      const first = this.firstOf(day);
      table[slot] = first + TABLE_OFFSET;
      return first;
    }
    let first = this.known.get(day);
    if (first === undefined) this.known.set(day, (first = this.firstOf(day)));
    return first;
  }

  private firstOf(day: number): number {
    const start = periodStart(periodKey(civilFromDays(day), this.period), this.period);
    return start === null ? day : daysFromCivil(start);
  }
}

/** 1900-01-01 and 2155-12-31 as day numbers: PeriodDays' table (94,000 days, 374 KB). */
const FIRST_DAY = -25567;
const LAST_DAY = 67934;
/** Added to a first day in PeriodDays' table, so that 0 is never one. */
const TABLE_OFFSET = 1 << 20;

/** The first day of the period a key names (the inverse of periodKey); null for a malformed key. */
export function periodStart(key: string, period: Period): CalendarDate | null {
  let m: RegExpExecArray | null;
  switch (period) {
    case 'day':
      m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(key);
      return m ? { year: Number(m[1]), month: Number(m[2]), day: Number(m[3]) } : null;
    case 'week': {
      m = /^(\d{4})-W(\d{2})$/.exec(key);
      if (!m) return null;
      // Week 1 holds 4 January; its Monday starts the week-year.
      const jan4 = { year: Number(m[1]), month: 1, day: 4 };
      return civilFromDays(daysFromCivil(jan4) - (isoWeekday(jan4) - 1) + (Number(m[2]) - 1) * 7);
    }
    case 'month':
      m = /^(\d{4})-(\d{2})$/.exec(key);
      return m ? { year: Number(m[1]), month: Number(m[2]), day: 1 } : null;
    case 'quarter':
      m = /^(\d{4})-Q([1-4])$/.exec(key);
      return m ? { year: Number(m[1]), month: (Number(m[2]) - 1) * 3 + 1, day: 1 } : null;
    case 'year':
      m = /^(\d{4})$/.exec(key);
      return m ? { year: Number(m[1]), month: 1, day: 1 } : null;
  }
}

/** The key of the period after the one given. */
export function nextPeriodKey(key: string, period: Period): string {
  const start = periodStart(key, period);
  if (!start) throw new RangeError(`not a ${period} key: ${key}`);
  const addMonths = (months: number): CalendarDate => {
    const index = start.year * 12 + (start.month - 1) + months;
    return { year: Math.floor(index / 12), month: (index % 12) + 1, day: 1 };
  };
  switch (period) {
    case 'day':
      return periodKey(civilFromDays(daysFromCivil(start) + 1), period);
    case 'week':
      return periodKey(civilFromDays(daysFromCivil(start) + 7), period);
    case 'month':
      return periodKey(addMonths(1), period);
    case 'quarter':
      return periodKey(addMonths(3), period);
    case 'year':
      return periodKey({ year: start.year + 1, month: 1, day: 1 }, period);
  }
}

/** Every period key from first to last, both included, gaps too (at most `limit` keys). */
export function periodRange(first: string, last: string, period: Period, limit = 100_000): string[] {
  const keys = [first];
  while (keys.length < limit && (keys[keys.length - 1] ?? last) < last) keys.push(nextPeriodKey(keys[keys.length - 1] ?? last, period));
  return keys;
}
