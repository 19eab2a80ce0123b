// nps drivers counts the answers per value of each other rating (Aggregate.crossed), with the
// same filters, dates and --dedupe as the score, from bytes on threads where the file allows.
// Checked against the pairs and Spearman's ρ worked out here from the rows themselves.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { naiveSpearman } from '../support/naive-spearman.js';
import { seededRandom } from '../support/random.js';
import { nps } from './run-nps.js';

const LIKERT = ['Strongly disagree', 'disagree', 'Neutral', 'agree', 'strongly agree'];

describe('drivers: ratings from crossed counts', () => {
  const random = seededRandom(41);
  const dir = mkdtempSync(join(tmpdir(), 'nps-drivers-'));
  const rows: { id: number; day: string; channel: string; score: number | null; ease: string; support: string; respondent: string }[] = [];
  for (let i = 1; i <= 3000; i++) {
    const score = random() < 0.05 ? null : Math.floor(random() * 11);
    const lean = score === null ? 2 : Math.round(score / 2.5);
    const easeValue = Math.min(5, Math.max(1, lean + Math.floor(random() * 3) - 1 + 1));
    // Padded, plain and quoted values; now and then a blank or a cell that is no rating.
    const ease = random() < 0.08 ? (['', 'x', 'n/a'][Math.floor(random() * 3)] as string) : ([` ${easeValue} `, String(easeValue), `"${easeValue}"`][Math.floor(random() * 3)] as string); // "4": a quoted field
    const support = random() < 0.1 ? '' : (LIKERT[Math.min(4, Math.max(0, lean + Math.floor(random() * 3) - 1))] as string);
    const day = `2025-0${1 + Math.floor(random() * 6)}-1${Math.floor(random() * 10)}`;
    rows.push({ id: i, day, channel: ['web', 'phone', 'mail'][i % 3] as string, score, ease, support, respondent: `r${Math.floor(random() * 2000)}` });
  }
  const file = join(dir, 'ratings.csv');
  writeFileSync(file, `id,date,channel,score,ease,support,respondent\n${rows.map((r) => [r.id, r.day, r.channel, r.score ?? '', r.ease, r.support, r.respondent].join(',')).join('\n')}\n`);

  /** The (score, rating) pairs of the answers a run counts, read the plain way. */
  const expected = (kept: typeof rows): { ease: [number, number][]; support: [number, number][] } => {
    const ease: [number, number][] = [];
    const support: [number, number][] = [];
    for (const row of kept) {
      if (row.score === null) continue;
      const text = row.ease.replace(/^"(.*)"$/, '$1').trim();
      const e = /^\d+$/.test(text) ? Number(text) : null;
      if (e !== null && e >= 1 && e <= 5) ease.push([row.score, e]);
      const s = LIKERT.findIndex((label) => label.toLowerCase() === row.support.toLowerCase());
      if (s >= 0) support.push([row.score, s + 1]);
    }
    return { ease, support };
  };

  const ratingsOf = (stdout: string): Record<string, { pairs: number; spearman: number }> =>
    Object.fromEntries((JSON.parse(stdout).ratings as { column: string; pairs: number; spearman: number }[]).map((r) => [r.column, { pairs: r.pairs, spearman: r.spearman }]));

  const runs: [string, string[], (r: (typeof rows)[number]) => boolean][] = [
    ['no filter', [], () => true],
    ['--where channel!=mail --since 2025-02-01', ['--where', 'channel!=mail', '--since', '2025-02-01'], (r) => r.channel !== 'mail' && r.day >= '2025-02-01'],
  ];
  it.each(runs)('%s: pairs and ρ as worked out from the rows, on one thread and on threads in parts', async (_, flags, keep) => {
    const args = ['drivers', file, '--by', 'channel', '--ratings', 'ease', '--ratings', 'support', ...flags, '--format', 'json'];
    const single = await nps(args, { env: { NPS_PARALLEL_BYTES: 'off' } });
    expect(single.exitCode, single.stderr).toBe(0);
    const want = expected(rows.filter(keep));
    const got = ratingsOf(single.stdout);
    expect(got.ease?.pairs).toBe(want.ease.length);
    expect(got.support?.pairs).toBe(want.support.length);
    expect(got.ease?.spearman).toBeCloseTo(naiveSpearman(want.ease), 12);
    expect(got.support?.spearman).toBeCloseTo(naiveSpearman(want.support), 12);
    for (const partBytes of [300, 5000]) {
      const threads = await nps(args, { env: { NPS_PARALLEL_BYTES: '0', NPS_PART_BYTES: String(partBytes) } });
      expect(threads, `parts of ${partBytes} bytes`).toEqual(single);
    }
  }, 60_000);

  it('a CSAT answer off the scale decided for its column is skipped, and pairs with no rating (it did before: 60 pairs of 54 answers)', async () => {
    // 60 rows, CSAT 1-5 except every tenth row, which answers 0: 6 skipped as invalid, 54 answers, 54 pairs.
    const lines = Array.from({ length: 60 }, (_, i) => `${i},${i % 2 === 0 ? 'phone' : 'web'},${i % 10 === 0 ? 0 : 1 + (i % 5)},${1 + ((i + 1) % 5)}`);
    const csat = join(dir, 'csat-zero.csv');
    writeFileSync(csat, `id,channel,sat,ease\n${lines.join('\n')}\n`);
    const run = await nps(['drivers', csat, '--metric', 'csat', '--csat', 'sat', '--by', 'channel', '--ratings', 'ease', '--format', 'json']);
    expect(run.exitCode, run.stderr).toBe(0);
    const report = JSON.parse(run.stdout);
    expect(report.skipped.invalid).toBe(6);
    expect(report.overall.responses).toBe(54);
    expect(report.ratings[0].pairs).toBe(54);
  });

  it('--dedupe: the pairs of each respondent\'s latest answer only', async () => {
    const run = await nps(['drivers', file, '--by', 'channel', '--ratings', 'ease', '--ratings', 'support', '--dedupe', 'respondent', '--format', 'json']);
    expect(run.exitCode, run.stderr).toBe(0);
    // The latest answer per respondent: the latest date, a later row on the same date.
    const latest = new Map<string, (typeof rows)[number]>();
    for (const row of rows) {
      if (row.score === null) continue;
      const before = latest.get(row.respondent);
      if (!before || row.day >= before.day) latest.set(row.respondent, row);
    }
    const want = expected([...latest.values()]);
    const got = ratingsOf(run.stdout);
    expect(got.ease?.pairs).toBe(want.ease.length);
    expect(got.support?.pairs).toBe(want.support.length);
    expect(got.ease?.spearman).toBeCloseTo(naiveSpearman(want.ease), 12);
    expect(got.support?.spearman).toBeCloseTo(naiveSpearman(want.support), 12);
  });
});

// The shrunk scores of drivers fit a prior to the groups of each --by column; the groups came in
// the order the rows first had them, and the fit moved in the 9th digit with it. The same rows in
// another order, on one thread and on threads in small parts, give the same answer to the last digit.
describe('drivers: the same answer whatever the rows\' order', () => {
  const random = seededRandom(7);
  const dir = mkdtempSync(join(tmpdir(), 'nps-drivers-order-'));
  // Agents who differ (a promoter's chance from 0.1 to 0.7), so that the fit finds a spread to shrink by.
  const lines = Array.from({ length: 4000 }, (_, i) => {
    const agent = Math.floor(random() * 60);
    const score = random() < 0.1 + agent / 100 ? 9 + Math.floor(random() * 2) : Math.floor(random() * 9);
    return `${i},2025-01-0${1 + (i % 9)},agent${agent},${['web', 'phone', 'mail'][Math.floor(random() * 3)] as string},${score}`;
  });
  const write = (name: string, rows: string[]): string => {
    const file = join(dir, name);
    writeFileSync(file, `id,date,agent,channel,score\n${rows.join('\n')}\n`);
    return file;
  };
  const files = [write('rows.csv', lines), write('reversed.csv', [...lines].reverse())];

  it('rows reversed, on one thread and on threads', async () => {
    const outputs: string[] = [];
    for (const file of files) {
      for (const env of [{ NPS_PARALLEL_BYTES: 'off' }, { NPS_PARALLEL_BYTES: '0', NPS_PART_BYTES: '20000' }] as Record<string, string>[]) {
        const run = await nps(['drivers', file, '--by', 'agent', '--by', 'channel', '--format', 'json'], { env });
        expect(run.exitCode).toBe(0);
        outputs.push(run.stdout);
      }
    }
    expect(JSON.parse(outputs[0] as string).drivers.some((d: { shrunkNps: number | null }) => d.shrunkNps !== null)).toBe(true);
    for (const output of outputs.slice(1)) expect(output).toBe(outputs[0]);
  });
});
