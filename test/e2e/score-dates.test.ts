// End to end: periods follow the calendar date as written, whatever the machine's time zone.
import { describe, expect, it } from 'vitest';
import { groupCounts, nps, scoreJson } from './run-nps.js';

const ZONES = ['UTC', 'America/Los_Angeles', 'Asia/Tokyo'];

describe.each(ZONES)('TZ=%s', (TZ) => {
  const env = { TZ };
  it('a Z or an offset never moves an answer into another month', async () => {
    // 2025-01-31T23:30-08:00 is 1 February in UTC, 2025-04-01T00:00+14:00 is 31 March in UTC: neither moves.
    const json = await scoreJson(['fixtures/dates-offsets.csv', '--period', 'month'], { env });
    expect(groupCounts(json)).toEqual({ '2025-01': '1/0/0', '2025-02': '0/0/1', '2025-03': '1/0/0', '2025-04': '0/0/1' });
  });

  it('ISO week-years at New Year', async () => {
    const json = await scoreJson(['fixtures/iso-week-boundaries.csv', '--period', 'week'], { env });
    expect(groupCounts(json)).toEqual({ '2020-W53': '1/0/0', '2025-W01': '1/0/0', '2026-W53': '0/1/1' });
  });

  it('Excel serial numbers in a CSV and date cells in a workbook', async () => {
    // 45658 = 2025-01-01, 45688 = 2025-01-31, 45689 = 2025-02-01, 45717.75 = 2025-03-01 18:00.
    const csv = await scoreJson(['fixtures/dates-excel-serial.csv', '--period', 'day'], { env });
    expect(groupCounts(csv)).toEqual({ '2025-01-01': '1/0/0', '2025-01-31': '1/0/0', '2025-02-01': '0/0/1', '2025-03-01': '0/1/0' });
    const xlsx = await scoreJson(['fixtures/example.xlsx', '--period', 'day'], { env });
    expect(xlsx.groups[0]).toMatchObject({ key: { day: '2025-01-03' }, responses: 1 });
  });
});

describe('day and month order', () => {
  // dates-*.csv: the same answers 10 (5 Jan), 9 (25 Jan), 6 (3 Feb), 8 (14 Feb).
  const expected = { '2025-01': '2/0/0', '2025-02': '0/1/1' };
  it.each([['dates-dmy.csv'], ['dates-mdy-ampm.csv'], ['dates-dotted-dashed.csv']])('%s is decided from the data', async (file) => {
    expect(groupCounts(await scoreJson([`fixtures/${file}`, '--period', 'month']))).toEqual(expected);
  });

  it('M/D/YY dates as in the Carpentries export', async () => {
    // 9/8/18 … 9/4/18: no part is over 12, so this small file is ambiguous and needs the flag;
    // as mdy all four scored rows fall in September 2018 (the two-digit year 18 is 2018).
    const ambiguous = await nps(['score', 'fixtures/decoy-recommend-likert.csv', '--period', 'month']);
    expect(ambiguous.exitCode).toBe(2);
    const json = await scoreJson(['fixtures/decoy-recommend-likert.csv', '--period', 'month', '--date-format', 'mdy']);
    expect(groupCounts(json)).toEqual({ '2018-09': '2/1/1' });
  });

  it('still ambiguous: exit 2, says so and names --date-format; the flag settles it', async () => {
    const run = await nps(['score', 'fixtures/dates-ambiguous.csv', '--period', 'month']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('could be day/month/year or month/day/year');
    expect(run.stderr).toContain('--date-format dmy');
    expect(groupCounts(await scoreJson(['fixtures/dates-ambiguous.csv', '--period', 'month', '--date-format', 'dmy']))).toEqual({
      '2025-02': '1/0/0', '2025-04': '0/0/1',
    });
    expect(groupCounts(await scoreJson(['fixtures/dates-ambiguous.csv', '--period', 'month', '--date-format', 'mm/dd/yyyy']))).toEqual({
      '2025-01': '1/0/0', '2025-03': '0/0/1',
    });
  });

  it('both orders in one column: exit 2 naming a row of each', async () => {
    const run = await nps(['score', '-', '--period', 'month'], { input: 'date,score\n25/02/2025,9\n02/25/2025,9\n' });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('day first (row 2: "25/02/2025") and month first (row 3: "02/25/2025")');
  });

  it('with a forced order, dates impossible in it are skipped as invalid dates', async () => {
    const run = await nps(['score', 'fixtures/dates-dmy.csv', '--period', 'month', '--date-format', 'mdy', '--format', 'json']);
    const json = JSON.parse(run.stdout);
    // 25/01 and 14/02 cannot be month/day; 05/01 → 1 May, 03/02 → 2 March.
    expect(json.skipped).toMatchObject({ total: 2, invalidDate: 2 });
    expect(groupCounts(json)).toEqual({ '2025-03': '0/0/1', '2025-05': '1/0/0' });
  });

  it('missing and unreadable dates are skipped with --period, counted by reason', async () => {
    const input = 'date,score\n2025-01-02,9\n,10\nsoon,8\n2025-01-03,0\n2025-01-04,10\n2025-01-05,7\n';
    const run = await nps(['score', '-', '--period', 'month', '--date', 'date', '--format', 'json'], { input });
    const json = JSON.parse(run.stdout);
    expect(json.skipped).toEqual({ total: 2, missing: 0, invalid: 0, missingDate: 1, invalidDate: 1, missingWeight: 0, invalidWeight: 0, filtered: 0, duplicate: 0 });
    expect(json.overall.responses).toBe(4);
    expect(run.stderr).toContain('skipped 1 row with no date (row 3)');
    expect(run.stderr).toContain('skipped 1 row with a date that cannot be read: "soon" (row 4)');
  });

  it('--period without a date column: exit 2 naming --date', async () => {
    const run = await nps(['score', 'fixtures/tab-separated.tsv', '--period', 'month']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--period needs a date column');
    expect(run.stderr).toContain('--date');
  });
});
