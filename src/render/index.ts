// The output formats of `nps score`: one renderer each; they return text and never write.

import type { ChalkInstance } from 'chalk';
import type { ScoreReport } from '../core/report.js';

import type { Format } from '../core/report.js';
export { FORMATS, type Format } from '../core/report.js';

export interface RenderContext {
  /** Null for no colour. */
  color: ChalkInstance | null;
  /** Add the 0–10 histogram (table only; JSON and CSV always carry the distribution). */
  distribution: boolean;
  /** CSV: text cells as they are, even those a spreadsheet would run as formulas (--raw). */
  raw: boolean;
  /** The terminal's width a table fits (none: whole). */
  width?: number | undefined;
  /** The group rows a table shows (--limit on a terminal; 0: all). */
  limit?: number | undefined;
}

export type Renderer = (report: ScoreReport, context: RenderContext) => string;

/** Each renderer is loaded when asked for, so JSON output never loads the table library. */
export const RENDERERS: Record<Format, () => Promise<Renderer>> = {
  table: async () => (await import('./table.js')).renderTable,
  json: async () => (await import('./json.js')).renderJson,
  csv: async () => (await import('./csv.js')).renderCsv,
  markdown: async () => (await import('./markdown.js')).renderMarkdown,
};
