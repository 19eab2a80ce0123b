// `nps compare`: is the difference between two sets of answers real? Two files, one file
// split at a date, or two values of a column; the metric's two-sample test (z on NPS and
// CSAT, Welch's t on a CES mean).

import type { z } from 'zod/v3';
import type { Settings } from '../pipeline/settings.js';
import { formatDate } from '../core/calendar.js';
import type { GroupTallies } from '../core/group-tallies.js';
import { compareTens, type AnyStats } from '../core/metrics.js';
import type { Stats } from '../core/stats.js';
import type { Comparison } from '../core/significance.js';
import { Tally } from '../core/tally.js';
import { colorLevel, paletteFor } from '../render/color.js';
import { inputError, quoteList, usageError } from '../core/errors.js';
import { fitWidth, type Io, type Outcome } from '../pipeline/io.js';
import { renderComparison, type ComparisonReport } from '../render/comparison.js';
import { SelectionFlags, scoreFile, singleMetric } from '../pipeline/score-file.js';
import type { Measure } from '../core/measure.js';
import { OWN, SELECTION, schemaOf } from '../pipeline/flags.js';

const CompareFlags = SelectionFlags.extend({ ...schemaOf(OWN.compare).shape, format: SELECTION.format.type });
/** What runCli parses this command's flags with. */
export const schema = CompareFlags;

/** The Stats of the counted days before (or from) a date: the day tallies pooled. */
function pool(groups: GroupTallies, keep: (day: string) => boolean, measure: Measure): AnyStats {
  const tally = new Tally();
  for (const { key, tally: day } of groups.entries()) if (keep(key.at(-1) ?? '')) tally.merge(day);
  return measure.stats(tally);
}

export async function compareCommand(files: string[], run: Settings<z.output<typeof CompareFlags>>, io: Io): Promise<Outcome & { report: ComparisonReport }> {
  const flags = run.flags;
  const plain = run.with({ by: undefined, period: undefined });
  const metric = singleMetric(flags, 'compare');
  let a: AnyStats;
  let b: AnyStats;
  let measure: Measure;
  let labels: { a: string; b: string };
  let format = flags.format;

  if (files.length === 2) {
    if (flags.split || flags.by) throw usageError('compare two files, or one file with --split or --by, not both');
    const [first, second] = files as [string, string];
    // Standard input is one input: a pipe gives nothing the second time, and a file the same answers.
    if (first === '-' && second === '-') throw usageError('compare reads standard input (-) for one of the two files, not both', 'Save one of them to a file and pass its path.');
    const left = await scoreFile(first, plain, io, { metric });
    const right = await scoreFile(second, plain, io, { metric });
    [a, b] = [left.report.overall, right.report.overall];
    measure = left.measure;
    labels = { a: left.survey.info.file, b: right.survey.info.file };
    format ??= left.config.defaults?.format;
  } else if (files.length === 1 && flags.split) {
    if (flags.by) throw usageError('use --split or --by, not both');
    const file = files[0] as string;
    const split = formatDate(flags.split);
    const scored = await scoreFile(file, run.with({ by: [], period: 'day' }), io, { metric });
    const days = scored.result.groups;
    measure = scored.measure;
    [a, b] = [pool(days, (day) => day < split, measure), pool(days, (day) => day >= split, measure)];
    labels = { a: `before ${split}`, b: `on or after ${split}` };
    format ??= scored.config.defaults?.format;
  } else if (files.length === 1 && flags.by) {
    if (flags.by.length !== 1 || flags.a === undefined || flags.b === undefined) {
      throw usageError('compare by a column needs one --by COLUMN and the two values --a VALUE --b VALUE');
    }
    const scored = await scoreFile(files[0] as string, run.with({ period: undefined }), io, { metric });
    measure = scored.measure;
    const find = (value: string, flag: string): AnyStats => {
      const row = scored.report.groups.find((g) => g.key[0] === value.trim());
      if (!row) {
        const values = scored.report.groups.map((g) => g.key[0] ?? '');
        if (values.length === 0) {
          throw inputError(`${scored.survey.info.file}: no answers are left after the filters, so there is no ${scored.report.keyNames[0]} = ${JSON.stringify(value)} to compare (${flag})`, {
            hint: 'Check --where, --since and --until.',
          });
        }
        throw inputError(`${scored.survey.info.file}: no answers with ${scored.report.keyNames[0]} = ${JSON.stringify(value)} (${flag}). Values: ${quoteList(values, 20)}`);
      }
      return row.stats;
    };
    [a, b] = [find(flags.a, '--a'), find(flags.b, '--b')];
    labels = { a: `${scored.report.keyNames[0]} = ${flags.a}`, b: `${scored.report.keyNames[0]} = ${flags.b}` };
    format ??= scored.config.defaults?.format;
  } else {
    throw usageError(
      'nps compare needs two files, or one file with --split DATE, or one file with --by COLUMN --a VALUE --b VALUE',
      'e.g. nps compare before.csv after.csv · nps compare export.csv --split 2025-06-01 · nps compare export.csv --by channel --a phone --b email',
    );
  }

  const comparison: Comparison | null = measure.compare(a, b, flags.alpha);
  if (!comparison) {
    const side = measure.headline(a) === null ? `a (${labels.a})` : `b (${labels.b})`;
    const stats = side.startsWith('a') ? a : b;
    if (stats.responses > 0) {
      throw inputError(`nothing to compare: the ${stats.responses} answer${stats.responses === 1 ? '' : 's'} of side ${side} have weights that add up to 0, so it has no ${measure.info.label}`, {
        hint: 'Check the --weight column, or leave --weight out.',
      });
    }
    throw inputError(`nothing to compare: side ${side} has no answers`, { hint: 'Check --split, --a/--b and the filters.' });
  }
  // NPS: the 9-vs-10 split of the promoters too.
  const tens = measure.info.name === 'nps' ? compareTens(a as Stats, b as Stats, flags.alpha) : null;
  const report: ComparisonReport = { metric: measure.info, labels, a, b, ...comparison, ...(tens ? { tens } : {}) };
  const chosen = format ?? 'table';
  const color = await paletteFor(chosen === 'table' ? colorLevel(flags.color, io.env, io.stdoutIsTTY) : 0);
  return { report, stdout: renderComparison(report, chosen, color, flags.raw, fitWidth(io, flags.output)), gateFailures: [] };
}
