// What moves the score: a group's impact on the overall score (NPS, CSAT or CES), with its
// interval, and whether the group differs from the rest, judged as one of a family of tests.

import type { AnyStats } from './metrics.js';
import { adjustPValues, type AdjustMethod } from './multiplicity.js';
import type { Comparison } from './significance.js';
import type { Tally } from './tally.js';

/** The arithmetic of the metric measured (commands pass their Measure). */
export interface DriverMeasure {
  stats(tally: Tally): AnyStats;
  headline(stats: AnyStats): number | null;
  compare(a: AnyStats, b: AnyStats, alpha: number): Comparison | null;
}

export interface Driver {
  stats: AnyStats;
  /** Score(all) − score(all but this group): negative when the group drags the score down. */
  impact: number | null;
  /**
   * The impact's interval. The score of all is the groups' scores weighted by their share of the
   * answers (of Σw when weighted), so impact = share × (group − rest), and its interval is that
   * share times the interval of the group-against-rest difference, by the same test.
   */
  impactInterval: [number, number] | null;
  /** The group against the rest, unadjusted; null when there is no rest or no headline. */
  pValue: number | null;
  /** Too few answers (below --min-responses) to be judged: never significant, not in the family. */
  thin: boolean;
}

export interface JudgedDriver extends Driver {
  /** The p-value adjusted across the family; null when the group was not judged. */
  pAdjusted: number | null;
  significant: boolean;
}

export function driverOf(all: Tally, group: Tally, alpha: number, measure: DriverMeasure, minResponses: number): Driver {
  const rest = all.minus(group);
  const stats = measure.stats(group);
  const overall = measure.headline(measure.stats(all));
  const restStats = measure.stats(rest);
  const without = rest.responses > 0 ? measure.headline(restStats) : null;
  const comparison = rest.responses > 0 && stats.responses > 0 ? measure.compare(restStats, stats, alpha) : null;
  // A group without answers moves nothing: no impact rather than 0.
  const impact = overall !== null && without !== null && group.responses > 0 ? overall - without : null;
  // Unweighted, every answer weighs 1 and weightBetween() is the count.
  const share = all.weightBetween() > 0 ? group.weightBetween() / all.weightBetween() : 0;
  const impactInterval: [number, number] | null = comparison && impact !== null ? [share * comparison.interval[0], share * comparison.interval[1]] : null;
  return { stats, impact, impactInterval, pValue: comparison?.pValue ?? null, thin: group.responses < minResponses };
}

/**
 * A family of tests: the p-values of the groups that are not thin adjusted together; significant
 * when the adjusted p is below alpha. Thin groups keep their raw p-value but are not judged.
 * The two fields come first in each item made, the item's own after them (it has neither): an
 * object spread at the start of a literal with fields after it took ~1 µs an item (BENCHMARKS.md,
 * issue 17, twenty-second session). What the items are written as names its fields in order.
 */
export function judgeFamily<T extends { pValue: number | null; thin: boolean }>(items: readonly T[], method: AdjustMethod, alpha: number): (T & { pAdjusted: number | null; significant: boolean })[] {
  const adjusted = adjustPValues(items.map((item) => (item.thin ? null : item.pValue)), method);
  return items.map((item, i) => {
    const pAdjusted = adjusted[i] ?? null;
    return { pAdjusted, significant: pAdjusted !== null && pAdjusted < alpha, ...item };
  });
}
