// CI gates on a score report: each says what it checked and whether it passed. Pure.

import type { AnyStats } from './metrics.js';
import type { Measure } from './measure.js';
import type { GateResult } from './report.js';
import { differenceText, headlineText } from './format-number.js';
import { criticalZ, type Comparison } from './significance.js';
import { answerVariance, detectableDifference } from './plan.js';
import type { MetricName } from './metrics.js';
import type { Stats } from './stats.js';

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

/** "NPS +12.0", "CSAT 81.0%", "eNPS -3.0". */
const shown = (measure: Measure, stats: AnyStats): string => `${measure.info.label} ${headlineText(measure.info.name, measure.headline(stats))}`;

/** `said` names where a threshold came from in messages: the flag, or the config file's key. */
export function minGate(overall: AnyStats, min: number, measure: Measure, said = '--min'): GateResult {
  const value = measure.headline(overall) ?? -Infinity;
  return value < min
    ? { gate: '--min', passed: false, message: `${shown(measure, overall)} is below the minimum ${min} (${said})` }
    : { gate: '--min', passed: true, message: `${shown(measure, overall)} is at or above the minimum ${min} (${said})` };
}

export function minGroupGates(names: readonly string[], groups: readonly { key: string[]; stats: AnyStats }[], options: GateOptions & { minGroup: number }, measure: Measure, said = '--min-group'): GateResult[] {
  // Thin groups, and groups whose weights add up to 0 (no score), are not held to the gate.
  // Each group's Stats read once (a report's groups may work theirs out when read).
  let held = 0;
  const failing: GateResult[] = [];
  for (const g of groups) {
    const stats = g.stats;
    const score = measure.headline(stats);
    if (stats.responses < options.minResponses || score === null) continue;
    held++;
    if (score < options.minGroup) {
      failing.push({
        gate: '--min-group',
        passed: false,
        message: `group ${describeKey(names, g.key)}: ${shown(measure, stats)} (n = ${stats.responses}) is below the minimum ${options.minGroup} (${said})`,
      });
    }
  }
  if (failing.length === 0) {
    return [{ gate: '--min-group', passed: true, message: `all ${held} groups with at least ${options.minResponses} responses are at or above ${options.minGroup} (${said})` }];
  }
  return failing;
}

/**
 * About the smallest fall the test can call significant at these sizes: for NPS, nps plan's
 * figure for the two sizes and their pooled mix; for CSAT and CES, the critical value times the
 * standard error of an approximate test (none for an exact one).
 */
function smallestSignificant(previous: AnyStats, latest: AnyStats, comparison: Comparison | null, alpha: number, metric: MetricName): number | null {
  if (metric === 'nps') {
    const [a, b] = [previous as Stats, latest as Stats];
    const n = a.responses + b.responses;
    const share = (x: number | null, y: number | null): number => (((x ?? 0) / 100) * a.responses + ((y ?? 0) / 100) * b.responses) / n;
    const mix = { promoters: share(a.promoterShare, b.promoterShare), passives: share(a.passiveShare, b.passiveShare), detractors: share(a.detractorShare, b.detractorShare) };
    return detectableDifference(a.responses, b.responses, answerVariance(mix), alpha, 0.5).significantFrom;
  }
  if (!comparison?.standardError || comparison.test === 'exact-permutation') return null;
  return criticalZ(alpha) * comparison.standardError;
}

/**
 * The latest period against the one before it that has answers: a fall larger than X that is
 * also significant fails. Not judged (passed, with the reason) when either period is thin. When
 * the periods are too small for a fall of X to be significant, a note says how large it must be.
 */
export function maxDropGate(periods: readonly { key: string; stats: AnyStats }[], maxDrop: number, alpha: number, measure: Measure, minResponses: number, said = '--max-drop'): GateResult {
  const withAnswers = periods.filter((p) => p.stats.responses > 0 && measure.headline(p.stats) !== null);
  const latest = withAnswers.at(-1);
  const previous = withAnswers.at(-2);
  if (!latest || !previous) {
    return { gate: '--max-drop', passed: true, message: `fewer than two periods with answers: nothing to compare (${said})` };
  }
  const metric = measure.info.name;
  const value = (stats: AnyStats): string => headlineText(metric, measure.headline(stats));
  const where = `from ${previous.key} (${value(previous.stats)}, n = ${previous.stats.responses}) to ${latest.key} (${value(latest.stats)}, n = ${latest.stats.responses})`;
  const thin = [previous, latest].filter((p) => p.stats.responses < minResponses);
  if (thin.length > 0) {
    const which = thin.map((p) => `${p.key} has ${p.stats.responses} answer${p.stats.responses === 1 ? '' : 's'}`).join(' and ');
    return { gate: '--max-drop', passed: true, judged: false, message: `not judged ${where}: ${which}, fewer than --min-responses ${minResponses}, too few to tell a fall from chance (${said})` };
  }
  const comparison = measure.compare(previous.stats, latest.stats, alpha);
  const drop = -(comparison?.difference ?? 0);
  const p = comparison ? comparison.pValue.toFixed(3) : '–';
  const unit = metric === 'ces' ? '' : ' points';
  const amount = (x: number): string => (metric === 'ces' ? x.toFixed(2) : x.toFixed(1));
  const smallest = smallestSignificant(previous.stats, latest.stats, comparison, alpha, metric);
  const level = `${Math.round((1 - alpha) * 1000) / 10}%`;
  const note =
    smallest !== null && smallest > maxDrop
      ? `--max-drop ${maxDrop}: with ${previous.stats.responses} and ${latest.stats.responses} answers in ${previous.key} and ${latest.key}, only a fall of about ${amount(smallest)}${unit} or more can be significant at ${level}, so a smaller fall never fails this gate (nps plan --n ${Math.min(previous.stats.responses, latest.stats.responses)} shows what a size can detect)`
      : undefined;
  const extra = note === undefined ? {} : { note };
  if (drop > maxDrop && comparison?.significant) {
    return { gate: '--max-drop', passed: false, ...extra, message: `${measure.info.label} fell ${amount(drop)}${unit} ${where}: more than ${maxDrop} and significant (p = ${p}) (${said})` };
  }
  const why = drop > maxDrop ? `more than ${maxDrop} but not significant (p = ${p})` : `not more than ${maxDrop}`;
  return { gate: '--max-drop', passed: true, ...extra, message: `${measure.info.label} changed ${differenceText(metric, -drop)}${unit} ${where}: ${why} (${said})` };
}
