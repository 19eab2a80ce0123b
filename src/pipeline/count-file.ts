// Counting one file, for the commands that count (score, trend, compare, drivers, comments,
// list): opening it, starting its threads ahead when it will be counted in parts, and checking a
// CSV that is UTF-8 in its head as it is read, not in a read of its own. What is counted, and
// how (the columns, groups, filters), is the caller's: `options`.

import { aggregate, type Aggregate, type AggregateOptions } from './aggregate.js';
import { countingFor } from './count.js';
import { readPath, standardInput, withSay, type Io } from './io.js';
import { openSurvey, type Survey } from '../mapping/survey.js';
import { startProgress } from './progress.js';
import { NotUtf8 } from '../sources/decode.js';
import { readOnce } from '../sources/input.js';
import { announceLayout, type InputSettings } from './settings.js';

/** What to count: all of aggregate's options but the progress line, and what is gathered and the crossed columns, which need the opened survey. */
export type CountOptions = Omit<AggregateOptions, 'onBatch' | 'gather' | 'crossBy'> & {
  gather?: ((survey: Survey) => AggregateOptions['gather']) | undefined;
  crossBy?: ((survey: Survey) => AggregateOptions['crossBy']) | undefined;
};

/**
 * Opens the file and counts it: one Aggregate per metric asked for, from one read of the rows.
 * A count dropped (a CSV that turned out not to be UTF-8, read again) drops what it gathered
 * too: `gather` is asked again for the count that stands.
 */
export async function countFile(file: string, settings: InputSettings, io: Io, options: CountOptions): Promise<{ survey: Survey; results: Aggregate[] }> {
  const { gather, crossBy, ...rest } = options;
  const count = async (settings: InputSettings, io: Io, hold = (): void => undefined): Promise<{ survey: Survey; results: Aggregate[] }> => {
    // Threads for a file large enough to be counted in parts start now, while its head is read
    // and its columns chosen. Rows kept by --dedupe for what is gathered from them never go to them.
    const counting = countingFor(file, io, options.dedupe !== undefined && gather !== undefined);
    try {
      const survey = await openSurvey(file, standardInput(io), settings.survey);
      // Not a CSV that can be counted in parts (a workbook): the threads go at once.
      if (survey.parallel === null) counting.release();
      // Until the rest of the file is known to be UTF-8, what is said waits (see below).
      if (survey.info.encodingUnverified) hold();
      announceLayout(survey, io);
      const progress = startProgress(io, survey);
      try {
        const results = await aggregate(survey, { ...rest, gather: gather?.(survey), crossBy: crossBy?.(survey), onBatch: (rows) => progress.update(rows) }, counting);
        return { survey, results };
      } finally {
        progress.done();
      }
    } finally {
      counting.release();
    }
  };
  const path = readPath(file, io);
  return path === null || readOnce(path) ? count(settings, io) : checkingUtf8WhileReading(settings, io, count);
}

/**
 * Counts a CSV file that is UTF-8 in its head without reading it twice: the rest is checked as
 * it is read. `count` calls `hold` once it knows the file is such a one: from then on, what is
 * said on stderr waits for the answer. When a byte turns out not to be UTF-8, that count is
 * dropped, unsaid, and the file is read again as Windows-1252, which is what checking ahead
 * decides (sources/decode.ts). Other files (workbooks, checked encodings) speak at once.
 */
async function checkingUtf8WhileReading<T>(settings: InputSettings, io: Io, count: (settings: InputSettings, io: Io, hold: () => void) => Promise<T>): Promise<T> {
  const said: string[] = [];
  let holding = false;
  const held = withSay(io, (line) => (holding ? said.push(line) : io.say(line)));
  try {
    const value = await count({ ...settings, survey: { ...settings.survey, utf8Check: 'while reading' } }, held, () => (holding = true));
    for (const line of said) io.say(line);
    return value;
  } catch (error) {
    if (!(error instanceof NotUtf8)) {
      for (const line of said) io.say(line);
      throw error;
    }
  }
  return count({ ...settings, survey: { ...settings.survey, utf8Check: 'failed' } }, io, () => undefined);
}
