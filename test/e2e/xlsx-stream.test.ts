// Large XLSX files are streamed instead of read whole: the answers must be the same as through
// SheetJS on every workbook, and hostile workbooks are read in bounded memory or refused.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { deflated, workbook, workbookParts, zip as zipOf } from '../support/zip.js';
import { ROOT, nps } from './run-nps.js';

/** Streamed on the main thread alone and with its sheet read on a thread of its own (xlsx-thread.ts), and read whole by SheetJS. */
const THREADED = { NPS_XLSX_STREAM_BYTES: '0', NPS_XLSX_THREAD_BYTES: '0' };
const both = async (args: string[]) => ({
  streamed: await nps(args, { env: { NPS_XLSX_STREAM_BYTES: '0', NPS_XLSX_THREAD_BYTES: 'off' } }),
  threaded: await nps(args, { env: THREADED }),
  whole: await nps(args, { env: { NPS_XLSX_STREAM_BYTES: 'off' } }),
});

const row = (n: number, cells: string[]): string =>
  `<row r="${n}">${cells.map((c, i) => `<c r="${String.fromCharCode(65 + i)}${n}"${/^\d+$/.test(c) ? '' : ' t="inlineStr"'}>${/^\d+$/.test(c) ? `<v>${c}</v>` : `<is><t>${c}</t></is>`}</c>`).join('')}</row>`;

describe('streamed XLSX', () => {
  it('every workbook fixture and the public one: the same stdout and stderr as SheetJS', async () => {
    const files = (await readdir(`${ROOT}fixtures`)).filter((f) => f.endsWith('.xlsx')).map((f) => `fixtures/${f}`);
    const publicFile = `${ROOT}../shared/data/public/nps_timeseries_dashboard.xlsx`;
    if (existsSync(publicFile)) files.push(publicFile);
    for (const file of files) {
      for (const args of [['score', file, '--period', 'month', '--format', 'json'], ['inspect', file, '--format', 'json'], ['list', file, '--promoters', '--format', 'csv']]) {
        const { streamed, threaded, whole } = await both(args);
        expect(streamed, args.join(' ')).toEqual(whole);
        expect(threaded, args.join(' ')).toEqual(whole);
      }
    }
  }, 240_000);

  it('inline strings, shared-string-free sheets and styled blank cells', async () => {
    const dir = await mkdtemp('/tmp/nps-xlsx-');
    // Row 5 holds only an id, in a column the count does not read: still a row, with a missing score.
    const rows = [row(1, ['id', 'channel', 'NPS']), row(2, ['1', 'web', '10']), row(3, ['2', 'phone', '3']), '<row r="4"><c r="A4" s="0"/><c r="C4"><v>9</v></c></row>', row(5, ['3'])];
    await writeFile(`${dir}/inline.xlsx`, workbook(rows.join('')));
    const { streamed, threaded, whole } = await both(['score', `${dir}/inline.xlsx`, '--by', 'channel', '--format', 'json']);
    expect(streamed).toEqual(whole);
    expect(threaded).toEqual(whole);
    expect(JSON.parse(streamed.stdout).overall).toMatchObject({ responses: 3, promoters: 2, detractors: 1 });
    expect(JSON.parse(streamed.stdout).skipped).toMatchObject({ missing: 1 });
  });

  it('hundreds of MB of padding between rows: read in bounded memory, not answered with zero rows', async () => {
    const dir = await mkdtemp('/tmp/nps-xlsx-');
    const rows = [row(1, ['id', 'NPS']), row(2, ['1', '10']), row(3, ['2', '0'])].join(' '.repeat(150 * 1024 * 1024));
    await writeFile(`${dir}/padded.xlsx`, workbook(rows));
    const run = await nps(['score', `${dir}/padded.xlsx`, '--format', 'json'], { env: { NPS_XLSX_STREAM_BYTES: '0' } });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).overall).toMatchObject({ responses: 2, nps: 0 });
  });

  it('millions of styled empty cells: read, and the rows that hold data still count', async () => {
    const dir = await mkdtemp('/tmp/nps-xlsx-');
    // 100,000 empty rows of 10 styled blank cells (1M cells), then the answers.
    const blanks = Array.from({ length: 100_000 }, (_, i) => `<row r="${i + 2}">${'<c s="1"/>'.repeat(10)}</row>`).join('');
    const data = [row(100_002, ['1', '10']), row(100_003, ['2', '9']), row(100_004, ['3', '2'])].join('');
    await writeFile(`${dir}/blanks.xlsx`, workbook(row(1, ['id', 'NPS']) + blanks + data));
    const run = await nps(['score', `${dir}/blanks.xlsx`, '--format', 'json'], { env: { NPS_XLSX_STREAM_BYTES: '0' } });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).overall).toMatchObject({ responses: 3, promoters: 2, detractors: 1 });
  });

  it('a row of more than 64 MB, or a cell past column XFD, is refused with a clear message', async () => {
    const dir = await mkdtemp('/tmp/nps-xlsx-');
    const huge = `<row r="2"><c r="A2"><v>1</v></c>${'<c/>'.repeat(17 * 1024 * 1024)}</row>`;
    await writeFile(`${dir}/huge-row.xlsx`, workbook(row(1, ['id', 'NPS']) + huge));
    await writeFile(`${dir}/wide.xlsx`, workbook(row(1, ['id', 'NPS']) + '<row r="2"><c r="A2"><v>1</v></c><c r="XFE2"><v>9</v></c></row>'));
    // On the main thread alone and with the sheet read on a thread: the same refusal.
    for (const env of [{ NPS_XLSX_STREAM_BYTES: '0', NPS_XLSX_THREAD_BYTES: 'off' }, THREADED]) {
      const big = await nps(['score', `${dir}/huge-row.xlsx`], { env });
      expect(big.exitCode).toBe(2);
      expect(big.stderr).toContain('has a row of more than 64 MB of XML; refused');
      const wide = await nps(['score', `${dir}/wide.xlsx`, '--score', 'NPS'], { env });
      expect(wide.exitCode).toBe(2);
      expect(wide.stderr).toContain('has a cell past column XFD; refused');
    }
  });
});

describe('hostile workbooks read in bounded memory (issue 14, items 7–8)', () => {
  // Run with the heap held to 200 MB: each of these took 430 MB to 2.6 GB (and minutes) before.
  const capped = { NODE_OPTIONS: '--max-old-space-size=200' };
  const column = (i: number): string => {
    let name = '';
    for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) name = String.fromCharCode(65 + ((n - 1) % 26)) + name;
    return name;
  };

  it('one shared string of 32 MB', async () => {
    const dir = await mkdtemp('/tmp/nps-xlsx-');
    const rows = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="s"><v>2</v></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2" t="s"><v>3</v></c><c r="C2"><v>9</v></c></row>';
    await writeFile(`${dir}/long-string.xlsx`, zipOf(workbookParts([{ name: 'Data', rows }], ['id', 'comment', 'NPS', 'y'.repeat(32 * 1024 * 1024)])));
    const run = await nps(['score', `${dir}/long-string.xlsx`, '--format', 'json'], { env: capped });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).overall).toMatchObject({ responses: 1, promoters: 1 });
  });

  it('a cell at XFD on each of 200,000 rows', async () => {
    const dir = await mkdtemp('/tmp/nps-xlsx-');
    const rows = `${row(1, ['NPS'])}${Array.from({ length: 200_000 }, (_, r) => `<row r="${r + 2}"><c r="A${r + 2}"><v>${r % 11}</v></c><c r="XFD${r + 2}"><v>1</v></c></row>`).join('')}`;
    await writeFile(`${dir}/xfd.xlsx`, zipOf(workbookParts([{ name: 'Data', rows }])));
    const run = await nps(['score', `${dir}/xfd.xlsx`, '--format', 'json'], { env: capped });
    expect(run.exitCode).toBe(0);
    // Scores 0–10 in turn: 200,000 = 18,181 × 11 + 9 (0–8): promoters 2 × 18,181.
    expect(JSON.parse(run.stdout).overall).toMatchObject({ responses: 200_000, promoters: 36_362 });
  }, 60_000);

  it('a 1 MB workbook whose sheet inflates to 1 GB of blanks: the rows after them count', async () => {
    // SheetJS took 72 s and 2.1 GB, and the 600 MB one was answered "sheet is empty".
    const dir = await mkdtemp('/tmp/nps-xlsx-');
    const parts: Record<string, string | Awaited<ReturnType<typeof deflated>>> = workbookParts([{ name: 'Data', rows: '' }]);
    const [head, tail] = (parts['xl/worksheets/sheet1.xml'] as string).split('</sheetData>');
    const blanks = Buffer.alloc(1024 * 1024, ' ');
    parts['xl/worksheets/sheet1.xml'] = await deflated(
      (function* () {
        yield Buffer.from(head + row(1, ['id', 'NPS']));
        for (let i = 0; i < 1024; i++) yield blanks;
        yield Buffer.from(`${row(2, ['1', '10'])}${row(3, ['2', '6'])}${row(4, ['3', '9'])}</sheetData>${tail}`);
      })(),
    );
    const bytes = zipOf(parts);
    expect(bytes.length).toBeLessThan(3 * 1024 * 1024);
    await writeFile(`${dir}/blanks-1gb.xlsx`, bytes);
    const run = await nps(['score', `${dir}/blanks-1gb.xlsx`, '--format', 'json'], { env: capped });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).overall).toMatchObject({ responses: 3, promoters: 2, detractors: 1 });
  }, 120_000);

  it('a 2 KB sheet with a row numbered 1,000,000,000: read where it stands, and said', async () => {
    // SheetJS ran for minutes, laying out a billion rows.
    const dir = await mkdtemp('/tmp/nps-xlsx-');
    const rows = `${row(1, ['id', 'NPS'])}${row(2, ['1', '10'])}${row(1_000_000_000, ['2', '3'])}`;
    await writeFile(`${dir}/far-row.xlsx`, zipOf(workbookParts([{ name: 'Data', rows }])));
    const run = await nps(['score', `${dir}/far-row.xlsx`, '--format', 'json'], { env: capped });
    expect(run.exitCode).toBe(0);
    expect(JSON.parse(run.stdout).overall).toMatchObject({ responses: 2, promoters: 1, detractors: 1 });
    expect(run.stderr).toContain('row number');
  });

  it('rows of 16,000 cells whose attributes hold the letters of t= and s=', async () => {
    // Each attribute search once read the rest of the row: seconds per row.
    const dir = await mkdtemp('/tmp/nps-xlsx-');
    const header = `<row r="1">${Array.from({ length: 16_000 }, (_, i) => `<c r="${column(i)}1" t="inlineStr"><is><t>${i === 0 ? 'NPS' : `q${i}`}</t></is></c>`).join('')}</row>`;
    const body = Array.from({ length: 40 }, (_, r) => `<row r="${r + 2}">${Array.from({ length: 16_000 }, (_, i) => `<c r="${column(i)}${r + 2}" xts="1"><v>${(r + i) % 11}</v></c>`).join('')}</row>`).join('');
    await writeFile(`${dir}/wide.xlsx`, zipOf(workbookParts([{ name: 'Data', rows: header + body }])));
    const run = await nps(['score', `${dir}/wide.xlsx`, '--score', 'NPS', '--format', 'json'], { env: capped });
    expect(run.exitCode).toBe(0);
    // Column A holds r % 11 for r = 0 … 39: 0–10 three times and 0–6: promoters 6, detractors 7·3 + 7 = 28.
    expect(JSON.parse(run.stdout).overall).toMatchObject({ responses: 40, promoters: 6, detractors: 28 });
  }, 60_000);
});
