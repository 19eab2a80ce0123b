// One CSV table: key columns first, then the Stats; the first data row is the overall row
// (its key cells are empty). Numbers unrounded; an empty cell where a value is undefined (n = 0).

import type { Stats } from '../core/stats.js';
import type { GroupRow, ScoreReport } from '../report.js';

type NumberField = { [K in keyof Stats]: Stats[K] extends number | null ? K : never }[keyof Stats];
const STAT_FIELDS: NumberField[] = [
  'responses', 'promoters', 'passives', 'detractors',
  'promoterShare', 'passiveShare', 'detractorShare', 'nps', 'marginOfError',
];
/** The Stats as CSV columns: the numbers, the interval's ends, then the count of each answer 0–10. */
export const STAT_COLUMNS = [...STAT_FIELDS, 'intervalLow', 'intervalHigh', ...Array.from({ length: 11 }, (_, s) => `count${s}`)];

export function statValues(stats: Stats): (number | null)[] {
  return [...STAT_FIELDS.map((field) => stats[field]), stats.interval?.[0] ?? null, stats.interval?.[1] ?? null, ...stats.distribution];
}

/** RFC 4180 quoting: only when a field holds a comma, a quote, a line break or edge spaces. */
export function csvField(value: string | number | null): string {
  const text = value === null ? '' : String(value);
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvLine(values: (string | number | null)[]): string {
  return values.map(csvField).join(',') + '\r\n';
}

export function renderCsv(report: ScoreReport): string {
  const extras = report.extraNames ?? [];
  const extraValues = (row?: GroupRow): (string | number | null)[] =>
    extras.map((name) => {
      const value = row?.extra?.[name] ?? null;
      return typeof value === 'boolean' ? String(value) : value;
    });
  let out = csvLine([...report.keyNames, ...STAT_COLUMNS, ...extras]);
  out += csvLine([...report.keyNames.map(() => ''), ...statValues(report.overall), ...extraValues()]);
  for (const group of report.groups) out += csvLine([...group.key, ...statValues(group.stats), ...extraValues(group)]);
  return out;
}
