import { describe, expect, it } from 'vitest';
import { looksBinary, sniffDelimiter, sniffEncoding } from '../../src/sources/sniff.js';

describe('sniffDelimiter', () => {
  it.each([
    ['a,b,c\n1,2,3\n', ','],
    ['a;b;c\r\n1,5;2,5;9\r\n', ';'],
    ['a\tb\tc\n1\t2\t3\n', '\t'],
    ['a|b|c\n1|2|3\n', '|'],
    ['id,comment,score\n1,"a;b;c;d;e",9\n2,"x|y",8\n', ','],
    ['score\n9\n10\n', ','],
    ['"a,b";c;d\n1;2;3\n', ';'],
  ])('%j → %j', (text, delimiter) => {
    expect(sniffDelimiter(text)).toBe(delimiter);
  });
});

describe('sniffEncoding and binary content', () => {
  it('reads BOMs, valid UTF-8 and falls back to Windows-1252', () => {
    expect(sniffEncoding(Buffer.from([0xef, 0xbb, 0xbf, 0x61]))).toBe('utf-8');
    expect(sniffEncoding(Buffer.from([0xff, 0xfe, 0x61, 0x00]))).toBe('utf-16le');
    expect(sniffEncoding(Buffer.from([0xfe, 0xff, 0x00, 0x61]))).toBe('utf-16be');
    expect(sniffEncoding(Buffer.from('Växel,å', 'utf-8'))).toBe('utf-8');
    expect(sniffEncoding(Buffer.from('Växel,å', 'latin1'))).toBe('windows-1252');
    // A character cut in two at the end of the head is still UTF-8.
    expect(sniffEncoding(Buffer.from('ab ä', 'utf-8').subarray(0, 4))).toBe('utf-8');
  });

  it('a stray NUL is text; random bytes are binary', () => {
    expect(looksBinary(Buffer.from('id,comment\n1,fi\u0000ne\n'))).toBe(false);
    const noise = Buffer.from(Array.from({ length: 2048 }, (_, i) => (i * 7919) % 256));
    expect(looksBinary(noise)).toBe(true);
  });

  it('judges by the first 64 KiB of a larger head', () => {
    const text = Buffer.from('id,score\n1,9\n'.repeat(6000)).subarray(0, 1 << 16);
    const noise = Buffer.from(Array.from({ length: 1 << 16 }, (_, i) => (i * 7919) % 256));
    expect(looksBinary(Buffer.concat([text, noise, noise, noise]))).toBe(false);
    expect(looksBinary(Buffer.concat([noise, text, text, text]))).toBe(true);
  });
});
