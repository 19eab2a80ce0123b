// CSAT, CES, eNPS, weights, bands and benchmarks end to end, on fixtures/cx-metrics.csv (NPS,
// CSAT 1–5 and CES 1–7 columns, a survey type and a weight). The expected numbers are worked
// out by hand in test/core/metrics.test.ts and printed independently by fixtures/cx-reference.py.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nps } from './run-nps.js';

const FILE = 'fixtures/cx-metrics.csv';
/** A group or driver row of the JSON output. */
type Row = { key: Record<string, string> } & Record<string, unknown>;

// JSON.parse's result is read field by field below.
const json = async (args: string[]) => {
  const run = await nps([...args, '--format', 'json']);
  expect(run.exitCode, run.stderr).toBe(0);
  return JSON.parse(run.stdout);
};

describe('--metric nps,csat,ces', () => {
  it('one command gives all three per channel and month; each metric with its own Stats and scale', async () => {
    const out = await json(['score', FILE, '--metric', 'nps,csat,ces', '--by', 'channel', '--period', 'month']);
    expect(Object.keys(out.metrics)).toEqual(['nps', 'csat', 'ces']);
    const { nps: n, csat, ces } = out.metrics;
    expect(n.overall).toMatchObject({ responses: 11, promoters: 6, passives: 2, detractors: 3, band: 'positive' });
    expect(n.overall.nps).toBeCloseTo(27.2727, 3);
    expect(n.overall.marginOfError).toBeCloseTo(50.9669, 3);
    expect(csat.metric).toMatchObject({ name: 'csat', scale: '1-5', scaleFrom: 'values', satisfied: [4, 5], column: 'How satisfied were you with the support?' });
    expect(csat.overall).toMatchObject({ responses: 11, satisfied: 7 });
    expect(csat.overall.csat).toBeCloseTo(63.6364, 3);
    expect(csat.overall.marginOfError).toBeCloseTo(28.428, 3);
    expect(csat.overall.mean).toBeCloseTo(3.4545, 3);
    expect(csat.overall.meanMarginOfError).toBeCloseTo(0.89091, 4);
    expect(ces.metric).toMatchObject({ name: 'ces', scale: '1-7', scaleFrom: 'header', easy: [5, 7] });
    expect(ces.overall).toMatchObject({ responses: 12, easy: 8 });
    expect(ces.overall.mean).toBeCloseTo(4.9167, 3);
    expect(ces.overall.marginOfError).toBeCloseTo(1.14333, 4);
    expect(ces.overall.easyShare).toBeCloseTo(66.667, 2);
    // email in February: CSAT answers 3, 5, 4 → 2 of 3 satisfied; CES 4, 7, 6 → mean 17/3.
    const febEmail = (report: { groups: Row[] }) => report.groups.find((g: Row) => g.key.channel === 'email' && g.key.month === '2025-02');
    expect(febEmail(csat)).toMatchObject({ responses: 3, satisfied: 2 });
    expect(febEmail(ces)?.mean).toBeCloseTo(17 / 3, 10);
    // Row 12 has no CSAT answer; row 11 no NPS score: each skipped for its own metric only.
    expect(csat.skipped.missing).toBe(1);
    expect(ces.skipped.total).toBe(0);
  });

  it('the table names each metric; CSV has a metric column; Markdown a heading each', async () => {
    const table = await nps(['score', FILE, '--metric', 'nps,csat,ces']);
    expect(table.stdout).toMatch(/^NPS\n/);
    expect(table.stdout).toContain('CSAT: column "How satisfied were you with the support?", scale 1-5, satisfied = 4–5');
    expect(table.stdout).toContain('63.6%');
    expect(table.stderr).toContain('CES scale 1-7 (as its header says');
    const csv = await nps(['score', FILE, '--metric', 'csat,ces', '--format', 'csv']);
    const lines = csv.stdout.trim().split('\r\n');
    expect(lines[0]).toMatch(/^metric,responses,satisfied,csat,marginOfError,intervalLow,intervalHigh,mean,meanMarginOfError,count0,/);
    expect(lines.map((l) => l.split(',')[0])).toEqual(['metric', 'csat', 'ces']);
    const md = await nps(['score', FILE, '--metric', 'nps,ces', '--format', 'markdown']);
    expect(md.stdout).toMatch(/^### NPS\n\n\*\*NPS \+27\.3\*\*/);
    expect(md.stdout).toContain('### CES\n\n**CES 4.92**');
  });

  it('--scale csat=1-7 and --satisfied override; an answer off the scale is skipped as invalid', async () => {
    const seven = await json(['score', FILE, '--metric', 'csat', '--scale', 'csat=1-7']);
    expect(seven.metric).toMatchObject({ scale: '1-7', scaleFrom: 'given', satisfied: [6, 7] });
    expect(seven.overall.satisfied).toBe(0);
    const wide = await json(['score', FILE, '--metric', 'csat', '--satisfied', '3-5']);
    expect(wide.overall.satisfied).toBe(8);
    const dir = mkdtempSync(join(tmpdir(), 'nps-csat-'));
    writeFileSync(join(dir, 'x.csv'), 'Satisfaction (1-5),x\n5,a\n4,b\n0,c\n2,d\n5,e\n');
    const run = await nps(['score', join(dir, 'x.csv'), '--metric', 'csat', '--format', 'json']);
    const out = JSON.parse(run.stdout);
    expect(out.overall).toMatchObject({ responses: 4, satisfied: 3 });
    expect(out.skipped.invalid).toBe(1);
    expect(run.stderr).toContain('skipped 1 row with a CSAT answer that is not on its 1-5 scale');
  });

  it('several metrics from standard input: one read gives what the file gives (score and trend)', async () => {
    const input = readFileSync(FILE, 'utf8');
    for (const command of [['score', '--by', 'channel'], ['trend', '--period', 'month']]) {
      const args = [command[0] as string, '-', '--metric', 'nps,csat,ces', ...command.slice(1), '--format', 'json'];
      const piped = await nps(args, { input });
      expect(piped.exitCode, piped.stderr).toBe(0);
      const fromFile = await nps(args.map((arg) => (arg === '-' ? FILE : arg)));
      expect(JSON.parse(piped.stdout)).toEqual(JSON.parse(fromFile.stdout));
      // The figures worked out by hand above, from the pipe.
      const { nps: n, csat, ces } = JSON.parse(piped.stdout).metrics;
      expect(n.overall).toMatchObject({ responses: 11, promoters: 6, passives: 2, detractors: 3 });
      expect(csat.overall).toMatchObject({ responses: 11, satisfied: 7 });
      expect(ces.overall).toMatchObject({ responses: 12, easy: 8 });
      // What the file says is said once, not once per metric.
      expect(piped.stderr.split('\n').filter((line) => line.includes('CES scale 1-7'))).toHaveLength(1);
    }
  });

  it('errors: no CSAT column names --csat, before the file is read', async () => {
    const none = await nps(['score', 'fixtures/example.csv', '--metric', 'csat']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('no CSAT column found');
    expect(none.stderr).toContain('--csat');
    // With NPS first, nothing is said of NPS: every metric's column is chosen before any row is counted.
    const both = await nps(['score', 'fixtures/example.csv', '--metric', 'nps,csat']);
    expect(both.exitCode).toBe(2);
    expect(both.stderr).toMatch(/^nps: error: fixtures\/example.csv: no CSAT column found/);
    const bad = await nps(['score', FILE, '--metric', 'nss']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('--metric "nss" is not one of: nps, csat, ces');
  });
});

describe('eNPS, survey types, weights, bands, benchmarks', () => {
  it('--label eNPS renames the measure in the table, Markdown, JSON and gate messages', async () => {
    const table = await nps(['score', FILE, '--label', 'eNPS', '--min', '40']);
    expect(table.exitCode).toBe(1);
    expect(table.stdout).toContain('eNPS');
    expect(table.stdout).not.toMatch(/│\s+NPS\s+│/);
    expect(table.stderr).toContain('eNPS +27.3 is below the minimum 40 (--min)');
    const md = await nps(['score', FILE, '--label', 'eNPS', '--format', 'markdown']);
    expect(md.stdout).toMatch(/^\*\*eNPS \+27\.3\*\*/);
    expect((await json(['score', FILE, '--label', 'eNPS'])).metric.label).toBe('eNPS');
  });

  it('a survey-type column works with --by: tNPS 4 P, 2 A, 1 D of 7; rNPS 2 P, 2 D of 4', async () => {
    const out = await json(['score', FILE, '--by', 'survey']);
    const t = out.groups.find((g: Row) => g.key.survey === 'tNPS');
    const r = out.groups.find((g: Row) => g.key.survey === 'rNPS');
    expect(t).toMatchObject({ responses: 7, promoters: 4, passives: 2, detractors: 1 });
    expect(t.nps).toBeCloseTo(300 / 7, 10);
    expect(r).toMatchObject({ responses: 4, promoters: 2, detractors: 2, nps: 0 });
  });

  it('--weight: weighted shares, Σw, effective n; rows without a weight are skipped with a reason', async () => {
    const run = await nps(['score', FILE, '--weight', 'weight', '--format', 'json']);
    const out = JSON.parse(run.stdout);
    expect(out.metric.weight).toBe('weight');
    expect(out.overall).toMatchObject({ responses: 10, promoters: 5, passives: 2, detractors: 3 });
    expect(out.overall.nps).toBeCloseTo(21.7391, 3);
    expect(out.overall.weight).toBeCloseTo(11.5, 10);
    // The linearised variance (cx-reference.py, and R survey::svymean: SE 32.7613781 points).
    expect(out.overall.effectiveResponses).toBeCloseTo(7.256333, 5);
    expect(out.overall.marginOfError).toBeCloseTo(1.96 * 32.7613781495059, 6);
    expect(out.skipped).toMatchObject({ total: 2, missing: 1, missingWeight: 1 });
    expect(run.stderr).toContain('skipped 1 row with no weight (--weight) (row 13)');
    const table = await nps(['score', FILE, '--weight', 'weight']);
    expect(table.stdout).toContain('Weighted by "weight": Σw 11.5, effective n 7.3 of 10 rows');
    const dir = mkdtempSync(join(tmpdir(), 'nps-weight-'));
    writeFileSync(join(dir, 'w.csv'), 'score,w\n10,1\n0,-1\n9,abc\n8,2\n');
    const bad = JSON.parse((await nps(['score', join(dir, 'w.csv'), '--weight', 'w', '--format', 'json'])).stdout);
    expect(bad.skipped.invalidWeight).toBe(2);
    expect(bad.overall.nps).toBeCloseTo(100 / 3, 10);
  });

  it('a group whose weights add up to 0 has no NPS and no band; compare refuses it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nps-zero-weight-'));
    const file = join(dir, 'zero.csv');
    writeFileSync(file, 'score,channel,w\n10,a,0\n3,a,0\n9,b,1\n6,b,2\n');
    const out = JSON.parse((await nps(['score', file, '--by', 'channel', '--weight', 'w', '--format', 'json'])).stdout);
    expect(out.groups[0]).toMatchObject({ key: { channel: 'a' }, responses: 2, nps: null, band: null, interval: null, marginOfError: null, weight: 0 });
    // b: (1 − 2)/3 → −33.3.
    expect(out.groups[1].nps).toBeCloseTo(-100 / 3, 10);
    const run = await nps(['compare', file, '--by', 'channel', '--a', 'a', '--b', 'b', '--weight', 'w']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('nps: error: nothing to compare: the 2 answers of side a (channel = a) have weights that add up to 0, so it has no NPS');
  });

  it('bands from the config file; --benchmark with its verdict', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nps-bands-'));
    const config = join(dir, 'nps.config.json');
    writeFileSync(config, JSON.stringify({ bands: { nps: [{ from: -100, label: 'red' }, { from: 25, label: 'green' }], csat: [{ from: 0, label: 'low' }, { from: 80, label: 'high' }] } }));
    const out = await json(['score', FILE, '--config', config, '--metric', 'nps,csat']);
    expect(out.metrics.nps.overall.band).toBe('green');
    expect(out.metrics.csat.overall.band).toBe('low');
    // 11 answers: the exact test (fixtures/cx-reference.py, benchmarkExact: 1.0 and 0.0019654).
    const near = await json(['score', FILE, '--benchmark', '30']);
    expect(near.benchmark).toMatchObject({ benchmark: 30, test: 'exact', verdict: 'not different' });
    expect(near.benchmark.pValue).toBeCloseTo(1, 9);
    const far = await json(['score', FILE, '--benchmark', '-60']);
    expect(far.benchmark.pValue).toBeCloseTo(0.0019653632, 7);
    const table = await nps(['score', FILE, '--benchmark', '-60']);
    expect(table.stdout).toContain('Benchmark -60: NPS is 87.3 points above it (exact test, p = 0.0020): significantly above it at 95%');
  });
});

describe('--metric in trend, compare and drivers', () => {
  it('trend --metric csat: CSAT per month with the change and its test', async () => {
    const out = await json(['trend', FILE, '--metric', 'csat']);
    // January: 5, 4, 2, 4, 1 → 3 of 5; February: 5, 3, 5, 1, 4, 4 → 4 of 6.
    expect(out.groups.map((g: Row) => [g.key.month, g.responses, g.satisfied])).toEqual([['2025-01', 5, 3], ['2025-02', 6, 4]]);
    expect(out.groups[1].change).toBeCloseTo(400 / 6 - 60, 10);
    // Both months are thin (fewer than 30 answers): no verdict. The exact p of 3 of 5 against 4 of 6
    // is 1: every split of the 7 satisfied and 4 not is at least as far apart.
    expect(out.groups[1].changeSignificant).toBeNull();
    expect(out.groups[1].changePValue).toBeCloseTo(1, 12);
  });

  it('compare --metric ces by channel: 5 and 7 answers, the exact permutation test (reference: p 0.681818)', async () => {
    const out = await json(['compare', FILE, '--metric', 'ces', '--by', 'channel', '--a', 'phone', '--b', 'email']);
    expect(out.test).toBe('exact-permutation');
    expect(out.difference).toBeCloseTo(-0.542857, 5);
    expect(out.pValue).toBeCloseTo(0.6818181818181818, 12);
    expect(out.degreesOfFreedom).toBeUndefined();
    const several = await nps(['compare', FILE, '--metric', 'nps,ces', '--by', 'channel', '--a', 'phone', '--b', 'email']);
    expect(several.exitCode).toBe(2);
  });

  it('drivers --metric csat: impact = CSAT of all − CSAT without the group', async () => {
    const out = await json(['drivers', FILE, '--metric', 'csat', '--by', 'channel']);
    const email = out.drivers.find((d: Row) => d.key.channel === 'email');
    // All 7 of 11 satisfied; without email (3 of 5) phone alone has 4 of 6.
    expect(email.impact).toBeCloseTo(700 / 11 - 400 / 6, 10);
    expect(email.satisfied).toBe(3);
  });
});
