// The command line: commander declares the commands and flags; each action runs one
// command and hands its Outcome back. Nothing here writes to stdout or exits.

import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { usageError } from './core/errors.js';
import { helpGroupsOf, type CommandName } from './pipeline/flags.js';
import type { Io, Outcome } from './pipeline/io.js';
import { hushed } from './pipeline/messages.js';
import { writeOutput } from './pipeline/output-file.js';
import { resolveSettings, type InputFlags, type Settings } from './pipeline/settings.js';
import type { z } from 'zod/v3';

declare const NPS_VERSION: string | undefined;

/** The package's version: built into the bundle (scripts/build.mjs), else read from package.json (the sources, in tests). */
export const VERSION =
  typeof NPS_VERSION === 'string' ? NPS_VERSION : (createRequire(import.meta.url)('../package.json') as { version: string }).version;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

/**
 * The runs each command's --help ends with: what an analyst, a CI job and a pipeline type. A test
 * runs every one on the fixtures (export.csv is fixtures/example.csv there).
 */
export const EXAMPLES: Readonly<Record<CommandName | 'nps' | 'completion', readonly string[]>> = {
  nps: [
    'nps inspect export.csv                              # what nps sees: columns, scores, dates',
    'nps score export.csv --by channel --period month    # NPS per channel and month, with intervals',
    'nps trend export.csv                                # the monthly trend as a chart',
    'nps score export.csv --min 30                       # a CI gate: exit 1 below +30',
  ],
  score: [
    'nps score export.csv',
    'nps score export.csv --by channel --period month',
    'nps score export.csv --min 30                       # exit 1 when NPS is below +30',
    'nps score export.csv --by agent --sort shrunk --top 5',
    'nps score - --by channel --format json < export.csv',
  ],
  trend: [
    'nps trend export.csv',
    'nps trend export.csv --period quarter --by channel',
    'nps trend export.csv --rolling 3 --format csv',
    "nps trend export.csv --max-drop 10                  # exit 1 on a significant fall of over 10 points",
  ],
  compare: [
    'nps compare before.csv after.csv',
    'nps compare export.csv --split 2025-02-01',
    'nps compare export.csv --by channel --a phone --b email',
  ],
  drivers: [
    'nps drivers export.csv --by channel --by agent',
    'nps drivers export.csv --by agent --sort shrunk --top 5',
    'nps drivers export.csv --by channel --format csv',
  ],
  comments: [
    'nps comments export.csv',
    'nps comments export.csv --themes themes.json',
    'nps comments export.csv --where channel=phone --top 5',
  ],
  list: [
    'nps list export.csv --detractors',
    'nps list export.csv --detractors --with-comment --format csv > call-back.csv',
    'nps list export.csv --promoters --columns response_id,agent,comment',
  ],
  plan: [
    'nps plan --margin 5                                 # answers for NPS ± 5 points',
    'nps plan --n 200 --n-b 150                          # the difference two groups can show',
    'nps plan --margin 3 --mix 50/30/20',
  ],
  inspect: [
    'nps inspect export.csv',
    'nps inspect export.csv --format json -o inspect.json',
    'nps inspect export.xlsx --sheet 2 --format json',
  ],
  completion: [
    'source <(nps completion bash)                       # in ~/.bashrc',
    'source <(nps completion zsh)                        # in ~/.zshrc',
    'nps completion fish | source                        # in ~/.config/fish/config.fish',
  ],
};

const examplesText = (name: keyof typeof EXAMPLES): string => `\nExamples:\n${EXAMPLES[name].map((line) => `  ${line}`).join('\n')}\n`;

/** A command's flags, as flags.ts declares them, in the order --help lists them, and its examples. */
function withFlags(command: Command, name: CommandName): Command {
  for (const { heading, flags } of helpGroupsOf(name)) {
    for (const flag of flags) {
      const option = new Option(flag.spec, flag.help).helpGroup(heading);
      if (flag.repeatable) option.argParser(collect);
      else if (flag.shown !== undefined) option.default(flag.shown);
      command.addOption(option);
    }
  }
  return command.addHelpText('after', examplesText(name));
}

/** A command's module: the schema its flags are parsed with, and its run, given the run's settings. */
interface Loaded<A, F extends InputFlags> {
  schema: z.ZodType<F, z.ZodTypeDef, unknown>;
  command: (args: A, settings: Settings<F>, io: Io) => Promise<Outcome>;
}

/** Runs a command that reads no file and no config file (plan): commander's flags are all it takes. */
type RunFlagsOnly = (load: () => Promise<(args: undefined, flags: Record<string, unknown>) => Promise<Outcome>>) => (flags: Record<string, unknown>) => Promise<void>;

/** Runs a command: its flags parsed and the config file read once, into the one frozen Settings the command is given. */
type Run = <A, F extends InputFlags>(load: () => Promise<Loaded<A, F>>) => (args: A, flags: Record<string, unknown>) => Promise<void>;

const fileArgument = (command: Command): Command => command.argument('<file>', 'CSV/XLSX/XLS/ODS export, or - for standard input');

/** Each command: what it does, its arguments and flags, and its module, which is loaded only when that command runs. */
const COMMANDS: Record<CommandName, (program: Command, run: Run, runFlagsOnly: RunFlagsOnly) => Command> = {
  score: (program, run) =>
    withFlags(fileArgument(program.command('score')).description('NPS overall and per group or period, with 95% intervals'), 'score')
      .action(run(async () => {
        const { schema, scoreCommand } = await import('./commands/score.js');
        return { schema, command: scoreCommand };
      })),

  trend: (program, run) =>
    withFlags(fileArgument(program.command('trend')).description('NPS per period as a chart and a table, with the change from the previous period'), 'trend')
      .action(run(async () => {
        const { schema, trendCommand } = await import('./commands/trend.js');
        return { schema, command: trendCommand };
      })),

  compare: (program, run) =>
    withFlags(
      program.command('compare')
        .description('is the difference real? two files, one file split at a date, or two values of a column')
        .argument('<files...>', 'one or two CSV/XLSX/XLS/ODS exports'),
      'compare',
    ).action(run(async () => {
        const { schema, compareCommand } = await import('./commands/compare.js');
        return { schema, command: compareCommand };
      })),

  drivers: (program, run) =>
    withFlags(fileArgument(program.command('drivers')).description('which groups lift or drag the score (impact), and which other ratings go with a low score'), 'drivers')
      .action(run(async () => {
        const { schema, driversCommand } = await import('./commands/drivers.js');
        return { schema, command: driversCommand };
      })),

  comments: (program, run) =>
    withFlags(fileArgument(program.command('comments')).description('what detractors, passives and promoters write about; the NPS of named themes'), 'comments')
      .action(run(async () => {
        const { schema, commentsCommand } = await import('./commands/comments.js');
        return { schema, command: commentsCommand };
      })),

  list: (program, run) =>
    withFlags(fileArgument(program.command('list')).description('the original rows of detractors, passives or promoters, for follow-up'), 'list')
      .action(run(async () => {
        const { schema, listCommand } = await import('./commands/list.js');
        return { schema, command: listCommand };
      })),

  plan: (program, _run, runFlagsOnly) =>
    withFlags(program.command('plan').description('before a survey or a gate: the answers a margin of error needs, the difference two groups can show'), 'plan')
      // No argument: commander hands the flags first.
      .action(runFlagsOnly(async () => (await import('./commands/plan.js')).planCommand)),

  inspect: (program, run) =>
    withFlags(
      fileArgument(program.command('inspect')).description('what nps sees in an export: format, encoding, header rows, sheet, column roles, score distribution, date range'),
      'inspect',
    ).action(run(async () => {
        const { schema, inspectCommand } = await import('./commands/inspect.js');
        return { schema, command: inspectCommand };
      })),
};

export async function runCli(argv: readonly string[], io: Io): Promise<Outcome> {
  let outcome: Outcome | null = null;
  let helpText = '';
  const program = new Command('nps')
    .description('Net Promoter Score from survey exports (CSV, XLSX, XLS, ODS).')
    .addHelpText('after', `${examplesText('nps')}\nEvery command, its JSON and exit codes: the README (README.md beside the package).\n`)
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
  /** Commander's flags less --debug, which main.ts reads. */
  const withoutDebug = (flags: Record<string, unknown>): Record<string, unknown> => {
    const { debug: _debug, ...rest } = flags;
    void _debug;
    return rest;
  };
  /** The outcome as the run ends: with -o, its stdout (and body) written to the file (whole, at the end) instead. */
  const delivered = async (result: Outcome, flags: Record<string, unknown>): Promise<Outcome> => {
    if (typeof flags.output !== 'string') return result;
    await writeOutput(flags.output, result.stdout, io.cwd, result.body);
    return { ...result, stdout: '', body: undefined };
  };
  const run: Run = (load) => async (args, flags) => {
    const { schema, command } = await load();
    // -q: no notes and no progress, from the first line on (the config file's notes included).
    const told = flags.quiet === true ? hushed(io) : io;
    outcome = await delivered(await command(args, await resolveSettings(schema, withoutDebug(flags), told), told), flags);
  };
  const runFlagsOnly: RunFlagsOnly = (load) => async (flags) => {
    outcome = await delivered(await (await load())(undefined, withoutDebug(flags)), flags);
  };
  // Only the command asked for is declared: setting up the others' flags is a share of a small
  // run's start-up (BENCHMARKS.md). All of them when none is named (help, a misspelt command).
  const asked = (argv[0] !== undefined && Object.hasOwn(COMMANDS, argv[0]) ? [argv[0]] : Object.keys(COMMANDS)) as CommandName[];
  for (const name of asked) COMMANDS[name](program, run, runFlagsOnly);
  if (asked.length > 1 || argv[0] === 'completion') {
    program
      .command('completion')
      .description('print a script that completes commands, flags and their values: bash, zsh or fish')
      .argument('<shell>', 'bash, zsh or fish')
      .addHelpText('after', examplesText('completion'))
      .action(async (shell: string) => {
        outcome = await (await import('./commands/completion.js')).completionCommand(shell);
      });
  }

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
