// Inputs that once hung, took unbounded memory, or gave a wrong number or message (issue 14,
// items 8–13, 15–17), run in-process with a fake Io unless only a process shows the fault.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { NpsError } from '../../src/errors.js';
import { fakeIo } from '../support/fake-io.js';
import { nps } from '../e2e/run-nps.js';

const dir = mkdtempSync(join(tmpdir(), 'nps-hostile-'));
const save = (name: string, bytes: string | Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

/** The error a run ends with (a test fails when it ends without one). */
async function failure(args: string[], env: Record<string, string> = {}): Promise<NpsError> {
  const error = await runCli(args, fakeIo(env)).then(
    () => undefined,
    (caught: unknown) => caught,
  );
  expect(error).toBeInstanceOf(NpsError);
  return error as NpsError;
}

describe('a record of millions of fields (item 8)', () => {
  it('a 5,000,000-column header is refused at 100,000 fields, naming the row and the delimiter', async () => {
    // 10 MB of header: it once took 608 MB to hold as fields.
    const path = save('wide-header.csv', `score,${'x,'.repeat(5_000_000)}\n9\n`);
    const error = await failure(['score', path]);
    expect(error.message).toBe(`${path}: row 1 (line 1) has more than 100,000 fields; refused`);
    expect(error.hint).toContain('--delimiter');
    expect(error.kind).toBe('input');
  });

  it('a data row of 200,000 fields in a part counted on a thread says the same (the built CLI: threads)', async () => {
    const rows = Array.from({ length: 2000 }, (_, i) => `${i},${i % 11}`);
    rows[1500] = `1500,${'9,'.repeat(200_000)}`;
    const path = save('wide-row.csv', `id,score\n${rows.join('\n')}\n`);
    const run = await nps(['score', path], { env: { NPS_PARALLEL_BYTES: '0', NPS_PART_BYTES: '20000' } });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain(`${path}: row 1502 (line 1502) has more than 100,000 fields; refused`);
  });
});
