// Deterministic survey exports for the benchmark: id, ISO timestamp, score, channel, agent,
// segment, short comment. Usage: node bench/generate.mjs ROWS OUT.csv|OUT.xlsx
import { createWriteStream, writeFileSync } from 'node:fs';

const CHANNELS = ['email', 'phone', 'chat', 'web', 'store'];
const SEGMENTS = ['consumer', 'smb', 'enterprise'];
const COMMENTS = ['', 'Great service', 'Slow delivery', 'Quoted, with comma', 'Helpful staff', 'Too expensive', 'ok', ''];
export const HEADER = ['id', 'submitted_at', 'score', 'channel', 'agent', 'segment', 'comment', 'respondent', 'w', 'csat', 'ces'];

/** A seeded generator: the same numbers in [0, 1) every time. */
function seeded(start) {
  let seed = start;
  return () => {
    seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
    return seed / 4294967296;
  };
}

/**
 * The rows, the same for a given count every time: [id, unix seconds, score, channel, agent,
 * segment, comment, respondent, w, csat, ces]. The last four (for --dedupe, --weight and
 * --metric) come from a generator of their own, so the first seven are what they always were.
 */
export function* rows(count) {
  const random = seeded(20251122);
  const more = seeded(20261130);
  const start = Date.UTC(2024, 0, 1) / 1000;
  for (let i = 1; i <= count; i++) {
    const seconds = start + Math.floor(random() * 730 * 86400);
    const r = random();
    const score = r < 0.45 ? 9 + Math.floor(random() * 2) : r < 0.65 ? 7 + Math.floor(random() * 2) : Math.floor(random() * 7);
    // About 1.25 answers per respondent; weights 0.1 … 2.0; CSAT 1–5 and CES 1–7.
    const respondent = `c${Math.floor(more() * Math.max(1, Math.floor(count * 0.8)))}`;
    const w = (1 + Math.floor(more() * 20)) / 10;
    const csat = 1 + Math.floor(more() * 5);
    const ces = 1 + Math.floor(more() * 7);
    yield [i, seconds, score, CHANNELS[Math.floor(random() * 5)], `agent${Math.floor(random() * 200)}`, SEGMENTS[Math.floor(random() * 3)], COMMENTS[Math.floor(random() * 8)], respondent, w, csat, ces];
  }
}

const csvField = (text) => (/[",\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

export async function generate(count, path) {
  if (path.endsWith('.xlsx')) return generateXlsx(count, path);
  const out = createWriteStream(path);
  const write = (text) => (out.write(text) ? Promise.resolve() : new Promise((resolve) => out.once('drain', resolve)));
  await write(`${HEADER.join(',')}\n`);
  let chunk = '';
  for (const [id, seconds, score, channel, agent, segment, comment, respondent, w, csat, ces] of rows(count)) {
    const iso = new Date(seconds * 1000).toISOString().replace('.000Z', 'Z');
    chunk += `${id},${iso},${score},${channel},${agent},${segment},${csvField(comment)},${respondent},${w},${csat},${ces}\n`;
    if (chunk.length > 1 << 20) {
      await write(chunk);
      chunk = '';
    }
  }
  await write(chunk);
  await new Promise((resolve) => out.end(resolve));
}

/** The same rows as a workbook written by SheetJS, the timestamp as a real date cell (UTC serial). */
async function generateXlsx(count, path) {
  const XLSX = await import('xlsx');
  const data = [HEADER.map((v) => ({ t: 's', v }))];
  for (const [id, seconds, score, channel, agent, segment, comment, respondent, w, csat, ces] of rows(count)) {
    data.push([
      { t: 'n', v: id },
      { t: 'n', v: seconds / 86400 + 25569, z: 'yyyy-mm-dd hh:mm:ss' },
      { t: 'n', v: score },
      { t: 's', v: channel },
      { t: 's', v: agent },
      { t: 's', v: segment },
      { t: 's', v: comment },
      { t: 's', v: respondent },
      { t: 'n', v: w },
      { t: 'n', v: csat },
      { t: 'n', v: ces },
    ]);
  }
  const sheet = { '!data': data, '!ref': `A1:K${count + 1}` };
  const book = { SheetNames: ['Data'], Sheets: { Data: sheet } };
  writeFileSync(path, XLSX.write(book, { type: 'buffer', bookType: 'xlsx', compression: true }));
}

/**
 * The export at `path`, written unless it is there with this generator's columns (an export
 * from before a column was added is written again).
 */
export async function ensureExport(count, path) {
  const { existsSync, openSync, readSync, closeSync } = await import('node:fs');
  if (existsSync(path)) {
    if (path.endsWith('.xlsx')) return path;
    const head = Buffer.alloc(200);
    const fd = openSync(path, 'r');
    const read = readSync(fd, head, 0, 200, 0);
    closeSync(fd);
    if (head.subarray(0, read).toString().split('\n')[0] === HEADER.join(',')) return path;
  }
  process.stderr.write(`generating ${path} (${count} rows)…\n`);
  await generate(count, path);
  return path;
}

/** The export a bench run names with `--rows 1m` or `--rows 10m` (10m when not given): its size's name and its rows. */
export function exportSize(argv) {
  const at = argv.indexOf('--rows');
  const size = at < 0 ? '10m' : argv[at + 1];
  const rows = { '1m': 1_000_000, '10m': 10_000_000 }[size];
  if (!rows) throw new Error(`--rows ${size}: 1m or 10m`);
  return { size, rows };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const [count, path] = process.argv.slice(2);
  await generate(Number(count), path);
}
