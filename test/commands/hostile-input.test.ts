// Inputs that once hung, took unbounded memory, or gave a wrong number or message (issue 14,
// items 8–13, 15–17), run in-process with a fake Io unless only a process shows the fault.

import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { NpsError } from '../../src/errors.js';
import { fakeIo } from '../support/fake-io.js';
import { workbook } from '../support/zip.js';
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

describe('pipes and devices given as paths (item 9)', () => {
  /** A FIFO at a fresh path (its writer opens it in the test). */
  function fifo(name: string): string {
    const path = join(dir, name);
    execFileSync('mkfifo', [path]);
    return path;
  }
  const header = 'id,score,comment\n';
  const rows = (n: number, from = 0): string => Array.from({ length: n }, (_, i) => `${from + i},${(from + i) % 11},${'c'.repeat(40)}\n`).join('');

  it('a FIFO is streamed: a bad row early ends the run while the writer still holds the pipe open', async () => {
    // Read whole (as it was: its size is 0, so one readFileSync), the run waited for an end that never came.
    const path = fifo('open.csv');
    const writer = createWriteStream(path).on('error', () => undefined);
    writer.write(header + rows(2000) + '2000,eleven,x\n' + rows(2000, 2001));
    try {
      const error = await failure(['score', path, '--strict']);
      expect(error.message).toBe(`${path}: row 2002 has an invalid score in column "score": "eleven" (--strict)`);
    } finally {
      writer.destroy();
    }
  }, 20_000);

  it('a FIFO gives the same answer as the file, once', async () => {
    const text = header + rows(5000);
    const path = fifo('whole.csv');
    const writer = createWriteStream(path);
    writer.end(text);
    const io = fakeIo();
    const out = await runCli(['score', path, '--format', 'json'], io);
    // 5,000 scores 0–10 in turn: 454 × 11 + 6 (0–5): promoters 2 × 454, detractors 7 × 454 + 6.
    expect(JSON.parse(out.stdout).overall).toMatchObject({ responses: 5000, promoters: 908, passives: 908, detractors: 3184 });
  });

  it('several metrics from a FIFO: refused, as from standard input (a second read would wait for ever)', async () => {
    const path = fifo('twice.csv');
    const writer = createWriteStream(path).on('error', () => undefined);
    try {
      const error = await failure(['score', path, '--metric', 'nps,csat']);
      expect(error.message).toBe(`several metrics (nps,csat) read the export once each, and ${path} (a pipe) can be read once`);
    } finally {
      writer.destroy();
    }
  });

  it('a workbook through a FIFO is read from memory, as from standard input', async () => {
    const path = fifo('book.xlsx');
    const book = workbook('<row r="1"><c r="A1" t="inlineStr"><is><t>NPS</t></is></c></row><row r="2"><c r="A2"><v>10</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>');
    createWriteStream(path).end(book);
    const out = await runCli(['score', path, '--format', 'json'], fakeIo());
    expect(JSON.parse(out.stdout).overall).toMatchObject({ responses: 2, promoters: 1, detractors: 1 });
  });

  it.each(['/dev/zero', '/dev/null'])('%s, a character device, is refused at once', async (device) => {
    // /dev/zero grew without end.
    const error = await failure(['score', device]);
    expect(error.message).toBe(`${device}: is a device, not a survey export`);
  });
});
