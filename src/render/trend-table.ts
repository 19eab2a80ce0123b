// `nps trend` for a person: the chart, its legend, what was left out, and a table of the
// same numbers with the change from the previous period.

import { textTable } from './text-table.js';
import type { ChalkInstance } from 'chalk';
import { headline, type AnyStats } from '../core/metrics.js';
import { seriesId, seriesOf, type ScoreReport } from '../core/report.js';
import type { AdjustMethod } from '../core/multiplicity.js';
import type { MetricName } from '../core/metrics.js';
import { intervalText } from './columns.js';
import { differenceText, headlineText, oneDecimal, countText } from '../core/format-number.js';
import { chartScale, renderChart, sparkline, type ChartPoint, type ChartSeries } from './trend-chart.js';
import { visible } from '../core/visible.js';
import { fitProse } from './wrap.js';
import { leftOutLine } from './limit.js';
import { byInterval, byVerdict, paint } from './color.js';

export interface TrendSeries {
  label: string;
  key: string[];
  /** One per period of the range; null where the period has no answers. */
  stats: (AnyStats | null)[];
  /** The rolling NPS per period, when asked for. */
  rolling: AnyStats[] | null;
  responses: number;
}

export interface TrendView {
  report: ScoreReport;
  periods: string[];
  series: TrendSeries[];
  leftOut: { label: string; responses: number }[];
  rolling: number | undefined;
  minResponses: number;
  alpha: number;
  adjust: AdjustMethod;
  /** The chart's width. */
  width: number;
  /** The width the tables fit (none: whole, for a pipe or a file). */
  fit?: number | undefined;
  /** The rows the table shows (--limit on a terminal; 0: all). */
  limit?: number | undefined;
  color: ChalkInstance | null;
}

const CHART_HEIGHT = 15;

type Row = ScoreReport['groups'][number];

/** What the chart needs of each period of a series: its score, interval, and marks. */
function chartSeries(view: TrendView, s: TrendSeries, rowsByKey: ReadonlyMap<string, Row>): ChartSeries {
  const metric = view.report.metric;
  const points = s.stats.map((stats, i): ChartPoint | null => {
    const value = stats && stats.responses > 0 ? headline(metric.name, stats) : null;
    if (stats === null || value === null) return null;
    const extra = rowsByKey.get(JSON.stringify([...s.key, view.periods[i]]))?.extra;
    const change = extra?.changeSignificant === true && typeof extra.change === 'number' && extra.change !== 0 ? (extra.change > 0 ? 'up' : 'down') : null;
    return { value, interval: stats.interval, thin: extra?.thin === true, change };
  });
  const rolling = view.rolling ? (s.rolling ?? []).map((r) => (r.responses > 0 ? headline(metric.name, r) : null)) : undefined;
  return { label: s.label, points, ...(rolling ? { rolling } : {}) };
}

/** The y axis of a metric: the smallest span drawn (so noise is not a cliff) and the ends of its scale. */
function axisOf(metric: ScoreReport['metric']): { minSpan: number; bounds: readonly [number, number] } {
  if (metric.name === 'nps') return { minSpan: 20, bounds: [-100, 100] };
  if (metric.name === 'csat') return { minSpan: 10, bounds: [0, 100] };
  const [low, high] = metric.scale.split('-').map(Number);
  return { minSpan: 0.5, bounds: [low ?? 1, high ?? 7] };
}

/** Several series: a row each, with a sparkline on one shared scale, the latest score and its change. */
function seriesRows(view: TrendView, all: readonly ChartSeries[], rowsByKey: ReadonlyMap<string, Row>): string {
  const { report, periods, color } = view;
  const metric = report.metric;
  const keyNames = report.keyNames.slice(0, -1);
  // The sparkline takes what the other columns leave, at least 8 periods.
  const room = Math.max(8, view.width - 62 - keyNames.length * 12);
  const first = Math.max(0, periods.length - room);
  const values = all.flatMap((s) => s.points.slice(first).flatMap((p) => (p ? [p.value] : [])));
  const { minSpan, bounds } = axisOf(metric);
  const scale = values.length > 0 ? chartScale(values, 8, minSpan, bounds) : { low: 0, high: 1 };
  const head = [...keyNames, `${periods[first] ?? ''} … ${periods.at(-1) ?? ''}`, 'latest', metric.label, '95% interval', 'change', 'n'];
  const table = textTable(head, head.map((_, i) => (i <= keyNames.length + 1 ? 'left' : 'right')), view.fit === undefined ? undefined : { width: view.fit, giveWay: [head.indexOf('95% interval')] });
  view.series.forEach((s, index) => {
    const line = sparkline((all[index]?.points ?? []).slice(first).map((p) => p?.value ?? null), scale.low, scale.high);
    const at = lastAnswered(s);
    const stats = s.stats[at] ?? null;
    const row = rowsByKey.get(JSON.stringify([...s.key, periods[at]]));
    const keys = s.key.map((v) => v || '(blank)');
    if (!stats || !row) {
      table.push([...keys, line, '–', '–', '–', '–', '0']);
      return;
    }
    const thin = row.extra?.thin === true;
    table.push([
      ...keys,
      line,
      periods[at] ?? '',
      paint(headlineText(metric.name, headline(metric.name, stats)), metric.name === 'nps' ? byInterval(color, stats.interval) : undefined),
      intervalText(stats.interval, metric.name),
      changeCell(row, metric.name, color),
      paint(`${countText(stats.responses)}${thin ? ' thin' : ''}`, thin ? color?.yellow : undefined),
    ]);
  });
  const note = first > 0 ? ` (the last ${periods.length - first} of ${periods.length} periods)` : '';
  const period = report.keyNames.at(-1) ?? 'period';
  return `${table.toString()}\nEach line: ${metric.label} per ${period}${note} on one scale, ${headlineText(metric.name, scale.low)} to ${headlineText(metric.name, scale.high)}; a gap: no answers. Latest: the last ${period} with answers.\n`;
}

/** The index of a series' last period with answers; -1 when it has none. */
export function lastAnswered(series: TrendSeries): number {
  let at = series.stats.length - 1;
  while (at >= 0 && !((series.stats[at]?.responses ?? 0) > 0)) at--;
  return at;
}

/** A period's change from the one before: green or red with a * when significant, dimmed when not. */
function changeCell(row: Row, metric: MetricName, color: ChalkInstance | null): string {
  const change = row.extra?.change;
  const significant = row.extra?.changeSignificant === true;
  return typeof change === 'number' ? paint(`${differenceText(metric, change)}${significant ? '*' : ''}`, byVerdict(color, change, significant)) : '–';
}

/** How the changes were judged as a family: "(Benjamini–Hochberg across the 4 changes judged; none next to a thin period)". */
export function familyText(report: ScoreReport, adjust: AdjustMethod): string {
  const judged = report.groups.filter((g) => g.extra?.changeSignificant === true || g.extra?.changeSignificant === false).length;
  const how = { bh: 'Benjamini–Hochberg across', holm: 'Holm across', none: 'not adjusted for' }[adjust];
  return `(${how} the ${judged} change${judged === 1 ? '' : 's'} judged; none next to a thin period)`;
}

export function renderTrendTable(fromFile: TrendView): string {
  // Only the drawn series' groups are shown, so only they are made visible (each a copy with its
  // Stats): a day trend by agent has hundreds of thousands, a table draws a few series of them
  // (at 146,000 groups, ~2.5 s of a 5 s run). The family of changes is counted over all of them.
  const drawnKeys = new Set(fromFile.series.map((s) => seriesId(s.key)));
  const groups = fromFile.report.groups.filter((group) => drawnKeys.has(seriesOf(group.key)));
  const view = visible({ ...fromFile, report: { ...fromFile.report, groups } });
  const family = familyText(fromFile.report, view.adjust);
  const { report, periods, series, leftOut, rolling, color } = view;
  const rowsByKey = new Map(report.groups.map((g) => [JSON.stringify(g.key), g]));
  const drawn = series.map((s) => chartSeries(view, s, rowsByKey));
  let out =
    drawn.length === 1 && drawn[0]
      ? renderChart(periods, drawn[0], { width: view.width, height: CHART_HEIGHT, color, signed: report.metric.name === 'nps', ...axisOf(report.metric), ...(rolling ? { rollingLabel: `rolling ${rolling}` } : {}), minResponses: view.minResponses })
      : seriesRows(view, drawn, rowsByKey);
  if (leftOut.length > 0) {
    out += `left out (smaller; --top to show more): ${leftOut.map((s) => `${s.label} (n = ${s.responses})`).join(', ')}\n`;
  }

  const keyNames = report.keyNames.slice(0, -1);
  const periodName = report.keyNames.at(-1) ?? 'period';
  const metric = report.metric;
  const head = [...keyNames, periodName, 'n', metric.label, '±MoE', '95% interval', 'change', ...(rolling ? [`rolling ${rolling}`, 'rolling interval'] : []), 'note'];
  const giveWay = ['±MoE', 'rolling interval', '95% interval'].map((name) => head.indexOf(name)).filter((at) => at >= 0);
  const table = textTable(head, head.map((_, i) => (i <= keyNames.length ? 'left' : i === head.length - 1 ? 'left' : 'right')), view.fit === undefined ? undefined : { width: view.fit, giveWay });
  // Under --limit, the latest periods of each series: in a trend they matter most.
  const limit = view.limit ?? 0;
  const kept = limit > 0 && series.length * periods.length > limit ? Math.max(1, Math.floor(limit / Math.max(1, series.length))) : periods.length;
  const from = periods.length - kept;
  for (const s of series) {
    periods.forEach((period, i) => {
      if (i < from) return;
      const row = rowsByKey.get(JSON.stringify([...s.key, period]));
      const pooled = s.rolling?.[i];
      const rollingCell = rolling
        ? pooled && pooled.responses > 0
          ? [headlineText(metric.name, headline(metric.name, pooled)), intervalText(pooled.interval, metric.name)]
          : ['–', '–']
        : [];
      if (!row) {
        table.push([...s.key, period, '0', '–', '–', '–', '–', ...rollingCell, 'no answers']);
        return;
      }
      const thin = row.extra?.thin === true ? paint(`thin (n < ${view.minResponses})`, color?.yellow) : '';
      const moe = row.stats.marginOfError === null ? '–' : `±${metric.name === 'ces' ? row.stats.marginOfError.toFixed(2) : oneDecimal(row.stats.marginOfError)}`;
      table.push([...s.key.map((v) => v || '(blank)'), period, countText(row.stats.responses), paint(headlineText(metric.name, headline(metric.name, row.stats)), metric.name === 'nps' ? byInterval(color, row.stats.interval) : undefined), moe, intervalText(row.stats.interval, metric.name), changeCell(row, metric.name, color), ...rollingCell, thin]);
    });
  }
  out += `\n${table.toString()}\n`;
  out += leftOutLine(kept, periods.length, `${periodName}s${series.length > 1 ? ' of each series' : ''}`, 'last');
  const margin = metric.name === 'ces' ? '95% margin of error (1.96 standard errors of the mean)' : 'Wald 95% margin of error';
  out += `±MoE: ${margin}; change: from the previous period with answers, * significant at ${Math.round((1 - view.alpha) * 1000) / 10}% ${family}\n`;
  return fitProse(out, view.fit);
}
