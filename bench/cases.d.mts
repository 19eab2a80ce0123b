// Types of bench/cases.mjs, for the test that keeps its cases honest (test/e2e/bench.test.ts).
export interface BenchCase {
  name: string;
  /** The export is given on standard input. */
  stdin?: boolean;
  nps: (file: string) => string[];
  sql: (file: string, scratch: string) => string;
  after?: (scratch: string, readLines: (path: string) => number) => number;
  npsAnswer: (stdout: string) => unknown;
  duckAnswer: (rows: unknown[][], counted?: number) => unknown;
}
export const CASES: BenchCase[];
export function source(file: string): string;
