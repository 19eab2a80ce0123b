// Fair rankings of small groups: empirical-Bayes shrinkage. The groups' class counts (promoter,
// passive, detractor; or satisfied, not) are taken as drawn from a Dirichlet prior fitted to all
// the groups by maximum marginal likelihood (the Dirichlet-multinomial; Minka 2000, "Estimating
// a Dirichlet distribution": Newton's steps, and fixed-point steps where those do not climb). A
// group's shrunk shares are its posterior means, (counts + α) / (n + Σα): a group of two answers
// moves little from the prior, a group of two hundred keeps nearly its own shares. Pure
// arithmetic.

import type { AnyStats, CsatStats, MetricName } from './metrics.js';
import type { Stats } from './stats.js';
import { logGamma } from './student-t.js';

const sum = (values: readonly number[]): number => values.reduce((s, x) => s + x, 0);

/** ψ(x), the digamma function, for x > 0: the recurrence up to 10, then the asymptotic series. */
export function digamma(x: number): number {
  let result = 0;
  let z = x;
  while (z < 10) {
    result -= 1 / z;
    z += 1;
  }
  const inverse = 1 / (z * z);
  return result + Math.log(z) - 0.5 / z - inverse * (1 / 12 - inverse * (1 / 120 - inverse * (1 / 252 - inverse * (1 / 240 - inverse / 132))));
}

/** ψ′(x), the trigamma function, for x > 0: the recurrence up to 10, then the asymptotic series. */
export function trigamma(x: number): number {
  let result = 0;
  let z = x;
  while (z < 10) {
    result += 1 / (z * z);
    z += 1;
  }
  const inverse = 1 / (z * z);
  return result + 1 / z + inverse / 2 + (inverse / z) * (1 / 6 - inverse * (1 / 30 - inverse * (1 / 42 - inverse * (1 / 30 - (5 * inverse) / 66))));
}

/**
 * The search for the prior's strength stops at 10,000 times the largest group; a strength of 1,000
 * times it or more is read as no spread between the groups at all (even the largest keeps less
 * than 0.1% of its own shares): every group goes to the pooled shares.
 */
const MOST_STRENGTH_TIMES = 1e4;
const POOLED_TIMES = 1e3;
/** How narrow the search for the strength gets (in ln strength) before Newton's steps take over. */
const START_WIDTH = 1e-5;

export interface DirichletPrior {
  /** α per class; its sum is the prior's strength, in answers. */
  alpha: number[];
  /** Σα: how many answers' worth of weight the prior has. */
  strength: number;
  /** The groups differ no more than chance makes them: the fit has no spread, every group goes to the pooled shares. */
  pooled: boolean;
}

/** The Dirichlet-multinomial log likelihood of the groups' counts (without the terms that do not depend on α). */
export function dirichletLogLikelihood(groups: readonly (readonly number[])[], alpha: readonly number[]): number {
  return logLikelihood(distinct(columnOf(groups)).used, alpha);
}

/**
 * Distinct counts in columns, in the order the fit takes them: entry i's `classes` counts from
 * i × classes, its answers and how many groups have it. The fit reads them every step (dozens of
 * times; a weighted run's groups rarely share their counts: 393,000 entries), in one order.
 */
interface Distinct {
  classes: number;
  size: number;
  counts: Float64Array;
  n: Float64Array;
  times: Float64Array;
}

/** Groups' counts (arrays of as many classes as the first) in a column, as classColumn makes it. */
function columnOf(groups: readonly (readonly number[])[]): ClassColumn {
  const classes = groups[0]?.length ?? 0;
  const counts = new Float64Array(classes * groups.length);
  groups.forEach((own, i) => counts.set(own.slice(0, classes), i * classes));
  return { classes, counts };
}

/** Counts in one order whatever order the groups came in: class by class, as numbers. */
function compareCounts(counts: Float64Array, classes: number, a: number, b: number): number {
  for (let k = 0; k < classes; k++) {
    const d = (counts[a * classes + k] as number) - (counts[b * classes + k] as number);
    if (d !== 0) return d;
  }
  return 0;
}

/**
 * The distinct counts of a column's groups (those with counts: a group whose first is NaN has
 * none), once each with how many groups have them (320,000 groups of one answer are three), in
 * compareCounts' order; and each group's entry (-1: none). In that order the prior is that of
 * the groups' counts alone, not of the order they come in (the fit's sums run in it, and a fit
 * stopped within its tolerance moved in the 9th digit with the groups' order: drivers' groups came
 * in the order the threads met them). Counts that are not three whole numbers (weighted, CSAT) are
 * found by sorting the groups, equal counts coming together: keyed as text in a map, then sorted,
 * 393,000 weighted groups took ~3 s more (BENCHMARKS.md, issue 17, seventeenth session).
 */
function distinct(column: ClassColumn): { used: Distinct; which: Int32Array } {
  const { classes, counts } = column;
  const groups = classes === 0 ? 0 : counts.length / classes;
  const which = new Int32Array(groups).fill(-1);
  // One group of each distinct counts, in order, and how many groups have them.
  const firsts: number[] = [];
  const times: number[] = [];
  const keys = packedKeys(column, groups);
  if (keys !== null) {
    // Whole counts (unweighted NPS) by their packed number, in a map; the few distinct numbers
    // sorted. Sorting the groups took ~0.12 s more at 393,000 groups (BENCHMARKS.md, issue 17,
    // seventeenth session).
    const entryOf = new Map<number, number>();
    for (let group = 0; group < groups; group++) {
      const key = keys[group] as number;
      if (Number.isNaN(key)) continue;
      let entry = entryOf.get(key);
      if (entry === undefined) {
        entryOf.set(key, (entry = firsts.push(group) - 1));
        times.push(0);
      }
      times[entry] = (times[entry] as number) + 1;
      which[group] = entry;
    }
    const sorted = Array.from(firsts.keys()).sort((a, b) => (keys[firsts[a] as number] as number) - (keys[firsts[b] as number] as number));
    const rank = new Int32Array(sorted.length);
    sorted.forEach((entry, place) => (rank[entry] = place));
    for (let group = 0; group < groups; group++) if ((which[group] as number) >= 0) which[group] = rank[which[group] as number] as number;
    return { used: entries(column, sorted.map((entry) => firsts[entry] as number), sorted.map((entry) => times[entry] as number)), which };
  }
  const order: number[] = [];
  for (let group = 0; group < groups; group++) if (!Number.isNaN(counts[group * classes])) order.push(group);
  order.sort((a, b) => compareCounts(counts, classes, a, b));
  for (const group of order) {
    const last = firsts[firsts.length - 1];
    if (last === undefined || compareCounts(counts, classes, last, group) !== 0) {
      firsts.push(group);
      times.push(0);
    }
    times[firsts.length - 1] = (times[firsts.length - 1] as number) + 1;
    which[group] = firsts.length - 1;
  }
  return { used: entries(column, firsts, times), which };
}

/** Below this, three whole counts are one number, their digits in base 2^17 (under 2^51): in compareCounts' order. */
const PACKED_BELOW = 2 ** 17;

/** Each group's three counts as one number (NaN for a group without counts); null unless every group's are three whole counts that fit. */
function packedKeys(column: ClassColumn, groups: number): Float64Array | null {
  const { classes, counts } = column;
  if (classes !== 3) return null;
  const keys = new Float64Array(groups);
  for (let group = 0, at = 0; group < groups; group++, at += 3) {
    const [a, b, c] = [counts[at], counts[at + 1], counts[at + 2]] as [number, number, number];
    if (Number.isNaN(a)) keys[group] = NaN;
    else if (Number.isInteger(a) && Number.isInteger(b) && Number.isInteger(c) && a >= 0 && b >= 0 && c >= 0 && a < PACKED_BELOW && b < PACKED_BELOW && c < PACKED_BELOW) keys[group] = (a * PACKED_BELOW + b) * PACKED_BELOW + c;
    else return null;
  }
  return keys;
}

/** The distinct counts of groups `firsts` (one group each), `times` groups each, in columns. */
function entries(column: ClassColumn, firsts: readonly number[], times: readonly number[]): Distinct {
  const { classes, counts } = column;
  const own = new Float64Array(classes * firsts.length);
  const n = new Float64Array(firsts.length);
  firsts.forEach((group, i) => {
    let answers = 0;
    for (let k = 0; k < classes; k++) {
      const count = counts[group * classes + k] as number;
      own[i * classes + k] = count;
      answers += count;
    }
    n[i] = answers;
  });
  return { classes, size: firsts.length, counts: own, n, times: Float64Array.from(times) };
}

/** The entries of `used` with answers (n > 0), in their order. */
function withAnswers(used: Distinct): Distinct {
  const { classes, size, counts, n, times } = used;
  const kept: number[] = [];
  for (let i = 0; i < size; i++) if ((n[i] as number) > 0) kept.push(i);
  if (kept.length === size) return used;
  const own = new Float64Array(classes * kept.length);
  kept.forEach((i, at) => own.set(counts.subarray(i * classes, (i + 1) * classes), at * classes));
  return { classes, size: kept.length, counts: own, n: Float64Array.from(kept, (i) => n[i] as number), times: Float64Array.from(kept, (i) => times[i] as number) };
}

function logLikelihood(groups: Distinct, alpha: readonly number[]): number {
  const { classes, size, counts, n, times } = groups;
  const strength = sum(alpha);
  // ln Γ(A) and ln Γ(α_k) once, not once a group: the same terms, added in the same order.
  const logGammaStrength = logGamma(strength);
  const logGammaAlpha = alpha.map((a) => (a > 0 ? logGamma(a) : 0));
  let total = 0;
  for (let i = 0; i < size; i++) {
    let term = logGammaStrength - logGamma((n[i] as number) + strength);
    for (let k = 0; k < classes; k++) {
      const a = alpha[k] as number;
      if (a > 0) term += logGamma((counts[i * classes + k] as number) + a) - (logGammaAlpha[k] as number);
    }
    total += (times[i] as number) * term;
  }
  return total;
}

/**
 * The prior fitted to the groups' counts (each an array of class counts, maybe fractional when
 * weighted). Null with fewer than two groups with answers: there is nothing to learn the spread
 * between groups from. A class no group has gets α = 0.
 */
export function fitDirichlet(groups: readonly (readonly number[])[]): DirichletPrior | null {
  return fitDistinct(distinct(columnOf(groups)).used);
}

/** fitDirichlet, of the distinct counts of the groups (distinct: in its order), those with answers. */
function fitDistinct(given: Distinct): DirichletPrior | null {
  const used = withAnswers(given);
  const { classes, size, counts, n, times } = used;
  if (times.reduce((groups, t) => groups + t, 0) < 2) return null;
  const totals = Array.from({ length: classes }, (_, k) => {
    let total = 0;
    for (let i = 0; i < size; i++) total += (times[i] as number) * (counts[i * classes + k] as number);
    return total;
  });
  const all = sum(totals);
  const mean = totals.map((t) => t / all);
  const present = mean.map((m) => m > 0);
  // Start from the pooled shares with the best strength for them (a search over log strength).
  const withStrength = (s: number): number[] => mean.map((m) => m * s);
  // A loop, not Math.max(...): a weighted run's hundreds of thousands of groups are as many arguments, past the stack.
  const largest = n.reduce((most, answers) => Math.max(most, answers), 0);
  const most = MOST_STRENGTH_TIMES * largest;
  const pooledPrior = (): DirichletPrior => ({ alpha: withStrength(most), strength: most, pooled: true });
  let low = Math.log(1e-3);
  let high = Math.log(most);
  const golden = (Math.sqrt(5) - 1) / 2;
  let a = high - golden * (high - low);
  let b = low + golden * (high - low);
  let fa = logLikelihood(used, withStrength(Math.exp(a)));
  let fb = logLikelihood(used, withStrength(Math.exp(b)));
  // To a bracket 1e-5 wide in ln strength (~30 steps): a start for Newton's steps below, which
  // end at the same maximum from any start this near (80 steps took most of a weighted fit's
  // time, BENCHMARKS.md, issue 17, tenth session).
  while (high - low > START_WIDTH) {
    if (fa < fb) {
      low = a;
      a = b;
      fa = fb;
      b = low + golden * (high - low);
      fb = logLikelihood(used, withStrength(Math.exp(b)));
    } else {
      high = b;
      b = a;
      fb = fa;
      a = high - golden * (high - low);
      fa = logLikelihood(used, withStrength(Math.exp(a)));
    }
  }
  let alpha = withStrength(Math.exp((low + high) / 2));
  // The best strength near the top of the range: no spread between the groups to fit.
  if (Math.exp(high) >= POOLED_TIMES * largest) return pooledPrior();
  // Then Newton's method for every α, where its step is uphill; else a step of Minka's fixed point,
  // which never goes down. The fixed point alone takes thousands of steps where the strength is
  // large beside the groups (BENCHMARKS.md, issue 17, ninth session); Newton's, a few.
  let likelihood = logLikelihood(used, alpha);
  for (let iteration = 0; iteration < 10000; iteration++) {
    if (sum(alpha) >= most) break;
    let next = newtonStep(used, alpha, present);
    let nextLikelihood = next === null ? -Infinity : logLikelihood(used, next);
    if (next === null || !(nextLikelihood >= likelihood)) {
      next = fixedPointStep(used, alpha, present);
      nextLikelihood = logLikelihood(used, next);
    }
    let change = 0;
    next.forEach((x, k) => (change = Math.max(change, Math.abs(x - (alpha[k] as number)) / Math.max(1e-300, alpha[k] as number))));
    alpha = next;
    likelihood = nextLikelihood;
    if (change < 1e-12) break;
  }
  const strength = sum(alpha);
  return strength >= POOLED_TIMES * largest ? pooledPrior() : { alpha, strength, pooled: false };
}

/** Minka's fixed point for every α: α_k ← α_k · Σ_i [ψ(x_ik + α_k) − ψ(α_k)] / Σ_i [ψ(n_i + A) − ψ(A)]. */
function fixedPointStep(used: Distinct, alpha: readonly number[], present: readonly boolean[]): number[] {
  const { classes, size, counts, n, times } = used;
  const strength = sum(alpha);
  // ψ(A) and ψ(α_k) once a step, not once a group: the same differences, summed in the same order.
  const digammaStrength = digamma(strength);
  let denominator = 0;
  for (let i = 0; i < size; i++) denominator += (times[i] as number) * (digamma((n[i] as number) + strength) - digammaStrength);
  return alpha.map((ak, k) => {
    if (!present[k]) return 0;
    const digammaAk = digamma(ak);
    let numerator = 0;
    for (let i = 0; i < size; i++) numerator += (times[i] as number) * (digamma((counts[i * classes + k] as number) + ak) - digammaAk);
    return denominator > 0 ? (ak * numerator) / denominator : ak;
  });
}

/**
 * Newton's step from α (Minka 2000): the log likelihood's gradient g_k = Σ_i [ψ(x_ik + α_k) − ψ(α_k)]
 * − Σ_i [ψ(n_i + A) − ψ(A)] and its Hessian diag(q) + z·11ᵀ, with q_k = Σ_i [ψ′(x_ik + α_k) − ψ′(α_k)]
 * and z = Σ_i [ψ′(A) − ψ′(n_i + A)], whose inverse has a closed form (Sherman–Morrison):
 * (H⁻¹g)_k = (g_k − b) / q_k, b = Σ_j (g_j / q_j) / (1/z + Σ_j 1/q_j), over the classes present.
 * Null where the step would leave α > 0.
 */
function newtonStep(used: Distinct, alpha: readonly number[], present: readonly boolean[]): number[] | null {
  const { classes, size, counts, n, times } = used;
  const strength = sum(alpha);
  const digammaStrength = digamma(strength);
  const trigammaStrength = trigamma(strength);
  let d = 0;
  let z = 0;
  for (let i = 0; i < size; i++) {
    const answers = n[i] as number;
    d += (times[i] as number) * (digamma(answers + strength) - digammaStrength);
    z += (times[i] as number) * (trigammaStrength - trigamma(answers + strength));
  }
  let ratios = 0;
  let inverses = 1 / z;
  const g: number[] = [];
  const q: number[] = [];
  for (const [k, ak] of alpha.entries()) {
    if (!present[k]) continue;
    const digammaAk = digamma(ak);
    const trigammaAk = trigamma(ak);
    let gradient = -d;
    let curvature = 0;
    for (let i = 0; i < size; i++) {
      const c = counts[i * classes + k] as number;
      gradient += (times[i] as number) * (digamma(c + ak) - digammaAk);
      curvature += (times[i] as number) * (trigamma(c + ak) - trigammaAk);
    }
    if (!(curvature < 0)) return null;
    g[k] = gradient;
    q[k] = curvature;
    ratios += gradient / curvature;
    inverses += 1 / curvature;
  }
  const b = ratios / inverses;
  const next = alpha.map((ak, k) => (present[k] ? ak - ((g[k] as number) - b) / (q[k] as number) : 0));
  return next.every((x, k) => !present[k] || (x > 0 && Number.isFinite(x))) ? next : null;
}

/** The posterior mean shares of a group: (counts + α) / (n + Σα). */
export function shrunkShares(counts: readonly number[], prior: DirichletPrior): number[] {
  const n = sum(counts);
  return counts.map((c, k) => (c + (prior.alpha[k] ?? 0)) / (n + prior.strength));
}

/**
 * The class counts a group's Stats give for shrinkage: NPS [P, A, D]; CSAT [satisfied, not].
 * Weighted: the shares of the effective size. Null for a group without a score, and for CES.
 */
export function classCounts(metric: MetricName, stats: AnyStats): number[] | null {
  if (metric === 'ces') return null;
  const weighted = stats.weight !== undefined;
  const n = weighted ? (stats.effectiveResponses ?? 0) : stats.responses;
  if (metric === 'nps') {
    const s = stats as Stats;
    if (s.nps === null || s.promoterShare === null || s.passiveShare === null || s.detractorShare === null) return null;
    return weighted ? [s.promoterShare, s.passiveShare, s.detractorShare].map((share) => (share / 100) * n) : [s.promoters, s.passives, s.detractors];
  }
  const s = stats as CsatStats;
  if (s.csat === null) return null;
  return weighted ? [(s.csat / 100) * n, (1 - s.csat / 100) * n] : [s.satisfied, s.responses - s.satisfied];
}

export interface Shrinkage {
  /** The JSON field the shrunk value goes in. */
  field: 'shrunkNps' | 'shrunkCsat';
  prior: DirichletPrior;
  /** Per group, in the order given: the shrunk headline; null for a group without one. */
  values: (number | null)[];
}

/** How many classes shrinkage counts for a metric (NPS: promoters, passives, detractors; CSAT: satisfied, not); 0 for CES, which has none. */
function shrinkageClasses(metric: MetricName): number {
  return metric === 'nps' ? 3 : metric === 'csat' ? 2 : 0;
}

/**
 * Groups' class counts in one column: a group's `classes` counts one after another, NaN first
 * for a group without any (classCounts' null). Hundreds of thousands of groups are one array,
 * not an array each.
 */
export interface ClassColumn {
  classes: number;
  counts: Float64Array;
}

/** The column of the groups' class counts for `metric`, given each group's (classCounts; null: none), which need not be kept. */
export function classColumn<T>(metric: MetricName, groups: readonly T[], countsOf: (group: T) => readonly number[] | null): ClassColumn {
  const classes = shrinkageClasses(metric);
  const counts = new Float64Array(classes * groups.length);
  groups.forEach((group, i) => {
    const own = classes === 0 ? null : countsOf(group);
    if (own === null) counts[i * classes] = NaN;
    else counts.set(own, i * classes);
  });
  return { classes, counts };
}

/**
 * Shrunk NPS or CSAT for every group, from a prior fitted to them all, given each group's class
 * counts (classCounts, in a column); null for CES, or with fewer than two groups with answers.
 * Groups with the same counts have the same shrunk value: it is worked out once per distinct
 * counts, as the fit counts them once.
 */
export function shrinkGroups(metric: MetricName, column: ClassColumn): Shrinkage | null {
  const { classes } = column;
  if (metric === 'ces' || classes === 0) return null;
  // Every distinct counts (those summing to 0 too: they get a value, not a say in the fit), and each group's (-1: none).
  const { used, which } = distinct(column);
  const prior = fitDistinct(used);
  if (!prior) return null;
  const valueOf = Array.from({ length: used.size }, (_, i) => {
    const shares = shrunkShares(Array.from(used.counts.subarray(i * classes, (i + 1) * classes)), prior);
    return metric === 'nps' ? 100 * ((shares[0] ?? 0) - (shares[2] ?? 0)) : 100 * (shares[0] ?? 0);
  });
  const values = Array.from(which, (index) => (index < 0 ? null : (valueOf[index] as number)));
  return { field: metric === 'nps' ? 'shrunkNps' : 'shrunkCsat', prior, values };
}

/** The prior as JSON names it: α per class name, and its strength; pooled, the pooled shares and no strength (it is without end). */
export function priorInfo(shrinkage: Shrinkage): { field: string; prior: Record<string, number>; strength: number | null; pooled: boolean } {
  const names = shrinkage.field === 'shrunkNps' ? ['promoters', 'passives', 'detractors'] : ['satisfied', 'notSatisfied'];
  const { alpha, strength, pooled } = shrinkage.prior;
  const value = (k: number): number => (pooled ? (alpha[k] ?? 0) / strength : (alpha[k] ?? 0));
  return { field: shrinkage.field, prior: Object.fromEntries(names.map((name, k) => [name, value(k)])), strength: pooled ? null : strength, pooled };
}
