// The config file is read once per run, however many times a command asks for its settings
// (issue 15, item 1): score --metric nps,csat,ces read it four times, compare of two files three.

import * as fs from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { runCli } from '../../src/cli.js';
import { fakeIo, stdoutOf } from '../support/fake-io.js';

vi.mock('node:fs', async (importOriginal) => {
  const actual = await importOriginal<typeof fs>();
  return { ...actual, readFileSync: vi.fn(actual.readFileSync) };
});

const ROOT = new URL('../../', import.meta.url).pathname;

describe('nps.config.json', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'nps-config-once-'));
  const configPath = join(cwd, 'nps.config.json');
  writeFileSync(configPath, JSON.stringify({ label: 'tNPS' }));
  const reads = (): number => vi.mocked(fs.readFileSync).mock.calls.filter(([path]) => path === configPath).length;

  it.each([
    ['score --metric nps,csat,ces', ['score', join(ROOT, 'fixtures/cx-metrics.csv'), '--metric', 'nps,csat,ces', '--format', 'json']],
    ['trend --metric nps,csat', ['trend', join(ROOT, 'fixtures/cx-metrics.csv'), '--metric', 'nps,csat', '--format', 'json']],
    ['compare of two files', ['compare', join(ROOT, 'fixtures/compare-before.csv'), join(ROOT, 'fixtures/compare-after.csv'), '--format', 'json']],
  ])('%s: read once, and applied', async (_name, args) => {
    vi.mocked(fs.readFileSync).mockClear();
    const out = await runCli(args, { ...fakeIo(), cwd });
    // JSON is written in pieces (the body): what the run writes, whole.
    expect(await stdoutOf(out)).toContain('tNPS');
    expect(reads()).toBe(1);
  });

  it('a new run reads it again (a change between runs is seen)', async () => {
    vi.mocked(fs.readFileSync).mockClear();
    const args = ['score', join(ROOT, 'fixtures/example.csv'), '--format', 'json'];
    await runCli(args, { ...fakeIo(), cwd });
    await runCli(args, { ...fakeIo(), cwd });
    expect(reads()).toBe(2);
  });
});
