// Large XLSX files are streamed instead of read whole: the answers must be the same as through
// SheetJS on every workbook, and hostile workbooks are read in bounded memory or refused.
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { workbook } from '../support/zip.js';
import { ROOT, nps } from './run-nps.js';

const both = async (args: string[]) => ({
  streamed: await nps(args, { env: { NPS_XLSX_STREAM_BYTES: '0' } }),
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
        const { streamed, whole } = await both(args);
        expect(streamed, args.join(' ')).toEqual(whole);
      }
    }
  }, 240_000);

  it('inline strings, shared-string-free sheets and styled blank cells', async () => {
    const dir = await mkdtemp('/tmp/nps-xlsx-');
    // Row 5 holds only an id, in a column the count does not read: still a row, with a missing score.
    const rows = [row(1, ['id', 'channel', 'NPS']), row(2, ['1', 'web', '10']), row(3, ['2', 'phone', '3']), '<row r="4"><c r="A4" s="0"/><c r="C4"><v>9</v></c></row>', row(5, ['3'])];
    await writeFile(`${dir}/inline.xlsx`, workbook(rows.join('')));
    const { streamed, whole } = await both(['score', `${dir}/inline.xlsx`, '--by', 'channel', '--format', 'json']);
    expect(streamed).toEqual(whole);
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
    const big = await nps(['score', `${dir}/huge-row.xlsx`], { env: { NPS_XLSX_STREAM_BYTES: '0' } });
    expect(big.exitCode).toBe(2);
    expect(big.stderr).toContain('has a row of more than 64 MB of XML; refused');
    await writeFile(`${dir}/wide.xlsx`, workbook(row(1, ['id', 'NPS']) + '<row r="2"><c r="A2"><v>1</v></c><c r="XFE2"><v>9</v></c></row>'));
    const wide = await nps(['score', `${dir}/wide.xlsx`, '--score', 'NPS'], { env: { NPS_XLSX_STREAM_BYTES: '0' } });
    expect(wide.exitCode).toBe(2);
    expect(wide.stderr).toContain('has a cell past column XFD; refused');
  });
});
