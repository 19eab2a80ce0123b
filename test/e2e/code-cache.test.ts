// End to end: bin/nps.cjs and V8's code cache. The answer is the same with no cache, a fresh
// one, a damaged one and a stale one; a damaged or stale cache is never used, and is replaced.
// Runs on a copy of bin/ and dist/, so that the other suites' runs do not touch its cache.
import { execa } from 'execa';
import { cp, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from './run-nps.js';

let dir = '';
const cacheFile = () => join(dir, 'dist', 'nps.cjs.cache');

async function run(env: Record<string, string> = {}): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const args = [join(dir, 'bin', 'nps.cjs'), 'score', `${ROOT}fixtures/example.csv`, '--by', 'channel', '--format', 'json'];
  const result = await execa('node', args, { reject: false, extendEnv: false, env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env } });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** The cache's first line: "nps-code-cache <node> <arch> <bundle size> <bundle mtime> <crc32 of the rest>". */
async function header(): Promise<string[]> {
  const file = await readFile(cacheFile());
  return file.toString('latin1', 0, file.indexOf(0x0a)).split(' ');
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'nps-cache-'));
  await cp(`${ROOT}bin`, join(dir, 'bin'), { recursive: true });
  await cp(`${ROOT}dist`, join(dir, 'dist'), { recursive: true, filter: (source) => !source.endsWith('.cache') });
  await cp(`${ROOT}package.json`, join(dir, 'package.json'));
  await symlink(`${ROOT}node_modules`, join(dir, 'node_modules'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('code cache', () => {
  it('gives the same answer without it, on the run that writes it, and on the runs that use it', async () => {
    const plain = await run({ NPS_NO_CODE_CACHE: '1' });
    expect(plain.exitCode).toBe(0);
    const overall = (JSON.parse(plain.stdout) as { overall: { responses: number; nps: number } }).overall;
    // fixtures/example.csv: 40 answers, 22 promoters, 9 detractors (README, fixtures/README.md).
    expect(overall.responses).toBe(40);
    expect(overall.nps).toBeCloseTo(32.5, 10);

    const first = await run();
    expect(first).toEqual(plain);
    const [magic, node, arch] = await header();
    expect([magic, node, arch]).toEqual(['nps-code-cache', process.version, process.arch]);
    const written = await readFile(cacheFile());
    const second = await run();
    expect(second).toEqual(plain);
    // A cache that was used is not written again.
    expect((await readFile(cacheFile())).equals(written)).toBe(true);
  });

  it('does not use a damaged cache, and writes a good one', async () => {
    const plain = await run({ NPS_NO_CODE_CACHE: '1' });
    await run();
    const good = await readFile(cacheFile());
    // One byte of bytecode flipped: V8 itself would take it (and could crash or misbehave).
    const damaged = Buffer.from(good);
    const middle = good.indexOf(0x0a) + Math.floor((good.length - good.indexOf(0x0a)) / 2);
    damaged[middle] = (damaged[middle] ?? 0) ^ 0xff;
    await writeFile(cacheFile(), damaged);
    expect(await run()).toEqual(plain);
    expect((await readFile(cacheFile())).equals(damaged)).toBe(false);
    expect(await run()).toEqual(plain);

    // Cut short, and not a cache at all.
    for (const bytes of [good.subarray(0, good.length >> 1), Buffer.from('not a cache')]) {
      await writeFile(cacheFile(), bytes);
      expect(await run()).toEqual(plain);
      expect((await readFile(cacheFile())).equals(bytes)).toBe(false);
    }
  });

  it('does not use the cache of another build of the bundle', async () => {
    const plain = await run({ NPS_NO_CODE_CACHE: '1' });
    await run();
    const before = await header();
    // A rebuild changes the bundle's time (and mostly its size).
    const later = new Date(Date.now() + 60_000);
    await utimes(join(dir, 'dist', 'nps.cjs'), later, later);
    expect(await run()).toEqual(plain);
    const after = await header();
    expect(after[4]).not.toBe(before[4]);
    expect(await run()).toEqual(plain);
  });
});
