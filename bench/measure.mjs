// How the bench measures a run: wall time and the kernel's peak resident size (VmHWM), polled
// every 10 ms until the process exits. `input`: a file given on standard input, as the file
// itself (`< file`) or, with `pipe`, through a pipe from `cat` (`cat file | …`).
import { execFileSync, spawn } from 'node:child_process';
import { closeSync, openSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';

export function measure(command, args, input) {
  return new Promise((resolve, reject) => {
    const started = process.hrtime.bigint();
    // The pipe goes from cat to the run, as a shell makes it: the bench passes no bytes itself.
    // A named pipe, not spawn's own: Node makes a child's piped stdio a socket, which a reader
    // such as DuckDB's does not take for a pipe (nor is it what a shell's `|` gives).
    const stdin = !input ? 'ignore' : input.pipe ? catIntoPipe(input.path) : openSync(input.path, 'r');
    const child = spawn(command, args, { stdio: [stdin, 'pipe', 'pipe'] });
    if (typeof stdin === 'number') closeSync(stdin);
    const stdout = [];
    let stderr = '';
    let peak = 0;
    child.stdout.on('data', (d) => stdout.push(d));
    child.stderr.on('data', (d) => (stderr += d));
    const poll = setInterval(() => {
      try {
        const status = readFileSync(`/proc/${child.pid}/status`, 'utf8');
        const kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
        peak = Math.max(peak, kb);
      } catch {
        // gone
      }
    }, 10);
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(poll);
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      if (code !== 0) reject(new Error(`${command} ${args.join(' ')} exited ${code}: ${stderr}`));
      else resolve({ seconds, peakMb: peak / 1024, stdout: Buffer.concat(stdout).toString() });
    });
  });
}

/** A read end of a pipe that `cat` writes `path` into (the pipe's name is gone once both ends are open). */
function catIntoPipe(path) {
  const fifo = `${tmpdir()}/nps-bench-${process.pid}.fifo`;
  rmSync(fifo, { force: true });
  execFileSync('mkfifo', [fifo]);
  spawn('sh', ['-c', 'exec cat "$0" > "$1"', path, fifo], { stdio: ['ignore', 'ignore', 'inherit'] });
  // Opening the read end waits for cat to open the write end.
  const fd = openSync(fifo, 'r');
  rmSync(fifo);
  return fd;
}

export const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** The median time and the largest peak of `times` runs. */
export async function repeatRuns(command, args, times, input) {
  const results = [];
  for (let i = 0; i < times; i++) results.push(await measure(command, args, input));
  return { seconds: median(results.map((r) => r.seconds)), peakMb: Math.max(...results.map((r) => r.peakMb)), stdout: results[0].stdout };
}
