import { Chalk } from 'chalk';
import { describe, expect, it } from 'vitest';
import { addShrinkage } from '../../src/commands/score.js';
import type { GroupRow, ScoreReport } from '../../src/core/report.js';
import { SkipLog } from '../../src/core/skips.js';
import { statsOf } from '../../src/core/stats.js';
import { Tally } from '../../src/core/tally.js';
import { renderTable, tablePieces } from '../../src/render/table.js';
import { NPS_INFO } from '../../src/render/columns.js';
import { seededRandom } from '../support/random.js';

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
  it.each([
    ['no groups', 0, plain],
    ['one group', 1, plain],
    ['999 groups', 999, plain],
    ['1,000 groups', 1000, plain],
    ['2,501 groups, coloured', 2501, coloured],
    ['7 groups with the histogram', 7, { ...plain, distribution: true }],
  ])('%s: the same text as the whole table on a terminal too wide to fit anything to', (_name, count, context) => {
    const report = reportOf(count, 17 + count);
    const pieces = [...tablePieces(report, context)];
    // The whole table (its lines, then what follows) where a terminal of 100,000 columns leaves every column whole.
    expect(pieces.join('')).toBe(renderTable(report, { ...context, width: 100_000 }));
    expect(renderTable(report, context)).toBe(pieces.join(''));
    // A piece per thousand groups, and the rule, Overall row and what follows in the last.
    expect(pieces).toHaveLength(Math.ceil(count / 1000) + 1);
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
