// A mergeable count of answers per score 0–10: the only per-group state, so memory
// grows with the number of groups, never with rows.

import { classify, isScore } from './classify.js';

export class Tally {
  /** distribution[s] = how many answered s, for s = 0..10. */
  readonly distribution: number[] = new Array<number>(11).fill(0);

  add(score: number): void {
    if (!isScore(score)) throw new RangeError(`not a 0–10 score: ${score}`);
    this.distribution[score] = (this.distribution[score] ?? 0) + 1;
  }

  merge(other: Tally): this {
    other.distribution.forEach((count, score) => {
      this.distribution[score] = (this.distribution[score] ?? 0) + count;
    });
    return this;
  }

  /** This tally less another that it contains (the rest of the answers once a group is taken out). */
  minus(other: Tally): Tally {
    const rest = new Tally();
    this.distribution.forEach((count, score) => {
      const left = count - (other.distribution[score] ?? 0);
      if (left < 0) throw new RangeError('cannot take out more answers than there are');
      rest.distribution[score] = left;
    });
    return rest;
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
