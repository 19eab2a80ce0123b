// The 0–10 distribution as horizontal bars coloured by class, and the promoters' 9s and 10s.

import type { ChalkInstance } from 'chalk';
import { classify } from '../core/classify.js';
import type { Stats } from '../core/stats.js';
import { percent } from './format-number.js';

const BAR_WIDTH = 40;

/** Share of 10s among promoters, in percent; null without promoters. */
export function tensShare(stats: Stats): number | null {
  const tens = stats.distribution[10] ?? 0;
  return stats.promoters > 0 ? (100 * tens) / stats.promoters : null;
}

export function renderHistogram(stats: Stats, color: ChalkInstance | null, title: string): string {
  const max = Math.max(1, ...stats.distribution);
  const paint = { promoter: color?.green, passive: color?.yellow, detractor: color?.red };
  let out = `${title} (n = ${stats.responses})\n`;
  stats.distribution.forEach((count, score) => {
    const bar = '█'.repeat(Math.round((count / max) * BAR_WIDTH));
    const painter = paint[classify(score)];
    out += `${String(score).padStart(3)} │ ${painter && bar ? painter(bar) : bar}${bar ? ' ' : ''}${count}\n`;
  });
  const nines = stats.distribution[9] ?? 0;
  const tens = stats.distribution[10] ?? 0;
  out += `Promoters ${stats.promoters}: 9s ${nines}, 10s ${tens} (${percent(tensShare(stats))} of promoters gave 10)\n`;
  return out;
}
