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
