// A sheet's rows, found in its inflated XML bytes as they stream: the cells a command reads
// become the same text as through SheetJS (spreadsheet.ts), whose number format table decides
// (in xlsx-stream.ts) which styles are dates. Read on the main thread, or on a thread of its own
// for a large sheet (xlsx-thread.ts).

import { inputError } from '../core/errors.js';
import { excelSerialText } from './spreadsheet.js';
import type { RawRow } from './types.js';

/** Limits that keep a hostile workbook from taking the machine. */
const MAX_ROW_XML = 64 * 1024 * 1024;
/** The last row a sheet can have (Excel's limit); a larger row number is not one. */
const MAX_ROWS = 1048576;
const MAX_COLUMNS = 16384;

/**
 * What a cell with a value in a column nobody reads holds: not blank, so the row stays a row
 * (a row with an empty score and a filled comment is a row with a missing score).
 */
export const UNREAD = '\u0001';

const ENTITY = /&(?:#x([0-9a-fA-F]+)|#(\d+)|(amp|lt|gt|quot|apos));/g;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };
export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(ENTITY, (_, hex: string | undefined, dec: string | undefined, name: string | undefined) =>
    hex ? String.fromCodePoint(parseInt(hex, 16)) : dec ? String.fromCodePoint(Number(dec)) : (NAMED[name ?? ''] ?? ''),
  );
}

/** Whether a cell's text is more than white space (most cells start with a visible ASCII character). */
export function hasText(text: string): boolean {
  const first = text.charCodeAt(0);
  return (first > 32 && first < 127) || text.trim() !== '';
}

/** XML's white space: space, tab, CR, LF (a character test, not a regular expression: it runs for every cell). */
function isXmlSpace(code: number): boolean {
  return code === 32 || code === 9 || code === 13 || code === 10;
}

/** An attribute's value in a tag's attribute text. */
export function attribute(attributes: string, name: string): string | undefined {
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

// How a cell's text is made, by its t attribute (cellText's cases): each kind stands for the
// types it treats alike.
const NUMBER = 0;
const SHARED = 1;
const STRING = 2;
const BOOLEAN = 3;
const INLINE = 4;

/** Whether the bytes [from … to) are the ASCII text `name`. */
function bytesAre(bytes: Buffer, from: number, to: number, name: string): boolean {
  if (to - from !== name.length) return false;
  for (let i = 0; i < name.length; i++) if (bytes[from + i] !== name.charCodeAt(i)) return false;
  return true;
}

/** The kind of a cell's type attribute [from … to): t="str", "e" and "d" are read alike, and any type not named is read as a number. */
function typeKind(bytes: Buffer, from: number, to: number): number {
  if (to - from === 1) {
    const letter = bytes[from];
    return letter === 115 ? SHARED : letter === 101 || letter === 100 ? STRING : letter === 98 ? BOOLEAN : NUMBER;
  }
  return bytesAre(bytes, from, to, 'str') ? STRING : bytesAre(bytes, from, to, 'inlineStr') ? INLINE : NUMBER;
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

export const EMPTY = Buffer.alloc(0);
const ROW_OPEN = Buffer.from('<row');
const ROW_CLOSE = Buffer.from('</row>');

/**
 * Where the next row's tag ("<row" and then white space, ">" or "/") starts at or after `from`,
 * or -1; "<row" at the very end is not yet one (what follows it is still to come).
 */
export function rowTag(bytes: Buffer, from: number): number {
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
export function richText(xml: string): string {
  const plain = xml.replace(/<rPh\b[\s\S]*?<\/rPh>/g, '');
  let text = '';
  for (const match of plain.matchAll(/<t\b[^>]*?(?:\/>|>([\s\S]*?)<\/t>)/g)) text += unescapeXml(match[1] ?? '');
  return text;
}

/** What reading a sheet's cells takes from the rest of the workbook. */
export interface SheetRead {
  /** The file and the sheet, as messages name them. */
  file: string;
  sheet: string;
  /** The shared strings, by index. */
  strings: string[];
  /** Which style indices are dates (by SheetJS's format table). */
  dateStyles: boolean[];
  date1904: boolean;
}

/** What the reading of a sheet asks and tells besides its rows. */
export interface SheetHooks {
  /** The columns the command reads from here on (null: every column); asked as the reading goes. */
  wanted(): boolean[] | null;
  /** Every byte of the sheet is read; its last batch is still to come. */
  finished(): void;
}

/** Cells that name a shared string the workbook does not have: kept as a visible mark, and said. */
interface Missing {
  count: number;
  examples: string[];
}

/** A cell's text from its kind, style and either the text of its <v> (`plain`) or its inner XML. */
function cellText(read: SheetRead, kind: number, style: number, plain: boolean, text: string, missing: Missing): string {
  if (plain) return valueText(read, kind, style, text, missing);
  if (kind === INLINE) return richText(/<is>([\s\S]*?)<\/is>/.exec(text)?.[1] ?? '');
  const v = text.indexOf('<v>');
  return valueText(read, kind, style, v < 0 ? undefined : text.slice(v + 3, text.indexOf('</v>', v)), missing);
}

/** A cell's text from its kind, style and the text of its <v> (undefined: none). */
function valueText(read: SheetRead, kind: number, style: number, value: string | undefined, missing: Missing): string {
  switch (kind) {
    case SHARED: {
      const index = value !== undefined && /^\s*\d+\s*$/.test(value) ? Number(value) : -1;
      const text = read.strings[index];
      if (index >= 0 && text !== undefined) return text;
      missing.count++;
      if (missing.examples.length < 3) missing.examples.push(JSON.stringify(value ?? ''));
      return `#N/A (shared string ${value ?? ''} missing)`;
    }
    case STRING:
      return unescapeXml(value ?? '');
    case BOOLEAN:
      return value === undefined ? '' : value === '1' ? 'TRUE' : 'FALSE';
    default: {
      if (value === undefined || value === '') return '';
      const number = Number(value);
      if (read.dateStyles[style]) {
        const text = excelSerialText(number, read.date1904);
        if (text !== null) return text;
      }
      return String(number);
    }
  }
}

// What a cell of a CellBatch holds: a value in a column not read (UNREAD), the bytes of its
// <v> and nothing else, or its inner XML.
const NOT_READ = 1;
const PLAIN = 2;
const INNER = 3;

/**
 * A batch of rows as found in a sheet's XML, before their cells become text (SheetTexts): each
 * row's number and its cells with a value, in the order the XML has them (a later cell in the
 * same column takes its place, as in SheetJS), each with its column, form, kind, style and bytes
 * [starts … ends) in `bytes`. Typed arrays: a batch crosses between threads without a copy
 * (xlsx-thread.ts).
 */
export interface CellBatch {
  rows: Int32Array;
  /** Cells per row. */
  counts: Int32Array;
  /** 1: the row is read; 0: it holds no text, and is here only for its cells' notes (a shared string missing, then overwritten). */
  kept: Uint8Array;
  columns: Int32Array;
  forms: Uint8Array;
  kinds: Uint8Array;
  styles: Float64Array;
  starts: Int32Array;
  ends: Int32Array;
  bytes: Uint8Array;
  /** Whether every byte of `bytes` is ASCII (then a byte offset is a character's). */
  ascii: boolean;
}

/** The buffers a batch is made of, to move to another thread. */
export function batchBuffers(batch: CellBatch): ArrayBuffer[] {
  return [batch.rows, batch.counts, batch.kept, batch.columns, batch.forms, batch.kinds, batch.styles, batch.starts, batch.ends, batch.bytes].map((array) => array.buffer as ArrayBuffer);
}

const grown = <T extends Int32Array | Uint8Array | Float64Array>(array: T, needed: number): T => {
  if (needed <= array.length) return array;
  const larger = new (array.constructor as new (length: number) => T)(Math.max(needed, array.length * 2));
  larger.set(array);
  return larger;
};

/** Which column a row's cell found last stands in: stamped per row (see CellBatchBuilder.holdsText). */
const seenInRow = new Int32Array(MAX_COLUMNS);
let rowStamp = 0;

/** A CellBatch as the scan fills it, a row at a time. */
class CellBatchBuilder {
  /** Rows kept (a batch's size), and rows in all (with those dropped that have cells). */
  keptCount = 0;
  private rowCount = 0;
  private cellCount = 0;
  private byteCount = 0;
  private ascii = true;
  private rows = new Int32Array(256);
  private counts = new Int32Array(256);
  private kept = new Uint8Array(256);
  private columns = new Int32Array(1024);
  private forms = new Uint8Array(1024);
  private kinds = new Uint8Array(1024);
  private styles = new Float64Array(1024);
  private starts = new Int32Array(1024);
  private ends = new Int32Array(1024);
  private bytes = new Uint8Array(1 << 14);
  /** The row being filled: its first cell. */
  private first = 0;

  startRow(): void {
    this.first = this.cellCount;
  }

  /** The next cell of the row, in `column`: its index. */
  private cell(column: number, form: number): number {
    const at = this.cellCount++;
    if (at >= this.forms.length) {
      this.columns = grown(this.columns, at + 1);
      this.forms = grown(this.forms, at + 1);
      this.kinds = grown(this.kinds, at + 1);
      this.styles = grown(this.styles, at + 1);
      this.starts = grown(this.starts, at + 1);
      this.ends = grown(this.ends, at + 1);
    }
    this.columns[at] = column;
    this.forms[at] = form;
    return at;
  }

  notRead(column: number): void {
    this.cell(column, NOT_READ);
  }

  /** A cell read: its kind, style, and its bytes [from … to) of `source` (its <v>'s text when `plain`, else its inner XML). */
  read(column: number, kind: number, style: number, plain: boolean, source: Buffer, from: number, to: number): void {
    const at = this.cell(column, plain ? PLAIN : INNER);
    this.kinds[at] = kind;
    this.styles[at] = style;
    this.bytes = grown(this.bytes, this.byteCount + (to - from));
    const bytes = this.bytes;
    let end = this.byteCount;
    this.starts[at] = end;
    // Most values are a few bytes: copied by hand, without a call into Node per cell.
    let high = 0;
    for (let i = from; i < to; i++) {
      const byte = source[i] as number;
      high |= byte;
      bytes[end++] = byte;
    }
    if (high > 127) this.ascii = false;
    this.ends[at] = end;
    this.byteCount = end;
  }

  /**
   * Whether the row's cells, as SheetTexts makes them, hold one whose text is more than white
   * space: the last cell found in each column (from -1 on: no cell), its text worked out only
   * where its bytes do not tell.
   */
  holdsText(read: SheetRead): boolean {
    rowStamp = rowStamp === 0x7fffffff ? 1 : rowStamp + 1;
    if (rowStamp === 1) seenInRow.fill(0);
    for (let at = this.cellCount - 1; at >= this.first; at--) {
      const column = this.columns[at] as number;
      if (column < 0 || seenInRow[column] === rowStamp) continue;
      seenInRow[column] = rowStamp;
      const form = this.forms[at];
      if (form === NOT_READ) return true;
      const kind = this.kinds[at];
      const start = this.starts[at] as number;
      const end = this.ends[at] as number;
      // A <v> of a number, date or boolean reads as digits, a date, TRUE or FALSE once it holds anything.
      if (form === PLAIN && (kind === BOOLEAN || (kind === NUMBER && end > start))) return true;
      const text = Buffer.from(this.bytes.buffer, this.bytes.byteOffset + start, end - start).toString('utf8');
      if (hasText(cellText(read, kind as number, this.styles[at] as number, form === PLAIN, text, { count: 0, examples: [] }))) return true;
    }
    return false;
  }

  keepRow(row: number): void {
    this.endRow(row, true);
  }

  /** A row without text: gone, but for its cells, whose text is still made (SheetTexts counts what they miss). */
  dropRow(row: number): void {
    if (this.cellCount > this.first) this.endRow(row, false);
  }

  private endRow(row: number, kept: boolean): void {
    this.rows = grown(this.rows, this.rowCount + 1);
    this.counts = grown(this.counts, this.rowCount + 1);
    this.kept = grown(this.kept, this.rowCount + 1);
    this.rows[this.rowCount] = row;
    this.counts[this.rowCount] = this.cellCount - this.first;
    this.kept[this.rowCount] = kept ? 1 : 0;
    this.rowCount++;
    if (kept) this.keptCount++;
  }

  hasRows(): boolean {
    return this.rowCount > 0;
  }

  /** The rows kept so far, as a batch of their own; the builder starts again empty. */
  take(): CellBatch {
    const cells = this.cellCount;
    const batch: CellBatch = {
      rows: this.rows.slice(0, this.rowCount),
      counts: this.counts.slice(0, this.rowCount),
      kept: this.kept.slice(0, this.rowCount),
      columns: this.columns.slice(0, cells),
      forms: this.forms.slice(0, cells),
      kinds: this.kinds.slice(0, cells),
      styles: this.styles.slice(0, cells),
      starts: this.starts.slice(0, cells),
      ends: this.ends.slice(0, cells),
      bytes: this.bytes.slice(0, this.byteCount),
      ascii: this.ascii,
    };
    this.rowCount = 0;
    this.keptCount = 0;
    this.cellCount = 0;
    this.byteCount = 0;
    this.ascii = true;
    this.first = 0;
    return batch;
  }
}

/** A sheet's cells made text, batch by batch; the shared strings found missing are counted for its notes. */
export class SheetTexts {
  private readonly missing: Missing = { count: 0, examples: [] };

  constructor(private readonly read: SheetRead) {}

  rows(batch: CellBatch): RawRow[] {
    const { rows, counts, kept, columns, forms, kinds, styles, starts, ends } = batch;
    const bytes = Buffer.from(batch.bytes.buffer, batch.bytes.byteOffset, batch.bytes.byteLength);
    // ASCII bytes read as Latin-1 are the same text as read as UTF-8: one decoding for the batch, then slices.
    const whole = batch.ascii ? bytes.toString('latin1') : null;
    const out: RawRow[] = [];
    let at = 0;
    for (let i = 0; i < rows.length; i++) {
      const cells: string[] = [];
      for (let end = at + (counts[i] as number); at < end; at++) {
        const column = columns[at] as number;
        const form = forms[at];
        let text = UNREAD;
        if (form !== NOT_READ) {
          const inner = whole === null ? bytes.toString('utf8', starts[at], ends[at]) : whole.slice(starts[at], ends[at]);
          text = cellText(this.read, kinds[at] as number, styles[at] as number, form === PLAIN, inner, this.missing);
        }
        // Cells between stand blank; a later cell in a column takes its place (column -1 is no cell).
        while (cells.length < column) cells.push('');
        cells[column] = text;
      }
      if (kept[i] === 1) out.push({ row: rows[i] as number, cells });
    }
    return out;
  }

  /** What the user should know once every row is read: rows misnumbered (`misnumbered`, from sheetCells), shared strings missing. */
  notes(misnumbered: string[]): string[] {
    const { count, examples } = this.missing;
    if (count === 0) return misnumbered;
    return [
      ...misnumbered,
      `sheet ${JSON.stringify(this.read.sheet)}: ${count} cell${count === 1 ? '' : 's'} name a shared string the workbook does not have (index ${examples.join(', ')}); read as "#N/A (shared string … missing)", which is no valid answer`,
    ];
  }
}

/**
 * The rows of a sheet whose XML comes in `pieces`, in batches (sheetCells), made text: what
 * the main thread reads when the sheet is read there. `notes` is told what the user should know.
 */
export async function* sheetRows(pieces: AsyncIterable<Buffer>, read: SheetRead, hooks: SheetHooks, notes: (found: string[]) => void): AsyncGenerator<RawRow[]> {
  const texts = new SheetTexts(read);
  let misnumbered: string[] = [];
  for await (const batch of sheetCells(pieces, read, hooks, (found) => (misnumbered = found))) {
    // The last batch may hold only rows without text (for their notes): nothing to hand on.
    const rows = texts.rows(batch);
    if (rows.length > 0) yield rows;
  }
  notes(texts.notes(misnumbered));
}

/**
 * The rows of a sheet whose XML comes in `pieces`, in batches of cells not yet made text
 * (SheetTexts makes them text): small batches (100 rows) while the command has not said which
 * columns it reads (the rows are whole until then), then 1,000. `misnumberedNote` is told, once
 * every row is read, the note on rows numbered out of order (or none).
 */
export async function* sheetCells(pieces: AsyncIterable<Buffer>, read: SheetRead, hooks: SheetHooks, misnumberedNote: (found: string[]) => void): AsyncGenerator<CellBatch> {
  const batch = new CellBatchBuilder();
  let rowNumber = 0;
  /** Rows whose r is not a row number after the one before (repeated, 0, past 1,048,576, not a number). */
  const misnumbered = { count: 0, examples: [] as string[] };
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
    batch.startRow();
    let column = -1;
    // Columns past the last one the command reads are not kept: whether they hold a value is
    // all that matters (a cell at XFD on every row made every row 16,384 cells long).
    const wanted = hooks.wanted();
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
      if (column >= MAX_COLUMNS) throw inputError(`${read.file}: sheet ${JSON.stringify(read.sheet)} has a cell past column XFD; refused`, { hint: 'Export the sheet as CSV.' });
      // A cell without a value (a styled blank) is no cell, as in SheetJS.
      const holds = !selfClosing && CELL[HOLDS] === 1;
      if (holds && column > last) beyond = true;
      else if (holds) {
        if (wanted !== null && !wanted[column]) batch.notRead(column);
        else readCell(bytes, column, CELL[T_VALUE] as number, CELL[S_VALUE] as number, attributesEnd, close + 1, end);
      }
      at = cellTag(bytes, selfClosing ? close : end + 4, bound);
    }
    if (beyond || batch.holdsText(read)) batch.keepRow(rowNumber);
    else batch.dropRow(rowNumber);
    return CELL[ROW_END] as number;
  };
  /**
   * A cell read: where its t and s values start (-1: none), where its tag's attributes end,
   * and its inner XML [innerStart … innerEnd).
   */
  const readCell = (bytes: Buffer, column: number, typeStart: number, styleStart: number, to: number, innerStart: number, innerEnd: number): void => {
    const typeEnd = typeStart < 0 ? -1 : byteAt(bytes, 34, typeStart, to);
    const kind = typeEnd < 0 ? NUMBER : typeKind(bytes, typeStart, typeEnd);
    const styleEnd = styleStart < 0 ? -1 : byteAt(bytes, 34, styleStart, to);
    const style = styleEnd < 0 ? 0 : isDigitsAt(bytes, styleStart, styleEnd) ? digitsValue(bytes, styleStart, styleEnd) : Number(bytes.toString('utf8', styleStart, styleEnd));
    // Most cells are <v>value</v>: only the value is kept.
    const plain = kind === INLINE ? -1 : plainValueStart(bytes, innerStart, innerEnd);
    if (plain >= 0) batch.read(column, kind, style, true, bytes, plain, innerEnd - 4);
    else batch.read(column, kind, style, false, bytes, innerStart, innerEnd);
  };
  // Batches are handed on as soon as they fill, whatever the size of the piece just inflated; small ones
  // until the command says which columns it reads, as rows are whole until then (up to XFD each).
  const batchSize = (): number => (hooks.wanted() === null ? 100 : 1000);
  // Rows are found in the inflated bytes, as their cells are (see valueStart).
  let buffer: Buffer = EMPTY;
  /** Where the current (unfinished) row starts in the buffer. */
  let rowStart = -1;
  /** The pieces of an unfinished row that has not found its end yet (not joined until it has). */
  let waiting: Buffer[] = [];
  let waitingLength = 0;
  /** The rows the buffer holds whole, handed on in batches; an unfinished row is kept waiting. */
  function* rowsInBuffer(): Generator<CellBatch> {
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
      if (batch.keptCount >= batchSize()) yield batch.take();
    }
    if (rowStart >= 0) {
      // Keep the unfinished row only, as a piece to wait with.
      waiting = [buffer.subarray(rowStart)];
      waitingLength = waiting[0]?.length ?? 0;
      buffer = EMPTY;
      rowStart = 0;
    }
  }
  for await (const piece of pieces) {
    if (waiting.length > 0) {
      // Look for the row's end only in what just arrived (and the few bytes before it).
      if (!endsRow(waiting[waiting.length - 1] as Buffer, piece)) {
        waiting.push(piece);
        waitingLength += piece.length;
        if (waitingLength > MAX_ROW_XML) {
          throw inputError(`${read.file}: sheet ${JSON.stringify(read.sheet)} has a row of more than ${MAX_ROW_XML / 1024 / 1024} MB of XML; refused`, { hint: 'Export the sheet as CSV.' });
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
  hooks.finished();
  // Rows without text count too: their cells' notes (CellBatch.kept).
  if (batch.hasRows()) yield batch.take();
  misnumberedNote(
    misnumbered.count === 0
      ? []
      : [
          `sheet ${JSON.stringify(read.sheet)}: ${misnumbered.count} row${misnumbered.count === 1 ? '' : 's'} carry a row number that does not follow the row before (${misnumbered.examples.join(', ')}); each was read where it stands and numbered after the row before it`,
        ],
  );
}
