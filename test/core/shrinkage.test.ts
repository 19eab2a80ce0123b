import { describe, expect, it } from 'vitest';
import { classColumn, digamma, dirichletLogLikelihood, fitDirichlet, shrinkGroups, shrunkShares, trigamma } from '../../src/core/shrinkage.js';
import type { MetricName } from '../../src/core/metrics.js';
import { seededRandom } from '../support/random.js';
import { logGamma } from '../../src/core/student-t.js';

describe('digamma', () => {
  it.each([
    // ψ(1) = −γ; ψ(1/2) = −γ − 2 ln 2; ψ(10) = H₉ − γ (tables; scipy.special.digamma agrees).
    [1, -0.5772156649015329],
    [0.5, -1.9635100260214235],
    [10, 2.251752589066721],
    [0.01, -100.5608854578687],
  ])('ψ(%d) = %d', (x, value) => {
    expect(digamma(x)).toBeCloseTo(value, 12);
  });
});

describe('trigamma', () => {
  it.each([
    // ψ′(1) = π²/6; ψ′(1/2) = π²/2; the rest scipy.special.polygamma(1, x).
    [1, 1.6449340668482266],
    [0.5, 4.93480220054468],
    [10, 0.10516633568168576],
    [0.01, 10001.621213528311],
    [3.7, 0.31003785767003833],
    [123.4, 0.008136651610865263],
  ])('ψ′(%d) = %d', (x, value) => {
    expect(trigamma(x) / value).toBeCloseTo(1, 12);
  });
});

describe('empirical-Bayes shrinkage', () => {
  it('the posterior mean, by hand: prior α = (2, 1, 1) and a group of two promoters', () => {
    // (2 + 2, 0 + 1, 0 + 1) / (2 + 4) = 4/6, 1/6, 1/6 → NPS 100 · (4/6 − 1/6) = +50, not +100.
    const shares = shrunkShares([2, 0, 0], { alpha: [2, 1, 1], strength: 4, pooled: false });
    expect(shares.map((s) => s * 6)).toEqual([4, 1, 1].map((x) => expect.closeTo(x, 12) as unknown as number));
    // 170 promoters, 20 passives, 10 detractors: (172, 21, 11) / 204 → +78.43, close to its own +80.
    const big = shrunkShares([170, 20, 10], { alpha: [2, 1, 1], strength: 4, pooled: false });
    expect(100 * ((big[0] ?? 0) - (big[2] ?? 0))).toBeCloseTo((100 * (172 - 11)) / 204, 12);
  });

  it('fits the prior by maximum marginal likelihood, as scipy.optimize does', () => {
    // Six agents; scipy: minimize the negative Dirichlet-multinomial log likelihood over log α
    // (Nelder–Mead from four starts, then BFGS): α = (5.979064, 3.127546, 2.240750), log L = −373.198110.
    const groups = [[2, 0, 0], [170, 20, 10], [30, 40, 30], [5, 3, 2], [50, 30, 20], [12, 10, 8]];
    const prior = fitDirichlet(groups);
    expect(prior?.alpha[0]).toBeCloseTo(5.97906353, 5);
    expect(prior?.alpha[1]).toBeCloseTo(3.12754551, 5);
    expect(prior?.alpha[2]).toBeCloseTo(2.24075045, 5);
    expect(dirichletLogLikelihood(groups, prior?.alpha ?? [])).toBeCloseTo(-373.1981102103208, 6);
    // The agent with two promoters (+100) ranks below the one with 170 of 200 (+80): +42.99 against +77.47.
    const nps = (counts: number[]): number => {
      const [p, , d] = shrunkShares(counts, prior ?? { alpha: [], strength: 0, pooled: false });
      return 100 * ((p ?? 0) - (d ?? 0));
    };
    expect(nps([2, 0, 0])).toBeCloseTo(42.99212204, 5);
    expect(nps([170, 20, 10])).toBeCloseTo(77.47355514, 5);
  });

  it('no spread between groups: every group goes to the pooled shares; one group: nothing to fit', () => {
    // The same 50/30/20 shares in every group: the likelihood grows with the strength without end.
    const prior = fitDirichlet([[5, 3, 2], [10, 6, 4], [50, 30, 20]]);
    expect(prior?.pooled).toBe(true);
    expect(prior?.strength).toBeGreaterThanOrEqual(1e3 * 100);
    const [p, , d] = shrunkShares([5, 3, 2], prior ?? { alpha: [], strength: 0, pooled: false });
    expect(100 * ((p ?? 0) - (d ?? 0))).toBeCloseTo(30, 3);
    // The example's three channels (chat P9 A2 D1, email P9 A4 D3, phone P4 A3 D5): scipy's optimum runs off
    // to a strength of 3e7 with the log likelihood still rising: no spread.
    expect(fitDirichlet([[9, 2, 1], [9, 4, 3], [4, 3, 5]])?.pooled).toBe(true);
    expect(fitDirichlet([[2, 0, 0], [170, 20, 10], [30, 40, 30]])?.pooled).toBe(false);
    expect(fitDirichlet([[5, 3, 2]])).toBeNull();
    expect(fitDirichlet([[5, 3, 2], [0, 0, 0]])).toBeNull();
    // A class no group has keeps α = 0.
    expect(fitDirichlet([[5, 0, 2], [1, 0, 6], [8, 0, 1]])?.alpha[1]).toBe(0);
  });
});

describe('a strong prior: little spread beside the groups', () => {
  it('fits the maximum, where the fixed point alone stopped far from it', () => {
    // 200 groups of 2,000 answers drawn with shares 45/20/35 (the tests' generator, seed 11): the
    // likelihood is flat in the strength. scipy.optimize.root of the gradient (scipy.special.digamma)
    // puts the maximum at α = (9784.110106, 4351.141768, 7603.465938), the gradient ~1e-10 there.
    // The fixed point alone stopped at steps under 1e-12 with α about 2e-6 of the way off.
    let state = 11;
    const random = (): number => {
      state = (Math.imul(state, 1103515245) + 12345) >>> 0;
      return state / 4294967296;
    };
    const groups = Array.from({ length: 200 }, () => {
      const counts = [0, 0, 0];
      for (let j = 0; j < 2000; j++) {
        const u = random();
        const k = u < 0.45 ? 0 : u < 0.65 ? 1 : 2;
        counts[k] = (counts[k] as number) + 1;
      }
      return counts;
    });
    expect(groups.slice(0, 3)).toEqual([[900, 418, 682], [879, 370, 751], [901, 418, 681]]);
    const prior = fitDirichlet(groups);
    expect(prior?.pooled).toBe(false);
    [9784.110106343998, 4351.141767027319, 7603.465938049011].forEach((alpha, k) => expect((prior?.alpha[k] ?? 0) / alpha).toBeCloseTo(1, 7));
  });
});

describe('small groups, where some of Newton\'s steps do not climb and the fixed point takes them', () => {
  it.each([
    // scipy.optimize.root of the gradient (scipy.special.digamma), from α = (1, 1, 1).
    ['three channels', [[2, 0, 0], [170, 20, 10], [30, 40, 30]], [3.6110888586302132, 1.4022981462336912, 1.017538334042217]],
    ['four respondents of one or two answers', [[1, 1, 0], [0, 0, 2], [2, 0, 0], [1, 1, 0]], [1.4334200092486107, 0.7987727778869436, 0.539315672281331]],
    ['each group all in one class', [[10, 0, 0], [0, 10, 0], [0, 0, 10], [5, 5, 0]], [0.06684495142651133, 0.06684495142651133, 0.03138494188614157]],
  ])('%s: the maximum scipy finds', (_, groups, alpha) => {
    const prior = fitDirichlet(groups);
    expect(prior?.pooled).toBe(false);
    alpha.forEach((a, k) => expect((prior?.alpha[k] ?? 0) / a).toBeCloseTo(1, 10));
  });
});

describe('many groups', () => {
  it('fits 160,000 groups of different counts (a weighted run\'s, say) without running out of stack', () => {
    // The 50/30/20 shares in every group, at 160,000 sizes: no spread, so the pooled shares at the
    // largest strength tried, 10⁴ × the largest group's 1,600,000 answers (as in the test above).
    const groups = Array.from({ length: 160_000 }, (_, i) => [5 * (i + 1), 3 * (i + 1), 2 * (i + 1)]);
    const prior = fitDirichlet(groups);
    expect(prior?.pooled).toBe(true);
    expect(prior?.strength).toBe(1e4 * 1_600_000);
    expect(prior?.alpha.map((a) => a / 1.6e10)).toEqual([0.5, 0.3, 0.2].map((share) => expect.closeTo(share, 12) as unknown as number));
  });
});

describe('groups with the same counts, counted once with how many there are', () => {
  // Counts that one number keys (whole, under 2^17 each), beside counts keyed as text (fractional,
  // or past 2^17), and pairs that a smaller base would key alike ([0, 1, 0] and [0, 0, 1024] in
  // base 1024): the likelihood is the sum over every group, as written out here with logGamma.
  it('the likelihood over groups of every kind of counts is their sum, group by group', () => {
    const groups = [[0, 1, 0], [0, 0, 1024], [0, 1, 0], [1, 0, 0], [0, 1024, 0], [0, 0, 131071], [0, 131071, 0], [0.5, 1, 2], [0.5, 1, 2], [200000, 1, 1], [3, 2, 1], [3, 2, 1], [1, 2, 3]];
    const alpha = [0.7, 0.4, 1.3];
    const strength = alpha.reduce((s, a) => s + a, 0);
    let want = 0;
    for (const counts of groups) {
      const n = counts.reduce((s, c) => s + c, 0);
      want += logGamma(strength) - logGamma(n + strength);
      counts.forEach((c, k) => (want += logGamma(c + (alpha[k] as number)) - logGamma(alpha[k] as number)));
    }
    expect(dirichletLogLikelihood(groups, alpha)).toBeCloseTo(want, 6);
  });
});


describe('shrinkGroups: the groups in one column, each distinct counts worked out once', () => {
  /** The plain way, group by group: the prior fitted to the groups with a score, then each group's posterior shares. */
  function groupByGroup(metric: MetricName, groups: (number[] | null)[]): (number | null)[] | null {
    const prior = fitDirichlet(groups.filter((counts): counts is number[] => counts !== null));
    if (prior === null) return null;
    return groups.map((counts) => {
      if (counts === null) return null;
      const shares = shrunkShares(counts, prior);
      return metric === 'nps' ? 100 * ((shares[0] as number) - (shares[2] as number)) : 100 * (shares[0] as number);
    });
  }

  // Random groups of few answers (so that many share their counts), groups without a score, groups
  // of zero counts (a value, no say in the fit), fractional (weighted) counts and counts past 2^17:
  // the same doubles as the plain way, group by group.
  it.each([
    ['nps', 3, false],
    ['nps', 3, true],
    ['csat', 2, false],
    ['csat', 2, true],
  ] as const)('%s (%d classes), weighted %s: the same values as group by group', (metric, classes, weighted) => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = seededRandom(seed);
      const size = 1 + Math.floor(random() * 60);
      const groups = Array.from({ length: size }, (): number[] | null => {
        const kind = random();
        if (kind < 0.1) return null;
        if (kind < 0.15) return new Array<number>(classes).fill(0);
        if (kind < 0.2) return Array.from({ length: classes }, () => 131000 + Math.floor(random() * 200));
        return Array.from({ length: classes }, () => (weighted ? Math.floor(random() * 8) * 0.75 : Math.floor(random() * 4)));
      });
      const shrinkage = shrinkGroups(metric, classColumn(metric, groups, (counts) => counts));
      const want = groupByGroup(metric, groups);
      expect(shrinkage?.values ?? null).toEqual(want);
      if (shrinkage !== null) expect(shrinkage.prior).toEqual(fitDirichlet(groups.filter((counts): counts is number[] => counts !== null)));
    }
  });

  it('CES has no classes, and fewer than two groups with answers nothing to fit', () => {
    expect(shrinkGroups('ces', classColumn('ces', [[1, 2], [1, 2]], (counts) => counts))).toBeNull();
    expect(shrinkGroups('nps', classColumn('nps', [[2, 1, 0], null, [0, 0, 0]], (counts) => counts))).toBeNull();
    expect(shrinkGroups('nps', classColumn('nps', [[2, 1, 0], [2, 1, 0]], (counts) => counts))?.values).toHaveLength(2);
  });
});

describe('the prior is that of the groups\' counts, not of the order they come in', () => {
  // The fit's sums run over the distinct counts in one order (class by class), whatever order the
  // groups are given in: the same prior and the same shrunk value per group, to the last bit, for
  // the groups in any order. Taken in the order given, the fit stopped within its tolerance and
  // moved in the 9th digit (drivers took its groups in the order the rows first had them).
  it.each([1, 2, 3, 4, 5])('seed %d: the groups reversed and shuffled', (seed) => {
    const random = seededRandom(seed);
    const groups = Array.from({ length: 80 }, () => [Math.floor(random() * 40), Math.floor(random() * 15), Math.floor(random() * 30)]);
    const shuffled = groups.map((counts, i) => ({ counts, i, at: random() })).sort((a, b) => a.at - b.at);
    const shrink = (given: number[][]) => shrinkGroups('nps', classColumn('nps', given, (counts) => counts));
    const want = shrink(groups);
    for (const order of [[...groups.keys()].reverse(), shuffled.map(({ i }) => i)]) {
      const got = shrink(order.map((i) => groups[i] as number[]));
      expect(got?.prior).toEqual(want?.prior);
      expect(got?.values).toEqual(order.map((i) => want?.values[i]));
    }
    expect(fitDirichlet([...groups].reverse())).toEqual(fitDirichlet(groups));
  });
});
