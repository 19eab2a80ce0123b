// The Report of `nps score` (and `nps trend`): pure, JSON-safe data that every renderer turns into text.

import type { SkipSummary } from './core/skips.js';
import type { Stats } from './core/stats.js';

export type ExtraValue = number | string | boolean | null;

export interface GroupRow {
  /** One value per key name, in the same order. */
  key: string[];
  stats: Stats;
  /** Fields a command adds after the Stats (trend: change, thin, …), in `extraNames` order. */
  extra?: Record<string, ExtraValue>;
}

export interface GateResult {
  /** The flag that set the gate: --min, --min-group, --max-drop. */
  gate: string;
  passed: boolean;
  /** One line saying what was checked and what came out. */
  message: string;
}

export interface ScoreReport {
  /** Column headers exactly as in the file, then the period name (month, week, …). */
  keyNames: string[];
  overall: Stats;
  groups: GroupRow[];
  skipped: SkipSummary;
  /** The gates the user set, passed or not. */
  gates: GateResult[];
  /** Names of the extra group fields, in order. */
  extraNames?: string[];
}

/** The JSON contract: { overall, groups: [{ key: {name: value}, ...Stats, ...extra }], skipped, gates? }. */
export function toJsonShape(report: ScoreReport): object {
  return {
    overall: report.overall,
    groups: report.groups.map((group) => ({
      // fromEntries defines own properties, so a header such as "__proto__" stays a plain key.
      key: Object.fromEntries(report.keyNames.map((name, i) => [name, group.key[i] ?? ''])),
      ...group.stats,
      ...group.extra,
    })),
    skipped: report.skipped,
    ...(report.gates.length > 0 ? { gates: report.gates } : {}),
  };
}
