// list --limit (issue 16, item 1): a terminal shows the first rows of a long table and says how
// many there are; pipes, files (-o) and the other formats get every row.

import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { fakeIo, stdoutOf } from '../support/fake-io.js';

const FILE = 'fixtures/example.csv';
// fixtures/example.csv: 9 detractors and 22 promoters.
const ARGS = ['list', FILE, '--detractors', '--promoters'];
const terminal = () => ({ ...fakeIo(), stdoutIsTTY: true });
const dataRows = (out: string): number => out.split('\n').filter((line) => /^│ R\d+ /.test(line)).length;

describe('list --limit', () => {
  it('on a terminal: the first N rows, and a line saying how many there are and how to see them', async () => {
    const out = await stdoutOf(await runCli([...ARGS, '--limit', '5'], terminal()));
    expect(dataRows(out)).toBe(5);
    expect(out.endsWith('the first 5 of 31 rows; --limit 0 shows them all (a pipe or a file always gets every row)\n')).toBe(true);
    // The default is 50: all 31 here.
    const all = await stdoutOf(await runCli(ARGS, terminal()));
    expect(dataRows(all)).toBe(31);
    expect(all.endsWith('\n31 rows\n')).toBe(true);
    expect(dataRows(await stdoutOf(await runCli([...ARGS, '--limit', '0'], terminal())))).toBe(31);
  });

  it('a pipe, a file (-o) and CSV get every row', async () => {
    expect(dataRows(await stdoutOf(await runCli([...ARGS, '--limit', '5'], fakeIo())))).toBe(31);
    const dir = mkdtempSync(join(tmpdir(), 'nps-limit-'));
    await runCli([...ARGS, '--limit', '5', '-o', join(dir, 'out.txt')], terminal());
    expect(dataRows(readFileSync(join(dir, 'out.txt'), 'utf8'))).toBe(31);
    const csv = await stdoutOf(await runCli([...ARGS, '--limit', '5', '--format', 'csv'], terminal()));
    expect(csv.trim().split('\r\n')).toHaveLength(32);
  });
});

describe('--limit on the tables of score, drivers and trend', () => {
  // 120 channels g001 … g120, one answer each; and one series of 70 months, one answer each.
  const dir = mkdtempSync(join(tmpdir(), 'nps-limit-tables-'));
  const groups = join(dir, 'groups.csv');
  const months = join(dir, 'months.csv');
  writeFileSync(groups, `channel,score\n${Array.from({ length: 120 }, (_, i) => `g${String(i + 1).padStart(3, '0')},${i % 11}`).join('\n')}\n`);
  writeFileSync(months, `date,score\n${Array.from({ length: 70 }, (_, i) => `${2019 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-15,${i % 11}`).join('\n')}\n`);
  const groupRows = (out: string): string[] => out.split('\n').filter((line) => /^│ (team +│ )?g\d{3} /.test(line) || /^│ channel +│ g\d{3}/.test(line));

  it('score: the first 50 groups, the Overall row of all 120, and the line saying so', async () => {
    const out = (await runCli(['score', groups, '--by', 'channel'], terminal())).stdout;
    const rows = out.split('\n').filter((line) => /^│ g\d{3} /.test(line));
    expect(rows).toHaveLength(50);
    expect(rows.at(-1)).toMatch(/^│ g050 /);
    expect(out).toMatch(/│ Overall +│ +120 │/);
    // The line is broken between words to the terminal's 80 columns.
    expect(out.replace(/\n/g, ' ')).toContain('the first 50 of 120 groups; --limit 0 shows them all (a pipe or a file always gets every row)');
    expect((await runCli(['score', groups, '--by', 'channel', '--limit', '0'], terminal())).stdout.split('\n').filter((line) => /^│ g\d{3} /.test(line))).toHaveLength(120);
    // In a pipe, every group: the table is written in pieces (its body).
    expect((await stdoutOf(await runCli(['score', groups, '--by', 'channel', '--limit', '5'], fakeIo()))).split('\n').filter((line) => /^│ g\d{3} /.test(line))).toHaveLength(120);
  });

  it('score --distribution under --limit: the table shows 5 groups, the 10s line names all 120, their text made visible', async () => {
    // Only the groups shown are made visible and written as cells; the 10s line lists every group.
    const hostile = join(dir, 'hostile.csv');
    writeFileSync(hostile, `channel,score\n${Array.from({ length: 120 }, (_, i) => `${i === 119 ? 'z\u001b[2J' : `g${String(i + 1).padStart(3, '0')}`},${9 + (i % 2)}`).join('\n')}\n`);
    const out = (await runCli(['score', hostile, '--by', 'channel', '--distribution', '--limit', '5'], terminal())).stdout;
    expect(out.split('\n').filter((line) => /^│ g\d{3} /.test(line))).toHaveLength(5);
    expect(out.replace(/\n/g, ' ')).toContain('the first 5 of 120 groups');
    const tens = out.slice(out.indexOf('10s among promoters by group:')).replace(/\n/g, ' ');
    // g001 one 9 (0% 10s; Wilson's interval of 0 of 1, 0 to 79.3%), g002 one 10 (100%, 20.7 to 100%), …;
    // the last, z\u001b[2J (after the 5 shown), a 10, as an escape.
    expect(tens).toContain('g001 0.0% (0.0 … 79.3%), g002 100.0% (20.7 … 100.0%)');
    expect(tens).toContain('g119 0.0% (0.0 … 79.3%), z\\u001b[2J 100.0% (20.7 … 100.0%)');
    expect(out).not.toContain('\u001b[2J');
  });

  it('drivers: the first 10 of 120 with --limit 10', async () => {
    const out = (await runCli(['drivers', groups, '--by', 'channel', '--limit', '10'], terminal())).stdout;
    expect(groupRows(out)).toHaveLength(10);
    expect(out).toContain('the first 10 of 120 groups; --limit 0 shows them all');
  });

  it('trend: the latest 50 of 70 months', async () => {
    const out = (await runCli(['trend', months], terminal())).stdout;
    const rows = out.split('\n').filter((line) => /^│ 20\d\d-\d\d /.test(line));
    expect(rows).toHaveLength(50);
    expect([rows[0]?.slice(2, 9), rows.at(-1)?.slice(2, 9)]).toEqual(['2020-09', '2024-10']);
    expect(out).toContain('the last 50 of 70 months; --limit 0 shows them all');
  });
});
