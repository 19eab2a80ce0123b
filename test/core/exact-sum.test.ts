// Exact sums of doubles against a reference written another way: every double is a whole
// number of 2^-1100ths, so BigInt holds the exact sum, and rounding it to a double is done by
// hand (53 significant bits, ties to even). Checked in random orders, with cancellation, and on
// sums that floating-point addition in turn gets wrong.
import { describe, expect, it } from 'vitest';
import { addExact, canonicalSum, exactValue, ExactSums } from '../../src/core/exact-sum.js';
import { seededRandom } from '../support/random.js';

const SCALE = 1100n;

/** A finite double as a whole number of 2^-1100ths (exactly). */
function scaled(x: number): bigint {
  if (x === 0) return 0n;
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, x);
  const bits = view.getBigUint64(0);
  const sign = bits >> 63n ? -1n : 1n;
  const exponent = Number((bits >> 52n) & 0x7ffn);
  const fraction = bits & ((1n << 52n) - 1n);
  // value = mantissa × 2^(e − 1075), e ≥ 1 (normal) or 1 (subnormal, no hidden bit).
  const mantissa = exponent === 0 ? fraction : fraction | (1n << 52n);
  const shift = BigInt(Math.max(exponent, 1) - 1075) + SCALE;
  return sign * (mantissa << shift);
}

/** A whole number of 2^-1100ths rounded to the nearest double, ties to even (no overflow here). */
function rounded(total: bigint): number {
  if (total === 0n) return 0;
  const sign = total < 0n ? -1 : 1;
  let magnitude = total < 0n ? -total : total;
  const bits = magnitude.toString(2).length;
  // Keep 53 significant bits (fewer below the smallest normal: not reached by these tests).
  const drop = BigInt(Math.max(0, bits - 53));
  let kept = magnitude >> drop;
  const rest = magnitude - (kept << drop);
  const half = drop > 0n ? 1n << (drop - 1n) : 0n;
  if (drop > 0n && (rest > half || (rest === half && (kept & 1n) === 1n))) kept += 1n;
  magnitude = kept;
  // kept × 2^(drop − 1100), exact in a double (kept ≤ 2^53).
  return sign * Number(magnitude) * 2 ** (Number(drop) - Number(SCALE));
}

const random = seededRandom(2024);

describe('exact sums of doubles', () => {
  it('the reference is right on sums worked by hand', () => {
    expect(rounded(scaled(0.1) + scaled(0.2))).toBe(0.30000000000000004);
    expect(rounded(scaled(1) + scaled(2 ** -53))).toBe(1);
    expect(rounded(scaled(1) + scaled(2 ** -53) + scaled(2 ** -100))).toBe(1 + 2 ** -52);
    expect(rounded(scaled(1e16) + scaled(1) + scaled(-1e16))).toBe(1);
  });

  it('adds up to the exact sum correctly rounded, whatever the order, where adding in turn does not', () => {
    let turnWrong = 0;
    for (let round = 0; round < 2000; round++) {
      const n = 1 + Math.floor(random() * 60);
      const kind = round % 4;
      const terms = Array.from({ length: n }, () => {
        if (kind === 0) return Math.floor(random() * 20000) / 1000; // weights like 1.234
        if (kind === 1) return (random() - 0.5) * 10 ** Math.floor(random() * 40 - 20); // every magnitude, both signs
        if (kind === 2) return Math.floor(random() * 200) / 10; // 0.0 … 19.9
        return (Math.floor(random() * 200) / 10) ** 2; // their squares
      });
      if (kind === 1) terms.push(...terms.map((t) => -t * (random() < 0.5 ? 1 : 1 + 2 ** -40))); // heavy cancellation
      const want = rounded(terms.reduce((sum, t) => sum + scaled(t), 0n));
      const partials: number[] = [];
      for (const t of terms) addExact(partials, t);
      expect(exactValue(partials)).toBe(want);
      // Another order, and two halves summed apart then joined: the same double and the same canonical form.
      const shuffled = [...terms].sort(() => random() - 0.5);
      const a: number[] = [];
      const b: number[] = [];
      shuffled.forEach((t, i) => addExact(i % 2 === 0 ? a : b, t));
      for (const x of b) addExact(a, x);
      expect(exactValue(a)).toBe(want);
      expect(canonicalSum(a)).toEqual(canonicalSum(partials));
      expect(exactValue(canonicalSum(partials))).toBe(want);
      if (terms.reduce((sum, t) => sum + t, 0) !== want) turnWrong++;
    }
    // Adding in turn is off in many of these: the test would notice a sum that did just that.
    expect(turnWrong).toBeGreaterThan(300);
  });

  it('ties go to even, decided by the partials below', () => {
    // 1 + 2^-53 is half-way between 1 and 1 + 2^-52: ties to 1; a hair more goes up, a hair less down.
    expect(exactValue(addedUp([1, 2 ** -53]))).toBe(1);
    expect(exactValue(addedUp([1, 2 ** -53, 2 ** -80]))).toBe(1 + 2 ** -52);
    expect(exactValue(addedUp([1, 2 ** -53, -(2 ** -80)]))).toBe(1);
    // 1 + 3·2^-53 is half-way between 1 + 2^-52 and 1 + 2^-51: ties to the even 1 + 2^-51.
    expect(exactValue(addedUp([1, 3 * 2 ** -53]))).toBe(1 + 2 ** -51);
  });

  it('ExactSums, many sums side by side, gives the same exact sums, through growth and zeroing, with and without its overflow partials', () => {
    let overflowed = 0;
    for (let round = 0; round < 200; round++) {
      const sums = new ExactSums(4);
      const reference = new Map<number, bigint>();
      const partials = new Map<number, number[]>();
      const wide = round % 2 === 1;
      for (let i = 0; i < 400; i++) {
        const at = Math.floor(random() * (i < 200 ? 4 : 40));
        if (at >= sums.size) sums.grow(Math.max(at + 1, sums.size * 2));
        // Weights of a few digits and their squares; or every magnitude, which low alone cannot hold.
        const x = wide ? (random() - 0.3) * 10 ** Math.floor(random() * 60 - 30) : (Math.floor(random() * 2000) / 100) ** (random() < 0.5 ? 1 : 2);
        sums.add(at, x);
        reference.set(at, (reference.get(at) ?? 0n) + scaled(x));
        addExact(partials.get(at) ?? (partials.set(at, []).get(at) as number[]), x);
      }
      // Every sum copied into another ExactSums (as a tally's sums are merged), each at another place.
      const copy = new ExactSums(1);
      copy.grow(sums.size + 1);
      for (const at of reference.keys()) copy.addFrom(at + 1, sums, at);
      for (const [at, total] of reference) {
        expect(exactValue(sums.partials(at)), `sum ${at}`).toBe(rounded(total));
        expect(sums.value(at), `sum ${at}`).toBe(rounded(total));
        expect(copy.value(at + 1), `sum ${at} copied`).toBe(rounded(total));
        expect(canonicalSum(sums.partials(at))).toEqual(canonicalSum(partials.get(at) ?? []));
        if (sums.partials(at).length > 2) overflowed++;
      }
      // Zeroed one by one (the even places): those read 0, overflow partials and all; the others are kept.
      for (const at of reference.keys()) if (at % 2 === 0) sums.zero(at);
      for (const at of reference.keys()) if (at % 2 === 0) expect(sums.partials(at)).toEqual([]);
      for (const [at, total] of reference) if (at % 2 === 1) expect(exactValue(sums.partials(at))).toBe(rounded(total));
    }
    // The wide rounds went past two doubles: the overflow partials were used, and right.
    expect(overflowed).toBeGreaterThan(50);
  });

  it('empty, zero, and sums that are not finite', () => {
    expect(exactValue([])).toBe(0);
    expect(exactValue(addedUp([0, 0]))).toBe(0);
    expect(exactValue(addedUp([1e308, 1e308]))).toBe(Infinity);
    expect(exactValue(addedUp([Infinity, 1]))).toBe(Infinity);
    expect(canonicalSum(addedUp([1, -1]))).toEqual([]);
    const sums = new ExactSums(3);
    [1e308, 1e308, 1].forEach((x) => sums.add(0, x));
    [Infinity, 1].forEach((x) => sums.add(1, x));
    expect([sums.value(0), sums.value(1), sums.value(2)]).toEqual([Infinity, Infinity, 0]);
    const copy = new ExactSums(2);
    copy.addFrom(0, sums, 0);
    copy.addFrom(1, sums, 1);
    expect([copy.value(0), copy.value(1)]).toEqual([Infinity, Infinity]);
  });
});

function addedUp(terms: number[]): number[] {
  const partials: number[] = [];
  for (const t of terms) addExact(partials, t);
  return partials;
}

// Small sums (a tally's 22) share a slab of doubles with the sums made after them: each keeps to
// its own places, across a slab's end, and one grown takes its sums to an array of its own.
describe('ExactSums side by side in a slab', () => {
  it('each keeps its own sums, across slabs, and when grown', () => {
    // 4,000 sums of 22: past one slab of 65,536 doubles (1,489 of them).
    const many = Array.from({ length: 4000 }, () => new ExactSums(22));
    many.forEach((sums, i) => {
      for (let at = 0; at < 22; at++) {
        sums.add(at, i + at / 4);
        sums.add(at, 1e-20 * (i + 1));
      }
    });
    const grown = many[1488] as ExactSums;
    grown.grow(30);
    grown.add(29, 7);
    many.forEach((sums, i) => {
      expect(sums.size).toBe(i === 1488 ? 33 : 22);
      for (let at = 0; at < 22; at++) expect(sums.partials(at)).toEqual(canonicalSum([i + at / 4, 1e-20 * (i + 1)]));
    });
    expect(grown.value(29)).toBe(7);
    expect((many[1489] as ExactSums).value(0)).toBe(1489);
  });
});
