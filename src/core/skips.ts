// Counting what was not counted: every skipped row has a reason, a count and examples.

export const SKIP_REASONS = ['missing', 'invalid', 'missingDate', 'invalidDate', 'missingWeight', 'invalidWeight', 'filtered', 'duplicate'] as const;
export type SkipReason = (typeof SKIP_REASONS)[number];

export interface SkipExample {
  row: number;
  value: string;
}

export type SkipSummary = { total: number } & Record<SkipReason, number>;

export interface SkipSnapshot {
  counts: [SkipReason, number][];
  examples: [SkipReason, SkipExample[]][];
}

export class SkipLog {
  private readonly counts = new Map<SkipReason, number>();
  private readonly examples = new Map<SkipReason, SkipExample[]>();

  constructor(private readonly examplesKept = 5) {}

  add(reason: SkipReason, row: number, value: string, count = 1): void {
    this.counts.set(reason, (this.counts.get(reason) ?? 0) + count);
    const kept = this.examples.get(reason) ?? [];
    if (kept.length < this.examplesKept) kept.push({ row, value });
    this.examples.set(reason, kept);
  }

  count(reason: SkipReason): number {
    return this.counts.get(reason) ?? 0;
  }

  examplesOf(reason: SkipReason): readonly SkipExample[] {
    return this.examples.get(reason) ?? [];
  }

  /** A plain copy, to send between threads. */
  snapshot(): SkipSnapshot {
    return { counts: [...this.counts.entries()], examples: [...this.examples.entries()] };
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
  }

  summary(): SkipSummary {
    let total = 0;
    for (const count of this.counts.values()) total += count;
    const summary = { total } as SkipSummary;
    for (const reason of SKIP_REASONS) summary[reason] = this.count(reason);
    return summary;
  }
}
