// CSV read once as it streams (standard input, a pipe, gzip, UTF-16) is counted from its bytes
// after the rows read ahead (pipeline/count.ts, streamCounter). It must give exactly what the
// text path gives (NPS_PARALLEL_BYTES=off): the same stdout, stderr (row numbers of skipped
// rows, the values told) and exit code, on random exports with every kind of cell the long way
// handles, and on every CSV fixture.
import { closeSync, openSync, readSync } from 'node:fs';
import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../support/random.js';
import { BIN, ROOT, nps, spawned, type Run } from './run-nps.js';

const random = seededRandom(17);
const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** An export of `rows` rows: labelled, padded, quoted and bad scores; other date forms; weights of every form; short and long rows. */
function randomExport(rows: number): string {
  const lines = ['id,submitted,score,channel,w,csat,comment'];
  for (let i = 1; i <= rows; i++) {
    const fields = [
      String(i),
      pick(['2025-03-24T15:36:41Z', '2025-01-01', '2024-02-29 08:00:00', '2025-02-30', '', '03/04/2025', '"2025-06-01"', '45000']),
      pick(['0', '6', '7', '9', '10', '10', '9', '', ' 8 ', '"10"', '10 - Extremely likely', 'n/a', '11', '-1']),
      pick(['phone', 'email', 'chat', ' phone', '"web, app"', '', 'café']),
      pick(['1', '0.5', '2', '1.25', '1.1', '', 'x', '1,25', '2e-1', '"2"']),
      pick(['1', '3', '4', '5', '5', '', 'Very satisfied']),
      pick(['ok', '"multi\nline, with ""quotes"""', '', 'a,b']),
    ];
    const shape = random();
    if (shape < 0.03) fields.pop();
    else if (shape < 0.05) fields.push('extra');
    lines.push(fields.join(','));
    if (random() < 0.01) lines.push('');
  }
  return `${lines.join('\n')}\n`;
}

const ARGS = [
  ['score', '--format', 'json'],
  ['score', '--by', 'channel', '--period', 'month', '--date-format', 'mdy', '--format', 'csv'],
  ['score', '--weight', 'w', '--by', 'channel', '--format', 'json'],
  ['score', '--where', 'channel=phone', '--where', 'w!=2', '--format', 'json'],
  ['score', '--metric', 'nps,csat', '--by', 'channel', '--format', 'json'],
  ['trend', '--period', 'day', '--date-format', 'mdy', '--format', 'csv'],
  ['compare', '--split', '2025-03-01', '--date-format', 'mdy', '--format', 'json'],
  ['score', '--strict'],
];

/**
 * stdout, stderr and exit code of `nps …` on standard input, from bytes (the default: one part
 * for these small inputs, counted here) and in parts of `partBytes` on two threads, against the
 * text path.
 */
async function bothWays(args: string[], input: string | Buffer, partBytes = [3000, 20000]): Promise<Run> {
  const file = ['-'];
  const [command, ...rest] = args as [string, ...string[]];
  const text = await nps([command, ...file, ...rest], { input, env: { NPS_PARALLEL_BYTES: 'off' } });
  const bytes = await nps([command, ...file, ...rest], { input });
  expect(bytes, args.join(' ')).toEqual(text);
  for (const size of partBytes) {
    const parts = await nps([command, ...file, ...rest], { input, env: { NPS_PART_BYTES: String(size) } });
    expect(parts, `${args.join(' ')}, parts of ${size} bytes`).toEqual(text);
  }
  return bytes;
}

describe('standard input counted from bytes as it streams', () => {
  it('random exports of 3,000 rows: the output of the text path, for every kind of run', async () => {
    for (let round = 0; round < 3; round++) {
      const input = randomExport(3000);
      for (const args of ARGS) {
        const run = await bothWays(args, input);
        // Every run counts (--strict stops at the first bad score: exit 2).
        expect(run.exitCode, `${args.join(' ')}: ${run.stderr}`).toBe(args.includes('--strict') ? 2 : 0);
      }
    }
  }, 120_000);

  it('the counts are right, not merely alike: a plain export counted by hand', async () => {
    // 2,000 rows in a repeating pattern of 10 scores 0, 1, …, 9, 10 left out: per 10 rows 1 promoter (9), 2 passives, 7 detractors.
    const rows = Array.from({ length: 2000 }, (_, i) => `${i + 1},${i % 10},${i % 2 === 0 ? 'a' : 'b'}`);
    const run = await nps(['score', '-', '--by', 'channel', '--format', 'json'], { input: `id,score,channel\n${rows.join('\n')}\n` });
    const out = JSON.parse(run.stdout);
    expect(out.overall).toMatchObject({ responses: 2000, promoters: 200, passives: 400, detractors: 1400, nps: -60 });
    // Channel a holds the even scores (0, 2, 4, 6, 8): 200 passives (8), 800 detractors.
    expect(out.groups.find((g: { key: { channel: string } }) => g.key.channel === 'a')).toMatchObject({ responses: 1000, promoters: 0, passives: 200, detractors: 800 });
  });

  it('rows skipped far past the rows read ahead keep their row numbers (messages, --strict)', async () => {
    // Clean rows, then from row 20,001 on a bad score every 100 rows, a short row and a bad date:
    // past the first read of 64 KiB (about 2,600 rows here), only the bytes way reads them.
    const lines = ['id,submitted,score,channel'];
    for (let i = 1; i <= 30000; i++) {
      const late = i > 20000;
      const score = late && i % 100 === 0 ? 'n/a' : String(i % 11);
      const date = late && i % 100 === 50 ? '2025-02-30' : '2025-03-24';
      lines.push(late && i % 100 === 25 ? `${i},${date}` : `${i},${date},${score},${i % 2 === 0 ? 'phone' : 'web'}`);
    }
    const input = `${lines.join('\n')}\n`;
    const run = await bothWays(['score', '--period', 'month', '--format', 'json'], input);
    // Record numbers count the header: the row with id 20100 is row 20101.
    expect(run.stderr).toContain('all "n/a" (rows 20101, 20201, 20301');
    expect(run.stderr).toMatch(/rows? 20026\b/);
    expect(run.stderr).toContain('20051');
    const strict = await bothWays(['score', '--strict'], input);
    expect(strict.stderr).toContain('row 20101 has an invalid score');
  });

  it('every CSV fixture piped in: the same output either way', async () => {
    const files = (await readdir(`${ROOT}fixtures`)).filter((f) => /\.(csv|tsv|txt)$/.test(f));
    expect(files.length).toBeGreaterThan(25);
    for (const file of files) {
      const input = await readFile(`${ROOT}fixtures/${file}`);
      for (const args of [['score', '--format', 'json'], ['score', '--period', 'month', '--format', 'csv']]) await bothWays(args, input);
    }
  }, 120_000);

  it('errors as the text path gives them: a quote never closed, --strict, bytes that are not UTF-8 after the head', async () => {
    const input = randomExport(3000);
    await bothWays(['score'], `${input}3001,2025-01-01,9,phone,1,5,"never closed\n`);
    const latin = Buffer.concat([Buffer.from(input), Buffer.from('3001,2025-01-01,9,V\xe4xel,1,5,ok\n', 'latin1')]);
    await bothWays(['score'], latin);
    const strict = await nps(['score', '-', '--strict'], { input });
    expect(strict.exitCode).toBe(2);
  });

  it('gzip and UTF-16 files (read once, not cut into parts): the same output either way', async () => {
    const dir = await mkdtemp('/tmp/nps-stream-');
    const text = randomExport(4000);
    await writeFile(`${dir}/export.csv.gz`, gzipSync(Buffer.from(text)));
    await writeFile(`${dir}/export.csv`, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]));
    for (const path of [`${dir}/export.csv.gz`, `${dir}/export.csv`]) {
      for (const args of [['score', path, '--by', 'channel', '--format', 'json'], ['score', path, '--weight', 'w', '--period', 'month', '--date-format', 'dmy', '--format', 'csv']]) {
        const bytes = await nps(args, { env: { NPS_PARALLEL_BYTES: '0' } });
        const plain = await nps(args, { env: { NPS_PARALLEL_BYTES: 'off' } });
        expect(bytes, args.join(' ')).toEqual(plain);
        expect(bytes.exitCode, bytes.stderr).toBe(0);
      }
    }
  });

  /** The built CLI given the file itself as standard input (a redirect, `- < path`, not a pipe), once `skip` bytes of it are read. */
  function redirected(args: string[], path: string, skip = 0, env: Record<string, string> = {}): Run {
    const descriptor = openSync(path, 'r');
    try {
      if (skip > 0) readSync(descriptor, Buffer.alloc(skip), 0, skip, null);
      const run = spawnSync('node', [BIN, ...args], { stdio: [descriptor, 'pipe', 'pipe'], env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC', ...env } });
      return { exitCode: run.status ?? -1, stdout: String(run.stdout), stderr: String(run.stderr) };
    } finally {
      closeSync(descriptor);
    }
  }

  /** A run of `args` on the file named (which must succeed), checked to be what the file redirected to standard input gives, named stdin. */
  async function redirectedAsNamed(args: string[], path: string, env: Record<string, string> = {}): Promise<Run> {
    const named = await nps(args.map((a) => (a === '-' ? path : a)), { env });
    expect(named.exitCode, named.stderr).toBe(0);
    expect(redirected(args, path, 0, env), JSON.stringify(env)).toEqual({ ...named, stderr: named.stderr.replaceAll(path, 'stdin') });
    return named;
  }

  // `nps score - < export.csv`: standard input is a file, read through a path of its own
  // (main.ts, regularFileOf: counted in parts on the threads, as the file named is); a pipe is
  // process.stdin. Only a process has a descriptor 0 that is a file.
  it('a file on standard input (the built CLI): what the same file named, and piped, gives', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'nps-stdin-'));
    const path = join(directory, 'export.csv');
    // About 4 MB: several reads of 1 MB, records cut across them.
    await writeFile(path, randomExport(60000));
    const args = ['score', '-', '--by', 'channel', '--period', 'month', '--date-format', 'mdy', '--format', 'json'];
    const named = await redirectedAsNamed(args, path);
    // Counted in parts: the threads open the process's /proc/self/fd/0 and read their parts at offsets.
    await redirectedAsNamed(args, path, { NPS_PARALLEL_BYTES: '0', NPS_PART_BYTES: '300000' });
    const piped = await spawned(args, { input: await readFile(path) });
    expect(piped.stdout).toBe(named.stdout);
    await rm(directory, { recursive: true });
  }, 60_000);

  // What only a file can do: be read again. Windows-1252 found past the head that was UTF-8: the
  // file is read again as Windows-1252 (sources/decode.ts); a stream cannot be, and fails.
  it('a file on standard input (the built CLI) is read again when it is not UTF-8 past its head, as the file named', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'nps-stdin-'));
    const path = join(directory, 'export.csv');
    const ascii = Array.from({ length: 300000 }, (_, i) => `${i},${i % 11},phone`).join('\n');
    await writeFile(path, Buffer.concat([Buffer.from(`id,score,channel\n${ascii}\n`), Buffer.from('300000,10,Växel\n', 'latin1')]));
    const args = ['score', '-', '--by', 'channel', '--format', 'json'];
    const named = await redirectedAsNamed(args, path);
    expect(named.stderr).toContain('not UTF-8; read as windows-1252');
    const piped = await spawned(args, { input: await readFile(path) });
    expect(piped.exitCode).toBe(2);
    expect(piped.stderr).toMatch(/stdin: not valid UTF-8 after byte \d+ \(the start of the file was\)/);
    await rm(directory, { recursive: true });
  }, 60_000);

  // A file on standard input that something read from first (`{ read header; nps score -; } <
  // export.csv`): nps reads from where the descriptor is, as from a pipe, not the file from its start.
  it('a file on standard input read from already (the built CLI): what the rest of the file gives', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'nps-stdin-'));
    const path = join(directory, 'export.csv');
    // Two exports one after the other; the first is read before nps starts.
    const [first, second] = [Buffer.from(randomExport(500)), Buffer.from(randomExport(30000))];
    await writeFile(path, Buffer.concat([first, second]));
    const args = ['score', '-', '--by', 'channel', '--format', 'json'];
    const piped = await spawned(args, { input: second });
    expect(piped.exitCode, piped.stderr).toBe(0);
    expect(redirected(args, path, first.length)).toEqual(piped);
    await rm(directory, { recursive: true });
  }, 60_000);

  // In-process: the Io gives standard input's path, and a stream that fails if it is read.
  it('a file on standard input is counted as the file named is (threads, parts): the same stdout, stderr and exit code, named stdin', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'nps-stdin-'));
    const path = join(directory, 'export.csv');
    await writeFile(path, randomExport(20000));
    const env = { NPS_PARALLEL_BYTES: '0', NPS_PART_BYTES: '100000' };
    const commands = [
      ['score', '-', '--by', 'channel', '--period', 'month', '--date-format', 'mdy', '--format', 'json'],
      ['score', '-', '--weight', 'w', '--where', 'channel=phone', '--format', 'csv'],
      ['trend', '-', '--period', 'month', '--date-format', 'dmy', '--format', 'json'],
      ['list', '-', '--detractors', '--format', 'csv'],
      ['comments', '-', '--comment', 'comment', '--format', 'json'],
      ['inspect', '-'],
    ];
    for (const args of commands) {
      const named = await nps(args.map((a) => (a === '-' ? path : a)), { env });
      const redirected = await nps(args, { env, stdinFile: path });
      expect(redirected.exitCode, `${args.join(' ')}: ${redirected.stderr}`).toBe(named.exitCode);
      expect(redirected.stdout, args.join(' ')).toBe(named.stdout.replaceAll(path, 'stdin'));
      expect(redirected.stderr, args.join(' ')).toBe(named.stderr.replaceAll(path, 'stdin'));
    }
    await rm(directory, { recursive: true });
  }, 60_000);
});

