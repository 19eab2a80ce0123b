// Every command the bench measures (issue 17), each with the DuckDB query that answers the same
// question and what both must agree on: `nps(stdout)` and `duck(rows)` give the same JSON.
// Used by bench/commands.mjs (the timing), bench/duckdb-case.mjs (the DuckDB side) and the test
// that keeps the cases honest (test/e2e/bench.test.ts).

import { readFileSync, rmSync } from 'node:fs';

/** The generated export as DuckDB reads it (bench/generate.mjs's columns). */
export const source = (file) => `read_csv('${file.replace(/'/g, "''")}', header = true, columns = {
  'id': 'BIGINT', 'submitted_at': 'VARCHAR', 'score': 'INTEGER', 'channel': 'VARCHAR', 'agent': 'VARCHAR',
  'segment': 'VARCHAR', 'comment': 'VARCHAR', 'respondent': 'VARCHAR', 'w': 'DOUBLE', 'csat': 'INTEGER', 'ces': 'INTEGER'})`;

/** The export's columns, each profiled by inspect; those with a value a row (past 1,000 in any export the bench makes). */
const PROFILED = ['id', 'submitted_at', 'score', 'channel', 'agent', 'segment', 'comment', 'respondent', 'w', 'csat', 'ces'];
const UNIQUE = ['id', 'submitted_at', 'respondent'];
const PD = 'count(*) as n, count(*) filter (where score >= 9) as p, count(*) filter (where score <= 6) as d';
const VALID = 'score between 0 and 10';
const num = (v) => Number(v);
/** { key: [n, p, d] } from nps's groups, keyed by the values of `keys` joined with "|". */
const groupsOf = (stdout, keys) => Object.fromEntries(JSON.parse(stdout).groups.map((g) => [keys.map((k) => g.key[k]).join('|'), [g.responses, g.promoters, g.detractors]]));
/** The same, from the groups DuckDB wrote a line of JSON each. */
const groupsWritten = (lines, keys) => Object.fromEntries(lines.map((line) => JSON.parse(line)).map((g) => [keys.map((k) => g[k]).join('|'), [g.n, g.p, g.d]]));
const rowsAsMap = (rows) => Object.fromEntries(rows.map(([key, ...rest]) => [key, rest.map(num)]));
const overall = (stdout) => {
  const o = JSON.parse(stdout).overall;
  return [o.responses, o.promoters, o.detractors];
};

/** `score -` by channel and month, and its query: the export given on standard input, as a file or through a pipe. */
const BY_MONTH_FROM_STDIN = {
  nps: () => ['score', '-', '--by', 'channel', '--period', 'month', '--format', 'json'],
  sql: (f) => `select channel || '|' || substr(submitted_at, 1, 7), ${PD} from ${source(f)} where ${VALID} group by 1`,
  npsAnswer: (out) => groupsOf(out, ['channel', 'month']),
  duckAnswer: rowsAsMap,
};

export const CASES = [
  {
    name: 'score --by channel --period month',
    nps: (f) => ['score', f, '--by', 'channel', '--period', 'month', '--format', 'json'],
    sql: (f) => `select channel || '|' || substr(submitted_at, 1, 7), ${PD} from ${source(f)} where ${VALID} group by 1`,
    npsAnswer: (out) => groupsOf(out, ['channel', 'month']),
    duckAnswer: rowsAsMap,
  },
  {
    name: 'trend --period month --by channel',
    nps: (f) => ['trend', f, '--period', 'month', '--by', 'channel', '--format', 'json'],
    sql: (f) => `select channel || '|' || substr(submitted_at, 1, 7), ${PD} from ${source(f)} where ${VALID} group by 1`,
    npsAnswer: (out) => groupsOf(out, ['channel', 'month']),
    duckAnswer: rowsAsMap,
  },
  {
    name: 'compare --split 2025-01-01',
    nps: (f) => ['compare', f, '--split', '2025-01-01', '--format', 'json'],
    sql: (f) => `select case when submitted_at < '2025-01-01' then 'a' else 'b' end, ${PD} from ${source(f)} where ${VALID} group by 1`,
    npsAnswer: (out) => {
      const j = JSON.parse(out);
      return { a: [j.a.responses, j.a.promoters, j.a.detractors], b: [j.b.responses, j.b.promoters, j.b.detractors] };
    },
    duckAnswer: rowsAsMap,
  },
  // `nps score - < export.csv`: the file itself on standard input.
  { name: 'score - (standard input)', stdin: 'file', ...BY_MONTH_FROM_STDIN },
  // `cat export.csv | nps score -`: a pipe, read once as it streams; DuckDB reads the same pipe
  // (/dev/stdin). Before 2026-12-02 DuckDB read the file itself, in parallel: not the same work.
  { name: 'score - (a pipe)', stdin: 'pipe', ...BY_MONTH_FROM_STDIN },
  {
    name: 'score --metric nps,csat,ces',
    nps: (f) => ['score', f, '--metric', 'nps,csat,ces', '--format', 'json'],
    sql: (f) => `select count(*), count(*) filter (where score >= 9), count(*) filter (where score <= 6), count(*) filter (where csat >= 4), count(*) filter (where ces >= 5) from ${source(f)}`,
    npsAnswer: (out) => {
      const m = JSON.parse(out).metrics;
      return [m.nps.overall.responses, m.nps.overall.promoters, m.nps.overall.detractors, m.csat.overall.satisfied, m.ces.overall.easy];
    },
    duckAnswer: (rows) => rows[0].map(num),
  },
  {
    name: 'score --weight w',
    nps: (f) => ['score', f, '--weight', 'w', '--format', 'json'],
    sql: (f) => `select count(*), round(sum(w), 1) from ${source(f)} where ${VALID}`,
    npsAnswer: (out) => {
      const o = JSON.parse(out).overall;
      return [o.responses, Math.round(o.weight * 10) / 10];
    },
    duckAnswer: (rows) => rows[0].map(num),
  },
  {
    name: 'score --where channel=phone',
    nps: (f) => ['score', f, '--where', 'channel=phone', '--format', 'json'],
    sql: (f) => `select ${PD} from ${source(f)} where ${VALID} and channel = 'phone'`,
    npsAnswer: overall,
    duckAnswer: (rows) => rows[0].map(num),
  },
  {
    name: 'drivers --by channel --by agent',
    nps: (f) => ['drivers', f, '--by', 'channel', '--by', 'agent', '--format', 'json'],
    sql: (f) =>
      `select 'channel=' || channel, ${PD} from ${source(f)} where ${VALID} group by 1 union all select 'agent=' || agent, ${PD} from ${source(f)} where ${VALID} group by 1`,
    npsAnswer: (out) => Object.fromEntries(JSON.parse(out).drivers.map((g) => [Object.entries(g.key).map(([k, v]) => `${k}=${v}`).join(), [g.responses, g.promoters, g.detractors]])),
    duckAnswer: rowsAsMap,
  },
  {
    // nps splits each comment into words (and pairs of words; stop words left out) and counts per
    // class the comments that hold each; so does the query (words only). Before 2026-12-01 the
    // query counted the comments per class and split none: not the same work.
    name: 'comments --comment comment',
    nps: (f) => ['comments', f, '--comment', 'comment', '--top', '100', '--format', 'json'],
    sql: (f) => `with a as (select case when score >= 9 then 'promoters' when score >= 7 then 'passives' else 'detractors' end as class, comment from ${source(f)} where ${VALID}),
      c as (select class, count(*) as n, count(*) filter (where coalesce(trim(comment), '') <> '') as m from a group by 1),
      w as (select class, word, count(*) as k from (select class, unnest(list_distinct(regexp_extract_all(lower(comment), '[\\p{L}\\p{N}]+'))) as word from a) group by 1, 2)
      select c.class, c.n, c.m, w.word, w.k from c left join w using (class)`,
    npsAnswer: (out) =>
      Object.fromEntries(
        Object.entries(JSON.parse(out).classes).map(([k, v]) => [k, { responses: v.responses, withComment: v.withComment, words: Object.fromEntries(v.terms.filter((t) => !t.term.includes(' ')).map((t) => [t.term, t.count])) }]),
      ),
    duckAnswer: (rows) => {
      const out = {};
      for (const [name, n, m, word, k] of rows) {
        out[name] ??= { responses: num(n), withComment: num(m), words: {} };
        if (word !== null) out[name].words[word] = num(k);
      }
      return out;
    },
    // nps lists the words most characteristic of each class: each one listed (at least one in all) has the count DuckDB gives it.
    agree: (mine, theirs) =>
      canonical(Object.keys(mine).sort()) === canonical(Object.keys(theirs).sort()) &&
      Object.values(mine).some((c) => Object.keys(c.words).length > 0) &&
      Object.entries(mine).every(([name, c]) => c.responses === theirs[name].responses && c.withComment === theirs[name].withComment && Object.entries(c.words).every(([word, k]) => theirs[name].words[word] === k)),
  },
  {
    name: 'inspect',
    nps: (f) => ['inspect', f, '--format', 'json'],
    // What inspect tells of every column, each read as text: its blanks, and its distinct values
    // up to 1,000 (more: "capped"); the date column's first and last day; the score's counts.
    // The columns of a value a row (ids, timestamps, respondents) by DuckDB's estimate
    // (HyperLogLog): nps counts distinct values only up to 1,000, and an exact count of millions
    // is more work than nps does (16 s and 1.7 GB at 10M rows); the others exactly.
    sql: (f) => `select count(*), ${PROFILED.map((c) => `count(*) filter (where coalesce(trim("${c}"), '') = ''), ${UNIQUE.includes(c) ? 'approx_count_distinct' : 'count'}(${UNIQUE.includes(c) ? '' : 'distinct '}nullif(trim("${c}"), ''))`).join(', ')},
      min(substr(nullif(trim(submitted_at), ''), 1, 10)), max(substr(nullif(trim(submitted_at), ''), 1, 10)),
      ${Array.from({ length: 11 }, (_, k) => `count(*) filter (where try_cast(trim(score) as integer) = ${k})`).join(', ')}
      from read_csv('${f.replace(/'/g, "''")}', header = true, all_varchar = true)`,
    npsAnswer: (out) => {
      const j = JSON.parse(out);
      return { rows: j.rows, columns: j.columns.map((c) => [c.name, c.blank, c.distinctCapped ? 'capped' : c.distinct]), days: [j.date.first, j.date.last], scores: j.score.distribution };
    },
    duckAnswer: (rows) => {
      const row = (rows[0] ?? []).map((v) => (typeof v === 'string' && !/^\d+$/.test(v) ? v : num(v)));
      const at = 1 + 2 * PROFILED.length;
      return {
        rows: row[0],
        columns: PROFILED.map((name, i) => [name, row[1 + 2 * i], row[2 + 2 * i]]),
        days: [row[at], row[at + 1]],
        scores: row.slice(at + 2, at + 13),
      };
    },
    // The same rows, blanks, days and scores; the same distinct count where nps counts it, and
    // past 1,000 where nps caps it.
    agree: (mine, theirs) =>
      canonical({ ...mine, columns: mine.columns.map(([name, blank]) => [name, blank]) }) === canonical({ ...theirs, columns: theirs.columns.map(([name, blank]) => [name, blank]) }) &&
      mine.columns.every(([, , distinct], i) => (distinct === 'capped' ? theirs.columns[i][2] > 1000 : theirs.columns[i][2] === distinct)),
  },
  {
    name: 'list --detractors --format csv',
    nps: (f) => ['list', f, '--detractors', '--format', 'csv'],
    // DuckDB writes the rows, lowest scores first, to a file: the check is their number.
    sql: (f, scratch) => `copy (select * from ${source(f)} where score between 0 and 6 order by score, id) to '${scratch}' (header)`,
    writesRows: true,
    npsAnswer: (out) => out.split('\r\n').filter((line) => line !== '').length - 1,
    duckAnswer: (rows, written) => written.length - 1,
  },
  {
    name: 'score --dedupe respondent',
    nps: (f) => ['score', f, '--dedupe', 'respondent', '--format', 'json'],
    // The latest answer per respondent; a tie in time goes to the later row (as nps keeps it).
    sql: (f) => `select ${PD} from (select *, row_number() over (partition by respondent order by submitted_at desc, id desc) as k from ${source(f)} where ${VALID}) where k = 1`,
    npsAnswer: overall,
    duckAnswer: (rows) => rows[0].map(num),
  },
  {
    // Both write every group: nps its JSON, DuckDB a line of JSON a group (key, counts, NPS and its
    // change from the agent's day before), ordered as nps orders them. Before 2026-12-02 the query
    // answered with the groups' number and rows alone: not the same work.
    name: 'trend --period day --by agent',
    manyGroups: 'agent,day',
    nps: (f) => ['trend', f, '--period', 'day', '--by', 'agent', '--format', 'json'],
    sql: (f, scratch) => `copy (select *, nps - lag(nps) over (partition by agent order by day) as change from (
      select agent, substr(submitted_at, 1, 10) as day, ${PD}, 100.0 * (p - d) / n as nps from ${source(f)} where ${VALID} group by 1, 2) order by 1, 2)
      to '${scratch}' (format json)`,
    writesRows: true,
    npsAnswer: (out) => groupsOf(out, ['agent', 'day']),
    duckAnswer: (rows, written) => groupsWritten(written, ['agent', 'day']),
  },
  {
    // 200 agents × 3 segments × 730 days: about 438,000 groups, whatever the size of the file.
    // Both write every group, as the trend above.
    name: 'score --by agent --by segment --period day (~400k groups)',
    manyGroups: 'agent,segment,day',
    nps: (f) => ['score', f, '--by', 'agent', '--by', 'segment', '--period', 'day', '--format', 'json'],
    sql: (f, scratch) => `copy (select agent, segment, substr(submitted_at, 1, 10) as day, ${PD}, 100.0 * (p - d) / n as nps from ${source(f)} where ${VALID} group by 1, 2, 3 order by 1, 2, 3)
      to '${scratch}' (format json)`,
    writesRows: true,
    npsAnswer: (out) => groupsOf(out, ['agent', 'segment', 'day']),
    duckAnswer: (rows, written) => groupsWritten(written, ['agent', 'segment', 'day']),
  },
  {
    // Start-up: a run on a 20-row export is almost all loading (nps's bundle and code cache, DuckDB's library).
    name: 'score, a 20-row export (start-up)',
    rows: 20,
    nps: (f) => ['score', f, '--format', 'json'],
    sql: (f) => `select 'all', ${PD} from ${source(f)} where ${VALID}`,
    npsAnswer: (out) => ({ all: overall(out) }),
    duckAnswer: rowsAsMap,
  },
];

/**
 * DuckDB's answer to a case from its rows; a case that writes its rows to `scratch` is answered
 * from the lines written (the file then goes). The bench reads them after the timed run, so
 * that DuckDB's time is its query's alone.
 */
export function duckAnswerOf(bench, rows, scratch) {
  if (!bench.writesRows) return bench.duckAnswer(rows);
  const lines = readFileSync(scratch, 'utf8').split('\n').filter((line) => line !== '');
  rmSync(scratch, { force: true });
  return bench.duckAnswer(rows, lines);
}

/** An answer as compared: objects with their keys in order. */
export const canonical = (value) => JSON.stringify(value && typeof value === 'object' && !Array.isArray(value) ? Object.fromEntries(Object.entries(value).sort()) : value);

/** Whether nps's answer and DuckDB's agree: the same, unless the case says how else (`agree`). */
export const agrees = (bench, mine, theirs) => (bench.agree ? bench.agree(mine, theirs) : canonical(mine) === canonical(theirs));
