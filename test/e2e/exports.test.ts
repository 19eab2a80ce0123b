// End to end: the exports analysts really have. Each fixture's numbers are worked out by hand
// in fixtures/README.md; none needs a flag unless the test says why.
import { mkdtemp, writeFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { groupCounts, nps, scoreJson } from './run-nps.js';

const counts = (json: { overall: { promoters: number; passives: number; detractors: number } }): string =>
  `${json.overall.promoters}/${json.overall.passives}/${json.overall.detractors}`;

describe('encodings', () => {
  it.each([
    ['utf16le-tab-crlf.txt'], // Excel "Unicode text": UTF-16 LE with BOM, TAB, CRLF
    ['utf16be-bom.csv'],
  ])('%s: decoded, TAB sniffed, æ ø å intact in group keys', async (file) => {
    // 10 Århus, 9 Næstved, 3 Køge, 7 Århus → P2 A1 D1, NPS 25.
    const json = await scoreJson([`fixtures/${file}`, '--by', 'Afdeling']);
    expect(json.overall.nps).toBe(25);
    expect(groupCounts(json)).toEqual({ Køge: '0/0/1', Næstved: '1/0/0', Århus: '1/1/0' });
  });

  it('Windows-1252 (Swedish Excel, semicolons): å ä ö and € come out right, with a note on stderr', async () => {
    const run = await nps(['score', 'fixtures/semicolon-cp1252.csv', '--by', 'Kanal', '--format', 'json']);
    expect(run.stderr).toContain('not UTF-8; read as windows-1252 (--encoding to choose another)');
    const json = JSON.parse(run.stdout);
    // Växel 10, 2 → 0; Butik 9 → +100; Webb 6 → −100; overall P2 D2 → 0.
    expect(groupCounts(json)).toEqual({ Butik: '1/0/0', Växel: '1/0/1', Webb: '0/0/1' });
    expect(json.overall.nps).toBe(0);
  });

  it('--encoding overrides the guess', async () => {
    const json = await scoreJson(['fixtures/semicolon-cp1252.csv', '--by', 'Kanal', '--encoding', 'utf-8']);
    expect(json.groups.map((g) => g.key.Kanal)).toContain('V\ufffdxel'); // what a wrong guess would have shown
  });

  it('standard input cannot be read twice: a bad byte after a UTF-8 start is an error naming --encoding', async () => {
    const ascii = `id,NPS\n${Array.from({ length: 12000 }, (_, i) => `${i},${i % 11}`).join('\n')}\n`;
    const input = Buffer.concat([Buffer.from(ascii), Buffer.from('12000,9,Växel\n', 'latin1')]);
    const run = await nps(['score', '-'], { input });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/stdin: not valid UTF-8 after byte \d+ \(the start of the file was\)/);
    expect(run.stderr).toContain('--encoding windows-1252');
    const given = await nps(['score', '-', '--encoding', 'windows-1252', '--format', 'json'], { input });
    expect(JSON.parse(given.stdout).overall.responses).toBe(12001);
  });

  it('a Latin-1 byte past the first 64 KiB still switches the whole file', async () => {
    const dir = await mkdtemp('/tmp/nps-test-');
    const rows = Array.from({ length: 6000 }, (_, i) => `${i},web,${i % 11}`).join('\n');
    await writeFile(`${dir}/late.csv`, Buffer.concat([Buffer.from(`id,Kanal,NPS\n${rows}\n`), Buffer.from('6000,Växel,10\n', 'latin1')]));
    const json = await scoreJson([`${dir}/late.csv`, '--by', 'Kanal']);
    expect(json.groups.map((g) => g.key.Kanal)).toEqual(['Växel', 'web']);
  });

  it('a file checked while it is read (not ahead): a late Latin-1 byte means a second reading, as Windows-1252 throughout, said once', async () => {
    const dir = await mkdtemp('/tmp/nps-test-');
    // Well past the 64 KiB head and past what is read to detect columns: only the parts counted
    // in parallel (NPS_PARALLEL_BYTES=0) see the last rows.
    const rows = Array.from({ length: 200000 }, (_, i) => `${i},web,${i % 11}`).join('\n');
    // Bytes C3 A9 after the head are valid UTF-8 (é) but, in a Windows-1252 file, "Ã©": the
    // first reading takes them as é; the answer must be what Windows-1252 makes of the whole file.
    const late = Buffer.concat([Buffer.from(`id,Kanal,NPS\n${rows}\n200000,Caf`), Buffer.from([0xc3, 0xa9]), Buffer.from(',9\n200001,Växel,10\n', 'latin1')]);
    await writeFile(`${dir}/late.csv`, late);
    const runs = await Promise.all(
      ['0', 'off'].map((threshold) => nps(['score', `${dir}/late.csv`, '--by', 'Kanal', '--format', 'json'], { env: { NPS_PARALLEL_BYTES: threshold } })),
    );
    for (const run of runs) {
      expect(run.exitCode).toBe(0);
      const json = JSON.parse(run.stdout) as { groups: { key: { Kanal: string }; responses: number }[]; overall: { responses: number } };
      expect(json.groups.map((g) => g.key.Kanal)).toEqual(['CafÃ©', 'Växel', 'web']);
      expect(json.overall.responses).toBe(200002);
      // Each note once: what the dropped first reading would have said is not said.
      const lines = run.stderr.trim().split('\n');
      expect(lines.filter((line) => line.includes('not UTF-8; read as windows-1252'))).toHaveLength(1);
      expect(lines.filter((line) => line.includes('using score column'))).toHaveLength(1);
      expect(new Set(lines).size).toBe(lines.length);
    }
    expect(runs[0]?.stdout).toBe(runs[1]?.stdout);
    expect(runs[0]?.stderr).toBe(runs[1]?.stderr);
  });

  it('a UTF-8 file checked while it is read says its notes once, after the count', async () => {
    const dir = await mkdtemp('/tmp/nps-test-');
    const rows = Array.from({ length: 200000 }, (_, i) => `${i},${i % 2 ? 'web' : 'Växel'},${i % 11}`).join('\n');
    await writeFile(`${dir}/utf8.csv`, `id,Kanal,NPS\n${rows}\n`);
    for (const threshold of ['0', 'off']) {
      const run = await nps(['score', `${dir}/utf8.csv`, '--by', 'Kanal', '--format', 'json'], { env: { NPS_PARALLEL_BYTES: threshold } });
      expect(JSON.parse(run.stdout).groups.map((g: { key: { Kanal: string } }) => g.key.Kanal)).toEqual(['Växel', 'web']);
      expect(run.stderr).not.toContain('not UTF-8');
      expect(run.stderr.match(/using score column/g)).toHaveLength(1);
    }
  });
});

describe('header rows', () => {
  it('Qualtrics, three header rows: the score is found from the question text; Q1_NPS_GROUP never wins', async () => {
    // Q1: 10, 9, 9, 7 (March), 8, 3, 6, 10 (April) → P4 A2 D2, NPS 25; March +75, April −25.
    const run = await nps(['score', 'fixtures/qualtrics-three-header-rows.csv', '--period', 'month', '--format', 'json']);
    expect(run.stderr).toContain('read as a Qualtrics export (3 header rows): rows 1, 2, 3 are headers, not answers');
    expect(run.stderr).toContain('using score column "Q1" and date column "RecordedDate"');
    const json = JSON.parse(run.stdout);
    expect(json.overall).toMatchObject({ responses: 8, nps: 25 });
    expect(groupCounts(json)).toEqual({ '2025-03': '3/1/0', '2025-04': '1/1/2' });
    expect(json.skipped.total).toBe(0);
  });

  it('the same Qualtrics export saved as XLSX by LibreOffice', async () => {
    const json = await scoreJson(['fixtures/qualtrics-three-header-rows.xlsx', '--by', 'Q3']);
    expect(groupCounts(json)).toEqual({ Göteborg: '1/1/2', Stockholm: '3/1/0' });
  });

  it('columns can be named by id or by question text', async () => {
    const byText = await scoreJson(['fixtures/qualtrics-three-header-rows.csv', '--by', 'Which store did you visit?']);
    expect(Object.keys(byText.groups[0]?.key ?? {})).toEqual(['Q3']);
    const byId = await scoreJson(['fixtures/qualtrics-three-header-rows.csv', '--score', 'Q1_NPS_GROUP']);
    expect(byId.overall.responses).toBe(8); // 1–3 codes read as scores only when asked for
  });

  it('legacy Qualtrics, two header rows and a trailing comma on every line', async () => {
    // 10, 9, 6, 5, 8 → P2 A1 D2, NPS 0.
    const run = await nps(['score', 'fixtures/qualtrics-legacy-two-rows.csv', '--format', 'json']);
    expect(run.stderr).toContain('read as a legacy Qualtrics export (2 header rows)');
    const json = JSON.parse(run.stdout);
    expect(counts(json)).toBe('2/1/2');
    expect(run.stderr).not.toContain('more fields than the header');
    expect((await scoreJson(['fixtures/qualtrics-legacy-two-rows.csv', '--by', 'Status'])).groups[0]?.key).toEqual({ Status: '0' });
  });

  it('SurveyMonkey, two header rows; mm/dd/yyyy hh:mm:ss AM/PM dates', async () => {
    // 10, 9, 7 (March), 2, 0, 10 (April) → P3 A1 D2, NPS 16.67.
    const run = await nps(['score', 'fixtures/surveymonkey-two-header-rows.csv', '--period', 'month', '--format', 'json']);
    expect(run.stderr).toContain('read as a SurveyMonkey export (2 header rows)');
    const json = JSON.parse(run.stdout);
    expect(json.overall.nps).toBeCloseTo(100 / 6, 9);
    expect(groupCounts(json)).toEqual({ '2025-03': '2/1/0', '2025-04': '1/0/2' });
    const products = await scoreJson(['fixtures/surveymonkey-two-header-rows.csv', '--by', 'Which of these products do you use? - Product B']);
    // Product B ticked by the answers 9, 7, 2, 10; not by 10 and 0.
    expect(groupCounts(products)).toEqual({ '': '1/0/1', 'Product B': '2/1/1' });
  });

  it('title rows and a blank row above the header (CSV and XLSX)', async () => {
    // 10, 8, 4, 9 → P2 A1 D1, NPS 25.
    for (const file of ['title-rows.csv', 'title-rows.xlsx']) {
      const run = await nps(['score', `fixtures/${file}`, '--format', 'json']);
      expect(run.stderr).toContain('the header is row 4; rows above it');
      expect(JSON.parse(run.stdout).overall).toMatchObject({ responses: 4, nps: 25 });
    }
  });

  it('--header-row overrides', async () => {
    const json = await scoreJson(['fixtures/title-rows.csv', '--header-row', '4', '--by', 'channel']);
    expect(groupCounts(json)).toEqual({ phone: '1/0/1', web: '1/1/0' });
    const wrong = await nps(['score', 'fixtures/title-rows.csv', '--header-row', '5']);
    expect(wrong.exitCode).toBe(2);
    expect(wrong.stderr).toContain('Columns: "1", "web", "10", "Great"');
    expect((await nps(['score', 'fixtures/title-rows.csv', '--header-row', '0'])).stderr).toContain('--header-row takes a row number');
  });
});

describe('sheets', () => {
  it('a workbook that opens on a dashboard: the data sheet is found and named on stderr', async () => {
    // Data: 10, 9, 8, 7, 6, 10, 10, 2, 9, 0 → P5 A2 D3, NPS 20.
    const run = await nps(['score', 'fixtures/dashboard-first.xlsx', '--format', 'json']);
    expect(run.stderr).toContain('using sheet "Data" (11 rows; other sheets: "Dashboard", "Pivot"; --sheet to choose another)');
    expect(JSON.parse(run.stdout).overall).toMatchObject({ responses: 10, nps: 20 });
  });

  it('no sheet qualifies: the error lists the sheets', async () => {
    const run = await nps(['score', 'fixtures/dashboard-first.xlsx', '--score', 'Rating']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('no sheet holds survey answers (a header row with a 0–10 score column). Sheets: "Dashboard", "Pivot", "Data"');
  });
});

describe('answer spellings', () => {
  it('end-point labels and Nordic labels with a number; 6.5 is invalid', async () => {
    // Not at all likely 0, Extremely likely 10, 10, 0, 10, 9, 7 → P4 A1 D2 (n 7), NPS 28.57.
    const run = await nps(['score', 'fixtures/answer-labels.csv', '--format', 'json']);
    const json = JSON.parse(run.stdout);
    expect(counts(json)).toBe('4/1/2');
    expect(json.skipped.invalid).toBe(1);
    expect(run.stderr).toContain(': "6.5" (row 9)');
  });

  it('a 1–11 recode is noticed and warned about; --scale 1-11 recodes it', async () => {
    // Raw 11, 10, 11, 8, 1, 9, 5, 11. As 0–10: 11s invalid; 10, 8, 1, 9, 5 → P2 A1 D2.
    const plain = await nps(['score', 'fixtures/qualtrics-1-11.csv', '--format', 'json']);
    expect(plain.stderr).toContain('looks coded 1–11 (a Qualtrics recode: 3 answers are 11, none is 0); if 1 means 0 and 11 means 10, pass --scale 1-11');
    expect(counts(JSON.parse(plain.stdout))).toBe('2/1/2');
    // Recoded −1: 10, 9, 10, 7, 0, 8, 4, 10 → P4 A2 D2, NPS 25.
    const recoded = await nps(['score', 'fixtures/qualtrics-1-11.csv', '--scale', '1-11', '--format', 'json']);
    expect(recoded.stderr).not.toContain('looks coded');
    expect(JSON.parse(recoded.stdout).overall).toMatchObject({ responses: 8, nps: 25 });
  });

  it('a 1–10 column with no 0 needs no warning', async () => {
    const run = await nps(['score', '-'], { input: 'score\n1\n10\n9\n5\n' });
    expect(run.stderr).not.toContain('looks coded');
  });
});

describe('dates people write', () => {
  it.each([
    // file, period, groups (P/A/D), by hand
    ['dates-google-forms.csv', 'month', { '2017-11': '2/0/1', '2017-12': '0/1/0' }], // 2017/11/24 12:39:58 PM GMT+4 …
    ['dates-microsoft-forms.csv', 'month', { '2026-07': '1/0/1', '2026-08': '2/0/0' }], // 7/27/26 19:06:23 (two-digit years)
    ['dates-unix-seconds.csv', 'month', { '2025-01': '1/0/1', '2025-02': '1/0/0', '2025-03': '0/1/0' }], // Delighted: UTC
    ['surveymonkey-two-header-rows.csv', 'day', { '2025-03-14': '1/0/0', '2025-03-15': '1/0/0', '2025-03-20': '0/1/0', '2025-04-02': '0/0/1', '2025-04-04': '0/0/1', '2025-04-30': '1/0/0' }],
  ] as const)('%s by %s', async (file, period, groups) => {
    expect(groupCounts(await scoreJson([`fixtures/${file}`, '--period', period]))).toEqual(groups);
  });
});

describe('identity, --dedupe and filters (long-ids-dedupe.csv)', () => {
  // Rows: id …543 3 (5 Jan) and 9 (10 Feb); …544 10; …001 6 (1 Mar 08:00) and 10 (1 Mar 07:59:59);
  // 9007199254740993 8; a blank id 10. All rows: P4 A1 D2 → 28.57.
  const file = 'fixtures/long-ids-dedupe.csv';
  it('19-digit ids come out unchanged in JSON, CSV and the table', async () => {
    const ids = ['3074457347487777543', '3074457347487777544', '1000000000000000001', '9007199254740993'];
    const json = await scoreJson([file, '--by', 'customer_id']);
    expect(json.groups.map((g) => g.key.customer_id)).toEqual(['', '9007199254740993', '1000000000000000001', '3074457347487777543', '3074457347487777544']);
    const csv = parse((await nps(['score', file, '--by', 'customer_id', '--format', 'csv'])).stdout) as string[][];
    expect(csv.map((r) => r[0])).toEqual(expect.arrayContaining(ids));
    const table = (await nps(['score', file, '--by', 'customer_id'])).stdout;
    for (const id of ids) expect(table).toContain(id);
  });

  it('--dedupe keeps the latest answer per id by date and time, and reports what it dropped', async () => {
    const run = await nps(['score', file, '--dedupe', 'customer_id', '--format', 'json']);
    // Kept: 9 (…543, 10 Feb), 10, 6 (…001 at 08:00), 8, and the blank id's 10 → P3 A1 D1, NPS 40.
    const json = JSON.parse(run.stdout);
    expect(json.overall).toMatchObject({ responses: 5, nps: 40 });
    expect(json.skipped).toMatchObject({ total: 2, duplicate: 2 });
    expect(run.stderr).toContain('--dedupe "customer_id": 2 respondents answered more than once; kept the latest by "submitted_at", dropped 2');
  });

  it('--dedupe without a date column keeps the last row', async () => {
    const run = await nps(['score', '-', '--dedupe', 'id', '--format', 'json'], { input: 'id,score\na,0\nb,9\na,10\n' });
    expect(JSON.parse(run.stdout).overall).toMatchObject({ responses: 2, promoters: 2 });
    expect(run.stderr).toContain('kept the last row, dropped 1');
  });

  it.each([
    [['--where', 'channel=phone'], '2/0/1', 4], // 10, 6, 10
    [['--where', 'channel!=phone'], '2/1/1', 3], // 3, 9, 8, 10
    [['--where', 'channel=phone', '--where', 'channel=web', '--where', 'customer_id!=9007199254740993'], '4/0/2', 1],
    [['--since', '2025-02-01'], '3/1/1', 2], // 9, 6, 10, 8, 10
    [['--until', '2025-01-31'], '1/0/1', 5], // 3, 10
    [['--since', '2025-02-01', '--until', '2025-02-28'], '2/1/0', 4], // 9, 8, 10
    [['--since', '2025-02-01', '--dedupe', 'customer_id'], '2/1/1', 3], // 9, 6, 8, 10: …001's 07:59 answer dropped as a duplicate
  ])('%j → P/A/D %s, %i left out', async (args, expected, skipped) => {
    const json = await scoreJson([file, ...args]);
    expect(counts(json)).toBe(expected);
    expect(json.skipped.total).toBe(skipped);
    expect(json.overall.responses + (json.skipped.total ?? 0)).toBe(7); // every row counted or skipped
  });

  // A date filter without --period: the groups are the --by values alone, each pooling its days
  // (the day each answer was read under is no part of the group); on one thread and on two.
  it.each([
    [['--since', '2025-02-01'], { phone: '1/0/1', web: '2/1/0' }], // phone 6 and 10 on 03-01; web 9, 8, 10
    [['--until', '2025-01-31'], { phone: '1/0/0', web: '0/0/1' }], // phone 10, web 3
  ])('%j --by channel → %j, the days pooled', async (args, groups) => {
    for (const env of [{}, { NPS_PARALLEL_BYTES: '0' }] as Record<string, string>[]) {
      expect(groupCounts(await scoreJson([file, '--by', 'channel', ...args], { env })), JSON.stringify(env)).toEqual(groups);
    }
  });

  it('a bad --where or --since is a usage error', async () => {
    expect((await nps(['score', file, '--where', 'channel'])).stderr).toContain('is not COLUMN=VALUE');
    expect((await nps(['score', file, '--where', 'team=x'])).stderr).toContain('there is no column "team" (given with --where)');
    expect((await nps(['score', file, '--since', 'last week'])).stderr).toContain('--since "last week" is not a date');
  });
});
