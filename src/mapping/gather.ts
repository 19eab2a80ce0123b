// What a command gathers from the counted answers beside their count, row by row: the terms of
// each class's comments (`nps comments`), the rows to list in the list's order (`nps list`). A
// PartGatherer hears the answers of one stretch of rows in file order and hands out what it
// gathered as plain data (`take`); a GatherSink adds those up in file order. On the counting
// threads each part of a file has its own PartGatherer (parallel/count-part.ts), on one thread
// the run has one: the same code hears every answer either way, and the sink sees the same
// data in the same order.

import { closeSync, mkdtempSync, openSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { daysFromCivil, type CalendarDate } from '../core/calendar.js';
import { classify, type NpsClass } from '../core/classify.js';
import { CommentTerms, type CommentTermsData } from '../core/comment-terms.js';
import { listRowText, type ListRowForm } from '../core/list-row.js';
import { cellText } from './cell-text.js';
import { resolveDate, type DateReading, type DayOrder } from './date-value.js';
import { dateInRange } from './filters.js';
import type { Handoff } from './row-counter.js';
import { insideQuotes, type RawRecord } from '../sources/csv-scanner.js';
import { csvField, isOwnCsvField } from '../core/csv-text.js';

/** The terms of a comment column's comments, by class, and the answers mentioning each theme (its keywords). */
export interface CommentsGather {
  kind: 'comments';
  column: number;
  themes: string[][];
}

/**
 * The rows of the classes asked for (their columns, then the class), those without a comment
 * left out when `comment` is a column; each kept as the text it is written as (core/list-row.ts).
 */
export interface ListGather {
  kind: 'list';
  columns: number[];
  classes: NpsClass[];
  comment: number | null;
  form: ListRowForm;
  /** The list's header (the columns' names, then the class's), and --raw. */
  header: string[];
  raw: boolean;
  /**
   * Where the counting threads write each part's rows, a file per bucket (a folder of its own
   * per part): they hold a buffer per bucket, not the rows. Null: the rows are handed on as bytes.
   */
  folder: string | null;
}

/**
 * Which counted answers are heard, when dates are read (--since/--until, a period): those whose
 * date resolves (an a/b/yyyy date in `order`, decided before the count) and falls in the range.
 */
export interface DateWindow {
  since: CalendarDate | undefined;
  until: CalendarDate | undefined;
  order: DayOrder | null;
}

/** Plain data: sent to the threads. */
export interface GatherSpec {
  what: CommentsGather | ListGather;
  /** Null when no date is read. */
  window: DateWindow | null;
}

/** What a stretch of rows gave, as plain data (sent back from the threads). */
export type Gathered = { kind: 'comments'; terms: CommentTermsData } | { kind: 'list'; buckets: ListedBucket[] };

export interface ListedBucket {
  rows: number;
  /** The rows' text in UTF-8, one after another (listRowText): as bytes (their own ArrayBuffer, moved between threads, not copied), or the file that holds them. */
  bytes: Uint8Array | null;
  file: string | null;
}

export interface PartGatherer {
  /** Whether an answer of this score is gathered at all (else its cells need not be decoded). */
  wants(score: number): boolean;
  add(score: number, cells: readonly string[]): void;
  /** As `add` of the record's decoded fields (a gatherer decodes only what it needs; the fields it reads are wanted by the scanner). */
  addRecord(score: number, record: RawRecord): void;
  /** It holds enough to be taken now (on one thread, rows to list go on to the sink as they come). */
  readonly full: boolean;
  /** What it gathered since the last take, and a fresh start. */
  take(): Gathered;
}

/** Adds up what the PartGatherers took, stretch by stretch, in file order. */
export interface GatherSink {
  absorb(gathered: Gathered): void;
  /** The spec as the counting threads get it, when it differs (list: a folder for the parts' rows). */
  forThreads?(spec: GatherSpec): GatherSpec;
}

/**
 * Where a listed answer goes, in the order of the list: detractors by score (0 first), then
 * passives (7s and 8s as in the file), then promoters (10s before 9s); each bucket in file order.
 */
const BUCKET_OF_SCORE = [0, 1, 2, 3, 4, 5, 6, 7, 7, 9, 8];
export const LIST_BUCKETS = 10;
const COMMA = Uint8Array.of(0x2c);
/** Rows held by a ListedRows on one thread before they go on to the sink. */
const LIST_FULL_BYTES = 1 << 20;

/** A file's buffer on the threads: rows written out a buffer at a time. */
const FILE_BUFFER = 1 << 16;

/**
 * One bucket's rows as UTF-8. Handed on as bytes: a buffer of their own that doubles as it
 * fills. Into a file (`path`): one buffer, written out each time it fills, so that memory holds
 * no rows; dead buffers of rows moved to the main thread were left for the collector, which let
 * hundreds of MB of them gather (BENCHMARKS.md).
 */
class ByteRun {
  private buffer: Buffer;
  private length = 0;
  private fd: number | null = null;
  rows = 0;

  constructor(private readonly path: string | null) {
    this.buffer = Buffer.allocUnsafeSlow(path === null ? 1 << 12 : FILE_BUFFER);
  }

  /** A row. */
  write(text: string): void {
    this.put(text);
    this.rows++;
  }

  /** Text of the row under way (a row may be written in pieces: `put`, `putBytes`, then `endRow`). */
  put(text: string): void {
    // A UTF-16 unit is at most 3 bytes of UTF-8.
    this.room(text.length * 3);
    this.length += this.buffer.write(text, this.length);
  }

  /** Bytes of the row under way, as they are: one by one (a field is short; a subarray a field cost more than the copy). */
  putBytes(bytes: Uint8Array, start: number, end: number): void {
    this.room(end - start);
    const buffer = this.buffer;
    let at = this.length;
    for (let i = start; i < end; i++) buffer[at++] = bytes[i] as number;
    this.length = at;
  }

  endRow(): void {
    this.rows++;
  }

  /** Room for `most` more bytes: the buffer written out to the file, or grown. */
  private room(most: number): void {
    if (this.length + most <= this.buffer.length) return;
    if (this.path !== null) this.flush();
    if (this.length + most > this.buffer.length) {
      const bigger = Buffer.allocUnsafeSlow(Math.max(this.buffer.length * 2, this.length + most));
      this.buffer.copy(bigger, 0, 0, this.length);
      this.buffer = bigger;
    }
  }

  private flush(): void {
    if (this.length === 0) return;
    this.fd ??= openSync(this.path as string, 'a');
    writeSync(this.fd, this.buffer, 0, this.length);
    this.length = 0;
  }

  take(): ListedBucket {
    const rows = this.rows;
    this.rows = 0;
    if (rows === 0) return { rows, bytes: null, file: null };
    if (this.path !== null) {
      this.flush();
      closeSync(this.fd as number);
      this.fd = null;
      return { rows, bytes: null, file: this.path };
    }
    const bytes = this.buffer.subarray(0, this.length);
    this.buffer = Buffer.allocUnsafeSlow(1 << 12);
    this.length = 0;
    return { rows, bytes, file: null };
  }
}

class ListedRows implements PartGatherer {
  private readonly buckets: ByteRun[];
  private bytes = 0;
  private readonly wanted: ReadonlySet<NpsClass>;
  private readonly text: (row: readonly string[]) => string;
  /** Each class's last field and the line break, in bytes (the CSV form from bytes). */
  private readonly ends: Map<NpsClass, Uint8Array>;

  /** A ListedRows hears one stretch of rows (a part, or a whole file on one thread): its files go in a folder of their own. */
  constructor(private readonly spec: ListGather) {
    this.wanted = new Set(spec.classes);
    this.text = listRowText(spec.form, spec.header, spec.raw);
    this.ends = new Map(spec.classes.map((kind) => [kind, Buffer.from(`${csvField(kind, spec.raw)}\r\n`)]));
    const folder = spec.folder === null ? null : mkdtempSync(join(spec.folder, 'part-'));
    this.buckets = Array.from({ length: LIST_BUCKETS }, (_, b) => new ByteRun(folder === null ? null : join(folder, String(b))));
  }

  wants(score: number): boolean {
    return this.wanted.has(classify(score));
  }

  add(score: number, cells: readonly string[]): void {
    const kind = classify(score);
    if (!this.wanted.has(kind)) return;
    const { columns, comment } = this.spec;
    if (comment !== null && cellText(cells[comment]) === '') return;
    const line = this.text([...columns.map((c) => cells[c] ?? ''), kind]);
    (this.buckets[BUCKET_OF_SCORE[score] as number] as ByteRun).write(line);
    this.bytes += line.length;
  }

  /**
   * A CSV row straight from the record's bytes where a cell is its own CSV field (csvField of
   * its decoded text gives the bytes back: plain ASCII, nothing to quote or guard); any other
   * cell is decoded and written by csvField. Other forms from the decoded fields.
   */
  addRecord(score: number, record: RawRecord): void {
    if (this.spec.form !== 'csv') return this.add(score, record.fields());
    const kind = classify(score);
    if (!this.wanted.has(kind)) return;
    const { columns, comment, raw } = this.spec;
    if (comment !== null && cellText(record.field(comment)) === '') return;
    const run = this.buckets[BUCKET_OF_SCORE[score] as number] as ByteRun;
    const { bytes, starts, ends, kinds, fieldCount } = record;
    for (let i = 0; i < columns.length; i++) {
      if (i > 0) run.putBytes(COMMA, 0, 1);
      const c = columns[i] as number;
      if (c >= fieldCount) continue;
      // A quoted cell's text between its quotes (isOwnCsvField refuses a quote, so no "" there).
      const inside = insideQuotes(kinds[c] as number);
      const start = (starts[c] as number) + inside;
      const end = (ends[c] as number) - inside;
      if (inside >= 0 && isOwnCsvField(bytes, start, end, raw)) {
        run.putBytes(bytes, start, end);
        this.bytes += end - start;
      } else {
        const field = csvField(record.field(c) ?? '', raw);
        run.put(field);
        this.bytes += field.length;
      }
    }
    const end = this.ends.get(kind) as Uint8Array;
    if (columns.length > 0) run.putBytes(COMMA, 0, 1);
    run.putBytes(end, 0, end.length);
    run.endRow();
  }

  get full(): boolean {
    return this.spec.folder === null && this.bytes >= LIST_FULL_BYTES;
  }

  take(): Gathered {
    const buckets = this.buckets.map((run) => run.take());
    this.bytes = 0;
    return { kind: 'list', buckets };
  }
}

class CommentsOf implements PartGatherer {
  private terms: CommentTerms;

  constructor(private readonly spec: CommentsGather) {
    this.terms = new CommentTerms(spec.themes);
  }

  wants(): boolean {
    return true;
  }

  add(score: number, cells: readonly string[]): void {
    this.terms.add(score, cellText(cells[this.spec.column]));
  }

  addRecord(score: number, record: RawRecord): void {
    this.terms.add(score, cellText(record.field(this.spec.column)));
  }

  get full(): boolean {
    return false;
  }

  take(): Gathered {
    const terms = this.terms.data();
    this.terms = new CommentTerms(this.spec.themes);
    return { kind: 'comments', terms };
  }
}

export function partGatherer(what: GatherSpec['what']): PartGatherer {
  return what.kind === 'list' ? new ListedRows(what) : new CommentsOf(what);
}

/** Hands a PartGatherer the counted answers its window lets through. */
export class AnswerTap {
  private readonly since: number;
  private readonly until: number;

  constructor(
    private readonly window: DateWindow | null,
    private readonly gatherer: PartGatherer,
  ) {
    this.since = window?.since === undefined ? -Infinity : daysFromCivil(window.since);
    this.until = window?.until === undefined ? Infinity : daysFromCivil(window.until);
  }

  /** A RowCounter's handoff: hears the answer and lets it be tallied as usual. */
  readonly handoff = (answer: Handoff): boolean => {
    if (inWindow(this.window, answer.date)) this.gatherer.add(answer.score, answer.row.cells);
    return false;
  };

  /** An answer tallied from its bytes: `day`, the day number of its ISO date when a date is read. */
  heard(score: number, day: number, record: RawRecord): void {
    if (this.gatherer.wants(score) && (this.window === null || (day >= this.since && day <= this.until))) this.gatherer.addRecord(score, record);
  }
}

/** Whether an answer dated so is heard: always without a window; else its date resolves and falls in the range. */
export function inWindow(window: DateWindow | null, reading: DateReading | null): boolean {
  if (window === null) return true;
  const date = reading === null ? null : resolveDate(reading, window.order);
  return date !== null && dateInRange(date, window.since, window.until);
}
