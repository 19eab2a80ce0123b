// `nps list FILE --detractors|--passives|--promoters`: the original rows of those respondents,
// for follow-up: detractors to call back (lowest scores first), promoters to thank (10s first).

import type { z } from 'zod/v3';
import type { Settings } from '../pipeline/settings.js';
import type { NpsClass } from '../core/classify.js';
import { inputError, usageError } from '../core/errors.js';
import { fitWidth, rowLimit, type Io, type Outcome } from '../pipeline/io.js';
import { stepping } from '../pipeline/progress.js';
import { countText } from '../core/format-number.js';
import { commentColumn, findColumn, LIST_BUCKETS, shownColumns, type Column } from '../pipeline/columns.js';
import { listRowForm, listText } from '../render/list.js';
import { RowSpill } from '../pipeline/row-spill.js';
import { SelectionFlags, scoreFile } from '../pipeline/score-file.js';
import { LIST_FORMAT, OWN, schemaOf } from '../pipeline/flags.js';

const ListFlags = SelectionFlags.extend({ ...schemaOf(OWN.list).shape, format: LIST_FORMAT.type });
/** What runCli parses this command's flags with. */
export const schema = ListFlags;

export async function listCommand(file: string, run: Settings<z.output<typeof ListFlags>>, io: Io): Promise<Outcome> {
  const flags = run.flags;
  const wanted = new Set<NpsClass>([
    ...(flags.detractors ? (['detractor'] as const) : []),
    ...(flags.passives ? (['passive'] as const) : []),
    ...(flags.promoters ? (['promoter'] as const) : []),
  ]);
  if (wanted.size === 0) throw usageError('say whom to list: --detractors, --passives and/or --promoters');

  let header: string[] = [];
  const format = flags.format ?? 'table';
  // The rows listed, kept in the list's order and off the heap past some MB (pipeline/row-spill.ts).
  const spillBytes = io.env.NPS_SPILL_BYTES;
  const newSpill = (): RowSpill => new RowSpill(LIST_BUCKETS, spillBytes !== undefined && /^\d+$/.test(spillBytes) ? Number(spillBytes) : undefined);
  let spill = newSpill();
  try {
    await scoreFile(file, run.with({ period: undefined }), io, {
      // Rows are listed by NPS class.
      metric: 'nps',
      gather: (survey, chosen) => {
        // A count dropped to be made again (a file read anew) leaves its rows behind.
        spill.remove();
        spill = newSpill();
        const columns: Column[] = flags.columns === undefined ? shownColumns(survey) : flags.columns.split(',').map((name) => findColumn(survey, name.trim(), '--columns'));
        const names = columns.map((c) => c.name);
        header = [...names, names.includes('class') ? 'nps_class' : 'class'];
        let comment: Column | null = null;
        if (flags.withComment) {
          comment = commentColumn(survey, flags.comment, '--comment', new Set([chosen.score, ...chosen.dims]));
          if (!comment) {
            throw inputError(`${survey.info.file}: --with-comment needs a comment column, and none was found`, { hint: 'Name it with --comment "<column>".' });
          }
        }
        const commentIndex = comment?.index ?? null;
        // Only the columns listed and the comment are read (the others need not be decoded).
        return {
          what: { kind: 'list', columns: columns.map((c) => c.index), classes: [...wanted], comment: commentIndex, form: listRowForm(format), header, raw: flags.raw, folder: null },
          reads: [...columns.map((c) => c.index), ...(commentIndex === null ? [] : [commentIndex])],
          sink: spill,
        };
      },
    });
  } catch (error) {
    spill.remove();
    throw error;
  }

  const total = spill.rows;
  // On a terminal (and not -o), a long table shows its first rows; pipes and files get every row.
  const limit = rowLimit(io, flags);
  const body = listText({ header, total, rows: (last) => spill.read(last), text: (last) => spill.text(last) }, format, flags.raw, limit, fitWidth(io, flags.output));
  // Laying out a table of some hundred thousand rows takes seconds (BENCHMARKS.md, "Tables"): a line says so meanwhile.
  return { stdout: '', body: stepping(io, format === 'table' && limit === 0 && total > 50_000, `writing ${countText(total)} rows`, body), gateFailures: [] };
}
