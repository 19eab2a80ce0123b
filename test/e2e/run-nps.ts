// Runs the built CLI (bin/nps.cjs → dist/nps.cjs) the way a user does, with a pinned environment.

import { execa } from 'execa';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = `${ROOT}bin/nps.cjs`;
export const fixture = (name: string): string => `${ROOT}fixtures/${name}`;

export interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

export async function nps(args: string[], options: { input?: string | Buffer; env?: Record<string, string> } = {}): Promise<Run> {
  const result = await execa('node', [BIN, ...args], {
    reject: false,
    cwd: ROOT,
    extendEnv: false,
    env: { PATH: process.env.PATH ?? '', NO_COLOR: '1', TZ: 'UTC', ...options.env },
    ...(options.input === undefined ? { stdin: 'ignore' as const } : { input: options.input }),
    stripFinalNewline: false,
  });
  return { exitCode: result.exitCode ?? -1, stdout: String(result.stdout), stderr: String(result.stderr) };
}

/** `nps score … --format json`, parsed; fails the test when the exit code is not 0. */
export async function scoreJson(args: string[], options: Parameters<typeof nps>[1] = {}): Promise<ScoreJson> {
  const run = await nps(['score', ...args, '--format', 'json'], options);
  if (run.exitCode !== 0) throw new Error(`exit ${run.exitCode}: ${run.stderr}`);
  return JSON.parse(run.stdout) as ScoreJson;
}

export interface StatsJson {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  nps: number;
  marginOfError: number;
  promoterShare: number;
  passiveShare: number;
  detractorShare: number;
  interval: [number, number] | null;
  distribution: number[];
}
export interface ScoreJson {
  overall: StatsJson;
  groups: (StatsJson & { key: Record<string, string> })[];
  skipped: Record<string, number>;
}

/** "key1|key2 → P/A/D" per group: compact expectations for tests. */
export function groupCounts(json: ScoreJson): Record<string, string> {
  return Object.fromEntries(
    json.groups.map((g) => [Object.values(g.key).join('|'), `${g.promoters}/${g.passives}/${g.detractors}`]),
  );
}
