// A file's profile added up from parts in file order (FileProfile.absorb, as the counting
// threads give it) is the profile of one pass over every row.
import { describe, expect, it } from 'vitest';
import { FileProfile, SCORE_VALUES_KEPT } from '../../src/mapping/file-profile.js';
import { seededRandom } from '../support/random.js';

describe('FileProfile', () => {
  it('parts absorbed in order give the one-pass profile: values past the cap, dates and their order evidence, score cells past the number kept', () => {
    const random = seededRandom(29);
    for (let trial = 0; trial < 12; trial++) {
      const rows = Array.from({ length: 3000 }, (_, i) => {
        const day = 1 + Math.floor(random() * 28);
        const month = 1 + Math.floor(random() * 12);
        const date = [`2025-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`, `${day}/${month}/2025`, `${month}/${day}/2025`, '', 'soon'][Math.floor(random() * 5)] as string;
        // A column of a few values, one of ids (past the cap of 1,000), one of text with spaces, blanks now and then.
        return [random() < 0.1 ? '' : ['web', 'phone', 'mail'][i % 3] as string, `id${Math.floor(random() * (trial % 2 === 0 ? 500 : 5000))}`, random() < 0.2 ? '' : `word ${Math.floor(random() * 50)}`, date, String(Math.floor(random() * 11))];
      });
      const spec = { width: 5, score: 4, date: 3 };
      const whole = new FileProfile(spec);
      rows.forEach((cells, i) => whole.add(cells, i + 1));
      // Cut into 1 to 6 parts at random places, each profiled with rows numbered from 1, then added up.
      const cuts = [0, ...Array.from({ length: Math.floor(random() * 6) }, () => Math.floor(random() * rows.length)).sort((a, b) => a - b), rows.length];
      const summed = new FileProfile(spec);
      for (let p = 0; p + 1 < cuts.length; p++) {
        const part = new FileProfile(spec);
        rows.slice(cuts[p], cuts[p + 1]).forEach((cells, i) => part.add(cells, i + 1));
        summed.absorb(part.data(), cuts[p] as number);
      }
      expect(summed.data(), `trial ${trial}, cuts ${cuts.join(',')}`).toEqual(whole.data());
      expect(whole.scoreValues).toHaveLength(SCORE_VALUES_KEPT);
      expect(whole.dates.evidence.firstOver12).not.toBeNull();
    }
  });

  it('by hand: the values kept are the first met in file order, and the cap counts the distinct values of all parts', () => {
    const spec = { width: 1, score: null, date: null };
    const first = new FileProfile(spec);
    for (let i = 0; i < 600; i++) first.add([`a${i}`], i + 1);
    const second = new FileProfile(spec);
    for (let i = 0; i < 600; i++) second.add([`b${i}`], i + 1);
    const summed = new FileProfile(spec);
    summed.absorb(first.data(), 0);
    expect(summed.columns[0]?.capped).toBe(false);
    summed.absorb(second.data(), 600);
    // 1,200 distinct: the first 600 a-values, then b0 … b399; capped.
    expect(summed.columns[0]?.distinct).toBe(1000);
    expect(summed.columns[0]?.capped).toBe(true);
    expect(summed.columns[0]?.samples(1)).toEqual(['a0']);
    expect(summed.rows).toBe(1200);
  });
});
