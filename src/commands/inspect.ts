// `nps inspect FILE`: what the tool sees in an export (format, encoding, header rows, sheet,
// each column's role, the score distribution, the date range) before anything is scored.

import type { z } from 'zod/v3';
import { daysFromCivil, formatDate, type CalendarDate } from '../core/calendar.js';
import { statsOf } from '../core/stats.js';
import { Tally } from '../core/tally.js';
import type { Io, Outcome } from '../pipeline/io.js';
import { ColumnProfile, roleOf, type Role } from '../mapping/column-profile.js';
import { DayOrderEvidence, readDate, resolveDate, type DateReading, type DayOrder } from '../mapping/date-value.js';
import { detectDateColumn, detectScoreColumn, findColumn, looksOneToEleven, type ColumnChoice } from '../mapping/detect-columns.js';
import { readScore } from '../mapping/score-value.js';
import { choice, parseOptions } from '../pipeline/options.js';
import { renderInspectTable } from '../render/inspect-table.js';
import { InputFlags, loadSettings, openSurveyFor } from '../pipeline/settings.js';
import type { InspectReport } from '../core/report.js';

const InspectFlags = InputFlags.extend({
  format: choice('--format', ['table', 'json'] as const).default('table'),
});
export type InspectFlags = z.input<typeof InspectFlags>;

const dateText = (date: CalendarDate | undefined): string | null => (date ? formatDate(date) : null);

function tryColumn(pick: () => ColumnChoice | null): { choice: ColumnChoice | null; problem: string | null } {
  try {
    return { choice: pick(), problem: null };
  } catch (error) {
    return { choice: null, problem: error instanceof Error ? error.message.replace(/^[^:]*: /, '') : String(error) };
  }
}

export async function inspectCommand(file: string, rawFlags: InspectFlags, io: Io): Promise<Outcome & { report: InspectReport }> {
  const flags = parseOptions(InspectFlags, rawFlags);
  const { config, settings } = await loadSettings(flags, io);
  const survey = await openSurveyFor(file, settings, io);
  const name = survey.info.file;
  const columns = survey.columns;
  const cells = survey.sample.map((row) => row.cells);

  const score = tryColumn(() => {
    if (settings.survey.score === undefined) return detectScoreColumn(columns, cells, name, settings.scale);
    const column = findColumn(columns, settings.survey.score, '--score', name);
    return { index: column.index, name: column.name, detected: false };
  });
  const date = tryColumn(() => {
    if (settings.date === undefined) return detectDateColumn(columns, cells);
    const column = findColumn(columns, settings.date, '--date', name);
    return { index: column.index, name: column.name, detected: false };
  });

  const profiles = columns.map(() => new ColumnProfile());
  const tally = new Tally();
  let missing = 0;
  let invalid = 0;
  let dateMissing = 0;
  let unreadable = 0;
  const scoreValues: string[] = [];
  const days = new Map<string, DateReading>();
  const evidence = new DayOrderEvidence();
  let rows = 0;
  const consume = (row: { row: number; cells: string[] }): void => {
    rows++;
    profiles.forEach((profile, i) => profile.add(row.cells[i]));
    if (score.choice) {
      const cell = row.cells[score.choice.index];
      const reading = readScore(cell, settings.scale);
      if (reading.kind === 'score') tally.add(reading.score);
      else if (reading.kind === 'missing') missing++;
      else invalid++;
      if (scoreValues.length < 2000 && cell?.trim()) scoreValues.push(cell);
    }
    if (date.choice) {
      const cell = row.cells[date.choice.index] ?? '';
      const reading = readDate(cell);
      if (cell.trim() === '') dateMissing++;
      else if (!reading) unreadable++;
      else {
        evidence.observe(reading, row.row, cell);
        const key = reading.kind === 'date' ? formatDate(reading.date) : `${reading.first}/${reading.second}/${reading.year}`;
        if (!days.has(key)) days.set(key, reading);
      }
    }
  };
  for (const row of survey.sample) consume(row);
  for await (const batch of survey.rest) for (const row of batch) consume(row);

  const verdict = settings.dateFormat ?? evidence.verdict();
  const order: DayOrder | null = verdict === 'dmy' || verdict === 'mdy' ? verdict : null;
  const resolved = [...days.values()].flatMap((reading) => {
    const day = resolveDate(reading, order);
    return day ? [day] : [];
  });
  resolved.sort((a, b) => daysFromCivil(a) - daysFromCivil(b));
  const ambiguous = verdict === 'ambiguous' || verdict === 'mixed';

  const configured = new Map<number, Role>();
  const mark = (column: string | undefined, role: Role): void => {
    if (column === undefined) return;
    configured.set(findColumn(columns, column, `config columns.${role}`, name).index, role);
  };
  for (const dimension of config.columns?.dimensions ?? []) mark(dimension, 'dimension');
  mark(config.columns?.comment, 'comment');
  mark(config.columns?.id, 'id');

  const report: InspectReport = {
    file: name,
    format: survey.info.format,
    encoding: survey.info.encoding ?? null,
    bom: survey.info.bom ?? null,
    encodingReason: survey.info.encodingReason ?? null,
    delimiter: survey.info.delimiter ?? null,
    delimiterReason: survey.info.delimiterReason ?? null,
    sheet: survey.sheet ? { name: survey.sheet.name, how: survey.sheet.how, others: survey.sheet.others } : null,
    layout: { vendor: survey.layout.vendor, headerRows: survey.layout.headerRows, titleRows: survey.layout.titleRows },
    rows,
    columns: columns.map((column, i) => {
      const profile = profiles[i] as ColumnProfile;
      const role: Role =
        column.index === score.choice?.index ? 'score'
          : column.index === date.choice?.index ? 'date'
            : (configured.get(column.index) ?? roleOf(column, profile));
      return {
        index: column.index,
        name: column.name,
        question: column.question,
        role,
        distinct: profile.distinct,
        distinctCapped: profile.capped,
        blank: profile.blank,
        samples: profile.samples(),
      };
    }),
    score: {
      column: score.choice?.name ?? null,
      question: score.choice ? (columns[score.choice.index]?.question ?? null) : null,
      detected: score.choice?.detected ?? false,
      problem: score.problem ?? (score.choice ? null : 'no score column found'),
      scale: settings.scale,
      looksOneToEleven: settings.scale === '0-10' && looksOneToEleven(scoreValues),
      distribution: [...tally.distribution],
      responses: tally.responses,
      missing,
      invalid,
      nps: statsOf(tally).nps,
    },
    date: {
      column: date.choice?.name ?? null,
      detected: date.choice?.detected ?? false,
      dayOrder: verdict,
      first: ambiguous ? null : dateText(resolved.at(0)),
      last: ambiguous ? null : dateText(resolved.at(-1)),
      missing: dateMissing,
      unreadable,
    },
  };
  for (const note of survey.info.notes ?? []) io.warn(`nps: ${survey.info.file}: ${note}`);
  const stdout = flags.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : renderInspectTable(report);
  return { report, stdout, gateFailures: [] };
}
