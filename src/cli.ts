// The command line: commander declares the commands and flags; each action runs one
// command and hands its Outcome back. Nothing here writes to stdout or exits.

import { createRequire } from 'node:module';
import { Command, CommanderError, Option } from 'commander';
import { scoreCommand } from './commands/score.js';
import { usageError } from './errors.js';
import type { Io, Outcome } from './io.js';

export const VERSION = (createRequire(import.meta.url)('../package.json') as { version: string }).version;

const collect = (value: string, previous: string[] = []): string[] => [...previous, value];

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

  program
    .command('score')
    .description('NPS overall and per group or period, with margins of error')
    .argument('<file>', 'CSV/XLSX/XLS/ODS export, or - for standard input')
    .option('--by <column>', 'group by this column (repeat for a cross product)', collect)
    .addOption(new Option('--period <period>', 'group by the date column: day, week, month, quarter, year'))
    .option('--score <column>', 'the 0–10 score column (default: detected)')
    .option('--date <column>', 'the date column (default: detected when --period is given)')
    .option('--date-format <order>', 'order of a/b/yyyy dates: dmy or mdy (default: decided from the data)')
    .option('--delimiter <char>', 'CSV delimiter: , ; tab | (default: sniffed)')
    .option('--sheet <name|n>', 'spreadsheet sheet by name or position, 1 = first (default: the first)')
    .option('--format <format>', 'table, json, csv or markdown', 'table')
    .option('--min <nps>', 'exit 1 when the overall NPS is below this')
    .option('--strict', 'an invalid score or date is an error (exit 2) instead of a skipped row')
    .option('--color <when>', 'auto, always or never', 'auto')
    .option('--debug', 'show stack traces on errors')
    .action(async (file: string, flags: Record<string, unknown>) => {
      const { debug: _debug, ...rest } = flags;
      void _debug;
      outcome = await scoreCommand(file, rest, io);
    });

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
