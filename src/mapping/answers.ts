// --dedupe's answers, held until every row is read (the latest answer of each respondent is
// decided then, once the day order of a/b/yyyy dates is known): in blocks of typed columns,
// 26 bytes an answer (34 with weights) and a map entry per respondent, instead of objects of
// ~300 bytes (BENCHMARKS.md). They are handed back one respondent at a time, in the order respondents
// first answered, each respondent's answers in file order: what a map of lists gave. On the
// counting threads each part holds its own, handed out as plain data (`data`) and added to the
// whole's in file order (`absorb`): the same answers, respondents and order as one reading.

import type { DateReading } from './date-value.js';
import { IdTable } from './id-table.js';

/** The answers of a stretch of rows as plain data, in file order (rows numbered in the stretch): typed columns, moved between threads. */
export interface AnswersData {
  /** The respondents, in the order they first answered; each answer's respondent. */
  ids: string[];
  owner: Int32Array;
  row: Float64Array;
  score: Uint8Array;
  weight: Float64Array | null;
  /** Each answer's group, a place in `groups`. */
  group: Int32Array;
  groups: string[][];
  dateKind: Uint8Array;
  date: Int32Array;
}

/** One answer of a respondent, as the count handed it over. */
export interface Candidate {
  row: number;
  score: number;
  weight: number;
  dims: string[];
  date: DateReading | null;
  /** Kept only when a collector needs the row. */
  cells: string[] | null;
}

const NO_DATE = 0;
const DATE = 1;
const SLASH = 2;

/** Answers are kept in blocks of this many: memory grows by a block, with no copy and no slack of a doubling. */
const BLOCK_BITS = 16;
const BLOCK = 1 << BLOCK_BITS;

/** One block of answers, a column per field. */
interface Block {
  /** The respondent's next answer (-1: none). */
  next: Int32Array;
  row: Float64Array;
  score: Uint8Array;
  /** The group's number (its values are kept once). */
  group: Int32Array;
  dateKind: Uint8Array;
  /** A date as year·10⁴ + month·100 + day, a/b/yyyy as (a·100 + b)·10⁴ + year; then the seconds into the day. */
  date: Int32Array;
  /** Null while every weight is 1. */
  weight: Float64Array | null;
}

const newBlock = (): Block => ({
  next: new Int32Array(BLOCK),
  row: new Float64Array(BLOCK),
  score: new Uint8Array(BLOCK),
  group: new Int32Array(BLOCK),
  dateKind: new Uint8Array(BLOCK),
  date: new Int32Array(2 * BLOCK),
  weight: null,
});

export class Answers {
  /** Respondents numbered in the order they first answered, with their first and last answers. */
  private readonly respondents = new IdTable();
  /** When only logged: every answer its own respondent, its id kept as given. */
  private readonly logged: string[] = [];
  private head = new Int32Array(1024);
  private tail = new Int32Array(1024);
  private readonly blocks: Block[] = [];
  private readonly cells: (string[] | undefined)[] = [];
  private answers = 0;
  /** The groups' values, each distinct list once. */
  private readonly groups: string[][] = [];
  private readonly groupIds = new Map<string, number>();

  /**
   * `logOnly`: a part's answers on a counting thread, each its own respondent, no id looked up:
   * the respondents are found once, when the parts are added up (absorb). Looking them up in each
   * part as well cost as much again (BENCHMARKS.md).
   */
  constructor(private readonly logOnly = false) {}

  get size(): number {
    return this.answers;
  }

  private get respondentCount(): number {
    return this.logOnly ? this.logged.length : this.respondents.size;
  }

  add(id: string, candidate: Candidate): void {
    const date = candidate.date;
    const [kind, packed, seconds] =
      date === null
        ? [NO_DATE, 0, 0]
        : date.kind === 'date'
          ? [DATE, date.date.year * 10000 + date.date.month * 100 + date.date.day, date.seconds]
          : [SLASH, (date.first * 100 + date.second) * 10000 + date.year, date.seconds];
    const a = this.append(this.respondentOf(id), candidate.row, candidate.score, candidate.weight, this.groupOf(candidate.dims), kind, packed, seconds);
    if (candidate.cells !== null) this.cells[a] = candidate.cells;
  }

  /** The respondent numbered for `id`: a new one after the others when it has not answered before. */
  private respondentOf(id: string): number {
    const known = this.respondentCount;
    let r: number;
    if (this.logOnly) {
      r = known;
      this.logged.push(id);
    } else r = this.respondents.numberOf(id);
    if (r === known) {
      if (r === this.head.length) {
        this.head = grown(this.head);
        this.tail = grown(this.tail);
      }
      this.head[r] = -1;
    }
    return r;
  }

  /** Adds an answer at the end of respondent `r`'s; its number. */
  private append(r: number, row: number, score: number, weight: number, group: number, dateKind: number, date: number, seconds: number): number {
    const a = this.answers++;
    if (a >>> BLOCK_BITS === this.blocks.length) this.blocks.push(newBlock());
    const last = this.head[r] === -1 ? -1 : (this.tail[r] as number);
    if (last === -1) this.head[r] = a;
    else (this.blocks[last >>> BLOCK_BITS] as Block).next[last & (BLOCK - 1)] = a;
    this.tail[r] = a;
    const block = this.blocks[a >>> BLOCK_BITS] as Block;
    const i = a & (BLOCK - 1);
    block.next[i] = -1;
    block.row[i] = row;
    block.score[i] = score;
    block.group[i] = group;
    if (weight !== 1 || block.weight !== null) {
      // Made when a weight other than 1 first comes into the block: the answers before weigh 1.
      block.weight ??= new Float64Array(BLOCK).fill(1);
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
    const owner = new Int32Array(n);
    for (let r = 0; r < this.respondentCount; r++) {
      for (let a = this.head[r] as number; a >= 0; a = (this.blocks[a >>> BLOCK_BITS] as Block).next[a & (BLOCK - 1)] as number) owner[a] = r;
    }
    const row = new Float64Array(n);
    const score = new Uint8Array(n);
    const group = new Int32Array(n);
    const dateKind = new Uint8Array(n);
    const date = new Int32Array(2 * n);
    let weight: Float64Array | null = null;
    this.blocks.forEach((block, b) => {
      const from = b << BLOCK_BITS;
      const count = Math.min(BLOCK, n - from);
      row.set(block.row.subarray(0, count), from);
      score.set(block.score.subarray(0, count), from);
      group.set(block.group.subarray(0, count), from);
      dateKind.set(block.dateKind.subarray(0, count), from);
      date.set(block.date.subarray(0, 2 * count), 2 * from);
      if (block.weight !== null) {
        weight ??= new Float64Array(n).fill(1);
        weight.set(block.weight.subarray(0, count), from);
      }
    });
    return { ids: this.logOnly ? this.logged : Array.from({ length: this.respondents.size }, (_, r) => this.respondents.id(r)), owner, row, score, weight, group, groups: this.groups, dateKind, date };
  }

  /** Adds the answers of the next stretch of the file, whose rows are numbered from 1 after `rowOffset`. */
  absorb(part: AnswersData, rowOffset: number): void {
    // A part's respondents are put in the whole's order as they first answer: the order one reading of the file gives.
    const respondent = new Int32Array(part.ids.length).fill(-1);
    const groups = part.groups.map((dims) => this.groupOf(dims));
    for (let a = 0; a < part.owner.length; a++) {
      const own = part.owner[a] as number;
      let r = respondent[own] as number;
      if (r < 0) r = respondent[own] = this.respondentOf(part.ids[own] as string);
      this.append(r, (part.row[a] as number) + rowOffset, part.score[a] as number, part.weight === null ? 1 : (part.weight[a] as number), groups[part.group[a] as number] as number, part.dateKind[a] as number, part.date[2 * a] as number, part.date[2 * a + 1] as number);
    }
  }

  /** Each respondent's answers, respondent by respondent (in the order they first answered), each in file order. */
  *byRespondent(): Generator<Candidate[]> {
    for (let r = 0; r < this.respondentCount; r++) {
      const list: Candidate[] = [];
      for (let a = this.head[r] as number; a >= 0; a = (this.blocks[a >>> BLOCK_BITS] as Block).next[a & (BLOCK - 1)] as number) list.push(this.candidate(a));
      yield list;
    }
  }

  private candidate(a: number): Candidate {
    const block = this.blocks[a >>> BLOCK_BITS] as Block;
    const i = a & (BLOCK - 1);
    const packed = block.date[2 * i] as number;
    const seconds = block.date[2 * i + 1] as number;
    const kind = block.dateKind[i];
    const [high, low] = [Math.floor(packed / 10000), packed % 10000];
    const date: DateReading | null =
      kind === DATE
        ? { kind: 'date', date: { year: high, month: Math.floor(low / 100), day: low % 100 }, seconds }
        : kind === SLASH
          ? { kind: 'slash', first: Math.floor(high / 100), second: high % 100, year: low, seconds }
          : null;
    return {
      row: block.row[i] as number,
      score: block.score[i] as number,
      weight: block.weight === null ? 1 : (block.weight[i] as number),
      dims: [...(this.groups[block.group[i] as number] as string[])],
      date,
      cells: this.cells[a] ?? null,
    };
  }

  private groupOf(dims: readonly string[]): number {
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

function grown(old: Int32Array): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(old.length * 2);
  bigger.set(old);
  return bigger;
}
