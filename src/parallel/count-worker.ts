// A worker thread that counts parts of a CSV file, one per message, and posts each part's count
// back. It may be started ahead of its first part (threads are slow to start). Its parts are
// counted with one PartCounter: the memos and the numbering of groups carry over (byte-counter.ts).

import { parentPort } from 'node:worker_threads';
import { crossing } from '../sources/thread-error.js';
import { PartCounter, PartFailed, type PartResult, type PartTask } from './count-part.js';
import { SpareBuffers } from './spare-buffers.js';
import type { ToWorker, WorkerMessage } from './threads.js';

let counter: PartCounter | undefined;
/** The buffers of parts' counts the main thread is done with, for the next parts' (spare-buffers.ts). */
const spare = new SpareBuffers();
/** Rows and bytes of the parts done, for progress. */
let rowsDone = 0;
let bytesDone = 0;

/** Parts come ahead of time (count-csv.ts): each is counted once the one before is done. */
let queue: Promise<void> = Promise.resolve();

parentPort?.on('message', (message: ToWorker) => {
  if ('spare' in message) spare.give(message.spare);
  else queue = queue.then(() => countPart(message));
});

/**
 * The counts' arrays of a part and the rows it gathered to list, moved to the main thread
 * rather than copied (weight sums are copied), and the part's bytes when it was given them:
 * they go back to be used again.
 */
function buffersOf(result: PartResult, task: PartTask): ArrayBuffer[] {
  const data = task.data === undefined ? [] : [task.data.buffer as ArrayBuffer];
  const gathered = result.gathered?.kind === 'list' ? result.gathered.buckets.flatMap((bucket) => (bucket.bytes === null ? [] : [bucket.bytes.buffer as ArrayBuffer])) : [];
  // --dedupe's answers: their columns and id buckets, each made for the hand-over (Answers.data).
  const answers = result.counts.flatMap(({ snapshot: { answers } }) => {
    if (answers === undefined) return [];
    const columns = [answers.row, answers.score, answers.group, answers.bucket, answers.dateKind, answers.date, ...(answers.weight === null ? [] : [answers.weight])];
    return [...columns, ...answers.ids.buckets].map((array) => array.buffer as ArrayBuffer);
  });
  return [...result.counts.flatMap((count) => [count.places.buffer, count.counts.buffer, count.newGroups.buffer, ...(count.weighted === null ? [] : [count.weighted.weights, count.weighted.squares].flatMap((sums) => [sums.high.buffer, sums.low.buffer]))]), ...data, ...gathered, ...answers];
}

function countPart(task: PartTask): Promise<void> {
  counter ??= new PartCounter(task.specs, undefined, spare);
  let last = 0;
  let bytesNow = 0;
  return counter
    .count(task, (rows, bytes) => {
      bytesNow = bytes;
      const now = Date.now();
      if (now - last > 200) {
        last = now;
        parentPort?.postMessage({ type: 'progress', rows: rowsDone + rows, bytes: bytesDone + bytes });
      }
    })
    .then(
      (result) => {
        rowsDone += result.records;
        bytesDone += bytesNow;
        parentPort?.postMessage({ type: 'done', result, data: task.data }, buffersOf(result, task));
      },
      (error: unknown) => {
        if (error instanceof PartFailed) {
          // Said only if the part proves to start at a record boundary (count-csv.ts).
          const result: PartResult = { counts: error.counts, records: 0, end: task.start, failed: true };
          parentPort?.postMessage({ type: 'done', result, data: task.data }, buffersOf(result, task));
          return;
        }
        parentPort?.postMessage({ type: 'error', error: crossing(error) } satisfies WorkerMessage);
      },
    );
}
