// What every command that reads an export shares: the input flags, their merge with the
// config file, opening the survey, and the stderr lines that say what was detected.

import { z } from 'zod/v3';
import type { Config } from './config.js';
import { loadConfig } from './config.js';
import { SHEETS_SHOWN, quoteList, usageError } from '../core/errors.js';
import type { Io } from './io.js';
import type { DayOrder } from '../mapping/date-value.js';
import { openSurvey, type Survey, type SurveyOptions } from '../mapping/survey.js';
import { SCALES, type Scale } from '../mapping/score-value.js';
import { RATING_SCALES, type RatingScaleName } from '../core/metrics.js';
import { parseDelimiterOption } from '../sources/csv.js';
import { parseEncodingOption } from '../sources/decode.js';

/** "dmy", "mdy", or a pattern such as "dd/mm/yyyy" / "MM/DD/YYYY". */
export function parseDateFormat(value: string): DayOrder {
  const order = [...new Set(value.toLowerCase().replace(/[^dmy]/g, ''))].join('');
  if (order === 'dmy' || order === 'mdy') return order;
  throw usageError(`--date-format ${JSON.stringify(value)} is not one of: dmy (dd/mm/yyyy), mdy (mm/dd/yyyy)`);
}

const positiveInteger = (flag: string) =>
  z.string().regex(/^\d+$/, { message: `${flag} takes a row number (1 = the first row)` }).transform(Number).pipe(z.number().int().min(1, { message: `${flag} takes a row number (1 = the first row)` }));

/** Flags about reading the file, as commander hands them over (strings). */
export const InputFlags = z.object({
  score: z.string().optional(),
  date: z.string().optional(),
  dateFormat: z.string().transform(parseDateFormat).optional(),
  delimiter: z.string().transform(parseDelimiterOption).optional(),
  encoding: z.string().transform(parseEncodingOption).optional(),
  sheet: z.string().optional(),
  headerRow: positiveInteger('--header-row').optional(),
  scale: z.string().transform(parseScaleOption).optional(),
  config: z.string().optional(),
});
export type InputFlags = z.output<typeof InputFlags>;

export interface InputSettings {
  survey: SurveyOptions;
  date: string | undefined;
  dateFormat: DayOrder | undefined;
  scale: Scale;
  /** The CSAT and CES scales when given (else decided from the column). */
  ratingScales: Partial<Record<'csat' | 'ces', RatingScaleName>>;
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

/** Flags beat the config file; the config file beats the built-in defaults. */
export function inputSettings(flags: InputFlags, config: Config): InputSettings {
  const input = config.input ?? {};
  const configDelimiter = input.delimiter === undefined ? undefined : parseDelimiterOption(input.delimiter);
  const configEncoding = input.encoding === undefined ? undefined : parseEncodingOption(input.encoding);
  const score = flags.score ?? config.columns?.score;
  return {
    survey: {
      delimiter: flags.delimiter ?? configDelimiter,
      encoding: flags.encoding ?? configEncoding,
      sheet: flags.sheet ?? (input.sheet === undefined ? undefined : String(input.sheet)),
      headerRow: flags.headerRow ?? input.headerRow,
      score,
      scale: flags.scale?.nps ?? config.scale ?? '0-10',
    },
    date: flags.date ?? config.columns?.date,
    dateFormat: flags.dateFormat ?? config.dateFormat,
    scale: flags.scale?.nps ?? config.scale ?? '0-10',
    ratingScales: {
      ...(config.csatScale ? { csat: config.csatScale } : {}),
      ...(config.cesScale ? { ces: config.cesScale } : {}),
      ...(flags.scale?.csat ? { csat: flags.scale.csat } : {}),
      ...(flags.scale?.ces ? { ces: flags.scale.ces } : {}),
    },
  };
}

/** XLSX files of at least this many bytes are streamed (all of them); NPS_XLSX_STREAM_BYTES changes it (tests set off: through SheetJS, to compare). */
const XLSX_STREAM_FROM_BYTES = 0;

/**
 * The config file of a run, read once: a command that measures several metrics, or compares
 * two files, asks for its settings more than once. Keyed by the run's Io (one per run, in
 * main.ts and in each in-process test) and the file asked for.
 */
const configs = new WeakMap<Io, Map<string, Promise<{ config: Config }>>>();

function configOf(explicit: string | undefined, io: Io): Promise<{ config: Config }> {
  let byFile = configs.get(io);
  if (!byFile) configs.set(io, (byFile = new Map()));
  const key = `${explicit ?? ''}\u0000${io.cwd}`;
  let config = byFile.get(key);
  if (!config) byFile.set(key, (config = loadConfig(explicit, io.cwd)));
  return config;
}

export async function loadSettings(flags: InputFlags, io: Io): Promise<{ config: Config; settings: InputSettings }> {
  const { config } = await configOf(flags.config, io);
  const settings = inputSettings(flags, config);
  const given = io.env.NPS_XLSX_STREAM_BYTES;
  settings.survey.xlsxStreamFromBytes = given === 'off' ? undefined : given !== undefined && /^\d+$/.test(given) ? Number(given) : XLSX_STREAM_FROM_BYTES;
  return { config, settings };
}

const VENDOR_TEXT: Record<string, string> = {
  qualtrics: 'a Qualtrics export (3 header rows)',
  'qualtrics-legacy': 'a legacy Qualtrics export (2 header rows)',
  surveymonkey: 'a SurveyMonkey export (2 header rows)',
};

/** One line for each guess made about the file's layout: sheet, extra header rows, title rows, encoding. */
export function announceLayout(survey: Survey, io: Io): void {
  const file = survey.info.file;
  const sheet = survey.sheet;
  if (sheet && sheet.how === 'detected') {
    const others = sheet.others.length ? `; other sheets: ${quoteList(sheet.others, SHEETS_SHOWN)}` : '';
    io.warn(`nps: ${file}: using sheet ${JSON.stringify(sheet.name)} (${sheet.rows} rows${others}; --sheet to choose another)`);
  }
  const vendor = VENDOR_TEXT[survey.layout.vendor];
  if (vendor) io.warn(`nps: ${file}: read as ${vendor}: rows ${survey.layout.headerRows.join(', ')} are headers, not answers`);
  if (survey.layout.titleRows.length > 0) {
    io.warn(`nps: ${file}: the header is row ${survey.layout.headerRows[0]}; rows above it (${survey.layout.titleRows.join(', ')}) are titles, not answers (--header-row to choose)`);
  }
  if (survey.info.encodingReason === 'not valid utf-8' || survey.info.encodingReason === 'utf-16 pattern') {
    io.warn(`nps: ${file}: not UTF-8; read as ${survey.info.encoding} (--encoding to choose another)`);
  }
}

export async function openSurveyFor(file: string, settings: InputSettings, io: Io): Promise<Survey> {
  const survey = await openSurvey(file, () => io.stdin, settings.survey);
  announceLayout(survey, io);
  return survey;
}
