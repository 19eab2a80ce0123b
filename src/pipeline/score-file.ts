// What score and trend share: the flags that select and gate answers, what to count given them
// and the config file's defaults (counting.ts reads the file), the stderr report on rows, the
// Report, gates.

import type { Aggregate, ChosenColumns, Gathering } from './aggregate.js';

export type { Gathering } from './aggregate.js';
export type { Gathered } from '../mapping/gather.js';
import { formatDate, type Period } from '../core/calendar.js';
import { compareKeys, sortByKeys } from '../core/group-tallies.js';
import { SKIP_REASONS, type SkipReason, type ValueSummary } from '../core/skips.js';
import { countText } from '../core/format-number.js';
import type { AdjustMethod } from '../core/multiplicity.js';
import type { AnyStats, MetricName } from '../core/metrics.js';
import { measureFor, type Measure } from '../core/measure.js';
import { Tally } from '../core/tally.js';
import type { Config } from './config.js';
import { inputError, usageError } from '../core/errors.js';
import { maxDropGate, minGate, minGroupGates } from '../core/gates.js';
import type { Io } from './io.js';
import type { Survey } from '../mapping/survey.js';
import { plainGroup, type ExtraValue, type GateResult, type GroupRow, type ScoreReport } from '../core/report.js';
import { visible, VISIBLE_COPY } from '../core/visible.js';
import { mergedFields, type ExtraColumns } from '../core/extra-columns.js';
import type { SelectionFlags } from './flags.js';
import type { Settings } from './settings.js';

export { SelectionFlags } from './flags.js';
import { countFile } from './count-file.js';
import { lineOf, note, warning } from './messages.js';

const REASON_TEXT: Record<SkipReason, string> = {
  missing: 'no score',
  invalid: 'a score that is not a whole number 0–10',
  missingDate: 'no date',
  invalidDate: 'a date that cannot be read',
  missingWeight: 'no weight (--weight)',
  invalidWeight: 'a weight that is not a number 0 or more (--weight)',
  filtered: 'values left out by --where/--since/--until',
  duplicate: 'an earlier answer from the same respondent (--dedupe)',
};

function rowList(rows: readonly number[], count: number): string {
  const shown = rows.filter((row) => row > 0);
  if (shown.length === 0) return '';
  const more = count > shown.length ? ', …' : '';
  return ` (row${shown.length > 1 ? 's' : ''} ${shown.join(', ')}${more})`;
}

/** Values listed in a skipped-rows note; the rest are told as other values. */
const VALUES_SHOWN = 5;

/** A skipped value as quoted in a note: at most 30 characters. */
const quoted = (value: string): string => JSON.stringify(value.length > 30 ? `${value.slice(0, 29)}…` : value);

/**
 * The skipped values by how often each came: `all "NA"`, `"N/A", "11", "-1"` (once each), or
 * `300 "NA", 40 "n/a" and 2 other values`. Counts are exact (SkipLog.valuesOf).
 */
function valuesText(summary: ValueSummary, total: number): string {
  const shown = summary.values.slice(0, VALUES_SHOWN);
  const first = shown[0];
  if (shown.length === 1 && first && first.count === total) return total === 1 ? quoted(first.value) : `all ${quoted(first.value)}`;
  const once = shown.every((v) => v.count === 1);
  const listed = shown.map((v) => (once ? quoted(v.value) : `${countText(v.count)} ${quoted(v.value)}`));
  const other = total - shown.reduce((sum, v) => sum + v.count, 0);
  if (other > 0) listed.push(`${countText(other)} ${listed.length > 0 ? 'with other values' : 'of many values'}`);
  return listed.length > 1 && other > 0 ? `${listed.slice(0, -1).join(', ')} and ${listed.at(-1)}` : listed.join(', ');
}

function tellAboutRows(result: Aggregate, file: string, io: Io, dedupe: string | undefined, measure: Measure): void {
  const metric = measure.info.name;
  const chosen = [result.scoreColumn, result.dateColumn].filter((c) => c?.detected);
  if (result.scoreColumn.byValues) {
    // Chosen by its answers alone: said apart from the columns chosen by their headers.
    const date = result.dateColumn?.detected ? `; date column ${JSON.stringify(result.dateColumn.name)} (detected; --date to choose another)` : '';
    note(io, `${file}: using score column ${JSON.stringify(result.scoreColumn.name)}: its header names no question, but the answers read ahead are all whole numbers 1–11, as --scale 1-11 reads (--score to choose another)${date}`);
  } else if (chosen.length > 0) {
    const parts = [`${metric === 'nps' ? 'score' : measure.info.label} column ${JSON.stringify(result.scoreColumn.name)}`];
    if (result.dateColumn) parts.push(`date column ${JSON.stringify(result.dateColumn.name)}`);
    const flags = chosen.map((c) => (c === result.scoreColumn ? (metric === 'nps' ? '--score' : `--${metric}`) : '--date')).join(' or ');
    note(io, `${file}: using ${parts.join(' and ')} (detected; ${flags} to choose another)`);
  }
  if (result.ratingScale && result.ratingScale.reason !== 'given') {
    const how = { header: 'as its header says', labels: 'its answers are Likert labels', values: 'from its largest answer', given: '' }[result.ratingScale.reason];
    note(io, `${file}: ${measure.info.label} scale ${result.ratingScale.scale} (${how}; --scale ${metric}=1-5|1-7|1-10 to choose)`);
  }
  for (const reason of SKIP_REASONS) {
    const count = result.skips.count(reason);
    if (count === 0) continue;
    const text =
      metric === 'nps' || (reason !== 'invalid' && reason !== 'missing')
        ? REASON_TEXT[reason]
        : reason === 'missing'
          ? `no ${measure.info.label} answer`
          : `a ${measure.info.label} answer that is not on its ${measure.info.scale} scale`;
    const rows = rowList(result.skips.examplesOf(reason).map((e) => e.row), count);
    const values = reason === 'invalid' || reason === 'invalidDate' || reason === 'invalidWeight' ? `: ${valuesText(result.skips.valuesOf(reason), count)}` : '';
    note(io, `${file}: skipped ${countText(count)} row${count === 1 ? '' : 's'} with ${text}${values}${rows}`);
  }
  if (dedupe !== undefined) {
    const by = result.dateColumn ? `the latest by ${JSON.stringify(result.dateColumn.name)}` : 'the last row';
    note(io, `${file}: --dedupe ${JSON.stringify(dedupe)}: ${result.repeatedIds} respondent${result.repeatedIds === 1 ? '' : 's'} answered more than once; kept ${by}, dropped ${result.skips.count('duplicate')}`);
  }
  if (result.elevens > 0 && result.zeros === 0) {
    warning(
      io,
      `${file}: column ${JSON.stringify(result.scoreColumn.name)} looks coded 1–11 (a Qualtrics recode: ${result.elevens} answers are 11, none is 0); ` +
        'if 1 means 0 and 11 means 10, pass --scale 1-11',
    );
  }
  if (result.shortRows.count > 0) {
    warning(io, `${file}: ${result.shortRows.count} row${result.shortRows.count === 1 ? ' is' : 's are'} too short to hold the score column${rowList(result.shortRows.rows, result.shortRows.count)}; counted as missing`);
  }
  if (result.extraFields.count > 0) {
    warning(io, `${file}: ${result.extraFields.count} row${result.extraFields.count === 1 ? ' has' : 's have'} more fields than the header${rowList(result.extraFields.rows, result.extraFields.count)}; the extra fields are ignored`);
  }
}

/**
 * A group of a report whose Stats are worked out from its tally each time they are read, not
 * held: a report of hundreds of thousands of groups held a Stats object for each (about 500
 * bytes, half of its memory: BENCHMARKS.md), though each is read once or twice, when the group
 * is ranked, gated or written. (An object literal with a getter of its own took more than the
 * Stats did.) The tally is not changed once the count is made. Its extra fields are likewise
 * read from a command's columns where it was given them (useColumns). A copy of a group is made
 * with plainGroup, not a spread: neither `stats` nor `extra` is a field of its own.
 */
class TalliedGroup implements GroupRow {
  /** Its fields of its own; and, after them, its row of a command's columns (core/extra-columns.ts). */
  #extra: Record<string, ExtraValue> | undefined = undefined;
  #columns: ExtraColumns | null = null;
  #at = 0;
  readonly #tally: Tally;
  readonly #measure: Measure;

  constructor(
    readonly key: string[],
    tally: Tally,
    measure: Measure,
  ) {
    this.#tally = tally;
    this.#measure = measure;
  }

  get stats(): AnyStats {
    return this.#measure.stats(this.#tally);
  }

  /** Made when read, from the columns: a new object each time (set it, not its fields). */
  get extra(): Record<string, ExtraValue> | undefined {
    if (this.#columns === null) return this.#extra;
    const fields = this.#columns.fieldsAt(this.#at);
    return this.#extra === undefined ? fields : mergedFields(this.#extra, fields);
  }

  set extra(fields: Record<string, ExtraValue> | undefined) {
    this.#extra = fields;
    this.#columns = null;
  }

  useColumns(columns: ExtraColumns, at: number): void {
    // Fields from earlier columns become its own: a group reads one set of columns.
    if (this.#columns !== null) this.#extra = this.extra;
    this.#columns = columns;
    this.#at = at;
  }

  classes(): number[] | null {
    return this.#measure.classes(this.#tally);
  }

  /** Shown on a terminal: as a plain group, its text made visible (visible.ts). */
  [VISIBLE_COPY](): GroupRow {
    return visible(plainGroup(this));
  }
}

export function buildScoreReport(result: Aggregate, keyNames: string[], measure: Measure): ScoreReport {
  const overall = new Tally();
  // The set's own lists, read in place: no object a group made to read them.
  const { keys, tallies } = result.groups.lists();
  for (const tally of tallies) overall.merge(tally);
  const grouped = keyNames.length > 0;
  const places = grouped ? Array.from(keys, (_, at) => at) : [];
  return {
    metric: measure.info,
    keyNames,
    overall: measure.stats(overall),
    groups: sortByKeys(places, (at) => keys[at] as readonly string[]).map((at) => new TalliedGroup(keys[at] as string[], tallies[at] as Tally, measure)),
    skipped: result.skips.summary(),
    gates: [],
  };
}

/** Tallies pooled per period (the last key element), in time order: what --max-drop compares. */
export function periodTotals(result: Aggregate, measure: Measure): { key: string; stats: AnyStats }[] {
  const totals = result.groups.rekey((key) => [key[key.length - 1] ?? '']);
  return totals
    .entries()
    .sort((a, b) => compareKeys(a.key, b.key))
    .map(({ key, tally }) => ({ key: key[0] ?? '', stats: measure.stats(tally) }));
}

export interface GateSettings {
  min: number | undefined;
  minGroup: number | undefined;
  minResponses: number;
  maxDrop: number | undefined;
  alpha: number;
  /** How p-values are adjusted where one output holds many tests. */
  adjust: AdjustMethod;
  /** Where each threshold came from, as messages name it: the flag, or the key in the config file. */
  said: { min: string; minGroup: string; maxDrop: string };
}

/** Every gate the user set, evaluated on the report (and the per-period totals for --max-drop). */
export function evaluateGates(report: ScoreReport, result: Aggregate, gates: GateSettings, period: string | undefined, measure: Measure): GateResult[] {
  const results: GateResult[] = [];
  const { said } = gates;
  if (gates.minGroup !== undefined && report.keyNames.length === 0) throw usageError(`${said.minGroup} needs groups`, 'Add --by COLUMN and/or --period.');
  if (gates.maxDrop !== undefined && period === undefined) throw usageError(`${said.maxDrop} compares periods`, 'Add --period day|week|month|quarter|year.');
  if (report.overall.responses === 0) {
    // Nothing passed the filters: a gate has nothing to judge, and a gate that cannot judge fails.
    const asked = (
      [
        [gates.min, '--min', said.min],
        [gates.minGroup, '--min-group', said.minGroup],
        [gates.maxDrop, '--max-drop', said.maxDrop],
      ] as const
    ).filter(([value]) => value !== undefined);
    return asked.map(([, gate, from]) => ({ gate, passed: false, message: `no answers to judge: nothing is left after the filters (${from})` }));
  }
  if (gates.min !== undefined) results.push(minGate(report.overall, gates.min, measure, said.min));
  if (gates.minGroup !== undefined) {
    // Not spread into push(): a gate per group, and there may be hundreds of thousands of groups.
    for (const gate of minGroupGates(report.keyNames, report.groups, { ...gates, minGroup: gates.minGroup }, measure, said.minGroup)) results.push(gate);
  }
  if (gates.maxDrop !== undefined) {
    results.push(maxDropGate(periodTotals(result, measure), gates.maxDrop, gates.alpha, measure, gates.minResponses, said.maxDrop));
  }
  return results;
}

/** The gate settings from flags, then the config file's thresholds; `said` names where each came from. */
export function gateSettings(
  flags: { min?: number | undefined; minGroup?: number | undefined; minResponses?: number | undefined; maxDrop?: number | undefined; alpha: number; adjust: AdjustMethod },
  config: Config,
  said: Settings['said'],
): GateSettings {
  return {
    said: { min: said('min'), minGroup: said('minGroup'), maxDrop: said('maxDrop') },
    adjust: flags.adjust,
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
  measure: Measure;
  config: Config;
  period: Period | undefined;
  gates: GateSettings;
}

/** Open, aggregate, warn, build the Report and evaluate the gates: the common path of score and trend. */
export interface ScoreFileOptions {
  /** The period when neither flag nor config names one (trend: month). */
  defaultPeriod?: Period;
  /**
   * Given the opened survey and the columns chosen, what to gather from every counted answer and
   * its row. Asked again when the file is counted again (read anew as Windows-1252): the sink of
   * the last call holds the answer.
   */
  gather?: (survey: Survey, columns: ChosenColumns, config: Config, said: Settings['said']) => Gathering;
  /** Given the opened survey and the columns chosen, columns to tally the counted answers by, each on its own (Aggregate.crossed). */
  crossBy?: (survey: Survey, columns: ChosenColumns) => number[];
  /** The metric to measure (scoreFile; default: the first of --metric, else NPS). */
  metric?: MetricName;
  /**
   * Whether the gates apply: only score and trend gate (with several metrics, the first only).
   * Off unless asked, so that a config's thresholds never stop list, drivers, compare or comments.
   */
  gated?: boolean;
}

/** The one metric of a command that measures one (compare, drivers). */
export function singleMetric(flags: { metric?: MetricName[] | undefined }, command: string): MetricName | undefined {
  if (flags.metric && flags.metric.length > 1) {
    throw usageError(`nps ${command} measures one metric at a time; --metric got ${flags.metric.join(',')}`, `Run it once per metric, e.g. --metric ${flags.metric[0]}.`);
  }
  return flags.metric?.[0];
}

/** The metrics a command measures: --metric, else the config's defaults.metric, else NPS (several are counted in one read, so standard input serves too). */
export function metricsOf(flags: { metric?: MetricName[] | undefined }, config: Config): MetricName[] {
  return flags.metric ?? config.defaults?.metric ?? ['nps'];
}

export async function scoreFile(file: string, run: Settings<SelectionFlags>, io: Io, options: ScoreFileOptions = {}): Promise<Scored> {
  const metric = options.metric ?? metricsOf(run.flags, run.config)[0] ?? 'nps';
  return (await scoreMetrics(file, run, io, [metric], options))[0] as Scored;
}

/**
 * Several metrics from one read of the file: a Scored per metric, in the order given. The gates
 * (when `gated`) apply to the first; what the file itself says is said once.
 */
export async function scoreMetrics(file: string, run: Settings<SelectionFlags>, io: Io, metrics: readonly MetricName[], { defaultPeriod, gather, crossBy, gated = false }: ScoreFileOptions = {}): Promise<Scored[]> {
  const { flags, config, input: settings, said } = run;
  const listed = metricsOf(flags, config);
  const weight = flags.weight ?? config.columns?.weight;
  const by = flags.by ?? config.defaults?.by ?? [];
  const period = flags.period ?? config.defaults?.period ?? defaultPeriod;
  const dedupe = flags.dedupe ?? config.dedupe;
  const gates = gateSettings(flags, config, said);
  const { survey, results } = await countFile(file, settings, io, {
    metrics: metrics.map((metric) => (metric === 'nps' ? { name: 'nps' } : { name: metric, column: flags[metric] ?? config.columns?.[metric], scale: settings.ratingScales[metric] })),
    weight,
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
      score: said('score'),
      date: said('date'),
      by: said('by'),
      dedupe: said('dedupe'),
      weight: said('weight'),
      csat: said('csat'),
      ces: said('ces'),
      period: flags.period !== undefined || config.defaults?.period !== undefined ? said('period') : `periods by ${period ?? 'month'}`,
    },
    gather: gather ? (survey: Survey) => (columns: ChosenColumns) => gather(survey, columns, config, said) : undefined,
    crossBy: crossBy ? (survey: Survey) => (columns: ChosenColumns) => crossBy(survey, columns) : undefined,
  });
  return metrics.map((metric, i) => {
    const result = results[i] as Aggregate;
    const measure = measureFor(result, {
      metric,
      // The label renames the first metric listed (eNPS, tNPS, "Support CSAT").
      label: metric === listed[0] ? (flags.label ?? config.label) : undefined,
      method: flags.interval,
      satisfied: flags.satisfied ?? config.satisfied,
      easy: flags.easy ?? config.easy,
      bands: config.bands ?? {},
      npsScale: settings.scale,
    });
    tellAboutRows(result, survey.info.file, io, dedupe, measure);
    if (i === 0) for (const note of survey.info.notes ?? []) warning(io, `${survey.info.file}: ${note}`);
    const report = buildScoreReport(result, [...result.dimensionNames, ...(period ? [period] : [])], measure);
    const filtered = result.skips.count('filtered');
    if (report.overall.responses === 0 && filtered > 0) {
      // The filter left nothing: an answer in itself (no answers from that channel this month), not a broken file.
      warning(io, `${survey.info.file}: no answers match ${filterText(flags)} (${filtered} row${filtered === 1 ? '' : 's'} left out); the answer is empty`);
    } else if (report.overall.responses === 0) {
      const what = metric === 'nps' ? 'valid 0–10 scores' : `valid ${measure.info.label} answers (${measure.info.scale})`;
      throw inputError(`${survey.info.file}: no ${what} in column ${JSON.stringify(result.scoreColumn.name)} (${result.rowsRead} rows read, all skipped)`, {
        hint: `Check the column with ${metric === 'nps' ? '--score' : `--${metric}`}, the values in it, and any --where/--since/--until${weight ? ' and the weights' : ''}.`,
      });
    }
    if (flags.benchmark !== undefined) {
      const benchmark = measure.benchmark(report.overall, flags.benchmark, flags.alpha);
      if (benchmark) report.benchmark = benchmark;
    }
    if (gated && i === 0) {
      report.gates = evaluateGates(report, result, gates, period, measure);
      for (const gate of report.gates) {
        if (gate.judged === false) warning(io, gate.message);
        if (gate.note !== undefined) note(io, gate.note);
      }
    }
    return { survey, result, report, measure, config, period, gates };
  });
}

/** The filters as given: --where channel=phone, --since 2025-01-01. */
function filterText(flags: SelectionFlags): string {
  const parts = flags.where.map((w) => `--where ${w.column}${w.op}${w.value}`);
  if (flags.since) parts.push(`--since ${formatDate(flags.since)}`);
  if (flags.until) parts.push(`--until ${formatDate(flags.until)}`);
  return parts.length > 0 ? parts.join(', ') : 'the filters';
}

/** stderr lines for the gates that failed; any makes the exit code 1. */
export function failedGates(report: ScoreReport): string[] {
  return report.gates.filter((g) => !g.passed).map((g) => lineOf('error', g.message));
}
