// Exactly one JSON document, numbers unrounded.

import { toJsonShape, type ScoreReport } from '../core/report.js';
import { jsonItems } from '../core/json-items.js';

export function renderJson(report: ScoreReport): string {
  return [...jsonPieces(report)].join('');
}

/**
 * Groups in a piece of the document, written before the next is made. A piece stays under V8's
 * large-object size (128 KB; about 850 bytes a group), so its text is freed young; pieces of
 * 2,000 groups (1.7 MB each) were freed only by full collections, and at 438,000 groups the run
 * peaked 100-250 MB higher (BENCHMARKS.md).
 */
const GROUPS_PER_PIECE = 100;

/**
 * The document `JSON.stringify(toJsonShape(report), null, 2)` and a line break, in pieces: the
 * fields before the groups, then the groups a few thousand at a time, then the fields after.
 * Hundreds of thousands of groups are never one string, nor their JSON shapes all at once.
 * Byte for byte the same text (jsonItems).
 */
export function* jsonPieces(report: ScoreReport, groupsPerPiece = GROUPS_PER_PIECE): Generator<string> {
  const shape = toJsonShape({ ...report, groups: [] }) as Record<string, unknown>;
  const names = Object.keys(shape);
  const at = names.indexOf('groups');
  // The lines inside the braces of an object of some of the fields: '  "name": value,\n  …'.
  const inner = (keys: string[]): string[] => (keys.length === 0 ? [] : [JSON.stringify(Object.fromEntries(keys.map((key) => [key, shape[key]])), null, 2).slice(2, -2)]);
  const [before, after] = [inner(names.slice(0, at)), inner(names.slice(at + 1))];
  if (report.groups.length === 0) {
    yield `{\n${[...before, '  "groups": []', ...after].join(',\n')}\n}\n`;
    return;
  }
  yield `{\n${[...before, '  "groups": ['].join(',\n')}`;
  for (let from = 0; from < report.groups.length; from += groupsPerPiece) {
    const { groups } = toJsonShape({ ...report, groups: report.groups.slice(from, from + groupsPerPiece) }) as { groups: unknown[] };
    yield `${from === 0 ? '' : ','}${jsonItems(groups, 2)}`;
  }
  yield `\n  ]${after.map((lines) => `,\n${lines}`).join('')}\n}\n`;
}
