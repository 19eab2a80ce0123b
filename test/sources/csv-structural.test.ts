// The scanner's first pass: the positions of the delimiter, quote, LF and CR bytes, found by
// WebAssembly 16 bytes at a time, must be exactly those a plain loop finds, at every length
// (the last block is partial) and at every offset, and so must each line break's place among
// them and the quotes before it; and the committed binary must be what the .wat source
// assembles to.
import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { StructuralIndex, WINDOW } from '../../src/sources/csv-structural.js';
import STRUCTURAL_WASM from '../../src/sources/csv-structural.wasm';
import { assembleStructural } from '../../scripts/wasm.mjs';

/** The positions by definition: every byte looked at. */
function expected(bytes: Uint8Array, from: number, to: number, delimiter: number): number[] {
  const out: number[] = [];
  for (let i = from; i < to; i++) if ([delimiter, 0x22, 0x0a, 0x0d].includes(bytes[i] as number)) out.push(i - from);
  return out;
}

/** Each line break's index among those positions and the quotes before it, then the count of positions and of quotes. */
function expectedBreaks(bytes: Uint8Array, from: number, to: number, delimiter: number): { breaks: number[]; quotesBefore: number[] } {
  const breaks: number[] = [];
  const quotesBefore: number[] = [];
  const positions = expected(bytes, from, to, delimiter);
  positions.forEach((at, k) => {
    if (bytes[from + at] === 0x0a || bytes[from + at] === 0x0d) {
      breaks.push(k);
      quotesBefore.push(positions.slice(0, k).filter((p) => bytes[from + p] === 0x22).length);
    }
  });
  return { breaks: [...breaks, positions.length], quotesBefore: [...quotesBefore, positions.filter((p) => bytes[from + p] === 0x22).length] };
}

function found(index: StructuralIndex, bytes: Uint8Array, from: number, to: number): number[] {
  index.index(bytes, from, to);
  expect(index.base).toBe(from);
  // And the line breaks the positions hold, each with the quotes before it, then the totals.
  const positions = Array.from(index.positions.subarray(0, index.count));
  const lines = positions.filter((at) => bytes[from + at] === 0x0a || bytes[from + at] === 0x0d).length;
  expect({ breaks: Array.from(index.breaks.subarray(0, lines + 1)), quotesBefore: Array.from(index.quotesBefore.subarray(0, lines + 1)) }).toEqual(expectedBreaks(bytes, from, to, index.delimiter));
  return positions;
}

let seed = 7;
const random = (): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
};

describe('StructuralIndex', () => {
  it('finds what a loop finds, with and without WebAssembly, at every length up to 100 and offset up to 20', () => {
    for (const delimiter of [0x2c, 0x3b, 0x09, 0x7c]) {
      const wasm = new StructuralIndex(delimiter);
      const loop = new StructuralIndex(delimiter, false);
      // Bytes around the structural ones too (0x0b, 0x21, 0x23, 0x2b, 0x2d), and high ones.
      const alphabet = [delimiter, 0x22, 0x0a, 0x0d, 0x0b, 0x21, 0x23, 0x2b, 0x2d, 0x61, 0xc3, 0xff, 0x00, 0x2c, 0x3b, 0x09, 0x7c];
      for (let length = 0; length <= 100; length++) {
        for (let offset = 0; offset <= 20; offset += 3) {
          const bytes = Uint8Array.from({ length: offset + length + 5 }, () => alphabet[Math.floor(random() * alphabet.length)] as number);
          const truth = expected(bytes, offset, offset + length, delimiter);
          expect(found(wasm, bytes, offset, offset + length)).toEqual(truth);
          expect(found(loop, bytes, offset, offset + length)).toEqual(truth);
        }
      }
    }
  });

  it('a whole window: every byte structural, then none, then a window after a full one', () => {
    const index = new StructuralIndex(0x2c);
    const all = new Uint8Array(WINDOW).fill(0x2c);
    expect(found(index, all, 0, WINDOW)).toEqual(Array.from({ length: WINDOW }, (_, i) => i));
    const none = new Uint8Array(WINDOW + 10).fill(0x61);
    expect(found(index, none, 10, WINDOW + 10)).toEqual([]);
    // Bytes left from the window before must not be found again past a shorter one.
    expect(found(index, Uint8Array.from([0x61, 0x0a, 0x61]), 0, 3)).toEqual([1]);
  });

  it('the committed binary is what csv-structural.wat assembles to', async () => {
    expect(Buffer.from(STRUCTURAL_WASM).toString('base64')).toBe(await assembleStructural());
    // And the source says what the binary does.
    expect(await readFile(new URL('../../src/sources/csv-structural.wat', import.meta.url), 'utf8')).toContain('i8x16.bitmask');
  });
});
