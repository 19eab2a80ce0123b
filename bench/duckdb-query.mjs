// The same aggregation as `nps score FILE --by channel --period month`, in DuckDB (2 threads):
// prints { "channel|month": [responses, promoters, detractors] } as JSON.
import { DuckDBInstance } from '@duckdb/node-api';

const file = process.argv[2];
const db = await DuckDBInstance.create(':memory:', { threads: '2' });
const connection = await db.connect();
const sql = `
  select channel, substr(submitted_at::varchar, 1, 7) as month,
         count(*) as n, count(*) filter (where score >= 9) as p, count(*) filter (where score <= 6) as d
  from read_csv('${file.replace(/'/g, "''")}', header = true, columns = {
    'id': 'VARCHAR', 'submitted_at': 'VARCHAR', 'score': 'INTEGER', 'channel': 'VARCHAR',
    'agent': 'VARCHAR', 'segment': 'VARCHAR', 'comment': 'VARCHAR', 'respondent': 'VARCHAR',
    'w': 'DOUBLE', 'csat': 'INTEGER', 'ces': 'INTEGER'})
  where score between 0 and 10
  group by all`;
const reader = await connection.runAndReadAll(sql);
const out = {};
for (const [channel, month, n, p, d] of reader.getRows()) out[`${channel}|${month}`] = [Number(n), Number(p), Number(d)];
process.stdout.write(JSON.stringify(out));
