// `nps score FILE`: NPS overall and per group/period, rendered as table, JSON, CSV or Markdown.

import { z } from 'zod';
import { aggregate, type Aggregate } from '../aggregate.js';
import { PERIODS } from '../core/calendar.js';
import { compareKeys } from '../core/group-tallies.js';
import type { SkipReason } from '../core/skips.js';
import { statsOf } from '../core/stats.js';
import { Tally } from '../core/tally.js';
import { COLOR_CHOICES, colorLevel, makeChalk } from '../color.js';
import { inputError } from '../errors.js';
import type { Io, Outcome } from '../io.js';
import { parseDateFlag, parseWhere } from '../mapping/filters.js';
import { choice, numberFlag, parseOptions } from '../options.js';
import { FORMATS, RENDERERS } from '../render/index.js';
import { oneDecimal } from '../render/format-number.js';
import type { ScoreReport } from '../report.js';
import { InputFlags, loadSettings, openSurveyFor } from './common.js';

const ScoreFlags = InputFlags.extend({
  by: z.array(z.string()).optional(),
  period: choice('--period', PERIODS).optional(),
  format: choice('--format', FORMATS).optional(),
  min: numberFlag('--min', -100, 100).optional(),
  strict: z.boolean().default(false),
  color: choice('--color', COLOR_CHOICES).default('auto'),
  where: z.array(z.string().transform(parseWhere)).default([]),
  since: z.string().transform((text) => parseDateFlag('--since', text)).optional(),
  until: z.string().transform((text) => parseDateFlag('--until', text)).optional(),
  dedupe: z.string().optional(),
});
export type ScoreFlags = z.input<typeof ScoreFlags>;

const REASON_TEXT: Record<SkipReason, string> = {
  missing: 'no score',
  invalid: 'a score that is not a whole number 0–10',
  missingDate: 'no date',
  invalidDate: 'a date that cannot be read',
  filtered: 'values left out by --where/--since/--until',
  duplicate: 'an earlier answer from the same respondent (--dedupe)',
};

function rowList(rows: readonly number[], count: number): string {
  const shown = rows.filter((row) => row > 0);
  if (shown.length === 0) return '';
  const more = count > shown.length ? ', …' : '';
  return ` (row${shown.length > 1 ? 's' : ''} ${shown.join(', ')}${more})`;
}

function warnAboutRows(result: Aggregate, file: string, io: Io, dedupe: string | undefined): void {
  const chosen = [result.scoreColumn, result.dateColumn].filter((c) => c?.detected);
  if (chosen.length > 0) {
    const parts = [`score column ${JSON.stringify(result.scoreColumn.name)}`];
    if (result.dateColumn) parts.push(`date column ${JSON.stringify(result.dateColumn.name)}`);
    const flags = chosen.map((c) => (c === result.scoreColumn ? '--score' : '--date')).join(' or ');
    io.warn(`nps: ${file}: using ${parts.join(' and ')} (detected; ${flags} to choose another)`);
  }
  for (const reason of ['missing', 'invalid', 'missingDate', 'invalidDate', 'filtered', 'duplicate'] as const) {
    const count = result.skips.count(reason);
    if (count === 0) continue;
    const examples = result.skips.examplesOf(reason);
    const detail =
      reason === 'invalid' || reason === 'invalidDate'
        ? ` (${examples.map((e) => (e.row > 0 ? `row ${e.row}: ` : '') + JSON.stringify(e.value)).join(', ')}${count > examples.length ? ', …' : ''})`
        : rowList(examples.map((e) => e.row), count);
    io.warn(`nps: ${file}: skipped ${count} row${count === 1 ? '' : 's'} with ${REASON_TEXT[reason]}${detail}`);
  }
  if (dedupe !== undefined) {
    const by = result.dateColumn ? `the latest by ${JSON.stringify(result.dateColumn.name)}` : 'the last row';
    io.warn(`nps: ${file}: --dedupe ${JSON.stringify(dedupe)}: ${result.repeatedIds} respondent${result.repeatedIds === 1 ? '' : 's'} answered more than once; kept ${by}, dropped ${result.skips.count('duplicate')}`);
  }
  if (result.elevens > 0 && result.zeros === 0) {
    io.warn(
      `nps: ${file}: column ${JSON.stringify(result.scoreColumn.name)} looks coded 1–11 (a Qualtrics recode: ${result.elevens} answers are 11, none is 0); ` +
        'if 1 means 0 and 11 means 10, pass --scale 1-11',
    );
  }
  if (result.shortRows.count > 0) {
    io.warn(`nps: ${file}: ${result.shortRows.count} row${result.shortRows.count === 1 ? ' is' : 's are'} too short to hold the score column${rowList(result.shortRows.rows, result.shortRows.count)}; counted as missing`);
  }
  if (result.extraFields.count > 0) {
    io.warn(`nps: ${file}: ${result.extraFields.count} row${result.extraFields.count === 1 ? ' has' : 's have'} more fields than the header${rowList(result.extraFields.rows, result.extraFields.count)}; the extra fields are ignored`);
  }
}

export function buildScoreReport(result: Aggregate, keyNames: string[]): ScoreReport {
  const overall = new Tally();
  for (const { tally } of result.groups.entries()) overall.merge(tally);
  const grouped = keyNames.length > 0;
  return {
    keyNames,
    overall: statsOf(overall),
    groups: grouped
      ? result.groups
          .entries()
          .sort((a, b) => compareKeys(a.key, b.key))
          .map(({ key, tally }) => ({ key: [...key], stats: statsOf(tally) }))
      : [],
    skipped: result.skips.summary(),
  };
}

export async function scoreCommand(file: string, rawFlags: ScoreFlags, io: Io): Promise<Outcome & { report: ScoreReport }> {
  const flags = parseOptions(ScoreFlags, rawFlags);
  const { config, settings } = await loadSettings(flags, io);
  const by = flags.by ?? config.defaults?.by ?? [];
  const period = flags.period ?? config.defaults?.period;
  const format = flags.format ?? config.defaults?.format ?? 'table';
  const min = flags.min ?? config.thresholds?.min;
  const dedupe = flags.dedupe ?? config.dedupe;

  const survey = await openSurveyFor(file, settings, io);
  const result = await aggregate(survey, {
    by,
    period,
    score: settings.survey.score,
    date: settings.date,
    dateFormat: settings.dateFormat,
    strict: flags.strict,
    scale: settings.scale,
    where: flags.where,
    since: flags.since,
    until: flags.until,
    dedupe,
    sources: {
      score: flags.score === undefined ? 'columns.score in the config file' : '--score',
      date: flags.date === undefined ? 'columns.date in the config file' : '--date',
      by: flags.by === undefined ? 'defaults.by in the config file' : '--by',
      dedupe: flags.dedupe === undefined ? 'dedupe in the config file' : '--dedupe',
    },
  });
  warnAboutRows(result, survey.info.file, io, dedupe);
  const report = buildScoreReport(result, [...result.dimensionNames, ...(period ? [period] : [])]);
  if (report.overall.responses === 0) {
    throw inputError(`${survey.info.file}: no valid 0–10 scores in column ${JSON.stringify(result.scoreColumn.name)} (${result.rowsRead} rows read, all skipped)`, {
      hint: 'Check the column with --score, the values in it, and any --where/--since/--until.',
    });
  }
  const color = makeChalk(format === 'table' ? colorLevel(flags.color, io.env, io.stdoutIsTTY) : 0);
  const gateFailures: string[] = [];
  const nps = report.overall.nps;
  if (min !== undefined && nps !== null && nps < min) {
    gateFailures.push(`nps: NPS ${oneDecimal(nps)} is below the minimum ${min} (--min)`);
  }
  return { report, stdout: RENDERERS[format](report, color), gateFailures };
}
