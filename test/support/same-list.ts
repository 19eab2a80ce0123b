// Long lists compared so that a failure says where: vitest's diff of two lists of 100,000
// entries takes minutes (a failing mutation looked like a hang), so the first entry that
// differs is what the assertion shows, then the lengths.
import { expect } from 'vitest';

export function expectSameList<T>(got: readonly T[], want: readonly T[], label = ''): void {
  const at = want.findIndex((entry, i) => JSON.stringify(entry) !== JSON.stringify(got[i]));
  const first = at >= 0 ? at : got.length !== want.length ? Math.min(got.length, want.length) : -1;
  expect(first < 0 ? null : { at: first, got: got[first], want: want[first] }, `${label} first difference`).toBeNull();
  expect(got.length, `${label} length`).toBe(want.length);
}
