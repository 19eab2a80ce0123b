// Other rating questions beside the 0–10 one: numbers on a 1–5, 1–7 or 1–10 scale, or Likert
// text ("Strongly disagree" … "Strongly agree", "Very dissatisfied" … "Very satisfied",
// "Never" … "Always") read as 1–5.

import { cellText } from './cell-text.js';
import { readWholeNumber } from './score-value.js';

const LIKERT = new Map<string, number>([
  ['strongly disagree', 1], ['disagree', 2], ['somewhat disagree', 2], ['neutral', 3], ['neither agree nor disagree', 3],
  ['neither disagree nor agree', 3], ['somewhat agree', 4], ['agree', 4], ['strongly agree', 5],
  ['very dissatisfied', 1], ['dissatisfied', 2], ['somewhat dissatisfied', 2], ['neither satisfied nor dissatisfied', 3],
  ['somewhat satisfied', 4], ['satisfied', 4], ['very satisfied', 5],
  ['very poor', 1], ['poor', 2], ['fair', 3], ['average', 3], ['good', 4], ['very good', 5], ['excellent', 5],
  ['never', 1], ['rarely', 2], ['sometimes', 3], ['often', 4], ['most of the time', 4], ['always', 5], ['all of the time', 5],
  ['not at all able', 1], ['slightly able', 2], ['moderately able', 3], ['very able', 4], ['extremely able', 5],
]);

export type RatingScale = 5 | 7 | 10;

/** A Likert label as 1–5 (case, spaces and a trailing full stop do not matter), or null. */
export function readLikert(cell: string | undefined): number | null {
  const text = cellText(cell).toLowerCase().replace(/\s+/g, ' ').replace(/\.$/, '');
  return LIKERT.get(text) ?? null;
}

/** A rating on the column's scale (numbers 1…scale, or Likert text on a 5-point scale), or null. */
export function readRating(cell: string | undefined, scale: RatingScale, likert: boolean): number | null {
  if (likert) return readLikert(cell);
  const number = readWholeNumber(cellText(cell));
  return number !== null && number >= 1 && number <= scale ? number : null;
}

export interface RatingColumnShape {
  scale: RatingScale;
  likert: boolean;
}

/**
 * Whether sampled values look like a rating question: 70% or more Likert labels (a 1–5 scale),
 * or whole numbers from 1 with at least three different values, the largest 5, 7 or 10 at
 * most. Returns the scale, or null.
 */
export function ratingShape(values: readonly string[]): RatingColumnShape | null {
  const filled = values.map(cellText).filter((v) => v !== '');
  if (filled.length < 3) return null;
  const likert = filled.filter((v) => readLikert(v) !== null).length;
  if (likert / filled.length >= 0.7) return { scale: 5, likert: true };
  const numbers = filled.map((v) => readWholeNumber(v));
  const valid = numbers.filter((n): n is number => n !== null && n >= 1);
  if (valid.length / filled.length < 0.9 || new Set(valid).size < 3) return null;
  const max = Math.max(...valid);
  const scale = ([5, 7, 10] as const).find((s) => max <= s);
  return scale === undefined ? null : { scale, likert: false };
}
