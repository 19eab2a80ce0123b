// What every command that reads an export shares: the input flags, their merge with the
// config file, opening the survey, and the stderr lines that say what was detected.

import { CONFIG_FILE, loadConfig, type Config } from './config.js';
import { SHEETS_SHOWN, quoteList } from '../core/errors.js';
import { standardInput, type Io } from './io.js';
import type { DayOrder } from '../mapping/date-value.js';
import { openSurvey, type Survey, type SurveyOptions } from '../mapping/survey.js';
import type { Scale } from '../mapping/score-value.js';
import type { RatingScaleName } from '../core/metrics.js';
import { parseDelimiterOption } from '../sources/csv.js';
import { parseEncodingOption } from '../sources/decode.js';
import type { z } from 'zod/v3';
import { declared, namesOf, type InputFlags } from './flags.js';
import { note } from './messages.js';
import { parseOptions } from './options.js';

export { InputFlags } from './flags.js';

export interface InputSettings {
  survey: SurveyOptions;
  date: string | undefined;
  dateFormat: DayOrder | undefined;
  scale: Scale;
  /** The CSAT and CES scales when given (else decided from the column). */
  ratingScales: Partial<Record<'csat' | 'ces', RatingScaleName>>;
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
 * A streamed sheet of at least this many bytes of XML (about 230,000 rows of eleven columns) is
 * read on a thread of its own, where the thread pays for its start (BENCHMARKS.md);
 * NPS_XLSX_THREAD_BYTES changes it (tests set 0, and off to compare).
 */
const XLSX_THREAD_FROM_BYTES = 96 << 20;

/** A size in bytes from the environment: off (undefined), digits, or (anything else) the default. */
function bytesSetting(given: string | undefined, otherwise: number): number | undefined {
  return given === 'off' ? undefined : given !== undefined && /^\d+$/.test(given) ? Number(given) : otherwise;
}

/** Where a setting's value came from: its flag, the config file, or the built-in default. */
export type Origin = 'flag' | 'config' | 'default';

/**
 * The settings of a run, resolved once (runCli does it before the command runs) and frozen: the
 * flags, the config file, what reading the file takes, and where each value came from.
 */
export interface Settings<F extends InputFlags = InputFlags> {
  readonly flags: Readonly<F>;
  readonly config: Config;
  /** The config file as messages name it: nps.config.json, or the --config path. */
  readonly configName: string;
  /** What reading the file takes: flags over the config file over the defaults. */
  readonly input: InputSettings;
  /** Where the value of a declared flag (by its name: `min`, `score`, `by`) came from. */
  origin(name: string): Origin;
  /** That origin as messages name it: `--min`, or `thresholds.min in nps.config.json`; the flag when neither gave it. */
  said(name: string): string;
  /** The same run with some flags set otherwise (compare's halves, list without periods); the config file is not read again. */
  with(overrides: Partial<F>): Settings<F>;
}

function valueAt(config: Config, path: string): unknown {
  let value: unknown = config;
  for (const key of path.split('.')) value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  return value;
}

/** Settings from flags already parsed and the config file already read. */
export function settingsOf<F extends InputFlags>(flags: Readonly<F>, config: Config, io: Io): Settings<F> {
  const input = inputSettings(flags, config);
  input.survey.xlsxStreamFromBytes = bytesSetting(io.env.NPS_XLSX_STREAM_BYTES, XLSX_STREAM_FROM_BYTES);
  input.survey.xlsxThreadFromBytes = bytesSetting(io.env.NPS_XLSX_THREAD_BYTES, XLSX_THREAD_FROM_BYTES);
  const configName = flags.config ?? CONFIG_FILE;
  const origin = (name: string): Origin => {
    if ((flags as Record<string, unknown>)[name] !== undefined) return 'flag';
    const key = declared(name)?.config;
    return key !== undefined && valueAt(config, key) !== undefined ? 'config' : 'default';
  };
  const said = (name: string): string => {
    const flag = declared(name);
    const option = flag ? `--${namesOf(flag).long}` : `--${name}`;
    return origin(name) === 'config' && flag?.config !== undefined ? `${flag.config} in ${configName}` : option;
  };
  const withFlags = (overrides: Partial<F>): Settings<F> => settingsOf(Object.freeze({ ...flags, ...overrides }), config, io);
  return Object.freeze({ flags, config, configName, input, origin, said, with: withFlags });
}

/** A run's settings: its flags parsed by the command's schema, and the config file read (once: here). */
export async function resolveSettings<F extends InputFlags>(schema: z.ZodType<F, z.ZodTypeDef, unknown>, raw: unknown, io: Io): Promise<Settings<F>> {
  const flags = parseOptions(schema, raw) as Readonly<F>;
  const { config } = await loadConfig(flags.config, io.cwd);
  return settingsOf(flags, config, io);
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
    note(io, `${file}: using sheet ${JSON.stringify(sheet.name)} (${sheet.rows} rows${others}; --sheet to choose another)`);
  }
  const vendor = VENDOR_TEXT[survey.layout.vendor];
  if (vendor) note(io, `${file}: read as ${vendor}: rows ${survey.layout.headerRows.join(', ')} are headers, not answers`);
  if (survey.layout.titleRows.length > 0) {
    note(io, `${file}: the header is row ${survey.layout.headerRows[0]}; rows above it (${survey.layout.titleRows.join(', ')}) are titles, not answers (--header-row to choose)`);
  }
  if (survey.info.encodingReason === 'not valid utf-8' || survey.info.encodingReason === 'utf-16 pattern') {
    note(io, `${file}: not UTF-8; read as ${survey.info.encoding} (--encoding to choose another)`);
  }
}

export async function openSurveyFor(file: string, settings: InputSettings, io: Io): Promise<Survey> {
  const survey = await openSurvey(file, standardInput(io), settings.survey);
  announceLayout(survey, io);
  return survey;
}
