// Sums of doubles kept exact, so that a sum of weights does not depend on the order its terms
// came in: one thread reading row by row, two threads each adding its parts, standard input
// counted from bytes all give the same double, the exact sum correctly rounded. (Added in
// turn, floating-point sums differ in their last digits from one order to another; unrounded
// JSON would show it, and a gate could fall on either side of its line.)
//
// A sum is held as partials: doubles of increasing magnitude that do not overlap, whose exact
// sum is the sum (Shewchuk, "Adaptive precision floating-point arithmetic", 1997; the
// algorithm of Python's math.fsum). A sum of weights needs one to three partials.

/** Adds `x` to the sum held in `partials` (changed in place), exactly. Sums that are not finite stay as one partial. */
export function addExact(partials: number[], x: number): void {
  let kept = 0;
  const n = partials.length;
  for (let j = 0; j < n; j++) {
    let y = partials[j] as number;
    if (Math.abs(x) < Math.abs(y)) {
      const swap = x;
      x = y;
      y = swap;
    }
    const high = x + y;
    const low = y - (high - x);
    if (low !== 0) partials[kept++] = low;
    x = high;
  }
  if (!Number.isFinite(x)) {
    // Infinity or NaN: no partials beside it mean anything.
    partials.length = 1;
    partials[0] = x;
    return;
  }
  partials.length = kept + 1;
  partials[kept] = x;
}

/** Adds every partial of `other` to `partials`, exactly. */
export function addAllExact(partials: number[], other: readonly number[]): void {
  for (const x of other) addExact(partials, x);
}

/** The exact sum of `partials`, rounded to the nearest double (ties to even), as math.fsum rounds it. */
export function exactValue(partials: readonly number[]): number {
  let n = partials.length;
  if (n === 0) return 0;
  let high = partials[--n] as number;
  if (!Number.isFinite(high)) return high;
  let low = 0;
  while (n > 0) {
    const x = high;
    const y = partials[--n] as number;
    high = x + y;
    low = y - (high - x);
    if (low !== 0) break;
  }
  // Half-way cases: the partials below decide which way the tie goes.
  const below = n > 0 ? (partials[n - 1] as number) : 0;
  if ((low < 0 && below < 0) || (low > 0 && below > 0)) {
    const y = low * 2;
    const x = high + y;
    if (y === x - high) high = x;
  }
  return high;
}

/**
 * The one form of a sum: its rounded value, the rounded rest, and so on (the partials two
 * orders of adding leave may differ; this does not), as partials (smallest first). For
 * sending a sum between threads and comparing two.
 */
export function canonicalSum(partials: readonly number[]): number[] {
  const rest = [...partials];
  const terms: number[] = [];
  // Each term takes at least 53 bits off the rest: a few terms end it.
  for (let value = exactValue(rest); value !== 0; value = exactValue(rest)) {
    terms.push(value);
    if (!Number.isFinite(value)) break;
    addExact(rest, -value);
  }
  return terms.reverse();
}

/**
 * Many exact sums side by side, for adding to row by row where speed matters (the byte
 * counter): each sum as two doubles, high + low, the error of each addition carried into low
 * (Knuth's two-sum, twice). When low cannot take an error without rounding, which sums of
 * weights of a few digits do not meet, the rest goes to partials of its own for that sum. The
 * sum stays exact: x + high = high' + e and low + e = low' + e' exactly, and e' is kept.
 */
export class ExactSums {
  private high: Float64Array;
  private low: Float64Array;
  private readonly rest = new Map<number, number[]>();

  constructor(size: number) {
    this.high = new Float64Array(size);
    this.low = new Float64Array(size);
  }

  get size(): number {
    return this.high.length;
  }

  /** Room for `size` sums (those beyond the old size are 0). */
  grow(size: number): void {
    if (size <= this.high.length) return;
    const high = new Float64Array(size);
    const low = new Float64Array(size);
    high.set(this.high);
    low.set(this.low);
    this.high = high;
    this.low = low;
  }

  add(at: number, x: number): void {
    const high = this.high[at] as number;
    const sum = high + x;
    const back = sum - high;
    const error = high - (sum - back) + (x - back);
    const low = this.low[at] as number;
    const lowSum = low + error;
    const lowBack = lowSum - low;
    const lost = low - (lowSum - lowBack) + (error - lowBack);
    this.high[at] = sum;
    this.low[at] = lowSum;
    // Not finite: the sum is Infinity or NaN, and nothing beside it counts.
    if (lost !== 0 && Number.isFinite(lost)) {
      let partials = this.rest.get(at);
      if (partials === undefined) this.rest.set(at, (partials = []));
      addExact(partials, lost);
    }
  }

  /** Sum number `at` as partials (exact-sum form); [] for 0. */
  partials(at: number): number[] {
    const partials = [...(this.rest.get(at) ?? [])];
    const high = this.high[at] as number;
    if (!Number.isFinite(high)) return [high];
    addExact(partials, this.low[at] as number);
    addExact(partials, high);
    return partials.filter((p) => p !== 0);
  }

  /** Sum number `at` back to 0. */
  zero(at: number): void {
    this.high[at] = 0;
    this.low[at] = 0;
    this.rest.delete(at);
  }
}
