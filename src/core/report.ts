// The Report of `nps score` (and `nps trend`): pure, JSON-safe data that every renderer turns into text.

import type { SkipSummary } from './skips.js';

/** What a report can be printed as (score, trend, compare, drivers, comments); --format. */
export const FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

/** --color: auto (a terminal without NO_COLOR), always, never. */
/** What `nps list` writes. */
export const LIST_FORMATS = ['table', 'csv', 'json', 'ndjson'] as const;
/** What `nps plan` writes. */
export const PLAN_FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export const COLOR_CHOICES = ['auto', 'always', 'never'] as const;
export type ColorChoice = (typeof COLOR_CHOICES)[number];
import type { AnyStats, BenchmarkResult, MetricName } from './metrics.js';
import type { ExtraColumns } from './extra-columns.js';

/** A value a command adds to a group row; an interval (a name ending in Interval) is two CSV columns, …Low and …High. */
export type ExtraValue = number | string | boolean | null | readonly [number, number];

/** What a report measures, as stated in its output. */
export interface MetricInfo {
  name: MetricName;
  /** How the measure is called wherever it is shown (NPS, eNPS, tNPS, CSAT, CES). */
  label: string;
  /** The measured column, exactly as in the file. */
  column: string;
  /** The answer scale: 0-10 (or 1-11 recoded) for NPS; 1-5, 1-7 or 1-10 for CSAT and CES. */
  scale: string;
  /** How the scale was decided: given (flag or config), header, labels (Likert text), values. */
  scaleFrom?: string;
  /** The answers that count as satisfied (CSAT) or easy (CES). */
  satisfied?: [number, number];
  easy?: [number, number];
  /** The --weight column, when answers are weighted. */
  weight?: string;
}

export interface GroupRow {
  /** One value per key name, in the same order. */
  key: string[];
  stats: AnyStats;
  /** Its class counts for shrinkage without its Stats, where the group can tell them (classCounts of its Stats otherwise). */
  classes?(): number[] | null;
  /** Fields a command adds after the Stats (trend: change, thin, …), in `extraNames` order. */
  extra?: Record<string, ExtraValue>;
  /**
   * Reads its fields from row `at` of `columns` from now on, after those it has (addColumns):
   * for a group that can, in place of an object of its own.
   */
  useColumns?(columns: ExtraColumns, at: number): void;
}

/**
 * The trend series a group belongs to (its key without the last value, the period), as one
 * string: JSON, so that two series whose labels read alike (a blank value and "(blank)"; "a / b"
 * + "c" and "a" + "b / c") are still two.
 */
export function seriesOf(key: readonly string[]): string {
  return seriesId(key.slice(0, -1));
}

/** The id seriesOf gives a series, from its values (a group's key without the period). */
export function seriesId(values: readonly string[]): string {
  return JSON.stringify(values);
}

/** A group as plain data: its key, its Stats, and its extra fields when it has any. */
export function plainGroup(group: GroupRow): GroupRow {
  return { key: group.key, stats: group.stats, ...(group.extra === undefined ? {} : { extra: group.extra }) };
}

export interface GateResult {
  /** The flag that set the gate: --min, --min-group, --max-drop. */
  gate: string;
  passed: boolean;
  /** One line saying what was checked and what came out. */
  message: string;
  /** False when the gate did not judge (too few answers to tell): it passes, and says why on stderr. */
  judged?: boolean;
  /** Something the user should know about the gate as set (said once on stderr). */
  note?: string;
}

export interface ScoreReport {
  metric: MetricInfo;
  /** Column headers exactly as in the file, then the period name (month, week, …). */
  keyNames: string[];
  overall: AnyStats;
  /** --benchmark: the overall score against an outside figure. */
  benchmark?: BenchmarkResult;
  groups: GroupRow[];
  skipped: SkipSummary;
  /** The gates the user set, passed or not. */
  gates: GateResult[];
  /** Names of the extra group fields, in order. */
  extraNames?: string[];
  /** The prior the groups' shrunk scores come from (score --by): its α per class and their sum. */
  shrinkage?: ShrinkageInfo;
  /** With --top: how many groups are listed of how many there are. */
  top?: { shown: number; of: number };
}

export interface ShrinkageInfo {
  /** The group field that holds the shrunk score: shrunkNps or shrunkCsat. */
  field: string;
  /** α per class: promoters, passives, detractors (NPS) or satisfied, notSatisfied (CSAT); pooled, the pooled shares. */
  prior: Record<string, number>;
  /** Σα: the prior's weight in answers; null when pooled (without end). */
  strength: number | null;
  /** The groups differ no more than chance makes them: each is shrunk all the way to the pooled score. */
  pooled: boolean;
}

/** The JSON contract: { overall, groups: [{ key: {name: value}, ...Stats, ...extra }], skipped, gates? }. */
export function toJsonShape(report: ScoreReport): object {
  // Each group's key copied from one made here, then its values set: fromEntries defines own
  // properties, and a spread copies them as such, so a header such as "__proto__" stays a plain
  // key (set, it is the key's own). A fromEntries per group took ~0.1 s more for 393,000 groups.
  const { keyNames } = report;
  const blank = Object.fromEntries(keyNames.map((name) => [name, '']));
  const keyOf = (values: readonly string[]): Record<string, string> => {
    const key = { ...blank };
    for (let i = 0; i < keyNames.length; i++) key[keyNames[i] as string] = values[i] ?? '';
    return key;
  };
  return {
    metric: report.metric,
    overall: report.overall,
    ...(report.benchmark ? { benchmark: report.benchmark } : {}),
    groups: report.groups.map((group) => ({ key: keyOf(group.key), ...group.stats, ...group.extra })),
    ...(report.top ? { top: report.top } : {}),
    ...(report.shrinkage ? { shrinkage: report.shrinkage } : {}),
    skipped: report.skipped,
    ...(report.gates.length > 0 ? { gates: report.gates } : {}),
  };
}

/** `nps inspect`: what was read and detected, column by column (its JSON is this object). */
export interface InspectColumn {
  index: number;
  name: string;
  question: string | null;
  /** score, date, id, comment, dimension or ignored. */
  role: string;
  distinct: number;
  distinctCapped: boolean;
  blank: number;
  samples: string[];
}

export interface InspectReport {
  file: string;
  format: string;
  encoding: string | null;
  bom: boolean | null;
  encodingReason: string | null;
  delimiter: string | null;
  delimiterReason: string | null;
  sheet: { name: string; how: string; others: string[] } | null;
  /** plain, qualtrics, qualtrics-legacy or surveymonkey. */
  layout: { vendor: string; headerRows: number[]; titleRows: number[] };
  rows: number;
  columns: InspectColumn[];
  score: {
    column: string | null;
    question: string | null;
    detected: boolean;
    problem: string | null;
    /** 0-10 or 1-11. */
    scale: string;
    looksOneToEleven: boolean;
    distribution: number[];
    responses: number;
    missing: number;
    invalid: number;
    nps: number | null;
  };
  date: {
    column: string | null;
    detected: boolean;
    /** dmy, mdy, ambiguous or mixed. */
    dayOrder: string | null;
    first: string | null;
    last: string | null;
    missing: number;
    unreadable: number;
  };
}
