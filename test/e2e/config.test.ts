// End to end: nps.config.json, found in the working directory or given with --config; flags beat it.
import { copyFile, mkdtemp, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ROOT, fixture, groupCounts, nps } from './run-nps.js';

const qualtrics = 'fixtures/qualtrics-three-header-rows.csv';

async function inDir(config: unknown, args: string[]) {
  const dir = await mkdtemp('/tmp/nps-config-');
  await writeFile(`${dir}/nps.config.json`, typeof config === 'string' ? config : JSON.stringify(config));
  await copyFile(fixture('qualtrics-three-header-rows.csv'), `${dir}/export.csv`);
  // In-process, with the directory as the working directory (where the config is found).
  return nps(args.map((arg) => (arg === 'export.csv' ? `${dir}/export.csv` : arg)), { cwd: dir });
}

describe('nps.config.json', () => {
  it('fixtures/nps.config.json: columns, default grouping, period and threshold', async () => {
    // by Q3 and month: Göteborg Mar 9, 7 / Apr 3, 6; Stockholm Mar 10, 9 / Apr 8, 10. Overall 25 ≥ min 20.
    const run = await nps(['score', qualtrics, '--config', 'fixtures/nps.config.json', '--format', 'json']);
    expect(run.exitCode).toBe(0);
    const json = JSON.parse(run.stdout);
    expect(groupCounts(json)).toEqual({
      'Göteborg|2025-03': '1/1/0', 'Göteborg|2025-04': '0/0/2', 'Stockholm|2025-03': '2/0/0', 'Stockholm|2025-04': '1/1/0',
    });
    expect(run.stderr).not.toContain('detected'); // the config named the columns
  });

  it('flags beat the file', async () => {
    const run = await nps(['score', qualtrics, '--config', 'fixtures/nps.config.json', '--by', 'DistributionChannel', '--period', 'year', '--min', '30', '--format', 'csv']);
    expect(run.exitCode).toBe(1); // 25 < 30 from the flag, not 20 from the file
    expect(run.stdout.split('\r\n')[0]).toMatch(/^DistributionChannel,year,responses/);
    expect(run.stderr).toContain('NPS +25.0 is below the minimum 30');
  });

  it('is found in the working directory without --config', async () => {
    const run = await inDir({ defaults: { by: ['Q3'], format: 'csv' } }, ['score', 'export.csv']);
    expect(run.exitCode).toBe(0);
    expect(run.stdout.split('\r\n')[0]).toMatch(/^Q3,responses/);
  });

  it('inspect uses the roles the file gives', async () => {
    const run = await inDir({ columns: { comment: 'Q3', id: 'DistributionChannel' } }, ['inspect', 'export.csv', '--format', 'json']);
    const roles = Object.fromEntries(JSON.parse(run.stdout).columns.map((c: { name: string; role: string }) => [c.name, c.role]));
    expect(roles).toMatchObject({ Q3: 'comment', DistributionChannel: 'id' });
  });

  it.each([
    [{ defaults: { perod: 'month' } }, 'unknown key "perod" in "defaults"'],
    [{ defaults: { period: 'fortnight' } }, 'key "defaults.period"'],
    [{ thresholds: { min: 'thirty' } }, 'key "thresholds.min"'],
    [{ input: { headerRow: 0 } }, 'key "input.headerRow"'],
    [{ columns: { dimensions: 'Q3' } }, 'key "columns.dimensions"'],
    [{ colour: 'always' }, 'unknown key "colour"'],
    ['{ "defaults": ', 'not valid JSON'],
  ])('%j is an error naming the key', async (config, message) => {
    const run = await inDir(config, ['score', 'export.csv']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('nps.config.json: ');
    expect(run.stderr).toContain(message);
  });

  it('a config naming a column that is not there says which key', async () => {
    const run = await inDir({ columns: { score: 'Q9' } }, ['score', 'export.csv']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('there is no column "Q9" (given with columns.score in nps.config.json)');
    // The hint says what to do where the value came from (it said "e.g. columns.score in the config file \"…\"").
    expect(run.stderr).toMatch(/\n {2}Set it to one of the column headers exactly as written, e\.g\. "[^"]+" \(columns\.score in nps\.config\.json\)\n$/);
  });

  it('--config with a missing file is an error', async () => {
    const run = await nps(['score', qualtrics, '--config', 'nope.json']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('nope.json: the config file cannot be read (ENOENT)');
  });

  it('every key in the example file is valid', async () => {
    const { loadConfig } = await import('../../src/pipeline/config.js');
    const { config } = await loadConfig(`${ROOT}fixtures/nps.config.json`, ROOT);
    expect(Object.keys(config).sort()).toEqual(['columns', 'dateFormat', 'dedupe', 'defaults', 'input', 'scale', 'thresholds']);
  });
});
