// The follow-up list in each format. CSV and JSON keep every cell exactly as in the file.

import { columnWidths, framed, textTable } from './text-table.js';
import { csvLine } from './csv.js';
import { visibleText } from '../core/visible.js';
import { listRowText, type ListRowForm } from '../core/list-row.js';

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
  const document = listDocument(format, report.header, raw);
  const text = listRowText(format, report.header, raw);
  const rows = report.rows.map(text).join('');
  return `${document.open}${rows === '' ? '' : document.piece(rows, true).join('')}${document.close(rows === '')}`;
}

/** How the rows of a list in this format are kept until written: as written, or a table's cells. */
export function listRowForm(format: ListFormat): ListRowForm {
  return format === 'table' ? 'cells' : format;
}

/** The rows to list, too many to hold perhaps: read once for most formats, twice for a table of them all. */
export interface ListRows {
  header: string[];
  total: number;
  /** A table's rows, as cells, in their order; `last`: the last reading (what keeps them may go after it). */
  rows(last: boolean): AsyncIterable<string[]>;
  /** Any other format's rows, as listRowText wrote them (listRowForm), in UTF-8, in their order, in pieces. */
  text(last: boolean): AsyncIterable<Uint8Array>;
}

/** Rows taken at a time into one piece of a table's text (a piece is ~100 KB). */
const PIECE_ROWS = 1000;

/**
 * What goes around the rows' text (listRowText) in CSV, NDJSON and JSON: the CSV header; the
 * JSON array's "[" with its first item's "," left off, and "\n]" (or "[]" for no rows).
 */
function listDocument(format: Exclude<ListFormat, 'table'>, header: readonly string[], raw: boolean) {
  return {
    open: format === 'csv' ? csvLine([...header], raw) : '',
    /** A piece of the rows' text; the first's first byte, JSON's ",", is one byte in UTF-8 too. */
    piece: <T extends string | Uint8Array>(text: T, first: boolean): (string | T)[] => (format === 'json' && first ? ['[', text.slice(1) as T] : [text]),
    close: (none: boolean): string => (format !== 'json' ? '' : none ? '[]\n' : '\n]\n'),
  };
}

/**
 * The list as it is written, piece by piece, holding a piece at a time: CSV, JSON and NDJSON as
 * renderList writes them, byte for byte, from the rows' text as kept; a table of every row (a
 * pipe or a file: no width to fit) measured in one reading and written in a second. A table of
 * a terminal's first `limit` rows, or one made to fit a width, is laid out whole.
 */
export async function* listText(list: ListRows, format: ListFormat, raw = false, limit = 0, width?: number): AsyncGenerator<string | Uint8Array> {
  const { header, total } = list;
  if (format === 'table' && (limit > 0 || width !== undefined)) {
    const rows: string[][] = [];
    for await (const row of list.rows(true)) {
      // Under --limit the first rows are all the table shows: the rest are not read back (what
      // keeps them goes as the reading stops). Read to the end, 350,000 rows took ~1 s.
      if (limit > 0 && rows.length >= limit) break;
      rows.push(row);
    }
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
  const document = listDocument(format, header, raw);
  if (document.open !== '') yield document.open;
  let first = true;
  for await (const piece of list.text(true)) {
    if (piece.length === 0) continue;
    yield* document.piece(piece, first);
    first = false;
  }
  const close = document.close(first);
  if (close !== '') yield close;
}

const countLine = (total: number): string => `${countText(total)} row${total === 1 ? '' : 's'}\n`;

function listTable(header: readonly string[], rows: readonly (readonly string[])[], total: number, width: number | undefined): string {
  const table = textTable(header.map((cell) => shorten(visibleText(cell))), [], width === undefined ? undefined : { width });
  for (const row of rows) table.push(row.map((cell) => shorten(visibleText(cell))));
  return `${table.toString()}\n${leftOutLine(rows.length, total, 'rows') || countLine(total)}`;
}
