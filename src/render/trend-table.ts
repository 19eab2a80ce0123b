// `nps trend` for a person: the chart, its legend, what was left out, and a table of the
// same numbers with the change from the previous period.

import { textTable } from './text-table.js';
import type { ChalkInstance } from 'chalk';
import { headline, type AnyStats } from '../core/metrics.js';
import type { ScoreReport } from '../core/report.js';
import type { AdjustMethod } from '../core/multiplicity.js';
import { intervalText } from './columns.js';
import { differenceText, headlineText, oneDecimal, countText } from '../core/format-number.js';
import { renderChart, renderLegend, type ChartSeries } from './trend-chart.js';
import { visible } from '../core/visible.js';
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
  width: number;
  color: ChalkInstance | null;
}

const CHART_HEIGHT = 12;

function chartSeries(view: TrendView): ChartSeries[] {
  const { series, rolling } = view;
  const metric = view.report.metric;
  const npsOf = (s: AnyStats | null): number | null => (s && s.responses > 0 ? headline(metric.name, s) : null);
  if (!rolling) return series.map((s) => ({ label: s.label, values: s.stats.map(npsOf) }));
  // One series: the NPS and its rolling line; several: the rolling lines only (they are smoother).
  const rolled = series.map((s) => ({ label: `${s.label}, rolling ${rolling}`, values: (s.rolling ?? []).map(npsOf) }));
  return series.length === 1 && series[0] ? [{ label: series[0].label, values: series[0].stats.map(npsOf) }, ...rolled] : rolled;
}

/** How the changes were judged as a family: "(Benjamini–Hochberg across the 4 changes judged; none next to a thin period)". */
export function familyText(report: ScoreReport, adjust: AdjustMethod): string {
  const judged = report.groups.filter((g) => g.extra?.changeSignificant === true || g.extra?.changeSignificant === false).length;
  const how = { bh: 'Benjamini–Hochberg across', holm: 'Holm across', none: 'not adjusted for' }[adjust];
  return `(${how} the ${judged} change${judged === 1 ? '' : 's'} judged; none next to a thin period)`;
}

export function renderTrendTable(fromFile: TrendView): string {
  const view = visible(fromFile);
  const { report, periods, series, leftOut, rolling, color } = view;
  const lines = chartSeries(view);
  let out = renderChart(periods, lines, { width: view.width, height: CHART_HEIGHT, color, signed: report.metric.name === 'nps' });
  out += renderLegend(lines, color);
  if (leftOut.length > 0) {
    out += `left out (smaller; --top to show more): ${leftOut.map((s) => `${s.label} (n = ${s.responses})`).join(', ')}\n`;
  }

  const keyNames = report.keyNames.slice(0, -1);
  const periodName = report.keyNames.at(-1) ?? 'period';
  const metric = report.metric;
  const head = [...keyNames, periodName, 'n', metric.label, '±MoE', '95% interval', 'change', ...(rolling ? [`rolling ${rolling}`, 'rolling interval'] : []), 'note'];
  const table = textTable(head, head.map((_, i) => (i <= keyNames.length ? 'left' : i === head.length - 1 ? 'left' : 'right')));
  const rowsByKey = new Map(report.groups.map((g) => [JSON.stringify(g.key), g]));
  for (const s of series) {
    periods.forEach((period, i) => {
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
      const change = row.extra?.change;
      const significant = row.extra?.changeSignificant === true;
      const changeText = typeof change === 'number' ? paint(`${differenceText(metric.name, change)}${significant ? '*' : ''}`, byVerdict(color, change, significant)) : '–';
      const thin = row.extra?.thin === true ? paint(`thin (n < ${view.minResponses})`, color?.yellow) : '';
      const moe = row.stats.marginOfError === null ? '–' : `±${metric.name === 'ces' ? row.stats.marginOfError.toFixed(2) : oneDecimal(row.stats.marginOfError)}`;
      table.push([...s.key.map((v) => v || '(blank)'), period, countText(row.stats.responses), paint(headlineText(metric.name, headline(metric.name, row.stats)), metric.name === 'nps' ? byInterval(color, row.stats.interval) : undefined), moe, intervalText(row.stats.interval, metric.name), changeText, ...rollingCell, thin]);
    });
  }
  out += `\n${table.toString()}\n`;
  const margin = metric.name === 'ces' ? '95% margin of error (1.96 standard errors of the mean)' : 'Wald 95% margin of error';
  out += `±MoE: ${margin}; change: from the previous period with answers, * significant at ${Math.round((1 - view.alpha) * 1000) / 10}% ${familyText(report, view.adjust)}\n`;
  return out;
}
