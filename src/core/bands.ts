// Bands a score falls in ("good", "excellent"): each band starts at its `from` and runs to the
// next one's. Pure.

export interface Band {
  /** The lowest score in the band. */
  from: number;
  label: string;
}

/** NPS bands as the common guidance has them: below 0 (more detractors than promoters), 0–29, 30–49, 50–69, 70 and above. */
export const DEFAULT_NPS_BANDS: readonly Band[] = [
  { from: -100, label: 'negative' },
  { from: 0, label: 'positive' },
  { from: 30, label: 'good' },
  { from: 50, label: 'great' },
  { from: 70, label: 'excellent' },
];

/** The band a score is in: the last whose `from` it reaches; null without a score, or below every band. */
export function bandOf(value: number | null, bands: readonly Band[]): string | null {
  if (value === null) return null;
  // The band whose `from` is the highest the value reaches (bands may come in any order).
  let found: Band | null = null;
  for (const band of bands) if (value >= band.from && (found === null || band.from >= found.from)) found = band;
  return found?.label ?? null;
}

/**
 * Whether the 95% interval lies in the score's band, all of it: then the band is settled; when
 * the interval crosses one of the band's edges, the score could be in the next band by chance.
 * Null without a score or an interval.
 */
export function bandSettled(value: number | null, interval: readonly [number, number] | null, bands: readonly Band[]): boolean | null {
  if (value === null || interval === null) return null;
  const band = bandOf(value, bands);
  return bandOf(interval[0], bands) === band && bandOf(interval[1], bands) === band;
}
