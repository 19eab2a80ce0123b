// Types of bench/cases.mjs, for the test that keeps its cases honest (test/e2e/bench.test.ts).
export interface BenchCase {
  name: string;
  /** The export is given on standard input: the file itself (`- < file`), or through a pipe (`cat file | …`). */
  stdin?: 'file' | 'pipe';
  /** Run on an export of this many rows (bench/out/N.csv) instead of the one measured. */
  rows?: number;
  nps: (file: string) => string[];
  sql: (file: string, scratch: string) => string;
  /**
   * Groups by the hundred thousand, written one by one: bench/floor.mjs measures what the case
   * cannot go below, counting by this key (bench/floor-count.mjs).
   */
  manyGroups?: 'agent,day' | 'agent,segment,day';
  /** The query writes its rows to the scratch file: its answer comes from the lines written (`duckAnswer`'s `written`). */
  writesRows?: true;
  npsAnswer: (stdout: string) => unknown;
  duckAnswer: (rows: unknown[][], written?: string[]) => unknown;
  /** How the two answers are compared, when not as the same JSON. */
  agree?: (mine: never, theirs: never) => boolean;
}
export const CASES: BenchCase[];
export function source(file: string): string;
export function duckAnswerOf(bench: BenchCase, rows: unknown[][], scratch: string): unknown;
export function canonical(value: unknown): string;
export function agrees(bench: BenchCase, mine: unknown, theirs: unknown): boolean;
