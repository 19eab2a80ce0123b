import { describe, expect, it } from 'vitest';
import { driverOf, judgeFamily } from '../../src/core/drivers.js';
import { npsMeasure } from '../support/measure.js';
import { weightedLogOdds } from '../../src/core/log-odds.js';
import { RatingTable, spearmanTest } from '../../src/core/spearman.js';
import { naiveSpearman } from '../support/naive-spearman.js';
import { rankBy } from '../../src/core/ranking.js';
import { Tally } from '../../src/core/tally.js';

const counts = (p: number, a: number, d: number): Tally => Tally.fromDistribution([d, 0, 0, 0, 0, 0, 0, 0, a, 0, p]);

describe('driverOf: impact = NPS(all) − NPS(all but the group)', () => {
  // All: P6 A2 D4 (n 12) → NPS 16.67.
  const all = counts(6, 2, 4);
  it.each([
    // group, rest, impact worked by hand
    ['A: P3 A1 D0', counts(3, 1, 0), 'rest P3 A1 D4 → −12.5', 16.667 + 12.5],
    ['B: P1 A1 D2', counts(1, 1, 2), 'rest P5 A1 D2 → +37.5', 16.667 - 37.5],
    ['C: P2 A0 D2', counts(2, 0, 2), 'rest P4 A2 D2 → +25', 16.667 - 25],
  ])('%s (%s) → impact %d', (_name, group, _rest, impact) => {
    expect(driverOf(all, group, 0.05, npsMeasure(), 30).impact).toBeCloseTo(impact, 2);
  });

  it('tests a group against the rest, and gives the impact its interval', () => {
    // A group of 50 all-promoters against a rest of P10 D40 (both 30 or more: adjusted Wald): clearly different.
    const whole = counts(60, 0, 40);
    const strong = driverOf(whole, counts(50, 0, 0), 0.05, npsMeasure(), 30);
    expect(strong.thin).toBe(false);
    expect(strong.pValue).toBeLessThan(1e-10);
    // Group A (P3 A1 D0, +75) against its rest P3 A1 D4 (−12.5): 4 and 8 answers, the exact test.
    // Brute force over the C(12, 4) splits: p = 0.189899, not significant; the adjusted-Wald t interval
    // agrees (it holds 0): 51.948 ± t(.975, 15.21) · 36.755 = −26.301 … +130.197 (scipy). A holds 4
    // of 12 answers, so the impact (+29.17) has the interval −8.767 … +43.399.
    const a = driverOf(all, counts(3, 1, 0), 0.05, npsMeasure(), 30);
    expect(a.pValue).toBeCloseTo(0.1898989898989899, 12);
    expect(a.thin).toBe(true);
    expect(a.impactInterval?.[0]).toBeCloseTo(-26.301069903 / 3, 5);
    expect(a.impactInterval?.[1]).toBeCloseTo(130.1971738 / 3, 5);
    expect(driverOf(counts(6, 2, 4), counts(2, 0, 2), 0.05, npsMeasure(), 30).pValue).toBeCloseTo(0.7575757575757576, 12);
  });

  it('judgeFamily: thin groups keep their p-value but are not judged; the rest are adjusted together', () => {
    const items = [
      { pValue: 0.01, thin: false },
      { pValue: 0.001, thin: true },
      { pValue: 0.04, thin: false },
      { pValue: 0.03, thin: false },
    ];
    // Benjamini–Hochberg over 0.01, 0.04, 0.03 (R p.adjust): 0.03, 0.04, 0.04.
    const judged = judgeFamily(items, 'bh', 0.05);
    expect(judged.map((j) => j.pAdjusted)).toEqual([0.03, null, 0.04, 0.04]);
    expect(judged.map((j) => j.significant)).toEqual([true, false, true, true]);
    // Holm: 0.03, 0.06, 0.06 → only the first stays under 0.05.
    expect(judgeFamily(items, 'holm', 0.05).map((j) => j.significant)).toEqual([true, false, false, false]);
    expect(judgeFamily(items, 'none', 0.05).map((j) => j.significant)).toEqual([true, false, true, true]);
  });

  it('a group cannot hold more answers than the whole', () => {
    expect(() => counts(1, 0, 0).minus(counts(2, 0, 0))).toThrow(RangeError);
  });
});

describe('RatingTable.spearman agrees with a naive rank correlation', () => {
  const naive = naiveSpearman;

  it('on the drivers fixture (score, ease)', () => {
    const pairs: [number, number][] = [[10, 5], [9, 4], [10, 5], [8, 4], [9, 4], [7, 3], [3, 2], [0, 1], [10, 5], [9, 4], [6, 2], [2, 1]];
    const table = new RatingTable(5);
    for (const [s, r] of pairs) table.add(s, r);
    expect(table.spearman()).toBeCloseTo(naive(pairs), 12);
    // Means by class: detractors 3, 0, 6, 2 → ease 2, 1, 2, 1 = 1.5; passives 8, 7 → 3.5; promoters → 4.5.
    expect([table.meanRating(0, 6), table.meanRating(7, 8), table.meanRating(9, 10)]).toEqual([1.5, 3.5, 4.5]);
  });

  it('on random samples with many ties', () => {
    let seed = 3;
    const random = (): number => {
      seed = (seed * 48271) % 2147483647;
      return seed / 2147483647;
    };
    for (let trial = 0; trial < 50; trial++) {
      const pairs: [number, number][] = Array.from({ length: 5 + Math.floor(random() * 200) }, () => {
        const score = Math.floor(random() * 11);
        return [score, Math.min(7, Math.max(1, Math.round(score / 1.6 + random() * 3)))];
      });
      const table = new RatingTable(7);
      for (const [s, r] of pairs) table.add(s, r);
      const expected = naive(pairs);
      if (Number.isNaN(expected)) expect(table.spearman()).toBeNull();
      else expect(table.spearman()).toBeCloseTo(expected, 10);
    }
  });

  it('null without spread or with fewer than 3 pairs', () => {
    const flat = new RatingTable(5);
    for (const s of [9, 10, 3]) flat.add(s, 4);
    expect(flat.spearman()).toBeNull();
    const two = new RatingTable(5);
    two.add(1, 1);
    two.add(10, 5);
    expect(two.spearman()).toBeNull();
  });
});

describe('weightedLogOdds', () => {
  it('the hand-worked formula for one term', () => {
    // group: queue 4 of 10 tokens; rest: queue 0 of 20. Prior α_w = pooled count = 4, α0 = 30.
    // δ = ln((4 + 4)/(10 + 30 − 4 − 4)) − ln((0 + 4)/(20 + 30 − 0 − 4)) = ln(8/32) − ln(4/46) = 1.0561;
    // σ² = 1/8 + 1/4 = 0.375; z = 1.0561 / 0.6124 = 1.7246.
    const group = new Map([['queue', 4], ['other', 6]]);
    const rest = new Map([['other', 20]]);
    const scores = weightedLogOdds(group, rest);
    expect(scores[0]).toMatchObject({ term: 'queue', count: 4 });
    expect(scores[0]?.score).toBeCloseTo(1.7246, 3);
  });

  it('a word frequent everywhere does not top the list; a planted one does', () => {
    const group = new Map([['service', 30], ['queue', 8], ['nice', 1]]);
    const rest = new Map([['service', 60], ['nice', 12]]);
    expect(weightedLogOdds(group, rest).map((t) => t.term)).toEqual(['queue', 'service', 'nice']);
  });
});

describe('spearmanTest: how sure a rank correlation is', () => {
  it.each([
    // rho, pairs; p by the t approximation and the Fisher-z interval with √(1.06/(n − 3)),
    // from scipy.stats.t and norm (a separate computation)
    [0.3, 50, 0.03428618003292995, 0.01517653496914646, 0.5397916301044311],
    [-0.1, 12, 0.7571581091015624, -0.6486536129465453, 0.517046500151413],
    [0.9, 10, 0.00038715624999999926, 0.6103773492259307, 0.977360743366575],
  ])('ρ %d over %i pairs: p %d, interval %d … %d', (rho, pairs, p, low, high) => {
    const test = spearmanTest(rho, pairs, 0.05);
    expect(test?.pValue).toBeCloseTo(p, 10);
    expect(test?.interval[0]).toBeCloseTo(low, 10);
    expect(test?.interval[1]).toBeCloseTo(high, 10);
  });

  it('a perfect correlation is not certainty; too few pairs have no test', () => {
    const perfect = spearmanTest(1, 12, 0.05);
    expect(perfect?.pValue).toBeGreaterThan(0);
    expect(perfect?.interval[1]).toBeLessThanOrEqual(1);
    expect(spearmanTest(0.5, 3, 0.05)).toBeNull();
    // Fewer than 10 pairs: the t approximation is too liberal there (calibration.test.ts), no test.
    expect(spearmanTest(0.99, 9, 0.05)).toBeNull();
    expect(spearmanTest(0.99, 10, 0.05)?.pValue).toBeLessThan(0.001);
    expect(spearmanTest(0, 0, 0.05)).toBeNull();
    expect(spearmanTest(null, 30, 0.05)).toBeNull();
  });
});

describe('rankBy', () => {
  const groups = [
    { key: ['a'], responses: 2, score: 100, shrunk: 43, impact: 1 },
    { key: ['b'], responses: 200, score: 80, shrunk: 77.5, impact: 5 },
    { key: ['c'], responses: 30, score: null, shrunk: null, impact: null },
    { key: ['d'], responses: 30, score: 0, shrunk: 10, impact: -4 },
  ];
  it.each([
    ['key', ['a', 'b', 'c', 'd']],
    ['responses', ['b', 'c', 'd', 'a']],
    ['nps', ['a', 'b', 'd', 'c']],
    ['shrunk', ['b', 'a', 'd', 'c']],
    ['impact', ['d', 'a', 'b', 'c']],
  ] as const)('by %s', (by, order) => {
    expect(rankBy(groups, by, (g) => g).map((g) => g.key[0])).toEqual(order);
  });
});
