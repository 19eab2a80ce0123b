// Student's t: the quantile's bisection stops early only where every later step would change
// nothing, so it gives the double 100 steps give; checked against that bisection written out.
import { describe, expect, it } from 'vitest';
import { incompleteBeta, tQuantileTwoSided, twoSidedTP } from '../../src/core/student-t.js';
import { seededRandom } from '../support/random.js';

/** The p-value as I_x(df/2, 1/2), x = df/(df + t²), through the public incomplete beta. */
const tail = (t: number, df: number): number => (Number.isFinite(t) ? incompleteBeta(df / (df + t * t), df / 2, 0.5) : 0);

/** Bisection on the p-value, all 100 steps. */
function quantileIn100Steps(p: number, df: number): number {
  let low = 0;
  let high = 1;
  while (tail(high, df) > p) high *= 2;
  for (let i = 0; i < 100; i++) {
    const middle = (low + high) / 2;
    if (tail(middle, df) > p) low = middle;
    else high = middle;
  }
  return (low + high) / 2;
}

describe('Student t', () => {
  const dfs = [0.3, 1, 1.5, 2, 2.7, 5, 9.99, 10, 30, 57.25, 120, 1000, 1e6];
  const ps = [0.5, 0.2, 0.1, 0.05, 0.01, 0.001, 1e-6];

  it('tQuantileTwoSided gives the very double of 100 bisection steps, for every df and p', () => {
    for (const df of dfs) for (const p of ps) expect(tQuantileTwoSided(p, df), `p ${p}, df ${df}`).toBe(quantileIn100Steps(p, df));
  });

  // The bisection works out only the steps near a close guess (Cornish–Fisher, then Newton): for
  // Welch's degrees of freedom (any positive real) and the levels a family of tests is judged at.
  it('the very double of 100 bisection steps for random Welch degrees of freedom and levels', () => {
    const random = seededRandom(31);
    for (let i = 0; i < 3000; i++) {
      const df = i % 3 === 0 ? 0.2 + random() * 3 : i % 3 === 1 ? 1 + random() * 60 : 10 ** (1 + random() * 5);
      const p = i % 2 === 0 ? ([0.05, 0.01, 0.1, 0.001][(i / 2) % 4] as number) : 10 ** (-random() * 8);
      expect(tQuantileTwoSided(p, df), `p ${p}, df ${df}`).toBe(quantileIn100Steps(p, df));
    }
  });

  it('twoSidedTP is I_x(df/2, 1/2) to the bit', () => {
    for (const df of dfs) for (const t of [0, 0.1, 1, 1.96, 2.5, 10, 1e3, Infinity, -2]) expect(twoSidedTP(t, df), `t ${t}, df ${df}`).toBe(tail(t, df));
  });

  it('published critical values (R: qt(0.975, df))', () => {
    expect(tQuantileTwoSided(0.05, 1)).toBeCloseTo(12.7062047, 6);
    expect(tQuantileTwoSided(0.05, 10)).toBeCloseTo(2.2281389, 6);
    expect(tQuantileTwoSided(0.05, 30)).toBeCloseTo(2.0422725, 6);
    expect(tQuantileTwoSided(0.01, 5)).toBeCloseTo(4.0321430, 6);
  });
});
