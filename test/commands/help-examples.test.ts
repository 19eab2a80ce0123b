// Every example that a --help shows runs as written, on the fixtures (issue 15, item 4): the
// file names of the examples stand for fixtures with the columns they use.

import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EXAMPLES, runCli } from '../../src/cli.js';
import { nps, ROOT } from '../e2e/run-nps.js';
import { fakeIo } from '../support/fake-io.js';

const FILES: Record<string, string> = {
  'export.csv': `${ROOT}fixtures/example.csv`,
  'export.xlsx': `${ROOT}fixtures/multi-sheet.xlsx`,
  'before.csv': `${ROOT}fixtures/compare-before.csv`,
  'after.csv': `${ROOT}fixtures/compare-after.csv`,
  'themes.json': `${ROOT}fixtures/themes-example.json`,
};
/** Files the examples write (-o, >): into a folder of their own. */
const OUT = mkdtempSync(join(tmpdir(), 'nps-examples-'));

/** An example's words (its comment dropped), the file it reads from standard input, and where its stdout goes. */
function parse(example: string): { args: string[]; input: string | undefined; output: string | undefined } {
  // "source <(nps completion bash)": the nps part.
  const command = /(?:^|<\()(nps [^)#|]*)/.exec(example)?.[1] ?? example;
  const words = command.trim().split(/\s+/).slice(1);
  const redirect = (mark: string): string | undefined => {
    const at = words.indexOf(mark);
    if (at < 0) return undefined;
    const [target] = words.splice(at, 2).slice(1);
    return target;
  };
  const input = redirect('<');
  const output = redirect('>');
  // "channel=phone", "response_id,agent,comment": only whole words are file names.
  const args = words.map((word, i) => FILES[word] ?? (words[i - 1] === '-o' ? join(OUT, word) : word.replace(/^"|"$/g, '')));
  return { args, input: input === undefined ? undefined : (FILES[input] ?? input), output };
}

describe('--help examples', () => {
  const all = Object.entries(EXAMPLES).flatMap(([command, examples]) => examples.map((example) => [command, example] as const));

  it.each(all)('%s: %s', async (_command, example) => {
    const { args, input, output } = parse(example);
    const run = await nps(args, input === undefined ? {} : { input: readFileSync(input) });
    // 0; a gate (--min, --max-drop) may exit 1 on this file, and then says why.
    const gate = /--min |--max-drop /.test(example);
    expect(gate ? [0, 1] : [0], `${example}\n${run.stderr}`).toContain(run.exitCode);
    if (run.exitCode === 1) expect(run.stderr, example).toMatch(/below the minimum|fell/);
    // -o FILE: the result is in the file, not on stdout.
    const written = args.includes('-o') ? readFileSync(args[args.indexOf('-o') + 1] as string, 'utf8') : run.stdout;
    expect(written.length, example).toBeGreaterThan(0);
    if (output !== undefined) expect(written.split('\n')[0], example).toMatch(/,/);
  });

  it('each command lists 3–5 examples after its flags, and the top level points to the README', async () => {
    const cwd = mkdtempSync(join(tmpdir(), 'nps-help-'));
    for (const command of Object.keys(EXAMPLES)) {
      const help = (await runCli(command === 'nps' ? ['--help'] : [command, '--help'], { ...fakeIo(), cwd })).stdout;
      const tail = help.slice(help.indexOf('\nExamples:\n'));
      expect(help.indexOf('\nExamples:\n'), command).toBeGreaterThan(help.indexOf('Options:'));
      const listed = tail.split('\n').filter((line) => /^ {2}(nps |source <\(nps )/.test(line));
      expect(listed.length, command).toBeGreaterThanOrEqual(3);
      expect(listed.length, command).toBeLessThanOrEqual(5);
      if (command === 'nps') expect(help).toContain('README');
    }
  });
});
