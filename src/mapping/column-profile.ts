// What a column holds, gathered row by row in bounded memory: blanks, distinct values
// (counted up to a cap), samples, text length. `nps inspect` turns profiles into roles.

import { cellText } from './cell-text.js';
import { readDate } from './date-value.js';
import { normalizeHeader } from './detect-columns.js';
import type { Column } from './layout.js';

export const DISTINCT_CAP = 1000;

export class ColumnProfile {
  nonBlank = 0;
  blank = 0;
  private readonly values = new Set<string>();
  capped = false;
  withSpaces = 0;
  totalLength = 0;
  dates = 0;

  add(cell: string | undefined): void {
    const value = cellText(cell);
    if (value === '') {
      this.blank++;
      return;
    }
    this.nonBlank++;
    this.totalLength += value.length;
    if (/\s/.test(value)) this.withSpaces++;
    if (readDate(value) !== null) this.dates++;
    if (this.values.size < DISTINCT_CAP) this.values.add(value);
    else if (!this.values.has(value)) this.capped = true;
  }

  get distinct(): number {
    return this.values.size;
  }

  samples(count = 3): string[] {
    return [...this.values].slice(0, count).map((value) => (value.length > 40 ? `${value.slice(0, 39)}…` : value));
  }
}

export type Role = 'score' | 'date' | 'id' | 'comment' | 'dimension' | 'ignored';

const ID_WORDS = /\b(id|ids|uuid|guid|respondent|identifier|email|e mail)\b|^(response|record|customer|user|person|respondent)\s?id$/;
const COMMENT_WORDS = /comment|reason|why|feedback|explain|explication|kommentar|begrundelse|anledning|motivering|remark|suggest|improve|verbatim|open ended|tell us/;

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
  if (COMMENT_WORDS.test(words) || (meanLength >= 20 && profile.withSpaces >= 0.5 * profile.nonBlank && mostlyUnique)) return 'comment';
  if (unique && profile.nonBlank >= 5 && profile.withSpaces === 0) return 'id';
  if (!profile.capped && profile.distinct <= 50 && profile.distinct <= Math.max(3, profile.nonBlank / 2)) return 'dimension';
  return 'ignored';
}
