// A mergeable count of answers per value 0–10 (an NPS score, or a CSAT/CES rating on its
// 1–5, 1–7 or 1–10 scale): the only per-group state, so memory grows with the number of
// groups, never with rows. With weights (--weight), the sum of the weights and of their
// squares per value too, each kept exact (exact-sum.ts): the same whatever order the answers
// are added in.

import { isScore } from './classify.js';
import { addExact, canonicalSum, exactValue, ExactSums } from './exact-sum.js';

/** Plain data of a tally, to send between threads: Σw and Σw² per value in canonical form (canonicalSum). */
export interface TallyData {
  distribution: number[];
  weights?: number[][];
  squares?: number[][];
}

/** Where a tally's Σw² of the value s sits among its sums (Σw at s). */
const SQUARES = 11;

/** `count` answers of the value `score` that weigh 1 each, into a tally's sums (Σw and Σw² alike). */
function addCountTo(sums: ExactSums, score: number, count: number): void {
  sums.add(score, count);
  sums.add(SQUARES + score, count);
}

/** The value `score`'s Σw and Σw² of another tally's sums, into a tally's sums. */
function addValueTo(sums: ExactSums, other: ExactSums, score: number): void {
  sums.addFrom(score, other, score);
  sums.addFrom(SQUARES + score, other, SQUARES + score);
}

/** `count` answers of the value `score`, as the adders take them: a 0–10 score and a whole count of 0 or more. */
function checkCount(score: number, count: number): void {
  if (!isScore(score)) throw new RangeError(`not a 0–10 score: ${score}`);
  if (!Number.isInteger(count) || count < 0) throw new RangeError(`not a count: ${count}`);
}

export class Tally {
  /**
   * How many answered s, for s = 0..10: its own array (counts[s]), or the row `at` of a table of
   * many tallies' counts, 11 a row (Tally.inTable), which it only reads: the first change copies
   * its row into an array of its own. The threads' counts of hundreds of thousands of groups stay
   * in their table, not an array a group (BENCHMARKS.md, issue 17, twentieth session).
   */
  private counts: number[] | Uint32Array | Float64Array = new Array<number>(11).fill(0);
  private at = 0;
  /**
   * Σw of the answers of value s at s, Σw² at SQUARES + s, each exact; null while every answer
   * weighs 1 (then both equal the counts). One ExactSums, not an array of partials per sum:
   * hundreds of thousands of weighted groups (BENCHMARKS.md, issue 17, tenth session).
   */
  private sums: ExactSums | null = null;

  /**
   * The tally of row `row` of `table` (11 counts a row), read where it is: nothing may change the
   * table afterwards. A change to the tally copies its row first.
   */
  static inTable(table: Uint32Array | Float64Array, row: number): Tally {
    const tally = new Tally();
    tally.counts = table;
    tally.at = row * 11;
    return tally;
  }

  /** How many answered s, for s = 0..10: its own array (not to be changed), or a copy of its row of a table. */
  get distribution(): number[] {
    const counts = this.counts;
    return Array.isArray(counts) ? counts : this.rowCopy();
  }

  /** Its row of a table, as an array. */
  private rowCopy(): number[] {
    const copy = new Array<number>(11);
    for (let score = 0; score < 11; score++) copy[score] = this.counts[this.at + score] as number;
    return copy;
  }

  /** How many answered `score`. */
  count(score: number): number {
    return this.counts[this.at + score] as number;
  }

  /** What `reader` makes of its counts, read where they are: `counts[from + s]` answered s. */
  read<T>(reader: (counts: ArrayLike<number>, from: number) => T): T {
    return reader(this.counts, this.at);
  }

  /** Its counts, in an array of its own from now on (copied out of a table's row). */
  private own(): number[] {
    const counts = this.counts;
    if (Array.isArray(counts)) return counts;
    const copy = this.rowCopy();
    this.counts = copy;
    this.at = 0;
    return copy;
  }

  /** Its counts, a new array. */
  copyCounts(): number[] {
    const counts = this.counts;
    return Array.isArray(counts) ? counts.slice(0, 11) : this.rowCopy();
  }

  add(score: number, weight = 1): void {
    if (!isScore(score)) throw new RangeError(`not a 0–10 score: ${score}`);
    if (!(weight >= 0) || !Number.isFinite(weight)) throw new RangeError(`not a weight: ${weight}`);
    // Weight sums made explicit first, from the counts before this answer.
    if (weight !== 1 || this.sums !== null) {
      const sums = this.weighted();
      sums.add(score, weight);
      sums.add(SQUARES + score, weight * weight);
    }
    const counts = this.own();
    counts[score] = (counts[score] as number) + 1;
  }

  /** The weight sums, made explicit (from the counts) the first time an answer weighs other than 1. */
  private weighted(): ExactSums {
    if (this.sums === null) {
      const sums = new ExactSums(2 * SQUARES);
      for (let score = 0; score <= 10; score++) {
        const count = this.count(score);
        if (count > 0) addCountTo(sums, score, count);
      }
      this.sums = sums;
    }
    return this.sums;
  }

  get isWeighted(): boolean {
    return this.sums !== null;
  }

  /** Σw of the answers of value s (their count when unweighted). */
  weightOf(score: number): number {
    return this.sums === null ? this.count(score) : this.sums.value(score);
  }

  /** Σw² of the answers of value s. */
  squareOf(score: number): number {
    return this.sums === null ? this.count(score) : this.sums.value(SQUARES + score);
  }

  /** Σw (at s) or Σw² (at SQUARES + s) as partials: from the counts when unweighted. */
  private partials(at: number): number[] {
    if (this.sums !== null) return this.sums.partials(at);
    const count = this.count(at % SQUARES);
    return count === 0 ? [] : [count];
  }

  /** Adds answers that weigh 1 each: counts[from + s] of the value s, for s = 0..10. */
  addCounts(counts: ArrayLike<number>, from = 0): this {
    for (let score = 0; score <= 10; score++) this.addCount(score, counts[from + score] ?? 0);
    return this;
  }

  /** Adds `count` answers of the value `score` that weigh 1 each. */
  addCount(score: number, count: number): this {
    checkCount(score, count);
    const counts = this.own();
    counts[score] = (counts[score] as number) + count;
    if (this.sums !== null && count > 0) addCountTo(this.sums, score, count);
    return this;
  }

  /**
   * Adds `count` answers of the value `score` with their weights' sums: their weights add up
   * exactly to the sum number `at` of `weights`, and their squares to that of `squares`.
   */
  addWeightedAt(score: number, count: number, weights: ExactSums, squares: ExactSums, at: number): this {
    checkCount(score, count);
    const sums = this.weighted();
    const counts = this.own();
    counts[score] = (counts[score] as number) + count;
    sums.addFrom(score, weights, at);
    sums.addFrom(SQUARES + score, squares, at);
    return this;
  }

  merge(other: Tally): this {
    // Counts only (the common case), or counts into weighted sums: addCount.
    if (other.sums === null) {
      for (let score = 0; score <= 10; score++) this.addCount(score, other.count(score));
      return this;
    }
    const [sums, theirs] = [this.weighted(), other.sums];
    const counts = this.own();
    for (let score = 0; score <= 10; score++) {
      counts[score] = (counts[score] as number) + other.count(score);
      addValueTo(sums, theirs, score);
    }
    return this;
  }

  /** This tally less another that it contains (the rest of the answers once a group is taken out). */
  minus(other: Tally): Tally {
    const rest = new Tally();
    const sums = this.isWeighted || other.isWeighted ? rest.weighted() : null;
    const restCounts = rest.own();
    for (let score = 0; score <= 10; score++) {
      const left = this.count(score) - other.count(score);
      if (left < 0) throw new RangeError('cannot take out more answers than there are');
      restCounts[score] = left;
      if (sums === null || left === 0) continue;
      // Exact differences: the weights of the answers left, never below 0 through rounding (none
      // kept where b holds all of a's weight).
      for (const at of [score, SQUARES + score]) {
        const difference = this.partials(at);
        for (const x of other.partials(at)) addExact(difference, -x);
        if (exactValue(difference) > 0) for (const x of difference) sums.add(at, x);
      }
    }
    return rest;
  }

  /** The answers with values from `low` to `high` only. */
  within(low: number, high: number): Tally {
    const kept = new Tally();
    const sums = this.sums === null ? null : kept.weighted();
    const keptCounts = kept.own();
    for (let s = low; s <= high; s++) {
      keptCounts[s] = this.count(s);
      if (sums !== null) addValueTo(sums, this.sums as ExactSums, s);
    }
    return kept;
  }

  get responses(): number {
    let sum = 0;
    for (let score = 0; score <= 10; score++) sum += this.count(score);
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
    if (this.sums === null) return { distribution: this.copyCounts() };
    const sums = this.sums;
    const canonical = (from: number): number[][] => Array.from({ length: 11 }, (_, score) => canonicalSum(sums.partials(from + score)));
    return { distribution: this.copyCounts(), weights: canonical(0), squares: canonical(SQUARES) };
  }

  static fromData(data: TallyData): Tally {
    const tally = Tally.fromDistribution(data.distribution);
    if (data.weights && data.squares) {
      const sums = (tally.sums = new ExactSums(2 * SQUARES));
      data.weights.slice(0, 11).forEach((partials, score) => partials.forEach((x) => sums.add(score, x)));
      data.squares.slice(0, 11).forEach((partials, score) => partials.forEach((x) => sums.add(SQUARES + score, x)));
    }
    return tally;
  }

  /** A tally with these counts of 0, 1, … 10. */
  static fromDistribution(counts: readonly number[]): Tally {
    const tally = new Tally();
    const own = tally.own();
    counts.slice(0, 11).forEach((count, score) => {
      checkCount(score, count);
      own[score] = count;
    });
    return tally;
  }

  static of(scores: Iterable<number>): Tally {
    const tally = new Tally();
    for (const score of scores) tally.add(score);
    return tally;
  }
}
