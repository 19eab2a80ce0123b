// The follow-up list in each format. CSV and JSON keep every cell exactly as in the file.

import { textTable } from './text-table.js';
import { csvLine } from './csv.js';
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
  const objects = (): object[] => report.rows.map((row) => Object.fromEntries(report.header.map((name, i) => [name, row[i] ?? ''])));
  switch (format) {
    case 'csv':
      return csvLine(report.header, raw) + report.rows.map((row) => csvLine(row, raw)).join('');
    case 'json':
      return `${JSON.stringify(objects(), null, 2)}\n`;
    case 'ndjson':
      return objects().map((o) => `${JSON.stringify(o)}\n`).join('');
    case 'table': {
      const table = textTable(report.header.map((cell) => shorten(visibleText(cell))), [], width === undefined ? undefined : { width });
      const shown = limited(report.rows, limit);
      for (const row of shown) table.push(row.map((cell) => shorten(visibleText(cell))));
      const total = report.rows.length;
      return `${table.toString()}\n${leftOutLine(shown.length, total, 'rows') || `${countText(total)} row${total === 1 ? '' : 's'}\n`}`;
    }
  }
}
