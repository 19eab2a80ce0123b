// Bytes → text for delimited files: the encoding is sniffed (or given) once, then decoding
// streams. A file that looks like UTF-8 in its head is checked to the end before we trust it:
// ahead, in a read of its own, or (`utf8Check: 'while reading'`) by the reader as it reads,
// which then throws NotUtf8 at the first bad byte, and the caller reads it again as
// Windows-1252 (`utf8Check: 'failed'`): the same answer as checking ahead, without reading a
// large file twice.

import { isUtf8 } from 'node:buffer';
import { usageError } from '../core/errors.js';
import type { ByteInput } from './input.js';
import { sniffEncoding, type TextEncoding } from './sniff.js';
import { singleByteDecoder } from './windows-1252.js';

export interface Decoding {
  /** WHATWG encoding name, e.g. "utf-8", "utf-16le", "windows-1252". */
  encoding: string;
  bom: boolean;
  /** How it was decided, for `nps inspect`. */
  reason: 'given' | 'bom' | 'valid utf-8' | 'not valid utf-8' | 'utf-16 pattern';
  /** UTF-8 judged from the head only: the reader checks the rest (see above). */
  unverified?: boolean;
}

/** How a file that is UTF-8 in its head is checked to its end; see the top of this file. */
export type Utf8Checking = 'ahead' | 'while reading' | 'failed';

/** Thrown by a reader that found a byte that is not UTF-8 in a file judged UTF-8 from its head. */
export class NotUtf8 extends Error {
  constructor() {
    super('the file is not UTF-8 after all');
  }
}

const ALIASES: Record<string, string> = { latin1: 'windows-1252', 'latin-1': 'windows-1252', cp1252: 'windows-1252', utf8: 'utf-8', utf16le: 'utf-16le', utf16be: 'utf-16be' };

/** An --encoding value as a WHATWG encoding name, or a usage error. */
/** Whether --encoding (or input.encoding in the config) names an encoding this tool reads. */
export function isKnownEncoding(value: string): boolean {
  try {
    new TextDecoder(ALIASES[value.toLowerCase()] ?? value);
    return true;
  } catch {
    return false;
  }
}

export function parseEncodingOption(value: string): string {
  if (!isKnownEncoding(value)) {
    throw usageError(`--encoding ${JSON.stringify(value)} is not an encoding this tool knows`, 'Use utf-8, utf-16le, utf-16be, windows-1252 (latin1) or another WHATWG encoding label.');
  }
  return new TextDecoder(ALIASES[value.toLowerCase()] ?? value).encoding;
}

/** The longest prefix that ends on a whole UTF-8 character, and the cut-off rest. */
function splitAtCharacter(bytes: Buffer): [Buffer, Buffer] {
  for (let i = bytes.length - 1; i >= Math.max(0, bytes.length - 4); i--) {
    const byte = bytes[i] ?? 0;
    if ((byte & 0xc0) === 0x80) continue;
    const length = byte >= 0xf0 ? 4 : byte >= 0xe0 ? 3 : byte >= 0xc0 ? 2 : 1;
    return bytes.length - i < length ? [bytes.subarray(0, i), bytes.subarray(i)] : [bytes, Buffer.alloc(0)];
  }
  return [bytes, Buffer.alloc(0)];
}

/**
 * Checks UTF-8 chunk by chunk: a character cut at a chunk's end waits for the next one.
 * `push` says whether everything so far is valid; `end` whether nothing was left unfinished.
 */
/**
 * How many bytes at the start are well-formed UTF-8 (Unicode's table 3-7): the offset of the
 * first byte that is not. Only on the error path, to name that byte.
 */
export function validPrefix(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const lead = bytes[i] as number;
    if (lead < 0x80) {
      i++;
      continue;
    }
    // The length of the sequence and the range of its second byte, by the lead byte.
    let length: number;
    let low = 0x80;
    let high = 0xbf;
    if (lead >= 0xc2 && lead <= 0xdf) length = 2;
    else if (lead >= 0xe0 && lead <= 0xef) {
      length = 3;
      if (lead === 0xe0) low = 0xa0;
      if (lead === 0xed) high = 0x9f;
    } else if (lead >= 0xf0 && lead <= 0xf4) {
      length = 4;
      if (lead === 0xf0) low = 0x90;
      if (lead === 0xf4) high = 0x8f;
    } else return i;
    if (i + length > bytes.length) return i;
    const second = bytes[i + 1] as number;
    if (second < low || second > high) return i;
    for (let k = 2; k < length; k++) {
      const next = bytes[i + k] as number;
      if (next < 0x80 || next > 0xbf) return i;
    }
    i += length;
  }
  return i;
}

export class Utf8Check {
  private carry = Buffer.alloc(0);
  /** Bytes checked and found valid so far. */
  valid = 0;

  /** False at the first chunk that is not UTF-8; `valid` then counts the bytes before the bad one. */
  push(chunk: Buffer): boolean {
    const bytes = this.carry.length ? Buffer.concat([this.carry, chunk]) : chunk;
    const [whole, rest] = splitAtCharacter(bytes);
    if (!isUtf8(whole)) {
      this.valid += validPrefix(bytes);
      return false;
    }
    this.valid += whole.length;
    this.carry = Buffer.from(rest);
    return true;
  }

  end(): boolean {
    return this.carry.length === 0;
  }
}

/** Whether a whole input is valid UTF-8, read again in chunks (never held in memory). */
async function allUtf8(bytes: AsyncIterable<Buffer>, checked?: (bytes: number) => void): Promise<boolean> {
  const check = new Utf8Check();
  let done = 0;
  for await (const chunk of bytes) {
    if (!check.push(chunk)) return false;
    done += chunk.length;
    checked?.(done);
  }
  return check.end();
}

/** How many bytes at the end of a head may be a UTF-8 character cut off by the read (0–3). */
function trailingCut(head: Buffer): number {
  for (let cut = 0; cut <= Math.min(3, head.length); cut++) if (isUtf8(head.subarray(0, head.length - cut))) return cut;
  return 0;
}

/** UTF-16 without a BOM: NUL bytes on every other position (ASCII text in 16-bit units). */
function utf16Pattern(head: Buffer): 'utf-16le' | 'utf-16be' | null {
  const sample = head.subarray(0, 4096);
  let evenZeros = 0;
  let oddZeros = 0;
  for (let i = 0; i + 1 < sample.length; i += 2) {
    if (sample[i] === 0) evenZeros++;
    if (sample[i + 1] === 0) oddZeros++;
  }
  const pairs = Math.floor(sample.length / 2);
  if (pairs < 4) return null;
  if (oddZeros / pairs > 0.4 && evenZeros / pairs < 0.05) return 'utf-16le';
  if (evenZeros / pairs > 0.4 && oddZeros / pairs < 0.05) return 'utf-16be';
  return null;
}

export async function chooseDecoding(input: ByteInput, given: string | undefined, check: Utf8Checking = 'ahead', onCheck?: (bytes: number, size: number | null) => void): Promise<Decoding> {
  const sniffed: TextEncoding = sniffEncoding(input.head);
  const [a, b, c] = input.head;
  const bom = (a === 0xef && b === 0xbb && c === 0xbf) || (a === 0xff && b === 0xfe) || (a === 0xfe && b === 0xff);
  if (given !== undefined) return { encoding: given, bom, reason: 'given' };
  // A UTF-16 BOM settles it. A UTF-8 BOM says what the writer meant, not what the bytes are (a
  // file pasted together from two exports): it is checked like any other file, below.
  if (bom && sniffed !== 'utf-8') return { encoding: sniffed, bom, reason: 'bom' };
  const sixteen = bom ? null : utf16Pattern(input.head);
  if (sixteen) return { encoding: sixteen, bom: false, reason: 'utf-16 pattern' };
  const utf8Head = !bom || isUtf8(input.head.subarray(3, input.head.length - trailingCut(input.head)));
  if (sniffed === 'windows-1252' || !utf8Head) return { encoding: 'windows-1252', bom, reason: 'not valid utf-8' };
  // The head is valid UTF-8; a file is checked to its end, so a Latin-1 byte at row 90,000 is not
  // decoded as U+FFFD. Standard input cannot be read twice: the decoder below is strict instead.
  if (input.reread !== null && input.complete === false) {
    if (check === 'while reading') return { encoding: 'utf-8', bom, reason: bom ? 'bom' : 'valid utf-8', unverified: true };
    if (check === 'failed' || !(await allUtf8(input.reread(), onCheck && ((bytes) => onCheck(bytes, input.size))))) return { encoding: 'windows-1252', bom, reason: 'not valid utf-8' };
  }
  return { encoding: 'utf-8', bom, reason: bom ? 'bom' : 'valid utf-8' };
}

/** The head as text, cut after its last line break (the head may end inside a record). */
export function headLines(input: ByteInput, decoding: Decoding): string {
  const text = decoding.encoding.startsWith('utf-') ? new TextDecoder(decoding.encoding).decode(input.head) : singleByteDecoder(decoding.encoding)(input.head);
  const lastNewline = text.lastIndexOf('\n');
  return lastNewline > 0 ? text.slice(0, lastNewline + 1) : text;
}
