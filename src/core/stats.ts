// NPS, class shares, the 95% margin of error and interval, always from pooled counts.

import type { Tally } from './tally.js';

export const INTERVAL_METHODS = ['adjusted-wald', 'wald'] as const;
export type IntervalMethod = (typeof INTERVAL_METHODS)[number];

export interface Stats {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Percent of responses, 0–100; null when there are no responses. */
  promoterShare: number | null;
  passiveShare: number | null;
  detractorShare: number | null;
  /** 100 × (P − D) / n, −100..100; null when n = 0. */
  nps: number | null;
  /** Half-width of the Wald 95% interval in NPS points; null when n = 0. */
  marginOfError: number | null;
  /** 95% interval by the chosen method, clamped to −100..100; null when n = 0. */
  interval: [number, number] | null;
  /** How many answered 0, 1, … 10. */
  distribution: number[];
}

/** z for a two-sided 95% interval. */
export const Z95 = 1.96;

/** Variance of the +1/0/−1 score per respondent: p + d − (p − d)². */
export function npsVariance(promoters: number, detractors: number, responses: number): number {
  const p = promoters / responses;
  const d = detractors / responses;
  return Math.max(0, p + d - (p - d) ** 2);
}

/** Standard error of NPS in points (NPS/100 is the mean of +1 promoter, 0 passive, −1 detractor). */
export function npsStandardError(promoters: number, detractors: number, responses: number): number | null {
  if (responses <= 0) return null;
  return 100 * Math.sqrt(npsVariance(promoters, detractors, responses) / responses);
}

export function npsOf(promoters: number, detractors: number, responses: number): number | null {
  return responses > 0 ? (100 * (promoters - detractors)) / responses : null;
}

const clamp = (value: number): number => Math.min(100, Math.max(-100, value));

/**
 * The 95% interval of NPS. Wald: NPS ± 1.96·SE. Adjusted Wald (Rocks 2016, MeasuringU):
 * add 0.75 promoters, 1.5 passives and 0.75 detractors (3 answers) and compute the Wald
 * interval of that; it covers the true value far more reliably for small samples and is
 * almost the same as Wald for large ones.
 */
export function npsInterval(promoters: number, passives: number, detractors: number, method: IntervalMethod, z = Z95): [number, number] | null {
  const [p, a, d] = method === 'adjusted-wald' ? [promoters + 0.75, passives + 1.5, detractors + 0.75] : [promoters, passives, detractors];
  const n = p + a + d;
  if (promoters + passives + detractors <= 0 || n <= 0) return null;
  const centre = (100 * (p - d)) / n;
  const half = z * 100 * Math.sqrt(npsVariance(p, d, n) / n);
  return [clamp(centre - half), clamp(centre + half)];
}

export function statsOf(tally: Tally, method: IntervalMethod = 'adjusted-wald'): Stats {
  const responses = tally.responses;
  const promoters = tally.countOf('promoter');
  const passives = tally.countOf('passive');
  const detractors = tally.countOf('detractor');
  const share = (count: number): number | null => (responses > 0 ? (100 * count) / responses : null);
  const standardError = npsStandardError(promoters, detractors, responses);
  return {
    responses,
    promoters,
    passives,
    detractors,
    promoterShare: share(promoters),
    passiveShare: share(passives),
    detractorShare: share(detractors),
    nps: npsOf(promoters, detractors, responses),
    marginOfError: standardError === null ? null : Z95 * standardError,
    interval: npsInterval(promoters, passives, detractors, method),
    distribution: [...tally.distribution],
  };
}
