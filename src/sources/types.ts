// What every input format hands to the mapping: tables of raw records, header rows included.

import type { Utf8Checking } from './decode.js';

export interface RawRow {
  /** 1-based record number as a spreadsheet shows it (CSV: the record number; the first is 1). */
  row: number;
  cells: string[];
}

export interface SourceInfo {
  file: string;
  format: 'csv' | 'xlsx' | 'xls' | 'ods';
  encoding?: string;
  bom?: boolean;
  /** How the encoding was decided: given, bom, valid utf-8, not valid utf-8, utf-16 pattern. */
  encodingReason?: string;
  /** UTF-8 judged from the head, its rest checked while it is read (`utf8Check: 'while reading'`). */
  encodingUnverified?: boolean;
  delimiter?: string;
  delimiterReason?: 'given' | 'sniffed';
  /** What reading found that the user should know, added to as the rows are read: said once they are counted. */
  notes?: string[];
}

/** One table of a source: the whole CSV, or one sheet of a workbook. */
export interface SourceTable {
  /** The sheet name; null for CSV. */
  name: string | null;
  /** Number of non-empty rows, when known up front (sheets). */
  size: number | null;
  /** Every non-empty record, header rows included, in batches. Can be iterated once. */
  records: AsyncIterable<RawRow[]>;
  /**
   * From now on decode only these fields (by index; null for all); the others come as ''.
   * Row lengths stay true. Sources that hold everything anyway need not offer it.
   */
  project?: (wanted: boolean[] | null) => void;
  /**
   * From the next bytes read on, hand the bytes themselves to `sink`, from the first record not
   * yet handed out (a record boundary), instead of scanning them; the batches of `records` then
   * come empty (one per read). Rows already read ahead still come as rows first. CSV only.
   */
  rawBytes?: (sink: ByteSink) => void;
  /** For a CSV file that may be counted in parts: what a part needs to know. */
  parts?: CsvParts;
}

/** Where bytes handed on start, and what comes. */
export interface ByteSink {
  /**
   * Before the first bytes: the records before them, the line they start on, the record
   * delimiter seen (1 LF, 2 CRLF, 3 CR), the field delimiter, and the encoding of the bytes
   * ('utf-8' or another ASCII-compatible one; UTF-16 comes transcoded to UTF-8).
   */
  start(at: { records: number; line: number; newline: number; delimiter: number; encoding: string }): void;
  /** The next bytes (awaited: the sink may hold the reading back). */
  push(bytes: Buffer): Promise<void>;
  /** The end of the input. */
  end(): Promise<void>;
}

export interface CsvParts {
  path: string;
  size: number;
  delimiter: number;
  encoding: string;
  /** Whether a part must check that its bytes are UTF-8, throwing NotUtf8 if not. */
  checkUtf8: boolean;
  /** The record delimiter seen so far (1 LF, 2 CRLF, 3 CR; 0 unknown). */
  newline(): number;
  /** Where record N ended (after its line break), for the first records. */
  recordEnd(record: number): number | undefined;
  /** Throws when the file changed since it was opened (see ByteInput.unchanged): called when the parts are counted. */
  unchanged(): void;
}

export interface Source {
  info: SourceInfo;
  tables: SourceTable[];
  /** Bytes read so far, and the total when known: for a progress line. */
  progress: { bytesRead: number };
  size: number | null;
}

export interface SourceOptions {
  delimiter?: string | undefined;
  encoding?: string | undefined;
  /** XLSX files at least this large are streamed instead of read whole by SheetJS (undefined: never). */
  xlsxStreamFromBytes?: number | undefined;
  /** A streamed XLSX sheet of at least this many bytes of XML is read on a thread of its own (undefined: never). */
  xlsxThreadFromBytes?: number | undefined;
  /** How a CSV that is UTF-8 in its head is checked to its end (default 'ahead'; see sources/decode.ts). */
  utf8Check?: Utf8Checking | undefined;
  /** Told the bytes checked so far (and the file's size) while a file is checked to be UTF-8 ahead of reading it. */
  onUtf8Check?: ((bytesChecked: number, size: number | null) => void) | undefined;
}
