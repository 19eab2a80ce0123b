// CSAT, CES, weights, bands and the tests that go with them, against numbers worked out by hand
// (and, where noted, by fixtures/cx-reference.py, which reads the fixture with Python's own
// statistics module and integrates the t density numerically).
import { describe, expect, it } from 'vitest';
import { bandOf, bandSettled, DEFAULT_NPS_BANDS } from '../../src/core/bands.js';
import { benchmarkTest, cesStats, compareMetric, csatStats, defaultTopRange, metricChange, shareInterval } from '../../src/core/metrics.js';
import { statsOf } from '../../src/core/stats.js';
import { twoSidedTP } from '../../src/core/student-t.js';
import { Tally } from '../../src/core/tally.js';
import { seededRandom } from '../support/random.js';

const CSAT_ANSWERS = [5, 4, 2, 4, 1, 5, 3, 5, 1, 4, 4];
const CES_ANSWERS = [7, 6, 2, 5, 1, 6, 4, 7, 3, 5, 6, 7];

describe('CSAT', () => {
  it('7 satisfied of 11: 63.6%, margin 1.96·√(p(1−p)/n), the mean 38/11 with its standard error', () => {
    const stats = csatStats(Tally.of(CSAT_ANSWERS), [4, 5], 'wald');
    expect(stats.responses).toBe(11);
    expect(stats.satisfied).toBe(7);
    expect(stats.csat).toBeCloseTo((100 * 7) / 11, 10);
    // √(0.63636 · 0.36364 / 11) = 0.145041 → × 196
    expect(stats.marginOfError).toBeCloseTo(28.428, 3);
    expect(stats.mean).toBeCloseTo(38 / 11, 10);
    // Σv² = 154, Σ(v − m)² = 154 − 38²/11 = 22.7273, s² = 2.27273, SE = √(s²/11) = 0.454545
    expect(stats.meanMarginOfError).toBeCloseTo(1.96 * 0.454545, 5);
    expect(stats.interval?.[0]).toBeCloseTo(63.636 - 28.428, 2);
  });

  it('adjusted Wald for a share is Agresti–Coull: 7 of 11 → (7 + 1.92)/(11 + 3.84)', () => {
    const centre = (7 + 1.96 ** 2 / 2) / (11 + 1.96 ** 2);
    const half = 1.96 * Math.sqrt((centre * (1 - centre)) / (11 + 1.96 ** 2));
    const interval = shareInterval(7 / 11, 11, 'adjusted-wald');
    expect(interval?.[0]).toBeCloseTo(100 * (centre - half), 10);
    expect(interval?.[1]).toBeCloseTo(100 * (centre + half), 10);
    expect(csatStats(Tally.of(CSAT_ANSWERS), [4, 5], 'adjusted-wald').interval).toEqual(interval);
  });

  it('the top two boxes by scale: 4–5, 6–7, 9–10; CES easy: 4–5, 5–7, 8–10', () => {
    expect(defaultTopRange('csat', '1-5')).toEqual([4, 5]);
    expect(defaultTopRange('csat', '1-7')).toEqual([6, 7]);
    expect(defaultTopRange('csat', '1-10')).toEqual([9, 10]);
    expect(defaultTopRange('ces', '1-5')).toEqual([4, 5]);
    expect(defaultTopRange('ces', '1-7')).toEqual([5, 7]);
    expect(defaultTopRange('ces', '1-10')).toEqual([8, 10]);
  });

  it('two shares, 40 of 100 against 55 of 100: Agresti–Caffo, z 2.126, p 0.0335', () => {
    const a = csatStats(Tally.of([...Array<number>(40).fill(5), ...Array<number>(60).fill(2)]), [4, 5], 'wald');
    const b = csatStats(Tally.of([...Array<number>(55).fill(4), ...Array<number>(45).fill(1)]), [4, 5], 'wald');
    const comparison = compareMetric('csat', a, b, 0.05);
    expect(comparison?.test).toBe('agresti-caffo-z');
    expect(comparison?.difference).toBeCloseTo(15, 10);
    // One satisfied and one not added to each side: 41/102 and 56/102, an estimate of 14.706 points;
    // SE = √(.401961·.598039/102 + .549020·.450980/102) = 6.91677 points.
    expect(comparison?.standardError).toBeCloseTo(6.91677, 4);
    expect(comparison?.z).toBeCloseTo(2.12612, 4);
    expect(comparison?.pValue).toBeCloseTo(0.033493, 5);
    expect(comparison?.significant).toBe(true);
  });

  it('two tiny shares, 1 of 4 against 4 of 5: the exact test (p 0.206), not a z of −60', () => {
    const a = csatStats(Tally.of([5, 2, 2, 1]), [4, 5], 'adjusted-wald');
    const b = csatStats(Tally.of([5, 5, 4, 4, 1]), [4, 5], 'adjusted-wald');
    const comparison = compareMetric('csat', a, b, 0.05);
    // Brute force over every split of the 9 answers (fixtures-independent Python): 13/63.
    expect(comparison?.test).toBe('exact-permutation');
    expect(comparison?.pValue).toBeCloseTo(0.20634920634920634, 12);
    expect(comparison?.significant).toBe(false);
    // All three against none of three: 2 of the C(6, 3) = 20 splits are as far apart.
    expect(compareMetric('csat', csatStats(Tally.of([1, 1, 1]), [4, 5], 'wald'), csatStats(Tally.of([5, 5, 5]), [4, 5], 'wald'))?.pValue).toBeCloseTo(0.1, 12);
  });
});

describe('CES', () => {
  it('the mean 59/12 with 1.96 × its standard error; 8 of 12 easy', () => {
    const stats = cesStats(Tally.of(CES_ANSWERS), [5, 7], [1, 7]);
    expect(stats.mean).toBeCloseTo(59 / 12, 10);
    // Σv² = 335, Σ(v − m)² = 335 − 59²/12 = 44.9167, s² = 4.08333, SE = √(s²/12) = 0.583333
    expect(stats.marginOfError).toBeCloseTo(1.96 * 0.583333, 5);
    expect(stats.easy).toBe(8);
    expect(stats.easyShare).toBeCloseTo(66.6667, 3);
    expect(stats.interval?.[0]).toBeCloseTo(59 / 12 - 1.96 * 0.583333, 5);
  });

  it("below 30 a side the exact test: 1…5 against 3…9 (Welch's t would say p 0.0196)", () => {
    const a = cesStats(Tally.of([1, 2, 3, 4, 5]), [5, 7], [1, 10]);
    const b = cesStats(Tally.of([3, 4, 5, 6, 7, 8, 9]), [5, 7], [1, 10]);
    const comparison = compareMetric('ces', a, b, 0.05, [1, 10]);
    // Brute force over the C(12, 5) = 792 splits (Python itertools): 28/792.
    expect(comparison?.test).toBe('exact-permutation');
    expect(comparison?.difference).toBe(3);
    expect(comparison?.pValue).toBeCloseTo(0.03535353535353535, 12);
  });

  it("Welch's t from 30 a side: 1…5 ×6 against 3…9 ×5, t 6.9447 on 60.98 degrees", () => {
    const a = cesStats(Tally.of(Array.from({ length: 30 }, (_, i) => (i % 5) + 1)), [5, 7], [1, 10]);
    const b = cesStats(Tally.of(Array.from({ length: 35 }, (_, i) => (i % 7) + 3)), [5, 7], [1, 10]);
    const comparison = compareMetric('ces', a, b, 0.05, [1, 10]);
    // Means 3 and 6; s² = 60/29 and 140/34; SE² = 0.068966 and 0.117647 (scipy ttest_ind, equal_var=False).
    expect(comparison?.test).toBe('welch-t');
    expect(comparison?.z).toBeCloseTo(6.944657, 5);
    expect(comparison?.degreesOfFreedom).toBeCloseTo(60.9784, 3);
    expect(comparison?.pValue).toBeCloseTo(2.8887948e-9, 14);
    // 3 ± t(.975, 60.98) · 0.431987 = 2.13618 … 3.86382.
    expect(comparison?.interval[0]).toBeCloseTo(2.136183, 4);
    expect(comparison?.interval[1]).toBeCloseTo(3.863817, 4);
  });

  it('sides with no spread are told apart by the exact test at any size', () => {
    // 40 answers of 5 against 40 of 3: Welch's standard error is 0; only the observed split (and
    // its mirror) of the C(80, 40) is as far apart: p = 2 / C(80, 40).
    const a = cesStats(Tally.of(Array<number>(40).fill(5)), [5, 7], [1, 7]);
    const b = cesStats(Tally.of(Array<number>(40).fill(3)), [5, 7], [1, 7]);
    const comparison = compareMetric('ces', a, b, 0.05, [1, 7]);
    expect(comparison?.test).toBe('exact-permutation');
    expect(comparison?.pValue).toBeGreaterThan(0);
    // C(80, 40) = 107507208733336176461620.
    expect((comparison?.pValue ?? 0) / (2 / 1.0750720873333618e23)).toBeCloseTo(1, 9);
    expect(compareMetric('ces', a, cesStats(Tally.of(Array<number>(40).fill(5)), [5, 7], [1, 7]), 0.05, [1, 7])?.pValue).toBe(1);
  });

  it('the t distribution: the textbook 97.5% points', () => {
    expect(twoSidedTP(2.228139, 10)).toBeCloseTo(0.05, 6);
    expect(twoSidedTP(12.7062, 1)).toBeCloseTo(0.05, 5);
    expect(twoSidedTP(2.042272, 30)).toBeCloseTo(0.05, 6);
  });
});

describe('metricChange: a trend\'s change without its interval', () => {
  // The same difference and p-value as compareMetric, to the bit: CES (its own test, no t
  // quantile) on the exact path (under 30 a side, or no spread), Welch's t, weighted sides (never
  // exact; no spread: nothing told), and sides without a mean; CSAT from its comparison.
  it('gives compareMetric\'s difference and p-value, the very doubles, for CES and CSAT sides of every kind', () => {
    const random = seededRandom(71);
    const paths = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const weighted = i % 5 === 0;
      // One side in seven answers one value only (no spread).
      const side = (): Tally => {
        const tally = new Tally();
        const n = Math.floor(random() ** 2 * [40, 400, 3000][i % 3]!);
        const only = random() < 1 / 7 ? 1 + Math.floor(random() * 7) : 0;
        for (let j = 0; j < n; j++) tally.add(only || 1 + Math.floor(random() * 7), weighted ? 0.5 + Math.floor(random() * 30) / 10 : 1);
        return tally;
      };
      const [ta, tb] = [side(), side()];
      for (const metric of ['ces', 'csat'] as const) {
        const stats = (t: Tally): ReturnType<typeof cesStats> | ReturnType<typeof csatStats> => (metric === 'ces' ? cesStats(t, [5, 7], [1, 7], weighted) : csatStats(t, [6, 7], 'adjusted-wald', weighted));
        const [a, b] = [stats(ta), stats(tb)];
        const compared = compareMetric(metric, a, b, 0.05, [1, 7]);
        const change = metricChange(metric, a, b, 0.05, [1, 7]);
        if (compared === null) {
          expect(change).toBeNull();
          paths.add(`${metric} none`);
          continue;
        }
        expect(Object.is(change?.difference, compared.difference) && Object.is(change?.pValue, compared.pValue), `${metric} case ${i}`).toBe(true);
        paths.add(`${metric} ${compared.test}${compared.standardError === null && compared.test === 'welch-t' ? ' untold' : ''}`);
      }
    }
    expect([...paths].sort()).toEqual(['ces exact-permutation', 'ces none', 'ces welch-t', 'ces welch-t untold', 'csat agresti-caffo-z', 'csat exact-permutation', 'csat none']);
  });

  it('CES by hand: 1…5 against 3…9 (exact, 28/792), one or two answers a side, one answer throughout, no spread weighted, no answers, weights adding up to 0', () => {
    const ces = (values: number[], weights?: number[]): ReturnType<typeof cesStats> => {
      const tally = new Tally();
      values.forEach((v, i) => tally.add(v, weights?.[i] ?? 1));
      return cesStats(tally, [5, 7], [1, 10], weights !== undefined);
    };
    // Brute force over the C(12, 5) = 792 splits (Python itertools), as compareMetric's test above.
    const exact = metricChange('ces', ces([1, 2, 3, 4, 5]), ces([3, 4, 5, 6, 7, 8, 9]), 0.05, [1, 10]);
    expect(exact?.difference).toBe(3);
    expect(exact?.pValue).toBeCloseTo(28 / 792, 12);
    // One answer a side: of the two splits, both are as far apart.
    expect(metricChange('ces', ces([2]), ces([6]), 0.05, [1, 10])).toEqual({ difference: 4, pValue: 1 });
    // Weighted, every answer alike on each side: no spread to estimate, nothing told.
    expect(metricChange('ces', ces([4, 4, 4], [1, 2, 1]), ces([6, 6], [1, 1]), 0.05, [1, 10])).toEqual({ difference: 2, pValue: 1 });
    // No answers on a side: no mean, no change.
    expect(metricChange('ces', ces([]), ces([6]), 0.05, [1, 10])).toBeNull();
    // Weights adding up to 0 on a side: no mean, no change.
    expect(metricChange('ces', ces([4, 5], [0, 0]), ces([6], [1]), 0.05, [1, 10])).toBeNull();
    // Two a side, 1 2 against 6 7: of the C(4, 2) = 6 splits, 2 are as far apart (5): p = 1/3.
    const two = metricChange('ces', ces([1, 2]), ces([6, 7]), 0.05, [1, 10]);
    expect(two?.difference).toBe(5);
    expect(two?.pValue).toBeCloseTo(1 / 3, 12);
    // All one answer on both sides: no difference, p = 1.
    expect(metricChange('ces', ces([4, 4]), ces([4, 4, 4]), 0.05, [1, 10])).toEqual({ difference: 0, pValue: 1 });
  });
});

describe('weights', () => {
  // The fixture's NPS answers with their weights (row 11 has no score, row 12 no weight).
  const answers: [number, number][] = [[10, 1], [9, 1], [6, 2], [8, 1], [3, 0.5], [10, 1], [7, 1], [9, 2], [0, 1], [10, 1]];
  const tally = new Tally();
  for (const [score, weight] of answers) tally.add(score, weight);

  it('NPS = 100 × (Σw promoters − Σw detractors)/Σw; the margin from the linearised variance (R survey::svymean)', () => {
    const stats = statsOf(tally, 'wald', true);
    expect(stats.responses).toBe(10);
    expect(stats.promoters).toBe(5); // rows, not weights
    expect(stats.weight).toBeCloseTo(11.5, 10);
    // (6 − 3.5) / 11.5
    expect(stats.nps).toBeCloseTo(21.7391, 3);
    expect(stats.promoterShare).toBeCloseTo((100 * 6) / 11.5, 10);
    // R: svymean(~y, svydesign(ids = ~1, weights = ~weight)) on the +1/0/−1 scores: SE 32.7613781495059 points.
    expect(stats.marginOfError).toBeCloseTo(1.96 * 32.7613781495059, 9);
    // Effective size: the variance of one answer, p + d − (p − d)² = .778828, over SE² = .107331 → 7.25633.
    expect(stats.effectiveResponses).toBeCloseTo(0.7788279773156899 / 0.327613781495059 ** 2, 6);
    // Wald: NPS ± the margin.
    expect(stats.interval?.[0]).toBeCloseTo(21.7391304347826 - 1.96 * 32.7613781495059, 9);
  });

  it('weighted CSAT and CES: the share and the mean by the linearised variance (R survey::svymean)', () => {
    // The fixture's CSAT and CES answers with weights (row 12 has no weight).
    const csat: [number, number][] = [[5, 1], [4, 1], [2, 2], [4, 1], [1, 0.5], [5, 1], [3, 1], [5, 2], [1, 1], [4, 1], [4, 1]];
    const ces: [number, number][] = [[7, 1], [6, 1], [2, 2], [5, 1], [1, 0.5], [6, 1], [4, 1], [7, 2], [3, 1], [5, 1], [6, 1]];
    const weighted = (answers: [number, number][]): Tally => {
      const t = new Tally();
      for (const [value, weight] of answers) t.add(value, weight);
      return t;
    };
    // R: svymean(~sat + csat): 0.64 (SE 0.164761160471757), mean 3.56 (SE 0.470584997635921).
    const c = csatStats(weighted(csat), [4, 5], 'wald', true);
    expect(c.csat).toBeCloseTo(64, 10);
    expect(c.marginOfError).toBeCloseTo(1.96 * 16.4761160471757, 9);
    expect(c.mean).toBeCloseTo(3.56, 12);
    expect(c.meanMarginOfError).toBeCloseTo(1.96 * 0.470584997635921, 10);
    // R: svymean(~ces + easy): 4.84 (SE 0.689122804730768), easy 0.64 (SE 0.164761160471757).
    const e = cesStats(weighted(ces), [5, 7], [1, 7], true);
    expect(e.mean).toBeCloseTo(4.84, 12);
    expect(e.marginOfError).toBeCloseTo(1.96 * 0.689122804730768, 10);
    expect(e.easyMarginOfError).toBeCloseTo(1.96 * 16.4761160471757, 9);
  });

  it('weights that add up to 0: no NPS, no band, no interval', () => {
    const zero = new Tally();
    zero.add(10, 0);
    zero.add(3, 0);
    const stats = statsOf(zero, 'adjusted-wald', true);
    expect(stats).toMatchObject({ responses: 2, promoters: 1, detractors: 1, nps: null, promoterShare: null, marginOfError: null, interval: null, weight: 0 });
    expect(csatStats(zero, [4, 5], 'adjusted-wald', true)).toMatchObject({ csat: null, mean: null, interval: null });
  });

  it('weights survive merging, taking out and the trip to a worker', () => {
    const copy = Tally.fromData(JSON.parse(JSON.stringify(tally.data())) as ReturnType<Tally['data']>);
    expect(copy.effectiveResponses).toBeCloseTo(tally.effectiveResponses, 12);
    const doubled = new Tally().merge(tally).merge(copy);
    expect(doubled.weightBetween()).toBeCloseTo(23, 10);
    expect(doubled.minus(copy).weightBetween(9, 10)).toBeCloseTo(6, 10);
    // Unweighted tallies merged into a weighted one count 1 each.
    const mixed = new Tally().merge(Tally.of([9, 9])).merge(tally);
    expect(mixed.weightBetween(9, 10)).toBeCloseTo(8, 10);
  });

  it('taking out and keeping a range are exact: what is left of a value weighs its exact sum (math.fsum), and nothing where all of it is taken', () => {
    const all = new Tally();
    for (const [score, weight] of [[10, 0.1], [10, 0.2], [10, 0.3], [9, 0.7], [3, 1.1]] as const) all.add(score, weight);
    const taken = new Tally();
    // The 9 and the 0.3 taken out, added in another order than they came.
    for (const [score, weight] of [[9, 0.7], [10, 0.3]] as const) taken.add(score, weight);
    const rest = all.minus(taken);
    // math.fsum([0.1, 0.2, 0.3, -0.3]) = 0.30000000000000004; of the squares, fsum([0.1*0.1, 0.2*0.2]) = 0.05000000000000001.
    expect([rest.weightOf(10), rest.squareOf(10)]).toEqual([0.30000000000000004, 0.05000000000000001]);
    expect([rest.weightOf(9), rest.squareOf(9), rest.distribution[9]]).toEqual([0, 0, 0]);
    expect([rest.weightOf(3), rest.responses]).toEqual([1.1, 3]);
    // Kept: fsum([0.1, 0.2, 0.3]) = 0.6, where adding in turn gives 0.6000000000000001.
    const kept = all.within(9, 10);
    expect([kept.weightOf(10), kept.weightOf(9), kept.weightOf(3), kept.responses, kept.isWeighted]).toEqual([0.6, 0.7, 0, 4, true]);
  });

  it('every weight 1 gives the unweighted counts, NPS, shares and interval; the margin is the survey one, s/√n', () => {
    const plain = Tally.of([10, 9, 6, 8, 3]);
    const ones = new Tally();
    for (const s of [10, 9, 6, 8, 3]) ones.add(s, 1);
    const weighted = statsOf(ones, 'adjusted-wald', true);
    const unweighted = statsOf(plain, 'adjusted-wald');
    for (const field of ['responses', 'promoters', 'passives', 'detractors', 'promoterShare', 'nps'] as const) expect(weighted[field]).toBe(unweighted[field]);
    // Scores 1, 1, −1, 0, −1: mean 0, sample variance s² = 4/4 = 1, SE = √(1/5) (R svymean: 0.4472136),
    // against Wald's √(0.8/5) with the n denominator. The effective size is 0.8 / 0.2 = 4 (n − 1).
    expect(weighted.marginOfError).toBeCloseTo(1.96 * 100 * Math.sqrt(1 / 5), 10);
    expect(unweighted.marginOfError).toBeCloseTo(1.96 * 100 * Math.sqrt(0.8 / 5), 10);
    expect(weighted.effectiveResponses).toBeCloseTo(4, 10);
  });
});

describe('bands and benchmarks', () => {
  it('bands start at their `from`: below 0 negative, 0–29, 30–49, 50–69, 70 and above', () => {
    const band = (value: number): string | null => bandOf(value, DEFAULT_NPS_BANDS);
    expect([band(-0.1), band(0), band(29.9), band(30), band(49.99), band(50), band(69.9), band(70), band(100)]).toEqual([
      'negative', 'positive', 'positive', 'good', 'good', 'great', 'great', 'excellent', 'excellent',
    ]);
    expect(bandOf(null, DEFAULT_NPS_BANDS)).toBeNull();
    expect(bandOf(5, [{ from: 10, label: 'ok' }])).toBeNull();
  });

  it('a band is settled when the whole 95% interval lies in it', () => {
    const settled = (value: number, interval: [number, number] | null): boolean | null => bandSettled(value, interval, DEFAULT_NPS_BANDS);
    expect(settled(40, [31, 49.9])).toBe(true); // good, 30–49 all of it
    expect(settled(40, [29.9, 49])).toBe(false); // could be positive
    expect(settled(40, [31, 50])).toBe(false); // could be great
    expect(settled(-5, [-100, -0.1])).toBe(true);
    expect(settled(-5, [-20, 3])).toBe(false); // the sign itself is not settled
    expect(settled(40, null)).toBeNull();
  });

  it('NPS 27.3 (n 11) against 30, −60, 99: the exact test below 30 answers', () => {
    const stats = statsOf(Tally.of([10, 9, 6, 8, 3, 10, 7, 9, 0, 10, 9]), 'adjusted-wald');
    // P6 A2 D3. Against 30: every outcome is as far from 3.3 net promoters as 3 is: p = 1.
    const near = benchmarkTest('nps', stats, 30);
    expect(near?.test).toBe('exact');
    expect(near?.pValue).toBeCloseTo(1, 9);
    expect(near?.verdict).toBe('not different');
    // Against −60 and 99: the largest tail over the passive share, found independently with
    // scipy (a 2001-point grid refined by minimize_scalar): 0.00196536 and 2.0055e-7.
    const far = benchmarkTest('nps', stats, -60);
    expect(far?.difference).toBeCloseTo(87.2727, 3);
    expect(far?.pValue).toBeCloseTo(0.0019653632, 7);
    expect(far?.verdict).toBe('above');
    const high = benchmarkTest('nps', stats, 99);
    expect(high?.pValue).toBeCloseTo(2.0054667e-7, 11);
    expect(high?.verdict).toBe('below');
  });

  it('50 of 50 promoters against 95: not different, as the interval 86.6 … 100 says', () => {
    const stats = statsOf(Tally.of(Array<number>(50).fill(10)), 'adjusted-wald');
    // Adjusted: 50.75 and 0.75 of 53 → 94.340; SE = 100·√((.957547 + .014151 − .943396²)/53) = 3.92625.
    const result = benchmarkTest('nps', stats, 95);
    expect(result?.test).toBe('adjusted-wald-z');
    expect(result?.z).toBeCloseTo(-0.168196, 5);
    expect(result?.pValue).toBeCloseTo(0.866429, 5);
    expect(result?.verdict).toBe('not different');
    expect(stats.interval?.[0]).toBeLessThan(95);
  });

  it('a CES mean against a benchmark: t on n − 1 degrees', () => {
    const stats = cesStats(Tally.of(CES_ANSWERS), [5, 7], [1, 7]);
    const result = benchmarkTest('ces', stats, 4);
    expect(result?.test).toBe('t');
    expect(result?.degreesOfFreedom).toBe(11);
    expect(result?.z).toBeCloseTo((59 / 12 - 4) / 0.583333, 4);
  });
});
