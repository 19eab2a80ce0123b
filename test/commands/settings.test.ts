// Settings from the config file reach only the commands they are for (issue 15, item 1).

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { SelectionFlags } from '../../src/pipeline/flags.js';
import { resolveSettings } from '../../src/pipeline/settings.js';
import { fakeIo, stdoutOf } from '../support/fake-io.js';

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
    expect((await stdoutOf(out)).length).toBeGreaterThan(0);
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
    expect(fromConfig.gateFailures[0]).toBe('nps: error: NPS +32.5 is below the minimum 90 (thresholds.min in nps.config.json)');
    expect(fromConfig.gateFailures.slice(1).every((line) => line.endsWith('(thresholds.minGroup in nps.config.json)'))).toBe(true);
    const fromFlag = await runCli(['score', file, '--by', 'channel', '--min', '95'], { ...fakeIo(), cwd });
    expect(fromFlag.gateFailures[0]).toBe('nps: error: NPS +32.5 is below the minimum 95 (--min)');
  });

  it('--config names its own file; a threshold that needs groups says which key asked', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'nps-said-'));
    const config = join(cwd, 'team.json');
    writeFileSync(config, JSON.stringify({ thresholds: { minGroup: 10 } }));
    const error = await runCli(['score', file, '--config', config], fakeIo()).catch((caught: unknown) => caught);
    expect((error as Error).message).toBe(`thresholds.minGroup in ${config} needs groups`);
  });
});

describe('resolveSettings: one frozen object that knows where each value came from', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'nps-origin-'));
  writeFileSync(join(cwd, 'nps.config.json'), JSON.stringify({ columns: { score: 'Q1', weight: 'w' }, defaults: { by: ['team'] }, thresholds: { min: 20 }, input: { delimiter: ';' } }));

  it('flag, config or default, for each declared flag; said as messages name it', async () => {
    // As commander hands the flags over: text.
    const run = await resolveSettings(SelectionFlags, { score: 'NPS', min: '10' }, { ...fakeIo(), cwd });
    const cases: [string, string, string][] = [
      // name, origin, said
      ['score', 'flag', '--score'],
      ['min', 'flag', '--min'],
      ['weight', 'config', 'columns.weight in nps.config.json'],
      ['by', 'config', 'defaults.by in nps.config.json'],
      ['delimiter', 'config', 'input.delimiter in nps.config.json'],
      ['maxDrop', 'default', '--max-drop'],
      ['minGroup', 'default', '--min-group'],
      ['date', 'default', '--date'],
    ];
    for (const [name, origin, said] of cases) {
      expect([name, run.origin(name)]).toEqual([name, origin]);
      expect([name, run.said(name)]).toEqual([name, said]);
    }
    // The config file's own values stay readable, and what flags beat is not used.
    expect(run.input.survey.score).toBe('NPS');
    expect(run.input.survey.delimiter).toBe(';');
    expect(Object.isFrozen(run)).toBe(true);
    expect(Object.isFrozen(run.flags)).toBe(true);
    // A variant for part of a run (compare's halves, list without periods): the rest as it was.
    // Without --min the config's thresholds.min (20) stands in; without --date nothing does.
    const variant = run.with({ min: undefined, date: undefined });
    expect([variant.origin('min'), variant.origin('date'), variant.origin('score'), variant.origin('weight')]).toEqual(['config', 'default', 'flag', 'config']);
    expect(variant.said('min')).toBe('thresholds.min in nps.config.json');
    expect(run.origin('min')).toBe('flag');
  });

  it('--config names its file in what is said', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nps-origin-'));
    const path = join(dir, 'team.json');
    writeFileSync(path, JSON.stringify({ thresholds: { maxDrop: 3 } }));
    const run = await resolveSettings(SelectionFlags, { config: path }, { ...fakeIo(), cwd: dir });
    expect(run.origin('maxDrop')).toBe('config');
    expect(run.said('maxDrop')).toBe(`thresholds.maxDrop in ${path}`);
    expect(run.configName).toBe(path);
    // A flag with a short name is said by its long one (the form's first word was "-o,").
    expect(run.said('output')).toBe('--output');
  });
});
