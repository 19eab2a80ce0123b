// The order groups are listed in: by key (the default of score), by answers, by score, by
// shrunk score, or by impact (the default of drivers). Pure.

import { sortByKeys } from './group-tallies.js';

export const SORT_KEYS = ['key', 'responses', 'nps', 'shrunk', 'impact'] as const;
export type SortKey = (typeof SORT_KEYS)[number];

/** What a group is ranked by; a null sorts last. */
export interface RankedBy {
  key: readonly string[];
  responses: number;
  /** The headline: NPS, the CSAT share or the CES mean. */
  score: number | null;
  shrunk: number | null;
  impact: number | null;
}

/** Most answers first; highest score or shrunk score first; most negative impact first; ties by key. */
export function rankBy<T>(items: readonly T[], by: SortKey, view: (item: T) => RankedBy): T[] {
  const last = (value: number | null, sign: 1 | -1): number => (value === null ? Infinity : sign * value);
  const measure = (r: RankedBy): number => {
    switch (by) {
      case 'key':
        return 0;
      case 'responses':
        return -r.responses;
      case 'nps':
        return last(r.score, -1);
      case 'shrunk':
        return last(r.shrunk, -1);
      case 'impact':
        return last(r.impact, 1);
    }
  };
  // By key alone: the keys' order (each key's rank below is its place in it).
  if (by === 'key') return sortByKeys(items, (item) => view(item).key);
  const ranked = items.map((item) => ({ item, view: view(item), keyRank: 0 }));
  // Ties by key: each key's place in the order of sortByKeys (compareKeys's, ranked once), not compareKeys per pair.
  sortByKeys(ranked, (entry) => entry.view.key).forEach((entry, rank) => {
    entry.keyRank = rank;
  });
  return ranked
    .sort((a, b) => {
      const [x, y] = [measure(a.view), measure(b.view)];
      return (x === y ? 0 : x < y ? -1 : 1) || a.keyRank - b.keyRank;
    })
    .map(({ item }) => item);
}
