// Large XLSX workbooks without holding them: the zip's central directory is read, and each
// sheet's XML is inflated and scanned as it streams, so memory stays bounded by the shared
// strings and one row. Cells become the same text as through SheetJS (xlsx.ts), whose number
// format table still decides which cells are dates.

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw, type ZlibOptions } from 'node:zlib';
import type * as SheetJsModule from 'xlsx';
import { inputError } from '../core/errors.js';
import { excelSerialText } from './spreadsheet.js';
import type { RawRow, Source, SourceTable } from './types.js';

interface ZipEntry {
  /** General-purpose flags: bit 0 is encryption. */
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** Limits that keep a hostile workbook from taking the machine. */
const MAX_ROW_XML = 64 * 1024 * 1024;
/** The last row a sheet can have (Excel's limit); a larger row number is not one. */
const MAX_ROWS = 1048576;
const MAX_SHARED_STRINGS_BYTES = 512 * 1024 * 1024;
const MAX_COLUMNS = 16384;

class Refused extends Error {}

/**
 * What a cell with a value in a column nobody reads holds: not blank, so the row stays a row
 * (a row with an empty score and a filled comment is a row with a missing score).
 */
const UNREAD = '\u0001';

/** Random access to a zip's bytes: a file on disk, or (a workbook on standard input) bytes in memory. */
export interface ZipBytes {
  size(): Promise<number>;
  read(position: number, length: number): Promise<Buffer>;
  /** The bytes start … end − 1, as a stream. */
  stream(start: number, end: number): Readable;
  /** Throws when the file changed since it was opened (see ByteInput.unchanged). */
  unchanged(): void;
  /** A file's progress (ByteInput.progress): moved as its sheet's compressed bytes are read. */
  progress?: { bytesRead: number };
}

export function fileZip(path: string, unchanged: () => void, progress?: { bytesRead: number }): ZipBytes {
  return {
    unchanged,
    progress,
    size: async () => (await stat(path)).size,
    read: async (position, length) => {
      const handle = await open(path, 'r');
      try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, position);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    // Reads of 256 KiB, so that the inflating is never short of bytes (BENCHMARKS.md).
    stream: (start, end) => createReadStream(path, { start, end: end - 1, highWaterMark: 1 << 18 }),
  };
}

export function memoryZip(bytes: Buffer): ZipBytes {
  return {
    unchanged: () => undefined,
    size: async () => bytes.length,
    read: async (position, length) => bytes.subarray(position, position + length),
    // In pieces of 64 KiB, as a file is read: the inflater then never holds the whole entry.
    stream: (start, end) => Readable.from((function* () {
      for (let at = start; at < end; at += 1 << 16) yield bytes.subarray(at, Math.min(end, at + (1 << 16)));
    })()),
  };
}

/** A 64-bit little-endian number that a double holds exactly (zip64 sizes and offsets). */
const readUInt64 = (buffer: Buffer, at: number): number => Number(buffer.readBigUInt64LE(at));

async function centralDirectory(zip: ZipBytes): Promise<Map<string, ZipEntry>> {
  const size = await zip.size();
  const tail = await zip.read(Math.max(0, size - 65557), Math.min(size, 65557));
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Refused('no zip directory');
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || count === 0xffff || cdSize === 0xffffffff) {
    // Zip64: the locator just before the end record points at the zip64 end record.
    const locator = eocd - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== 0x07064b50) throw new Refused('zip64 without its locator');
    const record = await zip.read(readUInt64(tail, locator + 8), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== 0x06064b50) throw new Refused('bad zip64 directory');
    count = readUInt64(record, 32);
    cdSize = readUInt64(record, 40);
    cdOffset = readUInt64(record, 48);
  }
  const cd = await zip.read(cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let i = 0; i < count && at + 46 <= cd.length; i++) {
    if (cd.readUInt32LE(at) !== 0x02014b50) throw new Refused('bad zip directory');
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    const name = cd.toString('utf8', at + 46, at + 46 + nameLength);
    const entry = {
      flags: cd.readUInt16LE(at + 8),
      method: cd.readUInt16LE(at + 10),
      compressedSize: cd.readUInt32LE(at + 20),
      size: cd.readUInt32LE(at + 24),
      localOffset: cd.readUInt32LE(at + 42),
    };
    // Zip64 extra field (0x0001): the 64-bit values of those set to 0xffffffff, in this order.
    for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; ) {
      const id = cd.readUInt16LE(x);
      const length = cd.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let v = x + 4;
        for (const key of ['size', 'compressedSize', 'localOffset'] as const) {
          if (entry[key] === 0xffffffff && v + 8 <= x + 4 + length) {
            entry[key] = readUInt64(cd, v);
            v += 8;
          }
        }
      }
      x += 4 + length;
    }
    entries.set(name, entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's bytes, inflated. `onRaw`, when given, hears how many compressed bytes each piece read held. */
async function* entryBytes(zip: ZipBytes, entry: ZipEntry, onRaw?: (bytes: number) => void): AsyncIterable<Buffer> {
  const header = await zip.read(entry.localOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) throw new Refused('bad zip entry');
  if (entry.flags & 1) throw new Refused('encrypted');
  const start = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const raw = zip.stream(start, start + entry.compressedSize);
  if (onRaw) raw.on('data', (chunk: Buffer) => onRaw(chunk.length));
  // Inflated in pieces of 256 KiB: the default 16 KiB made inflating a 1 GB sheet take 4 s. Up to
  // 1 MiB is inflated ahead (on libuv's threads) while the rows before are read: with one piece
  // ahead, the reader waited on the inflating for a fifth of its time (BENCHMARKS.md).
  // (A zlib stream takes a stream's options too; @types/node's ZlibOptions leaves highWaterMark out.)
  const inflating: ZlibOptions & { highWaterMark: number } = { chunkSize: 1 << 18, highWaterMark: 1 << 20 };
  const bytes = entry.method === 8 ? raw.pipe(createInflateRaw(inflating)) : entry.method === 0 ? raw : null;
  if (!bytes) throw new Refused(`zip method ${entry.method}`);
  try {
    for await (const chunk of bytes) yield chunk as Buffer;
  } catch (error) {
    // zlib's Z_DATA_ERROR, Z_BUF_ERROR (cut short): the entry's compressed bytes are damaged.
    if (typeof (error as { code?: unknown }).code === 'string' && String((error as { code: string }).code).startsWith('Z_')) throw new Refused('damaged: its compressed data cannot be inflated');
    throw error;
  } finally {
    raw.destroy();
  }
}

/** An entry's text, as UTF-8. */
async function* entryText(zip: ZipBytes, entry: ZipEntry): AsyncIterable<string> {
  // StringDecoder rather than TextDecoder: the same text (U+FFFD for bad bytes), in half the time.
  const decoder = new StringDecoder('utf8');
  for await (const chunk of entryBytes(zip, entry)) yield decoder.write(chunk);
  yield decoder.end();
}

/** A Refused reading as the user's error: what is wrong with the workbook, and what to do. */
function refusedError(file: string, error: unknown, where = 'the workbook'): unknown {
  if (!(error instanceof Refused)) return error;
  if (error.message === 'encrypted') return inputError(`${file}: the workbook is encrypted (password-protected)`, { hint: 'Open it with its password and save a copy without one (or export the sheet as CSV).' });
  return inputError(`${file}: ${where} is ${error.message.startsWith('damaged') ? error.message : `not readable (${error.message})`}`, {
    hint: 'Open it in a spreadsheet program and save it again, or export the data as CSV.',
  });
}

async function wholeText(zip: ZipBytes, entry: ZipEntry | undefined): Promise<string> {
  if (!entry) return '';
  let text = '';
  for await (const piece of entryText(zip, entry)) text += piece;
  return text;
}

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : (NAMED[name ?? ''] ?? ''),
  );
}

/** Whether a cell's text is more than white space (most cells start with a visible ASCII character). */
function hasText(text: string): boolean {
  const first = text.charCodeAt(0);
  return (first > 32 && first < 127) || text.trim() !== '';
}

/** XML's white space: space, tab, CR, LF (a character test, not a regular expression: it runs for every cell). */
function isXmlSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10;
}

/** An attribute's value in a tag's attribute text. */
function attribute(attributes: string, name: string): string | undefined {
  return attributeWithin(attributes, 0, attributes.length, `${name}="`);
}

// A row's cells are read from the inflated bytes in place: the tags and attribute names are
// ASCII, and no byte of a character written in several bytes is below 128, so a byte test
// finds what a character test found in the text. Only the cells a command reads become text.

// The attributes read for every cell, by the letter of their name (see valueStart).
const LETTER_R = 114;
const LETTER_T = 116;
const LETTER_S = 115;

/**
 * Where the value of the one-letter attribute `letter` (as in r="A1") starts in a tag's
 * attribute bytes [from … to), or -1: the same occurrence attributeWithin finds with the needle
 * `${letter}="`. The search stays inside the tag (see attributeWithin).
 */
function valueStart(bytes: Buffer, from: number, to: number, letter: number): number {
  for (let at = from; at + 3 <= to; at++) {
    if (bytes[at] !== letter || bytes[at + 1] !== 61 || bytes[at + 2] !== 34) continue;
    // The name must stand on its own ("r=" is not the end of "attr="), after XML white space.
    if (at > from && !isXmlSpace(bytes[at - 1] as number)) continue;
    return at + 3;
  }
  return -1;
}

/** Where the byte `code` next stands in [from … to), or -1. */
function byteAt(bytes: Buffer, code: number, from: number, to: number): number {
  for (let at = from; at < to; at++) if (bytes[at] === code) return at;
  return -1;
}

/** The column of the cell reference [from … to) ("B12" → 1): its letters, read as a base-26 number. */
function columnAt(bytes: Buffer, from: number, to: number): number {
  let index = 0;
  for (let i = from; i < to; i++) {
    const code = bytes[i] as number;
    if (code < 65 || code > 90) break;
    index = index * 26 + (code - 64);
  }
  return index - 1;
}

/**
 * What the scans of a row's cells found: where a cell's tag's ">" stands, where the values of
 * its r, t and s attributes start (-1: none), whether its inner XML holds "<v" or "<is" (1) or
 * not (0), and where the row's "</row>" stands once met. One array for every cell: the scans
 * of millions of cells make no objects.
 *
 * A row's cells end at its first "</row>". The scans look for it at every "<" they pass, and
 * between them they pass every byte from the row's tag to that "</row>": the row's end is found
 * with its cells, not looked for first. Each scan is given a bound past which a "</row>" is known
 * to stand, so none runs on past the row.
 */
const CELL = new Int32Array(6);
const CLOSE = 0;
const R_VALUE = 1;
const T_VALUE = 2;
const S_VALUE = 3;
const HOLDS = 4;
const ROW_END = 5;

/** Whether "</row>" starts at `at`. */
function isRowEnd(bytes: Buffer, at: number): boolean {
  return bytes[at + 1] === 47 && bytes[at + 2] === 114 && bytes[at + 3] === 111 && bytes[at + 4] === 119 && bytes[at + 5] === 62 && bytes[at] === 60;
}

/** Where the next "<c" stands from `from`, or -1 with CELL[ROW_END] set: the row ended first. */
function cellTag(bytes: Buffer, from: number, to: number): number {
  for (let at = from; at < to; at++) {
    if (bytes[at] !== 60) continue;
    if (bytes[at + 1] === 99) return at;
    if (isRowEnd(bytes, at)) {
      CELL[ROW_END] = at;
      return -1;
    }
  }
  CELL[ROW_END] = to;
  return -1;
}

/**
 * Reads a cell's tag from `from` (just after "<c") to its first ">", into CELL: where that ">"
 * stands, and where the first r=", t=" and s=" standing after XML white space (or first in the
 * tag) put their values, as valueStart finds each. False, with CELL[ROW_END] set, if the row
 * ends first.
 */
function scanCellTag(bytes: Buffer, from: number, to: number): boolean {
  CELL[R_VALUE] = -1;
  CELL[T_VALUE] = -1;
  CELL[S_VALUE] = -1;
  for (let at = from; at < to; at++) {
    const code = bytes[at];
    if (code === 62) {
      CELL[CLOSE] = at;
      return true;
    }
    if (code === 60 && isRowEnd(bytes, at)) {
      CELL[ROW_END] = at;
      return false;
    }
    if (code !== 61 || bytes[at + 1] !== 34 || at - 1 < from) continue;
    const letter = bytes[at - 1];
    const slot = letter === LETTER_R ? R_VALUE : letter === LETTER_T ? T_VALUE : letter === LETTER_S ? S_VALUE : -1;
    if (slot < 0 || (CELL[slot] as number) >= 0) continue;
    // The name must stand on its own ("r=" is not the end of "attr="), after XML white space.
    if (at - 1 > from && !isXmlSpace(bytes[at - 2] as number)) continue;
    CELL[slot] = at + 2;
  }
  CELL[ROW_END] = to;
  return false;
}

/**
 * Where a cell's "</c>" stands, looked for from `from` (just after its tag); CELL[HOLDS] says
 * whether "<v" or "<is" came before it (a cell with a value). -1, with CELL[ROW_END] set, if
 * the row ends first.
 */
function scanCellInner(bytes: Buffer, from: number, to: number): number {
  let holds = 0;
  for (let at = from; at < to; at++) {
    if (bytes[at] !== 60) continue;
    const next = bytes[at + 1];
    if (next === 47) {
      if (bytes[at + 2] === 99 && bytes[at + 3] === 62) {
        CELL[HOLDS] = holds;
        return at;
      }
      if (isRowEnd(bytes, at)) {
        CELL[ROW_END] = at;
        return -1;
      }
    } else if (next === 118 || (next === 105 && bytes[at + 2] === 115)) holds = 1;
  }
  CELL[ROW_END] = to;
  return -1;
}

/** Whether [from … to) is one or more of the digits 0–9. */
function isDigitsAt(bytes: Buffer, from: number, to: number): boolean {
  if (to <= from) return false;
  for (let i = from; i < to; i++) {
    const code = bytes[i] as number;
    if (code < 48 || code > 57) return false;
  }
  return true;
}

/**
 * The number the digits [from … to) write. Past 2^53 it may differ from Number()'s reading in its
 * last places, which no use sees: a row number is compared with 1,048,576, a style looked up.
 */
function digitsValue(bytes: Buffer, from: number, to: number): number {
  let value = 0;
  for (let i = from; i < to; i++) value = value * 10 + ((bytes[i] as number) - 48);
  return value;
}

/** A cell's type attribute as text: the usual ones without decoding. */
function typeText(bytes: Buffer, from: number, to: number): string {
  if (to - from === 1 && (bytes[from] as number) < 128) return String.fromCharCode(bytes[from] as number);
  if (to - from === 3 && bytes[from] === 115 && bytes[from + 1] === 116 && bytes[from + 2] === 114) return 'str';
  return bytes.toString('utf8', from, to);
}

/**
 * Where the value of a cell whose inner XML [from … to) is "<v>…</v>" and nothing else
 * (without a "<" between) starts; -1 for any other inner XML.
 */
function plainValueStart(bytes: Buffer, from: number, to: number): number {
  if (to - from < 7 || bytes[from] !== 60 || bytes[from + 1] !== 118 || bytes[from + 2] !== 62) return -1;
  if (bytes[to - 4] !== 60 || bytes[to - 3] !== 47 || bytes[to - 2] !== 118 || bytes[to - 1] !== 62) return -1;
  return byteAt(bytes, 60, from + 3, to - 4) < 0 ? from + 3 : -1;
}

const EMPTY = Buffer.alloc(0);
const ROW_OPEN = Buffer.from('<row');
const ROW_CLOSE = Buffer.from('</row>');

/**
 * Where the next row's tag ("<row" and then white space, ">" or "/") starts at or after `from`,
 * or -1; "<row" at the very end is not yet one (what follows it is still to come).
 */
function rowTag(bytes: Buffer, from: number): number {
  // Most often the next row starts right where the one before ended.
  let at = bytes[from] === 60 && bytes[from + 1] === 114 && bytes[from + 2] === 111 && bytes[from + 3] === 119 ? from : bytes.indexOf(ROW_OPEN, from);
  for (; at >= 0; at = bytes.indexOf(ROW_OPEN, at + 4)) {
    const after = bytes[at + 4];
    if (after === 32 || after === 62 || after === 47 || after === 9 || after === 10 || after === 13) return at;
  }
  return -1;
}

/** Whether "</row>" is in `piece`, or begins in the last bytes of the piece before it. */
function endsRow(before: Buffer, piece: Buffer): boolean {
  return piece.indexOf(ROW_CLOSE) >= 0 || Buffer.concat([before.subarray(-5), piece.subarray(0, 5)]).indexOf(ROW_CLOSE) >= 0;
}

/**
 * The value after `needle` (name=") in the attribute text text[from … to). The search stays
 * inside the tag: a search of the whole row for a name a cell does not have would read the rest
 * of the row for every cell (a row of 16,000 cells took seconds).
 */
function attributeWithin(text: string, from: number, to: number, needle: string): string | undefined {
  const span = text.slice(from, to);
  let at = span.indexOf(needle);
  // The name must stand on its own ("r=" is not the end of "attr="), after XML white space.
  while (at > 0 && !isXmlSpace(span.charCodeAt(at - 1))) at = span.indexOf(needle, at + 1);
  if (at < 0) return undefined;
  const start = at + needle.length;
  const end = span.indexOf('"', start);
  return end < 0 ? undefined : span.slice(start, end);
}

/** The text of a shared or inline string: its <t> runs, without phonetic (<rPh>) runs. */
function richText(xml: string): string {
  const plain = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let text = '';
  for (const match of plain.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) text += unescapeXml(match[1] ?? '');
  return text;
}

async function sharedStrings(zip: ZipBytes, entry: ZipEntry | undefined, file: string): Promise<string[]> {
  const strings: string[] = [];
  if (!entry) return strings;
  let buffer = '';
  let pending: string[] = [];
  let total = 0;
  for await (const piece of entryText(zip, entry)) {
    total += piece.length;
    if (total > MAX_SHARED_STRINGS_BYTES) {
      throw inputError(`${file}: the workbook's shared strings are larger than ${MAX_SHARED_STRINGS_BYTES / 1024 / 1024} MB; refused`, { hint: 'Export the sheet as CSV.' });
    }
    // A string that spans many pieces waits, unjoined, until its end has come: joining and
    // searching the whole of it at every piece made one long string quadratic (8 MB, 24 s).
    const tail = pending.length > 0 ? (pending[pending.length - 1] ?? '').slice(-5) : '';
    if (pending.length > 0 && !(tail + piece).includes('</si>') && !(tail + piece).includes('/>')) {
      pending.push(piece);
      continue;
    }
    pending.push(piece);
    buffer = pending.join('');
    pending = [];
    let consumed = 0;
    const pattern = /<si\b[^>]*?(?:\/>|>([\s\S]*?)<\/si>)/g;
    let match: RegExpExecArray | null;
    while ((match = pattern.exec(buffer)) !== null) {
      strings.push(richText(match[1] ?? ''));
      consumed = pattern.lastIndex;
    }
    pending = [buffer.slice(consumed)];
  }
  return strings;
}

function resolveTarget(target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const parts = `xl/${target}`.split('/');
  const out: string[] = [];
  for (const part of parts) {
    if (part === '..') out.pop();
    else if (part !== '.') out.push(part);
  }
  return out.join('/');
}

/** The rows of a sheet without a <dimension>, counted by their tags as its XML streams past. */
async function countRows(zip: ZipBytes, entry: ZipEntry): Promise<number> {
  let count = 0;
  let carry: Buffer = EMPTY;
  for await (const piece of entryBytes(zip, entry)) {
    const bytes = carry.length === 0 ? piece : Buffer.concat([carry, piece]);
    for (let at = rowTag(bytes, 0); at >= 0; at = rowTag(bytes, at + 4)) count++;
    // The last four bytes go on: a tag cut between two pieces is counted with the next (one
    // counted here has its fifth byte here, so it does not start in them).
    carry = bytes.subarray(Math.max(0, bytes.length - 4));
  }
  return count;
}

/** The number of rows a sheet's <dimension ref="A1:L5001"/> spans, read from the start of its XML. */
async function dimensionRows(zip: ZipBytes, entry: ZipEntry | undefined): Promise<number | null> {
  if (!entry) return 0;
  let head = '';
  const pieces = entryText(zip, entry)[Symbol.asyncIterator]();
  try {
    while (head.length < 65536 && !head.includes('<sheetData')) {
      const next = await pieces.next();
      if (next.done) break;
      head += next.value;
    }
  } finally {
    await pieces.return?.();
  }
  const ref = /<dimension\b[^>]*\bref="[A-Z]*(\d+)(?::[A-Z]*(\d+))?"/.exec(head);
  return ref ? Number(ref[2] ?? ref[1]) - Number(ref[1]) + 1 : null;
}

/** Whether a zip holds a spreadsheet at all: an XLSX's workbook part or an ODS's content. */
export async function isWorkbookZip(zip: ZipBytes): Promise<boolean> {
  try {
    const entries = await centralDirectory(zip);
    return entries.has('xl/workbook.xml') || entries.has('content.xml');
  } catch {
    return true; // a damaged zip: the reader says what is wrong with it
  }
}

/** Whether a zip is an XLSX the streaming reader should take: one with a workbook part. */
export async function isStreamableXlsx(zip: ZipBytes): Promise<boolean> {
  try {
    const entries = await centralDirectory(zip);
    return entries.has('xl/workbook.xml');
  } catch {
    return false;
  }
}

export async function readXlsxStreaming(zip: ZipBytes, file: string): Promise<Omit<Source, 'progress' | 'size'>> {
  let entries: Map<string, ZipEntry>;
  try {
    entries = await centralDirectory(zip);
  } catch (error) {
    throw inputError(`${file}: not a readable spreadsheet (${error instanceof Error ? error.message : String(error)})`, { hint: 'Open it in a spreadsheet program and save it again, or export the data as CSV.' });
  }
  try {
    return await readSheets(zip, file, entries);
  } catch (error) {
    throw refusedError(file, error);
  }
}

async function readSheets(zip: ZipBytes, file: string, entries: Map<string, ZipEntry>): Promise<Omit<Source, 'progress' | 'size'>> {
  /** What the reading found that the user should know (row numbers out of order, missing shared strings): said once counted. */
  const notes: string[] = [];
  const sheetJs: typeof SheetJsModule = await import('xlsx');
  const workbook = await wholeText(zip, entries.get('xl/workbook.xml'));
  const rels = await wholeText(zip, entries.get('xl/_rels/workbook.xml.rels'));
  const styles = await wholeText(zip, entries.get('xl/styles.xml'));
  const date1904 = /<workbookPr\b[^>]*\bdate1904="(?:1|true)"/.test(workbook);

  // Which style indices are dates, by SheetJS's own format table and test.
  const custom = new Map<number, string>();
  for (const m of styles.matchAll(/<numFmt\b([^>]*)\/?>/g)) {
    const id = attribute(m[1] ?? '', 'numFmtId');
    const code = attribute(m[1] ?? '', 'formatCode');
    if (id !== undefined && code !== undefined) custom.set(Number(id), unescapeXml(code));
  }
  const table = sheetJs.SSF.get_table() as Record<number, string>;
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(styles)?.[1] ?? '';
  const dateStyles = [...cellXfs.matchAll(/<xf\b([^>]*)\/?>/g)].map((m) => {
    const id = Number(attribute(m[1] ?? '', 'numFmtId') ?? 0);
    const format = custom.get(id) ?? table[id];
    return typeof format === 'string' && sheetJs.SSF.is_date(format);
  });

  const targets = new Map<string, string>();
  for (const m of rels.matchAll(/<Relationship\b([^>]*)\/?>/g)) {
    const id = attribute(m[1] ?? '', 'Id');
    const target = attribute(m[1] ?? '', 'Target');
    if (id && target) targets.set(id, resolveTarget(target));
  }
  const sheets = [...workbook.matchAll(/<sheet\b([^>]*)\/?>/g)].map((m) => ({
    name: unescapeXml(attribute(m[1] ?? '', 'name') ?? ''),
    path: targets.get(attribute(m[1] ?? '', 'r:id') ?? '') ?? '',
  }));
  if (sheets.length === 0) throw inputError(`${file}: the workbook has no sheets`);
  const strings = await sharedStrings(zip, entries.get('xl/sharedStrings.xml'), file);

  /** Cells that name a shared string the workbook does not have (per sheet): kept as a visible mark, and said. */
  type Missing = { count: number; examples: string[] };
  /** A cell's text from its type, style and the text of its <v> (undefined: none). */
  const valueText = (type: string | undefined, style: number, value: string | undefined, badStrings: Missing): string => {
    switch (type) {
      case 's': {
        const index = value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : -1;
        const text = strings[index];
        if (index >= 0 && text !== undefined) return text;
        badStrings.count++;
        if (badStrings.examples.length < 3) badStrings.examples.push(JSON.stringify(value ?? ''));
        return `#N/A (shared string ${value ?? ''} missing)`;
      }
      case 'str':
      case 'e':
      case 'd':
        return unescapeXml(value ?? '');
      case 'b':
        return value === undefined ? '' : value === '1' ? 'TRUE' : 'FALSE';
      default: {
        if (value === undefined || value === '') return '';
        const number = Number(value);
        if (dateStyles[style]) {
          const text = excelSerialText(number, date1904);
          if (text !== null) return text;
        }
        return String(number);
      }
    }
  };
  /** A cell's text from its type, style and inner XML. */
  const xmlCellText = (type: string | undefined, style: number, inner: string, badStrings: Missing): string => {
    if (type === 'inlineStr') return richText(/<is>([\s\S]*?)<\/is>/.exec(inner)?.[1] ?? '');
    const v = inner.indexOf('<v>');
    return valueText(type, style, v < 0 ? undefined : inner.slice(v + 3, inner.indexOf('</v>', v)), badStrings);
  };

  // The sizes that choose the sheet: from each <dimension>, else (a sheet written without one) counted.
  const sizes = await Promise.all(
    sheets.map(async (sheet) => {
      const entry = entries.get(sheet.path);
      const rows = await dimensionRows(zip, entry);
      return rows === null && entry ? countRows(zip, entry) : rows;
    }),
  );
  const tables = sheets.map((sheet, index): SourceTable => {
    const entry = entries.get(sheet.path);
    /** Columns the command reads; the others are not decoded (see UNREAD). */
    let wanted: boolean[] | null = null;
    async function* records(): AsyncIterable<RawRow[]> {
      try {
        yield* rows();
      } catch (error) {
        // A file cut short while read looks damaged: say what happened instead.
        zip.unchanged();
        throw refusedError(file, error, `sheet ${JSON.stringify(sheet.name)}`);
      }
    }
    async function* rows(): AsyncIterable<RawRow[]> {
      if (!entry) return;
      let batch: RawRow[] = [];
      let rowNumber = 0;
      /** Rows whose r is not a row number after the one before (repeated, 0, past 1,048,576, not a number). */
      const misnumbered = { count: 0, examples: [] as string[] };
      const badStrings = { count: 0, examples: [] as string[] };
      /** A row's number, from its tag's attribute bytes [attributesStart … attributesEnd). */
      const numberRow = (bytes: Buffer, attributesStart: number, attributesEnd: number): void => {
        const rStart = valueStart(bytes, attributesStart, attributesEnd, LETTER_R);
        const rEnd = rStart < 0 ? -1 : byteAt(bytes, 34, rStart, attributesEnd);
        // A row is read where it stands; its number is its r when that comes after the row before.
        const given = rEnd >= 0 && isDigitsAt(bytes, rStart, rEnd) ? digitsValue(bytes, rStart, rEnd) : NaN;
        if (given > rowNumber && given <= MAX_ROWS) rowNumber = given;
        else {
          rowNumber++;
          if (rEnd >= 0) {
            misnumbered.count++;
            if (misnumbered.examples.length < 3) misnumbered.examples.push(`r="${bytes.toString('utf8', rStart, rEnd)}"`);
          }
        }
      };
      /**
       * A row's cells, read in place in `bytes` from `contentStart` (just after its tag) to its
       * "</row>", which stands before `bound`: where that "</row>" stands.
       */
      const takeCells = (bytes: Buffer, contentStart: number, bound: number): number => {
        const cells: string[] = [];
        let column = -1;
        // Columns past the last one the command reads are not kept: whether they hold a value is
        // all that matters (a cell at XFD on every row made every row 16,384 cells long).
        const last = wanted === null ? Infinity : wanted.lastIndexOf(true);
        let beyond = false;
        // Cells by plain scanning: <c attributes/> or <c attributes>inner</c>.
        let at = cellTag(bytes, contentStart, bound);
        while (at >= 0) {
          const next = bytes[at + 2];
          if (next !== 32 && next !== 62 && next !== 47) {
            at = cellTag(bytes, at + 2, bound);
            continue;
          }
          if (!scanCellTag(bytes, at + 2, bound)) break;
          const close = CELL[CLOSE] as number;
          const selfClosing = bytes[close - 1] === 47;
          const attributesEnd = selfClosing ? close - 1 : close;
          const end = selfClosing ? close : scanCellInner(bytes, close + 1, bound);
          if (end < 0) break;
          const refStart = CELL[R_VALUE] as number;
          const refEnd = refStart < 0 ? -1 : byteAt(bytes, 34, refStart, attributesEnd);
          column = refEnd > refStart ? columnAt(bytes, refStart, refEnd) : column + 1;
          if (column >= MAX_COLUMNS) throw inputError(`${file}: sheet ${JSON.stringify(sheet.name)} has a cell past column XFD; refused`, { hint: 'Export the sheet as CSV.' });
          // A cell without a value (a styled blank) is no cell, as in SheetJS.
          const holds = !selfClosing && CELL[HOLDS] === 1;
          if (holds && column > last) beyond = true;
          else if (holds) {
            while (cells.length < column) cells.push('');
            if (wanted !== null && !wanted[column]) cells[column] = UNREAD;
            else cells[column] = cellAt(bytes, CELL[T_VALUE] as number, CELL[S_VALUE] as number, attributesEnd, close + 1, end);
          }
          at = cellTag(bytes, selfClosing ? close : end + 4, bound);
        }
        if (beyond || cells.some(hasText)) batch.push({ row: rowNumber, cells });
        return CELL[ROW_END] as number;
      };
      /**
       * The text of a cell read: where its t and s values start (-1: none), where its tag's
       * attributes end, and its inner XML [innerStart … innerEnd).
       */
      const cellAt = (bytes: Buffer, typeStart: number, styleStart: number, to: number, innerStart: number, innerEnd: number): string => {
        const typeEnd = typeStart < 0 ? -1 : byteAt(bytes, 34, typeStart, to);
        const type = typeEnd < 0 ? undefined : typeText(bytes, typeStart, typeEnd);
        const styleEnd = styleStart < 0 ? -1 : byteAt(bytes, 34, styleStart, to);
        const style = styleEnd < 0 ? 0 : isDigitsAt(bytes, styleStart, styleEnd) ? digitsValue(bytes, styleStart, styleEnd) : Number(bytes.toString('utf8', styleStart, styleEnd));
        // Most cells are <v>value</v>: only the value becomes text.
        const plain = type === 'inlineStr' ? -1 : plainValueStart(bytes, innerStart, innerEnd);
        if (plain >= 0) return valueText(type, style, bytes.toString('utf8', plain, innerEnd - 4), badStrings);
        return xmlCellText(type, style, bytes.toString('utf8', innerStart, innerEnd), badStrings);
      };
      // Batches are handed on as soon as they fill, whatever the size of the piece just inflated; small ones
      // until the command says which columns it reads, as rows are whole until then (up to XFD each).
      const batchSize = (): number => (wanted === null ? 100 : 1000);
      // Rows are found in the inflated bytes, as their cells are (see valueStart).
      let buffer: Buffer = EMPTY;
      /** Where the current (unfinished) row starts in the buffer. */
      let rowStart = -1;
      /** The pieces of an unfinished row that has not found its end yet (not joined until it has). */
      let waiting: Buffer[] = [];
      let waitingLength = 0;
      // Progress: the share of the sheet's compressed bytes read, as that share of the file (the
      // sheet is most of a large workbook).
      const progress = zip.progress;
      const fileSize = progress ? await zip.size() : 0;
      let consumed = 0;
      const onRaw = progress
        ? (bytes: number): void => {
            consumed += bytes;
            progress.bytesRead = Math.max(progress.bytesRead, Math.round((fileSize * consumed) / Math.max(1, entry.compressedSize)));
          }
        : undefined;
      /** The rows the buffer holds whole, handed on in batches; an unfinished row is kept waiting. */
      function* rowsInBuffer(): Generator<RawRow[]> {
        // Every row that starts before the buffer's last "</row>" ends in the buffer.
        const lastEnd = buffer.lastIndexOf(ROW_CLOSE);
        let pos = 0;
        for (;;) {
          if (rowStart < 0) {
            const at = rowTag(buffer, pos);
            if (at < 0) {
              // No row starts here: what lies between rows (padding, other tags) is dropped,
              // all but a tail that may hold the first letters of "<row".
              buffer = buffer.subarray(Math.max(pos, buffer.length - 4));
              pos = 0;
              break;
            }
            rowStart = at;
          }
          const close = byteAt(buffer, 62, rowStart, buffer.length);
          if (close < 0) break;
          if (buffer[close - 1] === 47) {
            numberRow(buffer, rowStart + 4, close - 1);
            pos = close + 1;
          } else {
            if (lastEnd < close) break;
            numberRow(buffer, rowStart + 4, close);
            pos = takeCells(buffer, close + 1, lastEnd + 6) + 6;
          }
          rowStart = -1;
          if (batch.length >= batchSize()) {
            yield batch;
            batch = [];
          }
        }
        if (rowStart >= 0) {
          // Keep the unfinished row only, as a piece to wait with.
          waiting = [buffer.subarray(rowStart)];
          waitingLength = waiting[0]?.length ?? 0;
          buffer = EMPTY;
          rowStart = 0;
        }
      }
      for await (const piece of entryBytes(zip, entry, onRaw)) {
        if (waiting.length > 0) {
          // Look for the row's end only in what just arrived (and the few bytes before it).
          if (!endsRow(waiting[waiting.length - 1] as Buffer, piece)) {
            waiting.push(piece);
            waitingLength += piece.length;
            if (waitingLength > MAX_ROW_XML) {
              throw inputError(`${file}: sheet ${JSON.stringify(sheet.name)} has a row of more than ${MAX_ROW_XML / 1024 / 1024} MB of XML; refused`, { hint: 'Export the sheet as CSV.' });
            }
            continue;
          }
          waiting.push(piece);
          buffer = Buffer.concat(waiting);
          waiting = [];
          waitingLength = 0;
        } else {
          buffer = buffer.length === 0 ? piece : Buffer.concat([buffer, piece]);
        }
        yield* rowsInBuffer();
      }
      // A row still waiting at the end: its tag may have closed itself (<row r="9"/>), with no "</row>" to come.
      if (waiting.length > 0) {
        buffer = Buffer.concat(waiting);
        waiting = [];
        yield* rowsInBuffer();
      }
      zip.unchanged();
      if (batch.length > 0) yield batch;
      const where = `sheet ${JSON.stringify(sheet.name)}`;
      if (misnumbered.count > 0) {
        notes.push(
          `${where}: ${misnumbered.count} row${misnumbered.count === 1 ? '' : 's'} carry a row number that does not follow the row before (${misnumbered.examples.join(', ')}); each was read where it stands and numbered after the row before it`,
        );
      }
      if (badStrings.count > 0) {
        notes.push(
          `${where}: ${badStrings.count} cell${badStrings.count === 1 ? '' : 's'} name a shared string the workbook does not have (index ${badStrings.examples.join(', ')}); read as "#N/A (shared string … missing)", which is no valid answer`,
        );
      }
    }
    // The size that picks the biggest sheet: the rows its dimension spans (or counted).
    return {
      name: sheet.name,
      size: sizes[index] ?? null,
      records: records(),
      project: (columns) => {
        wanted = columns;
      },
    };
  });
  return { info: { file, format: 'xlsx', notes }, tables };
}
