// A Measure: what a report measures (NPS, CSAT or CES, on its scale, maybe weighted), and the
// arithmetic that goes with it: the Stats of a tally, the headline number, the test that
// compares two samples. Commands and gates use it instead of knowing each metric.

import { bandOf, bandSettled, DEFAULT_NPS_BANDS, type Band } from './bands.js';
import { benchmarkTest, cesStats, compareMetric, csatStats, defaultTopRange, headline, metricChange, scaleRange, type AnyStats, type BenchmarkResult, type MetricName, type RatingScaleName, type ValueRange } from './metrics.js';
import type { Change, Comparison } from './significance.js';
import { statsOf, tallyNpsClasses, weightedNpsClasses, type IntervalMethod } from './stats.js';
import { classCounts } from './shrinkage.js';
import type { Tally } from './tally.js';
import type { MetricInfo } from './report.js';

export interface Measure {
  info: MetricInfo;
  stats(tally: Tally): AnyStats;
  /** The tally's class counts for shrinkage, as classCounts reads them off its Stats (worked out without them where that is the same). */
  classes(tally: Tally): number[] | null;
  headline(stats: AnyStats): number | null;
  compare(a: AnyStats, b: AnyStats, alpha: number): Comparison | null;
  /** compare's difference and p-value alone (the same doubles), without the interval's cost where it can be left out. */
  change(a: AnyStats, b: AnyStats, alpha: number): Change | null;
  /** The headline against an outside figure (--benchmark). */
  benchmark(stats: AnyStats, value: number, alpha: number): BenchmarkResult | null;
}

export const DEFAULT_LABELS: Record<MetricName, string> = { nps: 'NPS', csat: 'CSAT', ces: 'CES' };

export interface MeasureSettings {
  metric: MetricName;
  label: string | undefined;
  method: IntervalMethod;
  satisfied: ValueRange | undefined;
  easy: ValueRange | undefined;
  /** Bands per metric (NPS has defaults). */
  bands: Partial<Record<MetricName, readonly Band[]>>;
  npsScale: string;
}

/** What a count found that the measure depends on: the columns, and a rating's scale. */
export interface MeasuredColumns {
  scoreColumn: { name: string };
  weightColumn: string | null;
  ratingScale: { scale: RatingScaleName; reason: string } | null;
}

/**
 * A tally's class counts for shrinkage, as classCounts reads them off its Stats. For NPS the
 * Stats' counts are npsClasses' (statsOf's own), and weighted their shares of the effective size
 * (weightedNpsClasses): the Stats of hundreds of thousands of groups are not worked out for
 * three numbers.
 */
function classesOf(metric: MetricName, weighted: boolean, stats: (tally: Tally) => AnyStats): (tally: Tally) => number[] | null {
  if (metric !== 'nps') return (tally) => classCounts(metric, stats(tally));
  if (weighted) return weightedNpsClasses;
  return (tally) => {
    const classes = tallyNpsClasses(tally);
    return classes[0] + classes[1] + classes[2] > 0 ? classes : null;
  };
}

export function measureFor(result: MeasuredColumns, settings: MeasureSettings): Measure {
  const { metric, method } = settings;
  const weighted = result.weightColumn !== null;
  // An empty list of bands means none.
  const listed = settings.bands[metric] ?? (metric === 'nps' ? DEFAULT_NPS_BANDS : null);
  const bands = listed && listed.length > 0 ? listed : null;
  const info: MetricInfo = {
    name: metric,
    label: settings.label ?? DEFAULT_LABELS[metric],
    column: result.scoreColumn.name,
    scale: result.ratingScale?.scale ?? settings.npsScale,
    ...(result.ratingScale ? { scaleFrom: result.ratingScale.reason } : {}),
    ...(result.weightColumn !== null ? { weight: result.weightColumn } : {}),
  };
  let compute: (tally: Tally) => AnyStats;
  // The answers' range, for tests on means (a difference cannot be wider than the scale).
  const range = result.ratingScale ? scaleRange(result.ratingScale.scale) : undefined;
  if (metric === 'nps' || !result.ratingScale) compute = (tally) => statsOf(tally, method, weighted);
  else {
    const scale = result.ratingScale.scale;
    if (metric === 'csat') {
      const satisfied = settings.satisfied ?? defaultTopRange('csat', scale);
      info.satisfied = [satisfied[0], satisfied[1]];
      compute = (tally) => csatStats(tally, satisfied, method, weighted);
    } else {
      const easy = settings.easy ?? defaultTopRange('ces', scale);
      info.easy = [easy[0], easy[1]];
      compute = (tally) => cesStats(tally, easy, scaleRange(scale), weighted);
    }
  }
  const stats = (tally: Tally): AnyStats => {
    const stats = compute(tally);
    if (!bands) return stats;
    const value = headline(metric, stats);
    // Set on the new object (compute's own), not spread into a copy: one object per group, and hundreds of thousands of groups.
    stats.band = bandOf(value, bands);
    stats.bandSettled = bandSettled(value, stats.interval, bands);
    return stats;
  };
  return {
    info,
    stats,
    classes: classesOf(metric, weighted, stats),
    headline: (stats) => headline(metric, stats),
    compare: (a, b, alpha) => compareMetric(metric, a, b, alpha, range),
    change: (a, b, alpha) => metricChange(metric, a, b, alpha, range),
    benchmark: (stats, value, alpha) => benchmarkTest(metric, stats, value, alpha, range),
  };
}
