import { Readable } from 'node:stream';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { chooseDecoding, parseEncodingOption } from '../../src/sources/decode.js';
import { HEAD_BYTES, openInput } from '../../src/sources/input.js';

async function decodeFile(bytes: Buffer, given?: string) {
  const dir = await mkdtemp('/tmp/nps-decode-');
  await writeFile(`${dir}/f.csv`, bytes);
  const input = await openInput(`${dir}/f.csv`, () => Readable.from([]));
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
