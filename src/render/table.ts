// Terminal table: groups, then the overall row; colour only when the caller's chalk has it.

import { columnWidths, framed, rowLines, textTable, type Align } from './text-table.js';
import type { ScoreReport } from '../core/report.js';
import { BLANK_KEY, reportNotes, reportRows, visibleColumns } from './columns.js';
import type { Stats } from '../core/stats.js';
import { renderHistogram, tensText } from './histogram.js';
import type { RenderContext } from './index.js';
import { visible, visibleText } from '../core/visible.js';
import { fitProse } from './wrap.js';
import { inRuns, leftOutLine, limited } from './limit.js';

export function renderTable(fromFile: ScoreReport, context: RenderContext): string {
  const { color, width, limit = 0 } = context;
  // Not fitted to a terminal (a pipe, a file): the same text as written in pieces.
  if (width === undefined) return [...tablePieces(fromFile, context)].join('');
  // Under --limit (a terminal) only the first groups are shown: only they are made visible (each a
  // copy with its Stats) and written as cells. 146,000 groups took ~2.5 s more for 40 rows shown.
  const report = visible({ ...fromFile, groups: [...limited(fromFile.groups, limit)] });
  const painter = color;
  const { head, rows, overall } = reportRows(report, painter);
  const keyCount = report.keyNames.length;
  // On a narrow terminal the band, then the counts, then the interval give way (the score stays).
  const giveWay = ['Band', 'Passives', 'Mean', 'Promoters', 'Detractors', 'Satisfied', 'Easy', '95% interval'].flatMap((name) => {
    const at = head.findIndex((h, i) => i >= keyCount && h.startsWith(name));
    return at < 0 ? [] : [at];
  });
  const table = textTable(boldHead(head, context), aligned(head, keyCount), { width, giveWay });
  for (const row of rows) table.push(row);
  // A rule sets the Overall row apart from the groups (none when there are no groups).
  if (rows.length > 0) table.rule();
  table.push(boldOverall(overall, keyCount, context));
  return fitProse(`${table.toString()}\n${afterTable(fromFile, report, rows.length, context)}`, width);
}

/**
 * The table renderTable writes where it is not fitted to a terminal (a pipe, a file), in pieces:
 * the columns' widths found first (each group's cells made, measured and let go), then its lines
 * ROWS_PER_PIECE groups at a time, each group's cells made again as its piece is written, then what
 * follows the table. A table of hundreds of thousands of groups is never all cells, Stats or one
 * string at once (BENCHMARKS.md, issue 17, nineteenth session).
 */
export function* tablePieces(fromFile: ScoreReport, context: RenderContext): Generator<string> {
  const groups = limited(fromFile.groups, context.limit ?? 0);
  // Made safe to print as renderTable's copy of the report is: the report's own fields, then each group.
  const { report, head, cellsOf, overall } = visibleColumns(fromFile, context.color);
  const keyCount = report.keyNames.length;
  const [headRow, overallRow] = [boldHead(head, context), boldOverall(overall, keyCount, context)];
  const columns = Math.max(headRow.length, overallRow.length);
  const widths = columnWidths([headRow, overallRow], new Array<number>(columns).fill(0));
  for (const group of groups) columnWidths([cellsOf(group)], widths);
  const frame = framed(widths, aligned(head, keyCount));
  // Every row of the same number of cells (the widest row: the heading's).
  const width = Math.max(columns, widths.length);
  let lines: string[] = [frame.top];
  const push = (line: string): void => void lines.push(line);
  rowLines(frame, headRow, width, push);
  for (const run of inRuns(groups)) {
    for (const group of run) rowLines(frame, cellsOf(group), width, push);
    yield `${lines.join('\n')}\n`;
    lines = [];
  }
  // A rule sets the Overall row apart from the groups (none when there are no groups).
  if (groups.length > 0) lines.push(frame.rule);
  rowLines(frame, overallRow, width, push);
  lines.push(frame.bottom);
  yield `${lines.join('\n')}\n${afterTable(fromFile, report, groups.length, context)}`;
}

/** Cells aligned: the key columns left, the figures right. */
const aligned = (head: readonly string[], keyCount: number): Align[] => head.map((_, i) => (i < keyCount ? 'left' : 'right'));

const boldHead = (head: readonly string[], { color }: RenderContext): string[] => head.map((h) => (color ? color.bold(h) : h));

/** The Overall label is bold; without groups there is no label, and Responses stays plain. */
const boldOverall = (overall: readonly string[], keyCount: number, { color }: RenderContext): string[] =>
  overall.map((cell, i) => (color && i === 0 && keyCount > 0 ? color.bold(cell) : cell));

/** What follows the table: the groups left out, the report's notes, and the histogram with --distribution. */
function afterTable(fromFile: ScoreReport, report: Omit<ScoreReport, 'groups'>, shown: number, { color, distribution }: RenderContext): string {
  let out = leftOutLine(shown, fromFile.groups.length, 'groups');
  for (const note of reportNotes(report)) out += `${note}\n`;
  if (distribution) {
    out += `\n${renderHistogram(report.overall, color, 'Distribution', report.metric)}`;
    if (fromFile.groups.length > 0 && report.metric.name === 'nps') {
      // Every group's, shown or not.
      const shares = fromFile.groups.map((g) => `${g.key.map((v) => visibleText(v) || BLANK_KEY).join(' / ')} ${tensText(g.stats as Stats)}`);
      out += `10s among promoters by group: ${shares.join(', ')}\n`;
    }
  }
  return out;
}
