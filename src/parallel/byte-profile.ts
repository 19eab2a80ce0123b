// `nps inspect`'s profile of a part of a CSV file straight from its bytes, as FileProfile.add
// of the decoded row gives it. Most cells are a value the column has met before: each column
// keeps a memo of the bytes of the values it holds (what `add` said each is), so that such a
// cell is counted without decoding it. A column holding DISTINCT_CAP values already (ids,
// timestamps) meets new values on every row: one of those is counted from its bytes when what
// factsOf would say is plain from them (white space, an ISO date, a word or a number that no
// date form reads). Every other cell (quoted, not ASCII, padded) is decoded and added as text.

import { FileProfile, SCORE_VALUES_KEPT, type FileProfileData, type FileProfileSpec } from '../mapping/file-profile.js';
import { packedDay, packedSeconds, quickIsoBytes } from '../mapping/date-value.js';
import { DISTINCT_CAP, factsOfBytes, NOT_PLAIN } from '../mapping/column-profile.js';
import { insideQuotes, PLAIN, type RawRecord } from '../sources/csv-scanner.js';
import { ByteMemo } from './byte-memo.js';

/**
 * A part's profile whose columns settled before it (capped: their values are dropped from the
 * part's data) start capped, so that the part counts their cells by what each is without
 * keeping values: each part kept its first 1,000 values of every such column, as strings, only
 * to drop them (garbage that grew each thread's heap part by part).
 */
function settledProfile(spec: FileProfileSpec): FileProfile {
  const profile = new FileProfile(spec);
  spec.settled?.forEach((settled, i) => {
    const column = profile.columns[i];
    if (settled) column?.keepNoValues();
  });
  return profile;
}

export class ByteProfile {
  private profile: FileProfile;
  /** Per column, the bytes of values it holds → what each is (FACT_* bits). */
  private readonly memos: ByteMemo[];
  /** Per column, whether its memo holds every value it holds (none was met as text only, a quoted or padded cell): then a value missing from the memo is new. */
  private readonly complete: boolean[];

  constructor(private spec: FileProfileSpec) {
    this.profile = settledProfile(spec);
    this.memos = Array.from({ length: spec.width }, () => new ByteMemo(DISTINCT_CAP));
    this.complete = Array.from({ length: spec.width }, () => true);
  }

  /** Starts the profile of the next part (of the same columns): its memos are cleared, not made again (each holds a 256 KiB table of short values). */
  restart(spec: FileProfileSpec): this {
    this.spec = spec;
    this.profile = settledProfile(spec);
    for (const memo of this.memos) memo.clear();
    this.complete.fill(true);
    return this;
  }

  /** A data row (its number, for the day order's evidence): as FileProfile.add of its decoded cells (inspect reads every column: no cell is left unwanted). */
  add(record: RawRecord, row: number): void {
    const profile = this.profile;
    profile.rows++;
    const { bytes, starts, ends, kinds, fieldCount } = record;
    const { score, date } = this.spec;
    // The date cell read as ISO once, for its column and the dates (quoted or not: a date holds no quote).
    const dateInside = date !== null && date < fieldCount ? insideQuotes(kinds[date] as number) : -1;
    const iso = dateInside >= 0 ? quickIsoBytes(bytes, (starts[date as number] as number) + dateInside, (ends[date as number] as number) - dateInside) : NaN;
    for (let i = 0; i < this.spec.width; i++) {
      const column = profile.columns[i];
      if (column === undefined) break;
      if (i >= fieldCount) {
        column.addBlank();
        continue;
      }
      // A quoted cell's text lies between its quotes when no "" stands there (a value's bytes are its text).
      const inside = insideQuotes(kinds[i] as number);
      const start = (starts[i] as number) + inside;
      const end = (ends[i] as number) - inside;
      if (inside < 0 || (inside === 1 && holdsQuote(bytes, start, end))) {
        this.asText(i, record.field(i));
        continue;
      }
      if (start === end) {
        column.addBlank();
        continue;
      }
      // A value met before (the bytes in the memo were its text when remembered, quoted or not).
      const memo = this.memos[i] as ByteMemo;
      const known = column.capped ? -1 : memo.find(bytes, start, end);
      if (known >= 0) {
        column.addKnown(end - start, known, false);
        continue;
      }
      const facts = factsOfBytes(bytes, start, end, i === date ? iso : NaN);
      if (facts === NOT_PLAIN) this.asText(i, record.field(i));
      // Once capped, a value met before counts as a new one does: by what it is.
      else if (column.capped && facts >= 0) column.addKnown(end - start, facts, false);
      else if (!column.full) {
        const distinct = column.distinct;
        const met = column.add(record.field(i));
        // Met here: remembered (the memo has room for every value a column holds).
        if (column.distinct > distinct && !memo.remember(bytes, start, end, met)) this.complete[i] = false;
      } else if (facts >= 0 && this.complete[i] === true) column.addKnown(end - start, facts, true);
      else column.add(record.field(i));
    }
    if (score !== null && profile.scoreValues.length < SCORE_VALUES_KEPT) {
      const cell = record.field(score);
      if (cell?.trim()) profile.scoreValues.push(cell);
    }
    if (date !== null) {
      if (!Number.isNaN(iso)) {
        profile.dates.addDay(packedDay(iso), packedSeconds(iso));
      } else if (date >= fieldCount || (kinds[date] === PLAIN && starts[date] === ends[date])) profile.dates.addMissing();
      else profile.dates.add(record.field(date) ?? '', row);
    }
  }

  /** A cell added as text: a value it meets is not in the memo. */
  private asText(i: number, cell: string | undefined): void {
    const column = this.profile.columns[i];
    if (column === undefined) return;
    const distinct = column.distinct;
    column.add(cell);
    if (column.distinct > distinct) this.complete[i] = false;
  }

  /** The part's profile: without values for the columns settled before it (settledProfile), less to hand to the main thread. */
  data(): FileProfileData {
    return this.profile.data();
  }
}

function holdsQuote(bytes: Uint8Array, start: number, end: number): boolean {
  for (let i = start; i < end; i++) if (bytes[i] === 0x22) return true;
  return false;
}
