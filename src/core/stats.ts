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
  /** With --weight: Σw, and the effective sample size (Σw)²/Σw² the margins are computed from. */
  weight?: number;
  effectiveResponses?: number;
  /** The score's band (see bands.ts), when the report names bands. */
  band?: string | null;
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

/**
 * The Stats of a tally. Weighted (--weight), the shares are Σw·[class]/Σw and the margins come
 * from the effective sample size; `responses` and the class counts stay counts of rows.
 */
export function statsOf(tally: Tally, method: IntervalMethod = 'adjusted-wald', weighted = false): Stats {
  const responses = tally.responses;
  const promoters = tally.countOf('promoter');
  const passives = tally.countOf('passive');
  const detractors = tally.countOf('detractor');
  // Unweighted, every answer weighs 1: the same arithmetic on counts.
  const total = tally.weightBetween();
  const n = weighted ? tally.effectiveResponses : responses;
  const p = total > 0 ? tally.weightBetween(9, 10) / total : 0;
  const d = total > 0 ? tally.weightBetween(0, 6) / total : 0;
  const a = total > 0 ? tally.weightBetween(7, 8) / total : 0;
  const share = (fraction: number): number | null => (responses > 0 ? 100 * fraction : null);
  const countShare = (count: number): number | null => (responses > 0 ? (100 * count) / responses : null);
  const standardError = responses > 0 && n > 0 ? npsStandardError(p * n, d * n, n) : null;
  return {
    responses,
    promoters,
    passives,
    detractors,
    // Unweighted, 100 × count / n exactly as written (not 100 × (count / n), which rounds differently).
    promoterShare: weighted ? share(p) : countShare(promoters),
    passiveShare: weighted ? share(a) : countShare(passives),
    detractorShare: weighted ? share(d) : countShare(detractors),
    nps: weighted ? (responses > 0 ? 100 * (p - d) : null) : npsOf(promoters, detractors, responses),
    marginOfError: standardError === null ? null : Z95 * standardError,
    interval: weighted ? (n > 0 ? npsInterval(p * n, a * n, d * n, method) : null) : npsInterval(promoters, passives, detractors, method),
    distribution: [...tally.distribution],
    ...(weighted ? { weight: total, effectiveResponses: n } : {}),
  };
}
