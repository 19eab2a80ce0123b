// The one exit point: the only file that touches process (argv, streams, env, exit code).

import { createReadStream, fstatSync } from 'node:fs';
import type { Readable } from 'node:stream';
import { runCli } from './cli.js';
import { regularFileOf } from './sources/input.js';
import { EXIT } from './core/errors.js';
import { channel } from './stdio.js';
import { failed, finished, stderrLine } from './pipeline/ending.js';
import { colorChoiceOf, lineOf, paintLevels } from './pipeline/messages.js';
import { colorLevel } from './render/color.js';

const debug = process.argv.includes('--debug');

/** A reader that goes away (`nps … | head -1`) is not an error. */
function readerGone(error: unknown): boolean {
  return (error as NodeJS.ErrnoException | null)?.code === 'EPIPE';
}

const WRITE_ERRORS: Record<string, string> = {
  ENOSPC: 'no space left on device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file is too large',
  EIO: 'input/output error',
  EBADF: 'standard output is closed',
  EROFS: 'read-only file system',
};

/** The answer could not be written (a full disk, /dev/full): one line, and exit 74, never the gate's 1. */
function outputFailed(error: unknown): never {
  const code = (error as NodeJS.ErrnoException | null)?.code;
  const why = (code && WRITE_ERRORS[code]) ?? (error instanceof Error ? error.message : String(error));
  writeErr(`${lineOf('error', `cannot write the output: ${why}`)}\n`);
  writeErr('  Free some space, or write the output elsewhere, and run again.\n');
  process.exit(EXIT.output);
}

const stdout = channel(1, () => {
  if (process.stdout.listenerCount('error') === 0) {
    process.stdout.on('error', (error) => {
      if (readerGone(error)) process.exit(EXIT.ok);
      outputFailed(error);
    });
  }
  return process.stdout;
});
// What cannot be said on stderr (closed, a full disk) is not said; the exit code still tells.
const stderr = channel(2, () => {
  if (process.stderr.listenerCount('error') === 0) process.stderr.on('error', () => undefined);
  return process.stderr;
});

function writeOut(text: string | Uint8Array): void {
  try {
    stdout.write(text);
  } catch (error) {
    if (readerGone(error)) process.exit(EXIT.ok);
    outputFailed(error);
  }
}

/** Levels coloured on a colour terminal: decided once, from the flags as typed (an error may come before they are parsed). */
const stderrColored = colorLevel(colorChoiceOf(process.argv.slice(2)), process.env, stderr.isTTY) > 0;

function writeErr(text: string): void {
  try {
    stderr.write(paintLevels(text, stderrColored));
  } catch {
    // Nowhere left to say anything (closed, or a full disk): the exit code still tells.
  }
}

function fail(error: unknown): void {
  clearStatus();
  const ending = failed(error, debug);
  writeErr(ending.stderr);
  // Ends now: a standard input still held open by its writer (a pipe that has not ended) would
  // keep the process waiting for bytes it will never read. What was written is written (pipes,
  // files and terminals are written synchronously here).
  process.exit(ending.code);
}

/** Whether a progress line is on the terminal now: it is cleared however the run ends. */
let statusShown = false;
function clearStatus(): void {
  if (statusShown) writeErr('\r\u001b[K');
  statusShown = false;
}
// Ctrl-C, an error, or any exit: the line goes, and the shell's prompt starts clean.
process.on('exit', clearStatus);

process.on('SIGINT', () => process.exit(EXIT.interrupted));

/**
 * Standard input as a stream, where it is not read as a file of its own (stdinFile below: a
 * file read from already, or no /proc). A file is read in reads of 1 MB, not in
 * process.stdin's 64 KB: fewer buffers for the collector (BENCHMARKS.md). A pipe stays
 * process.stdin: its reads return what the pipe holds (64 KB), and reads of the descriptor
 * on libuv's threads were slower there.
 */
function standardInput(): Readable {
  let file = false;
  try {
    file = fstatSync(0).isFile();
  } catch {
    // No descriptor 0 to ask about: process.stdin says what there is.
  }
  return file ? createReadStream('', { fd: 0, highWaterMark: 1 << 20, autoClose: false }) : process.stdin;
}

async function main(): Promise<void> {
  let input: Readable | undefined;
  let inputFile: string | null | undefined;
  const outcome = await runCli(process.argv.slice(2), {
    // A getter: setting standard input up is only for `-`; made once, as process.stdin is one stream.
    get stdin() {
      return (input ??= standardInput());
    },
    // Asked once, before anything is read from it (a file read from already is streamed from where it is).
    stdinFile: () => (inputFile === undefined ? (inputFile = regularFileOf(0)) : inputFile),
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: stdout.isTTY,
    stdoutColumns: stdout.columns,
    // Lines may quote the file (a group name in a gate, a sheet name): its control characters show as escapes.
    say: (line) => writeErr(stderrLine(line)),
    // Progress only on a terminal, never in pipes or CI.
    status:
      stderr.isTTY && !process.env.CI
        ? (line) => {
            writeErr(`\r\u001b[K${line}`);
            statusShown = line !== '';
          }
        : undefined,
    stderrColumns: stderr.columns,
  });
  if (outcome.stdout) writeOut(outcome.stdout);
  if (outcome.body) {
    for await (const piece of outcome.body) {
      writeOut(piece);
      await stdout.drained();
    }
  }
  const ending = finished(outcome);
  writeErr(ending.stderr);
  process.exitCode = ending.code;
}

// Not a top-level await: the bundle is a CommonJS file (scripts/build.mjs).
main().catch(fail);
