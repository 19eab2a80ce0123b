// `nps plan` in each format: the answers a margin needs, the difference two groups can show.

import type { Assumption, Detectable, Mix } from '../core/plan.js';
import { csvLine } from './csv.js';
import { oneDecimal } from '../core/format-number.js';

import { PLAN_FORMATS } from '../core/report.js';

export { PLAN_FORMATS };
export type PlanFormat = (typeof PLAN_FORMATS)[number];

export interface PlanReport {
  alpha: number;
  power: number;
  assumption: Assumption;
  /** The shares assumed, each 0–1. */
  mix: Mix;
  /** The variance of one answer's +1/0/−1 score under that mix. */
  variance: number;
  expectedNps: number | null;
  margin: { points: number; answers: number } | null;
  comparison: ({ a: number; b: number } & Detectable) | null;
}

const level = (alpha: number): string => `${Math.round((1 - alpha) * 1000) / 10}%`;
const count = (n: number): string => n.toLocaleString('en-US');
const pct = (share: number): string => `${Math.round(share * 1000) / 10}%`;

function assumptionText(report: PlanReport): string {
  const { mix } = report;
  const shares = `${pct(mix.promoters)} promoters, ${pct(mix.passives)} passives, ${pct(mix.detractors)} detractors`;
  if (report.assumption === 'mix') return `assuming ${shares} (--mix)`;
  if (report.assumption === 'expected-nps') return `assuming NPS ${report.expectedNps} with no passives (${shares}), the widest spread for it; --mix narrows it`;
  return 'assuming the widest spread (half promoters, half detractors); --mix or --expect-nps narrows it';
}

export function renderPlan(report: PlanReport, format: PlanFormat): string {
  if (format === 'json') return `${JSON.stringify(report, null, 2)}\n`;
  if (format === 'csv') {
    const c = report.comparison;
    return (
      csvLine(['alpha', 'power', 'assumption', 'promoters', 'passives', 'detractors', 'variance', 'margin', 'answers', 'a', 'b', 'detectable', 'significantFrom']) +
      csvLine([
        report.alpha, report.power, report.assumption, report.mix.promoters, report.mix.passives, report.mix.detractors, report.variance,
        report.margin?.points ?? null, report.margin?.answers ?? null, c?.a ?? null, c?.b ?? null, c?.detectable ?? null, c?.significantFrom ?? null,
      ])
    );
  }
  const lines: string[] = [];
  if (report.margin) {
    lines.push(`A ${level(report.alpha)} margin of error of ±${oneDecimal(report.margin.points)} points needs ${count(report.margin.answers)} answers.`);
  }
  const c = report.comparison;
  if (c) {
    lines.push(
      `Two groups of ${count(c.a)} and ${count(c.b)} answers: a true difference of ${oneDecimal(c.detectable)} points is found significant ${Math.round(report.power * 100)}% of the time (${level(report.alpha)}, two-sided); an observed difference under ${oneDecimal(c.significantFrom)} points is never significant.`,
    );
  }
  lines.push(assumptionText(report));
  if (format === 'markdown') return lines.map((line, i) => (i === lines.length - 1 ? `_${line}_` : `- ${line}`)).join('\n') + '\n';
  return lines.join('\n') + '\n';
}
