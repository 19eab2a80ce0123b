// The main thread's side of the counting threads (count-worker.ts): starting them, handing
// them parts, and reading what they send back. Used by count-csv.ts (a file in parts) and
// count-stream.ts (bytes read once, in parts).

import type { Worker } from 'node:worker_threads';
import { NpsError } from '../core/errors.js';
import { builtFile } from '../sources/built-file.js';
import { arrived, type CrossingError } from '../sources/thread-error.js';
import type { PartResult, PartTask } from './count-part.js';

/**
 * A counting thread, waiting for its parts. Its young generation is kept small: counting from
 * bytes makes little garbage, and memory stays flat (a larger one grew the heap from the second
 * part on, for no gain in speed; BENCHMARKS.md).
 */
export async function startWorker(): Promise<Worker> {
  // Loaded here, not at start-up: small files never start a thread, and the module is not free to load.
  const { Worker } = await import('node:worker_threads');
  return new Worker(builtFile('count-worker.cjs'), { resourceLimits: { maxYoungGenerationSizeMb: 2 } });
}

/**
 * Two counting threads started ahead, while the main thread still reads the head of the file
 * and chooses its columns: a thread is slow to start (BENCHMARKS.md). Each is handed out once; `release`
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

/** What a thread sends: progress, a part's count (with its bytes, when it was given them), or an error. */
export type WorkerMessage =
  | { type: 'progress'; rows: number; bytes: number }
  | { type: 'done'; result: PartResult; data?: Uint8Array }
  | { type: 'error'; error: CrossingError };

/** What the main thread sends a thread: a part to count, or buffers of its parts' counts to use again. */
export type ToWorker = PartTask | { spare: ArrayBuffer[] };

/**
 * A part's counts added up: the buffers its places and counts came in go back to the thread that
 * made them, for its next parts (spare-buffers.ts). The part's arrays here are empty from now on.
 */
export function giveBack(worker: Worker, result: PartResult): void {
  const spare = spentBuffers(result);
  if (spare.length > 0) worker.postMessage({ spare } satisfies ToWorker, spare);
}

/** The buffers of a part's places and counts (none empty, none twice). */
export function spentBuffers(result: PartResult): ArrayBuffer[] {
  return result.counts.flatMap((count) => [count.places.buffer, count.counts.buffer]).filter((buffer) => buffer.byteLength > 0);
}

/** The error a thread reported, as the main thread would have thrown it. */
export function workerError(message: Extract<WorkerMessage, { type: 'error' }>): Error {
  // An error of no class said here stopped the count of a part: the input's, as counting it here would say.
  return arrived(message.error, (text) => new NpsError('input', text));
}

/** Parts a thread is given at once: the one it counts, and the next. */
const AHEAD = 2;

/**
 * Hands parts from `queue` to the threads, so that each holds AHEAD (the one under way and the
 * next, already sent): a thread never waits for the main one to answer (on two cores busy with
 * the threads, that wait was a cost per part). `given[t]`: thread t's parts, in the order sent;
 * a thread not started yet (undefined) is skipped.
 */
export function handOut<P>(workers: readonly (Worker | undefined)[], given: P[][], queue: P[], post: (worker: Worker, part: P) => void): void {
  for (let round = 0; round < AHEAD; round++) {
    for (const [thread, worker] of workers.entries()) {
      const mine = given[thread] as P[];
      if (worker === undefined || mine.length > round || queue.length === 0) continue;
      const part = queue.shift() as P;
      mine.push(part);
      post(worker, part);
    }
  }
}
