// Messages with levels: note, warning, error; -q hides notes and progress, never warnings or errors.

import { describe, expect, it } from 'vitest';
import { colorChoiceOf, hushed, paintLevels } from '../../src/pipeline/messages.js';
import { fakeIo } from '../support/fake-io.js';
import { fixture, nps } from '../e2e/run-nps.js';

describe('levels', () => {
  it('what detection chose and the rows skipped are notes; a 1–11 coding is a warning', async () => {
    const run = await nps(['score', 'fixtures/qualtrics-1-11.csv', '--format', 'json']);
    const lines = run.stderr.trim().split('\n');
    expect(lines.map((line) => line.split(':').slice(0, 2).join(':'))).toEqual(['nps: note', 'nps: note', 'nps: warning']);
    expect(lines[1]).toBe('nps: note: fixtures/qualtrics-1-11.csv: skipped 3 rows with a score that is not a whole number 0–10: all "11" (rows 2, 4, 9)');
    expect(lines[2]).toMatch(/^nps: warning: fixtures\/qualtrics-1-11\.csv: column .* looks coded 1–11/);
  });

  it('an error and a failed gate are errors', async () => {
    expect((await nps(['score', 'fixtures/nope.csv'])).stderr).toMatch(/^nps: error: fixtures\/nope\.csv: no such file/);
    const gate = await nps(['score', fixture('example.csv'), '--min', '90']);
    expect(gate.exitCode).toBe(1);
    expect(gate.stderr.trim().split('\n').at(-1)).toBe('nps: error: NPS +32.5 is below the minimum 90 (--min)');
  });
});

describe('-q/--quiet', () => {
  it('hides the notes; warnings, errors and the answer stay', async () => {
    const loud = await nps(['score', 'fixtures/qualtrics-1-11.csv']);
    for (const flag of ['-q', '--quiet']) {
      const quiet = await nps(['score', 'fixtures/qualtrics-1-11.csv', flag]);
      expect(quiet.stdout).toBe(loud.stdout);
      expect(quiet.stderr).toBe(loud.stderr.split('\n').filter((line) => !line.startsWith('nps: note:')).join('\n'));
      expect(quiet.stderr).toMatch(/^nps: warning: .* looks coded 1–11/);
    }
    const gate = await nps(['score', fixture('example.csv'), '-q', '--min', '90']);
    expect([gate.exitCode, gate.stderr]).toEqual([1, 'nps: error: NPS +32.5 is below the minimum 90 (--min)\n']);
    expect((await nps(['score', 'fixtures/nope.csv', '-q'])).stderr).toMatch(/^nps: error: /);
  });

  it('every command takes it, and its notes go', async () => {
    for (const command of ['score', 'trend', 'drivers', 'comments', 'list', 'inspect']) {
      const args = [command, fixture('example.csv'), ...({ drivers: ['--by', 'channel'], list: ['--detractors'] }[command] ?? [])];
      // inspect says what it sees on stdout.
      if (command !== 'inspect') expect((await nps(args)).stderr).toMatch(/^nps: note: /);
      const run = await nps([...args, '-q']);
      expect([command, run.exitCode, run.stderr]).toEqual([command, 0, '']);
    }
    expect((await nps(['plan', '--margin', '5', '-q'])).exitCode).toBe(0);
  });

  it('takes the progress line away too', () => {
    const statuses: string[] = [];
    const io = { ...fakeIo(), status: (line: string) => void statuses.push(line), stderrColumns: 80 };
    const quiet = hushed(io);
    expect(quiet.status).toBeUndefined();
    quiet.say('nps: note: x');
    quiet.say('nps: warning: y');
    expect(io.warnings).toEqual(['nps: warning: y']);
  });
});

describe('level colours on a terminal', () => {
  it('warning yellow, error red, each closed on its line; notes and other lines plain', () => {
    const text = 'nps: note: a\nnps: warning: b\nnps: error: c\n  how to fix\nnps: 5 MB of 10 MB\n';
    expect(paintLevels(text, true)).toBe('nps: note: a\nnps: \u001b[33mwarning:\u001b[39m b\nnps: \u001b[31merror:\u001b[39m c\n  how to fix\nnps: 5 MB of 10 MB\n');
    expect(paintLevels(text, false)).toBe(text);
  });

  it('--no-color and --color as typed decide for stderr too (the last one wins)', () => {
    expect(colorChoiceOf(['score', 'x.csv'])).toBe('auto');
    expect(colorChoiceOf(['score', 'x.csv', '--no-color'])).toBe('never');
    expect(colorChoiceOf(['score', '--color', 'always', 'x.csv'])).toBe('always');
    expect(colorChoiceOf(['score', '--color=never'])).toBe('never');
    expect(colorChoiceOf(['score', '--no-color', '--color', 'always'])).toBe('always');
    expect(colorChoiceOf(['score', '--', '--no-color'])).toBe('auto');
  });
});
