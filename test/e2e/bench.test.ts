// `npm run bench` (bench/run.mjs) is not a test: it measures. What it relies on is tested here,
// small: the generator writes the same export every time, as CSV and as a workbook, and nps
// and the DuckDB query count it alike per channel and month (the "same counts" column).
import { execa } from 'execa';
import { mkdtemp, readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ROOT, scoreJson } from './run-nps.js';

/** nps's JSON as the bench compares it: "channel|month" → [responses, promoters, detractors]. */
function byChannelAndMonth(json: Awaited<ReturnType<typeof scoreJson>>): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const group of json.groups) out[`${group.key.channel}|${group.key.month}`] = [group.responses, group.promoters, group.detractors];
  return out;
}

const sorted = (counts: Record<string, number[]>) => Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1));

describe('the bench', () => {
  it('generates the same export every time; nps counts it as DuckDB does, from the CSV and from the workbook, in parts too', async () => {
    const dir = await mkdtemp('/tmp/nps-bench-');
    for (const name of ['a.csv', 'b.csv', 'c.xlsx']) await execa('node', [`${ROOT}bench/generate.mjs`, '3000', `${dir}/${name}`], { cwd: ROOT });
    expect(await readFile(`${dir}/a.csv`)).toEqual(await readFile(`${dir}/b.csv`));

    const duck = JSON.parse((await execa('node', [`${ROOT}bench/duckdb-query.mjs`, `${dir}/a.csv`], { cwd: ROOT })).stdout) as Record<string, number[]>;
    const total = Object.values(duck).reduce((sum, [n]) => sum + (n ?? 0), 0);
    expect(total).toBe(3000);
    // One thread; parts; the workbook streamed (as at 1M rows) and through SheetJS.
    for (const [file, env] of [
      [`${dir}/a.csv`, {}],
      [`${dir}/a.csv`, { NPS_PARALLEL_BYTES: '0', NPS_PART_BYTES: '20000' }],
      [`${dir}/c.xlsx`, { NPS_XLSX_STREAM_BYTES: '0' }],
      [`${dir}/c.xlsx`, { NPS_XLSX_STREAM_BYTES: '0', NPS_XLSX_THREAD_BYTES: '0' }],
      [`${dir}/c.xlsx`, { NPS_XLSX_STREAM_BYTES: 'off' }],
    ] as const) {
      const json = await scoreJson([file, '--by', 'channel', '--period', 'month'], { env });
      expect(sorted(byChannelAndMonth(json)), `${file} ${JSON.stringify(env)}`).toEqual(sorted(duck));
    }
  }, 60_000);
});

describe('the bench of every command (bench/cases.mjs)', () => {
  it('each case: nps and its DuckDB query give the same answer on a generated export', async () => {
    const { agrees, canonical, CASES, duckAnswerOf } = await import('../../bench/cases.mjs');
    const { DuckDBInstance } = await import('@duckdb/node-api');
    const { nps } = await import('./run-nps.js');
    const dir = await mkdtemp('/tmp/nps-bench-cases-');
    const file = `${dir}/export.csv`;
    await execa('node', [`${ROOT}bench/generate.mjs`, '4000', file], { cwd: ROOT });
    const connection = await (await DuckDBInstance.create(':memory:', { threads: '2' })).connect();
    expect(CASES.length).toBe(16);
    for (const bench of CASES) {
      const stdin = bench.stdin === 'pipe' ? { input: await readFile(file) } : bench.stdin === 'file' ? { stdinFile: file } : {};
      const run = await nps([...bench.nps(file), '-q'], stdin);
      expect(run.exitCode, `${bench.name}: ${run.stderr}`).toBe(0);
      const scratch = `${dir}/scratch.csv`;
      const reader = await connection.runAndReadAll(bench.sql(file, scratch));
      const [mine, theirs] = [bench.npsAnswer(run.stdout), duckAnswerOf(bench, reader.getRows(), scratch)];
      expect(agrees(bench, mine, theirs), `${bench.name}: ${canonical(mine)} against ${canonical(theirs)}`).toBe(true);
    }
  }, 120_000);
});

