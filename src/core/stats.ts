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
  /** With bands: whether the whole 95% interval lies in the band (null without an interval). */
  bandSettled?: boolean | null;
  /** The share of 10s among the promoters (the 9-vs-10 split), in percent, and its 95% Wilson interval; null without promoters. */
  tensShare: number | null;
  tensInterval: [number, number] | null;
  /** Weighted: Kish's effective number of promoters, (Σw)²/Σw² over the 9s and 10s, the size of that interval. */
  effectivePromoters?: number;
}

/**
 * Wilson's score interval of a share (successes of n, n may be an effective size), in percent:
 * (p + z²/2n ± z·√(p(1 − p)/n + z²/4n²)) / (1 + z²/n). It never leaves 0–100 and is never a point.
 */
export function wilsonInterval(successes: number, n: number, z = Z95): [number, number] | null {
  if (!(n > 0)) return null;
  const p = successes / n;
  const centre = p + (z * z) / (2 * n);
  const half = z * Math.sqrt((p * (1 - p)) / n + (z * z) / (4 * n * n));
  const scale = 1 + (z * z) / n;
  return [Math.max(0, (100 * (centre - half)) / scale), Math.min(100, (100 * (centre + half)) / scale)];
}

/** The 9-vs-10 split, weighted: the share of 10s in the promoters' Σw, with its Wilson interval on Kish's effective number of promoters (statsOf works out the unweighted split). */
function weightedTens(tally: Tally): { tensShare: number | null; tensInterval: [number, number] | null; effectivePromoters: number } {
  const promoters = tally.weightBetween(9, 10);
  const squares = tally.squareOf(9) + tally.squareOf(10);
  const n = squares > 0 ? (promoters * promoters) / squares : 0;
  if (!(promoters > 0)) return { tensShare: null, tensInterval: null, effectivePromoters: n };
  const share = tally.weightOf(10) / promoters;
  return { tensShare: 100 * share, tensInterval: wilsonInterval(share * n, n), effectivePromoters: n };
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

/** An answer's NPS score: +1 promoter, 0 passive, −1 detractor. */
export const npsScore = (value: number): number => (value >= 9 ? 1 : value <= 6 ? -1 : 0);

/**
 * The effective size of a weighted estimate: the variance one answer would have, over the
 * estimate's linearised variance (the n an unweighted sample would need for the same margin).
 * Kish's (Σw)²/Σw² when there is no spread to compare (every answer alike).
 */
export function effectiveSize(perAnswer: number, linearised: number | null, tally: Tally): number {
  return linearised !== null && linearised > 0 && perAnswer > 0 ? perAnswer / linearised : tally.effectiveResponses;
}

/**
 * [promoters, passives, detractors] among the answers counted in `counts` from `from` (how many
 * answered 0, 1, … 10), the classes as classify() draws them: 9–10, 7–8, 0–6. In one pass: this
 * runs once per group, and there may be hundreds of thousands.
 */
export function npsClasses(counts: ArrayLike<number>, from = 0): [number, number, number] {
  let detractors = 0;
  for (let score = 0; score <= 6; score++) detractors += counts[from + score] ?? 0;
  return [(counts[from + 9] ?? 0) + (counts[from + 10] ?? 0), (counts[from + 7] ?? 0) + (counts[from + 8] ?? 0), detractors];
}

/** npsClasses of a tally's counts, read where they are (Tally.inTable: no array made). */
export function tallyNpsClasses(tally: Tally): [number, number, number] {
  return tally.read(npsClasses);
}

/** What a weighted NPS rests on (statsOf): the shares of the weight, the NPS score's linearised variance, and the effective size. */
interface WeightedShares {
  total: number;
  /** Answers, and weight: false leaves every share 0. */
  some: boolean;
  p: number;
  a: number;
  d: number;
  variance: number | null;
  n: number;
}

function weightedShares(tally: Tally, responses: number): WeightedShares {
  const total = tally.weightBetween();
  const some = responses > 0 && total > 0;
  const p = some ? tally.weightBetween(9, 10) / total : 0;
  const d = some ? tally.weightBetween(0, 6) / total : 0;
  const a = some ? tally.weightBetween(7, 8) / total : 0;
  const variance = some ? tally.linearisedVariance(npsScore) : null;
  const n = effectiveSize(p + d - (p - d) ** 2, variance, tally);
  return { total, some, p, a, d, variance, n };
}

/**
 * A weighted tally's class counts for shrinkage, as classCounts reads them off its Stats (each
 * share of the effective size, the same doubles), without the Stats' intervals and tens share:
 * hundreds of thousands of weighted groups (BENCHMARKS.md, issue 17, thirteenth session). Null
 * without answers or weight.
 */
export function weightedNpsClasses(tally: Tally): number[] | null {
  const [promoters, passives, detractors] = tallyNpsClasses(tally);
  const { some, p, a, d, n } = weightedShares(tally, promoters + passives + detractors);
  if (!some) return null;
  // classCounts' (share / 100) × n, the share being 100 × the fraction.
  return [((100 * p) / 100) * n, ((100 * a) / 100) * n, ((100 * d) / 100) * n];
}

/**
 * The Stats of a tally. Weighted (--weight), the shares are Σw·[class]/Σw, the margin of error
 * is 1.96 times the linearised (Taylor) standard error of the weighted mean of the +1/0/−1
 * scores, and the interval is the adjusted-Wald one on the effective size that variance gives;
 * `responses` and the class counts stay counts of rows. A group whose weights add up to 0 has no
 * NPS, shares, margin or interval.
 */
export function statsOf(tally: Tally, method: IntervalMethod = 'adjusted-wald', weighted = false): Stats {
  const distribution = tally.copyCounts();
  const [promoters, passives, detractors] = npsClasses(distribution);
  const responses = detractors + passives + promoters;
  if (!weighted) {
    const standardError = npsStandardError(promoters, detractors, responses);
    // 100 × count / n exactly as written (not 100 × (count / n), which rounds differently).
    const some = responses > 0;
    const tens = promoters > 0 ? (distribution[10] as number) / promoters : 0;
    return {
      responses,
      promoters,
      passives,
      detractors,
      promoterShare: some ? (100 * promoters) / responses : null,
      passiveShare: some ? (100 * passives) / responses : null,
      detractorShare: some ? (100 * detractors) / responses : null,
      nps: npsOf(promoters, detractors, responses),
      marginOfError: standardError === null ? null : Z95 * standardError,
      interval: npsInterval(promoters, passives, detractors, method),
      distribution,
      // The 9-vs-10 split unweighted: the share of 10s among the promoters, on their count (weightedTens below).
      tensShare: promoters > 0 ? 100 * tens : null,
      tensInterval: promoters > 0 ? wilsonInterval(tens * promoters, promoters) : null,
    };
  }
  const { total, some, p, a, d, variance, n } = weightedShares(tally, responses);
  const share = (fraction: number): number | null => (some ? 100 * fraction : null);
  const interval = !some ? null : method === 'wald' ? waldInterval(100 * (p - d), variance) : npsInterval(p * n, a * n, d * n, method);
  return {
    responses,
    promoters,
    passives,
    detractors,
    promoterShare: share(p),
    passiveShare: share(a),
    detractorShare: share(d),
    nps: some ? 100 * (p - d) : null,
    marginOfError: variance === null ? null : Z95 * 100 * Math.sqrt(variance),
    interval,
    distribution,
    ...weightedTens(tally),
    weight: total,
    effectiveResponses: some ? n : 0,
  };
}

/** NPS ± 1.96 standard errors (the variance of NPS/100), clamped. */
function waldInterval(nps: number, variance: number | null): [number, number] | null {
  if (variance === null) return null;
  const half = Z95 * 100 * Math.sqrt(variance);
  return [clamp(nps - half), clamp(nps + half)];
}
