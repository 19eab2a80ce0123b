// `nps drivers FILE --by COL…`: which groups drag the score down or lift it (impact), which
// differ significantly from the rest, and which other ratings go with a low score.

import type { z } from 'zod/v3';
import type { Settings } from '../pipeline/settings.js';
import { driverOf, judgeFamily } from '../core/drivers.js';
import type { GroupTallies } from '../core/group-tallies.js';
import { RatingTable, spearmanTest } from '../core/spearman.js';
import { rankBy } from '../core/ranking.js';
import { classColumn, classCounts, shrinkGroups } from '../core/shrinkage.js';
import { Tally } from '../core/tally.js';
import { colorLevel, paletteFor } from '../render/color.js';
import { usageError } from '../core/errors.js';
import { fitWidth, rowLimit, type Io, type Outcome } from '../pipeline/io.js';
import { ratingColumns, readRating, type Column, type RatingColumnShape } from '../pipeline/columns.js';
import { driversJsonPieces, renderDrivers, type DriversReport, type RatingDriver } from '../render/drivers.js';
import { SelectionFlags, scoreFile, singleMetric } from '../pipeline/score-file.js';
import { stepping, writingGroups } from '../pipeline/progress.js';
import { OWN, SELECTION, schemaOf } from '../pipeline/flags.js';

const DriversFlags = SelectionFlags.extend({ ...schemaOf(OWN.drivers).shape, format: SELECTION.format.type });
/** What runCli parses this command's flags with. */
export const schema = DriversFlags;

export async function driversCommand(file: string, run: Settings<z.output<typeof DriversFlags>>, io: Io): Promise<Outcome & { report: DriversReport }> {
  const flags = run.flags;
  if (!flags.by || flags.by.length === 0) throw usageError('nps drivers needs at least one --by COLUMN', 'e.g. nps drivers export.csv --by channel --by agent');
  const ratings: { column: Column; shape: RatingColumnShape; table: RatingTable }[] = [];
  const scored = await scoreFile(file, run.with({ period: undefined }), io, {
    metric: singleMetric(flags, 'drivers'),
    // The answers are counted per value of each rating column too (by the byte counter, on
    // threads for a large file), and each value read as a rating once.
    crossBy: (survey, chosen) => {
      const used = new Set([chosen.score, ...chosen.dims, ...(chosen.date === null ? [] : [chosen.date])]);
      for (const { column, shape } of ratingColumns(survey, flags.ratings, used)) ratings.push({ column, shape, table: new RatingTable(shape.scale) });
      return ratings.map((rating) => rating.column.index);
    },
  });
  const { result, report: scoreReport, gates, measure } = scored;
  ratings.forEach((rating, i) => {
    for (const { key, tally } of result.crossed[i]?.entries() ?? []) {
      const value = readRating(key[0], rating.shape.scale, rating.shape.likert);
      if (value === null) continue;
      tally.distribution.forEach((count, score) => {
        if (count > 0) rating.table.add(score, value, count);
      });
    }
  });
  const nps = measure.info.name === 'nps';
  const all = new Tally();
  for (const { tally } of result.groups.entries()) all.merge(tally);

  // Each --by column on its own: the cross product's tallies folded onto one column at a time;
  // the shrunk scores pool the values of one column.
  const found: (ReturnType<typeof driverOf> & { column: string; value: string; shrunk: number | null })[] = [];
  let shrunkField: string | null = null;
  result.dimensionNames.forEach((name, i) => {
    const byValue: GroupTallies = result.groups.rekey((key) => [key[i] ?? '']);
    const column = byValue.entries().map(({ key, tally }) => ({ column: name, value: key[0] ?? '', ...driverOf(all, tally, gates.alpha, measure, gates.minResponses) }));
    const shrinkage = shrinkGroups(measure.info.name, classColumn(measure.info.name, column, (d) => classCounts(measure.info.name, d.stats)));
    if (shrinkage) shrunkField = shrinkage.field;
    // The shrunk score first: a spread at the start of the literal is slow (core/drivers.ts, judgeFamily).
    column.forEach((d, k) => found.push({ shrunk: shrinkage?.values[k] ?? null, ...d }));
  });
  if (flags.sort === 'shrunk' && shrunkField === null) throw usageError('--sort shrunk needs NPS or CSAT and at least two values of a --by column');
  // Every group of every --by column against its rest: one family of tests.
  const ranked = rankBy(judgeFamily(found, gates.adjust, gates.alpha), flags.sort, (d) => ({
    key: [d.column, d.value],
    responses: d.stats.responses,
    score: measure.headline(d.stats),
    shrunk: d.shrunk,
    impact: d.impact,
  }));
  const drivers: DriversReport['drivers'] = flags.top === undefined ? ranked : ranked.slice(0, flags.top);

  // The ratings' correlations: a family of their own.
  const ratingDrivers: RatingDriver[] = judgeFamily(
    ratings.map(({ column, shape, table }) => {
      const spearman = table.spearman();
      const test = spearmanTest(spearman, table.pairs, gates.alpha);
      return {
        column: column.name,
        question: column.question,
        scale: shape.likert ? 'likert 1-5' : `1-${shape.scale}`,
        pairs: table.pairs,
        spearman,
        interval: test?.interval ?? null,
        pValue: test?.pValue ?? null,
        thin: table.pairs < gates.minResponses,
        // Means by NPS class; a CSAT or CES answer has no classes.
        meanDetractors: nps ? table.meanRating(0, 6) : null,
        meanPassives: nps ? table.meanRating(7, 8) : null,
        meanPromoters: nps ? table.meanRating(9, 10) : null,
      };
    }),
    gates.adjust,
    gates.alpha,
  ).sort((a, b) => Math.abs(b.spearman ?? 0) - Math.abs(a.spearman ?? 0));

  const report: DriversReport = {
    metric: scoreReport.metric,
    overall: scoreReport.overall,
    drivers,
    ...(flags.top === undefined ? {} : { top: { shown: drivers.length, of: ranked.length } }),
    shrunkField,
    ratings: ratingDrivers,
    skipped: scoreReport.skipped,
    minResponses: gates.minResponses,
    alpha: gates.alpha,
    sort: flags.sort,
    adjust: gates.adjust,
  };
  const format = flags.format ?? scored.config.defaults?.format ?? 'table';
  const color = await paletteFor(format === 'table' ? colorLevel(flags.color, io.env, io.stdoutIsTTY) : 0);
  if (format === 'json') {
    // Written while it is made, as score's: a --by column of many values is never one string.
    const { large, what } = writingGroups(drivers.length);
    return { report, stdout: '', body: stepping(io, large, what, driversJsonPieces(report)), gateFailures: [] };
  }
  return { report, stdout: renderDrivers(report, format, color, flags.raw, fitWidth(io, flags.output), rowLimit(io, flags)), gateFailures: [] };
}
