// The columns the human-readable renderers (table, markdown) share, per metric.

import type { ChalkInstance } from 'chalk';
import type { AnyStats, CesStats, CsatStats } from '../core/metrics.js';
import type { Stats } from '../core/stats.js';
import type { GroupRow, MetricInfo, ScoreReport } from '../core/report.js';
import { headlineText, oneDecimal, percent, signedOneDecimal, countText } from '../core/format-number.js';
import { byInterval, paint } from './color.js';
import { visible } from '../core/visible.js';

/** The NPS report's columns (labelled NPS; --label renames it). */
export const STAT_HEADINGS = ['Responses', 'Promoters', 'Passives', 'Detractors', 'NPS', '95% interval'];

/** The plain NPS measure, for reports that are always NPS. */
export const NPS_INFO: MetricInfo = { name: 'nps', label: 'NPS', column: '', scale: '0-10' };

export function intervalText(interval: [number, number] | null, metric: MetricInfo['name'] = 'nps'): string {
  if (interval === null) return '–';
  if (metric === 'ces') return `${interval[0].toFixed(2)} … ${interval[1].toFixed(2)}`;
  if (metric === 'csat') return `${oneDecimal(interval[0])} … ${oneDecimal(interval[1])}%`;
  return `${signedOneDecimal(interval[0])} … ${signedOneDecimal(interval[1])}`;
}

/** Shown for an empty cell in a group key, so a blank segment is visible. */
export const BLANK_KEY = '(blank)';
export const OVERALL_LABEL = 'Overall';

/** Whether the report's rows carry a band. */
const hasBands = (report: Pick<ScoreReport, 'overall'>): boolean => report.overall.band !== undefined;

export function statHeadings(info: MetricInfo, bands: boolean): string[] {
  const band = bands ? ['Band'] : [];
  const range = (r: [number, number] | undefined): string => (r ? ` (${r[0]}–${r[1]})` : '');
  if (info.name === 'csat') return ['Responses', `Satisfied${range(info.satisfied)}`, info.label, '95% interval', 'Mean', ...band];
  if (info.name === 'ces') return ['Responses', `${info.label} (mean)`, '95% interval', `Easy${range(info.easy)}`, ...band];
  return [...STAT_HEADINGS.map((h) => (h === 'NPS' ? info.label : h)), ...band];
}

export function statCells(stats: AnyStats, info: MetricInfo, color: ChalkInstance | null, bands = false): string[] {
  // The band plain when the whole interval lies in it, dimmed when chance could put the score in the next.
  const band = bands ? [paint(stats.band ?? '–', stats.bandSettled === false ? color?.dim : undefined)] : [];
  const count = (n: number, share: number | null): string => `${countText(n)} (${percent(share)})`;
  if (info.name === 'csat') {
    const s = stats as CsatStats;
    const mean = s.mean === null ? '–' : `${s.mean.toFixed(2)}${s.meanMarginOfError === null ? '' : ` ±${s.meanMarginOfError.toFixed(2)}`}`;
    return [countText(s.responses), countText(s.satisfied), headlineText('csat', s.csat), intervalText(s.interval, 'csat'), mean, ...band];
  }
  if (info.name === 'ces') {
    const s = stats as CesStats;
    return [countText(s.responses), headlineText('ces', s.mean), intervalText(s.interval, 'ces'), count(s.easy, s.easyShare), ...band];
  }
  const s = stats as Stats;
  return [
    countText(s.responses),
    paint(count(s.promoters, s.promoterShare), color?.green),
    paint(count(s.passives, s.passiveShare), color?.yellow),
    paint(count(s.detractors, s.detractorShare), color?.red),
    // Green or red only when the interval settles the sign; dimmed when it crosses 0.
    paint(signedOneDecimal(s.nps), byInterval(color, s.interval)),
    intervalText(s.interval),
    ...band,
  ];
}

/** Rows of [key cells…, stat cells…]: the groups, then the overall row. */
export function reportRows(report: ScoreReport, color: ChalkInstance | null): { head: string[]; rows: string[][]; overall: string[] } {
  const { head, cellsOf, overall } = reportColumns(report, color);
  return { head, rows: report.groups.map(cellsOf), overall };
}

/** The headings, a group's row of cells (made when asked for), and the overall row. */
export function reportColumns(report: Omit<ScoreReport, 'groups'>, color: ChalkInstance | null): { head: string[]; cellsOf: (group: GroupRow) => string[]; overall: string[] } {
  const bands = hasBands(report);
  const headings = statHeadings(report.metric, bands);
  // The shrunk score, when there is one, right after the score it shrinks.
  const field = report.shrinkage?.field;
  const after = headings.indexOf(report.metric.label) + 1;
  const withShrunk = (cells: string[], shrunk: string): string[] => (field === undefined ? cells : [...cells.slice(0, after), shrunk, ...cells.slice(after)]);
  const shrunkText = (value: unknown): string => (typeof value === 'number' ? headlineText(report.metric.name, value) : '–');
  const head = [...report.keyNames, ...withShrunk(headings, 'Shrunk')];
  const cellsOf = (group: GroupRow): string[] => [
    ...group.key.map((value) => (value === '' ? BLANK_KEY : value)),
    ...withShrunk(statCells(group.stats, report.metric, color, bands), shrunkText(field === undefined ? null : group.extra?.[field])),
  ];
  const overallKey = report.keyNames.map((_, i) => (i === 0 ? OVERALL_LABEL : ''));
  return { head, cellsOf, overall: [...overallKey, ...withShrunk(statCells(report.overall, report.metric, color, bands), '')] };
}

/**
 * reportColumns of a report made safe to print (visible.ts) as it is written: its own fields
 * once, each group when its cells are made. The report's groups are never all copied at once.
 */
export function visibleColumns(fromFile: ScoreReport, color: ChalkInstance | null): { report: Omit<ScoreReport, 'groups'>; head: string[]; cellsOf: (group: GroupRow) => string[]; overall: string[] } {
  const report = visible({ ...fromFile, groups: [] });
  const { head, cellsOf, overall } = reportColumns(report, color);
  return { report, head, cellsOf: (group) => cellsOf(visible(group)), overall };
}

/** Lines under a table: what the report measured when it is not plain NPS, weights, the benchmark. */
export function reportNotes(report: Omit<ScoreReport, 'groups'>): string[] {
  const info = report.metric;
  const notes: string[] = [];
  if (info.name !== 'nps') {
    const top = info.name === 'csat' ? `satisfied = ${info.satisfied?.[0]}–${info.satisfied?.[1]}` : `easy = ${info.easy?.[0]}–${info.easy?.[1]}`;
    notes.push(`${info.label}: column ${JSON.stringify(info.column)}, scale ${info.scale}, ${top}`);
  }
  if (info.weight !== undefined) {
    const o = report.overall;
    notes.push(`Weighted by ${JSON.stringify(info.weight)}: Σw ${oneDecimal(o.weight ?? null)}, effective n ${oneDecimal(o.effectiveResponses ?? null)} of ${o.responses} rows`);
  }
  if (report.top && report.top.shown < report.top.of) {
    const left = report.top.of - report.top.shown;
    notes.push(`${left} more group${left === 1 ? '' : 's'} not listed (--top ${report.top.shown} of ${report.top.of}); the overall row counts them all`);
  }
  if (report.shrinkage?.pooled) {
    notes.push(`Shrunk: the groups differ no more than chance would make them, so each is shrunk all the way to the overall ${info.label} (empirical Bayes)`);
  } else if (report.shrinkage) {
    notes.push(
      `Shrunk: each group's ${info.label} pulled toward what all the groups share, by a prior worth ${oneDecimal(report.shrinkage.strength)} answers (empirical Bayes); small groups move most. Rank by it with --sort shrunk`,
    );
  }
  const b = report.benchmark;
  if (b) {
    const unit = info.name === 'ces' ? '' : ' points';
    const size = info.name === 'ces' ? Math.abs(b.difference).toFixed(2) : oneDecimal(Math.abs(b.difference));
    const side = b.difference === 0 ? 'at' : b.difference > 0 ? 'above' : 'below';
    const p = b.pValue < 0.0001 ? b.pValue.toExponential(1) : b.pValue.toFixed(4);
    const verdict = b.verdict === 'not different' ? 'not significantly different from it' : `significantly ${b.verdict} it`;
    const test = {
      exact: 'exact test',
      'adjusted-wald-z': `adjusted-Wald z = ${b.z.toFixed(2)}`,
      'agresti-coull-z': `Agresti–Coull z = ${b.z.toFixed(2)}`,
      t: `t = ${b.z.toFixed(2)}, df ${b.degreesOfFreedom ?? '–'}`,
      'bounded-z': `z = ${b.z.toFixed(2)} with the widest spread the scale allows`,
    }[b.test];
    notes.push(`Benchmark ${b.benchmark}: ${info.label} is ${size}${unit} ${side} it (${test}, p = ${p}): ${verdict} at ${Math.round((1 - b.alpha) * 1000) / 10}%`);
  }
  return notes;
}
