// A zip's entries read without holding the zip: its central directory, and each entry's bytes
// inflated as they stream. The XLSX reader (xlsx-stream.ts) and its sheet thread (xlsx-worker.ts)
// read workbooks through it.

import { createReadStream } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createInflateRaw, type ZlibOptions } from 'node:zlib';
import { inputError } from '../core/errors.js';

export interface ZipEntry {
  /** General-purpose flags: bit 0 is encryption. */
  flags: number;
  method: number;
  compressedSize: number;
  size: number;
  localOffset: number;
}

/** A zip or workbook that cannot be read: said to the user as refusedError says it. */
export class Refused extends Error {}

/** Random access to a zip's bytes: a file on disk, or (a workbook on standard input) bytes in memory. */
export interface ZipBytes {
  size(): Promise<number>;
  read(position: number, length: number): Promise<Buffer>;
  /** The bytes start … end − 1, as a stream. */
  stream(start: number, end: number): Readable;
  /** Throws when the file changed since it was opened (see ByteInput.unchanged). */
  unchanged(): void;
  /** A file's progress (ByteInput.progress): moved as its sheet's compressed bytes are read. */
  progress?: { bytesRead: number };
  /** The file's path, when the zip is a file: a thread reading a sheet opens it itself. */
  path?: string;
}

export function fileZip(path: string, unchanged: () => void, progress?: { bytesRead: number }): ZipBytes {
  return {
    unchanged,
    progress,
    path,
    size: async () => (await stat(path)).size,
    read: async (position, length) => {
      const handle = await open(path, 'r');
      try {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, position);
        return buffer.subarray(0, bytesRead);
      } finally {
        await handle.close();
      }
    },
    // Reads of 256 KiB, so that the inflating is never short of bytes (BENCHMARKS.md).
    stream: (start, end) => createReadStream(path, { start, end: end - 1, highWaterMark: 1 << 18 }),
  };
}

export function memoryZip(bytes: Buffer): ZipBytes {
  return {
    unchanged: () => undefined,
    size: async () => bytes.length,
    read: async (position, length) => bytes.subarray(position, position + length),
    // In pieces of 64 KiB, as a file is read: the inflater then never holds the whole entry.
    stream: (start, end) => Readable.from((function* () {
      for (let at = start; at < end; at += 1 << 16) yield bytes.subarray(at, Math.min(end, at + (1 << 16)));
    })()),
  };
}

/** A 64-bit little-endian number that a double holds exactly (zip64 sizes and offsets). */
const readUInt64 = (buffer: Buffer, at: number): number => Number(buffer.readBigUInt64LE(at));

export async function centralDirectory(zip: ZipBytes): Promise<Map<string, ZipEntry>> {
  const size = await zip.size();
  const tail = await zip.read(Math.max(0, size - 65557), Math.min(size, 65557));
  const eocd = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Refused('no zip directory');
  let count = tail.readUInt16LE(eocd + 10);
  let cdSize = tail.readUInt32LE(eocd + 12);
  let cdOffset = tail.readUInt32LE(eocd + 16);
  if (cdOffset === 0xffffffff || count === 0xffff || cdSize === 0xffffffff) {
    // Zip64: the locator just before the end record points at the zip64 end record.
    const locator = eocd - 20;
    if (locator < 0 || tail.readUInt32LE(locator) !== 0x07064b50) throw new Refused('zip64 without its locator');
    const record = await zip.read(readUInt64(tail, locator + 8), 56);
    if (record.length < 56 || record.readUInt32LE(0) !== 0x06064b50) throw new Refused('bad zip64 directory');
    count = readUInt64(record, 32);
    cdSize = readUInt64(record, 40);
    cdOffset = readUInt64(record, 48);
  }
  const cd = await zip.read(cdOffset, cdSize);
  const entries = new Map<string, ZipEntry>();
  let at = 0;
  for (let i = 0; i < count && at + 46 <= cd.length; i++) {
    if (cd.readUInt32LE(at) !== 0x02014b50) throw new Refused('bad zip directory');
    const nameLength = cd.readUInt16LE(at + 28);
    const extraLength = cd.readUInt16LE(at + 30);
    const commentLength = cd.readUInt16LE(at + 32);
    const name = cd.toString('utf8', at + 46, at + 46 + nameLength);
    const entry = {
      flags: cd.readUInt16LE(at + 8),
      method: cd.readUInt16LE(at + 10),
      compressedSize: cd.readUInt32LE(at + 20),
      size: cd.readUInt32LE(at + 24),
      localOffset: cd.readUInt32LE(at + 42),
    };
    // Zip64 extra field (0x0001): the 64-bit values of those set to 0xffffffff, in this order.
    for (let x = at + 46 + nameLength; x + 4 <= at + 46 + nameLength + extraLength; ) {
      const id = cd.readUInt16LE(x);
      const length = cd.readUInt16LE(x + 2);
      if (id === 0x0001) {
        let v = x + 4;
        for (const key of ['size', 'compressedSize', 'localOffset'] as const) {
          if (entry[key] === 0xffffffff && v + 8 <= x + 4 + length) {
            entry[key] = readUInt64(cd, v);
            v += 8;
          }
        }
      }
      x += 4 + length;
    }
    entries.set(name, entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** An entry's bytes, inflated. `onRaw`, when given, hears how many compressed bytes each piece read held. */
export async function* entryBytes(zip: ZipBytes, entry: ZipEntry, onRaw?: (bytes: number) => void): AsyncIterable<Buffer> {
  const header = await zip.read(entry.localOffset, 30);
  if (header.length < 30 || header.readUInt32LE(0) !== 0x04034b50) throw new Refused('bad zip entry');
  if (entry.flags & 1) throw new Refused('encrypted');
  const start = entry.localOffset + 30 + header.readUInt16LE(26) + header.readUInt16LE(28);
  const raw = zip.stream(start, start + entry.compressedSize);
  if (onRaw) raw.on('data', (chunk: Buffer) => onRaw(chunk.length));
  // Inflated in pieces of 256 KiB: the default 16 KiB made inflating a 1 GB sheet take 4 s. Up to
  // 1 MiB is inflated ahead (on libuv's threads) while the rows before are read: with one piece
  // ahead, the reader waited on the inflating for a fifth of its time (BENCHMARKS.md).
  // (A zlib stream takes a stream's options too; @types/node's ZlibOptions leaves highWaterMark out.)
  const inflating: ZlibOptions & { highWaterMark: number } = { chunkSize: 1 << 18, highWaterMark: 1 << 20 };
  const bytes = entry.method === 8 ? raw.pipe(createInflateRaw(inflating)) : entry.method === 0 ? raw : null;
  if (!bytes) throw new Refused(`zip method ${entry.method}`);
  try {
    for await (const chunk of bytes) yield chunk as Buffer;
  } catch (error) {
    // zlib's Z_DATA_ERROR, Z_BUF_ERROR (cut short): the entry's compressed bytes are damaged.
    if (typeof (error as { code?: unknown }).code === 'string' && String((error as { code: string }).code).startsWith('Z_')) throw new Refused('damaged: its compressed data cannot be inflated');
    throw error;
  } finally {
    raw.destroy();
  }
}

/** An entry's text, as UTF-8. */
export async function* entryText(zip: ZipBytes, entry: ZipEntry): AsyncIterable<string> {
  // StringDecoder rather than TextDecoder: the same text (U+FFFD for bad bytes), in half the time.
  const decoder = new StringDecoder('utf8');
  for await (const chunk of entryBytes(zip, entry)) yield decoder.write(chunk);
  yield decoder.end();
}

/** A Refused reading as the user's error: what is wrong with the workbook, and what to do. */
export function refusedError(file: string, error: unknown, where = 'the workbook'): unknown {
  if (!(error instanceof Refused)) return error;
  if (error.message === 'encrypted') return inputError(`${file}: the workbook is encrypted (password-protected)`, { hint: 'Open it with its password and save a copy without one (or export the sheet as CSV).' });
  return inputError(`${file}: ${where} is ${error.message.startsWith('damaged') ? error.message : `not readable (${error.message})`}`, {
    hint: 'Open it in a spreadsheet program and save it again, or export the data as CSV.',
  });
}

export async function wholeText(zip: ZipBytes, entry: ZipEntry | undefined): Promise<string> {
  if (!entry) return '';
  let text = '';
  for await (const piece of entryText(zip, entry)) text += piece;
  return text;
}
