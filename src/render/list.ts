// The follow-up list in each format. CSV and JSON keep every cell exactly as in the file.

import { columnWidths, framed, textTable } from './text-table.js';
import { csvLine } from './csv.js';
import { jsonItems } from './json.js';
import { visibleText } from '../core/visible.js';

import { LIST_FORMATS } from '../core/report.js';
import { countText } from '../core/format-number.js';
import { leftOutLine, limited } from './limit.js';

export { LIST_FORMATS };
export type ListFormat = (typeof LIST_FORMATS)[number];

export interface ListReport {
  /** The columns as in the file (or as chosen), then the class column. */
  header: string[];
  rows: string[][];
}

const CELL_WIDTH = 48;

function shorten(text: string): string {
  const flat = text.replace(/\s*\r?\n\s*/g, ' ⏎ ');
  return flat.length > CELL_WIDTH ? `${flat.slice(0, CELL_WIDTH - 1)}…` : flat;
}

/** `limit`: a table shows the first N rows and says how many were left out (a terminal's view; 0: all). */
export function renderList(report: ListReport, format: ListFormat, raw = false, limit = 0, width?: number): string {
  if (format === 'table') return listTable(report.header, limited(report.rows, limit), report.rows.length, width);
  let out = '';
  for (const piece of listPieces(report.header, report.rows, format, raw)) out += piece;
  return out;
}

/** The rows to list, too many to hold perhaps: read once for most formats, twice for a table of them all. */
export interface ListRows {
  header: string[];
  total: number;
  /** The rows in their order; `last`: the last reading (what keeps them may go after it). */
  rows(last: boolean): AsyncIterable<string[]>;
}

/** Rows taken at a time into one piece of text (a piece is ~100 KB). */
const PIECE_ROWS = 1000;

/**
 * The list as it is written, piece by piece, holding a piece at a time: CSV, JSON and NDJSON as
 * renderList writes them, byte for byte; a table of every row (a pipe or a file: no width to
 * fit) measured in one reading and written in a second. A table of a terminal's first `limit`
 * rows, or one made to fit a width, is laid out whole.
 */
export async function* listText(list: ListRows, format: ListFormat, raw = false, limit = 0, width?: number): AsyncGenerator<string> {
  const { header, total } = list;
  if (format === 'table' && (limit > 0 || width !== undefined)) {
    const rows: string[][] = [];
    for await (const row of list.rows(true)) if (limit === 0 || rows.length < limit) rows.push(row);
    yield listTable(header, rows, total, width);
    return;
  }
  if (format === 'table') {
    const shortened = (row: readonly string[]): string[] => row.map((cell) => shorten(visibleText(cell)));
    const widths = columnWidths([shortened(header)]);
    for await (const row of list.rows(false)) columnWidths([shortened(row)], widths);
    const frame = framed(widths);
    let piece = `${frame.top}\n${frame.line(shortened(header))}\n`;
    let rows = 0;
    for await (const row of list.rows(true)) {
      piece += `${frame.line(shortened(row))}\n`;
      if (++rows % PIECE_ROWS === 0) {
        yield piece;
        piece = '';
      }
    }
    yield `${piece}${frame.bottom}\n${countLine(total)}`;
    return;
  }
  let batch: string[][] = [];
  let first = true;
  for await (const row of list.rows(true)) {
    batch.push(row);
    if (batch.length === PIECE_ROWS) {
      yield [...listPieces(header, batch, format, raw, first, false)].join('');
      batch = [];
      first = false;
    }
  }
  yield [...listPieces(header, batch, format, raw, first, true)].join('');
}

const countLine = (total: number): string => `${countText(total)} row${total === 1 ? '' : 's'}\n`;

function listTable(header: readonly string[], rows: readonly (readonly string[])[], total: number, width: number | undefined): string {
  const table = textTable(header.map((cell) => shorten(visibleText(cell))), [], width === undefined ? undefined : { width });
  for (const row of rows) table.push(row.map((cell) => shorten(visibleText(cell))));
  return `${table.toString()}\n${leftOutLine(rows.length, total, 'rows') || countLine(total)}`;
}

/**
 * Some of the rows in CSV, JSON or NDJSON: those of the list's start (`first`: with the CSV
 * header, JSON's "["), its end (`last`: JSON's "]"), or both. Each JSON object is written as
 * JSON.stringify of the whole array writes it (indented by two).
 */
function* listPieces(header: readonly string[], rows: readonly (readonly string[])[], format: Exclude<ListFormat, 'table'>, raw: boolean, first = true, last = true): Generator<string> {
  const object = (row: readonly string[]): object => Object.fromEntries(header.map((name, i) => [name, row[i] ?? '']));
  switch (format) {
    case 'csv':
      if (first) yield csvLine([...header], raw);
      for (const row of rows) yield csvLine([...row], raw);
      return;
    case 'ndjson':
      for (const row of rows) yield `${JSON.stringify(object(row))}\n`;
      return;
    case 'json': {
      // "[]" when there are no rows at all; else "[", the objects (jsonItems), then "\n]".
      if (rows.length > 0) yield `${first ? '[' : ','}${jsonItems(rows.map(object), 1)}`;
      if (last) yield first && rows.length === 0 ? '[]\n' : '\n]\n';
    }
  }
}
