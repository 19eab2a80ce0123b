// The CSAT and CES questions beside the NPS one: their columns found by header words and
// values, their answers read (numbers, or Likert labels as 1–5), their scale decided.

import { inputError } from '../core/errors.js';
import type { RatingScaleName } from '../core/metrics.js';
import { cellText } from './cell-text.js';
import type { Column } from './layout.js';
import { readLikert } from './rating-value.js';
import { readScore, readWholeNumber, type Scale, type ScoreReading } from './score-value.js';

/** How a measured column's cells are read: the 0–10 NPS score, or a rating (1–5, 1–7, 1–10; the scale is decided after counting). */
export type ValueReader = { kind: 'nps'; scale: Scale } | { kind: 'rating' };

/** Header words (stems, lower case) that name each question, in English and the Nordic languages. */
const WORDS: Record<'csat' | 'ces', { prefixes: string[]; exact: string[] }> = {
  csat: { prefixes: ['satisf', 'nöjd', 'nojd', 'tilfreds', 'fornøyd', 'zufrieden'], exact: ['csat'] },
  ces: { prefixes: ['easy', 'easi', 'effort', 'lätt', 'enkel'], exact: ['ces', 'nem', 'nemt'] },
};

export function namesMetric(header: string, metric: 'csat' | 'ces'): boolean {
  const words = header.toLowerCase().match(/\p{L}+/gu) ?? [];
  const { prefixes, exact } = WORDS[metric];
  return words.some((word) => exact.includes(word) || prefixes.some((prefix) => word.startsWith(prefix)));
}

/** A rating cell: a Likert label (1–5) or a whole number 0–10; the scale's ends are checked once the scale is known. */
export function readValue(cell: string | undefined, reader: ValueReader): ScoreReading {
  if (reader.kind === 'nps') return readScore(cell, reader.scale);
  const text = cellText(cell);
  if (text === '') return { kind: 'missing' };
  const likert = readLikert(text);
  if (likert !== null) return { kind: 'score', score: likert };
  const number = readWholeNumber(text);
  return number !== null && number >= 0 && number <= 10 ? { kind: 'score', score: number } : { kind: 'invalid' };
}

export interface MetricColumnChoice {
  index: number;
  name: string;
  detected: boolean;
}

/** The CSAT or CES column: the one whose header names the question and whose values are ratings. */
export function detectMetricColumn(metric: 'csat' | 'ces', columns: readonly Column[], sample: readonly (readonly string[])[], file: string, exclude: number): MetricColumnChoice {
  const candidates = columns.filter((column) => {
    if (column.index === exclude || !(namesMetric(column.name, metric) || (column.question !== null && namesMetric(column.question, metric)))) return false;
    // Answers read as ratings (numbers 0–10 or Likert labels), most of the filled cells.
    const filled = sample.map((row) => row[column.index] ?? '').filter((cell) => cellText(cell) !== '');
    const read = filled.filter((cell) => readValue(cell, { kind: 'rating' }).kind === 'score').length;
    return filled.length > 0 && read / filled.length >= 0.8;
  });
  const flag = `--${metric}`;
  const first = candidates[0];
  if (candidates.length === 1 && first) return { index: first.index, name: first.name, detected: true };
  const list = (items: readonly Column[]): string => items.map((c) => JSON.stringify(c.name)).join(', ');
  if (candidates.length > 1) {
    throw inputError(`${file}: ${candidates.length} columns could be the ${metric.toUpperCase()} question: ${list(candidates)}`, { hint: `Choose one with ${flag} "<column>".` });
  }
  const words = metric === 'csat' ? 'satisfied, satisfaction, nöjd, tilfreds, fornøyd' : 'easy, effort, lätt, nem, enkel';
  throw inputError(`${file}: no ${metric.toUpperCase()} column found: no header with ${words} over rating values, among: ${list(columns)}`, {
    hint: `Name it with ${flag} "<column>".`,
  });
}

export type ScaleReason = 'given' | 'header' | 'labels' | 'values';

/** "(1–7)", "1 to 5", "1-10", "out of 7" in a header. */
function scaleInHeader(header: string): RatingScaleName | null {
  const match = /\b1\s*(?:-|\u2013|\u2014|to|till|til)\s*(5|7|10)\b/i.exec(header) ?? /\bout of (5|7|10)\b/i.exec(header);
  return match ? (`1-${match[1]}` as RatingScaleName) : null;
}

/**
 * A rating column's scale: as given; else as its header says; else 1–5 for Likert labels;
 * else the smallest of 1–5, 1–7, 1–10 that holds the largest value answered.
 */
export function decideScale(given: RatingScaleName | undefined, column: Column, distribution: readonly number[], likertSeen: boolean): { scale: RatingScaleName; reason: ScaleReason } {
  if (given) return { scale: given, reason: 'given' };
  const fromHeader = scaleInHeader(column.name) ?? (column.question ? scaleInHeader(column.question) : null);
  if (fromHeader) return { scale: fromHeader, reason: 'header' };
  if (likertSeen) return { scale: '1-5', reason: 'labels' };
  let max = 0;
  distribution.forEach((count, value) => {
    if (count > 0) max = value;
  });
  return { scale: max <= 5 ? '1-5' : max <= 7 ? '1-7' : '1-10', reason: 'values' };
}
