// Long tables: on a terminal the first rows, and a line saying how many there are and how to see
// them all; in a pipe or a file, written a run of rows at a time.

import { countText } from '../core/format-number.js';

/** The rows shown under `limit` (0: all). */
export const limited = <T>(rows: readonly T[], limit: number): readonly T[] => (limit > 0 && rows.length > limit ? rows.slice(0, limit) : rows);

/** The line under a table cut by --limit (the first rows shown, or the last periods); empty when nothing was left out. */
export function leftOutLine(shown: number, total: number, noun: string, which: 'first' | 'last' = 'first'): string {
  if (shown >= total) return '';
  return `the ${which} ${countText(shown)} of ${countText(total)} ${noun}; --limit 0 shows them all (a pipe or a file always gets every row)\n`;
}

/**
 * Groups in a piece of a table, CSV or Markdown written in pieces (score's): each piece is made
 * and written before the next, so hundreds of thousands of groups are never all cells, Stats or
 * one string at once. A piece of ~160–180 bytes a group stays under V8's large-object size
 * (128 KB), as a piece of JSON does (render/json.ts).
 */
export const ROWS_PER_PIECE = 500;

/** `items` in order, ROWS_PER_PIECE at a time: the runs of a report written in pieces. */
export function* inRuns<T>(items: readonly T[], size = ROWS_PER_PIECE): Generator<readonly T[]> {
  for (let from = 0; from < items.length; from += size) yield items.slice(from, from + size);
}
