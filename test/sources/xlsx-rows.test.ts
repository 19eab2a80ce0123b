// The streaming XLSX reader finds rows and cells in the inflated bytes, in one pass per row, in
// pieces that end anywhere (xlsx-stream.ts). Differential test on random sheets: every row and
// cell it reads is what a reference reads from the sheet's whole text by plain string search,
// the reader's rules written the simple way (the way it read them before it read bytes). The
// random sheets hold what real and hostile sheets hold: attributes in any order and spacing,
// names ending in r (xr="…"), missing and repeated row numbers, self-closing rows and cells,
// styled blanks, formulas, shared and inline strings, rich runs, entities, text in several
// bytes a character, dates by style, "</row>" inside a value or an attribute, ">" inside an
// attribute, two values or an attribute twice in a cell, numbers of more than nine digits, a
// self-closing row last.

import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { RawRow } from '../../src/sources/types.js';
import { readXlsxStreaming, type ZipBytes } from '../../src/sources/xlsx-stream.js';
import { seededRandom } from '../support/random.js';
import { book, noted, randomSheet, referenceRows } from '../support/xlsx-sheets.js';

/** The zip's bytes, its entries streamed in pieces of 1 to `most` bytes: inflated pieces then end anywhere. */
function inPieces(bytes: Buffer, random: () => number, most: number): ZipBytes {
  return {
    unchanged: () => undefined,
    size: async () => bytes.length,
    read: async (position, length) => bytes.subarray(position, position + length),
    stream: (start, end) =>
      Readable.from(
        (function* () {
          for (let at = start; at < end; ) {
            const length = 1 + Math.floor(random() * most);
            yield bytes.subarray(at, Math.min(end, at + length));
            at += length;
          }
        })(),
      ),
  };
}

async function streamed(bytes: Buffer, random: () => number, most: number, wanted: boolean[] | null): Promise<{ rows: RawRow[]; notes: string[]; size: number | null }> {
  const source = await readXlsxStreaming(inPieces(bytes, random, most), 'random.xlsx');
  const table = source.tables[0];
  if (!table) throw new Error('no table');
  // The sheet has no <dimension>: its size is its row tags, counted as its XML streams past.
  const size = table.size;
  if (wanted !== null) table.project?.(wanted);
  const rows: RawRow[] = [];
  for await (const batch of table.records) rows.push(...batch);
  return { rows, notes: source.info.notes ?? [], size };
}

describe('the streaming XLSX reader on random sheets, against the whole text read by string search', () => {
  it('reads the same rows, cells, row numbers and notes, whatever the pieces and the columns read', async () => {
    let rowsSeen = 0;
    let hostile = 0;
    for (let seed = 1; seed <= 300; seed++) {
      const random = seededRandom(seed);
      const sheet = randomSheet(random);
      const wanted = random() < 0.4 ? null : Array.from({ length: 1 + Math.floor(random() * 12) }, () => random() < 0.6);
      const expected = referenceRows(sheet, wanted);
      const actual = await streamed(book(sheet), random, random() < 0.5 ? 40 : 3000, wanted);
      expect(actual.rows, `seed ${seed}`).toEqual(expected.rows);
      expect(noted(actual.notes, /(\d+) rows? carry a row number/), `seed ${seed}`).toBe(expected.misnumbered);
      expect(noted(actual.notes, /(\d+) cells? name a shared string/), `seed ${seed}`).toBe(expected.bad);
      expect(actual.size, `seed ${seed}`).toBe(sheet.match(/<row[ \t\r\n>/]/g)?.length ?? 0);
      rowsSeen += expected.rows.length;
      if (sheet.includes('</row>short') || sheet.includes('foo="a>b"') || sheet.includes('foo="</row>"')) hostile++;
    }
    // The draws did what they are for: many rows, and the hostile cases among them.
    expect(rowsSeen).toBeGreaterThan(10_000);
    expect(hostile).toBeGreaterThan(20);
  }, 120_000);
});
