// Terminal table: groups, then the overall row; colour only when the caller's chalk has it.

import { textTable } from './text-table.js';
import type { ScoreReport } from '../core/report.js';
import { BLANK_KEY, reportNotes, reportRows } from './columns.js';
import type { Stats } from '../core/stats.js';
import { renderHistogram, tensText } from './histogram.js';
import type { RenderContext } from './index.js';
import { visible, visibleText } from '../core/visible.js';
import { fitProse } from './wrap.js';
import { leftOutLine, limited } from './limit.js';

export function renderTable(fromFile: ScoreReport, { color, distribution, width, limit = 0 }: RenderContext): string {
  // Under --limit (a terminal) only the first groups are shown: only they are made visible (each a
  // copy with its Stats) and written as cells. 146,000 groups took ~2.5 s more for 40 rows shown.
  const report = visible({ ...fromFile, groups: [...limited(fromFile.groups, limit)] });
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
  for (const row of rows) table.push(row);
  // A rule sets the Overall row apart from the groups (none when there are no groups).
  if (rows.length > 0) table.rule();
  // The Overall label is bold; without groups there is no label, and Responses stays plain.
  table.push(overall.map((cell, i) => (painter && i === 0 && keyCount > 0 ? painter.bold(cell) : cell)));
  let out = `${table.toString()}\n${leftOutLine(rows.length, fromFile.groups.length, 'groups')}`;
  for (const note of reportNotes(report)) out += `${note}\n`;
  if (distribution) {
    out += `\n${renderHistogram(report.overall, painter, 'Distribution', report.metric)}`;
    if (fromFile.groups.length > 0 && report.metric.name === 'nps') {
      // Every group's, shown or not.
      const shares = fromFile.groups.map((g) => `${g.key.map((v) => visibleText(v) || BLANK_KEY).join(' / ')} ${tensText(g.stats as Stats)}`);
      out += `10s among promoters by group: ${shares.join(', ')}\n`;
    }
  }
  return fitProse(out, width);
}
