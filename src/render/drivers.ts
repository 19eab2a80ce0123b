// `nps drivers` in each format: groups ranked by impact, then the other ratings by correlation.

import { textTable } from './text-table.js';
import type { ChalkInstance } from 'chalk';
import type { JudgedDriver } from '../core/drivers.js';
import type { SkipSummary } from '../core/skips.js';
import { headline, type AnyStats } from '../core/metrics.js';
import type { MetricInfo } from '../report.js';
import { intervalText } from './columns.js';
import { csvLine, statColumnsFor, statValuesFor } from './csv.js';
import { differenceText, headlineText } from './format-number.js';
import type { Format } from './index.js';

export interface RatingDriver {
  column: string;
  question: string | null;
  scale: string;
  pairs: number;
  spearman: number | null;
  meanDetractors: number | null;
  meanPassives: number | null;
  meanPromoters: number | null;
}

export interface DriversReport {
  metric: MetricInfo;
  overall: AnyStats;
  drivers: (JudgedDriver & { column: string; value: string })[];
  ratings: RatingDriver[];
  skipped: SkipSummary;
  minResponses: number;
  alpha: number;
}

/** The JSON contract: { overall, drivers: [{ key: {COL: value}, ...Stats, impact, significant, … }], ratings, skipped }. */
export function driversJson(report: DriversReport): object {
  return {
    metric: report.metric,
    overall: report.overall,
    drivers: report.drivers.map((d) => ({
      key: Object.fromEntries([[d.column, d.value]]),
      ...d.stats,
      impact: d.impact,
      impactInterval: d.impactInterval,
      significant: d.significant,
      pValue: d.pValue,
      pAdjusted: d.pAdjusted,
      thin: d.thin,
    })),
    ratings: report.ratings,
    skipped: report.skipped,
  };
}

const mean = (value: number | null): string => (value === null ? '–' : value.toFixed(2));

export function renderDrivers(report: DriversReport, format: Format, color: ChalkInstance | null): string {
  switch (format) {
    case 'json':
      return `${JSON.stringify(driversJson(report), null, 2)}\n`;
    case 'csv': {
      const columns = statColumnsFor(report.metric, report.overall);
      let out = csvLine(['column', 'value', ...columns, 'impact', 'impactLow', 'impactHigh', 'significant', 'pValue', 'pAdjusted', 'thin']);
      for (const d of report.drivers) {
        out += csvLine([d.column, d.value, ...statValuesFor(d.stats, columns), d.impact, d.impactInterval?.[0] ?? null, d.impactInterval?.[1] ?? null, String(d.significant), d.pValue, d.pAdjusted, String(d.thin)]);
      }
      return out;
    }
    case 'markdown':
    case 'table': {
      const metric = report.metric;
      const head = ['column', 'value', 'n', metric.label, '95% interval', 'impact', 'impact interval', 'vs rest', 'note'];
      const rows = report.drivers.map((d) => {
        const impact = differenceText(metric.name, d.impact);
        const painted = color && d.impact !== null && d.impact < 0 ? color.red(impact) : color && d.impact !== null && d.impact > 0 ? color.green(impact) : impact;
        const impactInterval = d.impactInterval ? `${differenceText(metric.name, d.impactInterval[0])} … ${differenceText(metric.name, d.impactInterval[1])}` : '–';
        return [
          d.column, d.value || '(blank)', String(d.stats.responses), headlineText(metric.name, headline(metric.name, d.stats)), intervalText(d.stats.interval, metric.name),
          painted, impactInterval, d.significant ? 'significant' : '', d.thin ? `thin (n < ${report.minResponses})` : '',
        ];
      });
      const ratingHead = ['rating', 'scale', 'pairs', 'Spearman', 'mean: detractors', 'passives', 'promoters'];
      const ratingRows = report.ratings.map((r) => [r.column, r.scale, String(r.pairs), r.spearman === null ? '–' : r.spearman.toFixed(3), mean(r.meanDetractors), mean(r.meanPassives), mean(r.meanPromoters)]);
      const unit = metric.name === 'ces' ? 'in scale points' : 'in points';
      const title = `${metric.label} ${headlineText(metric.name, headline(metric.name, report.overall))} (n = ${report.overall.responses}). Impact = ${metric.label} of all − ${metric.label} without the group, ${unit}; most negative first.`;
      if (format === 'markdown') {
        const line = (cells: string[]): string => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
        const table = (h: string[], r: string[][]): string[] => [line(h), line(h.map((_, i) => (i < 2 ? ':---' : '---:'))), ...r.map(line)];
        const parts = [`**${title}**`, '', ...table(head, rows)];
        if (ratingRows.length) parts.push('', ...table(ratingHead, ratingRows));
        return parts.join('\n') + '\n';
      }
      const table = textTable(head, ['left', 'left', 'right', 'right', 'right', 'right', 'right', 'left', 'left']);
      for (const row of rows) table.push(row);
      let out = `${title}\n${table.toString()}\n`;
      if (ratingRows.length) {
        const ratings = textTable(ratingHead, ['left', 'left', 'right', 'right', 'right', 'right', 'right']);
        for (const row of ratingRows) ratings.push(row);
        out += `\nOther ratings, by rank correlation with the ${metric.name === 'nps' ? '0–10 score' : `${metric.label} answer`} (strongest first):\n${ratings.toString()}\n`;
      }
      return out;
    }
  }
}
