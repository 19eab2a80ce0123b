// Settings from the config file reach only the commands they are for (issue 15, item 1).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { fakeIo } from '../support/fake-io.js';

const ROOT = new URL('../../', import.meta.url).pathname;

describe('thresholds in nps.config.json gate score and trend only', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'nps-settings-'));
  writeFileSync(join(cwd, 'nps.config.json'), JSON.stringify({ thresholds: { maxDrop: 5, minGroup: 10, min: 90 } }));
  const file = join(ROOT, 'fixtures/example.csv');
  const run = (args: string[]) => runCli(args, { ...fakeIo(), cwd });

  it.each([
    ['list', ['list', file, '--detractors']],
    ['drivers', ['drivers', file, '--by', 'channel']],
    ['comments', ['comments', file]],
    ['compare --split', ['compare', file, '--split', '2025-02-01']],
    ['compare --by', ['compare', file, '--by', 'channel', '--a', 'phone', '--b', 'email']],
  ])('%s: runs, and no gate fails (they exited 2: "--max-drop compares periods")', async (_name, args) => {
    const out = await run(args);
    expect(out.gateFailures).toEqual([]);
    expect(out.stdout.length).toBeGreaterThan(0);
  });

  it('score still gates by them', async () => {
    const out = await run(['score', file, '--by', 'channel', '--period', 'month']);
    expect(out.gateFailures.some((line) => line.includes('(--min)'))).toBe(true);
  });
});
