// `nps score FILE`: NPS overall and per group/period, rendered as table, JSON, CSV or Markdown.

import { z } from 'zod/v3';
import { colorLevel, paletteFor } from '../color.js';
import type { Io, Outcome } from '../io.js';
import { choice, parseOptions } from '../options.js';
import { FORMATS, RENDERERS } from '../render/index.js';
import type { ScoreReport } from '../report.js';
import { SelectionFlags, failedGates, metricsFor, scoreFile } from './scoring.js';
import { renderMetrics } from '../render/metrics.js';
import type { Config } from '../config.js';

const ScoreFlags = SelectionFlags.extend({
  format: choice('--format', FORMATS).optional(),
  distribution: z.boolean().default(false),
});
export type ScoreFlags = z.input<typeof ScoreFlags>;

export async function scoreCommand(file: string, rawFlags: ScoreFlags, io: Io): Promise<Outcome & { report: ScoreReport; reports: ScoreReport[] }> {
  const flags = parseOptions(ScoreFlags, rawFlags);
  const metrics = await metricsFor(file, flags, io);
  // The gates apply to the first metric listed.
  const reports: ScoreReport[] = [];
  let config: Config = {};
  for (const [i, metric] of metrics.entries()) {
    const scored = await scoreFile(file, flags, io, { metric, gated: i === 0 });
    reports.push(scored.report);
    config = scored.config;
  }
  const report = reports[0] as ScoreReport;
  const format = flags.format ?? config.defaults?.format ?? 'table';
  const color = await paletteFor(format === 'table' ? colorLevel(flags.color, io.env, io.stdoutIsTTY) : 0);
  const render = await RENDERERS[format]();
  const one = (r: ScoreReport): string => render(r, { color, distribution: flags.distribution });
  const stdout = reports.length === 1 ? one(report) : renderMetrics(reports, format, one);
  return { report, reports, stdout, gateFailures: failedGates(report) };
}
