// nps list and nps comments gather from the counted answers (mapping/gather.ts): on the counting
// threads each part gathers its own, added up in file order. Checked against what is worked out
// here from the rows themselves, and one thread against threads in parts (many of them cut
// inside quoted comments with line breaks).
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { seededRandom } from '../support/random.js';
import { nps } from './run-nps.js';

const WORDS = ['delivery', 'slow', 'great', 'staff', 'helpful', 'price', 'refund', 'app', 'crashes', 'friendly', 'wait', 'support'];

interface Row {
  id: number;
  date: string;
  /** The day as yyyy-mm-dd, whatever the cell's form. */
  day: string;
  channel: string;
  score: number | null;
  comment: string;
  respondent: string;
}

const csvCell = (text: string): string => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

function makeRows(seed: number, count: number, slashDates: boolean): Row[] {
  const random = seededRandom(seed);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  const rows: Row[] = [];
  for (let id = 1; id <= count; id++) {
    const month = 1 + Math.floor(random() * 6);
    const dayOfMonth = 13 + Math.floor(random() * 15);
    const day = `2025-0${month}-${dayOfMonth}`;
    // Day first (a day over 12 in every one, so the sample settles the order), now and then.
    const date = slashDates && random() < 0.3 ? `${dayOfMonth}/0${month}/2025` : random() < 0.5 ? `${day}T10:00:00` : day;
    const score = random() < 0.04 ? null : Math.floor(random() * 11);
    const r = random();
    const comment =
      r < 0.15 ? '' : r < 0.2 ? pick(['n/a', 'None', '-']) : r < 0.3 ? `${pick(WORDS)}, ${pick(WORDS)}\n"${pick(WORDS)}" ${pick(WORDS)}` : Array.from({ length: 1 + Math.floor(random() * 4) }, () => pick(WORDS)).join(' ');
    rows.push({ id, date, day, channel: pick(['web', 'phone', 'mail']), score, comment, respondent: `r${Math.floor(random() * (count / 2))}` });
  }
  return rows;
}

function writeRows(dir: string, name: string, rows: readonly Row[]): string {
  const file = join(dir, name);
  const lines = rows.map((r) => [r.id, r.date, r.channel, r.score ?? '', csvCell(r.comment), r.respondent].join(','));
  writeFileSync(file, `id,date,channel,score,comment,respondent\n${lines.join('\n')}\n`);
  return file;
}

/** The latest answer of each respondent (latest day, then the later row), those without a score left out first. */
function latestPerRespondent(rows: readonly Row[]): Row[] {
  const latest = new Map<string, Row>();
  for (const row of rows) {
    if (row.score === null) continue;
    const before = latest.get(row.respondent);
    // Times: the T10:00:00 ones are later on their day than those without a time (00:00).
    const moment = (r: Row): string => `${r.day}${r.date.includes('T') ? 'T10' : 'T00'}`;
    if (!before || moment(row) >= moment(before)) latest.set(row.respondent, row);
  }
  return rows.filter((row) => latest.get(row.respondent) === row);
}

/** nps list's order: detractors 0 first … 6, passives in file order, promoters 10 before 9; each in file order. */
const BUCKET = [0, 1, 2, 3, 4, 5, 6, 7, 7, 9, 8];
function listOrder(rows: readonly Row[], classes: (score: number) => boolean): Row[] {
  const kept = rows.filter((r) => r.score !== null && classes(r.score));
  return kept.map((row, at) => ({ row, at })).sort((a, b) => BUCKET[a.row.score as number]! - BUCKET[b.row.score as number]! || a.at - b.at).map(({ row }) => row);
}

describe('list and comments gather on the counting threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'nps-gather-'));
  const rows = makeRows(7, 4000, true);
  const file = writeRows(dir, 'answers.csv', rows);
  /** One thread's run; on threads in parts of 300 and 7,000 bytes (and with `more`), the same. */
  const threadsOf = async (args: string[], more: Record<string, string> = {}) => {
    const single = await nps(args, { env: { NPS_PARALLEL_BYTES: 'off' } });
    expect(single.exitCode, single.stderr).toBe(0);
    for (const partBytes of [300, 7000]) {
      const threads = await nps(args, { env: { NPS_PARALLEL_BYTES: '0', NPS_PART_BYTES: String(partBytes), ...more } });
      expect(threads, `${args.join(' ')}: parts of ${partBytes} bytes`).toEqual(single);
    }
    return single;
  };

  const runs: [string, string[], (r: Row) => boolean][] = [
    ['no filter', [], () => true],
    ['--where channel!=mail --since 2025-02-01 --until 2025-05-20', ['--where', 'channel!=mail', '--since', '2025-02-01', '--until', '2025-05-20'], (r) => r.channel !== 'mail' && r.day >= '2025-02-01' && r.day <= '2025-05-20'],
  ];

  it.each(runs)('list --detractors --promoters (%s): the rows worked out here, in the list\'s order, on one thread and on threads', async (_, flags, keep) => {
    const run = await threadsOf(['list', file, '--detractors', '--promoters', ...flags, '--format', 'csv']);
    const records = parse(run.stdout, { columns: true }) as Record<string, string>[];
    const want = listOrder(rows.filter(keep), (s) => s <= 6 || s >= 9);
    expect(records.map((r) => Number(r.id))).toEqual(want.map((r) => r.id));
    // Cells as in the file (one that a spreadsheet would take for a formula behind a quote: no --raw), the class after them.
    const shown = (cell: string): string => (/^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell);
    expect(records.map((r) => [r.comment, r.class])).toEqual(want.map((r) => [shown(r.comment), (r.score as number) <= 6 ? 'detractor' : 'promoter']));
  }, 60_000);

  it('list as CSV from bytes (a cell that is its own CSV field copied, any other written by csvField): the same on threads as on one thread', async () => {
    // Semicolons between cells, so that a plain cell may hold a comma; cells padded, a formula's
    // first character, plain numbers with a sign, past ASCII, a tab, a bare quote, blank; and
    // quoted, as exports that quote every cell have them (a quoted cell's text is copied from
    // between its quotes when it needs no quoting itself).
    const random = seededRandom(23);
    const tricky = ['a,b', ' padded', 'padded ', '=SUM(1)', '+x', '-3', '-x', '@me', 'café', 'tab\there', 'plain words', '', 'x"y', "it's", 'ok',
      '"ok"', '"plain words"', '"a,b"', '"x""y"', '" padded"', '"=SUM(1)"', '"-3"', '""', '"café"', '"ok"x'];
    const pick = (): string => tricky[Math.floor(random() * tricky.length)] as string;
    const lines = Array.from({ length: 3000 }, (_, i) => [i + 1, pick(), Math.floor(random() * 11), pick(), pick()].join(';'));
    const semi = join(dir, 'semicolons.csv');
    writeFileSync(semi, `id;channel;score;comment;tag\n${lines.join('\n')}\n`);
    for (const raw of [[], ['--raw']]) {
      const run = await threadsOf(['list', semi, '--detractors', '--promoters', '--format', 'csv', ...raw]);
      const records = parse(run.stdout, { columns: true, relax_quotes: true }) as Record<string, string>[];
      expect(records.length).toBeGreaterThan(2000);
      // Each cell as the file has it (behind a quote when a spreadsheet would run it, without --raw).
      const cells = new Map(lines.map((line) => [line.split(';')[0], line.split(';')]));
      const shown = (cell: string): string => (raw.length === 0 && /^[=+\-@]/.test(cell) && !/^[+-]\d+$/.test(cell) ? `'${cell}` : cell);
      // A cell quoted whole is its text between the quotes, "" read as one quote; any other is as it stands.
      const text = (cell: string): string => /^"(?:[^"]|"")*"$/.test(cell) ? cell.slice(1, -1).replaceAll('""', '"') : cell;
      for (const record of records.slice(0, 500)) expect([record.channel, record.comment, record.tag]).toEqual([1, 3, 4].map((c) => shown(text(cells.get(record.id as string)?.[c] ?? ''))));
    }
  }, 60_000);

  it('list --with-comment and every format: the same on threads (their rows kept on disk past 1,000 bytes) as on one thread', async () => {
    for (const format of ['csv', 'json', 'ndjson', 'table']) {
      const run = await threadsOf(['list', file, '--passives', '--with-comment', '--format', format], { NPS_SPILL_BYTES: '1000' });
      if (format === 'ndjson') {
        const want = listOrder(rows, (s) => s === 7 || s === 8).filter((r) => r.comment.trim() !== '');
        expect(run.stdout.trim().split('\n').map((line) => Number(JSON.parse(line).id))).toEqual(want.map((r) => r.id));
      }
    }
  }, 60_000);

  it('list --dedupe: each respondent\'s latest answer, in file order within the list\'s buckets (one thread: --dedupe)', async () => {
    const run = await nps(['list', file, '--detractors', '--passives', '--promoters', '--dedupe', 'respondent', '--format', 'csv']);
    expect(run.exitCode, run.stderr).toBe(0);
    const records = parse(run.stdout, { columns: true }) as Record<string, string>[];
    expect(records.map((r) => Number(r.id))).toEqual(listOrder(latestPerRespondent(rows), () => true).map((r) => r.id));
  });

  /** What nps comments says of each class, worked out from the rows: answers, comments, and per word the comments holding it. */
  const commentsOf = (kept: readonly Row[]) => {
    const classes = { detractors: [] as Row[], passives: [] as Row[], promoters: [] as Row[] };
    for (const row of kept) {
      if (row.score === null) continue;
      classes[row.score <= 6 ? 'detractors' : row.score <= 8 ? 'passives' : 'promoters'].push(row);
    }
    const blank = (text: string): boolean => ['', 'n/a', 'none', '-'].includes(text.trim().toLowerCase());
    return Object.fromEntries(
      Object.entries(classes).map(([name, list]) => {
        const withComment = list.filter((r) => !blank(r.comment));
        const holding = (word: string): Row[] => withComment.filter((r) => r.comment.toLowerCase().split(/[^a-z]+/).includes(word));
        return [name, { responses: list.length, withComment: withComment.length, holding }];
      }),
    );
  };

  it.each(runs)('comments (%s): answers, comments, every listed word\'s count and first examples as worked out here, on one thread and on threads', async (_, flags, keep) => {
    const themes = join(dir, 'themes.json');
    writeFileSync(themes, JSON.stringify({ delivery: ['delivery', 'wait'], money: ['price', 'refund*'] }));
    const run = await threadsOf(['comments', file, '--comment', 'comment', '--themes', themes, '--top', '50', ...flags, '--format', 'json']);
    const report = JSON.parse(run.stdout);
    const want = commentsOf(rows.filter(keep));
    let words = 0;
    for (const name of ['detractors', 'passives', 'promoters'] as const) {
      const got = report.classes[name];
      const expected = want[name] as ReturnType<typeof commentsOf>[string];
      expect(got.responses, name).toBe(expected.responses);
      expect(got.withComment, name).toBe(expected.withComment);
      for (const term of got.terms as { term: string; count: number; examples: string[] }[]) {
        if (term.term.includes(' ')) continue;
        words++;
        const holding = expected.holding(term.term);
        expect(term.count, `${name}: ${term.term}`).toBe(holding.length);
        // The first three distinct comments holding it, in file order.
        expect(term.examples, `${name}: ${term.term}`).toEqual([...new Set(holding.map((r) => r.comment.trim()))].slice(0, 3));
      }
    }
    expect(words).toBeGreaterThan(5);
    // A theme's answers: those whose comment holds one of its words (refund* any word starting so).
    const kept = rows.filter(keep).filter((r) => r.score !== null);
    const mentions = (r: Row, test: (word: string) => boolean): boolean => r.comment.toLowerCase().split(/[^a-z]+/).some(test);
    const theme = (name: string) => (report.themes as { theme: string; responses: number }[]).find((t) => t.theme === name)?.responses;
    expect(theme('delivery')).toBe(kept.filter((r) => mentions(r, (w) => w === 'delivery' || w === 'wait')).length);
    expect(theme('money')).toBe(kept.filter((r) => mentions(r, (w) => w === 'price' || w.startsWith('refund'))).length);
  }, 60_000);

  it('a file read again as Windows-1252 (a byte past its head is not UTF-8) lists each row once and counts each comment once', async () => {
    // 60,000 rows of UTF-8 (past its head and the rows read ahead), then a row whose comment has a Windows-1252 byte.
    const plain = makeRows(11, 60_000, false);
    const path = writeRows(dir, 'late-latin1.csv', plain);
    const latin = Buffer.concat([readFileSync(path), Buffer.from('60001,2025-03-20,web,0,caf\xe9 slow,r1\n', 'latin1')]);
    writeFileSync(path, latin);
    const list = await nps(['list', path, '--detractors', '--format', 'csv'], { env: { NPS_PARALLEL_BYTES: '0', NPS_PART_BYTES: '100000' } });
    expect(list.exitCode, list.stderr).toBe(0);
    const listed = (parse(list.stdout, { columns: true }) as Record<string, string>[]).map((r) => Number(r.id));
    const all = [...plain, { id: 60_001, score: 0, comment: 'café slow' } as Row];
    expect(listed).toEqual(listOrder(all, (s) => s <= 6).map((r) => r.id));
    expect(list.stdout).toContain('café slow');
    const comments = await nps(['comments', path, '--comment', 'comment', '--format', 'json'], { env: { NPS_PARALLEL_BYTES: '0', NPS_PART_BYTES: '100000' } });
    expect(comments.exitCode, comments.stderr).toBe(0);
    expect(JSON.parse(comments.stdout).classes.detractors.responses).toBe(all.filter((r) => r.score !== null && r.score <= 6).length);
  }, 60_000);
});
