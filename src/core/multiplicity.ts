// Many tests in one output (drivers' groups, a trend's changes, comment themes): p-values
// adjusted across the family, so that the share of false "significant" verdicts stays at alpha.
// Benjamini–Hochberg (1995) controls the false discovery rate; Holm (1979) the chance of any
// false verdict. A null is a test that was not made (a thin group): it is not in the family.

export const ADJUST_METHODS = ['bh', 'holm', 'none'] as const;
export type AdjustMethod = (typeof ADJUST_METHODS)[number];

export function adjustPValues(pValues: readonly (number | null)[], method: AdjustMethod): (number | null)[] {
  if (method === 'none') return pValues.map((p) => p);
  // The tests' places, in order of their p-values (ties by place): numbers, not an object per
  // test (a day trend's family is 146,000 changes; BENCHMARKS.md, issue 17, nineteenth session).
  const family: number[] = [];
  pValues.forEach((p, i) => {
    if (p !== null) family.push(i);
  });
  const pOf = (i: number): number => pValues[i] as number;
  family.sort((x, y) => pOf(x) - pOf(y) || x - y);
  const m = family.length;
  const adjusted: (number | null)[] = pValues.map(() => null);
  if (method === 'bh') {
    // From the largest down: the smallest of (m / rank) · p over this rank and those above it.
    let running = 1;
    for (let rank = m; rank >= 1; rank--) {
      const i = family[rank - 1] as number;
      running = Math.min(running, (m / rank) * pOf(i));
      adjusted[i] = running;
    }
  } else {
    // From the smallest up: the largest of (m − rank + 1) · p over this rank and those below it.
    let running = 0;
    family.forEach((i, index) => {
      running = Math.max(running, Math.min(1, (m - index) * pOf(i)));
      adjusted[i] = running;
    });
  }
  return adjusted;
}
