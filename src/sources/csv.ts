// CSV and other delimited text, streamed: bytes → text (sniffed encoding) → csv-parse → rows.

import { Readable, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { inputError, usageError } from '../errors.js';
import type { ByteInput } from './input.js';
import { DELIMITERS, looksBinary, sniffDelimiter, sniffEncoding, type TextEncoding } from './sniff.js';
import type { RawRow, SourceOptions, Table } from './types.js';

const DELIMITER_NAMES: Record<string, string> = { ',': ',', comma: ',', ';': ';', semicolon: ';', '\t': '\t', '\\t': '\t', tab: '\t', '|': '|', pipe: '|' };

export function parseDelimiterOption(value: string): string {
  const delimiter = DELIMITER_NAMES[value.toLowerCase()];
  if (delimiter === undefined || !Object.hasOwn(DELIMITER_NAMES, value.toLowerCase())) {
    throw usageError(`--delimiter ${JSON.stringify(value)} is not supported. Choose one of: , ; tab |`);
  }
  return delimiter;
}

async function* decode(input: ByteInput, encoding: TextEncoding): AsyncIterable<string> {
  const decoder = new TextDecoder(encoding);
  yield decoder.decode(input.head, { stream: true });
  for await (const chunk of input.rest) yield decoder.decode(chunk, { stream: true });
  yield decoder.decode();
}

function headText(input: ByteInput, encoding: TextEncoding): string {
  const text = new TextDecoder(encoding).decode(input.head);
  // Sniff on whole lines only: the head may end inside a record.
  const lastNewline = text.lastIndexOf('\n');
  return lastNewline > 0 ? text.slice(0, lastNewline + 1) : text;
}

export async function readCsv(input: ByteInput, options: SourceOptions): Promise<Table> {
  const encoding = sniffEncoding(input.head);
  if (encoding !== 'utf-16le' && encoding !== 'utf-16be' && looksBinary(input.head)) {
    throw inputError(`${input.name}: does not look like a CSV or spreadsheet file (binary content)`, {
      hint: 'Export the survey as CSV or XLSX and pass that file.',
    });
  }
  const delimiter = options.delimiter ?? sniffDelimiter(headText(input, encoding));
  if (!(DELIMITERS as readonly string[]).includes(delimiter)) throw usageError(`unsupported delimiter ${JSON.stringify(delimiter)}`);

  let lastLine = 0;
  const parser = parse({
    delimiter,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    bom: true,
    // Remember where the last good record ended: a broken quote opens on the line after it.
    on_record: (record: string[], context: { lines: number }) => {
      lastLine = context.lines;
      return record;
    },
  });
  pipeline(Readable.from(decode(input, encoding)), parser, () => {
    // Errors surface through the iteration below.
  });

  const records = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
  let rowNumber = 0;
  const nextRecord = async (): Promise<string[] | null> => {
    try {
      const next = await records.next();
      if (next.done) return null;
      rowNumber++;
      return next.value;
    } catch (error) {
      // The parser may run ahead of us, so its own record count says where it stopped.
      const parsed = error instanceof CsvError && typeof error.records === 'number' ? error.records : rowNumber;
      throw describeParseError(error, input.name, parsed + 1, lastLine + 1);
    }
  };

  const header = await nextRecord();
  if (header === null) {
    throw inputError(`${input.name}: the file is empty`, { hint: 'Export the survey again with its header row and answers.' });
  }
  async function* rows(): AsyncIterable<RawRow> {
    for (;;) {
      const cells = await nextRecord();
      if (cells === null) return;
      yield { row: rowNumber, cells };
    }
  }
  return {
    info: { file: input.name, format: 'csv', encoding, delimiter },
    header,
    rows: rows(),
  };
}

function describeParseError(error: unknown, file: string, row: number, line: number): Error {
  if (error instanceof CsvError) {
    if (error.code === 'CSV_QUOTE_NOT_CLOSED') {
      return inputError(`${file}: a quoted field opened on row ${row} (line ${line}) is never closed`, {
        hint: 'Check that row for a stray double quote; a quote inside a quoted field is written "".',
        cause: error,
      });
    }
    return inputError(`${file}: cannot read row ${row} (line ${line}): ${error.message}`, {
      hint: 'Check the quoting on that row, or the delimiter (--delimiter).',
      cause: error,
    });
  }
  return inputError(`${file}: cannot be read: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
}
