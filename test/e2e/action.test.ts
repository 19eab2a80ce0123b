// End to end: from score to action. nps drivers, nps comments and nps list on fixtures
// whose numbers are worked out by hand (fixtures/README.md).
import { parse } from 'csv-parse/sync';
import { readFile } from 'node:fs/promises';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixture, nps } from './run-nps.js';

const json = async (args: string[]): Promise<Record<string, unknown> & { [k: string]: never }> => {
  const run = await nps([...args, '--format', 'json']);
  if (run.exitCode !== 0) throw new Error(run.stderr);
  return JSON.parse(run.stdout);
};

describe('nps drivers', () => {
  // drivers-small.csv: team A P3 A1 D0, B P1 A1 D2, C P2 A0 D2; web P4 A0 D2, phone P2 A2 D2; all P6 A2 D4 (+16.67).
  // Impact = NPS(all) − NPS(rest): A 16.67 − (−12.5) = +29.17; B 16.67 − 37.5 = −20.83; C 16.67 − 25 = −8.33;
  // web 16.67 − 0 = +16.67; phone 16.67 − 33.33 = −16.67.
  it('ranks every value of each --by column by impact, most negative first', async () => {
    const report = (await json(['drivers', 'fixtures/drivers-small.csv', '--by', 'team', '--by', 'channel'])) as unknown as {
      overall: { nps: number };
      drivers: { key: Record<string, string>; responses: number; nps: number; impact: number; significant: boolean; thin: boolean }[];
    };
    expect(report.overall.nps).toBeCloseTo(16.667, 3);
    expect(report.drivers.map((d) => [d.key, Number(d.impact.toFixed(2))])).toEqual([
      [{ team: 'B' }, -20.83], [{ channel: 'phone' }, -16.67], [{ team: 'C' }, -8.33], [{ channel: 'web' }, 16.67], [{ team: 'A' }, 29.17],
    ]);
    expect(report.drivers[0]).toMatchObject({ responses: 4, nps: -25, thin: true, significant: false });
    expect(Object.keys(report.drivers[0] ?? {})).toEqual(expect.arrayContaining(['key', 'responses', 'nps', 'interval', 'distribution', 'impact', 'significant']));
  });

  it('ratings: detected 1–5 and Likert columns, by Spearman, with means by class', async () => {
    const report = (await json(['drivers', 'fixtures/drivers-small.csv', '--by', 'team'])) as unknown as {
      ratings: { column: string; scale: string; pairs: number; spearman: number; meanDetractors: number; meanPassives: number; meanPromoters: number }[];
    };
    expect(report.ratings.map((r) => [r.column, r.scale, r.pairs])).toEqual([['ease', '1-5', 12], ['support', 'likert 1-5', 12]]);
    // See test/core/drivers.test.ts for the rank correlation against a naive reference.
    expect(report.ratings[0]?.spearman).toBeGreaterThan(report.ratings[1]?.spearman ?? 1);
    expect(report.ratings[0]).toMatchObject({ meanDetractors: 1.5, meanPassives: 3.5, meanPromoters: 4.5 });
    const named = (await json(['drivers', 'fixtures/drivers-small.csv', '--by', 'team', '--ratings', 'support'])) as unknown as { ratings: { column: string }[] };
    expect(named.ratings.map((r) => r.column)).toEqual(['support']);
    const bad = await nps(['drivers', 'fixtures/drivers-small.csv', '--by', 'team', '--ratings', 'team']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('is not a rating');
  });

  it('ratings carry ρ with its interval and p (scipy: spearmanr 0.985506, p 4.916e-9), thin below --min-responses pairs', async () => {
    const report = (await json(['drivers', 'fixtures/drivers-small.csv', '--by', 'team'])) as unknown as {
      ratings: { column: string; spearman: number; interval: [number, number]; pValue: number; pAdjusted: number | null; significant: boolean; thin: boolean }[];
    };
    const ease = report.ratings[0];
    // Fisher's z with √(1.06/(n − 3)): 0.945478 … 0.996205; t approximation on 10 degrees.
    expect(ease?.spearman).toBeCloseTo(0.9855064797264065, 12);
    expect(ease?.interval[0]).toBeCloseTo(0.9454778937334628, 9);
    expect(ease?.interval[1]).toBeCloseTo(0.9962045448599902, 9);
    expect(ease?.pValue).toBeCloseTo(4.915867403379912e-9, 15);
    expect(ease).toMatchObject({ thin: true, significant: false, pAdjusted: null });
    const judged = (await json(['drivers', 'fixtures/drivers-small.csv', '--by', 'team', '--min-responses', '10'])) as unknown as typeof report;
    expect(judged.ratings[0]).toMatchObject({ thin: false, significant: true });
  });

  it('shrunk NPS ranks agents fairly: two promoters do not beat 170 of 200', async () => {
    // The six agents of test/core/shrinkage.test.ts (scipy: α = 5.979064, 3.127546, 2.240750):
    // A P2 → +42.99; B P170 A20 D10 → +77.47; C 30/40/30 → +3.36; D 5/3/2 → +31.57; E 50/30/20 → +30.30; F 12/10/8 → +18.72.
    const agents: [string, number, number, number][] = [['A', 2, 0, 0], ['B', 170, 20, 10], ['C', 30, 40, 30], ['D', 5, 3, 2], ['E', 50, 30, 20], ['F', 12, 10, 8]];
    const rows = agents.flatMap(([agent, p, a, d]) => [...Array<string>(p).fill(`${agent},10`), ...Array<string>(a).fill(`${agent},8`), ...Array<string>(d).fill(`${agent},3`)]);
    const dir = mkdtempSync(join(tmpdir(), 'nps-agents-'));
    writeFileSync(join(dir, 'agents.csv'), `agent,score\n${rows.join('\n')}\n`);
    const report = (await json(['drivers', join(dir, 'agents.csv'), '--by', 'agent', '--sort', 'shrunk', '--top', '3'])) as unknown as {
      drivers: { key: Record<string, string>; nps: number; shrunkNps: number }[];
      top: { shown: number; of: number };
    };
    expect(report.drivers.map((d) => d.key.agent)).toEqual(['B', 'A', 'D']);
    expect(report.drivers[0]?.shrunkNps).toBeCloseTo(77.47355514, 5);
    expect(report.drivers[1]).toMatchObject({ nps: 100 });
    expect(report.drivers[1]?.shrunkNps).toBeCloseTo(42.99212204, 5);
    expect(report.top).toEqual({ shown: 3, of: 6 });
    // By raw NPS the agent with two answers would come first.
    const byNps = (await json(['drivers', join(dir, 'agents.csv'), '--by', 'agent', '--sort', 'nps'])) as unknown as typeof report;
    expect(byNps.drivers[0]?.key.agent).toBe('A');
    const table = await nps(['drivers', join(dir, 'agents.csv'), '--by', 'agent', '--sort', 'shrunk', '--top', '3']);
    expect(table.stdout).toContain('highest shrunk NPS first');
    expect(table.stdout).toContain('3 more groups not listed (--top 3 of 6)');
  });

  it('the table: impacts, significance against the rest, thin groups; --by is required', async () => {
    const run = await nps(['drivers', 'fixtures/trend-monthly-gap.csv', '--by', 'channel']);
    // phone P42 A31 D22 (+21.05), web P65 A20 D35 (+25.0), all +23.26: phone 23.26 − 25.0 = −1.7 and
    // web 23.26 − 21.05 = +2.2, neither significant.
    expect(run.stdout).toMatch(/│ channel │ phone │ +95 │ +\+21\.1 │ .* │ +-1\.7 │ .* │ +│ +│/);
    expect(run.stdout).toMatch(/│ channel │ web +│ +120 │ +\+25\.0 │ .* │ +\+2\.2 │/);
    const none = await nps(['drivers', 'fixtures/drivers-small.csv']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('nps drivers needs at least one --by COLUMN');
  });

  it('on a real export: Carpentries ratings that go with a low score', async () => {
    const { existsSync } = await import('node:fs');
    const file = `${fixture('')}../../shared/data/public/carpentries_instructor_training_post_2018.csv`;
    if (!existsSync(file)) return; // the public-data suite says when the folder is missing
    const report = (await json(['drivers', file, '--by', 'WhenTaking'])) as unknown as { ratings: { column: string; spearman: number }[] };
    expect(report.ratings[0]?.column).toBe('Recommend'); // the Likert "would recommend" item correlates most
    expect(report.ratings.every((r) => r.spearman > 0)).toBe(true);
  });
});

describe('nps comments', () => {
  it('the planted term tops the detractors in Swedish and English; stop words and "service" do not', async () => {
    const report = (await json(['comments', 'fixtures/comments-planted-sv-en.csv'])) as unknown as {
      column: string;
      classes: Record<string, { responses: number; withComment: number; terms: { term: string; count: number; score: number; examples: string[] }[] }>;
    };
    expect(report.column).toBe('comment');
    const detractors = report.classes.detractors;
    expect(detractors).toMatchObject({ responses: 8, withComment: 8 });
    expect(detractors?.terms.slice(0, 2).map((t) => t.term).sort()).toEqual(['kö', 'queue']);
    expect(detractors?.terms[0]).toMatchObject({ count: 4 });
    expect(detractors?.terms[0]?.examples.length).toBe(3);
    const all = Object.values(report.classes).flatMap((c) => c.terms.map((t) => t.term));
    for (const stop of ['the', 'och', 'det', 'was', 'and']) expect(all).not.toContain(stop);
    expect(detractors?.terms.map((t) => t.term)).not.toContain('service');
    expect(report.classes.promoters?.terms.map((t) => t.term)).toEqual(expect.arrayContaining(['staff', 'trevlig']));
    expect(report.classes.promoters).toMatchObject({ responses: 7, withComment: 6 });
  });

  it('--themes: answers per theme, their NPS and impact', async () => {
    const report = (await json(['comments', 'fixtures/comments-planted-sv-en.csv', '--themes', 'fixtures/themes-example.json'])) as unknown as {
      themes: { theme: string; responses: number; nps: number | null; impact: number | null; significant: boolean }[];
    };
    // waiting: the 8 detractor comments (queue/kö/kön) → NPS −100. All: P7 A3 D8 (n 18) → −5.56;
    // rest P7 A3 D0 → +70; impact −5.56 − 70 = −75.56. staff: 5 promoters → +100; rest P2 A3 D8 (n 13) → −46.15; impact +40.6.
    const byTheme = Object.fromEntries(report.themes.map((t) => [t.theme, t]));
    // Both themes are thin (8 and 5 answers, fewer than 30): not judged, whatever their p.
    expect(byTheme.waiting).toMatchObject({ responses: 8, nps: -100, significant: false, thin: true });
    expect(byTheme.waiting?.impact).toBeCloseTo(-75.556, 3);
    expect(byTheme.staff?.impact).toBeCloseTo(100 * (7 - 8) / 18 - (100 * (2 - 8)) / 13, 6);
    expect(byTheme.price).toMatchObject({ responses: 0, impact: null, pValue: null, pAdjusted: null });
    // Judged anyway (--min-responses 0): exact p by brute force over every split of the 18 answers,
    // waiting 1/43758 = 2.2853e-5, staff 0.0024510; Benjamini–Hochberg over the two: 4.5706e-5 and 0.0024510.
    const judged = (await json(['comments', 'fixtures/comments-planted-sv-en.csv', '--themes', 'fixtures/themes-example.json', '--min-responses', '0'])) as unknown as {
      themes: { theme: string; pValue: number; pAdjusted: number; significant: boolean }[];
    };
    const judgedBy = Object.fromEntries(judged.themes.map((t) => [t.theme, t]));
    expect(judgedBy.waiting?.pValue).toBeCloseTo(2.2852964029434616e-5, 14);
    expect(judgedBy.waiting?.pAdjusted).toBeCloseTo(4.570592805886923e-5, 14);
    expect(judgedBy.staff?.pAdjusted).toBeCloseTo(0.0024509803921568627, 12);
    expect(judgedBy.staff?.significant).toBe(true);
  });

  it('themes from the config file; a bad themes file names the theme', async () => {
    const { mkdtemp, writeFile, copyFile } = await import('node:fs/promises');
    const dir = await mkdtemp('/tmp/nps-themes-');
    await copyFile(fixture('comments-planted-sv-en.csv'), `${dir}/c.csv`);
    await writeFile(`${dir}/nps.config.json`, JSON.stringify({ themes: { waiting: ['queue', 'kö'] } }));
    const run = await nps(['comments', `${dir}/c.csv`, '--format', 'json'], { cwd: dir });
    expect(JSON.parse(String(run.stdout)).themes[0]).toMatchObject({ theme: 'waiting', responses: 8 });
    await writeFile(`${dir}/bad.json`, JSON.stringify({ waiting: 'queue' }));
    const bad = await nps(['comments', `${dir}/c.csv`, '--themes', `${dir}/bad.json`]);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toContain('theme "waiting"');
  });

  it('no comment column: an error naming --comment; --comment picks one', async () => {
    const none = await nps(['comments', 'fixtures/drivers-small.csv']);
    expect(none.exitCode).toBe(2);
    expect(none.stderr).toContain('no free-text comment column found');
    const given = await nps(['comments', 'fixtures/drivers-small.csv', '--comment', 'support', '--format', 'json']);
    expect(given.exitCode).toBe(0);
  });

  it('the table view', async () => {
    const run = await nps(['comments', 'fixtures/comments-planted-sv-en.csv', '--top', '2']);
    expect(run.stdout).toContain('Detractors: 8 answers, 8 with a comment');
    expect(run.stdout).toMatch(/ {2}(kö|queue) +4 {2}z +\d\.\d\d {3}e\.g\. "/);
  });
});

describe('nps list', () => {
  const original = async (): Promise<string[][]> => parse(await readFile(fixture('example.csv'))) as string[][];

  it('CSV round-trips: the original rows, headers and column order, quotes and newlines, plus the class', async () => {
    const run = await nps(['list', 'fixtures/example.csv', '--detractors', '--format', 'csv']);
    expect(run.exitCode).toBe(0);
    const out = parse(run.stdout) as string[][];
    const [header, ...rows] = await original();
    expect(out[0]).toEqual([...(header ?? []), 'class']);
    // Detractors by hand: scores 0–6 in example.csv, lowest first, file order within a score.
    const expected = rows
      .map((row, i) => ({ row, i, score: Number(row[4]) }))
      .filter(({ row }) => row[4] !== '' && Number(row[4]) <= 6)
      .sort((a, b) => a.score - b.score || a.i - b.i)
      .map(({ row }) => [...row, 'detractor']);
    expect(out.slice(1)).toEqual(expected);
    expect(out.slice(1).some((r) => r[5]?.includes('\n'))).toBe(true); // the comment with a line break survived
  });

  it('promoters who gave 10 first; combinable; --columns; --with-comment', async () => {
    const out = parse((await nps(['list', 'fixtures/example.csv', '--promoters', '--passives', '--columns', 'response_id,How likely are you to recommend us? (0-10)', '--format', 'csv'])).stdout) as string[][];
    expect(out[0]).toEqual(['response_id', 'How likely are you to recommend us? (0-10)', 'class']);
    const classes = out.slice(1).map((r) => r[2]);
    expect(classes.indexOf('promoter')).toBeGreaterThan(classes.lastIndexOf('passive'));
    const promoters = out.slice(1).filter((r) => r[2] === 'promoter').map((r) => r[1]);
    expect(promoters).toEqual([...Array(13).fill('10'), ...Array(9).fill('9')]);
    const withComment = parse((await nps(['list', 'fixtures/comments-planted-sv-en.csv', '--promoters', '--with-comment', '--format', 'csv'])).stdout) as string[][];
    expect(withComment.length - 1).toBe(6); // 7 promoters, one without a comment
  });

  it('--since and the other filters apply', async () => {
    const out = parse((await nps(['list', 'fixtures/example.csv', '--detractors', '--since', '2025-03-01', '--format', 'csv'])).stdout) as string[][];
    // March detractors: email 0, phone 6.
    expect(out.slice(1).map((r) => r[4])).toEqual(['0', '6']);
  });

  it('json and ndjson keep ids and text exactly; __proto__ is a plain key', async () => {
    const rows = (await json(['list', 'fixtures/long-ids-dedupe.csv', '--promoters'])) as unknown as Record<string, string>[];
    expect(rows.map((r) => r.customer_id)).toEqual(['3074457347487777544', '1000000000000000001', '', '3074457347487777543']);
    const nd = await nps(['list', 'fixtures/proto-header.csv', '--promoters', '--detractors', '--format', 'ndjson']);
    const lines = nd.stdout.trim().split('\n').map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(Object.getOwnPropertyDescriptor(lines[0], '__proto__')?.value).toBe('x');
  });

  it('needs a class; the table says how many rows', async () => {
    expect((await nps(['list', 'fixtures/example.csv'])).stderr).toContain('say whom to list: --detractors, --passives and/or --promoters');
    const table = await nps(['list', 'fixtures/example.csv', '--detractors']);
    expect(table.stdout).toContain('9 rows');
    expect(table.stdout).toContain('Still not fixed ⏎ after three weeks');
  });
});
