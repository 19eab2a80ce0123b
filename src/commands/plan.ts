// `nps plan`: before a survey or a gate, how many answers a margin of error needs (--margin),
// and what difference two groups of given sizes can show (--n, --n-b). No file is read.

import type { z } from 'zod/v3';
import { answersForMargin, answerVariance, assumedMix, detectableDifference } from '../core/plan.js';
import { usageError } from '../core/errors.js';
import type { Outcome } from '../pipeline/io.js';
import { parseOptions } from '../pipeline/options.js';
import { renderPlan, type PlanReport } from '../render/plan.js';
import { OWN, schemaOf } from '../pipeline/flags.js';

const PlanFlags = schemaOf(OWN.plan);
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
