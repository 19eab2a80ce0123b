// Windows-1252 is decoded by the WHATWG table (issue 14, item 1): Node's own TextDecoder reads
// bytes 0x80–0x9F as Latin-1's control characters, so "10 – Mycket sannolikt" (0x96) was invalid
// and € Š ž “ ” ’ came out as U+0080 and the like. Text path and byte path (threads) alike.

import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { fakeIo, stdoutOf } from '../support/fake-io.js';
import { nps } from './run-nps.js';

const FILE = 'fixtures/windows-1252-dash-labels.csv';

describe('Windows-1252', () => {
  it.each([[[]], [['--encoding', 'windows-1252']], [['--encoding', 'latin1']]])('the labels with an en dash are answers, names keep € Š “ ” (%j)', async (extra) => {
    const out = await runCli(['score', FILE, '--by', 'Kanal', '--format', 'json', ...extra], fakeIo());
    const json = JSON.parse(await stdoutOf(out));
    // 10 – Mycket sannolikt, 9, 8, 0 – Inte alls sannolikt: P2 A1 D1 → +25.
    expect(json.overall).toMatchObject({ responses: 4, promoters: 2, passives: 1, detractors: 1, nps: 25 });
    expect(json.skipped.invalid).toBe(0);
    expect(json.groups.map((g: { key: { Kanal: string } }) => g.key.Kanal)).toEqual(['Butik Šibenik', 'Växel “Nord”', 'Webb']);
  });

  it('list shows the comments as written', async () => {
    const out = await runCli(['list', FILE, '--detractors', '--promoters', '--format', 'json'], fakeIo());
    const comments = (JSON.parse(await stdoutOf(out)) as { Kommentar: string }[]).map((row) => row.Kommentar).sort();
    expect(comments).toEqual(['Bra, tack’', 'Dålig – service', '€ 50 för frakt'].sort());
  });

  it('the byte path of threads decodes the same', async () => {
    const env = { NPS_PARALLEL_BYTES: '0', NPS_PART_BYTES: '40' };
    const threads = await nps(['score', FILE, '--by', 'Kanal', '--format', 'json'], { env });
    expect(threads.exitCode).toBe(0);
    const json = JSON.parse(threads.stdout);
    expect(json.overall.responses).toBe(4);
    expect(json.groups.map((g: { key: { Kanal: string } }) => g.key.Kanal)).toEqual(['Butik Šibenik', 'Växel “Nord”', 'Webb']);
  });
});

describe('mixed line endings (issue 14, item 2)', () => {
  it('a CRLF header over LF data rows: every line a record, as Python csv reads it', async () => {
    const input = 'id,score\r\n1,10\n2,9\n3,6\n4,8\n5,10\n';
    const out = await runCli(['score', '-', '--format', 'json'], { ...fakeIo(), stdin: Readable.from([Buffer.from(input)]) });
    // Python: list(csv.reader(io.StringIO(input, newline=''))) → a header and 5 rows: P3 A1 D1 → +40.
    expect(JSON.parse(await stdoutOf(out)).overall).toMatchObject({ responses: 5, promoters: 3, passives: 1, detractors: 1, nps: 40 });
  });

  it('600,000 such rows, counted in parts on two threads and in one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nps-mixed-'));
    const file = join(dir, 'mixed.csv');
    const endings = ['\n', '\r\n', '\r'];
    const rows = Array.from({ length: 600_000 }, (_, i) => `${i},${i % 11}${endings[i % 3]}`);
    writeFileSync(file, `id,score\r\n${rows.join('')}`);
    for (const env of [{}, { NPS_PARALLEL_BYTES: '0', NPS_PART_BYTES: '1000000' }] as Record<string, string>[]) {
      const run = await nps(['score', file, '--format', 'json'], { env });
      expect(run.exitCode).toBe(0);
      // Scores 0–10 in turn: of every 11 rows 2 promoters, 2 passives, 7 detractors; 600,000 = 54,545 × 11 + 5 (0–4).
      expect(JSON.parse(run.stdout).overall).toMatchObject({ responses: 600_000, promoters: 2 * 54_545, passives: 2 * 54_545, detractors: 7 * 54_545 + 5 });
    }
  }, 120_000);
});

describe('a UTF-8 BOM does not turn off the encoding check (issue 14, item 3)', () => {
  // A BOM, a UTF-8 head, then rows in Latin-1 further on ("Malmö" as 0xF6, "Malmø" as 0xF8).
  const head = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('city,score\n', 'utf8'), Buffer.from(Array.from({ length: 3000 }, (_, i) => `Lund,${i % 11}\n`).join(''), 'utf8')]);
  const tail = Buffer.concat([Buffer.from('Malm'), Buffer.from([0xf6]), Buffer.from(',10\nMalm'), Buffer.from([0xf8]), Buffer.from(',0\n')]);

  it('read as any file whose bytes are not UTF-8: Windows-1252, the BOM skipped, Malmö and Malmø two groups', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'nps-bom-'));
    const file = join(dir, 'bom-latin1.csv');
    writeFileSync(file, Buffer.concat([head, tail]));
    const io = fakeIo();
    const json = JSON.parse(await stdoutOf(await runCli(['score', file, '--by', 'city', '--format', 'json'], io)));
    expect(json.groups.map((g: { key: { city: string }; responses: number }) => [g.key.city, g.responses])).toEqual([['Lund', 3000], ['Malmö', 1], ['Malmø', 1]]);
    expect(io.warnings.join('\n')).not.toContain('\ufffd');
    // Its header is read without the BOM: the column is "city".
    expect(Object.keys(json.groups[0].key)).toEqual(['city']);
  });

  it('on standard input: read whole in its first read, the same; longer, an error naming --encoding (it cannot be read twice)', async () => {
    const small = JSON.parse(await stdoutOf(await runCli(['score', '-', '--by', 'city', '--format', 'json'], { ...fakeIo(), stdin: Readable.from([Buffer.concat([head, tail])]) })));
    expect(small.groups.map((g: { key: { city: string } }) => g.key.city)).toEqual(['Lund', 'Malmö', 'Malmø']);
    // The Latin-1 bytes come in a later read than the head (64 KiB).
    const long = Buffer.concat([head, Buffer.from('Lund,9\n'.repeat(20_000))]);
    const error = await runCli(['score', '-', '--by', 'city'], { ...fakeIo(), stdin: Readable.from([long, tail]) }).catch((e: unknown) => e);
    expect(String((error as Error).message)).toContain('not valid UTF-8 after byte');
  });
});
