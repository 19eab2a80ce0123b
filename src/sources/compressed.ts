// Compressed exports. Gzip (export.csv.gz, or gzip on standard input) is read as if it were
// not compressed: inflated as it streams, never held whole. Other compressed formats are named,
// with a way to read them.

import { createReadStream } from 'node:fs';
import { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import { inputError } from '../core/errors.js';
import { takeHead, type ByteInput } from './input.js';

const startsWith = (head: Buffer, bytes: readonly number[]): boolean => bytes.every((byte, i) => head[i] === byte);

/** Gzip's magic and its one method (deflate). */
const GZIP = [0x1f, 0x8b, 0x08];

export const isGzip = (head: Buffer): boolean => startsWith(head, GZIP);

/** Compressed formats that are not read, by their first bytes: what they are, and how to read them. */
const OTHERS: readonly { magic: readonly number[]; name: string; hint: (file: string) => string }[] = [
  { magic: [0x42, 0x5a, 0x68], name: 'a bzip2', hint: (f) => `Decompress it first (bunzip2 -k ${f}), or stream it: bzcat ${f} | nps score -` },
  { magic: [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], name: 'an xz', hint: (f) => `Decompress it first (unxz -k ${f}), or stream it: xzcat ${f} | nps score -` },
  { magic: [0x28, 0xb5, 0x2f, 0xfd], name: 'a zstd', hint: (f) => `Decompress it first (unzstd ${f}), or stream it: zstdcat ${f} | nps score -` },
  { magic: [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], name: 'a 7-Zip', hint: () => 'Extract the export from the archive (7z x) and pass the CSV or XLSX inside.' },
  { magic: [0x52, 0x61, 0x72, 0x21, 0x1a, 0x07], name: 'a RAR', hint: () => 'Extract the export from the archive (unrar x) and pass the CSV or XLSX inside.' },
];

/** The error for a compressed file this tool does not read, or null when the bytes are not one. */
export function otherCompression(input: ByteInput): Error | null {
  const kind = OTHERS.find((other) => startsWith(input.head, other.magic));
  if (!kind) return null;
  const file = input.name === 'stdin' ? 'FILE' : input.name;
  return inputError(`${input.name}: is ${kind.name}-compressed file, not an export`, { hint: kind.hint(file) });
}

/** A zip archive that is not a workbook (export.zip holding export.csv): the error that says so. */
export function zipArchiveError(input: ByteInput): Error {
  return inputError(`${input.name}: is a zip archive, not a workbook (no xl/workbook.xml or ODS content inside)`, {
    hint: 'Extract the export from it (unzip) and pass the CSV or XLSX inside, or stream one file: unzip -p ARCHIVE export.csv | nps score -',
  });
}

function damaged(name: string, cause: unknown): Error {
  return inputError(`${name}: the gzip data is damaged (${(cause as NodeJS.ErrnoException | null)?.code ?? String(cause)})`, {
    hint: 'Check it with gzip -t; compress the export again.',
    cause,
  });
}

/** The bytes of `input` as they come: its head, then the rest. */
async function* allOf(input: ByteInput): AsyncIterable<Buffer> {
  yield input.head;
  yield* input.rest;
}

/**
 * The input inflated when it is gzip, else as it is. The inflated input cannot be read at an
 * offset (no parts on threads, no workbook read in place: a gzipped workbook is held in memory
 * as one on standard input is); a file can still be read again from its start. Progress and
 * size stay those of the compressed bytes, which is what the disk gives.
 */
export async function gunzipped(input: ByteInput): Promise<ByteInput> {
  if (!isGzip(input.head)) return input;
  const inflated = Readable.from(allOf(input)).pipe(createGunzip({ chunkSize: 1 << 18 }));
  const chunks = inflated[Symbol.asyncIterator]() as AsyncIterator<Buffer>;
  let taken: { head: Buffer; done: boolean };
  try {
    taken = await takeHead(chunks);
  } catch (error) {
    throw damaged(input.name, error);
  }
  const { head, done } = taken;
  async function* rest(): AsyncIterable<Buffer> {
    if (done) return;
    try {
      for (let next = await chunks.next(); !next.done; next = await chunks.next()) yield next.value;
    } catch (error) {
      throw damaged(input.name, error);
    }
  }
  const path = input.path;
  return {
    ...input,
    path: null,
    head,
    rest: rest(),
    complete: done,
    reread: path === null ? null : () => createReadStream(path, { highWaterMark: 1 << 20 }).pipe(createGunzip({ chunkSize: 1 << 18 })),
  };
}
