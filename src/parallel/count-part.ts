// Counting the records of one byte range of a CSV file: those that start before `stop`.
// Runs in a worker thread (count-worker.ts) or, when a split turns out wrong, in the main one.

// fs.promises is loaded on first use, not with this module (start-up of small runs).
import { promises as fs } from 'node:fs';
import { CsvScanner, fieldDecoderFor, type RawRecord } from '../sources/csv-scanner.js';
import { NotUtf8, Utf8Check } from '../sources/decode.js';
import type { CounterSnapshot, CounterSpec } from '../row-counter.js';
import { ByteCounter } from './byte-counter.js';

export interface PartTask {
  path: string;
  /** The part starts at a record boundary at `start` and owns the records that start before `stop`. */
  start: number;
  stop: number;
  delimiter: number;
  newline: number;
  /** 'utf-8' or another ASCII-compatible encoding for the fields. */
  encoding: string;
  wanted: boolean[] | null;
  spec: CounterSpec;
  /** Check that the bytes read are UTF-8 (the file was judged so from its head); NotUtf8 if not. */
  checkUtf8: boolean;
}

export interface PartResult {
  snapshot: CounterSnapshot;
  /** Records counted, and the offset where the last of them ended (after its line break). */
  records: number;
  end: number;
}

class Stop extends Error {}


/** How much each read takes, and the room kept in front of it (smaller in tests, to cross many chunk ends). */
export interface ReadSizes {
  chunk: number;
  room: number;
}

export async function countPart(
  task: PartTask,
  onProgress?: (rows: number, bytes: number) => void,
  { chunk: chunkSize, room }: ReadSizes = { chunk: 1 << 20, room: 1 << 16 },
): Promise<PartResult> {
  const scanner = new CsvScanner(task.delimiter, fieldDecoderFor(task.encoding), { newline: task.newline, offset: task.start, fileStart: task.start === 0 });
  scanner.wanted = task.wanted;
  const counter = new ByteCounter(task.spec);
  let records = 0;
  let end = task.start;
  let bytes = 0;
  const onRecord = (record: RawRecord): void => {
    if (record.recordOffset >= task.stop) throw new Stop();
    records++;
    end = record.recordEnd;
    counter.consume(record, records);
  };
  // Reads of 1 MiB, the next one under way while this one is scanned, into three buffers in
  // turn. Each read lands after room (64 KiB; a longer one is joined by the scanner) for the record left unfinished by the chunk before, which
  // is copied in front of it: no buffer is allocated per chunk.
  const handle = await fs.open(task.path, 'r');
  const buffers = [0, 1, 2].map(() => Buffer.allocUnsafe(room + chunkSize));
  /** Reads into buffers[turn]; how many bytes came. */
  const read = async (position: number, turn: number): Promise<number> =>
    (await handle.read(buffers[turn] as Buffer, room, chunkSize, position)).bytesRead;
  const utf8 = task.checkUtf8 ? new Utf8Check() : null;
  let position = task.start;
  let turn = 0;
  let next = read(position, turn);
  try {
    for (;;) {
      const length = await next;
      if (length === 0) break;
      const buffer = buffers[turn] as Buffer;
      position += length;
      turn = (turn + 1) % 3;
      next = read(position, turn);
      bytes += length;
      if (utf8 !== null && !utf8.push(buffer.subarray(room, room + length))) throw new NotUtf8();
      const tail = scanner.unfinished;
      if (tail.length <= room) {
        tail.copy(buffer, room - tail.length);
        scanner.pushContinued(buffer.subarray(room - tail.length, room + length), onRecord);
      } else scanner.pushRaw(buffer.subarray(room, room + length), onRecord);
      onProgress?.(counter.rowsRead, bytes);
    }
    // A character cut off at the very end of the file.
    if (utf8 !== null && !utf8.end()) throw new NotUtf8();
    scanner.endRaw(onRecord);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  } finally {
    // A read still under way (after a stop) ends before the file closes.
    await next.catch(() => undefined);
    await handle.close();
  }
  return { snapshot: counter.snapshot(), records, end };
}
