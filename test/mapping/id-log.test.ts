// IdLog numbers the answers' respondent ids once all are in, a bucket at a time: two answers
// share a respondent exactly when their ids are the same; within a bucket, its answers come in
// the order logged (Answers.settle reads them beside its own, in file order) and its respondents
// are numbered from 0 in the order first met; logs of parts taken in one after another number as
// one log of the whole. Checked against a Map over 300,000 ids that share prefixes, differ by one unit, are
// empty, long, or not ASCII, through many growths of every bucket.
import { describe, expect, it } from 'vitest';
import { IdLog } from '../../src/mapping/id-log.js';
import { seededRandom } from '../support/random.js';
import { expectSameList } from '../support/same-list.js';

/**
 * Each answer's respondent, numbered from 0 bucket after bucket, from IdLog.respondents; checking
 * as it goes that every answer comes once, a bucket's in the order logged (rising numbers), and
 * a bucket's respondents numbered from 0 in the order first met.
 */
function numbered(log: IdLog): { owner: Int32Array; respondents: number } {
  const owner = new Int32Array(log.size).fill(-1);
  const wrong: string[] = [];
  let first = 0;
  for (const { bucket, answers, respondents, count, respondentCount } of log.respondents()) {
    let met = 0;
    for (let e = 0; e < count; e++) {
      const a = answers[e] as number;
      const r = respondents[e] as number;
      if (e > 0 && a <= (answers[e - 1] as number)) wrong.push(`bucket ${bucket}: answer ${a} after ${answers[e - 1]}`);
      if (r > met) wrong.push(`bucket ${bucket}: respondent ${r} before ${met}`);
      if (r === met) met++;
      if (owner[a] !== -1) wrong.push(`answer ${a} twice`);
      owner[a] = first + r;
    }
    if (met !== respondentCount) wrong.push(`bucket ${bucket}: ${respondentCount} respondents said, ${met} met`);
    first += respondentCount;
  }
  expect(wrong.slice(0, 5)).toEqual([]);
  expect(owner.indexOf(-1)).toBe(-1);
  return { owner, respondents: first };
}

/** What IdLog's numbers must say: which answers share an id, as a Map finds them. */
function expectNumbered(log: IdLog, ids: readonly string[]): void {
  const { owner, respondents } = numbered(log);
  const numberOf = new Map<string, number>();
  const idOf = new Map<number, string>();
  const wrong: string[] = [];
  ids.forEach((id, a) => {
    const r = owner[a] as number;
    if (!numberOf.has(id)) numberOf.set(id, r);
    if (!idOf.has(r)) idOf.set(r, id);
    if (numberOf.get(id) !== r || idOf.get(r) !== id) wrong.push(`answer ${a}: respondent ${r}`);
  });
  expect(wrong).toEqual([]);
  expect(respondents).toBe(numberOf.size);
  expect([...idOf.keys()].sort((x, y) => x - y)).toEqual(Array.from({ length: respondents }, (_, r) => r));
}

describe('IdLog', () => {
  it('numbers ids as a Map does: the same id, the same number; numbers from 0 without a gap', () => {
    const random = seededRandom(31);
    const log = new IdLog();
    const stems = ['c', 'c1', 'respondent-', 'Ångström ', '語', 'x'.repeat(300), ''];
    const ids: string[] = [];
    for (let i = 0; i < 300_000; i++) {
      const id = `${stems[Math.floor(random() * stems.length)]}${Math.floor(random() * 60_000)}${random() < 0.01 ? '\u0000' : ''}`;
      ids.push(id);
      log.add(id);
    }
    expect(log.size).toBe(300_000);
    expectNumbered(log, ids);
    // The same ids logged in parts (through a copy, as between threads) and taken in in order.
    for (const cuts of [[0, 300_000], [0, 1, 2, 150_000, 299_999, 300_000], [0, 40_000, 40_000, 90_000, 300_000]]) {
      const whole = new IdLog();
      for (let p = 0; p + 1 < cuts.length; p++) {
        const part = new IdLog();
        for (const id of ids.slice(cuts[p], cuts[p + 1])) part.add(id);
        whole.absorb(structuredClone(part.data()), part.size);
      }
      expect(whole.size).toBe(300_000);
      expectNumbered(whole, ids);
    }
  });

  // The main thread logs the rows it reads itself (those read ahead) between the parts it takes
  // in: a bucket then holds blocks filled here and blocks taken in whole, in turn.
  it('ids logged here and parts taken in, in turn: numbered as one log of them all', () => {
    const random = seededRandom(37);
    const ids = Array.from({ length: 120_000 }, () => `r${Math.floor(random() * 30_000)}${random() < 0.05 ? 'é'.repeat(Math.floor(random() * 3000)) : ''}`);
    const log = new IdLog();
    const cuts = [0, 500, 30_000, 30_001, 70_000, 70_000, 100_000, 120_000];
    for (let p = 0; p + 1 < cuts.length; p++) {
      const slice = ids.slice(cuts[p], cuts[p + 1]);
      if (p % 2 === 0) for (const id of slice) log.add(id);
      else {
        const part = new IdLog();
        for (const id of slice) part.add(id);
        log.absorb(structuredClone(part.data()), part.size);
      }
    }
    expect(log.size).toBe(120_000);
    // Handed on again whole (a log's data after parts were taken in), before it is numbered.
    const again = new IdLog();
    again.absorb(structuredClone(log.data()), log.size);
    expectNumbered(log, ids);
    expectNumbered(again, ids);
    // Numbered once: its pieces are let go.
    expect(() => log.respondents().next()).toThrow(/already numbered/);
    expect(() => log.data()).toThrow(/already numbered/);
  });

  it('by hand: the empty id, ids one unit apart, ids of 10,000 and 70,000 units', () => {
    const long = 'é'.repeat(10_000);
    const longer = 'z'.repeat(70_000);
    const ids = ['a', 'b', '', 'a', 'ab', '', long, `${long.slice(1)}e`, longer, `${longer}z`, longer];
    const log = new IdLog();
    for (const id of ids) log.add(id);
    const copy = new IdLog();
    copy.absorb(log.data(), log.size);
    const { owner, respondents } = numbered(log);
    expect(respondents).toBe(8);
    const same = (x: number, y: number): boolean => owner[x] === owner[y];
    expect([same(0, 3), same(2, 5), same(8, 10), same(0, 1), same(0, 4), same(6, 7), same(8, 9)]).toEqual([true, true, true, false, false, false, false]);
    expectNumbered(copy, ids);
  });

  it('a log given room for the ids ahead logs and numbers as one grown id by id; its fullest bucket is said', () => {
    const random = seededRandom(17);
    const ids = Array.from({ length: 20_000 }, () => `r${Math.floor(random() * 5000)}`);
    const grown = new IdLog();
    const roomy = new IdLog(40_000);
    for (const id of ids) {
      grown.add(id);
      roomy.add(id);
    }
    expectSameList(roomy.data().buckets.map((units) => [...units].join(',')), grown.data().buckets.map((units) => [...units].join(',')), 'buckets');
    // Each entry is 6 units of head and its id's units; the fullest bucket by the data's lengths.
    const lengths = grown.data().buckets.map((units) => units.length);
    expect(lengths.reduce((sum, length) => sum + length, 0)).toBe(ids.reduce((sum, id) => sum + 6 + id.length, 0));
    expect(grown.largestBucket()).toBe(Math.max(...lengths));
    expect(roomy.largestBucket()).toBe(Math.max(...lengths));
    const [a, b] = [numbered(roomy), numbered(grown)];
    expect(a.respondents).toBe(b.respondents);
    expectSameList([...a.owner], [...b.owner], 'owners');
  });

  it('numbers nothing when nothing was logged', () => {
    expect(numbered(new IdLog())).toEqual({ owner: new Int32Array(0), respondents: 0 });
    const log = new IdLog();
    log.absorb(new IdLog().data(), 0);
    expect(numbered(log)).toEqual({ owner: new Int32Array(0), respondents: 0 });
  });
});
