// End to end: the example export, grouping, periods, every format, the gate, stdin, colour.
import { readFile } from 'node:fs/promises';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { fixture, groupCounts, nps, scoreJson } from './run-nps.js';

// fixtures/example.csv, counted by hand from the rows (see fixtures/README.md):
//   email 16: P9 A4 D3 (+37.5) · phone 12: P4 A3 D5 (−8.33) · chat 12: P9 A2 D1 (+66.67)
//   overall 40: P22 A9 D9 → NPS 100·13/40 = +32.5; one row without a score.
describe('nps score fixtures/example.csv', () => {
  it('prints a table with the overall NPS and says which column it chose', async () => {
    const run = await nps(['score', 'fixtures/example.csv']);
    expect(run.exitCode).toBe(0);
    // 95% interval, adjusted Wald: P 22.75, A 10.5, D 9.75, n 43 → centre 30.23, half-width
    // 1.96·100·√((.52907 + .22674 − .30233²)/43) = 24.36 → +5.9 … +54.6.
    expect(run.stdout).toMatch(/│\s+40 │\s+22 \(55\.0%\) │\s+9 \(22\.5%\) │\s+9 \(22\.5%\) │\s+\+32\.5 │\s+\+5\.9 … \+54\.6 │/);
    expect(run.stdout).not.toMatch(/\u001b\[/);
    expect(run.stderr).toContain('using score column "How likely are you to recommend us? (0-10)" (detected; --score to choose another)');
    expect(run.stderr).toContain('skipped 1 row with no score (row 42)');
  });

  it('JSON: overall, no groups without --by/--period, skipped by reason', async () => {
    const json = await scoreJson(['fixtures/example.csv']);
    expect(json.overall).toMatchObject({ responses: 40, promoters: 22, passives: 9, detractors: 9, nps: 32.5 });
    // MoE: p = .55, d = .225; variance = .775 − .325² = .669375; 1.96·100·√(.669375/40) = 25.3548.
    expect(json.overall.marginOfError).toBeCloseTo(25.3548, 4);
    expect(json.overall.promoterShare).toBe(55);
    expect(json.overall.interval?.[0]).toBeCloseTo(5.87, 2);
    expect(json.overall.interval?.[1]).toBeCloseTo(54.60, 2);
    expect(json.overall.distribution).toEqual([1, 0, 1, 1, 1, 1, 4, 4, 5, 9, 13]);
    expect(json.groups).toEqual([]);
    expect(json.skipped).toEqual({ total: 1, missing: 1, invalid: 0, missingDate: 0, invalidDate: 0, missingWeight: 0, invalidWeight: 0, filtered: 0, duplicate: 0 });
  });

  it('--by channel: pooled per group, overall not an average of groups', async () => {
    const json = await scoreJson(['fixtures/example.csv', '--by', 'channel']);
    expect(groupCounts(json)).toEqual({ chat: '9/2/1', email: '9/4/3', phone: '4/3/5' });
    expect(json.groups.map((g) => g.nps)).toEqual([expect.closeTo(66.667, 3), 37.5, expect.closeTo(-8.333, 3)]);
    expect(json.overall.nps).toBe(32.5); // the mean of the three would be 31.94
  });

  it('--by channel --period month: cross product, periods in time order', async () => {
    const json = await scoreJson(['fixtures/example.csv', '--by', 'channel', '--period', 'month']);
    expect(json.groups[0]?.key).toEqual({ channel: 'chat', month: '2025-01' });
    expect(groupCounts(json)).toEqual({
      'chat|2025-01': '3/0/0', 'chat|2025-02': '3/0/1', 'chat|2025-03': '3/2/0',
      'email|2025-01': '3/1/1', 'email|2025-02': '2/2/1', 'email|2025-03': '4/1/1',
      'phone|2025-01': '1/1/2', 'phone|2025-02': '1/1/2', 'phone|2025-03': '2/1/1',
    });
  });

  it('--period month|quarter|year|week|day', async () => {
    expect(groupCounts(await scoreJson(['fixtures/example.csv', '--period', 'month']))).toEqual({
      '2025-01': '7/2/3', '2025-02': '6/3/4', '2025-03': '9/4/2',
    });
    expect(groupCounts(await scoreJson(['fixtures/example.csv', '--period', 'quarter']))).toEqual({ '2025-Q1': '22/9/9' });
    expect(groupCounts(await scoreJson(['fixtures/example.csv', '--period', 'year']))).toEqual({ '2025': '22/9/9' });
    const weeks = await scoreJson(['fixtures/example.csv', '--period', 'week']);
    expect(weeks.groups[0]?.key).toEqual({ week: '2025-W01' }); // 3 January 2025 is a Friday of week 1
    const days = await scoreJson(['fixtures/example.csv', '--period', 'day']);
    expect(days.groups[0]).toMatchObject({ key: { day: '2025-01-03' }, responses: 1, promoters: 1 });
  });

  it('two --by columns give their cross product', async () => {
    const { mkdtemp, writeFile } = await import('node:fs/promises');
    const dir = await mkdtemp('/tmp/nps-test-');
    // a|x: P1 D1 (0) · a|y: P1 (100) · b|x: A1 (0) · b|y: P2 (100) · overall P4 A1 D1 → 50.
    await writeFile(`${dir}/cross.csv`, 'ch,ag,score\na,x,10\na,x,0\na,y,9\nb,x,7\nb,y,9\nb,y,9\n');
    const json = await scoreJson([`${dir}/cross.csv`, '--by', 'ch', '--by', 'ag']);
    expect(json.groups.map((g) => [g.key, g.nps])).toEqual([
      [{ ch: 'a', ag: 'x' }, 0], [{ ch: 'a', ag: 'y' }, 100], [{ ch: 'b', ag: 'x' }, 0], [{ ch: 'b', ag: 'y' }, 100],
    ]);
    expect(json.overall.nps).toBe(50);
  });

  it('--format csv: one table, key columns first, overall first with empty keys', async () => {
    const run = await nps(['score', 'fixtures/example.csv', '--by', 'channel', '--format', 'csv']);
    const records = parse(run.stdout) as string[][];
    expect(records[0]?.slice(0, 13)).toEqual(['channel', 'responses', 'promoters', 'passives', 'detractors', 'promoterShare', 'passiveShare', 'detractorShare', 'nps', 'marginOfError', 'intervalLow', 'intervalHigh', 'band']);
    expect(records.slice(1).map((r) => [r[0], r[1], r[8]])).toEqual([
      ['', '40', '32.5'], ['chat', '12', String((100 * 8) / 12)], ['email', '16', '37.5'], ['phone', '12', String((100 * -1) / 12)],
    ]);
  });

  it('--format markdown', async () => {
    const run = await nps(['score', 'fixtures/example.csv', '--by', 'channel', '--format', 'markdown']);
    expect(run.stdout.split('\n')[0]).toBe('**NPS +32.5** (95% interval +5.9 … +54.6, n = 40, good)');
    expect(run.stdout.split('\n').slice(2, 5)).toEqual([
      '| channel | Responses | Promoters | Passives | Detractors | NPS | Shrunk | 95% interval | Band |',
      '| :--- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
      // chat, adjusted Wald: P 9.75, A 3.5, D 1.75, n 15; centre 53.33; variance .76667 − .53333² = .48222;
      // half-width 196·√(.48222/15) = 35.14 → +18.2 … +88.5. Shrunk: the three channels differ no more
      // than chance makes them (the Dirichlet-multinomial likelihood grows with the prior's strength
      // without end; scipy agrees), so each goes to the overall +32.5.
      '| chat | 12 | 9 (75.0%) | 2 (16.7%) | 1 (8.3%) | +66.7 | +32.5 | +18.2 … +88.5 | great |',
    ]);
    expect(run.stdout).toContain('Shrunk: the groups differ no more than chance would make them, so each is shrunk all the way to the overall NPS (empirical Bayes)');
  });

  it('reads standard input with -', async () => {
    const input = await readFile(fixture('example.csv'));
    const fromStdin = await scoreJson(['-', '--by', 'channel'], { input });
    const fromFile = await scoreJson(['fixtures/example.csv', '--by', 'channel']);
    expect(fromStdin).toEqual(fromFile);
    const csv = await nps(['score', '-', '--format', 'csv'], { input });
    expect(csv.stdout.split('\r\n')[1]).toMatch(/^40,22,9,9,55,22\.5,22\.5,32\.5,25\.354836816670698,5\.86\d+,54\.59\d+,good,false,1,0,1,1,1,1,4,4,5,9,13$/);
  });
});

describe('--min gate', () => {
  it('passes at or above the threshold', async () => {
    const run = await nps(['score', 'fixtures/example.csv', '--min', '32.5']);
    expect(run.exitCode).toBe(0);
  });

  it('exits 1 below it, one line naming score and threshold, result still on stdout', async () => {
    const run = await nps(['score', 'fixtures/example.csv', '--min', '33', '--format', 'json']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('nps: error: NPS +32.5 is below the minimum 33 (--min)');
    expect(JSON.parse(run.stdout).overall.nps).toBe(32.5);
  });

  it('rejects a threshold that is not a number', async () => {
    const run = await nps(['score', 'fixtures/example.csv', '--min', 'high']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--min takes a number from -100 to 100');
  });
});

describe('colour', () => {
  const table = ['score', 'fixtures/example.csv', '--by', 'channel'];
  const ansi = /\u001b\[\d+m/;
  it('none when stdout is not a terminal', async () => {
    expect((await nps(table, { env: { NO_COLOR: '' } })).stdout).not.toMatch(ansi);
  });
  it('--color always, and FORCE_COLOR, turn it on in a pipe', async () => {
    expect((await nps([...table, '--color', 'always'])).stdout).toMatch(ansi);
    expect((await nps(table, { env: { FORCE_COLOR: '1', NO_COLOR: '' } })).stdout).toMatch(ansi);
  });
  it('--color never beats FORCE_COLOR; JSON and CSV never have colour', async () => {
    expect((await nps([...table, '--color', 'never'], { env: { FORCE_COLOR: '1' } })).stdout).not.toMatch(ansi);
    expect((await nps([...table, '--format', 'json', '--color', 'always'])).stdout).not.toMatch(ansi);
  });
});

describe('shrunk scores, --sort and --top', () => {
  // trend-monthly-gap.csv by channel and month: 8 groups. scipy.optimize on the Dirichlet-multinomial
  // likelihood (Nelder–Mead then BFGS from four starts): α = (8.148779, 4.131248, 4.293390), Σα 16.5734;
  // shrunk NPS web 2025-02 +46.9267, web 2025-01 +40.4853, web 2025-04 +34.0439, … phone 2025-04 (5
  // answers, +40.0) only +27.1417, web 2025-05 −23.9291.
  const args = ['score', 'fixtures/trend-monthly-gap.csv', '--by', 'channel', '--period', 'month'];

  it('JSON: shrunkNps per group, the prior, and the first three by it', async () => {
    const json = JSON.parse((await nps([...args, '--sort', 'shrunk', '--top', '3', '--format', 'json'])).stdout);
    expect(json.groups.map((g: { key: Record<string, string> }) => Object.values(g.key).join(' '))).toEqual(['web 2025-02', 'web 2025-01', 'web 2025-04']);
    expect(json.groups[0].shrunkNps).toBeCloseTo(46.926747, 4);
    expect(json.top).toEqual({ shown: 3, of: 8 });
    expect(json.shrinkage.prior.promoters).toBeCloseTo(8.148779, 3);
    expect(json.shrinkage.strength).toBeCloseTo(16.573416, 3);
    expect(json.shrinkage.pooled).toBe(false);
    // The overall row counts every group, listed or not.
    expect(json.overall.responses).toBe(215);
    const all = JSON.parse((await nps([...args, '--format', 'json'])).stdout);
    const phoneApril = all.groups.find((g: { key: Record<string, string> }) => g.key.channel === 'phone' && g.key.month === '2025-04');
    expect(phoneApril).toMatchObject({ responses: 5, nps: 40 });
    expect(phoneApril.shrunkNps).toBeCloseTo(27.141688, 4);
  });

  it('the table names what --top left out; other orders; --sort impact is for drivers', async () => {
    const run = await nps([...args, '--sort', 'shrunk', '--top', '3']);
    expect(run.stdout).toContain('5 more groups not listed (--top 3 of 8); the overall row counts them all');
    expect(run.stdout).toMatch(/│ web +│ 2025-02 │ +30 │ .* │ \+60\.0 │ +\+46\.9 │/);
    const byAnswers = JSON.parse((await nps([...args, '--sort', 'responses', '--top', '1', '--format', 'json'])).stdout);
    // 30 answers is the most (every group but phone in April); the tie goes by key.
    expect(byAnswers.groups[0].key).toEqual({ channel: 'phone', month: '2025-01' });
    const byNps = JSON.parse((await nps([...args, '--sort', 'nps', '--format', 'json'])).stdout);
    expect(byNps.groups.map((g: { nps: number }) => g.nps)).toEqual([...byNps.groups.map((g: { nps: number }) => g.nps)].sort((a: number, b: number) => b - a));
    const csv = (await nps([...args, '--sort', 'shrunk', '--top', '2', '--format', 'csv'])).stdout.split('\r\n');
    expect(csv[0]).toMatch(/,shrunkNps$/);
    expect(csv).toHaveLength(5); // header, overall, two groups, the final empty line
    const impact = await nps([...args, '--sort', 'impact']);
    expect(impact.exitCode).toBe(2);
    expect(impact.stderr).toContain('--sort impact is for nps drivers');
    const noGroups = await nps(['score', 'fixtures/trend-monthly-gap.csv', '--period', 'month', '--sort', 'shrunk']);
    expect(noGroups.exitCode).toBe(2);
    expect(noGroups.stderr).toContain('--sort shrunk needs groups (--by) and NPS or CSAT');
  });
});
