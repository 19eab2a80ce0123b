// The CLI on real survey files other people published (../shared/data/public, described in its
// SOURCES.md). The expected numbers are SOURCES.md's independent count, not this program's output.
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ROOT, nps, scoreJson } from './run-nps.js';

const DATA = process.env.NPS_PUBLIC_DATA ?? `${ROOT}../shared/data/public`;
const present = existsSync(`${DATA}/SOURCES.md`);
// When the folder is missing, test/support/global-setup.ts prints that this suite is skipped.

const CASES = [
  { file: 'botanic_nps_fr_latin1.csv', args: [], n: 13612, p: 8465, a: 3953, d: 1194, nps: 53.42 },
  { file: 'carpentries_instructor_training_post_2018.csv', args: [], n: 889, p: 501, a: 317, d: 71, nps: 48.37 },
  { file: 'miro_nps_feedback.csv', args: [], n: 441, p: 306, a: 95, d: 40, nps: 60.32 },
  { file: 'saas_nps_survey_20k.csv', args: [], n: 20268, p: 9404, a: 3661, d: 7203, nps: 10.86 },
  // Opens on a dashboard sheet; the data sheet is found without --sheet.
  { file: 'nps_timeseries_dashboard.xlsx', args: [], n: 5000, p: 2309, a: 972, d: 1719, nps: 11.8 },
  { file: 'nps_timeseries_dashboard.xlsx', args: ['--sheet', 'NPS_timeseries_data'], n: 5000, p: 2309, a: 972, d: 1719, nps: 11.8 },
  { file: 'nps_timeseries_ddmmyyyy.csv', args: [], n: 5000, p: 2309, a: 972, d: 1719, nps: 11.8 },
  // Two 0–10 "recommend" columns: the eNPS one is chosen with --score.
  { file: 'varks_am_employee_survey_enps.csv', args: ['--score', 'I will recommend a friend/relative to work at Varks.am․'], n: 120, p: 66, a: 33, d: 21, nps: 37.5 },
  { file: 'varks_am_employee_survey_enps.csv', args: ['--score', 'I will recommend a friend/relative to use Varks.am services in case of a loan need.'], n: 120, p: 38, a: 34, d: 48, nps: -8.33 },
  { file: 'b2b_customers_nps_excel_serial_dates.csv', args: [], n: 100, p: 15, a: 16, d: 69, nps: -54 },
];

describe.skipIf(!present)(`public survey files in ${DATA}`, () => {
  it.each(CASES)('$file $args: NPS $nps (n = $n)', async ({ file, args, n, p, a, d, nps }) => {
    const json = await scoreJson([`${DATA}/${file}`, ...args]);
    expect(json.overall).toMatchObject({ responses: n, promoters: p, passives: a, detractors: d });
    expect(json.overall.nps).toBeCloseTo(nps, 2);
  });

  it('the XLSX and the raw CSV of the same 5,000 answers agree per quarter', async () => {
    const xlsx = await scoreJson([`${DATA}/nps_timeseries_dashboard.xlsx`, '--period', 'quarter']);
    const csv = await scoreJson([`${DATA}/nps_timeseries_ddmmyyyy.csv`, '--period', 'quarter']);
    expect(csv.groups.map((g) => g.key.quarter)).toEqual(['2021-Q1', '2021-Q2', '2021-Q3', '2021-Q4']);
    expect(xlsx.groups).toEqual(csv.groups);
  });

  it('19-digit ids stay exact as group keys', async () => {
    const json = await scoreJson([`${DATA}/miro_nps_feedback.csv`, '--by', 'user_id']);
    // Counted with Python's csv module: 441 answers, 422 distinct ids, 407 of them 19 digits long.
    const ids = json.groups.map((g) => g.key.user_id ?? '');
    expect(ids).toContain('3074457347487777543');
    expect(ids).toHaveLength(422);
    expect(ids.filter((id) => /^\d{19}$/.test(id))).toHaveLength(407);
    expect(json.groups.reduce((sum, g) => sum + g.responses, 0)).toBe(441);
  });

  it('no flags needed: the score column each file really has', async () => {
    const expected: Record<string, string> = {
      'botanic_nps_fr_latin1.csv': 'nps',
      'carpentries_instructor_training_post_2018.csv': 'LikelyToRecommend',
      'miro_nps_feedback.csv': 'NPS_Score',
      'saas_nps_survey_20k.csv': 'score',
      'nps_timeseries_dashboard.xlsx': 'Recommandation Score',
      'nps_timeseries_ddmmyyyy.csv': 'NPS',
      'b2b_customers_nps_excel_serial_dates.csv': 'NPS_Score',
    };
    for (const [file, column] of Object.entries(expected)) {
      const run = await nps(['inspect', `${DATA}/${file}`, '--format', 'json']);
      expect(run.exitCode, file).toBe(0);
      expect(JSON.parse(run.stdout).score.column, file).toBe(column);
    }
  });

  it('inspect reads the Latin-1 file as Windows-1252 and the dates of each export', async () => {
    const botanic = JSON.parse((await nps(['inspect', `${DATA}/botanic_nps_fr_latin1.csv`, '--format', 'json'])).stdout);
    expect(botanic.encoding).toBe('windows-1252');
    expect(botanic.score).toMatchObject({ responses: 13612, invalid: 342 });
    const saas = JSON.parse((await nps(['inspect', `${DATA}/saas_nps_survey_20k.csv`, '--format', 'json'])).stdout);
    expect(saas.date).toMatchObject({ column: 'surveyed_at', first: '2017-02-01', last: '2018-08-31' });
    const b2b = JSON.parse((await nps(['inspect', `${DATA}/b2b_customers_nps_excel_serial_dates.csv`, '--format', 'json'])).stdout);
    expect(b2b.date).toMatchObject({ column: 'Start_Date_1', first: '2012-03-01', last: '2019-05-16' });
    const xlsx = JSON.parse((await nps(['inspect', `${DATA}/nps_timeseries_dashboard.xlsx`, '--format', 'json'])).stdout);
    expect(xlsx.sheet).toMatchObject({ name: 'NPS_timeseries_data', how: 'detected' });
    expect(xlsx.date).toMatchObject({ column: 'Date', first: '2021-01-01', last: '2021-12-30' });
    const csv = JSON.parse((await nps(['inspect', `${DATA}/nps_timeseries_ddmmyyyy.csv`, '--format', 'json'])).stdout);
    expect(csv.date).toMatchObject({ column: 'Survey date', dayOrder: 'dmy' });
    const varks = JSON.parse((await nps(['inspect', `${DATA}/varks_am_employee_survey_enps.csv`, '--format', 'json'])).stdout);
    expect(varks.date).toMatchObject({ column: 'Timestamp', first: '2017-11-24', last: '2017-11-26' });
  });

  // What the fast paths do (bytes counted on two threads, in parts cut anywhere: here ~700 bytes,
  // inside quoted comments with line breaks too) against one thread reading text, on the real
  // files, with filters, weights, --dedupe, trends, comparisons and the rows list and comments
  // print: the same stdout, stderr and exit code. (A reason with over 100 distinct skipped values
  // is left out: each part keeps its first 100, so tiny parts can list fewer of them, each exact.)
  it('on two threads in small parts, every command gives what one thread gives', async () => {
    const saas = `${DATA}/saas_nps_survey_20k.csv`;
    const botanic = `${DATA}/botanic_nps_fr_latin1.csv`;
    const series = `${DATA}/nps_timeseries_ddmmyyyy.csv`;
    const runs = [
      ['score', saas, '--by', 'is_admin', '--period', 'month', '--format', 'json'],
      ['score', saas, '--where', 'is_admin=1', '--by', 'sessions', '--format', 'csv'],
      ['score', saas, '--weight', 'messages', '--by', 'is_admin', '--period', 'month', '--format', 'json'],
      ['score', saas, '--dedupe', 'id', '--period', 'month', '--weight', 'sessions', '--format', 'json'],
      ['trend', saas, '--period', 'day', '--by', 'is_admin', '--format', 'json'],
      ['compare', saas, '--split', '2017-06-01', '--format', 'json'],
      ['compare', saas, '--by', 'is_admin', '--a', '0', '--b', '1', '--where', 'sessions!=3', '--format', 'json'],
      ['drivers', saas, '--by', 'is_admin', '--by', 'sessions', '--format', 'json'],
      ['list', saas, '--detractors', '--format', 'csv'],
      ['score', botanic, '--weight', 'CaTicket', '--by', 'satisfaction', '--format', 'json'],
      ['comments', botanic, '--comment', 'explication', '--format', 'json'],
      ['list', botanic, '--detractors', '--format', 'json'],
      ['inspect', botanic, '--format', 'json'],
      ['score', botanic, '--dedupe', 'id', '--by', 'intention', '--format', 'json'],
      ['trend', series, '--by', 'Market', '--period', 'week', '--format', 'json'],
      ['score', series, '--dedupe', 'Customer Name', '--by', 'Market', '--format', 'json'],
      ['list', series, '--detractors', '--where', 'Market=US', '--dedupe', 'Customer Name', '--columns', 'ID,Market,NPS', '--format', 'csv'],
      ['list', botanic, '--promoters', '--with-comment', '--comment', 'explication', '--where', 'intention!=10', '--format', 'csv'],
      ['list', saas, '--passives', '--since', '2017-06-01', '--until', '2018-01-31', '--format', 'json'],
    ];
    for (const args of runs) {
      const threads = await nps(args, { env: { NPS_PARALLEL_BYTES: '0', NPS_PART_BYTES: '700' } });
      const one = await nps(args, { env: { NPS_PARALLEL_BYTES: 'off' } });
      expect(one.exitCode, args.join(' ')).toBe(0);
      expect(threads, args.join(' ')).toEqual(one);
    }
  }, 120_000);

  it('the varks file without --score: an error naming both columns', async () => {
    await expect(scoreJson([`${DATA}/varks_am_employee_survey_enps.csv`])).rejects.toThrow(/2 columns could be the score/);
  });
});
