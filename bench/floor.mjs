// `npm run bench:floor`: what the many-groups rows of bench/commands.mjs cannot go below, beside
// their DuckDB queries, in turns. Not a test: numbers for BENCHMARKS.md (issue 17).
//   count floor: `nps score FILE --by channel --period month`, every row read and counted
//                into 120 groups: what reading and counting the file takes with few groups;
//   JSON floor:  V8's JSON.stringify of the row's groups alone, as nps writes them (pieces of
//                100 groups, indented; render/json.ts), from shapes already made: no reading,
//                no counting, no statistics, nothing written out.
// nps must count every row before it can write a group (the shrinkage and the overall figures
// need them all), so its time is at least the two added up.
//   npm run bench:floor                  10M rows
//   npm run bench:floor -- --rows 1m     1M rows
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CASES } from './cases.mjs';
import { ensureExport, exportSize } from './generate.mjs';
import { measure, median } from './measure.mjs';

const PIECE = 100;

if (process.argv[2] === '--stringify') {
  // The child: seconds to write the groups of an nps JSON document as nps writes them.
  const { groups } = JSON.parse(readFileSync(process.argv[3], 'utf8'));
  const started = process.hrtime.bigint();
  let length = 0;
  for (let from = 0; from < groups.length; from += PIECE) length += JSON.stringify({ items: groups.slice(from, from + PIECE) }, null, 2).length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stdout.write(JSON.stringify({ seconds, length }));
  process.exit(0);
}

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}bench/out`;
mkdirSync(out, { recursive: true });
const { size, rows } = exportSize(process.argv);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const file = await ensureExport(rows, `${out}/${size}.csv`);
const scratch = `${out}/duckdb-scratch.csv`;
const nps = (args) => measure('node', [`${root}bin/nps.cjs`, ...args, '-q']);

const many = CASES.flatMap((bench, index) => (bench.manyGroups ? [{ bench, index, document: `${out}/floor-${index}.json` }] : []));
// Each row's JSON, once, for the JSON floor.
for (const row of many) await nps([...row.bench.nps(file), '-o', row.document]);

const countRuns = [];
for (const row of many) Object.assign(row, { json: [], duck: [], nps: [] });
for (let i = 0; i < runs; i++) {
  countRuns.push((await nps(['score', file, '--by', 'channel', '--period', 'month', '--format', 'json'])).seconds);
  for (const row of many) {
    const child = spawnSync('node', [fileURLToPath(import.meta.url), '--stringify', row.document], { encoding: 'utf8', maxBuffer: 1 << 20 });
    if (child.status !== 0) throw new Error(child.stderr);
    row.json.push(JSON.parse(child.stdout).seconds);
    row.duck.push((await measure('node', [`${root}bench/duckdb-case.mjs`, file, String(row.index), scratch])).seconds);
    rmSync(scratch, { force: true });
    row.nps.push((await nps(row.bench.nps(file))).seconds);
  }
}
for (const row of many) rmSync(row.document, { force: true });

const seconds = (list) => median(list).toFixed(2);
const lines = [
  `| row (${size}.csv) | count floor (s) | JSON floor (s) | floors added (s) | 0.8 × DuckDB (s) | DuckDB (s) | nps (s) | every run: count, JSON / DuckDB / nps (s) |`,
  '|---|---:|---:|---:|---:|---:|---:|---|',
];
for (const row of many) {
  const floor = median(countRuns) + median(row.json);
  const list = (values) => values.map((v) => v.toFixed(2)).join(', ');
  lines.push(
    `| \`${row.bench.name}\` | ${seconds(countRuns)} | ${seconds(row.json)} | ${floor.toFixed(2)} | ${(0.8 * median(row.duck)).toFixed(2)} | ${seconds(row.duck)} | ${seconds(row.nps)} | ${list(countRuns)}; ${list(row.json)} / ${list(row.duck)} / ${list(row.nps)} |`,
  );
}
lines.push('', `Median of ${runs} runs each, in turns.`);
process.stdout.write(`${lines.join('\n')}\n`);
