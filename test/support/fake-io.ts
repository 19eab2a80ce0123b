// An Io for running commands in-process: no terminal, an empty standard input, warnings kept.

import { Readable } from 'node:stream';
import type { Io } from '../../src/pipeline/io.js';

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
