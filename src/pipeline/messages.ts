// What nps says on stderr beside its answer, each line with its level:
//   nps: note: …     what was chosen or left out (a detected column, skipped rows); -q hides it
//   nps: warning: …  the answer may be wrong as printed (a 1–11 coding, a damaged workbook)
//   nps: error: …    the run failed, or a gate did (exit code not 0)
// A line names the file first when it is about one.

import { withSay, type Io } from './io.js';

export type Level = 'note' | 'warning' | 'error';

export const lineOf = (level: Level, text: string): string => `nps: ${level}: ${text}`;

export const note = (io: Io, text: string): void => io.say(lineOf('note', text));

export const warning = (io: Io, text: string): void => io.say(lineOf('warning', text));

const NOTE = lineOf('note', '');

/** The same Io less its notes and progress (-q): warnings and errors still show. */
export function hushed(io: Io): Io {
  return withSay(io, (line) => (line.startsWith(NOTE) ? undefined : io.say(line)), 'none');
}

const LEVEL_COLOR: Record<string, string> = { warning: '\u001b[33m', error: '\u001b[31m' };

/**
 * A stderr text with the level of each of its lines coloured (warning yellow, error red; notes
 * plain), each colour closed on its line. `on` is decided once per run (stderrColorOn).
 */
export function paintLevels(text: string, on: boolean): string {
  if (!on) return text;
  return text.replace(/^nps: (warning|error):/gm, (whole, level: string) => `nps: ${LEVEL_COLOR[level]}${level}:\u001b[39m`);
}

/**
 * The --color choice as typed, for stderr, whose lines may come before the flags are parsed (a
 * usage error): --no-color and --color never|always|auto, the last one given winning.
 */
export function colorChoiceOf(argv: readonly string[]): 'auto' | 'always' | 'never' {
  let choice: 'auto' | 'always' | 'never' = 'auto';
  for (let i = 0; i < argv.length; i++) {
    const word = argv[i] as string;
    if (word === '--') break;
    if (word === '--no-color') choice = 'never';
    const value = word === '--color' ? argv[i + 1] : word.startsWith('--color=') ? word.slice('--color='.length) : undefined;
    if (value === 'auto' || value === 'always' || value === 'never') choice = value;
  }
  return choice;
}
