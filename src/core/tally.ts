// A mergeable count of answers per value 0–10 (an NPS score, or a CSAT/CES rating on its
// 1–5, 1–7 or 1–10 scale): the only per-group state, so memory grows with the number of
// groups, never with rows. With weights (--weight), the sum of the weights and of their
// squares per value too, each kept exact (exact-sum.ts): the same whatever order the answers
// are added in.

import { classify, isScore } from './classify.js';
import { addAllExact, addExact, canonicalSum, exactValue } from './exact-sum.js';

/** Plain data of a tally, to send between threads: Σw and Σw² per value in canonical form (canonicalSum). */
export interface TallyData {
  distribution: number[];
  weights?: number[][];
  squares?: number[][];
}

/** Per value 0–10, a sum held exactly (its partials). */
type Sums = number[][];

const sumsOf = (counts: readonly number[]): Sums => counts.map((count) => (count === 0 ? [] : [count]));

/** The exact sum a[s] − b[s], as partials; [] when it is not above 0 (b holds all of a's answers of s). */
function difference(a: Sums, b: Sums, score: number): number[] {
  const rest = [...(a[score] ?? [])];
  for (const x of b[score] ?? []) addExact(rest, -x);
  return exactValue(rest) > 0 ? rest : [];
}

export class Tally {
  /** distribution[s] = how many answered s, for s = 0..10. */
  readonly distribution: number[] = new Array<number>(11).fill(0);
  /** Σw and Σw² per value, exact; null while every answer weighs 1 (then both equal the counts). */
  private weightSums: Sums | null = null;
  private squareSums: Sums | null = null;

  add(score: number, weight = 1): void {
    if (!isScore(score)) throw new RangeError(`not a 0–10 score: ${score}`);
    if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`not a weight: ${weight}`);
    // Weight sums made explicit first, from the counts before this answer.
    if (weight !== 1 || this.weightSums !== null) {
      const [weights, squares] = this.weighted();
      addExact(weights[score] as number[], weight);
      addExact(squares[score] as number[], weight * weight);
    }
    this.distribution[score] = (this.distribution[score] ?? 0) + 1;
  }

  /** The weight sums, made explicit (from the counts) the first time an answer weighs other than 1. */
  private weighted(): [Sums, Sums] {
    this.weightSums ??= sumsOf(this.distribution);
    this.squareSums ??= sumsOf(this.distribution);
    return [this.weightSums, this.squareSums];
  }

  get isWeighted(): boolean {
    return this.weightSums !== null;
  }

  /** Σw of the answers of value s (their count when unweighted). */
  weightOf(score: number): number {
    return this.weightSums === null ? (this.distribution[score] ?? 0) : exactValue(this.weightSums[score] ?? []);
  }

  /** Σw² of the answers of value s. */
  squareOf(score: number): number {
    return this.squareSums === null ? (this.distribution[score] ?? 0) : exactValue(this.squareSums[score] ?? []);
  }

  /** Adds answers that weigh 1 each: counts[from + s] of the value s, for s = 0..10. */
  addCounts(counts: ArrayLike<number>, from = 0): this {
    for (let score = 0; score <= 10; score++) {
      const count = counts[from + score] ?? 0;
      if (!Number.isInteger(count) || count < 0) throw new RangeError(`not a count: ${count}`);
      this.distribution[score] = (this.distribution[score] as number) + count;
      if (this.weightSums && this.squareSums && count > 0) {
        addExact(this.weightSums[score] as number[], count);
        addExact(this.squareSums[score] as number[], count);
      }
    }
    return this;
  }

  /**
   * Adds answers with their weights' sums: counts[from + s] answers of the value s, whose
   * weights add up exactly to the partials weights[from + s] and their squares to squares[from + s].
   */
  addWeighted(counts: ArrayLike<number>, weights: readonly (readonly number[] | undefined)[], squares: readonly (readonly number[] | undefined)[], from = 0): this {
    const [weightSums, squareSums] = this.weighted();
    for (let score = 0; score <= 10; score++) {
      const count = counts[from + score] ?? 0;
      if (!Number.isInteger(count) || count < 0) throw new RangeError(`not a count: ${count}`);
      this.distribution[score] = (this.distribution[score] as number) + count;
      addAllExact(weightSums[score] as number[], weights[from + score] ?? []);
      addAllExact(squareSums[score] as number[], squares[from + score] ?? []);
    }
    return this;
  }

  merge(other: Tally): this {
    // The common case, counts only, in a plain loop (merging runs once per group and period).
    if (!other.isWeighted && !this.isWeighted) return this.addCounts(other.distribution);
    if (other.isWeighted && !this.isWeighted) this.weighted();
    const [theirWeights, theirSquares] = other.isWeighted ? other.weighted() : [sumsOf(other.distribution), sumsOf(other.distribution)];
    other.distribution.forEach((count, score) => {
      this.distribution[score] = (this.distribution[score] ?? 0) + count;
      if (this.weightSums && this.squareSums) {
        addAllExact(this.weightSums[score] as number[], theirWeights[score] ?? []);
        addAllExact(this.squareSums[score] as number[], theirSquares[score] ?? []);
      }
    });
    return this;
  }

  /** This tally less another that it contains (the rest of the answers once a group is taken out). */
  minus(other: Tally): Tally {
    const rest = new Tally();
    if (this.isWeighted || other.isWeighted) rest.weighted();
    this.distribution.forEach((count, score) => {
      const left = count - (other.distribution[score] ?? 0);
      if (left < 0) throw new RangeError('cannot take out more answers than there are');
      rest.distribution[score] = left;
      if (rest.weightSums && rest.squareSums && left > 0) {
        // Exact differences: the weights of the answers left, never below 0 through rounding.
        rest.weightSums[score] = difference(this.weightSums ?? sumsOf(this.distribution), other.weightSums ?? sumsOf(other.distribution), score);
        rest.squareSums[score] = difference(this.squareSums ?? sumsOf(this.distribution), other.squareSums ?? sumsOf(other.distribution), score);
      }
    });
    return rest;
  }

  /** The answers with values from `low` to `high` only. */
  within(low: number, high: number): Tally {
    const kept = new Tally();
    if (this.isWeighted) kept.weighted();
    for (let s = low; s <= high; s++) {
      kept.distribution[s] = this.distribution[s] ?? 0;
      if (kept.weightSums && kept.squareSums && this.weightSums && this.squareSums) {
        kept.weightSums[s] = [...(this.weightSums[s] ?? [])];
        kept.squareSums[s] = [...(this.squareSums[s] ?? [])];
      }
    }
    return kept;
  }

  get responses(): number {
    return this.distribution.reduce((sum, count) => sum + count, 0);
  }

  countOf(kind: 'promoter' | 'passive' | 'detractor'): number {
    let sum = 0;
    this.distribution.forEach((count, score) => {
      if (classify(score) === kind) sum += count;
    });
    return sum;
  }

  /** Σw over the values from `low` to `high` (all by default). */
  weightBetween(low = 0, high = 10): number {
    let sum = 0;
    for (let s = low; s <= high; s++) sum += this.weightOf(s);
    return sum;
  }

  /** (Σw)² / Σw²: Kish's sample size that weighted answers are worth (the count when unweighted). */
  get effectiveResponses(): number {
    let squares = 0;
    for (let s = 0; s <= 10; s++) squares += this.squareOf(s);
    const total = this.weightBetween();
    return squares > 0 ? (total * total) / squares : 0;
  }

  /**
   * The linearised (Taylor) variance of the weighted mean of y(answer), Σw·y / Σw, from Σw and Σw²
   * per value, as survey sampling computes it for a design with weights only (R survey's svymean):
   * n/(n − 1) · Σ wᵢ²(yᵢ − ȳ)² / (Σw)², where the sum over answers is Σ over values of
   * Σw²(value) · (y(value) − ȳ)². With every weight 1 it is s²/n, the sample variance over n.
   * Null without weight; 0 for one answer.
   */
  linearisedVariance(y: (value: number) => number): number | null {
    const total = this.weightBetween();
    if (!(total > 0)) return null;
    let sum = 0;
    for (let v = 0; v <= 10; v++) sum += this.weightOf(v) * y(v);
    const mean = sum / total;
    let spread = 0;
    for (let v = 0; v <= 10; v++) spread += this.squareOf(v) * (y(v) - mean) ** 2;
    const n = this.responses;
    return n > 1 ? ((n / (n - 1)) * spread) / (total * total) : 0;
  }

  data(): TallyData {
    return this.weightSums && this.squareSums
      ? { distribution: [...this.distribution], weights: this.weightSums.map(canonicalSum), squares: this.squareSums.map(canonicalSum) }
      : { distribution: [...this.distribution] };
  }

  static fromData(data: TallyData): Tally {
    const tally = Tally.fromDistribution(data.distribution);
    if (data.weights && data.squares) {
      tally.weightSums = data.weights.slice(0, 11).map((sum) => [...sum]);
      tally.squareSums = data.squares.slice(0, 11).map((sum) => [...sum]);
    }
    return tally;
  }

  /** A tally with these counts of 0, 1, … 10. */
  static fromDistribution(counts: readonly number[]): Tally {
    const tally = new Tally();
    counts.slice(0, 11).forEach((count, score) => {
      if (!Number.isInteger(count) || count < 0) throw new RangeError(`not a count: ${count}`);
      tally.distribution[score] = count;
    });
    return tally;
  }

  static of(scores: Iterable<number>): Tally {
    const tally = new Tally();
    for (const score of scores) tally.add(score);
    return tally;
  }
}
