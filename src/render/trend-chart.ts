// The trend chart: NPS per period as lines drawn by asciichart, one series per group, with
// gaps left blank (asciichart has no gaps: each series is drawn alone, its gap columns
// blanked, and the series laid over each other), y labels in NPS points and period labels
// under the x axis.

import asciichart from 'asciichart';
import type { ChalkInstance } from 'chalk';
import { oneDecimal, signedOneDecimal } from '../core/format-number.js';

export interface ChartSeries {
  label: string;
  /** One value per period; null is a period without answers (a gap). */
  values: (number | null)[];
}

export interface ChartOptions {
  /** Terminal width in columns. */
  width: number;
  height: number;
  color: ChalkInstance | null;
  /** Labels with a sign (NPS points, −100 … +100); without one for shares and means. Default true. */
  signed?: boolean;
}

/** Line styles that stay apart without colour: light, double, heavy, dashed, dotted. */
const STYLES = [
  ['┼', '┤', '╶', '╴', '─', '╰', '╭', '╮', '╯', '│'],
  ['┼', '┤', '╶', '╴', '═', '╚', '╔', '╗', '╝', '║'],
  ['┼', '┤', '╺', '╸', '━', '┗', '┏', '┓', '┛', '┃'],
  ['┼', '┤', '╶', '╴', '┄', '╰', '╭', '╮', '╯', '┆'],
  ['┼', '┤', '·', '·', '·', '·', '·', '·', '·', '·'],
  ['┼', '┤', '•', '•', '•', '•', '•', '•', '•', '•'],
  ['┼', '┤', '~', '~', '~', '~', '~', '~', '~', '~'],
] as const;
const COLORS = ['cyan', 'magenta', 'yellow', 'green', 'blue', 'red', 'white'] as const;

const LABEL_WIDTH = 6; // "+100.0", "-100.0"
/**
 * asciichart puts the whole y label in the first cell of a row and the axis in cell
 * offset − 1; with offset 2 the axis comes right after the label. OFFSET is the visual
 * column where the plot starts (label, space, axis).
 */
const ASCIICHART_OFFSET = 2;
const OFFSET = LABEL_WIDTH + 2;

export function lineStyle(index: number): string {
  return STYLES[index % STYLES.length]?.[4] ?? '─';
}

export function seriesPainter(index: number, color: ChalkInstance | null): (text: string) => string {
  const name = COLORS[index % COLORS.length] ?? 'white';
  return color ? (text) => color[name](text) : (text) => text;
}

/**
 * A y scale with round steps (1, 2, 2.5 or 5 × 10^k points) whose ends are whole steps. asciichart
 * rounds the ends to rows; when they are whole steps its labels sit exactly on its rows.
 */
export function niceScale(min: number, max: number, height: number): { low: number; high: number; rows: number } {
  const span = Math.max(max - min, 1);
  const raw = span / Math.max(1, height);
  const power = 10 ** Math.floor(Math.log10(raw));
  const step = ([1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= raw - 1e-9) ?? 10 * power);
  let low = Math.floor(min / step + 1e-9) * step;
  let high = Math.ceil(max / step - 1e-9) * step;
  if (high === low) {
    low -= step;
    high += step;
  }
  return { low, high, rows: Math.round((high - low) / step) };
}

/** How many columns each period gets, and which periods fit. */
export function layoutPeriods(periods: number, width: number): { step: number; first: number } {
  const room = Math.max(10, width - OFFSET - 1);
  if (periods > room) return { step: 1, first: periods - room };
  return { step: Math.max(1, Math.min(8, Math.floor(room / Math.max(1, periods)))), first: 0 };
}

/** Draws the series; `periods` are the x labels (one per value). */
export function renderChart(periods: readonly string[], series: readonly ChartSeries[], options: ChartOptions): string {
  const { step, first } = layoutPeriods(periods.length, options.width);
  const shown = periods.slice(first);
  const values = series.map((s) => s.values.slice(first));
  const all = values.flat().filter((v): v is number => v !== null);
  if (all.length === 0) return '(no answers in any period)\n';
  const scale = niceScale(Math.min(...all), Math.max(...all), options.height);
  const label = options.signed === false ? oneDecimal : signedOneDecimal;
  const format = (x: number): string => `${label(x).padStart(LABEL_WIDTH)} `;
  const columns = shown.length * step;
  // Every series is drawn alone on the same scale; its gap columns are then blanked.
  const grids = values.map((list, index) => {
    const expanded: number[] = [];
    let last = list.find((v) => v !== null) ?? 0;
    for (const v of list) {
      if (v !== null) last = v;
      for (let k = 0; k < step; k++) expanded.push(last);
    }
    const text = asciichart.plot(expanded, { min: scale.low, max: scale.high, height: scale.rows, offset: ASCIICHART_OFFSET, format, symbols: [...(STYLES[index % STYLES.length] ?? STYLES[0])] });
    const rows = text.split('\n').map((row) => [...row]);
    const gap = new Set<number>();
    list.forEach((v, p) => {
      if (v !== null) return;
      // Columns drawing the way into, through and out of this period.
      for (let c = p * step - 1; c <= p * step + step - 1; c++) gap.add(c);
    });
    // With one column per period, a lone period between gaps keeps its outgoing (flat) column.
    const keep = new Set<number>();
    list.forEach((v, p) => {
      if (step === 1 && v !== null && (list[p - 1] ?? null) === null && (list[p + 1] ?? null) === null) keep.add(p);
    });
    return rows.map((row) => row.map((ch, c) => (c >= OFFSET && gap.has(c - OFFSET) && !keep.has(c - OFFSET) ? ' ' : ch)));
  });
  const base = grids[0] ?? [];
  const out = base.map((row, r) =>
    row.map((ch, c) => {
      if (c < OFFSET) return c === OFFSET - 1 ? (ch === '┼' ? '┤' : ch) : ch;
      for (let s = grids.length - 1; s >= 0; s--) {
        const cell = grids[s]?.[r]?.[c] ?? ' ';
        if (cell !== ' ') return seriesPainter(s, options.color)(cell);
      }
      return ' ';
    }).join('').trimEnd(),
  );
  // The x axis and the period labels: first, last, and as many between as fit.
  const axis = `${' '.repeat(OFFSET - 1)}└${'─'.repeat(columns)}`;
  const labels = new Array<string>(OFFSET + columns + 12).fill(' ');
  const place = (p: number): boolean => {
    const text = shown[p] ?? '';
    let at = OFFSET - 1 + p * step;
    if (at + text.length > labels.length) at = labels.length - text.length;
    for (let c = at - 1; c < at + text.length + 1; c++) if (c >= 0 && labels[c] !== ' ') return false;
    [...text].forEach((ch, i) => (labels[at + i] = ch));
    return true;
  };
  const lastIndex = shown.length - 1;
  place(lastIndex);
  for (let p = 0; p < lastIndex; p++) place(p);
  const note = first > 0 ? `(the last ${shown.length} of ${periods.length} periods; --format csv has them all)\n` : '';
  return `${out.join('\n')}\n${axis}\n${labels.join('').trimEnd()}\n${note}`;
}

export function renderLegend(series: readonly ChartSeries[], color: ChalkInstance | null): string {
  return series.map((s, i) => seriesPainter(i, color)(`${lineStyle(i).repeat(2)} ${s.label}`)).join('   ') + '\n';
}
