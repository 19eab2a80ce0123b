// End to end: bin/nps.cjs, its launcher (src/launch.cjs, built to dist/launch.cjs) and V8's code cache. The answer is the same with no cache, a fresh
// one, a damaged one and a stale one; a damaged or stale cache is never used, and is replaced.
// Runs on a copy of bin/ and dist/, so that the other suites' runs do not touch its cache.
import { execa } from 'execa';
import { cp, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { crc32 } from 'node:zlib';
import { ROOT } from './run-nps.js';

let dir = '';
const cacheFile = (command = 'score') => join(dir, 'dist', `nps.cjs.${command}.cache`);

async function run(env: Record<string, string> = {}): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const args = [join(dir, 'bin', 'nps.cjs'), 'score', `${ROOT}fixtures/example.csv`, '--by', 'channel', '--format', 'json'];
  const result = await execa('node', args, { reject: false, extendEnv: false, env: { PATH: process.env.PATH ?? '', TZ: 'UTC', ...env } });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/**
 * The cache's first line: "nps-code-cache <node> <arch> <bundle size> <bundle mtime> <length of the
 * rest> <its checksum>".
 */
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

/** The checksum as zlib computes it (a different implementation from the bin's would be no stronger: the bin calls zlib). */
const referenceChecksum = (bytes: Buffer): string => crc32(bytes).toString(16);

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
    const [magic, node, arch, , , length, checksum] = await header();
    expect([magic, node, arch]).toEqual(['nps-code-cache', process.version, process.arch]);
    const written = await readFile(cacheFile());
    const data = written.subarray(written.indexOf(0x0a) + 1);
    expect(Number(length)).toBe(data.length);
    expect(checksum).toBe(referenceChecksum(data));
    const second = await run();
    expect(second).toEqual(plain);
    // A cache that was used is not written again.
    expect((await readFile(cacheFile())).equals(written)).toBe(true);
  });

  it('does not use a damaged cache, and writes a good one', async () => {
    const plain = await run({ NPS_NO_CODE_CACHE: '1' });
    await run();
    const good = await readFile(cacheFile());
    // One byte of bytecode flipped: V8 itself would take it (and could crash or misbehave). In
    // the first block, in the middle, in each lane of a block, and the very last byte.
    const start = good.indexOf(0x0a) + 1;
    const middle = start + Math.floor((good.length - start) / 64) * 32;
    for (const at of [start, middle, middle + 8, middle + 16, middle + 31, good.length - 1]) {
      const damaged = Buffer.from(good);
      damaged[at] = (damaged[at] ?? 0) ^ 0x01;
      await writeFile(cacheFile(), damaged);
      expect(await run()).toEqual(plain);
      expect((await readFile(cacheFile())).equals(damaged)).toBe(false);
    }
    expect(await run()).toEqual(plain);

    // Cut short, and not a cache at all.
    for (const bytes of [good.subarray(0, good.length >> 1), Buffer.from('not a cache')]) {
      await writeFile(cacheFile(), bytes);
      expect(await run()).toEqual(plain);
      expect((await readFile(cacheFile())).equals(bytes)).toBe(false);
    }
  });

  it('keeps a cache per command: another command neither uses nor replaces the score cache', async () => {
    await run();
    const score = await readFile(cacheFile());
    const inspect = await execa('node', [join(dir, 'bin', 'nps.cjs'), 'inspect', `${ROOT}fixtures/example.csv`], { reject: false });
    expect(inspect.exitCode).toBe(0);
    expect((await readFile(cacheFile('inspect'))).equals(score)).toBe(false);
    const version = await execa('node', [join(dir, 'bin', 'nps.cjs'), '--version'], { reject: false });
    expect(version.exitCode).toBe(0);
    await readFile(cacheFile('other'));
    expect((await readFile(cacheFile())).equals(score)).toBe(true);
    // The CLI's commands and the caches' names agree.
    const bin = await readFile(`${ROOT}src/launch.cjs`, 'utf8');
    const cli = await readFile(`${ROOT}src/cli.ts`, 'utf8');
    const declared = [...cli.matchAll(/program\.command\('(\w+)'\)/g)].map((m) => m[1]);
    expect(/const COMMANDS = \[([^\]]*)\]/.exec(bin)?.[1]?.match(/\w+/g)).toEqual(declared);
  });

  it('keeps no cache from --help or a run that failed: it would lack most of the command', async () => {
    await rm(cacheFile(), { force: true });
    const bin = join(dir, 'bin', 'nps.cjs');
    expect((await execa('node', [bin, 'score', '--help'], { reject: false })).exitCode).toBe(0);
    expect((await execa('node', [bin, 'score', `${ROOT}fixtures/no-such-file.csv`], { reject: false })).exitCode).toBe(2);
    await expect(readFile(cacheFile())).rejects.toThrow(/ENOENT/);
    // A failed gate (exit 1) ran the whole command: its cache is kept.
    expect((await execa('node', [bin, 'score', `${ROOT}fixtures/example.csv`, '--min', '99'], { reject: false })).exitCode).toBe(1);
    await readFile(cacheFile());
  });

  it('gives the same answer under --jitless (a cache made with other V8 flags is rejected, not used)', async () => {
    const plain = await run({ NPS_NO_CODE_CACHE: '1' });
    const args = ['--jitless', join(dir, 'bin', 'nps.cjs'), 'score', `${ROOT}fixtures/example.csv`, '--by', 'channel', '--format', 'json'];
    for (let i = 0; i < 2; i++) {
      const jitless = await execa('node', args, { reject: false, extendEnv: false, env: { PATH: process.env.PATH ?? '', TZ: 'UTC' } });
      // V8 says on stderr that --jitless turns WebAssembly off; the rest is nps's.
      const stderr = jitless.stderr.replace(/^Warning: disabling flag --expose_wasm.*\n/, '');
      expect({ exitCode: jitless.exitCode, stdout: jitless.stdout, stderr }).toEqual(plain);
    }
    expect(await run()).toEqual(plain);
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
