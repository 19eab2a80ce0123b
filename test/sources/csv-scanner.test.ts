// The scanner must read every CSV exactly as csv-parse does with the options the CSV source
// used (relax_quotes, relax_column_count, skip_empty_lines, bom), with every line break ending
// a record outside quotes (CRLF, LF or a lone CR, mixed in one file as Python's csv reads them):
// random CSVs, every fixture and the real files, record by record, whatever the chunk boundaries.
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { CsvScanner, UnclosedQuoteError, type FieldDecoder, type RawRecord } from '../../src/sources/csv-scanner.js';
import { WINDOW } from '../../src/sources/csv-structural.js';

const OPTIONS = { relax_column_count: true, relax_quotes: true, skip_empty_lines: true, bom: true, record_delimiter: ['\r\n', '\n', '\r'] };

function scan(bytes: Buffer, delimiter: string, chunkSizes: number[] = [bytes.length || 1], wasm = true, wanted: boolean[] | null = null, decode?: FieldDecoder): string[][] {
  const scanner = new CsvScanner(delimiter.charCodeAt(0), decode, { wasm });
  scanner.wanted = wanted;
  const records: string[][] = [];
  let offset = 0;
  let k = 0;
  while (offset < bytes.length) {
    const size = Math.max(1, chunkSizes[k++ % chunkSizes.length] ?? 1);
    scanner.push(bytes.subarray(offset, offset + size), (_, fields) => records.push(fields));
    offset += size;
  }
  scanner.end((_, fields) => records.push(fields));
  return records;
}

const reference = (bytes: Buffer, delimiter: string): string[][] => parse(bytes, { ...OPTIONS, delimiter }) as string[][];

/** Where each record lies and the line it starts on, as the scanner tells them (pushRaw), and the line-break style it saw. */
interface Bounds {
  records: [start: number, end: number, line: number][];
  newline: number;
}

function scanBounds(bytes: Buffer, delimiter: string, chunkSizes: number[], wasm = true, wanted: boolean[] | null = null): Bounds {
  const scanner = new CsvScanner(delimiter.charCodeAt(0), undefined, { wasm });
  scanner.wanted = wanted;
  const records: Bounds['records'] = [];
  const note = (record: RawRecord): void => void records.push([record.recordOffset, record.recordEnd, scanner.recordStartLine]);
  for (let offset = 0, k = 0; offset < bytes.length; k++) {
    const size = Math.max(1, chunkSizes[k % chunkSizes.length] ?? 1);
    scanner.pushRaw(bytes.subarray(offset, offset + size), note);
    offset += size;
  }
  scanner.endRaw(note);
  return { records, newline: scanner.newlineMode };
}

/**
 * The same, walked a byte at a time by the rules alone: a quote at a field's start opens a
 * quoted stretch, which "" does not close; outside one, a delimiter ends a field and CRLF, LF
 * or a lone CR a record; a record of no bytes is an empty line, left out. Lines count every
 * line break, quoted or not (CRLF once).
 */
function boundsByRule(bytes: Buffer, delimiter: string): Bounds {
  const records: Bounds['records'] = [];
  let newline = 0;
  let i = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? 3 : 0;
  let start = i;
  let fieldStart = i;
  let line = 1;
  let startLine = 1;
  let quoted = false;
  while (i < bytes.length) {
    const c = String.fromCharCode(bytes[i] as number);
    const width = c === '\r' && bytes[i + 1] === 0x0a ? 2 : 1;
    if (quoted) {
      if (c === '"' && bytes[i + 1] === 0x22) i++;
      else if (c === '"') quoted = false;
      else if (c === '\n' || c === '\r') line++;
      i += c === '\r' || c === '\n' ? width : 1;
    } else if (c === '"' && i === fieldStart) {
      quoted = true;
      i++;
    } else if (c === delimiter) fieldStart = ++i;
    else if (c === '\n' || c === '\r') {
      if (newline === 0) newline = c === '\n' ? 1 : width === 2 ? 2 : 3;
      if (i > start) records.push([start, i + width, startLine]);
      line++;
      i += width;
      start = fieldStart = i;
      startLine = line;
    } else i++;
  }
  if (i > start) records.push([start, i, startLine]);
  return { records, newline };
}

let seed = 42;
const random = (): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
};
const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

function randomField(delimiter: string, newline: string): string {
  const plainPieces = ['a', 'b', 'word', ' ', 'Växel', 'æøå', 'é', '€', '1', '9', '10', 'x"y', '日本', '😀', ''];
  const r = random();
  if (r < 0.15) return '';
  if (r < 0.6) {
    let text = '';
    const n = Math.floor(random() * 4);
    for (let i = 0; i < n; i++) text += pick(plainPieces);
    // An unquoted field may not start with a quote or hold the delimiter or a line break.
    return text.replace(/^"/, 'q').split(delimiter).join('');
  }
  const quotedPieces = ['a', delimiter, '""', '\n', '\r\n', '\r', ' ', 'Ö', ',', ';', '\t', '|', 'end'];
  let inner = '';
  const n = Math.floor(random() * 5);
  for (let i = 0; i < n; i++) inner += pick(quotedPieces);
  void newline;
  return `"${inner}"`;
}

function randomCsv(): { bytes: Buffer; delimiter: string } {
  const delimiter = pick([',', ';', '\t', '|']);
  // One style of line break, or (a file pasted together) a mix of CRLF, LF and CR.
  const style = pick(['\n', '\r\n', 'mixed']);
  const newline = (): string => (style === 'mixed' ? pick(['\n', '\r\n', '\r']) : style);
  const rows = 1 + Math.floor(random() * 12);
  const lines: string[] = [];
  for (let r = 0; r < rows; r++) {
    const width = 1 + Math.floor(random() * 5); // ragged rows
    const fields = Array.from({ length: width }, () => randomField(delimiter, style));
    if (random() < 0.05) lines.push(''); // an empty line
    lines.push(fields.join(delimiter));
  }
  let text = lines.map((line, i) => (i === 0 ? line : newline() + line)).join('');
  if (random() < 0.5) text += newline();
  const bom = random() < 0.1 ? '\ufeff' : '';
  return { bytes: Buffer.from(bom + text, 'utf8'), delimiter };
}

describe('CsvScanner agrees with csv-parse', () => {
  it('on 3000 random CSVs, in random chunk sizes', () => {
    for (let trial = 0; trial < 3000; trial++) {
      const { bytes, delimiter } = randomCsv();
      let expected: string[][];
      try {
        expected = reference(bytes, delimiter);
      } catch {
        continue; // a random field may leave a quote open; that case is tested below
      }
      const chunks = [1 + Math.floor(random() * 7), 1 + Math.floor(random() * 50), 3];
      expect(scan(bytes, delimiter), `${JSON.stringify(bytes.toString())} in one piece`).toEqual(expected);
      expect(scan(bytes, delimiter, chunks), `${JSON.stringify(bytes.toString())} in chunks ${chunks}`).toEqual(expected);
      // Without WebAssembly (node --jitless): the structural bytes found by a loop instead.
      if (trial % 3 === 0) expect(scan(bytes, delimiter, chunks, false), `${JSON.stringify(bytes.toString())} without WebAssembly`).toEqual(expected);
      // Some fields asked for: the others come as '', those after the last asked for are only
      // counted (not placed), and every record keeps its length.
      const wanted = trial % 2 === 0 ? Array.from({ length: 1 + Math.floor(random() * 5) }, () => random() < 0.5) : null;
      if (wanted !== null) {
        const blanked = expected.map((fields) => fields.map((field, i) => (wanted[i] ? field : '')));
        expect(scan(bytes, delimiter, chunks, true, wanted), `${JSON.stringify(bytes.toString())} asking for ${wanted}`).toEqual(blanked);
      }
      // Where each record lies, the line it starts on and the line-break style, in one piece;
      // in chunks the lines may differ (a CR at a chunk's end inside quotes counts with the LF
      // it may have), the rest may not.
      const truth = boundsByRule(bytes, delimiter);
      expect(scanBounds(bytes, delimiter, [bytes.length || 1], trial % 3 === 1, wanted), `${JSON.stringify(bytes.toString())} bounds`).toEqual(truth);
      const chunked = scanBounds(bytes, delimiter, chunks, trial % 3 !== 1, wanted);
      expect({ ...chunked, records: chunked.records.map(([start, end]) => [start, end]) }, `${JSON.stringify(bytes.toString())} bounds in chunks ${chunks}`).toEqual({
        ...truth,
        records: truth.records.map(([start, end]) => [start, end]),
      });
    }
  });

  it('on long CSVs, whose records and quoted line breaks cross the windows the structural bytes are found in', () => {
    let compared = 0;
    for (let trial = 0; trial < 6; trial++) {
      const delimiter = pick([',', ';', '\t', '|']);
      const newline = pick(['\n', '\r\n']);
      const lines: string[] = [];
      let size = 0;
      // Over three windows of 64 KiB; now and then a field of several KiB.
      while (size < 3 * WINDOW + 5000) {
        const fields = Array.from({ length: 1 + Math.floor(random() * 6) }, () =>
          random() < 0.01 ? `"${'x,\n""'.repeat(Math.floor(random() * 3000))}"` : randomField(delimiter, newline),
        );
        const line = fields.join(delimiter);
        lines.push(line);
        size += line.length + newline.length;
      }
      const bytes = Buffer.from(lines.join(newline) + newline, 'utf8');
      let expected: string[][];
      try {
        expected = reference(bytes, delimiter);
      } catch {
        continue;
      }
      const chunks = [1 + Math.floor(random() * 100_000), 1 + Math.floor(random() * 70_000), WINDOW, WINDOW + 1];
      expect(scan(bytes, delimiter), `trial ${trial} in one piece`).toEqual(expected);
      expect(scan(bytes, delimiter, chunks), `trial ${trial} in chunks ${chunks}`).toEqual(expected);
      expect(scan(bytes, delimiter, chunks, false), `trial ${trial} without WebAssembly`).toEqual(expected);
      const wanted = Array.from({ length: 6 }, () => random() < 0.5);
      const blanked = expected.map((fields) => fields.map((field, i) => (wanted[i] ? field : '')));
      expect(scan(bytes, delimiter, chunks, true, wanted), `trial ${trial} asking for ${wanted}`).toEqual(blanked);
      expect(scanBounds(bytes, delimiter, [bytes.length], true, wanted), `trial ${trial} bounds`).toEqual(boundsByRule(bytes, delimiter));
      compared++;
    }
    expect(compared).toBeGreaterThanOrEqual(4);
  });

  it.each([
    ['a"b,c\n'], ['"a"b,c\n'], ['"a""b",c\n'], ['"a\nb",c\n'], ['a,b\r\n\r\nc,d\r\n'], ['a,b\n\n\nc\n'], [' \nx\n'], [',\n'],
    ['a,""\n'], ['"""",x\n'], ['x,"y"  \n'], ['"y" ,z\n'], ['a,b'], ['a\r\nb\r'], ['a,"b\r\nc"\r\n'], ['"a,b"x,c\n'], ['"a""b"x,c\n'],
    ['"a\nb"x,c\n'], ['a,b\nc,d\r\n'], ['a""b,c\n'], ['x,"a""",y\n'], ['a,"b"c"d",e\n'], [' "a",b\n'], ['"a"\r\n'], ['"a"\rb\n'],
    ['\ufeffid,score\n1,9\n'], [''], ['\n\n'], ['""\n'],
    ['h\r\n1\n2\n3\n'], ['a\r\rb\n\r\nc'], ['"x\r\ny",z\rw\n'], ['a,b\rc\r\nd\ne'],
  ])('%j', (text) => {
    const bytes = Buffer.from(text);
    expect(scan(bytes, ',')).toEqual(reference(bytes, ','));
    expect(scan(bytes, ',', [1])).toEqual(reference(bytes, ','));
    expect(scan(bytes, ',', [1], false)).toEqual(reference(bytes, ','));
  });

  it('a UTF-8 BOM before bytes that are not UTF-8 (Latin-1 text), on 500 random CSVs', () => {
    const latin1: FieldDecoder = (bytes, start, end) => bytes.toString('latin1', start, end);
    let compared = 0;
    for (let trial = 0; trial < 500; trial++) {
      const { bytes, delimiter } = randomCsv();
      // The same text written as Latin-1 (ä ö é stay single bytes; what Latin-1 cannot hold becomes ?), after a UTF-8 BOM.
      const text = bytes.toString('utf8').replace(/^\ufeff/, '').replace(/[^\x00-\xff]/g, '?');
      const latin = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(text, 'latin1')]);
      let expected: string[][];
      try {
        // csv-parse takes a BOM to mean UTF-8: it is given the bytes after it.
        expected = parse(latin.subarray(3), { ...OPTIONS, delimiter, encoding: 'latin1', bom: false }) as string[][];
      } catch {
        continue;
      }
      const chunks = [1 + Math.floor(random() * 7), 2, 1 + Math.floor(random() * 40)];
      expect(scan(latin, delimiter, chunks, true, null, latin1), JSON.stringify(text)).toEqual(expected);
      compared++;
    }
    expect(compared).toBeGreaterThan(400);
  });

  it('fields longer than a read: a quoted field of 300 KiB with line breaks, in reads of 64 KiB', () => {
    const long = `"${'x,\r\n""y'.repeat(40_000)}"`;
    const bytes = Buffer.from(`id,comment,score\n1,${long},9\r\n2,short,10\r3,"${'z'.repeat(200_000)}",0\n`, 'utf8');
    const expected = reference(bytes, ',');
    expect(expected).toHaveLength(4);
    expect(scan(bytes, ',', [WINDOW])).toEqual(expected);
    expect(scan(bytes, ',', [100_000, 7, WINDOW + 1])).toEqual(expected);
    expect(scan(bytes, ',', [WINDOW], false)).toEqual(expected);
  });

  it('an unclosed quote names the record and line where it opened', () => {
    const bytes = Buffer.from('id,c\n1,ok\n2,"never\nclosed\n');
    expect(() => scan(bytes, ',')).toThrow(UnclosedQuoteError);
    try {
      scan(bytes, ',', [4]);
    } catch (error) {
      expect(error).toMatchObject({ record: 3, line: 3 });
    }
  });

  it('a record with hundreds of fields (the field tables grow)', () => {
    const wide = Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? `"f,${i}"` : `f${i}`)).join(',');
    const bytes = Buffer.from(`${wide}\n${wide}\n`);
    expect(scan(bytes, ',', [11])).toEqual(reference(bytes, ','));
    // With no quote, whole records at once; asking for one far field, or for every field.
    const plain = Array.from({ length: 300 }, (_, i) => `f${i}`).join(',');
    const lines = Buffer.from(`${plain}\n${plain}\r\n`);
    expect(scan(lines, ',')).toEqual(reference(lines, ','));
    const far = Array.from({ length: 300 }, (_, i) => i === 250);
    expect(scan(lines, ',', [lines.length], true, far)).toEqual(reference(lines, ',').map((fields) => fields.map((field, i) => (i === 250 ? field : ''))));
  });

  it('decodes only the fields asked for', () => {
    const scanner = new CsvScanner(0x2c);
    scanner.wanted = [false, true];
    const rows: string[][] = [];
    scanner.push(Buffer.from('a,b,c\n1,2,3\n'), (_, f) => rows.push(f));
    scanner.end((_, f) => rows.push(f));
    expect(rows).toEqual([['', 'b', ''], ['', '2', '']]);
  });

  const fixtures = new URL('../../fixtures/', import.meta.url);
  it('on every CSV fixture in UTF-8', () => {
    for (const name of readdirSync(fixtures).filter((f) => /\.(csv|tsv)$/.test(f))) {
      const bytes = readFileSync(new URL(name, fixtures));
      if (bytes.includes(0) || !Buffer.from(bytes.toString('utf8')).equals(bytes)) continue; // binary or not UTF-8
      const delimiter = name.includes('semicolon') ? ';' : name.endsWith('.tsv') ? '\t' : name.includes('pipe') ? '|' : ',';
      let expected: string[][] | null = null;
      try {
        expected = reference(bytes, delimiter);
      } catch {
        expect(() => scan(bytes, delimiter), name).toThrow(UnclosedQuoteError);
        continue;
      }
      expect(scan(bytes, delimiter, [97]), name).toEqual(expected);
    }
  });

  const data = new URL('../../../shared/data/public/', import.meta.url);
  it.skipIf(!existsSync(data))('on the real public files', () => {
    for (const name of readdirSync(data).filter((f) => f.endsWith('.csv'))) {
      const bytes = readFileSync(new URL(name, data));
      expect(scan(bytes, ',', [65536, 4093]), name).toEqual(reference(bytes, ','));
    }
  });
});

describe('a field longer than many reads costs one copy of each read (issue 14, item 8)', () => {
  it('20 MB in reads of 64 KiB: the bytes copied stay within a few times the field', () => {
    // Before, the unfinished record was joined again with every read: 20 MB in 320 reads copied
    // about 3.2 GB. Counted, not timed: Buffer.concat and Buffer#copy are wrapped to add up the bytes.
    const field = Buffer.alloc(20 * 1024 * 1024, 0x78);
    const bytes = Buffer.concat([Buffer.from('id,comment\n1,"'), field, Buffer.from('"\n2,ok\n')]);
    let copied = 0;
    const concat = Buffer.concat;
    const copy = Buffer.prototype.copy;
    Buffer.concat = ((list: readonly Uint8Array[], length?: number) => {
      const joined = concat(list, length);
      copied += joined.length;
      return joined;
    }) as typeof Buffer.concat;
    Buffer.prototype.copy = function (this: Buffer, ...args: Parameters<Buffer['copy']>) {
      const n = copy.apply(this, args);
      copied += n;
      return n;
    };
    let rows: string[][];
    try {
      rows = scan(bytes, ',', [64 * 1024], true, [true, false]);
    } finally {
      Buffer.concat = concat;
      Buffer.prototype.copy = copy;
    }
    expect(rows).toEqual([['id', ''], ['1', ''], ['2', '']]);
    expect(copied).toBeLessThan(4 * bytes.length);
  });
});
