// The DuckDB side of one bench case (bench/cases.mjs), 2 threads as nps has: prints its answer as
// JSON, or, for a case that writes its rows to SCRATCH-FILE, nothing (bench/commands.mjs reads
// them after the timed run). FILE may be /dev/stdin.
// Usage: node bench/duckdb-case.mjs FILE CASE-NUMBER SCRATCH-FILE
import { DuckDBInstance } from '@duckdb/node-api';
import { CASES, duckAnswerOf } from './cases.mjs';

const [file, index, scratch] = process.argv.slice(2);
const bench = CASES[Number(index)];
const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await db.connect();
const reader = await connection.runAndReadAll(bench.sql(file, scratch));
if (!bench.writesRows) process.stdout.write(JSON.stringify(duckAnswerOf(bench, reader.getRows(), scratch)));
