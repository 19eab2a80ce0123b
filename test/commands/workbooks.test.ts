// Workbooks that once gave a wrong number or a wrong message (issue 14, items 4–6, 9, 14), run
// in-process. Every XLSX goes through the one streaming reader now, so there is no second reader
// to disagree with; a row or cell it cannot take at face value is read and said, never dropped.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { NpsError } from '../../src/core/errors.js';
import { compoundFile, workbook, workbookParts, zip, zip64 } from '../support/zip.js';
import { fakeIo, stdoutOf } from '../support/fake-io.js';

const dir = mkdtempSync(join(tmpdir(), 'nps-workbooks-'));
const save = (name: string, bytes: Buffer): string => {
  const path = join(dir, name);
  writeFileSync(path, bytes);
  return path;
};

/** A row of numbers (or inline strings) in columns A, B, C … */
const row = (n: number | string, cells: (number | string)[]): string =>
  `<row r="${n}">${cells.map((c, i) => `<c r="${String.fromCharCode(65 + i)}${n}"${typeof c === 'number' ? `><v>${c}</v>` : ` t="inlineStr"><is><t>${c}</t></is>`}</c>`).join('')}</row>`;

/** Header id, channel, NPS and rows 2 … n + 1 with scores 0–10 in turn. */
const answers = (n: number, from = 2): string => Array.from({ length: n }, (_, i) => row(from + i, [i + 1, i % 2 ? 'web' : 'phone', i % 11])).join('');

async function score(path: string, ...flags: string[]): Promise<{ json: { overall: { responses: number }; skipped: Record<string, number>; groups: { key: Record<string, string>; responses: number }[] }; warnings: string[] }> {
  const io = fakeIo();
  const out = await runCli(['score', path, '--format', 'json', ...flags], io);
  return { json: JSON.parse(await stdoutOf(out)), warnings: io.warnings };
}

describe('rows whose number is repeated, 0 or past the sheet (item 4)', () => {
  it.each([
    ['twice r="39"', `${row(39, [99, 'web', 10])}`],
    ['r="0"', `${row(0, [99, 'web', 10])}`],
    ['r="4294967296"', `${row(4294967296, [99, 'web', 10])}`],
  ])('%s: read where it stands, numbered after the row before, and said on stderr', async (_name, extra) => {
    // 38 answers in rows 2–39, then the odd row: 39 answers, none dropped (SheetJS kept 38).
    const path = save(`rows-${_name.replace(/\W/g, '')}.xlsx`, workbook(row(1, ['id', 'channel', 'NPS']) + answers(38) + extra));
    const { json, warnings } = await score(path);
    expect(json.overall.responses).toBe(39);
    expect(json.skipped.total).toBe(0);
    expect(warnings.join('\n')).toContain('1 row carry a row number that does not follow the row before');
  });
});

describe('the sheet with the answers, when no sheet says its size (item 5)', () => {
  it('a "Summary" of 10 answers before the "Data" of 498, neither with a <dimension>: Data', async () => {
    const parts = workbookParts([
      { name: 'Summary', rows: row(1, ['id', 'channel', 'NPS']) + answers(10) },
      { name: 'Data', rows: row(1, ['id', 'channel', 'NPS']) + answers(498) },
    ]);
    const { json, warnings } = await score(save('no-dimension.xlsx', zip(parts)));
    expect(json.overall.responses).toBe(498);
    expect(warnings.join('\n')).toContain('"Data"');
  });
});

describe('a shared string index that is not there (item 6)', () => {
  it.each([['3 (the count)', '3'], ['-1', '-1'], ['"abc"', 'abc'], ['999999', '999999']])('%s: the cell is read as invalid, with the reason, and said', async (_name, index) => {
    // Shared strings: 0 id, 1 channel, 2 NPS. Row 5's score cell names a string that is not there.
    const rows = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row>${answers(3)}<row r="5"><c r="A5"><v>4</v></c><c r="B5" t="inlineStr"><is><t>web</t></is></c><c r="C5" t="s"><v>${index}</v></c></row>`;
    const path = save(`shared-${index}.xlsx`, zip(workbookParts([{ name: 'Data', rows }], ['id', 'channel', 'NPS'])));
    const { json, warnings } = await score(path);
    expect(json.overall.responses).toBe(3);
    expect(json.skipped.invalid).toBe(1);
    expect(warnings.join('\n')).toContain(`1 cell name a shared string the workbook does not have (index ${JSON.stringify(index)})`);
  });

  it('a group name from a missing shared string is a visible group, not a blank one', async () => {
    const rows = `<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>7</v></c><c r="C2"><v>10</v></c></row>`;
    const { json } = await score(save('shared-group.xlsx', zip(workbookParts([{ name: 'Data', rows }], ['id', 'channel', 'NPS']))), '--by', 'channel');
    expect(json.groups.map((g) => g.key.channel)).toEqual(['#N/A (shared string 7 missing)']);
  });
});

describe('zip64, encrypted, damaged and not-a-workbook files (item 14)', () => {
  const parts = workbookParts([{ name: 'Data', rows: row(1, ['id', 'channel', 'NPS']) + answers(20) }]);

  it('a valid zip64 workbook is read', async () => {
    const { json } = await score(save('zip64.xlsx', zip64(parts)));
    expect(json.overall.responses).toBe(20);
  });

  const refused = async (path: string): Promise<NpsError> => {
    const error = await runCli(['score', path], fakeIo()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NpsError);
    return error as NpsError;
  };

  it('a password-protected workbook says it is encrypted', async () => {
    const error = await refused(save('encrypted.xlsx', compoundFile(['EncryptionInfo', 'EncryptedPackage', '\u0006DataSpaces'])));
    expect(error.message).toContain('the workbook is encrypted (password-protected)');
  });

  it('a damaged deflate stream says the sheet is damaged', async () => {
    const bytes = zip(parts);
    // Spoil the sheet's compressed bytes, just after its name in its local header.
    const at = bytes.indexOf(Buffer.from('xl/worksheets/sheet1.xml')) + 'xl/worksheets/sheet1.xml'.length;
    for (let i = at + 5; i < at + 40; i++) bytes[i] = 0xff;
    const error = await refused(save('damaged.xlsx', bytes));
    expect(error.message).toMatch(/is damaged: its compressed data cannot be inflated/);
  });

  it('random bytes named .xlsx are refused as not a workbook', async () => {
    const random = Buffer.from(Array.from({ length: 4096 }, (_, i) => (i * 7919 + 13) % 251));
    const error = await refused(save('random.xlsx', random));
    expect(error.message).toContain('not a workbook');
  });
});

describe('a workbook on standard input (item 9)', () => {
  it('is read from memory by the same reader', async () => {
    const io = { ...fakeIo(), stdin: Readable.from([workbook(row(1, ['id', 'channel', 'NPS']) + answers(30))]) };
    const out = await runCli(['score', '-', '--format', 'json'], io);
    expect(JSON.parse(await stdoutOf(out)).overall.responses).toBe(30);
  });
});

describe('a workbook of 1,000 sheets (issue 14, item 17)', () => {
  const notes = (i: number): { name: string; rows: string } => ({ name: `Sheet ${i}`, rows: row(1, ['note']) + row(2, ['x']) });

  it('none with answers: the error names 20 sheets and how many more', async () => {
    const path = save('sheets-1000.xlsx', zip(workbookParts(Array.from({ length: 1000 }, (_, i) => notes(i + 1)))));
    const error = await runCli(['score', path], fakeIo()).then(
      () => undefined,
      (caught: unknown) => caught,
    );
    expect(error).toBeInstanceOf(NpsError);
    const names = Array.from({ length: 20 }, (_, i) => `"Sheet ${i + 1}"`).join(', ');
    expect((error as NpsError).message).toBe(`${path}: no sheet holds survey answers (a header row with a 0–10 score column). Sheets: ${names}, … (980 more)`);
  });

  it('one with answers among them: the line naming it lists 20 others and how many more', async () => {
    const sheets = Array.from({ length: 1000 }, (_, i) => notes(i + 1));
    sheets[500] = { name: 'Data', rows: row(1, ['id', 'channel', 'NPS']) + answers(30) };
    const { json, warnings } = await score(save('sheets-1000-data.xlsx', zip(workbookParts(sheets))));
    expect(json.overall.responses).toBe(30);
    const line = warnings.find((w) => w.includes('using sheet')) ?? '';
    expect(line).toContain('other sheets: "Sheet 1", "Sheet 2"');
    expect(line).toContain('"Sheet 20", … (979 more); --sheet to choose another)');
    expect(line.length).toBeLessThan(400);
  });
});
