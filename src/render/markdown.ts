// A GitHub-flavoured Markdown table, fit for a CI job summary.

import type { ScoreReport } from '../report.js';
import { reportRows } from './columns.js';

const escapeCell = (text: string): string => text.replace(/\\/g, '\\\\').replace(/\|/g, '\\|').replace(/\r?\n/g, ' ');

export function renderMarkdown(report: ScoreReport): string {
  const { head, rows, overall } = reportRows(report, null);
  const keyCount = report.keyNames.length;
  const line = (cells: string[]): string => `| ${cells.map(escapeCell).join(' | ')} |`;
  const align = head.map((_, i) => (i < keyCount ? ':---' : '---:'));
  const bold = overall.map((cell) => (cell === '' ? '' : `**${cell}**`));
  return [line(head), line(align), ...rows.map(line), line(bold)].join('\n') + '\n';
}
