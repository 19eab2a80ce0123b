// Which column is the score and which the date: header words first, confirmed by the
// values in a sample of rows, so a decoy with the right word and the wrong content loses.

import { inputError, quoteList, usageError } from '../core/errors.js';
import { readDate } from './date-value.js';
import type { Column } from './layout.js';
import { readScore, readWholeNumber, type Scale } from './score-value.js';

/** Printable ASCII, tabs and line ends. */
const ASCII = /^[\t\n\r -~]*$/;

/** Lower case, camelCase split, punctuation to spaces: "LikelyToRecommend" → "likely to recommend". */
export function normalizeHeader(header: string): string {
  // The same steps for ASCII, which most headers are, without Unicode normalisation and property
  // classes: their first use costs start-up time (ICU data, compiling the classes).
  if (ASCII.test(header)) {
    return header
      .replace(/([a-z])([A-Z])/g, '$1 $2')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  }
  return header
    .normalize('NFKC')
    .replace(/(\p{Ll})(\p{Lu})/gu, '$1 $2')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** Words that name the 0–10 question, in English, the Nordic languages and a few neighbours. */
const STRONG_SCORE_WORDS =
  /\bnps\b|recommend|recommand|recomend|likelihood|how likely|rekommendera|anbefal|sannolik|sandsynlig|sannsynlig|empfehl/;
const WEAK_SCORE_WORDS = /\bscore\b/;
/** Columns derived from the score (a class, a group code) or text about it. */
const NOT_A_SCORE = /\b(group|groups|category|categories|class|classification|type|segment|bucket|label|comment|comments|reason|why|text)\b/;

const DATE_WORDS =
  /\b(date|datum|dato|time|timestamp|tidpunkt|tidspunkt|tid|day|when|submitted|completed|recorded|created|responded|answered|surveyed|start|end)\b|\bat$/;
const SURVEY_DATE_WORDS = /recorded|submitted|completed|responded|answered|survey|response/;

export interface ColumnChoice {
  index: number;
  name: string;
  detected: boolean;
}

/**
 * A column named in a flag: the header exactly, then the question text of a second header
 * row exactly, then either ignoring case and surrounding spaces (when that is unique).
 */
export function findColumn(columns: readonly Column[], name: string, flag: string, file: string): Column {
  const exact = columns.find((c) => c.name === name) ?? columns.find((c) => c.question === name);
  if (exact) return exact;
  const wanted = name.trim().toLowerCase();
  const loose = columns.filter((c) => c.name.trim().toLowerCase() === wanted || c.question?.trim().toLowerCase() === wanted);
  if (loose.length === 1 && loose[0]) return loose[0];
  const names = columns.map((c) => c.name).filter((n) => n !== '');
  throw usageError(
    `${file}: there is no column ${JSON.stringify(name)} (given with ${flag}). Columns: ${quoteList(names)}`,
    flag.startsWith('--')
      ? `Pass one of the column headers exactly as written, e.g. ${flag} ${JSON.stringify(names[0] ?? '')}`
      : `Set it to one of the column headers exactly as written, e.g. ${JSON.stringify(names[0] ?? '')} (${flag})`,
  );
}

function columnValues(sample: readonly (readonly string[])[], index: number): string[] {
  return sample.map((row) => row[index] ?? '').filter((value) => value.trim() !== '');
}

interface ScoreCandidate {
  index: number;
  rank: number;
  contentOk: boolean;
  examples: string[];
}

export interface ScoreColumnChoice extends ColumnChoice {
  /** The sampled values run 1–11 with no 0: probably a Qualtrics 1–11 recode. */
  looksOneToEleven: boolean;
  /** Chosen by its answers alone (with --scale 1-11), its header naming no question: said so. */
  byValues?: boolean;
}

/**
 * With --scale 1-11, a column whose every answer is a whole number 1–11 (a Qualtrics export
 * names it Q5): more than three values in use (not a 1–3 code), and not the row numbers 1, 2, 3 …
 * of a small file.
 */
function allOneToEleven(values: readonly string[]): boolean {
  const numbers = oneToEleven(values);
  return numbers !== null && numbers.length >= 2 && Math.max(...numbers) > 3 && !numbers.every((n, i) => n === i + 1);
}

/** The values as whole numbers when every one is 1–11, else null. */
function oneToEleven(values: readonly string[]): number[] | null {
  const numbers = values.map((value) => readWholeNumber(value.trim()));
  return numbers.every((n) => n !== null && n >= 1 && n <= 11) ? (numbers as number[]) : null;
}

/** Values 1–11 with at least one 11 and no 0: the shape of a 1–11 recode of the 0–10 question. */
export function looksOneToEleven(values: readonly string[]): boolean {
  const numbers = oneToEleven(values);
  return numbers !== null && numbers.includes(11);
}

function scoreCandidate(column: Column, sample: readonly (readonly string[])[], scale: Scale): ScoreCandidate | null {
  // The header (or column id) says what the column is; the question text may use any word.
  const name = normalizeHeader(column.name);
  if (NOT_A_SCORE.test(name)) return null;
  const words = `${name} ${normalizeHeader(column.question ?? '')}`;
  const rank = STRONG_SCORE_WORDS.test(words) ? 2 : WEAK_SCORE_WORDS.test(words) ? 1 : 0;
  if (rank === 0) return null;
  const index = column.index;
  const values = columnValues(sample, index);
  const scores = values.flatMap((value) => {
    const reading = readScore(value, scale);
    return reading.kind === 'score' ? [reading.score] : [];
  });
  // Mostly (70%+) 0–10 integers (or a 1–11 recode), and not a 1–3 style code (a group column under another name).
  const mostlyScores = values.length > 0 && (scores.length / values.length >= 0.7 || looksOneToEleven(values));
  const looksLikeCode = scores.length >= 10 && Math.max(...scores) <= 3;
  return { index, rank, contentOk: mostlyScores && !looksLikeCode, examples: [...new Set(values)].slice(0, 3) };
}

export function detectScoreColumn(
  columns: readonly Column[],
  sample: readonly (readonly string[])[],
  file: string,
  scale: Scale = '0-10',
): ScoreColumnChoice {
  const header = columns.map((c) => c.name);
  const candidates = columns.flatMap((column) => {
    const candidate = scoreCandidate(column, sample, scale);
    return candidate ? [candidate] : [];
  });
  const confirmed = candidates.filter((c) => c.contentOk);
  const best = Math.max(0, ...confirmed.map((c) => c.rank));
  const top = confirmed.filter((c) => c.rank === best);
  const first = top[0];
  if (top.length === 1 && first) {
    const values = columnValues(sample, first.index);
    return { index: first.index, name: header[first.index] ?? '', detected: true, looksOneToEleven: looksOneToEleven(values) };
  }
  if (top.length === 0 && scale === '1-11') {
    // No header names the question: the answers may, when the user said the scale is 1–11.
    const byValues = columns.filter((column) => !NOT_A_SCORE.test(normalizeHeader(column.name)) && allOneToEleven(columnValues(sample, column.index)));
    const only = byValues[0];
    if (byValues.length === 1 && only) return { index: only.index, name: only.name, detected: true, looksOneToEleven: true, byValues: true };
    if (byValues.length > 1) {
      throw inputError(`${file}: no header names the question, and ${byValues.length} columns hold only whole numbers 1–11: ${quoteList(byValues.map((c) => c.name))}.`, {
        hint: 'Choose one with --score "<column>".',
      });
    }
  }
  if (top.length > 1) {
    throw inputError(
      `${file}: ${top.length} columns could be the score: ${quoteList(top.map((c) => header[c.index] ?? ''))}.`,
      { hint: 'Choose one with --score "<column>".' },
    );
  }
  const decoys = candidates
    .map((c) => `${JSON.stringify(header[c.index])} holds ${c.examples.length ? quoteList(c.examples) : 'no values'}`)
    .join('; ');
  throw inputError(
    `${file}: no score column found: no header names the 0–10 question with values 0–10.` +
      (decoys ? ` Not a 0–10 score: ${decoys}.` : '') +
      ` Columns: ${quoteList(header.filter((h) => h !== ''))}`,
    { hint: 'Name the score column with --score "<column>".' },
  );
}

export function detectDateColumn(columns: readonly Column[], sample: readonly (readonly string[])[]): ColumnChoice | null {
  const header = columns.map((c) => c.name);
  const candidates = columns.flatMap(({ name, index }) => {
    const words = normalizeHeader(name);
    if (!DATE_WORDS.test(words)) return [];
    const values = columnValues(sample, index);
    const dates = values.filter((value) => readDate(value) !== null).length;
    if (values.length === 0 || dates / values.length < 0.8) return [];
    const rank = SURVEY_DATE_WORDS.test(words) ? 3 : /\bend\b/.test(words) ? 2 : 1;
    const coverage = sample.length > 0 ? values.length / sample.length : 0;
    return [{ index, rank, coverage }];
  });
  candidates.sort(
    (a, b) =>
      Number(b.coverage >= 0.9) - Number(a.coverage >= 0.9) ||
      b.rank - a.rank ||
      b.coverage - a.coverage ||
      a.index - b.index,
  );
  const best = candidates[0];
  return best ? { index: best.index, name: header[best.index] ?? '', detected: true } : null;
}
