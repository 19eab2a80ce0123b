import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { chartScale, layoutPeriods, renderChart, sparkline, type ChartPoint } from '../../src/render/trend-chart.js';
import { maxDropGate, minGate, minGroupGates } from '../../src/core/gates.js';
import { npsMeasure } from '../support/measure.js';
import { statsOf } from '../../src/core/stats.js';
import { Tally } from '../../src/core/tally.js';

const periods = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05'];
const point = (value: number, interval: [number, number] | null = null, more: Partial<ChartPoint> = {}): ChartPoint => ({ value, interval, thin: false, change: null, ...more });
const npsAxis = { signed: true, minSpan: 20, bounds: [-100, 100] as const, minResponses: 30 };
const plain = { width: 60, height: 12, color: null, ...npsAxis };
/** The plot's rows, keyed by their label (unlabelled rows by their index). */
const plotRows = (chart: string): string[] => chart.split('\n').filter((l) => /^.{7}[┤│]/.test(l));

describe('chartScale: noise is not a cliff', () => {
  it('+9 to +16 with nothing significant spans at least 20 points, in round steps', () => {
    const s = chartScale([9, 16], 12, 20, [-100, 100]);
    expect(s.high - s.low).toBeGreaterThanOrEqual(20);
    expect(s).toEqual({ low: 2, high: 24, step: 2 });
  });

  it('a wide range takes larger round steps; whole-step ends; within the rows', () => {
    expect(chartScale([-50, 60], 12, 20, [-100, 100])).toEqual({ low: -50, high: 60, step: 10 });
    expect(chartScale([-44.2, 62.3], 12, 20, [-100, 100])).toEqual({ low: -60, high: 80, step: 20 });
    // Near the end of the scale the span slides inside it: 95 … 100 shows 80 … 100.
    expect(chartScale([95, 100], 12, 20, [-100, 100])).toEqual({ low: 80, high: 100, step: 2 });
  });
});

describe('renderChart: one series', () => {
  // 0 ±10, +40 ±10, a gap, +20 (thin), +40 with a significant rise.
  const series = { label: 'NPS', points: [point(0, [-10, 10]), point(40, [30, 50]), null, point(20, [-20, 60], { thin: true }), point(40, [30, 50], { change: 'up' as const })] };
  const chart = renderChart(periods, series, plain);
  const rows = plotRows(chart);

  it('labels round values on the y axis, 0 marked across the plot', () => {
    expect(rows.map((r) => r.slice(0, 8))).toEqual([' +60.0 ┤', '       │', ' +40.0 ┤', '       │', ' +20.0 ┤', '       │', '   0.0 ┤', '       │', ' -20.0 ┤']);
    expect(rows[6]).toContain('┈');
  });

  it('marks each period at its centre: ● as usual, ○ thin, ▲ a significant rise; nothing in a gap', () => {
    // 60 columns: 51 for 5 periods, 10 columns each; centres at plot columns 4, 14, 24, 34, 44.
    const at = (row: number, col: number): string => [...(rows[row] ?? '')][8 + col] ?? ' ';
    expect(at(6, 4)).toBe('●'); // 0
    expect(at(2, 14)).toBe('●'); // +40
    expect(at(4, 34)).toBe('○'); // +20, thin
    expect(at(2, 44)).toBe('▲'); // +40, a significant rise
    for (const row of rows) expect([...row].slice(8 + 20, 8 + 30).join('').replace(/┈/g, ' ').trim()).toBe(''); // March
  });

  it('draws each interval as a band over its rows, and links neighbouring periods, never across a gap', () => {
    const at = (row: number, col: number): string => [...(rows[row] ?? '')][8 + col] ?? ' ';
    expect([at(5, 4), at(7, 4)]).toEqual(['░', '░']); // 0 ± 10: the rows of +10 and −10
    expect(at(8, 4)).toBe(' '); // not −20
    expect(rows.some((r) => [...r].slice(8 + 5, 8 + 14).includes('·'))).toBe(true); // January to February
    expect(rows.every((r) => ![...r].slice(8 + 15, 8 + 34).includes('·'))).toBe(true); // none through March
  });

  it('the legend names the marks used, wrapped between whole entries', () => {
    expect(renderChart(periods, series, { ...plain, width: 80 })).toContain('● NPS ··   ░ 95% interval   ○ thin (n < 30)   ▲▼ significant change\n');
    expect(chart).toContain('● NPS ··   ░ 95% interval   ○ thin (n < 30)\n▲▼ significant change\n');
    const narrow = renderChart(periods, series, { ...plain, width: 40 });
    expect(narrow).toContain('● NPS ··   ░ 95% interval\n○ thin (n < 30)   ▲▼ significant change\n');
    for (const line of narrow.split('\n')) expect([...line].length).toBeLessThanOrEqual(40);
  });

  it('the rolling line is drawn under the period marks, and the gap stays without a mark', () => {
    const rolled = renderChart(periods, { ...series, rolling: [0, 20, 40, 30, 30] }, { ...plain, rollingLabel: 'rolling 2' });
    expect(rolled).toContain('── rolling 2');
    const r = plotRows(rolled);
    const at = (row: number, col: number): string => [...(r[row] ?? '')][8 + col] ?? ' ';
    expect(at(2, 14)).toBe('●'); // February's mark over its rolling value
    expect(at(2, 24)).toBe('─'); // March: the rolling line, no mark
    expect(r.flatMap((row) => [...row]).filter((ch) => ch === '●' || ch === '○' || ch === '▲').length).toBe(4);
  });

  it('widens to the terminal: 3 periods at 200 columns take most of it', () => {
    const wide = renderChart(['a', 'b', 'c'], { label: 'NPS', points: [point(1), point(5), point(3)] }, { ...plain, width: 200 });
    const axis = wide.split('\n').find((l) => l.includes('└')) ?? '';
    expect(axis.length).toBeGreaterThan(40);
    expect(Math.max(...wide.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(200);
  });

  it('fits the width: only the latest periods when there are more than columns, and says so', () => {
    expect(layoutPeriods(5, 80)).toEqual({ step: 14, first: 0 });
    expect(layoutPeriods(100, 60)).toEqual({ step: 1, first: 49 });
    const many = Array.from({ length: 100 }, (_, i) => `p${i}`);
    const text = renderChart(many, { label: 'x', points: many.map((_, i) => point(i % 50)) }, plain);
    expect(text).toContain('(the last 51 of 100 periods; --format csv has them all)');
    expect(Math.max(...text.split('\n').map((l) => [...l].length))).toBeLessThanOrEqual(60);
  });

  it('colour: marks not in red or green unless a change is significant; every colour closed on its line', () => {
    const coloured = renderChart(periods, series, { ...plain, color: new Chalk({ level: 1 }) });
    for (const line of coloured.split('\n')) {
      const opened = (line.match(/\u001b\[(3[0-7]|2|90)m/g) ?? []).length;
      const closed = (line.match(/\u001b\[(39|22)m/g) ?? []).length;
      expect(opened).toBe(closed);
    }
    const marks = (code: string): string[] => (coloured.match(new RegExp(`\u001b\\[${code}m(.)`, 'g')) ?? []).map((g) => g.at(-1) as string);
    expect(marks('32')).toEqual(['▲', '▲']); // the rise, and the legend's
    expect(marks('31')).toEqual(['▼']); // the legend's only: no fall here
    expect(marks('33')).toEqual(['○', '○']); // thin, and the legend's
  });

  it('says so when no period has answers', () => {
    expect(renderChart(periods, { label: 'x', points: [null, null, null, null, null] }, plain)).toBe('(no answers in any period)\n');
  });
});

describe('sparkline', () => {
  it('one character per period on the shared scale, a space for a gap', () => {
    expect(sparkline([-100, -50, null, 0, 50, 100], -100, 100)).toBe('▁▃ ▅▆█');
    expect(sparkline([33, 33], 33, 33)).toBe('▅▅');
  });
});

describe('gates', () => {
  const stats = (p: number, a: number, d: number) => statsOf(Tally.fromDistribution([d, 0, 0, 0, 0, 0, 0, 0, a, 0, p]));
  it('--min', () => {
    expect(minGate(stats(3, 0, 1), 50, npsMeasure())).toMatchObject({ passed: true }); // 50 ≥ 50
    expect(minGate(stats(1, 0, 1), 10, npsMeasure())).toEqual({ gate: '--min', passed: false, message: 'NPS 0.0 is below the minimum 10 (--min)' });
  });

  it('--min-group holds only groups with enough answers, and names each failing one', () => {
    const groups = [
      { key: ['web'], stats: stats(30, 0, 10) }, // +50, n 40
      { key: ['phone'], stats: stats(10, 0, 30) }, // −50, n 40
      { key: [''], stats: stats(0, 0, 5) }, // −100 but n 5: thin, not held
    ];
    const results = minGroupGates(['channel'], groups, { min: undefined, minGroup: 0, minResponses: 30, maxDrop: undefined, alpha: 0.05 }, npsMeasure());
    expect(results).toEqual([
      { gate: '--min-group', passed: false, message: 'group channel=phone: NPS -50.0 (n = 40) is below the minimum 0 (--min-group)' },
    ]);
  });

  it('--max-drop fails only on a drop that is larger than X and significant', () => {
    // 2025-01: P40 D10 (+60, n 50); 2025-02: P10 D40 (−60, n 50). Adjusted Wald: P40.75 A1.5 D10.75
    // of 53 → +56.60, variance (.971698 − .320399)/53 = .012289; the mirror −56.60. t = −113.21 / 15.677 = −7.22.
    const big = maxDropGate([{ key: '2025-01', stats: stats(40, 0, 10) }, { key: '2025-02', stats: stats(10, 0, 40) }], 10, 0.05, npsMeasure(), 30);
    expect(big.passed).toBe(false);
    expect(big.message).toBe('NPS fell 120.0 points from 2025-01 (+60.0, n = 50) to 2025-02 (-60.0, n = 50): more than 10 and significant (p = 0.000) (--max-drop)');
    // At 50 a side, pooled P50 D50 (v = 1), a fall must be about 1.96 · 100 · √(2/53) = 38.1 points to be significant.
    expect(big.note).toContain('only a fall of about 38.1 points or more can be significant at 95%');
    expect(maxDropGate([{ key: '2025-01', stats: stats(40, 0, 10) }, { key: '2025-02', stats: stats(10, 0, 40) }], 40, 0.05, npsMeasure(), 30).note).toBeUndefined();
    // 2 answers each: P2 (+100) then P1 D1 (0): thin, not judged, and it passes.
    const small = maxDropGate([{ key: '2025-01', stats: stats(2, 0, 0) }, { key: '2025-02', stats: stats(1, 0, 1) }], 10, 0.05, npsMeasure(), 30);
    expect(small).toMatchObject({ passed: true, judged: false });
    expect(small.message).toContain('not judged');
    // Judged anyway (--min-responses 0): the exact test, p = 1 (all six splits of P P P D into pairs differ by 100).
    const judged = maxDropGate([{ key: '2025-01', stats: stats(2, 0, 0) }, { key: '2025-02', stats: stats(1, 0, 1) }], 10, 0.05, npsMeasure(), 0);
    expect(judged.passed).toBe(true);
    expect(judged.message).toContain('more than 10 but not significant (p = 1.000)');
    expect(maxDropGate([{ key: '2025-01', stats: stats(2, 0, 0) }], 10, 0.05, npsMeasure(), 30).passed).toBe(true);
  });
});
