// End to end: every input layout the foundation reads, with NPS worked out by hand per fixture.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { fixture, groupCounts, nps, scoreJson } from './run-nps.js';

describe('CSV dialects', () => {
  it.each([
    // file, P/A/D, NPS (by hand: 100·(P − D)/n)
    ['semicolon-bom-crlf.csv', '3/1/2', 100 / 6], // 10,9,8,6,10,3
    ['tab-separated.tsv', '2/1/1', 25], // 9,9,7,0
    ['pipe-separated.csv', '2/1/2', 0], // 10,6,6,8,9
    ['quoted-newlines.csv', '2/1/1', 25], // 10,10,5,8 in 4 records over 8 lines
  ])('%s → P/A/D %s, NPS %d', async (file, counts, expected) => {
    const json = await scoreJson([`fixtures/${file}`]);
    const { promoters, passives, detractors } = json.overall;
    expect(`${promoters}/${passives}/${detractors}`).toBe(counts);
    expect(json.overall.nps).toBeCloseTo(expected, 9);
    expect(json.skipped.total).toBe(0);
  });

  it('a BOM and å ä ö survive in group keys (UTF-8, semicolons, CRLF)', async () => {
    const json = await scoreJson(['fixtures/semicolon-bom-crlf.csv', '--by', 'Kanal', '--by', 'Datum']);
    expect(json.groups.map((g) => g.key.Kanal)).toContain('Växel');
    expect(Object.keys(json.groups[0]?.key ?? {})).toEqual(['Kanal', 'Datum']); // no BOM glued to "Datum"
  });

  it('--delimiter overrides the sniffed delimiter', async () => {
    expect((await scoreJson(['fixtures/semicolon-bom-crlf.csv', '--delimiter', ';'])).overall.responses).toBe(6);
    expect((await scoreJson(['fixtures/tab-separated.tsv', '--delimiter', 'tab'])).overall.responses).toBe(4);
    // Read with the wrong delimiter the file has a single column, so there is no score column.
    const wrong = await nps(['score', 'fixtures/pipe-separated.csv', '--delimiter', ',']);
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toContain('Columns: "id|NPS|region"');
    const bad = await nps(['score', 'fixtures/pipe-separated.csv', '--delimiter', ':']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('Choose one of: , ; tab |');
  });

  it('quoted newlines: row numbers count records, not lines', async () => {
    const input = 'id,comment,score\n1,"two\nlines",10\n2,"three\n\nlines",\n3,ok,abc\n';
    const run = await nps(['score', '-', '--score', 'score', '--format', 'json'], { input });
    expect(run.stderr).toContain('skipped 1 row with no score (row 3)');
    expect(run.stderr).toContain(': "abc" (row 4)');
  });
});

describe('score spellings', () => {
  // Valid: 9.0, "9,0", " 8 ", "10 - Extremely likely", "0 - Not at all likely", 7, "Extremely likely", 6,
  //        10, 10, 9, 8, 3, 5, 9, 10 → P 9 (9,9,10,10,10,10,9,9,10), A 3 (8,7,8), D 4 (0,6,3,5): n 16, NPS 31.25.
  // Invalid: N/A, 11, -1, 9.5 (rows 7–10). Missing: row 11.
  it('counts every parseable spelling, skips and reports the rest by reason', async () => {
    const run = await nps(['score', 'fixtures/score-spellings.csv', '--format', 'json']);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.overall).toMatchObject({ responses: 16, promoters: 9, passives: 3, detractors: 4, nps: 31.25 });
    expect(json.skipped).toEqual({ total: 5, missing: 1, invalid: 4, missingDate: 0, invalidDate: 0, missingWeight: 0, invalidWeight: 0, filtered: 0, duplicate: 0 });
    expect(run.stderr).toContain('skipped 1 row with no score (row 11)');
    expect(run.stderr).toContain('nps: note: fixtures/score-spellings.csv: skipped 4 rows with a score that is not a whole number 0–10: "N/A", "11", "-1", "9.5" (rows 7, 8, 9, 10)');
  });

  it('--strict: an invalid score exits 2 naming row and value', async () => {
    const run = await nps(['score', 'fixtures/score-spellings.csv', '--strict']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('row 7 has an invalid score in column "score": "N/A" (--strict)');
    expect(run.stdout).toBe('');
  });

  it('--strict accepts a file with only blanks besides valid scores', async () => {
    expect((await nps(['score', 'fixtures/example.csv', '--strict'])).exitCode).toBe(0);
  });
});

describe('column detection and overrides', () => {
  it.each([
    ['decoy-recommend-likert.csv', 'LikelyToRecommend', '2/1/1'], // not the Likert "Recommend"
    ['decoy-nps-group.csv', 'How likely is it that you would recommend us to a friend?', '5/2/3'], // not Q1_NPS_GROUP
    ['decoy-sales-person.csv', 'NPS_Score', '2/2/2'], // not Sales_Person 1–43
  ])('%s: the score is %j', async (file, column, counts) => {
    const run = await nps(['score', `fixtures/${file}`, '--format', 'json']);
    expect(run.stderr).toContain(`using score column ${JSON.stringify(column)} (detected`);
    const { promoters, passives, detractors } = JSON.parse(run.stdout).overall;
    expect(`${promoters}/${passives}/${detractors}`).toBe(counts);
  });

  it('--score and --date choose; detection then says nothing', async () => {
    const run = await nps(['score', 'fixtures/decoy-sales-person.csv', '--score', 'Website_Visits', '--format', 'json']);
    // Website_Visits 50,3,10,0,7,22: valid 3,10,0,7 → P1 A1 D2; 50 and 22 are invalid.
    expect(JSON.parse(run.stdout).overall).toMatchObject({ promoters: 1, passives: 1, detractors: 2 });
    expect(run.stderr).not.toContain('detected');
  });

  it('an unknown column in any flag is an error listing the columns', async () => {
    for (const flag of ['--score', '--by', '--date']) {
      const run = await nps(['score', 'fixtures/example.csv', flag, 'nope']);
      expect(run.exitCode).toBe(2);
      expect(run.stderr).toContain(`there is no column "nope" (given with ${flag}). Columns: "response_id", "submitted_at", "channel", "agent"`);
    }
  });

  it('no score column: exit 2, the columns and the flag', async () => {
    const run = await nps(['score', '-'], { input: 'id,channel,Q5\n1,web,9\n2,web,10\n' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('no score column found');
    expect(run.stderr).toContain('Columns: "id", "channel", "Q5"');
    expect(run.stderr).toContain('--score');
  });
});

describe('ragged rows and NUL bytes', () => {
  // ragged-rows.csv: 1 web 10 · 2 web 9 (+2 extra fields) · 3 phone (short) · 4 phone 6 · 5 (short) · 6 web 8
  it('extra fields are read, short rows count as missing, both reported', async () => {
    const run = await nps(['score', 'fixtures/ragged-rows.csv', '--by', 'channel', '--format', 'json']);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(json.overall).toMatchObject({ responses: 4, promoters: 2, passives: 1, detractors: 1, nps: 25 });
    expect(json.skipped).toMatchObject({ total: 2, missing: 2 });
    expect(groupCounts(json)).toEqual({ phone: '0/0/1', web: '2/1/0' });
    expect(run.stderr).toContain('2 rows are too short to hold the score column (rows 4, 6); counted as missing');
    expect(run.stderr).toContain('1 row has more fields than the header (row 3); the extra fields are ignored');
  });

  it('a NUL byte in a field changes nothing', async () => {
    const withNul = await scoreJson(['fixtures/nul-byte.csv', '--by', 'comment']);
    const bytes = await readFile(fixture('nul-byte.csv'));
    const without = await scoreJson(['-', '--by', 'comment'], { input: Buffer.from(bytes.filter((b) => b !== 0)) });
    expect(withNul).toEqual(without);
    expect(withNul.overall).toMatchObject({ responses: 4, nps: 25 }); // 9, 10, 3, 7
  });
});

describe('spreadsheets (made by LibreOffice Calc from example.csv)', () => {
  // Months by hand from example.csv: Jan P7 A2 D3, Feb P6 A3 D4, Mar P9 A4 D2.
  const months = { '2025-01': '7/2/3', '2025-02': '6/3/4', '2025-03': '9/4/2' };
  it.each([['example.xlsx'], ['example.ods'], ['example.xls']])('%s gives the CSV numbers, date cells by our arithmetic', async (file) => {
    const json = await scoreJson([`fixtures/${file}`, '--period', 'month']);
    expect(json.overall).toMatchObject({ responses: 40, nps: 32.5 });
    expect(groupCounts(json)).toEqual(months);
    expect(json.skipped.missing).toBe(1);
  });

  it.each([['example.xlsx'], ['example.ods']])('%s: trailing empty cells a spreadsheet leaves out are not a short row', async (file) => {
    const run = await nps(['score', `fixtures/${file}`]);
    expect(run.stderr).toContain('skipped 1 row with no score (row 42)');
    expect(run.stderr).not.toContain('too short');
  });

  it('the 1904 date system is honoured (ignoring it would move every answer back to 2021)', async () => {
    const json = await scoreJson(['fixtures/date-1904.xlsx', '--period', 'month']);
    expect(groupCounts(json)).toEqual(months);
  });

  it('--sheet by name or position; an unknown sheet lists the sheets', async () => {
    // multi-sheet.xlsx, sheet "Answers": 10, 10, 8, 4, 9 → P3 A1 D1, NPS 40.
    for (const sheet of ['Answers', '2', 'answers']) {
      expect((await scoreJson(['fixtures/multi-sheet.xlsx', '--sheet', sheet])).overall).toMatchObject({ responses: 5, nps: 40 });
    }
    const run = await nps(['score', 'fixtures/multi-sheet.xlsx', '--sheet', 'Data']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('there is no sheet "Data". Sheets: "Read me", "Answers"');
  });

  it('a sheet without answers, when chosen, says so and names the flag', async () => {
    const run = await nps(['score', 'fixtures/multi-sheet.xlsx', '--sheet', '1']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('sheet "Read me" has a header row but no answers. Sheets: "Read me", "Answers"');
    expect(run.stderr).toContain('--sheet');
  });

  it('reads a workbook from standard input', async () => {
    const json = await scoreJson(['-'], { input: await readFile(fixture('example.xlsx')) });
    expect(json.overall.nps).toBe(32.5);
  });
});
