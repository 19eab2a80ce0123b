// A sheet read on a thread of its own (src/sources/xlsx-thread.ts) never holds the process open:
// a workbook of two large sheets, of which one is looked at and not chosen, left its thread
// waiting, and the run never ended (found in the fourteenth session of issue 17). The sheets not
// chosen are now read no further, and a thread keeps the process alive only while its rows are
// waited for. What only a process shows is shown by one.

import { execa } from 'execa';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { openSurvey } from '../../src/mapping/survey.js';
import { workbookParts, zip } from '../support/zip.js';
import { BIN, ROOT } from './run-nps.js';
import { threadCount } from '../support/threads.js';

const row = (n: number, cells: string[]): string => `<row r="${n}">${cells.map((c, i) => `<c r="${String.fromCharCode(65 + i)}${n}"><v>${c}</v></c>`).join('')}</row>`;
/** A sheet of an id and a 0–10 score per row, its header inline. */
const answers = (count: number): string =>
  '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>NPS</t></is></c></row>' +
  Array.from({ length: count }, (_, i) => row(i + 2, [String(i), String(i % 11)])).join('');

async function twoSheets(): Promise<string> {
  const dir = await mkdtemp('/tmp/nps-xlsx-exit-');
  const path = `${dir}/two-sheets.xlsx`;
  await writeFile(path, zip(workbookParts([{ name: 'A', rows: answers(5000) }, { name: 'B', rows: answers(8000) }])));
  return path;
}

describe('the thread of a sheet and the end of the process', () => {
  it('a workbook of two large sheets read on threads: the run ends with the answer', async () => {
    const path = await twoSheets();
    const run = (threads: string) => execa('node', [BIN, 'score', path, '--format', 'json'], { reject: false, env: { NPS_XLSX_THREAD_BYTES: threads }, timeout: 120_000 });
    const [threaded, alone] = [await run('0'), await run('off')];
    expect(threaded.timedOut).toBe(false);
    expect(threaded.exitCode).toBe(0);
    expect(threaded.stdout).toBe(alone.stdout);
    expect(JSON.parse(String(threaded.stdout)).overall.responses).toBe(8000);
  }, 240_000);

  it('the sheet not chosen is read no further: its thread ends once the sheet is chosen', async () => {
    const path = await twoSheets();
    // A reading to its end first: the threads Node starts once (inflating) are there before counting.
    const warm = await openSurvey(path, { stream: () => Readable.from([]), file: () => null }, { xlsxStreamFromBytes: 0, xlsxThreadFromBytes: 0 });
    for await (const batch of warm.rest) void batch;
    const before = threadCount();
    const survey = await openSurvey(path, { stream: () => Readable.from([]), file: () => null }, { xlsxStreamFromBytes: 0, xlsxThreadFromBytes: 0 });
    expect(survey.sheet?.name).toBe('B');
    // The chosen sheet's thread waits for its rows to be asked for; the other's is gone.
    expect(threadCount()).toBe(before + 1);
    let rows = survey.sample.length;
    for await (const batch of survey.rest) rows += batch.length;
    expect(rows).toBe(8000);
    expect(threadCount()).toBe(before);
  }, 60_000);

  it('a reading left unfinished does not hold a process open', async () => {
    const path = await twoSheets();
    // Under node_modules (as tools keep their caches), where the program finds SheetJS.
    await mkdir(`${ROOT}node_modules/.cache`, { recursive: true });
    const dir = await mkdtemp(`${ROOT}node_modules/.cache/nps-xlsx-exit-`);
    // A program that reads one batch of a sheet on its thread and leaves the rest unread.
    await writeFile(
      `${dir}/leave.ts`,
      `import { fileZip, readXlsxStreaming } from '${ROOT}src/sources/xlsx-stream.ts';
       const source = await readXlsxStreaming(fileZip(${JSON.stringify(path)}, () => undefined), 'two-sheets.xlsx', 0);
       const first = await source.tables[0].records[Symbol.asyncIterator]().next();
       console.log(first.value.length);`,
    );
    try {
      await build({ entryPoints: [`${dir}/leave.ts`], outfile: `${dir}/leave.mjs`, bundle: true, platform: 'node', format: 'esm', external: ['xlsx'], logLevel: 'silent' });
      // The thread's built file, beside the program (as dist/xlsx-worker.cjs is beside dist/nps.cjs).
      await copyFile(`${ROOT}dist/xlsx-worker.cjs`, `${dir}/xlsx-worker.cjs`);
      const left = await execa('node', [`${dir}/leave.mjs`], { reject: false, cwd: ROOT, timeout: 120_000 });
      expect(left.timedOut).toBe(false);
      expect(left.exitCode).toBe(0);
      expect(String(left.stdout)).toBe('100');
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
