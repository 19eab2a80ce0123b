// --dedupe's answers in typed columns (mapping/answers.ts), settled in two passes over the columns,
// must decide what a map of lists decides: each respondent's answers in file order, the ones a
// placing keeps, the latest of those by date and time (else the later row; a tie to the later
// row). The reference below is that map of lists, written apart from the columns' code.
import { describe, expect, it } from 'vitest';
import { Answers, type Answer, type Settling } from '../../src/mapping/answers.js';
import type { DateReading } from '../../src/mapping/date-value.js';
import { seededRandom } from '../support/random.js';
import { expectSameList } from '../support/same-list.js';

const random = seededRandom(5);
const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

type Event = ['keep', number, number, number, string, string[] | null] | ['skip', number, number] | ['duplicate', number];

/**
 * The test's placing: slash dates whose first part is larger go nowhere (-1), February goes
 * nowhere (-2); the rest go to their group and month. Days: a made-up but ordered count.
 */
function placeOf(dims: readonly string[], date: DateReading | null): { key: string; day: number } | number {
  if (date === null) return { key: JSON.stringify(dims), day: NaN };
  if (date.kind === 'slash') return date.first > date.second ? -1 : { key: JSON.stringify([...dims, 's', date.first]), day: date.year * 400 + date.first * 32 + date.second };
  if (date.date.month === 2) return -2;
  return { key: JSON.stringify([...dims, date.date.month]), day: date.date.year * 400 + date.date.month * 32 + date.date.day };
}

/** Settles `answers`, recording what it is told and what it is asked. */
function settled(answers: Answers): { events: Event[]; repeated: number; asked: string[] } {
  const events: Event[] = [];
  const keys: string[] = [];
  const asked: string[] = [];
  const settling: Settling = {
    place: (dims, date) => {
      asked.push(JSON.stringify([dims, date]));
      const placing = placeOf(dims, date);
      if (typeof placing === 'number') return { place: placing, day: NaN };
      keys.push(placing.key);
      return { place: keys.length - 1, day: placing.day };
    },
    keep: (place, row, score, weight, cells) => events.push(['keep', row, score, weight, keys[place] as string, cells]),
    skip: (reason, row) => events.push(['skip', reason, row]),
    duplicate: (row) => events.push(['duplicate', row]),
  };
  const repeated = answers.settle(settling);
  return { events, repeated, asked };
}

/** The same decisions from a map of lists: each respondent's answers, the latest kept one found by walking them. */
function reference(all: readonly { id: string; answer: Answer }[]): { events: Event[]; repeated: number } {
  const byId = new Map<string, Answer[]>();
  for (const { id, answer } of all) byId.set(id, [...(byId.get(id) ?? []), answer]);
  const verdict = new Map<number, Event>();
  let repeated = 0;
  for (const list of byId.values()) {
    const kept: { answer: Answer; key: string; moment: number | null }[] = [];
    for (const answer of list) {
      const day = answer.date === null ? null : { ...answer.date, seconds: 0 };
      const placing = placeOf(answer.dims, day);
      if (typeof placing === 'number') verdict.set(answer.row, ['skip', placing, answer.row]);
      else kept.push({ answer, key: placing.key, moment: Number.isNaN(placing.day) ? null : placing.day * 86400 + (answer.date?.seconds ?? 0) });
    }
    if (kept.length > 1) repeated++;
    let latest = kept[0];
    for (const entry of kept.slice(1)) {
      const [a, b] = [entry.moment, latest?.moment ?? null];
      if (a !== null && b !== null ? a >= b : true) latest = entry;
    }
    for (const entry of kept) {
      const { row, score, weight, cells } = entry.answer;
      verdict.set(row, entry === latest ? ['keep', row, score, weight, entry.key, cells] : ['duplicate', row]);
    }
  }
  return { events: all.map(({ answer }) => verdict.get(answer.row) as Event), repeated };
}

function randomDate(): DateReading | null {
  return pick<DateReading | null>([
    null,
    { kind: 'date', date: { year: pick([2024, 2025, 1901, 2099]), month: 1 + Math.floor(random() * 12), day: 1 + Math.floor(random() * 28) }, seconds: Math.floor(random() * 3) * 43200 },
    { kind: 'slash', first: 1 + Math.floor(random() * 12), second: 1 + Math.floor(random() * 28), year: 1999, seconds: 0 },
  ]);
}

describe('Answers', () => {
  it('settles as a map of lists does, through many blocks and growths, asking each group and date once', () => {
    for (const width of [0, 1, 3]) {
      const all: { id: string; answer: Answer }[] = [];
      for (let row = 1; row <= 150_000; row++) {
        all.push({
          id: `r${Math.floor(random() * 40_000)}`,
          answer: {
            row,
            score: Math.floor(random() * 11),
            weight: pick([1, 0.1, 2.5, 0]),
            dims: Array.from({ length: width }, () => pick(['a', 'b', '["a"]', 'a","b', ''])),
            date: randomDate(),
            cells: random() < 0.5 ? [String(row)] : null,
          },
        });
      }
      const answers = new Answers();
      for (const { id, answer } of all) answers.add(id, answer);
      expect(answers.size).toBe(150_000);
      const got = settled(answers);
      const want = reference(all);
      expect(got.repeated).toBe(want.repeated);
      expect(got.repeated).toBeGreaterThan(1000);
      expectSameList(got.events, want.events, 'events');
      // Each distinct group and day asked once, the date given back as it went in (its seconds 0).
      const distinct = new Set(all.map(({ answer }) => JSON.stringify([answer.dims, answer.date === null ? null : { ...answer.date, seconds: 0 }])));
      expectSameList(got.asked.sort(), [...distinct].sort(), 'asked');
      expect(() => answers.settle({ place: () => ({ place: 0, day: 0 }), keep: () => {}, skip: () => {}, duplicate: () => {} })).toThrow(/already settled/);
    }
  });

  // Respondents are decided 65,536 at a time (a range's states in the cache): here more than three ranges' worth.
  it('settles as a map of lists does with respondents in several ranges', () => {
    const all: { id: string; answer: Answer }[] = [];
    for (let row = 1; row <= 400_000; row++) {
      all.push({
        id: `r${Math.floor(random() * 300_000)}`,
        answer: { row, score: Math.floor(random() * 11), weight: 1, dims: [pick(['a', 'b'])], date: randomDate(), cells: null },
      });
    }
    const answers = new Answers();
    for (const { id, answer } of all) answers.add(id, answer);
    const got = settled(answers);
    const want = reference(all);
    expect(new Set(all.map(({ id }) => id)).size).toBeGreaterThan(3 * 65_536);
    expect(got.repeated).toBe(want.repeated);
    expectSameList(got.events, want.events, 'events');
  });

  it('by hand: the latest by date and time; a tie and an undated answer go to the later row; skipped answers do not count', () => {
    const at = (month: number, day: number, seconds: number): DateReading => ({ kind: 'date', date: { year: 2025, month, day }, seconds });
    const answers = new Answers();
    const rows: [string, DateReading | null][] = [
      ['x', at(3, 5, 100)], // 1: x's latest (row 3 ties it, but is skipped: February)
      ['y', at(3, 5, 0)], // 2
      ['x', at(2, 9, 999)], // 3: skipped
      ['x', at(3, 4, 0)], // 4: earlier than row 1
      ['y', at(3, 5, 0)], // 5: ties row 2: the later row wins
      ['z', at(1, 1, 0)], // 6
      ['z', null], // 7: undated: the later row wins
      ['w', at(2, 1, 0)], // 8: w's only answer, skipped: w is not repeated
    ];
    rows.forEach(([id, date], i) => answers.add(id, { row: i + 1, score: i, weight: 1, dims: [], date, cells: null }));
    const { events, repeated } = settled(answers);
    expect(repeated).toBe(3);
    expect(events.map((e) => (e[0] === 'keep' ? `keep ${e[1]}` : e[0] === 'skip' ? `skip ${e[2]}` : `duplicate ${e[1]}`))).toEqual([
      'keep 1', 'duplicate 2', 'skip 3', 'duplicate 4', 'keep 5', 'duplicate 6', 'keep 7', 'skip 8',
    ]);
  });

  it('parts logged apart and added up in file order settle as the whole read at once', () => {
    for (const parts of [1, 2, 7]) {
      const all: { id: string; answer: Answer }[] = [];
      for (let row = 1; row <= 20_000; row++) {
        all.push({ id: `r${Math.floor(random() * 3000)}`, answer: { row, score: Math.floor(random() * 11), weight: pick([1, 0.5, 3]), dims: [pick(['a', 'b', 'c'])], date: randomDate(), cells: null } });
      }
      const whole = new Answers();
      for (const { id, answer } of all) whole.add(id, answer);
      // Cut into parts; each numbers its rows from 1, as a thread's part does.
      const cuts = [0, ...Array.from({ length: parts - 1 }, () => Math.floor(random() * all.length)).sort((a, b) => a - b), all.length];
      const summed = new Answers();
      for (let p = 0; p + 1 < cuts.length; p++) {
        const from = cuts[p] as number;
        const part = new Answers();
        for (const { id, answer } of all.slice(from, cuts[p + 1])) part.add(id, { ...answer, row: answer.row - from });
        summed.absorb(structuredClone(part.data()), from);
      }
      const { events, repeated } = settled(summed);
      const want = reference(all);
      expect(repeated, `${parts} parts`).toBe(want.repeated);
      expectSameList(events, want.events, `${parts} parts`);
      expectSameList(settled(whole).events, want.events, 'whole');
      // Answers added here between parts taken in (as the main thread adds the rows it reads itself).
      const mixed = new Answers();
      for (let p = 0; p + 1 < cuts.length; p++) {
        const from = cuts[p] as number;
        const stretch = all.slice(from, cuts[p + 1]);
        if (p % 2 === 1) for (const { id, answer } of stretch) mixed.add(id, answer);
        else {
          const part = new Answers();
          for (const { id, answer } of stretch) part.add(id, { ...answer, row: answer.row - from });
          mixed.absorb(structuredClone(part.data()), from);
        }
      }
      expectSameList(settled(mixed).events, want.events, `${parts} parts, some added here`);
    }
  });
});
