// A cell's text as the mapping reads it: without surrounding white space or NUL bytes
// (a stray NUL from a broken export must change nothing).

export function cellText(cell: string | undefined): string {
  const text = cell ?? '';
  return (text.includes('\u0000') ? text.replaceAll('\u0000', '') : text).trim();
}
