// The thread that reads a large sheet (xlsx-thread.ts): it inflates the sheet's XML from the
// file, finds its rows and cells with sheetCells, and posts them in batches.

import { parentPort, type MessagePort } from 'node:worker_threads';
import { batchBuffers, sheetCells, type SheetHooks } from './xlsx-sheet.js';
import { crossing } from './thread-error.js';
import { AHEAD, stringsForThread, type FromSheetThread, type SheetTask, type ToSheetThread } from './xlsx-thread.js';
import { entryBytes, fileZip } from './xlsx-zip.js';

let wanted: boolean[] | null = null;
/** Whether the command has said which columns it reads: then batches are read ahead. */
let free = false;
/** Batches posted and not yet taken. */
let untaken = 0;
let resume: (() => void) | null = null;

parentPort?.on('message', (message: ToSheetThread) => {
  if (message.type === 'start') {
    wanted = message.wanted;
    free = message.projected;
    void read(parentPort as MessagePort, message);
    return;
  }
  if (message.type === 'next') {
    wanted = message.wanted;
    free = message.projected;
  }
  untaken--;
  resume?.();
});

async function read(port: MessagePort, task: SheetTask): Promise<void> {
  const post = (message: FromSheetThread, transfer: ArrayBuffer[] = []): void => port.postMessage(message, transfer);
  let compressed = 0;
  const taken = (): number => {
    const bytes = compressed;
    compressed = 0;
    return bytes;
  };
  const hooks: SheetHooks = {
    wanted: () => wanted,
    finished: () => post({ type: 'finished', compressed: taken() }),
  };
  // The file's identity is checked on the main thread, as for a sheet read there.
  const zip = fileZip(task.path, () => undefined);
  try {
    const pieces = entryBytes(zip, task.entry, (bytes) => (compressed += bytes));
    const read = { ...task.read, strings: stringsForThread(task.textful) };
    for await (const batch of sheetCells(pieces, read, hooks, (misnumbered) => post({ type: 'end', misnumbered }))) {
      post({ type: 'cells', batch, compressed: taken() }, batchBuffers(batch));
      untaken++;
      // Until the columns are known, the next batch waits to be asked for (with the columns then).
      while (free ? untaken >= AHEAD : untaken > 0) await new Promise<void>((resolve) => (resume = resolve));
      resume = null;
    }
  } catch (error) {
    post({ type: 'error', error: crossing(error) });
  }
}
