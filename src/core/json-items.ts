// Items of a JSON array written a run at a time, the same text as the whole array written at
// once: score's and trend's groups and drivers' groups (render/json.ts, render/drivers.ts), and
// list's rows, each made on the thread that reads it (core/list-row.ts).

const ITEMS_OPEN = '{\n  "items": [';
const ITEMS_CLOSE = '\n  ]\n}';

/**
 * Items of a JSON array as `JSON.stringify(…, null, 2)` writes them where the array stands at
 * `depth` (1: the document is the array; 2: the array is a field of the document's object):
 * each item after a line break and its indent, the items apart by ","; '' for none. Written a
 * run at a time, a large array is the same text as written whole.
 */
export function jsonItems(items: readonly unknown[], depth: 1 | 2): string {
  if (items.length === 0) return '';
  if (depth === 1) return JSON.stringify(items, null, 2).slice(1, -2);
  return JSON.stringify({ items }, null, 2).slice(ITEMS_OPEN.length, -ITEMS_CLOSE.length);
}

/**
 * The document `JSON.stringify(shape, null, 2)` and a line break, in pieces, where the array
 * `shape[field]` has `count` items that `itemsOf(from, to)` makes a run at a time (`shape[field]`
 * itself is not read): the fields before it, its items `perPiece` at a time, the fields after.
 * Byte for byte the text written whole; the items are never all made at once, nor one string.
 */
export function* documentPieces(
  shape: Readonly<Record<string, unknown>>,
  field: string,
  count: number,
  itemsOf: (from: number, to: number) => readonly unknown[],
  perPiece: number,
): Generator<string> {
  const names = Object.keys(shape);
  const at = names.indexOf(field);
  if (at < 0) throw new Error(`documentPieces: no field ${field}`);
  // The lines inside the braces of an object of some of the fields: '  "name": value,\n  …'
  // (none for a field JSON leaves out, undefined).
  const inner = (keys: string[]): string[] => {
    const written = keys.filter((key) => shape[key] !== undefined);
    return written.length === 0 ? [] : [JSON.stringify(Object.fromEntries(written.map((key) => [key, shape[key]])), null, 2).slice(2, -2)];
  };
  const [before, after] = [inner(names.slice(0, at)), inner(names.slice(at + 1))];
  const name = `  ${JSON.stringify(field)}: [`;
  if (count === 0) {
    yield `{\n${[...before, `${name}]`, ...after].join(',\n')}\n}\n`;
    return;
  }
  yield `{\n${[...before, name].join(',\n')}`;
  for (let from = 0; from < count; from += perPiece) yield `${from === 0 ? '' : ','}${jsonItems(itemsOf(from, Math.min(count, from + perPiece)), 2)}`;
  yield `\n  ]${after.map((lines) => `,\n${lines}`).join('')}\n}\n`;
}
