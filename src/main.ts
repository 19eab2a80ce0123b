// The one exit point: the only file that touches process (argv, streams, env, exit code).

import { runCli } from './cli.js';
import { EXIT, NpsError } from './errors.js';

const debug = process.argv.includes('--debug');

function fail(error: unknown): void {
  if (error instanceof NpsError) {
    process.stderr.write(`nps: ${error.message}\n`);
    if (error.hint) process.stderr.write(`  ${error.hint}\n`);
    if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
    process.exitCode = EXIT[error.kind];
    return;
  }
  const message = error instanceof Error ? error.message : String(error);
  process.stderr.write(`nps: internal error: ${message}\n`);
  if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
  else process.stderr.write('  Run again with --debug for details, and please report it.\n');
  process.exitCode = 70;
}

// A reader that goes away (`nps … | head -1`) is not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(EXIT.ok);
  throw error;
});
process.on('SIGINT', () => process.exit(EXIT.interrupted));

async function main(): Promise<void> {
  const outcome = await runCli(process.argv.slice(2), {
    // A getter: touching process.stdin sets the stream up (~4 ms), which only `-` needs.
    get stdin() {
      return process.stdin;
    },
    cwd: process.cwd(),
    env: process.env,
    stdoutIsTTY: Boolean(process.stdout.isTTY),
    stdoutColumns: process.stdout.isTTY ? process.stdout.columns : undefined,
    warn: (line) => process.stderr.write(`${line}\n`),
    // Progress only on a terminal, never in pipes or CI.
    status: process.stderr.isTTY && !process.env.CI ? (line) => process.stderr.write(`\r\u001b[K${line}`) : undefined,
  });
  if (outcome.stdout) process.stdout.write(outcome.stdout);
  for (const line of outcome.gateFailures) process.stderr.write(`${line}\n`);
  process.exitCode = outcome.gateFailures.length > 0 ? EXIT.gate : EXIT.ok;
}

// Not a top-level await: the bundle is a CommonJS file (scripts/build.mjs).
main().catch(fail);
