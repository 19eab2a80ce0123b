// What a command may read of a survey beyond the answers counted for it: other columns by name,
// the comment column, other rating questions, and cells as text. Commands reach the rows only
// through the pipeline (a collector hears each counted answer with its row); this is what they
// may do with them, so that mapping/ stays behind the pipeline.

import { usageError } from '../core/errors.js';
import { cellText } from '../mapping/cell-text.js';
import { commentColumn } from '../mapping/column-profile.js';
import { findColumn as findIn, normalizeHeader } from '../mapping/detect-columns.js';
import type { Column } from '../mapping/layout.js';
import { ratingShape, readRating, type RatingColumnShape } from '../mapping/rating-value.js';
import type { Survey } from '../mapping/survey.js';

export type { Column, RatingColumnShape, Survey };
export { cellText, commentColumn, readRating };
export { LIST_BUCKETS } from '../mapping/gather.js';

/** The column named `name` (`said`: the flag or config key that named it, for messages). */
export function findColumn(survey: Survey, name: string, said: string): Column {
  return findIn(survey.columns, name, said, survey.info.file);
}

/** The columns worth showing: those with a header or any value in the rows read ahead. */
export function shownColumns(survey: Survey): Column[] {
  return survey.columns.filter((c) => c.name !== '' || survey.sample.some((r) => cellText(r.cells[c.index]) !== ''));
}

/** Headers that name something other than a rating even when the values run 1–5 or 1–10. */
const NOT_A_RATING = /\b(id|ids|group|class|type|segment|code|month|quarter|year|week|day|date|time|age|count|number|visits|sessions|messages|complaints)\b/;

/** Other rating questions: named with --ratings, else detected among the columns not otherwise used. */
export function ratingColumns(survey: Survey, names: readonly string[] | undefined, used: ReadonlySet<number>): { column: Column; shape: RatingColumnShape }[] {
  const values = (column: Column): string[] => survey.sample.map((row) => row.cells[column.index] ?? '');
  if (names !== undefined) {
    return names.map((name) => {
      const column = findColumn(survey, name, '--ratings');
      const shape = ratingShape(values(column));
      if (!shape) {
        throw usageError(`${survey.info.file}: column ${JSON.stringify(column.name)} (--ratings) is not a rating: its values are not 1–5, 1–7 or 1–10, nor Likert labels`);
      }
      return { column, shape };
    });
  }
  return survey.columns.flatMap((column) => {
    if (used.has(column.index) || NOT_A_RATING.test(normalizeHeader(column.name))) return [];
    const filled = values(column).filter((v) => v.trim() !== '');
    if (filled.length < 10) return [];
    const shape = ratingShape(filled);
    return shape ? [{ column, shape }] : [];
  });
}
