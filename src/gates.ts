// CI gates on a score report: each says what it checked and whether it passed. Pure.

import { compareNps } from './core/significance.js';
import type { Stats } from './core/stats.js';
import type { GateResult } from './report.js';
import { signedOneDecimal } from './render/format-number.js';

export interface GateOptions {
  min: number | undefined;
  minGroup: number | undefined;
  /** Groups smaller than this are not held to --min-group. */
  minResponses: number;
  maxDrop: number | undefined;
  alpha: number;
}

const describeKey = (names: readonly string[], key: readonly string[]): string =>
  names.map((name, i) => `${name}=${key[i] === '' ? '(blank)' : key[i]}`).join(', ');

export function minGate(overall: Stats, min: number): GateResult {
  const nps = overall.nps ?? -Infinity;
  return nps < min
    ? { gate: '--min', passed: false, message: `NPS ${signedOneDecimal(overall.nps)} is below the minimum ${min} (--min)` }
    : { gate: '--min', passed: true, message: `NPS ${signedOneDecimal(overall.nps)} is at or above the minimum ${min} (--min)` };
}

export function minGroupGates(names: readonly string[], groups: readonly { key: string[]; stats: Stats }[], options: GateOptions & { minGroup: number }): GateResult[] {
  const held = groups.filter((g) => g.stats.responses >= options.minResponses);
  const failing = held.filter((g) => (g.stats.nps ?? -Infinity) < options.minGroup);
  if (failing.length === 0) {
    return [{ gate: '--min-group', passed: true, message: `all ${held.length} groups with at least ${options.minResponses} responses are at or above ${options.minGroup} (--min-group)` }];
  }
  return failing.map((g) => ({
    gate: '--min-group',
    passed: false,
    message: `group ${describeKey(names, g.key)}: NPS ${signedOneDecimal(g.stats.nps)} (n = ${g.stats.responses}) is below the minimum ${options.minGroup} (--min-group)`,
  }));
}

/** The latest period against the one before it that has answers: a fall larger than X that is also significant fails. */
export function maxDropGate(periods: readonly { key: string; stats: Stats }[], maxDrop: number, alpha: number): GateResult {
  const withAnswers = periods.filter((p) => p.stats.responses > 0);
  const latest = withAnswers.at(-1);
  const previous = withAnswers.at(-2);
  if (!latest || !previous) {
    return { gate: '--max-drop', passed: true, message: 'fewer than two periods with answers: nothing to compare (--max-drop)' };
  }
  const comparison = compareNps(previous.stats, latest.stats, alpha);
  const drop = -(comparison?.difference ?? 0);
  const where = `from ${previous.key} (${signedOneDecimal(previous.stats.nps)}, n = ${previous.stats.responses}) to ${latest.key} (${signedOneDecimal(latest.stats.nps)}, n = ${latest.stats.responses})`;
  const p = comparison ? comparison.pValue.toFixed(3) : '–';
  if (drop > maxDrop && comparison?.significant) {
    return { gate: '--max-drop', passed: false, message: `NPS fell ${drop.toFixed(1)} points ${where}: more than ${maxDrop} and significant (p = ${p}) (--max-drop)` };
  }
  const why = drop > maxDrop ? `more than ${maxDrop} but not significant (p = ${p})` : `not more than ${maxDrop}`;
  return { gate: '--max-drop', passed: true, message: `NPS changed ${signedOneDecimal(-drop)} points ${where}: ${why} (--max-drop)` };
}
