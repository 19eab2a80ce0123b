// What `nps inspect` gathers from every row of a file, column by column: a ColumnProfile per
// column, the dates of the date column, the first score cells. Fed row by row on one thread,
// or per part of the file on the counting threads and added up in file order (absorb): the same
// profile either way.

import { civilFromDays, daysFromCivil, formatDate, type CalendarDate } from '../core/calendar.js';
import { ColumnProfile, type ColumnProfileData } from './column-profile.js';
import { DayOrderEvidence, readDate, resolveDate, type DateReading, type DayOrder } from './date-value.js';

/** Which columns a FileProfile reads besides all of them: the score's and the date's (null: none chosen). */
export interface FileProfileSpec {
  width: number;
  score: number | null;
  date: number | null;
  /**
   * For a part of the file: the columns already capped in the profile of the parts before it
   * (as far as known when the part was handed out). Their values are not handed back (data):
   * a capped profile keeps the values it has, whatever comes after.
   */
  settled?: boolean[];
}

/** Score cells kept for the 1–11 test (as many as the detection reads). */
export const SCORE_VALUES_KEPT = 2000;

type Evidence = Pick<DayOrderEvidence, 'slashDates' | 'firstOver12' | 'secondOver12'>;

/** A FileProfile as plain data, to send between threads. */
export interface FileProfileData {
  rows: number;
  columns: ColumnProfileData[];
  dates: { missing: number; unreadable: number; days: [string, DateReading][]; evidence: Evidence };
  scoreValues: string[];
}

/** The dates of one column over every row: blanks, unreadable cells, the distinct days, their order. */
export class DateProfile {
  missing = 0;
  unreadable = 0;
  readonly days = new Map<string, DateReading>();
  readonly evidence = new DayOrderEvidence();
  /** The day numbers `addDay` has met (each is in `days`). */
  private readonly dayNumbers = new Set<number>();

  add(cell: string, row: number): void {
    const reading = readDate(cell);
    if (cell.trim() === '') this.missing++;
    else if (!reading) this.unreadable++;
    else {
      this.evidence.observe(reading, row, cell);
      const key = reading.kind === 'date' ? formatDate(reading.date) : `${reading.first}/${reading.second}/${reading.year}`;
      if (!this.days.has(key)) this.days.set(key, reading);
    }
  }

  /** Adds a blank cell. */
  addMissing(): void {
    this.missing++;
  }

  /** Adds a cell read as day number `day` and `seconds` into it without its text (parallel/byte-profile.ts): as `add` of that cell. */
  addDay(day: number, seconds: number): void {
    if (this.dayNumbers.has(day)) return;
    this.dayNumbers.add(day);
    const date = civilFromDays(day);
    const key = formatDate(date);
    if (!this.days.has(key)) this.days.set(key, { kind: 'date', date, seconds });
  }

  /** Adds the dates of the rows after these (their row numbers move by `rowOffset`). */
  absorb(other: FileProfileData['dates'], rowOffset: number): void {
    this.missing += other.missing;
    this.unreadable += other.unreadable;
    for (const [key, reading] of other.days) if (!this.days.has(key)) this.days.set(key, reading);
    this.evidence.absorb(other.evidence, rowOffset);
  }

  data(): FileProfileData['dates'] {
    const { slashDates, firstOver12, secondOver12 } = this.evidence;
    return { missing: this.missing, unreadable: this.unreadable, days: [...this.days], evidence: { slashDates, firstOver12, secondOver12 } };
  }

  /** The first and last day, once the day order is known (none when it is not). */
  range(order: DayOrder | null): CalendarDate[] {
    const resolved = [...this.days.values()].flatMap((reading) => {
      const day = resolveDate(reading, order);
      return day ? [day] : [];
    });
    return resolved.sort((a, b) => daysFromCivil(a) - daysFromCivil(b));
  }
}

export class FileProfile {
  rows = 0;
  readonly columns: ColumnProfile[];
  readonly dates = new DateProfile();
  readonly scoreValues: string[] = [];

  constructor(readonly spec: FileProfileSpec) {
    this.columns = Array.from({ length: spec.width }, () => new ColumnProfile());
  }

  /** A data row (its number, for the day order's evidence). */
  add(cells: readonly string[], row: number): void {
    this.rows++;
    this.columns.forEach((profile, i) => profile.add(cells[i]));
    const { score, date } = this.spec;
    if (score !== null) {
      const cell = cells[score];
      if (this.scoreValues.length < SCORE_VALUES_KEPT && cell?.trim()) this.scoreValues.push(cell);
    }
    if (date !== null) this.dates.add(cells[date] ?? '', row);
  }

  data(): FileProfileData {
    return { rows: this.rows, columns: this.columns.map((profile) => profile.data()), dates: this.dates.data(), scoreValues: this.scoreValues };
  }

  /** Adds the profile of the rows after these (the next part of the file; its row numbers move by `rowOffset`). */
  absorb(other: FileProfileData, rowOffset: number): void {
    this.rows += other.rows;
    other.columns.forEach((data, i) => this.columns[i]?.absorb(data));
    this.dates.absorb(other.dates, rowOffset);
    for (const value of other.scoreValues) {
      if (this.scoreValues.length >= SCORE_VALUES_KEPT) break;
      this.scoreValues.push(value);
    }
  }
}
