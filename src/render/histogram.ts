// The 0–10 distribution as horizontal bars coloured by class, and the promoters' 9s and 10s.

import type { ChalkInstance } from 'chalk';
import { classify } from '../core/classify.js';
import type { Stats } from '../core/stats.js';
import type { AnyStats } from '../core/metrics.js';
import type { MetricInfo } from '../core/report.js';
import { NPS_INFO } from './columns.js';
import { oneDecimal, percent } from '../core/format-number.js';

const BAR_WIDTH = 40;

/** "59.1% (38.7 … 76.7%)": the share of 10s among promoters with its 95% Wilson interval. */
export function tensText(stats: Stats): string {
  return stats.tensInterval ? `${percent(stats.tensShare)} (${oneDecimal(stats.tensInterval[0])} … ${oneDecimal(stats.tensInterval[1])}%)` : percent(stats.tensShare);
}

/** The answers' distribution; for NPS coloured by class with the promoters' 9s and 10s, for a rating over its scale. */
export function renderHistogram(stats: AnyStats, color: ChalkInstance | null, title: string, metric: MetricInfo = NPS_INFO): string {
  const [low, high] = metric.name === 'nps' ? [0, 10] : [1, Number(metric.scale.split('-')[1] ?? 10)];
  const shown = stats.distribution.slice(low, high + 1);
  const max = Math.max(1, ...shown);
  const paint = { promoter: color?.green, passive: color?.yellow, detractor: color?.red };
  let out = `${title} (n = ${stats.responses})\n`;
  shown.forEach((count, i) => {
    const score = low + i;
    if (metric.name !== 'nps') {
      const bar = '█'.repeat(Math.round((count / max) * BAR_WIDTH));
      out += `${String(score).padStart(3)} │ ${bar}${bar ? ' ' : ''}${count}\n`;
      return;
    }
    const bar = '█'.repeat(Math.round((count / max) * BAR_WIDTH));
    const painter = paint[classify(score)];
    out += `${String(score).padStart(3)} │ ${painter && bar ? painter(bar) : bar}${bar ? ' ' : ''}${count}\n`;
  });
  if (metric.name !== 'nps') return out;
  const nps = stats as Stats;
  const nines = nps.distribution[9] ?? 0;
  const tens = nps.distribution[10] ?? 0;
  const interval = nps.tensInterval ? `; 95% interval ${oneDecimal(nps.tensInterval[0])} … ${oneDecimal(nps.tensInterval[1])}%` : '';
  out += `Promoters ${nps.promoters}: 9s ${nines}, 10s ${tens} (${percent(nps.tensShare)} of promoters gave 10${interval})\n`;
  return out;
}
