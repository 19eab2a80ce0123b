// Counting a CSV on two threads must give exactly what counting it on one gives: the same
// stdout, the same stderr (row numbers of skipped rows included), the same exit code. Tiny
// parts (NPS_PART_BYTES) cut the fixtures into up to 64 parts, many of them inside quoted
// fields with line breaks.
import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { ROOT, nps } from './run-nps.js';

const both = async (args: string[], partBytes?: number) => {
  const parallel = await nps(args, { env: { NPS_PARALLEL_BYTES: '0', ...(partBytes === undefined ? {} : { NPS_PART_BYTES: String(partBytes) }) } });
  const single = await nps(args, { env: { NPS_PARALLEL_BYTES: 'off' } });
  return { parallel, single };
};

describe('counting in parts', () => {
  it('every CSV fixture, in parts of ~100 bytes: the same output either way', async () => {
    const files = (await readdir(`${ROOT}fixtures`)).filter((f) => /\.(csv|tsv|txt)$/.test(f));
    expect(files.length).toBeGreaterThan(25);
    for (const file of files) {
      for (const args of [['score', `fixtures/${file}`, '--format', 'json'], ['score', `fixtures/${file}`, '--period', 'month', '--format', 'csv']]) {
        const { parallel, single } = await both(args, 100);
        expect(parallel, `${args.join(' ')}`).toEqual(single);
      }
    }
    // About 150 runs of the CLI: give a busy machine time.
  }, 240_000);

  it('inspect on threads (every column profiled per part, added up in file order): every CSV fixture in parts of ~100 bytes, the same output as one thread', async () => {
    const files = (await readdir(`${ROOT}fixtures`)).filter((f) => /\.(csv|tsv|txt)$/.test(f));
    for (const file of files) {
      const { parallel, single } = await both(['inspect', `fixtures/${file}`, '--format', 'json'], 100);
      expect(parallel, file).toEqual(single);
    }
    // A file whose first part holds the rows that settle the day order and whose later parts hold
    // more than 1,000 distinct ids: the order's evidence keeps its row, the ids their cap.
    const dir = await mkdtemp('/tmp/nps-parallel-');
    const rows = Array.from({ length: 3000 }, (_, i) => `c${i},${1 + (i % 28)}/${1 + (i % 12)}/2025,${i % 11},${['web', 'phone'][i % 2]}`);
    await writeFile(`${dir}/profile.csv`, `id,date,score,channel\n${rows.join('\n')}\n`);
    for (const partBytes of [200, 5000]) {
      const { parallel, single } = await both(['inspect', `${dir}/profile.csv`, '--format', 'json'], partBytes);
      expect(parallel, `parts of ${partBytes} bytes`).toEqual(single);
      const report = JSON.parse(single.stdout);
      expect(report.rows).toBe(3000);
      expect(report.columns[0]).toMatchObject({ distinct: 1000, distinctCapped: true });
      expect(report.date).toMatchObject({ dayOrder: 'dmy', first: '2025-01-01', last: '2025-12-28' });
    }
  }, 240_000);

  it('several metrics in one read on threads: each metric as one thread counts it, and as a run of its own', async () => {
    const args = ['score', 'fixtures/cx-metrics.csv', '--metric', 'nps,csat,ces', '--by', 'channel', '--period', 'month', '--format', 'json'];
    for (const partBytes of [40, 100, 1000]) {
      const { parallel, single } = await both(args, partBytes);
      expect(parallel, `parts of ${partBytes} bytes`).toEqual(single);
      const metrics = JSON.parse(parallel.stdout).metrics;
      for (const metric of ['nps', 'csat', 'ces']) {
        const alone = await nps([...args.slice(0, 2), '--metric', metric, ...args.slice(4)], { env: { NPS_PARALLEL_BYTES: '0', NPS_PART_BYTES: String(partBytes) } });
        expect(metrics[metric], metric).toEqual(JSON.parse(alone.stdout));
      }
    }
  });

  it('--weight on threads (read from bytes): the same weighted answer as one thread, by group and period', async () => {
    // The fixture's weights (1, 2, 0.5 and one empty) add up exactly in any order: the JSON, unrounded, is the same to the bit.
    const args = ['score', 'fixtures/cx-metrics.csv', '--weight', 'weight', '--by', 'channel', '--period', 'month', '--format', 'json'];
    for (const partBytes of [40, 100, 1000]) {
      const { parallel, single } = await both(args, partBytes);
      expect(parallel, `parts of ${partBytes} bytes`).toEqual(single);
      expect(JSON.parse(parallel.stdout).overall.weight).toBe(11.5);
    }
    // Weights like 0.1 and 1.7 have no exact double: added in turn, parts summed apart would
    // differ from one thread in the last digits. The sums are exact, so the JSON is the same.
    const dir = await mkdtemp('/tmp/nps-parallel-');
    const rows = Array.from({ length: 6000 }, (_, i) => `${i + 1},${['web', 'phone', 'mail'][i % 3]},${(i * 7) % 11},${['0.1', '1.7', '0.35', '2.9', '1e-1', '1,3'][i % 6]}`);
    await writeFile(`${dir}/weights.csv`, `id,channel,score,w\n${rows.join('\n')}\n`);
    for (const partBytes of [1000, 10000]) {
      const { parallel, single } = await both(['score', `${dir}/weights.csv`, '--weight', 'w', '--by', 'channel', '--format', 'json'], partBytes);
      expect(parallel, `parts of ${partBytes} bytes`).toEqual(single);
    }
  });

  it('threads started ahead and then not used are let go: UTF-16 (not counted in parts), a workbook, a missing file, --dedupe, list and compare end as they do on one thread', async () => {
    // nps would not exit while a thread waited for a part that never comes (the test would time out).
    for (const args of [
      ['score', 'fixtures/utf16le-tab-crlf.txt', '--format', 'json'],
      ['score', 'fixtures/example.xlsx', '--format', 'json'],
      ['score', 'fixtures/no-such-file.csv'],
      ['score', 'fixtures/example.csv', '--dedupe', 'response_id', '--format', 'json'],
      ['list', 'fixtures/example.csv', '--detractors', '--format', 'csv'],
      ['compare', 'fixtures/compare-before.csv', 'fixtures/compare-after.csv', '--format', 'json'],
    ]) {
      const { parallel, single } = await both(args);
      expect(parallel, args.join(' ')).toEqual(single);
    }
  }, 60_000);

  it('a split inside a quoted field with line breaks is noticed and counted again from the true boundary', async () => {
    const dir = await mkdtemp('/tmp/nps-parallel-');
    // 400 plain rows, then one comment of 2,000 lines right across the middle of the file, then 400 more.
    const plain = (from: number, n: number) => Array.from({ length: n }, (_, i) => `${from + i},web,${(from + i) % 11}`).join('\n');
    const long = Array.from({ length: 2000 }, (_, i) => `line ${i}, still the same "" comment`).join('\n');
    await writeFile(`${dir}/split.csv`, `id,channel,score,comment\n${plain(1, 400)}\n401,phone,0,"${long}"\n${plain(402, 400)}\n`.replace(/^(\d+,web,\d+)$/gm, '$1,'));
    // Two parts (the cut in the comment), then ~60 (several cuts in it, and parts wholly inside it).
    for (const partBytes of [undefined, 1000]) {
      const { parallel, single } = await both(['score', `${dir}/split.csv`, '--by', 'channel', '--format', 'json'], partBytes);
      expect(parallel).toEqual(single);
      const json = JSON.parse(parallel.stdout);
      expect(json.overall.responses).toBe(801);
      expect(json.groups.find((g: { key: { channel: string } }) => g.key.channel === 'phone')).toMatchObject({ responses: 1, detractors: 1 });
    }
  });

  it('errors name the row and line of the whole file: --strict, and a quote left open at the end', async () => {
    const dir = await mkdtemp('/tmp/nps-parallel-');
    // A comment over three lines early on moves the line numbers off the row numbers.
    const rows = Array.from({ length: 3000 }, (_, i) => `${i + 1},${i === 2499 ? 'x' : i % 11},${i === 10 ? '"three\nline\ncomment"' : 'ok'}`);
    await writeFile(`${dir}/strict.csv`, `id,score,comment\n${rows.join('\n')}\n`);
    await writeFile(`${dir}/open.csv`, `id,score,comment\n${rows.join('\n').replace(',x,', ',9,')}\n3001,9,"never closed\n`);
    for (const args of [['score', `${dir}/strict.csv`, '--strict'], ['score', `${dir}/open.csv`]]) {
      for (const partBytes of [undefined, 500]) {
        const { parallel, single } = await both(args, partBytes);
        expect(parallel, args.join(' ')).toEqual(single);
        expect(single.exitCode).toBe(2);
      }
    }
    const { single } = await both(['score', `${dir}/open.csv`]);
    expect(single.stderr).toContain('a quoted field opened on row 3002 (line 3004) is never closed');
    expect((await both(['score', `${dir}/strict.csv`, '--strict'])).single.stderr).toContain('row 2501 has an invalid score');
  });

  it('a part that starts inside a quoted field and, read from there, leaves a quote open, is counted again: no error', async () => {
    const dir = await mkdtemp('/tmp/nps-parallel-');
    // The last row's comment runs over the second half of the file: 2,000 lines of x, then
    // """ (a doubled quote, then the closing one). Read from any of its lines, the x lines are
    // records and the last line opens a quote that the end of the file leaves open.
    const rows = Array.from({ length: 400 }, (_, i) => `${i + 1},${i % 11},ok`);
    await writeFile(`${dir}/tricky.csv`, `id,score,comment\n${rows.join('\n')}\n401,9,"${'x\n'.repeat(2000)}"""\n`);
    for (const partBytes of [undefined, 200, 1000]) {
      const { parallel, single } = await both(['score', `${dir}/tricky.csv`, '--format', 'json'], partBytes);
      expect(parallel).toEqual(single);
      expect(JSON.parse(parallel.stdout).overall.responses).toBe(401);
    }
  });

  it('hundreds of thousands of groups: a part hands over its new groups without overflowing the stack', async () => {
    const dir = await mkdtemp('/tmp/nps-parallel-');
    // 320,000 answers, each its own group of two columns (1,000 values by 320): each of the two
    // parts meets ~160,000 new groups (spread into one call, ~125,000 overflow Node's stack).
    const rows = Array.from({ length: 320_000 }, (_, i) => `${i % 1000},${Math.floor(i / 1000)},${i % 11}`);
    await writeFile(`${dir}/groups.csv`, `a,b,score\n${rows.join('\n')}\n`);
    const { parallel, single } = await both(['score', `${dir}/groups.csv`, '--by', 'a', '--by', 'b', '--format', 'csv']);
    expect(parallel.exitCode).toBe(0);
    expect(parallel).toEqual(single);
    expect(parallel.stdout.split('\n').length).toBe(320_003);
  }, 60_000);

  it('skipped rows keep their row numbers and examples across the parts', async () => {
    const dir = await mkdtemp('/tmp/nps-parallel-');
    const rows = Array.from({ length: 3000 }, (_, i) => `${i + 1},${i % 97 === 5 ? 'N/A' : i % 11}`).join('\r\n');
    await writeFile(`${dir}/skips.csv`, `id,score\r\n${rows}\r\n`);
    for (const partBytes of [undefined, 300]) {
      const { parallel, single } = await both(['score', `${dir}/skips.csv`, '--format', 'json'], partBytes);
      expect(parallel).toEqual(single);
      expect(parallel.stderr).toContain('skipped 31 rows with a score that is not a whole number 0–10: all "N/A" (rows 7, 104, 201, 298, 395, …)');
    }
  });
});
