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
 * A few sums (a tally's 22) take their doubles from a slab shared with others made after them:
 * hundreds of thousands of weighted groups each made a typed array of 44 doubles, ~0.6 s and
 * ~150 bytes of array objects apiece beside its doubles (BENCHMARKS.md, issue 17, fifteenth
 * session). A slab holds 65,536 doubles (512 KB); it lives while any sums in it do.
 */
const SLAB_DOUBLES = 1 << 16;
const FROM_SLAB_BELOW = 64;
let slab = new Float64Array(0);
let slabUsed = 0;

/**
 * Many exact sums side by side, for adding to row by row where speed matters (the byte
 * counter): each sum as two doubles, high + low, the error of each addition carried into low
 * (Knuth's two-sum, twice). When low cannot take an error without rounding, which sums of
 * weights of a few digits do not meet, the rest goes to partials of its own for that sum. The
 * sum stays exact: x + high = high' + e and low + e = low' + e' exactly, and e' is kept.
 */
export class ExactSums {
  /**
   * Sum number `at`'s high at base + 2·at, its low at base + 2·at + 1 (one array: a tally's 22
   * sums side by side, each pair in one cache line; the array may be a slab others share).
   */
  private pairs: Float64Array<ArrayBuffer>;
  private base: number;
  private count: number;
  /** The rest's partials of the sums that have one (null while none has). */
  private rest: Map<number, number[]> | null = null;

  constructor(size: number) {
    const doubles = 2 * size;
    this.count = size;
    if (doubles < FROM_SLAB_BELOW) {
      if (slabUsed + doubles > slab.length) [slab, slabUsed] = [new Float64Array(SLAB_DOUBLES), 0];
      [this.pairs, this.base] = [slab, slabUsed];
      slabUsed += doubles;
    } else [this.pairs, this.base] = [new Float64Array(doubles), 0];
  }

  get size(): number {
    return this.count;
  }

  /** Room for `size` sums (those beyond the old size are 0): half as large again at least, as sums keep coming. */
  grow(size: number): void {
    if (size <= this.count) return;
    const pairs = new Float64Array(2 * Math.max(size, Math.ceil(this.count * 1.5)));
    pairs.set(this.pairs.subarray(this.base, this.base + 2 * this.count));
    [this.pairs, this.base, this.count] = [pairs, 0, pairs.length / 2];
  }

  add(at: number, x: number): void {
    const pairs = this.pairs;
    const place = this.base + 2 * at;
    const high = pairs[place] as number;
    const sum = high + x;
    const back = sum - high;
    const error = high - (sum - back) + (x - back);
    const low = pairs[place + 1] as number;
    const lowSum = low + error;
    const lowBack = lowSum - low;
    const lost = low - (lowSum - lowBack) + (error - lowBack);
    pairs[place] = sum;
    pairs[place + 1] = lowSum;
    // Not finite: the sum is Infinity or NaN, and nothing beside it counts.
    if (lost !== 0 && Number.isFinite(lost)) {
      const rest = (this.rest ??= new Map());
      let partials = rest.get(at);
      if (partials === undefined) rest.set(at, (partials = []));
      addExact(partials, lost);
    }
  }

  /** Sum number `at` as partials (exact-sum form); [] for 0. */
  partials(at: number): number[] {
    const partials = [...(this.rest?.get(at) ?? [])];
    const high = this.pairs[this.base + 2 * at] as number;
    if (!Number.isFinite(high)) return [high];
    addExact(partials, this.pairs[this.base + 2 * at + 1] as number);
    addExact(partials, high);
    return partials.filter((p) => p !== 0);
  }

  /** Sum number `at`, rounded to the nearest double (as exactValue of its partials). */
  value(at: number): number {
    const high = this.pairs[this.base + 2 * at] as number;
    if (!Number.isFinite(high)) return high;
    // high + low rounds their exact sum, which is the whole sum where there is no rest.
    if (this.rest === null || !this.rest.has(at)) return high + (this.pairs[this.base + 2 * at + 1] as number);
    return exactValue(this.partials(at));
  }

  /** Adds sum number `from` of `other` to sum number `at`, exactly. */
  addFrom(at: number, other: ExactSums, from: number): void {
    const high = other.pairs[other.base + 2 * from] as number;
    this.add(at, high);
    if (!Number.isFinite(high)) return;
    const low = other.pairs[other.base + 2 * from + 1] as number;
    if (low !== 0) this.add(at, low);
    for (const x of other.rest?.get(from) ?? []) this.add(at, x);
  }

  /** Sum number `at` back to 0. */
  zero(at: number): void {
    this.pairs[this.base + 2 * at] = 0;
    this.pairs[this.base + 2 * at + 1] = 0;
    this.rest?.delete(at);
  }

  /** Sum number `at` moved to `packed`'s entry `i` (and back to 0 here). */
  moveTo(at: number, packed: PackedSums, i: number): void {
    const high = this.pairs[this.base + 2 * at] as number;
    packed.high[i] = high;
    // Beside a sum that is not finite nothing counts (its low may be NaN).
    packed.low[i] = Number.isFinite(high) ? (this.pairs[this.base + 2 * at + 1] as number) : 0;
    const rest = this.rest?.get(at);
    if (rest !== undefined && Number.isFinite(high)) packed.rest.push([i, rest]);
    this.zero(at);
  }

  /** Adds `packed`'s entry `i` to sum number `at`, exactly. */
  addPacked(at: number, packed: PackedSums, i: number): void {
    this.add(at, packed.high[i] as number);
    // A low of 0 (most sums: weights of a few digits leave none) adds nothing.
    const low = packed.low[i] as number;
    if (low !== 0) this.add(at, low);
  }

  /** Adds every entry's rest of `packed` (after addPacked of each), entry `i` to sum number `atOf(i)`. */
  addPackedRest(packed: PackedSums, atOf: (i: number) => number): void {
    for (const [i, partials] of packed.rest) for (const x of partials) this.add(atOf(i), x);
  }
}

/**
 * Sums taken out of ExactSums, entry by entry, to hand from thread to thread: each entry's sum is
 * high + low, plus its rest (partials) where it has one (rare: weights of a few digits leave
 * none). Two arrays of doubles, not an array of partials per entry: hundreds of thousands of
 * entries would each be an array to copy and to collect (BENCHMARKS.md, issue 17, tenth session).
 */
export interface PackedSums {
  high: Float64Array<ArrayBuffer>;
  low: Float64Array<ArrayBuffer>;
  /** [entry, its rest's partials], for the entries that have one. */
  rest: [number, number[]][];
}

export function packedSums(size: number): PackedSums {
  return { high: new Float64Array(size), low: new Float64Array(size), rest: [] };
}

/** The first `size` entries of `packed`. */
export function trimmedSums(packed: PackedSums, size: number): PackedSums {
  return { high: packed.high.slice(0, size), low: packed.low.slice(0, size), rest: packed.rest.filter(([i]) => i < size) };
}
