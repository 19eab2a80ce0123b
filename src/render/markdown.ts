// GitHub-flavoured Markdown fit for a CI job summary: the headline, the table, the gates.

import type { GroupRow, ScoreReport } from '../core/report.js';
import { intervalText, reportColumns, reportNotes } from './columns.js';
import { ROWS_PER_PIECE } from './limit.js';
import { headlineText } from '../core/format-number.js';
import { headline } from '../core/metrics.js';
import { visible } from '../core/visible.js';

const escapeCell = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function renderMarkdown(fromFile: ScoreReport): string {
  return [...markdownPieces(fromFile)].join('');
}

/**
 * The report's Markdown in pieces: the headline and the heading, then the groups' rows
 * ROWS_PER_PIECE at a time (each group made safe to print, its cells made, as its piece is), then the overall
 * row, the notes and the gates.
 */
export function* markdownPieces(fromFile: ScoreReport): Generator<string> {
  // Made safe to print: the report's own fields here, each group as its row is made.
  const report = visible({ ...fromFile, groups: [] });
  const { head, cellsOf, overall } = reportColumns(report, null);
  const keyCount = report.keyNames.length;
  const line = (cells: string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  const align = head.map((_, i) => (i < keyCount ? ':---' : '---:'));
  const bold = overall.map((cell) => (cell === '' ? '' : `**${cell}**`));
  const o = report.overall;
  const info = report.metric;
  const value = headline(info.name, o);
  const band = o.band ? `, ${o.band}` : '';
  const title = `**${info.label} ${headlineText(info.name, value)}** (95% interval ${intervalText(o.interval, info.name)}, n = ${o.responses}${band})`;
  yield [title, '', line(head), line(align)].join('\n') + '\n';
  const { groups } = fromFile;
  for (let from = 0; from < groups.length; from += ROWS_PER_PIECE) {
    let out = '';
    for (let at = from; at < Math.min(groups.length, from + ROWS_PER_PIECE); at++) out += `${line(cellsOf(visible(groups[at] as GroupRow)))}\n`;
    yield out;
  }
  const parts = [line(bold)];
  const notes = reportNotes(report);
  if (notes.length > 0) parts.push('', ...notes.map(escapeCell));
  if (report.gates.length > 0) {
    parts.push('', ...report.gates.map((g) => `- ${g.passed ? '✅' : '❌'} ${escapeCell(g.message)}`));
  }
  yield parts.join('\n') + '\n';
}
