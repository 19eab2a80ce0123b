// The DuckDB side of one bench case (bench/cases.mjs), 2 threads as nps has: prints its answer as JSON.
// Usage: node bench/duckdb-case.mjs FILE CASE-NUMBER SCRATCH-FILE
import { readFileSync, rmSync } from 'node:fs';
import { DuckDBInstance } from '@duckdb/node-api';
import { CASES } from './cases.mjs';

const [file, index, scratch] = process.argv.slice(2);
const bench = CASES[Number(index)];
const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await db.connect();
const reader = await connection.runAndReadAll(bench.sql(file, scratch));
const counted = bench.after ? bench.after(scratch, (path) => readFileSync(path, 'utf8').split('\n').filter((line) => line !== '').length) : undefined;
// The rows DuckDB wrote were only counted: the file goes (at 10M rows it is some hundred MB).
if (bench.after) rmSync(scratch, { force: true });
process.stdout.write(JSON.stringify(bench.duckAnswer(reader.getRows(), counted)));
