// Opens a file or standard input ("-") as bytes: a head to sniff, then the rest as a stream.

// Synchronous stat: one call, and node:fs/promises stays unloaded for a small file (start-up, BENCHMARKS.md).
import { closeSync, createReadStream, fstatSync, openSync, readFileSync, statSync, type Stats } from 'node:fs';
import type { Readable } from 'node:stream';
import { NpsError, inputError } from '../core/errors.js';

export interface ByteInput {
  /** The name used in messages: the path, or "stdin". */
  name: string;
  /** The path of a regular file, which may be read again and at any offset; null for standard input, pipes and gzip. */
  path: string | null;
  /** The first HEAD_BYTES bytes (all of them when the input is smaller). */
  head: Buffer;
  /** The bytes after the head. */
  rest: AsyncIterable<Buffer>;
  /** True when the head holds the whole input. */
  complete: boolean;
  /** The file's size in bytes (null for standard input), and how many bytes have been read so far. */
  size: number | null;
  progress: { bytesRead: number };
  /** The whole input again from its start, as bytes (decompressed when it was): a file can be; stdin and pipes cannot (null). */
  reread: (() => AsyncIterable<Buffer>) | null;
  /**
   * Throws when the file is no longer what it was when opened (size, modification time or
   * inode): called once the last byte is read, so a count of a file being written, truncated or
   * replaced (which matches neither version) is never given. A no-op for pipes and stdin.
   */
  unchanged: () => void;
}

const noCheck = (): void => undefined;

/** The check of a regular file against its stat when opened (see ByteInput.unchanged); `name` is what messages call it. */
function unchangedSince(path: string, name: string, opened: Stats): () => void {
  return () => {
    let now: Stats;
    try {
      now = statSync(path);
    } catch {
      throw changedError(name, 'it is gone');
    }
    if (now.size !== opened.size) throw changedError(name, `its size went from ${opened.size.toLocaleString('en-US')} to ${now.size.toLocaleString('en-US')} bytes`);
    if (now.ino !== opened.ino) throw changedError(name, 'another file took its place');
    if (now.mtimeMs !== opened.mtimeMs) throw changedError(name, 'it was written to');
  };
}

const changedError = (path: string, what: string): NpsError =>
  inputError(`${path}: the file changed while it was read (${what}); the count would match neither version`, {
    hint: 'Run again once whatever writes it is done (or copy it first and read the copy).',
  });

export const HEAD_BYTES = 64 * 1024;

function describeOpenError(path: string, error: unknown): Error {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return inputError(`${path}: no such file`, { hint: 'Check the path; use - to read standard input.' });
  if (code === 'EISDIR') return inputError(`${path}: is a directory, not a survey export`, { hint: 'Pass a CSV or XLSX file inside it.' });
  if (code === 'EACCES' || code === 'EPERM') return inputError(`${path}: permission denied`, { hint: 'Check the file permissions.' });
  return inputError(`${path}: cannot be read (${code ?? String(error)})`, { cause: error });
}

/** The rest of an input that was read whole. */
async function* nothing(): AsyncIterable<Buffer> {}

/**
 * Whether the path read can be read only once, from start to end: a pipe (a FIFO, a shell's
 * process substitution `<(…)`) rather than a regular file. Such an input is streamed as
 * standard input is: never read twice, never read whole to learn its size. (`-` streamed has no
 * path at all: pipeline/io.ts, readPath.)
 */
export function readOnce(path: string): boolean {
  try {
    const info = statSync(path);
    return !info.isFile() && !info.isDirectory();
  } catch {
    return false; // opening it will say what is wrong
  }
}

/**
 * Standard input, what `-` reads: its stream, and a path that reads the same bytes from their
 * start where there is one (`regularFileOf(0)`: `nps score - < export.csv`). With a path, `-` is
 * read as that file is (its size known, read again, threads reading parts at their offsets) and
 * named "stdin"; without, it is streamed, read once. Each is asked for only when `-` is read.
 */
export interface StandardInput {
  stream(): Readable;
  file(): string | null;
}

/**
 * A path that reads what the descriptor `fd` reads, from its start, when it is a regular file not
 * yet read from (a shell's `< export.csv`): Linux's /proc/self/fd/N, which any thread of this
 * process may open and read at any offset. Null for a pipe or a terminal, for a file read from
 * already (what it gives starts where the descriptor is), for one that cannot be opened again
 * (a file only the shell could open), and where there is no /proc: then the descriptor is streamed.
 */
export function regularFileOf(fd: number): string | null {
  try {
    if (!fstatSync(fd).isFile()) return null;
    if (/^pos:\s*(\d+)$/m.exec(readFileSync(`/proc/self/fdinfo/${fd}`, 'latin1'))?.[1] !== '0') return null;
    const path = `/proc/self/fd/${fd}`;
    closeSync(openSync(path, 'r'));
    return path;
  } catch {
    return null;
  }
}

/** `stdin` is asked for only when the path is `-`: setting standard input up costs a few milliseconds. */
export async function openInput(path: string, stdin: StandardInput): Promise<ByteInput> {
  let stream: Readable;
  let fileSize: number | null = null;
  let regular = false;
  let unchanged = noCheck;
  const name = path === '-' ? 'stdin' : path;
  // What is read: the path, standard input's own path when it is a file, or (null) standard input's stream.
  const file = path === '-' ? stdin.file() : path;
  if (file === null) {
    stream = stdin.stream();
  } else {
    try {
      const info = statSync(file);
      if (info.isDirectory()) throw Object.assign(new Error('directory'), { code: 'EISDIR' });
      if (info.isCharacterDevice() || info.isBlockDevice()) {
        // /dev/zero, /dev/urandom, a terminal, a disk: endless or not an export.
        throw inputError(`${name}: is a device, not a survey export`, { hint: 'Pass an exported CSV or XLSX file, or - to read standard input.' });
      }
      regular = info.isFile();
      if (regular) {
        fileSize = info.size;
        unchanged = unchangedSince(file, name, info);
      }
    } catch (error) {
      throw error instanceof NpsError ? error : describeOpenError(name, error);
    }
    // A file no bigger than a head is read in one call: no stream to set up (a few ms of a small run).
    // A pipe's size says nothing (0): it is streamed.
    if (fileSize !== null && fileSize <= HEAD_BYTES) {
      let bytes: Buffer;
      try {
        bytes = readFileSync(file);
      } catch (error) {
        throw describeOpenError(name, error);
      }
      // Read in one call: nothing can change between its reads.
      const again = async function* (): AsyncIterable<Buffer> {
        yield bytes;
      };
      return { name, path: file, head: bytes, rest: nothing(), complete: true, size: fileSize, progress: { bytesRead: bytes.length }, reread: again, unchanged: noCheck };
    }
    // Large reads: fewer chunks to hand around; memory stays at a few of them.
    stream = createReadStream(file, { highWaterMark: 1 << 18 });
  }
  const chunks = stream[Symbol.asyncIterator]() as AsyncIterator<Buffer | string>;
  let taken: { head: Buffer; done: boolean };
  try {
    taken = await takeHead(chunks);
  } catch (error) {
    throw describeOpenError(name, error);
  }
  const { head, done } = taken;
  const progress = { bytesRead: head.length };
  async function* rest(): AsyncIterable<Buffer> {
    if (done) return;
    for (;;) {
      const next = await chunks.next();
      if (next.done) return;
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      progress.bytesRead += chunk.length;
      yield chunk;
    }
  }
  const reread = regular && file !== null ? () => createReadStream(file, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer> : null;
  return { name, path: regular ? file : null, head, rest: rest(), complete: done, size: fileSize, progress, reread, unchanged };
}

/** The first HEAD_BYTES bytes (or more, to the end of a read) of a stream, and whether it ended there. */
export async function takeHead(chunks: AsyncIterator<Buffer | string>): Promise<{ head: Buffer; done: boolean }> {
  const parts: Buffer[] = [];
  let size = 0;
  while (size < HEAD_BYTES) {
    const next = await chunks.next();
    if (next.done) return { head: Buffer.concat(parts), done: true };
    const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
    parts.push(chunk);
    size += chunk.length;
  }
  return { head: Buffer.concat(parts), done: false };
}

/**
 * All bytes of an input, for formats that need the whole file (spreadsheets), at most `limit`
 * of them: a workbook on standard input is held in memory, so a pipe that never ends (or an
 * export too large to hold) is refused instead of taking the machine.
 */
export async function readAll(input: ByteInput, limit = Infinity): Promise<Buffer> {
  const parts = [input.head];
  let total = input.head.length;
  for await (const chunk of input.rest) {
    total += chunk.length;
    if (total > limit) {
      await input.rest[Symbol.asyncIterator]().return?.();
      const from = input.name === 'stdin' ? 'on standard input' : 'from a pipe';
      throw inputError(`${input.name}: a workbook of more than ${Math.round(limit / 1024 / 1024)} MB ${from}; refused`, {
        hint: 'Save it to a file and pass its path (a file is read without holding it), or export the sheet as CSV, which is streamed.',
      });
    }
    parts.push(chunk);
  }
  input.unchanged();
  return Buffer.concat(parts);
}
