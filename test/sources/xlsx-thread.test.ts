// A large sheet is read on a thread of its own (src/sources/xlsx-thread.ts): the thread finds the
// rows and cells, the main thread makes their text. What it reads must be what the main thread
// reads alone, batch for batch (the columns a command reads apply from the batch after it says
// them), with the same notes and the same errors; and a reading stopped early ends the thread.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../src/sources/types.js';
import { fileZip, readXlsxStreaming } from '../../src/sources/xlsx-stream.js';
import { seededRandom } from '../support/random.js';
import { book, noted, randomSheet, referenceRows } from '../support/xlsx-sheets.js';
import { workbook } from '../support/zip.js';
import { threadCount } from '../support/threads.js';

/** When the command says its columns: after this many batches (0: before the first; Infinity: never). */
type Saying = number;

interface Reading {
  batches: RawRow[][];
  notes: string[];
  size: number | null;
}

/** The sheet of the workbook at `path`, read on a thread (`threaded`) or on the main thread alone. */
async function readSheet(path: string, threaded: boolean, wanted: boolean[] | null, saying: Saying): Promise<Reading> {
  const source = await readXlsxStreaming(fileZip(path, () => undefined), 'random.xlsx', threaded ? 0 : undefined);
  const table = source.tables[0];
  if (!table) throw new Error('no table');
  if (saying === 0) table.project?.(wanted);
  const batches: RawRow[][] = [];
  for await (const batch of table.records) {
    batches.push(batch);
    if (batches.length === saying) table.project?.(wanted);
  }
  return { batches, notes: source.info.notes ?? [], size: table.size };
}

describe('a sheet read on a thread of its own', () => {
  it('gives the rows, batches and notes the main thread gives on random sheets, whenever the columns are said', async () => {
    const dir = await mkdtemp('/tmp/nps-xlsx-thread-');
    /** Readings of several batches whose columns were said after the first: the rule the thread keeps in step for. */
    let saidLate = 0;
    for (let seed = 1; seed <= 120; seed++) {
      const random = seededRandom(seed);
      // Some sheets long enough for several batches of 100 rows before the columns are said.
      const sheet = randomSheet(random, random() < 0.4 ? 300 + Math.floor(random() * 600) : undefined);
      const wanted = random() < 0.3 ? null : Array.from({ length: 1 + Math.floor(random() * 12) }, () => random() < 0.6);
      const saying = [0, 1, 3, Infinity][Math.floor(random() * 4)] as Saying;
      const path = `${dir}/book${seed}.xlsx`;
      await writeFile(path, book(sheet));
      const alone = await readSheet(path, false, wanted, saying);
      const threaded = await readSheet(path, true, wanted, saying);
      expect(threaded, `seed ${seed}`).toEqual(alone);
      if (saying === 3 && alone.batches.length > 3) saidLate++;
      if (saying === 0 || saying === Infinity || wanted === null) {
        // And both are the reference's reading of the sheet's whole text.
        const expected = referenceRows(sheet, saying === Infinity ? null : wanted);
        expect(threaded.batches.flat(), `seed ${seed}`).toEqual(expected.rows);
        expect(noted(threaded.notes, /(\d+) rows? carry a row number/), `seed ${seed}`).toBe(expected.misnumbered);
        expect(noted(threaded.notes, /(\d+) cells? name a shared string/), `seed ${seed}`).toBe(expected.bad);
      }
    }
    expect(saidLate).toBeGreaterThan(2);
  }, 120_000);

  it('refuses what the main thread refuses, with the same error', async () => {
    const dir = await mkdtemp('/tmp/nps-xlsx-thread-');
    const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>id</t></is></c><c r="B1" t="inlineStr"><is><t>NPS</t></is></c></row>';
    const wide = `${dir}/wide.xlsx`;
    await writeFile(wide, workbook(`${header}<row r="2"><c r="A2"><v>1</v></c><c r="XFE2"><v>9</v></c></row>`));
    // The sheet's compressed bytes damaged past its first rows: its inflating fails.
    const damaged = `${dir}/damaged.xlsx`;
    const rows = Array.from({ length: 5000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${i}</v></c><c r="B${i + 2}"><v>${i % 11}</v></c></row>`).join('');
    const bytes = workbook(header + rows);
    const at = bytes.indexOf('xl/worksheets/sheet1.xml') + 2000;
    bytes.fill(0xff, at, at + 64);
    await writeFile(damaged, bytes);
    for (const path of [wide, damaged]) {
      const errorOf = async (threaded: boolean): Promise<unknown> => readSheet(path, threaded, null, Infinity).then(() => null, (error: unknown) => error);
      const alone = await errorOf(false);
      const threaded = await errorOf(true);
      expect(alone, path).toBeInstanceOf(Error);
      expect(threaded, path).toEqual(alone);
      expect((threaded as Error).constructor, path).toBe((alone as Error).constructor);
    }
  });

  it('ends its thread when the reading stops early', async () => {
    const dir = await mkdtemp('/tmp/nps-xlsx-thread-');
    const path = `${dir}/long.xlsx`;
    await writeFile(path, book(randomSheet(seededRandom(7), 2000)));
    // A whole reading first: the threads Node starts once (inflating) are there before counting.
    await readSheet(path, true, null, Infinity);
    const before = threadCount();
    const source = await readXlsxStreaming(fileZip(path, () => undefined), 'long.xlsx', 0);
    const records = source.tables[0]?.records[Symbol.asyncIterator]();
    const first = await records?.next();
    expect(first?.done).toBe(false);
    expect(threadCount()).toBeGreaterThan(before);
    await records?.return?.();
    expect(threadCount()).toBe(before);
  });
});
