// `npm run bench`: wall time and peak memory of `nps score FILE --by channel --period month
// --format json` on generated exports, beside DuckDB doing the same aggregation, with a check
// that both count the same. Not a test: numbers for BENCHMARKS.md.
//   npm run bench                 all sizes (10M rows needs ~1 GB of disk in bench/out)
//   npm run bench -- --quick      20 rows and 1M rows only
import { spawnSync } from 'node:child_process';
import { mkdirSync, statSync } from 'node:fs';
import { measure, median, repeatRuns } from './measure.mjs';

const repeat = (command, args) => repeatRuns(command, args, runs);
import { fileURLToPath } from 'node:url';
import { ensureExport } from './generate.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}bench/out`;
const quick = process.argv.includes('--quick');
const runs = Number(process.env.BENCH_RUNS ?? 3);
mkdirSync(out, { recursive: true });

function npsCounts(json) {
  const out = {};
  for (const g of JSON.parse(json).groups) out[`${g.key.channel}|${g.key.month}`] = [g.responses, g.promoters, g.detractors];
  return out;
}

const ensure = (rows, name) => ensureExport(rows, `${out}/${name}`);

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

// Every command, each beside its DuckDB query (its own table).
process.stdout.write('\n');
const commands = spawnSync('node', [`${root}bench/commands.mjs`, ...(quick ? ['--rows', '1m'] : [])], { stdio: 'inherit' });
if (commands.status !== 0) process.exit(commands.status ?? 1);
