// Is a difference real? Two-sample tests whose verdicts hold at small sizes, each with the
// interval of the difference that goes with it (the interval leaves out 0 exactly when the test
// says significant):
// - for small or unequal sides (compareExactly, unweighted), the exact permutation test
//   (exact.ts), with Miettinen's test-based interval around the observed difference;
// - otherwise a test whose variances cannot be zero: for NPS the adjusted-Wald pseudo-counts of
//   each side (Rocks 2016; Lewis & Sauro 2021, MeasuringU) read on Student's t, for shares
//   Agresti–Caffo.

import { compareExactly, permutationP } from './exact.js';
import { normalQuantile, twoSidedP } from './normal.js';
import { tQuantileTwoSided, twoSidedTP } from './student-t.js';
import type { Stats } from './stats.js';

export const TEST_NAMES = ['exact-permutation', 'adjusted-wald-t', 'agresti-caffo-z', 'welch-t'] as const;
export type TestName = (typeof TEST_NAMES)[number];

export interface Comparison {
  /** The observed difference b − a (NPS in points, a share in points, a mean in scale points). */
  difference: number;
  /** The (1 − alpha) interval of the difference, by the test's method. */
  interval: [number, number];
  /** The standard error the interval comes from; null when the data cannot tell the sides apart at any level (p = 1). */
  standardError: number | null;
  /** The test statistic: z, Welch's t, or for the exact test the z with the same two-sided p. */
  z: number;
  pValue: number;
  alpha: number;
  significant: boolean;
  test: TestName;
  /** Welch's t only. */
  degreesOfFreedom?: number;
}

/** The critical value of a two-sided test at level alpha. */
export const criticalZ = (alpha: number): number => normalQuantile(1 - alpha / 2);

/** The z whose two-sided p-value is p (0 for p = 1; finite down to the smallest double). */
export function zOfP(pValue: number): number {
  if (pValue >= 1) return 0;
  return -normalQuantile(Math.max(pValue / 2, 1e-300));
}

const clampTo = ([low, high]: readonly [number, number], [a, b]: [number, number]): [number, number] => [Math.min(high, Math.max(low, a)), Math.min(high, Math.max(low, b))];

/**
 * A test of an estimate (an adjusted difference) with its standard error (> 0), on the normal
 * distribution or, given degrees of freedom, on Student's t; the interval is estimate ± critical ·
 * SE, clamped to what the difference can be.
 */
export function zComparison(difference: number, estimate: number, standardError: number, alpha: number, test: TestName, bounds: readonly [number, number], degrees?: number): Comparison {
  const z = estimate / standardError;
  const pValue = degrees === undefined ? twoSidedP(z) : twoSidedTP(z, degrees);
  const critical = degrees === undefined ? criticalZ(alpha) : tQuantileTwoSided(alpha, degrees);
  return {
    difference,
    interval: clampTo(bounds, [estimate - critical * standardError, estimate + critical * standardError]),
    standardError,
    z,
    pValue,
    alpha,
    significant: pValue < alpha,
    test,
    ...(degrees === undefined ? {} : { degreesOfFreedom: degrees }),
  };
}

/**
 * An exact test's p-value with an interval that agrees with it: the approximate test's interval
 * (adjusted Wald, Agresti–Caffo, Welch) when it leaves out 0 exactly when p < alpha; otherwise
 * Miettinen's (1976) test-based interval around the observed difference, whose standard error is
 * |difference| / z(p), so that it leaves out 0 exactly when p < alpha. (The test-based interval
 * alone grows without bound as p nears 1, so it is kept for where the two verdicts part.)
 */
export function exactComparison(difference: number, pValue: number, approximate: { interval: [number, number]; standardError: number } | null, alpha: number, bounds: readonly [number, number]): Comparison {
  const significant = pValue < alpha;
  const zp = zOfP(pValue);
  const z = zp === 0 ? 0 : Math.sign(difference) * zp;
  // One literal, not the fields above spread at the start of another (~1 µs each: BENCHMARKS.md,
  // issue 17, twenty-second session); the same fields in the same order.
  const made = (standardError: number | null, interval: [number, number]): Comparison => ({ difference, pValue, alpha, significant, test: 'exact-permutation', z, standardError, interval });
  if (approximate) {
    const [low, high] = approximate.interval;
    if (low > 0 || high < 0 ? significant : !significant) return made(approximate.standardError, approximate.interval);
  }
  if (difference === 0 || zp === 0) return made(null, [bounds[0], bounds[1]]);
  const critical = criticalZ(alpha);
  const standardError = Math.abs(difference) / zp;
  return made(standardError, clampTo(bounds, [difference - critical * standardError, difference + critical * standardError]));
}

/** What a side of an NPS comparison holds: its size (effective when weighted) and class shares. */
interface NpsSide {
  n: number;
  promoters: number;
  passives: number;
  detractors: number;
  weighted: boolean;
}

function npsSide(stats: Stats): NpsSide | null {
  if (stats.responses <= 0 || stats.nps === null || stats.promoterShare === null || stats.detractorShare === null || stats.passiveShare === null) return null;
  const weighted = stats.weight !== undefined;
  const n = weighted ? (stats.effectiveResponses ?? 0) : stats.responses;
  if (!(n > 0)) return null;
  // Weighted: the weighted shares of the effective size.
  return weighted
    ? { n, promoters: (stats.promoterShare / 100) * n, passives: (stats.passiveShare / 100) * n, detractors: (stats.detractorShare / 100) * n, weighted }
    : { n, promoters: stats.promoters, passives: stats.passives, detractors: stats.detractors, weighted };
}

/** The adjusted-Wald estimate of NPS (a fraction, −1..1) and its variance: 0.75 promoters, 1.5 passives, 0.75 detractors added. */
export function adjustedNps(promoters: number, detractors: number, n: number): { estimate: number; variance: number } {
  const size = n + 3;
  const p = (promoters + 0.75) / size;
  const d = (detractors + 0.75) / size;
  return { estimate: p - d, variance: (p + d - (p - d) ** 2) / size };
}

/** What the test of NPS(b) − NPS(a) works from, before any interval: compareNps and npsChange share it. */
interface NpsTest {
  difference: number;
  /** The adjusted-Wald estimate of the difference (points), its standard error, and Welch's degrees. */
  estimate: number;
  standardError: number;
  degrees: number;
  /** The exact test's p-value where the sides are compared exactly; else null (the t test's). */
  exactP: number | null;
}

function npsTest(a: Stats, b: Stats): NpsTest | null {
  const [sa, sb] = [npsSide(a), npsSide(b)];
  if (!sa || !sb || a.nps === null || b.nps === null) return null;
  const [ja, jb] = [adjustedNps(sa.promoters, sa.detractors, sa.n), adjustedNps(sb.promoters, sb.detractors, sb.n)];
  // NPS/100 is a mean of −1/0/+1 scores: the statistic is read on Student's t with Welch–Satterthwaite
  // degrees from the adjusted sizes, which keeps the far tail honest (a family of 60 groups of 100
  // judged on the normal tail said "significant" 1.45 times too often at p = 0.05/60).
  const degrees = (ja.variance + jb.variance) ** 2 / (ja.variance ** 2 / (sa.n + 2) + jb.variance ** 2 / (sb.n + 2));
  const counts = (s: NpsSide): number[] => [s.detractors, s.passives, s.promoters];
  const exactP = !sa.weighted && !sb.weighted && compareExactly(sa.n, sb.n) ? permutationP(counts(sa), counts(sb)) : null;
  return { difference: b.nps - a.nps, estimate: 100 * (jb.estimate - ja.estimate), standardError: 100 * Math.sqrt(ja.variance + jb.variance), degrees, exactP };
}

const NPS_BOUNDS = [-200, 200] as const;

/** NPS(b) − NPS(a): exact for small or unequal sides, else the adjusted-Wald t test; null when a side has no NPS. */
export function compareNps(a: Stats, b: Stats, alpha = 0.05): Comparison | null {
  const test = npsTest(a, b);
  if (test === null) return null;
  const { difference, estimate, standardError, degrees, exactP } = test;
  const approximate = zComparison(difference, estimate, standardError, alpha, 'adjusted-wald-t', NPS_BOUNDS, degrees);
  return exactP === null ? approximate : exactComparison(difference, exactP, { interval: approximate.interval, standardError }, alpha, NPS_BOUNDS);
}

/** A comparison's difference and p-value alone. */
export interface Change {
  difference: number;
  pValue: number;
}

/**
 * compareNps' difference and p-value alone, without its interval (whose t quantile is most of
 * the t test's cost): what a trend keeps of each of hundreds of thousands of changes. The same
 * doubles as compareNps gives.
 */
export function npsChange(a: Stats, b: Stats): Change | null {
  const test = npsTest(a, b);
  if (test === null) return null;
  return { difference: test.difference, pValue: test.exactP ?? twoSidedTP(test.estimate / test.standardError, test.degrees) };
}
