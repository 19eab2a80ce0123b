import { describe, expect, it } from 'vitest';
import { nextPeriodKey, periodRange, periodStart } from '../../src/core/calendar.js';
import { erfc, normalCdf, normalQuantile, twoSidedP } from '../../src/core/normal.js';
import { rollingTallies } from '../../src/core/rolling.js';
import { compareNps, npsChange } from '../../src/core/significance.js';
import { seededRandom } from '../support/random.js';
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
  it('(P12, A0, D18) vs (P20, A0, D10), 30 a side: the exact test, with the interval that agrees with it', () => {
    // Below 100 a side: exact. The p enumerated table by table in Python (scipy.stats.multivariate_hypergeom):
    // 0.0692058, not significant. The adjusted-Wald t interval (2.03 … 94.94, see scipy) leaves out 0 and
    // so disagrees: Miettinen's test-based one is shown: z(p) = 1.817074; SE = 53.333 / 1.817074 = 29.3512;
    // 53.333 ± 1.95996 · 29.3512 = −4.194 … +110.861. (Wald's z said p = 0.0317; chi-square on the 2 × 2 table 0.039.)
    const a = statsOf(counts(12, 0, 18));
    const b = statsOf(counts(20, 0, 10));
    const result = compareNps(a, b);
    expect(result?.test).toBe('exact-permutation');
    expect(result?.difference).toBeCloseTo(53.333, 3);
    expect(result?.pValue).toBeCloseTo(0.06920580631231742, 10);
    expect(result?.significant).toBe(false);
    expect(result?.standardError).toBeCloseTo(29.35122, 4);
    expect(result?.interval[0]).toBeCloseTo(-4.194, 3);
    expect(result?.interval[1]).toBeCloseTo(110.8607, 3);
    expect(compareNps(b, a)?.z).toBeCloseTo(-1.817074, 5);
  });

  it('larger sides: P120 D180 against P200 D100, t 6.7726 on 603.1 degrees (scipy)', () => {
    const result = compareNps(statsOf(counts(120, 0, 180)), statsOf(counts(200, 0, 100)));
    expect(result?.test).toBe('adjusted-wald-t');
    expect(result?.z).toBeCloseTo(6.772639141, 6);
    expect(result?.degreesOfFreedom).toBeCloseTo(603.13614, 3);
    expect(result?.pValue).toBeCloseTo(3.0079176e-11, 16);
    expect(result?.interval[0]).toBeCloseTo(37.49299955, 5);
    expect(result?.interval[1]).toBeCloseTo(68.11756151, 5);
  });

  it('--alpha moves the verdict and widens the interval', () => {
    // P120 D180 against P200 D100 at 99.9999%: t 6.77 on 603 degrees still clears it; at alpha 1e-12 it does not.
    const strict = compareNps(statsOf(counts(120, 0, 180)), statsOf(counts(200, 0, 100)), 0.000001);
    expect(strict?.significant).toBe(true);
    expect(compareNps(statsOf(counts(120, 0, 180)), statsOf(counts(200, 0, 100)), 1e-12)?.significant).toBe(false);
    // 99%: 53.0528 − t(.995, 603.14) · 7.79685 = 32.658 (scipy).
    expect(compareNps(statsOf(counts(120, 0, 180)), statsOf(counts(200, 0, 100)), 0.01)?.interval[0]).toBeCloseTo(32.65816785, 5);
  });

  it('unequal sides are compared exactly up to 1,000 answers: 30 against 80 answers', () => {
    // P12 A0 D18 against P48 A8 D24 (and so any sides under 100): the skew of the
    // scores would thin one tail of a normal or t statistic. The exact p (enumerated in Python with
    // scipy.stats.multivariate_hypergeom, a table-by-table reference): 0.0176741.
    const result = compareNps(statsOf(counts(12, 0, 18)), statsOf(counts(48, 8, 24)));
    expect(result?.test).toBe('exact-permutation');
    expect(result?.pValue).toBeCloseTo(0.01767406697734517, 10);
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

  it('one answer against one opposite answer is no evidence: p = 1, and the interval agrees', () => {
    // The adjusted-Wald t interval holds 0 as the exact test says: −50 ± t(.975, 6) · 53.033 = −179.77 … +79.77 (scipy).
    const result = compareNps(statsOf(counts(1, 0, 0)), statsOf(counts(0, 0, 1)));
    expect(result).toMatchObject({ difference: -200, pValue: 1, significant: false, z: 0 });
    expect(result?.standardError).toBeCloseTo(53.033009, 5);
    expect(result?.interval[0]).toBeCloseTo(-179.76709709, 5);
    expect(result?.interval[1]).toBeCloseTo(79.76709709, 5);
  });

  it("where the adjusted-Wald interval and the exact test part, Miettinen's test-based interval", () => {
    // Two detractors against five passives: exact p = 1/21 (only the observed split is as far apart):
    // significant; the adjusted-Wald t interval −49.58 … +129.58 holds 0, so it is not shown. Instead
    // z(p) = 1.980752; SE = 100 / 1.980752 = 50.4859; 100 ± 1.95996 · 50.4859 = 1.0495 … 198.9505.
    const result = compareNps(statsOf(counts(0, 0, 2)), statsOf(counts(0, 5, 0)));
    expect(result?.pValue).toBeCloseTo(1 / 21, 12);
    expect(result?.significant).toBe(true);
    expect(result?.z).toBeCloseTo(1.980752, 5);
    expect(result?.standardError).toBeCloseTo(50.48587, 4);
    expect(result?.interval[0]).toBeCloseTo(1.04952, 4);
    expect(result?.interval[1]).toBeCloseTo(198.95048, 4);
  });

  it('sides without spread are never certainty', () => {
    // All promoters on both sides: no difference, p = 1.
    expect(compareNps(statsOf(counts(5, 0, 0)), statsOf(counts(3, 0, 0)))).toMatchObject({ difference: 0, z: 0, pValue: 1, significant: false });
    // Five promoters against three detractors: of the C(8, 3) = 56 ways to pick the 3 answers of b,
    // only the observed one (all three detractors) gives a difference as large as −200 (b all
    // promoters gives +120): p = 1/56, small but not 0.
    expect(compareNps(statsOf(counts(5, 0, 0)), statsOf(counts(0, 0, 3)))?.pValue).toBeCloseTo(1 / 56, 12);
    // 40 promoters against 40 detractors: exact, p = 2 / C(80, 40) = 1.8603e-23, z(p) = 9.9802.
    const exact = compareNps(statsOf(counts(40, 0, 0)), statsOf(counts(0, 0, 40)));
    expect((exact?.pValue ?? 0) / 1.8603403656036264e-23).toBeCloseTo(1, 6);
    expect(exact?.z).toBeCloseTo(-9.98023, 4);
    // 100 against 100: the adjusted-Wald t, finite. a: 100.75/103 − .75/103 = .970874, variance
    // (.985437 − .942596)/103 = .00041593; b mirrored. t = 1.941748 / √.00083186 = 67.32.
    const large = compareNps(statsOf(counts(100, 0, 0)), statsOf(counts(0, 0, 100)));
    expect(large?.z).toBeCloseTo(-67.32, 1);
    expect(large?.pValue).toBeGreaterThan(0);
    expect(compareNps(statsOf(new Tally()), statsOf(counts(1, 0, 0)))).toBeNull();
  });
});

describe('npsChange: compareNps without its interval', () => {
  // The same difference and p-value to the bit, on the exact path (small or unequal sides), the t
  // test's (large and alike), weighted sides (never exact), and sides without an NPS.
  it('gives compareNps\' difference and p-value, the very doubles, for small, large, unequal and weighted sides', () => {
    const random = seededRandom(53);
    const paths = new Set<string>();
    for (let i = 0; i < 3000; i++) {
      const size = (): number => Math.floor(random() ** 2 * [40, 400, 3000][i % 3]!);
      const side = (): Tally => {
        const tally = new Tally();
        const n = size();
        const weighted = i % 5 === 0;
        for (let j = 0; j < n; j++) tally.add([0, 4, 6, 7, 8, 9, 10][Math.floor(random() * 7)]!, weighted ? 0.5 + Math.floor(random() * 30) / 10 : 1);
        return tally;
      };
      const [a, b] = [statsOf(side(), 'adjusted-wald', i % 5 === 0), statsOf(side(), 'adjusted-wald', i % 5 === 0)];
      const compared = compareNps(a, b);
      const change = npsChange(a, b);
      if (compared === null) {
        expect(change).toBeNull();
        paths.add('none');
        continue;
      }
      expect(Object.is(change?.difference, compared.difference) && Object.is(change?.pValue, compared.pValue), `case ${i}`).toBe(true);
      paths.add(compared.test);
    }
    expect([...paths].sort()).toEqual(['adjusted-wald-t', 'exact-permutation', 'none']);
  });

  it('small cases, worked by hand: no answers, one, two, all one class, weights adding up to 0', () => {
    const weighted = (pairs: [number, number][]): Tally => {
      const tally = new Tally();
      for (const [score, weight] of pairs) tally.add(score, weight);
      return tally;
    };
    const same = (a: Tally, b: Tally, weights = false): ReturnType<typeof npsChange> => {
      const [sa, sb] = [statsOf(a, 'adjusted-wald', weights), statsOf(b, 'adjusted-wald', weights)];
      const compared = compareNps(sa, sb);
      const change = npsChange(sa, sb);
      expect(change).toEqual(compared === null ? null : { difference: compared.difference, pValue: compared.pValue });
      return change;
    };
    // A side without answers, or whose weights add up to 0: no NPS, no change.
    expect(same(new Tally(), counts(1, 0, 0))).toBeNull();
    expect(same(weighted([[10, 0], [3, 0]]), weighted([[10, 1]]), true)).toBeNull();
    // One promoter against one detractor: +100 → −100, and of the two splits both are as far: p = 1.
    expect(same(counts(1, 0, 0), counts(0, 0, 1))).toEqual({ difference: -200, pValue: 1 });
    // Two promoters against two passives: of the C(4, 2) = 6 splits, 2 are as far apart: p = 1/3.
    const two = same(counts(2, 0, 0), counts(0, 2, 0));
    expect(two?.difference).toBe(-100);
    expect(two?.pValue).toBeCloseTo(1 / 3, 12);
    // All one class on both sides: no difference, p = 1.
    expect(same(counts(3, 0, 0), counts(5, 0, 0))).toEqual({ difference: 0, pValue: 1 });
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
