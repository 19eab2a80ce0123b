// A count by period (no --since/--until) keys each date by its period's first day (PeriodDays):
// the groups must be those of the dates themselves, for every period, on threads and on one,
// with ISO weeks across a year's end and a/b/yyyy dates beside ISO ones.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../support/random.js';
import { nps } from './run-nps.js';

const DAY = 86_400_000;

/** The period key of a UTC date, worked out with Date (ISO week: the week of its Thursday). */
function keyOf(time: number, period: string): string {
  const date = new Date(time);
  const [y, m, d] = [date.getUTCFullYear(), date.getUTCMonth() + 1, date.getUTCDate()];
  const two = (n: number): string => String(n).padStart(2, '0');
  if (period === 'day') return `${y}-${two(m)}-${two(d)}`;
  if (period === 'month') return `${y}-${two(m)}`;
  if (period === 'quarter') return `${y}-Q${Math.ceil(m / 3)}`;
  if (period === 'year') return String(y);
  const weekday = (date.getUTCDay() + 6) % 7; // Monday 0
  const thursday = new Date(time + (3 - weekday) * DAY);
  const yearStart = Date.UTC(thursday.getUTCFullYear(), 0, 1);
  return `${thursday.getUTCFullYear()}-W${two(Math.floor((thursday.getTime() - yearStart) / DAY / 7) + 1)}`;
}

describe('counting by period through the first day of each period', () => {
  const random = seededRandom(5);
  const dir = mkdtempSync(join(tmpdir(), 'nps-periods-'));
  // Mostly around the turn of 2024/2025 (2024-12-30 is in 2025-W01; 2021-01-03 in 2020-W53), some anywhere in 2020-2026.
  const starts = [Date.UTC(2024, 11, 20), Date.UTC(2020, 11, 28), Date.UTC(2020, 0, 1)];
  const rows = Array.from({ length: 4000 }, (_, i) => {
    const from = starts[i % 3] as number;
    const time = from + Math.floor(random() * (i % 3 === 2 ? 2500 : 25)) * DAY;
    const date = new Date(time);
    // Every seventh date written dd/mm/yyyy (read whole only once the column's order is known); the rest ISO, some with a time.
    const text = i % 7 === 0
      ? `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`
      : i % 2 === 0 ? `${date.toISOString().slice(0, 19)}Z` : date.toISOString().slice(0, 10);
    return { time, text, a: ['x', 'y'][i % 2] as string, b: ['p', 'q', 'r'][Math.floor(random() * 3)] as string, score: Math.floor(random() * 11) };
  });
  // One date with a day over 12 first, so the column is day first.
  rows.unshift({ time: Date.UTC(2025, 0, 13), text: '13/01/2025', a: 'x', b: 'p', score: 10 });
  const file = join(dir, 'periods.csv');
  writeFileSync(file, `date,a,b,score\n${rows.map((r) => `${r.text},${r.a},${r.b},${r.score}`).join('\n')}\n`);

  it.each(['day', 'week', 'month', 'quarter', 'year'])('--period %s: the groups and counts of the dates themselves, on threads in parts and on one thread', async (period) => {
    const args = ['score', file, '--by', 'a', '--by', 'b', '--period', period, '--format', 'json'];
    const single = await nps(args, { env: { NPS_PARALLEL_BYTES: 'off' } });
    expect(single.exitCode, single.stderr).toBe(0);
    const expected = new Map<string, number>();
    for (const row of rows) {
      const key = `${row.a}|${row.b}|${keyOf(row.time, period)}`;
      expected.set(key, (expected.get(key) ?? 0) + 1);
    }
    const groups = JSON.parse(single.stdout).groups as { key: Record<string, string>; responses: number }[];
    expect(new Map(groups.map((g) => [Object.values(g.key).join('|'), g.responses]))).toEqual(expected);
    for (const partBytes of [500, 20_000]) {
      const threads = await nps(args, { env: { NPS_PARALLEL_BYTES: '0', NPS_PART_BYTES: String(partBytes) } });
      expect(threads, `parts of ${partBytes} bytes`).toEqual(single);
    }
  }, 60_000);

  // 140,000 ids: the thread that counts half the parts or more meets over 65,536 combinations.
  it('past 65,536 combinations of --by values the day cache is left (each row looks its group up whole): the same answer', async () => {
    const many = join(dir, 'many.csv');
    const lines = Array.from({ length: 140_000 }, (_, i) => `${i},${i % 2 === 0 ? 'x' : 'y'},2025-0${1 + (i % 9)}-15,${i % 11}`);
    writeFileSync(many, `id,a,date,score\n${lines.join('\n')}\n`);
    const args = ['score', many, '--by', 'id', '--by', 'a', '--period', 'month', '--format', 'csv'];
    const single = await nps(args, { env: { NPS_PARALLEL_BYTES: 'off' } });
    // The header, the overall row, a row per group.
    expect(single.stdout.trim().split('\n')).toHaveLength(140_002);
    expect(await nps(args, { env: { NPS_PARALLEL_BYTES: '0', NPS_PART_BYTES: '200000' } })).toEqual(single);
  }, 60_000);

  it('--since keeps the days (the filter tests each one): the same answer on threads and on one', async () => {
    const args = ['score', file, '--by', 'a', '--period', 'week', '--since', '2025-01-02', '--format', 'json'];
    const single = await nps(args, { env: { NPS_PARALLEL_BYTES: 'off' } });
    const counted = rows.filter((r) => r.time >= Date.UTC(2025, 0, 2)).length;
    expect(JSON.parse(single.stdout).overall.responses).toBe(counted);
    expect(await nps(args, { env: { NPS_PARALLEL_BYTES: '0', NPS_PART_BYTES: '700' } })).toEqual(single);
  });
});
