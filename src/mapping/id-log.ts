// --dedupe's respondent ids, one per answer, numbered once every answer is in. Millions of ids:
// one table of them all misses the cache at every lookup (~500 ns each, 10 million lookups at
// 10M rows: BENCHMARKS.md). So the ids are logged into buckets by their hash as they come, and
// numbered a bucket at a time, each bucket's ids read in order and looked up in a table small
// enough to stay in the cache. Respondents come out numbered by bucket, not in the order they
// first answered: a number only says which answers share a respondent. A counting thread logs
// its part's ids the same way and hands its buckets over as they are (`data`): the whole's log
// keeps them as they came (`absorb`), without a string made, a hash worked out, or a unit
// copied, until `number` reads each bucket's pieces one after another.

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

/** A log's buckets as plain data, each as many units as it holds, and how many ids each holds: moved between threads. */
export interface IdLogData {
  buckets: Uint16Array[];
  entries: number[];
}

/** A log of another's taken in: its answers' numbers are from `offset` on. */
interface Piece {
  data: IdLogData;
  offset: number;
}

export class IdLog {
  private readonly buckets: Bucket[];
  /** Logs taken in, in turn; their entries number their answers from 0 (the piece's offset on). */
  private readonly pieces: Piece[] = [];
  private numbered = false;
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

  /** The buckets, each whole (what was logged here, then each log taken in) and numbering the answers from 0. */
  data(): IdLogData {
    if (this.numbered) throw new Error('IdLog: already numbered');
    const buckets = this.buckets.map((_, b) => {
      // Joined into a new array of just its length.
      const { units: whole, offsets } = this.joined(b, new Uint16Array(0));
      // The answers' numbers of the logs taken in move by their offsets.
      offsets.forEach(({ from, to, offset }) => {
        for (let at = from; at < to; ) {
          const a = offset + ((whole[at] as number) | ((whole[at + 1] as number) << 16));
          whole[at] = a & 0xffff;
          whole[at + 1] = a >>> 16;
          at += HEAD + ((whole[at + 4] as number) | ((whole[at + 5] as number) << 16));
        }
      });
      return whole;
    });
    return { buckets, entries: this.buckets.map((_, b) => this.entriesIn(b)) };
  }

  /** Logs the ids of the next `answers` answers, as another log (of those answers alone) gave them; kept as they are. */
  absorb(part: IdLogData, answers: number): void {
    if (this.numbered) throw new Error('IdLog: already numbered');
    this.pieces.push({ data: part, offset: this.size });
    this.size += answers;
  }

  /** Marks the log numbered (its pieces are let go then): once only. */
  private spend(): void {
    if (this.numbered) throw new Error('IdLog: already numbered');
    this.numbered = true;
  }

  /** The ids bucket `b` holds: those logged here and those of every log taken in. */
  private entriesIn(b: number): number {
    let entries = (this.buckets[b] as Bucket).entries;
    for (const { data } of this.pieces) entries += data.entries[b] as number;
    return entries;
  }

  /**
   * Bucket `b`'s units in one array (`into`, or a larger one): those logged here, then each log
   * taken in's; and where each log taken in lies there, with the offset of its answers' numbers.
   */
  private joined(b: number, into: Uint16Array): { units: Uint16Array; used: number; offsets: { from: number; to: number; offset: number }[] } {
    const own = this.buckets[b] as Bucket;
    let used = own.used;
    for (const { data } of this.pieces) used += (data.buckets[b] as Uint16Array).length;
    const units = into.length >= used ? into : new Uint16Array(Math.max(used, Math.ceil(into.length * 1.5)));
    units.set(own.units.subarray(0, own.used));
    const offsets: { from: number; to: number; offset: number }[] = [];
    let at = own.used;
    for (const { data, offset } of this.pieces) {
      const piece = data.buckets[b] as Uint16Array;
      units.set(piece, at);
      offsets.push({ from: at, to: at + piece.length, offset });
      at += piece.length;
    }
    return { units, used, offsets };
  }

  /**
   * Each answer's respondent (answers with the same id share one), numbered from 0; and how many
   * there are. Once: each bucket's pieces are let go as it is read.
   */
  number(): { owner: Int32Array; respondents: number } {
    this.spend();
    const owner = new Int32Array(this.size);
    let respondents = 0;
    // Per slot: the hash, 1 + where the id there starts in the bucket (0: empty), and its respondent. At most half full.
    let slots = new Int32Array(0);
    let scratch: Uint16Array = new Uint16Array(0);
    for (let b = 0; b < this.buckets.length; b++) {
      const entries = this.entriesIn(b);
      const joined = this.joined(b, scratch);
      const { units, used } = joined;
      scratch = units;
      for (const { data } of this.pieces) data.buckets[b] = EMPTY;
      this.buckets[b] = { units: EMPTY, used: 0, entries: 0 };
      const size = Math.max(2, 2 ** Math.ceil(Math.log2(2 * entries)));
      if (slots.length < 3 * size) slots = new Int32Array(3 * size);
      else slots.fill(0, 0, 3 * size);
      const mask = size - 1;
      // The units logged here number their answers as they are; each log taken in's, from its offset.
      const stretches = [{ from: 0, to: joined.offsets[0]?.from ?? used, offset: 0 }, ...joined.offsets];
      for (const { from, to, offset } of stretches) {
        for (let at = from; at < to; ) {
          const a = offset + ((units[at] as number) | ((units[at + 1] as number) << 16));
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
    }
    return { owner, respondents };
  }
}

const EMPTY = new Uint16Array(0);

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
