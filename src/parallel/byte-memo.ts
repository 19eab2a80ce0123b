// Two small hash tables for counting from bytes without a string per row:
// - ByteMemo remembers a number per distinct byte string (a field's raw bytes → what the field
//   reads as), so a value seen before is not decoded and read again;
// - TupleIndex numbers distinct tuples of small integers (a row's group ids and day).

import { fnv1a, fnv1aIntegers } from '../core/hash.js';

/** The direct slot of a byte string of 0, 1 or 2 bytes. */
function shortSlot(bytes: Uint8Array, start: number, end: number): number {
  if (end === start) return 0;
  if (end - start === 1) return 1 + (bytes[start] as number);
  return 257 + (bytes[start] as number) * 256 + (bytes[start + 1] as number);
}

export class ByteMemo {
  /** The remembered byte strings, one after another; entry e is keys[offsets[e] … offsets[e + 1]). */
  private keys = new Uint8Array(1024);
  private offsets: number[] = [0];
  private values: number[] = [];
  private hashes: number[] = [];
  /** Open addressing: entry index + 1, 0 for an empty slot. */
  private slots = new Int32Array(256);
  /** Byte strings of up to two bytes (a score, a code) go straight to a slot of their own: value + 1, 0 for none. */
  private short = new Int32Array(1 + 256 + 65536);
  private shortCount = 0;

  /** Remembers at most `limit` byte strings; beyond that, `remember` says no. */
  constructor(private readonly limit = 1 << 16) {}

  /** Forgets every byte string (its arrays are kept for the next ones). */
  clear(): void {
    this.offsets = [0];
    this.values = [];
    this.hashes = [];
    this.slots.fill(0);
    if (this.shortCount > 0) this.short.fill(0);
    this.shortCount = 0;
  }

  /** The number remembered for these bytes, or -1. */
  find(bytes: Uint8Array, start: number, end: number): number {
    if (end - start <= 2) return (this.short[shortSlot(bytes, start, end)] as number) - 1;
    const hash = fnv1a(bytes, start, end);
    const mask = this.slots.length - 1;
    const length = end - start;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const entry = (this.slots[slot] as number) - 1;
      if (entry < 0) return -1;
      if (this.hashes[entry] !== hash) continue;
      const from = this.offsets[entry] as number;
      if ((this.offsets[entry + 1] as number) - from !== length) continue;
      let same = true;
      for (let i = 0; i < length; i++) {
        if (this.keys[from + i] !== bytes[start + i]) {
          same = false;
          break;
        }
      }
      if (same) return this.values[entry] as number;
    }
  }

  /** Remembers `value` (0 or more) for these bytes, which must not be remembered yet; false when full. */
  remember(bytes: Uint8Array, start: number, end: number, value: number): boolean {
    const entry = this.values.length;
    if (entry + this.shortCount >= this.limit) return false;
    if (end - start <= 2) {
      this.short[shortSlot(bytes, start, end)] = value + 1;
      this.shortCount++;
      return true;
    }
    const from = this.offsets[entry] as number;
    const to = from + end - start;
    if (to > this.keys.length) {
      const bigger = new Uint8Array(Math.max(to, this.keys.length * 2));
      bigger.set(this.keys);
      this.keys = bigger;
    }
    this.keys.set(bytes.subarray(start, end), from);
    this.offsets.push(to);
    this.values.push(value);
    this.hashes.push(fnv1a(bytes, start, end));
    if ((entry + 1) * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.place(entry);
    return true;
  }

  private place(entry: number): void {
    const mask = this.slots.length - 1;
    let slot = (this.hashes[entry] as number) & mask;
    while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
    this.slots[slot] = entry + 1;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    for (let entry = 0; entry < this.values.length; entry++) this.place(entry);
  }
}

/** Numbers the distinct tuples of `width` integers 0, 1, 2, … in the order first seen. */
export class TupleIndex {
  private keys: Int32Array;
  private count = 0;
  private slots = new Int32Array(1024);

  constructor(private readonly width: number) {
    this.keys = new Int32Array(Math.max(1, width) * 256);
  }

  get size(): number {
    return this.count;
  }

  /** The tuples numbered `from` to `to` (not included), one after another (a copy). */
  tuples(from: number, to: number): Int32Array<ArrayBuffer> {
    return this.keys.slice(from * this.width, to * this.width);
  }

  /** Tuple number `entry` written into `into[0 … width)`. */
  copyTuple(entry: number, into: Int32Array): void {
    const width = this.width;
    for (let i = 0, at = entry * width; i < width; i++, at++) into[i] = this.keys[at] as number;
  }

  /** The number of the tuple held in `tuple[0 … width)`, numbering it when new. */
  indexOf(tuple: Int32Array): number {
    const width = this.width;
    const mask = this.slots.length - 1;
    let slot = fnv1aIntegers(tuple, 0, width) & mask;
    for (;;) {
      const entry = (this.slots[slot] as number) - 1;
      if (entry < 0) break;
      let same = true;
      for (let i = 0, at = entry * width; i < width; i++, at++) {
        if (this.keys[at] !== tuple[i]) {
          same = false;
          break;
        }
      }
      if (same) return entry;
      slot = (slot + 1) & mask;
    }
    const entry = this.count++;
    if ((entry + 1) * width > this.keys.length) {
      const bigger = new Int32Array(this.keys.length * 2);
      bigger.set(this.keys);
      this.keys = bigger;
    }
    this.keys.set(tuple.subarray(0, width), entry * width);
    if (this.count * 2 > this.slots.length) this.rehash(this.slots.length * 2);
    else this.slots[slot] = entry + 1;
    return entry;
  }

  private rehash(size: number): void {
    this.slots = new Int32Array(size);
    const mask = size - 1;
    for (let entry = 0; entry < this.count; entry++) {
      let slot = fnv1aIntegers(this.keys, entry * this.width, (entry + 1) * this.width) & mask;
      while (this.slots[slot] !== 0) slot = (slot + 1) & mask;
      this.slots[slot] = entry + 1;
    }
  }
}

/**
 * A direct table in front of TupleIndex for the commonest keys, values and a day: per value
 * (or combination of --by values, numbered together),
 * an array over a range of days holding the group number + 1 (0: not known), so a row's group
 * is two array reads instead of a hash. Bounded: a value's days span at most `maxSpan` and all
 * arrays together hold at most `maxCells`; past that, `find` simply misses.
 */
export class DayCache {
  private tables: (Int32Array | undefined)[] = [];
  private bases: number[] = [];
  private cells = 0;

  constructor(
    private readonly maxSpan = 1 << 14,
    private readonly maxCells = 1 << 22,
  ) {}

  /** The group remembered for (value, day), or -1. */
  find(value: number, day: number): number {
    const table = this.tables[value];
    if (table === undefined) return -1;
    const at = day - (this.bases[value] as number);
    return at >= 0 && at < table.length ? (table[at] as number) - 1 : -1;
  }

  /** Remembers the group of (value, day), unless that would pass the bounds. */
  remember(value: number, day: number, group: number): void {
    let table = this.tables[value];
    let base = this.bases[value] ?? 0;
    if (table === undefined || day < base || day >= base + table.length) {
      // A new table, or a wider one: the days seen so far and this one, with room on both sides.
      const low = table === undefined ? day : Math.min(base, day);
      const high = table === undefined ? day + 1 : Math.max(base + table.length, day + 1);
      const span = high - low;
      const length = Math.min(this.maxSpan, Math.max(64, span * 2));
      if (span > this.maxSpan || this.cells + length - (table?.length ?? 0) > this.maxCells) return;
      const wider = new Int32Array(length);
      const widerBase = low - Math.floor((length - span) / 2);
      if (table !== undefined) wider.set(table, base - widerBase);
      this.cells += length - (table?.length ?? 0);
      this.tables[value] = table = wider;
      this.bases[value] = base = widerBase;
    }
    table[day - base] = group + 1;
  }
}
