// NPS, class shares and the 95% margin of error, always from pooled counts.

import type { Tally } from './tally.js';

export interface Stats {
  responses: number;
  promoters: number;
  passives: number;
  detractors: number;
  /** Percent of responses, 0–100; null when there are no responses. */
  promoterShare: number | null;
  passiveShare: number | null;
  detractorShare: number | null;
  /** 100 × (P − D) / n, −100..100; null when n = 0. */
  nps: number | null;
  /** Half-width of the 95% interval in NPS points; null when n = 0. */
  marginOfError: number | null;
}

/** z for a two-sided 95% interval. */
export const Z95 = 1.96;

/**
 * Standard error of NPS in points. NPS/100 is the mean of a variable that is +1 for a
 * promoter, 0 for a passive, −1 for a detractor; its variance is p + d − (p − d)².
 */
export function npsStandardError(promoters: number, detractors: number, responses: number): number | null {
  if (responses <= 0) return null;
  const p = promoters / responses;
  const d = detractors / responses;
  const variance = Math.max(0, p + d - (p - d) ** 2);
  return 100 * Math.sqrt(variance / responses);
}

export function npsOf(promoters: number, detractors: number, responses: number): number | null {
  return responses > 0 ? (100 * (promoters - detractors)) / responses : null;
}

export function statsOf(tally: Tally): Stats {
  const responses = tally.responses;
  const promoters = tally.countOf('promoter');
  const passives = tally.countOf('passive');
  const detractors = tally.countOf('detractor');
  const share = (count: number): number | null => (responses > 0 ? (100 * count) / responses : null);
  const standardError = npsStandardError(promoters, detractors, responses);
  return {
    responses,
    promoters,
    passives,
    detractors,
    promoterShare: share(promoters),
    passiveShare: share(passives),
    detractorShare: share(detractors),
    nps: npsOf(promoters, detractors, responses),
    marginOfError: standardError === null ? null : Z95 * standardError,
  };
}
