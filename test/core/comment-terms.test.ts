// CommentTerms: the count of consecutive parts, each counted on its own and added up in order
// (as the threads do, their data sent as a message is), is the count of the whole in one pass,
// down to the order terms were met in and each term's first examples.
import { describe, expect, it } from 'vitest';
import { CommentTerms, EXAMPLES } from '../../src/core/comment-terms.js';
import { seededRandom } from '../support/random.js';

const WORDS = ['delivery', 'slow', 'great', 'staff', 'helpful', 'price', 'refund', 'app', 'crashes', 'Wait'];
const THEMES = [['delivery', 'wait'], ['refund*'], ['nothing here']];

const plain = (terms: CommentTerms) => ({
  classes: terms.classes.map((c) => ({ responses: c.responses, withComment: c.withComment, terms: [...c.terms] })),
  all: terms.all.distribution,
  themes: terms.themes.map((t) => t.distribution),
});

describe('CommentTerms', () => {
  it('by hand: a term counts once per comment, blank-like answers are no comments, examples are the first distinct ones', () => {
    const terms = new CommentTerms(THEMES);
    terms.add(0, 'Slow delivery, slow app');
    terms.add(3, 'n/a');
    terms.add(5, 'slow delivery');
    terms.add(6, 'Slow delivery, slow app');
    terms.add(1, 'so slow');
    terms.add(2, 'slow!');
    terms.add(10, 'Refunded fast');
    const detractors = terms.of('detractor');
    expect(detractors.responses).toBe(6);
    expect(detractors.withComment).toBe(5);
    expect(detractors.terms.get('slow')?.count).toBe(5);
    expect(detractors.terms.get('slow delivery')?.count).toBe(3);
    expect(detractors.terms.get('slow')?.examples).toEqual(['Slow delivery, slow app', 'slow delivery', 'so slow']);
    expect(terms.of('promoter').terms.get('refunded')?.count).toBe(1);
    expect(terms.all.responses).toBe(7);
    expect(terms.themes.map((t) => t.responses)).toEqual([3, 1, 0]);
  });

  it('comments met again (read once, kept) count as a reading of each does: terms, first examples, themes, short and long comments alike', () => {
    const random = seededRandom(17);
    const pick = <T,>(items: readonly T[]): T => items[Math.floor(random() * items.length)] as T;
    // A few short comments, over and over; long ones (past what is kept) too.
    const pool = [...Array.from({ length: 12 }, () => Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(WORDS)).join(' ')), `${'slow delivery '.repeat(20)}refund`, 'n/a'];
    const counted = new CommentTerms(THEMES);
    // The reference: terms and themes read from each comment here, with a map of its own.
    const reference = new Map<string, { count: number; examples: string[] }>();
    const themes = THEMES.map(() => 0);
    for (let i = 0; i < 3000; i++) {
      const text = pick(pool);
      counted.add(0, text);
      if (text === 'n/a') continue;
      const example = text.length > 200 ? `${text.slice(0, 199)}…` : text;
      const words: string[] = text.toLowerCase().match(/[a-z]+/g) ?? [];
      const found = new Set<string>();
      words.forEach((word, k) => {
        found.add(word);
        if (k + 1 < words.length) found.add(`${word} ${words[k + 1]}`);
      });
      for (const term of found) {
        const known = reference.get(term) ?? { count: 0, examples: [] };
        known.count++;
        if (known.examples.length < EXAMPLES && !known.examples.includes(example)) known.examples.push(example);
        reference.set(term, known);
      }
      THEMES.forEach((keywords, t) => {
        if (keywords.some((k) => (k.endsWith('*') ? words.some((w) => w.startsWith(k.slice(0, -1))) : words.includes(k)))) themes[t] = (themes[t] ?? 0) + 1;
      });
    }
    const detractors = counted.of('detractor');
    expect(new Map([...detractors.terms].map(([term, t]) => [term, { count: t.count, examples: t.examples }]))).toEqual(reference);
    expect(counted.themes.map((t) => t.responses)).toEqual(themes);
    expect(themes[0]).toBeGreaterThan(100);
  });

  it('parts counted apart and added up in order are the whole counted at once (40 random files, cut 1 to 8 ways)', () => {
    const random = seededRandom(5);
    for (let file = 0; file < 40; file++) {
      const answers = Array.from({ length: 1 + Math.floor(random() * 300) }, () => {
        const text = random() < 0.2 ? ['', 'N/A', 'none', '-'][Math.floor(random() * 4)]! : Array.from({ length: 1 + Math.floor(random() * 5) }, () => WORDS[Math.floor(random() * WORDS.length)]).join(random() < 0.5 ? ' ' : ', ');
        return { score: Math.floor(random() * 11), text };
      });
      const whole = new CommentTerms(THEMES);
      for (const { score, text } of answers) whole.add(score, text);
      const cuts = Array.from({ length: Math.floor(random() * 8) }, () => Math.floor(random() * answers.length)).sort((a, b) => a - b);
      const bounds = [0, ...cuts, answers.length];
      const summed = new CommentTerms(THEMES);
      for (let p = 0; p + 1 < bounds.length; p++) {
        const part = new CommentTerms(THEMES);
        for (const { score, text } of answers.slice(bounds[p], bounds[p + 1])) part.add(score, text);
        summed.absorb(structuredClone(part.data()));
      }
      expect(plain(summed), `file ${file}, cut at ${cuts.join(' ')}`).toEqual(plain(whole));
      // The examples are capped as they come.
      for (const c of whole.classes) for (const { examples } of c.terms.values()) expect(examples.length).toBeLessThanOrEqual(EXAMPLES);
    }
  });
});
