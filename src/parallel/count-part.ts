// Counting the records of one byte range of a CSV file: those that start before `stop`.
// Runs in a worker thread (count-worker.ts), or in the main one for a file not split.

// fs.promises is loaded on first use, not with this module (start-up of small runs).
import { promises as fs } from 'node:fs';
import { CsvScanner, fieldDecoderFor, type RawRecord } from '../sources/csv-scanner.js';
import { scannerError } from '../sources/csv.js';
import { StructuralIndex } from '../sources/csv-structural.js';
import { NotUtf8, Utf8Check } from '../sources/decode.js';
import type { CounterSpec } from '../mapping/row-counter.js';
import type { FileProfileData, FileProfileSpec } from '../mapping/file-profile.js';
import { ByteProfile } from './byte-profile.js';
import { AnswerTap, partGatherer, type Gathered, type GatherSpec, type PartGatherer } from '../mapping/gather.js';
import { ByteCounter, RecordDate, type PartCount } from './byte-counter.js';
import type { SpareBuffers } from './spare-buffers.js';

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
  /** What to count, one spec per metric: each record is read once and counted for each. */
  specs: CounterSpec[];
  /** Check that the bytes read are UTF-8 (the file was judged so from its head); NotUtf8 if not. */
  checkUtf8: boolean;
  /**
   * The records before the part and the line it starts on, when known: then the part's rows and
   * lines are numbered as in the whole file (in its messages and its count). Else from 1.
   */
  recordsBefore?: number;
  line?: number;
  /**
   * The part's bytes themselves, from `start` (input that cannot be read again: standard
   * input); `path` is then only a name. Unless `final`, the input goes on after them: a record
   * they leave unfinished is not counted but told (PartResult.tail).
   */
  data?: Uint8Array;
  final?: boolean;
  /** Profile every record too (inspect; `wanted` is then null): PartResult.profile. */
  profile?: FileProfileSpec;
  /** Gather from the first spec's counted answers too (rows to list, comments): PartResult.gathered. */
  gather?: GatherSpec;
}

export interface PartResult {
  /** One count per spec, in the order of the specs. */
  counts: PartCount[];
  /** The part could not be counted (see PartFailed); its counts hold only their new groups' keys. */
  failed?: true;
  /** Records counted, and the offset where the last of them ended (after its line break; `start` when none). */
  records: number;
  end: number;
  /** A part of bytes given (not final): the bytes of the record left unfinished at their end, and the line it starts on (from the task's line). */
  tail?: { bytes: number; line: number };
  /** With PartTask.profile: the profile of the part's records (rows numbered as its count's). */
  profile?: FileProfileData;
  /** With PartTask.gather: what the part's counted answers gave, in their order. */
  gathered?: Gathered;
}

class Stop extends Error {}

/** How far past its stop a part reads at a time, looking for the end of its last record. */
const PAST_STOP = 1 << 12;

/**
 * A part that could not be counted (a quoted field still open at the end of the file, an
 * invalid value under --strict): why, and the part's count so far, whose new groups' keys must
 * still go out (the thread's later parts number groups after them). Whether it matters depends
 * on whether the part started at a record boundary (count-csv.ts).
 */
export class PartFailed extends Error {
  constructor(
    readonly counts: PartCount[],
    readonly reason: unknown,
  ) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/**
 * Why a part that starts at a record boundary could not be counted: the part counted again on
 * this thread, numbered as `task` says, and the reason it fails with.
 */
export async function failureReason(task: PartTask): Promise<unknown> {
  try {
    await new PartCounter(task.specs).count(task);
  } catch (error) {
    return error instanceof PartFailed ? error.reason : error;
  }
  return new Error(`a part of ${task.specs[0]?.file ?? task.path} could not be counted in a thread, and could here`);
}

/** How much each read takes, and the room kept in front of it (smaller in tests, to cross many chunk ends). */
export interface ReadSizes {
  chunk: number;
  room: number;
}

/**
 * Counts parts of one file, one after another, for a thread: its ByteCounter (memos, groups)
 * and its read buffers serve every part.
 */
export class PartCounter {
  private readonly counters: ByteCounter[];
  /** Several counters (a metric each): the record's date, read by the first that needs it. */
  private readonly recordDate: RecordDate | null;
  private readonly buffers: Buffer[];
  /** The scanners' index of structural bytes, made once (each holds its own WebAssembly memory). */
  private structural: StructuralIndex | undefined;
  private readonly chunkSize: number;
  private readonly room: number;
  /** The part under way: where it stops, its records so far, and where the last of them ended. */
  private stop = Infinity;
  private recordsBefore = 0;
  private records = 0;
  private end = 0;
  /** The part's profile, and what it gathers, when its task asks for them. */
  private profile: ByteProfile | null = null;
  /** Made for the first part profiled, started again for each next one. */
  private byteProfile: ByteProfile | null = null;
  private gatherer: PartGatherer | null = null;
  /**
   * One record handler for every part, not a closure per part: the scan loop calls it, and a new
   * function there would throw away the loop's optimised code at each part.
   */
  private readonly onRecord = (record: RawRecord): void => {
    if (record.recordOffset >= this.stop) throw new Stop();
    this.records++;
    this.end = record.recordEnd;
    const row = this.recordsBefore + this.records;
    this.profile?.add(record, row);
    this.recordDate?.forget();
    for (const counter of this.counters) counter.consume(record, row);
  };

  /** `spare`: on a counting thread, the buffers the main thread gave back, for the parts' counts. */
  constructor(specs: readonly CounterSpec[], { chunk, room }: ReadSizes = { chunk: 1 << 20, room: 1 << 16 }, spare: SpareBuffers | null = null) {
    this.recordDate = specs.length > 1 ? new RecordDate() : null;
    this.counters = specs.map((spec) => new ByteCounter(spec, this.recordDate, undefined, spare));
    // Three buffers in turn: one scanned, one being read into, one spare for the record carried over.
    this.buffers = [0, 1, 2].map(() => Buffer.allocUnsafe(room + chunk));
    this.chunkSize = chunk;
    this.room = room;
  }

  async count(task: PartTask, onProgress?: (rows: number, bytes: number) => void): Promise<PartResult> {
    const { buffers, chunkSize, room, onRecord } = this;
    this.structural ??= new StructuralIndex(task.delimiter);
    this.recordsBefore = task.recordsBefore ?? 0;
    const scanner = new CsvScanner(task.delimiter, fieldDecoderFor(task.encoding), {
      newline: task.newline,
      offset: task.start,
      fileStart: task.start === 0,
      records: this.recordsBefore,
      line: task.line ?? 1,
      structural: this.structural,
    });
    scanner.wanted = task.wanted;
    this.stop = task.stop;
    this.profile = task.profile ? (this.byteProfile?.restart(task.profile) ?? (this.byteProfile = new ByteProfile(task.profile))) : null;
    this.gatherer = task.gather ? partGatherer(task.gather.what) : null;
    const first = this.counters[0];
    if (first !== undefined) first.tap = this.gatherer === null ? null : new AnswerTap(task.gather?.window ?? null, this.gatherer);
    this.records = 0;
    this.end = task.start;
    let bytes = 0;
    // Reads of 1 MiB, the next one under way while this one is scanned. Each read lands after
    // room (64 KiB; a longer record is joined by the scanner) for the record left unfinished by
    // the chunk before, which is copied in front of it: no buffer is allocated per chunk.
    const data = task.data;
    const handle = data === undefined ? await fs.open(task.path, 'r') : null;
    /**
     * Reads into buffers[turn]; how many bytes came. Past the part's stop only a little at first,
     * then twice as much each time: what is needed there is the end of the part's last record,
     * most often a few bytes on (whole chunks there would be read for nothing).
     */
    let pastStop = PAST_STOP;
    const read = async (position: number, turn: number): Promise<number> => {
      if (data !== undefined) {
        const from = position - task.start;
        const length = Math.max(0, Math.min(chunkSize, data.length - from));
        (buffers[turn] as Buffer).set(data.subarray(from, from + length), room);
        return length;
      }
      const wanted = position >= task.stop ? pastStop : task.stop - position + PAST_STOP;
      if (position >= task.stop) pastStop *= 2;
      return (await (handle as fs.FileHandle).read(buffers[turn] as Buffer, room, Math.min(chunkSize, wanted), position)).bytesRead;
    };
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
        // Reads go past the part's end (to find where its last record ends): those bytes are the next part's.
        onProgress?.(this.records, Math.min(bytes, task.stop - task.start));
      }
      // A character cut off at the very end of the file.
      if (utf8 !== null && !utf8.end()) throw new NotUtf8();
      // Bytes given that the input goes on after: their last record may go on too.
      if (data === undefined || task.final === true) scanner.endRaw(onRecord);
    } catch (error) {
      if (!(error instanceof Stop)) {
        // The part's rows so far are dropped, the counter set for the next part.
        const counts = this.takeParts();
        if (error instanceof NotUtf8) throw error;
        throw new PartFailed(counts, scannerError(task.specs[0]?.file ?? task.path, error));
      }
    } finally {
      // A read still under way (after a stop) ends before the file closes.
      await next.catch(() => undefined);
      await handle?.close();
    }
    const tail = data !== undefined && task.final !== true ? { tail: { bytes: scanner.unfinished.length, line: scanner.recordStartLine } } : {};
    const profile = this.profile === null ? {} : { profile: this.profile.data() };
    const gathered = this.gatherer === null ? {} : { gathered: this.gatherer.take() };
    return { counts: this.takeParts(), records: this.records, end: this.end, ...tail, ...profile, ...gathered };
  }

  private takeParts(): PartCount[] {
    return this.counters.map((counter) => counter.takePart());
  }
}
