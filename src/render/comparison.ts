// The result of `nps compare` in each output format.

import { textTable } from './text-table.js';
import type { ChalkInstance } from 'chalk';
import type { Comparison } from '../core/significance.js';
import type { Stats } from '../core/stats.js';
import { intervalText, statCells, STAT_HEADINGS } from './columns.js';
import { csvLine, STAT_COLUMNS, statValues } from './csv.js';
import { signedOneDecimal } from './format-number.js';
import type { Format } from './index.js';

export interface ComparisonReport extends Comparison {
  labels: { a: string; b: string };
  a: Stats;
  b: Stats;
}

/** The JSON contract: { a, b, difference, interval, z, pValue, significant, … }. */
export function comparisonJson(report: ComparisonReport): object {
  const { labels, a, b, difference, interval, z, pValue, significant, alpha, standardError } = report;
  return { a, b, difference, interval, z, pValue, significant, alpha, standardError, labels };
}

function verdict(report: ComparisonReport): string {
  const level = `${Math.round((1 - report.alpha) * 1000) / 10}%`;
  const p = report.pValue < 0.0001 ? report.pValue.toExponential(1) : report.pValue.toFixed(4);
  return `z = ${report.z.toFixed(3)}, p = ${p}: ${report.significant ? `significant at ${level}` : `not significant at ${level}`}`;
}

function summary(report: ComparisonReport): string[] {
  const level = `${Math.round((1 - report.alpha) * 1000) / 10}%`;
  return [
    `Difference (b − a): ${signedOneDecimal(report.difference)} points, ${level} interval ${intervalText(report.interval)}`,
    verdict(report),
  ];
}

export function renderComparison(report: ComparisonReport, format: Format, color: ChalkInstance | null): string {
  const sides: ['a' | 'b', Stats][] = [['a', report.a], ['b', report.b]];
  switch (format) {
    case 'json':
      return `${JSON.stringify(comparisonJson(report), null, 2)}\n`;
    case 'csv': {
      const extra = (): (number | string)[] => [report.difference, report.interval[0], report.interval[1], report.z, report.pValue, String(report.significant)];
      let out = csvLine(['side', 'label', ...STAT_COLUMNS, 'difference', 'differenceLow', 'differenceHigh', 'z', 'pValue', 'significant']);
      for (const [side, stats] of sides) out += csvLine([side, report.labels[side], ...statValues(stats), ...extra()]);
      return out;
    }
    case 'markdown': {
      const line = (cells: string[]): string => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
      const rows = sides.map(([side, stats]) => line([side, report.labels[side], ...statCells(stats, null)]));
      const head = line(['', 'answers', ...STAT_HEADINGS]);
      const align = line(['---', ':---', ...STAT_HEADINGS.map(() => '---:')]);
      const [difference, test] = summary(report);
      return [`**${report.significant ? '✅' : '➖'} ${test}**`, '', head, align, ...rows, '', difference ?? ''].join('\n') + '\n';
    }
    case 'table': {
      const table = textTable(['', 'answers', ...STAT_HEADINGS], ['left', 'left', ...STAT_HEADINGS.map(() => 'right' as const)]);
      for (const [side, stats] of sides) table.push([side, report.labels[side], ...statCells(stats, color)]);
      const [difference, test] = summary(report);
      const painted = color ? (report.significant ? color.bold(test ?? '') : test) : test;
      return `${table.toString()}\n${difference}\n${painted}\n`;
    }
  }
}
