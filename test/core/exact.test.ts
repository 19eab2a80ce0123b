import { describe, expect, it } from 'vitest';
import { binomialP, permutationP, trinomialP } from '../../src/core/exact.js';
import { seededRandom } from '../support/random.js';

/**
 * The reference: every way to choose which answers are side a, one by one (not tables of
 * counts, not sums), with the share whose difference in means is at least as large.
 */
function bruteForceP(a: number[], b: number[]): number {
  const pooled = [...a, ...b];
  const mean = (values: number[]): number => values.reduce((s, v) => s + v, 0) / values.length;
  const observed = Math.abs(mean(b) - mean(a));
  let all = 0;
  let extreme = 0;
  const choose = (start: number, picked: number[]): void => {
    if (picked.length === a.length) {
      const chosen = new Set(picked);
      const left = picked.map((i) => pooled[i] as number);
      const right = pooled.filter((_, i) => !chosen.has(i));
      all++;
      if (Math.abs(mean(right) - mean(left)) >= observed - 1e-12) extreme++;
      return;
    }
    for (let i = start; i < pooled.length; i++) choose(i + 1, [...picked, i]);
  };
  choose(0, []);
  return extreme / all;
}

/**
 * The three-value p-value in whole numbers: the smaller side's tables (x of value 0, y of value 2,
 * m of value 1), those at least as far as the one seen summed as BigInt counts of ways, the share
 * taken once at the end (to 2^-64).
 */
function wholeNumberP(a: number[], b: number[]): number {
  const pooled = [0, 1, 2].map((v) => (a[v] ?? 0) + (b[v] ?? 0));
  const [na, nb] = [a, b].map((side) => side.reduce((s, c) => s + c, 0)) as [number, number];
  const small = na <= nb ? a : b;
  const ns = Math.min(na, nb);
  const n = na + nb;
  const factorial = [1n];
  for (let i = 1; i <= n; i++) factorial.push((factorial[i - 1] as bigint) * BigInt(i));
  const choose = (m: number, k: number): bigint => (factorial[m] as bigint) / ((factorial[k] as bigint) * (factorial[m - k] as bigint));
  const total = (pooled[1] as number) + 2 * (pooled[2] as number);
  const seen = Math.abs(ns * total - n * ((small[1] ?? 0) + 2 * (small[2] ?? 0)));
  const [cl, cm, ch] = pooled as [number, number, number];
  let extreme = 0n;
  for (let x = 0; x <= Math.min(ns, cl); x++) {
    for (let y = 0; y <= Math.min(ch, ns - x); y++) {
      const m = ns - x - y;
      if (m > cm || Math.abs(ns * total - n * (m + 2 * y)) < seen) continue;
      extreme += choose(cl, x) * choose(ch, y) * choose(cm, m);
    }
  }
  return Number((extreme << 64n) / choose(n, ns)) / 2 ** 64;
}

const countsOf = (values: number[], size: number): number[] => {
  const counts = new Array<number>(size).fill(0);
  for (const v of values) counts[v] = (counts[v] ?? 0) + 1;
  return counts;
};

describe('permutationP: the exact two-sample test of a difference in means', () => {
  it('agrees with choosing the answers one by one, on random small samples of 2, 3 and 7 values', () => {
    const random = seededRandom(11);
    for (let trial = 0; trial < 150; trial++) {
      const levels = [2, 3, 7][trial % 3] as number;
      const na = 1 + Math.floor(random() * 6);
      const nb = 1 + Math.floor(random() * 7);
      const draw = (n: number): number[] => Array.from({ length: n }, () => Math.floor(random() * levels));
      const [a, b] = [draw(na), draw(nb)];
      expect(permutationP(countsOf(a, levels), countsOf(b, levels))).toBeCloseTo(bruteForceP(a, b), 12);
    }
  });

  it('hand-worked: one promoter against one detractor, p = 1; two promoters against two passives, p = 1/3', () => {
    // Two answers: either split gives a difference of 2 in size. Four answers PP|AA: of the six
    // splits, PP|AA and AA|PP differ by 1, the four PA|PA by 0.
    expect(permutationP([0, 0, 1], [1, 0, 0])).toBe(1);
    expect(permutationP([0, 0, 2], [0, 2, 0])).toBeCloseTo(1 / 3, 14);
  });

  it('stays finite against a large rest: 5 promoters against 10 million answers', () => {
    // Group P5 against a rest of D2,000,000 A2,000,000 P6,000,000 (mean +0.4, so the observed
    // difference is 0.6): as far from 0 are all-promoter groups and groups whose mean is −0.2 or
    // lower. scipy.stats.multivariate_hypergeom over the 21 possible groups: 0.16927988849557.
    const p = permutationP([2_000_000, 2_000_000, 6_000_000], [0, 0, 5]);
    expect(p).toBeCloseTo(0.1692798884955691, 9);
  });

  it.each([
    // group (P, A, D), rest (P, A, D), p from scipy.stats.multivariate_hypergeom over every table of the group
    [[100, 60, 40], [2000, 1500, 1500], 0.0009282621027514161],
    [[140, 40, 20], [2000, 1500, 1500], 2.96191023572506e-17],
    [[300, 100, 100], [1000, 1000, 1000], 5.790484906458262e-24],
  ])('three values at size: group %j against rest %j (the walk from each mode, and the tail summed in logs)', (group, rest, p) => {
    const counts = ([promoters, passives, detractors]: number[]): number[] => [detractors ?? 0, passives ?? 0, promoters ?? 0];
    expect(permutationP(counts(rest), counts(group)) / p).toBeCloseTo(1, 8);
  });

  it('three values: agrees with every table counted in whole numbers (BigInt), at sizes a day trend compares, p from 2e-5 to 1', () => {
    // Both ways the three-value test sums (1 − the less extreme tables, as counts of ways, from
    // p = 0.01; the extreme ones, in logs, below) against the exact share: the tables as extreme,
    // each C(cl, x)·C(ch, y)·C(cm, m) ways, over C(n, ns), in whole numbers, divided once at the end.
    const random = seededRandom(17);
    let complements = 0;
    for (let trial = 0; trial < 60; trial++) {
      const side = (): number[] => {
        const size = 1 + Math.floor(random() * 90);
        const shares = [random(), random(), random()];
        const all = shares.reduce((s, v) => s + v, 0);
        const counts = shares.map((v) => Math.floor((size * v) / all));
        counts[2] = size - (counts[0] as number) - (counts[1] as number);
        return counts;
      };
      const [a, b] = [side(), side()];
      const p = permutationP(a, b);
      const expected = wholeNumberP(a, b);
      if (expected >= 0.01) complements++;
      expect(Math.abs(p - expected) / expected).toBeLessThan(1e-10);
    }
    // Both ways were taken.
    expect(complements).toBeGreaterThan(10);
    expect(complements).toBeLessThan(60);
  });

  it.each([
    // a (D, A, P), b (D, A, P), p: every table in whole numbers (Python's fractions)
    [[20, 15, 33], [25, 14, 29], 0.4365695631675683],
    [[10, 5, 20], [18, 6, 11], 0.037517324895157134],
    [[200, 150, 300], [1500, 1200, 2600], 0.13231148376306592],
    [[0, 3, 9], [4, 2, 1], 0.0025799793601651187],
    // ns·(1 + ln(n / ns)) from ~350 to ~510, either side of where the complement is counted (500)
    [[107, 61, 82], [98, 61, 91], 0.381118799026868],
    [[62, 85, 53], [202, 257, 141], 0.38513587102068864],
    [[48, 100, 152], [31, 100, 169], 0.05775785933770741],
    [[1, 28, 11], [10961, 70894, 18145], 0.039084472789227206],
    [[32, 49, 39], [926, 1249, 825], 0.20103582241926043],
  ])('three values, exact to 1e-10 of p: %j against %j', (a, b, expected) => {
    expect(Math.abs(permutationP(a, b) - expected) / expected).toBeLessThan(1e-10);
  });

  it('four to seven values: agrees with every split counted in whole numbers (BigInt), at the sizes a CSAT or CES trend tests exactly', () => {
    // The ways to take ns of the pooled answers with sum s, as the coefficients of the product over
    // the values v of Σj C(pooled v, j)·x^j·y^(j·v), in whole numbers; p = the ways of the sums at
    // least as far from the pooled mean as the one seen, over C(n, ns).
    const random = seededRandom(23);
    const choose = (m: number, k: number): bigint => {
      let c = 1n;
      for (let i = 0; i < k; i++) c = (c * BigInt(m - i)) / BigInt(i + 1);
      return c;
    };
    let fours = 0;
    for (let trial = 0; trial < 80; trial++) {
      const top = trial % 2 === 0 ? 7 : 5;
      const side = (size: number): number[] => {
        const counts = new Array<number>(top + 1).fill(0);
        const lean = random();
        for (let i = 0; i < size; i++) {
          const v = 1 + Math.min(top - 1, Math.floor(top * random() ** (0.5 + lean)));
          counts[v] = (counts[v] as number) + 1;
        }
        return counts;
      };
      const a = side(1 + Math.floor(random() * 29));
      const b = side(1 + Math.floor(random() * 60));
      const pooled = a.map((count, v) => count + (b[v] as number));
      if (pooled.filter((count) => count > 0).length >= 4) fours++;
      const [na, nb] = [a, b].map((counts) => counts.reduce((sum, count) => sum + count, 0)) as [number, number];
      const ns = Math.min(na, nb);
      const n = na + nb;
      const sumOf = (counts: number[]): number => counts.reduce((sum, count, v) => sum + count * v, 0);
      const total = sumOf(a) + sumOf(b);
      const seen = Math.abs(ns * total - n * (na <= nb ? sumOf(a) : sumOf(b)));
      let ways: bigint[][] = [[1n]];
      for (const [v, count] of pooled.entries()) {
        const grown: bigint[][] = [];
        for (const [k, row] of ways.entries()) {
          for (const [sum, w] of row.entries()) {
            for (let j = 0; j <= count && k + j <= ns; j++) {
              const to = (grown[k + j] ??= []);
              to[sum + j * v] = (to[sum + j * v] ?? 0n) + w * choose(count, j);
            }
          }
        }
        ways = grown.map((row) => Array.from(row, (w) => w ?? 0n));
      }
      let extreme = 0n;
      for (const [sum, w] of (ways[ns] ?? []).entries()) if (Math.abs(ns * total - n * sum) >= seen) extreme += w;
      const expected = Number((extreme << 64n) / choose(n, ns)) / 2 ** 64;
      const p = permutationP(a, b);
      expect(Math.abs(p - expected) / expected).toBeLessThan(1e-12);
    }
    expect(fours).toBeGreaterThan(50);
  });

  it('a side without answers is an error; one value in all is p = 1', () => {
    expect(() => permutationP([0, 0], [1, 2])).toThrow(RangeError);
    expect(permutationP([0, 4], [0, 9])).toBe(1);
  });
});

describe('one-sample exact tests', () => {
  it.each([
    // x, n, p0, p from scipy.stats.binom (outcomes at least as far from n·p0)
    [3, 10, 0.7, 0.0105920784],
    [10, 10, 0.95, 1],
    [0, 5, 0.2, 0.5904],
    [12, 20, 0.3, 0.005936084198],
  ])('binomial: %i of %i against %d → p %d', (x, n, p0, p) => {
    expect(binomialP(x, n, p0)).toBeCloseTo(p, 9);
  });

  it('trinomial: the largest tail over the passive share', () => {
    // P6 A2 D3 against −60 (computed with scipy: a 2001-point grid refined by minimize_scalar).
    expect(trinomialP(6, 3, 11, -0.6)).toBeCloseTo(0.0019653632, 7);
    // One promoter against NPS 0: a promoter is as far from 0 as a detractor; passives are the
    // only outcome nearer, so the tail is largest with no passives: p = 1.
    expect(trinomialP(1, 0, 1, 0)).toBeCloseTo(1, 9);
    // Five promoters against −20: the tail P(all promoters) + … is largest at a = 0: 0.4^5 = 0.01024.
    expect(trinomialP(5, 0, 5, -0.2)).toBeCloseTo(0.01024, 6);
  });
});
