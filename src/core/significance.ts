// Is a difference in NPS real? A two-sample z test on the +1/0/−1 scores: each side's
// variance (p + d − (p − d)²)/n, the difference's variance their sum.

import { normalQuantile, twoSidedP } from './normal.js';
import { npsVariance, type Stats } from './stats.js';

export interface Comparison {
  /** NPS(b) − NPS(a), in points. */
  difference: number;
  /** The (1 − alpha) interval of the difference, in points. */
  interval: [number, number];
  standardError: number;
  z: number;
  pValue: number;
  alpha: number;
  significant: boolean;
  /** Set for a test on means: Welch's t, whose statistic `z` holds, and its degrees of freedom. */
  test?: 'welch-t';
  degreesOfFreedom?: number;
}

/** Variance of one side's NPS in points², or null without responses (weighted: the weighted shares over the effective size). */
function varianceOf(stats: Stats): number | null {
  if (stats.responses <= 0 || stats.promoterShare === null || stats.detractorShare === null) return null;
  const n = stats.effectiveResponses ?? stats.responses;
  return (100 ** 2 * npsVariance(stats.promoterShare / 100, stats.detractorShare / 100, 1)) / n;
}

export function compareNps(a: Stats, b: Stats, alpha = 0.05): Comparison | null {
  const va = varianceOf(a);
  const vb = varianceOf(b);
  if (va === null || vb === null || a.nps === null || b.nps === null) return null;
  const difference = b.nps - a.nps;
  const standardError = Math.sqrt(va + vb);
  // Both sides without spread (all promoters, say): any difference is certain, none is none.
  const z = standardError > 0 ? difference / standardError : difference === 0 ? 0 : Math.sign(difference) * Infinity;
  const pValue = standardError > 0 ? twoSidedP(z) : difference === 0 ? 1 : 0;
  const critical = normalQuantile(1 - alpha / 2);
  return {
    difference,
    interval: [difference - critical * standardError, difference + critical * standardError],
    standardError,
    z,
    pValue,
    alpha,
    significant: pValue < alpha,
  };
}
