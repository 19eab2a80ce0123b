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
  switch (form) {
    case 'cells':
      return (row) => `${JSON.stringify(row)}\n`;
    case 'csv':
      return (row) => csvLine([...row], raw);
    case 'ndjson': {
      const write = membersText(header, ':', ',');
      return (row) => `{${write(row)}}\n`;
    }
    case 'json': {
      if (header.length === 0) return () => `,${jsonItems([{}], 1)}`;
      const write = membersText(header, ': ', ',\n    ');
      return (row) => `,\n  {\n    ${write(row)}\n  }`;
    }
  }
}

/** What JSON.stringify escapes in a string: a quote, a backslash, a control character, a surrogate (lone ones are escaped). */
// eslint-disable-next-line no-control-regex -- the control characters are what is looked for
const ESCAPED = /["\\\u0000-\u001f\ud800-\udfff]/;

/**
 * A row's members (members below) written apart by `between`: a cell with nothing to escape is
 * its text in quotes, as JSON.stringify writes it; any other is JSON.stringify's.
 */
function membersText(header: readonly string[], colon: string, between: string): (row: readonly string[]) => string {
  const fields = members(header, colon);
  return (row) => {
    let text = '';
    for (let k = 0; k < fields.length; k++) {
      const { name, at } = fields[k] as { name: string; at: number };
      const cell = row[at] ?? '';
      text += `${k === 0 ? '' : between}${name}${ESCAPED.test(cell) ? JSON.stringify(cell) : `"${cell}"`}`;
    }
    return text;
  };
}

/**
 * A row's members as JSON.stringify writes the object Object.fromEntries makes of its (name,
 * cell) pairs: names that are array indices first, ascending, then the rest as first met; a name
 * met twice keeps its first place and its last cell. Each name is written once here (quoted,
 * with `colon`), and a row's cells put after them: making that object per row and writing it took
 * most of a JSON or NDJSON list's time (BENCHMARKS.md, issue 17, twenty-second session).
 */
function members(header: readonly string[], colon: string): { name: string; at: number }[] {
  const last = new Map<string, number>();
  header.forEach((name, i) => last.set(name, i));
  return Object.keys(Object.fromEntries(header.map((name) => [name, '']))).map((name) => ({ name: `${JSON.stringify(name)}${colon}`, at: last.get(name) as number }));
}
