// End to end: nps trend, nps compare and the CI gates, on fixtures counted by hand
// (fixtures/README.md: trend-monthly-gap.csv, compare-before.csv, compare-after.csv).
import { describe, expect, it } from 'vitest';
import { nps, scoreJson } from './run-nps.js';

const trendFile = 'fixtures/trend-monthly-gap.csv';
// By month (web + phone): Jan P35 A15 D10 (n 60, +41.67) · Feb P36 A14 D10 (+43.33) · Mar none ·
// Apr P21 A7 D7 (n 35, +40) · May P15 A15 D30 (n 60, −25).

interface TrendGroup {
  key: Record<string, string>;
  responses: number;
  nps: number;
  change: number | null;
  changeFrom: string | null;
  changePValue: number | null;
  changePAdjusted: number | null;
  changeSignificant: boolean | null;
  thin: boolean;
  rolling?: number | null;
  rollingInterval?: [number, number] | null;
  rollingResponses?: number;
}

async function trendJson(args: string[], env: Record<string, string> = {}): Promise<{ groups: TrendGroup[]; overall: { nps: number }; gates?: unknown[] }> {
  const run = await nps(['trend', trendFile, ...args, '--format', 'json'], { env });
  if (run.exitCode !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
}

describe('nps trend', () => {
  it('JSON: the score contract per period plus the change fields', async () => {
    const json = await trendJson([]);
    expect(json.overall.nps).toBeCloseTo((100 * (107 - 57)) / 215, 9);
    expect(json.groups.map((g) => [g.key.month, g.responses])).toEqual([['2025-01', 60], ['2025-02', 60], ['2025-04', 35], ['2025-05', 60]]);
    const [jan, feb, apr, may] = json.groups;
    expect(jan).toMatchObject({ change: null, changeFrom: null, thin: false });
    expect(feb?.change).toBeCloseTo(100 / 60, 9); // P36 D10 vs P35 D10 of 60: one more promoter
    // April compares with February, the previous period with answers (March has none).
    expect(apr).toMatchObject({ changeFrom: '2025-02', changeSignificant: false });
    // May against April: −65 points. Periods under 100 answers are compared exactly; enumerated table
    // by table in Python (scipy.stats.multivariate_hypergeom): Jan→Feb p 1.0, Feb→Apr 0.891995,
    // Apr→May 0.000608959. Benjamini–Hochberg over the three: 1, 1, 3 × 0.000608959 = 0.00182688.
    expect(may?.change).toBeCloseTo(-65, 9);
    expect(may?.changePValue).toBeCloseTo(0.0006089585689, 9);
    expect(may?.changePAdjusted).toBeCloseTo(0.0018268757067, 9);
    expect(may?.changeSignificant).toBe(true);
    expect(feb?.changePValue).toBeCloseTo(1, 9);
    expect(apr?.changePValue).toBeCloseTo(0.8919954115901, 9);
  });

  it('--by: a series per value; thin periods are marked (phone in April has 5 answers)', async () => {
    const json = await trendJson(['--by', 'channel']);
    const phoneApril = json.groups.find((g) => g.key.channel === 'phone' && g.key.month === '2025-04');
    expect(phoneApril).toMatchObject({ responses: 5, thin: true, nps: 40 });
    expect(json.groups.filter((g) => g.thin)).toHaveLength(1);
    const thinAt10 = await trendJson(['--by', 'channel', '--min-responses', '4']);
    expect(thinAt10.groups.filter((g) => g.thin)).toHaveLength(0);
  });

  it('--rolling 2 pools the counts of this and the previous period (a gap adds nothing)', async () => {
    const json = await trendJson(['--rolling', '2']);
    const byMonth = Object.fromEntries(json.groups.map((g) => [g.key.month, g]));
    // Feb: Jan + Feb = P71 D20 of 120 → 42.5. Apr: Mar (none) + Apr = 40. May: Apr + May = P36 D37 of 95 → −1.05.
    expect(byMonth['2025-02']?.rolling).toBeCloseTo(42.5, 9);
    expect(byMonth['2025-04']).toMatchObject({ rolling: 40, rollingResponses: 35 });
    expect(byMonth['2025-05']?.rolling).toBeCloseTo((100 * (36 - 37)) / 95, 9);
    // The rolling NPS has its interval: Feb pools P71 A29 D20; adjusted Wald P71.75 A30.5 D20.75 of 123:
    // 41.463 ± 1.96 · 100 · √(.58089/123) → 28.003 … 54.924 (Python).
    expect(byMonth['2025-02']?.rollingInterval?.[0]).toBeCloseTo(28.00298, 4);
    expect(byMonth['2025-02']?.rollingInterval?.[1]).toBeCloseTo(54.92385, 4);
    const csv = (await nps(['trend', trendFile, '--rolling', '2', '--format', 'csv'])).stdout.split('\r\n');
    expect(csv[0]).toMatch(/,rolling,rollingLow,rollingHigh,rollingResponses$/);
  });

  it('CSV carries the same rows and the change columns', async () => {
    const run = await nps(['trend', trendFile, '--format', 'csv']);
    const [head, overall, jan] = run.stdout.split('\r\n');
    expect(head).toMatch(/^month,responses,.*,count10,change,changeFrom,changePValue,changePAdjusted,changeSignificant,thin$/);
    expect(overall).toMatch(/^,215,/);
    expect(jan).toMatch(/^2025-01,60,.*,,,,,false$/);
  });

  it('the terminal view: a row per series with its sparkline, a gap for March, the table with changes and notes', async () => {
    const run = await nps(['trend', trendFile, '--by', 'channel']);
    expect(run.exitCode).toBe(0);
    // phone +33.3 +26.7 – +40.0 0.0, web +50 +60 – +40 -50 on one scale of -60 … +60 (8 steps of 120/7 points).
    expect(run.stdout).toMatch(/│ phone +│ ▆▆ ▇▅ +│ 2025-05 │ +0\.0 │ +-27\.5 … \+27\.5 │ +-40\.0 │ +30 │/);
    expect(run.stdout).toMatch(/│ web +│ ▇█ ▇▂ +│ 2025-05 │ +-50\.0 │ +-71\.8 … -19\.1 │ +-90\.0\* │ +30 │/);
    expect(run.stdout).toMatch(/│ phone +│ 2025-03 │ +0 │ +– │ +– │ +– │ +– │ no answers +│/);
    expect(run.stdout).toMatch(/│ phone +│ 2025-04 │ +5 │ +\+40\.0 │ .* │ thin \(n < 30\) │/);
    // web May: P5 A5 D20 of 30: p = 1/6, d = 2/3; variance 5/6 − .25 = .58333; MoE 1.96·100·√(.58333/30) = 27.3.
    expect(run.stdout).toMatch(/│ web +│ 2025-05 │ +30 │ +-50\.0 │ +±27\.3 │ .* │ +-90\.0\* │/);
    expect(run.stdout).not.toMatch(/\u001b\[/);
    const narrow = await nps(['trend', trendFile, '--by', 'channel'], { env: { COLUMNS: '72' } });
    expect(Math.max(...narrow.stdout.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(72);
  });

  it('--top draws the largest series and names what was left out', async () => {
    const run = await nps(['trend', trendFile, '--by', 'channel', '--top', '1']);
    // web: 120 answers, phone 95; one series left: a chart.
    expect(run.stdout).toContain('● web ··   ░ 95% interval');
    expect(run.stdout).toContain('left out (smaller; --top to show more): phone (n = 95)');
  });

  it('a file without dates: the error says what needs them', async () => {
    const run = await nps(['trend', 'fixtures/tab-separated.tsv']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('periods by month needs a date column, and none was found');
    expect(run.stderr).toContain('--date');
  });

  it('--period quarter and a wrong --rolling', async () => {
    const json = await trendJson(['--period', 'quarter']);
    expect(json.groups.map((g) => [g.key.quarter, g.responses])).toEqual([['2025-Q1', 120], ['2025-Q2', 95]]);
    const bad = await nps(['trend', trendFile, '--rolling', '1']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--rolling takes a whole number of at least 2');
  });
});

describe('gates', () => {
  it('--max-drop: a significant fall larger than X exits 1 with one line', async () => {
    const run = await nps(['trend', trendFile, '--max-drop', '20', '--format', 'json']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('nps: error: NPS fell 65.0 points from 2025-04 (+40.0, n = 35) to 2025-05 (-25.0, n = 60): more than 20 and significant (p = 0.001) (--max-drop)');
    expect(JSON.parse(run.stdout).gates).toEqual([expect.objectContaining({ gate: '--max-drop', passed: false })]);
  });

  it('--max-drop: a fall within X passes; score needs --period for it', async () => {
    expect((await nps(['trend', trendFile, '--max-drop', '70'])).exitCode).toBe(0);
    expect((await nps(['score', trendFile, '--period', 'month', '--max-drop', '20'])).exitCode).toBe(1);
    const run = await nps(['score', trendFile, '--max-drop', '20']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--max-drop compares periods');
  });

  it('--max-drop: periods of two answers are thin and not judged; judged anyway, the fall is not significant', async () => {
    const input = 'date,score\n2025-01-01,10\n2025-01-02,10\n2025-02-01,10\n2025-02-02,0\n';
    const run = await nps(['score', '-', '--period', 'month', '--max-drop', '10', '--format', 'markdown'], { input });
    expect(run.exitCode).toBe(0);
    const why = 'not judged from 2025-01 (+100.0, n = 2) to 2025-02 (0.0, n = 2): 2025-01 has 2 answers and 2025-02 has 2 answers, fewer than --min-responses 30, too few to tell a fall from chance (--max-drop)';
    expect(run.stdout).toContain(`- ✅ ${why}`);
    expect(run.stderr).toContain(`nps: warning: ${why}`);
    // With --min-responses 0 the exact test judges: of the 6 ways to split P P P D into two pairs,
    // all 6 differ by 100 points one way or the other, so p = 1.
    const judged = await nps(['score', '-', '--period', 'month', '--max-drop', '10', '--min-responses', '0', '--format', 'markdown'], { input });
    expect(judged.exitCode).toBe(0);
    expect(judged.stdout).toContain('- ✅ NPS changed -100.0 points from 2025-01 (+100.0, n = 2) to 2025-02 (0.0, n = 2): more than 10 but not significant (p = 1.000) (--max-drop)');
  });

  it('--max-drop X below what the periods can show says so once on stderr', async () => {
    // April (n 35) to May (n 60), pooled P36 A22 D37: v = .3789 + .3895 − (.3789 − .3895)² = .7683, so
    // (as nps plan works it out) a fall must be about 1.96 · 100 · √(v/38 + v/63) = 35.3 points to be significant.
    const run = await nps(['trend', trendFile, '--max-drop', '20', '--format', 'json']);
    const notes = run.stderr.split('\n').filter((l) => l.startsWith('nps: note: --max-drop'));
    expect(notes).toEqual(['nps: note: --max-drop 20: with 35 and 60 answers in 2025-04 and 2025-05, only a fall of about 35.3 points or more can be significant at 95%, so a smaller fall never fails this gate (nps plan --n 35 shows what a size can detect)']);
    expect((await nps(['trend', trendFile, '--max-drop', '40'])).stderr).not.toContain('note: --max-drop');
  });

  it('--min-group names every group under the line that has enough answers', async () => {
    // By channel and month: web May −50 (n 30) and phone May 0 (n 30) are under 10; phone April (+40, n 5) is thin.
    const run = await nps(['score', trendFile, '--by', 'channel', '--period', 'month', '--min-group', '10']);
    expect(run.exitCode).toBe(1);
    const lines = run.stderr.split('\n').filter((l) => l.includes('--min-group'));
    expect(lines).toEqual([
      'nps: error: group channel=phone, month=2025-05: NPS 0.0 (n = 30) is below the minimum 10 (--min-group)',
      'nps: error: group channel=web, month=2025-05: NPS -50.0 (n = 30) is below the minimum 10 (--min-group)',
    ]);
    expect((await nps(['score', trendFile, '--by', 'channel', '--min-group', '10'])).exitCode).toBe(0); // web +33.3, phone +16.8
    expect((await nps(['score', trendFile, '--min-group', '10'])).stderr).toContain('--min-group needs groups');
  });

  it('several gates: one line per failing reason; markdown lists them all', async () => {
    const run = await nps(['score', trendFile, '--period', 'month', '--min', '30', '--max-drop', '20', '--format', 'markdown']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr.split('\n').filter((l) => l.startsWith('nps: error: NPS'))).toHaveLength(2);
    expect(run.stdout).toContain('- ❌ NPS +23.3 is below the minimum 30 (--min)');
    expect(run.stdout).toContain('- ❌ NPS fell 65.0 points');
  });

  it('gates from the config file', async () => {
    const { mkdtemp, writeFile, copyFile } = await import('node:fs/promises');
    const { fixture } = await import('./run-nps.js');
    const dir = await mkdtemp('/tmp/nps-gates-');
    await copyFile(fixture('trend-monthly-gap.csv'), `${dir}/x.csv`);
    await writeFile(`${dir}/nps.config.json`, JSON.stringify({ defaults: { period: 'month' }, thresholds: { maxDrop: 20 } }));
    const run = await nps(['score', `${dir}/x.csv`], { cwd: dir });
    expect(run.exitCode).toBe(1);
  });
});

describe('nps compare', () => {
  it('two files: the hand-worked case (P12 A0 D18) vs (P20 A0 D10)', async () => {
    // See test/core/significance.test.ts for the derivation: +53.33 observed; 30 a side, the exact test: p 0.0692.
    const run = await nps(['compare', 'fixtures/compare-before.csv', 'fixtures/compare-after.csv', '--format', 'json']);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(Object.keys(json)).toEqual(['metric', 'a', 'b', 'difference', 'interval', 'z', 'pValue', 'significant', 'alpha', 'standardError', 'test', 'labels', 'tens']);
    // The 9-vs-10 split: 6 of 12 promoters gave 10 before, 10 of 20 after: the same share, p = 1 (exact).
    expect(json.tens).toMatchObject({ a: { promoters: 12, tens: 6, share: 50 }, b: { promoters: 20, tens: 10, share: 50 }, difference: 0, pValue: 1, significant: false });
    expect(json.tens.a.interval[0]).toBeCloseTo(25.378, 2); // Wilson, 6 of 12
    expect(json.test).toBe('exact-permutation');
    expect(json.a).toMatchObject({ responses: 30, promoters: 12, detractors: 18, nps: -20 });
    expect(json.b.nps).toBeCloseTo(33.333, 3);
    expect(json.difference).toBeCloseTo(53.333, 3);
    expect(json.z).toBeCloseTo(1.817074, 5);
    expect(json.pValue).toBeCloseTo(0.0692058063, 9);
    expect(json.significant).toBe(false);
    expect(json.interval[0]).toBeCloseTo(-4.194, 3);
    expect(json.interval[1]).toBeCloseTo(110.8607, 3);
  });

  it('table: both sides, the difference and a plain verdict; --alpha changes it', async () => {
    const run = await nps(['compare', 'fixtures/compare-before.csv', 'fixtures/compare-after.csv']);
    expect(run.stdout).toContain('Difference in NPS (b − a): +53.3 points, 95% interval -4.2 … +110.9');
    expect(run.stdout).toContain('exact permutation test, p = 0.0692: not significant at 95%');
    expect(run.stdout).toContain('10s among promoters: a 50.0% of 12 (25.4 … 74.6%), b 50.0% of 20 (29.9 … 70.1%); 0.0 points, 95% interval');
    const loose = await nps(['compare', 'fixtures/compare-before.csv', 'fixtures/compare-after.csv', '--alpha', '0.1']);
    expect(loose.stdout).toContain('exact permutation test, p = 0.0692: significant at 90%');
  });

  it('--split DATE: before vs on or after', async () => {
    // Before 2025-05-01: Jan, Feb, Apr = P92 A36 D27 (n 155); from May: P15 A15 D30 (n 60).
    const json = JSON.parse((await nps(['compare', trendFile, '--split', '2025-05-01', '--format', 'json'])).stdout);
    expect(json.a).toMatchObject({ responses: 155, promoters: 92, detractors: 27 });
    expect(json.b).toMatchObject({ responses: 60, promoters: 15, detractors: 30 });
    expect(json.labels).toEqual({ a: 'before 2025-05-01', b: 'on or after 2025-05-01' });
    expect(json.significant).toBe(true);
  });

  it('--by COL --a X --b Y: two values of a column', async () => {
    // phone: P42 A31 D22 (n 95); web: P65 A20 D35 (n 120).
    const json = JSON.parse((await nps(['compare', trendFile, '--by', 'channel', '--a', 'phone', '--b', 'web', '--format', 'json'])).stdout);
    expect(json.a).toMatchObject({ responses: 95, promoters: 42, detractors: 22 });
    expect(json.b).toMatchObject({ responses: 120, promoters: 65, detractors: 35 });
    expect(json.difference).toBeCloseTo(25 - (100 * 20) / 95, 9);
  });

  it('markdown and CSV', async () => {
    const md = await nps(['compare', 'fixtures/compare-before.csv', 'fixtures/compare-after.csv', '--format', 'markdown']);
    expect(md.stdout.split('\n')[0]).toBe('**➖ exact permutation test, p = 0.0692: not significant at 95%**');
    const csv = await nps(['compare', 'fixtures/compare-before.csv', 'fixtures/compare-after.csv', '--format', 'csv']);
    const [head, a] = csv.stdout.split('\r\n');
    expect(head).toMatch(/^side,label,responses,.*,difference,differenceLow,differenceHigh,z,pValue,significant,test$/);
    expect(a).toMatch(/^a,fixtures\/compare-before\.csv,30,12,0,18,/);
  });

  it('usage errors name the three forms; a missing value lists the values', async () => {
    const none = await nps(['compare', trendFile]);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('nps compare needs two files, or one file with --split DATE, or one file with --by COLUMN --a VALUE --b VALUE');
    const missing = await nps(['compare', trendFile, '--by', 'channel', '--a', 'phone', '--b', 'email']);
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('no answers with channel = "email" (--b). Values: "phone", "web"');
    // Standard input twice: a pipe would give nothing the second time, a file the same answers.
    for (const stdin of [{ input: 'score\n9\n3\n' }, { stdinFile: 'fixtures/compare-before.csv' }]) {
      const twice = await nps(['compare', '-', '-'], stdin);
      expect(twice.exitCode, JSON.stringify(stdin)).toBe(2);
      expect(twice.stderr).toContain('compare reads standard input (-) for one of the two files, not both');
    }
  });
});

describe('score: intervals and distribution', () => {
  it('--interval wald gives NPS ± marginOfError; the default is adjusted Wald', async () => {
    const wald = await scoreJson(['fixtures/example.csv', '--interval', 'wald']);
    expect(wald.overall.interval?.[0]).toBeCloseTo(32.5 - 25.354836816670698, 9);
    expect(wald.overall.interval?.[1]).toBeCloseTo(32.5 + 25.354836816670698, 9);
    const adjusted = await scoreJson(['fixtures/example.csv']);
    expect(adjusted.overall.interval?.[0]).toBeCloseTo(5.869, 3);
  });

  it('--distribution prints the histogram and the 10s share', async () => {
    const run = await nps(['score', 'fixtures/example.csv', '--by', 'channel', '--distribution']);
    expect(run.stdout).toContain('Distribution (n = 40)');
    expect(run.stdout).toContain(' 10 │ ████████████████████████████████████████ 13');
    // Wilson intervals (statsmodels proportion_confint, method "wilson"): 13 of 22 → 38.7 … 76.7%;
    // chat 5 of 9 → 26.7 … 81.1%; email 6 of 9 → 35.4 … 87.9%; phone 2 of 4 → 15.0 … 85.0%.
    expect(run.stdout).toContain('Promoters 22: 9s 9, 10s 13 (59.1% of promoters gave 10; 95% interval 38.7 … 76.7%)');
    expect(run.stdout).toContain('10s among promoters by group: chat 55.6% (26.7 … 81.1%), email 66.7% (35.4 … 87.9%), phone 50.0% (15.0 … 85.0%)');
  });
});
