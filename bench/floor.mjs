// `npm run bench:floor`: what the many-groups rows of bench/commands.mjs cannot go below, beside
// their DuckDB queries and nps, in turns. Not a test: numbers for BENCHMARKS.md (issue 17).
//   count floor: bench/floor-count.mjs, every row of the export read and counted into the row's
//                groups by a program that knows the export's layout and does nothing else (no
//                CSV parsing, no values' text, no statistics), on 2 threads as nps;
//   JSON floor:  V8's JSON.stringify of the row's groups alone, as nps writes them (pieces of
//                100 groups, indented; render/json.ts), from shapes already made (nothing read,
//                counted or worked out), written to a file, as nps and DuckDB write theirs
//                (bench/commands.mjs).
// nps must count every row before it can write a group (the shrinkage and the overall figures
// need them all), so its time is at least the two added up. Before the runs, the count floor's
// counts are checked against nps's: every group's 11 counts.
//   npm run bench:floor                  10M rows
//   npm run bench:floor -- --rows 1m     1M rows
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, statSync, writeSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CASES } from './cases.mjs';
import { AGENTS, DAYS, FIRST_DAY, SEGMENTS, groupCount, groupNumber } from './floor-count.mjs';
import { ensureExport, exportSize } from './generate.mjs';
import { measure, median } from './measure.mjs';

const PIECE = 100;

if (process.argv[2] === '--stringify') {
  // The child: writes the groups of an nps JSON document (argv[3]) to a file (argv[4]) as nps
  // writes them; its seconds, from the first piece to the file closed.
  const { groups } = JSON.parse(readFileSync(process.argv[3], 'utf8'));
  const started = process.hrtime.bigint();
  const fd = openSync(process.argv[4], 'w');
  for (let from = 0; from < groups.length; from += PIECE) writeSync(fd, JSON.stringify({ items: groups.slice(from, from + PIECE) }, null, 2));
  closeSync(fd);
  process.stdout.write(JSON.stringify({ seconds: Number(process.hrtime.bigint() - started) / 1e9 }));
  process.exit(0);
}

/** Every group of nps's JSON document `document` has the count floor's counts (`counts`, by `key`), and no group is left over. */
function checkCounts(document, counts, key) {
  const { groups } = JSON.parse(readFileSync(document, 'utf8'));
  const seen = new Uint8Array(groupCount(key));
  for (const group of groups) {
    const agent = Number(/^agent(\d+)$/.exec(group.key.agent)?.[1]);
    const segment = key === 'agent,segment,day' ? SEGMENTS.indexOf(group.key.segment) : 0;
    const day = Date.parse(`${group.key.day}T00:00:00Z`) / 86400000 - FIRST_DAY;
    if (!(agent < AGENTS && segment >= 0 && day >= 0 && day < DAYS)) throw new Error(`group ${JSON.stringify(group.key)}: not the bench's export`);
    const number = groupNumber(key, agent, segment, day);
    const mine = Array.from(counts.subarray(number * 11, number * 11 + 11));
    if (mine.join() !== group.distribution.join()) throw new Error(`group ${JSON.stringify(group.key)}: nps counts ${group.distribution}, the floor ${mine}`);
    seen[number] = 1;
  }
  for (let number = 0; number < seen.length; number++) {
    if (seen[number] === 0 && counts.subarray(number * 11, number * 11 + 11).some((n) => n > 0)) throw new Error(`the floor counts a group nps has not (number ${number})`);
  }
  return groups.length;
}

const root = fileURLToPath(new URL('..', import.meta.url));
const out = `${root}bench/out`;
mkdirSync(out, { recursive: true });
const { size, rows } = exportSize(process.argv);
const runs = Number(process.env.BENCH_RUNS ?? 3);
const file = await ensureExport(rows, `${out}/${size}.csv`);
const scratch = `${out}/duckdb-scratch.csv`;
const npsScratch = `${out}/nps-scratch.out`;
const nps = (args) => measure('node', [`${root}bin/nps.cjs`, ...args, '-q']);

const many = CASES.flatMap((bench, index) => (bench.manyGroups ? [{ bench, index, key: bench.manyGroups, document: `${out}/floor-${index}.json` }] : []));
const countFloor = (row, ...more) => measure('node', [`${root}bench/floor-count.mjs`, file, row.key, ...more]);
// Each row's JSON, once, for the JSON floor; the count floor's counts checked against it.
for (const row of many) {
  await nps([...row.bench.nps(file), '-o', row.document]);
  const counts = `${out}/floor-${row.index}.counts`;
  await countFloor(row, counts);
  row.groups = checkCounts(row.document, new Uint32Array(readFileSync(counts).buffer), row.key);
  rmSync(counts);
  row.npsBytes = statSync(row.document).size;
  Object.assign(row, { count: [], json: [], duck: [], nps: [] });
}

for (let i = 0; i < runs; i++) {
  for (const row of many) {
    row.count.push((await countFloor(row)).seconds);
    const child = await measure('node', [fileURLToPath(import.meta.url), '--stringify', row.document, npsScratch]);
    row.json.push(JSON.parse(child.stdout).seconds);
    row.duck.push((await measure('node', [`${root}bench/duckdb-case.mjs`, file, String(row.index), scratch])).seconds);
    row.duckBytes = statSync(scratch).size;
    rmSync(scratch, { force: true });
    row.nps.push((await nps([...row.bench.nps(file), '-o', npsScratch])).seconds);
  }
}
for (const row of many) rmSync(row.document, { force: true });
rmSync(npsScratch, { force: true });

const seconds = (list) => median(list).toFixed(2);
const megabytes = (bytes) => (bytes / 1e6).toFixed(0);
const lines = [
  `| row (${size}.csv) | groups | written, nps / DuckDB (MB) | count floor (s) | JSON floor (s) | floors added (s) | 0.8 × DuckDB (s) | DuckDB (s) | nps (s) | every run: count, JSON / DuckDB / nps (s) |`,
  '|---|---:|---:|---:|---:|---:|---:|---:|---:|---|',
];
for (const row of many) {
  const floor = median(row.count) + median(row.json);
  const list = (values) => values.map((v) => v.toFixed(2)).join(', ');
  lines.push(
    `| \`${row.bench.name}\` | ${row.groups} | ${megabytes(row.npsBytes)} / ${megabytes(row.duckBytes)} | ${seconds(row.count)} | ${seconds(row.json)} | ${floor.toFixed(2)} | ${(0.8 * median(row.duck)).toFixed(2)} | ${seconds(row.duck)} | ${seconds(row.nps)} | ${list(row.count)}; ${list(row.json)} / ${list(row.duck)} / ${list(row.nps)} |`,
  );
}
lines.push('', `Median of ${runs} runs each, in turns; every group's counts of the count floor checked against nps's.`);
process.stdout.write(`${lines.join('\n')}\n`);
