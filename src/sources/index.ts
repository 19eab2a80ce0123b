// The registry of input formats: each knows its files by their first bytes or their name.

import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { extname } from 'node:path';
import { inputError } from '../core/errors.js';
import { gunzipped, isGzip, otherCompression } from './compressed.js';
import { readCsv } from './csv.js';
import { openInput, type ByteInput, type StandardInput } from './input.js';
import { readSpreadsheet } from './spreadsheet.js';
import type { Source, SourceOptions } from './types.js';

interface SourceKind {
  name: string;
  matches(input: ByteInput): boolean;
  read(input: ByteInput, options: SourceOptions): Promise<Omit<Source, 'progress' | 'size'>>;
}

const startsWith = (head: Buffer, bytes: number[]): boolean => bytes.every((byte, i) => head[i] === byte);
const SPREADSHEET_EXTENSIONS = new Set(['.xlsx', '.xlsm', '.xls', '.ods', '.xlsb']);

/** Zip (XLSX, ODS), OLE2 (XLS), or a spreadsheet's name whatever its bytes (so a broken one says so); "stdin" has none. */
function isSpreadsheet(head: Buffer, path: string | null): boolean {
  return (
    startsWith(head, [0x50, 0x4b, 0x03, 0x04]) ||
    startsWith(head, [0xd0, 0xcf, 0x11, 0xe0]) ||
    (path !== null && SPREADSHEET_EXTENSIONS.has(extname(path).toLowerCase()))
  );
}

const SOURCES: readonly SourceKind[] = [
  { name: 'spreadsheet', matches: (input) => isSpreadsheet(input.head, input.name), read: readSpreadsheet },
  { name: 'csv', matches: () => true, read: readCsv },
];

export async function openSource(path: string, stdin: StandardInput, options: SourceOptions): Promise<Source> {
  const input = await gunzipped(await openInput(path, stdin));
  const compressed = otherCompression(input);
  if (compressed) throw compressed;
  if (input.head.length === 0) {
    throw inputError(`${input.name}: the file is empty`, { hint: 'Export the survey again with its header row and answers.' });
  }
  const kind = SOURCES.find((source) => source.matches(input));
  if (!kind) throw inputError(`${input.name}: unknown file format`);
  const source = await kind.read(input, options);
  return { ...source, progress: input.progress, size: input.size };
}

/**
 * Whether a file of at least `minBytes` will be read as delimited text, told before it is
 * opened (from its size and first bytes): for starting threads ahead that count it in parts.
 */
export function largeTextFile(path: string, minBytes: number): boolean {
  try {
    if (statSync(path).size < minBytes) return false;
    const head = Buffer.alloc(4);
    const handle = openSync(path, 'r');
    try {
      readSync(handle, head, 0, head.length, 0);
    } finally {
      closeSync(handle);
    }
    // A gzipped export is inflated as it streams: it cannot be cut into parts.
    return !isSpreadsheet(head, path) && !isGzip(head);
  } catch {
    return false; // opening it will say what is wrong
  }
}

export type { RawRow, Source, SourceInfo, SourceTable } from './types.js';
