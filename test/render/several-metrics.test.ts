// Several metrics as CSV (score and trend --metric a,b --format csv), written in pieces: one table
// with a `metric` column and the union of the metrics' columns, each metric's rows what that
// metric's own CSV says, read back with csv-parse.

import { parse } from 'csv-parse/sync';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { fakeIo, stdoutOf } from '../support/fake-io.js';

const dir = mkdtempSync(join(tmpdir(), 'nps-several-csv-'));
const names = ['web', 'a "quoted", name', 'Malmö 東京', '=formula'];
// 1,200 answers: --by id gives more groups than a piece of rows holds.
const rows = Array.from({ length: 1200 }, (_, i) => `${i},2025-01-${String((i % 28) + 1).padStart(2, '0')},"${(names[i % names.length] as string).replaceAll('"', '""')}",${(i * 7) % 11},${(i % 5) + 1},${(i % 7) + 1}`);
const file = join(dir, 'metrics.csv');
writeFileSync(file, `id,date,channel,score,csat,ces\n${rows.join('\n')}\n`);

const csvOf = async (args: string[]): Promise<Record<string, string>[]> => {
  const out = await runCli([...args, '--format', 'csv'], fakeIo());
  return parse(await stdoutOf(out), { columns: true }) as Record<string, string>[];
};

describe('several metrics as CSV', () => {
  it.each([
    [['score', file, '--by', 'id'], ['nps', 'csat', 'ces']],
    [['score', file, '--by', 'channel', '--raw'], ['csat', 'nps']],
    [['trend', file, '--by', 'channel', '--period', 'week'], ['nps', 'ces']],
  ])('%j %j: each metric\'s rows are its own CSV\'s, under the same columns', async (args, metrics) => {
    const both = await csvOf([...args, '--metric', metrics.join(',')]);
    for (const metric of metrics) {
      const alone = await csvOf([...args, '--metric', metric]);
      const mine = both.filter((row) => row.metric === metric);
      expect(mine).toHaveLength(alone.length);
      alone.forEach((row, i) => {
        for (const [column, value] of Object.entries(row)) expect(mine[i]?.[column], `${metric} row ${i} ${column}`).toBe(value);
      });
    }
    // Every row is one metric's; the columns no metric of the row has are empty.
    expect(both.every((row) => metrics.includes(row.metric as string))).toBe(true);
    if (args.includes('id')) expect(both.length).toBeGreaterThan(3 * 1200);
  });
});
