// `nps comments FILE`: what detractors, passives and promoters write about, as the terms and
// phrases most characteristic of each class, and the NPS of the themes the team names.

import { readFile } from 'node:fs/promises';
import type { z } from 'zod/v3';
import type { Settings } from '../pipeline/settings.js';
import type { NpsClass } from '../core/classify.js';
import { CLASSES, CommentTerms } from '../core/comment-terms.js';
import type { Tally } from '../core/tally.js';
import { driverOf, judgeFamily } from '../core/drivers.js';
import type { Stats } from '../core/stats.js';
import { weightedLogOdds } from '../core/log-odds.js';
import { configSchema, themesOf, withoutBom, type Themes } from '../pipeline/config.js';
import { inputError } from '../core/errors.js';
import { fitWidth, type Io, type Outcome } from '../pipeline/io.js';
import { commentColumn } from '../pipeline/columns.js';
import { renderComments, type ClassTerms, type CommentsReport } from '../render/comments.js';
import { SelectionFlags, scoreFile, type Gathered } from '../pipeline/score-file.js';
import { OWN, SELECTION, schemaOf } from '../pipeline/flags.js';

const CommentsFlags = SelectionFlags.extend({ ...schemaOf(OWN.comments).shape, format: SELECTION.format.type });
/** What runCli parses this command's flags with. */
export const schema = CommentsFlags;

/** The themes file has the shape of the config file's `themes` key. */
const ThemesSchema = configSchema().shape.themes.unwrap();

const CLASS_NAMES: Record<NpsClass, 'detractors' | 'passives' | 'promoters'> = { detractor: 'detractors', passive: 'passives', promoter: 'promoters' };
/** A term must appear in this many comments of a class to be listed for it. */
const MIN_COUNT = 2;

async function loadThemes(path: string): Promise<Themes> {
  let json: unknown;
  try {
    json = JSON.parse(withoutBom(await readFile(path, 'utf8')));
  } catch (error) {
    throw inputError(`${path}: cannot read the themes file (${error instanceof Error ? error.message : String(error)})`, {
      hint: 'Give a JSON object of theme → list of keywords.',
    });
  }
  const result = ThemesSchema.safeParse(json);
  if (!result.success) {
    const issue = result.error.issues[0];
    throw inputError(`${path}: ${issue?.path.length ? `theme ${JSON.stringify(issue.path[0])}: ` : ''}${issue?.message ?? 'invalid'}`, {
      hint: 'The themes file is a JSON object: { "delivery": ["delivery", "deliver*", "shipping"], … }.',
    });
  }
  return themesOf(json as object);
}

export async function commentsCommand(file: string, run: Settings<z.output<typeof CommentsFlags>>, io: Io): Promise<Outcome & { report: CommentsReport }> {
  const flags = run.flags;
  const flagThemes = flags.themes === undefined ? undefined : await loadThemes(flags.themes);
  let themes: Themes = new Map();
  let counted = new CommentTerms([]);
  let column = '';

  const scored = await scoreFile(file, run.with({ period: undefined }), io, {
    // Comments are read by NPS class.
    metric: 'nps',
    gather: (survey, chosen, config, said) => {
      themes = flagThemes ?? config.themes ?? new Map();
      const found = commentColumn(survey, flags.comment ?? config.columns?.comment, said('comment'), new Set([chosen.score, ...chosen.dims]));
      if (!found) {
        throw inputError(`${survey.info.file}: no free-text comment column found. Columns: ${survey.columns.map((c) => JSON.stringify(c.name)).join(', ')}`, {
          hint: 'Name it with --comment "<column>".',
        });
      }
      column = found.name;
      const keywords = [...themes.values()].map((words) => [...words]);
      // A count made again starts afresh.
      counted = new CommentTerms(keywords);
      const sink = counted;
      // Only the comment column is read (the others need not be decoded).
      const absorb = (gathered: Gathered): void => {
        if (gathered.kind !== 'comments') throw new Error(`comments expected, not ${gathered.kind}`);
        sink.absorb(gathered.terms);
      };
      return { what: { kind: 'comments', column: found.index, themes: keywords }, reads: [found.index], sink: { absorb } };
    },
  });

  const classes = {} as CommentsReport['classes'];
  for (const kind of CLASSES) {
    const own = counted.of(kind);
    const rest = new Map<string, number>();
    for (const other of CLASSES) {
      if (other === kind) continue;
      for (const [term, { count }] of counted.of(other).terms) rest.set(term, (rest.get(term) ?? 0) + count);
    }
    const counts = new Map([...own.terms].map(([term, { count }]) => [term, count]));
    const ranked = weightedLogOdds(counts, rest).filter((t) => t.count >= MIN_COUNT && t.score > 0);
    const top: ClassTerms['terms'] = ranked.slice(0, flags.top).map((t) => ({ ...t, examples: own.terms.get(t.term)?.examples ?? [] }));
    classes[CLASS_NAMES[kind]] = { responses: own.responses, withComment: own.withComment, terms: top };
  }
  const { alpha, minResponses, adjust } = scored.gates;
  const found = [...themes.entries()].map(([theme, keywords], i) => ({ theme, keywords, ...driverOf(counted.all, counted.themes[i] as Tally, alpha, scored.measure, minResponses) }));
  // The themes against the answers that do not mention them: one family of tests.
  const themeRows = judgeFamily(found, adjust, alpha);
  themeRows.sort((a, b) => (a.impact ?? 0) - (b.impact ?? 0));
  // Measured as NPS (metric 'nps' above): the Stats are NPS Stats.
  const report: CommentsReport = { column, overall: scored.report.overall as Stats, classes, themes: themeRows as CommentsReport['themes'], minResponses };
  const format = flags.format ?? scored.config.defaults?.format ?? 'table';
  return { report, stdout: renderComments(report, format, flags.raw, fitWidth(io, flags.output)), gateFailures: [] };
}
