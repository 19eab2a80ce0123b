// --dedupe's answers, held until every row is read (the latest answer of each respondent is
// decided then, once the day order of a/b/yyyy dates is known): in blocks of typed columns,
// 23 bytes an answer (31 with weights) and its respondent's id, instead of objects of ~300 bytes
// (BENCHMARKS.md). The ids are only logged until then (IdLog); the respondents are found once,
// and the latest answers decided from the columns (`settle`): passes in file order, and the
// answers kept put together by the id log's bucket their id is in, each bucket's respondents
// found and decided in the cache. No
// object per answer, no walk from one respondent's answer to the next (BENCHMARKS.md). On the
// counting threads each part logs its own, handed out as plain data (`data`) and added to the
// whole's in file order (`absorb`): the same answers in the same order as one reading.

import { civilFromDays, daysFromCivil } from '../core/calendar.js';
import type { DateReading } from './date-value.js';
import { BUCKETS, IdLog, type IdLogData } from './id-log.js';

/** The answers of a stretch of rows as plain data, in file order (rows numbered in the stretch): typed columns, moved between threads. */
export interface AnswersData {
  /** Each answer's respondent id. */
  ids: IdLogData;
  row: Float64Array;
  score: Uint8Array;
  weight: Float64Array | null;
  /** Each answer's group, a place in `groups`. */
  group: Int32Array;
  groups: string[][];
  /** The bucket of the id log each answer's id is in. */
  bucket: Uint8Array;
  dateKind: Uint8Array;
  date: Int32Array;
}

/** One answer of a respondent, as the count hands it over. */
export interface Answer {
  row: number;
  score: number;
  weight: number;
  dims: string[];
  date: DateReading | null;
  /** Kept only when the answers kept are gathered from. */
  cells: string[] | null;
}

/**
 * What `settle` asks and tells, in file order. `place`: where the answers of a group on a date go,
 * asked once per distinct group and date (the date's seconds are not given: 0): a place the caller
 * numbers (≥ 0) with the date's day number to order answers by (NaN: none), or a reason they go
 * nowhere (a number < 0, handed back to `skip`).
 */
export interface Settling {
  place(dims: readonly string[], date: DateReading | null): { place: number; day: number };
  keep(place: number, row: number, score: number, weight: number, cells: string[] | null): void;
  skip(reason: number, row: number): void;
  duplicate(row: number): void;
}

const NO_DATE = 0;
/** A whole date: its day number (packed) and seconds. */
const DAYS = 1;
/** a/b/yyyy, its order not known yet: (a·100 + b)·10⁴ + year (packed) and seconds. */
const SLASH = 2;

/**
 * Answers added one by one are kept in blocks of this many: memory grows by a block, with no
 * copy and no slack of a doubling. A part taken in whole is a block of its own, of its size.
 */
const BLOCK = 1 << 16;

/** One block of answers, a column per field, the first `count` of each filled (the columns' length is its room). */
interface Block {
  count: number;
  row: Float64Array;
  score: Uint8Array;
  /** The group's number (its values are kept once); once settled, the placing's. */
  group: Int32Array;
  /** The bucket of the id log the answer's id is in. */
  bucket: Uint8Array;
  dateKind: Uint8Array;
  /** A date as its day number, a/b/yyyy as (a·100 + b)·10⁴ + year (dateKind says which); then the seconds into the day. */
  date: Int32Array;
  /** Null while every weight is 1. */
  weight: Float64Array | null;
}

const newBlock = (): Block => ({
  count: 0,
  row: new Float64Array(BLOCK),
  score: new Uint8Array(BLOCK),
  group: new Int32Array(BLOCK),
  bucket: new Uint8Array(BLOCK),
  dateKind: new Uint8Array(BLOCK),
  date: new Int32Array(2 * BLOCK),
  weight: null,
});

/** Placings of the answers dated by day number: group × span + day − first, −1 until met. */
interface DayPlacings {
  first: number;
  span: number;
  placing: Int32Array;
}

export class Answers {
  /** Each answer's respondent id. */
  private readonly ids: IdLog;
  private readonly blocks: Block[] = [];
  private readonly cells: (string[] | undefined)[] = [];
  private answers = 0;
  /** The groups' values, each distinct list once. */
  private readonly groups: string[][] = [];
  private readonly groupIds = new Map<string, number>();
  private settled = false;

  /** `idUnits`: room for the ids in each of the id log's buckets (IdLog). */
  constructor(idUnits?: number) {
    this.ids = new IdLog(idUnits);
  }

  get size(): number {
    return this.answers;
  }

  /** The units of the id log's fullest bucket: room for the next part's (IdLog). */
  largestIdBucket(): number {
    return this.ids.largestBucket();
  }

  add(id: string, answer: Answer): void {
    const { row, score, weight, date } = answer;
    const group = this.groupOf(answer.dims);
    const bucket = this.ids.add(id);
    const a =
      date === null
        ? this.append(row, score, weight, group, bucket, NO_DATE, 0, 0)
        : date.kind === 'date'
          ? this.append(row, score, weight, group, bucket, DAYS, daysFromCivil(date.date), date.seconds)
          : this.append(row, score, weight, group, bucket, SLASH, (date.first * 100 + date.second) * 10000 + date.year, date.seconds);
    if (answer.cells !== null) this.cells[a] = answer.cells;
  }

  /**
   * An answer counted from bytes (parallel/byte-counter.ts): its id in bytes[idStart … idEnd),
   * printable ASCII (the id's text as they are); its group's number (`groupOf`); its date as a
   * day number and the seconds into it (NaN: none). As `add` of the same answer.
   */
  addRead(bytes: Uint8Array, idStart: number, idEnd: number, row: number, score: number, weight: number, group: number, day: number, seconds: number): void {
    const bucket = this.ids.addAscii(bytes, idStart, idEnd);
    if (Number.isNaN(day)) this.append(row, score, weight, group, bucket, NO_DATE, 0, 0);
    else this.append(row, score, weight, group, bucket, DAYS, day, seconds);
  }

  /** Adds an answer after the others (its id logged); its number. */
  private append(row: number, score: number, weight: number, group: number, bucket: number, dateKind: number, date: number, seconds: number): number {
    const a = this.answers++;
    let block = this.blocks[this.blocks.length - 1];
    if (block === undefined || block.count === block.row.length) this.blocks.push((block = newBlock()));
    const i = block.count++;
    block.row[i] = row;
    block.score[i] = score;
    block.group[i] = group;
    block.bucket[i] = bucket;
    if (weight !== 1 || block.weight !== null) {
      // Made when a weight other than 1 first comes into the block: the answers before weigh 1.
      block.weight ??= new Float64Array(block.row.length).fill(1);
      block.weight[i] = weight;
    }
    block.dateKind[i] = dateKind;
    block.date[2 * i] = date;
    block.date[2 * i + 1] = seconds;
    return a;
  }

  /** Every answer as plain data, in the order added (cells are not handed out: rows to list are gathered on one thread). */
  data(): AnswersData {
    const n = this.answers;
    const row = new Float64Array(n);
    const score = new Uint8Array(n);
    const group = new Int32Array(n);
    const bucket = new Uint8Array(n);
    const dateKind = new Uint8Array(n);
    const date = new Int32Array(2 * n);
    let weight: Float64Array | null = null;
    let from = 0;
    for (const block of this.blocks) {
      const count = block.count;
      row.set(block.row.subarray(0, count), from);
      score.set(block.score.subarray(0, count), from);
      group.set(block.group.subarray(0, count), from);
      bucket.set(block.bucket.subarray(0, count), from);
      dateKind.set(block.dateKind.subarray(0, count), from);
      date.set(block.date.subarray(0, 2 * count), 2 * from);
      if (block.weight !== null) {
        weight ??= new Float64Array(n).fill(1);
        weight.set(block.weight.subarray(0, count), from);
      }
      from += count;
    }
    return { ids: this.ids.data(), row, score, weight, group, groups: this.groups, bucket, dateKind, date };
  }

  /**
   * Adds the answers of the next stretch of the file, whose rows are numbered from 1 after
   * `rowOffset`. Its columns are taken over as a block, not copied: its rows and groups are
   * renumbered in place (the part is spent).
   */
  absorb(part: AnswersData, rowOffset: number): void {
    const groups = part.groups.map((dims) => this.groupOf(dims));
    this.ids.absorb(part.ids, part.row.length);
    const { row, group } = part;
    for (let a = 0; a < row.length; a++) {
      row[a] = (row[a] as number) + rowOffset;
      group[a] = groups[group[a] as number] as number;
    }
    this.blocks.push({ count: row.length, row, score: part.score, group, bucket: part.bucket, dateKind: part.dateKind, date: part.date, weight: part.weight });
    this.answers += row.length;
  }

  /**
   * Decides the latest answer of each respondent among those `place` keeps: the latest by date
   * and time where both have one, else the later row. Tells `settling` of every answer in file
   * order; the respondents who have more than one answer kept. Once only: it spends the columns.
   */
  settle(settling: Settling): number {
    if (this.settled) throw new Error('Answers.settle: already settled');
    this.settled = true;
    // Placings: where a group's answers on a date go, and the date's day, asked once per distinct pair.
    const places: number[] = [];
    const days: number[] = [];
    const memos: Map<number, number>[] = this.groups.map(() => new Map());
    const dayPlacings = this.dayPlacings();
    const placingOf = (group: number, kind: number, packed: number): number => {
      const at = kind === DAYS && dayPlacings !== null ? group * dayPlacings.span + packed - dayPlacings.first : -1;
      let placing = at >= 0 ? (dayPlacings?.placing[at] as number) : memos[group]?.get(packed * 4 + kind);
      if (placing === undefined || placing < 0) {
        const { place, day } = settling.place(this.groups[group] as string[], dateOf(kind, packed, 0));
        placing = places.length;
        places.push(place);
        days.push(day);
        // Unique for every kind and packed value (a day number may be below 0).
        if (at >= 0) (dayPlacings as DayPlacings).placing[at] = placing;
        else memos[group]?.set(packed * 4 + kind, placing);
      }
      return placing;
    };
    const { firsts, ends, answerAt, momentAt } = this.byBucket(placingOf, places, days);
    /**
     * A bucket of the id log at a time, each respondent's latest answer kept: its answers in file
     * order from the log (IdLog.respondents), and those kept among them, in the same order, from
     * `byBucket`. Per respondent of the bucket, the latest so far: its moment, then its number
     * + 1, negated once the respondent has more than one answer kept (0: none yet). A bucket's
     * states stay in the cache; read for all the respondents at once (in file order), each
     * answer's was a miss of the cache (BENCHMARKS.md).
     */
    let latest = new Float64Array(0);
    /** Whether an answer is its respondent's latest: read in file order by the last pass. */
    const isLatest = new Uint8Array(this.answers);
    let repeated = 0;
    for (const { bucket, answers, respondents, count, respondentCount } of this.ids.respondents()) {
      if (latest.length < 2 * respondentCount) latest = new Float64Array(2 * respondentCount);
      else latest.fill(0, 0, 2 * respondentCount);
      let at = firsts[bucket] as number;
      const end = ends[bucket] as number;
      for (let e = 0; e < count && at < end; e++) {
        const a = answers[e] as number;
        // An answer that goes nowhere is not among those kept.
        if (answerAt[at] !== a) continue;
        const moment = momentAt[at++] as number;
        const r = respondents[e] as number;
        const held = latest[2 * r + 1] as number;
        if (held !== 0) {
          if (held > 0) repeated++;
          latest[2 * r + 1] = -Math.abs(held);
          // Later when either has no moment (NaN), or at least as late: a tie goes to the later row.
          if (moment < (latest[2 * r] as number)) continue;
          isLatest[Math.abs(held) - 1] = 0;
        }
        latest[2 * r] = moment;
        latest[2 * r + 1] = held === 0 ? a + 1 : -(a + 1);
        isLatest[a] = 1;
      }
      if (at !== end) throw new Error(`Answers.settle: bucket ${bucket} holds answers its log does not`);
    }
    // Last, in file order: each answer kept, skipped or dropped as a duplicate.
    this.eachAnswer((block, i, a) => {
      const place = places[block.group[i] as number] as number;
      const row = block.row[i] as number;
      if (place < 0) return settling.skip(place, row);
      if (isLatest[a] === 1) settling.keep(place, row, block.score[i] as number, block.weight === null ? 1 : (block.weight[i] as number), this.cells[a] ?? null);
      else settling.duplicate(row);
    });
    return repeated;
  }

  /**
   * Each answer's placing (into the group column), and the answers kept (a placing with a place)
   * put together by the bucket their id is in, in file order within each: each one's number and
   * its moment (the placing's day and the answer's seconds); bucket b's are from `firsts[b]` to
   * `ends[b]`.
   */
  private byBucket(placingOf: (group: number, kind: number, packed: number) => number, places: readonly number[], days: readonly number[]) {
    // Room in each bucket for all of its answers, kept or not (the id log's count of its ids):
    // one pass, with no count of those kept before.
    const firsts = new Int32Array(BUCKETS + 1);
    this.ids.bucketSizes().forEach((size, b) => (firsts[b + 1] = (firsts[b] as number) + size));
    const answerAt = new Int32Array(this.answers);
    const momentAt = new Float64Array(this.answers);
    const ends = firsts.slice(0, BUCKETS);
    this.eachAnswer((block, i, a) => {
      const placing = placingOf(block.group[i] as number, block.dateKind[i] as number, block.date[2 * i] as number);
      block.group[i] = placing;
      if ((places[placing] as number) < 0) return;
      const b = block.bucket[i] as number;
      const at = ends[b] as number;
      ends[b] = at + 1;
      answerAt[at] = a;
      momentAt[at] = (days[placing] as number) * 86400 + (block.date[2 * i + 1] as number);
    });
    return { firsts, ends, answerAt, momentAt };
  }

  /**
   * A table of placings for the answers dated by day number, group by group, when the days span
   * little enough (at most 4M entries in all): read by index for each answer, not by a map's key.
   */
  private dayPlacings(): DayPlacings | null {
    let first = Infinity;
    let last = -Infinity;
    this.eachAnswer((block, i) => {
      if (block.dateKind[i] !== DAYS) return;
      const day = block.date[2 * i] as number;
      if (day < first) first = day;
      if (day > last) last = day;
    });
    if (first > last) return null;
    const span = last - first + 1;
    if (span * Math.max(1, this.groups.length) > 1 << 22) return null;
    return { first, span, placing: new Int32Array(span * Math.max(1, this.groups.length)).fill(-1) };
  }

  private eachAnswer(visit: (block: Block, i: number, a: number) => void): void {
    let from = 0;
    for (const block of this.blocks) {
      for (let i = 0; i < block.count; i++) visit(block, i, from + i);
      from += block.count;
    }
  }

  /** The number of a group of answers, by its values. */
  groupOf(dims: readonly string[]): number {
    // Every answer of a run has as many values (one per --by column): one value is its own key, more are a JSON list.
    const key = dims.length === 0 ? '' : dims.length === 1 ? (dims[0] as string) : JSON.stringify(dims);
    let id = this.groupIds.get(key);
    if (id === undefined) {
      id = this.groups.length;
      this.groups.push([...dims]);
      this.groupIds.set(key, id);
    }
    return id;
  }
}

/** A date as packed in the columns, with `seconds` into its day. */
function dateOf(kind: number, packed: number, seconds: number): DateReading | null {
  if (kind === DAYS) return { kind: 'date', date: civilFromDays(packed), seconds };
  if (kind !== SLASH) return null;
  const [high, low] = [Math.floor(packed / 10000), packed % 10000];
  return { kind: 'slash', first: Math.floor(high / 100), second: high % 100, year: low, seconds };
}
