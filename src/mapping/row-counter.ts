// Counting rows: each row is counted into tallies by group and day, or skipped for a reason.
// One counter per thread; counters of consecutive parts of a file merge into the counter of
// the whole (row numbers of a later part move by the rows before it).

import { daysFromCivil, PeriodDays, type Period } from '../core/calendar.js';
import { GroupTallies } from '../core/group-tallies.js';
import type { TallyData } from '../core/tally.js';
import { SkipLog, type SkipSnapshot } from '../core/skips.js';
import { inputError } from '../core/errors.js';
import { cellText } from './cell-text.js';
import { DayOrderEvidence, type DateReading } from './date-value.js';
import { rowFilter, type WhereClause } from './filters.js';
import type { Column } from './layout.js';
import { mapRow, type ColumnPlan } from './responses.js';
import { readWholeNumber } from './score-value.js';
import type { RawRow } from '../sources/types.js';
import { Answers, type AnswersData } from './answers.js';

/** What a counter needs to know; plain data, so it can be sent to a worker thread. */
export interface CounterSpec {
  file: string;
  plan: ColumnPlan;
  columns: Column[];
  where: WhereClause[];
  strict: boolean;
  scoreName: string;
  dateName: string | null;
  /** Rows keyed by day too (periods, --since/--until). */
  needDate: boolean;
  /**
   * Set when the days serve only to find each answer's period (no --since/--until): a date read
   * whole is keyed by its period's first day (PeriodDays). The periods come out the same, from
   * far fewer keys (a count by agent and month holds a key per month, not per day).
   */
  periodDays?: Period | null;
  /**
   * --dedupe's column: an answer with a respondent id there is held (`RowCounter.answers`), not
   * tallied, until every row is read; one without is tallied. `keepCells`: held with its row's
   * cells (for what is gathered from the answers kept).
   */
  dedupe?: number | null;
  keepCells?: boolean;
}

export interface RowIssue {
  count: number;
  rows: number[];
}

export interface CounterSnapshot {
  days: [string[], TallyData][];
  skips: SkipSnapshot;
  evidence: { slashDates: number; firstOver12: { row: number; value: string } | null; secondOver12: { row: number; value: string } | null };
  extraFields: RowIssue;
  shortRows: RowIssue;
  rowsRead: number;
  elevens: number;
  zeros: number;
  answers?: AnswersData;
}

const KEEP_ROWS = 5;

function note(issue: RowIssue, row: number): void {
  issue.count++;
  if (issue.rows.length < KEEP_ROWS) issue.rows.push(row);
}

/**
 * Day tokens: the day number of a known date, or a/b/yyyy kept unresolved until the whole
 * column has been seen.
 */
export function dayToken(reading: DateReading): string {
  return reading.kind === 'date' ? String(daysFromCivil(reading.date)) : `?${reading.first}/${reading.second}/${reading.year}`;
}

/** A counted answer that is handed elsewhere instead of tallied (--dedupe, collectors). */
export interface Handoff {
  row: RawRow;
  score: number;
  weight: number;
  dims: string[];
  date: DateReading | null;
}

export class RowCounter {
  readonly days = new GroupTallies();
  readonly skips = new SkipLog();
  readonly evidence = new DayOrderEvidence();
  readonly extraFields: RowIssue = { count: 0, rows: [] };
  readonly shortRows: RowIssue = { count: 0, rows: [] };
  /** With --dedupe: the answers with a respondent id, held. */
  readonly answers: Answers | null;
  rowsRead = 0;
  elevens = 0;
  zeros = 0;
  /** Null when there is no --where: no call per row. */
  private readonly passes: ((cells: readonly string[]) => boolean) | null;
  private readonly periodDays: PeriodDays | null;

  /**
   * `handoff`, when given, decides for each counted answer whether it is taken elsewhere
   * (returns true: not tallied here) or tallied as usual (false).
   */
  constructor(
    private readonly spec: CounterSpec,
    private readonly handoff?: (answer: Handoff) => boolean,
    /** --dedupe: room for the ids in each bucket of the answers' id log (IdLog). */
    idUnits?: number,
  ) {
    this.passes = spec.where.length > 0 ? rowFilter(spec.where, spec.columns, spec.file) : null;
    this.periodDays = spec.periodDays ? new PeriodDays(spec.periodDays) : null;
    this.answers = spec.dedupe === undefined || spec.dedupe === null ? null : new Answers(idUnits);
  }

  consume(row: RawRow): void {
    const spec = this.spec;
    const plan = spec.plan;
    this.rowsRead++;
    if (row.cells.length > plan.width) note(this.extraFields, row.row);
    if (row.cells.length <= plan.score) note(this.shortRows, row.row);
    if (this.passes !== null && !this.passes(row.cells)) {
      this.skips.add('filtered', row.row, '');
      return;
    }
    const result = mapRow(row, plan);
    if (result.kind === 'skip') {
      if (result.reason === 'invalid' && plan.reader.kind === 'nps' && readWholeNumber(cellText(result.value)) === 11) this.elevens++;
      if (spec.strict && (result.reason === 'invalid' || result.reason === 'invalidDate')) {
        const what = result.reason === 'invalid' ? `${plan.reader.kind === 'nps' ? 'score' : 'rating'} in column ${JSON.stringify(spec.scoreName)}` : `date in column ${JSON.stringify(spec.dateName)}`;
        throw inputError(`${spec.file}: row ${row.row} has an invalid ${what}: ${JSON.stringify(result.value)} (--strict)`, {
          hint: 'Fix the value, or drop --strict to skip such rows and count them.',
        });
      }
      this.skips.add(result.reason, row.row, result.value);
      return;
    }
    if (result.score === 0) this.zeros++;
    if (result.date) this.evidence.observe(result.date, row.row, row.cells[plan.date ?? 0] ?? '');
    if (this.answers !== null) {
      const id = cellText(row.cells[spec.dedupe as number]);
      if (id !== '') {
        this.answers.add(id, { row: row.row, score: result.score, weight: result.weight, dims: result.dims, date: result.date, cells: spec.keepCells === true ? row.cells : null });
        return;
      }
    }
    if (this.handoff?.({ row, score: result.score, weight: result.weight, dims: result.dims, date: result.date })) return;
    // result.dims is this row's own array: the day goes on its end.
    if (spec.needDate && result.date) {
      const date = result.date;
      result.dims.push(this.periodDays !== null && date.kind === 'date' ? String(this.periodDays.of(daysFromCivil(date.date))) : dayToken(date));
    }
    this.days.add(result.dims, result.score, result.weight);
  }

  snapshot(): CounterSnapshot {
    const { slashDates, firstOver12, secondOver12 } = this.evidence;
    return {
      days: this.days.snapshot(),
      skips: this.skips.snapshot(),
      evidence: { slashDates, firstOver12, secondOver12 },
      extraFields: this.extraFields,
      shortRows: this.shortRows,
      rowsRead: this.rowsRead,
      elevens: this.elevens,
      zeros: this.zeros,
      ...(this.answers === null ? {} : { answers: this.answers.data() }),
    };
  }

  /**
   * absorb, of a whole count given up (`other` keeps no groups): its groups taken as they are
   * (GroupTallies.take), not copied into a snapshot and out of it.
   */
  take(other: RowCounter, rowOffset: number): void {
    this.days.take(other.days);
    this.absorb(other.snapshot(), rowOffset);
  }

  /** Adds the count of the next part of the file, whose rows are numbered from 1 after `rowOffset`. */
  absorb(part: CounterSnapshot, rowOffset: number): void {
    this.days.absorb(part.days);
    this.skips.absorb(part.skips, rowOffset);
    this.evidence.absorb(part.evidence, rowOffset);
    for (const [mine, theirs] of [[this.extraFields, part.extraFields], [this.shortRows, part.shortRows]] as const) {
      mine.count += theirs.count;
      for (const row of theirs.rows) if (mine.rows.length < KEEP_ROWS) mine.rows.push(row + rowOffset);
    }
    this.rowsRead += part.rowsRead;
    this.elevens += part.elevens;
    this.zeros += part.zeros;
    if (part.answers !== undefined) this.answers?.absorb(part.answers, rowOffset);
  }
}
