// One CSV table: key columns first, then the Stats; the first data row is the overall row
// (its key cells are empty). Numbers unrounded; an empty cell where a value is undefined (n = 0).

import type { Stats } from '../core/stats.js';
import type { ScoreReport } from '../report.js';

const STAT_FIELDS: (keyof Stats)[] = [
  'responses', 'promoters', 'passives', 'detractors',
  'promoterShare', 'passiveShare', 'detractorShare', 'nps', 'marginOfError',
];

/** RFC 4180 quoting: only when a field holds a comma, a quote, a line break or edge spaces. */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: (string | number | null)[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

export function renderCsv(report: ScoreReport): string {
  const stats = (s: Stats): (number | null)[] => STAT_FIELDS.map((field) => s[field]);
  let out = csvLine([...report.keyNames, ...STAT_FIELDS]);
  out += csvLine([...report.keyNames.map(() => ''), ...stats(report.overall)]);
  for (const group of report.groups) out += csvLine([...group.key, ...stats(group.stats)]);
  return out;
}
