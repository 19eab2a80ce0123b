// Tables that fit the terminal (issue 16, items 1 and 7): columns give way, text is cut with
// "…", and below a usable width each row becomes a record; every command at 60, 80 and 120.

import stringWidth from 'string-width';
import { describe, expect, it } from 'vitest';
import { cut, textTable } from '../../src/render/text-table.js';
import { nps } from '../e2e/run-nps.js';

const head = ['channel', 'Responses', 'Promoters', 'NPS', '95% interval'];
const rows = [
  ['a channel with a long name', '1,200', '600 (50.0%)', '+30.0', '+25.1 … +34.8'],
  ['web', '80', '40 (50.0%)', '+20.0', '+3.9 … +35.3'],
];
const table = (width?: number, giveWay: number[] = []): string => {
  const t = textTable(head, ['left', 'right', 'right', 'right', 'right'], width === undefined ? undefined : { width, giveWay });
  for (const row of rows) t.push(row);
  return t.toString();
};
const widest = (text: string): number => Math.max(...text.split('\n').map((line) => stringWidth(line)));

describe('textTable fitting a width', () => {
  it('whole when it fits, or without a width (a pipe, a file)', () => {
    // 26 + 9 + 11 + 5 + 13 columns of text, 3 each for padding and rule, 1 for the last rule.
    expect(widest(table())).toBe(80);
    expect(table(80)).toBe(table());
  });

  it('first the columns that give way, in their order, and a line naming them', () => {
    // Without the interval 64 columns, without Promoters too 50.
    const text = table(60, [4, 2]);
    expect(text.split('\n')[1]).toBe('│ channel                    │ Responses │   NPS │');
    expect(text.replace(/\n/g, ' ')).toContain('(left out to fit 60 columns: 95% interval, Promoters; a wider terminal or --format csv shows them)');
    expect(widest(text)).toBeLessThanOrEqual(60);
    // Only as many as it takes: at 70, the interval alone.
    expect(table(70, [4, 2])).toContain('(left out to fit 70 columns: 95% interval;');
  });

  it('then text columns are cut with "…", the widest first', () => {
    // 16 columns too many: the one text column gives them, 26 → 10.
    const text = table(64);
    expect(text.split('\n')[2]).toBe('│ a channel… │     1,200 │ 600 (50.0%) │ +30.0 │ +25.1 … +34.8 │');
    expect(widest(text)).toBe(64);
    // Down to 6 at most: 60 columns.
    expect(table(60).split('\n')[3]).toBe('│ web    │        80 │  40 (50.0%) │ +20.0 │  +3.9 … +35.3 │');
  });

  it('below a usable width, each row is a record of "heading  value" lines', () => {
    const text = table(40);
    expect(text.split('\n').slice(0, 7)).toEqual([
      '────────────────────────',
      'channel       a channel with a long name',
      'Responses     1,200',
      'Promoters     600 (50.0%)',
      'NPS           +30.0',
      '95% interval  +25.1 … +34.8',
      '────────────────────────',
    ]);
    expect(widest(table(24))).toBeLessThanOrEqual(24);
  });

  it('cut: by display width (wide characters count two), colour dropped when cut', () => {
    expect(cut('Göteborg', 8)).toBe('Göteborg');
    expect(cut('Göteborg', 5)).toBe('Göte…');
    expect(cut('東京都庁', 5)).toBe('東京…');
    expect(cut('\u001b[32m+30.0 points\u001b[39m', 6)).toBe('+30.0…');
  });
});

describe('every command at 60, 80 and 120 columns: no line wider than the terminal', () => {
  const runs: [string, string[]][] = [
    ['score', ['score', 'fixtures/example.csv', '--by', 'channel', '--by', 'agent']],
    ['score --distribution', ['score', 'fixtures/example.csv', '--distribution', '--benchmark', '30']],
    ['trend', ['trend', 'fixtures/trend-monthly-gap.csv', '--rolling', '2']],
    ['trend --by', ['trend', 'fixtures/trend-monthly-gap.csv', '--by', 'channel']],
    ['compare', ['compare', 'fixtures/compare-before.csv', 'fixtures/compare-after.csv']],
    ['drivers', ['drivers', 'fixtures/drivers-small.csv', '--by', 'team', '--by', 'channel']],
    ['comments', ['comments', 'fixtures/comments-planted-sv-en.csv', '--themes', 'fixtures/themes-example.json']],
    ['list', ['list', 'fixtures/example.csv', '--detractors']],
    ['inspect', ['inspect', '../shared/data/public/miro_nps_feedback.csv']],
  ];
  for (const columns of [60, 80, 120]) {
    it.each(runs)(`%s at ${columns}`, async (_name, args) => {
      const run = await nps([...args, '-q'], { env: { COLUMNS: String(columns) } });
      expect(run.exitCode).toBe(0);
      const over = run.stdout.split('\n').filter((line) => stringWidth(line) > columns);
      expect(over).toEqual([]);
    });
  }

  it('the same runs piped without COLUMNS are whole: the widest lines pass 120 columns', async () => {
    const run = await nps(['score', 'fixtures/example.csv', '--by', 'channel', '--by', 'agent']);
    expect(widest(run.stdout)).toBeGreaterThan(120);
  });
});
