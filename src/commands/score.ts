// `nps score FILE`: NPS overall and per group/period, rendered as table, JSON, CSV or Markdown.

import { z } from 'zod/v3';
import { colorLevel, paletteFor } from '../color.js';
import type { Io, Outcome } from '../io.js';
import { choice, parseOptions } from '../options.js';
import { FORMATS, RENDERERS } from '../render/index.js';
import type { ScoreReport } from '../report.js';
import { SelectionFlags, failedGates, scoreFile } from './scoring.js';

const ScoreFlags = SelectionFlags.extend({
  format: choice('--format', FORMATS).optional(),
  distribution: z.boolean().default(false),
});
export type ScoreFlags = z.input<typeof ScoreFlags>;

export async function scoreCommand(file: string, rawFlags: ScoreFlags, io: Io): Promise<Outcome & { report: ScoreReport }> {
  const flags = parseOptions(ScoreFlags, rawFlags);
  const { report, config } = await scoreFile(file, flags, io);
  const format = flags.format ?? config.defaults?.format ?? 'table';
  const color = await paletteFor(format === 'table' ? colorLevel(flags.color, io.env, io.stdoutIsTTY) : 0);
  const render = await RENDERERS[format]();
  return { report, stdout: render(report, { color, distribution: flags.distribution }), gateFailures: failedGates(report) };
}
