import { Readable } from 'node:stream';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { isUtf8 } from 'node:buffer';
import { Utf8Check, chooseDecoding, parseEncodingOption, validPrefix } from '../../src/sources/decode.js';
import { seededRandom } from '../support/random.js';
import { HEAD_BYTES, openInput } from '../../src/sources/input.js';

async function decodeFile(bytes: Buffer, given?: string) {
  const dir = await mkdtemp('/tmp/nps-decode-');
  await writeFile(`${dir}/f.csv`, bytes);
  const input = await openInput(`${dir}/f.csv`, { stream: () => Readable.from([]), file: () => null });
  const decoding = await chooseDecoding(input, given);
  // The text as the chosen encoding reads the whole file.
  const text = new TextDecoder(decoding.encoding).decode(bytes);
  return { decoding, text };
}

describe('decoding', () => {
  it('a Latin-1 byte far past the head makes the whole file Windows-1252', async () => {
    const ascii = Buffer.from('id,comment\n' + '1,plain ascii text\n'.repeat(Math.ceil((HEAD_BYTES * 2) / 18)));
    const { decoding, text } = await decodeFile(Buffer.concat([ascii, Buffer.from('2,Växel\n', 'latin1')]));
    expect(decoding).toMatchObject({ encoding: 'windows-1252', reason: 'not valid utf-8' });
    expect(text.endsWith('2,Växel\n')).toBe(true);
  });

  it('valid UTF-8 with a multi-byte character across the head boundary stays UTF-8', async () => {
    const pad = Buffer.from('x'.repeat(HEAD_BYTES - 1));
    const { decoding, text } = await decodeFile(Buffer.concat([pad, Buffer.from('ä,ö\n')]));
    expect(decoding.encoding).toBe('utf-8');
    expect(text.endsWith('ä,ö\n')).toBe(true);
  });

  it('UTF-16 without a BOM is recognised by its NUL pattern', async () => {
    const { decoding, text } = await decodeFile(Buffer.from('score\tteam\n9\tÅrhus\n', 'utf16le'));
    expect(decoding).toMatchObject({ encoding: 'utf-16le', reason: 'utf-16 pattern' });
    expect(text).toBe('score\tteam\n9\tÅrhus\n');
  });

  it('--encoding wins and accepts common aliases', async () => {
    expect(parseEncodingOption('latin1')).toBe('windows-1252');
    expect(parseEncodingOption('UTF8')).toBe('utf-8');
    expect(() => parseEncodingOption('klingon')).toThrow(/not an encoding/);
    const { decoding, text } = await decodeFile(Buffer.from('a,å\n', 'utf-8'), 'windows-1252');
    expect(decoding.reason).toBe('given');
    expect(text).toBe('a,Ã¥\n');
  });

});

describe('validPrefix: where UTF-8 stops being valid (issue 14, item 17)', () => {
  /** The reference: the longest prefix that Node's own check calls UTF-8 (a different implementation). */
  const longestValid = (bytes: Buffer): number => {
    for (let length = bytes.length; length > 0; length--) if (isUtf8(bytes.subarray(0, length))) return length;
    return 0;
  };

  it('agrees with Buffer.isUtf8 on 20,000 seeded random byte strings of mixed text', () => {
    const random = seededRandom(14017);
    // Mostly valid pieces (ASCII, é, €, 😀), now and then a byte that may break them.
    const pieces = [Buffer.from('a'), Buffer.from('é'), Buffer.from('€'), Buffer.from('😀'), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xf4, 0x90]), Buffer.from([0xc0]), Buffer.from([0xe0, 0x80])];
    for (let n = 0; n < 20_000; n++) {
      const parts: Buffer[] = [];
      const count = 1 + Math.floor(random() * 12);
      for (let k = 0; k < count; k++) {
        parts.push(random() < 0.85 ? (pieces[Math.floor(random() * 4)] as Buffer) : random() < 0.5 ? (pieces[4 + Math.floor(random() * 4)] as Buffer) : Buffer.from([Math.floor(random() * 256)]));
      }
      const bytes = Buffer.concat(parts);
      expect(validPrefix(bytes)).toBe(longestValid(bytes));
    }
  });

  it('a check in chunks names the first bad byte, whatever the chunk it falls in', () => {
    const text = Buffer.concat([Buffer.from('x'.repeat(200_000)), Buffer.from('Malm'), Buffer.from([0xf6]), Buffer.from('\n')]);
    const check = new Utf8Check();
    let failed = false;
    for (let at = 0; at < text.length && !failed; at += 65_536) failed = !check.push(text.subarray(at, at + 65_536));
    expect(failed).toBe(true);
    // It said 196,608 (three whole chunks) before.
    expect(check.valid).toBe(200_004);
  });
});
