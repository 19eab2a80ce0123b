// The measures beside NPS, from the same tallies (a count, and with weights Σw and Σw², per
// value 0–10):
// - CSAT: the share of satisfied answers (top two boxes: 4–5 of 1–5, 6–7 of 1–7, 9–10 of 1–10)
//   and the mean;
// - CES: the mean and the share of easy answers (5–7 of 1–7, 4–5 of 1–5, 8–10 of 1–10).
// Margins: a proportion's for shares, 1.96 × the standard error for means. Weighted, both come
// from the effective sample size (Σw)²/Σw². Pure.

import { twoSidedP } from './normal.js';
import { effectiveSize, Z95, type IntervalMethod, type Stats } from './stats.js';
import { twoSidedTP, tQuantileTwoSided } from './student-t.js';
import type { Tally } from './tally.js';
import { binomialP, compareExactly, EXACT_BELOW, permutationP, trinomialP } from './exact.js';
import { adjustedNps, compareNps, criticalZ, exactComparison, npsChange, zComparison, zOfP, type Change, type Comparison } from './significance.js';

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
  /** With bands: whether the whole 95% interval lies in the band (null without an interval). */
  bandSettled?: boolean | null;
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

/**
 * The mean of the answers, and its standard error: s/√n unweighted (s the sample standard
 * deviation), the linearised (Taylor) one weighted, with the effective size that goes with it.
 */
function meanOf(tally: Tally, weighted: boolean): { mean: number | null; standardError: number | null; size: number } {
  const total = tally.weightBetween();
  const n = tally.responses;
  if (!(total > 0)) return { mean: null, standardError: null, size: weighted ? 0 : n };
  let sum = 0;
  for (let v = 0; v <= 10; v++) sum += v * tally.weightOf(v);
  const mean = sum / total;
  let squares = 0;
  for (let v = 0; v <= 10; v++) squares += (v - mean) ** 2 * tally.weightOf(v);
  const perAnswer = squares / total;
  if (!weighted) return { mean, standardError: n > 1 ? Math.sqrt((perAnswer * (n / (n - 1))) / n) : null, size: n };
  const variance = tally.linearisedVariance((v) => v);
  return { mean, standardError: n > 1 && variance !== null ? Math.sqrt(variance) : null, size: effectiveSize(perAnswer, variance, tally) };
}

/** A share's margin, interval and effective size: p(1 − p)/n unweighted, the linearised variance of the weighted share weighted. */
function shareOf(tally: Tally, [low, high]: ValueRange, method: IntervalMethod, weighted: boolean): { fraction: number; margin: number | null; interval: [number, number] | null; size: number } | null {
  const total = tally.weightBetween();
  if (!(tally.responses > 0 && total > 0)) return null;
  const fraction = tally.weightBetween(low, high) / total;
  if (!weighted) {
    const n = tally.responses;
    return { fraction, margin: Z95 * 100 * Math.sqrt((fraction * (1 - fraction)) / n), interval: shareInterval(fraction, n, method), size: n };
  }
  const variance = tally.linearisedVariance((v) => (v >= low && v <= high ? 1 : 0));
  const size = effectiveSize(fraction * (1 - fraction), variance, tally);
  const interval = method === 'wald' && variance !== null ? clampShare(100 * fraction, Z95 * 100 * Math.sqrt(variance)) : shareInterval(fraction, size, method);
  return { fraction, margin: variance === null ? null : Z95 * 100 * Math.sqrt(variance), interval, size };
}

const clampShare = (share: number, half: number): [number, number] => [Math.max(0, share - half), Math.min(100, share + half)];

/**
 * A rating's Stats: the fields every rating's begin with, in the JSON's order (unweighted, or with
 * the weight and effective size), then the metric's `own`. Made as one literal with `own` spread
 * at its end: the fields before spread at the start of each Stats (V8 clones, then adds to the
 * clone) took ~1 µs a Stats, most of a CES day trend's time and a third of its collector's
 * (BENCHMARKS.md, issue 17, twenty-second session).
 */
function ratingStats<Own extends object>(tally: Tally, weighted: boolean, size: number, mean: number | null, own: Own): RatingStatsBase & Own {
  const distribution = [...tally.distribution];
  return weighted
    ? { responses: tally.responses, mean, distribution, weight: tally.weightBetween(), effectiveResponses: size, ...own }
    : { responses: tally.responses, mean, distribution, ...own };
}

const countBetween = (tally: Tally, [low, high]: ValueRange): number => tally.distribution.slice(low, high + 1).reduce((a, b) => a + b, 0);

export function csatStats(tally: Tally, satisfied: ValueRange, method: IntervalMethod, weighted = false): CsatStats {
  const share = shareOf(tally, satisfied, method, weighted);
  const { mean, standardError } = meanOf(tally, weighted);
  return ratingStats(tally, weighted, share?.size ?? 0, mean, {
    satisfied: countBetween(tally, satisfied),
    csat: share ? 100 * share.fraction : null,
    marginOfError: share?.margin ?? null,
    meanMarginOfError: standardError === null ? null : Z95 * standardError,
    interval: share?.interval ?? null,
  });
}

export function cesStats(tally: Tally, easy: ValueRange, scale: ValueRange, weighted = false): CesStats {
  const share = shareOf(tally, easy, 'wald', weighted);
  const { mean, standardError, size } = meanOf(tally, weighted);
  const margin = standardError === null ? null : Z95 * standardError;
  return ratingStats(tally, weighted, size, mean, {
    easy: countBetween(tally, easy),
    easyShare: share ? 100 * share.fraction : null,
    marginOfError: margin,
    easyMarginOfError: share?.margin ?? null,
    interval: mean === null || margin === null ? null : ([Math.max(scale[0], mean - margin), Math.min(scale[1], mean + margin)] as [number, number]),
  });
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

const isWeighted = (stats: AnyStats): boolean => stats.weight !== undefined;

/** The answers on a rating scale a difference of means can span. */
const meanBounds = (scale: ValueRange | undefined): [number, number] => {
  const span = scale ? scale[1] - scale[0] : 10;
  return [-span, span];
};

/**
 * A CSAT or CES comparison's difference (b − a), whether both sides are unweighted, and whether
 * they are small enough for the exact test (the smaller side under EXACT_BELOW answers,
 * unweighted); null when a side has no headline or no answers.
 */
function ratingSides(metric: MetricName, a: AnyStats, b: AnyStats): { difference: number; unweighted: boolean; small: boolean } | null {
  const [ha, hb] = [headline(metric, a), headline(metric, b)];
  if (ha === null || hb === null || !(sizeOf(a) > 0) || !(sizeOf(b) > 0)) return null;
  const unweighted = !isWeighted(a) && !isWeighted(b);
  return { difference: hb - ha, unweighted, small: unweighted && Math.min(a.responses, b.responses) < EXACT_BELOW };
}

/**
 * Is the headline different between a and b? NPS: compareNps. CSAT: the exact permutation test
 * of the 0/1 answers for small or unequal sides (compareExactly; unweighted), else Agresti–Caffo
 * (one satisfied and one not added to each side). CES: the exact permutation test of the answers below
 * EXACT_BELOW a side (unweighted), else Welch's t; sides with no spread at all are told apart
 * by the exact test at any size. Null when a side has no headline.
 */
export function compareMetric(metric: MetricName, a: AnyStats, b: AnyStats, alpha = 0.05, scale?: ValueRange): Comparison | null {
  if (metric === 'nps') return compareNps(a as Stats, b as Stats, alpha);
  const sides = ratingSides(metric, a, b);
  if (sides === null) return null;
  const { difference, unweighted, small } = sides;
  if (metric === 'csat') {
    const [sa, sb] = [a as CsatStats, b as CsatStats];
    const plusFour = (s: CsatStats): { estimate: number; variance: number } => {
      const n = sizeOf(s) + 2;
      const p = (((s.csat ?? 0) / 100) * sizeOf(s) + 1) / n;
      return { estimate: p, variance: (p * (1 - p)) / n };
    };
    const [ja, jb] = [plusFour(sa), plusFour(sb)];
    const standardError = 100 * Math.sqrt(ja.variance + jb.variance);
    const approximate = zComparison(difference, 100 * (jb.estimate - ja.estimate), standardError, alpha, 'agresti-caffo-z', [-100, 100]);
    if (unweighted && compareExactly(sa.responses, sb.responses)) {
      const counts = (s: CsatStats): number[] => [s.responses - s.satisfied, s.satisfied];
      return exactComparison(difference, permutationP(counts(sa), counts(sb)), { interval: approximate.interval, standardError }, alpha, [-100, 100]);
    }
    return approximate;
  }
  const bounds = meanBounds(scale);
  const test = meanTest(a, b, difference, small);
  const { pValue, welchError } = test;
  if (test.exact) return exactComparison(difference, pValue, welchInterval(difference, welchError, a, b, alpha, bounds), alpha, bounds);
  if (test.degrees === null || welchError === null) {
    // Weighted sides too small or too uniform to estimate a spread: nothing can be told.
    return { difference, interval: bounds, standardError: null, z: 0, pValue, alpha, significant: false, test: 'welch-t' };
  }
  const { degrees } = test;
  const t = difference / welchError;
  const critical = tQuantileTwoSided(alpha, degrees);
  const low = Math.max(bounds[0], difference - critical * welchError);
  const high = Math.min(bounds[1], difference + critical * welchError);
  return { difference, interval: [low, high], standardError: welchError, z: t, pValue, alpha, significant: pValue < alpha, test: 'welch-t', degreesOfFreedom: degrees };
}

/**
 * The test of two means (CES) that compareMetric makes, without its interval, and its p-value:
 * the exact test's when the answers' own split decides (unweighted and small, or two sides with
 * no spread; `exact`), else Welch's t with its standard error and degrees of freedom, or (null
 * both) p = 1 when a side has no spread to estimate: nothing can be told.
 */
function meanTest(a: AnyStats, b: AnyStats, difference: number, small: boolean): { pValue: number; exact: boolean; welchError: number | null; degrees: number | null } {
  const [ea, eb] = [standardErrorOf(a), standardErrorOf(b)];
  const welchError = ea !== null && eb !== null ? Math.sqrt(ea * ea + eb * eb) : null;
  // Unweighted and small, or (at any size) two sides with no spread: the answers' own split decides.
  if ((small || welchError === 0) && !isWeighted(a) && !isWeighted(b)) return { pValue: permutationP(a.distribution, b.distribution), exact: true, welchError, degrees: null };
  if (welchError === null || ea === null || eb === null || welchError === 0) return { pValue: 1, exact: false, welchError: null, degrees: null };
  const degrees = welchDegrees(ea, eb, sizeOf(a), sizeOf(b));
  return { pValue: twoSidedTP(difference / welchError, degrees), exact: false, welchError, degrees };
}

/**
 * compareMetric's difference and p-value alone: NPS's and CES's without working out an interval
 * (npsChange; meanTest), CSAT's from its comparison (a normal interval, no t quantile). What a
 * trend keeps of each change.
 */
export function metricChange(metric: MetricName, a: AnyStats, b: AnyStats, alpha = 0.05, scale?: ValueRange): Change | null {
  if (metric === 'nps') return npsChange(a as Stats, b as Stats);
  if (metric === 'ces') {
    // compareMetric's mean test, without the t quantile of its interval.
    const sides = ratingSides(metric, a, b);
    return sides === null ? null : { difference: sides.difference, pValue: meanTest(a, b, sides.difference, sides.small).pValue };
  }
  const comparison = compareMetric(metric, a, b, alpha, scale);
  return comparison === null ? null : { difference: comparison.difference, pValue: comparison.pValue };
}

/** Welch–Satterthwaite degrees of freedom of two means' standard errors. */
function welchDegrees(ea: number, eb: number, na: number, nb: number): number {
  const df = (ea * ea + eb * eb) ** 2 / (ea ** 4 / Math.max(1e-12, na - 1) + eb ** 4 / Math.max(1e-12, nb - 1));
  return Number.isFinite(df) && df > 0 ? df : Math.max(1, na + nb - 2);
}

/** Welch's interval of a difference of means, for the exact test to show when their verdicts agree; null without a spread. */
function welchInterval(difference: number, error: number | null, a: AnyStats, b: AnyStats, alpha: number, bounds: [number, number]): { interval: [number, number]; standardError: number } | null {
  const [ea, eb] = [standardErrorOf(a), standardErrorOf(b)];
  if (error === null || !(error > 0) || ea === null || eb === null) return null;
  const critical = tQuantileTwoSided(alpha, welchDegrees(ea, eb, sizeOf(a), sizeOf(b)));
  return { interval: [Math.max(bounds[0], difference - critical * error), Math.min(bounds[1], difference + critical * error)], standardError: error };
}

export const BENCHMARK_TESTS = ['exact', 'adjusted-wald-z', 'agresti-coull-z', 't', 'bounded-z'] as const;

export interface BenchmarkResult {
  benchmark: number;
  /** The score less the benchmark. */
  difference: number;
  /** The standard error of the statistic; null for an exact test. */
  standardError: number | null;
  /** The test statistic: z, or t for a mean (with its degrees of freedom); for an exact test the z with the same p. */
  z: number;
  test: (typeof BENCHMARK_TESTS)[number];
  degreesOfFreedom?: number;
  pValue: number;
  alpha: number;
  /** What the sample says: really above, really below, or not distinguishable from the benchmark. */
  verdict: 'above' | 'below' | 'not different';
}

/**
 * The score against an outside figure, by a one-sample test that holds at small sizes:
 * - NPS: exact below EXACT_BELOW answers (unweighted: the trinomial p-value, largest over the
 *   unknown passive share), else the adjusted-Wald z, whose interval is the one shown;
 * - CSAT: the exact binomial test below EXACT_BELOW answers (unweighted), else the Agresti–Coull z;
 * - CES: Student's t on n − 1 degrees; with no spread in the answers (or one answer), a z with
 *   the largest variance the scale allows at the benchmark (Bhatia–Davis), never certainty.
 */
export function benchmarkTest(metric: MetricName, stats: AnyStats, benchmark: number, alpha = 0.05, scale?: ValueRange): BenchmarkResult | null {
  const value = headline(metric, stats);
  const n = sizeOf(stats);
  if (value === null || !(n > 0)) return null;
  const difference = value - benchmark;
  const small = !isWeighted(stats) && stats.responses < EXACT_BELOW;
  const result = (test: BenchmarkResult['test'], z: number, pValue: number, standardError: number | null, extra: { degreesOfFreedom?: number } = {}): BenchmarkResult => ({
    benchmark,
    difference,
    standardError,
    z,
    test,
    ...extra,
    pValue,
    alpha,
    verdict: !(pValue < alpha) ? 'not different' : z > 0 ? 'above' : 'below',
  });
  const fromExact = (pValue: number): BenchmarkResult => result('exact', Math.sign(difference) * zOfP(pValue), pValue, null);
  if (metric === 'nps') {
    const s = stats as Stats;
    if (small) return fromExact(trinomialP(s.promoters, s.detractors, s.responses, benchmark / 100));
    const p = ((s.promoterShare ?? 0) / 100) * n;
    const d = ((s.detractorShare ?? 0) / 100) * n;
    const { estimate, variance } = adjustedNps(p, d, n);
    const standardError = 100 * Math.sqrt(variance);
    const z = (100 * estimate - benchmark) / standardError;
    return result('adjusted-wald-z', z, twoSidedP(z), standardError);
  }
  if (metric === 'csat') {
    const s = stats as CsatStats;
    if (small) return fromExact(binomialP(s.satisfied, s.responses, benchmark / 100));
    // Agresti–Coull: z²/2 satisfied and z²/2 not added, at the test's level.
    const critical = criticalZ(alpha);
    const size = n + critical * critical;
    const share = ((value / 100) * n + (critical * critical) / 2) / size;
    const standardError = 100 * Math.sqrt((share * (1 - share)) / size);
    const z = (100 * share - benchmark) / standardError;
    return result('agresti-coull-z', z, twoSidedP(z), standardError);
  }
  const standardError = standardErrorOf(stats);
  if (standardError !== null && standardError > 0) {
    const df = n - 1;
    const t = difference / standardError;
    return result('t', t, twoSidedTP(t, df), standardError, { degreesOfFreedom: df });
  }
  // No spread seen: the widest spread a mean of `benchmark` can have on the scale.
  const [low, high] = scale ?? [0, 10];
  const widest = Math.max(0, (high - benchmark) * (benchmark - low));
  if (widest === 0) return result('bounded-z', difference === 0 ? 0 : Math.sign(difference) * Infinity, difference === 0 ? 1 : 0, 0);
  const bounded = Math.sqrt(widest / n);
  const z = difference / bounded;
  return result('bounded-z', z, twoSidedP(z), bounded);
}

/** One side of the 9-vs-10 split: how many promoters, how many gave 10, the share and its Wilson interval. */
export interface TensSide {
  promoters: number;
  tens: number;
  share: number | null;
  interval: [number, number] | null;
}

/**
 * The share of 10s among promoters, a against b: the share test of CSAT (exact for small or
 * unequal sides, else Agresti–Caffo) on the promoters' 10s. Null when a side has no promoters.
 */
export function compareTens(a: Stats, b: Stats, alpha: number): (Comparison & { a: TensSide; b: TensSide }) | null {
  const side = (stats: Stats): TensSide => ({ promoters: stats.promoters, tens: stats.distribution[10] ?? 0, share: stats.tensShare, interval: stats.tensInterval });
  const asShare = (stats: Stats): CsatStats => {
    const tens = stats.distribution[10] ?? 0;
    const weighted = stats.effectivePromoters !== undefined;
    return {
      responses: stats.promoters,
      satisfied: tens,
      csat: stats.tensShare,
      mean: null,
      distribution: [stats.promoters - tens, tens],
      marginOfError: null,
      meanMarginOfError: null,
      interval: stats.tensInterval,
      // Weighted: Kish's effective number of promoters, as the share's interval has it.
      ...(weighted ? { weight: stats.weight ?? 0, effectiveResponses: stats.effectivePromoters } : {}),
    };
  };
  if (!(a.promoters > 0) || !(b.promoters > 0) || a.tensShare === null || b.tensShare === null) return null;
  const comparison = compareMetric('csat', asShare(a), asShare(b), alpha);
  return comparison ? { ...comparison, a: side(a), b: side(b) } : null;
}
