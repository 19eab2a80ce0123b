// Every sample run the README shows (a code block line `$ nps …` and the lines under it) is what
// a real run prints today: stderr's notes, then stdout. A line "…" stands for lines left out.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nps, ROOT } from './run-nps.js';

interface Sample {
  args: string[];
  lines: string[];
}

function samples(): Sample[] {
  const readme = readFileSync(`${ROOT}README.md`, 'utf8');
  const found: Sample[] = [];
  for (const block of readme.matchAll(/^```[a-z]*\n([\s\S]*?)^```$/gm)) {
    let current: Sample | null = null;
    for (const line of (block[1] as string).split('\n')) {
      if (line.startsWith('$ nps ')) {
        current = { args: line.slice('$ nps '.length).trim().split(/\s+/), lines: [] };
        found.push(current);
      } else if (line.startsWith('$ ')) current = null;
      else current?.lines.push(line);
    }
  }
  for (const sample of found) while (sample.lines.at(-1) === '') sample.lines.pop();
  return found;
}

/** Whether `expected` (with "…" for any lines) is `actual`, line for line. */
function matches(expected: readonly string[], actual: readonly string[]): boolean {
  const parts: string[][] = [[]];
  for (const line of expected) {
    if (line === '…') parts.push([]);
    else parts.at(-1)?.push(line);
  }
  if (parts.length === 1) return expected.length === actual.length && expected.every((line, i) => line === actual[i]);
  let at = 0;
  for (const [i, part] of parts.entries()) {
    if (part.length === 0) continue;
    const start = i === 0 ? (actual.slice(0, part.length).join('\n') === part.join('\n') ? 0 : -1) : findRun(actual, part, at);
    if (start < 0) return false;
    at = start + part.length;
  }
  return parts.at(-1)?.length === 0 || at === actual.length;
}

function findRun(actual: readonly string[], run: readonly string[], from: number): number {
  for (let i = from; i + run.length <= actual.length; i++) if (run.every((line, k) => actual[i + k] === line)) return i;
  return -1;
}

describe("the README's sample runs", () => {
  const all = samples();

  it('there are samples of every command', () => {
    const commands = new Set(all.map((s) => s.args[0]));
    for (const command of ['score', 'compare', 'plan', 'drivers', 'comments', 'inspect']) expect(commands, command).toContain(command);
  });

  it.each(all.map((s) => [s.args.join(' '), s] as const))('nps %s', async (_name, sample) => {
    const run = await nps(sample.args);
    const actual = `${run.stderr}${run.stdout}`.replace(/\n$/, '').split('\n');
    expect(matches(sample.lines, actual), `README shows:\n${sample.lines.join('\n')}\n\nthe run prints:\n${actual.join('\n')}`).toBe(true);
  });
});
