// Several metrics in one output (--metric nps,csat,ces): JSON { metrics: { nps, csat, ces } },
// one CSV table with a `metric` column, or each metric's table (or Markdown) under its name.

import type { ScoreReport } from '../core/report.js';
import { csvLine, extraCells, extraColumns, statColumnsFor, statValuesFor } from './csv.js';
import type { Format } from './index.js';
import { jsonPieces } from './json.js';

/** `render` turns one metric's report into the chosen format (table, Markdown). */
export function renderMetrics(reports: readonly ScoreReport[], format: Format, render: (report: ScoreReport) => string, raw = false): string {
  if (format === 'json') return [...metricsJsonPieces(reports)].join('');
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

/**
 * The JSON of several metrics, `JSON.stringify({ metrics: { name: toJsonShape(report), … } }, null,
 * 2)` and a line break, in pieces: each metric's document as jsonPieces writes it (a hundred groups
 * at a time), two levels in. Its lines are indented four spaces more, which is each of its line
 * breaks followed by four spaces: JSON text has no line break inside a string. Made whole, three
 * metrics of 146,000 groups held ~1.4 GB (BENCHMARKS.md, issue 17, twenty-second session).
 */
export function* metricsJsonPieces(reports: readonly ScoreReport[]): Generator<string> {
  yield '{\n  "metrics": {';
  for (const [i, report] of reports.entries()) {
    yield `${i === 0 ? '' : ','}\n    ${JSON.stringify(report.metric.name)}: `;
    // The document's own last line break is left out: the object goes on after it.
    let held: string | null = null;
    for (const piece of jsonPieces(report)) {
      if (held !== null) yield held.replaceAll('\n', '\n    ');
      held = piece;
    }
    if (held !== null) yield held.slice(0, held.endsWith('\n') ? -1 : undefined).replaceAll('\n', '\n    ');
  }
  yield `${reports.length === 0 ? '' : '\n  '}}\n}\n`;
}
