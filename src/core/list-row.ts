// One row of `nps list` as text, in the form it is written in: a CSV record, an NDJSON line, an
// item of the JSON array, or (for a table, laid out once every row is known) the cells as a line
// of JSON. Made where the row is read (on the counting threads for a large file), so what is
// kept for the list's order is the text it is written as.

import { csvLine } from './csv-text.js';
import { jsonItems } from './json-items.js';

/** How a row is kept: as written in that format, or its cells ('cells': a table's). */
export type ListRowForm = 'csv' | 'ndjson' | 'json' | 'cells';

/**
 * The text of a row (its cells under `header`). A JSON item is written as JSON.stringify of the
 * whole array writes it (indented by two) after the "," that parts it from the item before: the
 * array is "[", its items with the first one's "," left off, then "\n]".
 */
export function listRowText(form: ListRowForm, header: readonly string[], raw: boolean): (row: readonly string[]) => string {
  const object = (row: readonly string[]): object => Object.fromEntries(header.map((name, i) => [name, row[i] ?? '']));
  switch (form) {
    case 'cells':
      return (row) => `${JSON.stringify(row)}\n`;
    case 'csv':
      return (row) => csvLine([...row], raw);
    case 'ndjson':
      return (row) => `${JSON.stringify(object(row))}\n`;
    case 'json':
      return (row) => `,${jsonItems([object(row)], 1)}`;
  }
}
