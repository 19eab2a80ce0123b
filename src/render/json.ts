// Exactly one JSON document, numbers unrounded.

import { toJsonShape, type ScoreReport } from '../core/report.js';
import { documentPieces } from '../core/json-items.js';

export function renderJson(report: ScoreReport): string {
  return [...jsonPieces(report)].join('');
}

/**
 * Groups in a piece of the document, written before the next is made. A piece stays under V8's
 * large-object size (128 KB; about 850 bytes a group), so its text is freed young; pieces of
 * 2,000 groups (1.7 MB each) were freed only by full collections, and at 438,000 groups the run
 * peaked 100-250 MB higher (BENCHMARKS.md).
 */
export const GROUPS_PER_PIECE = 100;

/**
 * The document `JSON.stringify(toJsonShape(report), null, 2)` and a line break, in pieces: the
 * fields before the groups, then the groups a hundred at a time, then the fields after.
 * Hundreds of thousands of groups are never one string, nor their JSON shapes all at once.
 * Byte for byte the same text (documentPieces).
 */
export function jsonPieces(report: ScoreReport, groupsPerPiece = GROUPS_PER_PIECE): Generator<string> {
  const shape = toJsonShape({ ...report, groups: [] }) as Record<string, unknown>;
  const groupsOf = (from: number, to: number): unknown[] => (toJsonShape({ ...report, groups: report.groups.slice(from, to) }) as { groups: unknown[] }).groups;
  return documentPieces(shape, 'groups', report.groups.length, groupsOf, groupsPerPiece);
}
