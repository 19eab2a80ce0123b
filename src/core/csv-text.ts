// CSV text: one field, one record (RFC 4180), with the guard against text a spreadsheet would
// run as a formula. Shared by the renderers and by what list gathers on the counting threads
// (its rows are written as CSV where they are read).

/** Text a spreadsheet would run as a formula: a first character of = + - @, tab or CR (the OWASP rule). */
const FORMULA_START = /^[=+\-@\t\r]/;
/** A plain number such as -3 or +0.5: read as a number, never run, so never changed. */
const PLAIN_NUMBER = /^[+-]?(?:\d+(?:[.,]\d*)?|[.,]\d+)(?:[eE][+-]?\d+)?$/;

/**
 * One CSV field. Text that a spreadsheet would run as a formula (a customer comment or group name
 * such as =HYPERLINK(…), +cmd|'/C calc'!A0 or @SUM(1+1)) gets a leading ' so that it shows as
 * text, unless `raw`; numbers are never changed. RFC 4180 quoting: only when a field holds a
 * comma, a quote, a line break or edge spaces.
 */
export function csvField(value: string | number | null, raw = false): string {
  let text = value === null ? '' : String(value);
  if (!raw && typeof value === 'string' && FORMULA_START.test(text) && !PLAIN_NUMBER.test(text)) text = `'${text}`;
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * Whether bytes[start … end) (a plain field) are written by csvField of their decoded text as
 * they are: printable ASCII with no quote, comma or white space at an end to quote, and, unless
 * `raw`, no first character a spreadsheet would run (FORMULA_START): csvField's rules, on bytes.
 */
export function isOwnCsvField(bytes: Uint8Array, start: number, end: number, raw: boolean): boolean {
  if (start === end) return true;
  const first = bytes[start] as number;
  if (first === 0x20 || bytes[end - 1] === 0x20) return false;
  if (!raw && (first === 0x3d || first === 0x2b || first === 0x2d || first === 0x40)) return false;
  for (let i = start; i < end; i++) {
    const byte = bytes[i] as number;
    if (byte < 0x20 || byte > 0x7e || byte === 0x22 || byte === 0x2c) return false;
  }
  return true;
}

/** One CSV record, CRLF-ended; text cells guarded against formulas unless `raw` (see csvField). */
export function csvLine(values: (string | number | null)[], raw = false): string {
  return values.map((value) => csvField(value, raw)).join(',') + '\r\n';
}
