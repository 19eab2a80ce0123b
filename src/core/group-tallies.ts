// Tallies keyed by a tuple of strings (one value per grouping column or period).

import { Tally, type TallyData } from './tally.js';

interface Node {
  children: Map<string, Node> | null;
  entry: { key: readonly string[]; tally: Tally } | null;
}

export class GroupTallies {
  /** A tree of maps, one level per key element: no key string is built per row. */
  private readonly root: Node = { children: null, entry: null };
  private readonly list: { key: readonly string[]; tally: Tally }[] = [];

  tallyFor(key: readonly string[]): Tally {
    const node = this.leaf(key);
    if (!node.entry) {
      node.entry = { key: [...key], tally: new Tally() };
      this.list.push(node.entry);
    }
    return node.entry.tally;
  }

  /**
   * Adds `tally` under `key`: taken as it is when the key is new (no copy; the caller gives it
   * up), else merged into the one there.
   */
  put(key: readonly string[], tally: Tally): void {
    const node = this.leaf(key);
    if (node.entry) node.entry.tally.merge(tally);
    else {
      node.entry = { key: [...key], tally };
      this.list.push(node.entry);
    }
  }

  private leaf(key: readonly string[]): Node {
    let node = this.root;
    for (let i = 0; i < key.length; i++) {
      const part = key[i] as string;
      node.children ??= new Map();
      let next = node.children.get(part);
      if (!next) {
        next = { children: null, entry: null };
        node.children.set(part, next);
      }
      node = next;
    }
    return node;
  }

  add(key: readonly string[], score: number, weight = 1): void {
    this.tallyFor(key).add(score, weight);
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

  /** Plain [key, tally data] pairs, to send between threads. */
  snapshot(): [string[], TallyData][] {
    return this.entries().map(({ key, tally }) => [[...key], tally.data()]);
  }

  absorb(snapshot: readonly [string[], TallyData][]): this {
    for (const [key, data] of snapshot) this.tallyFor(key).merge(Tally.fromData(data));
    return this;
  }

  entries(): Array<{ key: readonly string[]; tally: Tally }> {
    return [...this.list];
  }

  get size(): number {
    return this.list.length;
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

/**
 * `items` in the order of compareKeys on their keys, for many items: each distinct value of each
 * key position is ranked once (with compareKeys's rule for one value), and the items are then
 * ordered by their ranks, integers. Sorting 438,000 groups of four values with compareKeys
 * itself took 3 s (BENCHMARKS.md, "Every command beside DuckDB"). Where compareKeys is no
 * order (a column mixing numbers with text that starts with a digit: "9" < "10.25" < "2025-01"
 * < "9"), the ranks give one, the same whatever order the groups come in.
 */
export function sortByKeys<T>(items: readonly T[], keyOf: (item: T) => readonly string[]): T[] {
  const width = items.reduce((most, item) => Math.max(most, keyOf(item).length), 0);
  // ranks[item × (width + 1) + i]: the rank of the item's i-th value; the last slot, its key's length.
  const stride = width + 1;
  const ranks = new Int32Array(items.length * stride);
  for (let i = 0; i < width; i++) {
    const distinct = [...new Set(items.map((item) => keyOf(item)[i] ?? ''))];
    distinct.sort((x, y) => compareKeys([x], [y]));
    const rankOf = new Map(distinct.map((value, rank) => [value, rank]));
    items.forEach((item, at) => {
      const key = keyOf(item);
      if (i < key.length) ranks[at * stride + i] = rankOf.get(key[i] ?? '') ?? 0;
    });
  }
  items.forEach((item, at) => {
    ranks[at * stride + width] = keyOf(item).length;
  });
  const order = Array.from({ length: items.length }, (_, at) => at);
  order.sort((a, b) => {
    const [x, y] = [a * stride, b * stride];
    const length = Math.min(ranks[x + width] as number, ranks[y + width] as number);
    for (let i = 0; i < length; i++) {
      const d = (ranks[x + i] as number) - (ranks[y + i] as number);
      if (d !== 0) return d;
    }
    return (ranks[x + width] as number) - (ranks[y + width] as number);
  });
  return order.map((at) => items[at] as T);
}
