// Fields a command adds to every group of a report (trend's change and its p-values, score's
// shrunk score), kept a column each: numbers in a Float64Array, flags in an Int8Array, text in
// an array. A group reads its fields from its row of the columns when they are asked for (the
// JSON, a table), rather than holding an object of its own: at 146,000 groups those objects and
// their numbers were ~14 MB of a day trend's live heap (BENCHMARKS.md, issue 17, nineteenth
// session).

import type { ExtraValue, GroupRow } from './report.js';

type Column = { name: string; kind: 'number'; values: Float64Array } | { name: string; kind: 'flag'; values: Int8Array } | { name: string; kind: 'text'; values: (string | null)[] };

export class ExtraColumns {
  private readonly columns: Column[] = [];

  /** Columns of `size` rows, one per group. */
  constructor(readonly size: number) {}

  /** A column of numbers, each null until set: NaN stands for null (no field these hold is NaN). */
  numbers(name: string): Float64Array {
    const values = new Float64Array(this.size).fill(NaN);
    this.columns.push({ name, kind: 'number', values });
    return values;
  }

  /** A column of true (1), false (0) or null (-1, until set). */
  flags(name: string): Int8Array {
    const values = new Int8Array(this.size).fill(-1);
    this.columns.push({ name, kind: 'flag', values });
    return values;
  }

  /** A column of text or null (until set). */
  texts(name: string): (string | null)[] {
    const values = new Array<string | null>(this.size).fill(null);
    this.columns.push({ name, kind: 'text', values });
    return values;
  }

  /** Row `at`'s fields, named in the order their columns were made. */
  fieldsAt(at: number): Record<string, ExtraValue> {
    const fields: Record<string, ExtraValue> = {};
    for (const column of this.columns) {
      if (column.kind === 'number') {
        const value = column.values[at] as number;
        fields[column.name] = Number.isNaN(value) ? null : value;
      } else if (column.kind === 'flag') {
        const value = column.values[at] as number;
        fields[column.name] = value < 0 ? null : value === 1;
      } else fields[column.name] = column.values[at] ?? null;
    }
    return fields;
  }
}

/**
 * Gives the groups their fields from `columns`, group i its row i, after any fields it has: a
 * group that can read them from the columns (useColumns) does; any other is given an object.
 */
export function addColumns(groups: readonly GroupRow[], columns: ExtraColumns): void {
  if (groups.length !== columns.size) throw new RangeError(`${columns.size} rows of fields for ${groups.length} groups`);
  groups.forEach((group, at) => {
    if (group.useColumns) group.useColumns(columns, at);
    else group.extra = group.extra === undefined ? columns.fieldsAt(at) : mergedFields(group.extra, columns.fieldsAt(at));
  });
}

/**
 * `{ ...before, ...after }` for a group's fields, whose names are the program's own (never
 * "__proto__"), copied one by one into an object made empty: a spread at the start of a literal
 * took ~1–2 µs a group in Node 20, this ~0.1 (BENCHMARKS.md, issue 17, twenty-second session).
 */
export function mergedFields(before: Readonly<Record<string, ExtraValue>>, after: Readonly<Record<string, ExtraValue>>): Record<string, ExtraValue> {
  const fields: Record<string, ExtraValue> = {};
  for (const name of Object.keys(before)) fields[name] = before[name] as ExtraValue;
  for (const name of Object.keys(after)) fields[name] = after[name] as ExtraValue;
  return fields;
}
