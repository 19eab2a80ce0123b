import { describe, expect, it } from 'vitest';
import { adjustPValues } from '../../src/core/multiplicity.js';

describe('adjustPValues', () => {
  // R: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 0.2), "BH") and "holm" (statsmodels agrees).
  const p = [0.01, 0.04, 0.03, 0.005, 0.5, 0.04, 0.2];

  it('Benjamini–Hochberg, as R p.adjust', () => {
    const expected = [0.035, 0.056, 0.056, 0.035, 0.5, 0.056, 0.2333333333333333];
    adjustPValues(p, 'bh').forEach((value, i) => expect(value).toBeCloseTo(expected[i] as number, 14));
  });

  it('Holm, as R p.adjust', () => {
    const expected = [0.06, 0.16, 0.15, 0.035, 0.5, 0.16, 0.4];
    adjustPValues(p, 'holm').forEach((value, i) => expect(value).toBeCloseTo(expected[i] as number, 14));
  });

  it('a null is a test not made: left out of the family, and kept null', () => {
    // Two tests, not three: BH of 0.01 and 0.04 → 0.02 and 0.04.
    expect(adjustPValues([0.01, null, 0.04], 'bh')).toEqual([0.02, null, 0.04]);
    expect(adjustPValues([0.01, null, 0.04], 'none')).toEqual([0.01, null, 0.04]);
    expect(adjustPValues([], 'holm')).toEqual([]);
    // Never above 1.
    expect(adjustPValues([0.9, 0.8, 0.7], 'holm')).toEqual([1, 1, 1]); // R: p.adjust(c(.9, .8, .7), "holm")
  });

  it('ties and tests not made together, worked by hand', () => {
    // The family 0.01, 0.02, 0.02 (m = 3). Holm, from the smallest up: 3 × 0.01 = 0.03, then
    // max(0.03, 2 × 0.02) = 0.04, then max(0.04, 1 × 0.02) = 0.04. BH, from the largest down:
    // 0.02, then min(0.02, 3/2 × 0.02) = 0.02, then min(0.02, 3/1 × 0.01) = 0.02.
    const holm = adjustPValues([0.02, null, 0.02, 0.01, null], 'holm');
    [0.04, null, 0.04, 0.03, null].forEach((value, i) => (value === null ? expect(holm[i]).toBeNull() : expect(holm[i]).toBeCloseTo(value, 15)));
    expect(adjustPValues([0.02, null, 0.02, 0.01, null], 'bh')).toEqual([0.02, null, 0.02, 0.02, null]);
  });

  it('a family of one is its own p-value; no test made, nothing adjusted', () => {
    for (const method of ['bh', 'holm', 'none'] as const) {
      expect(adjustPValues([0.03], method)).toEqual([0.03]);
      expect(adjustPValues([null, 0.03, null], method)).toEqual([null, 0.03, null]);
      expect(adjustPValues([null, null], method)).toEqual([null, null]);
    }
  });
});
