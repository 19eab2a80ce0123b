// The command line: commander declares the commands and flags; each action runs one
// command and hands its Outcome back. Nothing here writes to stdout or exits.

import { createRequire } from 'node:module';
import { Command, CommanderError } from 'commander';
import { usageError } from './core/errors.js';
import type { Io, Outcome } from './pipeline/io.js';

declare const NPS_VERSION: string | undefined;

/** The package's version: built into the bundle (scripts/build.mjs), else read from package.json (the sources, in tests). */
export const VERSION =
  typeof NPS_VERSION === 'string' ? NPS_VERSION : (createRequire(import.meta.url)('../package.json') as { version: string }).version;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/** Flags about reading the file: every command has them. */
function inputOptions(command: Command): Command {
  return command
    .option('--score <column>', 'the 0–10 score column (default: detected)')
    .option('--date <column>', 'the date column (default: detected when dates are needed)')
    .option('--date-format <order>', 'order of a/b/yyyy dates: dmy or mdy (default: decided from the data)')
    .option('--scale <scale>', 'NPS coding 0-10 (default) or 1-11 (a Qualtrics recode); CSAT/CES scale 1-5, 1-7 or 1-10, or per metric csat=1-5,ces=1-7 (default: detected)')
    .option('--delimiter <char>', 'CSV delimiter: , ; tab | (default: sniffed)')
    .option('--encoding <name>', 'text encoding: utf-8, utf-16le, utf-16be, windows-1252 … (default: detected)')
    .option('--sheet <name|n>', 'spreadsheet sheet by name or position, 1 = first (default: the sheet with the answers)')
    .option('--header-row <n>', 'the row holding the column names (default: detected)')
    .option('--config <file>', 'config file (default: ./nps.config.json when present)')
    .option('--debug', 'show stack traces on errors');
}

/** Flags that choose which answers count: score, trend and compare. */
function selectionOptions(command: Command, formats: string): Command {
  return command
    .option('--where <COL=VALUE>', 'count only rows where COL is (=) or is not (!=) VALUE; repeatable', collect)
    .option('--since <date>', 'count only answers on or after this date (YYYY-MM-DD)')
    .option('--until <date>', 'count only answers on or before this date (YYYY-MM-DD)')
    .option('--dedupe <column>', 'keep one answer per value of this column: the latest by date, else the last')
    .option('--alpha <level>', 'significance level of the tests (default: 0.05)')
    .option('--interval <method>', '95% intervals by adjusted-wald (default) or wald')
    .option('--format <format>', `${formats} (default: table)`)
    .option('--raw', "CSV: write text as it is; by default a cell starting with = + - @, tab or CR gets a leading ' so a spreadsheet shows it instead of running it")
    .option('--strict', 'an invalid score or date is an error (exit 2) instead of a skipped row')
    .option('--color <when>', 'auto, always or never', 'auto');
}

/** What is measured: score, trend, compare and drivers. */
function metricOptions(command: Command): Command {
  return command
    .option('--metric <list>', 'nps (default), csat, ces, or several: nps,csat,ces (score and trend)')
    .option('--csat <column>', 'the CSAT question (default: detected by header words and values)')
    .option('--ces <column>', 'the Customer Effort Score question (default: detected)')
    .option('--satisfied <a-b>', 'CSAT answers that count as satisfied (default: the top two boxes, 9-10 on 1-10)')
    .option('--easy <a-b>', 'CES answers that count as easy (default: 5-7 on 1-7, 4-5 on 1-5, 8-10 on 1-10)')
    .option('--weight <column>', 'weight each answer by this column (rows without a weight 0 or more are skipped)')
    .option('--label <name>', 'what the (first) measure is called wherever shown: eNPS, tNPS, …')
    .option('--benchmark <n>', 'compare the overall score with this outside figure (a one-sample test)');
}

/** CI gates: score and trend. */
function gateOptions(command: Command): Command {
  return command
    .option('--min <nps>', 'exit 1 when the overall NPS is below this')
    .option('--min-group <nps>', 'exit 1 when a group with at least --min-responses answers is below this')
    .option('--min-responses <n>', 'groups and periods with fewer answers are thin: not gated, marked in trends (default: 30)')
    .option('--max-drop <points>', "exit 1 when the latest period's NPS is more than this below the previous one and the fall is significant");
}

type Run = <A>(load: () => Promise<(args: A, flags: Record<string, unknown>, io: Io) => Promise<Outcome>>) => (args: A, flags: Record<string, unknown>) => Promise<void>;

const fileArgument = (command: Command): Command => command.argument('<file>', 'CSV/XLSX/XLS/ODS export, or - for standard input');

/** Each command: its flags, and its module, which is loaded only when that command runs. */
const COMMANDS: Record<string, (program: Command, run: Run) => Command> = {
  score: (program, run) =>
    metricOptions(gateOptions(selectionOptions(inputOptions(fileArgument(program.command('score'))
      .description('NPS overall and per group or period, with 95% intervals')
      .option('--by <column>', 'group by this column (repeat for a cross product)', collect)
      .option('--period <period>', 'group by the date column: day, week, month, quarter, year')
      .option('--distribution', 'add the 0–10 histogram and the share of 10s among promoters (table)')
      .option('--sort <key>', 'list groups by key (default), responses, nps (the score) or shrunk (the empirical-Bayes score)')
      .option('--top <n>', 'list only the first N groups (after --sort)')), 'table, json, csv or markdown')))
      .action(run(async () => (await import('./commands/score.js')).scoreCommand)),

  trend: (program, run) =>
    metricOptions(gateOptions(selectionOptions(inputOptions(fileArgument(program.command('trend'))
      .description('NPS per period as a chart and a table, with the change from the previous period')
      .option('--period <period>', 'day, week, month (default), quarter, year')
      .option('--by <column>', 'one series per value of this column (repeat for a cross product)', collect)
      .option('--top <n>', 'draw the largest N series (default: 6)')
      .option('--rolling <k>', 'also a K-period rolling NPS, pooled from counts')
      .option('--adjust <method>', 'adjust the changes\' p-values as one family: bh (default), holm or none')), 'table (a chart), json, csv or markdown')))
      .action(run(async () => (await import('./commands/trend.js')).trendCommand)),

  compare: (program, run) =>
    metricOptions(selectionOptions(inputOptions(program.command('compare')
      .description('is the difference real? two files, one file split at a date, or two values of a column')
      .argument('<files...>', 'one or two CSV/XLSX/XLS/ODS exports')
      .option('--split <date>', 'compare answers before this date (a) with those on or after it (b)')
      .option('--by <column>', 'compare two values of this column (with --a and --b)', collect)
      .option('--a <value>', 'the first value of --by')
      .option('--b <value>', 'the second value of --by')), 'table, json, csv or markdown'))
      .action(run(async () => (await import('./commands/compare.js')).compareCommand)),

  drivers: (program, run) =>
    metricOptions(selectionOptions(inputOptions(fileArgument(program.command('drivers'))
      .description('which groups lift or drag the score (impact), and which other ratings go with a low score')
      .option('--by <column>', 'a dimension to rank the values of; repeatable (each on its own)', collect)
      .option('--ratings <column>', 'another rating question to correlate with the score; repeatable (default: detected)', collect)
      .option('--min-responses <n>', 'groups with fewer answers are thin: shown, never judged (default: 30)')
      .option('--adjust <method>', 'adjust the groups\' p-values as one family: bh (default), holm or none')
      .option('--sort <key>', 'list groups by impact (default), key, responses, nps or shrunk')
      .option('--top <n>', 'list only the first N groups (after --sort)')), 'table, json, csv or markdown'))
      .action(run(async () => (await import('./commands/drivers.js')).driversCommand)),

  comments: (program, run) =>
    selectionOptions(inputOptions(fileArgument(program.command('comments'))
      .description('what detractors, passives and promoters write about; the NPS of named themes')
      .option('--comment <column>', 'the free-text column (default: detected)')
      .option('--themes <file>', 'JSON file of theme → keywords ("deliver*" matches any ending)')
      .option('--top <n>', 'terms per class (default: 10)')
      .option('--min-responses <n>', 'themes mentioned by fewer answers are thin: shown, never judged (default: 30)')
      .option('--adjust <method>', 'adjust the themes\' p-values as one family: bh (default), holm or none')), 'table, json, csv or markdown')
      .action(run(async () => (await import('./commands/comments.js')).commentsCommand)),

  list: (program, run) =>
    selectionOptions(inputOptions(fileArgument(program.command('list'))
      .description('the original rows of detractors, passives or promoters, for follow-up')
      .option('--detractors', 'list detractors (0–6), lowest scores first')
      .option('--passives', 'list passives (7–8)')
      .option('--promoters', 'list promoters (9–10), 10s first')
      .option('--columns <a,b,c>', 'only these columns, in this order (default: all, as in the file)')
      .option('--with-comment', 'only rows with a comment')
      .option('--comment <column>', 'the free-text column for --with-comment (default: detected)')), 'table, csv, json or ndjson')
      .action(run(async () => (await import('./commands/list.js')).listCommand)),

  plan: (program, run) =>
    program.command('plan')
      .description('before a survey or a gate: the answers a margin of error needs, the difference two groups can show')
      .option('--margin <points>', 'the answers needed for a margin of error of ± this many NPS points')
      .option('--n <answers>', 'the smallest difference two groups of this size can show')
      .option('--n-b <answers>', 'the second group\'s size, when it differs from --n')
      .option('--expect-nps <nps>', 'the NPS you expect (the widest spread for it is assumed)')
      .option('--mix <p/a/d>', 'the shares you expect in percent: promoters/passives/detractors, such as 50/30/20')
      .option('--alpha <level>', 'significance level (default: 0.05, a 95% margin)')
      .option('--power <share>', 'the chance of finding a true difference (default: 0.8)')
      .option('--format <format>', 'table, json, csv or markdown (default: table)')
      .option('--debug', 'show stack traces on errors')
      // No argument: commander hands the flags first.
      .action((flags: Record<string, unknown>) => run(async () => (await import('./commands/plan.js')).planCommand)(undefined, flags)),

  inspect: (program, run) =>
    inputOptions(fileArgument(program.command('inspect'))
      .description('what nps sees in an export: format, encoding, header rows, sheet, column roles, score distribution, date range')
      .option('--format <format>', 'table or json (default: table)'))
      .action(run(async () => (await import('./commands/inspect.js')).inspectCommand)),
};

export async function runCli(argv: readonly string[], io: Io): Promise<Outcome> {
  let outcome: Outcome | null = null;
  let helpText = '';
  const program = new Command('nps')
    .description('Net Promoter Score from survey exports (CSV, XLSX, XLS, ODS).')
    .version(VERSION, '-V, --version')
    .option('--debug', 'show stack traces on errors')
    .exitOverride()
    .showHelpAfterError(false)
    .configureOutput({
      writeOut: (text) => {
        helpText += text;
      },
      writeErr: (text) => {
        helpText += text;
      },
      outputError: () => {
        // Reported once by main.ts as a usage error.
      },
    });

  /** Runs a command with its flags (less --debug, which main.ts reads) and keeps its Outcome. */
  const run: Run = (load) => async (args, flags) => {
    const { debug: _debug, ...rest } = flags;
    void _debug;
    const command = await load();
    outcome = await command(args, rest, io);
  };
  // Only the command asked for is declared: setting up the others' flags is a share of a small
  // run's start-up (BENCHMARKS.md). All of them when none is named (help, a misspelt command).
  const asked = argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) ? [argv[0]] : Object.keys(COMMANDS);
  for (const name of asked) COMMANDS[name]?.(program, run);

  try {
    await program.parseAsync([...argv], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') {
        return { stdout: helpText, gateFailures: [] };
      }
      throw usageError(error.message.replace(/^error: /, ''), "Run 'nps --help' or 'nps <command> --help' for usage.");
    }
    throw error;
  }
  return outcome ?? { stdout: helpText || program.helpInformation(), gateFailures: [] };
}
