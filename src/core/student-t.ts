// Student's t distribution, for tests on means (CES, CSAT means): the two-sided p-value
// through the regularised incomplete beta function. Pure arithmetic.

import { normalQuantile } from './normal.js';

/** Lanczos' coefficients for g = 7, n = 9 (made once: an array literal in logGamma was made anew at each of its millions of calls in a fit). */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012,
  9.9843695780195716e-6, 1.5056327351493116e-7,
] as const;

/** ln Γ(x) for x > 0: Lanczos' approximation (g = 7, n = 9), relative error near 1e-15. */
export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let sum: number = LANCZOS[0];
  for (let i = 1; i < 9; i++) sum += (LANCZOS[i] as number) / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

/** The continued fraction of the incomplete beta function (modified Lentz). */
function betaFraction(a: number, b: number, x: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= 300; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const step = d * c;
    h *= step;
    if (Math.abs(step - 1) < 1e-15) break;
  }
  return h;
}

/** ln Γ(a + b) − ln Γ(a) − ln Γ(b): the part of I_x(a, b)'s front factor that does not depend on x. */
function logBetaFront(a: number, b: number): number {
  return logGamma(a + b) - logGamma(a) - logGamma(b);
}

/** I_x(a, b) given logBetaFront(a, b), for 0 < x < 1 (the same sum, in the same order, as computed whole). */
function incompleteBetaFrom(x: number, a: number, b: number, logFront: number): number {
  const front = Math.exp(logFront + a * Math.log(x) + b * Math.log(1 - x));
  // The fraction converges fast on this side; the other side by symmetry.
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, 1 - x)) / b;
}

/** The regularised incomplete beta function I_x(a, b). */
export function incompleteBeta(x: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return incompleteBetaFrom(x, a, b, logBetaFront(a, b));
}

/** P(|T| ≥ |t|) with df degrees of freedom, given logBetaFront(df / 2, 0.5). */
function tTail(t: number, df: number, logFront: number): number {
  if (!Number.isFinite(t)) return 0;
  if (!(df > 0)) return NaN;
  const x = df / (df + t * t);
  if (x <= 0) return 0;
  if (x >= 1) return 1;
  return incompleteBetaFrom(x, df / 2, 0.5, logFront);
}

/** Two-sided p-value of a t statistic with `df` degrees of freedom: P(|T| ≥ |t|). */
export function twoSidedTP(t: number, df: number): number {
  return tTail(t, df, logBetaFront(df / 2, 0.5));
}

/**
 * The t value with P(|T| ≥ t) = p (by bisection on the p-value, which falls as t grows). The
 * bisection stops at 100 steps or where a step leaves both ends as they were: every step after
 * that would too, so the answer is the one 100 steps give (a trend compares every period with
 * the one before, hundreds of thousands of times; most steps were spent there).
 */
export function tQuantileTwoSided(p: number, df: number): number {
  // Small groups give the same few degrees of freedom again and again: each (p, df) is worked out once.
  let known = quantiles.get(p);
  if (known === undefined) quantiles.set(p, (known = new Map()));
  let quantile = known.get(df);
  if (quantile === undefined) {
    if (known.size >= QUANTILES_KEPT) known.clear();
    quantile = bisectQuantile(p, df);
    known.set(df, quantile);
  }
  return quantile;
}

/** Quantiles worked out, per p and then df; at most QUANTILES_KEPT per p (memory bounded whatever the groups). */
const quantiles = new Map<number, Map<number, number>>();
const QUANTILES_KEPT = 100_000;

/**
 * How far on either side of a close guess the bisection's steps are worked out (relative): far
 * above the p-value's rounding (near 1e-15 of it; a relative change of 1e-13 in t moves the
 * p-value by ~1e-13 or more), so that beyond it which way a step goes is certain. The guess is
 * closer than this (it was 1e-11, with six more steps a quantile to work out; BENCHMARKS.md,
 * issue 17, tenth session).
 */
const SPAN = 1e-13;

/**
 * The bisection of tQuantileTwoSided, step for step. Its steps are known without the p-value
 * where they fall outside (near, far), a bracket around a close guess that is checked to hold the
 * answer (above p at near, not above at far): the p-value falls as t grows, so a step at or
 * below near keeps the upper half and one at or above far the lower. Only steps inside are
 * worked out: about 18 p-values instead of 55 or more (24 with a span of 1e-11), and the same double
 * (test/core/student-t.test.ts). Without a guess every step is worked out.
 */
function bisectQuantile(p: number, df: number): number {
  const logFront = logBetaFront(df / 2, 0.5);
  const above = (t: number): boolean => tTail(t, df, logFront) > p;
  let near = 0;
  let far = Infinity;
  const guess = closeQuantile(p, df, logFront);
  if (guess > 0 && Number.isFinite(guess) && above(guess * (1 - SPAN)) && !above(guess * (1 + SPAN))) {
    near = guess * (1 - SPAN);
    far = guess * (1 + SPAN);
  }
  const goesUp = (t: number): boolean => (t <= near ? true : t >= far ? false : above(t));
  let low = 0;
  let high = 1;
  while (goesUp(high)) high *= 2;
  for (let i = 0; i < 100; i++) {
    const middle = (low + high) / 2;
    if (goesUp(middle)) {
      if (low === middle) break;
      low = middle;
    } else {
      if (high === middle) break;
      high = middle;
    }
  }
  return (low + high) / 2;
}

/**
 * A close guess at the t with P(|T| ≥ t) = p, or NaN: Cornish–Fisher's expansion around the
 * normal quantile, then Newton's steps on ln P (whose slope is −2·density/P). Only a guess: the
 * bisection decides.
 */
function closeQuantile(p: number, df: number, logFront: number): number {
  if (!(p > 1e-300 && p < 1) || !(df >= 1)) return NaN;
  const z = normalQuantile(1 - p / 2);
  const z3 = z * z * z;
  let t = z + (z3 + z) / (4 * df) + (5 * z3 * z * z + 16 * z3 + 3 * z) / (96 * df * df);
  // ln of the density's factor that does not depend on t: Γ((ν+1)/2) / (Γ(ν/2)·√(νπ)), with Γ(1/2) = √π.
  const logScale = logFront - 0.5 * Math.log(df);
  for (let step = 0; step < 3; step++) {
    const tail = tTail(t, df, logFront);
    if (!(tail > 0)) return NaN;
    const density = Math.exp(logScale - ((df + 1) / 2) * Math.log1p((t * t) / df));
    const next = t + ((Math.log(tail) - Math.log(p)) * tail) / (2 * density);
    if (!(next > 0) || !Number.isFinite(next)) return NaN;
    t = next;
  }
  return t;
}
