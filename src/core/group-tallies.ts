// Tallies keyed by a tuple of strings (one value per grouping column or period).

import { Tally, type TallyData } from './tally.js';

interface Node {
  children: Map<string, Node> | null;
  /** Its key's place in the set's lists; -1: none. */
  at: number;
}

/** The place of `key` under `root`, or -1 (no node made). */
function find(root: Node, key: readonly string[]): number {
  let node: Node | undefined = root;
  for (let i = 0; i < key.length && node !== undefined; i++) node = node.children?.get(key[i] as string);
  return node === undefined ? -1 : node.at;
}

export class GroupTallies {
  /**
   * A tree of maps, one level per key element: no key string is built per row. Null until a
   * key is first looked up: entries only appended (append) and read need none, and then it is
   * built from them (hundreds of thousands of groups, BENCHMARKS.md, issue 17, tenth session).
   */
  private root: Node | null = null;
  /**
   * The keys and their tallies, in the order they came, side by side (not an object a group:
   * hundreds of thousands of groups, BENCHMARKS.md, issue 17, twentieth session). The set owns
   * its keys (copies, or arrays given up to it) until it gives them up (spend).
   */
  private keys: string[][] = [];
  private tallies: Tally[] = [];

  tallyFor(key: readonly string[]): Tally {
    const node = this.leaf(key);
    if (node.at < 0) node.at = this.push([...key], new Tally());
    return this.tallies[node.at] as Tally;
  }

  /**
   * Adds `tally` under `key`: taken as it is when the key is new (no copy; the caller gives it
   * up), else merged into the one there.
   */
  put(key: readonly string[], tally: Tally): void {
    const node = this.leaf(key);
    if (node.at >= 0) (this.tallies[node.at] as Tally).merge(tally);
    else node.at = this.push([...key], tally);
  }

  /**
   * Adds `tally` under `key`, which no entry has (the caller knows it: the keys it appends are
   * distinct, into a set that held none of them), giving up both. Once the set looks keys up, it
   * is put as any other.
   */
  append(key: string[], tally: Tally): void {
    if (this.root !== null) this.put(key, tally);
    else this.push(key, tally);
  }

  /** Its place. */
  private push(key: string[], tally: Tally): number {
    this.keys.push(key);
    return this.tallies.push(tally) - 1;
  }

  private leaf(key: readonly string[]): Node {
    this.tree();
    return this.walk(key);
  }

  /** The tree of the set's keys, made where there is none. */
  private tree(): Node {
    if (this.root === null) {
      this.root = { children: null, at: -1 };
      this.keys.forEach((known, at) => (this.walk(known).at = at));
    }
    return this.root;
  }

  /** The node of `key` in the tree, made where there is none. */
  private walk(key: readonly string[]): Node {
    let node = this.root as Node;
    for (let i = 0; i < key.length; i++) {
      const part = key[i] as string;
      node.children ??= new Map();
      let next = node.children.get(part);
      if (!next) {
        next = { children: null, at: -1 };
        node.children.set(part, next);
      }
      node = next;
    }
    return node;
  }

  add(key: readonly string[], score: number, weight = 1): void {
    this.tallyFor(key).add(score, weight);
  }

  /** Re-key every entry (e.g. a day into its month) and merge entries that land on one key. */
  rekey(mapKey: (key: readonly string[]) => readonly string[]): GroupTallies {
    const out = new GroupTallies();
    this.keys.forEach((key, at) => out.tallyFor(mapKey(key)).merge(this.tallies[at] as Tally));
    return out;
  }

  /**
   * Every key and tally of `other`, given up to this set (`other` is left empty), in its order
   * after this set's own: a key new here is taken as it is, with its tally; one met here merges
   * into its tally. Not through copies of each (a snapshot): standard input's hundreds of
   * thousands of groups (BENCHMARKS.md, issue 17, twentieth session). Only this set's keys are
   * put in its tree; the tree is made again at the next lookup.
   */
  take(other: GroupTallies): this {
    const { keys, tallies } = other.spend();
    if (this.keys.length === 0) {
      this.root = null;
      this.keys = keys;
      this.tallies = tallies;
      return this;
    }
    const root = this.tree();
    keys.forEach((key, at) => {
      const mine = find(root, key);
      if (mine >= 0) (this.tallies[mine] as Tally).merge(tallies[at] as Tally);
      else this.push(key, tallies[at] as Tally);
    });
    this.root = null;
    return this;
  }

  /** Plain [key, tally data] pairs, to send between threads. */
  snapshot(): [string[], TallyData][] {
    return this.keys.map((key, at) => [[...key], (this.tallies[at] as Tally).data()]);
  }

  absorb(snapshot: readonly [string[], TallyData][]): this {
    for (const [key, data] of snapshot) this.tallyFor(key).merge(Tally.fromData(data));
    return this;
  }

  /** Each key with its tally, in the order they came: an object each, made for the call. */
  entries(): Array<{ key: readonly string[]; tally: Tally }> {
    return this.keys.map((key, at) => ({ key, tally: this.tallies[at] as Tally }));
  }

  /** The keys, in the order they came, and their tallies in the same order: the set's own lists, to read and not change. */
  lists(): { keys: readonly (readonly string[])[]; tallies: readonly Tally[] } {
    return { keys: this.keys, tallies: this.tallies };
  }

  get size(): number {
    return this.keys.length;
  }

  /** Every key and tally, given up: the set is left empty, and the caller owns the keys (to change in place) and the tallies. */
  spend(): { keys: string[][]; tallies: Tally[] } {
    const { keys, tallies } = this;
    this.clear();
    return { keys, tallies };
  }

  /** Every entry let go (the tallies taken elsewhere: GroupTallies.put gives them up). */
  clear(): void {
    this.root = null;
    this.keys = [];
    this.tallies = [];
  }
}

/** A value compareKeys orders as a number (a whole number or a decimal); any other, by code point. */
const PLAIN_NUMBER = /^-?\d+(\.\d+)?$/;
/** A whole number, which compareKeys compares exactly (as BigInts). */
const WHOLE_NUMBER = /^-?\d+$/;
/** Text that starts as a number does. */
const DIGIT_FIRST = /^-?\d/;

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
    // Whole numbers compare exactly (ids longer than a double holds), decimals as numbers; two
    // that are one number ("7" and "007", "0" and "-0") by code point.
    if (WHOLE_NUMBER.test(x) && WHOLE_NUMBER.test(y)) {
      const [bx, by] = [BigInt(x), BigInt(y)];
      if (bx !== by) return bx < by ? -1 : 1;
    }
    if (PLAIN_NUMBER.test(x) && PLAIN_NUMBER.test(y) && Number(x) !== Number(y)) return Number(x) - Number(y);
    return x < y ? -1 : 1;
  }
  return a.length - b.length;
}

/**
 * Distinct values in the order of compareKeys on one value each. Where no value is a plain number
 * that order is code-point order, and the sort is given that alone (600,000 respondents' ids
 * ~0.9 → ~0.4 s: BENCHMARKS.md, issue 17, seventeenth session). Where plain numbers sit beside
 * text that starts with a digit, compareKeys is no order ("9" < "10.25" < "2025-01" < "9"): the
 * values are sorted by code point first, so that its sort starts from one order whatever order
 * the values came in.
 */
function sortValues(values: string[]): string[] {
  if (!values.some((value) => PLAIN_NUMBER.test(value))) return values.sort((x, y) => (x < y ? -1 : 1));
  if (values.some((value) => DIGIT_FIRST.test(value) && !PLAIN_NUMBER.test(value))) values.sort((x, y) => (x < y ? -1 : 1));
  return values.sort((x, y) => compareKeys([x], [y]));
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
  const n = items.length;
  const keys = items.map(keyOf);
  const width = keys.reduce((most, key) => Math.max(most, key.length), 0);
  // ranks[item × width + i]: 1 + the rank of the item's i-th value, or 0 where its key has none
  // (so a key comes before the longer keys it starts, as in compareKeys).
  const ranks = new Int32Array(n * width);
  let combinations = 1;
  const radices: number[] = [];
  for (let i = 0; i < width; i++) {
    const distinct = sortValues([...new Set(keys.map((key) => key[i] ?? ''))]);
    const rankOf = new Map(distinct.map((value, rank) => [value, rank + 1]));
    keys.forEach((key, at) => {
      if (i < key.length) ranks[at * width + i] = rankOf.get(key[i] as string) as number;
    });
    radices.push(distinct.length + 1);
    combinations *= distinct.length + 1;
  }
  if (combinations * n <= Number.MAX_SAFE_INTEGER) {
    // Each item as one integer, its ranks in mixed radix then its place (equal keys keep their
    // order): a sort of numbers, not of items by a comparator (438,000 groups: BENCHMARKS.md).
    const packed = new Float64Array(n);
    for (let at = 0; at < n; at++) {
      let value = 0;
      for (let i = 0; i < width; i++) value = value * (radices[i] as number) + (ranks[at * width + i] as number);
      packed[at] = value * n + at;
    }
    packed.sort();
    return Array.from(packed, (value) => items[value % n] as T);
  }
  const order = Array.from({ length: n }, (_, at) => at);
  order.sort((a, b) => {
    for (let i = 0; i < width; i++) {
      const d = (ranks[a * width + i] as number) - (ranks[b * width + i] as number);
      if (d !== 0) return d;
    }
    return 0;
  });
  return order.map((at) => items[at] as T);
}
