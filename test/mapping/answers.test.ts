// --dedupe's answers in typed columns (mapping/answers.ts) must come back as a map of lists
// gives them: respondents in the order they first answered, each one's answers in file order,
// every field as it went in (dates of both kinds, weights, groups of one and more values).
import { describe, expect, it } from 'vitest';
import { Answers, type Candidate } from '../../src/mapping/answers.js';
import { seededRandom } from '../support/random.js';

const random = seededRandom(5);
const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;

describe('Answers', () => {
  it('hands back what a map of lists holds, through many growths', () => {
    for (const width of [0, 1, 3]) {
      const answers = new Answers();
      const reference = new Map<string, Candidate[]>();
      for (let row = 1; row <= 150_000; row++) {
        const id = `r${Math.floor(random() * 40_000)}`;
        const date = pick<Candidate['date']>([
          null,
          { kind: 'date', date: { year: 2025, month: 1 + Math.floor(random() * 12), day: 1 + Math.floor(random() * 28) }, seconds: Math.floor(random() * 86400) },
          { kind: 'slash', first: 1 + Math.floor(random() * 12), second: 13 + Math.floor(random() * 15), year: 1999, seconds: 0 },
        ]);
        const candidate: Candidate = {
          row,
          score: Math.floor(random() * 11),
          weight: pick([1, 0.1, 2.5, 0]),
          dims: Array.from({ length: width }, () => pick(['a', 'b', '["a"]', 'a","b', ''])),
          date,
          cells: random() < 0.5 ? [String(row), id] : null,
        };
        answers.add(id, candidate);
        const list = reference.get(id);
        if (list) list.push(candidate);
        else reference.set(id, [candidate]);
      }
      expect(answers.size).toBe(150_000);
      expect([...answers.byRespondent()]).toEqual([...reference.values()]);
    }
  });

  it('parts logged apart (each answer its own respondent) and added up in file order are the whole read at once', () => {
    for (const parts of [1, 2, 7]) {
      const all: { id: string; candidate: Candidate }[] = [];
      for (let row = 1; row <= 20_000; row++) {
        const date: Candidate['date'] = random() < 0.5 ? null : { kind: 'date', date: { year: 2025, month: 1 + Math.floor(random() * 12), day: 1 + Math.floor(random() * 28) }, seconds: Math.floor(random() * 86400) };
        all.push({ id: `r${Math.floor(random() * 3000)}`, candidate: { row, score: Math.floor(random() * 11), weight: pick([1, 0.5, 3]), dims: [pick(['a', 'b', 'c'])], date, cells: null } });
      }
      const whole = new Answers();
      for (const { id, candidate } of all) whole.add(id, candidate);
      // Cut into parts; each numbers its rows from 1, as a thread's part does.
      const cuts = [0, ...Array.from({ length: parts - 1 }, () => Math.floor(random() * all.length)).sort((a, b) => a - b), all.length];
      const summed = new Answers();
      for (let p = 0; p + 1 < cuts.length; p++) {
        const from = cuts[p] as number;
        const part = new Answers(true);
        for (const { id, candidate } of all.slice(from, cuts[p + 1])) part.add(id, { ...candidate, row: candidate.row - from });
        summed.absorb(structuredClone(part.data()), from);
      }
      expect([...summed.byRespondent()], `${parts} parts`).toEqual([...whole.byRespondent()]);
    }
  });
});
