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

/** A renderer that gives its text in pieces, each made as the one before is written (the same text joined). */
export type PieceRenderer = (report: ScoreReport, context: RenderContext) => Iterable<string>;

/** The renderers in pieces, loaded when asked for; the table's only where it is not fitted to a terminal (no width). */
export const PIECES: Record<Format, () => Promise<PieceRenderer>> = {
  table: async () => (await import('./table.js')).tablePieces,
  json: async () => {
    const { jsonPieces } = await import('./json.js');
    return (report) => jsonPieces(report);
  },
  csv: async () => (await import('./csv.js')).csvPieces,
  markdown: async () => (await import('./markdown.js')).markdownPieces,
};

/** Each renderer is loaded when asked for, so JSON output never loads the table library. */
export const RENDERERS: Record<Format, () => Promise<Renderer>> = {
  table: async () => (await import('./table.js')).renderTable,
  json: async () => (await import('./json.js')).renderJson,
  csv: async () => (await import('./csv.js')).renderCsv,
  markdown: async () => (await import('./markdown.js')).renderMarkdown,
};
