// Exactly one JSON document, numbers unrounded.

import { toJsonShape, type ScoreReport } from '../core/report.js';

export function renderJson(report: ScoreReport): string {
  return `${JSON.stringify(toJsonShape(report), null, 2)}\n`;
}
