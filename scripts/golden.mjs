// The golden set (issue 15): stdout, stderr and exit code of every command on every fixture and
// public file, with the flags the README's examples use, run through the built CLI. Recorded
// before a change that must not change behaviour, and checked after it:
//
//   node scripts/golden.mjs record     writes test/golden/golden.json
//   node scripts/golden.mjs check      runs again and lists every run whose output differs
//
// Each run keeps the exit code, the sha256 and length of stdout and stderr, and the text itself
// when it is short (so that a difference can be read, not only seen).

import { execFile } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const BIN = join(ROOT, 'bin/nps.cjs');
const GOLDEN = join(ROOT, 'test/golden/golden.json');
const PUBLIC = join(ROOT, '../shared/data/public');
const KEEP_TEXT = 4000;

const DATA = /\.(csv|tsv|txt|xlsx|xls|ods|fods)$/;
const files = [
  ...readdirSync(join(ROOT, 'fixtures')).filter((f) => DATA.test(f)).sort().map((f) => `fixtures/${f}`),
  ...(existsSync(PUBLIC) ? readdirSync(PUBLIC).filter((f) => DATA.test(f)).sort().map((f) => `../shared/data/public/${f}`) : []),
];

/** Every command on every file, then the README's own examples. */
function runs() {
  const list = [];
  for (const file of files) {
    list.push(
      ['inspect', file],
      ['inspect', file, '--format', 'json'],
      ['score', file],
      ['score', file, '--format', 'json'],
      ['score', file, '--format', 'csv'],
      ['score', file, '--format', 'markdown', '--distribution'],
      ['score', file, '--period', 'month', '--format', 'json'],
      ['score', file, '--metric', 'nps,csat,ces', '--format', 'json'],
      ['score', file, '--min', '30', '--max-drop', '5', '--period', 'month'],
      ['trend', file],
      ['trend', file, '--format', 'csv', '--rolling', '3'],
      ['comments', file, '--format', 'json'],
      ['list', file, '--detractors', '--format', 'csv'],
      ['list', file, '--promoters', '--passives'],
      ['compare', file, '--split', '2025-02-01', '--format', 'json'],
    );
  }
  const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
  for (const match of readme.matchAll(/^\$ nps (.+)$/gm)) list.push(match[1].trim().split(/\s+/));
  // The --by runs need a column of each file: the README's files, with their columns.
  list.push(
    ['score', 'fixtures/example.csv', '--by', 'channel', '--format', 'json'],
    ['score', 'fixtures/example.csv', '--by', 'channel', '--by', 'agent', '--sort', 'shrunk', '--top', '3'],
    ['trend', 'fixtures/example.csv', '--by', 'channel', '--period', 'quarter'],
    ['drivers', 'fixtures/example.csv', '--by', 'channel', '--by', 'agent', '--format', 'json'],
    ['drivers', 'fixtures/drivers-small.csv', '--by', 'team', '--by', 'channel', '--format', 'csv'],
    ['compare', 'fixtures/example.csv', '--by', 'channel', '--a', 'phone', '--b', 'email'],
    ['compare', 'fixtures/compare-before.csv', 'fixtures/compare-after.csv', '--format', 'markdown'],
    ['score', 'fixtures/example.csv', '--where', 'channel=nothing', '--min', '10'],
    ['score', 'fixtures/cx-metrics.csv', '--metric', 'csat', '--by', 'agent', '--min', '80'],
    ['trend', 'fixtures/cx-metrics.csv', '--metric', 'ces', '--format', 'json'],
    ['plan', '--n', '100', '--alpha', '0.01', '--power', '0.9', '--format', 'json'],
    ['score', 'fixtures/example.csv', '--config', 'fixtures/nps.config.json'],
    // Settings from the config file, as each command sees them, and where messages say they came from.
    ['score', 'fixtures/qualtrics-three-header-rows.csv', '--config', 'fixtures/nps.config.json', '--format', 'json'],
    ['trend', 'fixtures/qualtrics-three-header-rows.csv', '--config', 'fixtures/nps.config.json'],
    ['list', 'fixtures/qualtrics-three-header-rows.csv', '--config', 'fixtures/nps.config.json', '--detractors', '--format', 'csv'],
    ['comments', 'fixtures/qualtrics-three-header-rows.csv', '--config', 'fixtures/nps.config.json', '--format', 'json'],
    ['inspect', 'fixtures/qualtrics-three-header-rows.csv', '--config', 'fixtures/nps.config.json', '--format', 'json'],
    ['score', 'fixtures/example.csv', '--config', 'fixtures/nps.config.json', '--by', 'nothing'],
    // Every command's help.
    ['--help'],
    ...['score', 'trend', 'compare', 'drivers', 'comments', 'list', 'plan', 'inspect'].map((command) => [command, '--help']),
  );
  return list;
}

const hash = (text) => createHash('sha256').update(text).digest('hex');

function run(args) {
  return new Promise((resolve) => {
    execFile(
      'node',
      [BIN, ...args],
      { cwd: ROOT, env: { PATH: process.env.PATH, NO_COLOR: '1', TZ: 'UTC', COLUMNS: '100' }, maxBuffer: 1 << 30, encoding: 'utf8' },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({
          args: args.join(' '),
          code,
          stdout: { sha256: hash(stdout), length: stdout.length, ...(stdout.length <= KEEP_TEXT ? { text: stdout } : {}) },
          stderr: { sha256: hash(stderr), length: stderr.length, ...(stderr.length <= KEEP_TEXT ? { text: stderr } : {}) },
        });
      },
    );
  });
}

/** Runs two at a time (this machine has two cores), in the list's order. */
async function runAll(list) {
  const results = new Array(list.length);
  let next = 0;
  const worker = async () => {
    while (next < list.length) {
      const i = next++;
      results[i] = await run(list[i]);
    }
  };
  await Promise.all([worker(), worker()]);
  return results;
}

const mode = process.argv[2];
if (mode === 'record') {
  const results = await runAll(runs());
  mkdirSync(dirname(GOLDEN), { recursive: true });
  writeFileSync(GOLDEN, `${JSON.stringify(results, null, 1)}\n`);
  console.log(`${results.length} runs recorded in ${GOLDEN}`);
} else if (mode === 'check') {
  const golden = new Map(JSON.parse(readFileSync(GOLDEN, 'utf8')).map((r) => [r.args, r]));
  const results = await runAll(runs());
  let differ = 0;
  for (const result of results) {
    const before = golden.get(result.args);
    if (!before) {
      console.log(`new: nps ${result.args}`);
      continue;
    }
    const parts = ['code', 'stdout', 'stderr'].filter((part) => JSON.stringify(part === 'code' ? result.code : result[part].sha256) !== JSON.stringify(part === 'code' ? before.code : before[part].sha256));
    if (parts.length > 0) {
      differ++;
      console.log(`differs (${parts.join(', ')}): nps ${result.args}`);
      for (const part of parts.filter((p) => p !== 'code')) {
        if (before[part].text !== undefined && result[part].text !== undefined) console.log(`  before: ${JSON.stringify(before[part].text)}\n  after:  ${JSON.stringify(result[part].text)}`);
      }
      if (parts.includes('code')) console.log(`  exit ${before.code} → ${result.code}`);
    }
  }
  console.log(`${results.length} runs, ${differ} differ`);
  process.exitCode = differ > 0 ? 1 : 0;
} else {
  console.error('usage: node scripts/golden.mjs record|check');
  process.exitCode = 2;
}
