// Windows-1252 as the WHATWG Encoding Standard defines it. Node 20's TextDecoder (small ICU)
// maps bytes 0x80–0x9F to the C1 control characters, as Latin-1 does; Windows puts 27 letters
// and signs there (€ ‚ ƒ „ … † ‡ ˆ ‰ Š ‹ Œ Ž ‘ ’ “ ” • – — ˜ ™ š › œ ž Ÿ), and a Swedish export's
// "10 – Mycket sannolikt" uses one. The five bytes Windows leaves unassigned stay C1 controls,
// as the standard says. 0xA0–0xFF are Latin-1's.

/** The code points of bytes 0x80–0x9F. */
const HIGH = [
  0x20ac, 0x81, 0x201a, 0x192, 0x201e, 0x2026, 0x2020, 0x2021, 0x2c6, 0x2030, 0x160, 0x2039, 0x152, 0x8d, 0x17d, 0x8f,
  0x90, 0x2018, 0x2019, 0x201c, 0x201d, 0x2022, 0x2013, 0x2014, 0x2dc, 0x2122, 0x161, 0x203a, 0x153, 0x9d, 0x17e, 0x178,
];
const TABLE = new Map(HIGH.map((code, i) => [String.fromCharCode(0x80 + i), String.fromCharCode(code)]));

export function decodeWindows1252(bytes: Uint8Array, start = 0, end = bytes.length): string {
  const text = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('latin1', start, end);
  return /[\x80-\x9f]/.test(text) ? text.replace(/[\x80-\x9f]/g, (c) => TABLE.get(c) ?? c) : text;
}

/** Bytes → text for a single-byte encoding: our table for Windows-1252, the platform's for the rest. */
export function singleByteDecoder(encoding: string): (bytes: Uint8Array, start?: number, end?: number) => string {
  if (encoding === 'windows-1252') return decodeWindows1252;
  const decoder = new TextDecoder(encoding);
  return (bytes, start = 0, end = bytes.length) => decoder.decode(bytes.subarray(start, end));
}
