// Which words are characteristic of one group of texts against the others: the weighted
// log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
// "Fightin' Words", eq. 22), so frequent words common to all groups ("the", "service") do not
// top every list and rare words are not overrated.

export interface TermScore {
  term: string;
  /** Occurrences in the group. */
  count: number;
  /** The z-score of the log-odds difference: how characteristic of the group. */
  score: number;
}

/**
 * `group` and `rest` map terms to counts. The prior is the pooled corpus scaled to a total of
 * `priorSize` (α_w = priorSize · y_w / n), which shrinks rare words towards the background;
 * by default the pooled counts themselves (priorSize = n, α_w = y_w), as tidylo does.
 */
export function weightedLogOdds(group: ReadonlyMap<string, number>, rest: ReadonlyMap<string, number>, priorSize?: number): TermScore[] {
  const total = (counts: ReadonlyMap<string, number>): number => [...counts.values()].reduce((a, b) => a + b, 0);
  const ni = total(group);
  const nj = total(rest);
  const n = ni + nj;
  if (ni === 0 || n === 0) return [];
  const a0 = priorSize ?? n;
  const scores: TermScore[] = [];
  for (const [term, yi] of group) {
    const yj = rest.get(term) ?? 0;
    const aw = (a0 * (yi + yj)) / n;
    const delta = Math.log((yi + aw) / (ni + a0 - yi - aw)) - Math.log((yj + aw) / (nj + a0 - yj - aw));
    const variance = 1 / (yi + aw) + 1 / (yj + aw);
    scores.push({ term, count: yi, score: delta / Math.sqrt(variance) });
  }
  return scores.sort((x, y) => y.score - x.score || (x.term < y.term ? -1 : 1));
}
