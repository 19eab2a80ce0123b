// Counting from bytes must give exactly what counting decoded rows gives: random CSVs with
// every kind of cell the long way handles (labels, bad scores, quoted values, short and long
// rows, other date forms, NUL bytes, Windows-1252), compared snapshot for snapshot. The two
// hash tables are checked against plain Maps, and the quick ISO date reader against an
// independent reading through Date.UTC.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { packedDay, packedSeconds, quickIsoBytes, resolveDate } from '../../src/mapping/date-value.js';
import { daysFromCivil } from '../../src/core/calendar.js';
import type { PackedSums } from '../../src/core/exact-sum.js';
import type { TallyData } from '../../src/core/tally.js';
import { quickWeightBytes, readWeight } from '../../src/mapping/responses.js';
import { ByteCounter, counted, ThreadTallies, type PartCount } from '../../src/parallel/byte-counter.js';
import { ByteMemo, DayCache, TupleIndex } from '../../src/parallel/byte-memo.js';
import { partStarts, PartMerger, type Part } from '../../src/parallel/count-csv.js';
import { PartCounter, PartFailed, type PartResult } from '../../src/parallel/count-part.js';
import { StreamParts } from '../../src/parallel/count-stream.js';
import { SpareBuffers } from '../../src/parallel/spare-buffers.js';
import { spentBuffers } from '../../src/parallel/threads.js';
import { RowCounter, type CounterSnapshot, type CounterSpec } from '../../src/mapping/row-counter.js';
import { CsvScanner, fieldDecoderFor } from '../../src/sources/csv-scanner.js';
import { NotUtf8 } from '../../src/sources/decode.js';
import { SKIP_REASONS, SkipLog, type SkipReason, type SkipSnapshot, type ValueSummary } from '../../src/core/skips.js';

let seed = 7;
const random = (): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
};
const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

/** Every tally's Σw and Σw² written out, in canonical form: an unweighted tally's are its counts. */
const explicitWeights = <T extends { days: CounterSnapshot['days'] }>(snapshot: T): T => ({
  ...snapshot,
  days: snapshot.days.map(([key, data]): [string[], TallyData] => {
    if (data.weights !== undefined) return [key, data];
    const counts = data.distribution.map((count) => (count === 0 ? [] : [count]));
    return [key, { ...data, weights: counts, squares: counts }];
  }),
});

/**
 * A count in a form to compare: its groups in one order (each way of counting meets them in its
 * own), and its skipped values as told (the values whose counts are exact, and the rows of all
 * others) instead of how each source kept them.
 */
const sorted = (snapshot: CounterSnapshot): Omit<CounterSnapshot, 'skips'> & { skips: Omit<SkipSnapshot, 'values'>; told: [SkipReason, ValueSummary][] } => {
  const log = new SkipLog();
  log.absorb(snapshot.skips, 0);
  const { values: _values, ...skips } = snapshot.skips;
  void _values;
  return {
    ...snapshot,
    days: [...snapshot.days].sort((a, b) => (a[0].join('\u0001') < b[0].join('\u0001') ? -1 : 1)),
    skips,
    told: SKIP_REASONS.map((reason) => [reason, log.valuesOf(reason)]),
  };
};

/** The counts each told the same whichever way the file was cut; a value exact in both has one count. */
function sameValuesTold(merged: ReturnType<typeof sorted>, single: ReturnType<typeof sorted>): void {
  for (const [i, [reason, summary]] of merged.told.entries()) {
    const reference = single.told[i]?.[1] as ValueSummary;
    const total = (s: ValueSummary): number => s.values.reduce((sum, v) => sum + v.count, s.otherRows);
    expect(total(summary)).toBe(total(reference));
    const exact = new Map(reference.values.map((v) => [v.value, v]));
    for (const v of summary.values) if (exact.has(v.value)) expect([reason, v]).toEqual([reason, exact.get(v.value)]);
  }
}

describe('ByteMemo and TupleIndex', () => {
  it('remember and find byte strings as a Map of strings does, through many rehashes', () => {
    const memo = new ByteMemo();
    const reference = new Map<string, number>();
    for (let i = 0; i < 20000; i++) {
      const text = Array.from({ length: Math.floor(random() * 6) }, () => pick(['a', 'b', 'é', ' ', '"', '\u0000'])).join('');
      const bytes = Buffer.from(`xx${text}yy`);
      const found = memo.find(bytes, 2, bytes.length - 2);
      expect(found).toBe(reference.get(text) ?? -1);
      if (found < 0) {
        expect(memo.remember(bytes, 2, bytes.length - 2, reference.size)).toBe(true);
        reference.set(text, reference.size);
      }
    }
    expect(reference.size).toBeGreaterThan(1000);
  });

  it('a full memo says no', () => {
    const memo = new ByteMemo(2);
    expect(memo.remember(Buffer.from('a'), 0, 1, 0)).toBe(true);
    expect(memo.remember(Buffer.from('b'), 0, 1, 1)).toBe(true);
    expect(memo.remember(Buffer.from('c'), 0, 1, 2)).toBe(false);
    expect(memo.find(Buffer.from('c'), 0, 1)).toBe(-1);
    expect(memo.find(Buffer.from('b'), 0, 1)).toBe(1);
  });

  it('number tuples in the order first seen', () => {
    const index = new TupleIndex(3);
    const reference = new Map<string, number>();
    const tuple = new Int32Array(3);
    for (let i = 0; i < 20000; i++) {
      for (let k = 0; k < 3; k++) tuple[k] = Math.floor(random() * 30) - (k === 2 ? 15 : 0);
      const key = tuple.join(',');
      const expected = reference.get(key) ?? reference.size;
      reference.set(key, expected);
      expect(index.indexOf(tuple)).toBe(expected);
    }
    expect(index.size).toBe(reference.size);
    // All of them in order, and a run from the middle.
    const all = index.tuples(0, index.size);
    for (const [key, number] of reference) expect(all.subarray(number * 3, number * 3 + 3).join(',')).toBe(key);
    expect([...index.tuples(5, 7)]).toEqual([...all.subarray(15, 21)]);
  });
});

describe('DayCache', () => {
  it('finds what it was told, misses what it was not, and stays within its bounds', () => {
    // Small bounds, so that spans and the budget are passed often.
    for (const [maxSpan, maxCells] of [[1 << 14, 1 << 22], [300, 2000], [64, 64]] as const) {
      const cache = new DayCache(maxSpan, maxCells);
      const told = new Map<string, number>();
      for (let i = 0; i < 20000; i++) {
        const value = Math.floor(random() * 12);
        // Days near 2025 mostly, now and then far away (before 1970 too).
        const day = random() < 0.9 ? 20000 + Math.floor(random() * 700) : Math.floor(random() * 80000) - 30000;
        const found = cache.find(value, day);
        const expected = told.get(`${value}|${day}`);
        // A miss is always allowed (the tuple index answers then); a hit must be what was told.
        if (found >= 0) expect(found).toBe(expected);
        if (found < 0) {
          const group = told.get(`${value}|${day}`) ?? told.size;
          told.set(`${value}|${day}`, group);
          cache.remember(value, day, group);
        }
      }
      // Within generous bounds nearly everything near 2025 is a hit the second time.
      if (maxSpan === 1 << 14) {
        let hits = 0;
        for (let day = 20000; day < 20700; day++) if (cache.find(3, day) >= 0) hits++;
        expect(hits).toBe([...told.keys()].filter((key) => key.startsWith('3|') && Number(key.slice(2)) >= 20000 && Number(key.slice(2)) < 20700).length);
      }
    }
  });
});

describe('quickIsoBytes', () => {
  /** The same reading written differently: a regular expression and Date.UTC; [day number, seconds into the day]. */
  function expected(text: string): [number, number] | null {
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2}):(\d{2})Z?)?$/.exec(text);
    if (!m || (text.length === 20 && !text.endsWith('Z')) || (text.length !== 10 && text.length !== 19 && text.length !== 20)) return null;
    const [year, month, day, h = 0, mi = 0, s = 0] = m.slice(1).map((part) => (part === undefined ? 0 : Number(part)));
    if (h > 24 || mi > 59 || s > 60) return null;
    const date = new Date(0);
    date.setUTCFullYear(year ?? 0, (month ?? 0) - 1, day);
    if (year === 0 || date.getUTCFullYear() !== year || date.getUTCMonth() !== (month ?? 0) - 1 || date.getUTCDate() !== day) return null;
    return [date.getTime() / 86400000, h * 3600 + mi * 60 + s];
  }

  it('packedDay and packedSeconds read back what was packed, on both sides of 32 bits (shifted within, divided beyond)', () => {
    // Days from year ~1450 to ~2550 around the packing's start (day 10957, 2000-01-01); 32 bits
    // hold the packings of 1956–2044 only. Seconds up to 24:59:60.
    for (let i = 0; i < 20000; i++) {
      const day = 10957 + Math.floor((random() - 0.5) * 400000);
      const seconds = Math.floor(random() * 90001);
      const packed = (day - 10957) * 131072 + seconds;
      expect([packedDay(packed), packedSeconds(packed)], String(packed)).toEqual([day, seconds]);
    }
    // The edges of 32 bits, and of a day.
    for (const day of [10957 - 16384, 10957 - 16383, 10957 + 16383, 10957 + 16384, 10957, 10956]) {
      for (const seconds of [0, 1, 131071 - 41071, 90000]) {
        const packed = (day - 10957) * 131072 + seconds;
        expect([packedDay(packed), packedSeconds(packed)], String(packed)).toEqual([day, seconds]);
      }
    }
  });

  it('agrees on random text near the ISO form', () => {
    const chars = ['0', '1', '2', '3', '9', '-', ':', 'T', ' ', 'Z', 'x', '/'];
    const templates = ['2025-03-24', '2025-03-24T15:36:41Z', '2024-02-29 23:59:60', '0001-01-01', '9999-12-31T24:59:59Z', '1969-12-31T00:00:00'];
    let dates = 0;
    for (let i = 0; i < 30000; i++) {
      const chars2 = [...pick(templates)];
      for (let k = Math.floor(random() * 3); k > 0; k--) chars2[Math.floor(random() * chars2.length)] = pick(chars);
      const text = chars2.join('');
      const bytes = Buffer.from(`,${text},`);
      const got = quickIsoBytes(bytes, 1, bytes.length - 1);
      const want = expected(text);
      if (want === null) expect(got, text).toBeNaN();
      else {
        expect([packedDay(got), packedSeconds(got)], text).toEqual(want);
        dates++;
      }
    }
    expect(dates).toBeGreaterThan(5000);
  });
});

describe('ByteCounter counts as RowCounter does', () => {
  const SCORES = ['0', '7', '9', '10', '11', '', ' 8 ', '9.0', '10 - Extremely likely', 'Not at all likely', 'n/a', '"10"', '"1""0"', '-1', '5\u0000'];
  // Quoted dates, as survey tools that quote every field write them: read inside the quotes, and
  // the forms the long way alone reads ("" inside, text after the closing quote, padding).
  const DATES = ['2025-03-24T15:36:41Z', '2025-03-24 09:00:00', '2025-03-24', '2025-01-01', '2024-02-29 08:00:00', '2025-02-30', '', '03/04/2025', '31/01/2025', '"2025-06-01"', ' 2025-06-01', '2025-06-01T10:00:00+02:00', '45000', 'soon',
    '"2025-03-24T15:36:41Z"', '"2025-03-24 09:00:00"', '"2025-02-30"', '"2025""-06-01"', '"2025-06-01"x', '" 2025-06-01"', '""', '"03/04/2025"',
    // Days far apart: a value's days then span more than the day cache holds, and its rows are looked up whole.
    '1901-05-01', '2150-12-31T23:59:59Z', '1999-12-31'];
  const CHANNELS = ['phone', 'email', ' phone', '"chat, web"', '', 'Bürostuhl', 'café', 'x\u0000'];

  function csv(rows: number, dateFirstOver12: boolean): string {
    const lines = ['id,date,score,channel,comment'];
    for (let i = 1; i <= rows; i++) {
      const date = pick(DATES.filter((d) => dateFirstOver12 || !d.startsWith('31/')));
      // The comment doubles as --dedupe's respondent id: repeated, quoted, padded, blank, not ASCII, with a NUL.
      const fields = [String(i), date, pick(SCORES), pick(CHANNELS), pick(['ok', '"multi\nline"', '', 'a,b', 'r1', 'r2', 'r3', ' r1', '"r2"', 'r3 ', 'ök', 'r\u00001', '  ', '"r3"', '"r""1"', 'r"1', '"r1 "', '""', '"r2"x'])];
      const shape = random();
      if (shape < 0.05) fields.pop(); // short
      else if (shape < 0.1) fields.push('extra'); // long
      else if (shape < 0.12) fields.length = 2; // too short for the score
      lines.push(fields.join(','));
      if (random() < 0.02) lines.push('');
    }
    return `${lines.join('\n')}\n`;
  }

  /** A count to compare: with --dedupe, what settling its answers decides instead of how they are held (the bytes hold dates as day numbers). */
  function comparable(counter: RowCounter): ReturnType<typeof sorted> & { decided: { repeated: number; events: unknown[] } | null } {
    const { answers: _held, ...snapshot } = counter.snapshot();
    void _held;
    if (counter.answers === null) return { ...sorted(snapshot), decided: null };
    const keys: string[] = [];
    const events: unknown[] = [];
    const repeated = counter.answers.settle({
      place: (dims, reading) => {
        const date = reading === null ? null : resolveDate(reading, 'dmy');
        keys.push(JSON.stringify([dims, date]));
        return { place: keys.length - 1, day: date === null ? NaN : daysFromCivil(date) };
      },
      keep: (place, row, score, weight) => events.push(['keep', row, score, weight, keys[place]]),
      skip: (reason, row) => events.push(['skip', reason, row]),
      duplicate: (row) => events.push(['duplicate', row]),
    });
    return { ...sorted(snapshot), decided: { repeated, events } };
  }

  function count(bytes: Buffer, spec: CounterSpec, encoding: string, fromBytes: boolean): ReturnType<typeof comparable> {
    const scanner = new CsvScanner(0x2c, fieldDecoderFor(encoding));
    const wanted = [false, true, true, true, spec.dedupe === 4];
    scanner.wanted = wanted;
    let header = true;
    if (fromBytes) {
      const counter = new ByteCounter(spec);
      let row = 0;
      const onRecord = (record: Parameters<Parameters<CsvScanner['pushRaw']>[1]>[0]): void => {
        if (header) header = false;
        else counter.consume(record, ++row);
      };
      for (let at = 0; at < bytes.length; at += 97) scanner.pushRaw(bytes.subarray(at, at + 97), onRecord);
      scanner.endRaw(onRecord);
      return comparable(counted(spec, counter.takePart()));
    }
    const counter = new RowCounter(spec);
    let row = 0;
    const onRecord = (_: number, cells: string[]): void => {
      if (header) header = false;
      else counter.consume({ row: ++row, cells });
    };
    scanner.push(bytes, onRecord);
    scanner.end(onRecord);
    return comparable(counter);
  }

  const spec = (needDate: boolean, overrides: Partial<CounterSpec> = {}): CounterSpec => ({
    file: 'random.csv',
    plan: { score: 2, reader: { kind: 'nps', scale: '0-10' }, weight: null, date: needDate ? 1 : null, dateRequired: needDate, dims: [3], width: 5 },
    columns: ['id', 'date', 'score', 'channel', 'comment'].map((name, index) => ({ name, index, question: null })),
    where: [],
    strict: false,
    scoreName: 'score',
    dateName: needDate ? 'date' : null,
    needDate,
    ...overrides,
  });

  it.each([
    ['by day, UTF-8', spec(true), 'utf-8'],
    ['no dates', spec(false), 'utf-8'],
    ['by day, Windows-1252', spec(true), 'windows-1252'],
    ['1–11 scale, no groups', spec(true, { plan: { score: 2, reader: { kind: 'nps', scale: '1-11' }, weight: null, date: 1, dateRequired: true, dims: [], width: 5 } }), 'utf-8'],
    ['two groups', spec(true, { plan: { score: 2, reader: { kind: 'nps', scale: '0-10' }, weight: null, date: 1, dateRequired: true, dims: [3, 1], width: 5 } }), 'utf-8'],
    ['with --where (read as text)', spec(true, { where: [{ column: 'channel', op: '=', value: 'phone' }] }), 'utf-8'],
    // ' phone' and '"chat, web"' are the same text as their trimmed, unquoted bytes would not be: the test is on the text.
    ['--where != and = on two columns', spec(true, { where: [{ column: 'channel', op: '!=', value: 'email' }, { column: 'channel', op: '!=', value: 'chat, web' }, { column: 'comment', op: '=', value: 'ok' }, { column: 'comment', op: '=', value: '' }] }), 'utf-8'],
    ['--where on a Windows-1252 file', spec(false, { where: [{ column: 'channel', op: '=', value: 'café' }, { column: 'channel', op: '=', value: 'phone' }] }), 'windows-1252'],
    ['--dedupe (the comment as the id), by day', spec(true, { dedupe: 4 }), 'utf-8'],
    ['--dedupe, no period, by channel and date, Windows-1252', spec(false, { dedupe: 4, plan: { score: 2, reader: { kind: 'nps', scale: '0-10' }, weight: null, date: 1, dateRequired: false, dims: [3, 1], width: 5 } }), 'windows-1252'],
    ['--dedupe, no groups, no date column', spec(false, { dedupe: 4, plan: { score: 2, reader: { kind: 'nps', scale: '0-10' }, weight: null, date: null, dateRequired: false, dims: [], width: 5 } }), 'utf-8'],
    ['--dedupe with --where', spec(true, { dedupe: 4, where: [{ column: 'channel', op: '!=', value: 'email' }] }), 'utf-8'],
    // A thread keeps a part's counts a byte a place, carrying each 256th row: here places pass 256 several times over in one part.
    ['4,000 rows in one group, no dates: places past 255 rows in a part', spec(false, { plan: { score: 2, reader: { kind: 'nps', scale: '0-10' }, weight: null, date: null, dateRequired: false, dims: [], width: 5 } }), 'utf-8', 4000],
  ])('%s', (_, counterSpec, encoding, rows = 300) => {
    for (let round = 0; round < 20; round++) {
      const text = csv(rows, round % 2 === 0);
      const bytes = Buffer.from(text, encoding === 'utf-8' ? 'utf8' : 'latin1');
      const fast = count(bytes, counterSpec, encoding, true);
      const slow = count(bytes, counterSpec, encoding, false);
      expect(fast).toEqual(slow);
      expect(fast.rowsRead).toBeGreaterThan(rows * 0.96);
      if (fast.decided !== null) expect(fast.decided.repeated).toBeGreaterThan(3);
      if (rows > 300) expect(Math.max(...fast.days.flatMap(([, tally]) => tally.distribution))).toBeGreaterThan(512);
    }
  });

  it('a place past 255 rows, then more groups than the counts first have room for: the carried rows grow with the counts', () => {
    const lines = ['id,date,score,channel,comment'];
    const row = (date: string): string => `${lines.length},${date},9,phone,ok`;
    for (let i = 0; i < 600; i++) lines.push(row('2025-01-01'));
    // 400 other days: 401 groups, past the 256 the counts have room for at first.
    for (let i = 0; i < 400; i++) lines.push(row(new Date(Date.UTC(2020, 0, 1) + i * 86_400_000).toISOString().slice(0, 10)));
    for (let i = 0; i < 300; i++) lines.push(row('2025-01-01'));
    const bytes = Buffer.from(`${lines.join('\n')}\n`);
    const fast = count(bytes, spec(true), 'utf-8', true);
    expect(fast).toEqual(count(bytes, spec(true), 'utf-8', false));
    // By hand: 900 nines on 2025-01-01 by phone, one on each other day.
    const nines = fast.days.map(([, tally]) => tally.distribution[9]);
    expect([nines.length, Math.max(...(nines as number[])), nines.filter((n) => n === 1).length]).toEqual([401, 900, 400]);
  });
});

/** The lines written to a file (each ended by `lineEnd`): its bytes, its path, and where the data starts (after the header). */
function writeCsv(lines: string[], lineEnd: string): { bytes: Buffer; path: string; dataStart: number } {
  const bytes = Buffer.from(`${lines.join(lineEnd)}${lineEnd}`);
  const path = join(mkdtempSync(join(tmpdir(), 'nps-part-')), 'part.csv');
  writeFileSync(path, bytes);
  return { bytes, path, dataStart: bytes.indexOf(lineEnd) + lineEnd.length };
}

/** A CSV file's data rows (after its one header row), each decoded and counted by RowCounter. */
function countedLongWay(bytes: Buffer, spec: CounterSpec): CounterSnapshot {
  const counter = new RowCounter(spec);
  const scanner = new CsvScanner(0x2c);
  let row = -1;
  const onRecord = (_: number, cells: string[]): void => {
    if (++row > 0) counter.consume({ row, cells });
  };
  scanner.push(bytes, onRecord);
  scanner.end(onRecord);
  return counter.snapshot();
}

/** Counting id,date,score,channel,comment by channel and day. */
const fileSpec = (dateRequired: boolean): CounterSpec => ({
  file: 'part.csv',
  plan: { score: 2, reader: { kind: 'nps', scale: '0-10' }, weight: null, date: 1, dateRequired, dims: [3], width: 5 },
  columns: ['id', 'date', 'score', 'channel', 'comment'].map((name, index) => ({ name, index, question: null })),
  where: [],
  strict: false,
  scoreName: 'score',
  dateName: 'date',
  needDate: true,
});

describe('PartCounter reads a file in chunks as one scan of the whole does', () => {
  it('with records across chunk ends, longer than the room kept for them, and a stop mid-file', async () => {
    const lines = ['id,date,score,channel,comment'];
    for (let i = 1; i <= 2000; i++) {
      // Characters of 2, 3 and 4 bytes: cut at chunk ends, the UTF-8 check must wait for the rest.
      const comment = random() < 0.05 ? `"${'long, with "" quotes\n'.repeat(4)}"` : pick(['ok', '"a,b"', '', 'ökad nöjdhet €', '😀']);
      lines.push([i, pick(['2025-03-24T15:36:41Z', '2025-01-01', '03/04/2025', '']), pick(['0', '9', '10', 'x', '']), pick(['phone', 'email', '"chat"']), comment].join(','));
    }
    const { bytes, path, dataStart } = writeCsv(lines, '\r\n');
    const spec = fileSpec(true);
    // The reference: every record of the data decoded and counted the long way.
    const reference = (stopAt: number): { snapshot: CounterSnapshot; records: number } => {
      const counter = new RowCounter(spec);
      const scanner = new CsvScanner(0x2c);
      let records = 0;
      const onRecord = (_: number, cells: string[], start: number): void => {
        if (start >= dataStart && start < stopAt) counter.consume({ row: ++records, cells });
      };
      scanner.push(bytes, onRecord);
      scanner.end(onRecord);
      return { snapshot: counter.snapshot(), records };
    };
    const task = { path, start: dataStart, stop: Infinity, delimiter: 0x2c, newline: 2, encoding: 'utf-8', wanted: null, specs: [spec], checkUtf8: true };
    for (const sizes of [{ chunk: 13, room: 40 }, { chunk: 1000, room: 8 }, { chunk: 1 << 20, room: 1 << 16 }]) {
      const whole = await new PartCounter([spec], sizes).count(task);
      const expected = reference(Infinity);
      expect(whole.records).toBe(expected.records);
      expect(whole.end).toBe(bytes.length);
      expect(sorted(counted(spec, whole.counts[0] as PartCount).snapshot())).toEqual(sorted(expected.snapshot));
      // A part that stops at the middle owns the records that start before it.
      const middle = bytes.indexOf('\r\n', bytes.length >> 1) + 2;
      const half = await new PartCounter([spec], sizes).count({ ...task, stop: middle });
      expect(half.records).toBe(reference(middle).records);
      expect(sorted(counted(spec, half.counts[0] as PartCount).snapshot())).toEqual(sorted(reference(middle).snapshot));
    }
    // One byte that is not UTF-8 (Latin-1 ä) near the end: NotUtf8 from a part that checks, whatever the chunks.
    const latin = Buffer.concat([bytes, Buffer.from('2001,2025-01-01,9,V\xe4xel,\r\n', 'latin1')]);
    writeFileSync(path, latin);
    for (const sizes of [{ chunk: 13, room: 40 }, { chunk: 1000, room: 8 }, { chunk: 1 << 20, room: 1 << 16 }]) {
      await expect(new PartCounter([spec], sizes).count(task)).rejects.toBeInstanceOf(NotUtf8);
      expect((await new PartCounter([spec], sizes).count({ ...task, checkUtf8: false })).records).toBe(2001);
    }
    // Cut off in the middle of a character at the very end of the file.
    writeFileSync(path, bytes.subarray(0, bytes.lastIndexOf(Buffer.from('😀')) + 2));
    if (bytes.includes(Buffer.from('😀'))) await expect(new PartCounter([spec]).count(task)).rejects.toBeInstanceOf(NotUtf8);
  });
});

describe('PartMerger: many parts on two threads, merged in file order', () => {
  it('gives the count of one scan, whatever order the parts finish in, with parts cut inside quoted line breaks counted again', async () => {
    const lines = ['id,date,score,channel,comment'];
    for (let i = 1; i <= 3000; i++) {
      // One comment in ten runs over several lines: many cuts fall inside one.
      const comment = random() < 0.1 ? `"${'a line, with "" quotes\n'.repeat(1 + Math.floor(random() * 6))}"` : pick(['ok', '"a,b"', '', 'ökad nöjdhet']);
      // Rows skipped (a bad score or date) only near the end: their row numbers depend on every part before.
      const late = i > 2700;
      const date = pick(late ? ['2025-03-24T15:36:41Z', '2025-02-30', '03/04/2025', ''] : ['2025-03-24T15:36:41Z', '2025-01-01', '03/04/2025']);
      lines.push([i, date, pick(late ? ['0', '9', 'x', ''] : ['0', '9', '10', '"7"']), pick(['phone', 'email', '"chat"', '']), comment].join(','));
      if (random() < 0.01) lines.push('');
    }
    const { bytes, path, dataStart } = writeCsv(lines, '\n');
    const spec = fileSpec(false);
    // The reference: one scan, every record decoded and counted the long way.
    const expected = sorted(countedLongWay(bytes, spec));
    expect(expected.skips).not.toEqual(sorted(new RowCounter(spec).snapshot()).skips);
    // A second metric in the same read: the id column as a rating (most ids are off any scale: skipped).
    const rating: CounterSpec = { ...spec, plan: { ...spec.plan, score: 0, reader: { kind: 'rating' } }, scoreName: 'id' };
    const ratingExpected = sorted(countedLongWay(bytes, rating));
    expect(ratingExpected).not.toEqual(expected);

    for (const partsWanted of [2, 7, 40]) {
      const starts = await partStarts(path, dataStart, bytes.length, partsWanted);
      expect(starts.length).toBe(partsWanted);
      for (let round = 0; round < 4; round++) {
        const queue: Part[] = starts.map((start, index) => ({ index, start, stop: starts[index + 1] ?? Infinity }));
        // Odd rounds count both metrics in one read, even rounds the score alone.
        const specs = round % 2 === 1 ? [spec, rating] : [spec];
        // Rounds 2 and 3 as on worker threads: each part's buffers given back to its thread once
        // merged (or left out), and its next parts' counts made in them. Here they are not moved
        // but shared: a part read after it was given back would read a later part's numbers.
        const spares = round >= 2 ? [new SpareBuffers(), new SpareBuffers()] : null;
        const threads = [0, 1].map((t) => new PartCounter(specs, { chunk: 4096, room: 512 }, spares?.[t] ?? null));
        const merger = new PartMerger(specs, 2, queue.length, dataStart, 0, undefined, undefined, spares === null ? undefined : (thread, result) => spares[thread]?.give(spentBuffers(result)));
        const buffers = new Set<ArrayBufferLike>();
        let handed = 0;
        let again = 0;
        // Each thread takes the next part; which thread finishes first is random.
        while (!merger.finished) {
          const thread = random() < 0.5 ? 0 : 1;
          const part = queue.shift();
          if (part === undefined) throw new Error('parts left unmerged');
          const task = { path, start: part.start, stop: part.stop, delimiter: 0x2c, newline: 1, encoding: 'utf-8', wanted: null, specs, checkUtf8: true };
          const result = await (threads[thread] as PartCounter).count(task);
          // (A part with no rows of a metric has arrays of nothing, in no buffer to give back.)
          for (const buffer of result.counts.flatMap((count) => [count.places.buffer, count.counts.buffer]).filter((b) => b.byteLength > 0)) {
            buffers.add(buffer);
            handed++;
          }
          const redo = merger.add(part, result, thread);
          if (redo !== null) {
            again++;
            queue.unshift(redo);
          }
        }
        const counters = merger.result();
        expect(counters.length).toBe(specs.length);
        // The score's few skipped values are told alike; the ids, each skipped once, fill every part's list.
        expect(sorted((counters[0] as RowCounter).snapshot())).toEqual(expected);
        if (specs.length === 2) {
          const ratings = sorted((counters[1] as RowCounter).snapshot());
          expect({ ...ratings, told: [] }).toEqual({ ...ratingExpected, told: [] });
          sameValuesTold(ratings, ratingExpected);
        }
        if (partsWanted === 40) expect(again).toBeGreaterThan(0);
        // Without buffers given back, each array its own; with them, most parts' in earlier parts'.
        if (spares === null) expect(buffers.size).toBe(handed);
        else if (partsWanted === 40) expect(buffers.size).toBeLessThan(handed / 4);
      }
    }
  });
});

describe('PartMerger and parts cut inside quoted fields', () => {
  it('a part read from a wrong start may fail (a quote left open at the end); it is counted again, and the run does not fail', async () => {
    // Valid CSV whose quoted comments hold line breaks and escaped quotes right after a comma
    // or a line break: read from a line start inside one, a quote can open that never closes.
    const spec: CounterSpec = { ...fileSpec(false), plan: { ...fileSpec(false).plan, date: null }, dateName: null, needDate: false };
    let failedParts = 0;
    for (let round = 0; round < 150; round++) {
      const lines = ['id,date,score,channel,comment'];
      for (let i = 1; i <= 60; i++) {
        const inner = Array.from({ length: 1 + Math.floor(random() * 5) }, () => pick(['a', ',""x', '""', '""""', ',', '\n', '\n""', '\n,""', 'b""', ' ', '\n,""""x'])).join('');
        lines.push(`${i},,${pick(['9', '0', '7'])},${pick(['web', 'phone'])},${random() < 0.5 ? `"${inner}"` : 'ok'}`);
      }
      const { bytes, path, dataStart } = writeCsv(lines, '\n');
      const reference = countedLongWay(bytes, spec);

      const starts = await partStarts(path, dataStart, bytes.length, 30);
      const queue: Part[] = starts.map((start, index) => ({ index, start, stop: starts[index + 1] ?? Infinity }));
      const thread = new PartCounter([spec]);
      const merger = new PartMerger([spec], 1, queue.length, dataStart, 0);
      while (!merger.finished) {
        const part = queue.shift() as Part;
        const task = { path, start: part.start, stop: part.stop, delimiter: 0x2c, newline: 1, encoding: 'utf-8', wanted: null, specs: [spec], checkUtf8: false };
        let result: PartResult;
        try {
          result = await thread.count(task);
        } catch (error) {
          if (!(error instanceof PartFailed)) throw error;
          // As the worker sends it: a failed part, with its new groups' keys.
          failedParts++;
          result = { counts: error.counts, records: 0, end: part.start, failed: true };
        }
        const again = merger.add(part, result, 0);
        if (again !== null) queue.unshift(again);
      }
      expect(sorted((merger.result()[0] as RowCounter).snapshot())).toEqual(sorted(reference));
    }
    expect(failedParts).toBeGreaterThan(10);
  });
});

describe('--weight from bytes', () => {
  it('quickWeightBytes reads what readWeight reads, bit for bit, or says no', () => {
    const chars = ['0', '1', '5', '9', '.', ',', 'e', '-', ' ', '"'];
    let read = 0;
    for (let i = 0; i < 40000; i++) {
      const text = Array.from({ length: 1 + Math.floor(random() * 19) }, () => pick(i % 2 === 0 ? chars.slice(0, 5) : chars)).join('');
      const bytes = Buffer.from(`,${text},`);
      const quick = quickWeightBytes(bytes, 1, bytes.length - 1);
      if (Number.isNaN(quick)) continue;
      read++;
      // Object.is: the same double, not merely close (and never -0).
      expect(Object.is(quick, readWeight(text)), text).toBe(true);
    }
    expect(read).toBeGreaterThan(8000);
    // Worked by hand: the forms the quick reader takes, and the ones it leaves to the long way.
    const quick = (text: string): number => quickWeightBytes(Buffer.from(text), 0, text.length);
    expect([quick('1.25'), quick('.5'), quick('3.'), quick('007.50'), quick('0'), quick('0.1'), quick('123456789012345')]).toEqual([1.25, 0.5, 3, 7.5, 0, 0.1, 123456789012345]);
    for (const text of ['', '.', '1,25', '2e-1', ' 1', '1.2.3', '-1', '1234567890123456', '0.0000000000000001']) expect(quick(text), text).toBeNaN();
  });

  // Weights whose sums are exact even added in turn (multiples of 1/8), and the forms the long
  // way alone reads (a comma, an exponent, quotes, padding, 16 digits) or skips.
  const EXACT = ['1', '0.5', '2', '1.25', '0', '3.', '.75', '007.50', '0.125', '', 'x', '-1', '1,25', '2e1', ' 1.5', '"2"', '1.2.3', '0000000000000000.5', '"1.25"', '"0.5"', '"1,25"', '"2""5"', '""', '"2"x', '" 2"'];
  const weightSpec = (dims: number[]): CounterSpec => ({
    file: 'weights.csv',
    plan: { score: 2, reader: { kind: 'nps', scale: '0-10' }, weight: 4, date: 1, dateRequired: true, dims, width: 5 },
    columns: ['id', 'date', 'score', 'channel', 'w'].map((name, index) => ({ name, index, question: null })),
    where: [],
    strict: false,
    scoreName: 'score',
    dateName: 'date',
    needDate: true,
  });
  function weightedCsv(rows: number, weights: () => string): string {
    const lines = ['id,date,score,channel,w'];
    for (let i = 1; i <= rows; i++) {
      const fields = [String(i), pick(['2025-03-24T15:36:41Z', '2025-01-01', '03/04/2025', '2025-02-30']), pick(['0', '7', '9', '10', 'x', '']), pick(['phone', 'email', '"chat"']), weights()];
      if (random() < 0.03) fields.pop();
      lines.push(fields.join(','));
    }
    return `${lines.join('\n')}\n`;
  }
  function fromBytes(bytes: Buffer, spec: CounterSpec, valuesRemembered?: number): CounterSnapshot {
    const counter = new ByteCounter(spec, null, valuesRemembered);
    const scanner = new CsvScanner(0x2c, fieldDecoderFor('utf-8'));
    let row = -1;
    const onRecord = (record: Parameters<Parameters<CsvScanner['pushRaw']>[1]>[0]): void => {
      if (++row > 0) counter.consume(record, row);
    };
    for (let at = 0; at < bytes.length; at += 61) scanner.pushRaw(bytes.subarray(at, at + 61), onRecord);
    scanner.endRaw(onRecord);
    return counted(spec, counter.takePart()).snapshot();
  }

  it('sums of weights exact in any order: the byte path gives the long way\'s count, Σw and Σw² to the bit', () => {
    for (const dims of [[3], []]) {
      for (let round = 0; round < 20; round++) {
        const bytes = Buffer.from(weightedCsv(300, () => pick(EXACT)));
        const fast = sorted(fromBytes(bytes, weightSpec(dims)));
        expect(fast).toEqual(sorted(countedLongWay(bytes, weightSpec(dims))));
        // Weighted tallies: most rows' weights came from bytes, and their sums are there.
        expect(fast.days.every(([, data]) => data.weights !== undefined && data.squares !== undefined)).toBe(true);
        expect(fast.skips.counts.filter(([reason]) => reason === 'missingWeight' || reason === 'invalidWeight').reduce((sum, [, n]) => sum + n, 0)).toBeGreaterThan(0);
      }
    }
  });

  it('a --by column with more distinct values than are remembered: rows with the values past them go the long way, the same count', () => {
    // By id (a value per row) with 40 values remembered: the first 40 ids' rows are tallied from
    // bytes, every later row's goes the long way. By channel with 2: the third channel's rows go
    // the long way, many of them, beside the other two's. Weighted, with weights of 1 among them.
    for (const [dims, remembered] of [[[0], 40], [[3], 2]] as const) {
      for (let round = 0; round < 10; round++) {
        const bytes = Buffer.from(weightedCsv(300, () => pick(EXACT)));
        const spec = weightSpec([...dims]);
        expect(explicitWeights(sorted(fromBytes(bytes, spec, remembered)))).toEqual(explicitWeights(sorted(countedLongWay(bytes, spec))));
      }
    }
  });

  it('an export quoting every field, as survey tools write them: its dates and weights are read inside their quotes, from bytes', () => {
    const lines = ['"id","date","score","channel","w"'];
    for (let i = 1; i <= 300; i++) {
      const fields = [String(i), pick(['2025-03-24T15:36:41Z', '2025-01-01', '2024-02-29 08:00:00']), pick(['0', '7', '9', '10']), pick(['phone', 'email']), pick(['1', '0.5', '1.25', '007.50'])];
      lines.push(fields.map((field) => `"${field}"`).join(','));
    }
    const bytes = Buffer.from(`${lines.join('\r\n')}\r\n`);
    const counter = new ByteCounter(weightSpec([3]));
    const scanner = new CsvScanner(0x2c, fieldDecoderFor('utf-8'));
    let row = -1;
    const onRecord = (record: Parameters<Parameters<CsvScanner['pushRaw']>[1]>[0]): void => {
      if (++row > 0) counter.consume(record, row);
    };
    scanner.pushRaw(bytes, onRecord);
    scanner.endRaw(onRecord);
    const part = counter.takePart();
    // Every row tallied from its bytes (none the long way), and the long way's count.
    expect(part.counts.reduce((sum, count) => sum + count, 0)).toBe(300);
    expect(sorted(counted(weightSpec([3]), part).snapshot())).toEqual(sorted(countedLongWay(bytes, weightSpec([3]))));
  });

  it('any decimal weights: the same counts, and the same sums to the bit (sums are exact, whatever the order)', () => {
    const any = (): string => (random() < 0.5 ? (Math.floor(random() * 20000) / 1000).toString() : pick(EXACT));
    for (let round = 0; round < 20; round++) {
      const bytes = Buffer.from(weightedCsv(300, any));
      // The sums travel in canonical form (canonicalSum): equal sums are equal data.
      expect(sorted(fromBytes(bytes, weightSpec([3])))).toEqual(sorted(countedLongWay(bytes, weightSpec([3]))));
    }
  });

  // Weights of sizes far apart, read from bytes: a sum then needs partials beside its high and
  // low (ExactSums' rest), handed from thread to thread with them.
  const FAR = ['12345678901.5', '0.0000001', '0.3', '1.7'];
  it.each([
    ['by channel, nine parts', 3000, [3], 9, EXACT],
    // A thread keeps a part's counts a byte a place, carrying each 256th row: its places then number fewer than its notes of them.
    ['no groups, two parts: places past 255 rows in a part', 40000, [], 2, EXACT],
    ['weights of sizes far apart (sums with partials beside high and low), by channel, nine parts', 3000, [3], 9, FAR],
    // A group per row: each thread's places, and the slots of their sums, grow far past their first room (256 groups), part after part.
    ['by id (a group per row), nine parts', 3000, [0], 9, EXACT],
  ])('parts on two threads, merged in file order: the long way\'s weighted count of the whole file, %s', async (_, rows, dims, parts, weights) => {
    const { bytes, path, dataStart } = writeCsv(weightedCsv(rows, () => pick(weights)).trimEnd().split('\n'), '\n');
    const spec = weightSpec(dims);
    const expected = sorted(countedLongWay(bytes, spec));
    if (rows > 3000) expect(Math.max(...expected.days.flatMap(([, tally]) => tally.distribution))).toBeGreaterThan(2 * 512);
    const starts = await partStarts(path, dataStart, bytes.length, parts);
    const queue: Part[] = starts.map((start, index) => ({ index, start, stop: starts[index + 1] ?? Infinity }));
    const threads = [new PartCounter([spec], { chunk: 4096, room: 512 }), new PartCounter([spec], { chunk: 4096, room: 512 })];
    const merger = new PartMerger([spec], 2, queue.length, dataStart, 0);
    let rests = 0;
    while (!merger.finished) {
      const thread = random() < 0.5 ? 0 : 1;
      const part = queue.shift() as Part;
      const task = { path, start: part.start, stop: part.stop, delimiter: 0x2c, newline: 1, encoding: 'utf-8', wanted: null, specs: [spec], checkUtf8: true };
      const counted = await (threads[thread] as PartCounter).count(task);
      rests += counted.counts.reduce((sum, count) => sum + (count.weighted?.weights.rest.length ?? 0) + (count.weighted?.squares.rest.length ?? 0), 0);
      const redo = merger.add(part, counted, thread);
      if (redo !== null) queue.unshift(redo);
    }
    // A group whose rows all weigh 1 has sums or not as it was counted (a row read as text leaves
    // them unwritten): the same Σw and Σw² either way (Tally.weightOf).
    expect(explicitWeights(sorted((merger.result()[0] as RowCounter).snapshot()))).toEqual(explicitWeights(expected));
    if (weights === FAR) expect(rests).toBeGreaterThan(0);
  });
});

describe('StreamParts: bytes read once, cut into parts as they come, counted on two threads', () => {
  /** A CSV of `rows` rows whose comments hold line breaks (quoted), ended by `lineEnd`. */
  function streamCsv(rows: number, lineEnd: string): Buffer {
    const lines = ['id,date,score,channel,comment'];
    for (let i = 1; i <= rows; i++) {
      const comment = random() < 0.15 ? `"${`a line, "" quoted${lineEnd}`.repeat(1 + Math.floor(random() * 5))}"` : pick(['ok', '"a,b"', '', 'ökad nöjdhet']);
      lines.push([i, pick(['2025-03-24T15:36:41Z', '2025-01-01', '03/04/2025', '2025-02-30']), pick(['0', '9', '10', 'x', '']), pick(['phone', 'email', '"chat"']), comment].join(','));
    }
    return Buffer.from(`${lines.join(lineEnd)}${lineEnd}`);
  }

  /** The records after the header handed to StreamParts in random chunks, in parts of `partBytes`. */
  async function streamed(bytes: Buffer, spec: CounterSpec, newline: number, partBytes: number): Promise<CounterSnapshot> {
    const dataStart = bytes.indexOf(newline === 3 ? '\r' : '\n') + 1;
    const parts = new StreamParts([spec], 'stream.csv', null, partBytes, () => undefined);
    parts.start({ records: 1, line: 2, newline, delimiter: 0x2c, encoding: 'utf-8' });
    try {
      for (let at = dataStart; at < bytes.length; ) {
        const size = 1 + Math.floor(random() * 3000);
        await parts.push(bytes.subarray(at, at + size));
        at += size;
      }
      await parts.end();
      return ((await parts.result())[0] as RowCounter).snapshot();
    } finally {
      await parts.stop();
    }
  }

  it('the count of one scan, rows numbered as in the input, with LF, CRLF and CR line ends and parts cut inside quoted fields', async () => {
    const spec = fileSpec(false);
    for (const [lineEnd, newline] of [['\n', 1], ['\r\n', 2], ['\r', 3]] as const) {
      const bytes = streamCsv(1500, lineEnd);
      // The reference: one scan of the whole input (rows counted from the header's 1).
      const counter = new RowCounter(spec);
      const scanner = new CsvScanner(0x2c);
      scanner.push(bytes, (row, cells) => {
        if (row > 1) counter.consume({ row, cells });
      });
      scanner.end((row, cells) => {
        if (row > 1) counter.consume({ row, cells });
      });
      for (const partBytes of [500, 4000, 1 << 20]) {
        expect(sorted(await streamed(bytes, spec, newline, partBytes)), `${JSON.stringify(lineEnd)}, parts of ${partBytes}`).toEqual(sorted(counter.snapshot()));
      }
    }
  });

  it('a line far longer than a part (a field of 300,000 bytes, no line break in it): the parts wait for its end', async () => {
    const spec = fileSpec(false);
    const rows = Array.from({ length: 300 }, (_, i) => `${i + 1},2025-01-01,${i % 11},web,${i === 150 ? `"${'x,'.repeat(150_000)}"` : 'ok'}`);
    const bytes = Buffer.from(`id,date,score,channel,comment\n${rows.join('\n')}\n`);
    const counter = new RowCounter(spec);
    const scanner = new CsvScanner(0x2c);
    const consume = (row: number, cells: string[]): void => {
      if (row > 1) counter.consume({ row, cells });
    };
    scanner.push(bytes, consume);
    scanner.end(consume);
    expect(sorted(await streamed(bytes, spec, 1, 500))).toEqual(sorted(counter.snapshot()));
  });

  it('a quote left open at the end, and --strict on a late row: the error a scan of the whole input gives', async () => {
    const bytes = Buffer.concat([streamCsv(800, '\n'), Buffer.from('801,2025-01-01,9,phone,"never closed\n')]);
    const error = await streamed(bytes, fileSpec(false), 1, 700).catch((caught: unknown) => caught);
    expect(String((error as Error).message)).toMatch(/a quoted field opened on row 802 \(line \d+\) is never closed/);
    const lines = bytes.toString().split('\n');
    const line = lines.findIndex((text) => text.startsWith('801,')) + 1;
    expect((error as Error).message).toContain(`line ${line})`);
    const strict: CounterSpec = { ...fileSpec(false), strict: true };
    const late = Buffer.from(`id,date,score,channel,comment\n${Array.from({ length: 600 }, (_, i) => `${i + 1},2025-01-01,${i === 550 ? 'x' : i % 11},web,"two\nlines"`).join('\n')}\n`);
    const strictError = await streamed(late, strict, 1, 500).catch((caught: unknown) => caught);
    expect((strictError as Error).message).toContain('row 552 has an invalid score');
  });
});

describe('ThreadTallies', () => {
  /**
   * A part's count as a thread hands it over: its groups first met (a value's number, a day),
   * the values first met, and rows per place; with `weights`, each place's Σw (and Σw² its square).
   */
  function part(spec: CounterSpec, firstNewGroup: number, groups: number[][], values: string[], places: number[], counts: number[], weights?: number[]): PartCount {
    const sums = (of: number[]): PackedSums => ({ high: Float64Array.from(of), low: new Float64Array(of.length), rest: [] });
    return {
      snapshot: new RowCounter(spec).snapshot(),
      places: Uint32Array.from(places),
      counts: Uint32Array.from(counts),
      weighted: weights === undefined ? null : { weights: sums(weights), squares: sums(weights.map((w) => w * w)) },
      firstNewGroup,
      newGroupCount: groups.length,
      newGroups: Int32Array.from(groups.flat()),
      newValues: [values],
    };
  }

  // A thread's parts put under their keys: places met in some parts only, a value first met in
  // a later part, and a place whose rows pass 2^32 − 1 (its totals then kept in eight bytes).
  it('adds up the parts place by place, past four bytes a place, under their keys', () => {
    const spec = { ...fileSpec(true), needDate: true };
    const tallies = ThreadTallies.of(spec);
    const counter = new RowCounter(spec);
    // Group 0: (phone, day 20000); group 1: (web, day 20001), met in the second part.
    const parts = [
      part(spec, 0, [[0, 20000]], ['phone'], [0 * 11 + 10, 0 * 11 + 3], [0xffffffff, 2]),
      part(spec, 1, [[1, 20001]], ['web'], [0 * 11 + 10, 1 * 11 + 9], [0xffffffff, 7]),
      part(spec, 2, [], [], [0 * 11 + 10], [5]),
    ];
    for (const p of parts) tallies.learn(p);
    parts.forEach((p, i) => tallies.absorb(counter, p, i * 10));
    ThreadTallies.finish([tallies], counter);
    const byKey = Object.fromEntries(counter.days.entries().map(({ key, tally }) => [key.join('|'), tally.distribution]));
    expect(byKey).toEqual({
      'phone|20000': [0, 0, 0, 2, 0, 0, 0, 0, 0, 0, 2 * 0xffffffff + 5],
      'web|20001': [0, 0, 0, 0, 0, 0, 0, 0, 0, 7, 0],
    });
  });

  // The run's sums are kept in four bytes a place only where every row counted fits: two threads
  // each under 2^32 in one place add up past it (a wrong sum here would wrap round to 4,294,967,294 less).
  it('adds two threads\' places past four bytes together', () => {
    const spec = { ...fileSpec(true), needDate: true };
    const counter = new RowCounter(spec);
    const threads = [0, 1].map(() => {
      const tallies = ThreadTallies.of(spec);
      const only = part(spec, 0, [[0, 20000]], ['phone'], [0 * 11 + 10, 0 * 11 + 4], [0xffffffff, 1]);
      tallies.learn(only);
      tallies.absorb(counter, only, 0);
      return tallies;
    });
    ThreadTallies.finish(threads, counter);
    expect(counter.days.entries().map(({ key, tally }) => [key.join('|'), tally.distribution])).toEqual([['phone|20000', [0, 0, 0, 0, 2, 0, 0, 0, 0, 0, 2 * 0xffffffff]]]);
  });

  // Two threads number the same values differently; their groups are matched by the values, a
  // group with rows in one thread only stays its own, and a group met only in a part left out
  // (no rows) is not a group. Worked by hand.
  it.each([
    ['into an empty count (appended)', false, false],
    ['beside a group the long way counted (looked up)', true, false],
    ['weighted', false, true],
  ])('adds up two threads\' groups by their values, %s', (_, longWay, weighted) => {
    const spec: CounterSpec = { ...fileSpec(true), needDate: true, plan: { ...fileSpec(true).plan, weight: weighted ? 4 : null } };
    const counter = new RowCounter(spec);
    if (longWay) counter.days.add(['web', '20001'], 9, weighted ? 2 : 1);
    // Thread one: phone = 0, web = 1; (phone, 20000) 3 tens, (web, 20001) one 9, (web, 20002) met only in a part left out.
    const one = ThreadTallies.of(spec);
    const ones = part(spec, 0, [[0, 20000], [1, 20001], [1, 20002]], ['phone', 'web'], [0 * 11 + 10, 1 * 11 + 9], [3, 1], weighted ? [1.5, 0.5] : undefined);
    one.learn(ones);
    one.absorb(counter, ones, 0);
    // Thread two: web = 0, phone = 1; (web, 20001) two 0s, (phone, 20000) one 10, (email, 20000) one 7.
    const two = ThreadTallies.of(spec);
    const twos = part(spec, 0, [[0, 20001], [1, 20000], [2, 20000]], ['web', 'phone', 'email'], [0 * 11 + 0, 1 * 11 + 10, 2 * 11 + 7], [2, 1, 1], weighted ? [4, 0.25, 1] : undefined);
    two.learn(twos);
    two.absorb(counter, twos, 100);
    ThreadTallies.finish([one, two], counter);
    const entries = counter.days.entries();
    // The long way's group first, then the threads' groups in the order a report lists them
    // (by value, then day), whatever order the threads met them in.
    expect(entries.map(({ key }) => key.join('|'))).toEqual([...(longWay ? ['web|20001'] : []), 'email|20000', 'phone|20000', ...(longWay ? [] : ['web|20001'])]);
    const byKey = Object.fromEntries(entries.map(({ key, tally }) => [key.join('|'), tally]));
    expect(byKey['phone|20000']?.distribution).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 4]);
    expect(byKey['web|20001']?.distribution).toEqual([2, 0, 0, 0, 0, 0, 0, 0, 0, longWay ? 2 : 1, 0]);
    expect(byKey['email|20000']?.distribution).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0]);
    if (weighted) {
      expect([byKey['phone|20000']?.weightOf(10), byKey['phone|20000']?.squareOf(10)]).toEqual([1.75, 1.5 ** 2 + 0.25 ** 2]);
      expect([byKey['web|20001']?.weightOf(0), byKey['web|20001']?.weightOf(9), byKey['web|20001']?.squareOf(9)]).toEqual([4, 0.5, 0.25]);
    }
    // The key lookups still work after appending (the tree is built when first needed).
    expect(counter.days.tallyFor(['email', '20000']).responses).toBe(1);
    expect(counter.days.size).toBe(3);
  });

  // The groups are made in the order a report lists them (so that they lie in memory in the order
  // the report reads them): by each value in code-point order, then by day, across threads.
  it('makes the groups in the order a report lists them', () => {
    const spec = { ...fileSpec(true), needDate: true };
    const counter = new RowCounter(spec);
    const one = ThreadTallies.of(spec);
    // Thread one: b = 0, a = 1; thread two: c = 0, a = 1. One ten in each group.
    const ones = part(spec, 0, [[0, 20000], [1, 20000]], ['b', 'a'], [0 * 11 + 10, 1 * 11 + 10], [1, 1]);
    one.learn(ones);
    one.absorb(counter, ones, 0);
    const two = ThreadTallies.of(spec);
    const twos = part(spec, 0, [[0, 19999], [1, 19999], [1, 20001]], ['c', 'a'], [0 * 11 + 10, 1 * 11 + 10, 2 * 11 + 10], [1, 1, 1]);
    two.learn(twos);
    two.absorb(counter, twos, 100);
    ThreadTallies.finish([one, two], counter);
    expect(counter.days.entries().map(({ key }) => key.join('|'))).toEqual(['a|19999', 'a|20000', 'a|20001', 'b|20000', 'c|19999']);
  });

  // Three --by columns of 120 values each and days 2^31 − 1 apart: the values' and days' numbers
  // would not fit in a double together (120³ × 2^31 × 4 groups > 2^53), so the groups are
  // numbered in the order met, and a group both threads met is still one.
  it('numbers the groups in the order met where the numbers would not fit in a double', () => {
    const base = fileSpec(true);
    const spec: CounterSpec = { ...base, needDate: true, plan: { ...base.plan, dims: [3, 0, 4] } };
    const counter = new RowCounter(spec);
    const names = (letter: string): string[] => Array.from({ length: 120 }, (_, i) => `${letter}${String(i).padStart(3, '0')}`);
    const thread = (groups: number[][], values: string[][]): ThreadTallies => {
      const tallies = ThreadTallies.of(spec);
      const only: PartCount = {
        ...part(spec, 0, [], [], groups.map((_, i) => i * 11 + 10), groups.map(() => 1)),
        newGroupCount: groups.length,
        newGroups: Int32Array.from(groups.flat()),
        newValues: values,
      };
      tallies.learn(only);
      tallies.absorb(counter, only, 0);
      return tallies;
    };
    const one = thread([[5, 0, 0, 2 ** 31 - 1], [1, 0, 0, 0], [3, 0, 0, 20000]], [names('c'), names('i'), names('m')]);
    // The second thread's values in the other order: its c001 is value 118.
    const two = thread([[118, 0, 0, 0], [119, 0, 0, 7]], [[...names('c')].reverse(), names('i'), names('m')]);
    ThreadTallies.finish([one, two], counter);
    expect(counter.days.entries().map(({ key, tally }) => [key.join('|'), tally.responses])).toEqual([
      [`c005|i000|m000|${2 ** 31 - 1}`, 1],
      ['c001|i000|m000|0', 2],
      ['c003|i000|m000|20000', 1],
      ['c000|i000|m000|7', 1],
    ]);
  });

  // 30,000 groups: the threads' counts (11 places of four bytes a group) pass 1 MB and are made
  // 33 MB long (lengthToLetGo), the run's sums too; only the groups' own places count.
  it('adds up two threads\' 30,000 groups past the arrays made longer than they need', () => {
    const spec = { ...fileSpec(true), needDate: true };
    const counter = new RowCounter(spec);
    const n = 30_000;
    const values = Array.from({ length: n }, (_, i) => `v${i}`);
    const threads = [0, 1].map((t) => {
      const tallies = ThreadTallies.of(spec);
      // Thread one meets the values in order, thread two backwards; each group one answer of 10 − t.
      const order = t === 0 ? values : [...values].reverse();
      const half = part(spec, 0, order.map((_, i) => [i, 20000]), order, order.map((_, i) => i * 11 + 10 - t), order.map(() => 1));
      tallies.learn(half);
      tallies.absorb(counter, half, 0);
      return tallies;
    });
    ThreadTallies.finish(threads, counter);
    const entries = counter.days.entries();
    expect(entries).toHaveLength(n);
    expect(entries.every(({ tally }) => tally.distribution[10] === 1 && tally.distribution[9] === 1 && tally.responses === 2)).toBe(true);
    expect(new Set(entries.map(({ key }) => key[0])).size).toBe(n);
  });

  // A thread's last part left out (counted from a wrong start, then counted again elsewhere): its
  // new groups are learned, for the numbering, but no place of theirs was ever given back, and
  // the thread's counts have no room for them. They are no groups.
  it('a group first met in a part left out after the last one absorbed is not a group', () => {
    const spec = { ...fileSpec(true), needDate: true };
    const counter = new RowCounter(spec);
    const tallies = ThreadTallies.of(spec);
    const kept = part(spec, 0, [[0, 20000]], ['phone'], [10], [4]);
    tallies.learn(kept);
    tallies.absorb(counter, kept, 0);
    // 300 new groups (past the counts' first 256), never absorbed.
    const leftOut = part(spec, 1, Array.from({ length: 300 }, (_, i) => [1, 20001 + i]), ['web'], [11 + 9], [1]);
    tallies.learn(leftOut);
    ThreadTallies.finish([tallies], counter);
    expect(counter.days.entries().map(({ key, tally }) => [key.join('|'), tally.responses])).toEqual([['phone|20000', 4]]);
  });
});
