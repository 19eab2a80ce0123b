// The count step: every data row of an opened survey, read once, into one RowCounter per spec
// (a spec per metric). Three Counters do it: the text path (rows as text, sources → RowCounter);
// the byte path on two threads (parallel/) for a large CSV file; and the byte path on this
// thread for CSV read once as it streams (standard input, a pipe, gzip). They give the same
// counts, skips and row numbers (parallel/README.md). Only this file knows that parallel/ exists.

import { readPath, type Io } from './io.js';
import { RowCounter, type CounterSpec, type Handoff } from '../mapping/row-counter.js';
import type { Survey } from '../mapping/survey.js';
import { countInParallel } from '../parallel/count-csv.js';
import { CountingThreads } from '../parallel/threads.js';
import { StreamParts } from '../parallel/count-stream.js';
import type { ByteSink } from '../sources/types.js';
import { largeTextFile } from '../sources/index.js';
import { readOnce } from '../sources/input.js';
import type { RawRow } from '../sources/types.js';
import type { FileProfile } from '../mapping/file-profile.js';
import { AnswerTap, partGatherer, type GatherSink, type GatherSpec } from '../mapping/gather.js';

/** What to count in one read of the rows. */
export interface CountJob {
  /** One spec per metric; every row is counted for each. */
  specs: CounterSpec[];
  /** Per spec: takes counted answers elsewhere instead of tallying them (--dedupe; see RowCounter). */
  handoffs: readonly (((answer: Handoff) => boolean) | undefined)[];
  /**
   * The first spec's counted answers gathered too (rows to list, comments; never with a handoff
   * of its own): on the threads per part, added up into the sink in file order.
   */
  gather?: { spec: GatherSpec; sink: GatherSink } | undefined;
  /** Every data row profiled, column by column (inspect): on the threads too, per part, added up in file order. */
  profile?: FileProfile | undefined;
  /** The fields decoded past the sample (null: all of them). */
  wanted: boolean[] | null;
  /** Called after each batch of rows with the number read so far (for a progress line). */
  onBatch?: ((rowsRead: number) => void) | undefined;
}

/** Counts a survey's rows: the text path or the byte path. */
export interface Counter {
  count(survey: Survey, job: CountJob): Promise<RowCounter[]>;
}

/** The text path: the sample, then the rest in batches, each row through every spec's RowCounter. */
export const textCounter: Counter = {
  async count(survey, job) {
    const gather = job.gather;
    const gatherer = gather === undefined ? null : partGatherer(gather.spec.what);
    const tap = gatherer === null ? null : new AnswerTap(gather?.spec.window ?? null, gatherer);
    const counters = job.specs.map((spec, i) => new RowCounter(spec, i === 0 && tap !== null ? tap.handoff : job.handoffs[i]));
    const profile = job.profile;
    const consume = (row: RawRow): void => {
      profile?.add(row.cells, row.row);
      for (const counter of counters) counter.consume(row);
    };
    /** What was gathered goes on to the sink once there is much of it (rows to list), and at the end. */
    const pass = (all: boolean): void => {
      if (gatherer !== null && (all || gatherer.full)) gather?.sink.absorb(gatherer.take());
    };
    for (const row of survey.sample) consume(row);
    pass(false);
    survey.project(job.wanted);
    for await (const batch of survey.rest) {
      for (const row of batch) consume(row);
      pass(false);
      job.onBatch?.(counters[0]?.rowsRead ?? 0);
    }
    pass(true);
    return counters;
  },
};

/**
 * The byte path for CSV that can be read only once, as it streams (standard input, a pipe,
 * gzip): the rows read ahead (the sample, and the rest of the read that held its end) are
 * counted as text, then the bytes after them are cut into parts that two threads count
 * (parallel/count-stream.ts); the two counts add up in file order, with the text path's row
 * numbers.
 */
function streamCounter(rawBytes: (sink: ByteSink) => void, how: Counting): Counter {
  return {
    async count(survey, job) {
      const parts = new StreamParts(job.specs, survey.info.file, job.wanted, how.partBytes, (rows) => job.onBatch?.(rows));
      // The rows read ahead go the text path; the bytes after them, to the parts (progress is theirs).
      rawBytes(parts);
      const reading = textCounter.count(survey, { ...job, onBatch: undefined });
      // A part's error ends the count even while the reading waits for bytes that may never come (a pipe held open).
      reading.catch(() => undefined);
      let counters: RowCounter[];
      try {
        counters = await Promise.race([reading, parts.failing]);
      } catch (error) {
        await parts.stop();
        throw error;
      }
      (await parts.result()).forEach((counted, i) => (counters[i] as RowCounter).take(counted, 0));
      return counters;
    },
  };
}

/** The byte path: two threads count parts of a CSV file from its bytes (the sample is counted again with its part). */
function byteCounter(parallel: NonNullable<Survey['parallel']>, how: Counting): Counter {
  return {
    async count(survey, job) {
      await survey.close();
      let counters: RowCounter[];
      try {
        counters = await countInParallel(
          { ...parallel, wanted: job.wanted, partBytes: how.partBytes },
          job.specs,
          how.threads,
          (rows, bytes) => {
            survey.progress.bytesRead = bytes;
            job.onBatch?.(rows);
          },
          job.profile,
          job.gather && { spec: job.gather.sink.forThreads?.(job.gather.spec) ?? job.gather.spec, sink: job.gather.sink },
        );
      } catch (error) {
        // A file cut short while its parts were read can fail anywhere: say what happened instead.
        parallel.unchanged();
        throw error;
      }
      parallel.unchanged();
      return counters;
    },
  };
}

/**
 * How a run counts: from what size a CSV file goes to the threads, and the threads themselves,
 * started ahead while the head of the file is read and its columns chosen (a thread is slow to
 * start: BENCHMARKS.md). `release` ends the threads not used.
 */
export interface Counting {
  parallelFromBytes: number | undefined;
  partBytes: number | undefined;
  threads: CountingThreads | undefined;
  release(): void;
}

/**
 * The counting of a run that reads `file`. `rowsHandedOn`: answers go elsewhere one by one
 * (the rows --dedupe keeps for list and comments), which only the text path does: no threads
 * are started.
 */
export function countingFor(file: string, io: Io, rowsHandedOn: boolean): Counting {
  const parallelFromBytes = parallelThreshold(io);
  const path = readPath(file, io);
  const large = !rowsHandedOn && parallelFromBytes !== undefined && path !== null && !readOnce(path) && largeTextFile(path, parallelFromBytes);
  const threads = large ? new CountingThreads() : undefined;
  return { parallelFromBytes, partBytes: partBytes(io), threads, release: () => threads?.release() };
}

/**
 * The Counter for this survey and job, when its rows are not handed on: the byte path on two
 * threads for a large CSV file; on this thread for CSV read once (standard input, a pipe: no
 * size) or large and not cut into parts (gzip, UTF-16). Else the text path.
 */
export function counterFor(survey: Survey, job: CountJob, how: Counting): Counter {
  const parallel = survey.parallel;
  const handedOn = job.handoffs.some((handoff) => handoff !== undefined);
  const from = how.parallelFromBytes;
  if (!handedOn && parallel && from !== undefined && parallel.size - parallel.dataStart >= from) {
    return byteCounter(parallel, how);
  }
  // Parts of a stream are not profiled nor gathered from (inspect, list and comments read standard input as text).
  if (!handedOn && job.profile === undefined && job.gather === undefined && !parallel && survey.rawBytes !== null && from !== undefined && (survey.size === null || survey.size >= from)) {
    how.release();
    return streamCounter(survey.rawBytes, how);
  }
  // Not counted in parts after all (a workbook, a small file): the threads go at once.
  how.release();
  return textCounter;
}

/** Files with more data than this (bytes) are counted on two threads; NPS_PARALLEL_BYTES changes it (tests set 0). */
const PARALLEL_FROM_BYTES = 32 * 1000 * 1000;

function parallelThreshold(io: Io): number | undefined {
  const given = io.env.NPS_PARALLEL_BYTES;
  if (given === 'off') return undefined;
  return given !== undefined && /^\d+$/.test(given) ? Number(given) : PARALLEL_FROM_BYTES;
}

/** NPS_PART_BYTES: the size of the parts counted in parallel (tests make them small); else the default. */
function partBytes(io: Io): number | undefined {
  const given = io.env.NPS_PART_BYTES;
  return given !== undefined && /^[1-9]\d*$/.test(given) ? Number(given) : undefined;
}
