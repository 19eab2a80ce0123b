// trend --format json is written while it is made, a hundred groups at a time (as score's): a day
// trend of many series is never one string. The pieces make the JSON the whole would be.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { fakeIo } from '../support/fake-io.js';

describe('trend --format json', () => {
  it('comes in pieces that make the whole JSON: 150 agents over two days, each change worked out', async () => {
    // Agent k: on the 1st two 10s and a 0 (NPS (2 − 1)/3 = +33.3), on the 2nd one 10 (+100): a change of +66.7 each.
    const dir = mkdtempSync(join(tmpdir(), 'nps-trend-json-'));
    const lines = ['date,agent,score'];
    for (let k = 0; k < 150; k++) {
      const agent = `a${String(k).padStart(3, '0')}`;
      for (const score of [10, 10, 0]) lines.push(`2025-03-01,${agent},${score}`);
      lines.push(`2025-03-02,${agent},10`);
    }
    writeFileSync(join(dir, 'x.csv'), `${lines.join('\n')}\n`);
    const outcome = await runCli(['trend', join(dir, 'x.csv'), '--by', 'agent', '--period', 'day', '--format', 'json'], fakeIo());
    expect(outcome.stdout).toBe('');
    const pieces: string[] = [];
    for await (const piece of outcome.body ?? []) pieces.push(String(piece));
    // A head, three pieces of at most 100 groups (300 groups), a tail.
    expect(pieces.length).toBe(5);
    const text = pieces.join('');
    // The same text as the whole written at once with two spaces of indent.
    expect(text).toBe(`${JSON.stringify(JSON.parse(text), null, 2)}\n`);
    const groups = (JSON.parse(text) as { groups: { key: Record<string, string>; nps: number; change: number | null; changeFrom: string | null }[] }).groups;
    expect(groups).toHaveLength(300);
    const [first, second] = groups;
    expect(first?.key).toEqual({ agent: 'a000', day: '2025-03-01' });
    expect(first?.nps).toBeCloseTo(100 / 3, 10);
    expect(first?.change).toBeNull();
    expect(second?.key).toEqual({ agent: 'a000', day: '2025-03-02' });
    expect(second?.nps).toBe(100);
    expect(second?.change).toBeCloseTo(200 / 3, 10);
    expect(second?.changeFrom).toBe('2025-03-01');
  });
});
