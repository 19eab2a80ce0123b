import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Stats } from '../../src/core/stats.js';
import { colorLevel, makeChalk } from '../../src/color.js';
import { renderCsv } from '../../src/render/csv.js';
import { renderJson } from '../../src/render/json.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderTable } from '../../src/render/table.js';
import type { ScoreReport } from '../../src/report.js';

// Hand-built: web P=2 A=1 D=1 (NPS 25), phone P=0 A=0 D=2 (NPS −100); overall P=2 A=1 D=3 (−16.67).
const stats = (p: number, a: number, d: number, moe: number): Stats => {
  const n = p + a + d;
  return {
    responses: n, promoters: p, passives: a, detractors: d,
    promoterShare: (100 * p) / n, passiveShare: (100 * a) / n, detractorShare: (100 * d) / n,
    nps: (100 * (p - d)) / n, marginOfError: moe,
  };
};
const report: ScoreReport = {
  keyNames: ['channel, "kind"', 'month'],
  overall: stats(2, 1, 3, 74.123456),
  groups: [
    { key: ['web', '2025-01'], stats: stats(2, 1, 1, 81.2573) },
    { key: ['', '2025-02'], stats: stats(0, 0, 2, 0) },
  ],
  skipped: { total: 3, missing: 1, invalid: 2, missingDate: 0, invalidDate: 0, filtered: 0, duplicate: 0 },
};
const noColor = makeChalk(0);

describe('renderJson', () => {
  it('follows the contract, unrounded', () => {
    const json = JSON.parse(renderJson(report));
    expect(Object.keys(json)).toEqual(['overall', 'groups', 'skipped']);
    expect(json.overall.nps).toBeCloseTo(-16.6667, 4);
    expect(json.overall.marginOfError).toBe(74.123456);
    expect(json.groups[0]).toEqual({ key: { 'channel, "kind"': 'web', month: '2025-01' }, ...report.groups[0]?.stats });
    expect(json.groups[1].key).toEqual({ 'channel, "kind"': '', month: '2025-02' });
    expect(json.skipped).toEqual({ total: 3, missing: 1, invalid: 2, missingDate: 0, invalidDate: 0, filtered: 0, duplicate: 0 });
  });

  it('a key named __proto__ is an ordinary key', () => {
    const json = JSON.parse(renderJson({ ...report, keyNames: ['__proto__', 'month'] }));
    expect(Object.hasOwn(json.groups[0].key, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).month).toBeUndefined();
  });
});

describe('renderCsv', () => {
  it('key columns first, overall as the first data row with empty keys, quoting where needed', () => {
    const text = renderCsv(report);
    expect(text.split('\r\n')[0]).toBe(
      '"channel, ""kind""",month,responses,promoters,passives,detractors,promoterShare,passiveShare,detractorShare,nps,marginOfError',
    );
    const records = parse(text) as string[][];
    expect(records).toHaveLength(4);
    expect(records[1]?.slice(0, 7)).toEqual(['', '', '6', '2', '1', '3', String((100 * 2) / 6)]);
    expect(records[1]?.[10]).toBe('74.123456');
    expect(records[2]?.slice(0, 3)).toEqual(['web', '2025-01', '4']);
    expect(records[3]?.[9]).toBe('-100');
  });
});

describe('renderTable and renderMarkdown', () => {
  it('round to one decimal, sign the NPS, show a blank key as (blank) and the overall row last', () => {
    const table = renderTable(report, noColor);
    expect(table).not.toMatch(/\u001b\[/);
    const lines = table.split('\n');
    expect(lines.find((l) => l.includes('web'))).toMatch(/│ web\s+│ 2025-01 │\s+4 │\s+2 \(50\.0%\) │\s+1 \(25\.0%\) │\s+1 \(25\.0%\) │\s+\+25\.0 │\s+±81\.3 │/);
    expect(lines.find((l) => l.includes('(blank)'))).toMatch(/-100\.0/);
    expect(lines.filter((l) => l.includes('│')).at(-1)).toMatch(/Overall.*6 .*-16\.7 │\s+±74\.1/);
  });

  it('colours classes and the NPS sign only with a colour chalk', () => {
    const coloured = renderTable(report, makeChalk(1));
    expect(coloured).toContain('\u001b[32m2 (50.0%)\u001b[39m'); // promoters green
    expect(coloured).toContain('\u001b[31m-100.0\u001b[39m'); // negative NPS red
  });

  it('markdown: a GitHub table with a bold overall row', () => {
    const lines = renderMarkdown(report).trimEnd().split('\n');
    expect(lines[0]).toBe('| channel, "kind" | month | Responses | Promoters | Passives | Detractors | NPS | ±95% |');
    expect(lines[1]).toBe('| :--- | :--- | ---: | ---: | ---: | ---: | ---: | ---: |');
    expect(lines[2]).toBe('| web | 2025-01 | 4 | 2 (50.0%) | 1 (25.0%) | 1 (25.0%) | +25.0 | ±81.3 |');
    expect(lines[4]).toBe('| **Overall** |  | **6** | **2 (33.3%)** | **1 (16.7%)** | **3 (50.0%)** | **-16.7** | **±74.1** |');
  });
});

describe('colorLevel', () => {
  it.each([
    ['auto', {}, true, 1],
    ['auto', {}, false, 0],
    ['auto', { NO_COLOR: '1' }, true, 0],
    ['auto', { NO_COLOR: '' }, true, 1],
    ['auto', { TERM: 'dumb' }, true, 0],
    ['auto', { FORCE_COLOR: '1' }, false, 1],
    ['auto', { FORCE_COLOR: '3', NO_COLOR: '1' }, false, 3],
    ['auto', { FORCE_COLOR: '0' }, true, 0],
    ['always', { NO_COLOR: '1' }, false, 1],
    ['never', { FORCE_COLOR: '1' }, true, 0],
  ] as const)('--color %s with %j, terminal %s → level %i', (choice, env, tty, level) => {
    expect(colorLevel(choice, env, tty)).toBe(level);
  });
});
