// Spreadsheets (XLSX, XLS, ODS) through SheetJS, loaded only when a spreadsheet is read.
// Date cells become ISO text by our own serial-number arithmetic, never through a time zone.

import type * as SheetJsModule from 'xlsx';
import type { CellObject, WorkBook, WorkSheet } from 'xlsx';
import { excelSerialTimeOfDay, excelSerialToDate, excelWholeDays, formatDate } from '../core/calendar.js';
import { inputError } from '../core/errors.js';
import { readAll, type ByteInput } from './input.js';
import type { RawRow, Source, SourceInfo, SourceOptions, SourceTable } from './types.js';
import { zipArchiveError } from './compressed.js';

type SheetJs = typeof SheetJsModule;

/**
 * The sheet object for a name from SheetNames. SheetJS stores a sheet named "__proto__" by
 * assignment, which makes it the prototype of workbook.Sheets (Object.prototype itself is
 * untouched); find it there rather than through a lookup that could reach Object.prototype.
 */
function sheetByName(workbook: WorkBook, name: string): WorkSheet | undefined {
  if (Object.hasOwn(workbook.Sheets, name)) return workbook.Sheets[name];
  if (name === '__proto__') {
    const proto: unknown = Object.getPrototypeOf(workbook.Sheets);
    if (proto !== null && proto !== Object.prototype) return proto as WorkSheet;
  }
  return undefined;
}

/** 00 … 99: hours, minutes and seconds as two digits. */
const TWO_DIGITS = Array.from({ length: 100 }, (_, n) => String(n).padStart(2, '0'));

/**
 * The date text of each whole day met (or null: not a date), keyed by the day's serial (1904's
 * negated; a negative serial is no date, and never looked up): excelSerialToDate reads nothing
 * of a serial but its whole days (excelWholeDays). A sheet's dates fall on few days, and each
 * was worked out anew for every cell (BENCHMARKS.md, issue 17, thirteenth session). Let go
 * once it holds DAY_TEXTS_KEPT days, so that no sheet makes it grow without end.
 */
const dayTexts = new Map<number, string | null>();
const DAY_TEXTS_KEPT = 100_000;

/** An Excel serial shown as ISO text by our own arithmetic (date, or date and time); null when not a date. */
export function excelSerialText(value: number, date1904: boolean): string | null {
  if (!Number.isFinite(value) || value < 0) return null;
  const wholeDay = excelWholeDays(value);
  const key = date1904 ? -1 - wholeDay : wholeDay;
  let day = dayTexts.get(key);
  if (day === undefined) {
    const date = excelSerialToDate(value, date1904);
    day = date ? formatDate(date) : null;
    if (dayTexts.size >= DAY_TEXTS_KEPT) dayTexts.clear();
    dayTexts.set(key, day);
  }
  if (day === null) return null;
  const seconds = excelSerialTimeOfDay(value);
  if (seconds === 0 && Number.isInteger(value)) return day;
  return `${day}T${TWO_DIGITS[Math.floor(seconds / 3600)] as string}:${TWO_DIGITS[Math.floor(seconds / 60) % 60] as string}:${TWO_DIGITS[seconds % 60] as string}`;
}

/** Text of one cell as the mapping sees it. */
function sheetJsCellText(cell: CellObject | undefined, sheetJs: SheetJs, date1904: boolean): string {
  if (!cell) return '';
  switch (cell.t) {
    case 's':
      return String(cell.v ?? '');
    case 'n': {
      const value = Number(cell.v);
      if (typeof cell.z === 'string' && sheetJs.SSF.is_date(cell.z)) {
        const text = excelSerialText(value, date1904);
        if (text !== null) return text;
      }
      return String(value);
    }
    case 'b':
      return cell.v ? 'TRUE' : 'FALSE';
    case 'e':
      return cell.w ?? '#ERROR';
    case 'd':
      return cell.v instanceof Date ? cell.v.toISOString() : String(cell.v ?? '');
    default:
      return '';
  }
}

function formatOf(workbook: WorkBook, head: Buffer): SourceInfo['format'] {
  const type = (workbook as { bookType?: string }).bookType;
  if (type === 'ods' || type === 'fods') return 'ods';
  if (type === 'xls' || type === 'biff8' || type === 'biff5' || type === 'biff2') return 'xls';
  return head[0] === 0xd0 ? 'xls' : 'xlsx';
}

/** A workbook on standard input is held in memory up to this size (the file itself, still compressed). */
const MAX_PIPED_WORKBOOK = 256 * 1024 * 1024;

const startsWith = (head: Buffer, bytes: readonly number[]): boolean => bytes.every((byte, i) => head[i] === byte);
const ZIP = [0x50, 0x4b, 0x03, 0x04];
const OLE2 = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];

/** Flat ODS/XML spreadsheets and SpreadsheetML are XML text: `<?xml` or `<` after a BOM and white space. */
function looksLikeXml(head: Buffer): boolean {
  const text = head.subarray(0, 512).toString('utf8').replace(/^\ufeff/, '').trimStart();
  return text.startsWith('<');
}

export async function readSpreadsheet(input: ByteInput, options: SourceOptions = {}): Promise<Omit<Source, 'progress' | 'size'>> {
  const zip = startsWith(input.head, ZIP);
  const ole2 = startsWith(input.head, OLE2);
  if (!zip && !ole2 && !looksLikeXml(input.head)) {
    throw inputError(`${input.name}: not a workbook: its name says spreadsheet, but its bytes are neither a zip (XLSX, ODS), an OLE2 file (XLS) nor XML`, {
      hint: 'Open it in the program that made it and save it again as XLSX or CSV; if it is a CSV with a spreadsheet name, rename it to .csv.',
    });
  }
  if (ole2 && (await isEncryptedOffice(input))) {
    throw inputError(`${input.name}: the workbook is encrypted (password-protected)`, {
      hint: 'Open it with its password and save a copy without one (or export the sheet as CSV).',
    });
  }
  // Every XLSX is streamed (bounded memory, whatever it inflates to); SheetJS reads XLS and ODS.
  const threshold = options.xlsxStreamFromBytes;
  if (zip && threshold !== undefined && (input.size === null || input.size >= threshold)) {
    const { fileZip, isStreamableXlsx, isWorkbookZip, memoryZip, readXlsxStreaming } = await import('./xlsx-stream.js');
    const bytes = input.path !== null ? fileZip(input.path, input.unchanged, input.progress) : memoryZip(await readAll(input, MAX_PIPED_WORKBOOK));
    if (!(await isWorkbookZip(bytes))) throw zipArchiveError(input);
    if (await isStreamableXlsx(bytes)) {
      if (input.path !== null) await input.rest[Symbol.asyncIterator]().return?.();
      return readXlsxStreaming(bytes, input.name, options.xlsxThreadFromBytes);
    }
    if (input.path === null) return readWithSheetJs(input, await bytesOf(bytes));
  }
  return readWithSheetJs(input, await readAll(input, input.path === null ? MAX_PIPED_WORKBOOK : Infinity));
}

async function bytesOf(zip: { size(): Promise<number>; read(position: number, length: number): Promise<Buffer> }): Promise<Buffer> {
  return zip.read(0, await zip.size());
}

/**
 * Whether an OLE2 file is an encrypted Office document: its directory names the streams
 * EncryptionInfo and EncryptedPackage (ECMA-376 encryption puts an encrypted XLSX there). The
 * directory is found from the header and followed through the file allocation table.
 */
async function isEncryptedOffice(input: ByteInput): Promise<boolean> {
  const read = input.path !== null ? await fileReader(input.path) : null;
  const bytesAt = async (position: number, length: number): Promise<Buffer> => (read ? read(position, length) : input.head.subarray(position, position + length));
  const header = await bytesAt(0, 512);
  if (header.length < 512) return false;
  const sectorSize = 1 << header.readUInt16LE(0x1e);
  const sector = (n: number): Promise<Buffer> => bytesAt((n + 1) * sectorSize, sectorSize);
  // The first 109 FAT sectors are listed in the header (enough for files of several hundred MB).
  const fatSectors = Array.from({ length: 109 }, (_, i) => header.readUInt32LE(0x4c + 4 * i)).filter((n) => n < 0xfffffffa);
  const perSector = sectorSize / 4;
  const next = async (n: number): Promise<number> => {
    const fat = fatSectors[Math.floor(n / perSector)];
    if (fat === undefined) return 0xfffffffe;
    const table = await sector(fat);
    return table.length >= ((n % perSector) + 1) * 4 ? table.readUInt32LE((n % perSector) * 4) : 0xfffffffe;
  };
  const names = new Set<string>();
  let at = header.readUInt32LE(0x30);
  for (let hops = 0; at < 0xfffffffa && hops < 1000; hops++) {
    const directory = await sector(at);
    for (let entry = 0; entry + 128 <= directory.length; entry += 128) {
      const length = directory.readUInt16LE(entry + 64);
      if (length >= 2 && length <= 64) names.add(directory.toString('utf16le', entry, entry + length - 2));
    }
    at = await next(at);
  }
  if (read) await read.close();
  return names.has('EncryptionInfo') && names.has('EncryptedPackage');
}

/** Reads at positions of a file, and closes it. */
async function fileReader(path: string): Promise<((position: number, length: number) => Promise<Buffer>) & { close(): Promise<void> }> {
  const { open } = await import('node:fs/promises');
  const handle = await open(path, 'r');
  const read = async (position: number, length: number): Promise<Buffer> => {
    const buffer = Buffer.alloc(length);
    const { bytesRead } = await handle.read(buffer, 0, length, position);
    return buffer.subarray(0, bytesRead);
  };
  return Object.assign(read, { close: () => handle.close() });
}

async function readWithSheetJs(input: ByteInput, bytes: Buffer): Promise<Omit<Source, 'progress' | 'size'>> {
  const sheetJs: SheetJs = await import('xlsx');
  let workbook: WorkBook;
  try {
    workbook = sheetJs.read(bytes, { type: 'buffer', dense: true, cellNF: true, cellDates: false, cellHTML: false, cellFormula: false, cellStyles: false });
  } catch (error) {
    throw inputError(
      `${input.name}: not a readable spreadsheet (${error instanceof Error ? error.message : String(error)}); the file may be truncated or corrupt`,
      { hint: 'Open it in a spreadsheet program and save it again, or export the data as CSV.', cause: error },
    );
  }
  if (workbook.SheetNames.length === 0) throw inputError(`${input.name}: the workbook has no sheets`);
  const date1904 = Boolean(workbook.Workbook?.WBProps?.date1904);
  const tables = workbook.SheetNames.map((name): SourceTable => {
    const data = (sheetByName(workbook, name)?.['!data'] ?? []) as (CellObject[] | undefined)[];
    async function* records(): AsyncIterable<RawRow[]> {
      let batch: RawRow[] = [];
      for (let index = 0; index < data.length; index++) {
        const cells = data[index];
        if (!cells) continue;
        const texts = Array.from(cells, (cell) => sheetJsCellText(cell, sheetJs, date1904));
        if (texts.some((text) => text.trim() !== '')) batch.push({ row: index + 1, cells: texts });
        if (batch.length >= 1000) {
          yield batch;
          batch = [];
        }
      }
      if (batch.length > 0) yield batch;
    }
    return { name, size: data.filter((cells) => cells?.some((cell) => cell !== undefined && cell !== null)).length, records: records() };
  });
  return { info: { file: input.name, format: formatOf(workbook, input.head) }, tables };
}
