// nps plan's arithmetic against an independent computation (scipy.stats.norm quantiles in
// Python), and a seeded simulation of the test it plans for.

import { describe, expect, it } from 'vitest';
import { answersForMargin, answerVariance, assumedMix, detectableDifference } from '../../src/core/plan.js';
import { compareNps } from '../../src/core/significance.js';
import { statsOf } from '../../src/core/stats.js';
import { Tally } from '../../src/core/tally.js';
import { seededRandom } from '../support/random.js';

describe('answers for a margin of error: ⌈z²·v/m² − 3⌉', () => {
  it.each([
    // margin, mix or expected NPS, alpha, scipy: z²·v/m² − 3
    [5, undefined, undefined, 0.05, 1534], // v = 1: 1533.58
    [5, { promoters: 0.5, passives: 0.3, detractors: 0.2 }, undefined, 0.05, 935], // v = .61: 934.32
    [3, undefined, 30, 0.05, 3882], // no passives at +30: v = 1 − .09 = .91 → 3881.14
  ])('±%d points', (margin, mix, expected, alpha, n) => {
    const { mix: assumed } = assumedMix(mix, expected);
    expect(answersForMargin(margin, answerVariance(assumed), alpha)).toBe(n);
  });

  it('the variance of one answer: p + d − (p − d)²', () => {
    expect(answerVariance({ promoters: 0.5, passives: 0.3, detractors: 0.2 })).toBeCloseTo(0.61, 14);
    expect(assumedMix(undefined, -40)).toEqual({ mix: { promoters: 0.3, passives: 0, detractors: 0.7 }, assumption: 'expected-nps' });
  });
});

describe('the difference two groups can show', () => {
  it.each([
    // na, nb, v, alpha, power → detectable, never significant below (scipy)
    [200, 300, 0.91, 0.05, 0.8, 24.239879617784762, 16.958003180943734],
    [200, 200, 1, 0.05, 0.8, 27.808067961982466, 19.454275862377163],
    [35, 60, 1, 0.05, 0.8, 57.544318512092296, 40.25749103379749],
  ])('%i and %i answers', (na, nb, v, alpha, power, detectable, from) => {
    const result = detectableDifference(na, nb, v, alpha, power);
    expect(result.detectable).toBeCloseTo(detectable, 9);
    expect(result.significantFrom).toBeCloseTo(from, 9);
  });

  it('99% and power 0.9 (scipy: 41.98 points at 100 a side, v = .61)', () => {
    expect(detectableDifference(100, 100, 0.61, 0.01, 0.9).detectable).toBeCloseTo(41.981101095292004, 9);
  });

  it('simulated: at the planned difference the test finds it about 80% of the time', () => {
    // 200 a side; a = 50/30/20 (+30), b = 60.86/30/9.14, +21.72 points higher (the planned difference
    // for v = .61; b's variance is .70 − .26², a little lower, so its power is a little above 0.8).
    const { detectable } = detectableDifference(200, 200, 0.61, 0.05, 0.8);
    const shift = detectable / 200;
    const random = seededRandom(800);
    const draw = (p: number, a: number): Tally => {
      const counts = new Array<number>(11).fill(0);
      for (let i = 0; i < 200; i++) {
        const u = random();
        const value = u < p ? 10 : u < p + a ? 8 : 3;
        counts[value] = (counts[value] ?? 0) + 1;
      }
      return Tally.fromDistribution(counts);
    };
    let found = 0;
    for (let i = 0; i < 2000; i++) if ((compareNps(statsOf(draw(0.5, 0.3)), statsOf(draw(0.5 + shift, 0.3)))?.pValue ?? 1) < 0.05) found++;
    expect(found / 2000).toBeGreaterThan(0.77);
    expect(found / 2000).toBeLessThan(0.86);
  });
});
