import { describe, expect, it } from 'vitest';
import { addColumns, ExtraColumns } from '../../src/core/extra-columns.js';
import { GroupTallies } from '../../src/core/group-tallies.js';
import { measureFor } from '../../src/core/measure.js';
import { plainGroup, toJsonShape, type GroupRow } from '../../src/core/report.js';
import { SkipLog } from '../../src/core/skips.js';
import { statsOf } from '../../src/core/stats.js';
import { Tally } from '../../src/core/tally.js';
import type { Aggregate } from '../../src/pipeline/aggregate.js';
import { buildScoreReport } from '../../src/pipeline/score-file.js';

const measure = measureFor(
  { scoreColumn: { name: 'score' }, weightColumn: null, ratingScale: null },
  { metric: 'nps', label: undefined, method: 'adjusted-wald', satisfied: undefined, easy: undefined, bands: {}, npsScale: '0-10' },
);

/** Three columns of three rows: a number, a flag and a text, some left null. */
function threeColumns(): ExtraColumns {
  const columns = new ExtraColumns(3);
  const change = columns.numbers('change');
  const significant = columns.flags('significant');
  const from = columns.texts('from');
  change[0] = -12.5;
  change[2] = 0;
  significant[0] = 1;
  significant[1] = 0;
  from[1] = '2025-01';
  return columns;
}

/** A report of three groups as the pipeline makes it (each group's Stats read from its tally). */
function tallied(): GroupRow[] {
  const groups = new GroupTallies();
  groups.add(['a'], 10);
  groups.add(['b'], 0);
  groups.add(['c'], 8);
  const result = { groups, skips: new SkipLog() } as unknown as Aggregate;
  return buildScoreReport(result, ['agent'], measure).groups;
}

describe('ExtraColumns: fields of many groups, a column each', () => {
  it('gives each row its fields in the order the columns were made, null where none was set', () => {
    const columns = threeColumns();
    expect(columns.fieldsAt(0)).toEqual({ change: -12.5, significant: true, from: null });
    expect(columns.fieldsAt(1)).toEqual({ change: null, significant: false, from: '2025-01' });
    expect(columns.fieldsAt(2)).toEqual({ change: 0, significant: null, from: null });
    expect(Object.keys(columns.fieldsAt(2))).toEqual(['change', 'significant', 'from']);
  });

  it('gives plain groups an object each, after the fields they have; a later column of one name wins', () => {
    const groups: GroupRow[] = ['a', 'b', 'c'].map((key) => ({ key: [key], stats: statsOf(Tally.of([9])) }));
    (groups[1] as GroupRow).extra = { shrunkNps: 40, change: 99 };
    addColumns(groups, threeColumns());
    expect(groups.map((g) => g.extra)).toEqual([
      { change: -12.5, significant: true, from: null },
      { shrunkNps: 40, change: null, significant: false, from: '2025-01' },
      { change: 0, significant: null, from: null },
    ]);
    expect(Object.keys((groups[1] as GroupRow).extra ?? {})).toEqual(['shrunkNps', 'change', 'significant', 'from']);
  });

  it('refuses columns of another length than the groups', () => {
    expect(() => addColumns(tallied(), new ExtraColumns(2))).toThrow(RangeError);
  });

  it('a report’s groups read them from the columns: the same fields and JSON as an object each', () => {
    const groups = tallied();
    expect(groups.map((g) => g.extra)).toEqual([undefined, undefined, undefined]);
    addColumns(groups, threeColumns());
    expect(groups.map((g) => g.extra)).toEqual([0, 1, 2].map((at) => threeColumns().fieldsAt(at)));
    // A second set of columns comes after the first (trend's rolling NPS after its changes).
    const more = new ExtraColumns(3);
    more.numbers('rolling')[2] = 25;
    addColumns(groups, more);
    expect(groups[2]?.extra).toEqual({ change: 0, significant: null, from: null, rolling: 25 });
    expect(Object.keys(groups[2]?.extra ?? {})).toEqual(['change', 'significant', 'from', 'rolling']);
    // The JSON of a group: its key, its Stats, then its fields, as for a plain group with them.
    const report = { metric: measure.info, keyNames: ['agent'], overall: statsOf(new Tally()), groups, skipped: new SkipLog().summary(), gates: [] };
    const plain = { ...report, groups: groups.map((g) => ({ key: g.key, stats: g.stats, extra: { ...g.extra } })) };
    expect(JSON.stringify(toJsonShape(report))).toBe(JSON.stringify(toJsonShape(plain)));
    expect(plainGroup(groups[0] as GroupRow).extra).toEqual({ change: -12.5, significant: true, from: null, rolling: null });
  });

  it('fields set on a group replace those from columns (a new object each read: set, not changed in place)', () => {
    const groups = tallied();
    addColumns(groups, threeColumns());
    const group = groups[0] as GroupRow;
    group.extra = { ...group.extra, rolling: 10 };
    expect(group.extra).toEqual({ change: -12.5, significant: true, from: null, rolling: 10 });
    group.extra = undefined;
    expect(group.extra).toBeUndefined();
  });
});
