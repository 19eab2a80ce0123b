// `nps inspect` for a person: what was sniffed and detected, each column's role, the
// score distribution as bars, and the date range.

import { textTable } from './text-table.js';
import { fitProse } from './wrap.js';
import type { InspectReport } from '../core/report.js';
import { signedOneDecimal } from '../core/format-number.js';
import { visible } from '../core/visible.js';
import { SHEETS_SHOWN, quoteList } from '../core/errors.js';

const VENDORS: Record<string, string> = {
  plain: 'one header row',
  qualtrics: 'Qualtrics export: 3 header rows (ids, question texts, ImportId)',
  'qualtrics-legacy': 'legacy Qualtrics export: 2 header rows (V ids, question texts)',
  surveymonkey: 'SurveyMonkey export: 2 header rows (questions, Response / choice labels)',
};

const DELIMITER_NAMES: Record<string, string> = { ',': 'comma', ';': 'semicolon', '\t': 'tab', '|': 'pipe' };

function line(label: string, value: string): string {
  return `${label.padEnd(10)} ${value}\n`;
}

export function renderInspectTable(fromFile: InspectReport, width?: number): string {
  const report = visible(fromFile);
  let out = line('File', report.file);
  const encoding = report.encoding
    ? `, ${report.encoding}${report.bom ? ' with BOM' : ''} (${report.encodingReason})`
    : '';
  const delimiter = report.delimiter ? `, delimiter ${DELIMITER_NAMES[report.delimiter] ?? report.delimiter} (${report.delimiterReason})` : '';
  out += line('Format', `${report.format}${encoding}${delimiter}`);
  if (report.sheet) {
    const others = report.sheet.others.length ? `; other sheets: ${quoteList(report.sheet.others, SHEETS_SHOWN)}` : '';
    out += line('Sheet', `${JSON.stringify(report.sheet.name)} (${report.sheet.how})${others}`);
  }
  const titles = report.layout.titleRows.length ? `; title rows ${report.layout.titleRows.join(', ')} above it` : '';
  out += line('Header', `row${report.layout.headerRows.length > 1 ? 's' : ''} ${report.layout.headerRows.join(', ')}: ${VENDORS[report.layout.vendor]}${titles}`);
  out += line('Rows', `${report.rows} data rows`);

  const score = report.score;
  if (score.column) {
    const question = score.question ? ` — ${score.question}` : '';
    out += line('Score', `${JSON.stringify(score.column)}${question} (${score.detected ? 'detected' : 'given'}; scale ${score.scale})`);
    out += line('', `${score.responses} answers, ${score.missing} missing, ${score.invalid} invalid; NPS ${signedOneDecimal(score.nps)}`);
    if (score.looksOneToEleven) out += line('', 'values run 1–11 with no 0: a 1–11 recode? --scale 1-11 reads 1 as 0 and 11 as 10');
  } else {
    out += line('Score', `none: ${score.problem ?? 'not found'}`);
  }
  const date = report.date;
  if (date.column) {
    const range = date.first ? `${date.first} … ${date.last}` : date.dayOrder === 'ambiguous' ? 'day/month order undecided (--date-format)' : date.dayOrder === 'mixed' ? 'both day-first and month-first dates (--date-format)' : 'no readable dates';
    const order = date.dayOrder === 'dmy' || date.dayOrder === 'mdy' ? `; a/b/yyyy read as ${date.dayOrder}` : '';
    out += line('Date', `${JSON.stringify(date.column)} (${date.detected ? 'detected' : 'given'}): ${range}${order}; ${date.missing} blank, ${date.unreadable} unreadable`);
  } else {
    out += line('Date', 'none found');
  }

  const table = textTable(['#', 'Column', 'Role', 'Distinct', 'Blank', 'Sample values'], ['right', 'left', 'left', 'right', 'right', 'left'], width === undefined ? undefined : { width });
  for (const column of report.columns) {
    const name = column.name.length > 40 ? `${column.name.slice(0, 39)}…` : column.name;
    table.push([
      String(column.index + 1),
      name || '(no header)',
      column.role,
      `${column.distinct}${column.distinctCapped ? '+' : ''}`,
      String(column.blank),
      column.samples.map((s) => JSON.stringify(s)).join(', '),
    ]);
  }
  out += `\n${table.toString()}\n`;

  if (score.column) {
    const max = Math.max(1, ...score.distribution);
    out += `\nScore distribution (${JSON.stringify(score.column)})\n`;
    score.distribution.forEach((count, value) => {
      const bar = '█'.repeat(Math.round((count / max) * 40));
      out += `${String(value).padStart(3)} │ ${bar}${bar ? ' ' : ''}${count}\n`;
    });
  }
  return fitProse(out, width);
}
