// End to end: every way the input or the usage can be wrong gives exit 2 and one clear message.
import { execa } from 'execa';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { BIN, ROOT, nps } from './run-nps.js';

/** Exit 2, the message on stderr, nothing on stdout, no stack trace. */
async function expectUsageOrInputError(args: string[], message: string | RegExp, input?: string): Promise<string> {
  const run = await nps(args, input === undefined ? {} : { input });
  expect(run.exitCode).toBe(2);
  expect(run.stdout).toBe('');
  if (typeof message === 'string') expect(run.stderr).toContain(message);
  else expect(run.stderr).toMatch(message);
  expect(run.stderr).not.toMatch(/\n\s+at /);
  return run.stderr;
}

describe('errors: exit 2, one line naming the file and the fix', () => {
  it.each([
    ['a missing file', ['score', 'fixtures/nope.csv'], 'nps: error: fixtures/nope.csv: no such file'],
    ['a directory', ['score', 'fixtures'], 'nps: error: fixtures: is a directory'],
    ['an empty file', ['score', 'fixtures/empty.csv'], 'nps: error: fixtures/empty.csv: the file is empty'],
    ['a header without answers', ['score', 'fixtures/header-only.csv'], 'nps: error: fixtures/header-only.csv: has a header row but no answers'],
    ['binary garbage', ['score', 'fixtures/binary-garbage.csv'], 'does not look like a CSV or spreadsheet file'],
    ['a truncated XLSX', ['score', 'fixtures/truncated.xlsx'], /fixtures\/truncated\.xlsx: not a readable spreadsheet .*truncated or corrupt/],
    ['a quote never closed', ['score', 'fixtures/unclosed-quote.csv'], 'a quoted field opened on row 4 (line 4) is never closed'],
    ['a bad --period', ['score', 'fixtures/example.csv', '--period', 'fortnight'], '--period "fortnight" is not one of: day, week, month, quarter, year'],
    ['a bad --format', ['score', 'fixtures/example.csv', '--format', 'xml'], '--format "xml" is not one of: table, json, csv, markdown'],
    ['a bad --color', ['score', 'fixtures/example.csv', '--color', 'pink'], '--color "pink" is not one of: auto, always, never'],
    ['a bad --date-format', ['score', 'fixtures/example.csv', '--date-format', 'ydm'], '--date-format "ydm" is not one of: dmy'],
    ['an unknown flag', ['score', 'fixtures/example.csv', '--bogus'], "unknown option '--bogus'"],
    ['an unknown command', ['scroe', 'fixtures/example.csv'], "unknown command 'scroe'"],
    ['a missing file argument', ['score'], "missing required argument 'file'"],
  ])('%s', async (_name, args, message) => {
    await expectUsageOrInputError(args, message);
  });

  it('a file whose bytes are a zip but not a workbook', async () => {
    const dir = await mkdtemp('/tmp/nps-test-');
    await writeFile(`${dir}/export.xlsx`, Buffer.from('PK\u0003\u0004 this is not really a zip'));
    await expectUsageOrInputError(['score', `${dir}/export.xlsx`], 'not a readable spreadsheet');
  });

  it('a file where every score is invalid', async () => {
    await expectUsageOrInputError(['score', '-', '--score', 'score'], 'no valid 0–10 scores in column "score" (2 rows read, all skipped)', 'score\nn/a\n12\n');
  });

  it('the error names a hint line with the flag to use', async () => {
    const stderr = await expectUsageOrInputError(['score', 'fixtures/example.csv', '--by', 'Kanal'], 'there is no column "Kanal"');
    expect(stderr.split('\n')[1]).toMatch(/^ {2}Pass one of the column headers exactly as written, e\.g\. --by "response_id"$/);
  });

  it('--debug adds the stack trace', async () => {
    const run = await nps(['score', 'fixtures/nope.csv', '--debug']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/\n\s+at /);
  });

  it('--help and --version print to stdout and exit 0', async () => {
    const help = await nps(['score', '--help']);
    expect(help.exitCode).toBe(0);
    expect(help.stdout).toContain('--period <period>');
    const version = await nps(['--version']);
    expect(version.exitCode).toBe(0);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+$/);
  });
});

describe('pipes', () => {
  it('`nps score … | head -1` exits quietly', async () => {
    const dir = await mkdtemp('/tmp/nps-test-');
    const rows = Array.from({ length: 30000 }, (_, i) => `${i},${i % 11}`).join('\n');
    await writeFile(`${dir}/big.csv`, `id,score\n${rows}\n`);
    const script = `node ${JSON.stringify(BIN)} score ${dir}/big.csv --by id --format csv | head -1; echo "status:\${PIPESTATUS[0]}" >&2`;
    const result = await execa('bash', ['-c', script], { cwd: ROOT, reject: false, env: { NO_COLOR: '1' } });
    expect(result.stdout).toMatch(/^id,responses,promoters,passives,detractors,promoterShare,passiveShare,detractorShare,nps,marginOfError,intervalLow,intervalHigh,band,bandSettled,count0,[^\n]*count10,shrunkNps$/);
    expect(result.stderr).toContain('status:0');
    expect(result.stderr).not.toMatch(/EPIPE|Error/);
  });

  it('keeps stdout whole before the gate lines when stdout and stderr share a slow pipe that threads made non-blocking', async () => {
    const dir = await mkdtemp('/tmp/nps-test-');
    const rows = Array.from({ length: 20000 }, (_, i) => `${i},${i % 11},g${i % 3000}`).join('\n');
    await writeFile(`${dir}/many.csv`, `id,score,group\n${rows}\n`);
    const args = `score ${dir}/many.csv --by group --min 99 --format json`;
    // Threads (NPS_PARALLEL_BYTES=0) make the shared pipe non-blocking; the reader waits, so it fills.
    const script = `NPS_PARALLEL_BYTES=0 node ${JSON.stringify(BIN)} ${args} 2>&1 | (sleep 0.5; cat)`;
    const both = await execa('bash', ['-c', script], { cwd: ROOT, reject: false, env: { NO_COLOR: '1' } });
    const apart = await nps(args.split(' '), { env: { NPS_PARALLEL_BYTES: '0' } });
    expect(apart.exitCode).toBe(1);
    expect(apart.stdout.length).toBeGreaterThan(200_000);
    expect(both.stdout).toContain(apart.stdout.trimEnd());
    expect(both.stdout.trimEnd().endsWith('is below the minimum 99 (--min)')).toBe(true);
  });

  it('writes the same to a file, to a pipe and to /dev/null, notes on stderr in each', async () => {
    const dir = await mkdtemp('/tmp/nps-test-');
    const args = `score fixtures/example.csv --by channel --format csv`;
    const script = `node ${JSON.stringify(BIN)} ${args} >${dir}/out.csv 2>${dir}/err.txt; node ${JSON.stringify(BIN)} ${args} >/dev/null 2>/dev/null; echo "status:$?"`;
    const toFile = await execa('bash', ['-c', script], { cwd: ROOT, reject: false, env: { NO_COLOR: '1' } });
    expect(toFile.stdout).toBe('status:0');
    const piped = await nps(args.split(' '));
    expect(piped.exitCode).toBe(0);
    expect(await readFile(`${dir}/out.csv`, 'utf8')).toBe(piped.stdout);
    expect(await readFile(`${dir}/err.txt`, 'utf8')).toBe(piped.stderr);
    expect(piped.stdout).toMatch(/^channel,responses,/);
  });
});

describe('untrusted workbooks', () => {
  it('__proto__ as sheet name, header and cells pollutes nothing and is read as data', async () => {
    // proto-pollution.xlsx (LibreOffice): sheet "__proto__", columns __proto__, constructor, score: 10, 6, 9.
    const before = Object.getOwnPropertyNames(Object.prototype).sort();
    const { openSource } = await import('../../src/sources/index.js');
    const { Readable } = await import('node:stream');
    const source = await openSource(`${ROOT}fixtures/proto-pollution.xlsx`, { stream: () => Readable.from([]), file: () => null }, {});
    const rows = [];
    for await (const batch of source.tables[0]?.records ?? []) for (const row of batch) rows.push(row.cells);
    expect(source.tables.map((t) => t.name)).toEqual(['__proto__']);
    expect(rows).toEqual([['__proto__', 'constructor', 'score'], ['__proto__', 'toString', '10'], ['x', '__proto__', '6'], ['__proto__', 'y', '9']]);
    expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(before);
    expect(({} as Record<string, unknown>).score).toBeUndefined();

    const run = await nps(['score', 'fixtures/proto-pollution.xlsx', '--by', '__proto__', '--format', 'json']);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.groups.map((g: { key: object; nps: number }) => [Object.getOwnPropertyDescriptor(g.key, '__proto__')?.value, g.nps])).toEqual([
      ['__proto__', 100], ['x', -100],
    ]);
  });
});
