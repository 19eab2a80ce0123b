// `nps list FILE --detractors|--passives|--promoters`: the original rows of those respondents,
// for follow-up: detractors to call back (lowest scores first), promoters to thank (10s first).

import type { z } from 'zod/v3';
import type { Settings } from '../pipeline/settings.js';
import { classify, type NpsClass } from '../core/classify.js';
import { inputError, usageError } from '../core/errors.js';
import { fitWidth, rowLimit, type Io, type Outcome } from '../pipeline/io.js';
import { stepLine } from '../pipeline/progress.js';
import { countText } from '../core/format-number.js';
import { cellText, commentColumn, findColumn, shownColumns, type Column } from '../pipeline/columns.js';
import { renderList, type ListReport } from '../render/list.js';
import { SelectionFlags, scoreFile } from '../pipeline/score-file.js';
import { LIST_FORMAT, OWN, schemaOf } from '../pipeline/flags.js';

const ListFlags = SelectionFlags.extend({ ...schemaOf(OWN.list).shape, format: LIST_FORMAT.type });
/** What runCli parses this command's flags with. */
export const schema = ListFlags;

const CLASS_ORDER: Record<NpsClass, number> = { detractor: 0, passive: 1, promoter: 2 };

export async function listCommand(file: string, run: Settings<z.output<typeof ListFlags>>, io: Io): Promise<Outcome & { report: ListReport }> {
  const flags = run.flags;
  const wanted = new Set<NpsClass>([
    ...(flags.detractors ? (['detractor'] as const) : []),
    ...(flags.passives ? (['passive'] as const) : []),
    ...(flags.promoters ? (['promoter'] as const) : []),
  ]);
  if (wanted.size === 0) throw usageError('say whom to list: --detractors, --passives and/or --promoters');

  let columns: Column[] = [];
  const rows: { row: number; score: number; cells: string[] }[] = [];
  await scoreFile(file, run.with({ period: undefined }), io, {
    // Rows are listed by NPS class.
    metric: 'nps',
    collect: (survey, chosen) => {
      columns = flags.columns === undefined ? shownColumns(survey) : flags.columns.split(',').map((name) => findColumn(survey, name.trim(), '--columns'));
      let comment: Column | null = null;
      if (flags.withComment) {
        comment = commentColumn(survey, flags.comment, '--comment', new Set([chosen.score, ...chosen.dims]));
        if (!comment) {
          throw inputError(`${survey.info.file}: --with-comment needs a comment column, and none was found`, { hint: 'Name it with --comment "<column>".' });
        }
      }
      const commentIndex = comment?.index ?? null;
      return ({ row, score, cells }) => {
        if (!wanted.has(classify(score))) return;
        if (commentIndex !== null && cellText(cells[commentIndex]) === '') return;
        rows.push({ row, score, cells });
      };
    },
  });

  // Detractors lowest first, promoters highest (10s) first, passives as in the file.
  rows.sort((a, b) => {
    const ca = classify(a.score);
    const cb = classify(b.score);
    if (ca !== cb) return CLASS_ORDER[ca] - CLASS_ORDER[cb];
    if (ca === 'detractor' && a.score !== b.score) return a.score - b.score;
    if (ca === 'promoter' && a.score !== b.score) return b.score - a.score;
    return a.row - b.row;
  });
  const names = columns.map((c) => c.name);
  const classColumn = names.includes('class') ? 'nps_class' : 'class';
  const report: ListReport = {
    header: [...names, classColumn],
    rows: rows.map(({ score, cells }) => [...columns.map((c) => cells[c.index] ?? ''), classify(score)]),
  };
  const format = flags.format ?? 'table';
  // On a terminal (and not -o), a long table shows its first rows; pipes and files get every row.
  const limit = rowLimit(io, flags);
  // Laying out some hundred thousand rows takes seconds (BENCHMARKS.md, "Tables"): a line says so meanwhile.
  const stdout = stepLine(io, limit === 0 && rows.length > 50_000, `writing ${countText(rows.length)} rows`, () => renderList(report, format, flags.raw, limit, fitWidth(io, flags.output)));
  return { report, stdout, gateFailures: [] };
}
