// Several metrics (score and trend --metric a,b), written in pieces: as CSV one table with a
// `metric` column and the union of the metrics' columns, each metric's rows what that metric's own
// CSV says, read back with csv-parse; as Markdown or a table, each metric's own under its name.

import { parse } from 'csv-parse/sync';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import type { ScoreReport } from '../../src/core/report.js';
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

describe('several metrics as Markdown or a table', () => {
  it.each([
    [['score', file, '--by', 'id'], 'markdown', ['nps', 'csat', 'ces']],
    [['score', file, '--by', 'channel'], 'table', ['csat', 'nps']],
    [['trend', file, '--by', 'channel', '--period', 'week'], 'markdown', ['nps', 'ces']],
  ])('%j as %s %j: each metric\'s own text under its name, written in pieces', async (args, format, metrics) => {
    const out = await runCli([...args, '--metric', metrics.join(','), '--format', format], fakeIo());
    expect((out as unknown as { body?: unknown }).body).toBeDefined();
    // Each metric's own run: its text, and the name its report gives it.
    const alone: { text: string; label: string }[] = [];
    for (const metric of metrics) {
      const run = await runCli([...args, '--metric', metric, '--format', format], fakeIo());
      alone.push({ text: await stdoutOf(run), label: (run as unknown as { report: ScoreReport }).report.metric.label });
    }
    const heading = (label: string): string => (format === 'markdown' ? `### ${label}\n\n` : `${label}\n`);
    expect(await stdoutOf(out)).toBe(alone.map(({ text, label }) => heading(label) + text).join('\n'));
  });
});
