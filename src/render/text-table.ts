// The one look of every terminal table: a frame, no rules between rows (nor under the heading),
// one space of padding, cells aligned left or right, a cell's line breaks making the row taller.
// Colours in cells are the caller's (ANSI codes take no width).
//
// Written here rather than taken from cli-table3, which drew the same frame: its layout grows
// faster than the rows (BENCHMARKS.md, "Tables") and overflows the stack at some
// hundred thousand rows. This one measures each cell once and writes each line once.

import stringWidth from 'string-width';
import { withoutColor, wrapWords } from './wrap.js';

export type Align = 'left' | 'right';

export interface TextTable {
  push(row: readonly string[]): void;
  /** A rule across the table before the next row (before Overall, under the groups). */
  rule(): void;
  toString(): string;
}

/**
 * A table made to fit a terminal of `width` columns. First the columns in `giveWay` are left
 * out, in that order, until it fits (a line under the table names them); then the text
 * (left-aligned) columns are shortened, the widest first, their cells cut with "…"; when even
 * that leaves it too wide, each row is written as a record of "heading  value" lines.
 */
export interface Fit {
  width: number;
  giveWay?: readonly number[];
}

/** Printable ASCII: as many columns as characters (most cells), without string-width's work. */
const PLAIN = /^[\x20-\x7e]*$/;

const widthOf = (text: string): number => (PLAIN.test(text) ? text.length : stringWidth(text));

/** A text cut to `width` columns, ending in "…" when cut (its colour dropped then: a cut code would run on). */
export function cut(text: string, width: number): string {
  if (widthOf(text) <= width) return text;
  if (width <= 0) return '';
  let out = '';
  let used = 0;
  for (const ch of withoutColor(text)) {
    const w = widthOf(ch);
    if (used + w > width - 1) break;
    out += ch;
    used += w;
  }
  return `${out}…`;
}

/** Columns narrower than this are not shortened further: a record layout reads better. */
const NARROWEST = 6;

export function textTable(head: readonly string[], aligns: readonly Align[] = [], fit?: Fit): TextTable {
  const rows: (readonly string[])[] = [head];
  /** Rows that a rule goes above. */
  const ruled = new Set<number>();
  return {
    push(row) {
      rows.push(row);
    },
    rule() {
      ruled.add(rows.length);
    },
    toString() {
      const columns = rows.reduce((most, row) => Math.max(most, row.length), 0);
      // First the widest line of each column; then each row written, its cells measured again
      // (cheaper than keeping every cell's lines and widths for a table of a million rows).
      const widths = columnWidths(rows, new Array<number>(columns).fill(0));
      let shown = Array.from({ length: columns }, (_, i) => i);
      const left: string[] = [];
      if (fit) {
        const total = (): number => shown.reduce((sum, i) => sum + (widths[i] as number) + 3, 1);
        for (const i of fit.giveWay ?? []) {
          if (total() <= fit.width) break;
          shown = shown.filter((j) => j !== i);
          left.push(withoutColor(head[i] ?? ''));
        }
        // The widest text column gives a column at a time, down to NARROWEST (or its heading).
        while (total() > fit.width) {
          let widest = -1;
          for (const i of shown) {
            if (aligns[i] !== 'right' && (widths[i] as number) > NARROWEST && (widest < 0 || (widths[i] as number) > (widths[widest] as number))) widest = i;
          }
          if (widest < 0) break;
          widths[widest] = (widths[widest] as number) - 1;
        }
        if (total() > fit.width) return records(head, rows, ruled, fit.width);
      }
      const frame = framed(widths, aligns, shown);
      const out = lineBlocks();
      out.push(frame.top);
      for (const [index, row] of rows.entries()) {
        if (ruled.has(index)) out.push(frame.rule);
        rowLines(frame, row, columns, (line) => out.push(line));
      }
      out.push(frame.bottom);
      if (left.length > 0) out.push(wrapWords(`(left out to fit ${fit?.width} columns: ${left.join(', ')}; a wider terminal or --format csv shows them)`, fit?.width ?? 0).trimEnd());
      return out.text();
    },
  };
}

/** The widest line of each column's cells (headings included, as a row). */
export function columnWidths(rows: Iterable<readonly string[]>, widths: number[] = []): number[] {
  for (const row of rows) {
    for (let i = 0; i < row.length; i++) {
      for (const line of (row[i] as string).split('\n')) {
        const width = widthOf(line);
        if (width > (widths[i] ?? 0)) widths[i] = width;
      }
    }
  }
  return widths;
}

/**
 * The frame of a table whose columns' widths are known: its rules, and the line of a row of
 * one-line cells (a cell wider than its column cut with "…"). `shown`: the columns drawn (all).
 */
export function framed(widths: readonly number[], aligns: readonly Align[] = [], shown: readonly number[] = widths.map((_, i) => i)): { top: string; rule: string; bottom: string; line(row: readonly string[]): string } {
  const rule = (l: string, middle: string, r: string): string => `${l}${shown.map((i) => '─'.repeat((widths[i] as number) + 2)).join(middle)}${r}`;
  const cellLine = (raw: string, i: number): string => {
    const width = widths[i] as number;
    // Measured once: most cells fit, and only a cut one is measured again.
    const measured = widthOf(raw);
    const text = measured <= width ? raw : cut(raw, width);
    const gap = ' '.repeat(width - (text === raw ? measured : widthOf(text)));
    return aligns[i] === 'right' ? ` ${gap}${text} │` : ` ${text}${gap} │`;
  };
  return {
    top: rule('┌', '┬', '┐'),
    rule: rule('├', '┼', '┤'),
    bottom: rule('└', '┴', '┘'),
    line(row) {
      let line = '│';
      for (const i of shown) line += cellLine(row[i] ?? '', i);
      return line;
    },
  };
}

/** The lines of a row of `columns` cells in a frame: one, or as many as its tallest cell has (a cell's line breaks). */
export function rowLines(frame: { line(row: readonly string[]): string }, row: readonly string[], columns: number, push: (line: string) => void): void {
  if (!row.some((cell) => cell.includes('\n'))) {
    push(frame.line(row));
    return;
  }
  const cells = Array.from({ length: columns }, (_, i) => (row[i] ?? '').split('\n'));
  const height = cells.reduce((most, lines) => Math.max(most, lines.length), 1);
  for (let k = 0; k < height; k++) push(frame.line(cells.map((lines) => lines[k] ?? '')));
}

/** Each row as a record: its cells under their headings, one per line, the records apart by a rule. */
function records(head: readonly string[], rows: readonly (readonly string[])[], ruled: ReadonlySet<number>, width: number): string {
  const names = head.map(withoutColor);
  const nameWidth = Math.min(Math.max(...names.map(widthOf)), Math.floor(width / 2));
  const room = Math.max(1, width - nameWidth - 2);
  const out = lineBlocks();
  for (let index = 1; index < rows.length; index++) {
    const row = rows[index] as readonly string[];
    out.push('─'.repeat(ruled.has(index) ? width : Math.min(width, 24)));
    names.forEach((name, i) => {
      const lines = (row[i] ?? '').split('\n');
      lines.forEach((line, k) => out.push(`${(k === 0 ? cut(name, nameWidth) : '').padEnd(nameWidth)}  ${cut(line, room)}`.trimEnd()));
    });
  }
  return out.text();
}

/**
 * Lines gathered in blocks of a few thousand, each joined as it fills: a line lives only until
 * its block is joined, instead of a million of them until the end (BENCHMARKS.md, "Tables").
 */
function lineBlocks(): { push(line: string): void; text(): string } {
  const blocks: string[] = [];
  let lines: string[] = [];
  return {
    push(line) {
      lines.push(line);
      if (lines.length === 4096) {
        blocks.push(lines.join('\n'));
        lines = [];
      }
    },
    text() {
      if (lines.length > 0) blocks.push(lines.join('\n'));
      lines = [];
      return blocks.join('\n');
    },
  };
}
