// Where the header is and what the rows above and below it are: title rows, and the extra
// header rows of Qualtrics (3 rows, or the legacy 2) and SurveyMonkey (2) exports.

import type { RawRow } from '../sources/types.js';

export type Vendor = 'plain' | 'qualtrics' | 'qualtrics-legacy' | 'surveymonkey';

export interface Column {
  index: number;
  /** The header as written (Qualtrics: the column id such as Q1). */
  name: string;
  /** The question text from a second header row, when the export has one. */
  question: string | null;
}

export interface Layout {
  vendor: Vendor;
  /** Row numbers of every header row (the first is the one columns are named by). */
  headerRows: number[];
  /** Row numbers of title or note rows above the header. */
  titleRows: number[];
  columns: Column[];
}

/** How many records at the top are searched for the header. */
export const HEADER_SEARCH = 30;

const filled = (row: RawRow | undefined): number => (row ? row.cells.filter((cell) => cell.trim() !== '').length : 0);
const lower = (cell: string | undefined): string => (cell ?? '').trim().toLowerCase();

/**
 * How full the rows below are, not counting a few ragged ones: the number of filled cells that
 * at least a quarter of them (and at least two) reach. A comment with unquoted commas makes one
 * row long; it must not make the real header above it look like a title.
 */
function typicalFilled(rows: readonly RawRow[]): number {
  if (rows.length === 0) return 0;
  const counts = rows.map(filled).sort((a, b) => b - a);
  const reachedBy = Math.min(counts.length, Math.max(2, Math.ceil(counts.length / 4)));
  return counts[reachedBy - 1] ?? 0;
}

/**
 * The header is the first record that is not a title: a title or note row above it has at
 * most two filled cells while the rows below it typically have more than twice as many.
 */
function findHeader(records: readonly RawRow[]): number {
  const limit = Math.min(records.length, HEADER_SEARCH);
  for (let i = 0; i < limit; i++) {
    const own = filled(records[i]);
    const below = typicalFilled(records.slice(i + 1, i + 21));
    if (own > 0 && !(own <= 2 && own * 2 < below)) return i;
  }
  return 0;
}

function isQualtricsImportIdRow(row: RawRow | undefined): boolean {
  if (!row) return false;
  const json = row.cells.filter((cell) => /^\{\s*"ImportId"\s*:/i.test(cell.trim())).length;
  return json > 0 && json >= 0.3 * filled(row);
}

function isQualtricsLegacy(header: RawRow, second: RawRow | undefined): boolean {
  const ids = second?.cells.map(lower) ?? [];
  return /^v1$/i.test(header.cells[0]?.trim() ?? '') || (ids.includes('responseid') && ids.includes('responseset'));
}

function isSurveyMonkey(second: RawRow | undefined): boolean {
  if (!second || lower(second.cells[0]) !== '') return false;
  return second.cells.some((cell) => ['response', 'open-ended response'].includes(lower(cell)));
}

export function detectLayout(records: readonly RawRow[], headerRow?: number): { layout: Layout; dataStart: number } {
  let h = headerRow === undefined ? findHeader(records) : records.findIndex((record) => record.row >= headerRow);
  if (h < 0) h = records.length;
  const header = records[h];
  const titleRows = records.slice(0, h).map((record) => record.row);
  if (!header) return { layout: { vendor: 'plain', headerRows: [], titleRows, columns: [] }, dataStart: records.length };
  const second = records[h + 1];
  const width = header.cells.length;
  const cell = (row: RawRow | undefined, i: number): string => row?.cells[i] ?? '';

  if (isQualtricsImportIdRow(records[h + 2])) {
    const columns = header.cells.map((name, index) => ({ index, name, question: cell(second, index) || null }));
    return { layout: { vendor: 'qualtrics', headerRows: [header.row, second?.row ?? 0, records[h + 2]?.row ?? 0], titleRows, columns }, dataStart: h + 3 };
  }
  if (second && isQualtricsLegacy(header, second)) {
    // Row 1 holds V1…Vn and Q ids, row 2 the names (ResponseID, StartDate) and question texts.
    const columns = header.cells.map((id, index) => {
      const text = cell(second, index);
      return { index, name: /^V\d+$/i.test(id.trim()) && text ? text : id, question: text || null };
    });
    return { layout: { vendor: 'qualtrics-legacy', headerRows: [header.row, second.row], titleRows, columns }, dataStart: h + 2 };
  }
  if (second && isSurveyMonkey(second)) {
    // A question spanning several columns names only its first; the second row names each choice.
    let question = '';
    const columns = Array.from({ length: Math.max(width, second.cells.length) }, (_, index) => {
      const own = cell(header, index).trim();
      const label = cell(second, index).trim();
      if (own) question = own;
      const name = own || (label ? `${question} - ${label}` : '');
      return { index, name, question: label || null };
    });
    return { layout: { vendor: 'surveymonkey', headerRows: [header.row, second.row], titleRows, columns }, dataStart: h + 2 };
  }
  const columns = header.cells.map((name, index) => ({ index, name, question: null }));
  return { layout: { vendor: 'plain', headerRows: [header.row], titleRows, columns }, dataStart: h + 1 };
}
