// Rows kept for writing out later in another order (nps list: detractors by score, then
// passives, then promoters 10 before 9), in memory bounded whatever the file's size: each
// bucket's rows are kept in the order they came (file order: mapping/gather.ts hands them so),
// as the text they are written as (core/list-row.ts: a CSV record, a JSON item; a table's
// cells as a line of JSON); past a total of SPILL_BYTES they go to a file of their own in a
// temporary folder, removed once the rows are read back (or the run fails). Memory then holds a
// write buffer per bucket, not the rows.

import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { NpsError } from '../core/errors.js';
import type { Gathered, GatherSink } from '../mapping/gather.js';

/** Rows held in memory before they go to disk (as JSON text: ~2 bytes a character). */
const SPILL_BYTES = 8 << 20;
/** A bucket's rows written to its file once it holds this much. */
const WRITE_BYTES = 1 << 20;

interface Bucket {
  /** Lines not yet written to the file (all of them while nothing has spilled). */
  lines: string[];
  bytes: number;
  file: string | null;
  rows: number;
}

export class RowSpill implements GatherSink {
  private readonly buckets: Bucket[];
  private folder: string | null = null;
  private held = 0;

  /** `spillBytes`: rows held in memory before they go to disk (tests make it small). */
  constructor(buckets: number, private readonly spillBytes = SPILL_BYTES) {
    this.buckets = Array.from({ length: buckets }, () => ({ lines: [], bytes: 0, file: null, rows: 0 }));
  }

  get rows(): number {
    return this.buckets.reduce((sum, bucket) => sum + bucket.rows, 0);
  }

  /** The next rows of each bucket (their text, one after another), after those kept. */
  absorb(gathered: Gathered): void {
    if (gathered.kind !== 'list') throw new Error(`rows to list expected, not ${gathered.kind}`);
    gathered.buckets.forEach(({ rows, text }, index) => {
      if (rows === 0) return;
      const bucket = this.buckets[index] as Bucket;
      bucket.lines.push(text);
      bucket.bytes += text.length;
      bucket.rows += rows;
      if (this.folder === null) {
        this.held += text.length;
        if (this.held > this.spillBytes) this.spill();
      } else if (bucket.bytes > WRITE_BYTES) this.write(bucket, index);
    });
  }

  /**
   * Every bucket's rows as text, bucket after bucket, each in the order they came, in pieces of
   * whole rows. `last`: no reading comes after this one, and the folder is removed at its end
   * (or when it stops early).
   */
  async *text(last = true): AsyncGenerator<string> {
    try {
      for (const [index, bucket] of this.buckets.entries()) {
        if (bucket.file !== null) this.write(bucket, index);
        if (bucket.file !== null) yield* readText(bucket.file);
        else yield* bucket.lines;
      }
    } finally {
      if (last) this.remove();
    }
  }

  /** The rows kept as cells, a line of JSON each (a table's): every bucket's, as `text` hands them. */
  async *read(last = true): AsyncGenerator<string[]> {
    let carry = '';
    for await (const piece of this.text(last)) {
      const text = carry + piece;
      const end = text.lastIndexOf('\n');
      carry = text.slice(end + 1);
      for (let at = 0; at < end; ) {
        const next = text.indexOf('\n', at);
        yield JSON.parse(text.slice(at, next)) as string[];
        at = next + 1;
      }
    }
  }

  /** Removes the temporary folder (when the rows are not read after all). */
  remove(): void {
    if (this.folder !== null) rmSync(this.folder, { recursive: true, force: true });
    this.folder = null;
  }

  private spill(): void {
    try {
      this.folder = mkdtempSync(join(tmpdir(), 'nps-list-'));
    } catch (error) {
      throw spillError(error);
    }
    // Gone however the run ends, even when its rows are never read back (a failed -o).
    process.once('exit', () => this.remove());
    this.buckets.forEach((bucket, index) => {
      bucket.file = join(this.folder as string, `${index}.jsonl`);
      this.write(bucket, index);
    });
  }

  private write(bucket: Bucket, index: number): void {
    if (bucket.file === null) return;
    try {
      const handle = openSync(bucket.file, 'a');
      try {
        writeSync(handle, bucket.lines.join(''));
      } finally {
        closeSync(handle);
      }
    } catch (error) {
      this.remove();
      throw spillError(error, index);
    }
    bucket.lines = [];
    bucket.bytes = 0;
  }
}

function spillError(error: unknown, bucket?: number): NpsError {
  const why = error instanceof Error ? error.message : String(error);
  return new NpsError('output', `cannot keep the rows to list in ${tmpdir()}${bucket === undefined ? '' : ` (part ${bucket})`}: ${why}`, {
    hint: 'Free some space there, or set TMPDIR to a folder with room, and run again.',
  });
}

/** The text of a file, read in blocks of 1 MiB, in pieces that end after a line break (a row is never cut). */
function* readText(file: string): Generator<string> {
  const handle = openSync(file, 'r');
  try {
    const block = Buffer.allocUnsafe(1 << 20);
    // A character cut at the end of a block waits for the rest of its bytes.
    const decoder = new StringDecoder('utf8');
    let carry = '';
    for (;;) {
      const read = readSync(handle, block, 0, block.length, null);
      if (read === 0) break;
      const text = carry + decoder.write(block.subarray(0, read));
      const end = text.lastIndexOf('\n');
      carry = text.slice(end + 1);
      if (end >= 0) yield text.slice(0, end + 1);
    }
    carry += decoder.end();
    if (carry !== '') yield carry;
  } finally {
    closeSync(handle);
  }
}
