// `npm run bench:commands`: every command of issue 17 on a generated export, each beside the
// DuckDB query that answers the same question (bench/cases.mjs), in turns, with a check that
// both give the same answer. Not a test: numbers for BENCHMARKS.md.
//   npm run bench:commands                    10M rows
//   npm run bench:commands -- --rows 1m       1M rows
//   npm run bench:commands -- --only dedupe   the cases whose name holds "dedupe"
//   npm run bench:commands -- --file x.csv    another export with bench/generate.mjs's columns
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { agrees, CASES, duckAnswerOf } from './cases.mjs';
import { ensureExport, exportSize } from './generate.mjs';
import { measure, median } from './measure.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}bench/out`;
mkdirSync(out, { recursive: true });
const argument = (name) => {
  const at = process.argv.indexOf(name);
  return at < 0 ? undefined : process.argv[at + 1];
};
const { size, rows } = exportSize(process.argv);
const only = argument('--only');
const runs = Number(process.env.BENCH_RUNS ?? 3);
// --file: another export of the generator's columns (a small one, to check the answers agree).
const exportPath = argument('--file') ?? `${out}/${size}.csv`;
if (argument('--file') === undefined) await ensureExport(rows, exportPath);
const scratch = `${out}/duckdb-scratch.csv`;
// Where the query writes its rows to a file (`writesRows`), nps writes its answer to a file too
// (-o), read back after the runs: both then write to a file, where nps wrote into a pipe the bench
// read (~0.6 s more than a file for the ~370 MB of ~438,000 groups: BENCHMARKS.md, eighteenth session).
const npsScratch = `${out}/nps-scratch.out`;

const label = argument('--file') ?? `${size}.csv, ${rows.toLocaleString('en')} rows`;
const lines = [`| command (${label}) | nps (s) | DuckDB (s) | nps / DuckDB | nps peak (MB) | DuckDB peak (MB) | same answer | every run, nps / DuckDB (s) |`, '|---|---:|---:|---:|---:|---:|---|---|'];
for (const [index, bench] of CASES.entries()) {
  if (only && !bench.name.includes(only)) continue;
  // A case on an export of its own size (start-up: 20 rows).
  const path = bench.rows === undefined ? exportPath : await ensureExport(bench.rows, `${out}/${bench.rows}.csv`);
  const npsRuns = [];
  const duckRuns = [];
  // In turns, so that both see the same moments of the machine.
  for (let i = 0; i < runs; i++) {
    const written = bench.writesRows ? ['-o', npsScratch] : [];
    npsRuns.push(await measure('node', [`${root}bin/nps.cjs`, ...bench.nps(path), '-q', ...written], bench.stdin && { path, pipe: bench.stdin === 'pipe' }));
    // A pipe to nps is a pipe to DuckDB too.
    const duckPipe = bench.stdin === 'pipe' ? { path, pipe: true } : undefined;
    duckRuns.push(await measure('node', [`${root}bench/duckdb-case.mjs`, duckPipe ? '/dev/stdin' : path, String(index), scratch], duckPipe));
  }
  const summary = (list) => ({ seconds: median(list.map((r) => r.seconds)), peakMb: Math.max(...list.map((r) => r.peakMb)) });
  const [a, b] = [summary(npsRuns), summary(duckRuns)];
  // Rows DuckDB and nps wrote (the last run's, the same as every run's) are read here, outside their time.
  const duckAnswer = bench.writesRows ? duckAnswerOf(bench, [], scratch) : JSON.parse(duckRuns[0].stdout);
  const npsAnswer = bench.npsAnswer(bench.writesRows ? readFileSync(npsScratch, 'utf8') : npsRuns[0].stdout);
  rmSync(npsScratch, { force: true });
  const same = agrees(bench, npsAnswer, duckAnswer);
  lines.push(`| \`${bench.name}\` | ${a.seconds.toFixed(2)} | ${b.seconds.toFixed(2)} | ${(a.seconds / b.seconds).toFixed(2)} | ${a.peakMb.toFixed(0)} | ${b.peakMb.toFixed(0)} | ${same ? 'yes' : 'NO'} | ${npsRuns.map((r) => r.seconds.toFixed(2)).join(', ')} / ${duckRuns.map((r) => r.seconds.toFixed(2)).join(', ')} |`);
  process.stderr.write(`${lines.at(-1)}\n`);
}
lines.push('', `Median of ${runs} runs each, nps and DuckDB in turns; peak = the largest VmHWM seen.`);
process.stdout.write(`${lines.join('\n')}\n`);
