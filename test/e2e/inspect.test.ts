// End to end: `nps inspect` explains each fixture: format, encoding, header rows, sheet,
// column roles, the score distribution and the date range.
import { readdir } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ROOT, nps } from './run-nps.js';

interface Inspect {
  format: string;
  encoding: string | null;
  bom: boolean | null;
  delimiter: string | null;
  sheet: { name: string; how: string; others: string[] } | null;
  layout: { vendor: string; headerRows: number[]; titleRows: number[] };
  rows: number;
  columns: { name: string; role: string; distinct: number; blank: number; samples: string[] }[];
  score: { column: string | null; problem: string | null; distribution: number[]; responses: number; missing: number; invalid: number; nps: number | null; looksOneToEleven: boolean };
  date: { column: string | null; dayOrder: string | null; first: string | null; last: string | null };
}

async function inspect(file: string, args: string[] = []): Promise<Inspect> {
  const run = await nps(['inspect', `fixtures/${file}`, '--format', 'json', ...args]);
  if (run.exitCode !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout) as Inspect;
}
const roles = (report: Inspect): Record<string, string> => Object.fromEntries(report.columns.map((c) => [c.name, c.role]));

describe('nps inspect', () => {
  it('example.csv: every part of the picture', async () => {
    const report = await inspect('example.csv');
    expect(report).toMatchObject({ format: 'csv', encoding: 'utf-8', bom: false, delimiter: ',', sheet: null, rows: 41 });
    expect(report.layout).toEqual({ vendor: 'plain', headerRows: [1], titleRows: [] });
    expect(roles(report)).toEqual({
      response_id: 'id', submitted_at: 'date', channel: 'dimension', agent: 'dimension',
      'How likely are you to recommend us? (0-10)': 'score', comment: 'comment',
    });
    // Hand count of example.csv's scores (0..10).
    expect(report.score.distribution).toEqual([1, 0, 1, 1, 1, 1, 4, 4, 5, 9, 13]);
    expect(report.score).toMatchObject({ responses: 40, missing: 1, invalid: 0, nps: 32.5 });
    expect(report.date).toMatchObject({ column: 'submitted_at', first: '2025-01-03', last: '2025-03-28' });
    expect(report.columns.find((c) => c.name === 'channel')).toMatchObject({ distinct: 3, blank: 0, samples: ['email', 'phone', 'chat'] });
  });

  it.each([
    ['semicolon-cp1252.csv', { encoding: 'windows-1252', delimiter: ';' }, { Kanal: 'dimension', Kommentar: 'comment' }],
    ['utf16le-tab-crlf.txt', { encoding: 'utf-16le', bom: true, delimiter: '\t' }, { Afdeling: 'dimension', Kommentar: 'comment' }],
    ['utf16be-bom.csv', { encoding: 'utf-16be', bom: true, delimiter: '\t' }, { Afdeling: 'dimension' }],
    ['semicolon-bom-crlf.csv', { encoding: 'utf-8', bom: true, delimiter: ';' }, { Kanal: 'dimension', Datum: 'date' }],
    ['pipe-separated.csv', { delimiter: '|' }, { NPS: 'score', region: 'dimension' }],
    ['qualtrics-three-header-rows.csv', { layout: { vendor: 'qualtrics', headerRows: [1, 2, 3], titleRows: [] } },
      { Q1: 'score', Q1_NPS_GROUP: 'dimension', Q2: 'comment', Q3: 'dimension', ResponseId: 'id', RecordedDate: 'date' }],
    ['qualtrics-legacy-two-rows.csv', { layout: { vendor: 'qualtrics-legacy', headerRows: [1, 2], titleRows: [] } }, { ResponseID: 'id', Q1: 'score' }],
    ['surveymonkey-two-header-rows.csv', { layout: { vendor: 'surveymonkey', headerRows: [1, 2], titleRows: [] } },
      { 'Respondent ID': 'id', 'What is the primary reason for your score?': 'comment', 'Start Date': 'ignored' }],
    ['title-rows.csv', { layout: { vendor: 'plain', headerRows: [4], titleRows: [1, 2, 3] } }, { NPS: 'score', comment: 'comment' }],
    ['dashboard-first.xlsx', { format: 'xlsx', sheet: { name: 'Data', how: 'detected', others: ['Dashboard', 'Pivot'] } }, { NPS: 'score', Market: 'dimension', ID: 'id' }],
    ['example.ods', { format: 'ods', sheet: { name: 'example', how: 'only', others: [] } }, { submitted_at: 'date' }],
    ['example.xls', { format: 'xls' }, { channel: 'dimension' }],
    ['long-ids-dedupe.csv', {}, { customer_id: 'id', channel: 'dimension' }],
    ['decoy-recommend-likert.csv', {}, { LikelyToRecommend: 'score', Date: 'date' }],
    ['decoy-nps-group.csv', {}, { Q1_NPS_GROUP: 'dimension' }],
  ])('%s', async (file, expected, expectedRoles) => {
    const report = await inspect(file);
    expect(report).toMatchObject(expected);
    expect(roles(report)).toMatchObject(expectedRoles);
  });

  it('the date range follows the day order the data settles, and says when it cannot', async () => {
    expect((await inspect('dates-dmy.csv')).date).toMatchObject({ dayOrder: 'dmy', first: '2025-01-05', last: '2025-02-14' });
    expect((await inspect('dates-mdy-ampm.csv')).date).toMatchObject({ dayOrder: 'mdy', first: '2025-01-05', last: '2025-02-14' });
    expect((await inspect('dates-ambiguous.csv')).date).toMatchObject({ dayOrder: 'ambiguous', first: null, last: null });
    expect((await inspect('dates-ambiguous.csv', ['--date-format', 'mdy'])).date).toMatchObject({ first: '2025-01-02', last: '2025-03-04' });
  });

  it('notices a 1–11 recode', async () => {
    expect((await inspect('qualtrics-1-11.csv')).score.looksOneToEleven).toBe(true);
    expect((await inspect('qualtrics-1-11.csv', ['--scale', '1-11'])).score).toMatchObject({ looksOneToEleven: false, responses: 8, nps: 25 });
  });

  it('explains rather than fails when no score column can be chosen', async () => {
    const report = await inspect('proto-header.csv', ['--score', 'score']);
    expect(report.score.column).toBe('score');
    const run = await nps(['inspect', '-', '--format', 'json'], { input: 'a,b\nx,1\n' });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).score).toMatchObject({ column: null, problem: expect.stringContaining('no score column found') });
  });

  it('the table view names what it found', async () => {
    const run = await nps(['inspect', 'fixtures/qualtrics-three-header-rows.csv']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout).toContain('Header     rows 1, 2, 3: Qualtrics export: 3 header rows (ids, question texts, ImportId)');
    expect(run.stdout).toContain('Score      "Q1" — How likely is it that you would recommend Acme to a friend or colleague? (detected; scale 0-10)');
    expect(run.stdout).toContain('Date       "RecordedDate" (detected): 2025-03-03 … 2025-04-28');
    expect(run.stdout).toMatch(/│ +12 │ Q3 +│ dimension │ +2 │ +0 │ "Stockholm", "Göteborg"/);
    expect(run.stdout).toMatch(/ 10 │ █+ 2\n/);
  });

  it('every readable fixture: counts add up, agree with nps score, and nothing fails', async () => {
    const broken = new Set(['unclosed-quote.csv', 'header-only.csv', 'empty.csv', 'binary-garbage.csv', 'truncated.xlsx', 'multi-sheet.fods', 'dashboard-first.fods']);
    const files = (await readdir(`${ROOT}fixtures`)).filter((f) => /\.(csv|tsv|txt|xlsx|xls|ods)$/.test(f) && !broken.has(f));
    expect(files.length).toBeGreaterThan(30);
    let compared = 0;
    for (const file of files) {
      const report = await inspect(file);
      const { distribution, responses, missing, invalid } = report.score;
      expect(distribution.reduce((a, b) => a + b, 0), file).toBe(responses);
      if (report.score.column) expect(responses + missing + invalid, file).toBe(report.rows);
      expect(report.columns.length, file).toBeGreaterThan(0);
      // The same answers as score reads from the same column (one reader: RowCounter).
      const scored = await nps(['score', `fixtures/${file}`, '--format', 'json']);
      if (report.score.column && scored.exitCode === 0) {
        const out = JSON.parse(scored.stdout) as { overall: { distribution: number[] }; skipped: Record<string, number> };
        expect(out.overall.distribution, file).toEqual(distribution);
        expect([out.skipped.missing ?? 0, out.skipped.invalid ?? 0], file).toEqual([missing, invalid]);
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(25);
  }, 240_000);

  it('errors like score does on unreadable input', async () => {
    const run = await nps(['inspect', 'fixtures/binary-garbage.csv']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('does not look like a CSV or spreadsheet file');
  });
});
