// list --limit (issue 16, item 1): a terminal shows the first rows of a long table and says how
// many there are; pipes, files (-o) and the other formats get every row.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { fakeIo } from '../support/fake-io.js';

const FILE = 'fixtures/example.csv';
// fixtures/example.csv: 9 detractors and 22 promoters.
const ARGS = ['list', FILE, '--detractors', '--promoters'];
const terminal = () => ({ ...fakeIo(), stdoutIsTTY: true });
const dataRows = (out: string): number => out.split('\n').filter((line) => /^│ R\d+ /.test(line)).length;

describe('list --limit', () => {
  it('on a terminal: the first N rows, and a line saying how many there are and how to see them', async () => {
    const out = (await runCli([...ARGS, '--limit', '5'], terminal())).stdout;
    expect(dataRows(out)).toBe(5);
    expect(out.endsWith('the first 5 of 31 rows; --limit 0 shows them all (a pipe or a file always gets every row)\n')).toBe(true);
    // The default is 50: all 31 here.
    const all = (await runCli(ARGS, terminal())).stdout;
    expect(dataRows(all)).toBe(31);
    expect(all.endsWith('\n31 rows\n')).toBe(true);
    expect(dataRows((await runCli([...ARGS, '--limit', '0'], terminal())).stdout)).toBe(31);
  });

  it('a pipe, a file (-o) and CSV get every row', async () => {
    expect(dataRows((await runCli([...ARGS, '--limit', '5'], fakeIo())).stdout)).toBe(31);
    const dir = mkdtempSync(join(tmpdir(), 'nps-limit-'));
    await runCli([...ARGS, '--limit', '5', '-o', join(dir, 'out.txt')], terminal());
    expect(dataRows(readFileSync(join(dir, 'out.txt'), 'utf8'))).toBe(31);
    const csv = (await runCli([...ARGS, '--limit', '5', '--format', 'csv'], terminal())).stdout;
    expect(csv.trim().split('\r\n')).toHaveLength(32);
  });
});
