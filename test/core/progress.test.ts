import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/pipeline/io.js';
import { progressLine, startProgress } from '../../src/pipeline/progress.js';

describe('progress', () => {
  it('the line: bytes of the total, rows, rate, time left; rows alone for standard input', () => {
    // 413 of 826 MB in 2 s: half done, so about 2 s left; 5M rows in 2 s = 2.5M rows/s.
    expect(progressLine(413e6, 826e6, 5_000_000, 2)).toBe('nps: 413 MB of 826 MB (50%) · 5.0M rows · 2.5M rows/s · 2 s left');
    expect(progressLine(10e6, null, 120_000, 1)).toBe('nps: 120k rows · 120k rows/s');
  });

  const fakeIo = (lines: string[], terminal: boolean): Io => ({
    stdin: process.stdin, cwd: '.', env: {}, stdoutIsTTY: false, warn: () => undefined,
    status: terminal ? (line) => lines.push(line) : undefined,
  });

  it('shows only on a terminal, for a large file at once or after a second, at most every 200 ms, and clears itself', () => {
    let t = 0;
    const lines: string[] = [];
    const source = { progress: { bytesRead: 0 }, size: 100e6 };
    const progress = startProgress(fakeIo(lines, true), source, () => t);
    t = 50;
    source.progress.bytesRead = 10e6;
    progress.update(1000);
    t = 100;
    progress.update(2000); // too soon after the last
    t = 300;
    progress.update(3000);
    progress.done();
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^nps: 10 MB of 100 MB \(10%\) · 1k rows/);
    expect(lines.at(-1)).toBe('');

    const small: string[] = [];
    const quiet = startProgress(fakeIo(small, true), { progress: { bytesRead: 0 }, size: 1000 }, () => t);
    t += 500;
    quiet.update(10); // a small file, under a second: nothing
    t += 600;
    quiet.update(20); // over a second: now it shows
    expect(small).toHaveLength(1);

    const piped: string[] = [];
    const none = startProgress(fakeIo(piped, false), source, () => t);
    t += 5000;
    none.update(1);
    none.done();
    expect(piped).toEqual([]);
  });
});
