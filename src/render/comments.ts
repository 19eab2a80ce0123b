// `nps comments` in each format: the characteristic terms per class with examples, then themes.

import { textTable } from './text-table.js';
import { fitProse } from './wrap.js';
import type { JudgedDriver } from '../core/drivers.js';
import type { TermScore } from '../core/log-odds.js';
import type { Stats } from '../core/stats.js';
import { csvLine, STAT_COLUMNS, statValues } from './csv.js';
import { signedOneDecimal, countText } from '../core/format-number.js';
import type { Format } from './index.js';
import { visible } from '../core/visible.js';

export interface ClassTerms {
  responses: number;
  withComment: number;
  terms: (TermScore & { examples: string[] })[];
}

export interface CommentsReport {
  column: string;
  overall: Stats;
  classes: Record<'detractors' | 'passives' | 'promoters', ClassTerms>;
  /** Themes are measured as NPS: their Stats are NPS Stats. */
  themes: (Omit<JudgedDriver, 'stats'> & { stats: Stats; theme: string; keywords: string[] })[];
  /** Themes mentioned by fewer answers are thin: not judged. */
  minResponses: number;
}

/** The JSON contract: { classes: { detractors: { responses, withComment, terms: [{ term, count, score, examples }] }, … }, themes: [ … ] }. */
export function commentsJson(report: CommentsReport): object {
  return {
    column: report.column,
    classes: report.classes,
    themes: report.themes.map(({ theme, keywords, stats, impact, impactInterval, significant, pValue, pAdjusted, thin }) => ({ theme, keywords, ...stats, impact, impactInterval, significant, pValue, pAdjusted, thin })),
  };
}

const flat = (text: string, width = 70): string => {
  const one = text.replace(/\s+/g, ' ');
  return one.length > width ? `${one.slice(0, width - 1)}…` : one;
};

export function renderComments(fromFile: CommentsReport, format: Format, raw = false, width?: number): string {
  // Tables and Markdown are read on a terminal: text from the file shows its control characters.
  const report = format === 'table' || format === 'markdown' ? visible(fromFile) : fromFile;
  const names = ['detractors', 'passives', 'promoters'] as const;
  switch (format) {
    case 'json':
      return `${JSON.stringify(commentsJson(report), null, 2)}\n`;
    case 'csv': {
      let out = csvLine(['class', 'term', 'count', 'score', 'example1', 'example2', 'example3']);
      for (const name of names) {
        for (const t of report.classes[name].terms) out += csvLine([name, t.term, t.count, t.score, t.examples[0] ?? '', t.examples[1] ?? '', t.examples[2] ?? ''], raw);
      }
      if (report.themes.length) {
        out += '\r\n' + csvLine(['theme', 'keywords', ...STAT_COLUMNS, 'impact', 'impactLow', 'impactHigh', 'significant', 'pValue', 'pAdjusted', 'thin']);
        for (const t of report.themes) {
          out += csvLine([t.theme, t.keywords.join('; '), ...statValues(t.stats), t.impact, t.impactInterval?.[0] ?? null, t.impactInterval?.[1] ?? null, String(t.significant), t.pValue, t.pAdjusted, String(t.thin)], raw);
        }
      }
      return out;
    }
    case 'markdown':
    case 'table': {
      let out = `Comments in ${JSON.stringify(report.column)}: the terms most characteristic of each class (weighted log-odds, z-score).\n`;
      for (const name of names) {
        const c = report.classes[name];
        out += `\n${name[0]?.toUpperCase()}${name.slice(1)}: ${c.responses} answers, ${c.withComment} with a comment\n`;
        if (c.terms.length === 0) {
          out += '  (no term stands out)\n';
          continue;
        }
        for (const t of c.terms) {
          out += `  ${t.term.padEnd(24)} ${String(t.count).padStart(5)}  z ${t.score.toFixed(2).padStart(6)}   e.g. "${flat(t.examples[0] ?? '')}"\n`;
          for (const example of t.examples.slice(1)) out += `  ${''.padEnd(24)} ${''.padStart(5)}  ${''.padStart(8)}        "${flat(example)}"\n`;
        }
      }
      if (report.themes.length) {
        const table = textTable(['theme', 'n', 'NPS', 'impact', 'vs rest', 'keywords'], ['left', 'right', 'right', 'right', 'left', 'left'], width === undefined ? undefined : { width });
        for (const t of report.themes) {
          const verdict = t.thin ? `thin (n < ${report.minResponses})` : t.significant ? 'significant' : '';
          table.push([t.theme, countText(t.stats.responses), signedOneDecimal(t.stats.nps), signedOneDecimal(t.impact), verdict, flat(t.keywords.join(', '), 40)]);
        }
        out += `\nThemes (impact = NPS of all − NPS without the answers that mention the theme):\n${table.toString()}\n`;
      }
      return format === 'markdown' ? `\`\`\`text\n${out}\`\`\`\n` : fitProse(out, width);
    }
  }
}
