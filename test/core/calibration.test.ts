// Seeded simulations under the null: with both sides drawn from one population, a test at
// alpha = 0.05 must say "significant" at most about 5% of the time, at every size. And it must
// keep the power of the plain Wald test where that test is sound. Set NPS_PRINT_CALIBRATION=1
// to print the tables that BENCHMARKS.md shows.

import { describe, expect, it } from 'vitest';
import { benchmarkTest, cesStats, compareMetric, csatStats, metricChange, type AnyStats, type CsatStats } from '../../src/core/metrics.js';
import { twoSidedP } from '../../src/core/normal.js';
import { compareNps } from '../../src/core/significance.js';
import { statsOf } from '../../src/core/stats.js';
import { Tally } from '../../src/core/tally.js';
import { seededRandom } from '../support/random.js';
import { npsMeasure } from '../support/measure.js';
import { driverOf, judgeFamily } from '../../src/core/drivers.js';
import { RatingTable, SPEARMAN_MIN_PAIRS, spearmanTest } from '../../src/core/spearman.js';
import { addChanges } from '../../src/commands/trend.js';
import { SkipLog } from '../../src/core/skips.js';
import type { ScoreReport } from '../../src/core/report.js';

const DRAWS = 5000;
const SIZES = [5, 10, 30, 100];
const print = process.env.NPS_PRINT_CALIBRATION === '1';

/** A tally of n answers drawn from `shares` over `values` (the shares add up to 1). */
function drawTally(random: () => number, n: number, values: readonly number[], shares: readonly number[]): Tally {
  const counts = new Array<number>(11).fill(0);
  for (let i = 0; i < n; i++) {
    let u = random();
    let k = 0;
    while (k < shares.length - 1 && u >= (shares[k] as number)) u -= shares[k++] as number;
    const value = values[k] as number;
    counts[value] = (counts[value] ?? 0) + 1;
  }
  return Tally.fromDistribution(counts);
}

/** NPS mixes as promoter / passive / detractor shares; answers 10, 8 and 3 stand for the classes. */
const NPS_MIXES: Record<string, number[]> = { '90/5/5': [0.9, 0.05, 0.05], '50/30/20': [0.5, 0.3, 0.2], '33/34/33': [0.33, 0.34, 0.33], '20/20/60': [0.2, 0.2, 0.6] };
const NPS_VALUES = [10, 8, 3];

/**
 * Lets the test runner's messages through now and then: a minute of computing without a break
 * makes vitest's worker miss its own heartbeat on a busy machine.
 */
const pause = (): Promise<void> => new Promise((resolve) => setImmediate(resolve));

async function rate(sizeA: number, sizeB: number, draws: number, seed: number, pOf: (random: () => number, na: number, nb: number) => number | null): Promise<number> {
  const random = seededRandom(seed);
  let hits = 0;
  for (let i = 0; i < draws; i++) {
    if (i % 250 === 0) await pause();
    const p = pOf(random, sizeA, sizeB);
    if (p !== null && p < 0.05) hits++;
  }
  return hits / draws;
}

/** rate() for each size in turn. */
async function eachSize(run: (n: number, i: number) => Promise<number>): Promise<number[]> {
  const rates: number[] = [];
  for (const [i, n] of SIZES.entries()) rates.push(await run(n, i));
  return rates;
}

function table(title: string, rows: Record<string, number[]>, sizes: number[]): void {
  if (!print) return;
  const lines = [`${title}`, `| mix | ${sizes.map((n) => `n = ${n}`).join(' | ')} |`, `|---|${sizes.map(() => '---:').join('|')}|`];
  for (const [mix, rates] of Object.entries(rows)) lines.push(`| ${mix} | ${rates.map((r) => r.toFixed(4)).join(' | ')} |`);
  console.log(lines.join('\n'));
}

// Long simulations: minutes on a busy machine, so they have room (nothing here depends on time).
describe('calibration under the null, 5,000 seeded draws per cell: the share of p < 0.05 is at most 0.06', { timeout: 300_000 }, () => {
  it('NPS, two samples of n a side', async () => {
    const rows: Record<string, number[]> = {};
    for (const [name, mix] of Object.entries(NPS_MIXES)) {
      rows[name] = await eachSize((n, i) =>
        rate(n, n, DRAWS, 100 + i, (random, na, nb) => compareNps(statsOf(drawTally(random, na, NPS_VALUES, mix)), statsOf(drawTally(random, nb, NPS_VALUES, mix)))?.pValue ?? null),
      );
    }
    table('NPS, n a side', rows, SIZES);
    for (const rates of Object.values(rows)) for (const r of rates) expect(r).toBeLessThanOrEqual(0.06);
  });

  it("NPS, a group of n against a rest of 20·n (drivers' group against the rest, a thin period against a full one)", async () => {
    const rows: Record<string, number[]> = {};
    for (const [name, mix] of Object.entries(NPS_MIXES)) {
      rows[name] = await eachSize((n, i) =>
        rate(n, 20 * n, DRAWS, 200 + i, (random, na, nb) => compareNps(statsOf(drawTally(random, nb, NPS_VALUES, mix)), statsOf(drawTally(random, na, NPS_VALUES, mix)))?.pValue ?? null),
      );
    }
    table('NPS, a group of n against a rest of 20·n', rows, SIZES);
    for (const rates of Object.values(rows)) for (const r of rates) expect(r).toBeLessThanOrEqual(0.06);
  });

  it('CSAT shares, two samples of n a side (20,000 draws)', async () => {
    // More draws here: the lattice of two shares puts the z test's true rate at 50% satisfied
    // and 100 a side at 0.0560 (summed over all 101² outcomes, Agresti–Caffo, Newcombe and Wald
    // alike), so 5,000 draws (standard error 0.0033) would show more than 0.06 for one seed in nine.
    const mixes: Record<string, number[]> = { '90% satisfied': [0.9, 0.1], '50% satisfied': [0.5, 0.5], '20% satisfied': [0.2, 0.8] };
    const rows: Record<string, number[]> = {};
    for (const [name, mix] of Object.entries(mixes)) {
      rows[name] = await eachSize((n, i) =>
        rate(n, n, 4 * DRAWS, 300 + i, (random, na, nb) => {
          const side = (size: number): ReturnType<typeof csatStats> => csatStats(drawTally(random, size, [5, 2], mix), [4, 5], 'adjusted-wald');
          return compareMetric('csat', side(na), side(nb))?.pValue ?? null;
        }),
      );
    }
    table('CSAT, n a side', rows, SIZES);
    for (const rates of Object.values(rows)) for (const r of rates) expect(r).toBeLessThanOrEqual(0.06);
  });

  it('CES means on 1–7, two samples of n a side', async () => {
    const values = [1, 2, 3, 4, 5, 6, 7];
    const mixes: Record<string, number[]> = {
      even: [1, 1, 1, 1, 1, 1, 1].map((w) => w / 7),
      'mostly 6–7': [0.02, 0.02, 0.04, 0.07, 0.15, 0.35, 0.35],
      'two humps': [0.3, 0.1, 0.05, 0.05, 0.05, 0.15, 0.3],
    };
    const rows: Record<string, number[]> = {};
    for (const [name, mix] of Object.entries(mixes)) {
      rows[name] = await eachSize((n, i) =>
        rate(n, n, DRAWS, 400 + i, (random, na, nb) => {
          const side = (size: number): ReturnType<typeof cesStats> => cesStats(drawTally(random, size, values, mix), [5, 7], [1, 7]);
          const [a, b] = [side(na), side(nb)];
          // A trend's change (metricChange, no interval) is the same p-value, so the same rate.
          const p = compareMetric('ces', a, b, 0.05, [1, 7])?.pValue ?? null;
          expect(metricChange('ces', a, b, 0.05, [1, 7])?.pValue ?? null).toBe(p);
          return p;
        }),
      );
    }
    table('CES, n a side', rows, SIZES);
    for (const rates of Object.values(rows)) for (const r of rates) expect(r).toBeLessThanOrEqual(0.06);
  });

  it('--benchmark, one sample of n against its own population NPS', async () => {
    const rows: Record<string, number[]> = {};
    for (const [name, mix] of Object.entries(NPS_MIXES)) {
      const truth = 100 * ((mix[0] as number) - (mix[2] as number));
      // The exact test is deterministic in the counts: each outcome is worked out once.
      const known = new Map<string, number | null>();
      const pOf = (tally: Tally): number | null => {
        const key = tally.distribution.join(',');
        if (!known.has(key)) known.set(key, benchmarkTest('nps', statsOf(tally), truth)?.pValue ?? null);
        return known.get(key) ?? null;
      };
      rows[name] = await eachSize((n, i) => rate(n, 0, DRAWS, 500 + i, (random, na) => pOf(drawTally(random, na, NPS_VALUES, mix))));
    }
    table('--benchmark at the true NPS, n answers', rows, SIZES);
    for (const rates of Object.values(rows)) for (const r of rates) expect(r).toBeLessThanOrEqual(0.06);
  });
});

/** The test of the releases before: Wald's z on the +1/0/−1 scores, each side's own variance. */
function waldP(a: Tally, b: Tally): number {
  const side = (t: Tally): [number, number] => {
    const s = statsOf(t);
    const p = s.promoters / s.responses;
    const d = s.detractors / s.responses;
    return [p - d, Math.max(0, p + d - (p - d) ** 2) / s.responses];
  };
  const [[ma, va], [mb, vb]] = [side(a), side(b)];
  const se = Math.sqrt(va + vb);
  return se > 0 ? twoSidedP((mb - ma) / se) : mb === ma ? 1 : 0;
}

describe("drivers' ratings under the null: Spearman's ρ of a score and a rating drawn apart", { timeout: 300_000 }, () => {
  it('p < 0.05 in at most 6% of draws at 10, 30 and 100 pairs; no test below 10 pairs; for flat, skewed and two-valued answers', async () => {
    const pick = (random: () => number, weights: readonly number[]): number => {
      let u = random() * weights.reduce((a, b) => a + b, 0);
      let k = 0;
      while (u >= (weights[k] as number)) u -= weights[k++] as number;
      return k;
    };
    // Score weights over 0–10 and rating weights over 1–5.
    const mixes: Record<string, [number[], number[]]> = {
      flat: [new Array<number>(11).fill(1), [1, 1, 1, 1, 1]],
      skewed: [[1, 0, 0, 1, 0, 1, 1, 2, 3, 8, 10], [1, 1, 2, 5, 12]],
      'two values each': [[0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 3], [0, 0, 0, 1, 4]],
    };
    const sizes = [5, 10, 30, 100];
    const rows: Record<string, number[]> = {};
    for (const [index, [mix, [scores, ratings]]] of Object.entries(mixes).entries()) {
      rows[mix] = [];
      for (const [k, n] of sizes.entries()) {
        const share = await rate(n, n, DRAWS, 7100 + 10 * index + k, (random) => {
          const table = new RatingTable(5);
          for (let i = 0; i < n; i++) table.add(pick(random, scores), pick(random, ratings) + 1);
          return spearmanTest(table.spearman(), table.pairs, 0.05)?.pValue ?? null;
        });
        rows[mix]?.push(share);
        if (n < SPEARMAN_MIN_PAIRS) expect(share, `${mix}, n = ${n}`).toBe(0);
        else expect(share, `${mix}, n = ${n}`).toBeLessThanOrEqual(0.06);
      }
    }
    table("Spearman's ρ under the null, share of p < 0.05", rows, sizes);
  });
});

describe('power is kept', { timeout: 300_000 }, () => {
  it('n = 100 a side, a true difference of 30 points: within 3 points of the Wald test', async () => {
    const pairs: [string, number[], number[]][] = [
      ['+10 → +40', [0.4, 0.3, 0.3], [0.55, 0.3, 0.15]],
      ['+30 → +60', [0.5, 0.3, 0.2], [0.7, 0.2, 0.1]],
      ['−30 → 0', [0.2, 0.3, 0.5], [0.35, 0.3, 0.35]],
    ];
    const lines: string[] = [];
    for (const [name, a, b] of pairs) {
      const random = seededRandom(600);
      let ours = 0;
      let wald = 0;
      for (let i = 0; i < DRAWS; i++) {
        if (i % 250 === 0) await pause();
        const [ta, tb] = [drawTally(random, 100, NPS_VALUES, a), drawTally(random, 100, NPS_VALUES, b)];
        if ((compareNps(statsOf(ta), statsOf(tb))?.pValue ?? 1) < 0.05) ours++;
        if (waldP(ta, tb) < 0.05) wald++;
      }
      lines.push(`| ${name} | ${(ours / DRAWS).toFixed(4)} | ${(wald / DRAWS).toFixed(4)} |`);
      expect(Math.abs(ours - wald) / DRAWS).toBeLessThanOrEqual(0.03);
    }
    if (print) console.log(['Power at n = 100 a side', '| change | this test | Wald |', '|---|---:|---:|', ...lines].join('\n'));
  });

  it('n ≥ 500 a side: p within 0.02 of the Wald test on every draw', async () => {
    const random = seededRandom(700);
    const worst: Record<number, number> = {};
    for (const n of [500, 2000]) {
      worst[n] = 0;
      for (let i = 0; i < 2000; i++) {
        if (i % 250 === 0) await pause();
        // Mixes with every class at 5% or more, a true difference of up to about ±20 points.
        const pick = (): number[] => {
          const p = 0.05 + random() * 0.8;
          const d = 0.05 + random() * (0.9 - p);
          return [p, 1 - p - d, d];
        };
        const a = pick();
        const b = random() < 0.5 ? a : pick();
        const [ta, tb] = [drawTally(random, n, NPS_VALUES, a), drawTally(random, n, NPS_VALUES, b)];
        const ours = compareNps(statsOf(ta), statsOf(tb))?.pValue ?? NaN;
        worst[n] = Math.max(worst[n] as number, Math.abs(ours - waldP(ta, tb)));
      }
      expect(worst[n]).toBeLessThanOrEqual(0.02);
    }
    if (print) console.log(`Largest |p − p(Wald)|: n = 500 ${worst[500]?.toFixed(4)}, n = 2000 ${worst[2000]?.toFixed(4)}`);
  });
});

describe('many tests at once: with every group from one population, a star in at most 5% of outputs', { timeout: 300_000 }, () => {
  const measure = npsMeasure();
  // Enough files that the share is known to about ±0.5 points: the tests are valid, so it sits just
  // under 5% (a few hundred files would leave the verdict to the seed).
  const FILES = 2000;

  it("drivers: 60 segments of 40 answers against their rest, adjusted together (Benjamini–Hochberg)", async () => {
    const random = seededRandom(900);
    let withStar = 0;
    let rawStars = 0;
    for (let file = 0; file < FILES; file++) {
      if (file % 20 === 0) await pause();
      const segments = Array.from({ length: 60 }, () => drawTally(random, 40, NPS_VALUES, NPS_MIXES['50/30/20'] as number[]));
      const all = new Tally();
      for (const s of segments) all.merge(s);
      const judged = judgeFamily(segments.map((s) => driverOf(all, s, 0.05, measure, 30)), 'bh', 0.05);
      if (judged.some((d) => d.significant)) withStar++;
      rawStars += judged.filter((d) => (d.pValue ?? 1) < 0.05).length;
    }
    if (print) console.log(`drivers, ${FILES} files of 60 × 40: a star in ${withStar} files (${((100 * withStar) / FILES).toFixed(1)}%); unadjusted, ${rawStars} of ${FILES * 60} segments`);
    expect(withStar / FILES).toBeLessThanOrEqual(0.05);
    // Unadjusted, about 5% of all segments would have been starred.
    expect(rawStars / (FILES * 60)).toBeGreaterThan(0.03);
  });

  it.each([
    // Each failed before the rule that unequal sides are compared exactly: 90% promoters in groups of
    // 100 starred 7% of files (the skew of the scores thins one tail of the t statistic); 80% satisfied
    // in groups of 40 starred 17% (Agresti–Caffo's z).
    ['NPS, 90/5/5, groups of 100', 'nps', 100, 600],
    ['CSAT, 80% satisfied, groups of 40', 'csat', 40, 1000],
  ] as const)('drivers, skewed answers: %s', async (_name, metric, size, files) => {
    const random = seededRandom(902);
    const csat = { stats: (t: Tally) => csatStats(t, [4, 5], 'adjusted-wald'), headline: (st: AnyStats) => (st as CsatStats).csat, compare: (a: AnyStats, b: AnyStats, alpha: number) => compareMetric('csat', a, b, alpha) };
    const chosen = metric === 'nps' ? measure : csat;
    let withStar = 0;
    for (let file = 0; file < files; file++) {
      if (file % 20 === 0) await pause();
      const segments = Array.from({ length: 60 }, () => (metric === 'nps' ? drawTally(random, size, NPS_VALUES, NPS_MIXES['90/5/5'] as number[]) : drawTally(random, size, [5, 2], [0.8, 0.2])));
      const all = new Tally();
      for (const seg of segments) all.merge(seg);
      if (judgeFamily(segments.map((seg) => driverOf(all, seg, 0.05, chosen, 30)), 'bh', 0.05).some((d) => d.significant)) withStar++;
    }
    if (print) console.log(`drivers, ${_name}: a star in ${withStar} of ${files} files (${((100 * withStar) / files).toFixed(1)}%)`);
    expect(withStar / files).toBeLessThanOrEqual(0.05);
  });

  it('trend: 60 periods of 40 answers, each change against the one before, adjusted together', async () => {
    const random = seededRandom(901);
    let withStar = 0;
    for (let file = 0; file < FILES; file++) {
      if (file % 20 === 0) await pause();
      const report: ScoreReport = {
        metric: measure.info,
        keyNames: ['day'],
        overall: statsOf(new Tally()),
        groups: Array.from({ length: 60 }, (_, day) => ({ key: [`2025-01-${String(day + 1).padStart(2, '0')}`], stats: statsOf(drawTally(random, 40, NPS_VALUES, NPS_MIXES['33/34/33'] as number[])) })),
        skipped: new SkipLog().summary(),
        gates: [],
      };
      addChanges(report, { minResponses: 30, alpha: 0.05, adjust: 'bh' }, measure);
      if (report.groups.some((g) => g.extra?.changeSignificant === true)) withStar++;
    }
    if (print) console.log(`trend, ${FILES} series of 60 periods × 40: a star in ${withStar} (${((100 * withStar) / FILES).toFixed(1)}%)`);
    expect(withStar / FILES).toBeLessThanOrEqual(0.05);
  });
});
