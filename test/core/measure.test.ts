import { describe, expect, it } from 'vitest';
import { measureFor, type MeasuredColumns } from '../../src/core/measure.js';
import type { MetricName, RatingScaleName } from '../../src/core/metrics.js';
import { classCounts } from '../../src/core/shrinkage.js';
import { Tally } from '../../src/core/tally.js';
import { seededRandom } from '../support/random.js';

/** A Measure of `metric`, maybe weighted, on a 1–5 rating scale for CSAT and CES. */
function measure(metric: MetricName, weighted: boolean) {
  const columns: MeasuredColumns = {
    scoreColumn: { name: 'score' },
    weightColumn: weighted ? 'w' : null,
    ratingScale: metric === 'nps' ? null : { scale: '1-5' as RatingScaleName, reason: 'given' },
  };
  return measureFor(columns, { metric, label: undefined, method: 'adjusted-wald', satisfied: undefined, easy: undefined, bands: {}, npsScale: '0-10' });
}

function tallyOf(scores: number[], weights?: number[]): Tally {
  const tally = new Tally();
  scores.forEach((score, i) => tally.add(score, weights?.[i] ?? 1));
  return tally;
}

describe('Measure.classes: a tally’s class counts for shrinkage', () => {
  it('counts promoters, passives and detractors of an unweighted NPS tally by hand', () => {
    // 0–10 answered 1, 0, 3, 1, 0, 2, 1, 4, 5, 8, 5 times: detractors 1+3+1+2+1 = 8, passives 4+5 = 9, promoters 8+5 = 13.
    const scores = [0, 2, 2, 2, 3, 5, 5, 6, 7, 7, 7, 7, 8, 8, 8, 8, 8, ...Array<number>(8).fill(9), ...Array<number>(5).fill(10)];
    expect(measure('nps', false).classes(tallyOf(scores))).toEqual([13, 9, 8]);
    expect(measure('nps', false).classes(tallyOf([7, 8]))).toEqual([0, 2, 0]);
  });

  it('is null for a tally without answers or weight, and for CES; n = 1 and one class by hand', () => {
    for (const weighted of [false, true]) {
      expect(measure('nps', weighted).classes(new Tally())).toBeNull();
      expect(measure('csat', weighted).classes(new Tally())).toBeNull();
    }
    expect(measure('ces', false).classes(tallyOf([1, 5, 5]))).toBeNull();
    // Weights adding up to 0: no shares, so no classes (as the Stats have no NPS).
    expect(measure('nps', true).classes(tallyOf([9, 3], [0, 0]))).toBeNull();
    expect(measure('csat', true).classes(tallyOf([5, 1], [0, 0]))).toBeNull();
    // One answer, and all in one class.
    expect(measure('nps', false).classes(tallyOf([6]))).toEqual([0, 0, 1]);
    expect(measure('nps', false).classes(tallyOf([9, 10, 10]))).toEqual([3, 0, 0]);
  });

  it('gives what classCounts reads off the Stats, for every metric, weighted or not (random tallies)', () => {
    const random = seededRandom(17);
    for (let round = 0; round < 400; round++) {
      const metric = (['nps', 'csat', 'ces'] as const)[round % 3] as MetricName;
      const weighted = round % 2 === 1;
      const [low, high] = metric === 'nps' ? [0, 10] : [1, 5];
      // Small tallies mostly, some empty or of one class.
      const n = Math.floor(random() ** 2 * 40);
      const narrow = random() < 0.2;
      const scores = Array.from({ length: n }, () => (narrow ? high : low + Math.floor(random() * (high - low + 1))));
      const weights = weighted ? scores.map(() => Math.round(random() * 30) / 10) : undefined;
      const tally = tallyOf(scores, weights);
      const m = measure(metric, weighted);
      expect(m.classes(tally), `round ${round}`).toEqual(classCounts(metric, m.stats(tally)));
    }
  });
});
