// What `nps inspect` sees in a file, through the same steps as every count: open (source,
// layout, notices) → plan (the score and date columns, as score would choose them, or why none
// was) → count (the Counter score would use: the score column through RowCounter or the byte
// counter, so its answers, missing and invalid cells are those `nps score` counts; every row also
// profiled, column by column, on the threads for a large CSV, per part, added up in file order).

import { formatDate, type CalendarDate } from '../core/calendar.js';
import type { InspectReport } from '../core/report.js';
import { statsOf } from '../core/stats.js';
import { Tally } from '../core/tally.js';
import { roleOf, type ColumnProfile, type Role } from '../mapping/column-profile.js';
import type { DayOrder } from '../mapping/date-value.js';
import { FileProfile } from '../mapping/file-profile.js';
import { detectDateColumn, detectScoreColumn, findColumn, looksOneToEleven, type ColumnChoice } from '../mapping/detect-columns.js';
import { counterSpec } from './aggregate.js';
import type { Config } from './config.js';
import { counterFor, countingFor, type Counting } from './count.js';
import type { Io } from './io.js';
import { warning } from './messages.js';
import { checkProgress, startProgress } from './progress.js';
import { openSurveyFor, type InputSettings } from './settings.js';

const dateText = (date: CalendarDate | undefined): string | null => (date ? formatDate(date) : null);

/** A column choice, or why there is none (the message of the error choosing it would give). */
function tryColumn(pick: () => ColumnChoice | null): { choice: ColumnChoice | null; problem: string | null } {
  try {
    return { choice: pick(), problem: null };
  } catch (error) {
    return { choice: null, problem: error instanceof Error ? error.message.replace(/^[^:]*: /, '') : String(error) };
  }
}

export async function inspectFile(file: string, settings: InputSettings, config: Config, io: Io): Promise<InspectReport> {
  // A CSV is checked to be UTF-8 to its end before it is read (a step of its own on a large file).
  // Threads for a large CSV start now, while its head is read (as for a count).
  const counting = countingFor(file, io, false);
  try {
    return await inspectWith(counting, file, settings, config, io);
  } finally {
    counting.release();
  }
}

async function inspectWith(counting: Counting, file: string, settings: InputSettings, config: Config, io: Io): Promise<InspectReport> {
  const checking = checkProgress(io);
  const survey = await openSurveyFor(file, { ...settings, survey: { ...settings.survey, onUtf8Check: checking.onUtf8Check } }, io).finally(checking.done);
  const name = survey.info.file;
  const columns = survey.columns;
  const cells = survey.sample.map((row) => row.cells);

  // Plan: the columns score would use, or the reason it could not choose one.
  const score = tryColumn(() => {
    if (settings.survey.score === undefined) return detectScoreColumn(columns, cells, name, settings.scale);
    const column = findColumn(columns, settings.survey.score, '--score', name);
    return { index: column.index, name: column.name, detected: false };
  });
  const date = tryColumn(() => {
    if (settings.date === undefined) return detectDateColumn(columns, cells);
    const column = findColumn(columns, settings.date, '--date', name);
    return { index: column.index, name: column.name, detected: false };
  });
  // The score column alone, as score counts it: no groups, filters or date.
  const specs = score.choice ? [counterSpec(survey, score.choice, { kind: 'nps', scale: settings.scale }, { weight: null, date: null, dims: [], where: [], strict: false, needDate: false })] : [];

  // Count: every row profiled as it goes past (on the threads too, per part), and the score counted.
  const profile = new FileProfile({ width: columns.length, score: score.choice?.index ?? null, date: date.choice?.index ?? null });
  const { dates, scoreValues } = profile;
  const progress = startProgress(io, survey);
  let counted;
  try {
    const job = { specs, handoffs: [], profile, wanted: null, onBatch: (rowsRead: number) => progress.update(Math.max(rowsRead, profile.rows)) };
    counted = await counterFor(survey, job, counting).count(survey, job);
  } finally {
    progress.done();
  }
  const rows = profile.rows;
  const tally = new Tally();
  for (const { tally: day } of counted[0]?.days.entries() ?? []) tally.merge(day);
  const skips = counted[0]?.skips;

  const verdict = settings.dateFormat ?? dates.evidence.verdict();
  const order: DayOrder | null = verdict === 'dmy' || verdict === 'mdy' ? verdict : null;
  const resolved = dates.range(order);
  const ambiguous = verdict === 'ambiguous' || verdict === 'mixed';

  const configured = new Map<number, Role>();
  const mark = (column: string | undefined, role: Role): void => {
    if (column === undefined) return;
    configured.set(findColumn(columns, column, `config columns.${role}`, name).index, role);
  };
  for (const dimension of config.columns?.dimensions ?? []) mark(dimension, 'dimension');
  mark(config.columns?.comment, 'comment');
  mark(config.columns?.id, 'id');

  for (const note of survey.info.notes ?? []) warning(io, `${survey.info.file}: ${note}`);
  return {
    file: name,
    format: survey.info.format,
    encoding: survey.info.encoding ?? null,
    bom: survey.info.bom ?? null,
    encodingReason: survey.info.encodingReason ?? null,
    delimiter: survey.info.delimiter ?? null,
    delimiterReason: survey.info.delimiterReason ?? null,
    sheet: survey.sheet ? { name: survey.sheet.name, how: survey.sheet.how, others: survey.sheet.others } : null,
    layout: { vendor: survey.layout.vendor, headerRows: survey.layout.headerRows, titleRows: survey.layout.titleRows },
    rows,
    columns: columns.map((column, i) => {
      const columnProfile = profile.columns[i] as ColumnProfile;
      const role: Role =
        column.index === score.choice?.index ? 'score'
          : column.index === date.choice?.index ? 'date'
            : (configured.get(column.index) ?? roleOf(column, columnProfile));
      return {
        index: column.index,
        name: column.name,
        question: column.question,
        role,
        distinct: columnProfile.distinct,
        distinctCapped: columnProfile.capped,
        blank: columnProfile.blank,
        samples: columnProfile.samples(),
      };
    }),
    score: {
      column: score.choice?.name ?? null,
      question: score.choice ? (columns[score.choice.index]?.question ?? null) : null,
      detected: score.choice?.detected ?? false,
      problem: score.problem ?? (score.choice ? null : 'no score column found'),
      scale: settings.scale,
      looksOneToEleven: settings.scale === '0-10' && looksOneToEleven(scoreValues),
      distribution: [...tally.distribution],
      responses: tally.responses,
      missing: skips?.count('missing') ?? 0,
      invalid: skips?.count('invalid') ?? 0,
      nps: statsOf(tally).nps,
    },
    date: {
      column: date.choice?.name ?? null,
      detected: date.choice?.detected ?? false,
      dayOrder: verdict,
      first: ambiguous ? null : dateText(resolved.at(0)),
      last: ambiguous ? null : dateText(resolved.at(-1)),
      missing: dates.missing,
      unreadable: dates.unreadable,
    },
  };
}
