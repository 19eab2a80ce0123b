// Planning a survey or a gate: how many answers a margin of error needs, and how large a
// difference two groups of given sizes can show. From the variance of one answer's +1/0/−1
// score, v = p + d − (p − d)², with the adjusted-Wald three answers added as the interval and
// the test have them (Lewis & Sauro, MeasuringU: n = z²·v/m² − 3). Pure arithmetic.

import { normalQuantile } from './normal.js';

export interface Mix {
  promoters: number;
  passives: number;
  detractors: number;
}

/** Where the variance comes from: the widest spread there is, the widest for an expected NPS, or a given mix. */
export type Assumption = 'widest' | 'expected-nps' | 'mix';

/** The variance of one answer's score (−1/0/+1) under a mix of shares that add up to 1. */
export function answerVariance(mix: Mix): number {
  const net = mix.promoters - mix.detractors;
  return mix.promoters + mix.detractors - net * net;
}

/** The mix assumed: a given one; for an expected NPS the one with no passives (the widest with that NPS); else half promoters, half detractors. */
export function assumedMix(mix: Mix | undefined, expectedNps: number | undefined): { mix: Mix; assumption: Assumption } {
  if (mix) return { mix, assumption: 'mix' };
  if (expectedNps !== undefined) {
    const net = expectedNps / 100;
    return { mix: { promoters: (1 + net) / 2, passives: 0, detractors: (1 - net) / 2 }, assumption: 'expected-nps' };
  }
  return { mix: { promoters: 0.5, passives: 0, detractors: 0.5 }, assumption: 'widest' };
}

/** Answers needed for a (1 − alpha) interval of ± `margin` NPS points: ⌈z²·v/m² − 3⌉, at least 1. */
export function answersForMargin(margin: number, variance: number, alpha: number): number {
  const z = normalQuantile(1 - alpha / 2);
  const m = margin / 100;
  return Math.max(1, Math.ceil((z * z * variance) / (m * m) - 3 - 1e-9));
}

export interface Detectable {
  /** The smallest true difference, in points, found significant with probability `power`. */
  detectable: number;
  /** Below this observed difference, in points, a test is never significant. */
  significantFrom: number;
}

/** Two groups of na and nb answers with the same spread: the difference they can show at alpha (two-sided) and power. */
export function detectableDifference(na: number, nb: number, variance: number, alpha: number, power: number): Detectable {
  const error = 100 * Math.sqrt(variance / (na + 3) + variance / (nb + 3));
  const zAlpha = normalQuantile(1 - alpha / 2);
  return { detectable: (zAlpha + normalQuantile(power)) * error, significantFrom: zAlpha * error };
}
