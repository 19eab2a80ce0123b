// What moves the score: a group's impact on the overall NPS, and whether the group differs
// significantly from the rest.

import { compareNps } from './significance.js';
import { statsOf, type IntervalMethod, type Stats } from './stats.js';
import type { Tally } from './tally.js';

export interface Driver {
  stats: Stats;
  /** NPS(all) − NPS(all but this group), in points: negative when the group drags the score down. */
  impact: number | null;
  /** The group's NPS differs from the rest's at the level alpha (two-sided z test). */
  significant: boolean;
  pValue: number | null;
}

export function driverOf(all: Tally, group: Tally, alpha: number, method: IntervalMethod): Driver {
  const rest = all.minus(group);
  const stats = statsOf(group, method);
  const allStats = statsOf(all, method);
  const restStats = statsOf(rest, method);
  const comparison = compareNps(restStats, stats, alpha);
  const impact = allStats.nps !== null && restStats.nps !== null ? allStats.nps - restStats.nps : null;
  return { stats, impact, significant: comparison?.significant ?? false, pValue: comparison?.pValue ?? null };
}
