// The data path shared by commands: a table's rows → responses → tallies per group and
// period, with every row either counted or skipped for a stated reason.

import { formatDate, periodKey, type CalendarDate, type Period } from './core/calendar.js';
import { GroupTallies } from './core/group-tallies.js';
import { SkipLog } from './core/skips.js';
import { inputError } from './errors.js';
import { resolveDate, DayOrderEvidence, type DateReading, type DayOrder } from './mapping/date-value.js';
import { detectDateColumn, detectScoreColumn, findColumn, type ColumnChoice } from './mapping/detect-columns.js';
import { mapRow, type ColumnPlan } from './mapping/responses.js';
import type { RawRow, Table } from './sources/types.js';

export const SAMPLE_ROWS = 500;

export interface AggregateOptions {
  by: readonly string[];
  period: Period | undefined;
  score: string | undefined;
  date: string | undefined;
  dateFormat: DayOrder | undefined;
  strict: boolean;
}

export interface RowIssue {
  count: number;
  rows: number[];
}

export interface Aggregate {
  /** Keyed by the values of the --by columns, then the period when there is one. */
  groups: GroupTallies;
  skips: SkipLog;
  rowsRead: number;
  scoreColumn: ColumnChoice;
  dateColumn: ColumnChoice | null;
  /** The --by columns' headers exactly as in the file. */
  dimensionNames: string[];
  dayOrder: DayOrder | null;
  /** Rows with more fields than the header, and rows too short to hold the score. */
  extraFields: RowIssue;
  shortRows: RowIssue;
}

const KEEP_ROWS = 5;

function note(issue: RowIssue, row: number): void {
  issue.count++;
  if (issue.rows.length < KEEP_ROWS) issue.rows.push(row);
}

/** Day tokens keep a/b/yyyy dates unresolved until the whole column has been seen. */
function dayToken(reading: DateReading): string {
  return reading.kind === 'date' ? formatDate(reading.date) : `?${reading.first}/${reading.second}/${reading.year}`;
}

function tokenDate(token: string, order: DayOrder | null): CalendarDate | null {
  if (!token.startsWith('?')) {
    const [year, month, day] = token.split('-').map(Number);
    return { year: year ?? 0, month: month ?? 0, day: day ?? 0 };
  }
  const [first, second, year] = token.slice(1).split('/').map(Number);
  return resolveDate({ kind: 'slash', first: first ?? 0, second: second ?? 0, year: year ?? 0 }, order);
}

async function takeSample(rows: AsyncIterator<RawRow>, size: number): Promise<{ sample: RawRow[]; done: boolean }> {
  const sample: RawRow[] = [];
  while (sample.length < size) {
    const next = await rows.next();
    if (next.done) return { sample, done: true };
    sample.push(next.value);
  }
  return { sample, done: false };
}

function decideDayOrder(evidence: DayOrderEvidence, given: DayOrder | undefined, column: string, file: string): DayOrder | null {
  if (given) return given;
  const verdict = evidence.verdict();
  if (verdict === 'mixed') {
    const a = evidence.firstOver12;
    const b = evidence.secondOver12;
    throw inputError(
      `${file}: column ${JSON.stringify(column)} has dates written day first (row ${a?.row}: ${JSON.stringify(a?.value)}) and month first (row ${b?.row}: ${JSON.stringify(b?.value)})`,
      { hint: 'Say which order is right with --date-format dmy or --date-format mdy; rows in the other order are then skipped as invalid dates.' },
    );
  }
  if (verdict === 'ambiguous') {
    throw inputError(
      `${file}: the dates in column ${JSON.stringify(column)} could be day/month/year or month/day/year (no day is over 12)`,
      { hint: 'Say which with --date-format dmy (31/12/2025) or --date-format mdy (12/31/2025).' },
    );
  }
  return verdict;
}

export async function aggregate(table: Table, options: AggregateOptions): Promise<Aggregate> {
  const file = table.info.file;
  const rows = table.rows[Symbol.asyncIterator]();
  const { sample } = await takeSample(rows, SAMPLE_ROWS);
  const sampleCells = sample.map((row) => row.cells);
  const header = table.header;
  if (sample.length === 0) {
    throw inputError(`${file}: has a header row but no answers`, { hint: 'Export the survey again once it has responses.' });
  }

  const scoreColumn: ColumnChoice =
    options.score !== undefined
      ? { index: findColumn(header, options.score, '--score', file), name: options.score, detected: false }
      : detectScoreColumn(header, sampleCells, file);
  scoreColumn.name = header[scoreColumn.index] ?? scoreColumn.name;
  const dims = options.by.map((name) => findColumn(header, name, '--by', file));

  let dateColumn: ColumnChoice | null = null;
  if (options.date !== undefined) {
    const index = findColumn(header, options.date, '--date', file);
    dateColumn = { index, name: header[index] ?? options.date, detected: false };
  } else if (options.period !== undefined) {
    dateColumn = detectDateColumn(header, sampleCells);
    if (!dateColumn) {
      throw inputError(`${file}: --period needs a date column, and none was found among the columns: ${header.map((h) => JSON.stringify(h)).join(', ')}`, {
        hint: 'Name it with --date "<column>".',
      });
    }
  }
  const period = options.period;
  const plan: ColumnPlan = {
    score: scoreColumn.index,
    date: period !== undefined && dateColumn ? dateColumn.index : null,
    dims,
    width: header.length,
  };

  const days = new GroupTallies();
  const skips = new SkipLog();
  const evidence = new DayOrderEvidence();
  const extraFields: RowIssue = { count: 0, rows: [] };
  const shortRows: RowIssue = { count: 0, rows: [] };
  let rowsRead = 0;

  const consume = (row: RawRow): void => {
    rowsRead++;
    if (row.cells.length > plan.width) note(extraFields, row.row);
    if (row.cells.length <= plan.score) note(shortRows, row.row);
    const result = mapRow(row, plan);
    if (result.kind === 'skip') {
      if (options.strict && (result.reason === 'invalid' || result.reason === 'invalidDate')) {
        const what = result.reason === 'invalid' ? `score in column ${JSON.stringify(scoreColumn.name)}` : `date in column ${JSON.stringify(dateColumn?.name)}`;
        throw inputError(`${file}: row ${row.row} has an invalid ${what}: ${JSON.stringify(result.value)} (--strict)`, {
          hint: 'Fix the value, or drop --strict to skip such rows and count them.',
        });
      }
      skips.add(result.reason, row.row, result.value);
      return;
    }
    const key = [...result.dims];
    if (result.date) {
      evidence.observe(result.date, row.row, row.cells[plan.date ?? 0] ?? '');
      key.push(dayToken(result.date));
    }
    days.add(key, result.score);
  };

  for (const row of sample) consume(row);
  for (let next = await rows.next(); !next.done; next = await rows.next()) consume(next.value);

  let dayOrder: DayOrder | null = null;
  let groups = days;
  if (period !== undefined && dateColumn) {
    dayOrder = decideDayOrder(evidence, options.dateFormat, dateColumn.name, file);
    // Move each day into its period; a/b/yyyy dates impossible in the chosen order are skipped.
    const impossible = new GroupTallies();
    groups = new GroupTallies();
    for (const { key, tally } of days.entries()) {
      const token = key[key.length - 1] ?? '';
      const date = tokenDate(token, dayOrder);
      if (date) groups.tallyFor([...key.slice(0, -1), periodKey(date, period)]).merge(tally);
      else impossible.tallyFor([token]).merge(tally);
    }
    for (const { key, tally } of impossible.entries()) {
      const value = (key[0] ?? '').slice(1);
      if (options.strict) throw inputError(`${file}: the date ${JSON.stringify(value)} is impossible as ${dayOrder} (--strict)`);
      skips.add('invalidDate', 0, value, tally.responses);
    }
  }
  return { groups, skips, rowsRead, scoreColumn, dateColumn, dimensionNames: dims.map((i) => header[i] ?? ''), dayOrder, extraFields, shortRows };
}
