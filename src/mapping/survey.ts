// From a source to a survey: which table (sheet) holds the answers, where its header is,
// what its columns are called, and a first sample of data rows for detection.

import { SHEETS_SHOWN, inputError, quoteList, usageError } from '../core/errors.js';
import { openSource } from '../sources/index.js';
import type { StandardInput } from '../sources/input.js';
import type { ByteSink, RawRow, SourceInfo, SourceOptions, SourceTable } from '../sources/types.js';
import { detectScoreColumn, findColumn } from './detect-columns.js';
import { HEADER_SEARCH, detectLayout, type Column, type Layout } from './layout.js';
import type { Scale } from './score-value.js';

/** Data rows read ahead for detecting columns. */
export const SAMPLE_ROWS = 500;

export interface SurveyOptions extends SourceOptions {
  sheet?: string | undefined;
  headerRow?: number | undefined;
  /** A score column named by flag or config: a sheet qualifies when it has it. */
  score?: string | undefined;
  /** The NPS coding: with 1-11, a sheet qualifies by a column of answers 1–11 whatever its header. */
  scale?: Scale | undefined;
}

export interface SheetChoice {
  name: string;
  others: string[];
  how: 'only' | 'given' | 'detected';
  rows: number;
}

export interface Survey {
  info: SourceInfo;
  sheet: SheetChoice | null;
  layout: Layout;
  columns: Column[];
  /** The first data rows, read ahead. */
  sample: RawRow[];
  /** The data rows after the sample, in batches. */
  rest: AsyncIterable<RawRow[]>;
  /** Decode only these fields from here on (see SourceTable.project); a no-op for sources without it. */
  project: (wanted: boolean[] | null) => void;
  /** The rest of the input as bytes, once the rows read ahead are taken (see SourceTable.rawBytes); null for sources without it. */
  rawBytes: ((sink: ByteSink) => void) | null;
  /** Bytes read so far and the file's size (null for standard input). */
  progress: { bytesRead: number };
  size: number | null;
  /** A CSV file whose data can be counted in parts, from where its data rows start; else null. */
  parallel: { path: string; size: number; dataStart: number; rowsBefore: number; delimiter: number; newline: number; encoding: string; checkUtf8: boolean; unchanged: () => void } | null;
  /** Stops reading (when the rows are counted another way). */
  close: () => Promise<void>;
}

interface Prepared {
  table: SourceTable;
  layout: Layout;
  sample: RawRow[];
  rest: AsyncIterable<RawRow[]>;
  /** Stops the source's reading. */
  stop: () => Promise<void>;
  /** The header row asked for (--header-row, input.headerRow), and the last row read looking for it. */
  headerRow: number | undefined;
  lastRow: number;
}

async function prepare(table: SourceTable, headerRow: number | undefined): Promise<Prepared> {
  const iterator = table.records[Symbol.asyncIterator]();
  const buffer: RawRow[] = [];
  const limit = (): boolean =>
    buffer.length >= HEADER_SEARCH + SAMPLE_ROWS && (headerRow === undefined || (buffer.at(-1)?.row ?? 0) >= headerRow + SAMPLE_ROWS);
  while (!limit()) {
    const next = await iterator.next();
    if (next.done) break;
    buffer.push(...next.value);
  }
  const { layout, dataStart } = detectLayout(buffer, headerRow);
  // A spreadsheet leaves out a row's trailing empty cells: that is not a short row.
  const width = layout.columns.length;
  const pad = table.name === null ? (rows: RawRow[]) => rows : (rows: RawRow[]) => {
    for (const row of rows) while (row.cells.length < width) row.cells.push('');
    return rows;
  };
  // The batch that crossed the limit may hold more rows than the sample needs: they come first.
  const keep = Math.min(buffer.length, dataStart + SAMPLE_ROWS);
  const overflow = pad(buffer.slice(Math.max(keep, dataStart)));
  async function* rest(): AsyncIterable<RawRow[]> {
    if (overflow.length > 0) yield overflow;
    for (let next = await iterator.next(); !next.done; next = await iterator.next()) yield pad(next.value);
  }
  return {
    table,
    layout,
    sample: pad(buffer.slice(dataStart, keep)),
    rest: rest(),
    stop: async () => {
      await iterator.return?.();
    },
    headerRow,
    lastRow: buffer.at(-1)?.row ?? 0,
  };
}

/** Where a CSV's data rows start, when its records can be counted in parts. */
function partsOf(prepared: Prepared): Survey['parallel'] {
  const parts = prepared.table.parts;
  const lastHeader = Math.max(0, ...prepared.layout.headerRows);
  const dataStart = parts?.recordEnd(lastHeader);
  const newline = parts?.newline() ?? 0;
  if (!parts || dataStart === undefined || newline === 0) return null;
  return { path: parts.path, size: parts.size, dataStart, rowsBefore: lastHeader, delimiter: parts.delimiter, newline, encoding: parts.encoding, checkUtf8: parts.checkUtf8, unchanged: parts.unchanged };
}

/** A sheet named by --sheet: its name exactly, then ignoring case, then its position (1 = first). */
function findSheet(tables: readonly SourceTable[], wanted: string, file: string): number {
  const names = tables.map((t) => t.name ?? '');
  const exact = names.indexOf(wanted);
  if (exact >= 0) return exact;
  const loose = names.flatMap((name, i) => (name.trim().toLowerCase() === wanted.trim().toLowerCase() ? [i] : []));
  if (loose.length === 1 && loose[0] !== undefined) return loose[0];
  if (/^\d+$/.test(wanted) && Number(wanted) >= 1 && Number(wanted) <= names.length) return Number(wanted) - 1;
  throw usageError(
    `${file}: there is no sheet ${JSON.stringify(wanted)}. Sheets: ${quoteList(names, SHEETS_SHOWN)}`,
    'Pass --sheet with a sheet name or its position (1 = the first sheet).',
  );
}

/** Whether a prepared sheet holds answers: a header with a score column (detected or named). */
function holdsAnswers(prepared: Prepared, options: SurveyOptions): boolean {
  if (prepared.sample.length === 0) return false;
  const cells = prepared.sample.map((row) => row.cells);
  try {
    if (options.score !== undefined) findColumn(prepared.layout.columns, options.score, '--score', '');
    else detectScoreColumn(prepared.layout.columns, cells, '', options.scale);
    return true;
  } catch (error) {
    // Two equally good score columns still mean the sheet holds answers.
    return error instanceof Error && /columns could be the score/.test(error.message);
  }
}

function emptyTableError(file: string, prepared: Prepared, sheets: string[] | null): Error {
  const where = prepared.table.name === null ? '' : ` sheet ${JSON.stringify(prepared.table.name)}`;
  const asked = prepared.headerRow;
  if (asked !== undefined && prepared.layout.headerRows.length === 0 && prepared.lastRow > 0) {
    // Every row was read looking for it: the file ends before.
    return inputError(`${file}:${where} the header row ${asked} is past the end: the last row is ${prepared.lastRow}`, {
      hint: 'Check --header-row (or "input.headerRow" in nps.config.json): rows are numbered from 1, as a spreadsheet shows them.',
    });
  }
  const what = prepared.layout.headerRows.length === 0 ? 'is empty' : 'has a header row but no answers';
  const list = sheets ? `. Sheets: ${quoteList(sheets, SHEETS_SHOWN)}` : '';
  const hint = sheets
    ? 'Choose the sheet that holds the answers with --sheet NAME (or its position, 1 = the first).'
    : prepared.layout.headerRows.length === 0 ? 'Export the survey again with its header row and answers.' : 'Export the survey again once it has responses.';
  return inputError(`${file}:${where} ${what}${list}`, { hint });
}

export async function openSurvey(path: string, stdin: StandardInput, options: SurveyOptions): Promise<Survey> {
  const source = await openSource(path, stdin, options);
  const file = source.info.file;
  const names = source.tables.map((t) => t.name ?? '');
  const isWorkbook = source.tables.some((t) => t.name !== null);
  let chosen: Prepared;
  let how: SheetChoice['how'] = 'only';
  if (options.sheet !== undefined && isWorkbook) {
    chosen = await prepare(source.tables[findSheet(source.tables, options.sheet, file)] as SourceTable, options.headerRow);
    how = 'given';
  } else if (source.tables.length === 1) {
    chosen = await prepare(source.tables[0] as SourceTable, options.headerRow);
  } else {
    // A workbook may open on a dashboard or a pivot: take the biggest sheet that holds answers.
    const prepared = await Promise.all(source.tables.map((table) => prepare(table, options.headerRow)));
    const qualifying = prepared.filter((p) => holdsAnswers(p, options));
    qualifying.sort((a, b) => (b.table.size ?? 0) - (a.table.size ?? 0));
    const best = qualifying[0];
    // The sheets not chosen are read no further (a large one read on a thread of its own ends it).
    await Promise.all(prepared.filter((p) => p !== best).map((p) => p.stop()));
    if (!best) {
      throw inputError(`${file}: no sheet holds survey answers (a header row with a 0–10 score column). Sheets: ${quoteList(names, SHEETS_SHOWN)}`, {
        hint: 'Choose the sheet with --sheet NAME (and the column with --score if its header does not name the question).',
      });
    }
    chosen = best;
    how = 'detected';
  }
  if (chosen.sample.length === 0) throw emptyTableError(file, chosen, isWorkbook ? names : null);
  const name = chosen.table.name;
  return {
    info: source.info,
    sheet: name === null ? null : { name, others: names.filter((n) => n !== name), how, rows: chosen.table.size ?? 0 },
    layout: chosen.layout,
    columns: chosen.layout.columns,
    sample: chosen.sample,
    rest: chosen.rest,
    project: (wanted) => chosen.table.project?.(wanted),
    rawBytes: chosen.table.rawBytes ?? null,
    progress: source.progress,
    size: source.size,
    parallel: partsOf(chosen),
    close: chosen.stop,
  };
}
