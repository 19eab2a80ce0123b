// A worker thread that counts one part of a CSV file and posts the result back. It may be
// started ahead of its part (threads take ~45 ms to start): the part comes as its first message.

import { parentPort } from 'node:worker_threads';
import { NpsError } from '../errors.js';
import { NotUtf8 } from '../sources/decode.js';
import { countPart, type PartTask } from './count-part.js';

parentPort?.once('message', (task: PartTask) => {
  let last = 0;
  countPart(task, (rows, bytes) => {
    const now = Date.now();
    if (now - last > 200) {
      last = now;
      parentPort?.postMessage({ type: 'progress', rows, bytes });
    }
  }).then(
    (result) => parentPort?.postMessage({ type: 'done', result }),
    (error: unknown) =>
      parentPort?.postMessage({
        type: 'error',
        message: error instanceof Error ? error.message : String(error),
        hint: error instanceof NpsError ? error.hint : undefined,
        kind: error instanceof NpsError ? error.kind : undefined,
        notUtf8: error instanceof NotUtf8,
      }),
  );
});
