// Large XLSX workbooks without holding them: the zip's central directory is read (xlsx-zip.ts),
// and each sheet's XML is inflated and scanned as it streams (xlsx-sheet.ts; a large sheet on a
// thread of its own, xlsx-thread.ts), so memory stays bounded by the shared strings and a batch
// of rows. Here: the workbook's sheets, styles and shared strings. Cells become the same text as
// through SheetJS (spreadsheet.ts), whose number format table still decides which cells are dates.

import type * as SheetJsModule from 'xlsx';
import { inputError } from '../core/errors.js';
import type { RawRow, Source, SourceTable } from './types.js';
import { attribute, EMPTY, richText, rowTag, sheetRows, unescapeXml, type SheetHooks, type SheetRead } from './xlsx-sheet.js';
import { threadedRows } from './xlsx-thread.js';
import { centralDirectory, entryBytes, entryText, refusedError, wholeText, type ZipBytes, type ZipEntry } from './xlsx-zip.js';

export { fileZip, memoryZip, type ZipBytes } from './xlsx-zip.js';

const MAX_SHARED_STRINGS_BYTES = 512 * 1024 * 1024;

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

/**
 * Progress while a sheet is read: the share of its compressed bytes read, as that share of the
 * file (the sheet is most of a large workbook).
 */
async function sheetProgress(zip: ZipBytes, entry: ZipEntry): Promise<((bytes: number) => void) | undefined> {
  const progress = zip.progress;
  if (!progress) return undefined;
  const fileSize = await zip.size();
  let consumed = 0;
  return (bytes) => {
    consumed += bytes;
    progress.bytesRead = Math.max(progress.bytesRead, Math.round((fileSize * consumed) / Math.max(1, entry.compressedSize)));
  };
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

/**
 * A workbook's sheets, streamed. A sheet of `threadFrom` bytes of XML or more, in a file, is read
 * on a thread of its own (xlsx-thread.ts; undefined: never).
 */
export async function readXlsxStreaming(zip: ZipBytes, file: string, threadFrom?: number): Promise<Omit<Source, 'progress' | 'size'>> {
  let entries: Map<string, ZipEntry>;
  try {
    entries = await centralDirectory(zip);
  } catch (error) {
    throw inputError(`${file}: not a readable spreadsheet (${error instanceof Error ? error.message : String(error)})`, { hint: 'Open it in a spreadsheet program and save it again, or export the data as CSV.' });
  }
  try {
    return await readSheets(zip, file, entries, threadFrom);
  } catch (error) {
    throw refusedError(file, error);
  }
}

async function readSheets(zip: ZipBytes, file: string, entries: Map<string, ZipEntry>, threadFrom: number | undefined): Promise<Omit<Source, 'progress' | 'size'>> {
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
    /** Columns the command reads (null: every one); undefined until it says (project). The others are not decoded (see UNREAD). */
    let wanted: boolean[] | null | undefined;
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
      const read: SheetRead = { file, sheet: sheet.name, strings, dateStyles, date1904 };
      const hooks: SheetHooks = { wanted: () => wanted ?? null, finished: () => zip.unchanged() };
      const noted = (found: string[]): number => notes.push(...found);
      const onRaw = await sheetProgress(zip, entry);
      if (zip.path !== undefined && threadFrom !== undefined && entry.size >= threadFrom) {
        yield* threadedRows({ path: zip.path, entry, read }, hooks, () => wanted !== undefined, noted, onRaw);
      } else yield* sheetRows(entryBytes(zip, entry, onRaw), read, hooks, noted);
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
