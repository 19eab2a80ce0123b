// An Io for running commands in-process: no terminal, an empty standard input, warnings kept.

import { Readable } from 'node:stream';
import type { Io, Outcome } from '../../src/pipeline/io.js';

export function fakeIo(env: Record<string, string> = {}): Io & { warnings: string[] } {
  const warnings: string[] = [];
  return {
    stdin: Readable.from([]),
    cwd: process.cwd(),
    env: { NO_COLOR: '1', ...env },
    stdoutIsTTY: false,
    say: (line) => warnings.push(line),
    warnings,
  };
}

/** All a run wrote to stdout: its text, then its body (an answer written piece by piece: nps list). */
export async function stdoutOf(outcome: Outcome): Promise<string> {
  let out = outcome.stdout;
  // Pieces of bytes are UTF-8, a character perhaps cut between two.
  const decoder = new TextDecoder();
  if (outcome.body) for await (const piece of outcome.body) out += typeof piece === 'string' ? piece : decoder.decode(piece, { stream: true });
  return out + decoder.decode();
}
