// `nps drivers` in each format: groups ranked by impact, then the other ratings by correlation.

import { textTable } from './text-table.js';
import type { ChalkInstance } from 'chalk';
import type { JudgedDriver } from '../core/drivers.js';
import type { SkipSummary } from '../core/skips.js';
import { headline, type AnyStats } from '../core/metrics.js';
import type { MetricInfo } from '../core/report.js';
import { intervalText } from './columns.js';
import { csvLine, statColumnsFor, statValuesFor } from './csv.js';
import { differenceText, headlineText, countText } from '../core/format-number.js';
import type { Format } from './index.js';
import type { SortKey } from '../core/ranking.js';
import type { AdjustMethod } from '../core/multiplicity.js';
import { visible } from '../core/visible.js';
import { byVerdict, paint } from './color.js';
import { fitProse } from './wrap.js';
import { leftOutLine, limited } from './limit.js';
import { documentPieces } from '../core/json-items.js';
import { GROUPS_PER_PIECE } from './json.js';

export interface RatingDriver {
  column: string;
  question: string | null;
  scale: string;
  pairs: number;
  spearman: number | null;
  /** The (1 − alpha) interval of ρ (Fisher's z), its p-value against 0, adjusted across the ratings. */
  interval: [number, number] | null;
  pValue: number | null;
  pAdjusted: number | null;
  significant: boolean;
  /** Fewer pairs than --min-responses: not judged. */
  thin: boolean;
  meanDetractors: number | null;
  meanPassives: number | null;
  meanPromoters: number | null;
}

export interface DriversReport {
  metric: MetricInfo;
  overall: AnyStats;
  drivers: (JudgedDriver & { column: string; value: string; shrunk: number | null })[];
  /** The JSON field of the shrunk score (shrunkNps, shrunkCsat), or null when there is none. */
  shrunkField: string | null;
  /** With --top: how many groups are listed of how many. */
  top?: { shown: number; of: number };
  /** The order of the groups (--sort) and how the family of tests was adjusted (--adjust). */
  sort: SortKey;
  adjust: AdjustMethod;
  ratings: RatingDriver[];
  skipped: SkipSummary;
  minResponses: number;
  alpha: number;
}

/** The JSON contract: { overall, drivers: [{ key: {COL: value}, ...Stats, impact, significant, … }], ratings, skipped }. */
export function driversJson(report: DriversReport): Record<string, unknown> {
  return {
    metric: report.metric,
    overall: report.overall,
    drivers: report.drivers.map((d) => driverJson(report, d)),
    ...(report.top ? { top: report.top } : {}),
    ratings: report.ratings.map(ratingJson),
    skipped: report.skipped,
  };
}

/**
 * One rating of `drivers` in the JSON: its fields named in the contract's order. Typed by
 * RatingDriver's own fields, so that one added there and not here does not compile.
 */
function ratingJson(r: RatingDriver): Record<keyof RatingDriver, unknown> {
  const { column, question, scale, pairs, spearman, interval, pValue, thin, meanDetractors, meanPassives, meanPromoters, pAdjusted, significant } = r;
  return { column, question, scale, pairs, spearman, interval, pValue, thin, meanDetractors, meanPassives, meanPromoters, pAdjusted, significant };
}

/** One group of `drivers` in the JSON. */
function driverJson(report: DriversReport, d: DriversReport['drivers'][number]): object {
  return {
    key: Object.fromEntries([[d.column, d.value]]),
    ...d.stats,
    ...(report.shrunkField === null ? {} : { [report.shrunkField]: d.shrunk }),
    impact: d.impact,
    impactInterval: d.impactInterval,
    significant: d.significant,
    pValue: d.pValue,
    pAdjusted: d.pAdjusted,
    thin: d.thin,
  };
}

/**
 * The document `JSON.stringify(driversJson(report), null, 2)` and a line break, in pieces: a
 * hundred groups at a time (as score's, render/json.ts), so that hundreds of thousands of groups
 * (`--by respondent`) are never one string, nor their JSON shapes all at once.
 */
export function driversJsonPieces(report: DriversReport, perPiece = GROUPS_PER_PIECE): Generator<string> {
  const itemsOf = (from: number, to: number): object[] => report.drivers.slice(from, to).map((d) => driverJson(report, d));
  return documentPieces(driversJson({ ...report, drivers: [] }), 'drivers', report.drivers.length, itemsOf, perPiece);
}

const level = (alpha: number): string => `${Math.round((1 - alpha) * 1000) / 10}%`;
const familyWords = (adjust: AdjustMethod): string => ({ bh: 'Benjamini–Hochberg adjusted across', holm: 'Holm adjusted across', none: 'not adjusted for' })[adjust];

/** The lines under the groups: what vs rest and shrunk mean, and what --top left out. */
function driverNotes(report: DriversReport): string[] {
  const judged = report.drivers.filter((d) => d.pAdjusted !== null).length;
  const notes = [
    `vs rest: the group against all other answers, ${familyWords(report.adjust)} the ${judged} group${judged === 1 ? '' : 's'} judged, at ${level(report.alpha)}; groups with fewer than ${report.minResponses} answers are thin and not judged`,
  ];
  if (report.shrunkField !== null) notes.push(`shrunk: ${report.metric.label} pulled toward what the values of its column share (empirical Bayes), so small groups rank fairly (--sort shrunk)`);
  if (report.top && report.top.shown < report.top.of) notes.push(`${report.top.of - report.top.shown} more groups not listed (--top ${report.top.shown} of ${report.top.of})`);
  return notes;
}

const mean = (value: number | null): string => (value === null ? '–' : value.toFixed(2));
const pText = (p: number | null): string => (p === null ? '–' : p < 0.0001 ? p.toExponential(1) : p.toFixed(4));

export function renderDrivers(fromFile: DriversReport, format: Format, color: ChalkInstance | null, raw = false, width?: number, limit = 0): string {
  // Tables and Markdown are read on a terminal: text from the file shows its control characters.
  const report = format === 'table' || format === 'markdown' ? visible(fromFile) : fromFile;
  switch (format) {
    case 'json':
      return [...driversJsonPieces(report)].join('');
    case 'csv': {
      const columns = statColumnsFor(report.metric, report.overall);
      const shrunk = report.shrunkField === null ? [] : [report.shrunkField];
      let out = csvLine(['column', 'value', ...columns, ...shrunk, 'impact', 'impactLow', 'impactHigh', 'significant', 'pValue', 'pAdjusted', 'thin']);
      for (const d of report.drivers) {
        const cells = [...statValuesFor(d.stats, columns), ...(shrunk.length ? [d.shrunk] : []), d.impact, d.impactInterval?.[0] ?? null, d.impactInterval?.[1] ?? null];
        out += csvLine([d.column, d.value, ...cells, String(d.significant), d.pValue, d.pAdjusted, String(d.thin)], raw);
      }
      return out;
    }
    case 'markdown':
    case 'table': {
      const metric = report.metric;
      const withShrunk = report.shrunkField !== null;
      const head = ['column', 'value', 'n', metric.label, ...(withShrunk ? ['shrunk'] : []), '95% interval', 'impact', 'impact interval', 'vs rest', 'note'];
      const rows = report.drivers.map((d) => {
        const impact = differenceText(metric.name, d.impact);
        // Red or green only for a significant difference from the rest; dimmed otherwise.
        const painted = paint(impact, byVerdict(color, d.impact, d.significant));
        const impactInterval = d.impactInterval ? `${differenceText(metric.name, d.impactInterval[0])} … ${differenceText(metric.name, d.impactInterval[1])}` : '–';
        const shrunk = withShrunk ? [d.shrunk === null ? '–' : headlineText(metric.name, d.shrunk)] : [];
        return [
          d.column, d.value || '(blank)', countText(d.stats.responses), headlineText(metric.name, headline(metric.name, d.stats)), ...shrunk, intervalText(d.stats.interval, metric.name),
          painted, impactInterval, d.significant ? 'significant' : '', d.thin ? paint(`thin (n < ${report.minResponses})`, color?.yellow) : '',
        ];
      });
      const ratingHead = ['rating', 'scale', 'pairs', 'Spearman', '95% interval', 'p (adjusted)', 'mean: detractors', 'passives', 'promoters'];
      const ratingRows = report.ratings.map((r) => [
        r.column, r.scale, String(r.pairs), r.spearman === null ? '–' : `${r.spearman.toFixed(3)}${r.significant ? '*' : ''}`,
        r.interval ? `${r.interval[0].toFixed(2)} … ${r.interval[1].toFixed(2)}` : '–', r.thin ? 'thin' : pText(r.pAdjusted),
        mean(r.meanDetractors), mean(r.meanPassives), mean(r.meanPromoters),
      ]);
      const unit = metric.name === 'ces' ? 'in scale points' : 'in points';
      const order = { impact: 'most negative first', key: 'by column and value', responses: 'most answers first', nps: `highest ${metric.label} first`, shrunk: `highest shrunk ${metric.label} first` }[report.sort];
      const title = `${metric.label} ${headlineText(metric.name, headline(metric.name, report.overall))} (n = ${report.overall.responses}). Impact = ${metric.label} of all − ${metric.label} without the group, ${unit}; ${order}.`;
      const notes = driverNotes(report);
      const ratingNote = `p: ρ against 0 (t approximation), ${familyWords(report.adjust)} the ratings; * significant at ${level(report.alpha)}; fewer than ${report.minResponses} pairs: thin, not judged`;
      if (format === 'markdown') {
        const line = (cells: string[]): string => `| ${cells.map((c) => c.replace(/\|/g, '\\|')).join(' | ')} |`;
        const table = (h: string[], r: string[][]): string[] => [line(h), line(h.map((_, i) => (i < 2 ? ':---' : '---:'))), ...r.map(line)];
        const parts = [`**${title}**`, '', ...table(head, rows), '', ...notes];
        if (ratingRows.length) parts.push('', ...table(ratingHead, ratingRows), '', ratingNote);
        return parts.join('\n') + '\n';
      }
      // On a narrow terminal the group's own interval gives way first, then the shrunk score; the impact and its interval stay.
      const giveWay = ['95% interval', 'shrunk'].map((name) => head.indexOf(name)).filter((at) => at >= 0);
      const table = textTable(head, head.map((_, i) => (i < 2 || i >= head.length - 2 ? 'left' : 'right')), width === undefined ? undefined : { width, giveWay });
      const shown = limited(rows, limit);
      for (const row of shown) table.push(row);
      let out = `${title}\n${table.toString()}\n${leftOutLine(shown.length, rows.length, 'groups')}${notes.map((n) => `${n}\n`).join('')}`;
      if (ratingRows.length) {
        const ratings = textTable(ratingHead, ratingHead.map((_, i) => (i < 2 ? 'left' : 'right')), width === undefined ? undefined : { width });
        for (const row of ratingRows) ratings.push(row);
        out += `\nOther ratings, by rank correlation with the ${metric.name === 'nps' ? '0–10 score' : `${metric.label} answer`} (strongest first):\n${ratings.toString()}\n${ratingNote}\n`;
      }
      return fitProse(out, width);
    }
  }
}
