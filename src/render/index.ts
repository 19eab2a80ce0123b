// The output formats: one renderer each; they return text and never write.

import type { ChalkInstance } from 'chalk';
import type { ScoreReport } from '../report.js';
import { renderCsv } from './csv.js';
import { renderJson } from './json.js';
import { renderMarkdown } from './markdown.js';
import { renderTable } from './table.js';

export const FORMATS = ['table', 'json', 'csv', 'markdown'] as const;
export type Format = (typeof FORMATS)[number];

export const RENDERERS: Record<Format, (report: ScoreReport, color: ChalkInstance) => string> = {
  table: renderTable,
  json: renderJson,
  csv: renderCsv,
  markdown: renderMarkdown,
};
