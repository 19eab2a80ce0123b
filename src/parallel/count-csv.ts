// Counting a large CSV file on two threads: the data is split in two at a line break; the
// second part assumes the break ends a record, and the first part's count says whether it
// did (a break inside a quoted field is data). When it did not, the rest is counted again
// from where the first part really ended. The parts' counts merge into the whole's.

// fs.promises is loaded on first use, not with this module (start-up of small runs).
import { promises as fs } from 'node:fs';
import type { Worker } from 'node:worker_threads';
import { NpsError } from '../errors.js';
import { NotUtf8 } from '../sources/decode.js';
import { RowCounter, type CounterSpec } from '../row-counter.js';
import { countPart, type PartResult, type PartTask } from './count-part.js';

/** The offset just past the first line break at or after `from`; null when there is none. */
async function nextLineStart(path: string, from: number): Promise<number | null> {
  const handle = await fs.open(path, 'r');
  try {
    const buffer = Buffer.alloc(1 << 16);
    for (let position = from; ; position += buffer.length) {
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, position);
      if (bytesRead === 0) return null;
      const at = buffer.subarray(0, bytesRead).indexOf(0x0a);
      if (at >= 0) return position + at + 1;
    }
  } finally {
    await handle.close();
  }
}

/**
 * A counting thread, waiting for its part. Its young generation is kept small: counting from
 * bytes makes little garbage, and memory stays flat.
 */
async function startWorker(): Promise<Worker> {
  // Loaded here, not at start-up: small files never start a thread, and the module takes ~4 ms.
  const { Worker } = await import('node:worker_threads');
  return new Worker(new URL('./count-worker.cjs', import.meta.url), { resourceLimits: { maxYoungGenerationSizeMb: 8 } });
}

/**
 * Two counting threads started ahead, while the main thread still reads the head of the file
 * and chooses its columns: a thread takes ~45 ms to start. Each is handed out once; `release`
 * ends those never used (the file was not counted in parts after all).
 */
export class CountingThreads {
  private readonly waiting: Promise<Worker>[] = [startWorker(), startWorker()];

  take(): Promise<Worker> | undefined {
    return this.waiting.shift();
  }

  release(): void {
    for (const worker of this.waiting.splice(0)) void worker.then((w) => w.terminate());
  }
}

/** Counts a part in a thread (a waiting one when given); `stop` ends it early (when the other part has failed). */
async function inWorker(task: PartTask, onProgress: (rows: number, bytes: number) => void, stop: AbortSignal, waiting?: Promise<Worker>): Promise<PartResult> {
  const worker = await (waiting ?? startWorker());
  return new Promise((resolve, reject) => {
    worker.postMessage(task);
    stop.addEventListener('abort', () => void worker.terminate(), { once: true });
    worker.on('message', (message: { type: string; rows?: number; bytes?: number; result?: PartResult; message?: string; hint?: string; kind?: 'usage' | 'input'; notUtf8?: boolean }) => {
      if (message.type === 'progress') onProgress(message.rows ?? 0, message.bytes ?? 0);
      else if (message.type === 'done' && message.result) resolve(message.result);
      else if (message.type === 'error' && message.notUtf8) reject(new NotUtf8());
      else if (message.type === 'error') {
        reject(new NpsError(message.kind ?? 'input', message.message ?? 'a worker failed', message.hint === undefined ? {} : { hint: message.hint }));
      }
    });
    worker.on('error', reject);
    worker.on('exit', (code) => {
      if (code !== 0) reject(new Error(`a counting worker stopped with code ${code}`));
    });
  });
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
}

export async function countInParallel(input: ParallelInput, spec: CounterSpec, threads: CountingThreads | undefined, onProgress: (rows: number, bytes: number) => void): Promise<RowCounter> {
  const base: Omit<PartTask, 'start' | 'stop'> = { path: input.path, delimiter: input.delimiter, newline: input.newline, encoding: input.encoding, wanted: input.wanted, spec, checkUtf8: input.checkUtf8 };
  const middle = await nextLineStart(input.path, input.dataStart + Math.floor((input.size - input.dataStart) / 2));
  const counter = new RowCounter(spec);
  const progress = [0, 0];
  const rowsDone = [0, 0];
  const report = (part: number) => (rows: number, bytes: number): void => {
    rowsDone[part] = rows;
    progress[part] = bytes;
    onProgress((rowsDone[0] ?? 0) + (rowsDone[1] ?? 0), input.dataStart + (progress[0] ?? 0) + (progress[1] ?? 0));
  };
  if (middle === null || middle >= input.size) {
    const whole = await countPart({ ...base, start: input.dataStart, stop: Infinity }, report(0));
    counter.absorb(whole.snapshot, input.rowsBefore);
    return counter;
  }
  // When one part fails (a bad byte: NotUtf8), the other is not left counting.
  const failed = new AbortController();
  const [first, second] = await Promise.all([
    inWorker({ ...base, start: input.dataStart, stop: middle }, report(0), failed.signal, threads?.take()),
    inWorker({ ...base, start: middle, stop: Infinity }, report(1), failed.signal, threads?.take()),
  ]).catch((error: unknown) => {
    failed.abort();
    throw error;
  });
  counter.absorb(first.snapshot, input.rowsBefore);
  if (first.end <= middle) {
    // The split was a record boundary (only empty lines, if anything, lie between).
    counter.absorb(second.snapshot, input.rowsBefore + first.records);
  } else {
    // The line break was inside a quoted field: count the rest again from where the first part ended.
    const rest = await countPart({ ...base, start: first.end, stop: Infinity }, report(1));
    counter.absorb(rest.snapshot, input.rowsBefore + first.records);
  }
  return counter;
}
