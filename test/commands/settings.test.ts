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
    expect(out.gateFailures.some((line) => line.includes('(thresholds.min in nps.config.json)'))).toBe(true);
  });
});

describe('a message names where its threshold came from', () => {
  const file = join(ROOT, 'fixtures/example.csv');

  it('the config key when the config file set it, the flag when a flag did', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'nps-said-'));
    writeFileSync(join(cwd, 'nps.config.json'), JSON.stringify({ thresholds: { min: 90, minGroup: 50 } }));
    const fromConfig = await runCli(['score', file, '--by', 'channel'], { ...fakeIo(), cwd });
    // fixtures/example.csv: NPS +32.5 overall; every channel below 50.
    expect(fromConfig.gateFailures[0]).toBe('nps: NPS +32.5 is below the minimum 90 (thresholds.min in nps.config.json)');
    expect(fromConfig.gateFailures.slice(1).every((line) => line.endsWith('(thresholds.minGroup in nps.config.json)'))).toBe(true);
    const fromFlag = await runCli(['score', file, '--by', 'channel', '--min', '95'], { ...fakeIo(), cwd });
    expect(fromFlag.gateFailures[0]).toBe('nps: NPS +32.5 is below the minimum 95 (--min)');
  });

  it('--config names its own file; a threshold that needs groups says which key asked', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'nps-said-'));
    const config = join(cwd, 'team.json');
    writeFileSync(config, JSON.stringify({ thresholds: { minGroup: 10 } }));
    const error = await runCli(['score', file, '--config', config], fakeIo()).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(`thresholds.minGroup in ${config} needs groups`);
  });
});
