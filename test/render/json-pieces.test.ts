// The JSON of `nps score` and `nps drivers` is written in pieces (render/json.ts,
// render/drivers.ts, core/json-items.ts): joined, they must be the document JSON.stringify gives
// for the whole report, byte for byte, however the groups are cut.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { toJsonShape, type ScoreReport } from '../../src/core/report.js';
import { jsonPieces } from '../../src/render/json.js';
import { metricsJsonPieces } from '../../src/render/several-metrics.js';
import { driversJson, driversJsonPieces, renderDrivers, type DriversReport } from '../../src/render/drivers.js';
import { documentPieces } from '../../src/core/json-items.js';
import { fakeIo, stdoutOf } from '../support/fake-io.js';

const whole = (report: ScoreReport): string => `${JSON.stringify(toJsonShape(report), null, 2)}\n`;

describe('jsonPieces', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nps-json-'));
  // Group names JSON must escape: a line break and a quote inside a value, "__proto__", a tab, non-Latin text.
  const names = ['web', 'a "quoted"\nname', '__proto__', 'tab\there', 'Malmö 東京', 'x'];
  const rows = Array.from({ length: 120 }, (_, i) => `${i},"${(names[i % names.length] as string).replaceAll('"', '""')}",${(i * 7) % 11}`);
  const file = join(dir, 'names.csv');
  writeFileSync(file, `id,channel,score\n${rows.join('\n')}\n`);

  it.each([
    [['--by', 'channel']],
    [['--by', 'channel', '--top', '2', '--sort', 'nps']],
    [['--by', 'channel', '--benchmark', '10', '--min', '0', '--min-group', '-50']],
    [['--by', 'id']],
    [[]],
    [['--where', 'channel=none', '--by', 'channel']],
  ])('score %j: the pieces joined are the whole document, in pieces of 1, 2, 5 and 2,000 groups', async (flags) => {
    const out = await runCli(['score', file, ...flags, '--format', 'json'], fakeIo());
    const report = (out as unknown as { report: ScoreReport }).report;
    const expected = whole(report);
    expect(JSON.parse(expected).groups).toHaveLength(report.groups.length);
    for (const size of [1, 2, 5, 2000]) expect([...jsonPieces(report, size)].join(''), `pieces of ${size}`).toBe(expected);
    // What the command writes is that document.
    expect(await stdoutOf(out)).toBe(expected);
    // Pieces of 5 groups: ceil(n / 5) pieces of groups between the head and the tail.
    if (report.groups.length > 0) expect([...jsonPieces(report, 5)]).toHaveLength(Math.ceil(report.groups.length / 5) + 2);
  });
});

describe('metricsJsonPieces', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nps-json-metrics-'));
  const names = ['web', 'a "quoted"\nname', '__proto__', 'Malmö 東京'];
  // 120 answers over 40 days: --by id gives each metric more than one piece of groups.
  const rows = Array.from({ length: 120 }, (_, i) => `${i},2025-01-${String((i % 28) + 1).padStart(2, '0')},"${(names[i % names.length] as string).replaceAll('"', '""')}",${(i * 7) % 11},${(i % 5) + 1},${(i % 7) + 1}`);
  const file = join(dir, 'metrics.csv');
  writeFileSync(file, `id,date,channel,score,csat,ces\n${rows.join('\n')}\n`);
  const whole = (reports: readonly ScoreReport[]): string => `${JSON.stringify({ metrics: Object.fromEntries(reports.map((r) => [r.metric.name, toJsonShape(r)])) }, null, 2)}\n`;

  it.each([
    [['score', '--metric', 'nps,csat,ces', '--by', 'id']],
    [['score', '--metric', 'csat,nps', '--by', 'channel']],
    [['score', '--metric', 'nps,ces', '--by', 'channel', '--where', 'channel=none']],
  ])('%j: written in pieces, the document JSON.stringify gives for the metrics whole', async (args) => {
    const [command, ...flags] = args as [string, ...string[]];
    const out = await runCli([command, file, ...flags, '--format', 'json'], fakeIo());
    const reports = (out as unknown as { reports: ScoreReport[] }).reports;
    expect(reports.length).toBeGreaterThan(1);
    expect((out as unknown as { body?: unknown }).body).toBeDefined();
    expect(await stdoutOf(out)).toBe(whole(reports));
    expect([...metricsJsonPieces(reports)].join('')).toBe(whole(reports));
    if (flags.includes('id')) expect([...metricsJsonPieces(reports)].length).toBeGreaterThan(reports.length * 4);
  });

  it('none: the empty object, as JSON.stringify writes it', () => {
    expect([...metricsJsonPieces([])].join('')).toBe(`${JSON.stringify({ metrics: {} }, null, 2)}\n`);
  });

  it('trend --metric nps,csat: each metric is the document trend writes for it alone', async () => {
    const both = JSON.parse(await stdoutOf(await runCli(['trend', file, '--metric', 'nps,csat', '--by', 'channel', '--period', 'week', '--format', 'json'], fakeIo())));
    for (const metric of ['nps', 'csat']) {
      const alone = await stdoutOf(await runCli(['trend', file, '--metric', metric, '--by', 'channel', '--period', 'week', '--format', 'json'], fakeIo()));
      expect(both.metrics[metric]).toEqual(JSON.parse(alone));
    }
    const text = await stdoutOf(await runCli(['trend', file, '--metric', 'nps,csat', '--by', 'channel', '--period', 'week', '--format', 'json'], fakeIo()));
    expect(text).toBe(`${JSON.stringify(both, null, 2)}\n`);
  });
});

describe('driversJsonPieces', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nps-json-drivers-'));
  const names = ['web', 'a "quoted"\nname', '__proto__', 'tab\there', 'Malmö 東京', 'x'];
  // A rating column too, so that the fields after the groups (ratings, skipped) are not empty.
  const rows = Array.from({ length: 120 }, (_, i) => `${i},"${(names[i % names.length] as string).replaceAll('"', '""')}",${(i * 7) % 11},${(i % 5) + 1}`);
  const file = join(dir, 'names.csv');
  writeFileSync(file, `id,channel,score,ease_rating\n${rows.join('\n')}\n`);

  it.each([
    [['--by', 'channel']],
    [['--by', 'channel', '--by', 'id']],
    [['--by', 'id', '--top', '7', '--sort', 'shrunk']],
    [['--by', 'channel', '--where', 'channel=none']],
  ])('drivers %j: the pieces joined are the whole document, in pieces of 1, 2, 5 and 2,000 groups', async (flags) => {
    const out = await runCli(['drivers', file, ...flags, '--format', 'json'], fakeIo());
    const report = (out as unknown as { report: DriversReport }).report;
    const expected = `${JSON.stringify(driversJson(report), null, 2)}\n`;
    const parsed = JSON.parse(expected) as { drivers: unknown[]; ratings: unknown[] };
    expect(parsed.drivers).toHaveLength(report.drivers.length);
    // The cases cover no groups at all, and a rating column's field after the groups.
    if (flags.includes('--where')) expect(report.drivers).toHaveLength(0);
    else expect(parsed.ratings).toHaveLength(1);
    for (const size of [1, 2, 5, 2000]) expect([...driversJsonPieces(report, size)].join(''), `pieces of ${size}`).toBe(expected);
    // What the command writes is that document, piece by piece (its body), and renderDrivers' JSON is too.
    expect((out as unknown as { body?: unknown }).body).toBeDefined();
    expect(await stdoutOf(out)).toBe(expected);
    expect(renderDrivers(report, 'json', null)).toBe(expected);
    if (report.drivers.length > 0) expect([...driversJsonPieces(report, 5)]).toHaveLength(Math.ceil(report.drivers.length / 5) + 2);
  });
});

describe('documentPieces', () => {
  const shape = (items: unknown[]): Record<string, unknown> => ({ first: { a: [1, 'two'] }, items, last: 'end', gone: undefined });
  const items = Array.from({ length: 7 }, (_, i) => ({ i, name: `n${i}`, list: [i, [i]], none: null }));
  it.each([0, 1, 7])('%i items, in pieces of 1, 3 and 10: the text JSON.stringify writes whole', (count) => {
    const whole = `${JSON.stringify(shape(items.slice(0, count)), null, 2)}\n`;
    for (const size of [1, 3, 10]) expect([...documentPieces(shape([]), 'items', count, (from, to) => items.slice(from, to), size)].join('')).toBe(whole);
    const alone = { gone: undefined, items: items.slice(0, count), none: undefined };
    expect([...documentPieces({ ...alone, items: [] }, 'items', count, (from, to) => items.slice(from, to), 3)].join('')).toBe(`${JSON.stringify(alone, null, 2)}\n`);
  });
  it('the array first or last among the fields', () => {
    // Fields JSON leaves out (undefined) on either side, alone or beside others.
    for (const document of [
      { items: items.slice(0, 3), after: 1 },
      { before: 1, items: items.slice(0, 3) },
      { items: items.slice(0, 3) },
      { before: undefined, items: items.slice(0, 3), after: undefined },
      { before: undefined, first: 2, items: items.slice(0, 3), after: undefined, last: [3] },
    ]) {
      const pieces = documentPieces({ ...document, items: [] }, 'items', 3, (from, to) => items.slice(from, to), 2);
      expect([...pieces].join('')).toBe(`${JSON.stringify(document, null, 2)}\n`);
    }
  });
});
