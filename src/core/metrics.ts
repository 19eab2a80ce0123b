// The measures beside NPS, from the same tallies (a count, and with weights Σw and Σw², per
// value 0–10):
// - CSAT: the share of satisfied answers (top two boxes: 4–5 of 1–5, 6–7 of 1–7, 9–10 of 1–10)
//   and the mean;
// - CES: the mean and the share of easy answers (5–7 of 1–7, 4–5 of 1–5, 8–10 of 1–10).
// Margins: a proportion's for shares, 1.96 × the standard error for means. Weighted, both come
// from the effective sample size (Σw)²/Σw². Pure.

import { normalQuantile, twoSidedP } from './normal.js';
import { Z95, type IntervalMethod, type Stats } from './stats.js';
import { twoSidedTP, tQuantileTwoSided } from './student-t.js';
import type { Tally } from './tally.js';
import { compareNps, comparisonOf, type Comparison } from './significance.js';

export const METRICS = ['nps', 'csat', 'ces'] as const;
export type MetricName = (typeof METRICS)[number];

/** Rating scales of CSAT and CES questions. */
export const RATING_SCALES = ['1-5', '1-7', '1-10'] as const;
export type RatingScaleName = (typeof RATING_SCALES)[number];

/** A range of values, both ends included. */
export type ValueRange = readonly [number, number];

export function scaleRange(scale: RatingScaleName): ValueRange {
  return [1, Number(scale.slice(2))];
}

/** The top boxes that count as satisfied (CSAT) or easy (CES) on each scale, unless the user says otherwise. */
export function defaultTopRange(metric: 'csat' | 'ces', scale: RatingScaleName): ValueRange {
  const high = scaleRange(scale)[1];
  if (metric === 'csat') return high === 10 ? [9, 10] : [high - 1, high];
  return high === 7 ? [5, 7] : high === 5 ? [4, 5] : [8, 10];
}

interface RatingStatsBase {
  responses: number;
  mean: number | null;
  distribution: number[];
  weight?: number;
  effectiveResponses?: number;
  band?: string | null;
}

export interface CsatStats extends RatingStatsBase {
  satisfied: number;
  /** 100 × satisfied / responses (weighted: 100 × Σw satisfied / Σw). */
  csat: number | null;
  /** 95% margin of the CSAT share, in points. */
  marginOfError: number | null;
  /** 95% margin of the mean, in scale points. */
  meanMarginOfError: number | null;
  /** 95% interval of the CSAT share, by the chosen method. */
  interval: [number, number] | null;
}

export interface CesStats extends RatingStatsBase {
  easy: number;
  easyShare: number | null;
  /** 95% margin of the mean (the CES), in scale points. */
  marginOfError: number | null;
  /** 95% margin of the easy share, in points. */
  easyMarginOfError: number | null;
  /** 95% interval of the mean. */
  interval: [number, number] | null;
}

export type AnyStats = Stats | CsatStats | CesStats;

/** The share's 95% interval in percent: Wald, or adjusted Wald (Agresti–Coull: add z²/2 successes and z²/2 failures). */
export function shareInterval(fraction: number, n: number, method: IntervalMethod, z = Z95): [number, number] | null {
  if (!(n > 0)) return null;
  const [centre, size] = method === 'adjusted-wald' ? [(fraction * n + (z * z) / 2) / (n + z * z), n + z * z] : [fraction, n];
  const half = z * Math.sqrt((centre * (1 - centre)) / size);
  return [Math.max(0, 100 * (centre - half)), Math.min(100, 100 * (centre + half))];
}

/** Mean, and the standard error of the mean from the (effective) sample, of the values in a tally. */
function meanOf(tally: Tally, n: number): { mean: number | null; standardError: number | null } {
  const total = tally.weightBetween();
  if (!(total > 0)) return { mean: null, standardError: null };
  let sum = 0;
  for (let v = 0; v <= 10; v++) sum += v * tally.weightOf(v);
  const mean = sum / total;
  let squares = 0;
  for (let v = 0; v <= 10; v++) squares += (v - mean) ** 2 * tally.weightOf(v);
  // The sample variance (n − 1 in the denominator; with weights, the same correction on the effective n).
  if (!(n > 1)) return { mean, standardError: null };
  const variance = (squares / total) * (n / (n - 1));
  return { mean, standardError: Math.sqrt(variance / n) };
}

function ratingBase(tally: Tally, weighted: boolean): { n: number; total: number; base: RatingStatsBase; meanError: number | null } {
  const responses = tally.responses;
  const n = weighted ? tally.effectiveResponses : responses;
  const { mean, standardError } = meanOf(tally, n);
  const total = tally.weightBetween();
  return {
    n,
    total,
    base: { responses, mean, distribution: [...tally.distribution], ...(weighted ? { weight: total, effectiveResponses: n } : {}) },
    meanError: standardError,
  };
}

const countBetween = (tally: Tally, [low, high]: ValueRange): number => tally.distribution.slice(low, high + 1).reduce((a, b) => a + b, 0);

export function csatStats(tally: Tally, satisfied: ValueRange, method: IntervalMethod, weighted = false): CsatStats {
  const { n, total, base, meanError } = ratingBase(tally, weighted);
  const fraction = total > 0 ? tally.weightBetween(satisfied[0], satisfied[1]) / total : 0;
  const some = base.responses > 0;
  return {
    ...base,
    satisfied: countBetween(tally, satisfied),
    csat: some ? 100 * fraction : null,
    marginOfError: some && n > 0 ? Z95 * 100 * Math.sqrt((fraction * (1 - fraction)) / n) : null,
    meanMarginOfError: meanError === null ? null : Z95 * meanError,
    interval: some ? shareInterval(fraction, n, method) : null,
  };
}

export function cesStats(tally: Tally, easy: ValueRange, scale: ValueRange, weighted = false): CesStats {
  const { n, total, base, meanError } = ratingBase(tally, weighted);
  const fraction = total > 0 ? tally.weightBetween(easy[0], easy[1]) / total : 0;
  const some = base.responses > 0;
  const margin = meanError === null ? null : Z95 * meanError;
  return {
    ...base,
    easy: countBetween(tally, easy),
    easyShare: some ? 100 * fraction : null,
    marginOfError: margin,
    easyMarginOfError: some && n > 0 ? Z95 * 100 * Math.sqrt((fraction * (1 - fraction)) / n) : null,
    interval: base.mean === null || margin === null ? null : [Math.max(scale[0], base.mean - margin), Math.min(scale[1], base.mean + margin)],
  };
}

/** The number a metric is read by: NPS, the CSAT share, the CES mean. */
export function headline(metric: MetricName, stats: AnyStats): number | null {
  if (metric === 'nps') return (stats as Stats).nps;
  if (metric === 'csat') return (stats as CsatStats).csat;
  return (stats as CesStats).mean;
}

/** The sample size a metric's margins come from: the effective one when weighted. */
const sizeOf = (stats: AnyStats): number => stats.effectiveResponses ?? stats.responses;

/** The standard error of the headline (its 95% margin over 1.96). */
function standardErrorOf(stats: AnyStats): number | null {
  return stats.marginOfError === null ? null : stats.marginOfError / Z95;
}

/**
 * Is the headline different between a and b? NPS: the z test on the +1/0/−1 scores; CSAT: the
 * two-proportion z test (each side's own variance); CES: Welch's t test on the means.
 */
export function compareMetric(metric: MetricName, a: AnyStats, b: AnyStats, alpha = 0.05): Comparison | null {
  if (metric === 'nps') return compareNps(a as Stats, b as Stats, alpha);
  const [va, vb] = [standardErrorOf(a), standardErrorOf(b)];
  const [ha, hb] = [headline(metric, a), headline(metric, b)];
  if (va === null || vb === null || ha === null || hb === null) return null;
  const difference = hb - ha;
  const standardError = Math.sqrt(va * va + vb * vb);
  if (metric === 'csat') return comparisonOf(difference, standardError, alpha, (z) => twoSidedP(z), normalQuantile(1 - alpha / 2));
  // Welch–Satterthwaite degrees of freedom.
  const [na, nb] = [sizeOf(a), sizeOf(b)];
  const df = (va * va + vb * vb) ** 2 / (va ** 4 / Math.max(1e-12, na - 1) + vb ** 4 / Math.max(1e-12, nb - 1));
  const degrees = Number.isFinite(df) && df > 0 ? df : Math.max(1, na + nb - 2);
  return { ...comparisonOf(difference, standardError, alpha, (t) => twoSidedTP(t, degrees), tQuantileTwoSided(alpha, degrees)), test: 'welch-t', degreesOfFreedom: degrees };
}

export interface BenchmarkResult {
  benchmark: number;
  /** The score less the benchmark. */
  difference: number;
  standardError: number;
  /** The test statistic: z, or t for a mean (with its degrees of freedom). */
  z: number;
  test: 'z' | 't';
  degreesOfFreedom?: number;
  pValue: number;
  alpha: number;
  /** What the sample says: really above, really below, or not distinguishable from the benchmark. */
  verdict: 'above' | 'below' | 'not different';
}

/**
 * The score against an outside figure: a one-sample test with the sample's own variance (the
 * one its margin of error comes from): z for NPS and shares, t (n − 1 degrees) for a mean.
 */
export function benchmarkTest(metric: MetricName, stats: AnyStats, benchmark: number, alpha = 0.05): BenchmarkResult | null {
  const value = headline(metric, stats);
  const standardError = standardErrorOf(stats);
  if (value === null || standardError === null) return null;
  const difference = value - benchmark;
  const mean = metric === 'ces';
  const df = sizeOf(stats) - 1;
  const { z, pValue, significant } = comparisonOf(difference, standardError, alpha, (t) => (mean ? twoSidedTP(t, df) : twoSidedP(t)), 0);
  return {
    benchmark,
    difference,
    standardError,
    z,
    test: mean ? 't' : 'z',
    ...(mean ? { degreesOfFreedom: df } : {}),
    pValue,
    alpha,
    verdict: !significant ? 'not different' : difference > 0 ? 'above' : 'below',
  };
}
