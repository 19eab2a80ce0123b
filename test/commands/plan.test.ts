// nps plan in-process through runCli with a fake Io (the arithmetic is checked in test/core/plan.test.ts).

import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { NpsError } from '../../src/core/errors.js';
import { fakeIo } from '../support/fake-io.js';

const run = async (...argv: string[]): Promise<string> => (await runCli(['plan', ...argv], fakeIo())).stdout;

describe('nps plan', () => {
  it('--margin: the answers a margin needs, with what was assumed', async () => {
    expect(await run('--margin', '5')).toBe(
      'A 95% margin of error of ±5.0 points needs 1,534 answers.\nassuming the widest spread (half promoters, half detractors); --mix or --expect-nps narrows it\n',
    );
    expect(await run('--margin', '5', '--mix', '50/30/20')).toContain('needs 935 answers');
  });

  it('--n and --n-b: the difference two groups can show', async () => {
    const out = await run('--n', '200', '--n-b', '300', '--expect-nps', '30');
    expect(out).toContain('Two groups of 200 and 300 answers: a true difference of 24.2 points is found significant 80% of the time (95%, two-sided); an observed difference under 17.0 points is never significant.');
    expect(out).toContain('assuming NPS 30 with no passives (65% promoters, 0% passives, 35% detractors)');
    const json = JSON.parse(await run('--n', '200', '--format', 'json'));
    expect(json.comparison).toMatchObject({ a: 200, b: 200 });
    expect(json.comparison.detectable).toBeCloseTo(27.808068, 5);
    expect((await run('--margin', '5', '--n', '100', '--format', 'csv')).split('\r\n')[0]).toBe('alpha,power,assumption,promoters,passives,detractors,variance,margin,answers,a,b,detectable,significantFrom');
  });

  it.each([
    [[], 'nps plan needs --margin POINTS'],
    [['--n-b', '3'], '--n-b is the second group beside --n'],
    [['--margin', '5', '--mix', '50/30/10'], 'is not promoters/passives/detractors in percent adding up to 100'],
    [['--margin', '5', '--mix', '50/30/20', '--expect-nps', '30'], 'give --mix or --expect-nps, not both'],
    [['--n', '0'], '--n takes a whole number of answers, at least 1'],
  ])('usage errors: %j', async (argv, message) => {
    const error = await runCli(['plan', ...argv], fakeIo()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NpsError);
    expect((error as NpsError).kind).toBe('usage');
    expect((error as NpsError).message).toContain(message);
  });
});
