// What a command may use of the outside world, handed in by src/main.ts (and by tests).

import type { Readable } from 'node:stream';
import type { StandardInput } from '../sources/input.js';

export interface Io {
  stdin: Readable;
  /**
   * A path that reads what standard input does, from its start, when it is a regular file not
   * read from yet (sources/input.ts, regularFileOf); null or absent: `-` is streamed from `stdin`.
   */
  stdinFile?: (() => string | null) | undefined;
  /** Where nps.config.json is looked for. */
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  stdoutIsTTY: boolean;
  /** The terminal's width when stdout is one. */
  stdoutColumns?: number | undefined;
  /** One line to stderr: a note, a warning or an error (pipeline/messages.ts). */
  say(line: string): void;
  /** Replaces the progress line on stderr ('' clears it); absent when stderr is not a terminal. */
  status?: ((line: string) => void) | undefined;
  /** The terminal's width when stderr is one: a status line never wraps. */
  stderrColumns?: number | undefined;
}

/** What a command hands back to main: the text for stdout and any failed gates. */
export interface Outcome {
  stdout: string;
  /**
   * Written after `stdout`, piece by piece, for an answer too large to hold (`nps list` of
   * millions of rows): iterated once, by whoever writes the answer (main.ts, -o).
   */
  body?: AsyncIterable<string | Uint8Array> | undefined;
  /** One line per failed gate; any entry makes the exit code 1. */
  gateFailures: string[];
}

/** What `-` reads (sources/input.ts): the Io's standard input, each part asked for only when `-` is read. */
export function standardInput(io: Io): StandardInput {
  return { stream: () => io.stdin, file: () => io.stdinFile?.() ?? null };
}

/**
 * The path a file argument reads: the path itself, standard input's own path for `-` when it is
 * a file (Io.stdinFile), or null when `-` is streamed.
 */
export function readPath(file: string, io: Io): string | null {
  return file === '-' ? (io.stdinFile?.() ?? null) : file;
}

/** The same Io with its stderr lines sent elsewhere, and its progress line too (standard input is still taken only when asked for). */
export function withSay(io: Io, say: (line: string) => void, progress: 'kept' | 'none' = 'kept'): Io {
  return {
    get stdin() {
      return io.stdin;
    },
    stdinFile: io.stdinFile,
    cwd: io.cwd,
    env: io.env,
    stdoutIsTTY: io.stdoutIsTTY,
    stdoutColumns: io.stdoutColumns,
    say,
    status: progress === 'kept' ? io.status : undefined,
    stderrColumns: io.stderrColumns,
  };
}

/**
 * The width tables fit: COLUMNS when set, else the terminal's; none (every column, whole) for
 * a pipe, a file or -o, which get the whole answer.
 */
export function fitWidth(io: Io, output: string | undefined): number | undefined {
  if (output !== undefined) return undefined;
  const columns = Number(io.env.COLUMNS);
  if (Number.isInteger(columns) && columns > 0) return columns;
  return io.stdoutIsTTY ? (io.stdoutColumns ?? 80) : undefined;
}

/** The rows a table shows (--limit): on a terminal and without -o, the first N (0: all); a pipe or a file gets every row. */
export function rowLimit(io: Io, flags: { limit: number; output?: string | undefined }): number {
  return io.stdoutIsTTY && flags.output === undefined ? flags.limit : 0;
}
