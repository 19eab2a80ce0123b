// Issue 16, item 4: colour that means something. A score is green or red only when its interval
// settles its sign (dimmed when it crosses 0); a difference only when it is significant; thin
// marks yellow; the Overall label bold, and nothing else in that row.

import { Chalk } from 'chalk';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { byInterval, byVerdict } from '../../src/render/color.js';
import { fakeIo, stdoutOf } from '../support/fake-io.js';

const chalk = new Chalk({ level: 1 });
const GREEN = '\u001b[32m';
const RED = '\u001b[31m';
const DIM = '\u001b[2m';
const BOLD = '\u001b[1m';
const YELLOW = '\u001b[33m';
const run = async (...args: string[]): Promise<string> => stdoutOf(await runCli([...args, '--color', 'always'], fakeIo()));
/** The table row whose first cell is `first`. */
const row = (table: string, first: string): string => table.split('\n').find((line) => line.replace(/\u001b\[\d+m/g, '').startsWith(`│ ${first} `)) ?? '';

describe('byInterval and byVerdict', () => {
  it.each([
    [[5.9, 54.6], GREEN],
    [[-40, -2], RED],
    [[-10, 30], DIM],
    [[0, 20], DIM],
    [null, DIM],
  ] as const)('interval %j → %j', (interval, code) => {
    expect(byInterval(chalk, interval)?.('x')).toBe(`${code}x${code === DIM ? '\u001b[22m' : '\u001b[39m'}`);
  });

  it('a difference is coloured only when significant', () => {
    expect(byVerdict(chalk, 12, true)?.('x')).toMatch(/^\u001b\[32m/);
    expect(byVerdict(chalk, -12, true)?.('x')).toMatch(/^\u001b\[31m/);
    expect(byVerdict(chalk, -12, false)?.('x')).toMatch(/^\u001b\[2m/);
    expect(byVerdict(null, -12, true)).toBeUndefined();
  });
});

describe('in the tables', () => {
  it('score: +32.5 (interval +5.9 … +54.6) is green; without groups Responses is not bold', async () => {
    const table = await run('score', 'fixtures/example.csv');
    const line = table.split('\n').find((l) => l.includes('+32.5')) as string;
    expect(line).toContain(`${GREEN}+32.5`);
    expect(line).not.toContain(`${BOLD}40`);
  });

  it('score --by channel: Overall bold, a group whose interval crosses 0 dimmed', async () => {
    const table = await run('score', 'fixtures/example.csv', '--by', 'channel');
    expect(row(table, 'Overall')).toContain(`${BOLD}Overall`);
    // email: NPS +37.5 over 16 answers, its interval -3.6 … +66.7 crosses 0.
    const email = row(table, 'email');
    expect(email).toMatch(/\u001b\[2m[+-]\d/);
    expect(email).not.toMatch(/\u001b\[3[12]m[+-]\d+\.\d\u001b\[39m/);
  });

  it('drivers: an impact that is not significant is dimmed, never red or green', async () => {
    const table = await run('drivers', 'fixtures/example.csv', '--by', 'channel');
    const lines = table.split('\n').filter((l) => /│ channel /.test(l.replace(/\u001b\[\d+m/g, '')));
    expect(lines.length).toBe(3);
    for (const line of lines) {
      const significant = line.includes('significant');
      if (!significant) expect(line).not.toMatch(/\u001b\[3[12]m[+-]/);
    }
    expect(lines.some((l) => l.includes(DIM))).toBe(true);
  });

  it('trend: thin periods marked in yellow', async () => {
    const table = await run('trend', 'fixtures/example.csv');
    expect(table).toContain(`${YELLOW}thin (n < 30)`);
  });
});

describe('the Band cell', () => {
  it('plain when the whole interval lies in the band, dimmed when it crosses an edge', async () => {
    // example.csv with the repo's default bands: overall +32.5 (+5.9 … +54.6) is "good" but could be positive or great.
    expect(await run('score', 'fixtures/example.csv')).toContain(`${DIM}good\u001b[22m`);
    // 400 answers, all 10: +100, its interval (+99.0 … +100) inside "excellent" (70 and above).
    const dir = mkdtempSync(join(tmpdir(), 'nps-band-'));
    writeFileSync(join(dir, 'all-tens.csv'), `score\n${'10\n'.repeat(400)}`);
    const settled = await run('score', join(dir, 'all-tens.csv'));
    expect(settled).toContain('│ excellent │');
    expect(settled).not.toContain(`${DIM}excellent`);
  });
});
