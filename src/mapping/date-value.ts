// A date cell as people write it, read as the calendar date written in it. Times and UTC
// offsets are checked for shape and then ignored: "2025-03-31T23:30:00-08:00" is 31 March.

import { cellText } from './cell-text.js';
import { civilFromDays, excelSerialTimeOfDay, excelSerialToDate, isValidDate, type CalendarDate } from '../core/calendar.js';

/** Day and month order for dates written a/b/yyyy. */
export type DayOrder = 'dmy' | 'mdy';

/** `seconds` is the time of day as written (0 when none): it orders answers on one day. */
export type DateReading =
  | { kind: 'date'; date: CalendarDate; seconds: number }
  /** a/b/yyyy: which of a and b is the day is decided once for the whole column. */
  | { kind: 'slash'; first: number; second: number; year: number; seconds: number };

const TIME = String.raw`(?:(?:[T\s]+|,\s*)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?(?:\s*([AaPp])\.?[Mm]\.?)?(?:\s*(?:Z|UTC|GMT)?\s*(?:[+-]\d{1,2}(?::?\d{2})?)?)?)?\s*`;
const ISO = new RegExp(`^(\\d{4})-(\\d{1,2})-(\\d{1,2})${TIME}$`);
const YMD_SLASH = new RegExp(`^(\\d{4})/(\\d{1,2})/(\\d{1,2})${TIME}$`);
const DMY_DOT = new RegExp(`^(\\d{1,2})\\.(\\d{1,2})\\.(\\d{4}|\\d{2})${TIME}$`);
const DMY_DASH = new RegExp(`^(\\d{1,2})-(\\d{1,2})-(\\d{4})${TIME}$`);
const SLASH = new RegExp(`^(\\d{1,2})/(\\d{1,2})/(\\d{4}|\\d{2})${TIME}$`);
const EXCEL_SERIAL = /^\d{5}(?:\.\d+)?$/;
const UNIX_SECONDS = /^\d{10}$/;

/** Excel serials read from text only in this range (1954-10-03 … 2119-01-08), so ids and counts are not dates. */
const SERIAL_MIN = 20000;
const SERIAL_MAX = 80000;

/** Two-digit years as POSIX strptime reads them: 00–68 → 2000s, 69–99 → 1900s. */
export function expandYear(text: string): number {
  const year = Number(text);
  if (text.length === 4) return year;
  return year <= 68 ? 2000 + year : 1900 + year;
}

/** Seconds into the day of a written time (12-hour clock with AM/PM too); null when impossible. */
function timeOfDay(hour?: string, minute?: string, second?: string, meridiem?: string): number | null {
  if (hour === undefined) return 0;
  let h = Number(hour);
  if (meridiem !== undefined) {
    if (h < 1 || h > 12) return null;
    h = (h % 12) + (meridiem.toLowerCase() === 'p' ? 12 : 0);
  } else if (h > 24) return null;
  const m = Number(minute);
  const s = second === undefined ? 0 : Number(second);
  return m <= 59 && s <= 60 ? h * 3600 + m * 60 + s : null;
}

function dateOf(year: number, month: number, day: number, seconds: number | null): DateReading | null {
  return seconds !== null && isValidDate(year, month, day) ? { kind: 'date', date: { year, month, day }, seconds } : null;
}

const digit = (text: string, i: number): number => {
  const code = text.charCodeAt(i) - 48;
  return code >= 0 && code <= 9 ? code : -1;
};

/**
 * The common case without regular expressions: YYYY-MM-DD, optionally followed by
 * THH:MM:SS with Z or nothing. Anything else goes the long way (null here).
 */
function readIsoQuickly(text: string): DateReading | null {
  const n = text.length;
  if ((n !== 10 && n !== 19 && n !== 20) || text.charCodeAt(4) !== 45 || text.charCodeAt(7) !== 45) return null;
  const y0 = digit(text, 0), y1 = digit(text, 1), y2 = digit(text, 2), y3 = digit(text, 3);
  const m0 = digit(text, 5), m1 = digit(text, 6), d0 = digit(text, 8), d1 = digit(text, 9);
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0) return null;
  let seconds = 0;
  if (n > 10) {
    const sep = text.charCodeAt(10);
    if ((sep !== 84 && sep !== 32) || text.charCodeAt(13) !== 58 || text.charCodeAt(16) !== 58 || (n === 20 && text.charCodeAt(19) !== 90)) return null;
    const h0 = digit(text, 11), h1 = digit(text, 12), i0 = digit(text, 14), i1 = digit(text, 15), s0 = digit(text, 17), s1 = digit(text, 18);
    if ((h0 | h1 | i0 | i1 | s0 | s1) < 0) return null;
    const h = h0 * 10 + h1;
    const mi = i0 * 10 + i1;
    const s = s0 * 10 + s1;
    if (h > 24 || mi > 59 || s > 60) return null;
    seconds = h * 3600 + mi * 60 + s;
  }
  return dateOf(y0 * 1000 + y1 * 100 + y2 * 10 + y3, m0 * 10 + m1, d0 * 10 + d1, seconds);
}

/** Reads a date cell; null when it is not a date in a supported form. */
export function readDate(cell: string | undefined): DateReading | null {
  const text = cellText(cell);
  if (text === '') return null;
  const quick = readIsoQuickly(text);
  if (quick) return quick;
  let m: RegExpExecArray | null;
  if ((m = ISO.exec(text)) || (m = YMD_SLASH.exec(text))) {
    return dateOf(Number(m[1]), Number(m[2]), Number(m[3]), timeOfDay(m[4], m[5], m[6], m[7]));
  }
  if ((m = DMY_DOT.exec(text)) || (m = DMY_DASH.exec(text))) {
    return dateOf(expandYear(m[3] ?? ''), Number(m[2]), Number(m[1]), timeOfDay(m[4], m[5], m[6], m[7]));
  }
  if ((m = SLASH.exec(text))) {
    const seconds = timeOfDay(m[4], m[5], m[6], m[7]);
    const first = Number(m[1]);
    const second = Number(m[2]);
    const year = expandYear(m[3] ?? '');
    // Impossible either way round (0, or both parts over 12, or 31/31): not a date.
    if (seconds === null || (!isValidDate(year, first, second) && !isValidDate(year, second, first))) return null;
    return { kind: 'slash', first, second, year, seconds };
  }
  if (EXCEL_SERIAL.test(text)) {
    const serial = Number(text);
    if (serial < SERIAL_MIN || serial > SERIAL_MAX) return null;
    const date = excelSerialToDate(serial);
    return date ? { kind: 'date', date, seconds: excelSerialTimeOfDay(serial) } : null;
  }
  if (UNIX_SECONDS.test(text)) {
    // Seconds since 1970-01-01 UTC: the calendar date and time in UTC.
    const seconds = Number(text);
    if (seconds < 1e9 || seconds > 4102444800) return null;
    return { kind: 'date', date: civilFromDays(Math.floor(seconds / 86400)), seconds: seconds % 86400 };
  }
  return null;
}

/** The calendar date of a reading once the column's day order is known; null when impossible in that order. */
export function resolveDate(reading: DateReading, order: DayOrder | null): CalendarDate | null {
  if (reading.kind === 'date') return reading.date;
  if (order === null) return null;
  const [day, month] = order === 'dmy' ? [reading.first, reading.second] : [reading.second, reading.first];
  return isValidDate(reading.year, month, day) ? { year: reading.year, month, day } : null;
}

/** What a column's a/b/yyyy dates say about their order, gathered row by row. */
export class DayOrderEvidence {
  slashDates = 0;
  firstOver12: { row: number; value: string } | null = null;
  secondOver12: { row: number; value: string } | null = null;

  /** Adds what another part of the file showed (its row numbers move by `rowOffset`); the earlier part first. */
  absorb(other: { slashDates: number; firstOver12: { row: number; value: string } | null; secondOver12: { row: number; value: string } | null }, rowOffset: number): void {
    this.slashDates += other.slashDates;
    if (!this.firstOver12 && other.firstOver12) this.firstOver12 = { row: other.firstOver12.row + rowOffset, value: other.firstOver12.value };
    if (!this.secondOver12 && other.secondOver12) this.secondOver12 = { row: other.secondOver12.row + rowOffset, value: other.secondOver12.value };
  }

  observe(reading: DateReading, row: number, value: string): void {
    if (reading.kind !== 'slash') return;
    this.slashDates++;
    if (reading.first > 12 && !this.firstOver12) this.firstOver12 = { row, value };
    if (reading.second > 12 && !this.secondOver12) this.secondOver12 = { row, value };
  }

  /**
   * The order the data settles: 'dmy' when some first part is over 12, 'mdy' when some second
   * part is; 'mixed' when both happen; 'ambiguous' when neither (and there are a/b/yyyy dates);
   * null when the column has none.
   */
  verdict(): DayOrder | 'mixed' | 'ambiguous' | null {
    if (this.slashDates === 0) return null;
    if (this.firstOver12 && this.secondOver12) return 'mixed';
    if (this.firstOver12) return 'dmy';
    if (this.secondOver12) return 'mdy';
    return 'ambiguous';
  }
}
