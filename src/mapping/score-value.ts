// A score cell as people write it: "9", " 8 ", "9.0", "9,0", "10 - Extremely likely", and
// on a 1–11 coded column (a Qualtrics recode) 1 … 11 for 0 … 10.

import { cellText } from './cell-text.js';

export type ScoreReading = { kind: 'score'; score: number } | { kind: 'missing' } | { kind: 'invalid' };

export const SCALES = ['0-10', '1-11'] as const;
export type Scale = (typeof SCALES)[number];

/** End-point labels written without their number. */
const LABELS = new Map<string, number>([
  ['not at all likely', 0],
  ['extremely likely', 10],
]);

// A whole number, an optional zero fraction ("9.0", "9,00"), then optionally a label that
// starts with a letter after a separator: "10 - Extremely likely", "0 = Not at all", "10 (Very likely)".
const NUMBER_THEN_LABEL = /^([+-]?\d+)(?:[.,](\d+))?(?:(?:\s*[-–—:=(.)]\s*|\s+)(\p{L}.*))?$/su;

/** The number written in a cell (whole, 0 or more), or null: labels and fractions say no. */
export function readWholeNumber(text: string): number | null {
  const match = NUMBER_THEN_LABEL.exec(text);
  if (!match) return null;
  const [, whole = '', fraction] = match;
  if (fraction !== undefined && !/^0+$/.test(fraction)) return null;
  if (whole.startsWith('+') || whole.startsWith('-')) return whole === '-0' ? 0 : null;
  return Number(whole);
}

/** Readings shared by every cell that holds just one or two digits (the common case). */
const PLAIN_SCORES = Array.from({ length: 12 }, (_, n) => ({ kind: 'score' as const, score: n }));

export function readScore(cell: string | undefined, scale: Scale = '0-10'): ScoreReading {
  // Fast path: "0" … "11" written plainly.
  if (cell !== undefined && cell.length <= 2) {
    const a = cell.charCodeAt(0) - 48;
    const b = cell.length === 2 ? cell.charCodeAt(1) - 48 : 0;
    if (a >= 0 && a <= 9 && b >= 0 && b <= 9 && (cell.length === 1 || a === 1)) {
      const number = cell.length === 1 ? a : 10 + b;
      const score = scale === '1-11' ? number - 1 : number;
      if (score >= 0 && score <= 10) return PLAIN_SCORES[score] as ScoreReading;
      return { kind: 'invalid' };
    }
  }
  const text = cellText(cell);
  if (text === '') return { kind: 'missing' };
  const number = readWholeNumber(text);
  if (number === null) {
    const labelled = LABELS.get(text.toLowerCase().replace(/\s+/g, ' '));
    return labelled === undefined ? { kind: 'invalid' } : { kind: 'score', score: labelled };
  }
  const score = scale === '1-11' ? number - 1 : number;
  return score >= 0 && score <= 10 ? { kind: 'score', score } : { kind: 'invalid' };
}
