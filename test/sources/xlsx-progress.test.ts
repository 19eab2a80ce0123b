// A workbook's progress is the compressed bytes of its sheet read so far (issue 16, item 2): it
// stood at the first 64 KiB for the whole run ("0 MB of 108 MB (0%) · 4554 s left").

import { execa } from 'execa';
import { mkdtemp, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { openSurvey } from '../../src/mapping/survey.js';
import { ROOT } from '../e2e/run-nps.js';

describe('XLSX progress', () => {
  it('moves with the sheet as it is read, up to its end, never back', async () => {
    const dir = await mkdtemp('/tmp/nps-xlsx-progress-');
    const path = `${dir}/answers.xlsx`;
    await execa('node', [`${ROOT}bench/generate.mjs`, '60000', path], { cwd: ROOT });
    const size = (await stat(path)).size;
    // The sheet read on the main thread, and on a thread of its own (xlsx-thread.ts).
    for (const xlsxThreadFromBytes of [undefined, 0]) {
      const survey = await openSurvey(path, { stream: () => Readable.from([]), file: () => null }, { xlsxStreamFromBytes: 0, xlsxThreadFromBytes });
      const seen = [survey.progress.bytesRead];
      let rows = survey.sample.length;
      for await (const batch of survey.rest) {
        rows += batch.length;
        seen.push(survey.progress.bytesRead);
      }
      expect(rows).toBe(60_000);
      expect(size).toBeGreaterThan(1 << 20);
      // Read in pieces: many distinct values, in order, the last at least most of the file (the sheet is its bulk).
      expect(new Set(seen).size).toBeGreaterThan(5);
      expect(seen).toEqual([...seen].sort((a, b) => a - b));
      expect(seen.at(-1) as number).toBeGreaterThan(size * 0.8);
      expect(seen.at(-1) as number).toBeLessThanOrEqual(size);
    }
  }, 60_000);
});
