// Exact tests for small samples, where a normal approximation would read a variance that is
// zero or tiny as certainty:
// - the two-sample permutation test of a difference in means of whole-number answers (NPS as
//   −1/0/+1, a CSAT share as 0/1, a CES mean as the answers), conditional on the pooled
//   answers: under "both sides come from one population" every split of the pooled answers
//   into sides of these sizes is equally likely, so the p-value holds at any size;
// - one-sample tests of a share (binomial) and of NPS (trinomial, the passive share maximised
//   over, so the p-value holds whatever it is).
// Pure arithmetic.

import { logGamma } from './student-t.js';

/**
 * ln C(n, k). For a small k (or n − k), the sum of ln((n − k + i)/i): ln Γ of a large n loses
 * about 1e-8 to the size of its value when two are subtracted.
 */
export function logChoose(n: number, k: number): number {
  if (k < 0 || k > n) return -Infinity;
  const fewer = Math.min(k, n - k);
  if (fewer > 64) return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
  let sum = 0;
  for (let i = 1; i <= fewer; i++) sum += Math.log((n - fewer + i) / i);
  return sum;
}

/** Below this many answers on the smaller side, two-sample tests are exact (CES means, whose exact test costs most). */
export const EXACT_BELOW = 30;

/**
 * Whether NPS and shares are compared exactly. The normal (even Student's t) tail of their
 * adjusted statistics is too thin for the small p-values a family of tests is judged by when the
 * smaller side has fewer than 100 answers; and up to 1,000 when the sides differ in size (a group
 * against the rest), because the skew of a mean of −1/0/+1 or 0/1 scores cancels in a difference
 * only between sides of equal size. Both exact tests cost at most n² / 2 terms.
 */
export function compareExactly(na: number, nb: number): boolean {
  const [small, large] = na <= nb ? [na, nb] : [nb, na];
  return small < 100 || (small < 1000 && large > 2 * small);
}

/**
 * Two-sided p-value of the permutation test of mean(b) − mean(a), where countsA[v] and countsB[v]
 * are how many on each side answered v (a whole number 0, 1, …). The p-value is the share of
 * splits of the pooled answers whose difference is at least as far from 0 as the one observed.
 */
export function permutationP(countsA: readonly number[], countsB: readonly number[]): number {
  // One pass over the answer values (a day trend makes ~150,000 of these tests): the pooled
  // counts, the values answered, each side's size and sum, and the pooled sum T.
  const size = Math.max(countsA.length, countsB.length);
  const pooled = new Array<number>(size);
  const values: number[] = [];
  let na = 0;
  let nb = 0;
  let sumA = 0;
  let sumB = 0;
  for (let v = 0; v < size; v++) {
    const a = countsA[v] ?? 0;
    const b = countsB[v] ?? 0;
    pooled[v] = a + b;
    if (a + b > 0) values.push(v);
    na += a;
    nb += b;
    sumA += a * v;
    sumB += b * v;
  }
  if (na === 0 || nb === 0) throw new RangeError('a side without answers has no mean');
  if (values.length < 2) return 1;
  // The smaller side decides: its sum S fixes the difference, N·S − ns·T being mean(large) − mean(small) scaled by −ns·nl.
  const ns = Math.min(na, nb);
  const observed = na <= nb ? sumA : sumB;
  const n = na + nb;
  const total = sumA + sumB;
  // Integer arithmetic: |ns·T − N·S| is the distance of the difference from 0, times ns·nl.
  const distance = (sum: number): number => Math.abs(ns * total - n * sum);
  const bar = distance(observed);
  const p =
    values.length === 2
      ? twoValueP(pooled, values as [number, number], ns, bar, distance, logChoose(n, ns))
      : values.length === 3
        ? threeValueP(pooled, values as [number, number, number], ns, bar, ns * total, n)
        : sumDistributionP(pooled, values, ns, bar, distance, logChoose(n, ns));
  // Every split counted sums to 1 up to rounding: say 1, not 0.9999999999999997.
  return p > 1 - 1e-12 ? 1 : p;
}

/** Two distinct answers: the count of the higher one on the smaller side is hypergeometric. */
function twoValueP(pooled: readonly number[], [low, high]: [number, number], ns: number, bar: number, distance: (sum: number) => number, logAll: number): number {
  const lowCount = pooled[low] ?? 0;
  const highCount = pooled[high] ?? 0;
  let p = 0;
  for (let x = Math.max(0, ns - lowCount); x <= Math.min(ns, highCount); x++) {
    if (distance(x * high + (ns - x) * low) >= bar) p += Math.exp(logChoose(highCount, x) + logChoose(lowCount, ns - x) - logAll);
  }
  return Math.min(1, p);
}

/**
 * Three rows for logChooseRow and chooseRow, kept from call to call and grown as needed: a day
 * trend makes hundreds of thousands of tests, and each made three arrays (BENCHMARKS.md, issue 17,
 * tenth session). Only a row's first most + 1 places are its own.
 */
const chooseRows = [new Float64Array(64), new Float64Array(64), new Float64Array(64)];

/** Row number `slot` of chooseRows, with room for most + 1 places. */
function rowOf(slot: number, most: number): Float64Array {
  const row = chooseRows[slot] as Float64Array;
  if (row.length >= most + 1) return row;
  return (chooseRows[slot] = new Float64Array(Math.max(most + 1, 2 * row.length)));
}

/** ln C(count, j) for j = 0 … most, by the recurrence C(c, j + 1) = C(c, j) · (c − j)/(j + 1), in row number `slot` of chooseRows. */
function logChooseRow(slot: number, count: number, most: number): Float64Array {
  const row = rowOf(slot, most);
  row.fill(-Infinity, 0, most + 1);
  row[0] = 0;
  for (let j = 0; j < Math.min(most, count); j++) row[j + 1] = (row[j] as number) + Math.log((count - j) / (j + 1));
  return row;
}

/** C(count, j) itself for j = 0 … most, by that recurrence (each place to about 2j roundings); for counts whose C stay far below 1e308. */
function chooseRow(slot: number, count: number, most: number): Float64Array {
  const row = rowOf(slot, most);
  row.fill(0, 0, most + 1);
  row[0] = 1;
  for (let j = 0; j < Math.min(most, count); j++) row[j + 1] = (row[j] as number) * ((count - j) / (j + 1));
  return row;
}

/** The share of the largest term below which a term of the three-value sum is left out. */
const CUT = 1e-30;

/**
 * The p-value from which the three-value test is 1 − (the share of tables less extreme than the
 * one seen): those are fewer to walk (BENCHMARKS.md, issue 17, twenty-first session). The
 * subtraction's error (the counts' rounding: seen up to ~1e-15 of 1, against every table counted
 * in whole numbers) is then under ~1e-13 of the p-value, as good as the sum in logs below it,
 * which loses ~1e-13 of the p-value itself (from 0.001, it was up to 3e-12).
 */
const COMPLEMENT_FROM = 0.01;

/** The share of all tables below which a table is left out of that complement: at most ns²/2 of them, under 1e-14 in all for ns < 1,000. */
const COMPLEMENT_CUT = 1e-20;

/**
 * The complement is counted only where ns·(1 + ln(n / ns)), a bound on ln C(n, ns) (C(n, k) ≤
 * (e·n/k)^k), is at most this: every count of tables is then a double under e^500 ≈ 1e217. A day
 * trend's ~70 answers a side come to ~115; both sides up to ~170, or 50 against 10,000, come
 * under it.
 */
const COMPLEMENT_LOGS = 500;

/** The largest whole q with k·q ≤ x (k > 0; x and k whole): their quotient floored, made exact where a double's division rounds. */
function floorQuotient(x: number, k: number): number {
  let q = Math.floor(x / k);
  while (k * (q + 1) <= x) q++;
  while (k * q > x) q--;
  return q;
}

/**
 * Three distinct answers (NPS's −1/0/+1): the tables of the smaller side, (x of the lowest, y of
 * the highest, the rest between), each weighing C(cl, x)·C(ch, y)·C(cm, ns − x − y) of C(n, ns).
 * In row x the distance |scaledTotal − n·sum| is a line in y, so the tables as extreme as the one
 * seen are y ≤ below and y ≥ above (found once a row, whole numbers below 2^53 throughout), and
 * the terms are log-concave in y: from a row's mode they fall away on both sides.
 * - First the tables between below and above, the less extreme ones, as counts of ways (doubles):
 *   walked from the place of that window nearest the mode until a count is below COMPLEMENT_CUT of
 *   all tables. Their share subtracted from 1 is the p-value where that is at least
 *   COMPLEMENT_FROM (and the counts fit: COMPLEMENT_LOGS).
 * - Otherwise the extreme tables themselves, in logs: from each row's mode outward by the ratio of
 *   neighbouring terms (a multiplication, not an exp) until a term is below CUT of the row's
 *   largest, rows whose largest is below CUT of the largest of all skipped: about (24 standard
 *   deviations)² terms rather than ns² / 2. What is left out weighs less than ns · CUT of the
 *   largest term, so when the p-value is not far above that, every table is summed again, in logs.
 */
function threeValueP(pooled: readonly number[], [low, middle, high]: [number, number, number], ns: number, bar: number, scaledTotal: number, n: number): number {
  const [cl, cm, ch] = [pooled[low] as number, pooled[middle] as number, pooled[high] as number];
  // distance(sum) of permutationP, |ns·T − N·S|, written with its two numbers.
  const extreme = (x: number, y: number): boolean => Math.abs(scaledTotal - n * (x * low + y * high + (ns - x - y) * middle)) >= bar;
  // Row x: y from yLow to yHigh; its mode is the hypergeometric one of ns − x draws from ch + cm.
  const lowestY = (x: number): number => Math.max(0, ns - x - cm);
  const highestY = (x: number): number => Math.min(ch, ns - x);
  const modeOf = (x: number, yLow: number, yHigh: number): number => Math.min(yHigh, Math.max(yLow, Math.floor(((ns - x + 1) * (ch + 1)) / (ch + cm + 2))));
  const xs = Math.min(ns, cl);
  // k = n·(high − middle) > 0: in row x the distance is |a − k·y|.
  const k = n * (high - middle);
  const rowOffset = (x: number): number => scaledTotal - n * (x * low + (ns - x) * middle);
  // The last y with k·y ≤ a − bar, and the first with k·y ≥ a + bar.
  const belowOf = (a: number): number => floorQuotient(a - bar, k);
  const aboveOf = (a: number): number => -floorQuotient(-(a + bar), k);

  if (ns * (1 + Math.log(n / ns)) <= COMPLEMENT_LOGS) {
    const [wl, wm, wh] = [chooseRow(0, cl, ns), chooseRow(1, cm, ns), chooseRow(2, ch, ns)];
    let all = 1;
    for (let i = 1; i <= ns; i++) all *= (n - ns + i) / i;
    const skip = COMPLEMENT_CUT * all;
    let central = 0;
    for (let x = 0; x <= xs; x++) {
      const [yLow, yHigh] = [lowestY(x), highestY(x)];
      const a = rowOffset(x);
      const from = Math.max(yLow, belowOf(a) + 1);
      const to = Math.min(yHigh, aboveOf(a) - 1);
      if (from > to) continue;
      const start = Math.min(to, Math.max(from, modeOf(x, yLow, yHigh)));
      const [ways, rest] = [wl[x] as number, ns - x];
      for (let y = start; y <= to; y++) {
        const count = ways * (wh[y] as number) * (wm[rest - y] as number);
        if (count < skip) break;
        central += count;
      }
      for (let y = start - 1; y >= from; y--) {
        const count = ways * (wh[y] as number) * (wm[rest - y] as number);
        if (count < skip) break;
        central += count;
      }
    }
    const complement = 1 - central / all;
    if (complement >= COMPLEMENT_FROM) return Math.min(1, complement);
  }

  const logAll = logChoose(n, ns);
  const [rl, rm, rh] = [logChooseRow(0, cl, ns), logChooseRow(1, cm, ns), logChooseRow(2, ch, ns)];
  const logTerm = (x: number, y: number): number => (rl[x] as number) + (rh[y] as number) + (rm[ns - x - y] as number);
  let top = -Infinity;
  for (let x = 0; x <= xs; x++) {
    const [yLow, yHigh] = [lowestY(x), highestY(x)];
    if (yLow <= yHigh) top = Math.max(top, logTerm(x, modeOf(x, yLow, yHigh)));
  }
  let sum = 0;
  for (let x = 0; x <= xs; x++) {
    const [yLow, yHigh] = [lowestY(x), highestY(x)];
    if (yLow > yHigh) continue;
    const mode = modeOf(x, yLow, yHigh);
    const start = Math.exp(logTerm(x, mode) - top);
    if (start < CUT) continue;
    const floor = CUT * start;
    const a = rowOffset(x);
    const below = belowOf(a);
    const above = aboveOf(a);
    // Up from the mode: C(ch, y + 1)/C(ch, y) · C(cm, b − 1)/C(cm, b), b = ns − x − y.
    let term = start;
    for (let y = mode; y <= yHigh; y++) {
      if (y > mode) {
        const b = ns - x - y + 1;
        term *= ((ch - y + 1) / y) * (b / (cm - b + 1));
        if (term < floor) break;
      }
      if (y <= below || y >= above) sum += term;
    }
    // Down from the mode: C(ch, y − 1)/C(ch, y) · C(cm, b + 1)/C(cm, b).
    term = start;
    for (let y = mode - 1; y >= yLow; y--) {
      const b = ns - x - y - 1;
      term *= ((y + 1) / (ch - y)) * ((cm - b) / (b + 1));
      if (term < floor) break;
      if (y <= below || y >= above) sum += term;
    }
  }
  if (sum > 1e-18) return Math.min(1, Math.exp(Math.log(sum) + top - logAll));
  // Far in the tail: every table, in logs.
  let largest = -Infinity;
  const logs: number[] = [];
  for (let x = 0; x <= xs; x++) {
    for (let y = lowestY(x); y <= highestY(x); y++) {
      if (!extreme(x, y)) continue;
      const term = logTerm(x, y) - logAll;
      logs.push(term);
      largest = Math.max(largest, term);
    }
  }
  if (largest === -Infinity) return 0;
  let total = 0;
  for (const term of logs) total += Math.exp(term - largest);
  return Math.min(1, Math.exp(largest + Math.log(total)));
}

/**
 * Two tables of ways for sumDistributionP, kept from call to call and grown as needed (a value's
 * logs and weights go in chooseRows' rows 0 and 1): a CSAT or CES day trend makes ~150,000 such
 * tests, and each made two tables and two arrays a value (BENCHMARKS.md, issue 17, twenty-second
 * session).
 */
let waysHere = new Float64Array(1024);
let waysThere = new Float64Array(1024);

/**
 * Four or more distinct answers: the distribution of the smaller side's sum, by dynamic
 * programming over the answer values (ways[k][s]: k answers taken so far, summing to s). Each
 * value's weights C(count, j) are scaled by their largest so that nothing overflows; the scales
 * are added back in the log at the end. Cost: values × ns² × (ns · largest value), less the
 * places no table reaches yet (k past the answers taken so far, s past the largest sum they
 * make): those hold 0, and leaving them out adds the same terms in the same order.
 */
function sumDistributionP(pooled: readonly number[], values: readonly number[], ns: number, bar: number, distance: (sum: number) => number, logAll: number): number {
  const top = values[values.length - 1] as number;
  const width = ns * top + 1;
  const size = (ns + 1) * width;
  if (waysHere.length < size) {
    waysHere = new Float64Array(Math.max(size, 2 * waysHere.length));
    waysThere = new Float64Array(waysHere.length);
  }
  let ways = waysHere;
  let next = waysThere;
  ways.fill(0, 0, size);
  ways[0] = 1;
  let logScale = 0;
  /** Answers taken so far, and a bound on the sum of any ns of them: ways is 0 past either. */
  let taken = 0;
  let reach = 0;
  for (const v of values) {
    const count = pooled[v] as number;
    const most = Math.min(count, ns);
    const valueLogs = rowOf(0, most);
    const valueWeights = rowOf(1, most);
    let largest = -Infinity;
    for (let j = 0; j <= most; j++) {
      const log = logChoose(count, j);
      valueLogs[j] = log;
      if (log > largest) largest = log;
    }
    logScale += largest;
    for (let j = 0; j <= most; j++) valueWeights[j] = Math.exp((valueLogs[j] as number) - largest);
    next.fill(0, 0, size);
    const rows = Math.min(ns, taken);
    for (let k = 0; k <= rows; k++) {
      for (let s = 0; s <= reach; s++) {
        const here = ways[k * width + s] as number;
        if (here === 0) continue;
        for (let j = 0; j <= most && k + j <= ns; j++) {
          const at = (k + j) * width + s + j * v;
          next[at] = (next[at] as number) + here * (valueWeights[j] as number);
        }
      }
    }
    [ways, next] = [next, ways];
    taken += count;
    reach = Math.min(width - 1, reach + most * v);
  }
  let p = 0;
  for (let s = 0; s < width; s++) {
    const here = ways[ns * width + s] as number;
    if (here > 0 && distance(s) >= bar) p += Math.exp(Math.log(here) + logScale - logAll);
  }
  return Math.min(1, p);
}

/**
 * One-sample binomial test: two-sided p of x successes in n against the share p0, counting the
 * outcomes at least as far from n·p0 as x.
 */
export function binomialP(x: number, n: number, p0: number): number {
  if (n <= 0) throw new RangeError('no answers');
  const bar = Math.abs(x - n * p0);
  let p = 0;
  for (let k = 0; k <= n; k++) {
    if (Math.abs(k - n * p0) < bar - 1e-9 * n) continue;
    p += Math.exp(logChoose(n, k) + logPower(k, p0) + logPower(n - k, 1 - p0));
  }
  return Math.min(1, p);
}

/** k · ln(q), with 0 · ln 0 = 0. */
const logPower = (k: number, q: number): number => (k === 0 ? 0 : k * Math.log(q));

/**
 * One-sample exact test of NPS against a value: among n answers with P promoters and D
 * detractors, the p-value of outcomes whose NPS is at least as far from `nps0` (−1..1) as the
 * one observed, under a population whose NPS is nps0. The passive share is not known, so the
 * p-value is the largest over it (a fine grid), which keeps it valid whatever it is. For n
 * below EXACT_BELOW (the cost is n² per grid point).
 */
export function trinomialP(promoters: number, detractors: number, n: number, nps0: number): number {
  if (n <= 0) throw new RangeError('no answers');
  const bar = Math.abs(promoters - detractors - n * nps0);
  // The outcomes at least as far from n·nps0, once.
  const extreme: [number, number, number][] = [];
  for (let p = 0; p <= n; p++) {
    for (let d = 0; d <= n - p; d++) {
      if (Math.abs(p - d - n * nps0) >= bar - 1e-9 * n) extreme.push([p, n - p - d, d]);
    }
  }
  const logFactorial = Array.from({ length: n + 1 }, (_, k) => logGamma(k + 1));
  const probability = (share: [number, number, number]): number => {
    let sum = 0;
    for (const [p, a, d] of extreme) {
      sum += Math.exp((logFactorial[n] as number) - (logFactorial[p] as number) - (logFactorial[a] as number) - (logFactorial[d] as number) + logPower(p, share[0]) + logPower(a, share[1]) + logPower(d, share[2]));
    }
    return sum;
  };
  // Shares with p − d = nps0: passives a from 0 to 1 − |nps0|.
  const widest = 1 - Math.abs(nps0);
  const steps = 400;
  let largest = 0;
  for (let i = 0; i <= steps; i++) {
    const a = (widest * i) / steps;
    const p = (1 - a + nps0) / 2;
    const d = (1 - a - nps0) / 2;
    largest = Math.max(largest, probability([Math.max(0, p), a, Math.max(0, d)]));
  }
  return Math.min(1, largest);
}
