// `nps comments FILE`: what detractors, passives and promoters write about, as the terms and
// phrases most characteristic of each class, and the NPS of the themes the team names.

import { readFile } from 'node:fs/promises';
import type { z } from 'zod/v3';
import type { Settings } from '../pipeline/settings.js';
import { classify, type NpsClass } from '../core/classify.js';
import { driverOf, judgeFamily } from '../core/drivers.js';
import type { Stats } from '../core/stats.js';
import { weightedLogOdds } from '../core/log-odds.js';
import { Tally } from '../core/tally.js';
import { configSchema, themesOf, withoutBom, type Themes } from '../pipeline/config.js';
import { inputError } from '../core/errors.js';
import { fitWidth, type Io, type Outcome } from '../pipeline/io.js';
import { cellText, commentColumn } from '../pipeline/columns.js';
import { mentions, terms } from '../core/text.js';
import { renderComments, type ClassTerms, type CommentsReport } from '../render/comments.js';
import { SelectionFlags, scoreFile, type CountedResponse } from '../pipeline/score-file.js';
import { OWN, SELECTION, schemaOf } from '../pipeline/flags.js';

const CommentsFlags = SelectionFlags.extend({ ...schemaOf(OWN.comments).shape, format: SELECTION.format.type });
/** What runCli parses this command's flags with. */
export const schema = CommentsFlags;

/** The themes file has the shape of the config file's `themes` key. */
const ThemesSchema = configSchema().shape.themes.unwrap();

const CLASSES: NpsClass[] = ['detractor', 'passive', 'promoter'];
const CLASS_NAMES: Record<NpsClass, 'detractors' | 'passives' | 'promoters'> = { detractor: 'detractors', passive: 'passives', promoter: 'promoters' };
const EXAMPLES = 3;
const EXAMPLE_LENGTH = 200;
/** A term must appear in this many comments of a class to be listed for it. */
const MIN_COUNT = 2;
/** Blank-like answers that are not comments. */
const NO_COMMENT = new Set(['', 'na', 'n/a', '-', '.', 'none', 'no comment', 'nothing']);

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

interface ClassText {
  responses: number;
  withComment: number;
  counts: Map<string, number>;
  examples: Map<string, string[]>;
}

export async function commentsCommand(file: string, run: Settings<z.output<typeof CommentsFlags>>, io: Io): Promise<Outcome & { report: CommentsReport }> {
  const flags = run.flags;
  const flagThemes = flags.themes === undefined ? undefined : await loadThemes(flags.themes);
  const perClass = new Map<NpsClass, ClassText>(CLASSES.map((c) => [c, { responses: 0, withComment: 0, counts: new Map(), examples: new Map() }]));
  let themes: Themes = new Map();
  const themeTallies = new Map<string, Tally>();
  const all = new Tally();
  let column = '';

  const scored = await scoreFile(file, run.with({ period: undefined }), io, {
    // Comments are read by NPS class.
    metric: 'nps',
    collect: (survey, chosen, config, said) => {
      themes = flagThemes ?? config.themes ?? new Map();
      const found = commentColumn(survey, flags.comment ?? config.columns?.comment, said('comment'), new Set([chosen.score, ...chosen.dims]));
      if (!found) {
        throw inputError(`${survey.info.file}: no free-text comment column found. Columns: ${survey.columns.map((c) => JSON.stringify(c.name)).join(', ')}`, {
          hint: 'Name it with --comment "<column>".',
        });
      }
      column = found.name;
      for (const theme of themes.keys()) themeTallies.set(theme, new Tally());
      const hear = ({ score, cells }: CountedResponse): void => {
        const entry = perClass.get(classify(score)) as ClassText;
        entry.responses++;
        all.add(score);
        const text = cellText(cells[found.index]);
        if (NO_COMMENT.has(text.toLowerCase())) return;
        entry.withComment++;
        for (const term of terms(text)) {
          entry.counts.set(term, (entry.counts.get(term) ?? 0) + 1);
          const examples = entry.examples.get(term) ?? [];
          const example = text.length > EXAMPLE_LENGTH ? `${text.slice(0, EXAMPLE_LENGTH - 1)}…` : text;
          if (examples.length < EXAMPLES && !examples.includes(example)) {
            examples.push(example);
            entry.examples.set(term, examples);
          }
        }
        for (const [theme, keywords] of themes) {
          if (keywords.some((keyword) => mentions(text, keyword))) themeTallies.get(theme)?.add(score);
        }
      };
      // Only the comment column is read (the others need not be decoded).
      return Object.assign(hear, { reads: [found.index] });
    },
  });

  const classes = {} as CommentsReport['classes'];
  for (const kind of CLASSES) {
    const own = perClass.get(kind) as ClassText;
    const rest = new Map<string, number>();
    for (const other of CLASSES) {
      if (other === kind) continue;
      for (const [term, count] of (perClass.get(other) as ClassText).counts) rest.set(term, (rest.get(term) ?? 0) + count);
    }
    const ranked = weightedLogOdds(own.counts, rest).filter((t) => t.count >= MIN_COUNT && t.score > 0);
    const top: ClassTerms['terms'] = ranked.slice(0, flags.top).map((t) => ({ ...t, examples: own.examples.get(t.term) ?? [] }));
    classes[CLASS_NAMES[kind]] = { responses: own.responses, withComment: own.withComment, terms: top };
  }
  const { alpha, minResponses, adjust } = scored.gates;
  const found = [...themeTallies.entries()].map(([theme, tally]) => ({ theme, keywords: themes.get(theme) ?? [], ...driverOf(all, tally, alpha, scored.measure, minResponses) }));
  // The themes against the answers that do not mention them: one family of tests.
  const themeRows = judgeFamily(found, adjust, alpha);
  themeRows.sort((a, b) => (a.impact ?? 0) - (b.impact ?? 0));
  // Measured as NPS (metric 'nps' above): the Stats are NPS Stats.
  const report: CommentsReport = { column, overall: scored.report.overall as Stats, classes, themes: themeRows as CommentsReport['themes'], minResponses };
  const format = flags.format ?? scored.config.defaults?.format ?? 'table';
  return { report, stdout: renderComments(report, format, flags.raw, fitWidth(io, flags.output)), gateFailures: [] };
}
