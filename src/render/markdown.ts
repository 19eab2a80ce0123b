// GitHub-flavoured Markdown fit for a CI job summary: the headline, the table, the gates.

import type { ScoreReport } from '../report.js';
import { intervalText, reportRows } from './columns.js';
import { signedOneDecimal } from './format-number.js';

const escapeCell = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function renderMarkdown(report: ScoreReport): string {
  const { head, rows, overall } = reportRows(report, null);
  const keyCount = report.keyNames.length;
  const line = (cells: string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  const align = head.map((_, i) => (i < keyCount ? ':---' : '---:'));
  const bold = overall.map((cell) => (cell === '' ? '' : `**${cell}**`));
  const o = report.overall;
  const headline = `**NPS ${signedOneDecimal(o.nps)}** (95% interval ${intervalText(o.interval)}, n = ${o.responses})`;
  const parts = [headline, '', line(head), line(align), ...rows.map(line), line(bold)];
  if (report.gates.length > 0) {
    parts.push('', ...report.gates.map((g) => `- ${g.passed ? '✅' : '❌'} ${escapeCell(g.message)}`));
  }
  return parts.join('\n') + '\n';
}
