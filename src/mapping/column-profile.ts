// What a column holds, gathered row by row in bounded memory: blanks, distinct values
// (counted up to a cap), samples, text length. `nps inspect` turns profiles into roles.

import { cellText } from './cell-text.js';
import { quickIsoBytes, readDate } from './date-value.js';
import { findColumn, normalizeHeader } from './detect-columns.js';
import type { Column } from './layout.js';
import type { Survey } from './survey.js';

export const DISTINCT_CAP = 1000;

const FACT_SPACE = 1;
const FACT_DATE = 2;

/** What a non-blank value is, as bits: FACT_SPACE when it holds white space, FACT_DATE when it reads as a date. */
function factsOf(value: string): number {
  return (/\s/.test(value) ? FACT_SPACE : 0) | (readDate(value) !== null ? FACT_DATE : 0);
}

/** factsOfBytes: the cell's text is not its bytes as they are (a byte past ASCII, a NUL, white space at an end). */
export const NOT_PLAIN = -2;
/** factsOfBytes: only the text can tell what the value is. */
const ASK_TEXT = -1;

/**
 * What factsOf says of the value in bytes[start … end) (non-empty), when its text is those bytes
 * as they are: printable ASCII (tabs and spaces inside), none at either end for cellText to
 * trim, no NUL to drop. `iso`: quickIsoBytes of the same bytes, when worked out already.
 */
export function factsOfBytes(bytes: Uint8Array, start: number, end: number, iso = NaN): number {
  const first = bytes[start] as number;
  const last = bytes[end - 1] as number;
  if (first < 0x21 || first > 0x7e || last < 0x21 || last > 0x7e) return NOT_PLAIN;
  let space = 0;
  let digits = true;
  for (let i = start; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte < 0x30 || byte > 0x39) {
      digits = false;
      if (byte === 0x20 || byte === 0x09) space = FACT_SPACE;
      else if (byte < 0x20 || byte > 0x7e) return NOT_PLAIN;
    }
  }
  // Every date form starts with a digit (readDate).
  if (first < 0x30 || first > 0x39) return space;
  if (!Number.isNaN(iso) || !Number.isNaN(quickIsoBytes(bytes, start, end))) return space | FACT_DATE;
  // Digits alone are a date only as an Excel serial (5) or Unix seconds (10): every other form has a separator.
  const length = end - start;
  if (digits && length !== 5 && length !== 10) return 0;
  return ASK_TEXT;
}

/** A ColumnProfile as plain data (ColumnProfile.data). */
export interface ColumnProfileData {
  nonBlank: number;
  blank: number;
  capped: boolean;
  withSpaces: number;
  totalLength: number;
  dates: number;
  values: [string, number][];
}

export class ColumnProfile {
  nonBlank = 0;
  blank = 0;
  /** The first DISTINCT_CAP distinct values, in the order met, each with what it is (FACT_*). */
  private readonly values = new Map<string, number>();
  capped = false;
  /** Whether values met are kept (up to DISTINCT_CAP): see keepNoValues. */
  private keeping = true;
  withSpaces = 0;
  totalLength = 0;
  dates = 0;

  /** Adds a cell; what its value is (FACT_* bits), -1 when it is blank. */
  add(cell: string | undefined): number {
    const value = cellText(cell);
    if (value === '') {
      this.blank++;
      return -1;
    }
    // A value met before is not read again: a column of a few values repeats them on every row.
    let facts = this.values.get(value);
    if (facts === undefined) this.meet(value, (facts = factsOf(value)));
    this.count(value.length, facts);
    return facts;
  }

  /**
   * Adds a non-blank value of `length` units known without its text (parallel/byte-profile.ts):
   * one met before, with what `add` said it is; or, with `isNew` once the profile is full, one
   * never met, with what factsOf would say.
   */
  addKnown(length: number, facts: number, isNew: boolean): void {
    if (isNew) this.capped = true;
    this.count(length, facts);
  }

  /** Adds a blank cell. */
  addBlank(): void {
    this.blank++;
  }

  /** True once DISTINCT_CAP values are kept: a value not among them makes the count capped. */
  get full(): boolean {
    return this.values.size >= DISTINCT_CAP;
  }

  private count(length: number, facts: number): void {
    this.nonBlank++;
    this.totalLength += length;
    if (facts & FACT_SPACE) this.withSpaces++;
    if (facts & FACT_DATE) this.dates++;
  }

  /** Plain data of the profile, to send between threads. */
  data(): ColumnProfileData {
    const { nonBlank, blank, capped, withSpaces, totalLength, dates } = this;
    return { nonBlank, blank, capped, withSpaces, totalLength, dates, values: [...this.values] };
  }

  /**
   * Adds the profile of the cells that come after these (the next part of the file): the same
   * profile as of all the cells in one pass. The values kept are the first DISTINCT_CAP met in
   * file order (these, then the other's that are new, which are among its own first
   * DISTINCT_CAP); capped when more than DISTINCT_CAP distinct values are met in all.
   */
  absorb(other: ColumnProfileData): void {
    this.nonBlank += other.nonBlank;
    this.blank += other.blank;
    this.withSpaces += other.withSpaces;
    this.totalLength += other.totalLength;
    this.dates += other.dates;
    if (other.capped) this.capped = true;
    for (const [value, facts] of other.values) if (!this.values.has(value)) this.meet(value, facts);
  }

  /** A value not met before: kept while fewer than DISTINCT_CAP are, else the count is capped. */
  private meet(value: string, facts: number): void {
    if (this.keeping && this.values.size < DISTINCT_CAP) this.values.set(value, facts);
    else this.capped = true;
  }

  /**
   * Counts from here on without keeping values, as capped: for a part of a file whose column
   * was capped before the part (parallel/byte-profile.ts), whose values nobody reads.
   */
  keepNoValues(): void {
    this.keeping = false;
    this.capped = true;
  }

  get distinct(): number {
    return this.values.size;
  }

  samples(count = 3): string[] {
    return [...this.values.keys()].slice(0, count).map((value) => (value.length > 40 ? `${value.slice(0, 39)}…` : value));
  }
}

export type Role = 'score' | 'date' | 'id' | 'comment' | 'dimension' | 'ignored';

const ID_WORDS = /\b(id|ids|uuid|guid|respondent|identifier|email|e mail)\b|^(response|record|customer|user|person|respondent)\s?id$/;
const COMMENT_WORDS =
  /\b(comments?|reasons?|why|feedback|explain|explanation|explication|kommentar(?:er)?|begrundelse|anledning|motivering|remarks?|suggestions?|improve|improvements?|verbatim|open ended|tell us|text)\b/;

/** The role of a column that is neither the score nor the date. */
export function roleOf(column: Column, profile: ColumnProfile): Exclude<Role, 'score' | 'date'> {
  if (profile.nonBlank === 0) return 'ignored';
  const words = normalizeHeader(`${column.name} ${column.question ?? ''}`);
  const unique = !profile.capped && profile.distinct === profile.nonBlank;
  const mostlyUnique = profile.capped || profile.distinct >= 0.9 * profile.nonBlank;
  if (ID_WORDS.test(normalizeHeader(column.name)) && (profile.capped || profile.distinct >= 0.5 * profile.nonBlank)) return 'id';
  // Another date or time than the one chosen (start and end times, birthdays): not a group.
  if (profile.dates >= 0.8 * profile.nonBlank) return 'ignored';
  const meanLength = profile.totalLength / profile.nonBlank;
  // Named like a comment and varied (not a 3-choice answer), or long, varied text whatever its name.
  const varied = profile.distinct >= Math.min(4, profile.nonBlank) && (profile.distinct >= 0.2 * profile.nonBlank || meanLength >= 20);
  if ((COMMENT_WORDS.test(words) && varied) || (meanLength >= 20 && profile.withSpaces >= 0.5 * profile.nonBlank && mostlyUnique)) return 'comment';
  if (unique && profile.nonBlank >= 5 && profile.withSpaces === 0) return 'id';
  if (!profile.capped && profile.distinct <= 50 && profile.distinct <= Math.max(3, profile.nonBlank / 2)) return 'dimension';
  return 'ignored';
}

/**
 * The free-text column: of the columns whose role in the sample is `comment`, the one with
 * the longest texts; null when there is none.
 */
export function detectCommentColumn(columns: readonly Column[], sample: readonly (readonly string[])[], exclude: ReadonlySet<number>): Column | null {
  let best: { column: Column; length: number } | null = null;
  for (const column of columns) {
    if (exclude.has(column.index)) continue;
    const profile = new ColumnProfile();
    for (const row of sample) profile.add(row[column.index]);
    if (roleOf(column, profile) !== 'comment') continue;
    const length = profile.nonBlank > 0 ? profile.totalLength / profile.nonBlank : 0;
    if (!best || length > best.length) best = { column, length };
  }
  return best?.column ?? null;
}

/** The comment column named by flag or config, else detected; null when there is none. */
export function commentColumn(survey: Survey, given: string | undefined, source: string, exclude: ReadonlySet<number>): Column | null {
  if (given !== undefined) return findColumn(survey.columns, given, source, survey.info.file);
  return detectCommentColumn(survey.columns, survey.sample.map((row) => row.cells), exclude);
}
