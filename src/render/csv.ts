// One CSV table: key columns first, then the Stats; the first data row is the overall row
// (its key cells are empty). Numbers unrounded; an empty cell where a value is undefined (n = 0).

import type { AnyStats } from '../core/metrics.js';
import type { Stats } from '../core/stats.js';
import type { GroupRow, MetricInfo, ScoreReport } from '../core/report.js';
import { csvLine } from '../core/csv-text.js';
import { inRuns } from './limit.js';

export { csvField, csvLine } from '../core/csv-text.js';

type NumberField = { [K in keyof Stats]-?: Stats[K] extends number | null ? K : never }[keyof Stats];
const STAT_FIELDS: NumberField[] = [
  'responses', 'promoters', 'passives', 'detractors',
  'promoterShare', 'passiveShare', 'detractorShare', 'nps', 'marginOfError',
];
/** The Stats as CSV columns: the numbers, the interval's ends, then the count of each answer 0–10. */
export const STAT_COLUMNS = [...STAT_FIELDS, 'intervalLow', 'intervalHigh', ...Array.from({ length: 11 }, (_, s) => `count${s}`)];

export function statValues(stats: Stats): (number | null)[] {
  return [...STAT_FIELDS.map((field) => stats[field]), stats.interval?.[0] ?? null, stats.interval?.[1] ?? null, ...stats.distribution];
}

const COUNTS = Array.from({ length: 11 }, (_, s) => `count${s}`);
const RATING_FIELDS = {
  csat: ['responses', 'satisfied', 'csat', 'marginOfError', 'intervalLow', 'intervalHigh', 'mean', 'meanMarginOfError'],
  ces: ['responses', 'mean', 'marginOfError', 'intervalLow', 'intervalHigh', 'easy', 'easyShare', 'easyMarginOfError'],
} as const;

/** A report's stat columns: its metric's numbers, the band and weights when it has them, the count of each answer. */
export function statColumnsFor(info: MetricInfo, sample: AnyStats): string[] {
  const base = info.name === 'nps' ? [...STAT_FIELDS, 'intervalLow', 'intervalHigh'] : [...RATING_FIELDS[info.name]];
  const optional = (['band', 'bandSettled', 'weight', 'effectiveResponses'] as const).filter((field) => sample[field] !== undefined);
  return [...base, ...optional, ...COUNTS];
}

export function statValuesFor(stats: AnyStats, columns: readonly string[]): (string | number | null)[] {
  const record = stats as unknown as Record<string, unknown>;
  return columns.map((column) => {
    if (column === 'intervalLow') return stats.interval?.[0] ?? null;
    if (column === 'intervalHigh') return stats.interval?.[1] ?? null;
    if (column.startsWith('count')) return stats.distribution[Number(column.slice(5))] ?? 0;
    const value = record[column];
    if (typeof value === 'boolean') return String(value);
    return typeof value === 'number' || typeof value === 'string' ? value : null;
  });
}

/** The CSV columns of extra fields: an interval (…Interval) is two, …Low and …High. */
export function extraColumns(names: readonly string[]): string[] {
  return names.flatMap((name) => (name.endsWith('Interval') ? [`${name.slice(0, -8)}Low`, `${name.slice(0, -8)}High`] : [name]));
}

/** The CSV cells of extra fields, in extraColumns' order. */
export function extraCells(names: readonly string[], extra: Readonly<Record<string, unknown>> | undefined): (string | number | null)[] {
  return names.flatMap((name) => {
    const value = extra?.[name];
    if (name.endsWith('Interval')) return Array.isArray(value) ? [value[0] as number, value[1] as number] : [null, null];
    return [typeof value === 'boolean' ? String(value) : typeof value === 'number' || typeof value === 'string' ? value : null];
  });
}

export function renderCsv(report: ScoreReport, context: { raw: boolean }): string {
  return [...csvPieces(report, context)].join('');
}

/**
 * The report's CSV in pieces: the heading and the overall row, then the groups ROWS_PER_PIECE at
 * a time, each group's Stats worked out as its piece is made (hundreds of thousands of groups are
 * never one string).
 */
export function* csvPieces(report: ScoreReport, context: { raw: boolean }): Generator<string> {
  const extras = report.extraNames ?? [];
  const columns = statColumnsFor(report.metric, report.overall);
  yield* csvRows(report, columns, extras, context.raw, [], csvLine([...report.keyNames, ...columns, ...extraColumns(extras)], context.raw));
}

/**
 * A report's rows under a heading of `columns` (stat columns) and `extras` (extra fields' names):
 * `heading` and its overall row (key cells empty) as one piece, then its groups a run at a time;
 * each row begins with `lead` (several metrics: the metric's name).
 */
export function* csvRows(report: ScoreReport, columns: readonly string[], extras: readonly string[], raw: boolean, lead: readonly string[] = [], heading = ''): Generator<string> {
  yield heading + csvLine([...lead, ...report.keyNames.map(() => ''), ...statValuesFor(report.overall, columns), ...extraCells(extras, undefined)], raw);
  const line = (group: GroupRow): string => csvLine([...lead, ...group.key, ...statValuesFor(group.stats, columns), ...extraCells(extras, group.extra)], raw);
  for (const run of inRuns(report.groups)) yield run.map(line).join('');
}
