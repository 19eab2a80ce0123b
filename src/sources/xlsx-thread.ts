// A large sheet read on a thread of its own (xlsx-worker.ts): the thread inflates the sheet's
// XML and finds its rows and cells (sheetCells), while the main thread makes the cells' text
// (SheetTexts) and counts the rows found before: the same code as for a sheet read on the main
// thread (sheetRows), split in two. The batches cross as typed arrays, moved, not copied.
//
// The thread reads what the main thread would have read, batch for batch. Until the command says
// which columns it reads (SourceTable.project), the thread reads a batch only once the one before
// is taken, with the columns as they stand then; from then on it reads up to AHEAD batches ahead.

import type { Worker } from 'node:worker_threads';
import { builtFile } from './built-file.js';
import { arrived, type CrossingError } from './thread-error.js';
import type { RawRow } from './types.js';
import { hasText, SheetTexts, type CellBatch, type SheetHooks, type SheetRead } from './xlsx-sheet.js';
import type { ZipEntry } from './xlsx-zip.js';

/** Batches the thread reads ahead of the one taken, once the columns are known (memory: about this many). */
export const AHEAD = 4;

/**
 * What the thread reads: the sheet's entry in the zip at `path`, and the columns as they stand.
 * Its `read` comes without the shared strings: the thread makes no text, and only needs to know
 * which of them hold any (`textful`, 1 a string), to tell a row without text (CellBatch.kept).
 */
export interface SheetTask {
  type: 'start';
  path: string;
  entry: ZipEntry;
  read: SheetRead;
  textful: Uint8Array;
  wanted: boolean[] | null;
  projected: boolean;
}

/**
 * The shared strings as the thread reads them: each as "x" where it holds text, else as "".
 * Whether a row holds text is all the thread asks of them, and the answer is the same.
 */
export function stringsForThread(textful: Uint8Array): string[] {
  return Array.from(textful, (holds) => (holds === 1 ? 'x' : ''));
}

/** From the thread: a batch (with the compressed bytes read for it), the sheet read to its end, the note on misnumbered rows, or an error. */
export type FromSheetThread =
  | { type: 'cells'; batch: CellBatch; compressed: number }
  | { type: 'finished'; compressed: number }
  | { type: 'end'; misnumbered: string[] }
  | { type: 'error'; error: CrossingError };

/** To the thread: the next batch is asked for, with the columns as they stand; or a batch was taken. */
export type ToSheetThread = SheetTask | { type: 'next'; wanted: boolean[] | null; projected: boolean } | { type: 'taken' };

/**
 * The rows sheetRows would give for the sheet `task` names, its cells found on a thread.
 * `projected` says whether the command has said which columns it reads (hooks.wanted: which);
 * `notes` is told what the user should know; `onRaw` hears the compressed bytes read, for progress.
 */
export async function* threadedRows(
  task: Omit<SheetTask, 'type' | 'textful' | 'wanted' | 'projected'>,
  hooks: SheetHooks,
  projected: () => boolean,
  notes: (found: string[]) => void,
  onRaw?: (bytes: number) => void,
): AsyncGenerator<RawRow[]> {
  const { Worker } = await import('node:worker_threads');
  const worker: Worker = new Worker(builtFile('xlsx-worker.cjs'));
  // The thread keeps the process alive only while its rows are waited for: a reading left
  // unfinished (a sheet looked at and not chosen) never holds the process open at its end.
  worker.unref();
  const inbox: FromSheetThread[] = [];
  let failure: Error | null = null;
  let wake: (() => void) | null = null;
  worker.on('message', (message: FromSheetThread) => {
    inbox.push(message);
    wake?.();
  });
  worker.on('error', (error) => {
    failure ??= error;
    wake?.();
  });
  worker.on('exit', (code) => {
    failure ??= new Error(`the thread reading the sheet stopped (exit code ${code})`);
    wake?.();
  });
  /** The thread's next message; its failure once every message it sent is read. */
  const next = async (): Promise<FromSheetThread> => {
    for (;;) {
      const message = inbox.shift();
      if (message !== undefined) return message;
      if (failure !== null) throw failure;
      worker.ref();
      await new Promise<void>((resolve) => (wake = resolve));
      worker.unref();
      wake = null;
    }
  };
  const texts = new SheetTexts(task.read);
  let free = projected();
  // Not a copy of the shared strings (hundreds of MB in some workbooks): a byte each.
  const textful = Uint8Array.from(task.read.strings, (text) => (hasText(text) ? 1 : 0));
  const start: SheetTask = { type: 'start', ...task, read: { ...task.read, strings: [] }, textful, wanted: hooks.wanted(), projected: free };
  worker.postMessage(start satisfies ToSheetThread, [textful.buffer]);
  try {
    for (;;) {
      const message = await next();
      switch (message.type) {
        case 'cells': {
          onRaw?.(message.compressed);
          // The last batch may hold only rows without text (for their notes): nothing to hand on.
          const rows = texts.rows(message.batch);
          if (rows.length > 0) yield rows;
          if (free) worker.postMessage({ type: 'taken' } satisfies ToSheetThread);
          else {
            free = projected();
            worker.postMessage({ type: 'next', wanted: hooks.wanted(), projected: free } satisfies ToSheetThread);
          }
          break;
        }
        case 'finished':
          onRaw?.(message.compressed);
          hooks.finished();
          break;
        case 'end':
          notes(texts.notes(message.misnumbered));
          return;
        case 'error':
          // Any other error is the reading's own (a file that cannot be read), as on one thread.
          throw arrived(message.error, (text, code) => Object.assign(new Error(text), code === undefined ? {} : { code }));
      }
    }
  } finally {
    // Ended before the reading goes on: the thread is gone once the rows are (also when stopped early).
    worker.removeAllListeners();
    // An error it still sends is of no use now, and must not go unheard (an 'error' without a listener throws).
    worker.on('error', () => undefined);
    await worker.terminate();
  }
}
