// trend's table draws the --top series with most answers: only their groups are shown (and made
// visible), but the changes are judged as one family over every series, drawn or not.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { fakeIo } from '../support/fake-io.js';

describe('trend --top', () => {
  it('draws the largest series, names the rest, and counts the changes of all three in the family', async () => {
    // a: 40 answers a month, b and c 31: every month has at least 30 (not thin), so each series'
    // one change (January to February) is judged: three in all, one of them drawn.
    const dir = mkdtempSync(join(tmpdir(), 'nps-trend-top-'));
    const lines = ['date,channel,score'];
    for (const [channel, size] of [['a', 40], ['b', 31], ['c', 31]] as const) {
      for (let i = 0; i < size; i++) lines.push(`2025-01-15,${channel},${i % 11}`, `2025-02-15,${channel},${(i * 7) % 11}`);
    }
    writeFileSync(join(dir, 'x.csv'), `${lines.join('\n')}\n`);
    const out = (await runCli(['trend', join(dir, 'x.csv'), '--by', 'channel', '--top', '1'], fakeIo())).stdout;
    const drawn = out.split('\n').filter((line) => /^│ [abc] /.test(line)).map((line) => line.split('│')[1]?.trim());
    expect([...new Set(drawn)]).toEqual(['a']);
    expect(out).toContain('left out (smaller; --top to show more): b (n = 62), c (n = 62)');
    expect(out.replace(/\s+/g, ' ')).toContain('(Benjamini–Hochberg across the 3 changes judged; none next to a thin period)');
  });
});

describe('trend series with the same label', () => {
  // A blank agent and one named "(blank)" are shown alike, and two --by columns can join into one
  // label ("a / b" + "c", "a" + "b / c"): each is still its own series, with its own rolling NPS.
  const dir = mkdtempSync(join(tmpdir(), 'nps-trend-label-'));
  const lines = ['date,agent,team,score'];
  for (const day of ['01', '02', '03']) {
    // agent "" scores 1, 4, 7, 10 (NPS -25 a day); agent "(blank)" scores 10 (NPS +100).
    for (const score of [1, 4, 7, 10]) lines.push(`2025-01-${day},,x,${score}`, `2025-01-${day},(blank),x,10`);
    // "a / b" + "c" all 0s (NPS -100); "a" + "b / c" all 9s (NPS +100).
    for (let i = 0; i < 3; i++) lines.push(`2025-01-${day},a / b,c,0`, `2025-01-${day},a,b / c,9`);
  }
  writeFileSync(join(dir, 'x.csv'), `${lines.join('\n')}\n`);
  const rollingOf = async (by: string[]): Promise<Map<string, (number | null)[]>> => {
    const out = await runCli(['trend', join(dir, 'x.csv'), ...by, '--period', 'day', '--rolling', '2', '--format', 'json'], fakeIo());
    const groups = (out as unknown as { report: { groups: { key: string[]; extra?: { rolling?: number | null } }[] } }).report.groups;
    const series = new Map<string, (number | null)[]>();
    for (const group of groups) {
      const id = JSON.stringify(group.key.slice(0, -1));
      series.set(id, [...(series.get(id) ?? []), group.extra?.rolling ?? null]);
    }
    return series;
  };

  it('a blank value and "(blank)": each its own rolling NPS', async () => {
    const series = await rollingOf(['--by', 'agent', '--where', 'team=x']);
    expect(series.get('[""]')).toEqual([-25, -25, -25]);
    expect(series.get('["(blank)"]')).toEqual([100, 100, 100]);
  });

  it('two columns that join into one label: each its own rolling NPS, and both drawn', async () => {
    const series = await rollingOf(['--by', 'agent', '--by', 'team', '--where', 'team!=x']);
    expect(series.get('["a / b","c"]')).toEqual([-100, -100, -100]);
    expect(series.get('["a","b / c"]')).toEqual([100, 100, 100]);
    const table = (await runCli(['trend', join(dir, 'x.csv'), '--by', 'agent', '--by', 'team', '--where', 'team!=x', '--period', 'day'], fakeIo())).stdout;
    // Both series' days in the table: NPS -100 each day for one, +100 for the other.
    expect(table.split('\n').filter((line) => /^│ a \/ b │ c +│ 2025-01-0\d │ 3 │ -100\.0 │/.test(line))).toHaveLength(3);
    expect(table.split('\n').filter((line) => /^│ a +│ b \/ c │ 2025-01-0\d │ 3 │ \+100\.0 │/.test(line))).toHaveLength(3);
  });
});
