// nps.config.json: defaults for a team's exports, validated by zod. Flags beat the file.

// Read synchronously: a small file, once; and node:fs/promises stays unloaded (start-up, BENCHMARKS.md).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod/v3';
import { PERIODS } from '../core/calendar.js';
import { inputError, usageError } from '../core/errors.js';
import { SCALES } from '../mapping/score-value.js';
import { METRICS, RATING_SCALES } from '../core/metrics.js';
import { FORMATS } from '../core/report.js';
import { isDelimiterName } from '../sources/csv.js';
import { isKnownEncoding } from '../sources/decode.js';

export const CONFIG_FILE = 'nps.config.json';

/** The schema is built when a config file is read, not at start-up (zod's builders cost a run without a config). */
function buildConfigSchema() {
  const BandList = z.array(z.object({ from: z.number(), label: z.string().min(1) }).strict()).min(1);
  return z
    .object({
      $schema: z.string(),
      columns: z
        .object({
          score: z.string(),
          date: z.string(),
          dimensions: z.array(z.string()),
          comment: z.string(),
          id: z.string(),
          csat: z.string(),
          ces: z.string(),
          weight: z.string(),
        })
        .partial()
        .strict(),
      defaults: z
        .object({
          by: z.array(z.string()),
          period: z.enum(PERIODS),
          format: z.enum(FORMATS),
          metric: z.array(z.enum(METRICS)).min(1),
        })
        .partial()
        .strict(),
      thresholds: z
        .object({
          min: z.number().min(-100).max(100),
          minGroup: z.number().min(-100).max(100),
          minResponses: z.number().int().min(0),
          maxDrop: z.number().min(0).max(200),
        })
        .partial()
        .strict(),
      input: z
        .object({
          encoding: z.string().refine(isKnownEncoding, (value) => ({
            message: `${JSON.stringify(value)} is not an encoding this tool knows (utf-8, utf-16le, utf-16be, windows-1252 or another WHATWG label)`,
          })),
          delimiter: z.string().refine(isDelimiterName, (value) => ({ message: `${JSON.stringify(value)} is not a delimiter this tool reads (, ; tab |)` })),
          sheet: z.union([z.string(), z.number().int().min(1)]),
          headerRow: z.number().int().min(1),
        })
        .partial()
        .strict(),
      dateFormat: z.enum(['dmy', 'mdy']),
      dedupe: z.string(),
      scale: z.enum(SCALES),
      csatScale: z.enum(RATING_SCALES),
      cesScale: z.enum(RATING_SCALES),
      /** The answers that count as satisfied (CSAT) or easy (CES), both ends included. */
      satisfied: z.tuple([z.number().int().min(0).max(10), z.number().int().min(0).max(10)]),
      easy: z.tuple([z.number().int().min(0).max(10), z.number().int().min(0).max(10)]),
      /** What the measure is called wherever it is shown (eNPS, tNPS, …). */
      label: z.string().min(1),
      /** Bands per metric: each starts at `from` and runs to the next. */
      bands: z
        .object({ nps: BandList, csat: BandList, ces: BandList })
        .partial()
        .strict(),
      /** Theme → keywords, for `nps comments` (same as --themes FILE). */
      themes: z.record(z.string().min(1), z.array(z.string().min(1)).min(1)),
    })
    .partial()
    .strict();
}

let schema: ReturnType<typeof buildConfigSchema> | undefined;

export function configSchema(): ReturnType<typeof buildConfigSchema> {
  schema ??= buildConfigSchema();
  return schema;
}

/** Theme → keywords, in the file's order: a Map, so that a theme named __proto__ or constructor is a theme like any other. */
export type Themes = Map<string, string[]>;

export type Config = Omit<z.infer<ReturnType<typeof buildConfigSchema>>, 'themes'> & { themes?: Themes };

/**
 * The themes of a validated JSON object, from its own keys: zod's record leaves out a key named
 * __proto__ (and an object would take it for its prototype), so they are read from the JSON.
 */
export const themesOf = (json: object): Themes => new Map(Object.entries(json as Record<string, string[]>));

function describeIssue(issue: z.ZodIssue): string {
  const key = issue.path.map(String).join('.');
  if (issue.code === 'unrecognized_keys') {
    const where = key ? ` in "${key}"` : '';
    return `unknown key${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => JSON.stringify(k)).join(', ')}${where}`;
  }
  return `key "${key}": ${issue.message}`;
}

/** The text without a byte order mark: Notepad and PowerShell write one before the JSON. */
export const withoutBom = (text: string): string => (text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);

/** The file named by --config, else nps.config.json in the working directory if there is one, else {}. */
export async function loadConfig(explicit: string | undefined, cwd: string): Promise<{ config: Config; path: string | null }> {
  const path = explicit ?? join(cwd, CONFIG_FILE);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (explicit === undefined && (error as NodeJS.ErrnoException).code === 'ENOENT') return { config: {}, path: null };
    throw usageError(`${path}: the config file cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`, 'Check the path given with --config.');
  }
  let json: unknown;
  try {
    json = JSON.parse(withoutBom(text));
  } catch (error) {
    throw inputError(`${path}: not valid JSON (${error instanceof Error ? error.message : String(error)})`, { hint: 'Fix the file; see the README section "Config file".' });
  }
  const result = configSchema().safeParse(json);
  if (!result.success) {
    throw inputError(`${path}: ${result.error.issues.map(describeIssue).join('; ')}`, { hint: 'See the README section "Config file" for every key.' });
  }
  const config: Config = { ...result.data, themes: undefined };
  const raw = (json as { themes?: object }).themes;
  if (raw === undefined) delete config.themes;
  else config.themes = themesOf(raw);
  return { config, path };
}
