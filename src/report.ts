// The Report of `nps score`: pure, JSON-safe data that every renderer turns into text.

import type { Stats } from './core/stats.js';
import type { SkipSummary } from './core/skips.js';

export interface GroupRow {
  /** One value per key name, in the same order. */
  key: string[];
  stats: Stats;
}

export interface ScoreReport {
  /** Column headers exactly as in the file, then the period name (month, week, …). */
  keyNames: string[];
  overall: Stats;
  groups: GroupRow[];
  skipped: SkipSummary;
}

/** The JSON contract: { overall, groups: [{ key: {name: value}, ...Stats }], skipped }. */
export function toJsonShape(report: ScoreReport): object {
  return {
    overall: report.overall,
    groups: report.groups.map((group) => ({
      // fromEntries defines own properties, so a header such as "__proto__" stays a plain key.
      key: Object.fromEntries(report.keyNames.map((name, i) => [name, group.key[i] ?? ''])),
      ...group.stats,
    })),
    skipped: report.skipped,
  };
}
