// Counting what was not counted: every skipped row has a reason, a count and examples.

export const SKIP_REASONS = ['missing', 'invalid', 'missingDate', 'invalidDate', 'missingWeight', 'invalidWeight', 'filtered', 'duplicate'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface SkipExample {
  row: number;
  value: string;
}

export type SkipSummary = { total: number } & Record<SkipReason, number>;

/** A value skipped, how often, and the first row it was on (0: not known). */
export interface ValueCount {
  value: string;
  count: number;
  row: number;
}

/** Distinct values kept per reason by one part of the file, and by the merge. */
const VALUES_KEPT = 100;

/**
 * The skipped values of one reason, counted exactly while there are few of them. A source (one
 * part of the file, or the merge) keeps the first VALUES_KEPT distinct values it meets; the rows
 * of any other value are `unlisted`. Once full, a source has counted every row of each value it
 * keeps, so a value's merged count is exact when every source that filled up (`filled`) kept it
 * (`keptBy`); a value short of that is told as "other values", never as a count that may be low.
 */
interface ValueTally {
  values: Map<string, { count: number; row: number; keptBy: number }>;
  filled: number;
  unlisted: number;
}

type ValueTallySnapshot = { values: [string, number, number, number][]; filled: number; unlisted: number };

export interface SkipSnapshot {
  counts: [SkipReason, number][];
  examples: [SkipReason, SkipExample[]][];
  values: [SkipReason, ValueTallySnapshot][];
}

/** What a reason's skipped values come to: the values whose counts are exact, most first, and the rows of all others. */
export interface ValueSummary {
  values: ValueCount[];
  otherRows: number;
}

export class SkipLog {
  private readonly counts = new Map<SkipReason, number>();
  private readonly examples = new Map<SkipReason, SkipExample[]>();
  private readonly tallies = new Map<SkipReason, ValueTally>();

  constructor(private readonly examplesKept = 5) {}

  add(reason: SkipReason, row: number, value: string, count = 1): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + count);
    let kept = this.examples.get(reason);
    if (kept === undefined) this.examples.set(reason, (kept = []));
    if (kept.length < this.examplesKept) kept.push({ row, value });
    if (value === '') return;
    const tally = this.tallyOf(reason);
    const known = tally.values.get(value);
    if (known) known.count += count;
    else if (tally.values.size < VALUES_KEPT) tally.values.set(value, { count, row, keptBy: tally.filled });
    else {
      if (tally.filled === 0) {
        // Full from here on: each value kept has every one of this source's rows.
        tally.filled = 1;
        for (const entry of tally.values.values()) entry.keptBy = 1;
      }
      tally.unlisted += count;
    }
  }

  /**
   * `count` more rows skipped for `reason` with no value, once its examples are all kept
   * (wantsExample false): what `add` would do for each, in one step. For a caller that counts such
   * rows itself and tells them at the end (a --where that leaves out most rows, a Map's look-ups
   * per row: BENCHMARKS.md, issue 17, eleventh session).
   */
  addUnlisted(reason: SkipReason, count: number): void {
    if (this.wantsExample(reason)) throw new RangeError(`rows skipped for ${reason} told without their examples`);
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + count);
  }

  /** Whether a row skipped for `reason` would be kept as an example (once false, false for good). */
  wantsExample(reason: SkipReason): boolean {
    return (this.examples.get(reason)?.length ?? 0) < this.examplesKept;
  }

  private tallyOf(reason: SkipReason): ValueTally {
    let tally = this.tallies.get(reason);
    if (!tally) this.tallies.set(reason, (tally = { values: new Map(), filled: 0, unlisted: 0 }));
    return tally;
  }

  /** The skipped values of a reason whose counts are exact, most first (then by first row), and the rows of every other. */
  valuesOf(reason: SkipReason): ValueSummary {
    const tally = this.tallies.get(reason);
    if (!tally) return { values: [], otherRows: 0 };
    const values: ValueCount[] = [];
    let otherRows = tally.unlisted;
    for (const [value, entry] of tally.values) {
      if (entry.keptBy === tally.filled) values.push({ value, count: entry.count, row: entry.row });
      else otherRows += entry.count;
    }
    values.sort((a, b) => b.count - a.count || a.row - b.row);
    return { values, otherRows };
  }

  count(reason: SkipReason): number {
    return this.counts.get(reason) ?? 0;
  }

  examplesOf(reason: SkipReason): readonly SkipExample[] {
    return this.examples.get(reason) ?? [];
  }

  /** A plain copy, to send between threads. */
  snapshot(): SkipSnapshot {
    const values = [...this.tallies.entries()].map(([reason, t]): [SkipReason, ValueTallySnapshot] => [
      reason,
      { values: [...t.values.entries()].map(([value, e]) => [value, e.count, e.row, e.keptBy]), filled: t.filled, unlisted: t.unlisted },
    ]);
    return { counts: [...this.counts.entries()], examples: [...this.examples.entries()], values };
  }

  /** Adds what another part of the file skipped; its row numbers move by `rowOffset`. */
  absorb(other: SkipSnapshot, rowOffset: number): void {
    for (const [reason, count] of other.counts) this.counts.set(reason, (this.counts.get(reason) ?? 0) + count);
    for (const [reason, examples] of other.examples) {
      const kept = this.examples.get(reason) ?? [];
      for (const example of examples) {
        if (kept.length >= this.examplesKept) break;
        kept.push({ row: example.row > 0 ? example.row + rowOffset : example.row, value: example.value });
      }
      this.examples.set(reason, kept);
    }
    for (const [reason, theirs] of other.values) {
      const mine = this.tallyOf(reason);
      mine.filled += theirs.filled;
      mine.unlisted += theirs.unlisted;
      for (const [value, count, row, keptBy] of theirs.values) {
        const at = row > 0 ? row + rowOffset : row;
        const known = mine.values.get(value);
        if (known) {
          known.count += count;
          known.keptBy += keptBy;
          if (at > 0 && (known.row === 0 || at < known.row)) known.row = at;
        } else if (mine.values.size < VALUES_KEPT) mine.values.set(value, { count, row: at, keptBy });
        else mine.unlisted += count;
      }
    }
  }

  summary(): SkipSummary {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    const summary = { total } as SkipSummary;
    for (const reason of SKIP_REASONS) summary[reason] = this.count(reason);
    return summary;
  }
}
