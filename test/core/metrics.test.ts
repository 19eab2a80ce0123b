// CSAT, CES, weights, bands and the tests that go with them, against numbers worked out by hand
// (and, where noted, by fixtures/cx-reference.py, which reads the fixture with Python's own
// statistics module and integrates the t density numerically).
import { describe, expect, it } from 'vitest';
import { bandOf, DEFAULT_NPS_BANDS } from '../../src/core/bands.js';
import { benchmarkTest, cesStats, compareMetric, csatStats, defaultTopRange, shareInterval } from '../../src/core/metrics.js';
import { statsOf } from '../../src/core/stats.js';
import { twoSidedTP } from '../../src/core/student-t.js';
import { Tally } from '../../src/core/tally.js';

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

  it('two shares: 40 of 100 against 55 of 100 differ by 15 points, z 2.148, p 0.0317', () => {
    const a = csatStats(Tally.of([...Array<number>(40).fill(5), ...Array<number>(60).fill(2)]), [4, 5], 'wald');
    const b = csatStats(Tally.of([...Array<number>(55).fill(4), ...Array<number>(45).fill(1)]), [4, 5], 'wald');
    const comparison = compareMetric('csat', a, b, 0.05);
    expect(comparison?.difference).toBeCloseTo(15, 10);
    // SE = √(0.4·0.6/100 + 0.55·0.45/100) = 0.069821
    expect(comparison?.standardError).toBeCloseTo(6.9821, 3);
    expect(comparison?.z).toBeCloseTo(2.1483, 3);
    expect(comparison?.pValue).toBeCloseTo(0.0317, 3);
    expect(comparison?.significant).toBe(true);
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

  it("Welch's t: 1…5 against 3…9 gives t 2.7775 on 9.97 degrees, p 0.0196", () => {
    const a = cesStats(Tally.of([1, 2, 3, 4, 5]), [5, 7], [1, 10]);
    const b = cesStats(Tally.of([3, 4, 5, 6, 7, 8, 9]), [5, 7], [1, 10]);
    const comparison = compareMetric('ces', a, b, 0.05);
    // Means 3 and 6; s² 2.5 and 4.6667; SE² 0.5 and 0.66667; t = 3/√1.16667
    expect(comparison?.z).toBeCloseTo(2.77746, 4);
    expect(comparison?.degreesOfFreedom).toBeCloseTo(9.9661, 3);
    // Simpson's rule on the t density (fixtures/cx-reference.py): 0.019594
    expect(comparison?.pValue).toBeCloseTo(0.019594, 5);
    expect(comparison?.test).toBe('welch-t');
  });

  it('the t distribution: the textbook 97.5% points', () => {
    expect(twoSidedTP(2.228139, 10)).toBeCloseTo(0.05, 6);
    expect(twoSidedTP(12.7062, 1)).toBeCloseTo(0.05, 5);
    expect(twoSidedTP(2.042272, 30)).toBeCloseTo(0.05, 6);
  });
});

describe('weights', () => {
  // The fixture's NPS answers with their weights (row 11 has no score, row 12 no weight).
  const answers: [number, number][] = [[10, 1], [9, 1], [6, 2], [8, 1], [3, 0.5], [10, 1], [7, 1], [9, 2], [0, 1], [10, 1]];
  const tally = new Tally();
  for (const [score, weight] of answers) tally.add(score, weight);

  it('NPS = 100 × (Σw promoters − Σw detractors)/Σw; margins from (Σw)²/Σw²', () => {
    const stats = statsOf(tally, 'wald', true);
    expect(stats.responses).toBe(10);
    expect(stats.promoters).toBe(5); // rows, not weights
    expect(stats.weight).toBeCloseTo(11.5, 10);
    // Σw² = 15.25 → 132.25 / 15.25
    expect(stats.effectiveResponses).toBeCloseTo(8.672131, 5);
    // (6 − 3.5) / 11.5
    expect(stats.nps).toBeCloseTo(21.7391, 3);
    expect(stats.promoterShare).toBeCloseTo((100 * 6) / 11.5, 10);
    // p = 0.52174, d = 0.30435: √((p + d − (p − d)²)/8.6721) = 0.299683
    expect(stats.marginOfError).toBeCloseTo(58.7373, 3);
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

  it('every weight 1 gives exactly the unweighted Stats', () => {
    const plain = Tally.of([10, 9, 6, 8, 3]);
    const ones = new Tally();
    for (const s of [10, 9, 6, 8, 3]) ones.add(s, 1);
    const weighted = statsOf(ones, 'adjusted-wald', true);
    expect([weighted.weight, weighted.effectiveResponses]).toEqual([5, 5]);
    expect({ ...weighted, weight: undefined, effectiveResponses: undefined }).toEqual({ ...statsOf(plain, 'adjusted-wald'), weight: undefined, effectiveResponses: undefined });
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

  it('NPS 27.3 (n 11) against 30: z −0.105, p 0.916, not different; against −60: above', () => {
    const stats = statsOf(Tally.of([10, 9, 6, 8, 3, 10, 7, 9, 0, 10, 9]), 'adjusted-wald');
    const near = benchmarkTest('nps', stats, 30);
    // SE = 100·√((6/11 + 3/11 − (3/11)²)/11) = 26.004
    expect(near?.z).toBeCloseTo(-0.104881, 5);
    expect(near?.pValue).toBeCloseTo(0.91647, 4);
    expect(near?.verdict).toBe('not different');
    const far = benchmarkTest('nps', stats, -60);
    expect(far?.difference).toBeCloseTo(87.2727, 3);
    expect(far?.verdict).toBe('above');
    expect(benchmarkTest('nps', stats, 99)?.verdict).toBe('below');
  });

  it('a CES mean against a benchmark: t on n − 1 degrees', () => {
    const stats = cesStats(Tally.of(CES_ANSWERS), [5, 7], [1, 7]);
    const result = benchmarkTest('ces', stats, 4);
    expect(result?.test).toBe('t');
    expect(result?.degreesOfFreedom).toBe(11);
    expect(result?.z).toBeCloseTo((59 / 12 - 4) / 0.583333, 4);
  });
});
