// What score and trend share: the flags that select and gate answers, running the
// aggregation with the config file's defaults, the stderr report on rows, the Report, gates.

import { z } from 'zod/v3';
import { aggregate, type Aggregate, type ChosenColumns, type CountedResponse } from '../aggregate.js';
import { PERIODS, type Period } from '../core/calendar.js';
import { compareKeys } from '../core/group-tallies.js';
import type { SkipReason } from '../core/skips.js';
import { INTERVAL_METHODS, statsOf, type IntervalMethod, type Stats } from '../core/stats.js';
import { Tally } from '../core/tally.js';
import type { Config } from '../config.js';
import { COLOR_CHOICES } from '../color.js';
import { inputError, usageError } from '../errors.js';
import { maxDropGate, minGate, minGroupGates } from '../gates.js';
import type { Io } from '../io.js';
import { parseDateFlag, parseWhere } from '../mapping/filters.js';
import type { Survey } from '../mapping/survey.js';
import { choice, numberFlag } from '../options.js';
import type { GateResult, ScoreReport } from '../report.js';
import { InputFlags, loadSettings, openSurveyFor } from './common.js';
import { startProgress } from '../progress.js';

/** Flags shared by score and trend: gates, significance, intervals. */
export const GateFlags = {
  min: numberFlag('--min', -100, 100).optional(),
  minGroup: numberFlag('--min-group', -100, 100).optional(),
  minResponses: z.string().regex(/^\d+$/, { message: '--min-responses takes a whole number' }).transform(Number).optional(),
  maxDrop: numberFlag('--max-drop', 0, 200).optional(),
  alpha: numberFlag('--alpha', 0.000001, 0.5).default('0.05'),
  interval: choice('--interval', INTERVAL_METHODS).default('adjusted-wald'),
};

/** Flags that choose which answers count and how they are grouped. */
export const SelectionFlags = InputFlags.extend({
  ...GateFlags,
  by: z.array(z.string()).optional(),
  period: choice('--period', PERIODS).optional(),
  strict: z.boolean().default(false),
  color: choice('--color', COLOR_CHOICES).default('auto'),
  where: z.array(z.string().transform(parseWhere)).default([]),
  since: z.string().transform((text) => parseDateFlag('--since', text)).optional(),
  until: z.string().transform((text) => parseDateFlag('--until', text)).optional(),
  dedupe: z.string().optional(),
});
export type SelectionFlags = z.output<typeof SelectionFlags>;

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

export function buildScoreReport(result: Aggregate, keyNames: string[], method: IntervalMethod): ScoreReport {
  const overall = new Tally();
  for (const { tally } of result.groups.entries()) overall.merge(tally);
  const grouped = keyNames.length > 0;
  return {
    keyNames,
    overall: statsOf(overall, method),
    groups: grouped
      ? result.groups
          .entries()
          .sort((a, b) => compareKeys(a.key, b.key))
          .map(({ key, tally }) => ({ key: [...key], stats: statsOf(tally, method) }))
      : [],
    skipped: result.skips.summary(),
    gates: [],
  };
}

/** Tallies pooled per period (the last key element), in time order: what --max-drop compares. */
export function periodTotals(result: Aggregate, method: IntervalMethod): { key: string; stats: Stats }[] {
  const totals = result.groups.rekey((key) => [key[key.length - 1] ?? '']);
  return totals
    .entries()
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ key, tally }) => ({ key: key[0] ?? '', stats: statsOf(tally, method) }));
}

export interface GateSettings {
  min: number | undefined;
  minGroup: number | undefined;
  minResponses: number;
  maxDrop: number | undefined;
  alpha: number;
}

/** Every gate the user set, evaluated on the report (and the per-period totals for --max-drop). */
export function evaluateGates(report: ScoreReport, result: Aggregate, gates: GateSettings, period: string | undefined, method: IntervalMethod): GateResult[] {
  const results: GateResult[] = [];
  if (gates.min !== undefined) results.push(minGate(report.overall, gates.min));
  if (gates.minGroup !== undefined) {
    if (report.groups.length === 0) throw usageError('--min-group needs groups', 'Add --by COLUMN and/or --period.');
    results.push(...minGroupGates(report.keyNames, report.groups, { ...gates, minGroup: gates.minGroup }));
  }
  if (gates.maxDrop !== undefined) {
    if (period === undefined) throw usageError('--max-drop compares periods', 'Add --period day|week|month|quarter|year.');
    results.push(maxDropGate(periodTotals(result, method), gates.maxDrop, gates.alpha));
  }
  return results;
}

/** The gate settings from flags, then the config file's thresholds. */
export function gateSettings(flags: { min?: number | undefined; minGroup?: number | undefined; minResponses?: number | undefined; maxDrop?: number | undefined; alpha: number }, config: Config): GateSettings {
  return {
    min: flags.min ?? config.thresholds?.min,
    minGroup: flags.minGroup ?? config.thresholds?.minGroup,
    minResponses: flags.minResponses ?? config.thresholds?.minResponses ?? 30,
    maxDrop: flags.maxDrop ?? config.thresholds?.maxDrop,
    alpha: flags.alpha,
  };
}

export interface Scored {
  survey: Survey;
  result: Aggregate;
  report: ScoreReport;
  config: Config;
  period: Period | undefined;
  gates: GateSettings;
}

/** Open, aggregate, warn, build the Report and evaluate the gates: the common path of score and trend. */
export interface ScoreFileOptions {
  /** The period when neither flag nor config names one (trend: month). */
  defaultPeriod?: Period;
  /** Given the opened survey and the columns chosen, a collector to hear of every counted answer and its row. */
  collect?: (survey: Survey, columns: ChosenColumns, config: Config) => (response: CountedResponse) => void;
}

export async function scoreFile(file: string, flags: SelectionFlags, io: Io, { defaultPeriod, collect }: ScoreFileOptions = {}): Promise<Scored> {
  const { config, settings } = await loadSettings(flags, io);
  const by = flags.by ?? config.defaults?.by ?? [];
  const period = flags.period ?? config.defaults?.period ?? defaultPeriod;
  const dedupe = flags.dedupe ?? config.dedupe;
  const gates = gateSettings(flags, config);
  const survey = await openSurveyFor(file, settings, io);
  const progress = startProgress(io, survey);
  let result: Aggregate;
  try {
    result = await aggregate(survey, {
      onBatch: (rows) => progress.update(rows),
      parallelFromBytes: parallelThreshold(io),
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
        period: flags.period !== undefined ? '--period' : config.defaults?.period !== undefined ? 'defaults.period in the config file' : `periods by ${period ?? 'month'}`,
      },
      collector: collect ? (columns) => collect(survey, columns, config) : undefined,
    });
  } finally {
    progress.done();
  }
  warnAboutRows(result, survey.info.file, io, dedupe);
  const report = buildScoreReport(result, [...result.dimensionNames, ...(period ? [period] : [])], flags.interval);
  if (report.overall.responses === 0) {
    throw inputError(`${survey.info.file}: no valid 0–10 scores in column ${JSON.stringify(result.scoreColumn.name)} (${result.rowsRead} rows read, all skipped)`, {
      hint: 'Check the column with --score, the values in it, and any --where/--since/--until.',
    });
  }
  report.gates = evaluateGates(report, result, gates, period, flags.interval);
  return { survey, result, report, config, period, gates };
}

/** Files with more data than this (bytes) are counted on two threads; NPS_PARALLEL_BYTES changes it (tests set 0). */
const PARALLEL_FROM_BYTES = 32 * 1000 * 1000;

function parallelThreshold(io: Io): number | undefined {
  const given = io.env.NPS_PARALLEL_BYTES;
  if (given === 'off') return undefined;
  return given !== undefined && /^\d+$/.test(given) ? Number(given) : PARALLEL_FROM_BYTES;
}

/** stderr lines for the gates that failed; any makes the exit code 1. */
export function failedGates(report: ScoreReport): string[] {
  return report.gates.filter((g) => !g.passed).map((g) => `nps: ${g.message}`);
}
