// Several metrics in one output (--metric nps,csat,ces): JSON { metrics: { nps, csat, ces } },
// one CSV table with a `metric` column, or each metric's table (or Markdown) under its name.

import type { ScoreReport } from '../core/report.js';
import { csvLine, csvRows, extraColumns, statColumnsFor } from './csv.js';
import type { Format } from './index.js';
import { jsonPieces } from './json.js';

/** `render` turns one metric's report into the chosen format (table, Markdown). */
export function renderMetrics(reports: readonly ScoreReport[], format: Format, render: (report: ScoreReport) => string, raw = false): string {
  return [...metricsPieces(reports, format, (report) => [render(report)], raw)].join('');
}

/**
 * Several metrics in pieces: JSON and CSV as below; a table or Markdown, each metric's under its
 * name, from `piecesOf` (one metric's text in pieces). Written as they are made: three metrics of
 * 146,000 groups, made whole, held ~0.6–1.7 GB (BENCHMARKS.md, issue 17, twenty-second session).
 */
export function* metricsPieces(reports: readonly ScoreReport[], format: Format, piecesOf: (report: ScoreReport) => Iterable<string>, raw: boolean): Generator<string> {
  if (format === 'json') return yield* metricsJsonPieces(reports);
  if (format === 'csv') return yield* metricsCsvPieces(reports, raw);
  for (const [i, report] of reports.entries()) {
    yield `${i === 0 ? '' : '\n'}${format === 'markdown' ? `### ${report.metric.label}\n\n` : `${report.metric.label}\n`}`;
    yield* piecesOf(report);
  }
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

/**
 * The CSV of several metrics in pieces: the union of the metrics' columns, in the order met, and
 * each metric's rows (its overall row, then its groups a run at a time), each row filling its own
 * columns. Made whole, three metrics of 146,000 groups held ~630 MB.
 */
export function* metricsCsvPieces(reports: readonly ScoreReport[], raw: boolean): Generator<string> {
  const first = reports[0];
  if (!first) return;
  const columns = [...new Set(reports.flatMap((report) => statColumnsFor(report.metric, report.overall)))];
  const extras = [...new Set(reports.flatMap((report) => report.extraNames ?? []))];
  const heading = csvLine(['metric', ...first.keyNames, ...columns, ...extraColumns(extras)], raw);
  for (const [i, report] of reports.entries()) yield* csvRows(report, columns, extras, raw, [report.metric.name], i === 0 ? heading : '');
}
