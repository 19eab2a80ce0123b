// Spreadsheets (XLSX, XLS, ODS) through SheetJS, loaded only when a spreadsheet is read.
// Date cells become ISO text by our own serial-number arithmetic, never through a time zone.

import type * as SheetJsModule from 'xlsx';
import type { CellObject, WorkBook, WorkSheet } from 'xlsx';
import { excelSerialTimeOfDay, excelSerialToDate, formatDate } from '../core/calendar.js';
import { inputError } from '../errors.js';
import { readAll, type ByteInput } from './input.js';
import type { RawRow, Source, SourceInfo, SourceOptions, SourceTable } from './types.js';

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

function pad(n: number): string {
  return String(n).padStart(2, '0');
}

/** An Excel serial shown as ISO text by our own arithmetic (date, or date and time); null when not a date. */
export function excelSerialText(value: number, date1904: boolean): string | null {
  const date = excelSerialToDate(value, date1904);
  if (!date) return null;
  const seconds = excelSerialTimeOfDay(value);
  const time = `${pad(Math.floor(seconds / 3600))}:${pad(Math.floor(seconds / 60) % 60)}:${pad(seconds % 60)}`;
  return seconds === 0 && Number.isInteger(value) ? formatDate(date) : `${formatDate(date)}T${time}`;
}

/** Text of one cell as the mapping sees it. */
function cellText(cell: CellObject | undefined, sheetJs: SheetJs, date1904: boolean): string {
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

export async function readSpreadsheet(input: ByteInput, options: SourceOptions = {}): Promise<Omit<Source, 'progress' | 'size'>> {
  const zip = input.head[0] === 0x50 && input.head[1] === 0x4b;
  const threshold = options.xlsxStreamFromBytes;
  if (zip && input.path !== null && input.size !== null && threshold !== undefined && input.size >= threshold) {
    const { isStreamableXlsx, readXlsxStreaming } = await import('./xlsx-stream.js');
    if (await isStreamableXlsx(input.path)) {
      await input.rest[Symbol.asyncIterator]().return?.();
      return readXlsxStreaming(input.path, input.name);
    }
  }
  const bytes = await readAll(input);
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
        const texts = Array.from(cells, (cell) => cellText(cell, sheetJs, date1904));
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
