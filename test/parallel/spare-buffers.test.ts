// SpareBuffers: the buffers of parts' counts a counting thread gets back from the main thread.

import { describe, expect, it } from 'vitest';
import { SpareBuffers } from '../../src/parallel/spare-buffers.js';

describe('SpareBuffers', () => {
  it('makes an array in a new buffer with room for a quarter more, rounded up to 4 KiB, when none is spare', () => {
    const spare = new SpareBuffers();
    const array = spare.uint32(1000);
    expect(array.length).toBe(1000);
    expect(array.byteOffset).toBe(0);
    // 4,000 bytes × 1.25 = 5,000: two pages of 4,096.
    expect(array.buffer.byteLength).toBe(8192);
    expect(spare.uint32(0).length).toBe(0);
  });

  it('uses the smallest spare buffer that holds the array, and each buffer once', () => {
    const spare = new SpareBuffers();
    const [small, middle, large] = [new ArrayBuffer(400), new ArrayBuffer(4000), new ArrayBuffer(40000)];
    spare.give([large, small, middle]);
    expect(spare.size).toBe(3);
    // 200 numbers are 800 bytes: too many for 400, and 4,000 is the smallest that holds them.
    const first = spare.uint32(200);
    expect(first.buffer).toBe(middle);
    expect(first.length).toBe(200);
    // What the buffer held is not cleared (the caller writes every number it hands on).
    first[0] = 7;
    spare.give([first.buffer]);
    const again = spare.uint32(150);
    expect(again.buffer).toBe(middle);
    expect(again[0]).toBe(7);
    expect(spare.uint32(100).buffer).toBe(small);
    expect(spare.uint32(200).buffer).toBe(large);
    expect(spare.size).toBe(0);
    // None left: a new one.
    const fresh = spare.uint32(200).buffer;
    expect([small, middle, large]).not.toContain(fresh);
  });

  it('keeps six buffers at most, and none that is empty (a buffer moved away is)', () => {
    const spare = new SpareBuffers();
    spare.give([new ArrayBuffer(0)]);
    expect(spare.size).toBe(0);
    spare.give(Array.from({ length: 9 }, () => new ArrayBuffer(64)));
    expect(spare.size).toBe(6);
  });
});
