// From a raw row to a response (score, group values, date) or a reasoned skip.

import type { SkipReason } from '../core/skips.js';
import type { RawRow } from '../sources/types.js';
import { cellText } from './cell-text.js';
import { readDate, type DateReading } from './date-value.js';
import { readValue, type ValueReader } from './metric-column.js';

export interface ColumnPlan {
  /** The measured column (the NPS score, or a CSAT/CES rating) and how its cells are read. */
  score: number;
  reader: ValueReader;
  /** The --weight column, when there is one. */
  weight: number | null;
  /** The date column, when the command uses dates. */
  date: number | null;
  /** A row without a readable date is skipped (periods, --since/--until); else its date is just unknown. */
  dateRequired: boolean;
  dims: readonly number[];
  /** Header length: rows longer than this have extra fields. */
  width: number;
}

export type RowResult =
  | { kind: 'response'; score: number; weight: number; dims: string[]; date: DateReading | null }
  | { kind: 'skip'; reason: SkipReason; value: string };


export function mapRow(row: RawRow, plan: ColumnPlan): RowResult {
  const cell = row.cells[plan.score];
  const reading = readValue(cell, plan.reader);
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
  let weight = 1;
  if (plan.weight !== null) {
    const weightCell = row.cells[plan.weight] ?? '';
    const text = cellText(weightCell);
    if (text === '') return { kind: 'skip', reason: 'missingWeight', value: weightCell };
    weight = readWeight(text);
    if (Number.isNaN(weight)) return { kind: 'skip', reason: 'invalidWeight', value: weightCell };
  }
  return { kind: 'response', score: reading.score, weight, dims: plan.dims.map((i) => cellText(row.cells[i])), date };
}

/** A weight: a number 0 or more ("1.25", "1,25", "2e-1"); NaN for anything else. */
export function readWeight(text: string): number {
  const normal = /^\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
  if (!/^(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(normal)) return NaN;
  const weight = Number(normal);
  return Number.isFinite(weight) ? weight : NaN;
}
