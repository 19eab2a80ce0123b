import { describe, expect, it } from 'vitest';
import { nextPeriodKey, periodRange, periodStart } from '../../src/core/calendar.js';
import { erfc, normalCdf, normalQuantile, twoSidedP } from '../../src/core/normal.js';
import { rollingTallies } from '../../src/core/rolling.js';
import { compareNps } from '../../src/core/significance.js';
import { npsInterval, statsOf } from '../../src/core/stats.js';
import { Tally } from '../../src/core/tally.js';

const counts = (p: number, a: number, d: number): Tally => Tally.fromDistribution([d, 0, 0, 0, 0, 0, 0, 0, a, 0, p]);

describe('the normal distribution', () => {
  it.each([
    // Values from standard normal tables (and Python's math.erfc).
    [0, 0.5],
    [1, 0.841344746068543],
    [1.96, 0.975002104851780],
    [-2.148, 0.015856878],
    [3, 0.998650101968370],
    [-5, 2.866515718791939e-7],
  ])('Φ(%d) = %d', (z, p) => {
    expect(normalCdf(z)).toBeCloseTo(p, 9);
  });

  it.each([
    [0.3, 0.671373240540873],
    [2.5, 0.000406952017444959],
    [5, 1.5374597944280349e-12],
  ])('erfc(%d) = %d', (x, value) => {
    expect(erfc(x) / value).toBeCloseTo(1, 12);
  });

  it.each([
    [0.975, 1.959963984540054],
    [0.995, 2.575829303548901],
    [0.5, 0],
    [0.001, -3.090232306167814],
  ])('Φ⁻¹(%d) = %d', (p, z) => {
    expect(normalQuantile(p)).toBeCloseTo(z, 9);
  });

  it('two-sided p of 1.96 is 0.05', () => {
    expect(twoSidedP(1.96)).toBeCloseTo(0.05, 4);
    expect(twoSidedP(-1.96)).toBeCloseTo(0.05, 4);
    expect(twoSidedP(Infinity)).toBe(0);
  });
});

describe('compareNps', () => {
  it('(P12, A0, D18) vs (P20, A0, D10), 30 a side: the adjusted-Wald z test, worked by hand', () => {
    // Each side gets 0.75 promoters, 1.5 passives, 0.75 detractors (n + 3 = 33):
    // a: p' = 12.75/33 = .386364, d' = 18.75/33 = .568182 → −.181818; variance (p' + d' − (p' − d')²)/33 = .027924.
    // b: p' = 20.75/33 = .628788, d' = 10.75/33 = .325758 → +.303030; variance .026143.
    // Adjusted difference 48.485 points; SE = 100·√(.027924 + .026143) = 23.252; z = 2.0852; p = 0.03705.
    // The interval, dual to the test: 48.485 ± 1.95996 · 23.252 = 2.911 … 94.058. The observed difference stays 53.33.
    const a = statsOf(counts(12, 0, 18));
    const b = statsOf(counts(20, 0, 10));
    const result = compareNps(a, b);
    expect(result?.test).toBe('adjusted-wald-z');
    expect(result?.difference).toBeCloseTo(53.333, 3);
    expect(result?.standardError).toBeCloseTo(23.2523, 3);
    expect(result?.z).toBeCloseTo(2.08517, 4);
    expect(result?.pValue).toBeCloseTo(0.037054, 5);
    expect(result?.significant).toBe(true);
    expect(result?.interval[0]).toBeCloseTo(2.9112, 3);
    expect(result?.interval[1]).toBeCloseTo(94.0585, 3);
    // The other way round only flips the sign.
    expect(compareNps(b, a)?.z).toBeCloseTo(-2.08517, 4);
  });

  it('--alpha moves the verdict and widens the interval', () => {
    const result = compareNps(statsOf(counts(12, 0, 18)), statsOf(counts(20, 0, 10)), 0.01);
    expect(result?.significant).toBe(false); // p = 0.037 ≥ 0.01
    // 99%: z = 2.5758 → 48.485 ± 2.5758 · 23.252 = −11.41, which holds 0 as the test says.
    expect(result?.interval[0]).toBeCloseTo(48.485 - 2.575829 * 23.2523, 2);
    expect(result?.interval[0]).toBeLessThan(0);
  });

  it.each([
    // a, b, exact p by brute force over every split of the pooled answers (a differently written
    // reference: Python itertools.combinations over the answers, not over tables).
    ['one promoter against one detractor', [1, 0, 0], [0, 0, 1], 1],
    ['two promoters against two passives', [2, 0, 0], [0, 2, 0], 1 / 3],
    ['P5 A4 D3 against P10 A3 D2', [5, 4, 3], [10, 3, 2], 0.32991878673666264],
    ['P3 A1 D0 against P1 A2 D5', [3, 1, 0], [1, 2, 5], 0.03636363636363636],
  ] as const)('below 30 a side, the exact permutation test: %s', (_name, [pa, aa, da], [pb, ab, db], p) => {
    const result = compareNps(statsOf(counts(pa, aa, da)), statsOf(counts(pb, ab, db)));
    expect(result?.test).toBe('exact-permutation');
    expect(result?.pValue).toBeCloseTo(p, 12);
    expect(result?.significant).toBe(p < 0.05);
    // The interval leaves out 0 exactly when the test says significant.
    const [low, high] = result?.interval ?? [0, 0];
    expect(low > 0 || high < 0).toBe(p < 0.05);
  });

  it('one answer against one opposite answer is no evidence: p = 1, the whole range', () => {
    const result = compareNps(statsOf(counts(1, 0, 0)), statsOf(counts(0, 0, 1)));
    expect(result).toMatchObject({ difference: -200, pValue: 1, significant: false, z: 0, standardError: null, interval: [-200, 200] });
  });

  it("the exact test's interval is Miettinen's test-based one", () => {
    // P3 A1 D0 (+75) against P1 A2 D5 (−50): p = 0.036364 → z(p) = Φ⁻¹(1 − p/2) = 2.092838;
    // SE = 125 / 2.092838 = 59.7275; −125 ± 1.95996 · 59.7275 = −242.06 … −7.936, clamped to −200.
    const result = compareNps(statsOf(counts(3, 1, 0)), statsOf(counts(1, 2, 5)));
    expect(result?.z).toBeCloseTo(-2.092838, 5);
    expect(result?.standardError).toBeCloseTo(59.7275, 3);
    expect(result?.interval[0]).toBe(-200);
    expect(result?.interval[1]).toBeCloseTo(-7.9362, 3);
  });

  it('sides without spread are never certainty', () => {
    // All promoters on both sides: no difference, p = 1.
    expect(compareNps(statsOf(counts(5, 0, 0)), statsOf(counts(3, 0, 0)))).toMatchObject({ difference: 0, z: 0, pValue: 1, significant: false });
    // Five promoters against three detractors: of the C(8, 3) = 56 ways to pick the 3 answers of b,
    // only the observed one (all three detractors) gives a difference as large as −200 (b all
    // promoters gives +120): p = 1/56, small but not 0.
    expect(compareNps(statsOf(counts(5, 0, 0)), statsOf(counts(0, 0, 3)))?.pValue).toBeCloseTo(1 / 56, 12);
    // 40 promoters against 40 detractors: the adjusted-Wald z, finite. a: 40.75/43 − .75/43 = .930233,
    // variance (.965116 − .865333)/43 = .0023205; b mirrored. z = 1.860465 / √.004641 = 27.31.
    const large = compareNps(statsOf(counts(40, 0, 0)), statsOf(counts(0, 0, 40)));
    expect(large?.z).toBeCloseTo(-27.31, 1);
    expect(large?.pValue).toBeGreaterThan(0);
    expect(compareNps(statsOf(new Tally()), statsOf(counts(1, 0, 0)))).toBeNull();
  });
});

describe('intervals', () => {
  it.each([
    // P, A, D, method, by hand
    // Wald, 0,7,7,9,9,9: 33.33 ± 1.96·30.43 = −26.31 … 92.98.
    [3, 2, 1, 'wald', -26.31, 92.98],
    // Adjusted: P 3.75, A 3.5, D 1.75, n 9: centre 22.22; variance (.41667 + .19444) − .22222² = .56173;
    // half 1.96·100·√(.56173/9) = 48.97 → −26.74 … 71.19.
    [3, 2, 1, 'adjusted-wald', -26.74, 71.19],
    // All 10 promoters: Wald 100 … 100; adjusted P 10.75, A 1.5, D .75, n 13: centre 76.92;
    // variance (.82692 + .05769) − .76923² = .29290; half 1.96·100·√(.29290/13) = 29.42 → 47.50 … 100 (clamped).
    [10, 0, 0, 'wald', 100, 100],
    [10, 0, 0, 'adjusted-wald', 47.5, 100],
  ] as const)('P%i A%i D%i by %s: %d … %d', (p, a, d, method, lo, hi) => {
    const interval = npsInterval(p, a, d, method);
    expect(interval?.[0]).toBeCloseTo(lo, 1);
    expect(interval?.[1]).toBeCloseTo(hi, 1);
  });

  it('large samples: the two methods nearly agree', () => {
    const wald = npsInterval(4000, 2000, 4000, 'wald');
    const adjusted = npsInterval(4000, 2000, 4000, 'adjusted-wald');
    expect(Math.abs((wald?.[0] ?? 0) - (adjusted?.[0] ?? 0))).toBeLessThan(0.05);
  });

  it('none without answers', () => {
    expect(npsInterval(0, 0, 0, 'adjusted-wald')).toBeNull();
  });
});

describe('periods', () => {
  it.each([
    ['2025-01-31', 'day', '2025-02-01'],
    ['2024-02-28', 'day', '2024-02-29'],
    ['2020-W53', 'week', '2021-W01'],
    ['2026-W52', 'week', '2026-W53'],
    ['2025-12', 'month', '2026-01'],
    ['2025-Q4', 'quarter', '2026-Q1'],
    ['2025', 'year', '2026'],
  ] as const)('after %s (%s) comes %s', (key, period, next) => {
    expect(nextPeriodKey(key, period)).toBe(next);
  });

  it('week keys start on their Monday', () => {
    expect(periodStart('2025-W01', 'week')).toEqual({ year: 2024, month: 12, day: 30 });
    expect(periodStart('2020-W53', 'week')).toEqual({ year: 2020, month: 12, day: 28 });
  });

  it('a range holds the gaps too', () => {
    expect(periodRange('2025-11', '2026-02', 'month')).toEqual(['2025-11', '2025-12', '2026-01', '2026-02']);
    expect(periodRange('2025-Q1', '2025-Q1', 'quarter')).toEqual(['2025-Q1']);
  });
});

describe('rollingTallies', () => {
  it('pools counts over the last k periods, gaps adding nothing', () => {
    // Periods: P1 D1 (0) · gap · P2 (100) · D1 (−100). Rolling 2: 0, 0, 100, 33.33 (P2 D1 → 1/3).
    const rolled = rollingTallies([counts(1, 0, 1), null, counts(2, 0, 0), counts(0, 0, 1)], 2).map((t) => statsOf(t).nps);
    expect(rolled[0]).toBe(0);
    expect(rolled[1]).toBe(0);
    expect(rolled[2]).toBe(100);
    expect(rolled[3]).toBeCloseTo(33.333, 3);
    expect(() => rollingTallies([], 0)).toThrow(RangeError);
  });
});
