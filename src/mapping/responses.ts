// From a raw row to a response (score, group values, date) or a reasoned skip.

import type { SkipReason } from '../core/skips.js';
import type { RawRow } from '../sources/types.js';
import { cellText } from './cell-text.js';
import { readDate, type DateReading } from './date-value.js';
import { readScore, type Scale } from './score-value.js';

export interface ColumnPlan {
  score: number;
  scale: Scale;
  /** The date column, when the command uses dates. */
  date: number | null;
  /** A row without a readable date is skipped (periods, --since/--until); else its date is just unknown. */
  dateRequired: boolean;
  dims: readonly number[];
  /** Header length: rows longer than this have extra fields. */
  width: number;
}

export type RowResult =
  | { kind: 'response'; score: number; dims: string[]; date: DateReading | null }
  | { kind: 'skip'; reason: SkipReason; value: string };


export function mapRow(row: RawRow, plan: ColumnPlan): RowResult {
  const cell = row.cells[plan.score];
  const reading = readScore(cell, plan.scale);
  if (reading.kind === 'missing') return { kind: 'skip', reason: 'missing', value: cell ?? '' };
  if (reading.kind === 'invalid') return { kind: 'skip', reason: 'invalid', value: cell ?? '' };
  let date: DateReading | null = null;
  if (plan.date !== null) {
    const dateCell = row.cells[plan.date] ?? '';
    date = readDate(dateCell);
    if (date === null && plan.dateRequired) {
      return { kind: 'skip', reason: cellText(dateCell) === '' ? 'missingDate' : 'invalidDate', value: dateCell };
    }
  }
  return { kind: 'response', score: reading.score, dims: plan.dims.map((i) => cellText(row.cells[i])), date };
}
