// Guesses made from the first bytes of a text file: encoding, binary content, delimiter.

export type TextEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** BOM first; then UTF-8 if the bytes are valid UTF-8; else Windows-1252 (a superset of Latin-1's letters). */
export function sniffEncoding(head: Uint8Array): TextEncoding {
  if (head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf) return 'utf-8';
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  // A multi-byte character may be cut at the end of the head: drop up to 3 trailing bytes.
  for (let cut = 0; cut <= Math.min(3, head.length); cut++) {
    try {
      new TextDecoder('utf-8', { fatal: true }).decode(head.subarray(0, head.length - cut));
      return 'utf-8';
    } catch {
      // try a shorter slice
    }
  }
  return 'windows-1252';
}

/**
 * True when the bytes are not text: many control characters other than tab, CR, LF and
 * form feed. A stray NUL in a field is not enough.
 */
export function looksBinary(head: Uint8Array): boolean {
  // The first 64 KiB decide (the head may be a larger first read).
  const length = Math.min(head.length, 1 << 16);
  if (length === 0) return false;
  let control = 0;
  for (let i = 0; i < length; i++) {
    const byte = head[i] as number;
    if (byte < 0x20 && byte !== 0x09 && byte !== 0x0a && byte !== 0x0d && byte !== 0x0c) control++;
  }
  return control > 8 && control / length > 0.05;
}

/**
 * The delimiter among , ; TAB | that splits the first lines into the same, largest number of
 * fields. Counts only outside double quotes. Falls back to a comma (a one-column file).
 */
export function sniffDelimiter(text: string): string {
  const lines: Map<string, number>[] = [];
  let counts = new Map<string, number>();
  let inQuotes = false;
  for (let i = 0; i < text.length && lines.length < 50; i++) {
    const ch = text[i] ?? '';
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === '\n') {
      lines.push(counts);
      counts = new Map();
    } else if (!inQuotes && (DELIMITERS as readonly string[]).includes(ch)) {
      counts.set(ch, (counts.get(ch) ?? 0) + 1);
    }
  }
  // The last, unterminated line counts only when the text holds everything (no line yet).
  if (lines.length === 0) lines.push(counts);
  let best = { delimiter: ',', consistent: 0, fields: 0 };
  for (const delimiter of DELIMITERS) {
    const perLine = lines.map((line) => line.get(delimiter) ?? 0);
    const header = perLine[0] ?? 0;
    if (header === 0) continue;
    const consistent = perLine.filter((n) => n === header).length / perLine.length;
    if (consistent > best.consistent || (consistent === best.consistent && header > best.fields)) {
      best = { delimiter, consistent, fields: header };
    }
  }
  return best.delimiter;
}
