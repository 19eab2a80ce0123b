// Several metrics in one output (--metric nps,csat,ces): JSON { metrics: { nps, csat, ces } },
// one CSV table with a `metric` column, or each metric's table (or Markdown) under its name.

import { toJsonShape, type ScoreReport } from '../core/report.js';
import { csvLine, extraCells, extraColumns, statColumnsFor, statValuesFor } from './csv.js';
import type { Format } from './index.js';

/** `render` turns one metric's report into the chosen format (table, Markdown). */
export function renderMetrics(reports: readonly ScoreReport[], format: Format, render: (report: ScoreReport) => string, raw = false): string {
  if (format === 'json') {
    const metrics = Object.fromEntries(reports.map((report) => [report.metric.name, toJsonShape(report)]));
    return `${JSON.stringify({ metrics }, null, 2)}\n`;
  }
  if (format === 'csv') {
    const first = reports[0];
    if (!first) return '';
    // The union of the metrics' columns, in the order met; each row fills its own.
    const columns = [...new Set(reports.flatMap((report) => statColumnsFor(report.metric, report.overall)))];
    const extras = [...new Set(reports.flatMap((report) => report.extraNames ?? []))];
    let out = csvLine(['metric', ...first.keyNames, ...columns, ...extraColumns(extras)], raw);
    for (const report of reports) {
      const extra = (values: Record<string, unknown> | undefined): (string | number | null)[] => extraCells(extras, values);
      out += csvLine([report.metric.name, ...report.keyNames.map(() => ''), ...statValuesFor(report.overall, columns), ...extra(undefined)], raw);
      for (const group of report.groups) out += csvLine([report.metric.name, ...group.key, ...statValuesFor(group.stats, columns), ...extra(group.extra)], raw);
    }
    return out;
  }
  const heading = (report: ScoreReport): string =>
    format === 'markdown' ? `### ${report.metric.label}\n\n` : `${report.metric.label}\n`;
  return reports.map((report) => heading(report) + render(report)).join('\n');
}
