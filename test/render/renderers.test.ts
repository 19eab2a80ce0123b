import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import type { Stats } from '../../src/core/stats.js';
import { Chalk } from 'chalk';
import { colorLevel } from '../../src/render/color.js';
import { csvField, renderCsv } from '../../src/render/csv.js';
import { renderJson } from '../../src/render/json.js';
import { renderMarkdown } from '../../src/render/markdown.js';
import { renderTable } from '../../src/render/table.js';
import type { ScoreReport } from '../../src/core/report.js';
import { NPS_INFO } from '../../src/render/columns.js';

// Hand-built: web P=2 A=1 D=1 (NPS 25), phone P=0 A=0 D=2 (NPS −100); overall P=2 A=1 D=3 (−16.67).
// Promoters answered 10, passives 8, detractors 3: enough for the renderers.
const stats = (p: number, a: number, d: number, moe: number, interval: [number, number]): Stats => {
  const n = p + a + d;
  return {
    responses: n, promoters: p, passives: a, detractors: d,
    promoterShare: (100 * p) / n, passiveShare: (100 * a) / n, detractorShare: (100 * d) / n,
    nps: (100 * (p - d)) / n, marginOfError: moe, interval,
    distribution: [0, 0, 0, d, 0, 0, 0, 0, a, 0, p],
    // Every promoter gave 10. Wilson's interval of 2 of 2 (statsmodels): 34.24 … 100%.
    tensShare: p > 0 ? 100 : null,
    tensInterval: p === 2 ? [34.238, 100] : null,
  };
};
const report: ScoreReport = {
  metric: NPS_INFO,
  keyNames: ['channel, "kind"', 'month'],
  overall: stats(2, 1, 3, 74.123456, [-50.25, 12.5]),
  groups: [
    { key: ['web', '2025-01'], stats: stats(2, 1, 1, 81.2573, [-18.04, 60.6]) },
    { key: ['', '2025-02'], stats: stats(0, 0, 2, 0, [-100, -14.2]) },
  ],
  skipped: { total: 3, missing: 1, invalid: 2, missingDate: 0, invalidDate: 0, missingWeight: 0, invalidWeight: 0, filtered: 0, duplicate: 0 },
  gates: [],
};
const plain = { color: null, distribution: false, raw: false };
const coloured = { color: new Chalk({ level: 1 }), distribution: false, raw: false };

describe('renderJson', () => {
  it('follows the contract, unrounded', () => {
    const json = JSON.parse(renderJson(report));
    expect(Object.keys(json)).toEqual(['metric', 'overall', 'groups', 'skipped']);
    expect(json.overall.nps).toBeCloseTo(-16.6667, 4);
    expect(json.overall.marginOfError).toBe(74.123456);
    expect(json.overall.interval).toEqual([-50.25, 12.5]);
    expect(json.overall.distribution).toEqual([0, 0, 0, 3, 0, 0, 0, 0, 1, 0, 2]);
    expect(json.groups[0]).toEqual({ key: { 'channel, "kind"': 'web', month: '2025-01' }, ...report.groups[0]?.stats });
    expect(json.groups[1].key).toEqual({ 'channel, "kind"': '', month: '2025-02' });
    expect(json.skipped).toEqual({ total: 3, missing: 1, invalid: 2, missingDate: 0, invalidDate: 0, missingWeight: 0, invalidWeight: 0, filtered: 0, duplicate: 0 });
  });

  it('gates appear when set', () => {
    const json = JSON.parse(renderJson({ ...report, gates: [{ gate: '--min', passed: true, message: 'ok' }] }));
    expect(json.gates).toEqual([{ gate: '--min', passed: true, message: 'ok' }]);
  });

  it('a key named __proto__ is an ordinary key', () => {
    const json = JSON.parse(renderJson({ ...report, keyNames: ['__proto__', 'month'] }));
    expect(Object.hasOwn(json.groups[0].key, '__proto__')).toBe(true);
    expect(({} as Record<string, unknown>).month).toBeUndefined();
  });
});

describe('csvField: text a spreadsheet would run is shown, not run (OWASP)', () => {
  it.each([
    ['=HYPERLINK("http://x.example","click")', `"'=HYPERLINK(""http://x.example"",""click"")"`],
    ["+cmd|'/C calc'!A0", "'+cmd|'/C calc'!A0"],
    ['@SUM(1+1)', "'@SUM(1+1)"],
    ['-2+3', "'-2+3"],
    ['\t=1', "'\t=1"],
    ['\r=1', `"'\r=1"`],
    ['=1,2', `"'=1,2"`],
  ])('%j becomes %s', (text, field) => {
    expect(csvField(text)).toBe(field);
    expect(csvField(text, true)).toBe(/[",\r\n]|^\s/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
  });

  it.each([['-3'], ['+0.5'], ['-1,5'], ['-.5'], ['-2e3'], ['plain'], ['a=b'], ['']])('%j stays as it is', (text) => {
    expect(csvField(text)).toBe(/,/.test(text) ? `"${text}"` : text);
  });

  it('numbers are never changed, negative ones included', () => {
    expect(csvField(-16.5)).toBe('-16.5');
    expect(csvField(-100)).toBe('-100');
  });
});

describe('renderCsv', () => {
  it('key columns first, overall as the first data row with empty keys, quoting where needed', () => {
    const text = renderCsv(report, { raw: false });
    expect(text.split('\r\n')[0]).toBe(
      '"channel, ""kind""",month,responses,promoters,passives,detractors,promoterShare,passiveShare,detractorShare,nps,marginOfError,intervalLow,intervalHigh,' +
        'count0,count1,count2,count3,count4,count5,count6,count7,count8,count9,count10',
    );
    const records = parse(text) as string[][];
    expect(records).toHaveLength(4);
    expect(records[1]?.slice(0, 7)).toEqual(['', '', '6', '2', '1', '3', String((100 * 2) / 6)]);
    expect(records[1]?.slice(10, 13)).toEqual(['74.123456', '-50.25', '12.5']);
    expect(records[1]?.slice(13)).toEqual(['0', '0', '0', '3', '0', '0', '0', '0', '1', '0', '2']);
    expect(records[2]?.slice(0, 3)).toEqual(['web', '2025-01', '4']);
    expect(records[3]?.[9]).toBe('-100');
  });

  it('extra fields (trend) follow the Stats; booleans as true/false', () => {
    const withExtra: ScoreReport = {
      ...report,
      extraNames: ['change', 'thin'],
      groups: report.groups.map((g, i) => ({ ...g, extra: { change: i === 0 ? null : -125, thin: true } })),
    };
    const records = parse(renderCsv(withExtra, { raw: false })) as string[][];
    expect(records[0]?.slice(-2)).toEqual(['change', 'thin']);
    expect(records[1]?.slice(-2)).toEqual(['', '']);
    expect(records[3]?.slice(-2)).toEqual(['-125', 'true']);
  });
});

describe('renderTable and renderMarkdown', () => {
  it('round to one decimal, sign the NPS, show a blank key as (blank) and the overall row last', () => {
    const table = renderTable(report, plain);
    expect(table).not.toMatch(/\u001b\[/);
    const lines = table.split('\n');
    expect(lines.find((l) => l.includes('web'))).toMatch(/│ web\s+│ 2025-01 │\s+4 │\s+2 \(50\.0%\) │\s+1 \(25\.0%\) │\s+1 \(25\.0%\) │\s+\+25\.0 │\s+-18\.0 … \+60\.6 │/);
    expect(lines.find((l) => l.includes('(blank)'))).toMatch(/-100\.0 │\s+-100\.0 … -14\.2 │/);
    expect(lines.filter((l) => l.includes('│')).at(-1)).toMatch(/Overall.*6 .*-16\.7 │\s+-50\.3 … \+12\.5/);
  });

  it('colours classes and the NPS sign only with a colour chalk', () => {
    const text = renderTable(report, coloured);
    expect(text).toContain('\u001b[32m2 (50.0%)\u001b[39m'); // promoters green
    expect(text).toContain('\u001b[31m-100.0\u001b[39m'); // negative NPS red
  });

  it('markdown: a headline, a GitHub table with a bold overall row, and the gates', () => {
    const gated: ScoreReport = { ...report, gates: [{ gate: '--min', passed: false, message: 'NPS -16.7 is below the minimum 0 (--min)' }] };
    const lines = renderMarkdown(gated).trimEnd().split('\n');
    expect(lines[0]).toBe('**NPS -16.7** (95% interval -50.3 … +12.5, n = 6)');
    expect(lines[2]).toBe('| channel, "kind" | month | Responses | Promoters | Passives | Detractors | NPS | 95% interval |');
    expect(lines[3]).toBe('| :--- | :--- | ---: | ---: | ---: | ---: | ---: | ---: |');
    expect(lines[4]).toBe('| web | 2025-01 | 4 | 2 (50.0%) | 1 (25.0%) | 1 (25.0%) | +25.0 | -18.0 … +60.6 |');
    expect(lines[6]).toBe('| **Overall** |  | **6** | **2 (33.3%)** | **1 (16.7%)** | **3 (50.0%)** | **-16.7** | **-50.3 … +12.5** |');
    expect(lines[8]).toBe('- ❌ NPS -16.7 is below the minimum 0 (--min)');
  });

  it('--distribution: bars per answer coloured by class, and the 10s among promoters', () => {
    const text = renderTable(report, { ...plain, distribution: true });
    expect(text).toContain('Distribution (n = 6)\n');
    expect(text).toContain('  3 │ ████████████████████████████████████████ 3\n');
    expect(text).toContain('  4 │ 0\n');
    expect(text).toContain(' 10 │ ███████████████████████████ 2\n'); // 40 × 2/3 = 26.7 → 27
    // Wilson's interval of 2 of 2 (statsmodels proportion_confint): 34.24 … 100%.
    expect(text).toContain('Promoters 2: 9s 0, 10s 2 (100.0% of promoters gave 10; 95% interval 34.2 … 100.0%)');
    expect(text).toContain('10s among promoters by group: web / 2025-01 100.0% (34.2 … 100.0%), (blank) / 2025-02 –');
    const painted = renderTable(report, { ...coloured, distribution: true });
    expect(painted).toContain('\u001b[31m████████████████████████████████████████\u001b[39m 3'); // detractors red
    expect(painted).toContain('\u001b[32m███████████████████████████\u001b[39m 2'); // promoters green
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
