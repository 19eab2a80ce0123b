// --where COL=VALUE / COL!=VALUE and --since/--until: which rows count at all.

import type { CalendarDate } from '../core/calendar.js';
import { daysFromCivil } from '../core/calendar.js';
import { usageError } from '../core/errors.js';
import { cellText } from './cell-text.js';
import { readDate } from './date-value.js';
import type { Column } from './layout.js';
import { findColumn } from './detect-columns.js';

export interface WhereClause {
  column: string;
  op: '=' | '!=';
  value: string;
}

/** "channel=phone", "channel!=email", "Kanal = Växel" (spaces around the operator are trimmed). */
export function parseWhere(text: string): WhereClause {
  const at = text.indexOf('=');
  if (at <= 0) throw usageError(`--where ${JSON.stringify(text)} is not COLUMN=VALUE or COLUMN!=VALUE`);
  const notEqual = text[at - 1] === '!';
  const column = text.slice(0, notEqual ? at - 1 : at).trim();
  if (column === '') throw usageError(`--where ${JSON.stringify(text)} names no column`);
  return { column, op: notEqual ? '!=' : '=', value: text.slice(at + 1).trim() };
}

/**
 * Conditions on one column: a row passes when its value is one of the = values (if any are
 * given: several = on one column mean any of them) and none of the != values. Conditions on
 * different columns must all hold.
 */
export function rowFilter(clauses: readonly WhereClause[], columns: readonly Column[], file: string): (cells: readonly string[]) => boolean {
  const tests = columnTests(clauses, columns, file);
  return (cells) => tests.every(({ index, passes }) => passes(cellText(cells[index])));
}

/**
 * The --where conditions, one test per column on its cell's text: in it (when any `=` names the
 * column) and not excluded (by a `!=`). A row passes when every column's test does.
 */
export function columnTests(clauses: readonly WhereClause[], columns: readonly Column[], file: string): { index: number; passes: (text: string) => boolean }[] {
  const byColumn = new Map<number, { equals: Set<string>; notEquals: Set<string> }>();
  for (const clause of clauses) {
    const { index } = findColumn(columns, clause.column, '--where', file);
    const entry = byColumn.get(index) ?? { equals: new Set<string>(), notEquals: new Set<string>() };
    (clause.op === '=' ? entry.equals : entry.notEquals).add(clause.value);
    byColumn.set(index, entry);
  }
  return [...byColumn.entries()].map(([index, { equals, notEquals }]) => ({ index, passes: (value) => (equals.size === 0 || equals.has(value)) && !notEquals.has(value) }));
}

/** The columns --where conditions read. */
export function whereColumns(clauses: readonly WhereClause[], columns: readonly Column[], file: string): number[] {
  return clauses.map((clause) => findColumn(columns, clause.column, '--where', file).index);
}

/** A --since/--until date: one that reads the same in any day order (ISO 2025-03-14 is best). */
export function parseDateFlag(flag: string, text: string): CalendarDate {
  const reading = readDate(text);
  if (!reading || reading.kind !== 'date') {
    throw usageError(`${flag} ${JSON.stringify(text)} is not a date`, `Write it as YYYY-MM-DD, e.g. ${flag} 2025-06-01.`);
  }
  return reading.date;
}

/** Inclusive on both ends. */
export function dateInRange(date: CalendarDate, since: CalendarDate | undefined, until: CalendarDate | undefined): boolean {
  const day = daysFromCivil(date);
  return (since === undefined || day >= daysFromCivil(since)) && (until === undefined || day <= daysFromCivil(until));
}
