import { describe, expect, it } from 'vitest';
import { decodeWindows1252 } from '../../src/sources/windows-1252.js';

describe('decodeWindows1252', () => {
  it("maps 0x80–0x9F as Python's cp1252 codec does, and its five unassigned bytes to C1 controls (WHATWG)", () => {
    // Python: [bytes([b]).decode('cp1252') for b in range(0x80, 0xa0)]; None where cp1252 has no character.
    const python = [
      0x20ac, null, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, null, 0x17d, null,
      null, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, null, 0x17e, 0x178,
    ];
    python.forEach((code, i) => {
      const byte = 0x80 + i;
      expect(decodeWindows1252(Uint8Array.of(byte)).codePointAt(0)).toBe(code ?? byte);
    });
    expect(python.filter((code) => code !== null)).toHaveLength(27);
  });

  it('Latin-1 above 0x9F, ASCII as is, and a slice of a larger buffer', () => {
    const bytes = Buffer.from([0x41, 0xe4, 0x96, 0xf8, 0x80]);
    expect(decodeWindows1252(bytes)).toBe('Aä–ø€');
    expect(decodeWindows1252(bytes, 1, 3)).toBe('ä–');
    expect(decodeWindows1252(bytes.subarray(2))).toBe('–ø€');
  });
});
