// Numbers as tables show them (issue 16, item 1: thousands separators).

import { describe, expect, it } from 'vitest';
import { countText } from '../../src/core/format-number.js';
import { runCli } from '../../src/cli.js';
import { fakeIo, stdoutOf } from '../support/fake-io.js';

describe('countText', () => {
  it.each([
    [0, '0'],
    [999, '999'],
    [1000, '1,000'],
    [20268, '20,268'],
    [10_000_000, '10,000,000'],
    [5076331, '5,076,331'],
    // A weighted count keeps its decimals; only the whole part is grouped.
    [12345.25, '12,345.25'],
    [0.5, '0.5'],
  ])('%d → %s', (value, text) => {
    expect(countText(value)).toBe(text);
  });

  it('tables group the counts; JSON and CSV keep plain numbers', async () => {
    const rows = Array.from({ length: 1500 }, (_, i) => `${i},${i % 11}`).join('\n');
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const dir = mkdtempSync('/tmp/nps-counts-');
    writeFileSync(`${dir}/x.csv`, `id,score\n${rows}\n`);
    // 1,500 scores 0–10 in turn: 136 × 11 + 4, so promoters 2 × 136 = 272, detractors 7 × 136 + 4 = 956.
    const table = await stdoutOf(await runCli(['score', `${dir}/x.csv`], fakeIo()));
    expect(table).toContain('│     1,500 │');
    expect(table).toContain('956 (63.7%)');
    const csv = await stdoutOf(await runCli(['score', `${dir}/x.csv`, '--format', 'csv'], fakeIo()));
    expect(csv.split('\r\n')[1]?.split(',')[0]).toBe('1500');
  });
});
