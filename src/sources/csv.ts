// CSV and other delimited text, streamed: bytes → the byte-level scanner → rows, decoding only
// the fields asked for. UTF-16 is transcoded to UTF-8 on the way; Windows-1252 fields are
// decoded one by one.

import { inputError, usageError, type NpsError } from '../core/errors.js';
import { CsvScanner, MAX_FIELDS, TooManyFieldsError, UnclosedQuoteError, fieldDecoderFor } from './csv-scanner.js';
import { NotUtf8, Utf8Check, chooseDecoding, headLines, type Decoding } from './decode.js';
import type { ByteInput } from './input.js';
import { DELIMITERS, looksBinary, sniffDelimiter } from './sniff.js';
import type { ByteSink, RawRow, Source, SourceOptions } from './types.js';

const DELIMITER_NAMES: Record<string, string> = { ',': ',', comma: ',', ';': ';', semicolon: ';', '\t': '\t', '\\t': '\t', tab: '\t', '|': '|', pipe: '|' };

/** Whether --delimiter (or input.delimiter in the config) names one this tool reads. */
export const isDelimiterName = (value: string): boolean => Object.hasOwn(DELIMITER_NAMES, value.toLowerCase());

export function parseDelimiterOption(value: string): string {
  if (!isDelimiterName(value)) throw usageError(`--delimiter ${JSON.stringify(value)} is not supported. Choose one of: , ; tab |`);
  return DELIMITER_NAMES[value.toLowerCase()] as string;
}

const PIECE = 1 << 16;

/** The message for a quoted field that the end of the file leaves open. */
export function unclosedQuote(file: string, error: UnclosedQuoteError): NpsError {
  return inputError(`${file}: a quoted field opened on row ${error.record} (line ${error.line}) is never closed`, {
    hint: 'Check that row for a stray double quote; a quote inside a quoted field is written "".',
  });
}

/** The user's error for what the scanner refuses (a quote never closed, a record of too many fields); anything else as it is. */
export function scannerError(file: string, error: unknown): unknown {
  if (error instanceof UnclosedQuoteError) return unclosedQuote(file, error);
  if (error instanceof TooManyFieldsError) {
    return inputError(`${file}: row ${error.record} (line ${error.line}) has more than ${MAX_FIELDS.toLocaleString('en-US')} fields; refused`, {
      hint: 'Check the delimiter (--delimiter) and that the file is the export; a spreadsheet has at most 16,384 columns.',
    });
  }
  return error;
}

/** The input as bytes the scanner can read: UTF-8 or another ASCII-compatible encoding. */
async function* scannableBytes(input: ByteInput, decoding: Decoding): AsyncIterable<Buffer> {
  if (decoding.encoding.startsWith('utf-16')) {
    const decoder = new TextDecoder(decoding.encoding);
    yield Buffer.from(decoder.decode(input.head, { stream: true }), 'utf8');
    for await (const chunk of input.rest) yield Buffer.from(decoder.decode(chunk, { stream: true }), 'utf8');
    yield Buffer.from(decoder.decode(), 'utf8');
    return;
  }
  // UTF-8 from standard input could not be checked ahead: check it as it streams. So is a file
  // whose check was left to the reading (the caller reads it again when it fails).
  const strict = decoding.encoding === 'utf-8' && decoding.reason !== 'given' && (input.reread === null || decoding.unverified === true);
  const utf8 = new Utf8Check();
  const invalid = (): Error =>
    decoding.unverified
      ? new NotUtf8()
      : inputError(`${input.name}: not valid UTF-8 after byte ${utf8.valid} (the start of the file was)`, {
          hint: 'Pass --encoding windows-1252 (or the encoding the file was saved in).',
        });
  const check = (chunk: Buffer): void => {
    if (strict && !utf8.push(chunk)) throw invalid();
  };
  check(input.head);
  yield input.head;
  for await (const chunk of input.rest) {
    check(chunk);
    yield chunk;
  }
  // A character cut off at the very end.
  if (strict && !utf8.end()) throw invalid();
}

export async function readCsv(input: ByteInput, options: SourceOptions): Promise<Omit<Source, 'progress' | 'size'>> {
  const decoding = await chooseDecoding(input, options.encoding, options.utf8Check, options.onUtf8Check);
  if (!decoding.encoding.startsWith('utf-16') && looksBinary(input.head)) {
    throw inputError(`${input.name}: does not look like a CSV or spreadsheet file (binary content)`, {
      hint: 'Export the survey as CSV or XLSX and pass that file.',
    });
  }
  const delimiter = options.delimiter ?? sniffDelimiter(headLines(input, decoding));
  if (!(DELIMITERS as readonly string[]).includes(delimiter)) throw usageError(`unsupported delimiter ${JSON.stringify(delimiter)}`);
  // UTF-16 arrives here transcoded to UTF-8.
  const fieldEncoding = decoding.encoding.startsWith('utf-16') ? 'utf-8' : decoding.encoding;
  const scanner = new CsvScanner(delimiter.charCodeAt(0), fieldDecoderFor(fieldEncoding));

  /** Where the first records end, so counting in parts can start right after the header. */
  const ends = new Map<number, number>();
  /** Set by `rawBytes`: the rest of the bytes go here, from the first record not yet handed out. */
  let sink: ByteSink | null = null;
  let sinking = false;
  /** The first bytes handed on: the record left unfinished (it starts at a record boundary), then `rest`. */
  const startSinking = async (target: ByteSink, rest: Buffer): Promise<void> => {
    sinking = true;
    target.start({ records: scanner.recordsSeen, line: scanner.recordStartLine, newline: scanner.newlineMode, delimiter: delimiter.charCodeAt(0), encoding: fieldEncoding });
    await target.push(Buffer.concat([scanner.unfinished, rest]));
  };
  async function* records(): AsyncIterable<RawRow[]> {
    let batch: RawRow[] = [];
    const collect = (row: number, cells: string[], _start: number, end: number): void => {
      if (row <= 200) ends.set(row, end);
      batch.push({ row, cells });
    };
    try {
      for await (const chunk of scannableBytes(input, decoding)) {
        // In pieces of 64 KiB, each piece's rows handed over before the next is scanned: the
        // survey stops once it has its sample (a few hundred rows), and from then on only the
        // columns in use are decoded; a whole first read (256 KiB) would be decoded in full.
        // Switched to handing bytes on between pieces, the rest of the chunk goes at once.
        for (let at = 0; at < chunk.length; ) {
          if (sink !== null) {
            if (!sinking) await startSinking(sink, chunk.subarray(at));
            else await sink.push(chunk);
            break;
          }
          scanner.push(chunk.subarray(at, at + PIECE), collect);
          at += PIECE;
          if (batch.length > 0) {
            yield batch;
            batch = [];
          }
        }
        if (sink !== null) yield [];
      }
      if (sink !== null) {
        if (!sinking) await startSinking(sink, Buffer.alloc(0));
        await sink.end();
      } else scanner.end(collect);
    } catch (error) {
      // A file cut short while read can end inside quotes: say what happened instead.
      input.unchanged();
      throw scannerError(input.name, error);
    }
    input.unchanged();
    if (batch.length > 0) yield batch;
  }
  return {
    info: {
      file: input.name,
      format: 'csv',
      encoding: decoding.encoding,
      bom: decoding.bom,
      encodingReason: decoding.reason,
      ...(decoding.unverified ? { encodingUnverified: true } : {}),
      delimiter,
      delimiterReason: options.delimiter === undefined ? 'sniffed' : 'given',
    },
    tables: [
      {
        name: null,
        size: null,
        records: records(),
        project: (wanted) => {
          scanner.wanted = wanted;
        },
        rawBytes: (bytesSink) => {
          sink = bytesSink;
        },
        // Parts can be read apart where the bytes are the file's own and every field byte is ASCII-safe.
        ...(input.path !== null && input.size !== null && (decoding.encoding === 'utf-8' || decoding.encoding === 'windows-1252')
          ? {
              parts: {
                path: input.path,
                size: input.size,
                delimiter: delimiter.charCodeAt(0),
                encoding: decoding.encoding,
                checkUtf8: decoding.unverified === true,
                newline: () => scanner.newlineMode,
                recordEnd: (record: number) => ends.get(record),
                unchanged: input.unchanged,
              },
            }
          : {}),
      },
    ],
  };
}
