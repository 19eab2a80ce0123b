// Counting CSV that can be read only once (standard input, a pipe, gzip) on two threads. The
// main thread cuts the bytes into parts just after a line break as they arrive and hands each
// part's bytes to a thread, which counts it from its bytes assuming it starts a record. The
// parts merge in order. A part tells the bytes of the record its end leaves unfinished (a line
// break inside a quoted field, or the cut fell there): the next part's count is then dropped
// and the part counted again from that record's start, the unfinished bytes joined in front.
// So every record is counted once, from a proven record boundary, as in count-csv.ts.

import type { Worker } from 'node:worker_threads';
import { RowCounter, type CounterSpec } from '../mapping/row-counter.js';
import type { ByteSink } from '../sources/types.js';
import { ThreadTallies, type PartCount } from './byte-counter.js';
import { failureReason, PartCounter, PartFailed, type PartResult, type PartTask } from './count-part.js';
import { giveBack, handOut, startWorker, workerError, type WorkerMessage } from './threads.js';

/** Bytes of a part (a thread holds two: the one it counts, and the next). */
const PART_BYTES = 2 << 20;
/** Parts cut and not yet merged, at most: the reading waits beyond (memory: about this many parts). */
const UNMERGED = 6;
/**
 * Bytes that wait this long for a part's worth to gather are cut into a part as they are:
 * rows that trickle in (a pipe from a live export, a FIFO held open) are counted, shown in the
 * progress line, and stop the run at a bad one, without waiting for megabytes more.
 */
const GATHER_MS = 50;

interface Part {
  index: number;
  /** The offset of its first byte in the bytes handed on, and the bytes. */
  start: number;
  data: Buffer;
  final: boolean;
  /** The line it starts on, when known (a part counted again from a record it knows the start of). */
  line?: number;
}

/** Part buffers kept for use again, at most. */
const POOL = 8;

export class StreamParts implements ByteSink {
  private readonly partBytes: number;
  private at: { records: number; line: number; newline: number; delimiter: number; encoding: string; cut: number } = { records: 0, line: 1, newline: 0, delimiter: 0x2c, encoding: 'utf-8', cut: 0x0a };
  private buffered: Buffer[] = [];
  private bufferedBytes = 0;
  /** Just past the last line break in the buffered bytes (0: none), found as each chunk comes: a long line is not searched again at every chunk. */
  private lastBreak = 0;
  /** The offset of the first buffered byte. */
  private offset = 0;
  private readonly parts = new Map<number, Part>();
  private nextIndex = 0;
  private workers: Worker[] | null = null;
  /** Per thread, the parts sent to it in order (the one under way first), and the parts waiting for a thread. */
  private given: Part[][] = [];
  private readonly queue: Part[] = [];
  private readonly results = new Map<number, { result: PartResult; thread: number; part: Part }>();
  private readonly tallies: ThreadTallies[][];
  private readonly counters: RowCounter[];
  /** Merging: the next part, the records before it, and the record its start may be inside of. */
  private next = 0;
  private rows = 0;
  private line = 1;
  private unfinished: { start: number; bytes: Buffer; line: number } | null = null;
  private finalIndex = -1;
  private failure: unknown = null;
  /** A part failed: nothing more is merged while its error is found. */
  private halted = false;
  private done: (() => void) | null = null;
  private room: (() => void) | null = null;
  private gathering: NodeJS.Timeout | null = null;
  /**
   * Part buffers that are free again. A part's bytes go to its thread and come back with its
   * count (moved, not copied): the same few buffers serve every part, where new ones each time
   * left hundreds of MB for the collector to find (BENCHMARKS.md).
   */
  private readonly pool: ArrayBuffer[] = [];
  /** Rejects with the error that ends the count (a part's, a thread's), however the reading stands. */
  readonly failing: Promise<never>;
  private rejectFailing: (error: unknown) => void = () => undefined;

  constructor(
    private readonly specs: CounterSpec[],
    private readonly file: string,
    private readonly wanted: boolean[] | null,
    partBytes: number | undefined,
    private readonly onProgress: (rows: number) => void,
  ) {
    this.partBytes = partBytes ?? PART_BYTES;
    this.tallies = [0, 1].map(() => specs.map((spec) => ThreadTallies.of(spec)));
    this.counters = specs.map((spec) => new RowCounter(spec));
    this.failing = new Promise<never>((_, reject) => (this.rejectFailing = reject));
    // Heard by whoever races the reading against it; never an unhandled rejection.
    this.failing.catch(() => undefined);
  }

  start(at: { records: number; line: number; newline: number; delimiter: number; encoding: string }): void {
    // Parts are cut after the record delimiter's last byte (a CR for CR-only files).
    this.at = { ...at, cut: at.newline === 3 ? 0x0d : 0x0a };
    this.rows = at.records;
    this.line = at.line;
  }

  async push(bytes: Buffer): Promise<void> {
    this.throwIfFailed();
    const found = bytes.lastIndexOf(this.at.cut);
    if (found >= 0) this.lastBreak = this.bufferedBytes + found + 1;
    this.buffered.push(bytes);
    this.bufferedBytes += bytes.length;
    if (this.bufferedBytes < this.partBytes) {
      this.gatheringSince();
      return;
    }
    this.cutAtLastLine();
    while (this.nextIndex - this.next >= UNMERGED && this.failure === null) await new Promise<void>((resolve) => (this.room = resolve));
    this.throwIfFailed();
  }

  /** The bytes gathered, up to their last line break, as a part (none without a line break: more bytes first). */
  private cutAtLastLine(): void {
    this.stopGathering();
    const cut = this.lastBreak;
    if (cut <= 0) return;
    // What is left after the last line break holds none.
    this.lastBreak = 0;
    this.cutPart(this.takeBuffered(cut), false);
  }

  /**
   * The first `size` bytes gathered, in a buffer of their own (a part's buffer moves to its
   * thread; Buffer.concat may share Node's pool); the rest stays gathered.
   */
  private takeBuffered(size: number): Buffer {
    const data = this.take(size);
    const rest = Buffer.allocUnsafe(this.bufferedBytes - size);
    let at = 0;
    for (const chunk of this.buffered) {
      if (at < size) chunk.copy(data, at, 0, Math.min(chunk.length, size - at));
      if (at + chunk.length > size) chunk.copy(rest, Math.max(0, at - size), Math.max(0, size - at));
      at += chunk.length;
    }
    this.buffered = rest.length > 0 ? [rest] : [];
    this.bufferedBytes = rest.length;
    return data;
  }

  private stopGathering(): void {
    if (this.gathering !== null) clearTimeout(this.gathering);
    this.gathering = null;
  }

  /** A buffer of `size` bytes, one from the pool when one is large enough. */
  private take(size: number): Buffer {
    const index = this.pool.findIndex((buffer) => buffer.byteLength >= size);
    const buffer = index >= 0 ? (this.pool.splice(index, 1)[0] as ArrayBuffer) : new ArrayBuffer(Math.max(size, this.partBytes + (1 << 16)));
    return Buffer.from(buffer, 0, size);
  }

  /** A part's buffer, free again. */
  private give(data: Buffer): void {
    if (this.pool.length < POOL && data.byteOffset === 0 && data.buffer.byteLength >= this.partBytes) this.pool.push(data.buffer as ArrayBuffer);
  }

  /** Bytes short of a part wait GATHER_MS for more, then go as they are. */
  private gatheringSince(): void {
    if (this.gathering !== null || this.bufferedBytes === 0) return;
    this.gathering = setTimeout(() => {
      this.gathering = null;
      if (this.failure === null && this.finalIndex < 0) this.cutAtLastLine();
    }, GATHER_MS);
    // A timer never keeps the process alive.
    this.gathering.unref();
  }

  async end(): Promise<void> {
    this.throwIfFailed();
    this.stopGathering();
    const rest = this.takeBuffered(this.bufferedBytes);
    this.finalIndex = this.nextIndex;
    if (this.workers === null) {
      // Less than a part in all: counted here, no thread started.
      const part: Part = { index: this.nextIndex++, start: this.offset, data: rest, final: true };
      const result = await this.countHere(part);
      result.counts.forEach((count, i) => (this.tallies[0]?.[i] as ThreadTallies).learn(count));
      this.merge({ result, thread: 0, part });
      return;
    }
    const finished = new Promise<void>((resolve) => (this.done = resolve));
    this.cutPart(rest, true);
    this.settle();
    await Promise.race([finished, this.failing]);
  }

  /**
   * The count of every byte handed on, one counter per spec, once `end` is done. The threads are
   * ended first: their memory is let go before the groups are made (BENCHMARKS.md, issue 17,
   * twenty-third session).
   */
  async result(): Promise<RowCounter[]> {
    await this.stop();
    ThreadTallies.finishEach(this.tallies, this.counters);
    return this.counters;
  }

  /** Ends the threads (also when the run fails). */
  async stop(): Promise<void> {
    const workers = this.workers ?? [];
    this.workers = [];
    await Promise.all(workers.map((worker) => worker.terminate()));
  }

  private throwIfFailed(): void {
    if (this.failure !== null) throw this.failure;
  }

  private fail(error: unknown): void {
    if (this.failure !== null) return;
    this.failure = error;
    this.stopGathering();
    this.room?.();
    this.rejectFailing(error);
    void this.stop();
  }

  private cutPart(data: Buffer, final: boolean): void {
    const part: Part = { index: this.nextIndex++, start: this.offset, data, final };
    this.offset += data.length;
    this.parts.set(part.index, part);
    this.send(part);
  }

  private send(part: Part, first = false): void {
    if (this.workers === null) this.startWorkers();
    if (first) this.queue.unshift(part);
    else this.queue.push(part);
    this.dispatch();
  }

  private startWorkers(): void {
    const workers: Worker[] = [];
    this.workers = workers;
    this.given = [[], []];
    for (let thread = 0; thread < 2; thread++) {
      void startWorker().then((worker) => {
        if (this.failure !== null || this.workers !== workers) {
          void worker.terminate();
          return;
        }
        workers[thread] = worker;
        worker.on('message', (message: WorkerMessage) => this.heard(thread, message));
        worker.on('error', (error) => this.fail(error));
        this.dispatch();
      }, (error: unknown) => this.fail(error));
    }
  }

  private dispatch(): void {
    // The bytes move to the thread, and come back with the count.
    handOut(this.workers ?? [], this.given, this.queue, (worker, part) => worker.postMessage(this.task(part), [part.data.buffer as ArrayBuffer]));
  }

  private task(part: Part): PartTask {
    const { delimiter, encoding, newline } = this.at;
    return { path: this.file, start: part.start, stop: Infinity, delimiter, newline, encoding, wanted: this.wanted, specs: this.specs, checkUtf8: false, data: part.data, final: part.final };
  }

  private heard(thread: number, message: WorkerMessage): void {
    if (this.failure !== null || message.type === 'progress') return;
    if (message.type === 'error') {
      this.fail(workerError(message));
      return;
    }
    const part = (this.given[thread] as Part[]).shift() as Part;
    const result = message.result;
    if (message.data !== undefined) part.data = Buffer.from(message.data.buffer, message.data.byteOffset, message.data.byteLength);
    // Learnt whether or not the part is merged: the thread's later parts number groups after these.
    result.counts.forEach((count, i) => (this.tallies[thread]?.[i] as ThreadTallies).learn(count as PartCount));
    this.results.set(part.index, { result, thread, part });
    this.settle();
    this.dispatch();
  }

  /** Merges the parts that can be, in order. */
  private settle(): void {
    try {
      for (let entry = this.results.get(this.next); entry !== undefined && this.failure === null && !this.halted; entry = this.results.get(this.next)) {
        this.results.delete(this.next);
        const unfinished = this.unfinished;
        if (unfinished !== null && entry.part.line === undefined) {
          // Counted from a start inside a record: again, from where that record starts.
          const data = this.take(unfinished.bytes.length + entry.part.data.length);
          unfinished.bytes.copy(data, 0);
          entry.part.data.copy(data, unfinished.bytes.length);
          this.give(entry.part.data);
          this.spent(entry);
          const again: Part = { index: entry.part.index, start: unfinished.start, data, final: entry.part.final, line: unfinished.line };
          this.parts.set(again.index, again);
          this.send(again, true);
          return;
        }
        if (entry.result.failed) {
          // Counted from a proven record boundary and could not be: the input's error, with the
          // row and line a count on one thread names (the part counted again here, so numbered).
          this.halted = true;
          void this.failureOf(entry.part).then(
            (error) => this.fail(error),
            (error: unknown) => this.fail(error),
          );
          return;
        }
        this.merge(entry);
      }
    } catch (error) {
      this.fail(error);
    }
  }

  private merge({ result, thread, part }: { result: PartResult; thread: number; part: Part }): void {
    (this.tallies[thread] as ThreadTallies[]).forEach((tallies, i) => tallies.absorb(this.counters[i] as RowCounter, result.counts[i] as PartCount, this.rows));
    this.spent({ result, thread });
    this.rows += result.records;
    const tail = result.tail;
    // The next part starts on the line where this one's unfinished record does (or the line after its end).
    const lineOffset = (part.line ?? this.line) - 1;
    this.unfinished = tail !== undefined && tail.bytes > 0 ? { start: part.start + part.data.length - tail.bytes, bytes: Buffer.from(part.data.subarray(part.data.length - tail.bytes)), line: lineOffset + tail.line } : null;
    this.line = tail === undefined ? this.line : lineOffset + tail.line;
    this.parts.delete(part.index);
    this.give(part.data);
    this.next++;
    this.onProgress(this.rows);
    this.room?.();
    this.room = null;
    if (part.final) this.done?.();
  }

  /** A part's count added up or left out: counted on a thread (not here, countHere), its buffers go back to it. */
  private spent({ result, thread }: { result: PartResult; thread: number }): void {
    const worker = this.workers?.[thread];
    if (worker !== undefined) giveBack(worker, result);
  }

  private async countHere(part: Part): Promise<PartResult> {
    try {
      return await new PartCounter(this.specs).count(this.task(part));
    } catch (error) {
      throw error instanceof PartFailed ? await this.failureOf(part) : error;
    }
  }

  private failureOf(part: Part): Promise<unknown> {
    return failureReason({ ...this.task(part), recordsBefore: this.rows, line: part.line ?? this.line });
  }
}
