// GitHub-flavoured Markdown fit for a CI job summary: the headline, the table, the gates.

import type { ScoreReport } from '../core/report.js';
import { intervalText, reportNotes, reportRows } from './columns.js';
import { headlineText } from '../core/format-number.js';
import { headline } from '../core/metrics.js';
import { visible } from '../core/visible.js';

const escapeCell = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function renderMarkdown(fromFile: ScoreReport): string {
  const report = visible(fromFile);
  const { head, rows, overall } = reportRows(report, null);
  const keyCount = report.keyNames.length;
  const line = (cells: string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  const align = head.map((_, i) => (i < keyCount ? ':---' : '---:'));
  const bold = overall.map((cell) => (cell === '' ? '' : `**${cell}**`));
  const o = report.overall;
  const info = report.metric;
  const value = headline(info.name, o);
  const band = o.band ? `, ${o.band}` : '';
  const title = `**${info.label} ${headlineText(info.name, value)}** (95% interval ${intervalText(o.interval, info.name)}, n = ${o.responses}${band})`;
  const parts = [title, '', line(head), line(align), ...rows.map(line), line(bold)];
  const notes = reportNotes(report);
  if (notes.length > 0) parts.push('', ...notes.map(escapeCell));
  if (report.gates.length > 0) {
    parts.push('', ...report.gates.map((g) => `- ${g.passed ? '✅' : '❌'} ${escapeCell(g.message)}`));
  }
  return parts.join('\n') + '\n';
}
