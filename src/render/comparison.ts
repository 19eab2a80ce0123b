// The result of `nps compare` in each output format.

import { textTable } from './text-table.js';
import { fitProse } from './wrap.js';
import type { ChalkInstance } from 'chalk';
import type { Comparison } from '../core/significance.js';
import type { AnyStats, TensSide } from '../core/metrics.js';
import type { MetricInfo } from '../core/report.js';
import { intervalText, statCells, statHeadings } from './columns.js';
import { csvLine, statColumnsFor, statValuesFor } from './csv.js';
import { differenceText, oneDecimal } from '../core/format-number.js';
import type { Format } from './index.js';
import { visible } from '../core/visible.js';

export interface ComparisonReport extends Comparison {
  metric: MetricInfo;
  labels: { a: string; b: string };
  a: AnyStats;
  b: AnyStats;
  /** NPS: the share of 10s among promoters on each side, and its test. */
  tens?: Comparison & { a: TensSide; b: TensSide };
}

/** The JSON contract: { a, b, difference, interval, z, pValue, significant, … }. */
export function comparisonJson(report: ComparisonReport): object {
  const { metric, labels, a, b, difference, interval, z, pValue, significant, alpha, standardError, test, degreesOfFreedom, tens } = report;
  return { metric, a, b, difference, interval, z, pValue, significant, alpha, standardError, test, ...(degreesOfFreedom === undefined ? {} : { degreesOfFreedom }), labels, ...(tens ? { tens } : {}) };
}

/** "10s among promoters: a 40.0% (…), b 65.0% (…); +25.0 points, 95% interval …; exact permutation test, p = 0.1234: not significant at 95%". */
function tensLine(report: ComparisonReport): string | null {
  const t = report.tens;
  if (!t) return null;
  const side = (s: TensSide): string => `${oneDecimal(s.share)}% of ${s.promoters}${s.interval ? ` (${oneDecimal(s.interval[0])} … ${oneDecimal(s.interval[1])}%)` : ''}`;
  const level = `${Math.round((1 - t.alpha) * 1000) / 10}%`;
  return `10s among promoters: a ${side(t.a)}, b ${side(t.b)}; ${differenceText('nps', t.difference)} points, ${level} interval ${intervalText(t.interval)}; ${verdict(t)}`;
}

function verdict(report: Comparison): string {
  const level = `${Math.round((1 - report.alpha) * 1000) / 10}%`;
  const p = report.pValue < 0.0001 ? report.pValue.toExponential(1) : report.pValue.toFixed(4);
  const statistic = {
    'exact-permutation': 'exact permutation test',
    'adjusted-wald-t': `adjusted-Wald t = ${report.z.toFixed(3)} (df ${report.degreesOfFreedom?.toFixed(1) ?? '–'})`,
    'agresti-caffo-z': `Agresti–Caffo z = ${report.z.toFixed(3)}`,
    'welch-t': `Welch t = ${report.z.toFixed(3)} (df ${report.degreesOfFreedom?.toFixed(1) ?? '–'})`,
  }[report.test];
  return `${statistic}, p = ${p}: ${report.significant ? `significant at ${level}` : `not significant at ${level}`}`;
}

function summary(report: ComparisonReport): string[] {
  const level = `${Math.round((1 - report.alpha) * 1000) / 10}%`;
  return [
    `Difference in ${report.metric.label} (b − a): ${differenceText(report.metric.name, report.difference)}${report.metric.name === 'ces' ? '' : ' points'}, ${level} interval ${report.metric.name === 'ces' ? `${differenceText('ces', report.interval[0])} … ${differenceText('ces', report.interval[1])}` : intervalText(report.interval)}`,
    verdict(report),
  ];
}

export function renderComparison(fromFile: ComparisonReport, format: Format, color: ChalkInstance | null, raw = false, width?: number): string {
  // Tables and Markdown are read on a terminal: text from the file shows its control characters.
  const report = format === 'table' || format === 'markdown' ? visible(fromFile) : fromFile;
  const sides: ['a' | 'b', AnyStats][] = [['a', report.a], ['b', report.b]];
  const metric = report.metric;
  const headings = statHeadings(metric, report.a.band !== undefined);
  switch (format) {
    case 'json':
      return `${JSON.stringify(comparisonJson(report), null, 2)}\n`;
    case 'csv': {
      const extra = (): (number | string)[] => [report.difference, report.interval[0], report.interval[1], report.z, report.pValue, String(report.significant), report.test];
      const columns = statColumnsFor(metric, report.a);
      let out = csvLine(['side', 'label', ...columns, 'difference', 'differenceLow', 'differenceHigh', 'z', 'pValue', 'significant', 'test']);
      for (const [side, stats] of sides) out += csvLine([side, report.labels[side], ...statValuesFor(stats, columns), ...extra()], raw);
      return out;
    }
    case 'markdown': {
      const line = (cells: string[]): string => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
      const rows = sides.map(([side, stats]) => line([side, report.labels[side], ...statCells(stats, metric, null, report.a.band !== undefined)]));
      const head = line(['', 'answers', ...headings]);
      const align = line(['---', ':---', ...headings.map(() => '---:')]);
      const [difference, test] = summary(report);
      const tens = tensLine(report);
      return [`**${report.significant ? '✅' : '➖'} ${test}**`, '', head, align, ...rows, '', difference ?? '', ...(tens ? ['', tens] : [])].join('\n') + '\n';
    }
    case 'table': {
      const table = textTable(['', 'answers', ...headings], ['left', 'left', ...headings.map(() => 'right' as const)], width === undefined ? undefined : { width, giveWay: ['Band', 'Passives', 'Promoters', 'Detractors'].flatMap((name) => { const at = headings.findIndex((h) => h.startsWith(name)); return at < 0 ? [] : [at + 2]; }) });
      for (const [side, stats] of sides) table.push([side, report.labels[side], ...statCells(stats, metric, color, report.a.band !== undefined)]);
      const [difference, test] = summary(report);
      const painted = color ? (report.significant ? color.bold(test ?? '') : test) : test;
      const tens = tensLine(report);
      return fitProse(`${table.toString()}\n${difference}\n${painted}\n${tens ? `${tens}\n` : ''}`, width);
    }
  }
}
