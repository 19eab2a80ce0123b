// Rows kept for writing out later in another order (nps list: detractors by score, then
// passives, then promoters 10 before 9), in memory bounded whatever the file's size: each
// bucket's rows are kept in the order they came (file order: mapping/gather.ts hands them so),
// as the text they are written as, in UTF-8 (core/list-row.ts: a CSV record, a JSON item; a
// table's cells as a line of JSON); past a total of SPILL_BYTES they go to a file of their own in a
// temporary folder, removed once the rows are read back (or the run fails). Memory then holds a
// write buffer per bucket, not the rows.

import { closeSync, mkdtempSync, openSync, readSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { NpsError } from '../core/errors.js';
import type { Gathered, GatherSink, GatherSpec } from '../mapping/gather.js';

/** Rows held in memory before they go to disk (bytes of UTF-8). */
const SPILL_BYTES = 8 << 20;
/** A bucket's rows written to its file once it holds this much. */
const WRITE_BYTES = 1 << 20;

interface Bucket {
  /** Its rows in order: files (the threads' parts', or this spill's own), then runs of bytes not yet written. */
  files: string[];
  runs: Uint8Array[];
  /** The bytes of `runs`. */
  bytes: number;
  /** This spill's file for the bucket when it is the last of `files` (runs are added to its end). */
  own: string | null;
  rows: number;
}

export class RowSpill implements GatherSink {
  private readonly buckets: Bucket[];
  private folder: string | null = null;
  /** Runs held in memory, until they pass `spillBytes`: from then on each bucket's go to disk a few at a time. */
  private held = 0;
  private spilled = false;
  private files = 0;
  /** Removes the folder however the run ends, even when its rows are never read back (a failed -o); gone with the folder. */
  private readonly atExit = (): void => this.remove();

  /** `spillBytes`: rows held in memory before they go to disk (tests make it small). */
  constructor(buckets: number, private readonly spillBytes = SPILL_BYTES) {
    this.buckets = Array.from({ length: buckets }, () => ({ files: [], runs: [], bytes: 0, own: null, rows: 0 }));
  }

  get rows(): number {
    return this.buckets.reduce((sum, bucket) => sum + bucket.rows, 0);
  }

  /** The counting threads write their parts' rows into this spill's folder. */
  forThreads(spec: GatherSpec): GatherSpec {
    return spec.what.kind === 'list' ? { ...spec, what: { ...spec.what, folder: this.ensureFolder() } } : spec;
  }

  /** The next rows of each bucket (their text, one after another, or the file that holds it), after those kept. */
  absorb(gathered: Gathered): void {
    if (gathered.kind !== 'list') throw new Error(`rows to list expected, not ${gathered.kind}`);
    gathered.buckets.forEach(({ rows, bytes, file }, index) => {
      if (rows === 0) return;
      const bucket = this.buckets[index] as Bucket;
      bucket.rows += rows;
      if (file !== null) {
        // Runs held come before it: they go to disk first.
        this.write(bucket, index);
        bucket.files.push(file);
        bucket.own = null;
        return;
      }
      if (bytes === null) return;
      bucket.runs.push(bytes);
      bucket.bytes += bytes.length;
      if (!this.spilled) {
        this.held += bytes.length;
        if (this.held > this.spillBytes) this.spill();
      } else if (bucket.bytes > WRITE_BYTES) this.write(bucket, index);
    });
  }

  /**
   * Every bucket's rows as text, bucket after bucket, each in the order they came, in pieces.
   * `last`: no reading comes after this one, and the folder is removed at its end (or when it
   * stops early).
   */
  async *text(last = true): AsyncGenerator<Uint8Array> {
    try {
      for (const bucket of this.buckets) {
        for (const file of bucket.files) yield* readBytes(file);
        yield* bucket.runs;
      }
    } finally {
      if (last) this.remove();
    }
  }

  /** The rows kept as cells, a line of JSON each (a table's): every bucket's, as `text` hands them. */
  async *read(last = true): AsyncGenerator<string[]> {
    // A character cut between two pieces waits for the rest of its bytes.
    const decoder = new StringDecoder('utf8');
    let carry = '';
    for await (const piece of this.text(last)) {
      const text = carry + decoder.write(piece);
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
    if (this.folder === null) return;
    rmSync(this.folder, { recursive: true, force: true });
    this.folder = null;
    // A listener left for each spill piled up in a process that lists many times (the tests').
    process.removeListener('exit', this.atExit);
  }

  private ensureFolder(): string {
    if (this.folder !== null) return this.folder;
    try {
      this.folder = mkdtempSync(join(tmpdir(), 'nps-list-'));
    } catch (error) {
      throw spillError(error);
    }
    process.once('exit', this.atExit);
    return this.folder;
  }

  private spill(): void {
    this.ensureFolder();
    this.spilled = true;
    this.buckets.forEach((bucket, index) => this.write(bucket, index));
  }

  /** The bucket's runs held, added to the end of its own file (a new one when a file of the threads' came last). */
  private write(bucket: Bucket, index: number): void {
    if (bucket.runs.length === 0) return;
    const folder = this.ensureFolder();
    try {
      if (bucket.own === null) {
        bucket.own = join(folder, `${index}-${this.files++}`);
        bucket.files.push(bucket.own);
      }
      const handle = openSync(bucket.own, 'a');
      try {
        for (const run of bucket.runs) writeSync(handle, run);
      } finally {
        closeSync(handle);
      }
    } catch (error) {
      this.remove();
      throw spillError(error, index);
    }
    bucket.runs = [];
    bucket.bytes = 0;
  }
}

function spillError(error: unknown, bucket?: number): NpsError {
  const why = error instanceof Error ? error.message : String(error);
  return new NpsError('output', `cannot keep the rows to list in ${tmpdir()}${bucket === undefined ? '' : ` (part ${bucket})`}: ${why}`, {
    hint: 'Free some space there, or set TMPDIR to a folder with room, and run again.',
  });
}

/** The bytes of a file, in blocks of 1 MiB (each its own: they are written out as they come). */
function* readBytes(file: string): Generator<Uint8Array> {
  const handle = openSync(file, 'r');
  try {
    for (;;) {
      const block = Buffer.allocUnsafeSlow(1 << 20);
      const read = readSync(handle, block, 0, block.length, null);
      if (read === 0) break;
      yield block.subarray(0, read);
    }
  } finally {
    closeSync(handle);
  }
}
