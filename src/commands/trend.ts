// `nps trend FILE --period month`: NPS per period as a chart and a table, with the change
// from the previous period, thin periods marked, an optional rolling NPS, one series per group.

import type { z } from 'zod/v3';
import type { Settings } from '../pipeline/settings.js';
import { periodRange, type Period } from '../core/calendar.js';
import { compareKeys, type GroupTallies } from '../core/group-tallies.js';
import { rollingTallies } from '../core/rolling.js';
import type { Tally } from '../core/tally.js';
import { adjustPValues } from '../core/multiplicity.js';
import { colorLevel, paletteFor } from '../render/color.js';
import { fitWidth, rowLimit, type Io, type Outcome } from '../pipeline/io.js';
import { stepping, writingGroups } from '../pipeline/progress.js';
import { PIECES } from '../render/index.js';
import { lastAnswered, renderTrendTable, type TrendSeries } from '../render/trend-table.js';
import { seriesId, seriesOf, type GroupRow, type ScoreReport } from '../core/report.js';
import { addColumns, ExtraColumns, mergedFields } from '../core/extra-columns.js';
import { SelectionFlags, failedGates, metricsOf, scoreMetrics, type GateSettings, type Scored } from '../pipeline/score-file.js';
import { metricsPieces, renderMetrics } from '../render/several-metrics.js';
import type { Config } from '../pipeline/config.js';
import type { Measure } from '../core/measure.js';
import { headline, type AnyStats, type MetricName } from '../core/metrics.js';
import { OWN, SELECTION, schemaOf } from '../pipeline/flags.js';

const TrendFlags = SelectionFlags.extend({ ...schemaOf(OWN.trend).shape, format: SELECTION.format.type });
/** What runCli parses this command's flags with. */
export const schema = TrendFlags;

export const TREND_FIELDS = ['change', 'changeFrom', 'changePValue', 'changePAdjusted', 'changeSignificant', 'thin'] as const;

const seriesLabel = (key: readonly string[], label: string): string => (key.length === 0 ? label : key.map((v) => v || '(blank)').join(' / '));

/**
 * Adds to each group row its change from the series' previous period with answers, and whether
 * it is thin. Every change between two periods that are not thin is one test of a family (all
 * series, all periods), adjusted together; a change next to a thin period is not judged. The
 * fields are kept in columns (core/extra-columns.ts), not an object per group.
 */
export function addChanges(report: ScoreReport, gates: Pick<GateSettings, 'minResponses' | 'alpha' | 'adjust'>, measure: Measure): void {
  const groups = report.groups;
  // Each series' groups by their place in the report.
  const bySeries = new Map<string, number[]>();
  groups.forEach((row, at) => {
    const id = seriesOf(row.key);
    const places = bySeries.get(id);
    if (places) places.push(at);
    else bySeries.set(id, [at]);
  });
  const columns = new ExtraColumns(groups.length);
  const change = columns.numbers('change');
  const changeFrom = columns.texts('changeFrom');
  const changePValue = columns.numbers('changePValue');
  const changePAdjusted = columns.numbers('changePAdjusted');
  const changeSignificant = columns.flags('changeSignificant');
  const thin = columns.flags('thin');
  // The tests in the order of the family: series by series, each in time order.
  const order = new Int32Array(groups.length);
  const tested: (number | null)[] = [];
  for (const places of bySeries.values()) {
    places.sort((a, b) => compareKeys((groups[a] as GroupRow).key.slice(-1), (groups[b] as GroupRow).key.slice(-1)));
    // Each row's Stats read once (a report's groups may work theirs out when read).
    let before: AnyStats | undefined;
    places.forEach((at, i) => {
      const stats = (groups[at] as GroupRow).stats;
      // The change and its p-value are all a trend keeps (compare's interval is not worked out).
      const comparison = before === undefined ? null : measure.change(before, stats, gates.alpha);
      const judged = before !== undefined && comparison !== null && stats.responses >= gates.minResponses && before.responses >= gates.minResponses;
      if (comparison !== null) {
        change[at] = comparison.difference;
        changePValue[at] = comparison.pValue;
      }
      changeFrom[at] = i === 0 ? null : ((groups[places[i - 1] as number] as GroupRow).key.at(-1) ?? null);
      thin[at] = stats.responses < gates.minResponses ? 1 : 0;
      order[tested.length] = at;
      tested.push(judged ? (comparison?.pValue ?? null) : null);
      before = stats;
    });
  }
  adjustPValues(tested, gates.adjust).forEach((pAdjusted, i) => {
    if (pAdjusted === null) return;
    const at = order[i] as number;
    changePAdjusted[at] = pAdjusted;
    // No verdict (-1) where no p-value was adjusted: the first period, or a thin period on either side.
    if (tested[i] !== null) changeSignificant[at] = pAdjusted < gates.alpha ? 1 : 0;
  });
  addColumns(groups, columns);
}

/** A series before its Stats: its tally in each period of the range (null: no answers). */
interface SeriesTallies {
  label: string;
  key: string[];
  tallies: (Tally | null)[];
  responses: number;
}

/**
 * Every series (one per group value), each over every period in the range, gaps as null, from
 * the counted tallies; ranked by answers (the largest first, ties by key), as a table draws them.
 */
function rankedSeries(groups: GroupTallies, periods: readonly string[], label: string): SeriesTallies[] {
  // By the series' key, not its label: two series may read alike (seriesOf).
  const byKey = new Map<string, { key: string[]; tallies: Map<string, Tally> }>();
  for (const { key: full, tally } of groups.entries()) {
    const id = seriesOf(full);
    const entry = byKey.get(id) ?? { key: full.slice(0, -1), tallies: new Map<string, Tally>() };
    entry.tallies.set(full.at(-1) ?? '', tally);
    byKey.set(id, entry);
  }
  const series = [...byKey.values()].map((entry): SeriesTallies => {
    const tallies = periods.map((p) => entry.tallies.get(p) ?? null);
    return { label: seriesLabel(entry.key, label), key: entry.key, tallies, responses: tallies.reduce((sum, t) => sum + (t?.responses ?? 0), 0) };
  });
  return series.sort((a, b) => b.responses - a.responses || compareKeys(a.key, b.key));
}

/** A series' Stats in each period (and its rolling NPS, with --rolling). */
function withStats(series: SeriesTallies, rolling: number | undefined, measure: Measure): TrendSeries {
  const { label, key, tallies, responses } = series;
  return {
    label,
    key,
    stats: tallies.map((t) => (t ? measure.stats(t) : null)),
    rolling: rolling ? rollingStats(tallies, rolling, measure) : null,
    responses,
  };
}

/** A series' Stats over each window of `rolling` periods ending at each period. */
function rollingStats(tallies: SeriesTallies['tallies'], rolling: number, measure: Measure): AnyStats[] {
  return rollingTallies(tallies, rolling).map((t) => measure.stats(t));
}

/** The latest period's headline of a series (null when it has none). */
function latest(series: TrendSeries, metric: MetricName): number | null {
  const stats = series.stats[lastAnswered(series)];
  return stats ? headline(metric, stats) : null;
}

/** How --sort orders the series drawn (ties, and series without a score, by key). */
function seriesOrder(sort: 'key' | 'responses' | 'nps', metric: MetricName): (a: TrendSeries, b: TrendSeries) => number {
  const byKey = (a: TrendSeries, b: TrendSeries): number => compareKeys(a.key, b.key);
  if (sort === 'responses') return (a, b) => b.responses - a.responses || byKey(a, b);
  if (sort === 'nps') return (a, b) => (latest(b, metric) ?? -Infinity) - (latest(a, metric) ?? -Infinity) || byKey(a, b);
  return byKey;
}

export async function trendCommand(file: string, run: Settings<z.output<typeof TrendFlags>>, io: Io): Promise<Outcome & { report: ScoreReport }> {
  const flags = run.flags;
  const metrics = metricsOf(flags, run.config);
  // Every metric from one read of the file; the gates apply to the first metric listed.
  const trends = (await scoreMetrics(file, run, io, metrics, { defaultPeriod: 'month', gated: true })).map((scored) => trendOf(scored, flags));
  const first = trends[0] as Trend;
  const format = flags.format ?? first.config.defaults?.format ?? 'table';
  const color = await paletteFor(format === 'table' ? colorLevel(flags.color, io.env, io.stdoutIsTTY) : 0);
  if (format !== 'table') {
    // Written while it is made, as score's (one metric or several): a day trend of 146,000 changes is never one string.
    const pieces = await PIECES[format]();
    const context = { color, distribution: false, raw: flags.raw };
    const { large, what } = writingGroups(first.report.groups.length);
    const body = trends.length === 1 ? pieces(first.report, context) : metricsPieces(trends.map((t) => t.report), format, (r) => pieces(r, context), flags.raw);
    return { report: first.report, stdout: '', body: stepping(io, large, what, body), gateFailures: failedGates(first.report) };
  }
  const width = Number(io.env.COLUMNS) > 0 ? Number(io.env.COLUMNS) : (io.stdoutColumns ?? 80);
  const one = (trend: Trend): string => {
    // The largest series by answers are drawn, their Stats worked out; the rest are named as left out.
    const ranked = trend.ranked();
    const shown = ranked.slice(0, flags.top).map(trend.drawn).sort(seriesOrder(flags.sort, trend.report.metric.name));
    return renderTrendTable({
      report: trend.report, periods: trend.periods, series: shown, leftOut: ranked.slice(flags.top), rolling: flags.rolling,
      minResponses: trend.gates.minResponses, alpha: trend.gates.alpha, adjust: trend.gates.adjust, width, fit: fitWidth(io, flags.output), limit: rowLimit(io, flags), color,
    });
  };
  const stdout = trends.length === 1 ? one(first) : renderMetrics(trends.map((t) => t.report), format, (report) => one(trends.find((t) => t.report === report) as Trend), flags.raw);
  return { report: first.report, stdout, gateFailures: failedGates(first.report) };
}

interface Trend {
  report: ScoreReport;
  /**
   * The series, ranked by answers, made when asked (JSON, CSV and Markdown write the report alone);
   * and a series with its Stats, as drawn. A table draws a few: a day trend by agent has hundreds
   * of series of hundreds of days, whose Stats took ~0.2 s at 146,000 groups.
   */
  ranked: () => SeriesTallies[];
  drawn: (series: SeriesTallies) => TrendSeries;
  periods: string[];
  config: Config;
  gates: GateSettings;
}

function trendOf(scored: Scored, flags: z.output<typeof TrendFlags>): Trend {
  const { report, config, gates, measure } = scored;
  const period = scored.period as Period;
  addChanges(report, gates, measure);
  // The first and last period (ISO keys: code-unit order is time order), found in one pass.
  let first: string | null = null;
  let last: string | null = null;
  for (const group of report.groups) {
    const key = group.key.at(-1) ?? '';
    if (first === null || key < first) first = key;
    if (last === null || key > last) last = key;
  }
  const periods = first !== null && last !== null ? periodRange(first, last, period) : [];
  let made: SeriesTallies[] | undefined;
  const ranked = (): SeriesTallies[] => (made ??= rankedSeries(scored.result.groups, periods, measure.info.label));
  // Each series' Stats once, as drawn (a table draws a few).
  const withStatsOf = new Map<SeriesTallies, TrendSeries>();
  const drawn = (series: SeriesTallies): TrendSeries => {
    let full = withStatsOf.get(series);
    if (full === undefined) withStatsOf.set(series, (full = withStats(series, flags.rolling, measure)));
    return full;
  };

  report.extraNames = [...TREND_FIELDS];
  if (flags.rolling) {
    const window = flags.rolling;
    report.extraNames.push('rolling', 'rollingInterval', 'rollingResponses');
    const byKey = new Map(ranked().map((s) => [seriesId(s.key), s]));
    const periodAt = new Map(periods.map((period, i) => [period, i]));
    // A series' rolling Stats (rollingStats, as drawn has them), kept while its groups are read: the groups
    // are in key order, so each series' come together (any other order only works them out again).
    // Every series drawn first held every period's Stats too: ~250 MB at 146,000 groups.
    let windows = null as { id: string; stats: AnyStats[] } | null;
    for (const row of report.groups) {
      const id = seriesOf(row.key);
      if (windows?.id !== id) {
        const series = byKey.get(id);
        windows = { id, stats: series ? rollingStats(series.tallies, window, measure) : [] };
      }
      const pooled = windows.stats[periodAt.get(row.key.at(-1) ?? '') ?? -1];
      row.extra = mergedFields(row.extra ?? {}, { rolling: pooled ? measure.headline(pooled) : null, rollingInterval: pooled?.interval ?? null, rollingResponses: pooled?.responses ?? 0 });
    }
  }
  return { report, ranked, drawn, periods, config, gates };
}
