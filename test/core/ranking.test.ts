// rankBy: groups by a measure, ties by key, in the order of a plain sort by the measure and then compareKeys.
import { describe, expect, it } from 'vitest';
import { compareKeys } from '../../src/core/group-tallies.js';
import { SORT_KEYS, rankBy, type RankedBy } from '../../src/core/ranking.js';
import { seededRandom } from '../support/random.js';

describe('rankBy', () => {
  it('agrees with sorting by the measure, then compareKeys, for every sort and random groups with many ties', () => {
    const random = seededRandom(11);
    const values = ['', '2', '10', 'agent7', 'agent12', 'b', '2025-01', '2025-02'];
    const pick = (): string => values[Math.floor(random() * values.length)] as string;
    const maybe = (value: number): number | null => (random() < 0.15 ? null : value);
    for (let round = 0; round < 30; round++) {
      const keys = new Map<string, string[]>();
      for (let i = 0; i < 200; i++) {
        const key = [pick(), pick()];
        keys.set(JSON.stringify(key), key);
      }
      const groups: RankedBy[] = [...keys.values()].map((key) => ({
        key,
        responses: Math.floor(random() * 5),
        score: maybe(Math.floor(random() * 5) * 10),
        shrunk: maybe(Math.floor(random() * 5)),
        impact: maybe(Math.floor(random() * 3) - 1),
      }));
      for (const by of SORT_KEYS) {
        const value = (g: RankedBy): number => {
          const last = (v: number | null, sign: number): number => (v === null ? Infinity : sign * v);
          return by === 'key' ? 0 : by === 'responses' ? -g.responses : by === 'nps' ? last(g.score, -1) : by === 'shrunk' ? last(g.shrunk, -1) : last(g.impact, 1);
        };
        const expected = [...groups].sort((a, b) => value(a) - value(b) || (value(a) === value(b) ? compareKeys(a.key, b.key) : 0));
        expect(rankBy(groups, by, (g) => g), `${by}, round ${round}`).toEqual(expected);
      }
    }
  });
});
