// `nps score FILE`: NPS overall and per group/period, rendered as table, JSON, CSV or Markdown.

import { z } from 'zod';
import { aggregate, type Aggregate } from '../aggregate.js';
import { PERIODS } from '../core/calendar.js';
import { compareKeys } from '../core/group-tallies.js';
import type { SkipReason } from '../core/skips.js';
import { statsOf } from '../core/stats.js';
import { Tally } from '../core/tally.js';
import { COLOR_CHOICES, colorLevel, makeChalk } from '../color.js';
import { inputError, usageError } from '../errors.js';
import type { Io, Outcome } from '../io.js';
import type { DayOrder } from '../mapping/date-value.js';
import { choice, numberFlag, parseOptions } from '../options.js';
import { FORMATS, RENDERERS } from '../render/index.js';
import { oneDecimal } from '../render/format-number.js';
import type { ScoreReport } from '../report.js';
import { parseDelimiterOption } from '../sources/csv.js';
import { openTable } from '../sources/index.js';

/** "dmy", "mdy", or a pattern such as "dd/mm/yyyy" / "MM/DD/YYYY". */
export function parseDateFormat(value: string): DayOrder {
  const order = [...new Set(value.toLowerCase().replace(/[^dmy]/g, ''))].join('');
  if (order === 'dmy' || order === 'mdy') return order;
  throw usageError(`--date-format ${JSON.stringify(value)} is not one of: dmy (dd/mm/yyyy), mdy (mm/dd/yyyy)`);
}

const ScoreFlags = z.object({
  by: z.array(z.string()).default([]),
  period: choice('--period', PERIODS).optional(),
  score: z.string().optional(),
  date: z.string().optional(),
  dateFormat: z.string().transform(parseDateFormat).optional(),
  delimiter: z.string().transform(parseDelimiterOption).optional(),
  sheet: z.string().optional(),
  format: choice('--format', FORMATS).default('table'),
  min: numberFlag('--min', -100, 100).optional(),
  strict: z.boolean().default(false),
  color: choice('--color', COLOR_CHOICES).default('auto'),
});
export type ScoreFlags = z.input<typeof ScoreFlags>;

const REASON_TEXT: Record<SkipReason, string> = {
  missing: 'no score',
  invalid: 'a score that is not a whole number 0–10',
  missingDate: 'no date',
  invalidDate: 'a date that cannot be read',
};

function rowList(rows: readonly number[], count: number): string {
  const shown = rows.filter((row) => row > 0);
  if (shown.length === 0) return '';
  const more = count > shown.length ? ', …' : '';
  return ` (row${shown.length > 1 ? 's' : ''} ${shown.join(', ')}${more})`;
}

function warnAboutRows(result: Aggregate, file: string, io: Io): void {
  const chosen = [result.scoreColumn, result.dateColumn].filter((c) => c?.detected);
  if (chosen.length > 0) {
    const parts = [`score column ${JSON.stringify(result.scoreColumn.name)}`];
    if (result.dateColumn) parts.push(`date column ${JSON.stringify(result.dateColumn.name)}`);
    const flags = chosen.map((c) => (c === result.scoreColumn ? '--score' : '--date')).join(' or ');
    io.warn(`nps: ${file}: using ${parts.join(' and ')} (detected; ${flags} to choose another)`);
  }
  for (const reason of ['missing', 'invalid', 'missingDate', 'invalidDate'] as const) {
    const count = result.skips.count(reason);
    if (count === 0) continue;
    const examples = result.skips.examplesOf(reason);
    const detail = reason === 'missing' || reason === 'missingDate'
      ? rowList(examples.map((e) => e.row), count)
      : ` (${examples.map((e) => (e.row > 0 ? `row ${e.row}: ` : '') + JSON.stringify(e.value)).join(', ')}${count > examples.length ? ', …' : ''})`;
    io.warn(`nps: ${file}: skipped ${count} row${count === 1 ? '' : 's'} with ${REASON_TEXT[reason]}${detail}`);
  }
  if (result.shortRows.count > 0) {
    io.warn(`nps: ${file}: ${result.shortRows.count} row${result.shortRows.count === 1 ? ' is' : 's are'} too short to hold the score column${rowList(result.shortRows.rows, result.shortRows.count)}; counted as missing`);
  }
  if (result.extraFields.count > 0) {
    io.warn(`nps: ${file}: ${result.extraFields.count} row${result.extraFields.count === 1 ? ' has' : 's have'} more fields than the header${rowList(result.extraFields.rows, result.extraFields.count)}; the extra fields are ignored`);
  }
}

export function buildScoreReport(result: Aggregate, keyNames: string[]): ScoreReport {
  const overall = new Tally();
  for (const { tally } of result.groups.entries()) overall.merge(tally);
  const grouped = keyNames.length > 0;
  return {
    keyNames,
    overall: statsOf(overall),
    groups: grouped
      ? result.groups
          .entries()
          .sort((a, b) => compareKeys(a.key, b.key))
          .map(({ key, tally }) => ({ key: [...key], stats: statsOf(tally) }))
      : [],
    skipped: result.skips.summary(),
  };
}

export async function scoreCommand(file: string, rawFlags: ScoreFlags, io: Io): Promise<Outcome & { report: ScoreReport }> {
  const flags = parseOptions(ScoreFlags, rawFlags);
  const table = await openTable(file, io.stdin, { delimiter: flags.delimiter, sheet: flags.sheet });
  const result = await aggregate(table, {
    by: flags.by,
    period: flags.period,
    score: flags.score,
    date: flags.date,
    dateFormat: flags.dateFormat,
    strict: flags.strict,
  });
  warnAboutRows(result, table.info.file, io);
  const report = buildScoreReport(result, [...result.dimensionNames, ...(flags.period ? [flags.period] : [])]);
  if (report.overall.responses === 0) {
    throw inputError(`${table.info.file}: no valid 0–10 scores in column ${JSON.stringify(result.scoreColumn.name)} (${result.rowsRead} rows read, all skipped)`, {
      hint: 'Check the column with --score, or the values in it.',
    });
  }
  const color = makeChalk(flags.format === 'table' ? colorLevel(flags.color, io.env, io.stdoutIsTTY) : 0);
  const gateFailures: string[] = [];
  const nps = report.overall.nps;
  if (flags.min !== undefined && nps !== null && nps < flags.min) {
    gateFailures.push(`nps: NPS ${oneDecimal(nps)} is below the minimum ${flags.min} (--min)`);
  }
  return { report, stdout: RENDERERS[flags.format](report, color), gateFailures };
}
