// `npm run bench`: wall time and peak memory of `nps score FILE --by channel --period month
// --format json` on generated exports, beside DuckDB doing the same aggregation, with a check
// that both count the same. Not a test: numbers for BENCHMARKS.md.
//   npm run bench                 all sizes (10M rows needs ~900 MB of disk in bench/out)
//   npm run bench -- --quick      20 rows and 1M rows only
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { generate } from './generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}bench/out`;
const quick = process.argv.includes('--quick');
const runs = Number(process.env.BENCH_RUNS ?? 3);
mkdirSync(out, { recursive: true });

/** Runs a command, polling the kernel's peak resident size (VmHWM) until it exits. */
function measure(command, args) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    const child = spawn(command, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        peak = Math.max(peak, kb);
      } catch {
        // gone
      }
    }, 10);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ seconds, peakMb: peak / 1024, stdout });
    });
  });
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

async function repeat(command, args, times = runs) {
  const results = [];
  for (let i = 0; i < times; i++) results.push(await measure(command, args));
  return { seconds: median(results.map((r) => r.seconds)), peakMb: Math.max(...results.map((r) => r.peakMb)), stdout: results[0].stdout };
}

function npsCounts(json) {
  const out = {};
  for (const g of JSON.parse(json).groups) out[`${g.key.channel}|${g.key.month}`] = [g.responses, g.promoters, g.detractors];
  return out;
}

async function ensure(rows, name) {
  const path = `${out}/${name}`;
  if (!existsSync(path)) {
    process.stderr.write(`generating ${name} (${rows} rows)…\n`);
    await generate(rows, path);
  }
  return path;
}

const sizes = quick ? [[20, '20.csv'], [1_000_000, '1m.csv']] : [[20, '20.csv'], [1_000_000, '1m.csv'], [10_000_000, '10m.csv']];
const lines = ['| export | size | nps wall (s) | nps peak (MB) | DuckDB wall (s) | DuckDB peak (MB) | nps / DuckDB | same counts |', '|---|---:|---:|---:|---:|---:|---:|---|'];
// Start-up is a few milliseconds on a noisy machine: the small file and `node -e 0` get more
// runs, taken in turns so that both see the same moments of the machine.
const startupRuns = Math.max(runs, 21);
let baseline = null;
for (const [rows, name] of sizes) {
  const path = await ensure(rows, name);
  const args = [`${root}bin/nps.cjs`, 'score', path, '--by', 'channel', '--period', 'month', '--format', 'json'];
  let nps;
  if (rows <= 1000) {
    await measure('node', args); // writes the code cache when there is none yet
    const turns = { nps: [], baseline: [] };
    for (let i = 0; i < startupRuns; i++) {
      turns.nps.push(await measure('node', args));
      turns.baseline.push(await measure('node', ['-e', '0']));
    }
    const summary = (list) => ({ seconds: median(list.map((r) => r.seconds)), peakMb: Math.max(...list.map((r) => r.peakMb)), stdout: list[0].stdout });
    nps = summary(turns.nps);
    baseline = summary(turns.baseline);
  } else nps = await repeat('node', args);
  const duck = await repeat('node', [`${root}bench/duckdb-query.mjs`, path]);
  const a = npsCounts(nps.stdout);
  const b = JSON.parse(duck.stdout);
  const same = JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
  const mb = (statSync(path).size / 1e6).toFixed(1);
  lines.push(`| ${name} (${rows.toLocaleString('en')} rows) | ${mb} MB | ${nps.seconds.toFixed(3)} | ${nps.peakMb.toFixed(0)} | ${duck.seconds.toFixed(3)} | ${duck.peakMb.toFixed(0)} | ${(nps.seconds / duck.seconds).toFixed(2)} | ${same ? 'yes' : 'NO'} |`);
  process.stderr.write(`${lines.at(-1)}\n`);
}
// The same 1M rows as a workbook: nps reads it; DuckDB's counts of the CSV twin are the check.
{
  const csv = await ensure(1_000_000, '1m.csv');
  const path = await ensure(1_000_000, '1m.xlsx');
  const nps = await repeat('node', [`${root}bin/nps.cjs`, 'score', path, '--by', 'channel', '--period', 'month', '--format', 'json']);
  const duck = await repeat('node', [`${root}bench/duckdb-query.mjs`, csv]);
  const same = JSON.stringify(Object.entries(npsCounts(nps.stdout)).sort()) === JSON.stringify(Object.entries(JSON.parse(duck.stdout)).sort());
  const mb = (statSync(path).size / 1e6).toFixed(1);
  lines.push(`| 1m.xlsx (1,000,000 rows) | ${mb} MB | ${nps.seconds.toFixed(3)} | ${nps.peakMb.toFixed(0)} | (${duck.seconds.toFixed(3)} on the CSV) | – | – | ${same ? 'yes' : 'NO'} |`);
  process.stderr.write(`${lines.at(-1)}\n`);
}
lines.push(
  '',
  `\`node -e 0\`: ${(baseline.seconds * 1000).toFixed(0)} ms (start-up baseline, median of ${startupRuns} runs taken in turns with the 20-row file's). Other rows: median of ${runs} runs; peak = the largest VmHWM seen.`,
);
process.stdout.write(`${lines.join('\n')}\n`);
