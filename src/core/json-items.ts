// Items of a JSON array written a run at a time, the same text as the whole array written at
// once: score's groups (render/json.ts) and list's rows, each made on the thread that reads it
// (core/list-row.ts).

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
