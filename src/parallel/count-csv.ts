// Counting a large CSV file on two threads. The data is cut into parts at line breaks (~16 MiB
// each, so that a thread that runs faster takes more of them); each part assumes its break ends
// a record, and the part before it says whether it did (a break inside a quoted field is data):
// when it did not, the part is counted again from where the one before really ended. The parts'
// counts merge into the whole's in file order, so skipped rows keep their numbers.

// fs.promises is loaded on first use, not with this module (start-up of small runs).
import { promises as fs } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { RowCounter, type CounterSpec } from '../mapping/row-counter.js';
import { ThreadTallies, counted, type PartCount } from './byte-counter.js';
import { failureReason, PartCounter, PartFailed, type PartResult, type PartTask } from './count-part.js';
import { giveBack, handOut, startWorker, workerError, type CountingThreads, type WorkerMessage } from './threads.js';
import { CsvScanner, utf8Field } from '../sources/csv-scanner.js';
import type { FileProfile } from '../mapping/file-profile.js';
import type { GatherSink, GatherSpec } from '../mapping/gather.js';

/**
 * Where the parts start: `from`, then the line start after each of `parts - 1` even cuts of
 * the rest (fewer when lines are long), all before `size`.
 */
export async function partStarts(path: string, from: number, size: number, parts: number): Promise<number[]> {
  const handle = await fs.open(path, 'r');
  /** The offset just past the first line break at or after `at`; null when there is none. */
  const nextLineStart = async (at: number): Promise<number | null> => {
    const buffer = Buffer.alloc(1 << 12);
    for (let position = at; ; position += buffer.length) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) return null;
      const found = buffer.subarray(0, bytesRead).indexOf(0x0a);
      if (found >= 0) return position + found + 1;
    }
  };
  try {
    // All cuts looked at together (a few reads of 4 KiB each); long lines can make neighbours meet.
    const cuts = Array.from({ length: parts - 1 }, (_, i) => from + Math.floor(((size - from) * (i + 1)) / parts));
    const found = await Promise.all(cuts.map(nextLineStart));
    const starts = [from];
    for (const start of found) {
      if (start === null || start >= size) break;
      if (start > (starts.at(-1) as number)) starts.push(start);
    }
    return starts;
  } finally {
    await handle.close();
  }
}


export interface ParallelInput {
  path: string;
  size: number;
  /** Where the data rows start (after the header rows), and the row number before the first of them. */
  dataStart: number;
  rowsBefore: number;
  delimiter: number;
  newline: number;
  encoding: string;
  wanted: boolean[] | null;
  checkUtf8: boolean;
  /** About how large a part is (bytes; default 16 MiB); tests make it small. */
  partBytes?: number | undefined;
}

const PART_BYTES = 16 << 20;

/** A part that starts at a record boundary and could not be counted: the file's error. */
export class FailedPart extends Error {
  constructor(
    readonly part: Part,
    readonly recordsBefore: number,
  ) {
    super('a part could not be counted');
  }
}

/** A part to count: the index of its place in the file, and its range. */
export interface Part {
  index: number;
  start: number;
  stop: number;
}

/**
 * The parts' counts, merged in file order as they come in from the threads (in any order). A
 * part is merged once the parts before it are and its start proves a record boundary: where the
 * record merged last ended, or before (blank lines between). When the record before runs past
 * its start (a line break in a quoted field), the part must be counted again from there.
 */
export class PartMerger {
  /** One counter per spec (metric), and per thread one ThreadTallies per spec. */
  private readonly counters: RowCounter[];
  private readonly tallies: ThreadTallies[][];
  private readonly done: ({ part: Part; result: PartResult; thread: number } | undefined)[] = [];
  private next = 0;
  private rows: number;
  /** Where the record merged last ended: a true record boundary (at first, where the data starts). */
  private boundary: number;

  constructor(
    specs: readonly CounterSpec[],
    threads: number,
    private readonly parts: number,
    dataStart: number,
    rowsBefore: number,
    /** Where the parts' profiles are added up, in file order (inspect). */
    private readonly profile?: FileProfile,
    /** Where what the parts gathered is added up, in file order (list, comments). */
    private readonly gather?: GatherSink,
    /** Told of each part's count once it is added up, or left out: nothing here reads it again (threads.ts, giveBack). */
    private readonly spent?: (thread: number, result: PartResult) => void,
  ) {
    this.counters = specs.map((spec) => new RowCounter(spec));
    this.tallies = Array.from({ length: threads }, () => specs.map((spec) => ThreadTallies.of(spec)));
    this.boundary = dataStart;
    this.rows = rowsBefore;
  }

  /**
   * A thread's count of a part, in the order that thread counted its parts. Returns the part to
   * count again (first, before any other), if one turned out to start inside a record. Throws
   * FailedPart when a part that did start at a record boundary could not be counted.
   */
  add(part: Part, result: PartResult, thread: number): Part | null {
    const tallies = this.tallies[thread] as ThreadTallies[];
    // Learnt whether or not the part is merged: the thread's later parts number groups after these.
    result.counts.forEach((count, i) => tallies[i]?.learn(count));
    this.done[part.index] = { part, result, thread };
    for (let entry = this.done[this.next]; entry !== undefined; entry = this.done[this.next]) {
      if (this.boundary >= entry.part.stop) {
        // The record before runs past this whole part: no record starts in it.
        this.spent?.(entry.thread, entry.result);
      } else if (this.boundary > entry.part.start) {
        this.done[this.next] = undefined;
        this.spent?.(entry.thread, entry.result);
        return { index: entry.part.index, start: this.boundary, stop: entry.part.stop };
      } else {
        if (entry.result.failed) throw new FailedPart(entry.part, this.rows);
        const rows = this.rows;
        (this.tallies[entry.thread] as ThreadTallies[]).forEach((tallies, i) => tallies.absorb(this.counters[i] as RowCounter, entry.result.counts[i] as PartCount, rows));
        if (this.profile !== undefined && entry.result.profile !== undefined) this.profile.absorb(entry.result.profile, rows);
        if (this.gather !== undefined && entry.result.gathered !== undefined) this.gather.absorb(entry.result.gathered);
        this.spent?.(entry.thread, entry.result);
        this.done[this.next] = undefined;
        this.rows += entry.result.records;
        if (entry.result.records > 0) this.boundary = entry.result.end;
      }
      this.next++;
    }
    return null;
  }

  get finished(): boolean {
    return this.next === this.parts;
  }

  /** The whole count, once finished: one counter per spec. */
  result(): RowCounter[] {
    ThreadTallies.finishEach(this.tallies, this.counters);
    return this.counters;
  }
}

/**
 * Why a part that starts at a record boundary could not be counted, as counting the file on one
 * thread says it: the part is counted again here with its rows and lines numbered as in the
 * file (the lines before it found by scanning up to it: a quoted field may hold line breaks).
 */
async function failureOf(base: Omit<PartTask, 'start' | 'stop'>, failed: FailedPart, newline: number): Promise<unknown> {
  const { part, recordsBefore } = failed;
  const line = await lineAt(base.path, part.start, base.delimiter, newline);
  return failureReason({ ...base, start: part.start, stop: part.stop, recordsBefore, line });
}

/** The line a scan of the file reaches at `offset` (a record boundary). */
async function lineAt(path: string, offset: number, delimiter: number, newline: number): Promise<number> {
  const scanner = new CsvScanner(delimiter, utf8Field, { newline });
  scanner.wanted = [];
  const handle = await fs.open(path, 'r');
  try {
    for (let position = 0; position < offset; ) {
      // A buffer per read: the scanner keeps a view of the record left unfinished.
      const buffer = Buffer.allocUnsafe(Math.min(1 << 20, offset - position));
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) break;
      scanner.pushRaw(buffer.subarray(0, bytesRead), () => undefined);
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return scanner.line;
}

/**
 * Counts the file's data for each spec (metric) in one read of it: one RowCounter per spec.
 * `profile`: every record profiled too, on the threads, added up into it in file order (inspect).
 * `gather`: the first spec's counted answers gathered too, per part, into its sink in file order.
 */
export async function countInParallel(
  input: ParallelInput,
  specs: CounterSpec[],
  threads: CountingThreads | undefined,
  onProgress: (rows: number, bytes: number) => void,
  profile?: FileProfile,
  gather?: { spec: GatherSpec; sink: GatherSink },
): Promise<RowCounter[]> {
  const base: Omit<PartTask, 'start' | 'stop'> = {
    path: input.path,
    delimiter: input.delimiter,
    newline: input.newline,
    encoding: input.encoding,
    wanted: input.wanted,
    specs,
    checkUtf8: input.checkUtf8,
    ...(profile === undefined ? {} : { profile: profile.spec }),
    ...(gather === undefined ? {} : { gather: gather.spec }),
  };
  const partCount = Math.min(64, Math.max(2, Math.round((input.size - input.dataStart) / (input.partBytes ?? PART_BYTES))));
  const starts = await partStarts(input.path, input.dataStart, input.size, partCount);
  if (starts.length === 1) {
    // One line, or one part: no threads. Rows and lines numbered as in the file.
    const task = { ...base, start: input.dataStart, stop: Infinity, recordsBefore: input.rowsBefore, line: await lineAt(input.path, input.dataStart, input.delimiter, input.newline) };
    try {
      const whole = await new PartCounter(specs).count(task, (rows, bytes) => onProgress(rows, input.dataStart + bytes));
      // Its rows are numbered as in the file already.
      if (profile !== undefined && whole.profile !== undefined) profile.absorb(whole.profile, 0);
      if (gather !== undefined && whole.gathered !== undefined) gather.sink.absorb(whole.gathered);
      return whole.counts.map((count, i) => counted(specs[i] as CounterSpec, count));
    } catch (error) {
      throw error instanceof PartFailed ? error.reason : error;
    }
  }
  const parts: Part[] = starts.map((start, index) => ({ index, start, stop: starts[index + 1] ?? Infinity }));
  const workers = await Promise.all([threads?.take() ?? startWorker(), threads?.take() ?? startWorker()]);
  try {
    const merged = await new Promise<PartMerger>((resolve, reject) => {
      const merger = new PartMerger(specs, workers.length, parts.length, input.dataStart, input.rowsBefore, profile, gather?.sink, (thread, result) => giveBack(workers[thread] as Worker, result));
      const progress = workers.map(() => ({ rows: 0, bytes: 0 }));
      const queue = [...parts];
      /**
       * Each thread's parts, in the order given: the one under way and the next, already sent,
       * so that a thread never waits for this one to answer (on two cores busy with the threads,
       * that wait was a cost per part).
       */
      const given: Part[][] = workers.map(() => []);
      /** A part that starts at a record boundary failed: the run ends with its error. */
      let failing = false;
      // With a profile, each part is told the columns capped so far: it hands back none of their values.
      const spec = (): Pick<PartTask, 'profile'> => (profile === undefined ? {} : { profile: { ...profile.spec, settled: profile.columns.map((column) => column.capped) } });
      const dispatch = (): void => handOut(workers, given, queue, (worker, part) => worker.postMessage({ ...base, ...spec(), start: part.start, stop: part.stop } satisfies PartTask));
      workers.forEach((worker, thread) => {
        worker.on('message', (message: WorkerMessage) => {
          if (failing) return;
          if (message.type === 'progress') {
            progress[thread] = { rows: message.rows, bytes: message.bytes };
            const bytes = progress.reduce((sum, p) => sum + p.bytes, 0);
            onProgress(progress.reduce((sum, p) => sum + p.rows, 0), Math.min(input.size, input.dataStart + bytes));
          } else if (message.type === 'done') {
            const part = (given[thread] as Part[]).shift() as Part;
            let again: Part | null;
            try {
              again = merger.add(part, message.result, thread);
            } catch (error) {
              if (!(error instanceof FailedPart)) {
                reject(error);
                return;
              }
              // The threads are done with: what is left is finding the file's error here.
              failing = true;
              for (const other of workers) void other.terminate();
              void failureOf(base, error, input.newline).then(reject);
              return;
            }
            if (again !== null) queue.unshift(again);
            if (merger.finished) resolve(merger);
            else dispatch();
          } else reject(workerError(message));
        });
        worker.on('error', reject);
        worker.on('exit', (code) => {
          if (code !== 0 && !failing) reject(new Error(`a counting worker stopped with code ${code}`));
        });
      });
      dispatch();
    });
    // The threads ended before the groups are made from their counts: their memory is let go
    // first (BENCHMARKS.md, issue 17, twenty-third session).
    await Promise.all(workers.map((worker) => worker.terminate()));
    return merged.result();
  } finally {
    // Done, or one part failed (a bad byte: NotUtf8): no thread is left counting.
    for (const worker of workers) void worker.terminate();
  }
}
