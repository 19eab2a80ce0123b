// A K-period rolling NPS, pooled from counts (never an average of NPS values).

import { Tally } from './tally.js';

/**
 * For each position i, the tally of positions i − k + 1 … i pooled; positions without
 * answers (null) add nothing. The first k − 1 positions pool what there is so far.
 */
export function rollingTallies(tallies: readonly (Tally | null)[], k: number): Tally[] {
  if (!Number.isInteger(k) || k < 1) throw new RangeError(`rolling window must be a whole number ≥ 1: ${k}`);
  return tallies.map((_, i) => {
    const pooled = new Tally();
    for (let j = Math.max(0, i - k + 1); j <= i; j++) {
      const tally = tallies[j];
      if (tally) pooled.merge(tally);
    }
    return pooled;
  });
}
