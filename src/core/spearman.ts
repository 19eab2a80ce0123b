// Rank correlation between the 0–10 score and another rating, from a table of counts (score ×
// rating), so memory grows with the scales, never with rows. Ties get their average rank.

import { normalQuantile } from './normal.js';
import { twoSidedTP } from './student-t.js';

export class RatingTable {
  /** counts[score][rating - 1]. */
  private readonly counts: number[][];

  constructor(readonly ratingLevels: number) {
    this.counts = Array.from({ length: 11 }, () => new Array<number>(ratingLevels).fill(0));
  }

  /** `count` pairs (score, rating): answers of that score whose rating is that. */
  add(score: number, rating: number, count = 1): void {
    const row = this.counts[score];
    if (!row || !Number.isInteger(rating) || rating < 1 || rating > this.ratingLevels) throw new RangeError(`bad pair ${score}, ${rating}`);
    if (!Number.isInteger(count) || count < 0) throw new RangeError(`not a count: ${count}`);
    row[rating - 1] = (row[rating - 1] ?? 0) + count;
  }

  get pairs(): number {
    return this.counts.reduce((sum, row) => sum + row.reduce((a, b) => a + b, 0), 0);
  }

  /** Spearman's rho with average ranks for ties; null with fewer than 3 pairs or no spread. */
  spearman(): number | null {
    const n = this.pairs;
    if (n < 3) return null;
    const scoreTotals = this.counts.map((row) => row.reduce((a, b) => a + b, 0));
    const ratingTotals = Array.from({ length: this.ratingLevels }, (_, j) => this.counts.reduce((sum, row) => sum + (row[j] ?? 0), 0));
    const averageRanks = (totals: number[]): number[] => {
      let below = 0;
      return totals.map((count) => {
        const rank = below + (count + 1) / 2;
        below += count;
        return rank;
      });
    };
    const rx = averageRanks(scoreTotals);
    const ry = averageRanks(ratingTotals);
    const mean = (n + 1) / 2;
    let sxy = 0;
    let sxx = 0;
    let syy = 0;
    this.counts.forEach((row, i) => {
      const dx = (rx[i] ?? 0) - mean;
      sxx += (scoreTotals[i] ?? 0) * dx * dx;
      row.forEach((count, j) => {
        sxy += count * dx * ((ry[j] ?? 0) - mean);
      });
    });
    ratingTotals.forEach((count, j) => {
      const dy = (ry[j] ?? 0) - mean;
      syy += count * dy * dy;
    });
    return sxx > 0 && syy > 0 ? sxy / Math.sqrt(sxx * syy) : null;
  }

  /** Mean rating of the answers whose score is in [low, high]; null without any. */
  meanRating(low: number, high: number): number | null {
    let count = 0;
    let sum = 0;
    for (let score = low; score <= high; score++) {
      this.counts[score]?.forEach((c, j) => {
        count += c;
        sum += c * (j + 1);
      });
    }
    return count > 0 ? sum / count : null;
  }
}

/**
 * The fewest pairs the test is given for. Under the null (score and rating drawn apart, seeded
 * simulations of 20,000 draws) the t approximation says p < 0.05 in 5.6–6.4% of draws at 5–9
 * pairs, 5.0–5.6% from 10 (test/core/calibration.test.ts).
 */
export const SPEARMAN_MIN_PAIRS = 10;

/**
 * How sure a rank correlation is: the two-sided p-value of ρ = 0 by the t approximation
 * (t = ρ√((n − 2)/(1 − ρ²)) on n − 2 degrees, as R's cor.test does with ties), and the interval
 * by Fisher's z with the standard error √(1.06/(n − 3)) of Fieller, Hartley & Pearson (1957).
 * A perfect ρ is read as just short of ±1, so neither is certainty. Null below MIN_PAIRS.
 */
export function spearmanTest(rho: number | null, pairs: number, alpha: number): { pValue: number; interval: [number, number] } | null {
  if (rho === null || pairs < SPEARMAN_MIN_PAIRS) return null;
  const r = Math.max(-1 + 1e-12, Math.min(1 - 1e-12, rho));
  const t = r * Math.sqrt((pairs - 2) / (1 - r * r));
  const half = normalQuantile(1 - alpha / 2) * Math.sqrt(1.06 / (pairs - 3));
  const z = Math.atanh(r);
  return { pValue: twoSidedTP(t, pairs - 2), interval: [Math.tanh(z - half), Math.tanh(z + half)] };
}
