// What every input format hands to the mapping: a header and raw rows of text cells.

export interface RawRow {
  /** 1-based record number as a spreadsheet shows it: the header is row 1. */
  row: number;
  cells: string[];
}

export interface SourceInfo {
  file: string;
  format: 'csv' | 'xlsx' | 'xls' | 'ods';
  encoding?: string;
  delimiter?: string;
  sheet?: string;
  sheets?: string[];
}

export interface Table {
  info: SourceInfo;
  header: string[];
  rows: AsyncIterable<RawRow>;
}

export interface SourceOptions {
  delimiter?: string | undefined;
  sheet?: string | undefined;
}
