// A progress line for long runs, on stderr and only on a terminal: bytes read of the total (or
// rows for standard input), rows per second, time left. Pure text; the caller's io prints it.

import type { Io } from './io.js';
import { countText } from '../core/format-number.js';

const LARGE = 50 * 1000 * 1000;
const AFTER_MS = 1000;
const EVERY_MS = 200;

const short = (n: number): string => (n >= 1e6 ? `${(n / 1e6).toFixed(1)}M` : n >= 1e3 ? `${(n / 1e3).toFixed(0)}k` : String(n));
const megabytes = (bytes: number): string => `${(bytes / 1e6).toFixed(0)} MB`;

/** Time left is said from this share of the file and this many seconds on (before, it is a guess). */
const ETA_FROM_SHARE = 0.05;
const ETA_FROM_SECONDS = 2;

/** A status line cut to the terminal's width less one column (a full line would wrap, and each update leave a line behind). */
export function fitted(line: string, columns: number | undefined): string {
  if (columns === undefined || columns <= 1 || line.length < columns) return line;
  return `${line.slice(0, Math.max(0, columns - 2))}…`;
}

/** The progress text at one moment. `rows` null: a step that reads bytes without counting rows (checking the encoding ahead), named by `step`. */
export function progressLine(bytesRead: number, size: number | null, rows: number | null, seconds: number, step?: string): string {
  const parts: string[] = [];
  const counted = (): void => {
    if (rows === null) return;
    const rate = seconds > 0 ? rows / seconds : 0;
    parts.push(`${short(rows)} rows`, `${short(Math.round(rate))} rows/s`);
  };
  if (size !== null && size > 0) {
    const share = Math.min(1, bytesRead / size);
    parts.push(`${megabytes(bytesRead)} of ${megabytes(size)} (${Math.floor(share * 100)}%)`);
    counted();
    if (share >= ETA_FROM_SHARE && seconds >= ETA_FROM_SECONDS) parts.push(`${Math.ceil((seconds / share) * (1 - share))} s left`);
  } else if (rows === null) {
    parts.push(megabytes(bytesRead));
  } else counted();
  return `nps: ${step ? `${step}: ` : ''}${parts.join(' · ')}`;
}

export interface Progress {
  update(rows: number | null): void;
  done(): void;
}

/** A progress reporter, or one that does nothing when stderr is not a terminal. */
export function startProgress(io: Io, source: { progress: { bytesRead: number }; size: number | null }, now: () => number = Date.now, step?: string): Progress {
  const status = io.status;
  if (!status) return { update: () => undefined, done: () => undefined };
  const started = now();
  let last = -Infinity;
  let shown = false;
  return {
    update(rows) {
      const t = now();
      if (t - last < EVERY_MS) return;
      if (!shown && !((source.size ?? 0) > LARGE || t - started > AFTER_MS)) return;
      last = t;
      shown = true;
      status(fitted(progressLine(source.progress.bytesRead, source.size, rows, (t - started) / 1000, step), io.stderrColumns));
    },
    done() {
      if (shown) status('');
    },
  };
}

/**
 * Progress of the check that a file is UTF-8 to its end, read ahead of the count (inspect): the
 * callback the source calls with the bytes checked so far, and `done` to clear the line.
 */
export function checkProgress(io: Io, now: () => number = Date.now): { onUtf8Check: (bytes: number, size: number | null) => void; done: () => void } {
  const source = { progress: { bytesRead: 0 }, size: null as number | null };
  const progress = startProgress(io, source, now, 'checking the encoding');
  return {
    onUtf8Check(bytes, size) {
      source.progress.bytesRead = bytes;
      source.size = size;
      progress.update(null);
    },
    done: () => progress.done(),
  };
}

/**
 * A line while a step without a measure of its own runs (laying out a table of a million rows):
 * said only when the step is large, cleared after; nothing when stderr is not a terminal.
 */
export function stepLine<T>(io: Io, large: boolean, what: string, step: () => T): T {
  if (!io.status || !large) return step();
  io.status(fitted(`nps: ${what}…`, io.stderrColumns));
  try {
    return step();
  } finally {
    io.status('');
  }
}

/** Writing a report of `groups` groups as a step: large (its line shown) past 10,000 groups, a second or more of writing. */
export function writingGroups(groups: number): { large: boolean; what: string } {
  return { large: groups > 10_000, what: `writing ${countText(groups)} groups` };
}

/**
 * stepLine for an answer written piece by piece: the line shows until the last piece is
 * written (or the writing stops), and goes before the first piece when stdout is the terminal
 * that shows it.
 */
export async function* stepping<T>(io: Io, large: boolean, what: string, pieces: AsyncIterable<T> | Iterable<T>): AsyncGenerator<T> {
  if (!io.status || !large) {
    yield* pieces;
    return;
  }
  io.status(fitted(`nps: ${what}…`, io.stderrColumns));
  let shown = true;
  try {
    for await (const piece of pieces) {
      if (shown && io.stdoutIsTTY) {
        io.status('');
        shown = false;
      }
      yield piece;
    }
  } finally {
    if (shown) io.status('');
  }
}
