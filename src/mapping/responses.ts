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

/** Exact powers of ten: 10^k for k = 0…22 is a double without rounding. */
const POWERS_OF_TEN = Array.from({ length: 23 }, (_, k) => 10 ** k);

/**
 * The common weight straight from bytes: digits with at most one point ("1.25", "2", ".5",
 * "3."), at most 15 digits in all, exactly filling bytes[start … end). Returns what
 * readWeight gives for the same text, or NaN for anything else (which goes the long way).
 * Exact by construction: the digits make a whole number below 2^53 and 10^k (k ≤ 15) is
 * exact, so their quotient is the one correctly rounded double, as Number(text) is.
 */
export function quickWeightBytes(bytes: Uint8Array, start: number, end: number): number {
  let whole = 0;
  let digits = 0;
  let point = -1;
  for (let i = start; i < end; i++) {
    const digit = (bytes[i] as number) - 48;
    if (digit >= 0 && digit <= 9) {
      whole = whole * 10 + digit;
      digits++;
    } else if (digit === -2 && point < 0) point = i;
    else return NaN;
  }
  if (digits === 0 || digits > 15) return NaN;
  return point < 0 ? whole : whole / (POWERS_OF_TEN[end - point - 1] as number);
}

/** A weight: a number 0 or more ("1.25", "1,25", "2e-1"); NaN for anything else. */
export function readWeight(text: string): number {
  const normal = /^\d+,\d+$/.test(text) ? text.replace(',', '.') : text;
  if (!/^(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?$/i.test(normal)) return NaN;
  const weight = Number(normal);
  return Number.isFinite(weight) ? weight : NaN;
}
