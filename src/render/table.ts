// Terminal table: groups, then the overall row; colour only when the caller's chalk has it.

import type { ChalkInstance } from 'chalk';
import Table from 'cli-table3';
import type { ScoreReport } from '../report.js';
import { reportRows } from './columns.js';

export function renderTable(report: ScoreReport, color: ChalkInstance): string {
  const painter = color.level > 0 ? color : null;
  const { head, rows, overall } = reportRows(report, painter);
  const keyCount = report.keyNames.length;
  const table = new Table({
    head: head.map((h) => (painter ? painter.bold(h) : h)),
    style: { head: [], border: [] },
    // No rule between data rows: one rule under the heading is easier to read.
    chars: { mid: '', 'left-mid': '', 'mid-mid': '', 'right-mid': '' },
    colAligns: head.map((_, i) => (i < keyCount ? 'left' : 'right')),
  });
  for (const row of rows) table.push(row);
  table.push(overall.map((cell, i) => (painter && i === 0 ? painter.bold(cell) : cell)));
  return `${table.toString()}\n`;
}
