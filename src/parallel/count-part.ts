// Counting the records of one byte range of a CSV file: those that start before `stop`.
// Runs in a worker thread (count-worker.ts) or, when a split turns out wrong, in the main one.

import { open } from 'node:fs/promises';
import { CsvScanner, fieldDecoderFor, type RawRecord } from '../sources/csv-scanner.js';
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
}

export interface PartResult {
  snapshot: CounterSnapshot;
  /** Records counted, and the offset where the last of them ended (after its line break). */
  records: number;
  end: number;
}

class Stop extends Error {}

const CHUNK = 1 << 20;

export async function countPart(task: PartTask, onProgress?: (rows: number, bytes: number) => void): Promise<PartResult> {
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
  // Reads of 1 MiB, the next one under way while this one is scanned; each into a buffer of
  // its own, since the scanner keeps a view of the unfinished record.
  const handle = await open(task.path, 'r');
  const read = async (position: number): Promise<Buffer> => {
    const buffer = Buffer.allocUnsafe(CHUNK);
    const { bytesRead } = await handle.read(buffer, 0, CHUNK, position);
    return buffer.subarray(0, bytesRead);
  };
  let position = task.start;
  let next = read(position);
  try {
    for (;;) {
      const chunk = await next;
      if (chunk.length === 0) break;
      position += chunk.length;
      next = read(position);
      bytes += chunk.length;
      scanner.pushRaw(chunk, onRecord);
      onProgress?.(counter.rowsRead, bytes);
    }
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
