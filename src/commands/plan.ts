// `nps plan`: before a survey or a gate, how many answers a margin of error needs (--margin),
// and what difference two groups of given sizes can show (--n, --n-b). No file is read.

import { z } from 'zod/v3';
import { answersForMargin, answerVariance, assumedMix, detectableDifference, type Mix } from '../core/plan.js';
import { usageError } from '../core/errors.js';
import type { Outcome } from '../pipeline/io.js';
import { choice, numberFlag, parseOptions } from '../pipeline/options.js';
import { PLAN_FORMATS, renderPlan, type PlanReport } from '../render/plan.js';

/** "50/30/20": promoters, passives and detractors in percent, adding up to 100. */
function parseMix(text: string): Mix {
  const parts = text.split('/').map((part) => Number(part.trim().replace(/%$/, '')));
  const [p, a, d] = parts;
  if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x) || x < 0) || p === undefined || a === undefined || d === undefined || Math.abs(p + a + d - 100) > 0.5) {
    throw usageError(`--mix ${JSON.stringify(text)} is not promoters/passives/detractors in percent adding up to 100, such as 50/30/20`);
  }
  return { promoters: p / 100, passives: a / 100, detractors: d / 100 };
}

const answers = (flag: string) =>
  z.string().regex(/^[1-9]\d*$/, { message: `${flag} takes a whole number of answers, at least 1` }).transform(Number);

const PlanFlags = z.object({
  margin: numberFlag('--margin', 0.1, 200).optional(),
  expectNps: numberFlag('--expect-nps', -100, 100).optional(),
  mix: z.string().transform(parseMix).optional(),
  n: answers('--n').optional(),
  nB: answers('--n-b').optional(),
  alpha: numberFlag('--alpha', 0.000001, 0.5).default('0.05'),
  power: numberFlag('--power', 0.5, 0.9999).default('0.8'),
  format: choice('--format', PLAN_FORMATS).default('table'),
});
export type PlanFlags = z.input<typeof PlanFlags>;

/** A plan reads no file and needs nothing from the Io. */
export async function planCommand(_args: unknown, rawFlags: PlanFlags): Promise<Outcome & { report: PlanReport }> {
  const flags = parseOptions(PlanFlags, rawFlags);
  if (flags.nB !== undefined && flags.n === undefined) throw usageError('--n-b is the second group beside --n', 'e.g. nps plan --n 200 --n-b 300');
  if (flags.margin === undefined && flags.n === undefined) {
    throw usageError('nps plan needs --margin POINTS (answers for a margin of error) or --n ANSWERS (what two groups can show)', 'e.g. nps plan --margin 5 --mix 50/30/20 · nps plan --n 200 --n-b 300');
  }
  if (flags.mix && flags.expectNps !== undefined) throw usageError('give --mix or --expect-nps, not both', 'A mix states the NPS too: 50/30/20 is NPS +30.');
  const { mix, assumption } = assumedMix(flags.mix, flags.expectNps);
  const variance = answerVariance(mix);
  const report: PlanReport = {
    alpha: flags.alpha,
    power: flags.power,
    assumption,
    mix,
    variance,
    expectedNps: flags.expectNps ?? null,
    margin: flags.margin === undefined ? null : { points: flags.margin, answers: answersForMargin(flags.margin, variance, flags.alpha) },
    comparison: flags.n === undefined ? null : { a: flags.n, b: flags.nB ?? flags.n, ...detectableDifference(flags.n, flags.nB ?? flags.n, variance, flags.alpha, flags.power) },
  };
  return { report, stdout: renderPlan(report, flags.format), gateFailures: [] };
}
