// GitHub-flavoured Markdown fit for a CI job summary: the headline, the table, the gates.

import type { ScoreReport } from '../core/report.js';
import { intervalText, reportNotes, visibleColumns } from './columns.js';
import { inRuns } from './limit.js';
import { headlineText } from '../core/format-number.js';
import { headline } from '../core/metrics.js';

const escapeCell = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function renderMarkdown(fromFile: ScoreReport): string {
  return [...markdownPieces(fromFile)].join('');
}

/**
 * The report's Markdown in pieces: the headline and the heading, then the groups' rows
 * ROWS_PER_PIECE at a time (each group made safe to print, its cells made, as its piece is),
 * then the overall row, the notes and the gates.
 */
export function* markdownPieces(fromFile: ScoreReport): Generator<string> {
  const { report, head, cellsOf, overall } = visibleColumns(fromFile, null);
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
  for (const run of inRuns(fromFile.groups)) yield run.map((group) => `${line(cellsOf(group))}\n`).join('');
  const parts = [line(bold)];
  const notes = reportNotes(report);
  if (notes.length > 0) parts.push('', ...notes.map(escapeCell));
  if (report.gates.length > 0) {
    parts.push('', ...report.gates.map((g) => `- ${g.passed ? '✅' : '❌'} ${escapeCell(g.message)}`));
  }
  yield parts.join('\n') + '\n';
}
