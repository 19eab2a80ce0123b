// Counting the records of one byte range of a CSV file: those that start before `stop`.
// Runs in a worker thread (count-worker.ts) or, when a split turns out wrong, in the main one.

import { createReadStream } from 'node:fs';
import { CsvScanner, fieldDecoderFor } from '../sources/csv-scanner.js';
import { RowCounter, type CounterSnapshot, type CounterSpec } from '../row-counter.js';

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

export async function countPart(task: PartTask, onProgress?: (rows: number, bytes: number) => void): Promise<PartResult> {
  const scanner = new CsvScanner(task.delimiter, fieldDecoderFor(task.encoding), { newline: task.newline, offset: task.start, fileStart: task.start === 0 });
  scanner.wanted = task.wanted;
  const counter = new RowCounter(task.spec);
  let records = 0;
  let end = task.start;
  let bytes = 0;
  const onRecord = (_record: number, cells: string[], start: number, recordEnd: number): void => {
    if (start >= task.stop) throw new Stop();
    records++;
    end = recordEnd;
    counter.consume({ row: records, cells });
  };
  const stream = createReadStream(task.path, { start: task.start, highWaterMark: 1 << 16 });
  try {
    for await (const chunk of stream) {
      bytes += (chunk as Buffer).length;
      scanner.push(chunk as Buffer, onRecord);
      onProgress?.(counter.rowsRead, bytes);
    }
    scanner.end(onRecord);
  } catch (error) {
    if (!(error instanceof Stop)) throw error;
  } finally {
    stream.destroy();
  }
  return { snapshot: counter.snapshot(), records, end };
}
