// --dedupe's answers, held until every row is read (the latest answer of each respondent is
// decided then, once the day order of a/b/yyyy dates is known): in blocks of typed columns,
// 26 bytes an answer (34 with weights) and a map entry per respondent, instead of objects of
// ~300 bytes (BENCHMARKS.md). They are handed back one respondent at a time, in the order respondents
// first answered, each respondent's answers in file order: what a map of lists gave.

import type { DateReading } from '../mapping/date-value.js';

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
  private readonly respondents = new Map<string, number>();
  private head = new Int32Array(1024);
  private tail = new Int32Array(1024);
  private readonly blocks: Block[] = [];
  private readonly cells: (string[] | undefined)[] = [];
  private answers = 0;
  /** The groups' values, each distinct list once. */
  private readonly groups: string[][] = [];
  private readonly groupIds = new Map<string, number>();

  get size(): number {
    return this.answers;
  }

  add(id: string, candidate: Candidate): void {
    const a = this.answers++;
    if (a >>> BLOCK_BITS === this.blocks.length) this.blocks.push(newBlock());
    let r = this.respondents.get(id);
    if (r === undefined) {
      r = this.respondents.size;
      this.respondents.set(id, r);
      if (r === this.head.length) {
        this.head = grown(this.head);
        this.tail = grown(this.tail);
      }
      this.head[r] = a;
    } else {
      const last = this.tail[r] as number;
      (this.blocks[last >>> BLOCK_BITS] as Block).next[last & (BLOCK - 1)] = a;
    }
    this.tail[r] = a;
    const block = this.blocks[a >>> BLOCK_BITS] as Block;
    const i = a & (BLOCK - 1);
    block.next[i] = -1;
    block.row[i] = candidate.row;
    block.score[i] = candidate.score;
    block.group[i] = this.groupOf(candidate.dims);
    if (candidate.weight !== 1 || block.weight !== null) {
      // Made when a weight other than 1 first comes into the block: the answers before weigh 1.
      block.weight ??= new Float64Array(BLOCK).fill(1);
      block.weight[i] = candidate.weight;
    }
    const date = candidate.date;
    if (date === null) block.dateKind[i] = NO_DATE;
    else if (date.kind === 'date') {
      block.dateKind[i] = DATE;
      block.date[2 * i] = date.date.year * 10000 + date.date.month * 100 + date.date.day;
      block.date[2 * i + 1] = date.seconds;
    } else {
      block.dateKind[i] = SLASH;
      block.date[2 * i] = (date.first * 100 + date.second) * 10000 + date.year;
      block.date[2 * i + 1] = date.seconds;
    }
    if (candidate.cells !== null) this.cells[a] = candidate.cells;
  }

  /** Each respondent's answers, respondent by respondent (in the order they first answered), each in file order. */
  *byRespondent(): Generator<Candidate[]> {
    for (let r = 0; r < this.respondents.size; r++) {
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
