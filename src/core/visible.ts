// Text from the file, made safe to print on a terminal. A group name, a list cell or a comment
// may hold ESC[2J (clear the screen), OSC 0 (set the window title), OSC 8 (a hidden link), a CR
// that writes over what came before, or a bidi override that reverses what follows: in tables
// and Markdown these show as escapes (\u001b), as JSON.stringify shows them on stderr. JSON
// and CSV keep the text as it is (JSON escapes C0 itself; CSV is data, round-tripped).

/** C0 controls but LF, DEL, C1 controls (8-bit CSI and OSC among them), and the bidi controls. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /\r\n|[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

const shown = (character: string): string => {
  if (character === '\r\n') return '\n'; // a Windows line break is a line break
  if (character === '\t') return '\\t';
  if (character === '\r') return '\\r';
  return `\\u${character.charCodeAt(0).toString(16).padStart(4, '0')}`;
};

export function visibleText(text: string): string {
  return text.replace(UNSAFE, shown);
}

/** The method by which an object that is not plain data gives its copy with every string made visible. */
export const VISIBLE_COPY = Symbol('visible copy');

/**
 * The same value with every string in it made visible: plain objects and arrays are copied, an
 * object with a VISIBLE_COPY method gives its own copy, anything else (numbers, functions such as
 * a chalk instance, other class instances) is kept as it is.
 */
export function visible<T>(value: T): T {
  if (typeof value === 'string') return visibleText(value) as T;
  if (Array.isArray(value)) return value.map(visible) as T;
  if (value !== null && typeof value === 'object') {
    const copy = (value as { [VISIBLE_COPY]?: () => T })[VISIBLE_COPY];
    if (typeof copy === 'function') return copy.call(value);
    const proto = Object.getPrototypeOf(value) as unknown;
    if (proto !== Object.prototype && proto !== null) return value;
    // Field by field (a table of 146,000 groups made visible in about half the time of
    // Object.fromEntries: BENCHMARKS.md, issue 17, seventeenth session); a key named __proto__
    // defined as an own field, as fromEntries would, not set as the copy's prototype.
    const fields: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      const item = visible((value as Record<string, unknown>)[key]);
      if (key === '__proto__') Object.defineProperty(fields, key, { value: item, enumerable: true, writable: true, configurable: true });
      else fields[key] = item;
    }
    return fields as T;
  }
  return value;
}
