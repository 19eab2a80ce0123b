// From a raw row to a response (score, group values, date) or a reasoned skip.

import type { SkipReason } from '../core/skips.js';
import type { RawRow } from '../sources/types.js';
import { cellText } from './cell-text.js';
import { readDate, type DateReading } from './date-value.js';
import { readScore } from './score-value.js';

export interface ColumnPlan {
  score: number;
  /** Only set when the command needs dates (a period). */
  date: number | null;
  dims: readonly number[];
  /** Header length: rows longer than this have extra fields. */
  width: number;
}

export type RowResult =
  | { kind: 'response'; score: number; dims: string[]; date: DateReading | null }
  | { kind: 'skip'; reason: SkipReason; value: string };


export function mapRow(row: RawRow, plan: ColumnPlan): RowResult {
  const cell = row.cells[plan.score];
  const reading = readScore(cell);
  if (reading.kind === 'missing') return { kind: 'skip', reason: 'missing', value: cell ?? '' };
  if (reading.kind === 'invalid') return { kind: 'skip', reason: 'invalid', value: cell ?? '' };
  let date: DateReading | null = null;
  if (plan.date !== null) {
    const dateCell = row.cells[plan.date] ?? '';
    if (dateCell.trim() === '') return { kind: 'skip', reason: 'missingDate', value: dateCell };
    date = readDate(dateCell);
    if (date === null) return { kind: 'skip', reason: 'invalidDate', value: dateCell };
  }
  return { kind: 'response', score: reading.score, dims: plan.dims.map((i) => cellText(row.cells[i])), date };
}
