// -o/--output FILE: the result written to a file whole or not at all. It goes to a temporary
// file beside the target and is renamed over it at the end, so a run that fails, is stopped or
// cannot write leaves the old file (or none) in place, never half a result.

import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { NpsError } from '../core/errors.js';

/** Writes `text`, then each piece of `body`, to `file` (relative to `cwd`), whole or not at all. */
export async function writeOutput(file: string, text: string, cwd: string, body?: AsyncIterable<string | Uint8Array>): Promise<void> {
  const target = resolve(cwd, file);
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const handle = await fs.open(temporary, 'wx');
    // One write in flight while the next piece is made: the write runs off this thread, which
    // would otherwise wait for each of thousands of pieces in turn (BENCHMARKS.md). Pieces are
    // written in order, since a piece's write starts only once the one before has ended.
    const write = (piece: string | Uint8Array): Promise<void> => {
      const written = handle.writeFile(piece);
      // Its failure is met at the next await of it, not reported as unhandled while the next piece is made.
      written.catch(() => undefined);
      return written;
    };
    let writing = write(text);
    try {
      if (body) {
        for await (const piece of body) {
          await writing;
          writing = write(piece);
        }
      }
      await writing;
    } finally {
      // The answer failed while a piece was being written: that write ends before the file is closed.
      await writing.catch(() => undefined);
      await handle.close();
    }
    await fs.rename(temporary, target);
  } catch (error) {
    await fs.rm(temporary, { force: true }).catch(() => undefined);
    // The answer itself failed while it was written (not the file): that error, as it is.
    if (error instanceof NpsError) throw error;
    const reason = error instanceof Error && 'code' in error ? describe(String(error.code), error.message) : String(error);
    throw new NpsError('output', `cannot write ${file}: ${reason}`, { hint: 'Choose a file in a folder you can write to, with room on its disk, or leave out -o to write to standard output.' });
  }
}

function describe(code: string, message: string): string {
  const known: Record<string, string> = {
    ENOENT: 'its folder does not exist',
    EACCES: 'permission denied',
    EPERM: 'permission denied',
    EISDIR: 'it is a folder',
    ENOSPC: 'no space left on device',
    EFBIG: 'the file is too large',
    EROFS: 'the file system is read-only',
  };
  return known[code] ?? message;
}
