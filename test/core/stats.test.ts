import { describe, expect, it } from 'vitest';
import { classify } from '../../src/core/classify.js';
import { GroupTallies, compareKeys } from '../../src/core/group-tallies.js';
import { npsStandardError, statsOf, tallyNpsClasses } from '../../src/core/stats.js';
import { Tally } from '../../src/core/tally.js';

describe('classify', () => {
  it.each([
    [0, 'detractor'], [6, 'detractor'], [7, 'passive'], [8, 'passive'], [9, 'promoter'], [10, 'promoter'],
  ] as const)('%i is a %s', (score, kind) => {
    expect(classify(score)).toBe(kind);
  });
});

describe('statsOf: hand-worked and published cases', () => {
  it('scores 0,7,7,9,9,9: NPS 33.33, standard error 30.4 points (published vector)', () => {
    // P=3, A=2, D=1, n=6; p=.5, d=1/6; variance = p + d − (p − d)² = 2/3 − 1/9 = 5/9;
    // SE = 100·√(5/9 / 6) = 30.43; MoE = 1.96 · 30.43 = 59.64.
    const stats = statsOf(Tally.of([0, 7, 7, 9, 9, 9]));
    expect(stats).toMatchObject({ responses: 6, promoters: 3, passives: 2, detractors: 1 });
    expect(stats.nps).toBeCloseTo(33.333, 3);
    expect(npsStandardError(3, 1, 6)).toBeCloseTo(30.43, 2);
    expect(stats.marginOfError).toBeCloseTo(59.64, 2);
  });

  it('P=32, A=13, D=6: NPS 50.98 (published vector)', () => {
    const scores = [...Array<number>(32).fill(10), ...Array<number>(13).fill(8), ...Array<number>(6).fill(3)];
    const stats = statsOf(Tally.of(scores));
    expect(stats.responses).toBe(51);
    expect(stats.nps).toBeCloseTo(50.98, 2);
    // p = 32/51, d = 6/51: variance = 38/51 − (26/51)² = 0.745098 − 0.259900 = 0.485198.
    expect(stats.marginOfError).toBeCloseTo(1.96 * 100 * Math.sqrt(0.485198 / 51), 3);
  });

  it.each([
    { name: 'all promoters', scores: [9, 10, 10], nps: 100, moe: 0 },
    { name: 'all detractors', scores: [0, 3, 6, 6], nps: -100, moe: 0 },
    { name: 'all passives', scores: [7, 8], nps: 0, moe: 0 },
    // p = d = .5: variance 1, SE = 100·√(1/2) = 70.71, MoE 138.59.
    { name: 'one promoter and one detractor', scores: [10, 0], nps: 0, moe: 138.59 },
  ])('$name', ({ scores, nps, moe }) => {
    const stats = statsOf(Tally.of(scores));
    expect(stats.nps).toBeCloseTo(nps, 6);
    expect(stats.marginOfError).toBeCloseTo(moe, 2);
  });

  it('shares are percentages of responses', () => {
    const stats = statsOf(Tally.of([10, 10, 8, 0]));
    expect([stats.promoterShare, stats.passiveShare, stats.detractorShare]).toEqual([50, 25, 25]);
  });

  it('no responses: counts 0, NPS and margin null', () => {
    expect(statsOf(new Tally())).toEqual({
      responses: 0, promoters: 0, passives: 0, detractors: 0,
      promoterShare: null, passiveShare: null, detractorShare: null, nps: null, marginOfError: null,
      interval: null, distribution: [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0], tensShare: null, tensInterval: null,
    });
  });

  it('the 9-vs-10 split: the share of 10s among promoters with its Wilson interval', () => {
    // 13 tens of 22 promoters (fixtures/example.csv): statsmodels proportion_confint(13, 22, method="wilson"):
    // 38.735 … 76.744% (at z 1.959964; ours uses 1.96, the same to 0.001 points).
    const stats = statsOf(Tally.fromDistribution([1, 0, 1, 1, 1, 1, 4, 4, 5, 9, 13]));
    expect(stats.tensShare).toBeCloseTo((100 * 13) / 22, 12);
    expect(stats.tensInterval?.[0]).toBeCloseTo(38.7348, 2);
    expect(stats.tensInterval?.[1]).toBeCloseTo(76.7442, 2);
    // All promoters gave 9: 0%, but the interval is not a point: 0 … 100·z²/(n + z²) = 0 … 43.45% for 5.
    const nines = statsOf(Tally.fromDistribution([0, 0, 0, 0, 0, 0, 0, 0, 0, 5, 0]));
    expect(nines.tensShare).toBe(0);
    expect(nines.tensInterval?.[0]).toBe(0);
    expect(nines.tensInterval?.[1]).toBeCloseTo((100 * 1.96 ** 2) / (5 + 1.96 ** 2), 10);
  });

  it('rejects a value that is not a 0–10 integer', () => {
    expect(() => new Tally().add(11)).toThrow(RangeError);
    expect(() => new Tally().add(6.5)).toThrow(RangeError);
  });

  it('agrees with a naive reference on random samples', () => {
    // Reference: NPS as the mean of +1/0/−1 per respondent, written without Tally.
    let seed = 7;
    const random = (): number => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed / 2 ** 31;
    };
    for (let trial = 0; trial < 200; trial++) {
      const scores = Array.from({ length: 1 + Math.floor(random() * 300) }, () => Math.floor(random() * 11));
      const values = scores.map((s) => (s >= 9 ? 1 : s <= 6 ? -1 : 0));
      const mean = values.reduce((a: number, b) => a + b, 0) / values.length;
      const variance = values.reduce((a: number, v) => a + (v - mean) ** 2, 0) / values.length;
      const stats = statsOf(Tally.of(scores));
      expect(stats.nps).toBeCloseTo(100 * mean, 9);
      expect(stats.marginOfError).toBeCloseTo(1.96 * 100 * Math.sqrt(variance / values.length), 9);
    }
  });
});

describe('GroupTallies', () => {
  it('pools counts: the NPS of a merge is not the average of the parts', () => {
    // Group a: 1 promoter (NPS 100). Group b: 1 promoter, 3 detractors (NPS −50).
    // Pooled: P=2, D=3, n=5 → −20; the average of 100 and −50 would be 25.
    const groups = new GroupTallies();
    groups.add(['a'], 10);
    for (const s of [9, 0, 1, 2]) groups.add(['b'], s);
    const pooled = new Tally();
    for (const { tally } of groups.entries()) pooled.merge(tally);
    expect(statsOf(pooled).nps).toBeCloseTo(-20, 9);
  });

  it('put takes a tally under a new key as it is, and merges it into the one under a key met before', () => {
    const groups = new GroupTallies();
    const first = Tally.of([10, 0]);
    groups.put(['web', '2025-01'], first);
    expect(groups.tallyFor(['web', '2025-01'])).toBe(first);
    // Weighted into unweighted: P 10 (w 1) + 9 (w 2.5), D 0 (w 1); the key's tally is the first one, grown.
    const second = new Tally();
    second.add(9, 2.5);
    groups.put(['web', '2025-01'], second);
    groups.put(['mail', '2025-01'], Tally.of([7]));
    expect(groups.size).toBe(2);
    expect(first.distribution).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 1]);
    expect([first.weightOf(9), first.weightOf(10), first.weightOf(0)]).toEqual([2.5, 1, 1]);
    expect(second.distribution[9]).toBe(1);
    expect(groups.entries().map(({ key, tally }) => [key.join('|'), tally.responses])).toEqual([
      ['web|2025-01', 3],
      ['mail|2025-01', 1],
    ]);
  });

  it('spend gives every key and tally up and leaves the set empty; append keeps the key and tally themselves, or merges once the set looks keys up', () => {
    const days = new GroupTallies();
    days.add(['web', '2025-01-03'], 10);
    days.add(['web', '2025-01-04'], 0);
    const spent = days.spend();
    expect(days.size).toBe(0);
    expect(days.entries()).toEqual([]);
    expect(spent.keys.map((key, at) => [key.join('|'), spent.tallies[at]?.responses])).toEqual([
      ['web|2025-01-03', 1],
      ['web|2025-01-04', 1],
    ]);
    // The set looks keys up anew: what it held before is gone.
    expect(days.tallyFor(['web', '2025-01-03']).responses).toBe(0);
    const groups = new GroupTallies();
    const [firstKey, secondKey] = spent.keys as [string[], string[]];
    const [first, second] = spent.tallies as [Tally, Tally];
    firstKey[1] = '2025-01';
    groups.append(firstKey, first);
    expect(groups.entries()[0]?.key).toBe(firstKey);
    expect(groups.entries()[0]?.tally).toBe(first);
    expect(groups.lists().keys[0]).toBe(firstKey);
    expect(groups.lists().tallies[0]).toBe(first);
    // Once a key has been looked up (a tree built), a tally appended under a key there is merged into its tally.
    expect(groups.tallyFor(['web', '2025-01'])).toBe(first);
    secondKey[1] = '2025-01';
    groups.append(secondKey, second);
    expect(groups.size).toBe(1);
    expect(first.distribution).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]);
    // snapshot and absorb read the lists as entries do.
    const other = new GroupTallies().absorb(groups.snapshot()).absorb(groups.snapshot());
    expect(other.snapshot()).toEqual([[['web', '2025-01'], { distribution: [2, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2] }]]);
  });

  it('take: every key and tally of another set given up, in its order after this set\'s own; a key met here merges', () => {
    const read = (set: GroupTallies): [string, number[]][] => set.entries().map(({ key, tally }) => [key.join('|'), tally.distribution]);
    const ahead = new GroupTallies();
    ahead.add(['web', '3'], 10);
    ahead.add(['mail', '3'], 0);
    const parts = new GroupTallies();
    parts.add(['chat', '4'], 7);
    parts.add(['mail', '3'], 9);
    parts.add(['web', '4'], 10);
    const [chatKey, chatTally] = [parts.lists().keys[0], parts.lists().tallies[0]];
    // As absorbing a snapshot of it did (the reference), without copying a key or a tally.
    const reference = new GroupTallies();
    reference.add(['web', '3'], 10);
    reference.add(['mail', '3'], 0);
    reference.absorb(parts.snapshot());
    expect(ahead.take(parts)).toBe(ahead);
    expect(read(ahead)).toEqual(read(reference));
    expect(read(ahead).map(([key]) => key)).toEqual(['web|3', 'mail|3', 'chat|4', 'web|4']);
    expect(ahead.entries()[1]?.tally.distribution).toEqual([1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(ahead.lists().keys[2]).toBe(chatKey);
    expect(ahead.lists().tallies[2]).toBe(chatTally);
    expect(parts.size).toBe(0);
    // The keys taken are found by later lookups, as the set's own are.
    ahead.add(['chat', '4'], 10);
    ahead.add(['web', '3'], 10);
    expect(ahead.size).toBe(4);
    expect(read(ahead)[2]).toEqual(['chat|4', [0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 1]]);
    expect(read(ahead)[0]).toEqual(['web|3', [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 2]]);
    // Into an empty set, the lists themselves; a key of no values (no groups) merges as any other.
    const empty = new GroupTallies();
    const whole = new GroupTallies();
    whole.add([], 10);
    const lists = whole.lists();
    empty.take(whole);
    expect(empty.lists().tallies[0]).toBe(lists.tallies[0]);
    const none = new GroupTallies();
    none.add([], 0);
    none.take(empty);
    expect(read(none)).toEqual([['', [1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1]]]);
  });

  it('rekey merges entries that land on the same key', () => {
    const days = new GroupTallies();
    days.add(['web', '2025-01-03'], 10);
    days.add(['web', '2025-01-20'], 0);
    days.add(['web', '2025-02-01'], 9);
    const months = days.rekey((key) => [key[0] ?? '', (key[1] ?? '').slice(0, 7)]);
    expect(months.entries().map(({ key, tally }) => [key.join('|'), tally.responses])).toEqual([
      ['web|2025-01', 2],
      ['web|2025-02', 1],
    ]);
  });

  it('keeps keys apart that would join to the same text', () => {
    const groups = new GroupTallies();
    groups.add(['a|b', 'c'], 10);
    groups.add(['a', 'b|c'], 10);
    expect(groups.size).toBe(2);
  });
});

describe('compareKeys', () => {
  it.each([
    [['2'], ['10'], -1],
    [['b'], ['a'], 1],
    [['2025-W09'], ['2025-W10'], -1],
    [['2025-Q4'], ['2026-Q1'], -1],
    [['x', '2025-02'], ['x', '2025-01'], 1],
    [['Ä'], ['Z'], 1],
    [['9007199254740993'], ['9007199254740992'], 1], // equal as doubles, not as ids
    [['1000000000000000001'], ['999'], 1],
    [['2.5'], ['10'], -1],
  ])('%j vs %j', (a, b, sign) => {
    expect(Math.sign(compareKeys(a, b))).toBe(sign);
  });
});

describe('Tally.addCounts', () => {
  it('adds whole counts of each value as that many answers of weight 1, from an offset', () => {
    const counts = new Float64Array([99, 99, 1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4, 99]);
    const tally = Tally.of([10, 0]).addCounts(counts, 2);
    // From offset 2: one 0, two 2s, three 8s, four 10s; plus the 10 and the 0 before.
    expect(tally.distribution).toEqual([2, 0, 2, 0, 0, 0, 0, 0, 3, 0, 5]);
    expect(tally.responses).toBe(12);
    expect(tally).toEqual(Tally.of([10, 0]).merge(Tally.fromDistribution([1, 0, 2, 0, 0, 0, 0, 0, 3, 0, 4])));
  });

  it('keeps a weighted tally weighted: each added answer weighs 1', () => {
    const tally = new Tally();
    tally.add(9, 2.5);
    tally.addCounts([0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 1]);
    expect(tally.distribution[9]).toBe(3);
    expect(tally.weightOf(9)).toBe(4.5);
    expect(tally.squareOf(9)).toBe(8.25);
    expect(tally.weightOf(10)).toBe(1);
  });

  it('refuses what is not a count', () => {
    expect(() => new Tally().addCounts([0, 1.5])).toThrow(RangeError);
    expect(() => new Tally().addCounts([-1])).toThrow(RangeError);
  });
});

describe('Tally.inTable: a row of a table of counts, read where it is', () => {
  // Two rows of 11 counts: row 0 is 0 ×1, 7 ×2, 9 ×3; row 1 is 6 ×4, 10 ×5.
  const table = (): Uint32Array => Uint32Array.from([1, 0, 0, 0, 0, 0, 0, 2, 0, 3, 0, 0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 5]);

  it('reads as a tally of those counts does: counts, classes, Stats, data, taking out and keeping a range', () => {
    const rows = table();
    const [first, second] = [Tally.inTable(rows, 0), Tally.inTable(rows, 1)];
    const own = Tally.fromDistribution([1, 0, 0, 0, 0, 0, 0, 2, 0, 3, 0]);
    expect(first.distribution).toEqual([1, 0, 0, 0, 0, 0, 0, 2, 0, 3, 0]);
    expect(second.distribution).toEqual([0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 5]);
    expect([first.responses, second.responses]).toEqual([6, 9]);
    expect([first.count(9), second.count(6), second.count(10)]).toEqual([3, 4, 5]);
    expect(tallyNpsClasses(first)).toEqual([3, 2, 1]);
    expect(tallyNpsClasses(second)).toEqual([5, 0, 4]);
    expect(first.copyCounts()).toEqual(own.distribution);
    // The published vector above (0,7,7,9,9,9): the same Stats as a tally of its own.
    expect(statsOf(first)).toEqual(statsOf(own));
    expect(first.data()).toEqual({ distribution: [1, 0, 0, 0, 0, 0, 0, 2, 0, 3, 0] });
    expect(first.effectiveResponses).toBe(6);
    expect(first.weightBetween(7, 10)).toBe(5);
    expect(Tally.of([0, 7, 7, 9, 9, 9, 9]).minus(first).distribution).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0]);
    expect(second.within(7, 10).distribution).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 5]);
    // What a copy of its counts is given is its own: the table is not changed through it.
    first.distribution[0] = 99;
    first.copyCounts()[0] = 99;
    expect(rows[0]).toBe(1);
    expect(first.count(0)).toBe(1);
  });

  it('copies its row out at the first change, by each way a tally changes: the table and the other rows are never written', () => {
    const changes: [string, (tally: Tally) => void, number[]][] = [
      ['add', (t) => t.add(10), [1, 0, 0, 0, 0, 0, 0, 2, 0, 3, 1]],
      ['a weighted add', (t) => t.add(10, 2), [1, 0, 0, 0, 0, 0, 0, 2, 0, 3, 1]],
      ['addCount', (t) => t.addCount(0, 2), [3, 0, 0, 0, 0, 0, 0, 2, 0, 3, 0]],
      ['addCounts', (t) => t.addCounts([1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1]), [2, 1, 1, 1, 1, 1, 1, 3, 1, 4, 1]],
      ['merge', (t) => t.merge(Tally.of([8, 8])), [1, 0, 0, 0, 0, 0, 0, 2, 2, 3, 0]],
      ['a weighted merge', (t) => t.merge((() => { const w = new Tally(); w.add(8, 0.5); return w; })()), [1, 0, 0, 0, 0, 0, 0, 2, 1, 3, 0]],
      ['merge of another row', (t) => t.merge(Tally.inTable(table(), 1)), [1, 0, 0, 0, 0, 0, 4, 2, 0, 3, 5]],
    ];
    for (const [how, change, after] of changes) {
      const rows = table();
      const before = Array.from(rows);
      const [first, second] = [Tally.inTable(rows, 0), Tally.inTable(rows, 1)];
      change(first);
      expect(first.distribution, how).toEqual(after);
      expect(Array.from(rows), how).toEqual(before);
      expect(second.distribution, how).toEqual([0, 0, 0, 0, 0, 0, 4, 0, 0, 0, 5]);
      // And it goes on changing its own counts.
      first.add(1);
      expect(first.count(1), how).toBe((after[1] as number) + 1);
      expect(Array.from(rows), how).toEqual(before);
    }
  });

  it('merged into another tally, adds its row; a table of eight-byte counts reads alike', () => {
    const wide = Float64Array.from(table(), (count) => count * 2 ** 30);
    const big = Tally.inTable(wide, 1);
    expect(big.count(10)).toBe(5 * 2 ** 30);
    expect(Tally.of([10]).merge(big).distribution).toEqual([0, 0, 0, 0, 0, 0, 4 * 2 ** 30, 0, 0, 0, 5 * 2 ** 30 + 1]);
    const tallies = new GroupTallies();
    tallies.append(['a'], Tally.inTable(table(), 0));
    tallies.put(['a'], Tally.inTable(table(), 1));
    expect(tallies.entries()[0]?.tally.distribution).toEqual([1, 0, 0, 0, 0, 0, 4, 2, 0, 3, 5]);
  });
});
