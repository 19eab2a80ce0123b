// What moves the score: a group's impact on the overall score (NPS, CSAT or CES), and whether
// the group differs significantly from the rest.

import type { AnyStats } from './metrics.js';
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
  /** The group's score differs from the rest's at the level alpha (the metric's two-sided test). */
  significant: boolean;
  pValue: number | null;
}

export function driverOf(all: Tally, group: Tally, alpha: number, measure: DriverMeasure): Driver {
  const rest = all.minus(group);
  const stats = measure.stats(group);
  const overall = measure.headline(measure.stats(all));
  const restStats = measure.stats(rest);
  const without = rest.responses > 0 ? measure.headline(restStats) : null;
  const comparison = rest.responses > 0 ? measure.compare(restStats, stats, alpha) : null;
  const impact = overall !== null && without !== null ? overall - without : null;
  return { stats, impact, significant: comparison?.significant ?? false, pValue: comparison?.pValue ?? null };
}
