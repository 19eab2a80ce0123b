// The plain NPS Measure (no weights, no bands) for unit tests of code that takes one.
import type { Aggregate } from '../../src/pipeline/aggregate.js';
import { measureFor, type Measure } from '../../src/core/measure.js';
import type { IntervalMethod } from '../../src/core/stats.js';

export function npsMeasure(method: IntervalMethod = 'adjusted-wald', bands = false): Measure {
  const result = { weightColumn: null, ratingScale: null, scoreColumn: { name: 'score', index: 0, detected: false, looksOneToEleven: false } } as unknown as Aggregate;
  return measureFor(result, { metric: 'nps', label: undefined, method, satisfied: undefined, easy: undefined, bands: bands ? {} : { nps: [] }, npsScale: '0-10' });
}
