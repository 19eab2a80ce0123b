// A score cell as people write it: "9", " 8 ", "9.0", "9,0", "10 - Extremely likely".

import { cellText } from './cell-text.js';

export type ScoreReading = { kind: 'score'; score: number } | { kind: 'missing' } | { kind: 'invalid' };

/** End-point labels written without their number. */
const LABELS = new Map<string, number>([
  ['not at all likely', 0],
  ['extremely likely', 10],
]);

// A whole number, an optional zero fraction ("9.0", "9,00"), then optionally a label that
// starts with a letter after a separator: "10 - Extremely likely", "0 = Not at all", "10 (Very likely)".
const NUMBER_THEN_LABEL = /^([+-]?\d+)(?:[.,](\d+))?(?:(?:\s*[-–—:=(.)]\s*|\s+)(\p{L}.*))?$/su;

export function readScore(cell: string | undefined): ScoreReading {
  const text = cellText(cell);
  if (text === '') return { kind: 'missing' };
  const match = NUMBER_THEN_LABEL.exec(text);
  if (!match) {
    const labelled = LABELS.get(text.toLowerCase().replace(/\s+/g, ' '));
    return labelled === undefined ? { kind: 'invalid' } : { kind: 'score', score: labelled };
  }
  const [, whole = '', fraction] = match;
  if (fraction !== undefined && !/^0+$/.test(fraction)) return { kind: 'invalid' };
  const score = Number(whole);
  if (!Number.isInteger(score) || score < 0 || score > 10 || whole.startsWith('+')) return { kind: 'invalid' };
  return { kind: 'score', score: Object.is(score, -0) ? 0 : score };
}
