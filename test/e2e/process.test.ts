// End to end: what the process does around the command: lazy SheetJS, Ctrl-C, the progress line.
import { execa } from 'execa';
import { mkdtemp, readFile } from 'node:fs/promises';
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
    const child = execa('node', ['--import', `${ROOT}test/support/trace-ready.mjs`, BIN, 'score', '-'], { cwd: ROOT, reject: false, stdin: 'pipe' });
    child.stdin?.write('id,score\n1,9\n');
    // Signalled once it is running and reading, however long it took to start.
    await new Promise<void>((resolve) => child.stderr?.on('data', (chunk: Buffer) => chunk.includes('TRACE ready') && resolve()));
    child.kill('SIGINT');
    const result = await child;
    expect(result.exitCode).toBe(130);
    expect(result.stdout).toBe('');
  });
});

describe('a failed run ends while its standard input is still open', () => {
  it('--strict on a bad row: the error, exit 2, with the writer still holding the pipe (it waited for the input to close)', async () => {
    const child = execa('node', [BIN, 'score', '-', '--strict'], { cwd: ROOT, reject: false, stdin: 'pipe' });
    // Past the 64 KiB head (which waits for its bytes) and the sample; the bad row far on.
    const rows = Array.from({ length: 30_000 }, (_, i) => `${i + 1},${i === 25_000 ? 'x' : i % 11}`).join('\n');
    child.stdin?.write(`id,score\n${rows}\n`);
    // stdin is never ended: the run must end by itself.
    const result = await child;
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toContain('row 25002 has an invalid score');
    child.stdin?.destroy();
  }, 30_000);
});

describe('progress', () => {
  // Standard input: 12,000 rows at once (past the 64 KiB head and the sample), then 16 more,
  // one every 0.1 s. Past a second, a long run shows its progress.
  const trickle = `(echo id,score; seq 1 12000 | sed 's/$/,9/'; for i in $(seq 12001 12016); do echo "$i,9"; sleep 0.1; done)`;
  const env = { PATH: process.env.PATH ?? '', NO_COLOR: '1', TERM: 'xterm' };

  it('shows a progress line on stderr when it is a terminal, and never in a pipe or under CI', async () => {
    // `script` gives the command a terminal for stderr; stdout goes to a file.
    const dir = await mkdtemp('/tmp/nps-progress-');
    const command = (extra: string) => `${trickle} | ${extra} node ${JSON.stringify(BIN)} score - --format json > ${dir}/out.json`;
    const onTerminal = await execa('script', ['-qec', command(''), '/dev/null'], { cwd: ROOT, reject: false, extendEnv: false, env });
    expect(onTerminal.exitCode).toBe(0);
    expect(onTerminal.stdout).toMatch(/\r\u001b\[Knps: [\d.]+k rows · [\d.]+k rows\/s/);
    expect(JSON.parse(await readFile(`${dir}/out.json`, 'utf8')).overall.responses).toBe(12016);

    const underCi = await execa('script', ['-qec', command('CI=true'), '/dev/null'], { cwd: ROOT, reject: false, extendEnv: false, env });
    expect(underCi.exitCode).toBe(0);
    expect(underCi.stdout).not.toContain('rows/s');

    const inPipe = await execa('bash', ['-c', `${command('')} 2>${dir}/err.txt`], { cwd: ROOT, reject: false, extendEnv: false, env });
    expect(inPipe.exitCode).toBe(0);
    expect(await readFile(`${dir}/err.txt`, 'utf8')).not.toContain('rows/s');
  }, 30_000);

  it('Ctrl-C clears the progress line (it stayed on the terminal above the prompt)', async () => {
    // Rows keep coming, one every 0.1 s; Ctrl-C once the terminal shows the progress line. The
    // shell prints nps's pid first, so the signal goes to nps itself.
    const slow = `(echo id,score; seq 1 12000 | sed 's/$/,9/'; for i in $(seq 12001 13000); do echo "$i,9"; sleep 0.1; done)`;
    const command = `${slow} | sh -c 'echo PID:$$; exec node ${JSON.stringify(BIN)} score - --format json > /dev/null'`;
    const child = execa('script', ['-qec', command, '/dev/null'], { cwd: ROOT, reject: false, extendEnv: false, env });
    let seen = '';
    let interrupted = false;
    child.stdout?.on('data', (chunk: Buffer) => {
      seen += chunk.toString();
      const pid = Number(/PID:(\d+)/.exec(seen)?.[1]);
      if (!interrupted && pid > 0 && /rows\/s/.test(seen)) {
        interrupted = true;
        process.kill(pid, 'SIGINT');
      }
    });
    const result = await child;
    expect(interrupted).toBe(true);
    expect(result.exitCode).toBe(130);
    // After the last progress line, the line is cleared: nothing of it is left on the screen.
    const last = seen.lastIndexOf('rows/s');
    expect(seen.slice(last)).toMatch(/^rows\/s[^\r\n]*\r\u001b\[K/);
  }, 60_000);
});
