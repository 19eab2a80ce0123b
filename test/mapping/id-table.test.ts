// IdTable numbers ids in the order first met, as a Map from id to its number would: checked
// against one over 300,000 lookups of ids that share prefixes, differ by one unit, are empty,
// long, or not ASCII, through many growths of every array.
import { describe, expect, it } from 'vitest';
import { IdTable } from '../../src/mapping/id-table.js';
import { seededRandom } from '../support/random.js';

describe('IdTable', () => {
  it('numbers ids as a Map of first meetings does, and gives each back', () => {
    const random = seededRandom(31);
    const table = new IdTable();
    const reference = new Map<string, number>();
    const stems = ['c', 'c1', 'respondent-', 'Ångström ', '語', 'x'.repeat(300), ''];
    for (let i = 0; i < 300_000; i++) {
      const id = `${stems[Math.floor(random() * stems.length)]}${Math.floor(random() * 60_000)}${random() < 0.01 ? '\u0000' : ''}`;
      if (!reference.has(id)) reference.set(id, reference.size);
      expect(table.numberOf(id)).toBe(reference.get(id));
    }
    expect(table.size).toBe(reference.size);
    for (const [id, r] of reference) expect(table.id(r)).toBe(id);
  });

  it('by hand: the empty id, ids one unit apart, an id of 10,000 units', () => {
    const table = new IdTable();
    expect([table.numberOf('a'), table.numberOf('b'), table.numberOf(''), table.numberOf('a'), table.numberOf('ab'), table.numberOf('')]).toEqual([0, 1, 2, 0, 3, 2]);
    const long = 'é'.repeat(10_000);
    expect(table.numberOf(long)).toBe(4);
    expect(table.numberOf(`${long.slice(1)}e`)).toBe(5);
    expect(table.id(4)).toBe(long);
  });
});
