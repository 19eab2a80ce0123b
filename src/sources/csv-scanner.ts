// A byte-level CSV scanner: RFC 4180 quoting with csv-parse's relaxed rules (the options the
// CSV source used: relax_quotes, relax_column_count, skip_empty_lines, bom), resumable across
// chunks, decoding only the fields asked for. It works on the bytes of any ASCII-compatible
// encoding (UTF-8, Windows-1252), where delimiters, quotes and line breaks are single bytes.
//
// Records come out two ways: as decoded strings (`push`/`end`), or as the scanner's view of
// the record's bytes and field bounds (`pushRaw`/`endRaw`), for a reader that wants no string
// per field.

import { StructuralIndex, WINDOW } from './csv-structural.js';
import { singleByteDecoder } from './windows-1252.js';

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

export type FieldDecoder = (bytes: Buffer, start: number, end: number) => string;

export const utf8Field: FieldDecoder = (bytes, start, end) => bytes.toString('utf8', start, end);

/** The field decoder of an encoding whose bytes the scanner reads (UTF-8, or a single-byte one such as Windows-1252). */
export function fieldDecoderFor(encoding: string): FieldDecoder {
  if (encoding === 'utf-8') return utf8Field;
  const decode = singleByteDecoder(encoding);
  return (bytes, start, end) => {
    // ASCII needs no table; most fields are.
    for (let i = start; i < end; i++) if ((bytes[i] ?? 0) >= 0x80) return decode(bytes, start, end);
    return bytes.toString('latin1', start, end);
  };
}

/** Field kinds: the raw bytes are the value; a quoted value; a quoted start followed by more text (kept literally). */
export const PLAIN = 0;
const QUOTED = 1;
const RELAXED = 2;

/**
 * How far a field's text lies inside its bytes, by the field's kind: 0 for a plain field; 1 for
 * a quoted one, whose text is between its quotes once each "" inside is read as one quote (a
 * reader that takes the bytes as the text must refuse a quote there); -1 for text after a
 * closing quote (decode the field). Exports that quote every field stay on the bytes.
 */
export function insideQuotes(kind: number): number {
  return kind === PLAIN ? 0 : kind === QUOTED ? 1 : -1;
}

export class UnclosedQuoteError extends Error {
  constructor(readonly record: number, readonly line: number) {
    super(`a quoted field opened on record ${record} (line ${line}) is never closed`);
  }
}

/** More fields in one record than any export has: a hostile or broken file, whose header alone would take the memory. */
export const MAX_FIELDS = 100_000;

export class TooManyFieldsError extends Error {
  constructor(readonly record: number, readonly line: number) {
    super(`record ${record} (line ${line}) has more than ${MAX_FIELDS} fields`);
  }
}

export interface ScannerStart {
  /** The record delimiter when already known (1 LF, 2 CRLF, 3 CR), for a scan that starts mid-file. */
  newline?: number;
  /** The byte offset of the first byte pushed, and whether a BOM may stand there. */
  offset?: number;
  fileStart?: boolean;
  /** Records before the first byte pushed, and the line it stands on (for messages: a part of a file). */
  records?: number;
  line?: number;
  /** False: find the structural bytes without WebAssembly, as where it is missing (for tests). */
  wasm?: boolean;
  /** The index to find them with, when one is at hand for this delimiter (a thread counting many parts). */
  structural?: StructuralIndex;
}

/** Called for each record: its number, its fields, and the byte offsets where it starts and ends (after its line break). */
export type RecordHandler = (record: number, fields: string[], start: number, end: number) => void;

/**
 * One record as bytes, valid only during the call that hands it over: field i lies at
 * bytes[starts[i]] … bytes[ends[i] - 1] (quotes included), and is PLAIN when kinds[i] says so.
 * Every field is counted in fieldCount; only the fields asked for (`wanted`) are sure to be
 * placed, and the others' places are not to be read: in a run of plain fields, and in a record
 * with no quote, only the fields asked for (and the first) are placed (BENCHMARKS.md, issue 17,
 * eleventh and twelfth sessions).
 */
export interface RawRecord {
  readonly bytes: Buffer;
  readonly starts: Int32Array;
  readonly ends: Int32Array;
  readonly kinds: Int32Array;
  readonly fieldCount: number;
  /** The record's number (from 1) and its byte offsets in the input (the end after its line break). */
  readonly recordNumber: number;
  readonly recordOffset: number;
  readonly recordEnd: number;
  /** The record's fields decoded (the unwanted ones as ''). */
  fields(): string[];
  /** Field `i` decoded, as fields() gives it (undefined past the record's last field). */
  field(i: number): string | undefined;
}

export type RawRecordHandler = (record: RawRecord) => void;

function grown(old: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> {
  const bigger = new Int32Array(old.length * 2);
  bigger.set(old);
  return bigger;
}

export class CsvScanner implements RawRecord {
  private pending: Buffer = Buffer.alloc(0);
  /** Where an unfinished record and the chunks after it are joined (see pushRaw). */
  private store: Buffer = Buffer.alloc(0);
  /** The file offset of pending[0]. */
  private base = 0;
  /** Where scanning resumes in `pending`, and where the current record starts. */
  private pos = 0;
  private recordStart = 0;
  /** Field boundaries of the current record (the first `count`): start, end, kind, close-quote position. */
  starts: Int32Array<ArrayBuffer> = new Int32Array(64);
  ends: Int32Array<ArrayBuffer> = new Int32Array(64);
  kinds: Int32Array<ArrayBuffer> = new Int32Array(64);
  private closes: Int32Array<ArrayBuffer> = new Int32Array(64);
  private count = 0;
  private fieldStart = 0;
  private inQuotes = false;
  private kind = PLAIN;
  private close = -1;
  /** The first line break seen (0 none yet, 1 LF, 2 CRLF, 3 CR), as a file's style; every kind ends a record. */
  private newline = 0;
  private records = 0;
  private lines = 1;
  private recordLine = 1;
  private atFileStart = true;
  // The RawRecord view of the record being handed over, set before each hand-over.
  bytes: Buffer = this.pending;
  fieldCount = 0;
  recordNumber = 0;
  recordOffset = 0;
  recordEnd = 0;
  private wantedFields: boolean[] | null = null;
  /** Fields after this one are only counted: their bounds are not kept (0 and up; all when null). */
  private lastPlaced = Number.MAX_SAFE_INTEGER;
  /** 1 for each field asked for (`wanted`); null: every field. */
  private placing: Uint8Array | null = null;
  /** The fields asked for but the first, in order (the first is always placed); null: every field. */
  private placedAfterFirst: Int32Array | null = null;
  private readonly index: StructuralIndex;

  constructor(
    private readonly delimiter: number,
    private readonly decode: FieldDecoder = utf8Field,
    start: ScannerStart = {},
  ) {
    this.index = start.structural ?? new StructuralIndex(delimiter, start.wasm ?? true);
    this.newline = start.newline ?? 0;
    this.records = start.records ?? 0;
    this.lines = this.recordLine = start.line ?? 1;
    this.base = start.offset ?? 0;
    this.atFileStart = start.fileStart ?? true;
  }

  /** Which fields to decode; null for all. Others come out as ''. */
  get wanted(): boolean[] | null {
    return this.wantedFields;
  }

  set wanted(wanted: boolean[] | null) {
    this.wantedFields = wanted;
    this.lastPlaced = wanted === null ? Number.MAX_SAFE_INTEGER : Math.max(0, wanted.lastIndexOf(true));
    this.placing = wanted === null ? null : Uint8Array.from(wanted, (w) => (w ? 1 : 0));
    this.placedAfterFirst = wanted === null ? null : Int32Array.from(wanted.flatMap((w, i) => (w && i > 0 ? [i] : [])));
  }

  /** The record delimiter seen so far: 0 unknown, 1 LF, 2 CRLF, 3 CR. */
  get newlineMode(): number {
    return this.newline;
  }

  get recordsSeen(): number {
    return this.records;
  }

  /** The line the scan has reached (from 1, or from ScannerStart.line). */
  get line(): number {
    return this.lines;
  }

  /** The line the unfinished record (the next one) starts on. */
  get recordStartLine(): number {
    return this.recordLine;
  }

  /** Scans a chunk; calls `onRecord(recordNumber, fields)` for every complete record. */
  push(chunk: Buffer, onRecord: RecordHandler): void {
    this.pushRaw(chunk, decoded(onRecord));
  }

  /** The end of the input: the last record, or an unclosed quote. */
  end(onRecord: RecordHandler): void {
    this.endRaw(decoded(onRecord));
  }

  pushRaw(chunk: Buffer, onRecord: RawRecordHandler): void {
    if (this.pending.length === 0) this.pending = chunk;
    else {
      // The unfinished record and the new chunk, one after the other in `store`, which grows by
      // doubling and is written into in place while the record goes on: a quoted field of 80 MB
      // costs one copy of each chunk, not a copy of all the field so far at every chunk.
      const kept = this.pending.subarray(this.recordStart);
      const need = kept.length + chunk.length;
      const inPlace = kept.byteOffset === this.store.byteOffset && kept.buffer === this.store.buffer && this.store.length >= need;
      if (!inPlace) {
        const store = this.store.length >= need ? this.store : Buffer.allocUnsafe(Math.max(need, 2 * this.store.length, 1 << 16));
        kept.copy(store, 0);
        this.store = store;
      }
      chunk.copy(this.store, kept.length);
      this.pending = this.store.subarray(0, need);
      this.rebaseBy(this.recordStart);
    }
    this.scanPending(onRecord);
  }

  /** The bytes of the unfinished record, kept between pushes (a view of the last chunk). */
  get unfinished(): Buffer {
    return this.pending;
  }

  /**
   * Scans bytes that start with a copy of `unfinished` and go on with new input: for a reader
   * that copies the unfinished record into its own buffer instead of having it joined here.
   */
  pushContinued(bytes: Buffer, onRecord: RawRecordHandler): void {
    this.pending = bytes;
    this.scanPending(onRecord);
  }

  private scanPending(onRecord: RawRecordHandler): void {
    if (this.atFileStart && this.pending.length >= 3) this.skipBom();
    this.scan(false, onRecord);
    // Keep only the unfinished record.
    if (this.recordStart > 0) {
      this.base += this.recordStart;
      this.pending = this.pending.subarray(this.recordStart);
      this.rebaseBy(this.recordStart);
    }
  }

  endRaw(onRecord: RawRecordHandler): void {
    if (this.atFileStart) this.skipBom();
    this.scan(true, onRecord);
    if (this.inQuotes) throw new UnclosedQuoteError(this.records + 1, this.recordLine);
    if (this.pos > this.recordStart || this.count > 0) {
      this.endField(this.pos);
      this.handOver(this.pos, onRecord);
    }
    this.pending = Buffer.alloc(0);
  }

  private skipBom(): void {
    const p = this.pending;
    if (p.length >= 3 && p[0] === 0xef && p[1] === 0xbb && p[2] === 0xbf) this.pos = this.fieldStart = this.recordStart = 3;
    this.atFileStart = false;
  }

  private rebaseBy(offset: number): void {
    if (offset === 0) return;
    this.pos -= offset;
    this.fieldStart -= offset;
    this.recordStart = 0;
    for (let i = 0; i < Math.min(this.count, this.lastPlaced + 1); i++) {
      this.starts[i] = (this.starts[i] ?? 0) - offset;
      this.ends[i] = (this.ends[i] ?? 0) - offset;
      if ((this.closes[i] ?? -1) >= 0) this.closes[i] = (this.closes[i] ?? 0) - offset;
    }
    if (this.close >= 0) this.close -= offset;
  }

  private growFields(): void {
    this.starts = grown(this.starts);
    this.ends = grown(this.ends);
    this.kinds = grown(this.kinds);
    this.closes = grown(this.closes);
  }

  /** Ends the last field at `end` (outside the scan loop: at the end of the input). */
  private endField(end: number): void {
    const n = this.count++;
    if (n <= this.lastPlaced) {
      if (n === this.starts.length) this.growFields();
      this.starts[n] = this.fieldStart;
      this.ends[n] = end;
      this.kinds[n] = this.kind;
      this.closes[n] = this.close;
    }
    this.kind = PLAIN;
    this.close = -1;
  }

  /** The record ended by a line break, its last byte before `next`: handed over, and the next starts on the next line. */
  private endRecord(next: number, onRecord: RawRecordHandler): void {
    this.handOver(next, onRecord);
    this.lines++;
    this.recordStart = next;
    this.recordLine = this.lines;
  }

  /** The first line break outside quotes (`width` bytes from `byte`) sets the file's style: 1 LF, 2 CRLF, 3 CR. */
  private noteLineBreak(byte: number, width: number): void {
    if (this.newline === 0) this.newline = byte === LF ? 1 : width === 2 ? 2 : 3;
  }

  /** Hands the record whose fields are all ended over (unless it is an empty line), and starts the next. */
  private handOver(next: number, onRecord: RawRecordHandler): void {
    // A record of no bytes at all is an empty line: skipped, as csv-parse's skip_empty_lines does.
    const empty = this.count === 1 && this.ends[0] === this.starts[0] && this.kinds[0] === PLAIN;
    if (!empty) {
      this.records++;
      this.bytes = this.pending;
      this.fieldCount = this.count;
      this.recordNumber = this.records;
      this.recordOffset = this.base + this.recordStart;
      this.recordEnd = this.base + next;
      onRecord(this);
    }
    this.count = 0;
  }

  fields(): string[] {
    const fields = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) fields[i] = this.field(i) as string;
    return fields;
  }

  field(i: number): string | undefined {
    if (i >= this.count) return undefined;
    if (this.wantedFields !== null && !this.wantedFields[i]) return '';
    const bytes = this.pending;
    const start = this.starts[i] ?? 0;
    const end = this.ends[i] ?? 0;
    const kind = this.kinds[i];
    if (kind === PLAIN) return this.decode(bytes, start, end);
    if (kind === QUOTED) return unescape(this.decode(bytes, start + 1, end - 1));
    const close = this.closes[i] ?? end;
    return `"${unescape(this.decode(bytes, start + 1, close))}"${this.decode(bytes, close + 1, end)}`;
  }

  private scan(atEnd: boolean, onRecord: RawRecordHandler): void {
    const bytes = this.pending;
    const length = bytes.length;
    const delimiter = this.delimiter;
    // The structural bytes (delimiter, quote, CR, LF) are found a window at a time, afresh on
    // each call (the bytes change): every other byte is plain text, jumped over.
    const index = this.index;
    const lastPlaced = this.lastPlaced;
    const placing = this.placing;
    // The hot state lives in locals, written back before a record is handed over and at the end.
    let i = this.pos;
    let fieldStart = this.fieldStart;
    let kind = this.kind;
    let count = this.count;
    let starts = this.starts;
    let ends = this.ends;
    let kinds = this.kinds;
    let closes = this.closes;
    let close = this.close;
    let inQuotes = this.inQuotes;
    const placedAfterFirst = this.placedAfterFirst;
    windows: while (i < length) {
      const windowEnd = Math.min(i + WINDOW, length);
      index.index(bytes, i, windowEnd);
      const positions = index.positions;
      const breaks = index.breaks;
      const quotesBefore = index.quotesBefore;
      const found = index.count;
      const base = index.base;
      // positions[k] is the next structural byte to look at; breaks[b] the next line break.
      let k = 0;
      let b = 0;
      records: for (;;) {
        // At a record's start: the records that follow with no quote are read off one at a time.
        // Such a record ends at the next line break, and every position before it is a
        // delimiter: its fields lie between them, placed without a look at any other byte. A
        // record with a quote, or whose end is past the window, goes to the loop below.
        if (count === 0 && i === fieldStart && !inQuotes) {
          for (;;) {
            // Passed already: the LF of a CRLF.
            while (k < found && base + (positions[k] as number) < i) k++;
            while ((breaks[b] as number) < k) b++;
            const last = breaks[b] as number;
            if (last >= found) break;
            // A record starts at the window's start, or just after the line break before `b`.
            if (quotesBefore[b] !== (b === 0 ? 0 : quotesBefore[b - 1])) break;
            const at = base + (positions[last] as number);
            const byte = bytes[at] as number;
            let width = 1;
            if (byte === CR) {
              if (at + 1 >= length && !atEnd) break;
              if (bytes[at + 1] === LF) width = 2;
            }
            this.noteLineBreak(byte, width);
            // At most WINDOW fields, fewer than MAX_FIELDS: the positions of one window.
            count = last - k + 1;
            if (count > starts.length) {
              while (this.starts.length < Math.min(count, lastPlaced + 1)) this.growFields();
              ({ starts, ends, kinds, closes } = this);
            }
            // The first field always: an empty line is told by it (handOver).
            // Field f ends at positions[k + f] (the last at the line break, positions[last]).
            starts[0] = i;
            ends[0] = base + (positions[k] as number);
            kinds[0] = PLAIN;
            if (placedAfterFirst === null) {
              for (let f = 1; f < count; f++) {
                starts[f] = base + (positions[k + f - 1] as number) + 1;
                ends[f] = base + (positions[k + f] as number);
                kinds[f] = PLAIN;
              }
            } else {
              for (let w = 0; w < placedAfterFirst.length; w++) {
                const f = placedAfterFirst[w] as number;
                if (f >= count) break;
                starts[f] = base + (positions[k + f - 1] as number) + 1;
                ends[f] = base + (positions[k + f] as number);
                kinds[f] = PLAIN;
              }
            }
            this.count = count;
            this.endRecord(at + width, onRecord);
            count = 0;
            i = fieldStart = at + width;
            k = last + 1;
          }
        }
        for (; k < found; k++) {
          const at = base + (positions[k] as number);
          // Passed already: the second byte of "" or of CRLF.
          if (at < i) continue;
          if (at > i) {
            // Plain text; after a closing quote it is kept literally.
            if (!inQuotes && kind === QUOTED) kind = RELAXED;
            i = at;
          }
          const byte = bytes[i] as number;
          if (inQuotes) {
            // Inside quotes only a quote matters (and line breaks, for line numbers in messages).
            if (byte === QUOTE) {
              if (i + 1 >= length && !atEnd) break windows; // is it "" or a closing quote? wait for the next byte
              if (bytes[i + 1] === QUOTE) {
                i += 2;
                continue;
              }
              inQuotes = false;
              close = i;
            } else if (byte === LF) this.lines++;
            // A CR is a line of its own unless an LF follows (a CR at a chunk's end counts with the LF it may have).
            else if (byte === CR && i + 1 < length && bytes[i + 1] !== LF) this.lines++;
            i++;
            continue;
          }
          // A delimiter ends a field; a line break (`width` bytes) ends a record too.
          let width = 0;
          if (byte === QUOTE) {
            if (i === fieldStart && kind === PLAIN) {
              inQuotes = true;
              kind = QUOTED;
            } else if (kind === QUOTED) kind = RELAXED;
            i++;
            continue;
          }
          if (byte !== delimiter) {
            // Outside quotes every line break ends a record, whatever the first one was: CRLF, LF or
            // a lone CR (as Python's csv reads them; a file mixing them is a file pasted together).
            if (byte === LF) width = 1;
            else {
              if (i + 1 >= length && !atEnd) break windows;
              width = bytes[i + 1] === LF ? 2 : 1;
            }
            this.noteLineBreak(byte, width);
          }
          // A field after the last one asked for is only counted.
          if (count <= lastPlaced) {
            if (count === starts.length) {
              this.count = count;
              this.growFields();
              ({ starts, ends, kinds, closes } = this);
            }
            starts[count] = fieldStart;
            ends[count] = i;
            kinds[count] = kind;
            closes[count] = close;
          }
          count++;
          if (count > MAX_FIELDS) throw new TooManyFieldsError(this.records + 1, this.recordLine);
          kind = PLAIN;
          close = -1;
          if (width === 0) {
            i++;
            fieldStart = i;
            // The delimiters that come next straight away (no quote or line break before them)
            // each end a field of plain text: placed (when asked for) and counted in a loop of
            // their own, without the tests above. A field asked for with no room left in the
            // tables goes back to the loop above, which makes room.
            const room = Math.min(starts.length, lastPlaced + 1);
            while (k + 1 < found) {
              const next = base + (positions[k + 1] as number);
              if (bytes[next] !== delimiter) break;
              if (count < room) {
                if (placing === null || placing[count] === 1) {
                  starts[count] = fieldStart;
                  ends[count] = next;
                  kinds[count] = PLAIN;
                }
              } else if (count <= lastPlaced) break;
              k++;
              if (++count > MAX_FIELDS) throw new TooManyFieldsError(this.records + 1, this.recordLine);
              i = fieldStart = next + 1;
            }
            continue;
          }
          this.count = count;
          this.endRecord(i + width, onRecord);
          count = 0;
          i = fieldStart = i + width;
          k++;
          continue records;
        }
        break;
      }
      // No structural byte in the rest of the window: plain text.
      if (windowEnd > i) {
        if (!inQuotes && kind === QUOTED) kind = RELAXED;
        i = windowEnd;
      }
    }
    this.pos = i;
    this.close = close;
    this.inQuotes = inQuotes;
    this.fieldStart = fieldStart;
    this.kind = kind;
    this.count = count;
  }
}

/** A raw handler that decodes each record's fields for a string handler. */
function decoded(onRecord: RecordHandler): RawRecordHandler {
  return (record) => onRecord(record.recordNumber, record.fields(), record.recordOffset, record.recordEnd);
}

function unescape(text: string): string {
  return text.includes('""') ? text.replaceAll('""', '"') : text;
}
