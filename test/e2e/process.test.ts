// End to end: what the process does around the command: lazy SheetJS, Ctrl-C.
import { execa } from 'execa';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT } from './run-nps.js';

const trace = `${ROOT}test/support/trace-xlsx-import.mjs`;
const run = (file: string) =>
  execa('node', ['--import', trace, BIN, 'score', file], { cwd: ROOT, reject: false, env: { NO_COLOR: '1' } });

describe('process', () => {
  it('loads SheetJS only for spreadsheet input', async () => {
    const csv = await run('fixtures/example.csv');
    expect(csv.exitCode).toBe(0);
    expect(csv.stderr).not.toContain('TRACE sheetjs loaded');
    const xlsx = await run('fixtures/example.xlsx');
    expect(xlsx.exitCode).toBe(0);
    expect(xlsx.stderr).toContain('TRACE sheetjs loaded');
  });

  it('exits 130 when interrupted', async () => {
    // Reading a standard input that never ends, until Ctrl-C.
    const child = execa('node', [BIN, 'score', '-'], { cwd: ROOT, reject: false, stdin: 'pipe' });
    child.stdin?.write('id,score\n1,9\n');
    await new Promise((resolve) => setTimeout(resolve, 1500));
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(result.stdout).toBe('');
  });
});
