// `nps score FILE`: NPS overall and per group/period, rendered as table, JSON, CSV or Markdown.

import type { z } from 'zod/v3';
import type { Settings } from '../pipeline/settings.js';
import { colorLevel, paletteFor } from '../render/color.js';
import { fitWidth, rowLimit, type Io, type Outcome } from '../pipeline/io.js';
import { stepLine, stepping, writingGroups } from '../pipeline/progress.js';
import { PIECES, RENDERERS } from '../render/index.js';
import type { GroupRow, ScoreReport } from '../core/report.js';
import { addColumns, ExtraColumns } from '../core/extra-columns.js';
import { SelectionFlags, failedGates, metricsOf, scoreMetrics } from '../pipeline/score-file.js';
import { metricsPieces, renderMetrics } from '../render/several-metrics.js';
import type { Config } from '../pipeline/config.js';
import { rankBy, type RankedBy, type SortKey } from '../core/ranking.js';
import { classColumn, classCounts, priorInfo, shrinkGroups } from '../core/shrinkage.js';
import type { MetricName } from '../core/metrics.js';
import { usageError } from '../core/errors.js';
import type { Measure } from '../core/measure.js';
import { OWN, SELECTION, schemaOf } from '../pipeline/flags.js';

const ScoreFlags = SelectionFlags.extend({ ...schemaOf(OWN.score).shape, format: SELECTION.format.type });
/** What runCli parses this command's flags with. */
export const schema = ScoreFlags;

/** Each group's shrunk score (a Dirichlet prior fitted to all the groups), as an extra field. */
export function addShrinkage(report: ScoreReport, metric: MetricName): void {
  const shrinkage = shrinkGroups(
    metric,
    classColumn(metric, report.groups, (group) => (group.classes ? group.classes() : classCounts(metric, group.stats))),
  );
  if (!shrinkage) return;
  // A column, not an object per group (core/extra-columns.ts).
  const columns = new ExtraColumns(report.groups.length);
  const shrunk = columns.numbers(shrinkage.field);
  shrinkage.values.forEach((value, i) => {
    if (value !== null) shrunk[i] = value;
  });
  addColumns(report.groups, columns);
  report.extraNames = [...(report.extraNames ?? []), shrinkage.field];
  report.shrinkage = priorInfo(shrinkage);
}

/** Groups in the order asked for, the first N of them with --top. */
function rankGroups(report: ScoreReport, by: SortKey, top: number | undefined, measure: Measure): void {
  const field = report.shrinkage?.field;
  // buildScoreReport lists the groups in key order already.
  const view = (g: GroupRow): RankedBy => {
    const stats = g.stats;
    return {
      key: g.key,
      responses: stats.responses,
      score: measure.headline(stats),
      shrunk: field === undefined ? null : ((g.extra?.[field] as number | null | undefined) ?? null),
      impact: null,
    };
  };
  const ranked = by === 'key' ? report.groups : rankBy(report.groups, by, view);
  report.groups = top === undefined ? ranked : ranked.slice(0, top);
  if (top !== undefined) report.top = { shown: report.groups.length, of: ranked.length };
}

export async function scoreCommand(file: string, run: Settings<z.output<typeof ScoreFlags>>, io: Io): Promise<Outcome & { report: ScoreReport; reports: ScoreReport[] }> {
  const flags = run.flags;
  const metrics = metricsOf(flags, run.config);
  const reports: ScoreReport[] = [];
  let config: Config = {};
  if (flags.sort === 'impact') throw usageError('--sort impact is for nps drivers', 'In nps score, sort by key, responses, nps or shrunk.');
  // Every metric from one read of the file; the gates apply to the first metric listed.
  for (const [i, scored] of (await scoreMetrics(file, run, io, metrics, { gated: true })).entries()) {
    const metric = metrics[i] as MetricName;
    // The gates above saw every group; the ranking and --top only change what is listed.
    if (scored.result.dimensionNames.length > 0) addShrinkage(scored.report, metric);
    if (flags.sort === 'shrunk' && !scored.report.shrinkage) {
      throw usageError('--sort shrunk needs groups (--by) and NPS or CSAT', 'Shrinkage pools the groups of --by; a CES mean has none.');
    }
    rankGroups(scored.report, flags.sort, flags.top, scored.measure);
    reports.push(scored.report);
    config = scored.config;
  }
  const report = reports[0] as ScoreReport;
  const format = flags.format ?? config.defaults?.format ?? 'table';
  const color = await paletteFor(format === 'table' ? colorLevel(flags.color, io.env, io.stdoutIsTTY) : 0);
  const { large, what } = writingGroups(report.groups.length);
  const context = { color, distribution: flags.distribution, raw: flags.raw, width: fitWidth(io, flags.output), limit: rowLimit(io, flags) };
  if (format !== 'table' || context.width === undefined) {
    // Written while it is made (one metric or several): hundreds of thousands of groups are never
    // one string. A table fitted to a terminal is made whole (it shows --limit rows, and may be
    // laid out as records).
    const pieces = await PIECES[format]();
    const body = reports.length === 1 ? pieces(report, context) : metricsPieces(reports, format, (r) => pieces(r, context), flags.raw);
    return { report, reports, stdout: '', body: stepping(io, large, what, body), gateFailures: failedGates(report) };
  }
  const render = await RENDERERS[format]();
  const one = (r: ScoreReport): string => render(r, context);
  // A table of tens of thousands of groups (--by id) takes a second or more: a line says so meanwhile.
  const stdout = stepLine(io, large, what, () => (reports.length === 1 ? one(report) : renderMetrics(reports, format, one, flags.raw)));
  return { report, reports, stdout, gateFailures: failedGates(report) };
}
