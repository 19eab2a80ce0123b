// --dedupe on the counting threads: each part logs its answers with a respondent id (Answers),
// and the parts are added up in file order; the respondents are found once every answer is in.
// Checked against the latest answer per respondent worked out here, and one thread against
// threads in parts and standard input.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../support/random.js';
import { nps } from './run-nps.js';

describe('--dedupe on the counting threads', () => {
  const random = seededRandom(23);
  const dir = mkdtempSync(join(tmpdir(), 'nps-dedupe-'));
  interface Row { id: number; day: string; time: string; cell: string; channel: string; score: number | null; respondent: string; weight: string }
  const rows: Row[] = [];
  for (let id = 1; id <= 5000; id++) {
    const month = 1 + Math.floor(random() * 3);
    const dayOfMonth = 13 + Math.floor(random() * 15);
    const day = `2025-0${month}-${dayOfMonth}`;
    const time = random() < 0.5 ? `${10 + Math.floor(random() * 10)}:00:00` : '';
    // ISO with or without a time, or day first (every day over 12, so the column settles dmy).
    const cell = random() < 0.25 ? `${dayOfMonth}/0${month}/2025${time ? ` ${time}` : ''}` : `${day}${time ? `T${time}` : ''}`;
    const who = Math.floor(random() * 1500);
    // Ids plain, padded, quoted; some blank (then the answer counts on its own).
    const respondent = random() < 0.05 ? '' : [`r${who}`, ` r${who} `, `"r${who}"`][Math.floor(random() * 3)] as string;
    const score = random() < 0.03 ? null : Math.floor(random() * 11);
    rows.push({ id, day, time, cell, channel: ['web', 'phone', 'mail'][Math.floor(random() * 3)] as string, score, respondent, weight: ['1', '0.5', '2'][Math.floor(random() * 3)] as string });
  }
  const file = join(dir, 'answers.csv');
  writeFileSync(file, `id,date,channel,score,respondent,w\n${rows.map((r) => [r.id, r.cell, r.channel, r.score ?? '', r.respondent, r.weight].join(',')).join('\n')}\n`);

  /** The answers kept: each respondent's latest (day and time; a later row on a tie), those without an id all, the filter first. */
  const kept = (keep: (r: Row) => boolean): Row[] => {
    const latest = new Map<string, Row>();
    const loose: Row[] = [];
    const moment = (r: Row): string => `${r.day}T${r.time || '00:00:00'}`;
    for (const row of rows) {
      if (row.score === null || !keep(row)) continue;
      const who = row.respondent.replace(/"/g, '').trim();
      if (who === '') loose.push(row);
      else if (!latest.has(who) || moment(row) >= moment(latest.get(who) as Row)) latest.set(who, row);
    }
    return [...loose, ...latest.values()];
  };
  /** The answers dropped as duplicates: those with an id, the filter first, less one per respondent. */
  const dropped = (keep: (r: Row) => boolean): number => {
    const withId = rows.filter((r) => r.score !== null && keep(r) && r.respondent.replace(/"/g, '').trim() !== '');
    return withId.length - new Set(withId.map((r) => r.respondent.replace(/"/g, '').trim())).size;
  };

  const runs: [string, string[], (r: Row) => boolean][] = [
    ['by channel', ['--by', 'channel'], () => true],
    ['--since, --weight, by channel and month', ['--since', '2025-02-01', '--weight', 'w', '--by', 'channel', '--period', 'month'], (r) => r.day >= '2025-02-01'],
  ];

  it.each(runs)('%s: the answers kept as worked out here; the same on threads in parts and from standard input', async (_, flags, keep) => {
    const args = ['score', file, '--dedupe', 'respondent', ...flags, '--format', 'json'];
    const single = await nps(args, { env: { NPS_PARALLEL_BYTES: 'off' } });
    expect(single.exitCode, single.stderr).toBe(0);
    const report = JSON.parse(single.stdout);
    const want = kept(keep);
    expect(report.overall.responses).toBe(want.length);
    expect(report.overall.promoters).toBe(want.filter((r) => (r.score as number) >= 9).length);
    expect(report.overall.detractors).toBe(want.filter((r) => (r.score as number) <= 6).length);
    expect(report.skipped.duplicate).toBe(dropped(keep));
    expect(report.skipped.duplicate).toBeGreaterThan(1000);
    for (const partBytes of [300, 5000]) {
      const threads = await nps(args, { env: { NPS_PARALLEL_BYTES: '0', NPS_PART_BYTES: String(partBytes) } });
      expect(threads, `parts of ${partBytes} bytes`).toEqual(single);
    }
    const piped = await nps(['score', '-', ...args.slice(2)], { input: readFileSync(file), env: { NPS_PARALLEL_BYTES: '0', NPS_PART_BYTES: '2000' } });
    expect(piped.stdout, 'standard input').toBe(single.stdout);
  }, 60_000);
});
