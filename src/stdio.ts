// stdout and stderr for src/main.ts: where they go, and how to write there.

import { fstatSync, writeSync } from 'node:fs';

export interface Channel {
  isTTY: boolean;
  /** The terminal's width, when a terminal. */
  columns: number | undefined;
  /** Writes all of text (throws what writing throws, EPIPE included). */
  write(text: string | Uint8Array): void;
  /**
   * Resolves once what was written has left this process's buffers: at once for a pipe or a
   * file (written with write(2)); for a stream (a terminal, a socket), once it has drained, so
   * that an answer written piece by piece is not queued whole in memory.
   */
  drained(): Promise<void>;
}

/**
 * fd 1 or 2, with `stream` its Node stream (process.stdout or process.stderr), touched only when
 * needed. A pipe or a file is written with write(2) at once: that is what the stream does for
 * them too (pipes and files are synchronous on Linux), but setting the stream up loads net and
 * Node's streams, a share of a small run's start-up (BENCHMARKS.md). A terminal, a socket or a device gets the
 * stream, which knows the terminal's width.
 *
 * A pipe may be non-blocking: Node makes it so when a worker thread starts (its output is piped
 * to this process's), and 2>&1 shares it between stdout and stderr. A full pipe then answers
 * EAGAIN, or takes part of a write: the rest is written after a pause of 1 ms, as often as it
 * takes, so that what is written keeps its order across stdout and stderr (handing the rest to
 * Node's stream would let later stderr lines pass earlier stdout).
 */
export function channel(fd: number, stream: () => NodeJS.WritableStream & { isTTY?: boolean; columns?: number }, write = writeSync, pause = sleepOneMs): Channel {
  if (!isPipeOrFile(fd)) {
    const isTTY = Boolean(stream().isTTY);
    return {
      isTTY,
      columns: isTTY ? stream().columns : undefined,
      write: (text) => void stream().write(text),
      drained: () => {
        const writable = stream() as NodeJS.WritableStream & { writableNeedDrain?: boolean };
        return writable.writableNeedDrain ? new Promise((resolve) => writable.once('drain', () => resolve())) : Promise.resolve();
      },
    };
  }
  return {
    isTTY: false,
    columns: undefined,
    drained: () => Promise.resolve(),
    write(text) {
      const bytes = typeof text === 'string' ? Buffer.from(text) : text;
      for (let done = 0; done < bytes.length; ) {
        try {
          done += write(fd, bytes, done);
        } catch (error) {
          if ((error as NodeJS.ErrnoException | null)?.code !== 'EAGAIN') throw error;
          pause();
        }
      }
    },
  };
}

function isPipeOrFile(fd: number): boolean {
  try {
    const stat = fstatSync(fd);
    return stat.isFIFO() || stat.isFile();
  } catch {
    return false; // closed: Node's stream deals with it
  }
}

/** Waits 1 ms, holding the thread (the run is writing its output; nothing else is waiting). */
function sleepOneMs(): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 1);
}
