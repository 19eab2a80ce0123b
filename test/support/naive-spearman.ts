// A reference for Spearman's ρ, written differently from RatingTable: ranks of the raw pairs
// with ties averaged, then Pearson's r of the ranks.

export function naiveSpearman(pairs: readonly [number, number][]): number {
  const rank = (values: number[]): number[] => {
    const sorted = [...values].sort((a, b) => a - b);
    return values.map((v) => {
      const first = sorted.indexOf(v);
      const last = sorted.lastIndexOf(v);
      return (first + last) / 2 + 1;
    });
  };
  const x = rank(pairs.map((p) => p[0]));
  const y = rank(pairs.map((p) => p[1]));
  const mean = (v: number[]): number => v.reduce((a, b) => a + b, 0) / v.length;
  const mx = mean(x);
  const my = mean(y);
  const cov = x.reduce((s, xi, i) => s + (xi - mx) * ((y[i] ?? 0) - my), 0);
  const sx = Math.sqrt(x.reduce((s, xi) => s + (xi - mx) ** 2, 0));
  const sy = Math.sqrt(y.reduce((s, yi) => s + (yi - my) ** 2, 0));
  return cov / (sx * sy);
}
