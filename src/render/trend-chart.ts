// The trend as a person reads it at a terminal. One series: a chart of each period's score
// with its 95% interval as a band, thin periods and significant changes marked, gaps left
// blank, and the rolling line drawn under the period marks. Several series: one row each, a
// sparkline on a shared scale, the latest score with its interval, and its change (the way
// terminal dashboards show many lines that would overlap in one chart).
//
// Drawn here rather than by asciichart, which draws lines only: no band, no marks, no gaps,
// and overlapping series hide each other.

import type { ChalkInstance } from 'chalk';
import { oneDecimal, signedOneDecimal } from '../core/format-number.js';
import { paint } from './color.js';
import { wrapEntries } from './wrap.js';

/** One period of a series. */
export interface ChartPoint {
  value: number;
  interval: readonly [number, number] | null;
  /** Fewer answers than --min-responses. */
  thin: boolean;
  /** A significant change from the period before: its direction; null when not significant or not judged. */
  change: 'up' | 'down' | null;
}

export interface ChartSeries {
  label: string;
  /** One per period; null is a period without answers (a gap). */
  points: (ChartPoint | null)[];
  /** The rolling score per period (null without answers in its window), when asked for. */
  rolling?: (number | null)[];
}

export interface ChartOptions {
  /** Terminal width in columns: the chart widens to it and never passes it. */
  width: number;
  /** Rows of the plot at most. */
  height: number;
  color: ChalkInstance | null;
  /** Labels with a sign (NPS points); without one for shares and means. */
  signed: boolean;
  /** The smallest span the y axis shows, so that noise is not drawn as cliffs (20 NPS points). */
  minSpan: number;
  /** The ends no score passes (−100 … +100 for NPS): the axis stops there. */
  bounds: readonly [number, number];
  /** "rolling 3", when the rolling line is drawn. */
  rollingLabel?: string;
  /** The thin threshold, for the legend. */
  minResponses: number;
}

const LABEL_WIDTH = 6; // "+100.0"
/** Columns before the plot: the label, a space, the axis. */
const OFFSET = LABEL_WIDTH + 2;
/** Columns a period takes at most, however wide the terminal. */
const MOST_PER_PERIOD = 16;

const MARK = { point: '●', thin: '○', up: '▲', down: '▼', band: '░', link: '·', rolling: '─', zero: '┈' } as const;

/**
 * The y axis: round steps (1, 2, 2.5 or 5 × 10^k) with whole-step ends, spanning at least
 * `minSpan` (widened around the middle of the values), within `bounds`; one row per step.
 */
export function chartScale(values: readonly number[], rows: number, minSpan: number, bounds: readonly [number, number]): { low: number; high: number; step: number } {
  let min = Math.min(...values);
  let max = Math.max(...values);
  if (max - min < minSpan) {
    const middle = (min + max) / 2;
    min = middle - minSpan / 2;
    max = middle + minSpan / 2;
    // Kept inside the scale's ends by sliding, not shrinking.
    if (min < bounds[0]) [min, max] = [bounds[0], bounds[0] + minSpan];
    if (max > bounds[1]) [min, max] = [bounds[1] - minSpan, bounds[1]];
  }
  const raw = (max - min) / Math.max(1, rows - 1);
  const power = 10 ** Math.floor(Math.log10(raw));
  // The smallest round step whose whole-step ends fit the rows.
  for (const m of [1, 2, 2.5, 5, 10, 20, 25, 50, 100]) {
    const step = m * power;
    if (step < raw - 1e-9) continue;
    const low = Math.floor(min / step + 1e-9) * step;
    const high = Math.ceil(max / step - 1e-9) * step;
    if ((high - low) / step + 1 <= rows) return { low, high, step };
  }
  return { low: min, high: max, step: (max - min) / Math.max(1, rows - 1) };
}

/** Columns per period, and the first period drawn (when there are more periods than columns, the latest). */
export function layoutPeriods(periods: number, width: number): { step: number; first: number } {
  const room = Math.max(10, width - OFFSET - 1);
  if (periods > room) return { step: 1, first: periods - room };
  return { step: Math.max(1, Math.min(MOST_PER_PERIOD, Math.floor(room / Math.max(1, periods)))), first: 0 };
}

type Cell = { ch: string; paint?: ((text: string) => string) | undefined; rank: number };

/** The chart of one series, its axes, period labels and legend. */
export function renderChart(periods: readonly string[], series: ChartSeries, options: ChartOptions): string {
  const { step, first } = layoutPeriods(periods.length, options.width);
  const shown = periods.slice(first);
  const points = series.points.slice(first);
  const rolling = series.rolling?.slice(first);
  const values: number[] = [];
  // The bands are in view, thin periods' too: a wide band is what a few answers are worth.
  for (const p of points) if (p) values.push(p.value, ...(p.interval ?? []));
  for (const r of rolling ?? []) if (r !== null) values.push(r);
  if (values.length === 0) return '(no answers in any period)\n';
  const { low, high, step: yStep } = chartScale(values, options.height, options.minSpan, options.bounds);
  const rows = Math.round((high - low) / yStep) + 1;
  const columns = shown.length * step;
  const color = options.color;
  const rowOf = (v: number): number => Math.min(rows - 1, Math.max(0, Math.round((high - v) / yStep)));
  const centre = (p: number): number => p * step + Math.floor((step - 1) / 2);

  const grid: Cell[][] = Array.from({ length: rows }, () => Array.from({ length: columns }, () => ({ ch: ' ', rank: 0 })));
  const put = (r: number, c: number, ch: string, rank: number, fn?: (text: string) => string): void => {
    const cell = grid[r]?.[c];
    if (cell && rank >= cell.rank) Object.assign(cell, { ch, rank, paint: fn });
  };
  // Ranks: zero line 1, band 2, links 3, rolling 4, marks 5.
  if (options.signed && low < 0 && high > 0) for (let c = 0; c < columns; c++) put(rowOf(0), c, MARK.zero, 1, color?.dim);
  const half = Math.max(0, Math.floor((step - 2) / 2));
  points.forEach((p, i) => {
    if (!p?.interval) return;
    const [top, bottom] = [rowOf(p.interval[1]), rowOf(p.interval[0])];
    for (let r = top; r <= bottom; r++) for (let c = centre(i) - half; c <= centre(i) + half; c++) if (c >= i * step && c < (i + 1) * step) put(r, c, MARK.band, 2, color?.dim);
  });
  /** A line through values at period centres, between neighbouring periods that both have one. */
  const line = (list: readonly (number | null)[], ch: string, rank: number, fn?: (text: string) => string): void => {
    list.forEach((v, i) => {
      const next = list[i + 1];
      if (v === null) return;
      put(rowOf(v), centre(i), ch, rank, fn);
      if (next === null || next === undefined) return;
      for (let c = centre(i) + 1; c < centre(i + 1); c++) put(rowOf(v + ((next - v) * (c - centre(i))) / step), c, ch, rank, fn);
    });
  };
  if (!rolling) line(points.map((p) => p?.value ?? null), MARK.link, 3, color?.cyan);
  else line(rolling, MARK.rolling, 4, color?.magenta);
  points.forEach((p, i) => {
    if (!p) return;
    const [ch, fn] = p.change === 'up' ? [MARK.up, color?.green] : p.change === 'down' ? [MARK.down, color?.red] : p.thin ? [MARK.thin, color?.yellow] : [MARK.point, color?.cyan];
    put(rowOf(p.value), centre(i), ch, 5, fn);
  });

  // Labels on the rows of round values: every row, or every other when there are many.
  const every = rows > 8 ? 2 : 1;
  const label = options.signed ? signedOneDecimal : oneDecimal;
  const lines = grid.map((cells, r) => {
    const value = high - r * yStep;
    const labelled = (Math.round(value / yStep) % every === 0) || (options.signed && Math.abs(value) < 1e-9);
    const prefix = labelled ? `${label(value).padStart(LABEL_WIDTH)} ┤` : `${' '.repeat(LABEL_WIDTH)} │`;
    // Runs of one colour painted together, each closed before the line ends.
    let text = '';
    for (let c = 0; c < cells.length; ) {
      const fn = (cells[c] as Cell).paint;
      let run = '';
      for (; c < cells.length && (cells[c] as Cell).paint === fn; c++) run += (cells[c] as Cell).ch;
      text += fn && run.trim() !== '' ? fn(run) : run;
    }
    return `${prefix}${text}`.trimEnd();
  });
  const axis = `${' '.repeat(OFFSET - 1)}└${'─'.repeat(columns)}`;
  const under = new Array<string>(OFFSET + columns).fill(' ');
  const place = (p: number): void => {
    const text = [...(shown[p] ?? '')];
    let at = OFFSET + centre(p) - Math.floor(text.length / 2);
    at = Math.max(OFFSET, Math.min(at, under.length - text.length));
    for (let c = at - 1; c < at + text.length + 1; c++) if (c >= 0 && c < under.length && under[c] !== ' ') return;
    text.forEach((ch, k) => (under[at + k] = ch));
  };
  place(shown.length - 1);
  for (let p = 0; p < shown.length - 1; p++) place(p);
  const note = first > 0 ? `(the last ${shown.length} of ${periods.length} periods; --format csv has them all)\n` : '';

  const anyThin = points.some((p) => p?.thin);
  const anyChange = points.some((p) => p?.change);
  const legend = [
    `${paint(MARK.point, color?.cyan)} ${series.label}${rolling ? '' : ` ${paint(MARK.link.repeat(2), color?.cyan)}`}`,
    `${paint(MARK.band, color?.dim)} 95% interval`,
    ...(rolling ? [`${paint(MARK.rolling.repeat(2), color?.magenta)} ${options.rollingLabel ?? 'rolling'}`] : []),
    ...(anyThin ? [`${paint(MARK.thin, color?.yellow)} thin (n < ${options.minResponses})`] : []),
    ...(anyChange ? [`${paint(MARK.up, color?.green)}${paint(MARK.down, color?.red)} significant change`] : []),
  ];
  return `${lines.join('\n')}\n${axis}\n${under.join('').trimEnd()}\n${note}${wrapEntries(legend, options.width)}`;
}

const SPARKS = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];

/**
 * A series as a sparkline on a shared scale: one character per period, the height of its
 * score between `low` and `high`, a space for a period without answers.
 */
export function sparkline(values: readonly (number | null)[], low: number, high: number): string {
  return values
    .map((v) => {
      if (v === null) return ' ';
      const share = high > low ? (v - low) / (high - low) : 0.5;
      return SPARKS[Math.min(SPARKS.length - 1, Math.max(0, Math.round(share * (SPARKS.length - 1))))] as string;
    })
    .join('');
}
