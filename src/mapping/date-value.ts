// A date cell as people write it, read as the calendar date written in it. Times and UTC
// offsets are checked for shape and then ignored: "2025-03-31T23:30:00-08:00" is 31 March.

import { cellText } from './cell-text.js';
import { civilFromDays, daysFromCivil, excelSerialTimeOfDay, excelSerialToDate, isValidDate, type CalendarDate } from '../core/calendar.js';

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

/** The packing of `quickIsoBytes`: (day number − PACKED_FROM_DAY) × SECONDS_SLOT + seconds into the day (at most 24:59:60). */
export const SECONDS_SLOT = 131072;

/**
 * Days are packed from 2000-01-01, so that a date of 1956–2044 packs into a small integer, which
 * V8 returns unboxed (from 1970 a date of today packed past 2³¹, a number allocated a row:
 * BENCHMARKS.md, issue 17, ninth session). Any other date packs the same way, only boxed.
 */
const PACKED_FROM_DAY = 10957;

/** The day number of a `quickIsoBytes` packing. */
export function packedDay(packed: number): number {
  return Math.floor(packed / SECONDS_SLOT) + PACKED_FROM_DAY;
}

/** The seconds into the day of a `quickIsoBytes` packing. */
export function packedSeconds(packed: number): number {
  return packed - Math.floor(packed / SECONDS_SLOT) * SECONDS_SLOT;
}

/**
 * The common case without regular expressions, straight from bytes: YYYY-MM-DD, optionally
 * followed by THH:MM:SS (or a space before the time) with Z or nothing, exactly filling
 * bytes[start … end). Returns the day and the seconds into it, packed (packedDay, packedSeconds), or NaN
 * for anything else (which goes the long way). The CSV counter reads dates with it, uncopied.
 */
export function quickIsoBytes(bytes: Uint8Array, start: number, end: number): number {
  const n = end - start;
  if ((n !== 10 && n !== 19 && n !== 20) || bytes[start + 4] !== 45 || bytes[start + 7] !== 45) return NaN;
  // Each digit's value, or a negative number for any other byte (OR-ed together below).
  const y0 = (bytes[start] as number) - 48, y1 = (bytes[start + 1] as number) - 48, y2 = (bytes[start + 2] as number) - 48, y3 = (bytes[start + 3] as number) - 48;
  const m0 = (bytes[start + 5] as number) - 48, m1 = (bytes[start + 6] as number) - 48, d0 = (bytes[start + 8] as number) - 48, d1 = (bytes[start + 9] as number) - 48;
  if ((y0 | y1 | y2 | y3 | m0 | m1 | d0 | d1) < 0 || y0 > 9 || y1 > 9 || y2 > 9 || y3 > 9 || m0 > 9 || m1 > 9 || d0 > 9 || d1 > 9) return NaN;
  let seconds = 0;
  if (n > 10) {
    const sep = bytes[start + 10];
    if ((sep !== 84 && sep !== 32) || bytes[start + 13] !== 58 || bytes[start + 16] !== 58 || (n === 20 && bytes[start + 19] !== 90)) return NaN;
    const h0 = (bytes[start + 11] as number) - 48, h1 = (bytes[start + 12] as number) - 48, i0 = (bytes[start + 14] as number) - 48;
    const i1 = (bytes[start + 15] as number) - 48, s0 = (bytes[start + 17] as number) - 48, s1 = (bytes[start + 18] as number) - 48;
    if ((h0 | h1 | i0 | i1 | s0 | s1) < 0 || h0 > 9 || h1 > 9 || i0 > 9 || i1 > 9 || s0 > 9 || s1 > 9) return NaN;
    const h = h0 * 10 + h1;
    const mi = i0 * 10 + i1;
    const s = s0 * 10 + s1;
    if (h > 24 || mi > 59 || s > 60) return NaN;
    seconds = h * 3600 + mi * 60 + s;
  }
  const year = y0 * 1000 + y1 * 100 + y2 * 10 + y3;
  const month = m0 * 10 + m1;
  const day = d0 * 10 + d1;
  const days = dayNumber(year, month, day);
  return Number.isNaN(days) ? NaN : (days - PACKED_FROM_DAY) * SECONDS_SLOT + seconds;
}

/**
 * Day numbers of the dates of 1900–2155 already read, as a file repeats the same few hundred:
 * slot ((year − 1900) × 13 + month) × 32 + day holds the day number + DAY_OFFSET, INVALID for
 * an impossible date, 0 when not yet known. Made on first use (416 KB).
 */
let dayCache: Int32Array | null = null;
const DAY_OFFSET = 1 << 20;
const INVALID = -1;

function validDayNumber(year: number, month: number, day: number): number {
  return isValidDate(year, month, day) ? daysFromCivil({ year, month, day }) : NaN;
}

/** The day number (days since 1970-01-01) of a date given as digits, or NaN for an impossible one. */
function dayNumber(year: number, month: number, day: number): number {
  if (year < 1900 || year >= 2156 || month > 12 || day > 31) return validDayNumber(year, month, day);
  dayCache ??= new Int32Array(256 * 13 * 32);
  const slot = ((year - 1900) * 13 + month) * 32 + day;
  let known = dayCache[slot] as number;
  if (known === 0) {
    const days = validDayNumber(year, month, day);
    known = Number.isNaN(days) ? INVALID : days + DAY_OFFSET;
    dayCache[slot] = known;
  }
  return known === INVALID ? NaN : known - DAY_OFFSET;
}

const scratch = new Uint8Array(20);

/** `quickIsoBytes` for text (the text's characters are copied as bytes; any beyond Latin-1 says no). */
function readIsoQuickly(text: string): DateReading | null {
  const n = text.length;
  if (n !== 10 && n !== 19 && n !== 20) return null;
  for (let i = 0; i < n; i++) {
    const code = text.charCodeAt(i);
    if (code > 0xff) return null;
    scratch[i] = code;
  }
  const packed = quickIsoBytes(scratch, 0, n);
  if (Number.isNaN(packed)) return null;
  return { kind: 'date', date: civilFromDays(packedDay(packed)), seconds: packedSeconds(packed) };
}

/** Reads a date cell; null when it is not a date in a supported form. */
export function readDate(cell: string | undefined): DateReading | null {
  const text = cellText(cell);
  // Every form below starts with an ASCII digit (each pattern is anchored at ^\d): a word,
  // an id such as "c1024" or a comment is not a date, decided without a regular expression.
  const first = text.charCodeAt(0);
  if (!(first >= 48 && first <= 57)) return null;
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
