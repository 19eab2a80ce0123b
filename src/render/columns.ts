// The columns the human-readable renderers (table, markdown) share.

import type { ChalkInstance } from 'chalk';
import type { Stats } from '../core/stats.js';
import type { ScoreReport } from '../report.js';
import { percent, signedOneDecimal } from './format-number.js';

export const STAT_HEADINGS = ['Responses', 'Promoters', 'Passives', 'Detractors', 'NPS', '95% interval'];

export function intervalText(interval: [number, number] | null): string {
  return interval === null ? '–' : `${signedOneDecimal(interval[0])} … ${signedOneDecimal(interval[1])}`;
}

/** Shown for an empty cell in a group key, so a blank segment is visible. */
export const BLANK_KEY = '(blank)';
export const OVERALL_LABEL = 'Overall';

export function statCells(stats: Stats, color: ChalkInstance | null): string[] {
  const paint = (text: string, fn: ((s: string) => string) | undefined): string => (fn ? fn(text) : text);
  const count = (n: number, share: number | null): string => `${n} (${percent(share)})`;
  const nps = signedOneDecimal(stats.nps);
  const npsColor = color && stats.nps !== null ? (stats.nps > 0 ? color.green : stats.nps < 0 ? color.red : undefined) : undefined;
  return [
    String(stats.responses),
    paint(count(stats.promoters, stats.promoterShare), color?.green),
    paint(count(stats.passives, stats.passiveShare), color?.yellow),
    paint(count(stats.detractors, stats.detractorShare), color?.red),
    paint(nps, npsColor),
    intervalText(stats.interval),
  ];
}

/** Rows of [key cells…, stat cells…]: the groups, then the overall row. */
export function reportRows(report: ScoreReport, color: ChalkInstance | null): { head: string[]; rows: string[][]; overall: string[] } {
  const head = [...report.keyNames, ...STAT_HEADINGS];
  const rows = report.groups.map((group) => [...group.key.map((value) => (value === '' ? BLANK_KEY : value)), ...statCells(group.stats, color)]);
  const overallKey = report.keyNames.map((_, i) => (i === 0 ? OVERALL_LABEL : ''));
  return { head, rows, overall: [...overallKey, ...statCells(report.overall, color)] };
}
