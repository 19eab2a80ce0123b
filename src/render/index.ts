// The output formats of `nps score`: one renderer each; they return text and never write.

import type { ChalkInstance } from 'chalk';
import type { ScoreReport } from '../report.js';
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';

export const FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export interface RenderContext {
  color: ChalkInstance;
  /** Add the 0–10 histogram (table only; JSON and CSV always carry the distribution). */
  distribution: boolean;
}

export const RENDERERS: Record<Format, (report: ScoreReport, context: RenderContext) => string> = {
  table: renderTable,
  json: renderJson,
  csv: renderCsv,
  markdown: renderMarkdown,
};
