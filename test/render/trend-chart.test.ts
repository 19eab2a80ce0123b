import { describe, expect, it } from 'vitest';
import { Chalk } from 'chalk';
import { layoutPeriods, niceScale, renderChart, renderLegend } from '../../src/render/trend-chart.js';
import { maxDropGate, minGate, minGroupGates } from '../../src/core/gates.js';
import { npsMeasure } from '../support/measure.js';
import { statsOf } from '../../src/core/stats.js';
import { Tally } from '../../src/core/tally.js';

const periods = ['2025-01', '2025-02', '2025-03', '2025-04', '2025-05'];
const plain = { width: 60, height: 4, color: null };

describe('renderChart', () => {
  // Values 0, 40, gap, 20, 40 on a 0 … 40 scale in 4 steps of 10 points.
  const chart = renderChart(periods, [{ label: 'NPS', values: [0, 40, null, 20, 40] }], plain);
  const lines = chart.split('\n');

  it('labels the y axis in NPS points, top to bottom', () => {
    expect(lines.slice(0, 5).map((l) => l.slice(0, 7))).toEqual([' +40.0 ', ' +30.0 ', ' +20.0 ', ' +10.0 ', '   0.0 ']);
    expect(lines.slice(0, 5).every((l) => l[7] === '┤')).toBe(true);
  });

  it('labels shares and means without a sign (CSAT, CES)', () => {
    const means = renderChart(periods, [{ label: 'CES', values: [4.6, 5, 5.4, 5.2, 5] }], { ...plain, signed: false });
    const labels = means.split('\n').slice(0, 5).map((l) => l.slice(0, 7).trim());
    expect(labels.every((l) => /^\d+\.\d$/.test(l))).toBe(true);
    // A 4.5 … 5.5 scale in steps of 0.25 (the span is at least 1).
    expect([labels[0], labels[2], labels[4]]).toEqual(['5.5', '5.0', '4.5']);
  });

  it('leaves a period without answers blank, not zero', () => {
    // With 60 columns, 51 are free for 5 periods: 8 columns each. March is columns 16–23 of the plot.
    const plot = lines.slice(0, 5).map((l) => l.slice(8).padEnd(40));
    for (const row of plot) expect(row.slice(16, 23).trim()).toBe('');
    expect(plot[4]?.slice(0, 7)).toBe('───────'); // January at 0
    expect(plot[2]?.slice(24, 31)).toBe('───────'); // April at 20
    expect(plot[0]?.slice(32, 39)).toBe('───────'); // May at 40
  });

  it('puts the first, last and in-between period labels under the x axis', () => {
    expect(lines[5]).toBe(`       └${'─'.repeat(40)}`);
    expect(lines[6]).toBe('       2025-01 2025-02 2025-03 2025-04 2025-05');
  });

  it('fits the width: fewer columns per period, then only the latest periods, and says so', () => {
    expect(layoutPeriods(5, 80)).toEqual({ step: 8, first: 0 });
    expect(layoutPeriods(30, 80)).toEqual({ step: 2, first: 0 });
    expect(layoutPeriods(100, 60)).toEqual({ step: 1, first: 49 });
    const many = Array.from({ length: 100 }, (_, i) => `p${i}`);
    const text = renderChart(many, [{ label: 'x', values: many.map((_, i) => i % 50) }], { width: 60, height: 4, color: null });
    expect(text).toContain('(the last 51 of 100 periods; --format csv has them all)');
    expect(Math.max(...text.split('\n').map((l) => l.length))).toBeLessThanOrEqual(60);
  });

  it('several series: distinct line styles without colour, colours with it, and a legend', () => {
    const two = renderChart(periods, [{ label: 'web', values: [0, 0, 0, 0, 0] }, { label: 'phone', values: [40, 40, 40, 40, 40] }], plain);
    expect(two).toContain('───────');
    expect(two).toContain('═══════');
    expect(two).not.toMatch(/\u001b\[/);
    expect(renderLegend([{ label: 'web', values: [] }, { label: 'phone', values: [] }], null)).toBe('── web   ══ phone\n');
    const coloured = renderChart(periods, [{ label: 'web', values: [0, 10, 20, 30, 40] }], { ...plain, color: new Chalk({ level: 1 }) });
    expect(coloured).toMatch(/\u001b\[36m/); // the first series is cyan
  });

  it('draws each value on the row labelled with it (round steps, whole-step ends)', () => {
    expect(niceScale(-50, 60, 12)).toEqual({ low: -50, high: 60, rows: 11 });
    expect(niceScale(0, 40, 4)).toEqual({ low: 0, high: 40, rows: 4 });
    const flat = niceScale(33.3, 33.3, 12); // a flat line still gets a row above and below
    expect([flat.low, flat.high, flat.rows]).toEqual([expect.closeTo(33.2, 9), expect.closeTo(33.4, 9), 2]);
    const text = renderChart(['a', 'b', 'c'], [{ label: 'x', values: [50, -50, 60] }], { width: 40, height: 12, color: null });
    const row = (label: string): string => text.split('\n').find((l) => l.startsWith(label)) ?? '';
    expect(row(' +50.0 ').slice(8, 16)).toBe('───────╮'); // a at 50, then down
    expect(row(' -50.0 ').slice(15, 22)).toBe('╰──────'); // b at −50
  });

  it('says so when no period has answers', () => {
    expect(renderChart(periods, [{ label: 'x', values: [null, null, null, null, null] }], plain)).toBe('(no answers in any period)\n');
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
