// Every flag, declared once: its commander form and help, its zod type (from what commander hands
// over to the value), its default, and the key of nps.config.json that stands in for it. cli.ts
// builds commander's options from these, the commands their schemas, and config-keys.ts the list
// of config keys that a test checks against the config schema and the README's table.
//
// A flag whose meaning differs between commands (--by groups in score, draws a series in trend,
// names a column to split in compare) is declared once per meaning, with one zod type.

import { z } from 'zod/v3';
import { PERIODS } from '../core/calendar.js';
import { usageError } from '../core/errors.js';
import { METRICS, RATING_SCALES, type MetricName, type RatingScaleName, type ValueRange } from '../core/metrics.js';
import { ADJUST_METHODS } from '../core/multiplicity.js';
import type { Mix } from '../core/plan.js';
import { SORT_KEYS } from '../core/ranking.js';
import { COLOR_CHOICES, FORMATS, LIST_FORMATS, PLAN_FORMATS } from '../core/report.js';
import { INTERVAL_METHODS } from '../core/stats.js';
import type { DayOrder } from '../mapping/date-value.js';
import { parseDateFlag, parseWhere } from '../mapping/filters.js';
import { SCALES, type Scale } from '../mapping/score-value.js';
import { parseDelimiterOption } from '../sources/csv.js';
import { parseEncodingOption } from '../sources/decode.js';
import { choice, numberFlag } from './options.js';

export interface Flag<T extends z.ZodTypeAny = z.ZodTypeAny> {
  /** commander's form: `--score <column>`. */
  spec: string;
  help: string;
  /** From what commander hands over (text, a list of texts, true) to the value; defaults included. */
  type: T;
  /** The key of nps.config.json that stands in when the flag is not given. */
  config?: string;
  /** Given more than once, its values make a list. */
  repeatable?: true;
  /** The default commander shows in --help (and hands over). */
  shown?: string;
}

/** A flag's names as typed, from its form: `-o, --output <file>` → output, o, and that it takes a value. */
export function namesOf(flag: Flag): { long: string; short: string | null; takesValue: boolean } {
  const words = flag.spec.replace(',', '').split(' ');
  const long = (words.find((word) => word.startsWith('--')) ?? '').slice(2);
  const short = words.find((word) => /^-[a-z]$/.test(word))?.slice(1) ?? null;
  return { long, short, takesValue: /[<[]/.test(flag.spec) };
}

const flag = <T extends z.ZodTypeAny>(spec: string, help: string, type: T, more: Omit<Flag, 'spec' | 'help' | 'type'> = {}): Flag<T> => ({ spec, help, type, ...more });
/** The same flag in another command, worded for what it does there. */
const worded = <T extends z.ZodTypeAny>(base: Flag<T>, help: string): Flag<T> => ({ ...base, help });

/** "dmy", "mdy", or a pattern such as "dd/mm/yyyy" / "MM/DD/YYYY". */
export function parseDateFormat(value: string): DayOrder {
  const order = [...new Set(value.toLowerCase().replace(/[^dmy]/g, ''))].join('');
  if (order === 'dmy' || order === 'mdy') return order;
  throw usageError(`--date-format ${JSON.stringify(value)} is not one of: dmy (dd/mm/yyyy), mdy (mm/dd/yyyy)`);
}

/** What --scale says, per metric. */
export type ScaleChoice = { nps?: Scale } & Partial<Record<'csat' | 'ces', RatingScaleName>>;

/**
 * --scale: "0-10" or "1-11" for the NPS score; "1-5", "1-7" or "1-10" for CSAT and CES; or
 * per metric, "csat=1-5,ces=1-7".
 */
export function parseScaleOption(value: string): ScaleChoice {
  const choice: ScaleChoice = {};
  const wrong = (): never => {
    throw usageError(`--scale ${JSON.stringify(value)} is not one of: ${[...SCALES, ...RATING_SCALES].join(', ')} (or per metric: csat=1-5,ces=1-7)`);
  };
  for (const item of value.split(',').map((part) => part.trim())) {
    const [first, second] = item.split('=').map((part) => part.trim());
    const metric = second === undefined ? undefined : first?.toLowerCase();
    const scale = (second ?? first ?? '').replace(/[\u2013\u2014]/g, '-');
    if ((SCALES as readonly string[]).includes(scale) && (metric === undefined || metric === 'nps')) choice.nps = scale as Scale;
    else if ((RATING_SCALES as readonly string[]).includes(scale) && (metric === undefined || metric === 'csat' || metric === 'ces')) {
      for (const name of metric === undefined ? (['csat', 'ces'] as const) : [metric as 'csat' | 'ces']) choice[name] = scale as RatingScaleName;
    } else wrong();
  }
  return choice;
}

/** "4-5", "5–7": a range of answers, both ends included. */
function parseRange(flag: string, text: string): ValueRange {
  const match = /^\s*(\d+)\s*[-\u2013\u2014]\s*(\d+)\s*$/.exec(text);
  const [low, high] = match ? [Number(match[1]), Number(match[2])] : [NaN, NaN];
  if (!(low >= 0 && high <= 10 && low <= high)) throw usageError(`${flag} ${JSON.stringify(text)} is not a range of answers such as 4-5`);
  return [low, high];
}

/** "nps,csat,ces": the metrics, in the order given, each once. */
export function parseMetrics(text: string): MetricName[] {
  const names = text.split(',').map((part) => part.trim().toLowerCase()).filter((part) => part !== '');
  for (const name of names) {
    if (!(METRICS as readonly string[]).includes(name)) throw usageError(`--metric ${JSON.stringify(name)} is not one of: ${METRICS.join(', ')}`);
  }
  if (names.length === 0) throw usageError(`--metric takes one or more of: ${METRICS.join(', ')}`);
  return [...new Set(names)] as MetricName[];
}

/** "50/30/20": promoters, passives and detractors in percent, adding up to 100. */
function parseMix(text: string): Mix {
  const parts = text.split('/').map((part) => Number(part.trim().replace(/%$/, '')));
  const [p, a, d] = parts;
  if (parts.length !== 3 || parts.some((x) => !Number.isFinite(x) || x < 0) || p === undefined || a === undefined || d === undefined || Math.abs(p + a + d - 100) > 0.5) {
    throw usageError(`--mix ${JSON.stringify(text)} is not promoters/passives/detractors in percent adding up to 100, such as 50/30/20`);
  }
  return { promoters: p / 100, passives: a / 100, detractors: d / 100 };
}

const rowNumber = (flag: string) =>
  z.string().regex(/^\d+$/, { message: `${flag} takes a row number (1 = the first row)` }).transform(Number).pipe(z.number().int().min(1, { message: `${flag} takes a row number (1 = the first row)` }));
const wholeNumber = (flag: string, min: number) =>
  z.string().regex(/^\d+$/, { message: `${flag} takes a whole number` }).transform(Number).pipe(z.number().int().min(min, { message: `${flag} takes a whole number of at least ${min}` }));
const count = (flag: string) => z.string().regex(/^[1-9]\d*$/, { message: `${flag} takes a whole number of at least 1` }).transform(Number);
const answers = (flag: string) => z.string().regex(/^[1-9]\d*$/, { message: `${flag} takes a whole number of answers, at least 1` }).transform(Number);
const formatFlag = <T extends readonly [string, ...string[]]>(formats: T, listed: string) => flag('--format <format>', `${listed} (default: table)`, choice('--format', formats).optional(), { config: 'defaults.format' });

/** Reading the file: every command that reads one. */
export const INPUT = {
  score: flag('--score <column>', 'the 0–10 score column (default: detected)', z.string().optional(), { config: 'columns.score' }),
  date: flag('--date <column>', 'the date column (default: detected when dates are needed)', z.string().optional(), { config: 'columns.date' }),
  dateFormat: flag('--date-format <order>', 'order of a/b/yyyy dates: dmy or mdy (default: decided from the data)', z.string().transform(parseDateFormat).optional(), { config: 'dateFormat' }),
  scale: flag('--scale <scale>', 'NPS coding 0-10 (default) or 1-11 (a Qualtrics recode); CSAT/CES scale 1-5, 1-7 or 1-10, or per metric csat=1-5,ces=1-7 (default: detected)', z.string().transform(parseScaleOption).optional(), { config: 'scale' }),
  delimiter: flag('--delimiter <char>', 'CSV delimiter: , ; tab | (default: sniffed)', z.string().transform(parseDelimiterOption).optional(), { config: 'input.delimiter' }),
  encoding: flag('--encoding <name>', 'text encoding: utf-8, utf-16le, utf-16be, windows-1252 … (default: detected)', z.string().transform(parseEncodingOption).optional(), { config: 'input.encoding' }),
  sheet: flag('--sheet <name|n>', 'spreadsheet sheet by name or position, 1 = first (default: the sheet with the answers)', z.string().optional(), { config: 'input.sheet' }),
  headerRow: flag('--header-row <n>', 'the row holding the column names (default: detected)', rowNumber('--header-row').optional(), { config: 'input.headerRow' }),
  config: flag('--config <file>', 'config file (default: ./nps.config.json when present)', z.string().optional()),
  debug: flag('--debug', 'show stack traces on errors', z.boolean().optional()),
};

/** Choosing which answers count: score, trend, compare, drivers, comments, list. */
export const CHOOSING = {
  where: flag('--where <COL=VALUE>', 'count only rows where COL is (=) or is not (!=) VALUE; repeatable', z.array(z.string().transform(parseWhere)).default([]), { repeatable: true }),
  since: flag('--since <date>', 'count only answers on or after this date (YYYY-MM-DD)', z.string().transform((text) => parseDateFlag('--since', text)).optional()),
  until: flag('--until <date>', 'count only answers on or before this date (YYYY-MM-DD)', z.string().transform((text) => parseDateFlag('--until', text)).optional()),
  dedupe: flag('--dedupe <column>', 'keep one answer per value of this column: the latest by date, else the last', z.string().optional(), { config: 'dedupe' }),
  strict: flag('--strict', 'an invalid score or date is an error (exit 2) instead of a skipped row', z.boolean().default(false)),
};

/** How sure: the tests' level and the intervals. */
export const STATISTICS = {
  alpha: flag('--alpha <level>', 'significance level of the tests (default: 0.05)', numberFlag('--alpha', 0.000001, 0.5).default('0.05')),
  interval: flag('--interval <method>', '95% intervals by adjusted-wald (default) or wald', choice('--interval', INTERVAL_METHODS).default('adjusted-wald')),
};

/** Where the answer goes and how it looks: every command. */
export const OUTPUT = {
  format: formatFlag(FORMATS, 'table, json, csv or markdown'),
  output: flag('-o, --output <file>', 'write the result to this file (replaced whole at the end: a failed run leaves no half-written file)', z.string().optional()),
  raw: flag('--raw', "CSV: write text as it is; by default a cell starting with = + - @, tab or CR gets a leading ' so a spreadsheet shows it instead of running it", z.boolean().default(false)),
  // --no-color reaches here as false (commander's negation of --color).
  color: flag('--color <when>', 'auto, always or never', z.preprocess((given) => (given === false ? 'never' : given), choice('--color', COLOR_CHOICES).default('auto')), { shown: 'auto' }),
  noColor: flag('--no-color', 'the same as --color never', z.boolean().optional()),
  quiet: flag('-q, --quiet', 'no notes and no progress on stderr (warnings and errors still show)', z.boolean().default(false)),
};

/** Choosing answers, how sure, and the output: what the counting commands share. */
export const SELECTION = { ...CHOOSING, ...STATISTICS, ...OUTPUT };

/** CI gates: score and trend. */
export const GATES = {
  min: flag('--min <nps>', 'exit 1 when the overall NPS is below this', numberFlag('--min', -100, 100).optional(), { config: 'thresholds.min' }),
  minGroup: flag('--min-group <nps>', 'exit 1 when a group with at least --min-responses answers is below this', numberFlag('--min-group', -100, 100).optional(), { config: 'thresholds.minGroup' }),
  minResponses: flag('--min-responses <n>', 'groups and periods with fewer answers are thin: not gated, marked in trends (default: 30)', z.string().regex(/^\d+$/, { message: '--min-responses takes a whole number' }).transform(Number).optional(), { config: 'thresholds.minResponses' }),
  maxDrop: flag('--max-drop <points>', "exit 1 when the latest period's NPS is more than this below the previous one and the fall is significant", numberFlag('--max-drop', 0, 200).optional(), { config: 'thresholds.maxDrop' }),
};

/** What is measured: score, trend, compare and drivers. */
export const MEASURE = {
  metric: flag('--metric <list>', 'nps (default), csat, ces, or several: nps,csat,ces', z.string().transform(parseMetrics).optional(), { config: 'defaults.metric' }),
  csat: flag('--csat <column>', 'the CSAT question (default: detected by header words and values)', z.string().optional(), { config: 'columns.csat' }),
  ces: flag('--ces <column>', 'the Customer Effort Score question (default: detected)', z.string().optional(), { config: 'columns.ces' }),
  satisfied: flag('--satisfied <a-b>', 'CSAT answers that count as satisfied (default: the top two boxes, 9-10 on 1-10)', z.string().transform((text) => parseRange('--satisfied', text)).optional(), { config: 'satisfied' }),
  easy: flag('--easy <a-b>', 'CES answers that count as easy (default: 5-7 on 1-7, 4-5 on 1-5, 8-10 on 1-10)', z.string().transform((text) => parseRange('--easy', text)).optional(), { config: 'easy' }),
  weight: flag('--weight <column>', 'weight each answer by this column (rows without a weight 0 or more are skipped)', z.string().optional(), { config: 'columns.weight' }),
  label: flag('--label <name>', 'what the (first) measure is called wherever shown: eNPS, tNPS, …', z.string().trim().min(1, { message: '--label takes a name such as eNPS' }).optional(), { config: 'label' }),
  benchmark: flag('--benchmark <n>', 'compare the overall score with this outside figure (a one-sample test)', numberFlag('--benchmark', -100, 100).optional()),
};

const BY = flag('--by <column>', 'group by this column (repeat for a cross product)', z.array(z.string()).optional(), { config: 'defaults.by', repeatable: true });
const PERIOD = flag('--period <period>', 'group by the date column: day, week, month, quarter, year', choice('--period', PERIODS).optional(), { config: 'defaults.period' });
const ADJUST = flag('--adjust <method>', "adjust the changes' p-values as one family: bh (default), holm or none", choice('--adjust', ADJUST_METHODS).default('bh'));
const COMMENT = flag('--comment <column>', 'the free-text column (default: detected)', z.string().optional(), { config: 'columns.comment' });
const TOP = flag('--top <n>', 'list only the first N groups (after --sort)', count('--top').optional());

/** The output formats are each command's own (its OWN flags and FORMAT_OF). */
function withoutFormat<D extends { format: Flag }>(declared: D): Omit<D, 'format'> {
  const { format: _format, ...rest } = declared;
  void _format;
  return rest;
}

/**
 * What every counting command accepts, whether or not its --help lists it (the gates' settings
 * give list and comments their alpha and thin-group size).
 */
export const SELECTED = { ...INPUT, ...withoutFormat(SELECTION), ...GATES, adjust: ADJUST, ...MEASURE, by: BY, period: PERIOD };

/** Long tables on a terminal: the first N rows (score, trend, drivers, list). */
const LIMIT = flag('--limit <n>', 'on a terminal, show the first N rows of a table (default: 50; 0: all); a pipe or a file gets every row', wholeNumber('--limit', 0).default('50'));

/** Each command's own flags, in the order its --help lists them (before the shared groups). */
export const OWN = {
  score: {
    by: BY,
    period: PERIOD,
    distribution: flag('--distribution', 'add the 0–10 histogram and the share of 10s among promoters (table)', z.boolean().default(false)),
    sort: flag('--sort <key>', 'list groups by key (default), responses, nps (the score) or shrunk (the empirical-Bayes score)', choice('--sort', SORT_KEYS).default('key')),
    top: TOP,
    limit: LIMIT,
  },
  trend: {
    period: worded(PERIOD, 'day, week, month (default), quarter, year'),
    by: worded(BY, 'one series per value of this column (repeat for a cross product)'),
    top: flag('--top <n>', 'draw the largest N series (default: 6)', wholeNumber('--top', 1).default('6')),
    rolling: flag('--rolling <k>', 'also a K-period rolling NPS, pooled from counts', wholeNumber('--rolling', 2).optional()),
    sort: flag('--sort <key>', "order the series drawn by key (default), responses (most first) or nps (the latest period's, highest first)", choice('--sort', ['key', 'responses', 'nps'] as const).default('key')),
    adjust: ADJUST,
    limit: LIMIT,
  },
  compare: {
    split: flag('--split <date>', 'compare answers before this date (a) with those on or after it (b)', z.string().transform((text) => parseDateFlag('--split', text)).optional()),
    by: worded(BY, 'compare two values of this column (with --a and --b)'),
    a: flag('--a <value>', 'the first value of --by', z.string().optional()),
    b: flag('--b <value>', 'the second value of --by', z.string().optional()),
  },
  drivers: {
    by: worded(BY, 'a dimension to rank the values of; repeatable (each on its own)'),
    ratings: flag('--ratings <column>', 'another rating question to correlate with the score; repeatable (default: detected)', z.array(z.string()).optional(), { repeatable: true }),
    minResponses: worded(GATES.minResponses, 'groups with fewer answers are thin: shown, never judged (default: 30)'),
    adjust: worded(ADJUST, "adjust the groups' p-values as one family: bh (default), holm or none"),
    sort: flag('--sort <key>', 'list groups by impact (default), key, responses, nps or shrunk', choice('--sort', SORT_KEYS).default('impact')),
    top: TOP,
    limit: LIMIT,
  },
  comments: {
    comment: COMMENT,
    themes: flag('--themes <file>', 'JSON file of theme → keywords ("deliver*" matches any ending)', z.string().optional(), { config: 'themes' }),
    top: flag('--top <n>', 'terms per class (default: 10)', count('--top').default('10')),
    minResponses: worded(GATES.minResponses, 'themes mentioned by fewer answers are thin: shown, never judged (default: 30)'),
    adjust: worded(ADJUST, "adjust the themes' p-values as one family: bh (default), holm or none"),
  },
  list: {
    detractors: flag('--detractors', 'list detractors (0–6), lowest scores first', z.boolean().default(false)),
    passives: flag('--passives', 'list passives (7–8)', z.boolean().default(false)),
    promoters: flag('--promoters', 'list promoters (9–10), 10s first', z.boolean().default(false)),
    columns: flag('--columns <a,b,c>', 'only these columns, in this order (default: all, as in the file)', z.string().optional()),
    withComment: flag('--with-comment', 'only rows with a comment', z.boolean().default(false)),
    limit: LIMIT,
    comment: worded(COMMENT, 'the free-text column for --with-comment (default: detected)'),
  },
  plan: {
    margin: flag('--margin <points>', 'the answers needed for a margin of error of ± this many NPS points', numberFlag('--margin', 0.1, 200).optional()),
    n: flag('--n <answers>', 'the smallest difference two groups of this size can show', answers('--n').optional()),
    nB: flag('--n-b <answers>', "the second group's size, when it differs from --n", answers('--n-b').optional()),
    expectNps: flag('--expect-nps <nps>', 'the NPS you expect (the widest spread for it is assumed)', numberFlag('--expect-nps', -100, 100).optional()),
    mix: flag('--mix <p/a/d>', 'the shares you expect in percent: promoters/passives/detractors, such as 50/30/20', z.string().transform(parseMix).optional()),
    alpha: flag('--alpha <level>', 'significance level (default: 0.05, a 95% margin)', numberFlag('--alpha', 0.000001, 0.5).default('0.05')),
    power: flag('--power <share>', 'the chance of finding a true difference (default: 0.8)', numberFlag('--power', 0.5, 0.9999).default('0.8')),
    format: flag('--format <format>', 'table, json, csv or markdown (default: table)', choice('--format', PLAN_FORMATS).default('table')),
    debug: INPUT.debug,
  },
  inspect: {
    format: flag('--format <format>', 'table or json (default: table)', choice('--format', ['table', 'json'] as const).default('table')),
  },
};

export type CommandName = keyof typeof OWN;

/** `nps list` writes NDJSON too, and no Markdown. */
export const LIST_FORMAT = formatFlag(LIST_FORMATS, 'table, csv, json or ndjson');

/** The format flag of commands whose formats are worded or chosen differently from the common four. */
const FORMAT_OF: Partial<Record<CommandName, Flag>> = {
  trend: worded(SELECTION.format, 'table (a chart), json, csv or markdown (default: table)'),
  list: LIST_FORMAT,
};

/** One heading of a command's --help, and its flags in order. */
export interface HelpGroup {
  heading: string;
  flags: Flag[];
}

/** The metric of a command that measures one at a time. */
const ONE_METRIC = worded(MEASURE.metric, 'nps (default), csat or ces: the one metric to measure');

/**
 * A command's flags under their --help headings, in order: only the flags that do something in
 * that command (list prints rows: no tests or intervals; compare and drivers measure one metric
 * and take no benchmark).
 */
export function helpGroupsOf(command: CommandName): HelpGroup[] {
  const own = Object.values(OWN[command] as Record<string, Flag>);
  const output = Object.values({ ...OUTPUT, ...(FORMAT_OF[command] ? { format: FORMAT_OF[command] } : {}) });
  const { benchmark: _benchmark, metric: _metric, ...oneMetric } = MEASURE;
  void _benchmark;
  void _metric;
  const title = 'Options:';
  const groups: [string, Flag[]][] = (() => {
    switch (command) {
      case 'score':
      case 'trend':
        return [[title, own], ['Choosing answers:', Object.values(CHOOSING)], ['Metrics:', Object.values(MEASURE)], ['Gates (exit 1 when one fails):', Object.values(GATES)], ['Statistics:', Object.values(STATISTICS)], ['Output:', output], ['Reading the file:', Object.values(INPUT)]];
      case 'compare':
      case 'drivers':
        return [[title, own], ['Choosing answers:', Object.values(CHOOSING)], ['Metrics:', [ONE_METRIC, ...Object.values(oneMetric)]], ['Statistics:', Object.values(STATISTICS)], ['Output:', output], ['Reading the file:', Object.values(INPUT)]];
      case 'comments':
        return [[title, own], ['Choosing answers:', Object.values(CHOOSING)], ['Statistics:', Object.values(STATISTICS)], ['Output:', output], ['Reading the file:', Object.values(INPUT)]];
      case 'list':
        return [[title, own], ['Choosing answers:', Object.values(CHOOSING)], ['Output:', output], ['Reading the file:', Object.values(INPUT)]];
      case 'plan':
        return [[title, own.filter((f) => f !== OWN.plan.format && f !== OWN.plan.debug)], ['Output:', [OWN.plan.format, OUTPUT.output, OUTPUT.quiet]], ['Other:', [OWN.plan.debug]]];
      case 'inspect':
        return [['Output:', [...own, OUTPUT.output, OUTPUT.quiet]], ['Reading the file:', Object.values(INPUT)]];
    }
  })();
  return groups.map(([heading, flags]) => ({ heading, flags }));
}

/** The commands a completion script completes the flags of. */
export const COMPLETED = ['score', 'trend', 'compare', 'drivers', 'comments', 'list', 'plan', 'inspect'] as const satisfies readonly CommandName[];

/** The values a flag takes when they are a fixed set (--period day|week|…), for completion; else none. */
export function choicesOf(flag: Flag): readonly string[] {
  let type: z.ZodTypeAny = flag.type;
  for (let depth = 0; depth < 5; depth++) {
    if (type instanceof z.ZodEnum) return type.options as string[];
    const def = type._def as { innerType?: z.ZodTypeAny; schema?: z.ZodTypeAny };
    const inner = def.innerType ?? def.schema;
    if (!inner) break;
    type = inner;
  }
  return [];
}

/** A command's flags, whatever their heading. */
export function flagsOf(command: CommandName): Flag[] {
  return helpGroupsOf(command).flatMap((group) => group.flags);
}

/** A flag's declaration by its name (the same flag worded for another command shares its form and config key). */
export function declared(name: string): Flag | undefined {
  for (const group of [SELECTED, ...Object.values(OWN)] as Record<string, Flag>[]) {
    const flag = group[name];
    if (flag) return flag;
  }
  return undefined;
}

type Types<D extends Record<string, Flag>> = { [K in keyof D]: D[K]['type'] };

/** The zod schema of some declared flags. */
export function schemaOf<D extends Record<string, Flag>>(declared: D): z.ZodObject<Types<D>> {
  const shape = Object.fromEntries(Object.entries(declared).map(([name, { type }]) => [name, type])) as Types<D>;
  return z.object(shape);
}

/** Flags about reading the file, as commander hands them over (strings). */
export const InputFlags = schemaOf(INPUT);
export type InputFlags = z.output<typeof InputFlags>;

/** Flags that choose which answers count and how they are grouped. */
export const SelectionFlags = schemaOf(SELECTED);
export type SelectionFlags = z.output<typeof SelectionFlags>;
