// Counting CSV records straight from their bytes. The common row (as many fields as the header,
// a score and group values seen before, an ISO date) is tallied without decoding a field: each
// field's bytes are looked up in a memo of what those bytes read as (a plain weight is read
// from its digits by quickWeightBytes, exactly as readWeight reads it). Any other row (a new
// value's first time aside, which is read as text once) goes through RowCounter as decoded
// text, so both ways give the same count by construction. With --dedupe, a common row whose
// respondent id is printable ASCII is held from its bytes too (Answers.addRead), as RowCounter
// would hold it.
//
// A thread counts the parts of a file it is given one after another, with one ByteCounter: the
// memos and the numbering of groups carry over, and each part's count is handed out on its own
// (PartCount), so that the parts merge in file order and a part that was split wrongly can be
// left out (count-csv.ts). ThreadTallies puts a thread's counts back under their groups' keys.

import { cellText } from '../mapping/cell-text.js';
import { columnTests } from '../mapping/filters.js';
import { packedDay, packedSeconds, quickIsoBytes } from '../mapping/date-value.js';
import { readValue } from '../mapping/metric-column.js';
import { quickWeightBytes } from '../mapping/responses.js';
import { RowCounter, type CounterSnapshot, type CounterSpec, type Handoff } from '../mapping/row-counter.js';
import type { Answers } from '../mapping/answers.js';
import type { AnswerTap } from '../mapping/gather.js';
import { PeriodDays } from '../core/calendar.js';
import { ExactSums, packedSums, trimmedSums, type PackedSums } from '../core/exact-sum.js';
import { Tally } from '../core/tally.js';
import { insideQuotes, type RawRecord } from '../sources/csv-scanner.js';
import { ByteMemo, DayCache, TupleIndex } from './byte-memo.js';
import type { SpareBuffers } from './spare-buffers.js';

/** Combinations of --by values numbered for the day cache, at most (then every row looks its group up whole). */
const COMBOS_CACHED = 1 << 16;

/**
 * Distinct values of a --by column remembered from their bytes, at most (a row with a value past
 * them goes the long way). At 65,536, `--by respondent` of 600,000 respondents sent most rows
 * the long way (BENCHMARKS.md, issue 17, seventeenth session).
 */
const VALUES_REMEMBERED = 1 << 24;

/** Rows whose places are counted together (ByteCounter.pending). */
const PENDING = 64;

/** What the score memo holds for bytes that do not read as a 0–10 score (the row goes the long way). */
const NOT_A_SCORE = 11;

/** One part's count, from one thread's ByteCounter. */
export interface PartCount {
  /** The rows that went the long way, and every row's place in the totals (rows read, zeros); row numbers from 1 in the part. */
  snapshot: CounterSnapshot;
  /**
   * The rows tallied from bytes, only where there are any: counts[i] rows in place places[i]
   * (group × 11 + score, groups numbered by the thread). A part of a file with hundreds of
   * thousands of groups meets a share of them; it hands over those, not an array of all.
   */
  places: Uint32Array<ArrayBuffer>;
  counts: Uint32Array<ArrayBuffer>;
  /** With --weight: Σw and Σw² of those rows, place by place as `places`, exact (exact-sum.ts). */
  weighted: PackedWeights | null;
  /**
   * The thread's groups numbered `firstNewGroup` on (those first met in this part), `newGroupCount`
   * of them, each as `width` numbers in `newGroups`: its --by values' numbers, then its day
   * number when the count is by day. Numbers, not keys of text: hundreds of thousands of keys
   * would each be copied from thread to thread, and their text made again for every group.
   */
  firstNewGroup: number;
  newGroupCount: number;
  newGroups: Int32Array<ArrayBuffer>;
  /** Per --by column, its values numbered from those handed out with earlier parts on, as RowCounter reads them. */
  newValues: string[][];
}

/** Σw and Σw² of the same entries, as a part hands them over (ExactSums' packed form). */
export interface PackedWeights {
  weights: PackedSums;
  squares: PackedSums;
}

/**
 * Σw and Σw² of the places with weighted rows, each exact; a place is given a slot of its own
 * (four doubles) when its first row comes, and keeps only the slot's number (four bytes) until
 * then. Hundreds of thousands of groups have 11 places each, most of them without rows in a
 * part: their four doubles a place, in each thread and again on the main thread for each,
 * took ~1 GB at 438,000 groups on 1M rows (BENCHMARKS.md, issue 17, seventeenth session).
 */
class PlaceWeights {
  /** Per place, 1 + its slot's number; 0 while it has none. */
  private slots: Int32Array<ArrayBuffer>;
  private used = 0;
  private readonly weights = new ExactSums(256);
  private readonly squares = new ExactSums(256);

  /** `letGo`: the places' array grown as lengthToLetGo says (one that is let go at the end). */
  constructor(
    places: number,
    private readonly letGo: boolean,
  ) {
    this.slots = new Int32Array(places);
  }

  /** Room for `places` places. */
  grow(places: number): void {
    this.slots = grown(this.slots, places, this.letGo);
  }

  /** The slot of place `at`, given one when it has none. */
  private slotOf(at: number): number {
    let slot = (this.slots[at] as number) - 1;
    if (slot < 0) {
      slot = this.used++;
      this.slots[at] = slot + 1;
      this.weights.grow(this.used);
      this.squares.grow(this.used);
    }
    return slot;
  }

  /** A row of weight `weight` at place `at`. */
  add(at: number, weight: number): void {
    const slot = this.slotOf(at);
    this.weights.add(slot, weight);
    this.squares.add(slot, weight * weight);
  }

  /** Place `at`'s sums moved to entry `i` of `packed`, the place left without a slot. Once every place with one is moved, `restart`. */
  moveTo(at: number, packed: PackedWeights, i: number): void {
    const slot = (this.slots[at] as number) - 1;
    this.weights.moveTo(slot, packed.weights, i);
    this.squares.moveTo(slot, packed.squares, i);
    this.slots[at] = 0;
  }

  /** The slots numbered from 0 again: no place has one (each was moved out). */
  restart(): void {
    this.used = 0;
  }

  /** Adds `packed`'s entries to their places (entry i's is places[i]), exactly. */
  addPacked(packed: PackedWeights, places: Uint32Array): void {
    const slots = Int32Array.from(places, (at) => this.slotOf(at));
    for (let i = 0; i < slots.length; i++) {
      this.weights.addPacked(slots[i] as number, packed.weights, i);
      this.squares.addPacked(slots[i] as number, packed.squares, i);
    }
    this.weights.addPackedRest(packed.weights, (i) => slots[i] as number);
    this.squares.addPackedRest(packed.squares, (i) => slots[i] as number);
  }

  /** Adds place `at`'s `count` rows, of the value `score`, with their sums to `tally` (a place with rows has a slot). */
  addTo(tally: Tally, score: number, count: number, at: number): void {
    tally.addWeightedAt(score, count, this.weights, this.squares, (this.slots[at] as number) - 1);
  }
}

/**
 * The date of the record being counted, read once for the counters that count one record in
 * turn (a metric each: score --metric nps,csat,ces): the first to read it notes the column and
 * its packing, the others take it (read by each, it cost ~20% of `score --metric nps,csat,ces
 * --period month`: BENCHMARKS.md, issue 17, eleventh session). Whoever hands the counters a
 * record forgets the note first, so that a note never outlives its record.
 */
export class RecordDate {
  column = -1;
  packed = NaN;

  forget(): void {
    this.column = -1;
  }
}

export class ByteCounter {
  /** The current part's rows that go the long way. */
  private counter: RowCounter;
  /** --where, per column: its test, and whether each cell's bytes pass it (1) or not (0), decided once per distinct cell. */
  private readonly where: { index: number; passes: (text: string) => boolean; memo: ByteMemo }[];
  private readonly scores = new ByteMemo();
  /** Per --by column: bytes → the number of a value, and the values (as RowCounter reads them). */
  private readonly valueIds: ByteMemo[];
  private readonly values: string[][];
  /** The row's group: value numbers, then the day number when the count is by day. */
  private readonly key: Int32Array;
  private readonly groups: TupleIndex;
  /** No --by and no date in the key: every row's group is the one group, numbered 0 from the start (no lookup per row). */
  private readonly oneGroup: boolean;
  /**
   * In front of `groups` when the count is by day: (the values, day) → group in two array reads.
   * Several --by values are first numbered together in `combos`, a table as small as the
   * combinations met (hundreds, where `groups` holds hundreds of thousands of (values, day)).
   */
  private readonly dayCache: DayCache | null;
  private readonly combos: TupleIndex | null;
  /** The count is by period only: each day keyed as its period's first day (as RowCounter keys it). */
  private readonly periodDays: PeriodDays | null;
  /**
   * Per group, the current part's rows of each score 0–10 tallied from bytes, a byte a place (with
   * `carries`): a row reads one place among hundreds of thousands of groups, and four bytes a
   * place of both threads passed what the cache holds (BENCHMARKS.md, issue 17, ninth session).
   */
  private counts = new Uint8Array(11 * 256);
  /** Per place, the current part's rows past each 256th, 256 each (null until a place first passes 255). */
  private carries: Uint32Array<ArrayBuffer> | null = null;
  /**
   * The groups the current part has tallied rows in, a bit each (group g: bit g % 32 of word
   * g / 32), set as one of its places gets its first row (or its first after a carry). takePart
   * reads them in group order from the bits, where a list of groups had to be sorted (~0.3 s a
   * thread at 438,000 groups: BENCHMARKS.md, issue 17, eleventh session).
   */
  private touched = new Uint32Array(8);
  /** How many times a place got its first row (or its first after a carry) in this part: no fewer than the places with rows. */
  private touches = 0;
  /** With --weight, Σw and Σw² of the current part's places with rows, exact (null without). */
  private readonly weighted: PlaceWeights | null;
  /** The current part's rows tallied from bytes. */
  private tallied = 0;
  /**
   * The current part's rows --where left out once the part's log has all its examples of them:
   * counted here, told to the log at the part's end (SkipLog.addUnlisted), not one by one.
   */
  private unlistedFiltered = 0;
  /**
   * The last rows tallied, not yet counted (the first `pendingCount`): counted PENDING at a time
   * in loops of their own, so that the reads of their groups in the day cache and of their places
   * (most miss the processor's cache among hundreds of thousands of groups) need not wait one for
   * another. Each is its place, or, while its group is still to be looked up in the day cache,
   * −1 − its score, with its value and day in `pendingValues` and `pendingDays`.
   * Looked up row by row, the day cache's reads cost ~8% more CPU at 14,400 groups by month and
   * ~0.3 s at 438,000 groups by day, 10M rows (BENCHMARKS.md, issue 17, sixteenth session).
   */
  private readonly pending = new Int32Array(PENDING);
  private readonly pendingValues = new Int32Array(PENDING);
  private readonly pendingDays = new Int32Array(PENDING);
  /** With --weight, each pending row's weight. */
  private readonly pendingWeights = new Float64Array(PENDING);
  private pendingCount = 0;
  /** Groups whose keys were handed out with an earlier part; per --by column, values likewise. */
  private keysGiven = 0;
  private readonly valuesGiven: number[];
  /** Hears the part's counted answers (rows to list, comments), the long way's and those tallied from bytes alike; set per part. */
  tap: AnswerTap | null = null;
  private readonly dedupes: boolean;
  /** --dedupe: per part, the answers' group number of each --by value (one column) or combination of them (`dedupeCombos`); -1: not yet asked. */
  private answerGroups = new Int32Array(0);
  private readonly dedupeCombos: TupleIndex | null;
  private readonly handoff = (answer: Handoff): boolean => this.tap !== null && this.tap.handoff(answer);

  /** `recordDate`: shared with the other counters given the same records (null: none). */
  constructor(
    private readonly spec: CounterSpec,
    private readonly recordDate: RecordDate | null = null,
    /** Distinct values remembered per --by column (tests make it small: rows past it go the long way). */
    valuesRemembered = VALUES_REMEMBERED,
    /** On a counting thread: where a part's places and counts are made, in buffers the main thread gave back. */
    private readonly spare: SpareBuffers | null = null,
  ) {
    this.counter = new RowCounter(spec, this.handoff);
    this.dedupes = spec.dedupe !== undefined && spec.dedupe !== null;
    this.weighted = spec.plan.weight !== null ? new PlaceWeights(this.counts.length, false) : null;
    this.where = spec.where.length === 0 ? [] : columnTests(spec.where, spec.columns, spec.file).map((test) => ({ ...test, memo: new ByteMemo() }));
    this.valueIds = spec.plan.dims.map(() => new ByteMemo(valuesRemembered));
    this.values = spec.plan.dims.map(() => []);
    this.valuesGiven = spec.plan.dims.map(() => 0);
    const width = spec.plan.dims.length + (spec.needDate ? 1 : 0);
    this.key = new Int32Array(Math.max(1, width));
    this.groups = new TupleIndex(width);
    this.oneGroup = width === 0;
    if (this.oneGroup) this.groups.indexOf(this.key);
    this.dayCache = spec.needDate ? new DayCache() : null;
    this.periodDays = spec.periodDays ? new PeriodDays(spec.periodDays) : null;
    this.combos = spec.needDate && spec.plan.dims.length > 1 ? new TupleIndex(spec.plan.dims.length) : null;
    this.dedupeCombos = this.dedupes && spec.plan.dims.length > 1 ? new TupleIndex(spec.plan.dims.length) : null;
  }

  /** Counts record number `row` (of this part). */
  consume(record: RawRecord, row: number): void {
    if (!this.tally(record, row)) this.counter.consume({ row, cells: record.fields() });
  }

  /** Tallies a common row from its bytes (or holds it, with --dedupe); false, with nothing counted, for any other. */
  private tally(record: RawRecord, row: number): boolean {
    const plan = this.spec.plan;
    // Rows gathered from with --dedupe are held with their cells: the long way.
    if (record.fieldCount !== plan.width || (this.dedupes && this.tap !== null)) return false;
    const { bytes, starts, ends, kinds } = record;

    // --where first, as the long way has it: a row left out is counted as filtered, nothing else.
    for (const test of this.where) {
      const start = starts[test.index] as number;
      const end = ends[test.index] as number;
      let passes = test.memo.find(bytes, start, end);
      if (passes < 0) {
        passes = test.passes(cellText(record.fields()[test.index])) ? 1 : 0;
        if (!test.memo.remember(bytes, start, end, passes)) return false;
      }
      if (passes === 0) {
        this.counter.rowsRead++;
        // Once the log wants no more examples, it never does (for this part's log).
        if (this.unlistedFiltered > 0 || !this.counter.skips.wantsExample('filtered')) this.unlistedFiltered++;
        else this.counter.skips.add('filtered', row, '');
        return true;
      }
    }

    const scoreStart = starts[plan.score] as number;
    const scoreEnd = ends[plan.score] as number;
    let score = this.scores.find(bytes, scoreStart, scoreEnd);
    if (score < 0) {
      const reading = readValue(record.fields()[plan.score], plan.reader);
      score = reading.kind === 'score' ? reading.score : NOT_A_SCORE;
      this.scores.remember(bytes, scoreStart, scoreEnd, score);
    }
    if (score === NOT_A_SCORE) return false;

    let day = 0;
    /** The date's own day (`day` may become its period's), and its seconds. */
    let dated = 0;
    let seconds = 0;
    if (plan.date !== null) {
      const inside = insideQuotes(kinds[plan.date] as number);
      if (inside < 0) return false;
      const shared = this.recordDate;
      let packed: number;
      if (shared !== null && shared.column === plan.date) packed = shared.packed;
      else {
        packed = quickIsoBytes(bytes, (starts[plan.date] as number) + inside, (ends[plan.date] as number) - inside);
        if (shared !== null) {
          shared.column = plan.date;
          shared.packed = packed;
        }
      }
      if (Number.isNaN(packed)) return false;
      dated = day = packedDay(packed);
      seconds = packedSeconds(packed);
      if (this.periodDays !== null) day = this.periodDays.of(day);
    }

    // A weight that is not digits (empty, "1,25", "2e-1", padded) goes the long way.
    let weight = 1;
    if (plan.weight !== null) {
      const inside = insideQuotes(kinds[plan.weight] as number);
      if (inside < 0) return false;
      weight = quickWeightBytes(bytes, (starts[plan.weight] as number) + inside, (ends[plan.weight] as number) - inside);
      if (Number.isNaN(weight)) return false;
    }

    const key = this.key;
    const dims = plan.dims;
    for (let d = 0; d < dims.length; d++) {
      const column = dims[d] as number;
      const start = starts[column] as number;
      const end = ends[column] as number;
      const memo = this.valueIds[d] as ByteMemo;
      let id = memo.find(bytes, start, end);
      if (id < 0) {
        const values = this.values[d] as string[];
        id = values.length;
        if (!memo.remember(bytes, start, end, id)) return false;
        values.push(cellText(record.fields()[column]));
      }
      key[d] = id;
    }
    if (this.spec.needDate) key[dims.length] = day;

    // --dedupe: an answer with a respondent id is held, not tallied (as RowCounter holds it); one with a blank id is tallied.
    if (this.dedupes) {
      const column = this.spec.dedupe as number;
      const inside = insideQuotes(kinds[column] as number);
      if (inside < 0) return false;
      const idStart = (starts[column] as number) + inside;
      const idEnd = (ends[column] as number) - inside;
      if (idEnd > idStart) {
        // The id's text is its bytes when they are printable ASCII (no white space or NUL for
        // cellText to take off; inside quotes, no quote: "" is one).
        for (let i = idStart; i < idEnd; i++) if ((bytes[i] as number) < 0x21 || (bytes[i] as number) > 0x7e || (inside === 1 && bytes[i] === 0x22)) return false;
        const counter = this.counter;
        counter.rowsRead++;
        if (score === 0) counter.zeros++;
        (counter.answers as Answers).addRead(bytes, idStart, idEnd, row, score, weight, this.answerGroup(counter.answers as Answers), plan.date === null ? NaN : dated, seconds);
        return true;
      }
    }

    // Past COMBOS_CACHED combinations of values (an id among the --by columns) the cache is not used.
    const combos = this.combos;
    const value = dims.length === 0 ? 0 : combos === null ? (key[0] as number) : combos.size < COMBOS_CACHED ? combos.indexOf(key) : -1;
    const next = this.pendingCount++;
    if (this.dayCache !== null && value >= 0) {
      // Its group is looked up with the others pending (countPending).
      this.pending[next] = -1 - score;
      this.pendingValues[next] = value;
      this.pendingDays[next] = day;
    } else this.pending[next] = this.placeOf(this.oneGroup ? 0 : this.groups.indexOf(key), score);
    if (this.weighted !== null) this.pendingWeights[next] = weight;
    if (next + 1 === PENDING) this.countPending();
    this.tallied++;
    if (this.tap !== null) this.tap.heard(score, dated, record);
    return true;
  }

  /** The answers' number of the row's group (its --by values in `key`), asked of `answers` once per part. */
  private answerGroup(answers: Answers): number {
    const dims = this.spec.plan.dims.length;
    const key = this.key;
    const combo = dims === 0 ? 0 : dims === 1 ? (key[0] as number) : (this.dedupeCombos as TupleIndex).indexOf(key);
    if (combo >= this.answerGroups.length) {
      const bigger = new Int32Array(Math.max(256, 2 * combo + 2)).fill(-1);
      bigger.set(this.answerGroups);
      this.answerGroups = bigger;
    }
    let group = this.answerGroups[combo] as number;
    if (group < 0) {
      group = answers.groupOf(Array.from({ length: dims }, (_, d) => (this.values[d] as string[])[key[d] as number] as string));
      this.answerGroups[combo] = group;
    }
    return group;
  }

  /** Room for twice as many groups. */
  private grow(): void {
    const counts = new Uint8Array(this.counts.length * 2);
    counts.set(this.counts);
    this.counts = counts;
    if (this.carries !== null) this.carries = grown(this.carries, counts.length, false);
    this.weighted?.grow(counts.length);
  }

  /** Group `group`'s place of score `score`, the counts grown to hold it. */
  private placeOf(group: number, score: number): number {
    if ((group + 1) * 11 > this.counts.length) this.grow();
    return group * 11 + score;
  }

  /** Counts the rows pending in their places, their groups looked up in the day cache first. */
  private countPending(): void {
    const { pending, pendingValues, pendingDays } = this;
    const pendingCount = this.pendingCount;
    const cache = this.dayCache;
    if (cache !== null) {
      // The reads of the cache, one after another with nothing waiting on them; then the rows whose
      // (values, day) it does not hold, in order (their groups numbered as met). A group the cache
      // holds has its places already.
      let missed = false;
      for (let i = 0; i < pendingCount; i++) {
        if ((pending[i] as number) >= 0) continue;
        const group = cache.find(pendingValues[i] as number, pendingDays[i] as number);
        if (group < 0) missed = true;
        else pending[i] = group * 11 - 1 - (pending[i] as number);
      }
      for (let i = 0; missed && i < pendingCount; i++) {
        if ((pending[i] as number) >= 0) continue;
        pending[i] = this.placeOf(this.groupOf(pendingValues[i] as number, pendingDays[i] as number), -1 - (pending[i] as number));
      }
    }
    const counts = this.counts;
    for (let i = 0; i < pendingCount; i++) {
      const at = pending[i] as number;
      const count = counts[at] as number;
      if (count === 0) this.touch(Math.floor(at / 11));
      if (count === 255) this.carry(at);
      else counts[at] = count + 1;
    }
    const weighted = this.weighted;
    if (weighted !== null) for (let i = 0; i < pendingCount; i++) weighted.add(pending[i] as number, this.pendingWeights[i] as number);
    this.pendingCount = 0;
  }

  /**
   * The group of --by values numbered `value` (a combination of them in `combos` when several) and
   * day `day`, numbered when new, and remembered in the day cache. Its key is made in `key`, which
   * the row being tallied has done with by then.
   */
  private groupOf(value: number, day: number): number {
    const key = this.key;
    const dims = this.spec.plan.dims.length;
    if (this.combos !== null) this.combos.copyTuple(value, key);
    else if (dims === 1) key[0] = value;
    key[dims] = day;
    const group = this.groups.indexOf(key);
    (this.dayCache as DayCache).remember(value, day, group);
    return group;
  }

  /** A place's 256th row: 256 carried, the place's byte back to 0. */
  private carry(at: number): void {
    const carries = (this.carries ??= new Uint32Array(this.counts.length));
    carries[at] = (carries[at] as number) + 256;
    this.counts[at] = 0;
  }

  /** A first row in one of the group's places in this part. */
  private touch(group: number): void {
    const word = group >>> 5;
    if (word >= this.touched.length) this.touched = grown(this.touched, word + 1, false);
    this.touched[word] = (this.touched[word] as number) | (1 << (group & 31));
    this.touches++;
  }

  /** The count of the part since the last call (or the start), and a fresh start for the next. */
  takePart(): PartCount {
    this.countPending();
    const groups = this.groups.size;
    // The places with rows, and each back to 0 for the next part; in order, so that they are
    // added up in order (hundreds of thousands of places scattered over tens of MB miss the cache).
    const touched = this.touched;
    // Each place with rows was touched at least once: no more places than touches.
    let places = this.spare?.uint32(this.touches) ?? new Uint32Array(this.touches);
    let counts = this.spare?.uint32(this.touches) ?? new Uint32Array(this.touches);
    const sums = this.weighted;
    let weighted: PackedWeights | null = sums === null ? null : { weights: packedSums(this.touches), squares: packedSums(this.touches) };
    let zeros = 0;
    let next = 0;
    // The words of the groups there are (the bits' array may be longer: lengthToLetGo).
    const words = Math.min(touched.length, (groups >>> 5) + 1);
    for (let w = 0; w < words; w++) {
      let bits = touched[w] as number;
      if (bits === 0) continue;
      touched[w] = 0;
      for (; bits !== 0; bits &= bits - 1) {
        const first = ((w << 5) + 31 - Math.clz32(bits & -bits)) * 11;
        for (let at = first; at < first + 11; at++) {
          const count = (this.counts[at] as number) + (this.carries === null ? 0 : (this.carries[at] as number));
          if (count === 0) continue;
          places[next] = at;
          counts[next] = count;
          if (at === first) zeros += count;
          this.counts[at] = 0;
          if (this.carries !== null) this.carries[at] = 0;
          if (weighted !== null) (sums as PlaceWeights).moveTo(at, weighted, next);
          next++;
        }
      }
    }
    sums?.restart();
    // A place touched again after a carry is one place: the places are the first `next` (views:
    // the buffers go to the main thread whole, and may come back to be used again).
    if (next < places.length) {
      [places, counts] = [places.subarray(0, next), counts.subarray(0, next)];
      if (weighted !== null) weighted = { weights: trimmedSums(weighted.weights, next), squares: trimmedSums(weighted.squares, next) };
    }
    this.touches = 0;
    const newGroups = this.groups.tuples(this.keysGiven, groups);
    const newValues = this.values.map((values, d) => values.slice(this.valuesGiven[d]));
    this.values.forEach((values, d) => (this.valuesGiven[d] = values.length));
    const firstNewGroup = this.keysGiven;
    const newGroupCount = groups - this.keysGiven;
    this.keysGiven = groups;
    this.counter.rowsRead += this.tallied;
    if (this.unlistedFiltered > 0) this.counter.skips.addUnlisted('filtered', this.unlistedFiltered);
    this.unlistedFiltered = 0;
    this.counter.zeros += zeros;
    const snapshot = this.counter.snapshot();
    // The next part's ids are given the room this part's took.
    this.counter = new RowCounter(this.spec, this.handoff, this.counter.answers?.largestIdBucket());
    // The next part's answers number their groups afresh.
    this.answerGroups.fill(-1);
    this.tallied = 0;
    return { snapshot, places, counts, weighted, firstNewGroup, newGroupCount, newGroups, newValues };
  }
}

/**
 * One thread's parts, merged into a RowCounter in file order: `absorb` each part's count (and
 * its row numbers' offset); `finish` then puts the rows tallied from bytes under their keys. A
 * part's new group keys must be `learn`ed in the order the thread made its parts (they number
 * the thread's groups), whether or not the part is absorbed.
 */
export class ThreadTallies {
  /** Per --by column, the thread's values by number; the groups' numbers, `width` per group. */
  private readonly values: string[][] = [];
  private tuples = new Int32Array(256);
  private groups = 0;
  /**
   * The thread's rows per place so far: four bytes a place (hundreds of thousands of groups ×
   * 11 places), eight once a place passes 2^32 − 1 rows.
   */
  private totals: Uint32Array<ArrayBuffer> | Float64Array<ArrayBuffer> = new Uint32Array(11 * 256);
  /** With --weight: Σw and Σw² of the places with rows (null until a weighted part comes). */
  private weighted: PlaceWeights | null = null;

  constructor(
    /** --by columns; and whether each group's last number is a day's. */
    private readonly dims: number,
    private readonly dated: boolean,
  ) {}

  learn(part: PartCount): void {
    if (part.firstNewGroup !== this.groups) throw new Error(`group keys out of order (${part.firstNewGroup} after ${this.groups})`);
    // One by one: spreading many values into push() overflows the stack.
    part.newValues.forEach((values, d) => {
      const known = (this.values[d] ??= []);
      for (const value of values) known.push(value);
    });
    const used = this.groups * this.width;
    this.tuples = grown(this.tuples, used + part.newGroups.length);
    this.tuples.set(part.newGroups, used);
    this.groups += part.newGroupCount;
  }

  static of(spec: CounterSpec): ThreadTallies {
    return new ThreadTallies(spec.plan.dims.length, spec.needDate);
  }

  private get width(): number {
    return this.dims + (this.dated ? 1 : 0);
  }

  absorb(counter: RowCounter, part: PartCount, rowOffset: number): void {
    counter.absorb(part.snapshot, rowOffset);
    const { places, counts } = part;
    // Every group the thread has numbered so far has its places (those of the part among them).
    const length = this.groups * 11;
    if (length > this.totals.length) this.totals = grown(this.totals, length);
    let totals = this.totals;
    for (let i = 0; i < places.length; i++) {
      const at = places[i] as number;
      const sum = (totals[at] as number) + (counts[i] as number);
      // Past what four bytes hold: eight from here on (exact to 2^53).
      if (sum > 0xffffffff && totals instanceof Uint32Array) this.totals = totals = Float64Array.from(totals);
      totals[at] = sum;
    }
    if (part.weighted !== null) {
      const sums = (this.weighted ??= new PlaceWeights(length, true));
      sums.grow(length);
      sums.addPacked(part.weighted, places);
    }
  }

  /** finish for every spec's counter, from each thread's tallies (tallies[thread][spec]). */
  static finishEach(tallies: readonly (readonly ThreadTallies[])[], counters: readonly RowCounter[]): void {
    counters.forEach((counter, i) => ThreadTallies.finish(tallies.map((thread) => thread[i] as ThreadTallies), counter));
  }

  /**
   * The rows the threads tallied from bytes, into `counter`'s days: every group with any (a group
   * met only in a part left out has none), its counts added over the threads. The threads' groups
   * are matched by numbers (each thread's value numbers mapped once to the run's), not put under
   * keys of text in a tree of maps thread by thread (hundreds of thousands of groups; BENCHMARKS.md,
   * issue 17, tenth session). The groups come in the order the threads numbered them, thread by
   * thread. Once, at the end: the threads' counts are let go.
   */
  static finish(threads: readonly ThreadTallies[], counter: RowCounter): void {
    const first = threads[0];
    if (first === undefined) return;
    const { dims, dated, width } = first;
    // Per --by column, the run's number of each value, and its values by number.
    const numbers = Array.from({ length: dims }, () => new Map<string, number>());
    const values: string[][] = Array.from({ length: dims }, () => []);
    const runNumbers = (thread: ThreadTallies): Int32Array[] =>
      numbers.map((known, d) =>
        Int32Array.from(thread.values[d] ?? [], (value) => {
          let number = known.get(value);
          if (number === undefined) known.set(value, (number = (values[d] as string[]).push(value) - 1));
          return number;
        }),
      );
    // Every thread's groups with rows, their values in the run's numbers (a group met only in a
    // part left out, or in parts the thread made after the last it was given back, has none);
    // and every row counted, so the sums below are held in four bytes a place where they fit.
    let rowsInAll = 0;
    const counted = threads.map((thread) => Math.min(thread.groups, Math.floor(thread.totals.length / 11)));
    const tuplesMet = new Int32Array(width * counted.reduce((sum, groups) => sum + groups, 0));
    // Each thread's groups' numbers among those met, then in the run (-1: no rows).
    const runGroups = counted.map((groups) => new Int32Array(groups).fill(-1));
    let met = 0;
    threads.forEach((thread, t) => {
      const mapped = runNumbers(thread);
      const { totals: theirs, tuples } = thread;
      const run = runGroups[t] as Int32Array;
      for (let group = 0; group < run.length; group++) {
        let rows = 0;
        for (let at = group * 11; at < group * 11 + 11; at++) rows += theirs[at] as number;
        if (rows === 0) continue;
        rowsInAll += rows;
        for (let d = 0; d < dims; d++) tuplesMet[met * width + d] = (mapped[d] as Int32Array)[tuples[group * width + d] as number] as number;
        if (dated) tuplesMet[met * width + dims] = tuples[group * width + dims] as number;
        run[group] = met++;
      }
    });
    const { runOf, firsts } = numberGroups(tuplesMet, width, values, met);
    for (const run of runGroups) {
      for (let group = 0; group < run.length; group++) if ((run[group] as number) >= 0) run[group] = runOf[run[group] as number] as number;
    }
    // Weighted, each group's tally is made first and each thread's rows go straight into it with
    // their sums; else the threads' counts are added up in one array, whose rows the groups'
    // tallies read where they are (Tally.inTable).
    const places = 11 * firsts.length;
    const tallies = threads.some((thread) => thread.weighted !== null) ? Array.from(firsts, () => new Tally()) : null;
    const totals = tallies !== null ? null : rowsInAll <= 0xffffffff ? new Uint32Array(lengthToLetGo(places, 4)) : new Float64Array(lengthToLetGo(places, 8));
    threads.forEach((thread, t) => {
      const run = runGroups[t] as Int32Array;
      const { totals: theirs, weighted: theirSums } = thread;
      for (let group = 0; group < run.length; group++) {
        const to = run[group] as number;
        if (to < 0) continue;
        const from = group * 11;
        if (totals !== null) {
          for (let score = 0; score < 11; score++) totals[to * 11 + score] = (totals[to * 11 + score] as number) + (theirs[from + score] as number);
          continue;
        }
        const tally = (tallies as Tally[])[to] as Tally;
        for (let score = 0; score < 11; score++) {
          const count = theirs[from + score] as number;
          if (count === 0) continue;
          if (theirSums === null) tally.addCount(score, count);
          else theirSums.addTo(tally, score, count, from + score);
        }
      }
      thread.release();
    });
    // The days' keys are distinct: into an empty set they are appended, with no lookup.
    const fresh = counter.days.size === 0;
    // The day token RowCounter keys a known date by (its day number), made once per day.
    const dayTokens = new Map<number, string>();
    for (let group = 0; group < firsts.length; group++) {
      const at = (firsts[group] as number) * width;
      const key = new Array<string>(width);
      for (let d = 0; d < dims; d++) key[d] = (values[d] as string[])[tuplesMet[at + d] as number] as string;
      if (dated) {
        const day = tuplesMet[at + dims] as number;
        let token = dayTokens.get(day);
        if (token === undefined) dayTokens.set(day, (token = String(day)));
        key[dims] = token;
      }
      // Unweighted, each group's tally reads its row of the totals where it is (nothing changes
      // them from here on): no array of counts a group (BENCHMARKS.md, issue 17, twentieth session).
      const tally = tallies !== null ? (tallies[group] as Tally) : Tally.inTable(totals as Uint32Array | Float64Array, group);
      if (fresh) counter.days.append(key, tally);
      else counter.days.put(key, tally);
    }
  }

  /** The thread's counts let go (they are the counter's now). */
  private release(): void {
    this.values.length = 0;
    this.tuples = new Int32Array(0);
    this.totals = new Uint32Array(0);
    this.weighted = null;
  }
}

/**
 * The run's number of each group met (`tuples`: `width` numbers each, a number per --by value,
 * then maybe a day; a group may be met by each thread), and the first meeting of each numbered
 * group. Numbered in about the order a report lists them: each value in code-point order
 * (compareKeys' own for text; the numbers it orders as numbers may come out of place), then the
 * day, by sorting the groups met as numbers of that order, so that equal ones come together. The
 * keys and tallies are then made in that order, and the walks over the groups in the report's
 * order (the fit of the shrinkage, the JSON) read memory in the order it was made: at 438,000
 * groups those walks took ~0.9 s more over groups made in the threads' order, and numbering
 * them in a hash table ~0.4 s more (BENCHMARKS.md, issue 17, fifteenth session). The order is
 * only where they lie: the report sorts the groups itself. Where those numbers would not fit in
 * a double, the groups are numbered in a hash table, in the order met.
 */
function numberGroups(tuples: Int32Array, width: number, values: readonly (readonly string[])[], count: number): { runOf: Int32Array; firsts: Int32Array } {
  const runOf = new Int32Array(count);
  const firsts: number[] = [];
  const ranks = values.map((known) => {
    const rank = new Int32Array(known.length);
    Array.from(known.keys())
      .sort((a, b) => ((known[a] as string) < (known[b] as string) ? -1 : (known[a] as string) > (known[b] as string) ? 1 : 0))
      .forEach((number, place) => (rank[number] = place));
    return rank;
  });
  const radices = ranks.map((rank) => rank.length);
  // A day after the values: its number less the first's.
  const dated = width > values.length;
  let firstDay = Infinity;
  let lastDay = -Infinity;
  for (let group = 0, at = width - 1; dated && group < count; group++, at += width) {
    firstDay = Math.min(firstDay, tuples[at] as number);
    lastDay = Math.max(lastDay, tuples[at] as number);
  }
  if (dated) radices.push(lastDay - firstDay + 1);
  if (radices.reduce((product, radix) => product * radix, count) > Number.MAX_SAFE_INTEGER) {
    const index = new TupleIndex(width);
    const tuple = new Int32Array(Math.max(1, width));
    for (let group = 0; group < count; group++) {
      for (let d = 0; d < width; d++) tuple[d] = tuples[group * width + d] as number;
      const number = index.indexOf(tuple);
      if (number === firsts.length) firsts.push(group);
      runOf[group] = number;
    }
    return { runOf, firsts: Int32Array.from(firsts) };
  }
  const packed = new Float64Array(count);
  for (let group = 0, at = 0; group < count; group++) {
    let value = 0;
    for (let d = 0; d < width; d++, at++) {
      const number = tuples[at] as number;
      value = value * (radices[d] as number) + (d < ranks.length ? ((ranks[d] as Int32Array)[number] as number) : number - firstDay);
    }
    packed[group] = value * count + group;
  }
  packed.sort();
  let last = -1;
  for (const value of packed) {
    const group = value % count;
    const place = (value - group) / count;
    if (place !== last) firsts.push(group);
    last = place;
    runOf[group] = firsts.length - 1;
  }
  return { runOf, firsts: Int32Array.from(firsts) };
}

/**
 * A length for an array of over 1 MB that will be let go (one that grows, or lives for one step):
 * at least 33 MB, its pages beyond those written taking no memory. glibc's malloc maps a block
 * that large on its own, and freeing it leaves alone the size from which blocks are mapped;
 * freeing a block of 11–25 MB raises that size to it, and from then on up to twice it is kept
 * free in each thread's arena, not given back (at 438,000 groups on 10M rows the peak was
 * 390–405 MB, 337–382 MB with this; BENCHMARKS.md, issue 17, fifteenth session).
 */
function lengthToLetGo(length: number, bytesPerElement: number): number {
  return length * bytesPerElement > 1 << 20 ? Math.max(length, Math.ceil((33 << 20) / bytesPerElement)) : length;
}

/**
 * `array` with room for at least `length`, of the same kind (zeros beyond the old): half as large
 * again, as groups keep coming; past 1 MB at least 33 MB long with `letGo` (lengthToLetGo). The
 * counting threads' own arrays are grown without: with it, a day trend's peak was ~10–20 MB higher
 * and 438,000 groups' no lower (BENCHMARKS.md, issue 17, fifteenth session).
 */
function grown<T extends Int32Array<ArrayBuffer> | Uint32Array<ArrayBuffer> | Float64Array<ArrayBuffer>>(array: T, length: number, letGo = true): T {
  if (array.length >= length) return array;
  const wanted = Math.max(length, Math.ceil(array.length * 1.5));
  const size = letGo ? lengthToLetGo(wanted, array.BYTES_PER_ELEMENT) : wanted;
  const bigger = (array instanceof Int32Array ? new Int32Array(size) : array instanceof Uint32Array ? new Uint32Array(size) : new Float64Array(size)) as T;
  bigger.set(array);
  return bigger;
}

/** One thread's count of a whole file (or part) as RowCounter would give it: for a count on one thread, and tests. */
export function counted(spec: CounterSpec, part: PartCount): RowCounter {
  const counter = new RowCounter(spec);
  const tallies = ThreadTallies.of(spec);
  tallies.learn(part);
  tallies.absorb(counter, part, 0);
  ThreadTallies.finish([tallies], counter);
  return counter;
}
