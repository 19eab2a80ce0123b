// --dedupe's respondent ids, one per answer, numbered once every answer is in. Millions of ids:
// one table of them all misses the cache at every lookup (~500 ns each, 10 million lookups at
// 10M rows: BENCHMARKS.md). So the ids are logged into buckets by their hash as they come, and
// numbered a bucket at a time, each bucket's ids read in order and looked up in a table small
// enough to stay in the cache (`respondents`): a bucket's answers in the order logged, each
// with its respondent numbered within the bucket. `add` tells each answer's bucket, so that
// what a caller keeps per answer can be put together by bucket and read beside them. A counting
// thread logs its part's ids the same way and hands its buckets over as they are (`data`): the
// whole's log keeps them as they came (`absorb`), without a string made, a hash worked out, or a
// unit copied, until `respondents` reads each bucket's pieces one after another.

import { fnv1a, fnv1aUnits, mixed } from '../core/hash.js';

/** Buckets by the hash's top bits; the table within one uses the low bits. */
const BUCKET_BITS = 8;
/** How many buckets a log has (the numbers `add` gives run from 0 to one less). */
export const BUCKETS = 1 << BUCKET_BITS;
/** An entry: the answer's number, the hash, the id's length (two units each), then its units. */
const HEAD = 6;
/** Where in an entry's head each of its numbers is (two units, low first: `headField`). */
const ANSWER = 0;
const HASH = 2;
const LENGTH = 4;

/** The number at `field` of the head of the entry at `at`. */
const headField = (units: Uint16Array, at: number, field: number): number => (units[at + field] as number) | ((units[at + field + 1] as number) << 16);

/** The bucket of an id of hash `h`: its top bits. */
const bucketOf = (h: number): number => h >>> (32 - BUCKET_BITS);

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
    this.buckets = Array.from({ length: BUCKETS }, () => ({ units: new Uint16Array(room), used: 0, entries: 0 }));
  }

  /** The units the fullest bucket holds. */
  largestBucket(): number {
    let largest = 0;
    for (const bucket of this.buckets) largest = Math.max(largest, bucket.used);
    return largest;
  }

  /** Logs the id of the next answer; the number of the bucket it is in (`respondents` reads a bucket at a time). */
  add(id: string): number {
    const h = mixed(fnv1aUnits(id));
    const bucket = this.entry(h, id.length);
    const units = bucket.units;
    const from = bucket.used - id.length;
    for (let i = 0; i < id.length; i++) units[from + i] = id.charCodeAt(i);
    return bucketOf(h);
  }

  /** Logs the id of the next answer from the bytes it is in ASCII (each byte its UTF-16 unit): as `add` of that text. */
  addAscii(bytes: Uint8Array, start: number, end: number): number {
    const h = mixed(fnv1a(bytes, start, end));
    const bucket = this.entry(h, end - start);
    const units = bucket.units;
    const from = bucket.used - (end - start);
    // One by one: a subarray made per id cost more than the copy (ids are short).
    for (let i = start; i < end; i++) units[from + i - start] = bytes[i] as number;
    return bucketOf(h);
  }

  /** The next answer's entry, its head written and room made for its `length` units (the last of the bucket's `used`). */
  private entry(h: number, length: number): Bucket {
    const a = this.size++;
    const bucket = this.buckets[bucketOf(h)] as Bucket;
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
    const order = { at: new Int32Array(0), answers: new Int32Array(0) };
    const buckets = this.buckets.map((own, b) => {
      // Only ids logged here (a counting thread's part): in the order logged already.
      if (this.pieces.length === 0) return own.units.slice(0, own.used);
      const { units, used } = this.joined(b, new Uint16Array(0));
      const count = this.ordered(b, units, used, order);
      // Entry by entry in the order logged, each with its answer's number in the whole.
      const whole = new Uint16Array(used);
      for (let k = 0, to = 0; k < count; k++) {
        const at = order.at[k] as number;
        const end = at + HEAD + headField(units, at, LENGTH);
        whole.set(units.subarray(at, end), to);
        const a = order.answers[k] as number;
        whole[to] = a & 0xffff;
        whole[to + 1] = a >>> 16;
        to += end - at;
      }
      return whole;
    });
    return { buckets, entries: this.bucketSizes() };
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

  /** How many ids each bucket holds (those of its answers), bucket by bucket. */
  bucketSizes(): number[] {
    return this.buckets.map((_, b) => this.entriesIn(b));
  }

  /** The ids bucket `b` holds: those logged here and those of every log taken in. */
  private entriesIn(b: number): number {
    let entries = (this.buckets[b] as Bucket).entries;
    for (const { data } of this.pieces) entries += data.entries[b] as number;
    return entries;
  }

  /** Bucket `b`'s units in one array (`into`, or a larger one): those logged here, then each log taken in's. */
  private joined(b: number, into: Uint16Array): { units: Uint16Array; used: number } {
    const own = this.buckets[b] as Bucket;
    let used = own.used;
    for (const { data } of this.pieces) used += (data.buckets[b] as Uint16Array).length;
    const units = into.length >= used ? into : new Uint16Array(Math.max(used, Math.ceil(into.length * 1.5)));
    units.set(own.units.subarray(0, own.used));
    let at = own.used;
    for (const { data } of this.pieces) {
      const piece = data.buckets[b] as Uint16Array;
      units.set(piece, at);
      at += piece.length;
    }
    return { units, used };
  }

  /**
   * Bucket `b`'s entries in the order their answers were logged, from its units joined (`units`,
   * `used`: this log's, then each log taken in's, as `joined` lays them): where each starts in
   * `order.at` and its answer's number in the whole in `order.answers` (both grown as needed);
   * how many there are. The ids logged here and each log taken in are merged by answer: those
   * logged here before a log taken in come before its ids.
   */
  private ordered(b: number, units: Uint16Array, used: number, order: { at: Int32Array; answers: Int32Array }): number {
    const entries = this.entriesIn(b);
    if (order.at.length < entries) [order.at, order.answers] = [new Int32Array(entries), new Int32Array(entries)];
    const { at: positions, answers } = order;
    const answerOf = (at: number): number => headField(units, at, ANSWER);
    const next = (at: number): number => at + HEAD + headField(units, at, LENGTH);
    let count = 0;
    let own = 0;
    let at = this.buckets[b]?.used ?? 0;
    const ownEnd = at;
    for (const { data, offset } of this.pieces) {
      for (; own < ownEnd && answerOf(own) < offset; own = next(own)) {
        positions[count] = own;
        answers[count++] = answerOf(own);
      }
      for (const end = at + (data.buckets[b] as Uint16Array).length; at < end; at = next(at)) {
        positions[count] = at;
        answers[count++] = offset + answerOf(at);
      }
    }
    for (; own < ownEnd; own = next(own)) {
      positions[count] = own;
      answers[count++] = answerOf(own);
    }
    if (at !== used || count !== entries) throw new Error(`IdLog: bucket ${b} read ${count} of ${entries} ids`);
    return count;
  }

  /**
   * The respondents a bucket at a time: per bucket, its answers in the order logged (`answers`,
   * the first `count`) and each one's respondent (answers with the same id share one), numbered
   * from 0 within the bucket in the order first met (`respondents`, of `respondentCount`). The
   * arrays are reused from bucket to bucket. Once: each bucket's pieces are let go as it is read.
   */
  *respondents(): Generator<{ bucket: number; answers: Int32Array; respondents: Int32Array; count: number; respondentCount: number }> {
    this.spend();
    // Per slot: the hash, 1 + where the id there starts in the bucket (0: empty), and its respondent. At most half full.
    let slots = new Int32Array(0);
    let scratch: Uint16Array = new Uint16Array(0);
    const order = { at: new Int32Array(0), answers: new Int32Array(0) };
    let respondents = new Int32Array(0);
    for (let b = 0; b < this.buckets.length; b++) {
      const entries = this.entriesIn(b);
      const joined = this.joined(b, scratch);
      const units = (scratch = joined.units);
      const size = Math.max(2, 2 ** Math.ceil(Math.log2(2 * entries)));
      if (slots.length < 3 * size) slots = new Int32Array(3 * size);
      else slots.fill(0, 0, 3 * size);
      const mask = size - 1;
      if (respondents.length < entries) respondents = new Int32Array(entries);
      const count = this.ordered(b, units, joined.used, order);
      const positions = order.at;
      let met = 0;
      for (let k = 0; k < count; k++) {
        const at = positions[k] as number;
        const h = headField(units, at, HASH);
        const length = headField(units, at, LENGTH);
        let slot = h & mask;
        for (;;) {
          const held = slots[3 * slot + 1] as number;
          if (held === 0) {
            slots[3 * slot] = h;
            slots[3 * slot + 1] = at + 1;
            slots[3 * slot + 2] = met;
            respondents[k] = met++;
            break;
          }
          if (slots[3 * slot] === h && sameId(units, held - 1, at, length)) {
            respondents[k] = slots[3 * slot + 2] as number;
            break;
          }
          slot = (slot + 1) & mask;
        }
      }
      for (const { data } of this.pieces) data.buckets[b] = EMPTY;
      this.buckets[b] = { units: EMPTY, used: 0, entries: 0 };
      yield { bucket: b, answers: order.answers, respondents, count, respondentCount: met };
    }
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
  if (headField(units, x, LENGTH) !== length) return false;
  for (let i = HEAD; i < HEAD + length; i++) if (units[x + i] !== units[y + i]) return false;
  return true;
}
