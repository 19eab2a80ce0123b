import { describe, expect, it } from 'vitest';
import { dateInRange, parseDateFlag, parseWhere, rowFilter } from '../../src/mapping/filters.js';
import { ColumnProfile, roleOf } from '../../src/mapping/column-profile.js';

const columns = ['channel', 'agent', 'score'].map((name, index) => ({ index, name, question: null }));

describe('--where', () => {
  it.each([
    ['channel=phone', { column: 'channel', op: '=', value: 'phone' }],
    ['channel!=phone', { column: 'channel', op: '!=', value: 'phone' }],
    [' Kanal = Växel ', { column: 'Kanal', op: '=', value: 'Växel' }],
    ['note=a=b', { column: 'note', op: '=', value: 'a=b' }],
    ['channel=', { column: 'channel', op: '=', value: '' }],
  ])('%j', (text, clause) => {
    expect(parseWhere(text)).toEqual(clause);
  });

  it.each([['channel'], ['=phone'], ['!=x']])('%j is not a condition', (text) => {
    expect(() => parseWhere(text)).toThrow(/--where/);
  });

  it('= on one column means any of the values; different columns must all hold; != excludes', () => {
    const pass = rowFilter(
      [parseWhere('channel=phone'), parseWhere('channel=email'), parseWhere('agent!=Bo')],
      columns,
      'f.csv',
    );
    expect(pass(['phone', 'Ann', '9'])).toBe(true);
    expect(pass([' email ', 'Ann', '9'])).toBe(true);
    expect(pass(['web', 'Ann', '9'])).toBe(false);
    expect(pass(['phone', 'Bo', '9'])).toBe(false);
    expect(() => rowFilter([parseWhere('team=x')], columns, 'f.csv')).toThrow(/no column "team"/);
  });
});

describe('--since / --until', () => {
  it('take unambiguous dates and are inclusive', () => {
    const since = parseDateFlag('--since', '2025-02-01');
    const until = parseDateFlag('--until', '28.02.2025');
    expect(dateInRange({ year: 2025, month: 2, day: 1 }, since, until)).toBe(true);
    expect(dateInRange({ year: 2025, month: 2, day: 28 }, since, until)).toBe(true);
    expect(dateInRange({ year: 2025, month: 1, day: 31 }, since, until)).toBe(false);
    expect(dateInRange({ year: 2025, month: 3, day: 1 }, since, undefined)).toBe(true);
    expect(() => parseDateFlag('--since', '02/03/2025')).toThrow(/not a date/);
    expect(() => parseDateFlag('--since', 'yesterday')).toThrow(expect.objectContaining({ hint: 'Write it as YYYY-MM-DD, e.g. --since 2025-06-01.' }));
  });
});

describe('column roles', () => {
  const profile = (values: string[]): ColumnProfile => {
    const p = new ColumnProfile();
    for (const v of values) p.add(v);
    return p;
  };
  const col = (name: string) => ({ index: 0, name, question: null });
  it.each([
    ['customer_id', ['a1', 'a2', 'a3'], 'id'],
    ['token', ['x1', 'x2', 'x3', 'x4', 'x5'], 'id'],
    ['What is the main reason for your score?', ['Great', 'Slow'], 'comment'],
    ['text', ['The staff were lovely and quick', 'I waited for an hour on the phone', 'Everything arrived broken and late'], 'comment'],
    ['channel', ['web', 'web', 'phone', 'phone'], 'dimension'],
    ['amount', ['1.5', '2.25', '3.75', '9.5'], 'ignored'],
    ['empty', ['', ''], 'ignored'],
  ])('%s → %s', (name, values, role) => {
    expect(roleOf(col(name), profile(values))).toBe(role);
  });
});
