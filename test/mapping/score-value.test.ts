import { describe, expect, it } from 'vitest';
import { readScore } from '../../src/mapping/score-value.js';

describe('readScore', () => {
  it.each([
    ['9', 9], ['0', 0], ['10', 10], [' 8 ', 8], ['9.0', 9], ['9,0', 9], ['7.00', 7],
    ['10 - Extremely likely', 10], ['0 - Not at all likely', 0], ['10 – Extremely likely', 10],
    ['0 = Inte alls sannolikt', 0], ['10 (Mycket sannolikt)', 10], ['9 Sehr wahrscheinlich', 9],
    ['Extremely likely', 10], ['not at all likely', 0], ['\u00a09\u00a0', 9], ['9\u0000', 9],
  ])('%j is %i', (cell, score) => {
    expect(readScore(cell)).toEqual({ kind: 'score', score });
  });

  it.each([[''], ['   '], [undefined]])('%j is missing', (cell) => {
    expect(readScore(cell)).toEqual({ kind: 'missing' });
  });

  it.each([['N/A'], ['NA'], ['11'], ['-1'], ['9.5'], ['6,5'], ['+9'], ['1e1'], ['ten'], ['9/10'], ['10-12'], ['Very likely']])(
    '%j is invalid',
    (cell) => {
      expect(readScore(cell)).toEqual({ kind: 'invalid' });
    },
  );
});
