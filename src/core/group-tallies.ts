// Tallies keyed by a tuple of strings (one value per grouping column or period).

import { Tally } from './tally.js';

export class GroupTallies {
  private readonly byKey = new Map<string, { key: readonly string[]; tally: Tally }>();

  /**
   * The tally of a key. Key values must not contain NUL (cells reach here without it), so
   * joining with NUL keeps different keys apart cheaply.
   */
  tallyFor(key: readonly string[]): Tally {
    const id = key.length === 1 ? (key[0] as string) : key.join('\u0000');
    let entry = this.byKey.get(id);
    if (!entry) {
      entry = { key: [...key], tally: new Tally() };
      this.byKey.set(id, entry);
    }
    return entry.tally;
  }

  add(key: readonly string[], score: number): void {
    this.tallyFor(key).add(score);
  }

  /** Fold another set in; equal keys merge. */
  merge(other: GroupTallies): this {
    for (const { key, tally } of other.entries()) this.tallyFor(key).merge(tally);
    return this;
  }

  /** Re-key every entry (e.g. a day into its month) and merge entries that land on one key. */
  rekey(mapKey: (key: readonly string[]) => readonly string[]): GroupTallies {
    const out = new GroupTallies();
    for (const { key, tally } of this.entries()) out.tallyFor(mapKey(key)).merge(tally);
    return out;
  }

  /** Plain [key, distribution] pairs, to send between threads. */
  snapshot(): [string[], number[]][] {
    return this.entries().map(({ key, tally }) => [[...key], [...tally.distribution]]);
  }

  absorb(snapshot: readonly [string[], number[]][]): this {
    for (const [key, distribution] of snapshot) this.tallyFor(key).merge(Tally.fromDistribution(distribution));
    return this;
  }

  entries(): Array<{ key: readonly string[]; tally: Tally }> {
    return [...this.byKey.values()];
  }

  get size(): number {
    return this.byKey.size;
  }
}

/**
 * Order for group keys: element by element, numbers numerically when both values are
 * plain numbers, everything else by code point (stable on every machine and locale).
 * ISO period keys sort in time order under this rule.
 */
export function compareKeys(a: readonly string[], b: readonly string[]): number {
  const length = Math.min(a.length, b.length);
  for (let i = 0; i < length; i++) {
    const x = a[i] ?? '';
    const y = b[i] ?? '';
    if (x === y) continue;
    // Whole numbers compare exactly (ids longer than a double holds), decimals as numbers.
    if (/^-?\d+$/.test(x) && /^-?\d+$/.test(y)) return BigInt(x) < BigInt(y) ? -1 : 1;
    const numeric = /^-?\d+(\.\d+)?$/;
    if (numeric.test(x) && numeric.test(y) && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}
