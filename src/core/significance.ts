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
  return comparisonOf(difference, standardError, alpha, twoSidedP, normalQuantile(1 - alpha / 2));
}

/**
 * A two-sided test of a difference with its standard error: the statistic, its p-value by
 * `pOf`, and the interval at the critical value. Used by every metric's test.
 */
export function comparisonOf(difference: number, standardError: number, alpha: number, pOf: (statistic: number) => number, critical: number): Comparison {
  // No spread on either side (all promoters, say): any difference is certain, none is none.
  const z = standardError > 0 ? difference / standardError : difference === 0 ? 0 : Math.sign(difference) * Infinity;
  const pValue = standardError > 0 ? pOf(z) : difference === 0 ? 1 : 0;
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
