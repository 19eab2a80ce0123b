// CSV and other delimited text, streamed: bytes → text (sniffed encoding) → csv-parse → rows.

import { Readable, pipeline } from 'node:stream';
import { CsvError, parse } from 'csv-parse';
import { inputError, usageError } from '../errors.js';
import { chooseDecoding, decodeText, headLines } from './decode.js';
import type { ByteInput } from './input.js';
import { DELIMITERS, looksBinary, sniffDelimiter } from './sniff.js';
import type { RawRow, Source, SourceOptions } from './types.js';

const DELIMITER_NAMES: Record<string, string> = { ',': ',', comma: ',', ';': ';', semicolon: ';', '\t': '\t', '\\t': '\t', tab: '\t', '|': '|', pipe: '|' };

export function parseDelimiterOption(value: string): string {
  const delimiter = DELIMITER_NAMES[value.toLowerCase()];
  if (delimiter === undefined || !Object.hasOwn(DELIMITER_NAMES, value.toLowerCase())) {
    throw usageError(`--delimiter ${JSON.stringify(value)} is not supported. Choose one of: , ; tab |`);
  }
  return delimiter;
}

export async function readCsv(input: ByteInput, options: SourceOptions): Promise<Source> {
  const decoding = await chooseDecoding(input, options.encoding);
  if (!decoding.encoding.startsWith('utf-16') && looksBinary(input.head)) {
    throw inputError(`${input.name}: does not look like a CSV or spreadsheet file (binary content)`, {
      hint: 'Export the survey as CSV or XLSX and pass that file.',
    });
  }
  const delimiter = options.delimiter ?? sniffDelimiter(headLines(input, decoding));
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
  pipeline(Readable.from(decodeText(input, decoding)), parser, () => {
    // Errors surface through the iteration below.
  });

  async function* records(): AsyncIterable<RawRow> {
    const iterator = parser[Symbol.asyncIterator]() as AsyncIterator<string[]>;
    let row = 0;
    for (;;) {
      let next: IteratorResult<string[]>;
      try {
        next = await iterator.next();
      } catch (error) {
        // The parser may run ahead of us, so its own record count says where it stopped.
        const parsed = error instanceof CsvError && typeof error.records === 'number' ? error.records : row;
        throw describeParseError(error, input.name, parsed + 1, lastLine + 1);
      }
      if (next.done) return;
      row++;
      yield { row, cells: next.value };
    }
  }
  return {
    info: {
      file: input.name,
      format: 'csv',
      encoding: decoding.encoding,
      bom: decoding.bom,
      encodingReason: decoding.reason,
      delimiter,
      delimiterReason: options.delimiter === undefined ? 'sniffed' : 'given',
    },
    tables: [{ name: null, size: null, records: records() }],
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
