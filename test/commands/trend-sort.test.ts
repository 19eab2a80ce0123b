// trend --sort (issue 16, item 1): the series drawn, in the order asked for.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { fakeIo } from '../support/fake-io.js';

const FILE = 'fixtures/example.csv';
/** The table's rows: [channel, month, n, NPS]. */
async function rows(...extra: string[]): Promise<string[][]> {
  const out = (await runCli(['trend', FILE, '--by', 'channel', ...extra], fakeIo())).stdout;
  return out
    .split('\n')
    .filter((line) => /^│ (chat|email|phone) /.test(line))
    .map((line) => line.split('│').slice(1, 5).map((cell) => cell.trim()));
}
const order = (table: string[][]): string[] => [...new Set(table.map((row) => row[0] as string))];

describe('trend --sort', () => {
  it('key by default; responses: most answers first (email 16, then chat and phone 12 each, by key)', async () => {
    expect(order(await rows())).toEqual(['chat', 'email', 'phone']);
    expect(order(await rows('--sort', 'responses'))).toEqual(['email', 'chat', 'phone']);
  });

  it("nps: by the latest period's score, highest first", async () => {
    // February decides: c +100 (10, 10, 10), a +33.3 (9, 9, 0), b -33.3 (0, 0, 9); January reverses them.
    const dir = mkdtempSync(join(tmpdir(), 'nps-trend-sort-'));
    const lines = ['date,channel,score'];
    const answers: Record<string, [string, string]> = { a: ['0 0 9', '9 9 0'], b: ['10 10 10', '0 0 9'], c: ['0 0 0', '10 10 10'] };
    for (const [channel, [january, february]] of Object.entries(answers)) {
      for (const score of january.split(' ')) lines.push(`2025-01-15,${channel},${score}`);
      for (const score of february.split(' ')) lines.push(`2025-02-15,${channel},${score}`);
    }
    writeFileSync(join(dir, 'x.csv'), `${lines.join('\n')}\n`);
    const out = (await runCli(['trend', join(dir, 'x.csv'), '--by', 'channel', '--sort', 'nps'], fakeIo())).stdout;
    const table = out.split('\n').filter((line) => /^│ [abc] /.test(line)).map((line) => line.split('│')[1]?.trim());
    expect([...new Set(table)]).toEqual(['c', 'a', 'b']);
  });

  it('another key is a usage error naming the choices', async () => {
    await expect(runCli(['trend', FILE, '--sort', 'shrunk'], fakeIo())).rejects.toThrow('--sort "shrunk" is not one of: key, responses, nps');
  });
});
