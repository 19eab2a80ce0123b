// Runs nps the way a user does, in-process where that gives what a process gives, else the built
// CLI (bin/nps.cjs → dist/nps.cjs), with a pinned environment.

import { execa } from 'execa';
import { Readable } from 'node:stream';
import { runCli } from '../../src/cli.js';
import { failed, finished, stderrLine } from '../../src/pipeline/ending.js';
import type { Io } from '../../src/pipeline/io.js';
import { stdoutOf } from '../support/fake-io.js';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../../', import.meta.url));
export const BIN = `${ROOT}bin/nps.cjs`;
export const fixture = (name: string): string => `${ROOT}fixtures/${name}`;

export interface Run {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** Environment variables a run in-process honours as the process would (everything here reads io.env). */
const IN_PROCESS_ENV = new Set(['NO_COLOR', 'FORCE_COLOR', 'COLUMNS', 'TZ', 'NPS_XLSX_STREAM_BYTES', 'NPS_XLSX_THREAD_BYTES', 'NPS_PARALLEL_BYTES', 'NPS_PART_BYTES', 'NPS_SPILL_BYTES']);

/**
 * A run of nps. In-process through runCli with an Io that keeps stdout and stderr, ending as
 * main.ts ends a run (pipeline/ending.ts): the same text and exit code, without a process to
 * start; threads too (their worker is the built one). Spawned (the built CLI) only for what a
 * process shows: --debug's source-mapped stacks, Node's own options, or when asked (`spawn: true`).
 */
export async function nps(args: string[], options: { input?: string | Buffer; env?: Record<string, string>; spawn?: boolean; cwd?: string; stdinFile?: string } = {}): Promise<Run> {
  const env = options.env ?? {};
  const inProcess = !options.spawn && !args.includes('--debug') && Object.keys(env).every((key) => IN_PROCESS_ENV.has(key));
  if (!inProcess) {
    if (options.stdinFile !== undefined) throw new Error('stdinFile is for runs in-process (a process is given the file itself)');
    return spawned(args, options);
  }
  let stderr = '';
  const { stdinFile } = options;
  const io: Io = {
    // In reads of 64 KiB, as a pipe delivers them; with `stdinFile` (`- < file`), that file's path, and a stream that fails if read.
    stdin: stdinFile === undefined ? Readable.from(pipeReads(options.input === undefined ? Buffer.alloc(0) : Buffer.from(options.input))) : unreadable(),
    stdinFile: stdinFile === undefined ? undefined : () => stdinFile,
    // Where nps.config.json is looked for (files are named by absolute paths in such tests).
    cwd: options.cwd ?? ROOT,
    env: { NO_COLOR: '1', TZ: 'UTC', ...env },
    stdoutIsTTY: false,
    say: (line) => {
      stderr += stderrLine(line);
    },
  };
  try {
    const outcome = await runCli(args, io);
    const end = finished(outcome);
    const stdout = await stdoutOf(outcome);
    return { exitCode: end.code, stdout, stderr: stderr + end.stderr };
  } catch (error) {
    const end = failed(error, false);
    return { exitCode: end.code, stdout: '', stderr: stderr + end.stderr };
  }
}

/** Standard input that must not be streamed: it is a file, read through its path. */
function unreadable(): Readable {
  return new Readable({
    read() {
      this.destroy(new Error('standard input was streamed, not read as the file it is'));
    },
  });
}

function* pipeReads(bytes: Buffer): Generator<Buffer> {
  for (let at = 0; at < bytes.length; at += 65_536) yield bytes.subarray(at, at + 65_536);
}

/** The built CLI in a process of its own, with a pinned environment. */
export async function spawned(args: string[], options: { input?: string | Buffer; env?: Record<string, string>; cwd?: string } = {}): Promise<Run> {
  const result = await execa('node', [BIN, ...args], {
    reject: false,
    cwd: options.cwd ?? ROOT,
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
