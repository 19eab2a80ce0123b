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
