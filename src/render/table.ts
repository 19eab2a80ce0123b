// Terminal table: groups, then the overall row; colour only when the caller's chalk has it.

import { textTable } from './text-table.js';
import type { ScoreReport } from '../core/report.js';
import { BLANK_KEY, reportNotes, reportRows } from './columns.js';
import type { Stats } from '../core/stats.js';
import { renderHistogram, tensText } from './histogram.js';
import type { RenderContext } from './index.js';
import { visible } from '../core/visible.js';
import { fitProse } from './wrap.js';
import { leftOutLine, limited } from './limit.js';

export function renderTable(fromFile: ScoreReport, { color, distribution, width, limit = 0 }: RenderContext): string {
  const report = visible(fromFile);
  const painter = color;
  const { head, rows, overall } = reportRows(report, painter);
  const keyCount = report.keyNames.length;
  // On a narrow terminal the band, then the counts, then the interval give way (the score stays).
  const giveWay = ['Band', 'Passives', 'Mean', 'Promoters', 'Detractors', 'Satisfied', 'Easy', '95% interval'].flatMap((name) => {
    const at = head.findIndex((h, i) => i >= keyCount && h.startsWith(name));
    return at < 0 ? [] : [at];
  });
  const fit = width === undefined ? undefined : { width, giveWay };
  const table = textTable(head.map((h) => (painter ? painter.bold(h) : h)), head.map((_, i) => (i < keyCount ? 'left' : 'right')), fit);
  const shown = limited(rows, limit);
  for (const row of shown) table.push(row);
  // A rule sets the Overall row apart from the groups (none when there are no groups).
  if (rows.length > 0) table.rule();
  // The Overall label is bold; without groups there is no label, and Responses stays plain.
  table.push(overall.map((cell, i) => (painter && i === 0 && keyCount > 0 ? painter.bold(cell) : cell)));
  let out = `${table.toString()}\n${leftOutLine(shown.length, rows.length, 'groups')}`;
  for (const note of reportNotes(report)) out += `${note}\n`;
  if (distribution) {
    out += `\n${renderHistogram(report.overall, painter, 'Distribution', report.metric)}`;
    if (report.groups.length > 0 && report.metric.name === 'nps') {
      const shares = report.groups.map((g) => `${g.key.map((v) => v || BLANK_KEY).join(' / ')} ${tensText(g.stats as Stats)}`);
      out += `10s among promoters by group: ${shares.join(', ')}\n`;
    }
  }
  return fitProse(out, width);
}
