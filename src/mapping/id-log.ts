// --dedupe's respondent ids, one per answer, numbered once every answer is in. Millions of ids:
// one table of them all misses the cache at every lookup (~500 ns each, 10 million lookups at
// 10M rows: BENCHMARKS.md). So the ids are logged into buckets by their hash as they come, and
// numbered a bucket at a time, each bucket's ids read in order and looked up in a table small
// enough to stay in the cache. Respondents come out numbered by bucket, not in the order they
// first answered: a number only says which answers share a respondent. A counting thread logs
// its part's ids the same way and hands its buckets over as they are (`data`): the whole's log
// takes them in (`absorb`) without a string made or a hash worked out again.

import { fnv1a, fnv1aUnits, mixed } from '../core/hash.js';

/** Buckets by the hash's top bits; the table within one uses the low bits. */
const BUCKET_BITS = 8;
/** An entry: the answer's number, the hash, the id's length (two units each), then its units. */
const HEAD = 6;

/** One bucket's entries, one after another. */
interface Bucket {
  units: Uint16Array;
  used: number;
  entries: number;
}

/** A log's buckets as plain data, each as many units as it holds: moved between threads. */
export interface IdLogData {
  buckets: Uint16Array[];
}

export class IdLog {
  private readonly buckets: Bucket[];
  size = 0;

  /**
   * Each bucket starts with room for `units` (at least ~100 ids of 8 units). A thread's log of
   * the next part is given the largest bucket of the part before, and a tenth more: its buckets
   * are not grown again and again, part after part (BENCHMARKS.md).
   */
  constructor(units = 1536) {
    const room = Math.max(1536, Math.ceil(units * 1.1));
    this.buckets = Array.from({ length: 1 << BUCKET_BITS }, () => ({ units: new Uint16Array(room), used: 0, entries: 0 }));
  }

  /** The units the fullest bucket holds. */
  largestBucket(): number {
    let largest = 0;
    for (const bucket of this.buckets) largest = Math.max(largest, bucket.used);
    return largest;
  }

  /** Logs the id of the next answer. */
  add(id: string): void {
    const bucket = this.entry(mixed(fnv1aUnits(id)), id.length);
    const units = bucket.units;
    const from = bucket.used - id.length;
    for (let i = 0; i < id.length; i++) units[from + i] = id.charCodeAt(i);
  }

  /** Logs the id of the next answer from the bytes it is in ASCII (each byte its UTF-16 unit): as `add` of that text. */
  addAscii(bytes: Uint8Array, start: number, end: number): void {
    const bucket = this.entry(mixed(fnv1a(bytes, start, end)), end - start);
    const units = bucket.units;
    const from = bucket.used - (end - start);
    // One by one: a subarray made per id cost more than the copy (ids are short).
    for (let i = start; i < end; i++) units[from + i - start] = bytes[i] as number;
  }

  /** The next answer's entry, its head written and room made for its `length` units (the last of the bucket's `used`). */
  private entry(h: number, length: number): Bucket {
    const a = this.size++;
    const bucket = this.buckets[h >>> (32 - BUCKET_BITS)] as Bucket;
    const from = bucket.used;
    const units = room(bucket, HEAD + length);
    units[from] = a & 0xffff;
    units[from + 1] = a >>> 16;
    units[from + 2] = h & 0xffff;
    units[from + 3] = h >>> 16;
    units[from + 4] = length & 0xffff;
    units[from + 5] = length >>> 16;
    bucket.used = from + HEAD + length;
    bucket.entries++;
    return bucket;
  }

  /** The buckets, each cut to what it holds. */
  data(): IdLogData {
    return { buckets: this.buckets.map((bucket) => bucket.units.slice(0, bucket.used)) };
  }

  /** Logs the ids of the next `answers` answers, as another log (of those answers alone) gave them. */
  absorb(part: IdLogData, answers: number): void {
    const offset = this.size;
    part.buckets.forEach((units, b) => {
      const bucket = this.buckets[b] as Bucket;
      const from = bucket.used;
      room(bucket, units.length).set(units, from);
      // The answers' numbers move by the answers logged before them.
      const mine = bucket.units;
      for (let at = from; at < from + units.length; ) {
        const a = offset + ((mine[at] as number) | ((mine[at + 1] as number) << 16));
        mine[at] = a & 0xffff;
        mine[at + 1] = a >>> 16;
        at += HEAD + ((mine[at + 4] as number) | ((mine[at + 5] as number) << 16));
        bucket.entries++;
      }
      bucket.used = from + units.length;
    });
    this.size += answers;
  }

  /** Each answer's respondent (answers with the same id share one), numbered from 0; and how many there are. */
  number(): { owner: Int32Array; respondents: number } {
    const owner = new Int32Array(this.size);
    let respondents = 0;
    // Per slot: the hash, 1 + where the id there starts in the bucket (0: empty), and its respondent. At most half full.
    let slots = new Int32Array(0);
    for (const { units, used, entries } of this.buckets) {
      const size = Math.max(2, 2 ** Math.ceil(Math.log2(2 * entries)));
      if (slots.length < 3 * size) slots = new Int32Array(3 * size);
      else slots.fill(0, 0, 3 * size);
      const mask = size - 1;
      for (let at = 0; at < used; ) {
        const a = (units[at] as number) | ((units[at + 1] as number) << 16);
        const h = (units[at + 2] as number) | ((units[at + 3] as number) << 16);
        const length = (units[at + 4] as number) | ((units[at + 5] as number) << 16);
        let slot = h & mask;
        for (;;) {
          const held = slots[3 * slot + 1] as number;
          if (held === 0) {
            slots[3 * slot] = h;
            slots[3 * slot + 1] = at + 1;
            slots[3 * slot + 2] = respondents;
            owner[a] = respondents++;
            break;
          }
          if (slots[3 * slot] === h && sameId(units, held - 1, at, length)) {
            owner[a] = slots[3 * slot + 2] as number;
            break;
          }
          slot = (slot + 1) & mask;
        }
        at += HEAD + length;
      }
    }
    return { owner, respondents };
  }
}

/** The bucket's units, with room for `more` after what it holds. */
function room(bucket: Bucket, more: number): Uint16Array {
  const need = bucket.used + more;
  if (need > bucket.units.length) {
    // Half as much again, not twice: a bucket's slack is memory held to the end (BENCHMARKS.md).
    const bigger = new Uint16Array(Math.max(need, Math.ceil(bucket.units.length * 1.5)));
    bigger.set(bucket.units.subarray(0, bucket.used));
    bucket.units = bigger;
  }
  return bucket.units;
}

/** Whether the entries at `x` and `y` of a bucket hold the same id (`length` units: y's). */
function sameId(units: Uint16Array, x: number, y: number, length: number): boolean {
  if (((units[x + 4] as number) | ((units[x + 5] as number) << 16)) !== length) return false;
  for (let i = HEAD; i < HEAD + length; i++) if (units[x + i] !== units[y + i]) return false;
  return true;
}
