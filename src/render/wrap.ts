// Lines of prose and legends wrapped to the terminal's width: between words or whole entries,
// never inside one (a terminal wraps mid-word, and a legend entry cut in two reads as two).

// eslint-disable-next-line no-control-regex -- the colour codes our painters write are what is taken out
const COLOR_CODE = /\u001b\[[0-9;]*m/g;

/** A text without its colour codes. */
export const withoutColor = (text: string): string => text.replace(COLOR_CODE, '');

/** Visible width of a text that may carry colour codes (code points; our prose has no wide characters). */
export const plainWidth = (text: string): number => [...withoutColor(text)].length;

/** Entries joined with three spaces, a line broken before an entry that would pass the width. */
export function wrapEntries(entries: readonly string[], width: number): string {
  return wrapped(entries, width, '   ', '');
}

/** A line of prose broken between words to the width; continuation lines indented by `indent`. */
export function wrapWords(text: string, width: number, indent = ''): string {
  return wrapped(text.split(' '), width, ' ', indent);
}

function wrapped(pieces: readonly string[], width: number, gap: string, indent: string): string {
  const lines: string[] = [];
  let line = '';
  for (const piece of pieces) {
    if (line !== '' && line !== indent && plainWidth(line) + gap.length + plainWidth(piece) > width) {
      lines.push(line);
      line = indent;
    }
    line += line === '' || line === indent ? piece : `${gap}${piece}`;
  }
  if (line !== '') lines.push(line);
  return lines.map((l) => `${l}\n`).join('');
}

/**
 * A renderer's text with each line wider than `width` broken between words (tables and charts
 * are fitted before: they are never wider). None: the text as it is (a pipe, a file).
 */
export function fitProse(text: string, width: number | undefined): string {
  if (width === undefined) return text;
  return text
    .split('\n')
    .map((line) => (plainWidth(line) <= width ? line : wrapWords(line, width, /^\s*/.exec(line)?.[0] ?? '').replace(/\n$/, '')))
    .join('\n');
}
