// A byte-level CSV scanner: RFC 4180 quoting with csv-parse's relaxed rules (the options the
// CSV source used: relax_quotes, relax_column_count, skip_empty_lines, bom), resumable across
// chunks, decoding only the fields asked for. It works on the bytes of any ASCII-compatible
// encoding (UTF-8, Windows-1252), where delimiters, quotes and line breaks are single bytes.

const QUOTE = 0x22;
const CR = 0x0d;
const LF = 0x0a;

export type FieldDecoder = (bytes: Buffer, start: number, end: number) => string;

export const utf8Field: FieldDecoder = (bytes, start, end) => bytes.toString('utf8', start, end);

/** The field decoder of an encoding whose bytes the scanner reads (UTF-8, or a single-byte one such as Windows-1252). */
export function fieldDecoderFor(encoding: string): FieldDecoder {
  if (encoding === 'utf-8') return utf8Field;
  const decoder = new TextDecoder(encoding);
  return (bytes, start, end) => {
    // ASCII needs no table; most fields are.
    for (let i = start; i < end; i++) if ((bytes[i] ?? 0) >= 0x80) return decoder.decode(bytes.subarray(start, end));
    return bytes.toString('latin1', start, end);
  };
}

/** Field kinds: the raw bytes are the value; a quoted value; a quoted start followed by more text (kept literally). */
const PLAIN = 0;
const QUOTED = 1;
const RELAXED = 2;

export class UnclosedQuoteError extends Error {
  constructor(readonly record: number, readonly line: number) {
    super(`a quoted field opened on record ${record} (line ${line}) is never closed`);
  }
}

export interface ScannerStart {
  /** The record delimiter when already known (1 LF, 2 CRLF, 3 CR), for a scan that starts mid-file. */
  newline?: number;
  /** The byte offset of the first byte pushed, and whether a BOM may stand there. */
  offset?: number;
  fileStart?: boolean;
}

/** Called for each record: its number, its fields, and the byte offsets where it starts and ends (after its line break). */
export type RecordHandler = (record: number, fields: string[], start: number, end: number) => void;

export class CsvScanner {
  private pending: Buffer = Buffer.alloc(0);
  /** The file offset of pending[0]. */
  private base = 0;
  /** Where scanning resumes in `pending`, and where the current record starts. */
  private pos = 0;
  private recordStart = 0;
  /** Field boundaries of the current record (the first `count`): start, end, kind, close-quote position. */
  private starts = new Int32Array(64);
  private ends = new Int32Array(64);
  private kinds = new Int32Array(64);
  private closes = new Int32Array(64);
  private count = 0;
  private fieldStart = 0;
  private inQuotes = false;
  private kind = PLAIN;
  private close = -1;
  private escaped = false;
  /** The record delimiter once seen: 0 unknown, 1 LF, 2 CRLF, 3 CR. */
  private newline = 0;
  private records = 0;
  private lines = 1;
  private recordLine = 1;
  private atFileStart = true;
  /** Which fields to decode; null for all. Others come out as ''. */
  wanted: boolean[] | null = null;

  constructor(
    private readonly delimiter: number,
    private readonly decode: FieldDecoder = utf8Field,
    start: ScannerStart = {},
  ) {
    this.newline = start.newline ?? 0;
    this.base = start.offset ?? 0;
    this.atFileStart = start.fileStart ?? true;
  }

  /** The record delimiter seen so far: 0 unknown, 1 LF, 2 CRLF, 3 CR. */
  get newlineMode(): number {
    return this.newline;
  }

  /** Scans a chunk; calls `onRecord(recordNumber, fields)` for every complete record. */
  push(chunk: Buffer, onRecord: RecordHandler): void {
    this.pending = this.pending.length === 0 ? chunk : Buffer.concat([this.pending.subarray(this.recordStart), chunk]);
    if (this.pending !== chunk) this.rebase();
    if (this.atFileStart && this.pending.length >= 3) {
      if (this.pending[0] === 0xef && this.pending[1] === 0xbb && this.pending[2] === 0xbf) this.pos = this.fieldStart = this.recordStart = 3;
      this.atFileStart = false;
    }
    this.scan(false, onRecord);
    // Keep only the unfinished record.
    if (this.recordStart > 0) {
      this.base += this.recordStart;
      this.pending = this.pending.subarray(this.recordStart);
      this.rebaseBy(this.recordStart);
    }
  }

  /** The end of the input: the last record, or an unclosed quote. */
  end(onRecord: RecordHandler): void {
    if (this.atFileStart && this.pending.length >= 3 && this.pending[0] === 0xef && this.pending[1] === 0xbb && this.pending[2] === 0xbf) {
      this.pos = this.fieldStart = this.recordStart = 3;
    }
    this.atFileStart = false;
    this.scan(true, onRecord);
    if (this.inQuotes) throw new UnclosedQuoteError(this.records + 1, this.recordLine);
    if (this.pos > this.recordStart || this.count > 0) this.finishRecord(this.pos, onRecord);
    this.pending = Buffer.alloc(0);
  }

  private rebase(): void {
    // pending now starts at the old recordStart.
    this.rebaseBy(this.recordStart);
  }

  private rebaseBy(offset: number): void {
    if (offset === 0) return;
    this.pos -= offset;
    this.fieldStart -= offset;
    this.recordStart = 0;
    for (let i = 0; i < this.count; i++) {
      this.starts[i] = (this.starts[i] ?? 0) - offset;
      this.ends[i] = (this.ends[i] ?? 0) - offset;
      if ((this.closes[i] ?? -1) >= 0) this.closes[i] = (this.closes[i] ?? 0) - offset;
    }
    if (this.close >= 0) this.close -= offset;
  }

  private endField(end: number): void {
    if (this.count === this.starts.length) {
      const grow = (old: Int32Array<ArrayBuffer>): Int32Array<ArrayBuffer> => {
        const bigger = new Int32Array(old.length * 2);
        bigger.set(old);
        return bigger;
      };
      this.starts = grow(this.starts);
      this.ends = grow(this.ends);
      this.kinds = grow(this.kinds);
      this.closes = grow(this.closes);
    }
    const n = this.count++;
    this.starts[n] = this.fieldStart;
    this.ends[n] = end;
    this.kinds[n] = this.kind;
    this.closes[n] = this.close;
    this.kind = PLAIN;
    this.close = -1;
    this.escaped = false;
  }

  private finishRecord(end: number, onRecord: RecordHandler, next = end): void {
    this.endField(end);
    // A record of no bytes at all is an empty line: skipped, as csv-parse's skip_empty_lines does.
    const empty = this.count === 1 && this.ends[0] === this.starts[0] && this.kinds[0] === PLAIN;
    if (!empty) {
      this.records++;
      onRecord(this.records, this.materialize(), this.base + this.recordStart, this.base + next);
    }
    this.count = 0;
  }

  private materialize(): string[] {
    const bytes = this.pending;
    const fields = new Array<string>(this.count);
    for (let i = 0; i < this.count; i++) {
      if (this.wanted !== null && !this.wanted[i]) {
        fields[i] = '';
        continue;
      }
      const start = this.starts[i] ?? 0;
      const end = this.ends[i] ?? 0;
      const kind = this.kinds[i];
      if (kind === PLAIN) fields[i] = this.decode(bytes, start, end);
      else if (kind === QUOTED) fields[i] = unescape(this.decode(bytes, start + 1, end - 1));
      else {
        const close = this.closes[i] ?? end;
        fields[i] = `"${unescape(this.decode(bytes, start + 1, close))}"${this.decode(bytes, close + 1, end)}`;
      }
    }
    return fields;
  }

  private scan(atEnd: boolean, onRecord: RecordHandler): void {
    const bytes = this.pending;
    const length = bytes.length;
    const delimiter = this.delimiter;
    let i = this.pos;
    while (i < length) {
      const byte = bytes[i] as number;
      if (this.inQuotes) {
        if (byte === QUOTE) {
          if (i + 1 >= length && !atEnd) break; // is it "" or a closing quote? wait for the next byte
          if (bytes[i + 1] === QUOTE) {
            this.escaped = true;
            i += 2;
            continue;
          }
          this.inQuotes = false;
          this.close = i;
          i++;
          continue;
        }
        if (byte === LF && this.newline !== 3) this.lines++;
        else if (byte === CR && this.newline === 3) this.lines++;
        i++;
        continue;
      }
      if (byte === delimiter) {
        this.endField(i);
        i++;
        this.fieldStart = i;
        continue;
      }
      if (byte === LF || byte === CR) {
        let width = 0;
        if (this.newline === 0) {
          if (byte === LF) this.newline = 1;
          else {
            if (i + 1 >= length && !atEnd) break;
            this.newline = bytes[i + 1] === LF ? 2 : 3;
          }
        }
        if (this.newline === 1 && byte === LF) width = 1;
        else if (this.newline === 3 && byte === CR) width = 1;
        else if (this.newline === 2 && byte === CR) {
          if (i + 1 >= length && !atEnd) break;
          if (bytes[i + 1] === LF) width = 2;
        }
        if (width > 0) {
          this.finishRecord(i, onRecord, i + width);
          this.lines++;
          i += width;
          this.fieldStart = this.recordStart = i;
          this.recordLine = this.lines;
          continue;
        }
        // A line break that is not the record delimiter is data.
        this.noteText(i);
        i++;
        continue;
      }
      if (byte === QUOTE && i === this.fieldStart && this.kind === PLAIN) {
        this.inQuotes = true;
        this.kind = QUOTED;
        i++;
        continue;
      }
      this.noteText(i);
      i++;
    }
    this.pos = i;
  }

  /** Text after a closing quote makes the quoted field relaxed: kept literally. */
  private noteText(i: number): void {
    if (this.kind === QUOTED && this.close >= 0 && i > this.close) this.kind = RELAXED;
  }

  get recordsSeen(): number {
    return this.records;
  }
}

function unescape(text: string): string {
  return text.includes('""') ? text.replaceAll('""', '"') : text;
}
