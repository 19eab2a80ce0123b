// Issue 16, item 6: --help grouped and only with flags that do something there; -o/--output
// written whole or not at all; --no-color; `nps completion bash|zsh|fish`.

import { execa } from 'execa';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { NpsError } from '../../src/core/errors.js';
import { writeOutput } from '../../src/pipeline/output-file.js';
import { BIN, nps, ROOT } from '../e2e/run-nps.js';
import { fakeIo, stdoutOf } from '../support/fake-io.js';

const EXAMPLE = `${ROOT}fixtures/example.csv`;
const help = async (command: string): Promise<string> => (await runCli([command, '--help'], fakeIo())).stdout;
/** The headings of a help text and the flags under each. */
function sections(text: string): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  let heading = '';
  for (const line of text.split('\n')) {
    if (/^[A-Z][^:]*:$/.test(line)) out[(heading = line)] = [];
    else if (heading && /^ {2}-/.test(line)) out[heading]?.push((/--[a-z-]+/.exec(line) ?? [''])[0]);
  }
  return out;
}

describe('--help groups its flags', () => {
  it('score: its own, then choosing answers, metrics, gates, statistics, output, reading the file', async () => {
    const groups = sections(await help('score'));
    expect(Object.keys(groups)).toEqual(['Arguments:', 'Options:', 'Choosing answers:', 'Metrics:', 'Gates (exit 1 when one fails):', 'Statistics:', 'Output:', 'Reading the file:', 'Examples:']);
    expect(groups['Options:']).toEqual(['--by', '--period', '--distribution', '--sort', '--top', '--limit', '--help']);
    expect(groups['Gates (exit 1 when one fails):']).toEqual(['--min', '--min-group', '--min-responses', '--max-drop']);
    expect(groups['Output:']).toEqual(['--format', '--output', '--raw', '--color', '--no-color', '--quiet']);
  });

  it('lists only flags that do something there', async () => {
    const list = await help('list');
    for (const flag of ['--alpha', '--interval', '--metric', '--benchmark', '--min ']) expect(list, `list ${flag}`).not.toContain(flag);
    for (const command of ['compare', 'drivers']) {
      const text = await help(command);
      expect(text, command).not.toContain('--benchmark');
      expect(text, command).toContain('--metric <list>        nps (default), csat or ces: the one metric to measure');
      expect(text, command).not.toContain('(score and trend)');
    }
    // A flag left out is refused, not ignored.
    await expect(runCli(['list', EXAMPLE, '--detractors', '--alpha', '0.1'], fakeIo())).rejects.toThrow(/unknown option '--alpha'/);
    // Every command's flags appear once in its help.
    for (const command of ['score', 'trend', 'compare', 'drivers', 'comments', 'list', 'plan', 'inspect']) {
      const flags = Object.values(sections(await help(command))).flat();
      expect(flags.length, command).toBe(new Set(flags).size);
    }
  });
});

describe('-o/--output FILE', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nps-output-'));
  const io = () => ({ ...fakeIo(), cwd: dir });

  it('writes the result to the file and nothing to stdout, the same bytes stdout would get', async () => {
    const plain = await runCli(['score', EXAMPLE, '--by', 'channel', '--format', 'json'], io());
    const out = await runCli(['score', EXAMPLE, '--by', 'channel', '--format', 'json', '-o', 'score.json'], io());
    expect(out.stdout).toBe('');
    expect(readFileSync(join(dir, 'score.json'), 'utf8')).toBe(await stdoutOf(plain));
    // --output and plan and inspect too.
    await runCli(['plan', '--margin', '5', '--output', 'plan.txt'], io());
    expect(readFileSync(join(dir, 'plan.txt'), 'utf8')).toContain('answers');
    await runCli(['inspect', EXAMPLE, '--format', 'json', '-o', 'inspect.json'], io());
    expect(JSON.parse(readFileSync(join(dir, 'inspect.json'), 'utf8')).rows).toBe(41);
  });

  it('a failed gate still writes the result (exit 1); a run that fails leaves the old file as it was, and no temporary file', async () => {
    const gated = await nps(['score', EXAMPLE, '--min', '99', '-o', join(dir, 'gated.txt')]);
    expect(gated.exitCode).toBe(1);
    expect(readFileSync(join(dir, 'gated.txt'), 'utf8')).toContain('+32.5');
    writeFileSync(join(dir, 'kept.json'), 'the previous result\n');
    const failed = await nps(['score', `${ROOT}fixtures/no-such-file.csv`, '-o', join(dir, 'kept.json')]);
    expect(failed.exitCode).toBe(2);
    expect(readFileSync(join(dir, 'kept.json'), 'utf8')).toBe('the previous result\n');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('pieces are written in order while the next is made; a body that fails midway leaves the old file and no temporary one', async () => {
    // Pieces of unequal sizes, some made only after a pause, so that writes and the making of pieces overlap.
    async function* pieces(fail: boolean): AsyncIterable<string | Uint8Array> {
      for (let i = 0; i < 400; i++) {
        if (i % 37 === 0) await new Promise((resolve) => setTimeout(resolve, 1));
        if (fail && i === 250) throw new NpsError('input', 'the answer failed here');
        yield i % 2 === 0 ? `${i}:${'x'.repeat(i * 50)}\n` : Buffer.from(`${i}\n`);
      }
    }
    const expected = `head\n${Array.from({ length: 400 }, (_, i) => (i % 2 === 0 ? `${i}:${'x'.repeat(i * 50)}\n` : `${i}\n`)).join('')}`;
    await writeOutput('pieces.txt', 'head\n', dir, pieces(false));
    expect(readFileSync(join(dir, 'pieces.txt'), 'utf8')).toBe(expected);
    await expect(writeOutput('pieces.txt', 'other\n', dir, pieces(true))).rejects.toThrow('the answer failed here');
    expect(readFileSync(join(dir, 'pieces.txt'), 'utf8')).toBe(expected);
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('a file that cannot grow while its pieces are written (ulimit -f): exit 74, the old file kept, no temporary file (the built CLI)', async () => {
    const rows = Array.from({ length: 3000 }, (_, i) => `${i},${i % 11}`).join('\n');
    const input = join(dir, 'many-groups.csv');
    writeFileSync(input, `id,score\n${rows}\n`);
    const out = join(dir, 'big.json');
    writeFileSync(out, 'the previous result\n');
    const run = await execa('bash', ['-c', `ulimit -f 1000; exec node "${BIN}" score "${input}" --by id --format json -o "${out}"`], { reject: false, env: { NO_COLOR: '1' } });
    expect(run.exitCode).toBe(74);
    // ~1.9 MB of JSON against 1,000 KB: a write past the first pieces fails.
    expect(run.stderr).toContain(`nps: error: cannot write ${out}: the file is too large`);
    expect(run.stderr).not.toContain('internal error');
    expect(run.stderr).not.toContain('Unhandled');
    expect(readFileSync(out, 'utf8')).toBe('the previous result\n');
    expect(readdirSync(dir).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('a folder that is not there: exit 74 and a message that says so', async () => {
    const run = await nps(['score', EXAMPLE, '-o', join(dir, 'no', 'such', 'folder', 'x.json')]);
    expect(run.exitCode).toBe(74);
    expect(run.stderr).toContain(`cannot write ${join(dir, 'no', 'such', 'folder', 'x.json')}: its folder does not exist`);
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });
});

describe('--no-color', () => {
  it('is --color never: no escapes even when colour is forced', async () => {
    const forced = { ...fakeIo({ FORCE_COLOR: '1' }), env: { FORCE_COLOR: '1' }, stdoutIsTTY: true };
    const coloured = await runCli(['score', EXAMPLE, '--color', 'always'], forced);
    expect(coloured.stdout).toMatch(/\u001b\[/);
    const plain = await runCli(['score', EXAMPLE, '--no-color'], forced);
    expect(plain.stdout).not.toMatch(/\u001b\[/);
    expect(plain.stdout).toBe((await runCli(['score', EXAMPLE, '--color', 'never'], forced)).stdout);
  });
});

describe('nps completion', () => {
  it('bash: completes commands, each command\'s own flags, and the values of a flag in that command', async () => {
    const script = (await runCli(['completion', 'bash'], fakeIo())).stdout;
    const path = join(mkdtempSync(join(tmpdir(), 'nps-completion-')), 'nps.bash');
    writeFileSync(path, script);
    const complete = async (...words: string[]): Promise<string[]> => {
      const shell = `source ${JSON.stringify(path)}; COMP_WORDS=(${words.map((w) => JSON.stringify(w)).join(' ')}); COMP_CWORD=${words.length - 1}; _nps; printf '%s\\n' "\${COMPREPLY[@]}"`;
      return (await execa('bash', ['-c', shell])).stdout.split('\n').filter((line) => line !== '');
    };
    expect(await complete('nps', 'co')).toEqual(['compare', 'comments', 'completion']);
    expect(await complete('nps', 'score', '--per')).toEqual(['--period']);
    expect(await complete('nps', 'list', '--a')).toEqual([]);
    expect(await complete('nps', 'list', '--format', '')).toEqual(['table', 'csv', 'json', 'ndjson']);
    expect(await complete('nps', 'inspect', '--format', '')).toEqual(['table', 'json']);
    expect(await complete('nps', 'trend', '--period', 'q')).toEqual(['quarter']);
    expect(await complete('nps', 'completion', '')).toEqual(['bash', 'zsh', 'fish']);
  });

  it('zsh loads the bash functions; fish gets a line per command and flag', async () => {
    const zsh = (await runCli(['completion', 'zsh'], fakeIo())).stdout;
    expect(zsh.split('\n')[0]).toBe('#compdef nps');
    expect(zsh).toContain('bashcompinit');
    expect(zsh).toContain('complete -o filenames -F _nps nps');
    const fish = (await runCli(['completion', 'fish'], fakeIo())).stdout.split('\n');
    expect(fish).toContain("complete -c nps -n '__fish_seen_subcommand_from score' -l period -x -a 'day week month quarter year' -d 'group by the date column: day, week, month, quarter, year'");
    expect(fish).toContain("complete -c nps -n '__fish_seen_subcommand_from list' -l format -x -a 'table csv json ndjson' -d 'table, csv, json or ndjson'");
    expect(fish.filter((line) => line.includes("from list'") && line.includes('-l alpha'))).toEqual([]);
    expect(fish.some((line) => line.includes("from score'") && line.includes('-l output -s o -r'))).toBe(true);
  });

  it('another shell is a usage error', async () => {
    const run = await nps(['completion', 'tcsh']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('the shells are bash, zsh, fish');
  });
});
