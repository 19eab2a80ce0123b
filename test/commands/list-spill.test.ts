// nps list holds its rows off the heap past some MB (pipeline/row-spill.ts) and writes its
// answer piece by piece (Outcome.body): the output must be the same bytes whether the rows
// stayed in memory or went to disk, in every format, with --dedupe (which decides the rows
// out of file order), and the temporary folder must be gone after the run. The order is
// checked by hand: detractors by score from 0, passives as in the file, promoters 10 before 9.
import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nps } from '../e2e/run-nps.js';
import { seededRandom } from '../support/random.js';

const random = seededRandom(99);
const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

const dir = mkdtempSync(join(tmpdir(), 'nps-spill-'));
const FILE = join(dir, 'answers.csv');
const ROWS = 6000;
const lines = ['id,respondent,score,comment'];
for (let i = 1; i <= ROWS; i++) {
  // Comments with commas, quotes, line breaks and characters of 2–4 bytes (cut across the spill's read blocks).
  const comment = pick(['ok', '"slow, then ""fine"""', '"two\nlines"', 'ökad nöjdhet €', '😀 bra', '', 'x'.repeat(200)]);
  lines.push(`${i},r${1 + Math.floor(random() * 4000)},${Math.floor(random() * 11)},${comment}`);
}
writeFileSync(FILE, `${lines.join('\n')}\n`);

const FORMATS = ['csv', 'json', 'ndjson', 'table'] as const;

describe('list: rows kept on disk past a size, written piece by piece', () => {
  it('the same bytes in memory and spilled, in every format, with and without --dedupe', async () => {
    for (const extra of [[], ['--dedupe', 'respondent']]) {
      for (const format of FORMATS) {
        const args = ['list', FILE, '--detractors', '--passives', '--promoters', '--format', format, ...extra];
        const held = await nps(args);
        // A spill after 1,000 bytes: every bucket goes to its own file, written in many appends.
        const spilled = await nps(args, { env: { NPS_SPILL_BYTES: '1000' } });
        expect(spilled, args.join(' ')).toEqual(held);
        expect(held.exitCode).toBe(0);
        // JSON written 1,000 rows at a time is the text JSON.stringify gives the whole array
        // (6,000 rows without --dedupe: the last piece holds none).
        if (format === 'json') expect(held.stdout).toBe(`${JSON.stringify(JSON.parse(held.stdout), null, 2)}\n`);
      }
    }
  }, 60_000);

  it('in the list\'s order: detractors 0 … 6, passives as in the file, promoters 10 then 9; each in file order', async () => {
    const run = await nps(['list', FILE, '--detractors', '--passives', '--promoters', '--format', 'ndjson', '--columns', 'id,score'], { env: { NPS_SPILL_BYTES: '1000' } });
    const rows = run.stdout.trim().split('\n').map((line) => JSON.parse(line) as { id: string; score: string; class: string });
    expect(rows).toHaveLength(ROWS);
    // The order worked out from the file, independently: a rank per row, then the row number.
    const rank = (score: number): number => (score <= 6 ? score : score <= 8 ? 7 : score === 10 ? 8 : 9);
    const expected = lines
      .slice(1)
      .map((line) => line.split(',', 3))
      .map(([id, , score]) => ({ id: id as string, score: Number(score) }))
      .sort((a, b) => rank(a.score) - rank(b.score) || Number(a.id) - Number(b.id));
    expect(rows.map((row) => row.id)).toEqual(expected.map((row) => row.id));
  });

  it('--dedupe keeps each respondent\'s last answer, in the list\'s order, spilled or not', async () => {
    const run = await nps(['list', FILE, '--detractors', '--format', 'csv', '--columns', 'id', '--dedupe', 'respondent'], { env: { NPS_SPILL_BYTES: '1000' } });
    // Worked out from the file: the last row of each respondent, kept when a detractor; by score, then row.
    const last = new Map<string, { id: number; score: number }>();
    for (const line of lines.slice(1)) {
      const [id, respondent, score] = line.split(',', 3);
      last.set(respondent as string, { id: Number(id), score: Number(score) });
    }
    const expected = [...last.values()].filter((r) => r.score <= 6).sort((a, b) => a.score - b.score || a.id - b.id);
    expect(run.stdout.trim().split('\r\n').slice(1).map((line) => Number(line.split(',')[0]))).toEqual(expected.map((r) => r.id));
  });

  // The folder's removal at exit goes with the folder: a process that lists many times keeps no listener per list.
  it('in-process runs that spill leave no exit listener behind', async () => {
    const before = process.listenerCount('exit');
    for (let i = 0; i < 3; i++) {
      const run = await nps(['list', FILE, '--promoters', '--format', 'csv'], { env: { NPS_SPILL_BYTES: '1000' } });
      expect(run.exitCode).toBe(0);
    }
    expect(process.listenerCount('exit')).toBe(before);
  });

  it('the temporary folder is removed once the list is written (a run of the built CLI)', async () => {
    const temporary = mkdtempSync(join(tmpdir(), 'nps-spill-tmp-'));
    const run = await nps(['list', FILE, '--promoters', '--format', 'csv'], { env: { NPS_SPILL_BYTES: '1000', TMPDIR: temporary }, spawn: true });
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\r\n').length).toBeGreaterThan(500);
    expect(readdirSync(temporary)).toEqual([]);
  });
});
