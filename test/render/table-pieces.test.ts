import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { addShrinkage } from '../../src/commands/score.js';
import type { GroupRow, ScoreReport } from '../../src/core/report.js';
import { SkipLog } from '../../src/core/skips.js';
import { statsOf } from '../../src/core/stats.js';
import { Tally } from '../../src/core/tally.js';
import { renderTable, tablePieces } from '../../src/render/table.js';
import { NPS_INFO } from '../../src/render/columns.js';
import { csvPieces } from '../../src/render/csv.js';
import { ROWS_PER_PIECE } from '../../src/render/limit.js';
import { markdownPieces } from '../../src/render/markdown.js';
import { parse } from 'csv-parse/sync';
import { countText } from '../../src/core/format-number.js';
import { seededRandom } from '../support/random.js';
import { fakeIo, stdoutOf } from '../support/fake-io.js';
import { runCli } from '../../src/cli.js';
import type { Outcome } from '../../src/pipeline/io.js';
import { RENDERERS, type Format } from '../../src/render/index.js';

/**
 * A report of `count` groups of random answers, keyed by two values: some blank, some with a line
 * break or a control character (made visible), some of wide characters (two columns each).
 */
function reportOf(count: number, seed: number): ScoreReport {
  const random = seededRandom(seed);
  const names = ['web', '', 'line\nbreak', 'bell\u0007', '東京', 'a much longer channel name'];
  const groups: GroupRow[] = Array.from({ length: count }, (_, i) => {
    const tally = new Tally();
    const answers = 1 + Math.floor(random() * 40);
    for (let k = 0; k < answers; k++) tally.add(Math.floor(random() * 11));
    return { key: [names[i % names.length] as string, `g${String(i).padStart(5, '0')}`], stats: statsOf(tally) };
  });
  const all = new Tally();
  for (const group of groups) all.addCounts(group.stats.distribution);
  return { metric: NPS_INFO, keyNames: ['channel', 'id'], overall: statsOf(all), groups, skipped: new SkipLog().summary(), gates: [] };
}

const plain = { color: null, distribution: false, raw: false };
const coloured = { color: new Chalk({ level: 1 }), distribution: false, raw: false };

describe('a table written in pieces (a pipe, a file)', () => {
  it('the pieces are 500 groups', () => expect(ROWS_PER_PIECE).toBe(500));

  it.each([
    ['no groups', 0, plain],
    ['one group', 1, plain],
    ['499 groups', 499, plain],
    ['500 groups', 500, plain],
    ['2,501 groups, coloured', 2501, coloured],
    ['7 groups with the histogram', 7, { ...plain, distribution: true }],
  ])('%s: the same text as the whole table on a terminal too wide to fit anything to', (_name, count, context) => {
    const report = reportOf(count, 17 + count);
    const pieces = [...tablePieces(report, context)];
    // The whole table (its lines, then what follows) where a terminal of 100,000 columns leaves every column whole.
    expect(pieces.join('')).toBe(renderTable(report, { ...context, width: 100_000 }));
    expect(renderTable(report, context)).toBe(pieces.join(''));
    // A piece per ROWS_PER_PIECE groups, and the rule, Overall row and what follows in the last.
    expect(pieces).toHaveLength(Math.ceil(count / ROWS_PER_PIECE) + 1);
    expect(pieces.at(-1)).toContain('Overall');
  });

  it('keeps shrunk scores, --top and the rows a line break makes taller', () => {
    const report = reportOf(1200, 5);
    addShrinkage(report, 'nps');
    report.top = { shown: 1200, of: 1300 };
    const text = [...tablePieces(report, plain)].join('');
    expect(text).toBe(renderTable(report, { ...plain, width: 100_000 }));
    expect(text).toContain('Shrunk');
    expect(text).toContain('100 more groups not listed (--top 1200 of 1300)');
    // "line\nbreak" is two lines of its row; the bell shown as \u0007.
    expect(text).toMatch(/│ line +│ g00002 │[^\n]*\n│ break +│ +│/);
    expect(text).toContain('bell\\u0007');
  });

  it('under a limit, the first groups and the line saying how many there are', () => {
    const report = reportOf(30, 9);
    const text = [...tablePieces(report, { ...plain, limit: 10 })].join('');
    expect(text.split('\n').filter((line) => /│ g\d{5} │/.test(line))).toHaveLength(10);
    expect(text).toContain('the first 10 of 30 groups');
    expect(text).toBe(renderTable(report, { ...plain, limit: 10, width: 100_000 }));
  });
});

describe('CSV and Markdown written in pieces', () => {
  it.each([0, 1, 500, 1203])('CSV of %i groups: the heading, the overall row, then every group in order, whole across the pieces', (count) => {
    const report = reportOf(count, 31 + count);
    const pieces = [...csvPieces(report, { raw: false })];
    expect(pieces).toHaveLength(1 + Math.ceil(count / ROWS_PER_PIECE));
    const rows = parse(pieces.join(''), { relax_column_count: false }) as string[][];
    expect(rows).toHaveLength(2 + count);
    expect(rows[0]?.slice(0, 3)).toEqual(['channel', 'id', 'responses']);
    expect(rows[1]?.slice(0, 3)).toEqual(['', '', String(report.overall.responses)]);
    rows.slice(2).forEach((row, i) => {
      const group = report.groups[i] as GroupRow;
      expect(row.slice(0, 3)).toEqual([...group.key, String(group.stats.responses)]);
    });
  });

  it.each([0, 1, 500, 1203])('Markdown of %i groups: a row a group, in order, between the heading and the overall row', (count) => {
    const report = reportOf(count, 41 + count);
    const pieces = [...markdownPieces(report)];
    expect(pieces).toHaveLength(2 + Math.ceil(count / ROWS_PER_PIECE));
    const lines = pieces.join('').split('\n');
    expect(lines[2]).toBe('| channel | id | Responses | Promoters | Passives | Detractors | NPS | 95% interval |');
    const rows = lines.slice(4, 4 + count);
    // A blank key is "(blank)"; a line break in a key a space; a control character shown as its
    // escape, whose backslash Markdown doubles.
    const shown = (key: string): string => (key === '' ? '(blank)' : key.replace('\n', ' ').replace('\u0007', '\\\\u0007'));
    rows.forEach((line, i) => expect(line.startsWith(`| ${shown(report.groups[i]?.key[0] ?? '')} | g${String(i).padStart(5, '0')} | `)).toBe(true));
    expect(lines[4 + count]?.startsWith(`| **Overall** |  | **${countText(report.overall.responses)}** |`)).toBe(true);
  });
});

describe('score and trend write a table in a pipe, CSV and Markdown as a body of pieces', () => {
  it.each([
    ['score', 'table'],
    ['score', 'csv'],
    ['score', 'markdown'],
    ['trend', 'csv'],
    ['trend', 'markdown'],
  ])('%s --format %s: nothing as one string, the body the renderer’s text', async (command, format) => {
    const outcome = await runCli([command, 'fixtures/example.csv', '--by', 'channel', '--format', format], fakeIo());
    expect(outcome.stdout).toBe('');
    expect(outcome.body).toBeDefined();
    const report = (outcome as Outcome & { report: ScoreReport }).report;
    const render = await RENDERERS[format as Format]();
    expect(await stdoutOf(outcome)).toBe(render(report, { color: null, distribution: false, raw: false }));
  });

  it('a table on a terminal is one string, fitted to its width', async () => {
    const outcome = await runCli(['score', 'fixtures/example.csv', '--by', 'channel'], { ...fakeIo({ COLUMNS: '60' }), stdoutIsTTY: true, stdoutColumns: 60 });
    expect(outcome.body).toBeUndefined();
    expect(Math.max(...outcome.stdout.split('\n').map((line) => [...line].length))).toBeLessThanOrEqual(60);
  });
});
