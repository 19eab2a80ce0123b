import { describe, expect, it } from 'vitest';
import type { Io } from '../../src/pipeline/io.js';
import { checkProgress, fitted, progressLine, startProgress, stepLine, writingGroups } from '../../src/pipeline/progress.js';

describe('progress', () => {
  it('the line: bytes of the total, rows, rate, time left; rows alone for standard input', () => {
    // 413 of 826 MB in 2 s: half done, so about 2 s left; 5M rows in 2 s = 2.5M rows/s.
    expect(progressLine(413e6, 826e6, 5_000_000, 2)).toBe('nps: 413 MB of 826 MB (50%) · 5.0M rows · 2.5M rows/s · 2 s left');
    expect(progressLine(10e6, null, 120_000, 1)).toBe('nps: 120k rows · 120k rows/s');
  });

  it('no time left until 5% is read and 2 s have passed (the first guesses were wild: "819 s left" for a 6 s job)', () => {
    // 4% after 10 s: too little read to say.
    expect(progressLine(4e6, 100e6, 40_000, 10)).toBe('nps: 4 MB of 100 MB (4%) · 40k rows · 4k rows/s');
    // 50% after 1 s: too soon.
    expect(progressLine(50e6, 100e6, 500_000, 1)).toBe('nps: 50 MB of 100 MB (50%) · 500k rows · 500k rows/s');
    // 5% after 2 s: 2 / 0.05 × 0.95 = 38 s left.
    expect(progressLine(5e6, 100e6, 50_000, 2)).toBe('nps: 5 MB of 100 MB (5%) · 50k rows · 25k rows/s · 38 s left');
  });

  it('never as wide as the terminal: cut with … one column short of it', () => {
    const line = 'nps: 413 MB of 826 MB (50%) · 5.0M rows · 2.5M rows/s · 2 s left';
    expect(fitted(line, 200)).toBe(line);
    expect(fitted(line, line.length + 1)).toBe(line);
    expect(fitted(line, line.length)).toBe(`${line.slice(0, line.length - 2)}…`);
    expect(fitted(line, 40)).toBe('nps: 413 MB of 826 MB (50%) · 5.0M row…');
    expect(fitted(line, 40)).toHaveLength(39);
    expect(fitted(line, undefined)).toBe(line);
  });

  const fakeIo = (lines: string[], terminal: boolean): Io => ({
    stdin: process.stdin, cwd: '.', env: {}, stdoutIsTTY: false, say: () => undefined,
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
    // On a 30-column terminal the line is cut to 29.
    const narrow: string[] = [];
    const cut = startProgress({ ...fakeIo(narrow, true), stderrColumns: 30 }, source, () => t);
    t += 2000;
    cut.update(5000);
    expect(narrow[0]).toHaveLength(29);
    expect(narrow[0]?.endsWith('…')).toBe(true);
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

describe('a line on every long step (issue 16, item 2)', () => {
  const statusIo = (lines: string[]): Io => ({ stdin: process.stdin, cwd: '.', env: {}, stdoutIsTTY: false, say: () => undefined, status: (line) => lines.push(line) });

  it('the UTF-8 check ahead: bytes of the file, no rows, time left as for a count', () => {
    expect(progressLine(60e6, 100e6, null, 3, 'checking the encoding')).toBe('nps: checking the encoding: 60 MB of 100 MB (60%) · 2 s left');
    expect(progressLine(60e6, null, null, 3, 'checking the encoding')).toBe('nps: checking the encoding: 60 MB');
    let t = 0;
    const lines: string[] = [];
    const checking = checkProgress(statusIo(lines), () => t);
    t = 1500; // past a second: said
    checking.onUtf8Check(30e6, 100e6);
    t = 3000;
    checking.onUtf8Check(60e6, 100e6);
    checking.done();
    expect(lines).toEqual(['nps: checking the encoding: 30 MB of 100 MB (30%)', 'nps: checking the encoding: 60 MB of 100 MB (60%) · 2 s left', '']);
  });

  it('laying out a large output: a line while it runs, cleared after (also when it throws); none for a small one', () => {
    const lines: string[] = [];
    expect(stepLine(statusIo(lines), true, 'writing 60,000 rows', () => 'text')).toBe('text');
    expect(lines).toEqual(['nps: writing 60,000 rows…', '']);
    expect(() => stepLine(statusIo(lines), true, 'x', () => { throw new Error('boom'); })).toThrow('boom');
    expect(lines.at(-1)).toBe('');
    const quiet: string[] = [];
    stepLine(statusIo(quiet), false, 'writing 10 rows', () => 'text');
    expect(quiet).toEqual([]);
  });

  it('writing a report (score, trend): a line past 10,000 groups, saying how many', () => {
    expect(writingGroups(10_000)).toEqual({ large: false, what: 'writing 10,000 groups' });
    expect(writingGroups(146_000)).toEqual({ large: true, what: 'writing 146,000 groups' });
  });
});

describe('inspect says it is checking the encoding of a large file', () => {
  it('a 51 MB CSV: the check is shown, then the count, then cleared', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { tmpdir } = await import('node:os');
    const { join } = await import('node:path');
    const { runCli } = await import('../../src/cli.js');
    const { Readable } = await import('node:stream');
    const dir = mkdtempSync(join(tmpdir(), 'nps-check-'));
    const row = 'R00000,9,a comment that pads the row to about fifty bytes\n';
    const path = join(dir, 'big.csv');
    writeFileSync(path, `id,score,comment\n${row.repeat(Math.ceil(51e6 / row.length))}`);
    const lines: string[] = [];
    const io: Io = { stdin: Readable.from([]), cwd: dir, env: { NO_COLOR: '1' }, stdoutIsTTY: false, say: () => undefined, status: (line) => lines.push(line) };
    await runCli(['inspect', path, '--score', 'score'], io);
    expect(lines.some((line) => line.startsWith('nps: checking the encoding: '))).toBe(true);
    expect(lines.at(-1)).toBe('');
  }, 60_000);
});
