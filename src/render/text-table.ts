// The one look of every terminal table: a frame, no rules between rows (nor under the heading),
// one space of padding, cells aligned left or right, a cell's line breaks making the row taller.
// Colours in cells are the caller's (ANSI codes take no width).
//
// Written here rather than taken from cli-table3, which drew the same frame: its layout grows
// faster than the rows (BENCHMARKS.md, "Tables") and overflows the stack at some
// hundred thousand rows. This one measures each cell once and writes each line once.

import stringWidth from 'string-width';

export type Align = 'left' | 'right';

export interface TextTable {
  push(row: readonly string[]): void;
  /** A rule across the table before the next row (before Overall, under the groups). */
  rule(): void;
  toString(): string;
}

/** Printable ASCII: as many columns as characters (most cells), without string-width's work. */
const PLAIN = /^[\x20-\x7e]*$/;

const widthOf = (text: string): number => (PLAIN.test(text) ? text.length : stringWidth(text));

export function textTable(head: readonly string[], aligns: readonly Align[] = []): TextTable {
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
      const widths = new Array<number>(columns).fill(0);
      // First the widest line of each column; then each row written, its cells measured again
      // (cheaper than keeping every cell's lines and widths for a table of a million rows).
      for (const row of rows) {
        for (let i = 0; i < row.length; i++) {
          for (const line of (row[i] as string).split('\n')) {
            const width = widthOf(line);
            if (width > (widths[i] as number)) widths[i] = width;
          }
        }
      }
      const rule = (left: string, middle: string, right: string): string => `${left}${widths.map((w) => '─'.repeat(w + 2)).join(middle)}${right}`;
      const cellLine = (text: string, i: number): string => {
        const gap = ' '.repeat((widths[i] as number) - widthOf(text));
        return aligns[i] === 'right' ? ` ${gap}${text} │` : ` ${text}${gap} │`;
      };
      const out: string[] = [rule('┌', '┬', '┐')];
      for (const [index, row] of rows.entries()) {
        if (ruled.has(index)) out.push(rule('├', '┼', '┤'));
        if (!row.some((cell) => cell.includes('\n'))) {
          let line = '│';
          for (let i = 0; i < columns; i++) line += cellLine(row[i] ?? '', i);
          out.push(line);
          continue;
        }
        const cells = Array.from({ length: columns }, (_, i) => (row[i] ?? '').split('\n'));
        const height = cells.reduce((most, lines) => Math.max(most, lines.length), 1);
        for (let k = 0; k < height; k++) {
          let line = '│';
          for (let i = 0; i < columns; i++) line += cellLine(cells[i]?.[k] ?? '', i);
          out.push(line);
        }
      }
      out.push(rule('└', '┴', '┘'));
      return out.join('\n');
    },
  };
}
